"""Reading aids: a reading-time estimate, an "On this page" contents list, and
tables that fit a phone.

Attaches `article.reading_minutes` and `article.headings` (the `##` headings as
(id, text) pairs, only when there are `CONTENTS_MIN_HEADINGS` or more), once
per article object (content_model/memo.py). Adds the `scrollable_tables`
template filter, which the theme applies to bodies.
"""

import html
import itertools
import math
import re
from functools import partial

from pelican import signals

from content_model import all_articles
from content_model.memo import per_article_memo
from content_model.pelican_compat import body_html
from content_model.settings import check_plugin_order, whole_number

NEEDS = ("content_model",)

DEFAULTS = {"READING_WORDS_PER_MINUTE": 200, "CONTENTS_MIN_HEADINGS": 4}
TAG = re.compile(r"<[^>]+>")
HEADING = re.compile(r'<h2 id="([^"]+)">(.*?)</h2>', re.DOTALL)
TABLE = re.compile(r"<table\b")


def check_settings(pelican):
    settings = pelican.settings
    for key, default in DEFAULTS.items():
        settings.setdefault(key, default)
        whole_number(settings, key, minimum=1)
    settings["JINJA_FILTERS"] = {
        **settings.get("JINJA_FILTERS", {}),
        "scrollable_tables": scrollable_tables,
    }


def scrollable_tables(body):
    """Each table of a body in a box that scrolls sideways when the table is
    wider than the screen, so the page itself never does. The box is a named
    region in the tab order, so keyboard users can scroll it too."""
    number = itertools.count(1)
    wrapped = TABLE.sub(
        lambda table: (
            '<div class="hub-table-wrapper" role="region" '
            f'aria-label="Table {next(number)}" tabindex="0">{table.group(0)}'
        ),
        body,
    )
    return wrapped.replace("</table>", "</table></div>")


def attach_reading_aids(generator):
    for article in all_articles(generator):
        aids = partial(_reading_aids, article, generator.settings)
        article.reading_minutes, article.headings = per_article_memo(
            article, "reading_aids", aids
        )


def _reading_aids(article, settings):
    body = body_html(article) or ""
    words = len(TAG.sub(" ", body).split())
    minutes = max(1, math.ceil(words / settings["READING_WORDS_PER_MINUTE"]))
    headings = [
        (anchor, html.unescape(TAG.sub("", text)).strip())
        for anchor, text in HEADING.findall(body)
    ]
    enough = len(headings) >= settings["CONTENTS_MIN_HEADINGS"]
    return minutes, headings if enough else []


def register():
    signals.initialized.connect(check_plugin_order)
    signals.initialized.connect(check_settings)
    signals.article_generator_finalized.connect(attach_reading_aids)
