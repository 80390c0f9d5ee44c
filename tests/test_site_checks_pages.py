"""hub/site_checks/pages.py: listing and parsing built pages, and finding the
file a URL on a page leads to."""

import pytest

from hub.site_checks.pages import (
    Finding,
    Reference,
    file_for,
    html_files,
    internal_path,
    page_url,
    parse_page,
    srcset_urls,
)

SITE = "https://knowledge.example.org"
PAGE = """<!doctype html>
<html><head>
<link rel="stylesheet" href="/hub.css">
<link rel="stylesheet" href="/print.css" media="print">
<link rel="stylesheet" href="/off.css" disabled>
<link rel="preload" href="/brand.woff2" as="font">
<script src="/app.js" defer></script>
<script src="/track.js"></script>
<style>p { color: red }</style>
</head><body>
<article class="hub-article"><a name="old-anchor"></a><h2 id="costs">Costs</h2>
<img src="/a.png" srcset="/a-1x.png 1x, /a-2x.png 2x" alt="">
</article></body></html>
"""


@pytest.mark.parametrize(
    ("srcset", "urls"),
    [
        ("/a.png 1x, /b.png 2x", ["/a.png", "/b.png"]),
        (" /small.png 320w,\n  /large.png 1280w ,", ["/small.png", "/large.png"]),
        ("/only.png", ["/only.png"]),
        ("", []),
    ],
)
def test_srcset_urls_leave_out_widths_and_densities(srcset, urls):
    assert srcset_urls(srcset) == urls


@pytest.mark.parametrize(
    ("url", "base", "resolved"),
    [
        ("/about/", "/guides/index.html", "/about/"),
        ("team/", "/about/index.html", "/about/team/"),
        ("../", "/about/index.html", "/"),
        ("../../../x.css", "/a/index.html", "/x.css"),
        ("#costs", "/guides/index.html", "/guides/index.html"),
        ("?q=tender", "/search/index.html", "/search/index.html"),
        (f"{SITE}/about/#team", "/index.html", "/about/"),
        (SITE, "/about/index.html", "/"),
        ("https://www.find-tender.service.gov.uk/", "/index.html", None),
        (f"{SITE}.evil.example/", "/index.html", None),
        ("//cdn.example.org/x.js", "/index.html", None),
    ],
)
def test_internal_path_resolves_a_url_as_a_browser_would(url, base, resolved):
    assert internal_path(url, base, SITE) == resolved


def test_without_a_site_address_every_absolute_url_leaves_the_site():
    assert internal_path(f"{SITE}/about/", "/index.html", "") is None


def test_a_file_is_served_at_its_folder_url(tmp_path):
    (tmp_path / "guides").mkdir()
    (tmp_path / "guides" / "index.html").write_text("<p>Hi</p>")
    (tmp_path / "404.html").write_text("<p>Gone</p>")
    assert html_files(tmp_path) == [
        tmp_path / "404.html",
        tmp_path / "guides/index.html",
    ]
    assert [page_url(tmp_path, path) for path in html_files(tmp_path)] == [
        "/404.html",
        "/guides/",
    ]
    assert file_for(tmp_path, "/guides/") == tmp_path / "guides" / "index.html"
    assert file_for(tmp_path, "/guides") == tmp_path / "guides" / "index.html"
    assert file_for(tmp_path, "/404.html") == tmp_path / "404.html"
    assert file_for(tmp_path, "/missing/") is None


def test_a_page_is_parsed_for_ids_references_and_what_it_loads(tmp_path):
    path = tmp_path / "index.html"
    path.write_text(PAGE, "utf-8")
    page = parse_page(path)
    assert page.ids == {"old-anchor", "costs"}
    assert page.is_article
    assert page.stylesheets == [(3, "/hub.css", None), (4, "/print.css", "print")]
    assert page.scripts == [(7, "/app.js", False), (8, "/track.js", True)]
    assert page.preloads == [(6, "/brand.woff2", "font")]
    assert page.inline_styles == ["p { color: red }"]
    assert page.references[-3:] == [
        Reference(12, "img", "/a.png"),
        Reference(12, "img", "/a-1x.png"),
        Reference(12, "img", "/a-2x.png"),
    ]
    assert [reference.url for reference in page.references[:6]] == [
        "/hub.css",
        "/print.css",
        "/off.css",
        "/brand.woff2",
        "/app.js",
        "/track.js",
    ]


def test_a_finding_names_its_line_only_when_it_knows_it():
    assert str(Finding("/guides/", 12, "Broken.")) == "/guides/:12: Broken."
    assert str(Finding("/guides/", 0, "Too heavy.")) == "/guides/: Too heavy."
