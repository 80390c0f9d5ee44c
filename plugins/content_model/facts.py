"""Shared facts in article and page bodies: `{fact:slug}` shows the value of
that entry of `content/data/facts.yml`, as plain text.

A rule that several articles state (a threshold, a date, a duty) then changes
with one edit. An unknown fact is an error at its file and line.
"""

import html
import re

from .body_checks import line_of
from .pelican_compat import body_html, set_body_html
from .problems import did_you_mean, report

FACT = re.compile(r"\{fact:([^{}\s]*)\}")


def resolve_facts(content, facts):
    """Put each fact's value in the body; report the unknown ones."""

    def value(match):
        slug = match.group(1)
        if slug in facts:
            return html.escape(facts[slug].value, quote=False)
        report(
            content.source_path,
            "body",
            f"unknown fact '{slug}'",
            "Use a fact defined in content/data/facts.yml. "
            + did_you_mean(slug, facts),
            line_of(content.source_path, match.group(0)),
        )
        return match.group(0)

    set_body_html(content, FACT.sub(value, body_html(content)))
