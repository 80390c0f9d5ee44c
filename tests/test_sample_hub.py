"""End to end: the full sample hub in content/, built with every plugin."""

from pathlib import Path

import yaml

from conftest import ROOT, block_order, read_page

ARTICLES = sorted((ROOT / "content" / "articles").glob("*.md"))


def front_matter(path):
    return yaml.safe_load(path.read_text("utf-8").split("---\n")[1])


def test_sample_hub_has_articles_across_topics():
    topics = yaml.safe_load((ROOT / "content/data/topics.yml").read_text("utf-8"))
    used = {front_matter(path)["topic"] for path in ARTICLES}
    assert used <= set(topics)
    assert len(ARTICLES) >= 2


def test_every_article_page_has_every_block_in_order(sample_hub):
    for path in ARTICLES:
        meta = front_matter(path)
        if meta.get("status") == "draft":
            continue
        page = read_page(sample_hub, path.stem)
        order = block_order(page)
        assert order[:3] == ["body", "byline", "help"], path.name
        assert order[-2:] == ["back link", "feedback"], path.name
        if meta.get("cta", "quote") == "quote":
            assert order[3:6] == ["promo", "quote", "promo"], (path.name, order)
        crumbs = page.select(".hub-breadcrumbs__link")
        assert crumbs[1]["href"].startswith("/topics/")
        assert page.h1.text == meta["title"]


def test_index_lists_every_published_article(sample_hub):
    index = read_page(sample_hub, "")
    listed = {a["href"].strip("/") for a in index.select(".hub-card__link")}
    published = {
        path.stem for path in ARTICLES if front_matter(path).get("status") != "draft"
    }
    assert listed == published


def test_every_internal_link_in_the_sample_hub_resolves(sample_hub):
    missing = set()
    for html in Path(sample_hub).rglob("*.html"):
        page = read_page(sample_hub, str(html.parent.relative_to(sample_hub)))
        for link in page.select("a[href^='/']"):
            target = link["href"].split("#")[0].split("?")[0]
            if (
                not (Path(sample_hub) / target.strip("/") / "index.html").exists()
                and not (Path(sample_hub) / target.strip("/")).is_file()
            ):
                missing.add((str(html.relative_to(sample_hub)), link["href"]))
    assert not missing
