"""Guess an imported article's topic from the words of each topic in the
site data: its name and description, and its `keywords`, phrases that point
to it more surely (weighted higher)."""

import difflib
import re

from hub.legacy.export import ImportFailed

WORD = re.compile(r"[a-z][a-z'-]+")
# Words too common to tell topics apart.
STOPWORDS = re.compile(
    "about|against|also|been|being|care|from|have|health|into|more|that|their|them|"
    "they|this|under|well|what|when|which|will|with|your"
)
KEYWORD_WEIGHT = 3


def choose_topic(title, text, topics, topic=None):
    """(topic slug, a note saying how it was chosen)."""
    if topic:
        if topic not in topics:
            close = difflib.get_close_matches(topic, topics, n=1)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            raise ImportFailed(
                f"unknown topic '{topic}'.{hint} Known topics: {', '.join(topics)}."
            )
        return topic, ""
    if not topics:
        raise ImportFailed("content/data/topics.yml defines no topics; add one")
    haystack = (title + "\n" + title + "\n" + text).casefold()
    scores = {slug: _score(record, haystack) for slug, record in topics.items()}
    best = max(scores, key=scores.get)
    if not scores[best]:
        best = next(iter(topics))
        return best, (
            f"topic: no topic matched the text; chose '{best}'. "
            "Pass --topic SLUG to choose another."
        )
    ranked = sorted(scores.items(), key=lambda item: -item[1])[:3]
    shown = ", ".join(f"{slug} {score}" for slug, score in ranked)
    return best, (
        f"topic: guessed '{best}' (scores: {shown}). "
        "Pass --topic SLUG to choose another."
    )


def _score(topic, haystack):
    named = WORD.findall(f"{topic.name} {topic.description}".casefold())
    score = sum(
        len(re.findall(rf"\b{re.escape(word)}\b", haystack))
        for word in set(named)
        if len(word) > 3 and not STOPWORDS.fullmatch(word)
    )
    for phrase in topic.keywords:
        found = re.findall(rf"\b{re.escape(phrase.casefold())}\b", haystack)
        score += KEYWORD_WEIGHT * len(found)
    return score
