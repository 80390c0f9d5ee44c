"""plugins/search_index: the Pagefind index made while the pages are written."""

import gzip
import json
import stat
from pathlib import Path

import pytest

from conftest import ROOT
from hub.build import build_to_folder
from search_index.pagefind_service import PagefindError, PagefindService

PAGE = (
    '<!DOCTYPE html><html lang="en-GB"><head><title>{title}</title></head>'
    "<body><main data-pagefind-body><h1>{title}</h1><p>{text}</p></main></body></html>"
)


def fragments(index_folder):
    """Each indexed page as Pagefind stores it: URL, text and title."""
    found = []
    for path in sorted((index_folder / "fragment").iterdir()):
        data = gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd")
        found.append(json.loads(data))
    return found


def entry(index_folder):
    return json.loads((index_folder / "pagefind-entry.json").read_text("utf-8"))


def test_pages_sent_to_the_service_are_indexed_by_their_path(tmp_path):
    service = PagefindService()
    for slug, text in (("tenders", "Social value weighting"), ("cqc", "Well-led")):
        html = PAGE.format(title=slug.upper(), text=text)
        service.add_page(f"{slug}/index.html", html)
    service.write(str(tmp_path / "pagefind"))
    service.close()
    pages = {page["url"]: page for page in fragments(tmp_path / "pagefind")}
    assert set(pages) == {"/tenders/", "/cqc/"}
    assert "Social value weighting" in pages["/tenders/"]["content"]
    assert pages["/cqc/"]["meta"]["title"] == "CQC"


def test_a_build_ships_an_index_of_every_published_article(site):
    site.article("bid-deadlines", body="Plan around the clarification deadline.\n")
    site.article("social-value", body="Weight social value answers with evidence.\n")
    site.article("not-yet", status="draft")
    # Published builds write no drafts (publishconf.py), so search has none.
    result = site.build(SEARCH_INDEX=True, DRAFT_SAVE_AS="")
    assert result.ok, result.errors
    index = site.output / "pagefind"
    assert entry(index)["languages"]["en-gb"]["page_count"] == 2
    pages = {page["url"]: page["content"] for page in fragments(index)}
    assert set(pages) == {"/bid-deadlines/", "/social-value/"}
    assert "clarification deadline" in pages["/bid-deadlines/"]
    # The search page's script loads what was written.
    assert (index / "pagefind.js").is_file()


def test_a_failing_pagefind_fails_the_build_and_keeps_the_last_site(
    site, tmp_path, monkeypatch
):
    site.article("bid-deadlines")
    assert site.build().ok
    before = (site.output / "bid-deadlines" / "index.html").read_bytes()
    broken = tmp_path / "pagefind"
    broken.write_text("#!/bin/sh\necho 'pagefind: out of disk space' >&2\nexit 3\n")
    broken.chmod(broken.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr("search_index.pagefind_service.get_executable", lambda: broken)
    site.article("bid-deadlines", body="Changed.\n")
    result = site.build(SEARCH_INDEX=True)
    assert not result.ok
    assert any(
        "Search indexing failed" in error and "out of disk space" in error
        for error in result.errors
    ), result.errors
    assert (site.output / "bid-deadlines" / "index.html").read_bytes() == before
    assert not (site.output / "pagefind").exists()


def test_a_stopped_service_is_an_error_not_a_wait(tmp_path):
    quits = tmp_path / "pagefind"
    quits.write_text("#!/bin/sh\nexit 0\n")
    quits.chmod(quits.stat().st_mode | stat.S_IEXEC)
    with pytest.raises(PagefindError, match="Pagefind stopped"):
        PagefindService(quits)


def test_check_and_preview_rebuilds_leave_search_alone(site):
    site.article("bid-deadlines")
    site.write_data()
    result, folder = build_to_folder(
        str(ROOT / "pelicanconf.py"), site.settings({"SEARCH_INDEX": True})
    )
    assert result.ok, result.errors
    assert (Path(folder.name) / "bid-deadlines" / "index.html").is_file()
    assert not (Path(folder.name) / "pagefind").exists()
    folder.cleanup()
    assert site.build().ok
    changed = site.article("bid-deadlines", body="Edited.\n")
    assert site.rebuild_in_place([str(changed)], SEARCH_INDEX=True).ok
    assert not (site.output / "pagefind").exists()
