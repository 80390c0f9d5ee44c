"""Products named by slug become the products themselves
(plugins/content_model/site_data.py), once, as the data is checked."""

from content_model.site_data import Product, find_products


def product(slug):
    return Product(slug, slug.title(), "tagline", "promo", "link text")


PRODUCTS = {slug: product(slug) for slug in ("rapid-support", "monthly-retainer")}


def test_slugs_become_their_products_in_the_order_given():
    found, unknown = find_products(["monthly-retainer", "rapid-support"], PRODUCTS)
    assert found == [PRODUCTS["monthly-retainer"], PRODUCTS["rapid-support"]]
    assert unknown == []


def test_unknown_slugs_are_returned_not_dropped():
    slugs = ["rapid-suport", "rapid-support", "retainer"]
    found, unknown = find_products(slugs, PRODUCTS)
    assert found == [PRODUCTS["rapid-support"]]
    assert unknown == ["rapid-suport", "retainer"]


def test_an_unknown_product_of_a_topic_is_an_error_in_the_topics_file(site):
    site.data["topics"]["tender-writing"]["products"] = ["rapid-suport"]
    errors = site.build().errors
    assert len(errors) == 1, errors
    assert errors[0].endswith(
        "topics.yml: [tender-writing.products] unknown product 'rapid-suport'. "
        "Did you mean 'rapid-support'?"
    )
