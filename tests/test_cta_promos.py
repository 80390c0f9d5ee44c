"""Quote call-to-action and product promos (plugins/quote_cta)."""

import pytest

from conftest import block_order


def test_article_shows_every_block_in_order(site):
    for slug in ("second", "third", "fourth"):
        site.article(slug, tags=["CQC"])
    site.article(
        "guide",
        tags=["CQC"],
        products=["rapid-support", "monthly-retainer"],
        resources={"groups": {"Service support": [{"article": "second"}]}},
    )
    assert site.build().ok
    page = site.page("guide")
    assert block_order(page) == [
        "body",
        "byline",
        "help",
        "promo",
        "quote",
        "promo",
        "resources",
        "related",
        "back link",
        "feedback",
    ]
    promos = page.select(".hub-promo__heading")
    assert " ".join(promos[0].get_text().split()) == (
        "Rapid Support Products (fast turnaround options)"
    )
    assert promos[1].get_text().split()[:4] == [
        "Monthly",
        "Bid",
        "Support",
        "Retainers",
    ]
    explore = page.select(".hub-promo__link")[1]
    assert (explore.text, explore["href"]) == (
        "Explore Monthly Bid Support Retainers",
        "/monthly-retainer/",
    )


def test_services_are_one_labelled_block_apart_from_the_guidance(site):
    site.article("guide", products=["monthly-retainer", "rapid-support"])
    assert site.build(QUOTE_CTA_AFTER_PROMOS=2).ok
    page = site.page("guide")
    [help_block] = page.select("article .hub-help")
    heading = help_block.find(["h2"])
    assert heading.text == "How Impact Guru can help"
    assert help_block["aria-labelledby"] == heading["id"]
    assert not help_block.find_parent(class_="hub-prose")
    items = [
        item.find(["h3"]).get_text(" ", strip=True).split(" (")[0]
        for item in help_block.select(".hub-promo, .hub-quote-cta")
    ]
    assert items == [
        "Monthly Bid Support Retainers",
        "Rapid Support Products",
        "Need a Bid Writing Quote?",
    ]
    outside = [
        block
        for block in page.select("article .hub-promo, article .hub-quote-cta")
        if not block.find_parent(class_="hub-help")
    ]
    assert outside == []


def test_quote_block_wording_and_link_carry_the_article(site):
    site.article("guide")
    assert site.build().ok
    quote = site.page("guide").select_one(".hub-quote-cta")
    assert quote.h3.text == "Need a Bid Writing Quote?"
    assert [li.text for li in quote.select("li")] == [
        "a clear scope of work",
        "an estimated number of days",
        "a fixed fee quote",
        "risks, considerations and quick wins",
    ]
    button = quote.select_one("a.hub-quote-cta__button")
    assert button.text == "Request a Bid Writing Quote"
    assert button["href"] == "/quote/?source_article=guide"


def test_changing_product_data_changes_the_page(site):
    site.article("guide", products=["rapid-support"])
    site.data["products"]["rapid-support"]["promo"] = "Reviews back within 48 hours."
    site.data["products"]["bid-writing-quote"]["benefits"] = ["a named writer"]
    assert site.build().ok
    page = site.page("guide")
    assert page.select_one(".hub-promo__text").text == "Reviews back within 48 hours."
    assert [li.text for li in page.select(".hub-quote-cta li")] == ["a named writer"]


def test_promos_follow_the_order_given(site):
    site.article("guide", products=["monthly-retainer", "rapid-support"])
    assert site.build().ok
    headings = site.page("guide").select(".hub-promo__heading")
    assert [h.get_text().split()[0] for h in headings] == ["Monthly", "Rapid"]


def test_topic_then_settings_supply_default_products(site):
    site.data["topics"]["social-value"]["products"] = ["monthly-retainer"]
    site.article("from-topic", topic="social-value")
    site.article("from-settings")
    assert site.build(DEFAULT_PRODUCTS=["rapid-support"]).ok
    topic_promos = site.page("from-topic").select(".hub-promo h3")
    assert [h["id"] for h in topic_promos] == ["hub-promo-monthly-retainer"]
    settings_promos = site.page("from-settings").select(".hub-promo h3")
    assert [h["id"] for h in settings_promos] == ["hub-promo-rapid-support"]


def test_cta_none_removes_the_quote_block(site):
    site.article("guide", cta="none", products=["rapid-support"])
    assert site.build().ok
    page = site.page("guide")
    assert page.select(".hub-quote-cta") == []
    assert len(page.select(".hub-promo")) == 1


