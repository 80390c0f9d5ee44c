"""Build the hub with Pelican, all-or-nothing.

Every warning and error logged during the build is collected
(hub.pelican_run); any error fails the build, and all of them are listed at
once. The site is built into a staging
folder that replaces the output folder only when the build succeeded, so a
failed build never damages the last good site; one build at a time writes to
an output folder. What the plugins keep for the next build in this process
(content_model.build_state) is kept only from a build that was written.
"""

import fcntl
import shutil
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

from pelican.settings import read_settings

from content_model.build_state import state
from hub.pelican_run import run_pelican


def build(settings_file="pelicanconf.py", output=None, overrides=None):
    """Build the site; swap it into `output` only if there were no errors."""
    settings = read_settings(settings_file, override=overrides or {})
    target = Path(output or settings["OUTPUT_PATH"])
    staging = _beside(target, "staging")
    with output_lock(target):
        shutil.rmtree(staging, ignore_errors=True)
        result = run_pelican(settings | {"OUTPUT_PATH": str(staging.resolve())})
        index = state.current.search_index
        if index is not None:
            index.close()
            result.search_seconds = index.save_seconds
        if result.ok:
            _swap_in(staging, target)
        else:
            shutil.rmtree(staging, ignore_errors=True)
    return _kept_if_written(result)


def rebuild_in_place(settings_file, changed, overrides=None):
    """Previews only: rebuild into output/ itself, writing just the pages that
    the `changed` article files can affect (plugins/incremental_preview).
    Nothing is written if the content has problems; search is not re-indexed."""
    settings = read_settings(settings_file, override=overrides or {})
    with output_lock(Path(settings["OUTPUT_PATH"])):
        result = run_pelican(
            settings
            | {
                "INCREMENTAL_PREVIEW": True,
                "PREVIEW_CHANGED": [str(path) for path in changed],
                "DELETE_OUTPUT_DIRECTORY": False,
                "SEARCH_INDEX": False,
            }
        )
    return _kept_if_written(result)


def _kept_if_written(result):
    """The next build of this process compares with this one only if it was
    written; after a failed one, with the last that was."""
    if result.ok:
        state.commit()
    else:
        state.abandon()
    return result


@contextmanager
def output_lock(target):
    """One build at a time per output folder: `invoke serve` rebuilding while
    `invoke preview` runs would otherwise mix or lose their files. A second
    build waits, saying so. Once it holds the lock, a site left in
    `.previous` by a build killed in the middle of its swap is put back."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(_beside(target, "lock"), "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(
                f"Another build is writing {target}/: waiting for it to finish.",
                file=sys.stderr,
                flush=True,
            )
            fcntl.flock(lock, fcntl.LOCK_EX)
        previous = _beside(target, "previous")
        if previous.is_dir() and not target.exists():
            previous.rename(target)
            print(
                f"Restored the last good site into {target}/ from {previous}/, "
                "left there by a build that was stopped.",
                file=sys.stderr,
            )
        yield


def _beside(target, suffix):
    return target.with_name(f"{target.name}.{suffix}")


def check(settings_file="pelicanconf.py", overrides=None):
    """Run every check of a full build, keeping no output: what a build
    refuses, check refuses, and nothing else."""
    result, scratch = build_to_folder(settings_file, overrides)
    scratch.cleanup()
    return result


def build_to_folder(settings_file, overrides=None):
    """Build into a new temporary folder, never output/: (the result, the
    folder as a TemporaryDirectory for the caller to clean up)."""
    scratch = tempfile.TemporaryDirectory(prefix="hub-build-")
    settings = read_settings(settings_file, override=overrides or {})
    result = run_pelican(
        settings | {"OUTPUT_PATH": scratch.name, "SEARCH_INDEX": False}
    )
    return _kept_if_written(result), scratch


def _swap_in(staging, target):
    """Two renames; a kill between them leaves the last good site in
    `.previous`, where `output_lock` finds it."""
    previous = _beside(target, "previous")
    shutil.rmtree(previous, ignore_errors=True)
    if target.exists():
        target.rename(previous)
    staging.rename(target)
    shutil.rmtree(previous, ignore_errors=True)


def summary(result):
    """The lines an editor reads after a build or check."""
    lines = [f"note: {message}" for message in result.notices]
    lines += [f"warning: {message}" for message in result.warnings]
    lines += [f"error: {message}" for message in result.errors]
    if result.ok:
        lines.append(f"Built in {result.seconds:.1f}s with no errors.")
    else:
        count = len(result.errors)
        lines.append(
            f"Failed: {count} error{'s' if count != 1 else ''}; nothing was published. "
            "Fix each one above, then run the build again."
        )
    return lines
