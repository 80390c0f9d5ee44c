"""Related guidance through an index of topic and tag to articles.

Each article's candidates are only the articles that share its topic or a tag,
so the cost grows with the size of those groups, not with the square of the
hub. Ties go to the newest article, then to the slug, so lists are stable.
"""

import heapq
from collections import Counter, defaultdict

TOPIC_WEIGHT = 3
TAG_WEIGHT = 1


class RelatedIndex:
    def __init__(self, articles):
        newest = sorted(articles, key=lambda a: (-a.date.timestamp(), a.slug))
        self.by_slug = {article.slug: article for article in newest}
        self.rank = {article.slug: rank for rank, article in enumerate(newest)}
        self.by_topic = defaultdict(list)
        self.by_tag = defaultdict(list)
        for article in newest:
            self.by_topic[article.category.slug].append(article.slug)
            for tag in getattr(article, "tags", []):
                self.by_tag[tag.slug].append(article.slug)

    def related(self, article, chosen, minimum, maximum):
        """The editor's published choices, then the best scores, then the newest."""
        picked = [
            slug
            for slug in dict.fromkeys(chosen)
            if slug in self.by_slug and slug != article.slug
        ][:maximum]
        excluded = {article.slug, *picked}
        scores = Counter()
        for slug in self.by_topic.get(article.category.slug, ()):
            scores[slug] += TOPIC_WEIGHT
        for tag in getattr(article, "tags", []):
            for slug in self.by_tag.get(tag.slug, ()):
                scores[slug] += TAG_WEIGHT
        picked += heapq.nsmallest(
            maximum - len(picked),
            (slug for slug in scores if slug not in excluded),
            key=lambda slug: (-scores[slug], self.rank[slug]),
        )
        for slug in self.by_slug:
            if len(picked) >= minimum:
                break
            if slug not in excluded and slug not in picked:
                picked.append(slug)
        return [self.by_slug[slug] for slug in picked]
