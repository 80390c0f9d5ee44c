"""Benchmark: the full hub against the hub without its plugins and bare Pelican.

`invoke bench --articles N --runs R` writes a synthetic hub of N articles
(hub/synthetic.py) into a temporary folder and times, alternating and in a
fresh Python process each so that imports and peak memory are per build:

- (a) the full hub: the real theme and every plugin in pelicanconf.py (the
  Pagefind search index, which runs after Pelican, is left out of a and b);
- (b) the same articles, theme and Markdown reader with only `content_model`
  (the reader and the site data the theme needs), no rendering plugins;
- (c) bare Pelican: the same bodies with `Key: value` metadata, Pelican's
  default settings and theme, no plugins;
- (d) edit-to-preview, as an editor sees it in `invoke serve`: in one
  process, the preview's full build, then R edits to an article's body, each
  timed from the file being saved until its page is rewritten and the build
  is done, through the preview's own file watcher and fast path
  (hub/preview.py); then R title edits, timed until the index shows them.

It prints the median wall time of each, milliseconds per article, the build's
CPU time (less disturbed than wall time by other work on the machine, but it
counts only the main process, not the workers that parse Markdown), peak
memory (the build process's maximum resident set), the ratios a/b and a/c,
and the edit-to-preview time against its target.
"""

import argparse
import json
import logging
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from hub import synthetic

ROOT = Path(__file__).resolve().parent.parent
RESULT_PREFIX = "BENCH-RESULT "
KINDS = {
    "a": "full hub (theme, every plugin)",
    "b": "hub theme, content_model only",
    "c": "bare Pelican (default theme)",
    "d": "edit-to-preview: save to page (serve)",
}
BUILDS = ("a", "b", "c")
B_PLUGINS = ["content_model"]
B_FALLBACK = ["content_model", "hub_index"]
TARGETS = {"a/b": 1.10, "a/c": 1.30}
EDIT_TEXT = "Edited for the edit-to-preview benchmark."
EDIT_TIMEOUT_SECONDS = 120
PREVIEW_TARGET_SECONDS = 1.0


def _overrides(kind, folder, plugins=None):
    folder = Path(folder)
    settings = {"CACHE_PATH": str(folder / f"cache-{kind}")}
    if kind == "c":
        # No plugins at all: with PLUGINS unset Pelican loads every installed one.
        return None, settings | {"PATH": str(folder / "bare"), "PLUGINS": []}
    settings |= {
        "PATH": str(folder / "hub"),
        "THEME": str(ROOT / "theme"),
        "PLUGIN_PATHS": [str(ROOT / "plugins")],
        # Pagefind runs after Pelican, plugins or not: it is not timed here.
        "SEARCH_INDEX": False,
    }
    if plugins:
        settings["PLUGINS"] = plugins
    return str(ROOT / "pelicanconf.py"), settings


def one_build(kind, folder, plugins=None, runs=1):
    """Run one build in this process; the child side of `measure`."""
    if kind == "d":
        return _edit_to_preview(folder, runs)
    build = _bare_build if kind == "c" else _hub_build()
    settings_file, overrides = _overrides(kind, folder, plugins)
    output = Path(folder) / f"out-{kind}"
    started, cpu = time.perf_counter(), time.process_time()
    result = build(settings_file, output, overrides)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "peak_mib": _peak_mib(),
        "errors": result.errors,
        "warnings": len(result.warnings),
    }


def _peak_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _hub_build():
    from hub.build import build  # noqa: PLC0415 - imports are part of the cost

    return build


def _bare_build(settings_file, output, overrides):
    """Pelican alone. Not hub.build: importing it imports the content_model
    plugin, whose reader (a BaseReader subclass) Pelican then uses for every
    Markdown file, plugin or not."""
    from pelican import Pelican  # noqa: PLC0415 - imports are part of the cost
    from pelican.settings import read_settings  # noqa: PLC0415

    errors = _ErrorCollector()
    logging.getLogger().addHandler(errors)
    try:
        settings = read_settings(settings_file, override=overrides)
        Pelican(settings | {"OUTPUT_PATH": str(output)}).run()
    finally:
        logging.getLogger().removeHandler(errors)
    return errors


