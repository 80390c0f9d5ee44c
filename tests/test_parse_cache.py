"""The parse cache: an unchanged article is parsed once, across builds and
processes, and the cache never changes what a build writes or reports."""

import os

import pytest

from content_model.build_state import state
from content_model.reader import HubMarkdownReader


@pytest.fixture
def parses(monkeypatch):
    """Count Markdown parses; forget what this process parsed, as a new one would."""
    counted = []
    parse_file = HubMarkdownReader._parse_file

    def counting(self, path, raw, found):
        counted.append(path)
        return parse_file(self, path, raw, found)

    monkeypatch.setattr(HubMarkdownReader, "_parse_file", counting)

    def fresh_process():
        state.parsed_files.clear()
        counted.clear()
        return counted

    return fresh_process


def files(folder):
    return {
        path.relative_to(folder): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_an_unchanged_article_is_parsed_once(site, parses):
    for slug in ("one", "two", "three"):
        site.article(slug)
    counted = parses()
    assert site.build().ok
    assert len(counted) == 3 + 3  # the articles and the product pages
    cold = files(site.output)
    counted = parses()
    assert site.build().ok
    assert counted == []
    assert files(site.output) == cold
    site.article("two", body="Changed.\n")
    counted = parses()
    assert site.build().ok
    assert [path.rsplit("/", 1)[1] for path in counted] == ["two.md"]


def test_the_cache_keeps_only_what_the_last_build_used(site, parses):
    for slug in ("one", "two"):
        site.article(slug)
    assert site.build().ok
    entries = site.root / "cache" / "parsed"
    before = set(entries.glob("*.json"))
    for entry in before:  # an hour older, by the file system's clock
        an_hour_earlier = entry.stat().st_mtime - 3600
        os.utime(entry, (an_hour_earlier, an_hour_earlier))
    site.article("two", body="Changed.\n")
    parses()
    assert site.build().ok
    after = set(entries.glob("*.json"))
    assert len(after) == len(before)
    assert len(after - before) == 1


def test_problems_are_reported_from_the_cache_too(site, parses):
    site.article("guide", summary="x" * 300)
    first = site.build()
    counted = parses()
    second = site.build()
    assert counted == []
    assert not second.ok
    assert second.errors == first.errors


def test_other_settings_or_a_damaged_entry_parse_again(site, parses):
    site.article("guide", body='"Quoted" text.\n')
    assert site.build().ok
    counted = parses()
    markdown = {"extension_configs": {}, "output_format": "html5"}
    assert site.build(MARKDOWN=markdown).ok
    assert any(path.endswith("guide.md") for path in counted)
    assert "\u201cQuoted\u201d" not in site.page("guide").get_text()
    for entry in (site.root / "cache" / "parsed").glob("*.json"):
        entry.write_text("{not json")
    counted = parses()
    assert site.build().ok
    assert any(path.endswith("guide.md") for path in counted)
    assert "\u201cQuoted\u201d" in site.page("guide").get_text()
