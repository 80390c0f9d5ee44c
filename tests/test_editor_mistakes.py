"""Mistakes that used to pass `build` and `check`, or got a vague message:
each is now one error naming the source file, line and field."""

import datetime

import pytest
from pelican.settings import read_settings

from conftest import ROOT
from hub.build import check, summary
from hub.scaffold import new_article


def errors_of(result):
    assert not result.ok
    return result.errors


def only_error(result):
    errors = errors_of(result)
    assert len(errors) == 1, errors
    return errors[0]


def check_site(site):
    site.write_data()
    return check(str(ROOT / "pelicanconf.py"), site.settings({}))


def test_summary_over_160_characters(site):
    site.article("guide", summary="x" * 300)
    error = only_error(site.build())
    assert "content/articles/guide.md:5: [summary] is 300 characters long" in error
    assert "Shorten it to 160 characters at most." in error


def test_title_has_a_length_limit(site):
    site.article("guide", title="Long " * 100)
    assert "guide.md:2: [title] is 499 characters long" in only_error(site.build())


@pytest.mark.parametrize(
    ("name", "hub_page"),
    [
        ("search", "search/index.html"),
        ("404", "404.html"),
        ("topics", "topics/tender-writing/index.html"),
        ("feeds", "feeds/all.atom.xml"),
        ("drafts", "drafts/"),
        ("sitemap", "sitemap.xml"),
        ("robots", "robots.txt"),
        ("pagefind", "pagefind/"),
        ("theme", "theme/"),
    ],
)
def test_article_named_like_a_page_the_hub_writes(site, name, hub_page):
    site.article(name)
    error = only_error(site.build())
    assert f"content/articles/{name}.md: [slug] the slug '{name}'" in error
    assert hub_page.split("/")[0] in error
    assert "Rename the file" in error


def test_page_named_like_a_page_the_hub_writes(site):
    site.write("pages/search.md", "---\ntitle: Search\nsummary: Mine.\n---\nHi.\n")
    assert "pages/search.md: [slug] the slug 'search'" in only_error(site.build())


def test_a_new_direct_template_is_reserved_too(site):
    site.article("glossary")
    (site.root / "theme").mkdir()
    error = only_error(
        site.build(
            DIRECT_TEMPLATES=["index", "glossary"],
            GLOSSARY_SAVE_AS="glossary.html",
            THEME_TEMPLATES_OVERRIDES=[str(ROOT / "tests" / "fixtures" / "templates")],
        )
    )
    assert "[slug] the slug 'glossary'" in error


@pytest.mark.parametrize(
    "link", ["{static}/images/nope.png", "/images/nope.png", "{static}nope.png"]
)
def test_missing_image_is_named_at_its_source_line(site, link):
    site.article("guide", body=f"Intro.\n\n![A chart]({link})\n")
    error = only_error(site.build())
    assert "content/articles/guide.md:9: [body] the image" in error
    assert "nope.png" in error


def test_existing_images_pass(site):
    (site.content / "images").mkdir()
    (site.content / "images" / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    site.article(
        "guide",
        body="![A chart]({static}/images/chart.png)\n\n![Again](/images/chart.png)\n",
    )
    result = site.build()
    assert result.ok, result.errors
    assert (site.output / "images" / "chart.png").exists()


def test_untouched_scaffold_cannot_be_published(site):
    site.write_data()
    settings = read_settings(str(ROOT / "pelicanconf.py"), override=site.settings({}))
    path = new_article(settings, "Answering clarification questions", "social-value")
    path.write_text(path.read_text().replace("status: draft", "status: published"))
    errors = errors_of(site.build())
    assert len(errors) == 3, errors
    name = "content/articles/answering-clarification-questions.md"
    for expected in (
        f"{name}:8: [summary] the summary is still the text",
        f"{name}:24: [body] 'Start with a short",
        f"{name}:26: [body] '## A first section heading'",
    ):
        assert any(expected in error for error in errors), expected


def test_untouched_scaffold_is_fine_as_a_draft(site):
    site.write_data()
    settings = read_settings(str(ROOT / "pelicanconf.py"), override=site.settings({}))
    new_article(settings, "Answering clarification questions", "social-value")
    assert site.build().ok


def test_impossible_date_names_the_line_and_the_reason(site):
    site.write(
        "articles/guide.md",
        "---\ntitle: Guide\ndate: 2026-02-31\ntopic: tender-writing\n"
        "summary: A summary.\n---\nBody.\n",
    )
    error = only_error(site.build())
    assert "guide.md:3: [date] '2026-02-31' is not a date" in error
    assert "day is out of range for month" in error


def test_unclosed_quote_is_reported_where_it_opens(site):
    site.write(
        "articles/guide.md",
        '---\ntitle: "Unclosed\ndate: 2026-01-15\ntopic: tender-writing\n'
        "summary: A summary.\n" + "\n" * 8 + "---\nBody.\n",
    )
    error = only_error(site.build())
    assert "guide.md:2: [front-matter] YAML syntax error" in error
    assert "close every quote" in error


def test_windows_1252_bytes_are_listed_by_part_of_the_file(site):
    path = site.article("guide", body="Don\x92t overpromise.\n\nFees \x96 costs.\n")
    raw = path.read_bytes().replace(b"\xc2\x92", b"\x92").replace(b"\xc2\x96", b"\x96")
    raw = raw.replace(b"title: Guide", b"title: Caf\xe9 guide")
    path.write_bytes(raw)
    errors = errors_of(site.build())
    assert len(errors) == 2, errors
    front, body = sorted(errors)
    assert "guide.md:2: [front-matter] the front-matter is not valid UTF-8" in front
    assert "byte 0xe9 on line 2" in front
    assert "guide.md:7: [body] the body is not valid UTF-8" in body
    assert "byte 0x92 on line 7, 0x96 on line 9" in body


def test_at_most_ten_bad_bytes_are_listed(site):
    path = site.article("guide", body="ok\n")
    path.write_bytes(path.read_bytes() + b"\x92\n" * 14)
    error = only_error(site.build())
    assert error.count(" on line ") == 10
    assert "and 4 more" in error


def test_editor_written_as_a_name_suggests_the_slug(site):
    site.article("guide", editor="Mike Harrison")
    error = only_error(site.build())
    assert "[editor] 'Mike Harrison' is not a slug" in error
    assert "'mike-harrison'" in error
    assert "tender-writing" not in error


def test_check_rejects_the_same_mistakes(site):
    site.article("guide", summary="x" * 300)
    assert "[summary] is 300 characters long" in only_error(check_site(site))


def test_a_draft_page_says_it_is_not_published(site):
    site.article("guide", status="draft")
    result = site.build()
    assert result.ok, result.errors
    banner = site.page("drafts/guide").select_one(".hub-draft-banner")
    assert banner.get_text(" ", strip=True).startswith("Draft, not published")
    assert not (site.output / "guide").exists()


def test_a_future_article_is_scheduled_not_just_a_draft(site):
    coming = datetime.date.today() + datetime.timedelta(days=40)
    site.article("guide")
    site.article("coming", date=coming.isoformat())
    result = site.build()
    assert result.ok, result.errors
    assert (
        f"coming.md: scheduled for {coming:%Y-%m-%d}: the first build on or after "
        "that day publishes it" in result.notices[0]
    )
    assert any(line.startswith("note: ") for line in summary(result))
    banner = site.page("drafts/coming").select_one(".hub-draft-banner")
    assert "Scheduled, not published" in banner.get_text()
    assert banner.time["datetime"] == coming.isoformat()
    assert site.page("guide").select_one(".hub-draft-banner") is None
