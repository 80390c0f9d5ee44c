"""Gate 2: the Nu HTML checker (vnu.jar) finds no errors in any built page."""

from pathlib import Path

from hub.site_checks import check_html, html_files, run_vnu

FIXTURES = Path(__file__).parent / "fixtures" / "quality"


def test_every_page_of_the_sample_hub_is_valid_html(sample_hub):
    errors = check_html(sample_hub)
    assert errors == [], "\n".join(map(str, errors))
    print(f"vnu: 0 errors in {len(html_files(sample_hub))} pages")


def test_an_unclosed_element_fails_the_gate():
    page = FIXTURES / "unclosed-element.html"
    errors = run_vnu([page])
    assert errors, "the validator accepted an unclosed <div>"
    assert any("Unclosed element “div”" in error.message for error in errors)
    assert {error.page for error in errors} == {str(page)}
    assert 10 in {error.line for error in errors}
