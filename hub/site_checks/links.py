"""Links: every internal link and anchor of a built site leads somewhere.

External links are listed for a person to follow, never fetched: CI has no
internet."""

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from hub.site_checks.pages import (
    Finding,
    file_for,
    html_files,
    internal_path,
    page_url,
    parse_page,
)

# Fragments every browser resolves without an element of that id.
BUILT_IN_FRAGMENTS = {"", "top"}
NOT_FETCHED_SCHEMES = {"mailto", "tel", "data", "javascript"}


@dataclass
class LinkReport:
    pages: int = 0
    links: int = 0
    broken: list = field(default_factory=list)
    external: dict = field(default_factory=dict)  # URL -> pages linking to it


def check_links(output, site_url=""):
    """Every internal link and anchor in `output` must lead somewhere."""
    output = Path(output)
    # Each page is parsed once in a check, however many pages link to it.
    parsed = cache(parse_page)
    report = LinkReport()
    for path in html_files(output):
        report.pages += 1
        source = page_url(output, path)
        base = "/" + path.relative_to(output).as_posix()
        for reference in parsed(path).references:
            report.links += 1
            problem = _check_reference(output, base, reference, site_url, parsed)
            if problem == "external":
                report.external.setdefault(reference.url, []).append(source)
            elif problem:
                report.broken.append(Finding(source, reference.line, problem))
    return report


def _check_reference(output, base, reference, site_url, parsed):
    url = reference.url
    if urlsplit(url).scheme.lower() in NOT_FETCHED_SCHEMES:
        return None
    target_path = internal_path(url, base, site_url)
    if target_path is None:
        return "external"
    target = file_for(output, target_path)
    if target is None:
        return f"<{reference.tag}> links to {url}: no such file in the built site"
    fragment = unquote(urlsplit(url).fragment)
    if fragment in BUILT_IN_FRAGMENTS or target.suffix != ".html":
        return None
    if fragment not in parsed(target).ids:
        return f"<{reference.tag}> links to {url}: the page has no id '{fragment}'"
    return None
