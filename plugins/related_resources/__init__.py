""" "Useful Tender Resources" groups and "Related guidance" lists.

Needs the content_model plugin, listed before this one in PLUGINS. Attaches to
each article:
- `resource_groups`: the topic's default groups, merged with or replaced by the
  article's own `resources` (see the README), each link resolved to a title and
  a URL;
- `related_guidance`: up to `RELATED_GUIDANCE_MAX` published articles, the
  article's `related` slugs first, then the best matches by shared topic and
  tags, found through a topic/tag index rather than by comparing every pair.
  An article its resources already link to is never repeated there: the next
  best takes its place.
"""

from functools import partial

from pelican import signals

from content_model import all_articles
from content_model.memo import per_article_memo, shared_inputs
from content_model.problems import did_you_mean, report, report_field
from content_model.settings import check_plugin_order, whole_number
from content_model.site_data import data_file

from .links import ResourceGroup, article_links, merge_groups, resolve_link
from .scoring import RelatedIndex

NEEDS = ("content_model",)
DEFAULTS = {"RELATED_GUIDANCE_MIN": 3, "RELATED_GUIDANCE_MAX": 5}


def check_settings(pelican):
    settings = pelican.settings
    for key, default in DEFAULTS.items():
        settings.setdefault(key, default)
    low = whole_number(settings, "RELATED_GUIDANCE_MIN")
    whole_number(settings, "RELATED_GUIDANCE_MAX", low, "RELATED_GUIDANCE_MIN")


def attach_related(generator):
    settings = generator.settings
    site_data = generator.context["site_data"]
    published = article_links(generator.articles, settings["SITEURL"])
    slug_of = {link: slug for slug, link in published.items()}
    everything = all_articles(generator)
    all_slugs = {article.slug for article in everything}
    index = RelatedIndex(generator.articles)
    _check_topic_resources(settings, site_data, all_slugs)
    # A preview rebuild reuses an article's lists while what they are made
    # from is unchanged: the published titles and URLs, and the index.
    links_made_from = shared_inputs("resource_groups", (published, all_slugs))
    index_made_from = shared_inputs("related_guidance", index.inputs)
    for article in everything:
        if getattr(article, "has_problems", False):
            continue
        groups = partial(
            _resource_groups, article, settings, site_data, published, all_slugs
        )
        article.resource_groups = per_article_memo(
            article, "resource_groups", groups, links_made_from
        )
        linked = {
            slug_of[link]
            for group in article.resource_groups
            for link in group.links
            if link in slug_of
        }
        related = partial(
            index.related,
            article,
            getattr(article, "related", []),
            settings["RELATED_GUIDANCE_MIN"],
            settings["RELATED_GUIDANCE_MAX"],
            linked,
        )
        # The resources' articles change only with the article (read again),
        # the topic data (a full build) or the published articles (the index).
        slugs = per_article_memo(article, "related_guidance", related, index_made_from)
        article.related_guidance = [index.by_slug[slug] for slug in slugs]


def _resource_groups(article, settings, site_data, published, all_slugs):
    topic = article.topic
    own = getattr(article, "resources", None)
    groups = merge_groups(getattr(topic, "resources", {}), own)
    itself = published.get(article.slug)
    resolved = []
    for name, links in groups.items():
        resolved_links = []
        for link in links:
            found = resolve_link(link, settings, site_data.products, published)
            if found is None:
                _report_link(article, link, site_data, all_slugs)
            elif found not in resolved_links and found != itself:
                resolved_links.append(found)
        if resolved_links:
            resolved.append(ResourceGroup(name, resolved_links))
    return resolved


def _report_link(article, link, site_data, all_slugs):
    """A link that cannot be resolved; links to drafts are left out quietly."""
    if "article" in link and link["article"] in all_slugs:
        return
    kind, slug = next(iter(link.items()))
    known = all_slugs if kind == "article" else site_data.products
    report_field(
        article,
        "resources",
        f"unknown {kind} '{slug}'",
        did_you_mean(slug, known),
    )


def _check_topic_resources(settings, site_data, all_slugs):
    """Topic defaults are checked once, against the data file that holds them."""
    path = data_file(settings, "topics.yml")
    for topic in site_data.topics.values():
        for links in topic.resources.values():
            for link in links:
                kind, slug = next(iter(link.items()))
                known = {"article": all_slugs, "product": site_data.products}.get(kind)
                if known is not None and slug not in known:
                    report(
                        path,
                        f"{topic.slug}.resources",
                        f"unknown {kind} '{slug}'",
                        did_you_mean(slug, known),
                    )


def register():
    signals.initialized.connect(check_plugin_order)
    signals.initialized.connect(check_settings)
    signals.article_generator_finalized.connect(attach_related)
