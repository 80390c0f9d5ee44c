"""Parsed files kept on disk between builds, so an unchanged article is never
parsed twice: not by the next `invoke build`, nor by CI with a restored cache.

Markdown is most of a build's time. An entry's name is a hash of everything
its parse depends on: the file's bytes and path, the settings the reader
uses, the installed Markdown and YAML libraries, and this plugin's own code.
So an entry is never stale, and a changed reader or setting simply misses.
Entries are JSON, never pickle, so a cache from elsewhere can only hold data.
A full build removes the entries it did not use.
"""

import datetime
import hashlib
import json
import os
import tempfile
from pathlib import Path

import markdown
import yaml
from pelican.utils import SafeDatetime

SETTINGS_USED = ("PATH", "PAGE_PATHS", "REVIEW_PERIOD_MONTHS", "MARKDOWN")


class ParseCache:
    def __init__(self, settings):
        self.folder = Path(settings["CACHE_PATH"]) / "parsed"
        self.fingerprint = _fingerprint(settings)

    def key(self, path, data):
        digest = hashlib.sha256(self.fingerprint)
        digest.update(os.path.abspath(path).encode())
        digest.update(data)
        return digest.hexdigest()

    def load(self, key):
        """The parsed file stored under `key`, or None."""
        entry = self.folder / f"{key}.json"
        try:
            parsed = json.loads(entry.read_text("utf-8"), object_hook=_decode)
            os.utime(entry)  # used by this build: keep it
        except (OSError, ValueError):
            return None
        content, metadata, problems = parsed
        return content, metadata, [tuple(problem) for problem in problems]

    def store(self, key, parsed):
        self.folder.mkdir(parents=True, exist_ok=True)
        text = json.dumps(parsed, default=_encode, ensure_ascii=False)
        # Another build may read the entry at once: write it whole, then rename.
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=self.folder, delete=False, suffix=".tmp"
        ) as handle:
            handle.write(text)
        os.replace(handle.name, self.folder / f"{key}.json")

    def mark_start(self):
        """A file whose time is the build's start, by the file system's clock:
        the clock that dates the entries, whatever the process's says."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            dir=self.folder, prefix="started-", suffix=".mark", delete=False
        ) as mark:
            return Path(mark.name)

    def prune(self, mark):
        """Remove the entries, and the marks of stopped builds, that no build
        has used since the one `mark` started."""
        started = mark.stat().st_mtime
        for entry in [*self.folder.glob("*.json"), *self.folder.glob("*.mark")]:
            try:
                if entry.stat().st_mtime < started:
                    entry.unlink()
            except FileNotFoundError:
                continue
        mark.unlink()


def _fingerprint(settings):
    digest = hashlib.sha256()
    used = {name: settings.get(name) for name in SETTINGS_USED}
    digest.update(repr(used).encode())
    digest.update(f"{markdown.__version__} {yaml.__version__}".encode())
    for module in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(module.read_bytes())
    return digest.digest()


def _encode(value):
    if isinstance(value, datetime.datetime):
        return {"__datetime__": value.isoformat()}
    raise TypeError(f"cannot keep {value!r} in the parse cache")


def _decode(value):
    if "__datetime__" in value:
        moment = datetime.datetime.fromisoformat(value["__datetime__"])
        return SafeDatetime(*moment.timetuple()[:6], tzinfo=moment.tzinfo)
    return value
