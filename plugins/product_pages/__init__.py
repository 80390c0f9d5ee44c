"""Product pages: a page whose slug is a product's is that product's page.

Needs the content_model plugin, listed before this one in PLUGINS. Such a page
gets the `product` template, `page.product` and `page.quote_url`, the quote
form's address with the product's `service` chosen (`?service=<value>`, which
the form's script reads). Every product needs a page, since its promos and
resource links lead there (`product_url`).
"""

from pelican import signals

from content_model.problems import did_you_mean, report
from content_model.settings import check_plugin_order
from content_model.site_data import data_file

NEEDS = ("content_model",)


def product_url(settings, product):
    """The address of a product's page, relative to the site's root."""
    return settings["PAGE_URL"].format(slug=product.slug)


def use_product_template(generator):
    """Give each product's page its product, after checking that every
    product's service is one the quote form offers."""
    settings = generator.settings
    site_data = generator.context["site_data"]
    services = [value for value, _ in settings.get("QUOTE_FORM_SERVICES", [])]
    for product in site_data.products.values():
        if product.service is not None and product.service not in services:
            report(
                data_file(settings, "products.yml"),
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


def check_every_product_has_a_page(generators):
    pages = {
        page.slug
        for generator in generators
        for page in getattr(generator, "pages", [])
        + getattr(generator, "hidden_pages", [])
    }
    settings = generators[0].settings
    for slug in generators[0].context["site_data"].products:
        if slug not in pages:
            report(
                data_file(settings, "products.yml"),
                slug,
                f"the product '{slug}' has no page",
                f"Write content/products/{slug}.md with a title and summary.",
            )


def register():
    signals.initialized.connect(check_plugin_order)
    signals.page_generator_finalized.connect(use_product_template)
    signals.all_generators_finalized.connect(check_every_product_has_a_page)
