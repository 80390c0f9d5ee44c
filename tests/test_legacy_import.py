# ruff: noqa: RUF001 - the cases are curly quotes, dashes and mojibake
"""`invoke import-legacy` end to end: exports in, draft articles written, and
the pages they build (hub/legacy/__init__.py)."""

import os
import subprocess
import sys

import pytest

from conftest import ROOT
from content_model.mojibake import find_mojibake
from content_model.placeholders import SUMMARY
from hub.legacy import import_files
from legacy_hub import FIXTURES, TODAY, legacy_hub, settings_of, split

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
def hub(tmp_path):
    return legacy_hub(tmp_path)


def run_import(hub, name, **options):
    failed = import_files([FIXTURES / name], settings_of(hub), today=TODAY, **options)
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
    assert meta["summary"] == SUMMARY
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
    assert "line 3: the first paragraph is over 160 characters" in out
    assert "Imported 1 of 1 file with" in out


def test_imported_page_builds_from_plugins_not_copied_text(hub):
    run_import(hub, "social-value-commitments.txt")
    result = hub.build()
    assert result.ok, result.errors
    page = hub.page("drafts/social-value-commitments-that-score")
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

    assert page.select_one(".hub-quote-cta h3").text == "Need a Bid Writing Quote?"
    promos = [" ".join(p.h3.get_text().split()) for p in page.select(".hub-promo")]
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
    assert meta["summary"] == (
        "A bid pipeline helps you choose which tenders to pursue. Without one, "
        "bids arrive at short notice and the team writes them in a rush – and win "
        "rate falls."
    )
    assert meta["products"] == ["rapid-support", "monthly-retainer"]
    assert "editor" not in meta
    assert "author" not in meta
    assert meta["resources"]["groups"] == {
        "Plan ahead": [{"article": "scoring-quality-questions"}]
    }
    assert body.startswith("## Start with a list\n")
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
    page = hub.page("drafts/planning-your-bid-pipeline")
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
        "  warning: line 15: unknown editor 'Jane Doe': add them to "
        "content/data/people.yml and set 'editor:' to their slug before publishing\n"
    ) in out
    assert hub.build().ok
    page = hub.page("drafts/answering-quality-questions")
    assert "Use the buyer’s headings" in page.select_one(".hub-prose").text


def test_never_overwrites_without_force(hub, capsys):
    run_import(hub, "planning-your-bid-pipeline.txt")
    target = hub.content / "articles" / "planning-your-bid-pipeline.md"
    target.write_text("edited by hand", encoding="utf-8")
    paths = [FIXTURES / "planning-your-bid-pipeline.txt"]
    assert import_files(paths, settings_of(hub)) == 1
    assert target.read_text() == "edited by hand"
    assert (
        "already exists; nothing was written. Pass --force" in capsys.readouterr().out
    )
    assert import_files(paths, settings_of(hub), force=True) == 0
    assert target.read_text().startswith("---\ntitle: Planning Your Bid Pipeline\n")


def test_a_folder_imports_every_export_and_a_bad_topic_fails(hub, capsys):
    assert import_files([FIXTURES], settings_of(hub), topic="social-value") == 0
    assert len(list((hub.content / "articles").glob("*.md"))) == 4
    assert "topic: guessed" not in capsys.readouterr().out
    assert article(hub, "planning-your-bid-pipeline")[0]["topic"] == "social-value"
    assert (
        import_files([FIXTURES], settings_of(hub), topic="socal-value", force=True) == 3
    )
    assert "unknown topic 'socal-value'. Did you mean 'social-value'?" in (
        capsys.readouterr().out
    )
    assert hub.build().ok


def test_every_import_is_a_draft_for_an_editor_to_review(hub):
    run_import(hub, "social-value-commitments.txt")
    path = hub.content / "articles" / "social-value-commitments-that-score.md"
    text = path.read_text("utf-8")
    assert split(text)[0]["status"] == "draft"
    assert (
        "cta: quote\n"
        "# Imported from the old site: review it, then set 'status: published'.\n"
        "status: draft\n---\n"
    ) in text
    assert hub.build().ok
    assert not (hub.output / "social-value-commitments-that-score").exists()
    assert hub.page("drafts/social-value-commitments-that-score").select_one("h1")


