"""Local preview: serve output/, receive the quote form, rebuild on changes.

Pages are served with a small script that reloads the browser as soon as a
rebuild finishes and, while the latest rebuild has failed, with its errors at
the top; the files in output/ are never changed for it. The CMS at /admin/ is
served as it is, since reloading would lose what an editor is typing; it
edits the working tree through decap-server, the CMS's local backend, which
the preview starts. Which builds run, and when: hub.preview_builds.
"""

import errno
import html
import os
import re
import socket
import subprocess
import threading
import time
from contextlib import contextmanager
from http import HTTPStatus
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from pelican.settings import read_settings

from cms_admin import ADMIN_FOLDER
from cms_admin.decap_config import repository_root
from hub.build import summary
from hub.preview_builds import BuildCounter, Previewer, watch
from hub.receiver import PreviewHandler, make_server, receiver_for

# Pinned in package-lock.json; `npm ci` installs it.
DECAP_SERVER = Path(__file__).resolve().parent.parent / "node_modules/.bin/decap-server"
CMS_BACKEND_START_SECONDS = 30
# How long a browser's request for the next build waits before asking again.
RELOAD_WAIT_SECONDS = 20


class PortInUse(Exception):
    """Another program, often another preview, is serving on the port."""

    def __init__(self, port, command="invoke serve"):
        super().__init__(
            f"port {port} is already in use (is another `{command}` running?). "
            f"Stop it, or choose another port: {command} --port {port + 1}"
        )


RELOAD_SCRIPT = b"""(function () {
  "use strict";
  var seen = null;
  function next() {
    var query = seen === null ? "" : "?after=" + encodeURIComponent(seen);
    fetch("/__reload" + query, { cache: "no-store" })
      .then(function (response) { return response.text(); })
      .then(function (build) {
        if (seen !== null && build !== seen) { window.location.reload(); return; }
        seen = build;
        next();
      })
      .catch(function () { window.setTimeout(next, 1000); });
  }
  next();
})();
"""
RELOAD_TAG = b'<script src="/__reload.js" defer></script></head>'
ERRORS_STYLE = b"""\
.preview-errors {
  margin: 0;
  padding: 1rem 1.5rem;
  border-bottom: 0.25rem solid #b3261e;
  background: #fdecea;
  color: #1f1f1f;
  font: 1rem/1.5 system-ui, sans-serif;
}
.preview-errors h2 { margin: 0 0 0.5rem; font-size: 1.25rem; }
.preview-errors li { white-space: pre-wrap; font-family: ui-monospace, monospace; }
"""
ERRORS_STYLE_TAG = b'<link rel="stylesheet" href="/__errors.css">'
BODY_TAG = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)
# For a missing page when output/ has no 404.html, e.g. the first build failed.
NOT_FOUND_PAGE = (
    b"<!doctype html><html lang=en><head><title>Page not found</title></head>"
    b"<body><h1>Page not found</h1></body></html>"
)


def errors_banner(errors):
    """The top of every page while the latest build has failed: plain HTML,
    which reads fine even without its stylesheet."""
    items = "".join(f"<li>{html.escape(error)}</li>" for error in errors)
    return (
        '<section class="preview-errors" role="alert">'
        "<h2>The last change was not built</h2>"
        "<p>You are seeing the last good build. Fix each error below and save: "
        "this page reloads when the next build finishes.</p>"
        f"<ul>{items}</ul></section>"
    ).encode()


class CmsBackendError(Exception):
    """decap-server is missing, or did not start."""


@contextmanager
def cms_backend(root):
    """decap-server editing the files under `root`, on a free port of this
    machine only; yields the address the CMS's configuration names."""
    if not DECAP_SERVER.is_file():
        raise CmsBackendError(
            "decap-server is not installed: run `npm ci` in the project folder "
            "(`invoke serve` does it for you)."
        )
    port = _free_port()
    server = subprocess.Popen(
        [DECAP_SERVER],
        cwd=root,
        env=os.environ
        | {
            "GIT_REPO_DIRECTORY": str(root),
            "MODE": "fs",
            "BIND_HOST": "127.0.0.1",
            "PORT": str(port),
            "LOG_LEVEL": "warn",
        },
    )
    try:
        _wait_until_listening(server, port)
        yield f"http://127.0.0.1:{port}/api/v1"
    finally:
        server.terminate()
        server.wait()


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_listening(server, port):
    deadline = time.monotonic() + CMS_BACKEND_START_SECONDS
    while server.poll() is None and time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise CmsBackendError(
        f"decap-server did not start on port {port} (exit status {server.poll()})."
    )


