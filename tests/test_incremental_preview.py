"""The preview's fast path writes only what an edit changes, and gets it right."""

import shutil

from conftest import SmallSite


def hub(root):
    site = SmallSite(root)
    for number in range(6):
        site.article(
            f"guide-{number}",
            title=f"Guide {number}",
            tags=["CQC"],
            date=f"2026-01-0{number + 1}",
        )
    site.article("other-topic", title="Other topic", topic="social-value")
    site.data["topics"]["tender-writing"]["resources"] = {
        "Build foundations": [{"article": "guide-2"}]
    }
    return site


def modified_times(output):
    return {path: path.stat().st_mtime_ns for path in output.rglob("*.html")}


def test_fast_path_matches_a_clean_build_byte_for_byte(tmp_path):
    site = hub(tmp_path / "preview")
    assert site.build(INCREMENTAL_PREVIEW=True).ok
    path = site.article(
        "guide-2",
        title="Guide two, renamed",
        date="2026-01-03",
        tags=["CQC"],
        body="A new body.\n",
    )
    result = site.rebuild_in_place([path])
    assert result.ok, result.errors

    clean = SmallSite(tmp_path / "clean")
    shutil.copytree(site.content, clean.content, dirs_exist_ok=True)
    clean.data = site.data
    assert clean.build().ok
    for page in (
        "guide-2/index.html",
        "index.html",
        "topics/tender-writing/index.html",
        "guide-3/index.html",
    ):
        assert (site.output / page).read_bytes() == (
            clean.output / page
        ).read_bytes(), page


def test_title_edit_updates_index_topic_and_lists_and_nothing_else(tmp_path):
    site = hub(tmp_path)
    assert site.build(INCREMENTAL_PREVIEW=True).ok
    before = modified_times(site.output)
    path = site.article(
        "guide-2", title="Guide two, renamed", date="2026-01-03", tags=["CQC"]
    )
    assert site.rebuild_in_place([path]).ok
    for page in ("", "topics/tender-writing", "guide-0"):
        assert "Guide two, renamed" in str(site.page(page)), page
    untouched = site.output / "other-topic" / "index.html"
    assert modified_times(site.output)[untouched] == before[untouched]


def test_deleting_an_article_removes_it_everywhere(tmp_path):
    site = hub(tmp_path)
    del site.data["topics"]["tender-writing"]["resources"]
    assert site.build(INCREMENTAL_PREVIEW=True).ok
    path = site.content / "articles" / "guide-5.md"
    path.unlink()
    assert site.rebuild_in_place([path]).ok
    assert not (site.output / "guide-5").exists()
    for html in site.output.rglob("*.html"):
        assert (
            "guide-5" not in html.read_text() and "Guide 5" not in html.read_text()
        ), html


def test_a_bad_edit_writes_nothing(tmp_path):
    site = hub(tmp_path)
    assert site.build(INCREMENTAL_PREVIEW=True).ok
    before = {p: p.read_bytes() for p in site.output.rglob("*.html")}
    path = site.article("guide-2", topic="nope")
    assert not site.rebuild_in_place([path]).ok
    assert {p: p.read_bytes() for p in site.output.rglob("*.html")} == before
