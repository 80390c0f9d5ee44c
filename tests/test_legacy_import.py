# ruff: noqa: RUF001 - the cases are curly quotes, dashes and mojibake
"""Importing the old site's plain-text exports (hub/legacy_import.py)."""

import datetime
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT
from hub.legacy_import import SiteCatalogue, convert, import_files
from hub.mojibake import find_mojibake

FIXTURES = ROOT / "tests" / "fixtures" / "legacy"
TODAY = datetime.date(2026, 1, 20)
BOILERPLATE = [
    "Rapid Support",
    "Need a Bid Writing Quote",
    "Request a Bid Writing Quote",
    "Monthly Bid Support",
    "Explore",
    "Written by",
    "editorial oversight",
    "Return to Knowledge Hub",
    "Useful Tender Resources",
    "Service support",
]


@pytest.fixture
def hub(site):
    """A small site with its data written, and one article to link resources to."""
    site.data["topics"]["bid-strategy"] = {
        "name": "Bid strategy",
        "description": "Choosing which tenders to pursue, and planning a pipeline.",
    }
    for name, entries in site.data.items():
        site.write(f"data/{name}.yml", yaml.safe_dump(entries, sort_keys=False))
    site.article("scoring-quality-questions", title="Scoring quality questions")
    return site


def split(markdown):
    _, front_matter, body = markdown.split("---\n", 2)
    return yaml.safe_load(front_matter), body


def run_import(hub, name, **options):
    failed = import_files([FIXTURES / name], hub.content, today=TODAY, **options)
    assert failed == 0
    return sorted((hub.content / "articles").glob("*.md"))


def article(hub, slug):
    return split((hub.content / "articles" / f"{slug}.md").read_text("utf-8"))


def test_full_export_becomes_front_matter_and_a_clean_body(hub, capsys):
    run_import(hub, "social-value-commitments.txt")
    meta, body = article(hub, "social-value-commitments-that-score")
    assert meta["title"] == "Social Value Commitments That Score"
    assert meta["date"] == TODAY
    assert meta["topic"] == "social-value"
    assert meta["summary"].startswith("Social value is now worth at least 10% of")
    assert len(meta["summary"]) <= 160
    assert meta["summary"].endswith("not good…")
    assert meta["author"] == "Impact Guru Editorial Team"
    assert meta["editor"] == "mike-harrison"
    assert meta["products"] == ["rapid-support", "monthly-retainer"]
    assert meta["cta"] == "quote"
    assert meta["resources"] == {
        "mode": "add",
        "groups": {
            "Service support": [
                {"product": "rapid-support"},
                {"article": "scoring-quality-questions"},
            ],
            "Build foundations": [
                {
                    "title": "Social Value Portal",
                    "url": "https://socialvalueportal.com/",
                }
            ],
        },
    }
    assert body.startswith("Social value is now worth at least 10% of the quality")
    for heading in (
        "Why it matters",
        "What evaluators look for",
        "Keeping the evidence",
    ):
        assert f"\n## {heading}\n" in body
    assert "- a number and a date – “four apprenticeships by March”\n" in body
    assert "they’ll check" in body
    assert "bid library with the data behind it. ✅ Update" in body
    # The one resource it could not place is kept, under its group.
    assert body.endswith(
        "## Other resources\n\nBuild foundations:\n\n- Local partnerships toolkit\n"
    )
    for text in BOILERPLATE:
        assert text not in body
    assert find_mojibake(body) == []
    assert "📌" not in body
    out = capsys.readouterr().out
    assert "topic: guessed 'social-value'" in out
    assert "line 43: resource 'Local partnerships toolkit'" in out
    assert "Imported 1 of 1 file with" in out


def test_imported_page_builds_from_plugins_not_copied_text(hub):
    run_import(hub, "social-value-commitments.txt")
    result = hub.build()
    assert result.ok, result.errors
    page = hub.page("social-value-commitments-that-score")
    prose = page.select_one(".hub-prose")
    assert [h2.text for h2 in prose.select("h2")] == [
        "Why it matters",
        "What evaluators look for",
        "Keeping the evidence",
        "Other resources",
    ]
    assert [li.text for li in prose.select("li")] == [
        "a named outcome, such as local jobs or apprenticeships",
        "a number and a date – “four apprenticeships by March”",
        "evidence you’ve delivered this before",
        "Local partnerships toolkit",
    ]
    for text in BOILERPLATE:
        assert text not in prose.get_text()
    assert find_mojibake(page.get_text()) == []

    assert page.select_one(".hub-quote-cta h2").text == "Need a Bid Writing Quote?"
    promos = [" ".join(p.h2.get_text().split()) for p in page.select(".hub-promo")]
    assert promos == [
        "Rapid Support Products (fast turnaround options)",
        "Monthly Bid Support Retainers (a bid team on call)",
    ]
    byline = " ".join(page.select_one(".hub-byline").get_text().split())
    assert byline == (
        "Written by Impact Guru Editorial Team, editorial oversight by "
        "Mike Harrison, Founder of Impact Guru."
    )
    assert page.select_one(".hub-back-link")["href"] == "/"
    groups = {
        group.text: [a.text for a in group.find_next_sibling("ul").select("a")]
        for group in page.select(".hub-resources__group")
    }
    assert groups["Service support"][:2] == [
        "Rapid Support Products",
        "Scoring quality questions",
    ]
    assert groups["Build foundations"] == ["Social Value Portal (opens in new tab)"]


