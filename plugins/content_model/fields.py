"""The content model: every front-matter key, how it is parsed and checked.

Each parser takes the raw YAML value and returns the clean value, or raises
FieldError saying what is wrong and what to do. Checks that need other files
(topic, product, person and article slugs) run later, once everything is read.
"""

import re
from dataclasses import dataclass

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

from .dates import parse_date

SLUG_HINT = "lower-case words joined by hyphens, e.g. 'tender-writing'"
TITLE_MAX = 120
SUMMARY_MAX = 160
SHOWN_MAX = 60
# Characters that change how the text around them displays, or that no
# editor means to type: C0/C1 controls (but tab and new line) and the
# bidirectional overrides and isolates, which can make text read backwards.
HIDDEN_CONTROLS = frozenset(
    [chr(code) for code in range(0x20) if chr(code) not in "\t\n"]
    + [chr(code) for code in range(0x7F, 0xA0)]
    + [chr(code) for code in range(0x202A, 0x202F)]
    + [chr(code) for code in range(0x2066, 0x206A)]
)
# An old address: a root-relative path of plain URL characters. Anything else
# could break the line it is written on in Netlify's _redirects (spaces, tabs,
# new lines) or mean something there (* and : are patterns, ! forces).
OLD_PATH = re.compile(r"/[A-Za-z0-9._~/-]*")


class FieldError(ValueError):
    def __init__(self, message, fix):
        super().__init__(message)
        self.message = message
        self.fix = fix


def shown(value):
    """A value as an error message quotes it: short, whatever its size."""
    described = repr(value)
    if len(described) <= SHOWN_MAX:
        return described
    return described[: SHOWN_MAX - 1] + "…"


def text(value):
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise FieldError(
            f"expected text, got {shown(value)}",
            "Write plain text, in quotes if unsure.",
        )
    value = str(value).strip()
    if not value:
        raise FieldError("is empty", "Write some text, or remove the key.")
    hidden = sorted({char for char in value if char in HIDDEN_CONTROLS})
    if hidden:
        codes = ", ".join(f"U+{ord(char):04X}" for char in hidden)
        raise FieldError(
            f"contains invisible control characters ({codes})",
            "Retype the text: such characters usually come from copying and "
            "pasting, and can hide or reverse the words around them.",
        )
    return value


def text_up_to(limit):
    """Text of at most `limit` characters."""

    def parse(value):
        value = text(value)
        if len(value) > limit:
            raise FieldError(
                f"is {len(value)} characters long, over the limit of {limit}",
                f"Shorten it to {limit} characters at most.",
            )
        return value

    parse.limit = limit  # for forms built from the model, such as the CMS's
    return parse


def date(value):
    try:
        return parse_date(value)
    except ValueError as error:
        reason = f" ({error})" if isinstance(value, str) and str(error) else ""
        raise FieldError(
            f"{shown(str(value))} is not a date{reason}",
            "Write an ISO date such as 2026-03-31 (year-month-day) "
            "that exists on the calendar.",
        ) from None


