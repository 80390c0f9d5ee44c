"""Resource links: merging a topic's groups with an article's, and resolving them."""

from dataclasses import dataclass

from product_pages import product_url


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    external: bool = False
    # The slug of the hub's article linked to, if it is one: a preview
    # rebuilds the pages listing an article when its card changes.
    article: str | None = None


@dataclass(frozen=True)
class ResourceGroup:
    name: str
    links: list


def merge_groups(topic_groups, article_resources):
    """`add` puts the article's links first in same-named groups; `replace` wins."""
    if not article_resources:
        return dict(topic_groups)
    own = article_resources["groups"]
    if article_resources["mode"] == "replace":
        return dict(own)
    merged = {
        name: list(own.get(name, [])) + links for name, links in topic_groups.items()
    }
    merged.update({name: links for name, links in own.items() if name not in merged})
    return merged


def article_links(articles, site_url):
    """Slug -> Link for each published article, made once per build."""
    return {
        a.slug: Link(a.title, f"{site_url}/{a.url}", article=a.slug) for a in articles
    }


def resolve_link(link, settings, products, articles):
    """A Link, or None when the slug is unknown (or the article unpublished)."""
    if "url" in link:
        return Link(link["title"], link["url"], external=True)
    if "product" in link:
        product = products.get(link["product"])
        if product is None:
            return None
        url = product_url(settings, product)
        return Link(product.name, f"{settings['SITEURL']}/{url}")
    return articles.get(link["article"])
