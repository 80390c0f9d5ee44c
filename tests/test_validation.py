"""Every mistake an editor can make: one clear error each, and a failed build."""

import os
import subprocess
import sys
import textwrap

import pytest

from conftest import ROOT
from hub.build import check


def only_error(result):
    assert not result.ok
    assert len(result.errors) == 1, result.errors
    return result.errors[0]


def test_valid_site_builds(site):
    site.article("guide")
    result = site.build()
    assert result.ok, result.errors
    assert (site.output / "guide" / "index.html").exists()


def test_yaml_syntax_error_names_the_line(site):
    site.write(
        "articles/broken.md",
        """
        ---
        title: Broken
        date: 2026-01-01
        summary: "unclosed quote
        topic: tender-writing
        ---
        Body.
        """,
    )
    error = only_error(site.build())
    assert error.startswith("content/articles/broken.md:") or "broken.md:" in error
    assert "YAML syntax error" in error
    line = int(error.split("broken.md:")[1].split(":")[0])
    assert line in (4, 5, 6)


@pytest.mark.parametrize("key", ["title", "date", "topic", "summary"])
def test_missing_required_key(site, key):
    site.article("guide", **{key: None})
    error = only_error(site.build())
    assert "guide.md" in error
    assert f"[{key}] the required key '{key}' is missing" in error
    assert f"Add a line '{key}: ...'" in error


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("topic", "tender-writting", "unknown topic 'tender-writting'"),
        ("products", ["rapid-suport"], "unknown product 'rapid-suport'"),
        ("editor", "mike-harison", "unknown editor 'mike-harison'"),
        ("related", ["no-such-guide"], "unknown article 'no-such-guide'"),
    ],
)
def test_unknown_slug(site, key, value, expected):
    site.article("guide", **{key: value})
    error = only_error(site.build())
    line = 4 if key == "topic" else 6  # after title, date, topic and summary
    assert f"guide.md:{line}: [{key}] {expected}" in error


def test_unknown_slug_suggests_the_closest(site):
    site.article("guide", topic="tender-writting")
    assert "Did you mean 'tender-writing'?" in only_error(site.build())


def test_unknown_key_suggests_the_closest_known_one(site):
    site.write(
        "articles/guide.md",
        """
        ---
        title: Guide
        date: 2026-01-01
        topic: tender-writing
        summary: Fine.
        sumary: Typo.
        ---
        Body.
        """,
    )
    error = only_error(site.build())
    assert "guide.md:6: [sumary] unknown front-matter key 'sumary'" in error
    assert "Did you mean 'summary'?" in error


def test_unparseable_date(site):
    site.article("guide", date="31/01/2026")
    error = only_error(site.build())
    assert "[date] '31/01/2026' is not a date" in error
    assert "ISO date such as 2026-03-31" in error


def test_review_by_before_date(site):
    site.article("guide", date="2026-05-01", review_by="2026-04-01")
    error = only_error(site.build())
    assert "[review_by] 2026-04-01 is before the date 2026-05-01" in error


def test_two_articles_with_the_same_slug(site):
    site.article("guide")
    site.write("articles/archive/guide.md", site.article("other").read_text())
    error = only_error(site.build())
    assert "[slug] the slug 'guide' is also used by" in error
    assert "archive/guide.md" in error


def test_article_and_page_with_the_same_slug(site):
    site.article("about")
    site.write("pages/about.md", "---\ntitle: About\nsummary: Us.\n---\nHello.\n")
    assert "the slug 'about' is also used by" in only_error(site.build())


def test_file_that_is_not_utf8(site):
    path = site.article("guide", body="Caf\u00e9 prices\n")
    path.write_bytes(path.read_bytes().replace("é".encode(), b"\xe9"))
    error = only_error(site.build())
    assert "guide.md:" in error
    assert "not valid UTF-8" in error
    assert "Save the file with UTF-8 encoding" in error


def test_file_without_front_matter(site):
    site.write("articles/plain.md", "Just text.\n")
    assert "does not start with front-matter" in only_error(site.build())


def test_bad_value_types(site):
    site.article("guide", tags="ok", cta="maybe", status="live")
    errors = site.build().errors
    assert any(
        "[cta] 'maybe' is not allowed. Use 'quote' or 'none'" in e for e in errors
    )
    assert any("[status] 'live' is not allowed" in e for e in errors)


