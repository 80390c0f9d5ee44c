"""The preview's fast path writes only what an edit changes, and gets it right."""

import shutil
from pathlib import Path

from incremental_preview.listings import CARD_TEMPLATES, shown_fields
from jinja2 import DictLoader, Environment, FileSystemLoader

from conftest import ROOT, SmallSite


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
    return {p: p.stat().st_mtime_ns for p in output.rglob("*") if p.is_file()}


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
    after = modified_times(site.output)
    rewritten = {p.relative_to(site.output) for p in after if after[p] != before[p]}
    assert {"index.html", "topics/tender-writing/index.html"} <= set(
        map(str, rewritten)
    )
    for untouched in (
        "other-topic/index.html",
        "topics/social-value/index.html",
        "search/index.html",
        "sitemap.xml",
    ):
        assert Path(untouched) not in rewritten, untouched


def test_the_first_edit_after_a_full_build_with_search_takes_the_fast_path(tmp_path):
    """`invoke serve` indexes search in its full build and not in its rebuilds."""
    site = hub(tmp_path)
    assert site.build(INCREMENTAL_PREVIEW=True, SEARCH_INDEX=True).ok
    before = modified_times(site.output)
    path = site.article(
        "guide-2", title="Guide 2", date="2026-01-03", tags=["CQC"], body="Edited.\n"
    )
    assert site.rebuild_in_place([path], SEARCH_INDEX=True).ok
    after = modified_times(site.output)
    rewritten = {
        str(p.relative_to(site.output)) for p in after if after[p] != before[p]
    }
    assert "guide-2/index.html" in rewritten
    assert "other-topic/index.html" not in rewritten


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


def every_file(output):
    return {
        path.relative_to(output): path.read_bytes()
        for path in output.rglob("*")
        if path.is_file()
    }


def assert_same_as_a_clean_build(site, root, **settings):
    clean = SmallSite(root)
    shutil.copytree(site.content, clean.content, dirs_exist_ok=True)
    clean.data = site.data
    assert clean.build(**settings).ok
    preview, expected = every_file(site.output), every_file(clean.output)
    assert sorted(preview) == sorted(expected)
    assert [name for name in expected if preview[name] != expected[name]] == []


def test_every_page_matches_a_clean_build_after_each_kind_of_edit(tmp_path):
    """Kept articles, their plugin results and their rendered bodies stay right."""
    site = hub(tmp_path / "preview")
    site.article(
        "guide-0",
        title="Guide 0",
        tags=["CQC"],
        date="2026-01-01",
        body="See [guide 4]({filename}guide-4.md).\n",
    )
    previewer = site.previewer()
    assert previewer.rebuild().ok
    edits = [
        (
            "guide-1",
            {
                "title": "Guide 1",
                "tags": ["CQC"],
                "date": "2026-01-02",
                "body": "A longer body.\n\n" + "Words. " * 400,
            },
        ),
        ("guide-2", {"title": "Guide two", "tags": ["CQC"], "date": "2026-01-03"}),
        ("guide-3", {"title": "Guide 3", "tags": ["Pricing"], "date": "2026-01-04"}),
        ("guide-new", {"title": "A new guide", "tags": ["CQC"], "date": "2026-02-01"}),
        (
            "guide-4",
            {
                "title": "Guide 4",
                "tags": ["CQC"],
                "date": "2026-01-05",
                "status": "draft",
            },
        ),
        ("guide-4", {"title": "Guide 4", "tags": ["CQC"], "date": "2026-01-05"}),
        (
            "guide-1",
            {
                "title": "Guide 1",
                "tags": ["CQC"],
                "date": "2026-01-02",
                "summary": "A new summary.",
                "modified": "2026-03-01",
            },
        ),
        ("guide-2", {"title": "Guide two", "tags": ["CQC"], "date": "2025-12-01"}),
        ("other-topic", {"title": "Other topic", "topic": "tender-writing"}),
    ]
    for number, (slug, fields) in enumerate(edits):
        path = site.article(slug, **fields)
        result = previewer.rebuild([path])
        assert result.ok, result.errors
        assert_same_as_a_clean_build(site, tmp_path / f"clean-{number}")
    deleted = site.content / "articles" / "guide-5.md"
    deleted.unlink()
    assert previewer.rebuild([deleted]).ok
    assert_same_as_a_clean_build(site, tmp_path / "clean-deleted")


def test_kept_articles_are_checked_again_against_the_others(tmp_path):
    site = hub(tmp_path)
    site.article("guide-0", body="See [guide 4]({filename}guide-4.md).\n")
    previewer = site.previewer()
    assert previewer.rebuild().ok
    deleted = site.content / "articles" / "guide-4.md"
    deleted.unlink()
    result = previewer.rebuild([deleted])
    assert any(
        "guide-0.md" in error and "guide-4.md" in error for error in result.errors
    ), result.errors
    assert (site.output / "guide-4" / "index.html").exists()  # nothing written


def test_a_mistake_in_a_kept_article_is_reported_until_fixed(tmp_path):
    site = hub(tmp_path)
    site.article(
        "guide-0",
        resources={"mode": "add", "groups": {"Extra": [{"article": "guide-5"}]}},
    )
    previewer = site.previewer()
    assert previewer.rebuild().ok
    deleted = site.content / "articles" / "guide-5.md"
    deleted.unlink()
    other = site.article("guide-3", title="Guide three")
    for changed in (deleted, other):  # guide-0 is kept, and still wrong
        result = previewer.rebuild([changed])
        assert [e for e in result.errors if "guide-0.md" in e and "'guide-5'" in e], (
            result.errors
        )
    fixed = site.article("guide-0")
    assert previewer.rebuild([fixed]).ok
    assert_same_as_a_clean_build(site, tmp_path / "clean")


def test_nothing_is_kept_when_the_settings_or_the_data_changed(tmp_path):
    site = hub(tmp_path / "preview")
    site.article("guide-1", title="Guide 1", cta="none", products=["rapid-support"])
    assert site.build(INCREMENTAL_PREVIEW=True).ok
    path = site.article("guide-0", title="Guide 0", body="Edited.\n")
    changed = {"DEFAULT_PRODUCTS": ["monthly-retainer"], "SITENAME": "Our hub"}
    assert site.rebuild_in_place([path], **changed).ok
    assert_same_as_a_clean_build(site, tmp_path / "new-settings", **changed)
    site.data["products"]["rapid-support"]["name"] = "Rapid Support Packs"
    site.write_data()
    assert site.rebuild_in_place([path], **changed).ok
    assert_same_as_a_clean_build(site, tmp_path / "new-data", **changed)


def test_what_listings_show_is_read_from_the_theme():
    theme = Environment(loader=FileSystemLoader(ROOT / "theme" / "templates"))
    shown = shown_fields(theme)
    assert {"status", "title", "summary", "url", "date", "modified"} <= set(shown.card)
    assert {"url", "date", "modified"} <= set(shown.sitemap)
    assert "summary" not in shown.sitemap


def test_a_field_added_to_a_card_is_compared_with_no_other_change():
    card = (
        "{% macro article_card(article) %}{{ article.reading_minutes }}{% endmacro %}"
    )
    listing = "{% for other in articles %}{{ other.editor.name }}{% endfor %}"
    templates = dict.fromkeys(CARD_TEMPLATES, listing) | {"sitemap.html": ""}
    templates[CARD_TEMPLATES[0]] = card
    shown = shown_fields(Environment(loader=DictLoader(templates)))
    assert shown.card == ("status", "editor", "reading_minutes")
    assert shown.sitemap == ("status",)