class _ErrorCollector(logging.Handler):
    """Pelican's errors and warnings, shaped like hub.build's BuildResult."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.errors, self.warnings = [], []

    @property
    def ok(self):
        return not self.errors

    def emit(self, record):
        found = self.errors if record.levelno >= logging.ERROR else self.warnings
        found.append(record.getMessage())


def _edit_to_preview(folder, edits):
    """Edits timed from save to rewritten page, as `invoke serve` previews them:
    body edits (the target), then title edits, which also rewrite the index
    and the article's topic page."""
    from hub.preview import Previewer, watch  # noqa: PLC0415 - as _hub_build

    settings_file, overrides = _overrides("a", folder)
    output = Path(folder) / "out-d"
    previewer = Previewer(settings_file, overrides | {"OUTPUT_PATH": str(output)})
    result = previewer.rebuild()
    measured = {"seconds": [], "cpu_seconds": [], "title_seconds": []}
    measured["errors"] = result.errors
    if not result.ok:
        return measured | {"peak_mib": _peak_mib(), "warnings": 0}
    stop = threading.Event()
    content = Path(overrides["PATH"])
    watcher = threading.Thread(target=watch, args=(previewer, [content], stop))
    watcher.start()
    try:
        time.sleep(1)  # the watcher is listening
        for number in range(edits):
            seconds, cpu = _time_one_edit(previewer, content, output, number, "body")
            measured["seconds"].append(seconds)
            measured["cpu_seconds"].append(cpu)
        for number in range(edits):
            seconds, _ = _time_one_edit(previewer, content, output, number, "title")
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
    started, cpu = time.perf_counter(), time.process_time()
    article.write_text(source, "utf-8")
    while text not in page.read_text("utf-8"):
        if time.perf_counter() - started > EDIT_TIMEOUT_SECONDS:
            raise SystemExit(f"the edit did not reach {page}")
        time.sleep(0.002)
    previewer.builds.wait_after(str(count), EDIT_TIMEOUT_SECONDS)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    time.sleep(2)  # the watcher, idle, has tidied up before the next edit
    return seconds, cpu


def measure(kind, folder, plugins=None, runs=1):
    """One build in a fresh Python process: its result and the process's time."""
    command = [sys.executable, "-m", "hub.bench", "--one", kind, "--corpus", folder]
    command += ["--runs", str(runs)]
    if plugins:
        command += ["--plugins", ",".join(plugins)]
    shutil.rmtree(Path(folder) / f"out-{kind}", ignore_errors=True)
    started = time.perf_counter()
    process = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - started
    lines = [
        line.removeprefix(RESULT_PREFIX)
        for line in process.stdout.splitlines()
        if line.startswith(RESULT_PREFIX)
    ]
    if process.returncode or not lines:
        detail = (process.stderr or process.stdout).strip().splitlines()[-15:]
        return {"errors": [f"the build process failed: {'; '.join(detail)}"]}
    return json.loads(lines[-1]) | {"process_seconds": elapsed}


def prepare(folder, articles, seed, say):
    started = time.perf_counter()
    written = synthetic.write_hub(Path(folder) / "hub", articles, seed)
    synthetic.write_bare(Path(folder) / "bare", written)
    say(
        f"Wrote {articles} synthetic articles to {folder} "
        f"in {time.perf_counter() - started:.1f}s."
    )


def _say(line):
    print(line, flush=True)


def run(articles=1000, runs=3, json_path=None, *, preview=True, seed=8, say=_say):
    """Build every kind `runs` times, alternating; print and return the results."""
    folder = tempfile.mkdtemp(prefix="hub-bench-")
    try:
        prepare(folder, articles, seed, say)
        results = _time_kinds(folder, articles, runs, say)
        if preview:
            say(
                f"(d) edit-to-preview: the preview's full build, then {runs} "
                "edit(s) saved and previewed ..."
            )
            samples, titles = _edits(folder, runs, say)
            results["d"] = _summarise("d", samples, articles)
            results["d"]["title_seconds"] = titles
            results["d"]["title_median_seconds"] = statistics.median(titles)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    report = _report(articles, runs, results)
    for line in _table(report):
        say(line)
    if json_path:
        Path(json_path).write_text(json.dumps(report, indent=2) + "\n", "utf-8")
        say(f"Wrote {json_path}.")
    return report


def _time_kinds(folder, articles, runs, say):
    samples = {kind: [] for kind in BUILDS}
    b_plugins = B_PLUGINS
    order = list(BUILDS)
    for number in range(runs):
        shift = number % len(order)
        for kind in order[shift:] + order[:shift]:
            plugins = b_plugins if kind == "b" else None
            measured = measure(kind, folder, plugins)
            if kind == "b" and measured["errors"] and b_plugins == B_PLUGINS:
                say(f"(b) failed with {B_PLUGINS}: {measured['errors'][0]}")
                say(f"(b) measured as {B_FALLBACK} instead.")
                b_plugins = B_FALLBACK
                measured = measure(kind, folder, b_plugins)
            _fail_on_errors(kind, measured)
            samples[kind].append(measured)
            say(
                f"run {number + 1}/{runs} ({kind}) {KINDS[kind]}: "
                f"{measured['seconds']:.2f}s wall, {measured['cpu_seconds']:.2f}s CPU, "
                f"{measured['peak_mib']:.0f} MiB"
            )
    results = {
        kind: _summarise(kind, found, articles) for kind, found in samples.items()
    }
    results["b"]["plugins"] = b_plugins
    return results