def test_all_problems_are_listed_at_once(site):
    site.article("first", topic="nope")
    site.article("second", date="soon")
    site.article("third", summary=None)
    errors = site.build().errors
    assert len(errors) == 3
    assert {e.split(":")[0].split("/")[-1] for e in errors} == {
        "first.md",
        "second.md",
        "third.md",
    }


def test_broken_site_data_is_reported(site):
    site.article("guide")
    site.data["topics"] = {"tender-writing": {"name": "Tender writing"}}
    error = only_error(site.build())
    assert "topics.yml: [tender-writing.description] 'description' is missing" in error


def test_data_yaml_syntax_error(site):
    site.article("guide")
    site.build()
    (site.content / "data" / "people.yml").write_text("mike: [unclosed\n")
    site.data = {}
    errors = site.build().errors
    assert any("people.yml" in e and "YAML syntax error" in e for e in errors)


def test_failed_build_leaves_the_last_good_output_untouched(site):
    site.article("guide")
    assert site.build().ok
    before = {
        path.relative_to(site.output): path.read_bytes()
        for path in site.output.rglob("*")
        if path.is_file()
    }
    site.article("guide", title="Changed title")
    site.article("broken", topic="nope")
    assert not site.build().ok
    after = {
        path.relative_to(site.output): path.read_bytes()
        for path in site.output.rglob("*")
        if path.is_file()
    }
    assert after == before
    assert not (site.root / "output.staging").exists()


def test_invoke_build_exits_non_zero_and_lists_every_error(site, tmp_path):
    site.article("guide", topic="nope", sumary="typo")
    site.build()  # writes the data files
    settings = tmp_path / "conf.py"
    settings.write_text(
        textwrap.dedent(
            f"""
            import sys
            sys.path.insert(0, {str(ROOT)!r})
            from pelicanconf import *
            PATH = {str(site.content)!r}
            OUTPUT_PATH = {str(site.output)!r}
            THEME = {str(ROOT / "theme")!r}
            PLUGIN_PATHS = [{str(ROOT / "plugins")!r}]
            """
        )
    )
    done = subprocess.run(
        [sys.executable, "-m", "invoke", "build", "--settings", str(settings)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=os.environ | {"PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert done.returncode == 1
    assert "[sumary] unknown front-matter key 'sumary'" in done.stderr
    assert "Failed: 1 error" in done.stdout + done.stderr


def test_overdue_review_is_a_warning_by_default_and_an_error_when_strict(site):
    site.article("old", date="2020-01-01", review_by="2021-01-01")
    relaxed = site.build()
    assert relaxed.ok
    assert any(
        "old.md:6: [review_by] the review was due on 2021-01-01" in warning
        for warning in relaxed.warnings
    ), relaxed.warnings
    strict = site.build(REVIEW_OVERDUE_IS_ERROR=True)
    assert "the review was due on 2021-01-01" in only_error(strict)


def test_check_flags_mojibake_with_file_and_line(site):
    body = (
        "Fine \u2019quotes\u2019 here.\n\n"
        "Broken: don\u00e2\u20ac\u2122t and \u03c0\u0178\u201c\u0152 pins.\n"
    )
    site.article("guide", body=body)
    built = site.build()
    result = check(
        str(ROOT / "pelicanconf.py"),
        {
            "PATH": str(site.content),
            "THEME": str(ROOT / "theme"),
            "PLUGIN_PATHS": [str(ROOT / "plugins")],
            "SEARCH_INDEX": False,
        },
    )
    garbled = [error for error in result.errors if "garbled characters" in error]
    assert len(garbled) == 2, result.errors
    assert all("guide.md:9: [body]" in error for error in garbled)
    assert built.errors == result.errors  # the build refuses what check refuses


def test_garbled_front_matter_is_named_by_its_key(site):
    site.write(
        "articles/guide.md",
        "---\ntitle: Guide\ndate: 2026-01-15\ntopic: tender-writing\n"
        "summary: Donâ€™t overpromise.\n---\nBody.\n",
    )
    site.write_data()
    topics = site.content / "data" / "topics.yml"
    topics.write_text(topics.read_text().replace("Writing bids", "Bidsâ€™ tips"))
    site.write_data = lambda: None
    errors = site.build().errors
    assert len(errors) == 2, errors
    assert "topics.yml:3: [file] garbled characters" in errors[0]
    assert "guide.md:5: [summary] garbled characters 'summary: Donâ€™t" in errors[1]