class LiveReloadHandler(PreviewHandler):
    def __init__(self, *args, builds, **kwargs):
        self.builds = builds
        super().__init__(*args, **kwargs)

    def do_GET(self):
        url = urlsplit(self.path)
        if url.path == "/__reload":
            # With ?after=N, answers once the build count is no longer N.
            seen = parse_qs(url.query).get("after")
            count = (
                self.builds.wait_after(seen[0], RELOAD_WAIT_SECONDS)
                if seen
                else self.builds.count
            )
            self._send(str(count).encode(), "text/plain")
            return
        if url.path == "/__reload.js":
            self._send(RELOAD_SCRIPT, "text/javascript")
            return
        if url.path == "/__errors.css":
            self._send(ERRORS_STYLE, "text/css")
            return
        page = Path(self.translate_path(self.path))
        if page.is_dir() and url.path.endswith("/"):
            page = page / "index.html"
        if page.suffix == ".html" and page.is_file() and not _is_admin(url.path):
            self._send_page(page.read_bytes())
            return
        super().do_GET()

    def send_error(self, code, message=None, explain=None):
        if code != HTTPStatus.NOT_FOUND or self.command != "GET":
            super().send_error(code, message, explain)
            return
        try:
            page = Path(self.directory, "404.html").read_bytes()
        except OSError:
            page = NOT_FOUND_PAGE
        self._send_page(page, HTTPStatus.NOT_FOUND)

    def _send_page(self, page, status=HTTPStatus.OK):
        """Send a page with the reload script and the latest build's errors."""
        head = RELOAD_TAG
        errors = self.builds.errors
        if errors:
            head = ERRORS_STYLE_TAG + RELOAD_TAG
            banner = errors_banner(errors)
            page = BODY_TAG.sub(lambda body: body[0] + banner, page, count=1)
        self._send(
            page.replace(b"</head>", head, 1), "text/html; charset=utf-8", status
        )

    def log_request(self, code="-", size="-"):
        if not self.path.startswith("/__reload"):  # each open tab asks all the time
            super().log_request(code, size)

    def _send(self, body, content_type, status=HTTPStatus.OK):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def _is_admin(path):
    return path.startswith(f"/{ADMIN_FOLDER}/")


def serve(settings_file, port=8000, overrides=None, stop=None):
    """Serve, start the CMS's local backend, then build and rebuild on
    changes until Ctrl+C or `stop` is set; PortInUse before anything else."""
    settings = read_settings(settings_file, override=dict(overrides or {}))
    receiver = receiver_for(settings)
    builds = BuildCounter()
    server = _bind(
        "invoke serve",
        settings["OUTPUT_PATH"],
        port,
        receiver,
        handler=LiveReloadHandler,
        builds=builds,
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with cms_backend(repository_root(settings)) as cms:
            local = {"CMS_LOCAL_BACKEND": cms}
            previewer = Previewer(settings_file, (overrides or {}) | local, builds)
            _introduce(port, receiver)
            print("\n".join(summary(previewer.rebuild())), flush=True)
            watch(previewer, stop=stop)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()


def _introduce(port, receiver):
    print(f"Previewing on http://127.0.0.1:{port}/ - press Ctrl+C to stop.")
    print(
        f"Edit in the browser at http://127.0.0.1:{port}/{ADMIN_FOLDER}/: "
        "saving writes to the files here."
    )
    if receiver is None:
        print("The quote form posts elsewhere; the local receiver is off.")
    else:
        print(
            f"Quote requests sent to {receiver.endpoint} are saved in "
            f"{receiver.submissions}."
        )


def serve_built(output, port):
    """Serve a finished build as it is (`invoke preview --serve`) until Ctrl+C."""
    server = _bind("invoke preview --serve", output, port)
    print(f"Serving {output}/ on http://127.0.0.1:{port}/ - press Ctrl+C to stop.")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def _bind(command, directory, port, receiver=None, **options):
    """The server, bound before any build so a busy port is known at once."""
    try:
        return make_server(directory, port, receiver, **options)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise PortInUse(port, command) from None
        raise
