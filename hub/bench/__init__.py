"""Benchmark: the full hub against the hub without its plugins and bare Pelican.

`invoke bench --articles N --runs R` writes a synthetic hub of N articles
(hub/synthetic.py) into a temporary folder and times, alternating and in a
fresh Python process each so that imports and peak memory are per build:

- (a) the full hub, as `invoke build` makes it on a new machine: the real
  theme, every plugin in pelicanconf.py, and the Pagefind search index (also
  timed on its own), with an empty parse cache;
- (w) the same, rebuilt with nothing changed: the parse cache holds every
  article (content_model/parse_cache.py), as for a second `invoke build`;
- (b) the same articles, theme, Markdown reader and search index with only
  the plugins the theme cannot render without (B_PLUGINS), with an empty
  parse cache;
- (c) bare Pelican: the same bodies with `Key: value` metadata, Pelican's
  default settings and theme, no plugins;
- (d) edit-to-preview, as an editor sees it in `invoke serve`: in one
  process, the preview's full build, then R edits to an article's body, each
  timed from the file being saved until its page is rewritten and the build
  is done, through the preview's own file watcher and fast path
  (hub/preview.py); then R title edits, timed until the index shows them.

It prints the median wall time of each, Pagefind's part of it, milliseconds
per article, the build's CPU time (the build process and every process it
ran: the workers that parse Markdown and Pagefind), peak memory (the build
process's maximum resident set), the ratios a/b and a/c by wall and by CPU
with the number of cores, and the edit-to-preview time against its target.
The child process is hub/bench/child.py, the figures hub/bench/report.py.
"""

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hub import synthetic
from hub.bench.child import ROOT
from hub.bench.report import report, table

RESULT_PREFIX = "BENCH-RESULT "
KINDS = {
    "a": "full hub (theme, every plugin)",
    "w": "full hub, rebuilt with nothing changed",
    "b": "hub theme, only the plugins it needs",
    "c": "bare Pelican (default theme)",
    "d": "edit-to-preview: save to page (serve)",
}
BUILDS = ("a", "w", "b", "c")
# Built with an empty parse cache, as on a new machine or after a change to
# the reader; "w" keeps the cache of the build before it.
COLD = ("a", "b")
# What the theme cannot render without: the content model, the filters and
# settings its templates use (reading aids, the forms) and the index's data.
# The plugins left out (promos and quote call-to-action, resources and related
# guidance, redirects, the preview's) are what a/b measures.
B_PLUGINS = ["content_model", "reading_aids", "quote_form", "hub_index", "search_index"]


def measure(kind, folder, plugins=None, runs=1):
    """One build in a fresh Python process: its result and the process's time."""
    command = [sys.executable, "-m", "hub.bench", "--one", kind, "--corpus", folder]
    command += ["--runs", str(runs)]
    if plugins:
        command += ["--plugins", ",".join(plugins)]
    shutil.rmtree(Path(folder) / f"out-{kind}", ignore_errors=True)
    if kind in COLD:
        shutil.rmtree(Path(folder) / f"cache-{kind}", ignore_errors=True)
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
    figures = report(articles, runs, results)
    for line in table(figures):
        say(line)
    if json_path:
        Path(json_path).write_text(json.dumps(figures, indent=2) + "\n", "utf-8")
        say(f"Wrote {json_path}.")
    return figures


def _time_kinds(folder, articles, runs, say):
    samples = {kind: [] for kind in BUILDS}
    order = list(BUILDS)
    say("(w) a first build, untimed, fills its parse cache ...")
    _fail_on_errors("w", measure("w", folder))
    for number in range(runs):
        shift = number % len(order)
        for kind in order[shift:] + order[:shift]:
            plugins = B_PLUGINS if kind == "b" else None
            measured = measure(kind, folder, plugins)
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
    results["b"]["plugins"] = B_PLUGINS
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
    search = [sample.get("search_seconds", 0.0) for sample in samples]
    return {
        "label": KINDS[kind],
        "seconds": seconds,
        "median_seconds": median,
        "cpu_seconds": cpu,
        "median_cpu_seconds": statistics.median(cpu),
        "median_search_seconds": statistics.median(search),
        "ms_per_article": 1000 * median / articles,
        "peak_mib": max(sample["peak_mib"] for sample in samples),
        "process_seconds": [sample["process_seconds"] for sample in samples],
        "warnings": max(sample["warnings"] for sample in samples),
    }
