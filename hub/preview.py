"""Local preview: serve output/ and rebuild when a source file changes."""

import functools
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from pelican.settings import read_settings

from hub.build import build, summary

WATCHED = ("content", "theme", "plugins", "pelicanconf.py")


def _snapshot():
    stamps = {}
    for root in map(Path, WATCHED):
        for path in [root, *root.rglob("*")] if root.is_dir() else [root]:
            if path.is_file():
                stamps[path] = path.stat().st_mtime_ns
    return stamps


def _rebuild(settings_file):
    print("\n".join(summary(build(settings_file))), flush=True)


def serve(settings_file, port=8000, poll_seconds=1.0):
    output = read_settings(settings_file)["OUTPUT_PATH"]
    _rebuild(settings_file)
    handler = functools.partial(SimpleHTTPRequestHandler, directory=output)
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Previewing on http://127.0.0.1:{port}/ - press Ctrl+C to stop.")
    seen = _snapshot()
    try:
        while True:
            time.sleep(poll_seconds)
            current = _snapshot()
            if current != seen:
                seen = current
                _rebuild(settings_file)
    except KeyboardInterrupt:
        server.shutdown()
