"""The benchmark's child process: one build (or one preview session), timed
from inside, so that starting Python is not counted against any kind."""

import re
import resource
import threading
import time
from pathlib import Path

from hub.pelican_run import run_pelican

ROOT = Path(__file__).resolve().parent.parent.parent
EDIT_TEXT = "Edited for the edit-to-preview benchmark."
EDIT_TIMEOUT_SECONDS = 120


def overrides(kind, folder, plugins=None):
    """(settings file, overrides) for a kind of build of the corpus in `folder`."""
    folder = Path(folder)
    settings = {"CACHE_PATH": str(folder / f"cache-{kind}")}
    if kind == "c":
        # No plugins at all: with PLUGINS unset Pelican loads every installed one.
        return None, settings | {"PATH": str(folder / "bare"), "PLUGINS": []}
    settings |= {
        "PATH": str(folder / "hub"),
        "THEME": str(ROOT / "theme"),
        "PLUGIN_PATHS": [str(ROOT / "plugins")],
        # What `invoke build` costs, search index included.
        "SEARCH_INDEX": True,
    }
    if plugins:
        settings["PLUGINS"] = plugins
    return str(ROOT / "pelicanconf.py"), settings


def one_build(kind, folder, plugins=None, runs=1):
    """Run one build in this process; the child side of `measure`."""
    if kind == "d":
        return _edit_to_preview(folder, runs)
    build = _bare_build if kind == "c" else _hub_build()
    settings_file, settings = overrides(kind, folder, plugins)
    output = Path(folder) / f"out-{kind}"
    started, cpu = time.perf_counter(), cpu_seconds()
    result = build(settings_file, output, settings)
    seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "search_seconds": result.search_seconds,
        "peak_mib": _peak_mib(),
        "errors": result.errors,
        "warnings": len(result.warnings),
    }


def cpu_seconds():
    """CPU time of this process and of the processes it has waited for: the
    workers that parse Markdown and Pagefind count too."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _peak_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _hub_build():
    from hub.build import build  # noqa: PLC0415 - imports are part of the cost

    return build


def _bare_build(settings_file, output, settings):
    """Pelican alone, with none of the hub's plugins imported."""
    from pelican.settings import read_settings  # noqa: PLC0415 - part of the cost

    settings = read_settings(settings_file, override=settings)
    return run_pelican(settings | {"OUTPUT_PATH": str(output)})


def _edit_to_preview(folder, edits):
    """Edits timed from save to rewritten page, as `invoke serve` previews them:
    body edits (the target), then title edits, which also rewrite the index
    and the article's topic page."""
    from hub.preview import Previewer, watch  # noqa: PLC0415 - as _hub_build

    settings_file, settings = overrides("d", folder)
    output = Path(folder) / "out-d"
    previewer = Previewer(settings_file, settings | {"OUTPUT_PATH": str(output)})
    result = previewer.rebuild()
    measured = {"seconds": [], "cpu_seconds": [], "title_seconds": []}
    measured["errors"] = result.errors
    if not result.ok:
        return measured | {"peak_mib": _peak_mib(), "warnings": 0}
    stop, idle = threading.Event(), threading.Event()
    content = Path(settings["PATH"])
    watcher = threading.Thread(target=watch, args=(previewer, [content], stop, idle))
    watcher.start()
    try:
        _wait_until_idle(idle)  # the watcher is listening
        for number in range(edits):
            seconds, cpu = _time_one_edit(previewer, content, output, number, "body")
            _wait_until_idle(idle)
            measured["seconds"].append(seconds)
            measured["cpu_seconds"].append(cpu)
        for number in range(edits):
            seconds, _ = _time_one_edit(previewer, content, output, number, "title")
            _wait_until_idle(idle)
            measured["title_seconds"].append(seconds)
    finally:
        stop.set()
        watcher.join()
    return measured | {"peak_mib": _peak_mib(), "warnings": len(result.warnings)}


def _time_one_edit(previewer, content, output, number, part):
    article = sorted((content / "articles").glob("*.md"))[number % 2]
    source = article.read_text("utf-8")
    if part == "body":
        text = f"{EDIT_TEXT} ({number})"
        source += f"\n{text}\n"
        page = output / article.stem / "index.html"
    else:
        text = f"Retitled for the benchmark ({number})"
        source = re.sub(r"^title: .*$", f"title: {text}", source, count=1, flags=re.M)
        page = output / "index.html"
    count = previewer.builds.count
    started, cpu = time.perf_counter(), cpu_seconds()
    article.write_text(source, "utf-8")
    while text not in page.read_text("utf-8"):
        if time.perf_counter() - started > EDIT_TIMEOUT_SECONDS:
            raise SystemExit(f"the edit did not reach {page}")
        time.sleep(0.002)
    previewer.builds.wait_after(str(count), EDIT_TIMEOUT_SECONDS)
    seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    return seconds, cpu


def _wait_until_idle(idle):
    """Until the watcher has tidied up after its last build and waits for the
    next change, so that no edit is timed while it tidies."""
    if not idle.wait(EDIT_TIMEOUT_SECONDS):
        raise SystemExit("the preview's watcher never became idle")
    idle.clear()
