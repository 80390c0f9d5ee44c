# ruff: noqa: RUF001 - the cases are curly quotes, dashes and mojibake
"""Importing the old site's plain-text exports (hub/legacy/)."""

import datetime
import os
import random
import subprocess
import sys

import pytest
import yaml
from pelican.settings import read_settings

from conftest import ROOT
from content_model.mojibake import find_mojibake
from content_model.placeholders import SUMMARY
from hub.legacy import SiteCatalogue, convert, import_files
from hub.scaffold import new_article

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
    """A small site with its data written, and one article to link resources to;
    its topics have the sample hub's keywords."""
    site.data["topics"]["bid-strategy"] = {
        "name": "Bid strategy",
        "description": "Choosing which tenders to pursue, and planning a pipeline.",
    }
    sample = yaml.safe_load((ROOT / "content" / "data" / "topics.yml").read_text())
    for slug, topic in site.data["topics"].items():
        topic["keywords"] = sample[slug]["keywords"]
    for name, entries in site.data.items():
        site.write(f"data/{name}.yml", yaml.safe_dump(entries, sort_keys=False))
    site.article("scoring-quality-questions", title="Scoring quality questions")
    return site


def settings_of(hub):
    return read_settings(
        str(ROOT / "pelicanconf.py"), override={"PATH": str(hub.content)}
    )


def split(markdown):
    _, front_matter, body = markdown.split("---\n", 2)
    return yaml.safe_load(front_matter), body


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


def convert_text(hub, text, **options):
    result = convert(text, SiteCatalogue.load(settings_of(hub)), today=TODAY, **options)
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


NO_BYLINE = "no byline found: the page will credit the site's default editor"


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


def test_no_warning_for_damage_in_a_dropped_byline_emoji(hub, capsys):
    run_import(hub, "answering-quality-questions.txt")
    assert "line 15: removed" not in capsys.readouterr().out


def error_for(hub, capsys, paths):
    """Import paths that must all fail; return the error lines printed."""
    assert import_files(paths, settings_of(hub), today=TODAY) == len(paths)
    assert list((hub.content / "articles").glob("*.md")) == [
        hub.content / "articles" / "scoring-quality-questions.md"
    ]
    out = capsys.readouterr().out
    assert "Traceback" not in out
    return [line for line in out.splitlines() if line.startswith("  error: ")]


EXPORT_AGAIN = "; export the page as plain text (UTF-8) and import that file"


@pytest.mark.parametrize(
    ("data", "seems"),
    [
        (b"\0" * 1_000_000, "binary data (control byte 0x00 on line 1)"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\nstream\n\x01\x02", "a PDF document"),
        ("Title\n\nText.\n".encode("utf-16"), "UTF-16 text"),
        (
            b"Title\n\nA \x1b[1mbold\x1b[0m word.\n",
            "binary data (control byte 0x1B on line 3)",
        ),
    ],
)
def test_non_text_is_refused_saying_what_it_seems_to_be(
    hub, tmp_path, capsys, data, seems
):
    path = tmp_path / "export.txt"
    path.write_bytes(data)
    assert error_for(hub, capsys, [path]) == [
        f"  error: {path} is not plain text: it seems to be {seems}{EXPORT_AGAIN}"
    ]


def test_random_bytes_are_refused(hub, tmp_path, capsys):
    path = tmp_path / "page.bin"
    path.write_bytes(random.Random(4).randbytes(4096))
    [error] = error_for(hub, capsys, [path])
    assert error.startswith(f"  error: {path} is not plain text: it seems to be binary")
    assert error.endswith(EXPORT_AGAIN)


def test_bytes_neither_encoding_reads_are_refused(hub, tmp_path, capsys):
    path = tmp_path / "export.txt"
    path.write_bytes(b"Title\n\nCaf\xe9 \x81 menu.\n")
    assert error_for(hub, capsys, [path]) == [
        "  error: the file is not UTF-8 or Windows-1252 text (line 3 has a character "
        f"neither can read), so it may use another encoding{EXPORT_AGAIN}"
    ]


def test_bytes_undefined_in_windows_1252_still_reach_the_repair(hub, tmp_path):
    path = tmp_path / "export.txt"
    path.write_bytes(b"Title\n\nThe \xe2\x80\x9cquote\xe2\x80\x9d, caf\xe9.\n\nMore.\n")
    assert import_files([path], settings_of(hub), today=TODAY) == 0
    meta, _ = article(hub, "title")
    assert meta["summary"] == "The “quote”, café."


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_an_endless_device_is_refused_unread(hub, capsys, device):
    assert error_for(hub, capsys, [device]) == [
        f"  error: {device} is a character device, not a regular file: "
        "give a plain-text export"
    ]


def test_a_named_pipe_is_refused_without_waiting_for_it(hub, tmp_path, capsys):
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    assert error_for(hub, capsys, [pipe]) == [
        f"  error: {pipe} is a named pipe, not a regular file: give a plain-text export"
    ]


def test_a_dangling_symlink_is_refused(hub, tmp_path, capsys):
    link = tmp_path / "export.txt"
    os.symlink(tmp_path / "moved.txt", link)
    assert error_for(hub, capsys, [link]) == [
        f"  error: {link} is a broken symbolic link to {tmp_path / 'moved.txt'}"
    ]


def test_a_folder_named_like_an_export_is_refused(hub, tmp_path, capsys):
    exports = tmp_path / "exports"
    (exports / "notes.txt").mkdir(parents=True)
    assert error_for(hub, capsys, [exports]) == [
        f"  error: {exports / 'notes.txt'} is a folder, not a regular file: "
        "give a plain-text export"
    ]


def test_a_file_over_the_size_limit_is_refused(hub, tmp_path, capsys):
    path = tmp_path / "export.txt"
    path.write_text("Title\n\n" + "A line of guidance.\n" * 50_000, encoding="utf-8")
    assert error_for(hub, capsys, [path]) == [
        f"  error: {path} is over 1 MB, far more than one page's text: "
        "check that it is the right file"
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


def test_text_after_the_boilerplate_is_kept_with_a_warning(hub):
    export = (
        "Title\n\nBody text here.\n\n"
        "Return to Knowledge Hub Index\n\n"
        "🎯 A stray closing note from the old page.\n"
    )
    result, meta, body = convert_text(hub, export, topic="tender-writing")
    assert meta["summary"] == "Body text here."
    assert body == "A stray closing note from the old page.\n"
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


def test_one_slug_rule_for_new_and_import(hub):
    title = "Bid/no-bid decisions: when to walk away"
    result, _, _ = convert_text(hub, f"{title}\n\nWho this is for.\n")
    scaffolded = new_article(settings_of(hub), title, "tender-writing")
    assert result.slug == scaffolded.stem == "bidno-bid-decisions-when-to-walk-away"


def test_topic_keywords_come_from_the_site_data(hub):
    export = "Staffing the night shift\n\nRotas, handover and agency cover.\n"
    _, front_matter, _ = convert_text(hub, export)
    assert front_matter["topic"] != "social-value"
    hub.data["topics"]["social-value"]["keywords"] = ["night shift", "rotas"]
    hub.write_data()
    _, front_matter, _ = convert_text(hub, export)
    assert front_matter["topic"] == "social-value"


def test_site_data_is_read_where_the_settings_say(hub):
    (hub.content / "data").rename(hub.content / "site-data")
    settings = settings_of(hub) | {"HUB_DATA_PATH": "site-data"}
    catalogue = SiteCatalogue.load(settings)
    assert set(catalogue.topics) == set(hub.data["topics"])
    assert catalogue.product_named("Rapid Support Products") == "rapid-support"
