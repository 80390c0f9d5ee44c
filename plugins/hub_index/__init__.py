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

DEFAULTS = {"RECENTLY_UPDATED_COUNT": 5}


@dataclass(frozen=True)
class TopicSection:
    topic: object
    url: str
    articles: list


def check_settings(pelican):
    for key, default in DEFAULTS.items():
        value = pelican.settings.setdefault(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValueError(f"{key} must be a whole number, 0 or more, got {value!r}")


def updated(article):
    """When an article last changed, as its card says."""
    return getattr(article, "modified", None) or article.date


def attach_sections(generator):
    # No tag or author pages are published, but Pelican would still collect
    # each one's articles by scanning every article once per tag or author.
    if not generator.settings["TAG_SAVE_AS"]:
        generator.tags = {}
    if not generator.settings["AUTHOR_SAVE_AS"]:
        generator.authors = []
    # Topic pages list their `articles`; Pelican would also give each one its
    # own `dates` list by scanning every article, which the theme never shows.
    generator.dates = []
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
    signals.initialized.connect(check_settings)
    signals.article_generator_finalized.connect(attach_sections)
