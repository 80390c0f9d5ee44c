"""`invoke new`: a draft article with every front-matter key, ready to fill in."""

import datetime
import json
from pathlib import Path

import yaml
from pelican.utils import slugify

from content_model import placeholders
from content_model.dates import add_months

TEMPLATE = """\
---
title: {title}
date: {today}                  # first published (ISO date)
# modified: {today}            # last reviewed, once you review it
# review_by: {review_by}       # next review due; defaults to date + 12 months
topic: {topic}
tags: []                       # e.g. [CQC, governance]
summary: {summary}
# author: Jane Smith           # defaults to the site's author
editor: {editor}               # a slug from content/data/people.yml
products: []                   # e.g. [rapid-support]; empty: the topic's
# resources:                   # adds to the topic's "Useful Tender Resources"
#   mode: add                  # or replace
#   groups:
#     Service support:
#       - article: another-article-slug
#       - product: rapid-support
#       - title: "A public page"
#         url: https://www.gov.uk/
related: []                    # article slugs listed first under "Related guidance"
cta: quote                     # or none, to remove the quote call-to-action
status: draft                  # change to published when it is ready
---
{intro}

{heading}

- a point
- another point
"""


class ScaffoldError(ValueError):
    pass


def new_article(settings, title, topic, today=None):
    """Write content/articles/<slug>.md and return its path; never overwrite."""
    today = today or datetime.date.today()
    content = Path(settings["PATH"])
    topics_file = content / settings["HUB_DATA_PATH"] / "topics.yml"
    topics = yaml.safe_load(topics_file.read_text("utf-8"))
    if topic not in topics:
        raise ScaffoldError(
            f"Unknown topic '{topic}'. Use one of: {', '.join(topics)}."
        )
    slug = slugify(title, regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"])
    path = content / settings["ARTICLE_PATHS"][0] / f"{slug}.md"
    if path.exists():
        raise ScaffoldError(f"{path} already exists; choose another title or edit it.")
    review_by = add_months(today, settings["REVIEW_PERIOD_MONTHS"])
    path.write_text(
        TEMPLATE.format(
            title=json.dumps(title, ensure_ascii=False),
            today=today.isoformat(),
            review_by=review_by.isoformat(),
            topic=topic,
            editor=settings["DEFAULT_EDITOR"],
            summary=placeholders.SUMMARY,
            intro=placeholders.BODY_LINES[0],
            heading=placeholders.BODY_LINES[1],
        ),
        encoding="utf-8",
    )
    return path
