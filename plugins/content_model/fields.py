"""The content model: every front-matter key, how it is parsed and checked.

Each parser takes the raw YAML value and returns the clean value, or raises
FieldError saying what is wrong and what to do. Checks that need other files
(topic, product, person and article slugs) run later, once everything is read.
"""

from dataclasses import dataclass

from .dates import parse_date

SLUG_HINT = "lower-case words joined by hyphens, e.g. 'tender-writing'"


class FieldError(ValueError):
    def __init__(self, message, fix):
        super().__init__(message)
        self.message = message
        self.fix = fix


def text(value):
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise FieldError(
            f"expected text, got {value!r}", "Write plain text, in quotes if unsure."
        )
    if not str(value).strip():
        raise FieldError("is empty", "Write some text, or remove the key.")
    return str(value).strip()


def date(value):
    try:
        return parse_date(value)
    except ValueError:
        raise FieldError(
            f"'{value}' is not a date",
            "Write an ISO date such as 2026-03-31 (year-month-day).",
        ) from None


def slug(value):
    value = text(value)
    if value != value.lower() or " " in value:
        raise FieldError(f"'{value}' is not a slug", f"Write a slug: {SLUG_HINT}.")
    return value


def slug_list(value):
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise FieldError(
            f"expected a list, got {value!r}",
            "Write a YAML list, e.g. [first-slug, second-slug].",
        )
    return [slug(item) for item in value]


def text_list(value):
    if not isinstance(value, list) or not value:
        raise FieldError(
            f"expected a list, got {value!r}", "Write one '- item' line per entry."
        )
    return [text(item) for item in value]


def tag_list(value):
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list):
        raise FieldError(
            f"expected a list of tags, got {value!r}",
            "Write a YAML list, e.g. [CQC, governance].",
        )
    return [text(item) for item in value]


def old_paths(value):
    """`redirect_from`: root-relative paths the page used to live at."""
    paths = [text(item) for item in (value if isinstance(value, list) else [value])]
    for path in paths:
        if not path.startswith("/") or "//" in path or ".." in path or " " in path:
            raise FieldError(
                f"'{path}' is not a path on this site",
                "Write the old address as a path from the site root, "
                "e.g. /blog/tender-tips/ or /old-page.html.",
            )
    return paths


def choice(*allowed):
    def parse(value):
        if value not in allowed:
            listed = " or ".join(repr(option) for option in allowed)
            raise FieldError(f"'{value}' is not allowed", f"Use {listed}.")
        return value

    return parse


def resource_link(value):
    """One link: {article: slug}, {product: slug} or {title: ..., url: https://...}."""
    if isinstance(value, dict) and set(value) == {"article"}:
        return {"article": slug(value["article"])}
    if isinstance(value, dict) and set(value) == {"product"}:
        return {"product": slug(value["product"])}
    if isinstance(value, dict) and set(value) == {"title", "url"}:
        url = text(value["url"])
        if not url.startswith(("https://", "http://")):
            raise FieldError(
                f"link '{url}' is not a web address",
                "External links must start with https:// (or http://).",
            )
        return {"title": text(value["title"]), "url": url}
    raise FieldError(
        f"{value!r} is not a resource link",
        "Write '- article: SLUG', '- product: SLUG', "
        "or '- title: TEXT' with 'url: https://...' on the next line.",
    )


def resource_groups(value):
    """Named groups of links, in order: {group name: [link, ...]}."""
    if not isinstance(value, dict) or not value:
        raise FieldError(
            f"expected named groups of links, got {value!r}",
            "Write each group name followed by a list of links, "
            "e.g. 'Service support:' then '- article: SLUG'.",
        )
    groups = {}
    for name, links in value.items():
        if not isinstance(links, list) or not links:
            raise FieldError(
                f"group '{name}' has no list of links",
                "Give the group at least one '- article: SLUG' style entry.",
            )
        groups[text(name)] = [resource_link(link) for link in links]
    return groups


def article_resources(value):
    """`resources: {mode: add|replace, groups: {...}}`; see the README."""
    if not isinstance(value, dict) or not set(value) <= {"mode", "groups"}:
        raise FieldError(
            f"expected 'mode' and 'groups', got {value!r}",
            "Write 'mode: add' (or 'replace') and 'groups:' with named lists of links.",
        )
    mode = choice("add", "replace")(value.get("mode", "add"))
    return {"mode": mode, "groups": resource_groups(value.get("groups"))}


@dataclass(frozen=True)
class Field:
    parse: object
    required: bool = False


ARTICLE_FIELDS = {
    "title": Field(text, required=True),
    "date": Field(date, required=True),
    "modified": Field(date),
    "review_by": Field(date),
    "topic": Field(slug, required=True),
    "tags": Field(tag_list),
    "summary": Field(text, required=True),
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
    "title": Field(text, required=True),
    "summary": Field(text, required=True),
    "modified": Field(date),
    "template": Field(slug),
    "status": Field(choice("published", "draft", "hidden")),
    "redirect_from": Field(old_paths),
}
