"""The Knowledge Hub Index and topic pages (plugins/hub_index)."""

from bs4 import BeautifulSoup


def test_index_groups_articles_by_topic_in_data_order(site):
    site.data["topics"] = {
        "social-value": {"name": "Social value", "description": "Value."},
        "tender-writing": {"name": "Tender writing", "description": "Bids."},
        "empty-topic": {"name": "Empty", "description": "Nothing yet."},
    }
    site.article("zebra", title="Zebra answers", review_by="2027-02-01")
    site.article("apple", title="Apple answers", summary="About apples.")
    site.article("value", title="Value guide", topic="social-value")
    assert site.build().ok
    index = site.page("")

    assert index.h1.text == "Knowledge Hub Index"
    contents = index.select(".hub-contents__item")
    assert [" ".join(item.get_text().split()) for item in contents] == [
        "Social value (1)",
        "Tender writing (2)",
    ]
    assert [a["href"] for a in index.select(".hub-contents__link")] == [
        "#social-value",
        "#tender-writing",
    ]
    sections = index.select("section.hub-topic")
    assert [section["id"] for section in sections] == ["social-value", "tender-writing"]
    writing = sections[1]
    assert "2 articles" in writing.select_one(".hub-topic__meta").text
    assert writing.select_one(".hub-topic__link")["href"] == "/topics/tender-writing/"
    cards = writing.select(".hub-card")
    assert [card.h3.text for card in cards] == ["Apple answers", "Zebra answers"]
    assert cards[0].select_one(".hub-card__summary").text == "About apples."
    assert cards[1].time["datetime"] == "2027-02-01"


def test_topic_page_has_description_articles_and_is_the_breadcrumb_target(site):
    site.data["topics"]["tender-writing"]["description"] = "All about writing bids."
    site.article("guide", title="A guide")
    assert site.build().ok
    topic = site.page("topics/tender-writing")
    assert topic.h1.text == "Tender writing"
    assert topic.select_one(".hub-lead").text == "All about writing bids."
    assert [a.text for a in topic.select(".hub-card__link")] == ["A guide"]
    crumb = site.page("guide").select(".hub-breadcrumbs__link")[1]
    assert crumb["href"] == "/topics/tender-writing/"


def test_back_link_points_to_the_index(site):
    site.article("guide")
    assert site.build().ok
    assert site.page("guide").select_one(".hub-back-link")["href"] == "/"
    assert (site.output / "index.html").exists()


def test_drafts_and_future_articles_appear_nowhere(site):
    site.article("draft-guide", title="Draft guide", status="draft")
    site.article("future-guide", title="Future guide", date="2999-01-01")
    site.article("live", title="Live guide")
    result = site.build(
        FEED_ALL_ATOM="feeds/all.atom.xml",
        CATEGORY_FEED_ATOM="feeds/{slug}.atom.xml",
        SITEURL="https://hub.example",
    )
    assert result.ok, result.errors
    listings = [
        site.output / "index.html",
        site.output / "topics" / "tender-writing" / "index.html",
        site.output / "live" / "index.html",
        site.output / "feeds" / "all.atom.xml",
        site.output / "feeds" / "tender-writing.atom.xml",
    ]
    for listing in listings:
        text = listing.read_text()
        assert "Live guide" in text or "live" in listing.parts
        for hidden in ("Draft guide", "Future guide", "draft-guide", "future-guide"):
            assert hidden not in text, (listing, hidden)
    assert not (site.output / "draft-guide").exists()
    assert not (site.output / "future-guide").exists()
    live = BeautifulSoup((site.output / "live/index.html").read_text(), "html.parser")
    assert live.select(".hub-related__link") == []