def slug(value):
    value = text(value)
    made = slugify(value, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
    if value != made:
        raise FieldError(
            f"{shown(value)} is not a slug",
            f"Write it as a slug, lower-case words joined by hyphens: '{made}'."
            if made
            else f"Write a slug: {SLUG_HINT}.",
        )
    return value


def list_of(parse_item, described, example, split):
    """A YAML list of items, each parsed by `parse_item`; a single string is
    first made a list by `split`."""

    def parse(value):
        if isinstance(value, str):
            value = split(value)
        if not isinstance(value, list):
            raise FieldError(
                f"expected {described}, got {shown(value)}",
                f"Write a YAML list, e.g. {example}.",
            )
        return [parse_item(item) for item in value]

    return parse


slug_list = list_of(slug, "a list", "[first-slug, second-slug]", lambda one: [one])
tag_list = list_of(
    text, "a list of tags", "[CQC, governance]", lambda tags: tags.split(",")
)


def text_list(value):
    if not isinstance(value, list) or not value:
        raise FieldError(
            f"expected a list, got {shown(value)}",
            "Write one '- item' line per entry.",
        )
    return [text(item) for item in value]


def old_paths(value):
    """`redirect_from`: root-relative paths the page used to live at."""
    items = value if isinstance(value, list) else [value]
    paths = [item if isinstance(item, str) else text(item) for item in items]
    for path in paths:
        if not OLD_PATH.fullmatch(path) or "//" in path or ".." in path:
            raise FieldError(
                f"{shown(path)} is not a path on this site",
                "Write the old address as a path from the site root, "
                "e.g. /blog/tender-tips/ or /old-page.html, using only letters, "
                "digits and - . _ ~ / (no spaces, no query or #part).",
            )
    return paths


def choice(*allowed):
    def parse(value):
        if value not in allowed:
            listed = " or ".join(repr(option) for option in allowed)
            raise FieldError(f"{shown(value)} is not allowed", f"Use {listed}.")
        return value

    parse.allowed = allowed
    return parse


def web_address(value):
    url = text(value)
    if not url.startswith(("https://", "http://")):
        raise FieldError(
            f"link {shown(url)} is not a web address",
            "External links must start with https:// (or http://).",
        )
    return url


def resource_link(value):
    """One link: {article: slug}, {product: slug} or {title: ..., url: https://...}."""
    if isinstance(value, dict) and set(value) == {"article"}:
        return {"article": slug(value["article"])}
    if isinstance(value, dict) and set(value) == {"product"}:
        return {"product": slug(value["product"])}
    if isinstance(value, dict) and set(value) == {"title", "url"}:
        return {"title": text(value["title"]), "url": web_address(value["url"])}
    raise FieldError(
        f"{shown(value)} is not a resource link",
        "Write '- article: SLUG', '- product: SLUG', "
        "or '- title: TEXT' with 'url: https://...' on the next line.",
    )


def resource_groups(value):
    """Named groups of links, in order: {group name: [link, ...]}."""
    if not isinstance(value, dict) or not value:
        raise FieldError(
            f"expected named groups of links, got {shown(value)}",
            "Write each group name followed by a list of links, "
            "e.g. 'Service support:' then '- article: SLUG'.",
        )
    groups = {}
    for name, links in value.items():
        if not isinstance(links, list) or not links:
            raise FieldError(
                f"group {shown(name)} has no list of links",
                "Give the group at least one '- article: SLUG' style entry.",
            )
        groups[text(name)] = [resource_link(link) for link in links]
    return groups


def article_resources(value):
    """`resources: {mode: add|replace, groups: {...}}`; see the README."""
    if not isinstance(value, dict) or not set(value) <= {"mode", "groups"}:
        raise FieldError(
            f"expected 'mode' and 'groups', got {shown(value)}",
            "Write 'mode: add' (or 'replace') and 'groups:' with named lists of links.",
        )
    mode = choice("add", "replace")(value.get("mode", "add"))
    return {"mode": mode, "groups": resource_groups(value.get("groups"))}


@dataclass(frozen=True)
class Field:
    parse: object
    required: bool = False


ARTICLE_FIELDS = {
    "title": Field(text_up_to(TITLE_MAX), required=True),
    "date": Field(date, required=True),
    "modified": Field(date),
    "review_by": Field(date),
    "topic": Field(slug, required=True),
    "tags": Field(tag_list),
    "summary": Field(text_up_to(SUMMARY_MAX), required=True),
    "author": Field(text),
    "editor": Field(slug),
    "products": Field(slug_list),
    "resources": Field(article_resources),
    "related": Field(slug_list),
    "cta": Field(choice("quote", "none")),
    "status": Field(choice("published", "draft")),
    "redirect_from": Field(old_paths),
}

PAGE_FIELDS = {
    "title": Field(text_up_to(TITLE_MAX), required=True),
    "summary": Field(text_up_to(SUMMARY_MAX), required=True),
    "modified": Field(date),
    "template": Field(slug),
    "status": Field(choice("published", "draft", "hidden")),
    "redirect_from": Field(old_paths),
}
