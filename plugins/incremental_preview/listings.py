"""How the pages that list articles show each one, and which pages list which.

What a listing shows of an article is read from the templates that show it:
a field added to a card template is compared between builds with no change
here.
"""

from collections import defaultdict
from typing import NamedTuple

from jinja2 import nodes

# The templates that show articles other than a page's own.
CARD_TEMPLATES = (
    "components/article_card.html",  # the index's and topic pages' cards
    "components/recent_articles.html",  # the index
    "components/related_guidance.html",  # other articles' pages
)
SITEMAP_TEMPLATES = ("sitemap.html",)


class Listed(NamedTuple):
    """An article as the listing pages show it."""

    slug: str
    save_as: str
    topic_page: str
    # What the cards, the sitemap and the topic counts show of it; its status
    # says whether it is listed at all.
    card: tuple
    sitemap: tuple
    count: tuple


class ShownFields(NamedTuple):
    card: tuple
    sitemap: tuple


def shown_fields(environment):
    """The article attributes the card and sitemap templates read."""
    return ShownFields(
        _read_attributes(environment, CARD_TEMPLATES),
        _read_attributes(environment, SITEMAP_TEMPLATES),
    )


def _read_attributes(environment, names):
    """Attributes read off the templates' macro arguments and loop variables."""
    read = set()
    for name in names:
        source = environment.loader.get_source(environment, name)[0]
        tree = environment.parse(source)
        bound = {arg.name for macro in tree.find_all(nodes.Macro) for arg in macro.args}
        for loop in tree.find_all(nodes.For):
            target = loop.target
            variables = (
                [target]
                if isinstance(target, nodes.Name)
                else target.find_all(nodes.Name)
            )
            bound.update(variable.name for variable in variables)
        read.update(
            node.attr
            for node in tree.find_all(nodes.Getattr)
            if isinstance(node.node, nodes.Name) and node.node.name in bound
        )
    return ("status", *sorted(read))


def listing(article, shown):
    return Listed(
        article.slug,
        article.save_as,
        article.category.save_as,
        card=_values(article, shown.card),
        sitemap=_values(article, shown.sitemap),
        count=(article.status, article.category.slug),
    )


def _values(article, fields):
    return tuple(getattr(article, name, None) for name in fields)


def page_lists(article):
    """The other articles and resources an article's page lists."""
    related = [other.slug for other in getattr(article, "related_guidance", [])]
    return related, getattr(article, "resource_groups", [])


def listed_on_pages(lists):
    """Article slug -> output files of the pages that list it."""
    listed_on = defaultdict(set)
    for page, (related, groups) in lists.items():
        for slug in related:
            listed_on[slug].add(page)
        for group in groups:
            for link in group.links:
                if link.article:
                    listed_on[link.article].add(page)
    return listed_on
