"""Old addresses (plugins/redirects): an article's `redirect_from` paths become
pages that forward to it and rules for Netlify, and mistakes are errors."""

import pytest
from bs4 import BeautifulSoup

PUBLISHED_URL = "https://hub.example"


def test_redirect_from_writes_pages_and_netlify_rules(site):
    site.article(
        "guide", title="The guide", redirect_from=["/blog/old-guide/", "/old.html"]
    )
    assert site.build(SITEURL=PUBLISHED_URL).ok
    moved = BeautifulSoup(
        (site.output / "blog/old-guide/index.html").read_text(), "html.parser"
    )
    assert moved.select_one("link[rel=canonical]")["href"] == f"{PUBLISHED_URL}/guide/"
    assert (
        moved.select_one("meta[http-equiv=refresh]")["content"]
        == f"0; url={PUBLISHED_URL}/guide/"
    )
    assert (site.output / "old.html").exists()
    rules = (site.output / "_redirects").read_text().splitlines()
    assert rules == ["/blog/old-guide/  /guide/  301", "/old.html  /guide/  301"]


@pytest.mark.parametrize(
    ("paths", "expected"),
    [
        (["/other/"], "'/other/' is a page of the hub, so it cannot redirect"),
        (["old-page"], "'old-page' is not a path on this site"),
    ],
)
def test_redirect_mistakes_are_errors(site, paths, expected):
    site.article("other")
    site.article("guide", redirect_from=paths)
    errors = site.build().errors
    assert any("guide.md" in e and expected in e for e in errors), errors


def test_two_files_cannot_claim_one_old_path(site):
    site.article("one", redirect_from=["/old/"])
    site.article("two", redirect_from=["/old/"])
    assert any("'/old/' is also claimed by" in e for e in site.build().errors)
