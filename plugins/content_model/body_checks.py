"""Checks on rendered bodies: links inside the hub, and images' alt text.

Pelican only warns about a `{filename}` link it cannot resolve (and stops
repeating the warning after a few), and says nothing about a plain `/path/`
that leads nowhere; both are errors here, named by file and line.
"""

import os
import re
from functools import partial
from urllib.parse import unquote, urlsplit

from .memo import per_article_memo, shared_inputs
from .pelican_compat import body_html
from .problems import report

ATTRIBUTE = re.compile(r'\b(href|src)="([^"]*)"')
IMAGE = re.compile(r"<img\b[^>]*>")
ALT = re.compile(r'\balt="([^"]*)"')
PELICAN_LINK = re.compile(r"^\{(filename|static|attach)\}(.*)$")


def known_urls(generators):
    """Every page URL the build writes, as root-relative paths."""
    urls = {"/"}
    for generator in generators:
        for name in ("articles", "hidden_articles", "pages", "hidden_pages"):
            urls.update("/" + content.url for content in getattr(generator, name, []))
        for category, _ in getattr(generator, "categories", []):
            urls.add("/" + category.url)
    return urls


def link_targets(context, urls):
    """All that decides whether a link leads somewhere, for `check_body`."""
    files = frozenset(
        path
        for key in ("generated_content", "static_content")
        for path, content in context[key].items()
        if content
    )
    return shared_inputs("link_targets", (frozenset(urls), files))


def check_body(content, context, urls, targets):
    links = per_article_memo(content, "body", partial(_checked_body, content))
    check = partial(_check_links, content, links, context, urls)
    per_article_memo(content, "links", check, targets)


def _check_links(content, links, context, urls):
    for attribute, value in links:
        problem = _link_problem(value, content, context, urls)
        if problem:
            noun = "image" if attribute == "src" else "link"
            report(
                content.source_path,
                "body",
                f"the {noun} '{value}' {problem}",
                "Link to an existing file with {filename}name.md "
                "(or {static}/images/name.png for images), or fix the path.",
                line_of(content.source_path, value),
            )


def _checked_body(content):
    """The body's links, to check against the other pages at every build; its
    images' alt text, which depends on the body alone, checked here."""
    for image in IMAGE.findall(body_html(content)):
        alt = ALT.search(image)
        if not alt or not alt.group(1).strip():
            src = re.search(r'src="([^"]*)"', image)
            name = src.group(1) if src else image
            report(
                content.source_path,
                "body",
                f"the image '{name}' has no alt text",
                "Describe the image in the brackets: ![what it shows](file.png), "
                "so screen reader users get the same information.",
                line_of(content.source_path, name),
            )
    return ATTRIBUTE.findall(body_html(content))


def _link_problem(value, content, context, urls):
    pelican = PELICAN_LINK.match(value)
    if pelican:
        return _pelican_link_problem(*pelican.groups(), content, context)
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    path = unquote(parts.path)
    if path.endswith("/") and path not in urls:
        return "leads to no page of the hub"
    if _in_static_folder(path, content.settings) and not os.path.isfile(
        os.path.join(content.settings["PATH"], path[1:])
    ):
        return f"points to '{path[1:]}', which is not in the content folder"
    return None


def _pelican_link_problem(kind, target, content, context):
    path = unquote(urlsplit(target).path)
    relative = (
        path[1:]
        if path.startswith("/")
        else os.path.normpath(
            os.path.join(os.path.dirname(content.relative_source_path), path)
        )
    )
    if kind == "filename" and context["generated_content"].get(relative):
        return None
    # Pelican lists a {static} file whether or not it exists.
    if os.path.isfile(os.path.join(content.settings["PATH"], relative)):
        return None
    return f"points to '{relative}', which is not in the content folder"


def _in_static_folder(path, settings):
    """Whether a site path is where the build copies a static file folder."""
    folder = path[1:].split("/", 1)[0]
    return any(static.split("/", 1)[0] == folder for static in settings["STATIC_PATHS"])


def line_of(path, needle):
    """The first line of the source file holding `needle`, or for a rendered
    Pelican link such as {filename}x.md, its file name."""
    with open(path, encoding="utf-8", errors="replace") as handle:
        lines = handle.read().splitlines()
    for wanted in filter(None, (needle, needle.split("}")[-1])):
        for number, line in enumerate(lines, start=1):
            if wanted in line:
                return number
    return None
