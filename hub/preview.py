"""Local preview: serve output/, receive the quote form, rebuild on changes.

Pages are served with a small script that reloads the browser after each
successful rebuild; the files in output/ are never changed for it.
"""

import threading
import time
from http import HTTPStatus
from pathlib import Path
from urllib.parse import urlsplit

from pelican.settings import read_settings

from hub.build import build, rebuild_in_place, summary
from hub.receiver import PreviewHandler, make_server, receiver_for

WATCHED = ("content", "theme", "plugins", "pelicanconf.py")


def _snapshot():
    stamps = {}
    for root in map(Path, WATCHED):
        for path in [root, *root.rglob("*")] if root.is_dir() else [root]:
            if path.is_file():
                stamps[path] = path.stat().st_mtime_ns
    return stamps


RELOAD_SCRIPT = b"""(function () {
  "use strict";
  var seen = null;
  function poll() {
    fetch("/__reload", { cache: "no-store" })
      .then(function (response) { return response.text(); })
      .then(function (build) {
        if (seen !== null && build !== seen) { window.location.reload(); }
        seen = build;
      })
      .catch(function () {})
      .then(function () { window.setTimeout(poll, 1000); });
  }
  poll();
})();
"""
RELOAD_TAG = b'<script src="/__reload.js" defer></script></head>'


class Builds:
    """How many builds have succeeded: the pages reload when it changes."""

    def __init__(self):
        self.count = 0


class LiveReloadHandler(PreviewHandler):
    def __init__(self, *args, builds, **kwargs):
        self.builds = builds
        super().__init__(*args, **kwargs)

    def do_GET(self):
        path = urlsplit(self.path).path
        if path == "/__reload":
            self._send(str(self.builds.count).encode(), "text/plain")
            return
        if path == "/__reload.js":
            self._send(RELOAD_SCRIPT, "text/javascript")
            return
        page = Path(self.translate_path(self.path))
        if page.is_dir() and path.endswith("/"):
            page = page / "index.html"
        if page.suffix == ".html" and page.is_file():
            html = page.read_bytes().replace(b"</head>", RELOAD_TAG, 1)
            self._send(html, "text/html; charset=utf-8")
            return
        super().do_GET()

    def _send(self, body, content_type):
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def _rebuild(settings_file, builds, changed=(), article_folders=()):
    """A full build, or the fast path when only article files changed."""
    fast = changed and all(
        path.suffix == ".md"
        and any(path.resolve().is_relative_to(folder) for folder in article_folders)
        for path in changed
    )
    if fast:
        result = rebuild_in_place(settings_file, changed)
    else:
        result = build(settings_file, overrides={"INCREMENTAL_PREVIEW": True})
    print("\n".join(summary(result)), flush=True)
    if result.ok:
        builds.count += 1


def serve(settings_file, port=8000, poll_seconds=1.0):
    settings = read_settings(settings_file)
    article_folders = [
        Path(settings["PATH"], folder).resolve() for folder in settings["ARTICLE_PATHS"]
    ]
    builds = Builds()
    _rebuild(settings_file, builds)
    receiver = receiver_for(settings)
    server = make_server(
        settings["OUTPUT_PATH"],
        port,
        receiver,
        handler=LiveReloadHandler,
        builds=builds,
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Previewing on http://127.0.0.1:{port}/ - press Ctrl+C to stop.")
    if receiver is None:
        print("The quote form posts elsewhere; the local receiver is off.")
    else:
        print(
            f"Quote requests sent to {receiver.endpoint} are saved in "
            f"{receiver.submissions}."
        )
    seen = _snapshot()
    try:
        while True:
            time.sleep(poll_seconds)
            current = _snapshot()
            if current != seen:
                changed = {
                    p
                    for p in seen.keys() | current.keys()
                    if seen.get(p) != current.get(p)
                }
                seen = current
                _rebuild(settings_file, builds, changed, article_folders)
    except KeyboardInterrupt:
        server.shutdown()
