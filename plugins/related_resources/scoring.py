"""Related guidance through indexes of topic and tag to articles.

Articles sharing the topic come first, those sharing more tags before those
sharing fewer; then, only if the topic is too small, articles from other topics
by shared tags. Counting runs over the (topic, tag) lists alone, so the work
per article stays small however large the hub grows. Ties go to the newest
article, then to the slug, so lists are stable. Articles the page already
links to elsewhere (its resources) are passed over for the next best.
"""

import heapq
import itertools
from collections import Counter, defaultdict
from operator import attrgetter


class RelatedIndex:
    def __init__(self, articles):
        # Newest first, then by slug: two stable sorts, the last one deciding.
        newest = sorted(
            sorted(articles, key=attrgetter("slug")),
            key=attrgetter("date"),
            reverse=True,
        )
        self.by_slug = {article.slug: article for article in newest}
        self.rank = {article.slug: rank for rank, article in enumerate(newest)}
        self.by_topic = defaultdict(list)
        self.by_topic_tag = defaultdict(list)
        self.by_tag = defaultdict(list)
        # Everything the lists are made from, in the order used.
        self.inputs = tuple(
            (article.slug, article.category.slug, tuple(_tags(article)))
            for article in newest
        )
        for slug, topic, tags in self.inputs:
            self.by_topic[topic].append(slug)
            for tag in tags:
                self.by_topic_tag[topic, tag].append(slug)
                self.by_tag[tag].append(slug)

    def related(self, article, chosen, minimum, maximum, linked=frozenset()):
        """The slugs of the editor's published choices, then of the closest
        matches, then of the newest; none of them `linked` already."""
        topic, tags = article.category.slug, _tags(article)
        left_out = {article.slug, *linked}
        picked = [
            slug
            for slug in dict.fromkeys(chosen)
            if slug in self.by_slug and slug not in left_out
        ][:maximum]
        same_topic = Counter(
            slug for tag in tags for slug in self.by_topic_tag.get((topic, tag), ())
        )
        self._add_best(picked, left_out, same_topic, maximum)
        self._add_newest(picked, left_out, self.by_topic.get(topic, ()), maximum)
        if len(picked) < maximum:
            other_topics = Counter(
                slug for tag in tags for slug in self.by_tag.get(tag, ())
            )
            self._add_best(picked, left_out, other_topics, maximum)
        self._add_newest(picked, left_out, self.by_slug, minimum)
        return picked

    def _add_best(self, picked, left_out, scores, limit):
        taken = {*left_out, *picked}
        picked += heapq.nsmallest(
            limit - len(picked),
            (slug for slug in scores if slug not in taken),
            key=lambda slug: (-scores[slug], self.rank[slug]),
        )

    def _add_newest(self, picked, left_out, slugs, limit):
        taken = {*left_out, *picked}
        fresh = (slug for slug in slugs if slug not in taken)
        picked += itertools.islice(fresh, max(0, limit - len(picked)))


def _tags(article):
    return [tag.slug for tag in getattr(article, "tags", [])]
