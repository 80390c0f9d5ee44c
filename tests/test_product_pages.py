"""Product pages and the services page (plugins/product_pages)."""

from content_model.site_data import Product
from product_pages import product_url


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


def test_a_product_page_address_follows_page_url():
    product = Product("rapid-support", "Rapid", "fast", "promo", "See it")
    assert product_url({"PAGE_URL": "{slug}/"}, product) == "rapid-support/"
    assert product_url({"PAGE_URL": "pages/{slug}.html"}, product) == (
        "pages/rapid-support.html"
    )
