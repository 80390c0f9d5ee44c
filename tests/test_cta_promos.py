"""Quote call-to-action and product promos (plugins/quote_cta)."""

import pytest

from conftest import block_order
from quote_cta import split_at_quote_marker


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


def test_an_unknown_product_is_an_error_at_its_line_not_a_promo_left_out(site):
    site.article("guide", products=["rapid-support", "rapid-suport"])
    errors = site.build().errors
    assert len(errors) == 1, errors
    assert errors[0].endswith(
        "guide.md:6: [products] unknown product 'rapid-suport'. "
        "Did you mean 'rapid-support'?"
    )


def test_an_unknown_default_product_is_an_error_naming_the_setting(site):
    site.article("guide")
    errors = site.build(DEFAULT_PRODUCTS=["rapid-support", "bespoke"]).errors
    assert len(errors) == 1, errors
    assert errors[0].endswith(
        "products.yml: [DEFAULT_PRODUCTS] the settings name product 'bespoke', "
        "which is not in the data. Known values: bid-writing-quote, "
        "monthly-retainer, rapid-support."
    )


def test_the_quote_marker_filter_cuts_the_body_in_two_at_the_first_marker():
    body = "<p>First.</p>\n<!-- quote-cta -->\n<p>Second.</p>"
    assert split_at_quote_marker(body) == ["<p>First.</p>\n", "\n<p>Second.</p>"]
