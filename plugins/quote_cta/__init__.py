"""Quote call-to-actions and product promos on every article.

Needs the content_model plugin, listed before this one in PLUGINS. Each
article gets `article.call_to_actions`: the blocks shown after its body, in
order. A block is a promo for one of the article's products, or the quote
call-to-action, which follows the first `QUOTE_CTA_AFTER_PROMOS` promos. An
editor can instead place the quote block in the body with the marker line
`<!-- quote-cta -->` (QUOTE_MARKER), where the `split_at_quote_marker`
template filter cuts the body in two; `cta: none` removes it. The wording is
product data.
"""

from dataclasses import dataclass
from functools import partial

from pelican import signals

from content_model import all_articles
from content_model.memo import per_article_memo
from content_model.pelican_compat import body_html
from content_model.problems import did_you_mean, report, report_field
from content_model.settings import check_plugin_order, whole_number
from content_model.site_data import data_file, find_products
from product_pages import product_url

NEEDS = ("content_model",)
QUOTE_MARKER = "<!-- quote-cta -->"
DEFAULTS = {
    "QUOTE_CTA_PRODUCT": "bid-writing-quote",
    "QUOTE_CTA_AFTER_PROMOS": 1,
    "DEFAULT_PRODUCTS": [],
}


@dataclass(frozen=True)
class Block:
    kind: str  # "promo" or "quote"
    product: object
    url: str


def check_settings(pelican):
    settings = pelican.settings
    for key, default in DEFAULTS.items():
        settings.setdefault(key, default)
    whole_number(settings, "QUOTE_CTA_AFTER_PROMOS")
    settings["JINJA_FILTERS"] = {
        **settings.get("JINJA_FILTERS", {}),
        "split_at_quote_marker": split_at_quote_marker,
    }


def split_at_quote_marker(body):
    """The body before and after its quote marker, for the template to put
    the quote block between them."""
    return body.split(QUOTE_MARKER, 1)


def attach_blocks(generator):
    settings = generator.settings
    site_data = generator.context["site_data"]
    quote_product = site_data.products.get(settings["QUOTE_CTA_PRODUCT"])
    if quote_product is None or not quote_product.benefits:
        report(
            data_file(settings, "products.yml"),
            settings["QUOTE_CTA_PRODUCT"],
            "the quote call-to-action needs this product, with a heading and benefits",
            "Add it, or set QUOTE_CTA_PRODUCT to the product that has them.",
        )
        return
    default_products = _default_products(settings, site_data)
    for article in all_articles(generator):
        if not getattr(article, "has_problems", False):
            blocks = partial(
                _blocks, article, settings, default_products, quote_product
            )
            (
                article.quote_cta,
                article.quote_cta_in_body,
                article.call_to_actions,
            ) = per_article_memo(article, "quote_cta", blocks)


def _default_products(settings, site_data):
    """The products of DEFAULT_PRODUCTS; one the data lacks is an error."""
    products, unknown = find_products(settings["DEFAULT_PRODUCTS"], site_data.products)
    for slug in unknown:
        if not site_data.reported_missing(slug, "products.yml"):
            report(
                data_file(settings, "products.yml"),
                "DEFAULT_PRODUCTS",
                f"the settings name product '{slug}', which is not in the data",
                did_you_mean(slug, site_data.products),
            )
    return products


def _blocks(article, settings, default_products, quote_product):
    """The article's own products, else its topic's, else the defaults."""
    products = (
        getattr(article, "products", None)
        or getattr(article.topic, "products", None)
        or default_products
    )
    promos = [
        Block("promo", product, product_url(settings, product)) for product in products
    ]
    quote = Block("quote", quote_product, _quote_url(settings, article))
    in_body = _quote_in_body(article)
    if article.cta == "quote" and not in_body:
        promos.insert(min(settings["QUOTE_CTA_AFTER_PROMOS"], len(promos)), quote)
    return quote, in_body, promos


def _quote_url(settings, article):
    """The article's slug travels with the visitor, so the request records it."""
    return f"{settings['QUOTE_PAGE_URL']}?source_article={article.slug}"


def _quote_in_body(article):
    count = body_html(article).count(QUOTE_MARKER)
    if count == 0:
        return False
    if count > 1:
        report(
            article.source_path,
            "body",
            f"the quote marker '{QUOTE_MARKER}' appears {count} times",
            "Keep one marker line: the quote block appears once.",
        )
    if article.cta == "none":
        report_field(
            article,
            "cta",
            f"'cta: none' but the body has the quote marker '{QUOTE_MARKER}'",
            "Remove the marker, or remove 'cta: none'.",
        )
        return False
    return True


def register():
    signals.initialized.connect(check_plugin_order)
    signals.initialized.connect(check_settings)
    signals.article_generator_finalized.connect(attach_blocks)