def test_no_warning_for_damage_in_a_dropped_byline_emoji(hub, capsys):
    run_import(hub, "answering-quality-questions.txt")
    assert "line 15: removed" not in capsys.readouterr().out


def test_refused_exports_print_one_error_each_and_write_nothing(hub, tmp_path, capsys):
    """Refused when read or when converted; a folder named like an export, in a
    folder of exports, is refused too."""
    exports = tmp_path / "exports"
    (exports / "notes.txt").mkdir(parents=True)
    (exports / "menu.txt").write_bytes(b"Title\n\nCaf\xe9 \x81 menu.\n")
    assert import_files([exports], settings_of(hub), today=TODAY) == 2
    assert list((hub.content / "articles").glob("*.md")) == [
        hub.content / "articles" / "scoring-quality-questions.md"
    ]
    out = capsys.readouterr().out
    assert "Traceback" not in out
    assert [line for line in out.splitlines() if line.startswith("  error: ")] == [
        "  error: the file is not UTF-8 or Windows-1252 text (line 3 has a character "
        "neither can read), so it may use another encoding; export the page as "
        "plain text (UTF-8) and import that file",
        f"  error: {exports / 'notes.txt'} is a folder, not a regular file: "
        "give a plain-text export",
    ]


def test_the_run_goes_on_after_a_refused_file(hub, tmp_path, capsys):
    link = tmp_path / "gone.txt"
    os.symlink(tmp_path / "missing.txt", link)
    paths = [
        FIXTURES / "planning-your-bid-pipeline.txt",
        "/dev/zero",
        link,
        FIXTURES / "social-value-commitments.txt",
    ]
    assert import_files(paths, settings_of(hub), today=TODAY) == 2
    assert len(list((hub.content / "articles").glob("*.md"))) == 3
    out = capsys.readouterr().out
    assert "  error: /dev/zero is a character device" in out
    assert "Imported 2 of 4 files with " in out
    assert out.endswith("; 2 failed. Review each warning, then run: invoke check\n")


@pytest.mark.parametrize("force", [False, True])
def test_two_exports_with_one_slug_write_only_the_first(hub, tmp_path, capsys, force):
    if force:
        hub.article("bid-tips", body="Written before this run.\n")
    exports = tmp_path / "exports"
    exports.mkdir()
    first, second = exports / "a.txt", exports / "b.txt"
    first.write_text("Bid Tips\n\nThe first export.\n\nMore.\n", encoding="utf-8")
    second.write_text("Bid tips!\n\nThe second export.\n\nMore.\n", encoding="utf-8")
    assert import_files([exports], settings_of(hub), today=TODAY, force=force) == 1
    assert article(hub, "bid-tips")[0]["summary"] == "The first export."
    out = capsys.readouterr().out
    assert (
        f"  error: {second} and {first} both give the slug 'bid-tips'; nothing was "
        f"written for {second}: rename one title, or import them separately\n"
    ) in out
    assert "Imported 1 of 2 files" in out


def test_a_broken_link_among_the_articles_is_not_a_traceback(hub, tmp_path, capsys):
    target = hub.content / "articles" / "planning-your-bid-pipeline.md"
    os.symlink(tmp_path / "elsewhere.md", target)
    paths = [FIXTURES / "planning-your-bid-pipeline.txt"]
    assert import_files(paths, settings_of(hub), today=TODAY) == 1
    assert f"  error: {target} already exists; nothing was written." in (
        capsys.readouterr().out
    )
    assert not (tmp_path / "elsewhere.md").exists()


def import_legacy(*arguments):
    """`invoke import-legacy` in a process of its own, as an editor runs it."""
    args = [sys.executable, "-m", "invoke", "import-legacy", *arguments]
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)


def test_the_invoke_task(hub):
    planning = str(FIXTURES / "planning-your-bid-pipeline.txt")
    answering = str(FIXTURES / "answering-quality-questions.txt")
    options = ["--content", str(hub.content), "--topic", "tender-writing"]
    run = import_legacy(planning, *options, "--", answering)
    assert run.returncode == 0, run.stderr
    assert "Imported 2 of 2 files" in run.stdout
    again = import_legacy(planning, *options)
    assert again.returncode == 1
    assert "already exists" in again.stdout
