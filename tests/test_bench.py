"""The benchmark's synthetic hub is valid content, and the benchmark runs."""

import functools
import json
import os
import subprocess
import sys
from datetime import date

import pytest
import time_machine

from conftest import ROOT
from hub import bench, synthetic
from hub.bench import child
from hub.bench.report import table
from hub.build import check


# The real clock, and years on: the synthetic hub must never go out of date.
@pytest.mark.parametrize("year", [None, 2031, 2045])
def test_synthetic_hub_passes_every_check(tmp_path, year):
    if year is None:
        articles = run_check(tmp_path)
    else:
        with time_machine.travel(date(year, 6, 1), tick=False):
            articles = run_check(tmp_path)
    assert len(articles) == 20
    body = articles[0].body
    assert "## " in body and "\n- " in body and "({filename}" in body
    assert 850 <= len(body.split()) <= 1100


def run_check(tmp_path):
    articles = synthetic.write_hub(tmp_path / "content", 20)
    result = check(
        str(ROOT / "pelicanconf.py"),
        {
            "PATH": str(tmp_path / "content"),
            "THEME": str(ROOT / "theme"),
            "PLUGIN_PATHS": [str(ROOT / "plugins")],
            "CACHE_PATH": str(tmp_path / "cache"),
        },
    )
    assert result.ok, "\n".join(result.errors)
    assert result.warnings == []
    return articles


def test_synthetic_hub_is_deterministic():
    first = synthetic.make_articles(5, seed=3)
    again = synthetic.make_articles(5, seed=3)
    assert [a.front_matter for a in first] == [a.front_matter for a in again]
    assert [a.body for a in first] == [a.body for a in again]


def test_synthetic_dates_follow_the_given_day():
    today = date(2040, 2, 29)
    articles = synthetic.make_articles(50, seed=3, today=today)
    again = synthetic.make_articles(50, seed=3, today=today)
    assert [a.front_matter for a in articles] == [a.front_matter for a in again]
    for article in articles:
        front = article.front_matter
        assert front["date"] <= front.get("modified", front["date"]) <= today
        assert today < front["review_by"] <= date(2041, 3, 1)
    later = synthetic.make_articles(50, seed=3, today=date(2041, 1, 1))
    assert [a.body for a in later] == [a.body for a in articles]


def test_bench_prints_timings_and_ratios(tmp_path, capsys, monkeypatch):
    # The builds run in new processes, on the real clock even when this one is
    # moved (--clock-years-ahead): date the corpus in a past both agree on.
    write_hub = functools.partial(synthetic.write_hub, today=date(2020, 1, 1))
    monkeypatch.setattr(synthetic, "write_hub", write_hub)
    path = tmp_path / "bench.json"
    report = bench.run(articles=10, runs=1, json_path=path)
    printed = capsys.readouterr().out
    for line in (
        "(a) full hub",
        "(w) full hub, rebuilt",
        "(b) hub",
        "(c) bare",
        "(d) edit",
    ):
        assert line in printed
    assert "a/b = " in printed and "a/c = " in printed
    assert "edit-to-preview = " in printed and "(target < 1.00s each: " in printed
    assert len(report["results"]["d"]["seconds"]) == 1
    assert len(report["results"]["d"]["title_seconds"]) == 1
    assert 0 < report["results"]["d"]["median_seconds"] < 60
    assert json.loads(path.read_text()) == report
    assert report["results"]["b"]["plugins"] == bench.B_PLUGINS
    assert set(report["ratios"]) == set(report["cpu_ratios"]) == {"a/b", "a/c", "w/c"}
    # The full hub is what `invoke build` costs: Pagefind included, and shown.
    assert report["results"]["a"]["median_search_seconds"] > 0
    assert report["results"]["c"]["median_search_seconds"] == 0
    assert f"on {os.cpu_count()} cores" in printed
    assert f"a/c = {report['ratios']['a/c']:.3f} wall on {os.cpu_count()} cores" in (
        printed
    )


def test_cpu_time_counts_the_processes_a_build_runs():
    before = child.cpu_seconds()
    burn = (
        "import time\n"
        "end = time.process_time() + 0.5\n"
        "while time.process_time() < end: pass"
    )
    subprocess.run([sys.executable, "-c", burn], check=True)
    assert child.cpu_seconds() - before >= 0.5


def test_the_slowest_edit_decides_the_preview_verdict():
    edits = {
        "label": "edit-to-preview",
        "seconds": [2.2, 0.3, 0.3],
        "median_seconds": 0.3,
        "median_search_seconds": 0.0,
        "ms_per_article": 30.0,
        "median_cpu_seconds": 0.3,
        "peak_mib": 90,
        "title_median_seconds": 0.4,
    }
    figures = {
        "results": {"d": edits},
        "ratios": {},
        "preview_target_seconds": 1.0,
        "articles": 10,
        "runs": 3,
        "cores": 2,
    }
    line = next(line for line in table(figures) if line.startswith("edit-to-"))
    assert "0.30s median, 2.20s slowest" in line
    assert "MISSED" in line
