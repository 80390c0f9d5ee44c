"""The Knowledge Hub index: every published article, grouped by topic, and
the articles updated most recently.

Needs the content_model plugin, listed before this one in PLUGINS. Puts in
the template context:
- `hub_sections`: one section per topic that has published articles, in the
  order of the topic data, each with its articles sorted by title;
- `hub_topic_sections`: the same sections by topic slug, so that a topic's own
  page lists its articles in the index's order;
- `recently_updated`: the `RECENTLY_UPDATED_COUNT` articles last updated
  (`modified`, or `date` when never modified), newest first.
Topic pages are Pelican's category pages; drafts and future-dated articles
are never in Pelican's published list, so they appear in neither.
"""

from dataclasses import dataclass

from pelican import signals

from content_model.pelican_compat import skip_unpublished_groupings
from content_model.settings import check_plugin_order, whole_number

NEEDS = ("content_model",)
DEFAULTS = {"RECENTLY_UPDATED_COUNT": 5}


@dataclass(frozen=True)
class TopicSection:
    topic: object
    url: str
    articles: list


def check_settings(pelican):
    for key, default in DEFAULTS.items():
        pelican.settings.setdefault(key, default)
        whole_number(pelican.settings, key)


def updated(article):
    """When an article last changed, as its card says."""
    return getattr(article, "modified", None) or article.date


def attach_sections(generator):
    # No tag or author pages are published, and topic pages list their
    # `articles`, never their `dates`: Pelican would still scan every article
    # once per tag, author and topic to group them.
    skip_unpublished_groupings(generator)
    site_data = generator.context["site_data"]
    by_topic = {}
    for article in generator.articles:
        by_topic.setdefault(article.category.slug, []).append(article)
    urls = {category.slug: category.url for category, _ in generator.categories}
    sections = [
        TopicSection(
            topic,
            urls[slug],
            sorted(by_topic[slug], key=lambda article: article.title.casefold()),
        )
        for slug, topic in site_data.topics.items()
        if slug in by_topic
    ]
    generator.context["hub_sections"] = sections
    generator.context["hub_topic_sections"] = {
        section.topic.slug: section for section in sections
    }
    newest = sorted(
        generator.articles,
        key=lambda article: (-updated(article).timestamp(), article.slug),
    )
    generator.context["recently_updated"] = newest[
        : generator.settings["RECENTLY_UPDATED_COUNT"]
    ]


def register():
    signals.initialized.connect(check_plugin_order)
    signals.initialized.connect(check_settings)
    signals.article_generator_finalized.connect(attach_sections)
