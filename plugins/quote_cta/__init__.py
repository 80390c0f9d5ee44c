"""Quote call-to-actions and product promos on every article.

Needs the content_model plugin, listed before this one in PLUGINS. Each
article gets `article.call_to_actions`: the blocks shown after its body, in
order. A block is a promo for one of the article's products, or the quote
call-to-action, which follows the first `QUOTE_CTA_AFTER_PROMOS` promos. An
editor can instead place the quote block in the body with the marker line
`<!-- quote-cta -->`; `cta: none` removes it. The wording is product data.

A page whose slug is a product's is that product's page: it gets
`page.product` and `page.quote_url`, the quote form's address with the
product's `service` chosen (`?service=<value>`, which the form's script reads).
"""

from dataclasses import dataclass
from functools import partial

from pelican import signals

from content_model.problems import did_you_mean, report, report_field
from content_model.reuse import reuse

MARKER = "<!-- quote-cta -->"
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
    after = settings["QUOTE_CTA_AFTER_PROMOS"]
    if not isinstance(after, int) or isinstance(after, bool) or after < 0:
        raise ValueError(f"QUOTE_CTA_AFTER_PROMOS must be 0 or more, got {after!r}")
    settings["QUOTE_CTA_MARKER"] = MARKER


def attach_blocks(generator):
    settings = generator.settings
    site_data = generator.context["site_data"]
    quote_product = site_data.products.get(settings["QUOTE_CTA_PRODUCT"])
    if quote_product is None or not quote_product.benefits:
        report(
            f"{settings['PATH']}/{settings['HUB_DATA_PATH']}/products.yml",
            settings["QUOTE_CTA_PRODUCT"],
            "the quote call-to-action needs this product, with a heading and benefits",
            "Add it, or set QUOTE_CTA_PRODUCT to the product that has them.",
        )
        return
    for article in generator.articles + generator.drafts + generator.hidden_articles:
        if not getattr(article, "has_problems", False):
            blocks = partial(_blocks, article, settings, site_data, quote_product)
            (
                article.quote_cta,
                article.quote_cta_in_body,
                article.call_to_actions,
            ) = reuse(article, "quote_cta", blocks)


def _blocks(article, settings, site_data, quote_product):
    promos = [
        Block("promo", site_data.products[slug], _product_url(settings, slug))
        for slug in _product_slugs(article, settings)
        if slug in site_data.products
    ]
    quote = Block("quote", quote_product, _quote_url(settings, article))
    in_body = _quote_in_body(article)
    if article.cta == "quote" and not in_body:
        promos.insert(min(settings["QUOTE_CTA_AFTER_PROMOS"], len(promos)), quote)
    return quote, in_body, promos


def _product_slugs(article, settings):
    topic_products = getattr(article.topic, "products", [])
    return (
        getattr(article, "products", None)
        or topic_products
        or settings["DEFAULT_PRODUCTS"]
    )


def _product_url(settings, slug):
    return settings["PAGE_URL"].format(slug=slug)


def _quote_url(settings, article):
    """The article's slug travels with the visitor, so the request records it."""
    return f"{settings['QUOTE_PAGE_URL']}?source_article={article.slug}"


def _quote_in_body(article):
    count = article._content.count(MARKER)
    if count == 0:
        return False
    if count > 1:
        report(
            article.source_path,
            "body",
            f"the quote marker '{MARKER}' appears {count} times",
            "Keep one marker line: the quote block appears once.",
        )
    if article.cta == "none":
        report_field(
            article,
            "cta",
            f"'cta: none' but the body has the quote marker '{MARKER}'",
            "Remove the marker, or remove 'cta: none'.",
        )
        return False
    return True


def check_product_pages(generators):
    """Every product's promo links to its page, so every product needs one."""
    pages = {
        page.slug
        for generator in generators
        for page in getattr(generator, "pages", [])
        + getattr(generator, "hidden_pages", [])
    }
    context = generators[0].context
    settings = generators[0].settings
    for slug in context["site_data"].products:
        if slug not in pages:
            report(
                f"{settings['PATH']}/{settings['HUB_DATA_PATH']}/products.yml",
                slug,
                f"the product '{slug}' has no page",
                f"Write content/products/{slug}.md with a title and summary.",
            )


def use_product_template(generator):
    """A page whose slug is a product's slug is that product's page."""
    settings = generator.settings
    site_data = generator.context["site_data"]
    services = [value for value, _ in settings.get("QUOTE_FORM_SERVICES", [])]
    for product in site_data.products.values():
        if product.service is not None and product.service not in services:
            report(
                f"{settings['PATH']}/{settings['HUB_DATA_PATH']}/products.yml",
                f"{product.slug}.service",
                f"the quote form offers no service '{product.service}'",
                did_you_mean(product.service, services),
            )
    for page in generator.pages + generator.hidden_pages + generator.draft_pages:
        product = site_data.products.get(page.slug)
        if product is not None:
            page.template = "product"
            page.product = product
            page.quote_url = settings["QUOTE_PAGE_URL"] + (
                f"?service={product.service}" if product.service in services else ""
            )


def register():
    signals.initialized.connect(check_settings)
    signals.article_generator_finalized.connect(attach_blocks)
    signals.page_generator_finalized.connect(use_product_template)
    signals.all_generators_finalized.connect(check_product_pages)
