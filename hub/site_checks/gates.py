"""`invoke check --site`: valid HTML, links and page weight on a built site."""

import re
from pathlib import Path

from hub.site_checks.links import check_links
from hub.site_checks.nu_html import check_html
from hub.site_checks.weight import ARTICLE_BUDGET_BYTES, check_budget

CANONICAL = re.compile(r'<link rel="canonical" href="([^"]*)"')


def site_gates(output):
    """Run valid HTML, links and page weight on a built site; the lines to
    print and whether everything passed."""
    output = Path(output)
    if not (output / "index.html").is_file():
        return [f"error: no built site in {output}/: run `invoke build` first."], False
    site_url = built_site_url(output)
    lines = []
    errors = check_html(output)
    links = check_links(output, site_url)
    budget = check_budget(output, site_url)
    for name, findings in (
        ("html", errors),
        ("link", links.broken),
        ("budget", budget.problems),
    ):
        lines += [f"error: [{name}] {finding}" for finding in findings]
    lines += [
        f"external: {url} (on {len(pages)} page{'s' * (len(pages) != 1)})"
        for url, pages in sorted(links.external.items())
    ]
    heaviest = budget.heaviest_article
    lines += [
        f"Valid HTML: {len(errors)} errors in {links.pages} pages.",
        f"Links: {len(links.broken)} broken of {links.links}; "
        f"{len(links.external)} external links listed, not fetched.",
        "Page weight: heaviest article "
        + (
            f"{heaviest.page} {heaviest.gzip_bytes:,} bytes gzipped "
            f"(budget {ARTICLE_BUDGET_BYTES:,})"
            if heaviest
            else "none found"
        )
        + f"; {len(budget.problems)} problem{'s' * (len(budget.problems) != 1)}.",
    ]
    return lines, not (errors or links.broken or budget.problems)


def built_site_url(output):
    """The address the site was built for, from its home page's canonical
    link: whichever settings built output/ (a preview's "" or the published
    https://...), its own absolute links count as links within the site."""
    home = (Path(output) / "index.html").read_text("utf-8", errors="replace")
    found = CANONICAL.search(home)
    return found.group(1).rstrip("/") if found else ""