def test_greek_mojibake_truncated_sequences_and_no_byline(hub, capsys):
    run_import(hub, "planning-your-bid-pipeline.txt")
    meta, body = article(hub, "planning-your-bid-pipeline")
    assert meta["topic"] == "bid-strategy"
    assert meta["cta"] == "none"
    assert meta["products"] == ["rapid-support", "monthly-retainer"]
    assert "editor" not in meta
    assert "author" not in meta
    assert meta["resources"]["groups"] == {
        "Plan ahead": [{"article": "scoring-quality-questions"}]
    }
    assert "in a rush – and win rate falls" in body
    assert "“Pipeline” reviews" in body
    assert "- the contract value’s margin\n- capacity to write the bid\n" in body
    assert "Dont forget capacity" in body
    assert find_mojibake(body) == []
    out = capsys.readouterr().out
    assert "line 7: restored 'β€' as a closing quote" in out
    assert "line 14: removed 'πŸ“'" in out
    assert "line 16: removed 'â€'" in out
    assert "no byline found" in out

    assert hub.build().ok
    page = hub.page("planning-your-bid-pipeline")
    assert page.select_one(".hub-quote-cta") is None
    assert len(page.select(".hub-promo")) == 2
    assert "Mike Harrison" in page.select_one(".hub-byline").text


def test_unknown_editor_is_named_and_the_article_kept_as_a_draft(hub, capsys):
    run_import(hub, "answering-quality-questions.txt")
    text = (hub.content / "articles" / "answering-quality-questions.md").read_text()
    meta, body = split(text)
    assert meta["status"] == "draft"
    assert meta["author"] == "Sam Patel"
    assert "editor" not in meta
    assert "# The old byline names 'Jane Doe' as editor" in text
    assert "Jane Doe" not in body
    assert "## Use the buyer’s words" in body
    out = capsys.readouterr().out
    assert (
        "line 15: unknown editor 'Jane Doe': add them to content/data/people.yml" in out
    )
    assert hub.build().ok
    page = hub.page("drafts/answering-quality-questions")
    assert "Use the buyer’s headings" in page.select_one(".hub-prose").text


def test_never_overwrites_without_force(hub, capsys):
    run_import(hub, "planning-your-bid-pipeline.txt")
    target = hub.content / "articles" / "planning-your-bid-pipeline.md"
    target.write_text("edited by hand", encoding="utf-8")
    paths = [FIXTURES / "planning-your-bid-pipeline.txt"]
    assert import_files(paths, hub.content) == 1
    assert target.read_text() == "edited by hand"
    assert (
        "already exists; nothing was written. Pass --force" in capsys.readouterr().out
    )
    assert import_files(paths, hub.content, force=True) == 0
    assert target.read_text().startswith("---\ntitle: Planning Your Bid Pipeline\n")


def test_a_folder_imports_every_export_and_a_bad_topic_fails(hub, capsys):
    assert import_files([FIXTURES], hub.content, topic="social-value") == 0
    assert len(list((hub.content / "articles").glob("*.md"))) == 4
    assert "topic: guessed" not in capsys.readouterr().out
    assert article(hub, "planning-your-bid-pipeline")[0]["topic"] == "social-value"
    assert import_files([FIXTURES], hub.content, topic="socal-value", force=True) == 3
    assert "unknown topic 'socal-value'. Did you mean 'social-value'?" in (
        capsys.readouterr().out
    )
    assert hub.build().ok


def convert_text(hub, text, **options):
    result = convert(text, SiteCatalogue.load(hub.content), today=TODAY, **options)
    return result, *split(result.markdown)


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
        "First paragraph, spread\nover two lines.\n\n"
        "## A short heading?\n\n"
        "A short sentence.\n\n"
        "Lead-in:\n\n"
        "- \\*starred\\* item\n"
        "- &lt;b>tag&lt;/b> item\n\n"
        "\\# not a heading, 1. not a list, \\[not a link\\].\n"
    )
    hub.write("articles/dont-panic-cqc-you.md", result.markdown)
    assert hub.build().ok
    prose = hub.page("dont-panic-cqc-you").select_one(".hub-prose")
    assert [li.text for li in prose.select("li")] == [
        "*starred* item",
        "<b>tag</b> item",
    ]
    assert prose.find("p", string="# not a heading, 1. not a list, [not a link].")


def test_summary_is_trimmed_at_a_word_boundary(hub):
    words = " ".join(["evidence"] * 40) + "."
    _, meta, _ = convert_text(hub, f"Title\n\n{words}\n", topic="tender-writing")
    assert len(meta["summary"]) <= 160
    assert meta["summary"].endswith("evidence…")


def test_text_after_the_boilerplate_is_kept_with_a_warning(hub):
    export = (
        "Title\n\nBody text here.\n\n"
        "Return to Knowledge Hub Index\n\n"
        "🎯 A stray closing note from the old page.\n"
    )
    result, _, body = convert_text(hub, export, topic="tender-writing")
    assert body.endswith("Body text here.\n\nA stray closing note from the old page.\n")
    assert any("line 7: kept 'A stray closing note" in w for w in result.warnings)


def test_the_invoke_task(hub, tmp_path):
    command = [sys.executable, "-m", "invoke", "import-legacy"]
    options = ["--content", str(hub.content), "--topic", "tender-writing"]
    files = [str(FIXTURES / "planning-your-bid-pipeline.txt")]
    extra = ["--", str(FIXTURES / "answering-quality-questions.txt")]
    run = subprocess.run(
        command + files + options + extra,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "Imported 2 of 2 files" in run.stdout
    again = subprocess.run(
        command + files + options, cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert again.returncode == 1
    assert "already exists" in again.stdout
