"""The Knowledge Hub Index: every published article, grouped by topic.

Needs the content_model plugin, listed before this one in PLUGINS. Puts
`hub_sections` in the template context: one section per topic that has
published articles, in the order of the topic data, each with its articles
sorted by title. Topic pages are Pelican's category pages; drafts and
future-dated articles are never in Pelican's published list, so they appear
in neither.
"""

from dataclasses import dataclass

from pelican import signals


@dataclass(frozen=True)
class TopicSection:
    topic: object
    url: str
    articles: list


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
    generator.context["hub_sections"] = [
        TopicSection(
            topic,
            urls[slug],
            sorted(by_topic[slug], key=lambda article: article.title.casefold()),
        )
        for slug, topic in site_data.topics.items()
        if slug in by_topic
    ]


def register():
    signals.article_generator_finalized.connect(attach_sections)
