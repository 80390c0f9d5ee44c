"""The builds of `invoke serve`: which kind each change needs, and when.

The watcher rebuilds after each batch of saved changes; the Previewer runs a
full build or the fast path (plugins/incremental_preview), and counts the
builds so that open pages reload (hub.preview serves them).
"""

import gc
import threading
from pathlib import Path

import watchfiles
from pelican.settings import read_settings

from hub.build import build, rebuild_in_place, summary

WATCHED = ("content", "theme", "plugins", "pelicanconf.py")
# No changes for this long: the preview is idle, and tidies its memory.
IDLE_MILLISECONDS = 500


class BuildCounter:
    """Finished builds so far, and the latest one's errors: the pages reload
    when the count changes, and show the errors while there are any."""

    def __init__(self):
        self.count = 0
        self.errors = []
        self._changed = threading.Condition()

    def finished(self, errors=()):
        with self._changed:
            self.count += 1
            self.errors = list(errors)
            self._changed.notify_all()

    def wait_after(self, seen, timeout):
        """The count once it differs from `seen`, or after `timeout` seconds."""
        with self._changed:
            self._changed.wait_for(lambda: str(self.count) != seen, timeout)
            return self.count


class Previewer:
    """The builds of one preview session.

    The first build, and every build after anything but an article file
    changed (theme, data, pages, plugins, settings), is a full build. When only
    article files changed since the last good build, the fast path writes just
    what they affect (plugins/incremental_preview).
    """

    def __init__(self, settings_file, overrides=None, builds=None):
        self.settings_file = settings_file
        self.overrides = (overrides or {}) | {"INCREMENTAL_PREVIEW": True}
        settings = read_settings(settings_file, override=self.overrides)
        self.article_folders = [
            Path(settings["PATH"], folder).resolve()
            for folder in settings["ARTICLE_PATHS"]
        ]
        self.output = Path(settings["OUTPUT_PATH"])
        self.builds = builds or BuildCounter()
        self.full_build_needed = True
        self.written = None

    def rebuild(self, changed=()):
        changed = [Path(path) for path in changed]
        if not changed or not all(map(self._is_article, changed)):
            self.full_build_needed = True
        if _identity(self.output) != self.written:
            self.full_build_needed = True  # another build (invoke preview) swapped in
        if self.full_build_needed:
            result = build(self.settings_file, overrides=self.overrides)
            self.full_build_needed = not result.ok
        else:
            result = rebuild_in_place(self.settings_file, changed, self.overrides)
        if result.ok:
            self.written = _identity(self.output)
        self.builds.finished(result.errors)
        return result

    def _is_article(self, path):
        resolved = path.resolve()
        return path.suffix == ".md" and any(
            resolved.is_relative_to(folder) for folder in self.article_folders
        )


def _identity(folder):
    """Which output folder this is: each full build swaps in a new one."""
    try:
        found = folder.stat()
    except FileNotFoundError:
        return None
    return found.st_dev, found.st_ino


def tidy_memory():
    """Between builds, once nothing is happening: collect the last build's
    garbage and freeze what survives (the kept site), so that collections
    during the next build scan only what it allocates. Not right after a
    build: it holds the interpreter for a moment, and the browser is asking
    for the new page then."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


class EditorFilesFilter(watchfiles.DefaultFilter):
    """Also ignores the files editors write beside the one being saved, which
    would otherwise make every save of an article a full build."""

    ignore_entity_patterns = (
        *watchfiles.DefaultFilter.ignore_entity_patterns,
        r"^\d+$",  # Vim checks that it may write by creating 4913
        r"\.tmp$",
        r"^\.goutputstream-",  # gedit's atomic saves
    )


def watch(previewer, paths=WATCHED, stop=None, idle=None):
    """Rebuild after each batch of saved changes, until `stop` is set. `idle`,
    an optional threading.Event, is set whenever the watcher has tidied up
    after a build and is waiting for changes."""
    existing = [path for path in paths if Path(path).exists()]
    changes_seen = watchfiles.watch(
        *existing,
        watch_filter=EditorFilesFilter(),
        step=50,
        stop_event=stop,
        rust_timeout=IDLE_MILLISECONDS,
        yield_on_timeout=True,
    )
    untidy = True
    for changes in changes_seen:
        if changes:
            result = previewer.rebuild({path for _, path in changes})
            print("\n".join(summary(result)), flush=True)
            untidy = True
        elif untidy:
            tidy_memory()
            untidy = False
            if idle is not None:
                idle.set()
