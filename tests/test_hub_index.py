"""The Knowledge Hub index and topic pages (plugins/hub_index)."""

import itertools

from bs4 import BeautifulSoup

from hub.site_checks import html_files, page_url


def test_index_groups_articles_by_topic_in_data_order(site):
    site.data["topics"] = {
        "social-value": {"name": "Social value", "description": "Value."},
        "tender-writing": {"name": "Tender writing", "description": "Bids."},
        "empty-topic": {"name": "Empty", "description": "Nothing yet."},
    }
    site.article("zebra", title="Zebra answers", modified="2026-02-01")
    site.article("apple", title="Apple answers", summary="About apples.")
    site.article("value", title="Value guide", topic="social-value")
    assert site.build().ok
    index = site.page("")

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
    meta = [
        " ".join(card.select_one(".hub-card__meta").get_text().split())
        for card in cards
    ]
    assert meta == ["Updated 15 January 2026", "Updated 1 February 2026"]
    assert cards[1].time["datetime"] == "2026-02-01"


def test_index_introduces_impact_guru_and_the_hub(site):
    site.article("guide")
    assert site.build().ok
    index = site.page("")
    assert index.h1.text == "Guidance for winning and running care contracts"
    assert "Knowledge Hub Index" not in index.get_text()
    intro = index.select_one(".hub-lead").get_text()
    assert "Impact Guru" in intro
    assert "NHS and social care providers" in intro
    links = {a["href"] for a in index.select(".hub-index-intro a")}
    assert {"/about/", "/services/"} <= links


def test_recently_updated_lists_the_latest_changes_first(site):
    site.article("old", title="Old guide", date="2025-01-01", modified="2026-03-01")
    site.article("new", title="New guide", date="2026-02-01")
    site.article("older", title="Older guide", date="2025-06-01")
    site.article("reviewed", title="Reviewed", date="2024-01-01", modified="2026-02-15")
    assert site.build(RECENTLY_UPDATED_COUNT=3).ok
    recent = site.page("").select_one(".hub-recent")
    assert recent.h2.text == "Recently updated"
    rows = [
        (item.a.text, item.time["datetime"])
        for item in recent.select(".hub-recent__item")
    ]
    assert rows == [
        ("Old guide", "2026-03-01"),
        ("Reviewed", "2026-02-15"),
        ("New guide", "2026-02-01"),
    ]


def test_the_index_and_the_topic_page_list_a_topic_in_one_order(site):
    site.article("beta", title="Beta guide", date="2026-01-01")
    site.article("alpha", title="alpha guide", date="2025-01-01")
    site.article("gamma", title="Gamma guide", date="2026-03-01")
    assert site.build().ok

    def titles(page):
        return [a.text for a in page.select(".hub-card__link")]

    expected = ["alpha guide", "Beta guide", "Gamma guide"]
    assert titles(site.page("")) == expected
    assert titles(site.page("topics/tender-writing")) == expected


def heading_levels(page):
    """The levels of the headings shown when the page loads."""
    return [
        int(tag.name[1])
        for tag in page.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])
        if not tag.find_parent(attrs={"hidden": True})
    ]


def test_every_page_of_the_sample_hub_has_a_valid_heading_order(sample_hub):
    for path in html_files(sample_hub):
        page = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        levels = heading_levels(page)
        if not levels:
            continue  # a redirect page
        where = page_url(sample_hub, path)
        assert levels[0] == 1 and levels.count(1) == 1, (where, levels)
        skips = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
        assert skips == [], (where, levels)


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
    back = site.page("guide").select_one(".hub-back-link")
    assert (back.text, back["href"]) == ("Return to the Knowledge Hub", "/")
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
