"""hub/site_checks/nu_html.py: the W3C Nu HTML checker (vnu.jar) on built pages.

Java starts once for the whole test session (the `nu_findings` fixture);
each test reads the errors of its own page set."""

from pathlib import Path

from conftest import QUALITY_FIXTURES
from hub.site_checks.nu_html import on_site, vnu_finding
from hub.site_checks.pages import Finding, html_files

UNCLOSED = QUALITY_FIXTURES / "unclosed-element.html"


def test_every_page_of_the_sample_hub_is_valid_html(nu_findings, sample_hub):
    errors = nu_findings[sample_hub]
    assert errors == [], "\n".join(map(str, errors))
    print(f"vnu: 0 errors in {len(html_files(sample_hub))} pages")


def test_an_unclosed_element_is_an_error(nu_findings):
    errors = nu_findings[UNCLOSED]
    assert errors, "the validator accepted an unclosed <div>"
    assert any("Unclosed element “div”" in error.message for error in errors)
    assert {error.page for error in errors} == {str(UNCLOSED)}
    assert 10 in {error.line for error in errors}


def test_a_message_becomes_a_finding_on_its_file_with_the_extract_on_one_line():
    message = {
        "type": "error",
        "url": "file:/built/output/a%20b/index.html",
        "lastLine": 7,
        "message": "Stray end tag “p”.",
        "extract": "text\n   </p>\n",
    }
    assert vnu_finding(message) == Finding(
        "/built/output/a b/index.html", 7, "Stray end tag “p”. [text </p>]"
    )
    assert vnu_finding({"message": "No file."}).message == "No file."


def test_a_finding_in_the_site_is_named_by_its_url_path():
    output = Path("/built/output")
    inside = Finding(str(output / "guides" / "index.html"), 3, "Bad.")
    assert on_site(inside, output) == Finding("/guides/", 3, "Bad.")
    elsewhere = Finding("/elsewhere/page.html", 3, "Bad.")
    assert on_site(elsewhere, output) == elsewhere
