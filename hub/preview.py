"""Local preview: serve output/, receive the quote form, rebuild on changes."""

import threading
import time
from pathlib import Path

from pelican.settings import read_settings

from hub.build import build, summary
from hub.receiver import make_server, receiver_for

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
    settings = read_settings(settings_file)
    _rebuild(settings_file)
    receiver = receiver_for(settings)
    server = make_server(settings["OUTPUT_PATH"], port, receiver)
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
                seen = current
                _rebuild(settings_file)
    except KeyboardInterrupt:
        server.shutdown()
