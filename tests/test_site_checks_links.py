"""hub/site_checks/links.py: every internal link and anchor of a built site
leads somewhere; external links are listed, never fetched."""

import shutil

from conftest import QUALITY_FIXTURES
from hub.site_checks.links import check_links

BROKEN_LINKS = QUALITY_FIXTURES / "broken-links"


def test_the_sample_hub_has_no_broken_links(sample_hub):
    report = check_links(sample_hub)
    assert report.pages > 20
    assert report.links > 100
    assert report.broken == [], "\n".join(map(str, report.broken))
    print(
        f"{report.links} links on {report.pages} pages; external, not fetched:",
        *sorted(report.external),
        sep="\n  ",
    )


def test_a_link_to_a_missing_file_page_or_anchor_is_broken():
    report = check_links(BROKEN_LINKS)
    assert [(finding.page, finding.line) for finding in report.broken] == [
        ("/", 6),
        ("/", 12),
        ("/", 13),
    ]
    stylesheet, page, anchor = (finding.message for finding in report.broken)
    assert "/theme/css/missing.css: no such file" in stylesheet
    assert "/writing-a-bid-library/: no such file" in page
    assert "the page has no id 'no-such-section'" in anchor


def test_queries_relative_links_and_built_in_fragments_are_not_broken():
    report = check_links(BROKEN_LINKS)
    broken = {finding.message.split()[3] for finding in report.broken}
    for fine in ("/about/", "about/#team", "#top-of-page", "#", "../"):
        assert fine not in broken
    assert not any("?from=" in url for url in broken)


def test_external_links_are_listed_with_their_pages_and_mail_is_skipped():
    report = check_links(BROKEN_LINKS)
    assert report.external == {"https://www.find-tender.service.gov.uk/": ["/"]}


def test_absolute_links_to_the_site_itself_are_checked_as_internal(tmp_path):
    output = tmp_path / "output"
    shutil.copytree(BROKEN_LINKS, output)
    about = output / "about" / "index.html"
    site = "https://knowledge.example.org"
    about.write_text(
        about.read_text().replace('href="../"', f'href="{site}/gone/#x"'), "utf-8"
    )
    report = check_links(output, site_url=site)
    assert any(
        f"links to {site}/gone/#x: no such file" in str(b) for b in report.broken
    )
    assert site + "/gone/#x" not in report.external