def _edits(folder, runs, say):
    """One sample per body edit, and the title edits' times, from one preview."""
    measured = measure("d", folder, runs=runs)
    _fail_on_errors("d", measured)
    samples = []
    for number, (seconds, cpu) in enumerate(
        zip(measured["seconds"], measured["cpu_seconds"], strict=True), start=1
    ):
        say(f"body edit {number}/{runs} (d): previewed {seconds:.2f}s after saving")
        samples.append(measured | {"seconds": seconds, "cpu_seconds": cpu})
    for number, seconds in enumerate(measured["title_seconds"], start=1):
        say(f"title edit {number}/{runs} (d): previewed {seconds:.2f}s after saving")
    return samples, measured["title_seconds"]


def _fail_on_errors(kind, measured):
    if measured["errors"]:
        listed = "\n".join(f"  {error}" for error in measured["errors"][:10])
        raise SystemExit(f"({kind}) the build failed:\n{listed}")


def _summarise(kind, samples, articles):
    seconds = [sample["seconds"] for sample in samples]
    median = statistics.median(seconds)
    cpu = [sample["cpu_seconds"] for sample in samples]
    return {
        "label": KINDS[kind],
        "seconds": seconds,
        "median_seconds": median,
        "cpu_seconds": cpu,
        "median_cpu_seconds": statistics.median(cpu),
        "ms_per_article": 1000 * median / articles,
        "peak_mib": max(sample["peak_mib"] for sample in samples),
        "process_seconds": [sample["process_seconds"] for sample in samples],
        "warnings": max(sample["warnings"] for sample in samples),
    }


def _report(articles, runs, results):
    ratios, cpu_ratios = {}, {}
    for name in TARGETS:
        first, second = (results[kind] for kind in name.split("/"))
        ratios[name] = first["median_seconds"] / second["median_seconds"]
        cpu_ratios[name] = first["median_cpu_seconds"] / second["median_cpu_seconds"]
    return {
        "articles": articles,
        "runs": runs,
        "python": platform.python_version(),
        "machine": f"{platform.system()} {platform.machine()}",
        "results": results,
        "ratios": ratios,
        "cpu_ratios": cpu_ratios,
        "targets": TARGETS,
        "preview_target_seconds": PREVIEW_TARGET_SECONDS,
    }


def _table(report):
    articles, runs = report["articles"], report["runs"]
    lines = [
        f"Benchmark: {articles} articles, median of {runs} run(s), "
        "one fresh process per build.",
        f"{'build':<44} {'wall s':>8} {'ms/article':>11} {'CPU s':>8} {'peak MiB':>9}",
    ]
    for kind, result in report["results"].items():
        label = f"({kind}) {result['label']}"
        if result.get("plugins"):
            label = f"({kind}) hub theme, plugins: {', '.join(result['plugins'])}"
        lines.append(
            f"{label:<44} {result['median_seconds']:>8.2f} "
            f"{result['ms_per_article']:>11.2f} {result['median_cpu_seconds']:>8.2f} "
            f"{result['peak_mib']:>9.0f}"
        )
    for name, ratio in report["ratios"].items():
        target = report["targets"][name]
        verdict = "met" if ratio <= target else "MISSED"
        cpu = report["cpu_ratios"][name]
        lines.append(
            f"{name} = {ratio:.3f} wall, {cpu:.3f} CPU "
            f"(target <= {target:.2f}: {verdict})"
        )
    if "d" in report["results"]:
        seconds = report["results"]["d"]["median_seconds"]
        target = report["preview_target_seconds"]
        verdict = "met" if seconds < target else "MISSED"
        lines.append(
            f"edit-to-preview = {seconds:.2f}s (target < {target:.2f}s: {verdict}); "
            f"a title edit, which rewrites the index and the topic page too: "
            f"{report['results']['d']['title_median_seconds']:.2f}s"
        )
    return lines


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", dest="json_path")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--no-preview", action="store_true")
    parser.add_argument("--one", choices=KINDS, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--plugins", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        plugins = args.plugins.split(",") if args.plugins else None
        result = one_build(args.one, args.corpus, plugins, args.runs)
        print(RESULT_PREFIX + json.dumps(result), flush=True)
        return
    run(
        args.articles,
        args.runs,
        args.json_path,
        preview=not args.no_preview,
        seed=args.seed,
    )


if __name__ == "__main__":
    main()