def test_marker_places_the_quote_block_in_the_body_once(site):
    body = "First part.\n\n<!-- quote-cta -->\n\nSecond part.\n"
    site.article("guide", body=body, products=["rapid-support"])
    assert site.build().ok
    page = site.page("guide")
    quotes = page.select(".hub-quote-cta")
    assert len(quotes) == 1
    prose = page.select_one(".hub-prose")
    assert quotes[0].parent is prose
    text = prose.get_text()
    assert text.index("First part.") < text.index("Need a Bid") < text.index("Second")
    assert quotes[0].h2.text == "Need a Bid Writing Quote?"
    assert "quote-cta -->" not in str(page)
    assert block_order(page)[:4] == ["body", "byline", "help", "promo"]


@pytest.mark.parametrize(
    ("front_matter", "expected"),
    [
        ({}, "the quote marker '<!-- quote-cta -->' appears 2 times"),
        ({"cta": "none"}, "'cta: none' but the body has the quote marker"),
    ],
)
def test_marker_mistakes_are_errors(site, front_matter, expected):
    body = "<!-- quote-cta -->\n\nText.\n\n<!-- quote-cta -->\n"
    if front_matter:
        body = "<!-- quote-cta -->\n\nText.\n"
    site.article("guide", body=body, **front_matter)
    errors = site.build().errors
    assert any("guide.md" in e and expected in e for e in errors), errors


def facts(page):
    """A product page's facts: heading -> its list items, or its text."""
    shown = {}
    for fact in page.select(".hub-product-facts__item"):
        items = [li.get_text(strip=True) for li in fact.select("li")]
        value = fact.select_one(".hub-product-facts__value")
        shown[fact.h2.get_text(strip=True)] = items or value.get_text(strip=True)
    return shown


def test_each_product_page_says_what_is_included_how_fast_for_whom_and_price(site):
    site.article("guide")
    product = site.data["products"]["rapid-support"]
    product["included"] = ["A scored answer review", "A compliance check"]
    product["turnaround"] = "Two to five working days."
    product["suits"] = ["Bids due within a fortnight"]
    product["price_guidance"] = "From a fixed fee."
    assert site.build().ok
    page = site.page("rapid-support")
    assert page.h1.text == "Rapid Support Products"
    assert facts(page) == {
        "What's included": ["A scored answer review", "A compliance check"],
        "Typical turnaround": "Two to five working days.",
        "Who it suits": ["Bids due within a fortnight"],
        "Price guidance": "From a fixed fee.",
    }
    assert "Price guidance" not in facts(site.page("monthly-retainer"))


def test_a_product_page_opens_the_quote_form_with_its_service_chosen(site):
    site.article("guide")
    del site.data["products"]["monthly-retainer"]["service"]
    assert site.build().ok
    buttons = site.page("rapid-support").select("main a.hub-button")
    assert [button["href"] for button in buttons] == ["/quote/?service=rapid-support"]
    assert site.page("monthly-retainer").select_one("main a.hub-button")["href"] == (
        "/quote/"
    )


def test_a_product_service_the_quote_form_does_not_offer_is_an_error(site):
    site.article("guide")
    site.data["products"]["rapid-support"]["service"] = "rapid-suport"
    errors = site.build().errors
    assert any(
        "products.yml: [rapid-support.service] the quote form offers no service "
        "'rapid-suport'. Did you mean 'rapid-support'?" in error
        for error in errors
    ), errors


def test_the_services_page_lists_every_product_and_the_navigation_links_to_it(site):
    site.article("guide")
    site.write(
        "pages/services.md",
        "---\ntitle: Our services\nsummary: How we help.\ntemplate: services\n---\n"
        "Intro.\n",
    )
    assert site.build().ok
    page = site.page("services")
    cards = page.select(".hub-service-card")
    assert [card.h2.get_text(strip=True) for card in cards] == [
        "Rapid Support Products",
        "Bid Writing Quote",
        "Monthly Bid Support Retainers",
    ]
    assert [card.select_one("a.hub-service-card__link")["href"] for card in cards] == [
        "/rapid-support/",
        "/bid-writing-quote/",
        "/monthly-retainer/",
    ]
    for slug in ("guide", "services", "rapid-support"):
        nav = site.page(slug).select_one(".hub-header nav[aria-label=Main]")
        assert nav.find("a", string="Services")["href"] == "/services/"


def test_product_without_a_page_is_an_error(site):
    site.article("guide")
    site.data["products"]["new-product"] = dict(
        site.data["products"]["rapid-support"], name="New"
    )
    site.write_product_pages = False
    errors = site.build().errors
    assert any("the product 'new-product' has no page" in e for e in errors), errors
