"""The benchmark's synthetic hub is valid content, and the benchmark runs."""

import json

from conftest import ROOT
from hub import bench, synthetic
from hub.build import check


def test_synthetic_hub_passes_every_check(tmp_path):
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
    assert len(articles) == 20
    body = articles[0].body
    assert "## " in body and "\n- " in body and "({filename}" in body
    assert 850 <= len(body.split()) <= 1100


def test_synthetic_hub_is_deterministic():
    first = synthetic.make_articles(5, seed=3)
    again = synthetic.make_articles(5, seed=3)
    assert [a.front_matter for a in first] == [a.front_matter for a in again]
    assert [a.body for a in first] == [a.body for a in again]


def test_bench_prints_timings_and_ratios(tmp_path, capsys):
    path = tmp_path / "bench.json"
    report = bench.run(articles=10, runs=1, json_path=path)
    printed = capsys.readouterr().out
    for line in ("(a) full hub", "(b) hub theme", "(c) bare Pelican", "(d) edit"):
        assert line in printed
    assert "a/b = " in printed and "a/c = " in printed
    assert "edit-to-preview = " in printed and "(target < 1.00s: " in printed
    assert len(report["results"]["d"]["seconds"]) == 1
    assert len(report["results"]["d"]["title_seconds"]) == 1
    assert 0 < report["results"]["d"]["median_seconds"] < 60
    assert json.loads(path.read_text()) == report
    assert report["results"]["b"]["plugins"] == ["content_model"]
    assert set(report["ratios"]) == set(report["cpu_ratios"]) == {"a/b", "a/c"}
