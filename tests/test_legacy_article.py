# ruff: noqa: RUF001 - the cases are curly quotes, dashes and mojibake
"""One export's text to one article's Markdown (hub/legacy/article.py)."""

import pytest

from content_model.placeholders import SUMMARY
from hub.legacy import SiteCatalogue, convert
from hub.legacy.export import ImportFailed, decode
from legacy_hub import TODAY, convert_text, legacy_hub, settings_of

NO_BYLINE = "no byline found: the page will credit the site's default editor"


@pytest.fixture
def hub(tmp_path):
    return legacy_hub(tmp_path)


def test_export_format_maps_to_markdown(hub):
    export = (
        "Don’t Panic: CQC & You!\n\n"
        "First paragraph, spread\nover two lines.\n\n"
        "A short heading?\n\n"
        "A short sentence.\n\n"
        "Lead-in:\n"
        "  • *starred* item\n"
        "  • <b>tag</b> item\n\n"
        "# not a heading, 1. not a list, [not a link].\n"
    )
    result, meta, body = convert_text(hub, export, topic="tender-writing")
    assert result.slug == "dont-panic-cqc-you"
    assert meta["summary"] == "First paragraph, spread over two lines."
    assert body == (
        "## A short heading?\n\n"
        "A short sentence.\n\n"
        "Lead-in:\n\n"
        "- \\*starred\\* item\n"
        "- &lt;b>tag&lt;/b> item\n\n"
        "\\# not a heading, 1. not a list, \\[not a link\\].\n"
    )
    hub.write("articles/dont-panic-cqc-you.md", result.markdown)
    assert hub.build().ok
    prose = hub.page("drafts/dont-panic-cqc-you").select_one(".hub-prose")
    assert [li.text for li in prose.select("li")] == [
        "*starred* item",
        "<b>tag</b> item",
    ]
    assert prose.find("p", string="# not a heading, 1. not a list, [not a link].")


def test_a_first_paragraph_of_160_characters_moves_to_the_summary(hub):
    opening = "Evidence " * 17 + "counts."
    assert len(opening) == 160
    export = f"Title\n\n{opening}\n\nThe rest of the guidance.\n"
    result, meta, body = convert_text(hub, export, topic="tender-writing")
    assert meta["summary"] == opening
    assert body == "The rest of the guidance.\n"
    assert result.warnings == [NO_BYLINE]


def test_a_longer_first_paragraph_stays_and_the_summary_is_a_placeholder(hub):
    opening = "Evidence " * 17 + "counted."
    export = f"Title\n\n{opening}\n\nThe rest of the guidance.\n"
    result, meta, body = convert_text(hub, export, topic="tender-writing")
    assert meta["summary"] == SUMMARY
    assert body == f"{opening}\n\nThe rest of the guidance.\n"
    assert "…" not in result.markdown
    assert result.warnings == [
        "line 3: the first paragraph is over 160 characters, so it stays in the body "
        "and 'summary' is a placeholder: write a summary of at most 160 characters",
        NO_BYLINE,
    ]


def test_a_body_opening_with_a_heading_gets_a_placeholder_summary(hub):
    export = "Title\n\nA heading\n\nThe text under it.\n"
    result, meta, body = convert_text(hub, export, topic="tender-writing")
    assert meta["summary"] == SUMMARY
    assert body == "## A heading\n\nThe text under it.\n"
    assert result.warnings[0] == (
        "the body does not start with a paragraph, so 'summary' is a placeholder: "
        "write a summary of at most 160 characters"
    )


def damage_warnings(result):
    return [w for w in result.warnings if "damaged character" in w]


def test_damage_is_reported_only_in_text_the_article_keeps(hub):
    export = (
        "Title πŸ“\n\n"
        "Donâ€t lose this.\n\n"
        "πŸ“ Rapid Support Products (fast turnaround options)\n\n"
        "βœοΈ Written by Sam Patel, editorial oversight by Mike Harrison\n\n"
        "Useful Tender Resources\n"
        "  • πŸ“ Scoring quality questions\n"
        "  • Kit for Donâ€t\n"
    )
    result, meta, body = convert_text(hub, export, topic="tender-writing")
    assert (meta["title"], meta["summary"]) == ("Title", "Dont lose this.")
    assert (meta["author"], meta["editor"]) == ("Sam Patel", "mike-harrison")
    assert "- Kit for Dont" in body
    assert [w.split(":")[0] for w in damage_warnings(result)] == ["line 3", "line 11"]

    damaged_name = export.replace("Sam Patel", "Sam Pâ€atel")
    result, meta, _ = convert_text(hub, damaged_name, topic="tender-writing")
    assert meta["author"] == "Sam Patel"
    # The name lost a character, so every warning for its line counts.
    assert [w.split(":")[0] for w in damage_warnings(result)] == [
        "line 3",
        "line 7",
        "line 7",
        "line 7",
        "line 11",
    ]


def test_bytes_neither_encoding_reads_are_refused(hub):
    text, _ = decode(b"Title\n\nCaf\xe9 \x81 menu.\n")
    with pytest.raises(ImportFailed) as refused:
        convert(text, SiteCatalogue.load(settings_of(hub)), today=TODAY)
    assert str(refused.value) == (
        "the file is not UTF-8 or Windows-1252 text (line 3 has a character "
        "neither can read), so it may use another encoding; export the page as "
        "plain text (UTF-8) and import that file"
    )
