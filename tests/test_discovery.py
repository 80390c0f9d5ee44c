"""Discovery: head metadata, JSON-LD, feeds, sitemap, the 404 and search pages,
and the headers hosts send."""

import json
import tomllib
import xml.etree.ElementTree as ET

import feedparser
import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, read_page
from hub.build import build

PUBLISHED_URL = "https://hub.example"


def json_ld(page):
    return [
        json.loads(script.string)
        for script in page.select("script[type='application/ld+json']")
    ]


@pytest.fixture(scope="module")
def published_hub(tmp_path_factory):
    """The sample hub built with publishconf.py: absolute URLs and feeds."""
    output = tmp_path_factory.mktemp("published") / "output"
    result = build(
        str(ROOT / "publishconf.py"),
        output,
        {"SITEURL": PUBLISHED_URL, "FEED_DOMAIN": PUBLISHED_URL, "SEARCH_INDEX": False},
    )
    assert result.ok, result.errors
    return output


def test_head_metadata_on_an_article(site):
    site.article("guide", title="Method statements", summary="How to write one.")
    assert site.build(SITEURL=PUBLISHED_URL).ok
    page = site.page("guide")
    assert page.select_one("link[rel=canonical]")["href"] == f"{PUBLISHED_URL}/guide/"
    meta = {
        tag.get("property") or tag.get("name"): tag["content"]
        for tag in page.select("meta[content]")
    }
    assert meta["description"] == "How to write one."
    assert meta["og:title"] == "Method statements"
    assert meta["og:type"] == "article"
    assert meta["og:url"] == f"{PUBLISHED_URL}/guide/"
    assert meta["twitter:card"] == "summary"
    assert meta["twitter:description"] == "How to write one."


def test_json_ld_article_breadcrumbs_and_organisation(site):
    site.article(
        "guide", title="Method statements", date="2026-02-01", modified="2026-03-01"
    )
    assert site.build(SITEURL=PUBLISHED_URL).ok
    blocks = {block["@type"]: block for block in json_ld(site.page("guide"))}
    assert set(blocks) == {"Organization", "Article", "BreadcrumbList"}
    article = blocks["Article"]
    assert article["headline"] == "Method statements"
    assert article["datePublished"].startswith("2026-02-01")
    assert article["dateModified"].startswith("2026-03-01")
    assert article["author"]["name"] == "Impact Guru Editorial Team"
    assert article["publisher"]["name"] == "Impact Guru Ltd"
    crumbs = blocks["BreadcrumbList"]["itemListElement"]
    assert [crumb["name"] for crumb in crumbs] == [
        "Hub",
        "Tender writing",
        "Method statements",
    ]
    assert crumbs[2]["item"] == f"{PUBLISHED_URL}/guide/"


def test_json_ld_stays_valid_and_closed_whatever_the_title(site):
    title = "Closing </script><script>alert(\"x\")</script> & 'quotes'"
    html, page = site.built_article(
        "guide", title=title, summary='A "quoted" </script> summary'
    )
    assert "<script>alert" not in html
    article = next(block for block in json_ld(page) if block["@type"] == "Article")
    assert article["headline"] == title
    assert article["description"] == 'A "quoted" </script> summary'


def test_feeds_list_published_articles_with_summaries(published_hub):
    feed = feedparser.parse(str(published_hub / "feeds" / "all.atom.xml"))
    assert not feed.bozo, feed.bozo_exception
    assert len(feed.entries) >= 16
    entry = feed.entries[0]
    assert entry.link.startswith(PUBLISHED_URL + "/")
    assert entry.summary
    topic = feedparser.parse(str(published_hub / "feeds" / "procurement-law.atom.xml"))
    assert not topic.bozo and topic.entries
    index = read_page(published_hub, "")
    feed_link = index.select_one("link[type='application/atom+xml']")
    assert feed_link["href"] == f"{PUBLISHED_URL}/feeds/all.atom.xml"
    topic_page = read_page(published_hub, "topics/procurement-law")
    assert topic_page.select_one("a.hub-feed-link")["href"].endswith(
        "/feeds/procurement-law.atom.xml"
    )


def test_sitemap_lists_published_articles_with_lastmod(published_hub):
    tree = ET.parse(published_hub / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = {
        url.findtext("s:loc", namespaces=ns): url.findtext("s:lastmod", namespaces=ns)
        for url in tree.getroot().findall("s:url", ns)
    }
    assert urls[f"{PUBLISHED_URL}/writing-method-statements/"]
    assert f"{PUBLISHED_URL}/topics/procurement-law/" in urls
    assert not any("/drafts/" in url or "404" in url for url in urls)
    robots = (published_hub / "robots.txt").read_text()
    assert f"Sitemap: {PUBLISHED_URL}/sitemap.xml" in robots


def test_sitemap_lastmod_comes_from_modified_then_date(site):
    site.article("changed", date="2026-01-01", modified="2026-02-02")
    site.article("unchanged", date="2026-01-05")
    site.article("draft-one", status="draft")
    assert site.build(SITEURL=PUBLISHED_URL).ok
    sitemap = (site.output / "sitemap.xml").read_text()
    assert "<loc>https://hub.example/changed/</loc><lastmod>2026-02-02<" in sitemap
    assert "<loc>https://hub.example/unchanged/</loc><lastmod>2026-01-05<" in sitemap
    assert "draft-one" not in sitemap


def test_not_found_page_offers_search_and_the_index(sample_hub):
    page = BeautifulSoup((sample_hub / "404.html").read_text(), "html.parser")
    assert page.h1.text == "Page not found"
    form = page.select_one("main form[role=search]")
    assert form["action"] == "/search/"
    assert page.select_one("main a[href='/']")


def test_search_page_falls_back_to_the_index_without_javascript(sample_hub):
    page = read_page(sample_hub, "search")
    assert "Search needs JavaScript" in page.select_one("#hub-search").text
    topics = page.select(".hub-contents__link")
    assert topics and all(a["href"].startswith("/#") for a in topics)
    # The page is the search: the header's box would be a second one.
    assert page.select("header form[role=search]") == []
    header_form = read_page(sample_hub, "about").select_one("header form[role=search]")
    assert header_form["action"] == "/search/"
    assert header_form.input["name"] == "q"


def test_search_index_covers_only_the_article_text(sample_hub):
    page = read_page(sample_hub, "writing-method-statements")
    indexed = page.select("[data-pagefind-body]")
    assert {element["class"][0] for element in indexed} == {
        "hub-article__header",
        "hub-prose",
    }
    for block in page.select(".hub-promo, .hub-byline, .hub-resources, .hub-related"):
        assert not block.find_parent(attrs={"data-pagefind-body": True})
    assert page.select_one("[data-pagefind-filter]")["data-pagefind-filter"].startswith(
        "topic:"
    )


def test_netlify_toml_sends_the_same_headers_as_the_built_headers_file(sample_hub):
    netlify = tomllib.loads((ROOT / "netlify.toml").read_text())
    values = next(rule["values"] for rule in netlify["headers"] if rule["for"] == "/*")
    lines = (sample_hub / "_headers").read_text().split("\n/admin/*\n", 1)[0]
    built = dict(
        line.strip().split(": ", 1)
        for line in lines.splitlines()
        if line.startswith("  ")
    )
    assert values == built
    assert "unsafe-inline" not in values["Content-Security-Policy"]
