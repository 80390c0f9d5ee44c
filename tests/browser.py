"""Helpers for the browser tests: a small hub with the quote pages, served with
the local receiver; the Chromium `hub.chromium` finds, driven by Playwright;
and the page types of a built hub, with the screen widths to open them at."""

import re
import shutil
import threading
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
import yaml

from conftest import ROOT, SmallSite
from hub.chromium import find_chromium
from hub.receiver import make_server
from hub.site_checks.pages import html_files, page_url, parse_page

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTICLE = "writing-method-statements"
QUOTE_PAGES = ("quote.md", "quote-thank-you.md", "feedback-thank-you.md")
QUOTE_FORM = "form[data-hub-quote-form]"
SEARCH_QUERY = "tender"
# A phone and a desktop.
WIDTHS = [375, 1280]


def quote_site(root):
    """A small hub with one article and the real quote, thank-you and feedback
    thank-you pages."""
    site = SmallSite(root)
    site.article(ARTICLE, title="Writing method statements")
    for name in QUOTE_PAGES:
        shutil.copy(ROOT / "content" / "pages" / name, site.content / "pages" / name)
    site.write(
        "pages/privacy.md",
        "---\ntitle: Privacy notice\nsummary: How we use your details.\n---\nText.\n",
    )
    return site


def launch_chromium(playwright):
    executable = find_chromium(playwright)
    if executable is None:
        raise RuntimeError(
            "No Chromium or Google Chrome found: `invoke test` installs Debian's "
            "chromium, or set HUB_CHROMIUM to one."
        )
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)


@contextmanager
def serving(directory, receiver):
    """Serve `directory` with `receiver` on a free local port; yield its URL."""
    server = make_server(directory, 0, receiver)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def first_article(output):
    return next(
        (page_url(output, p) for p in html_files(output) if parse_page(p).is_article),
        None,
    )


def first_topic(output):
    return next(
        (page_url(output, p) for p in sorted(output.glob("topics/*/index.html"))),
        None,
    )


def first_product(output):
    products = yaml.safe_load((ROOT / "content/data/products.yml").read_text())
    return next(
        (f"/{slug}/" for slug in products if (output / slug / "index.html").is_file()),
        None,
    )


def fixed(path):
    """A page type found at a fixed URL path, if the hub has built it."""

    def find(output):
        file = output / path.split("?")[0].lstrip("/")
        found = file / "index.html" if path.split("?")[0].endswith("/") else file
        return path if found.is_file() else None

    return find


def fail_quote_submission(page):
    page.fill(f'{QUOTE_FORM} [name="email"]', "not-an-email")
    page.click(f"{QUOTE_FORM} button[type=submit]")
    page.wait_for_selector("[data-hub-error-summary]:not([hidden])")


def show_search_results(page):
    page.wait_for_selector(".pagefind-ui__result", timeout=15_000)


@dataclass(frozen=True)
class PageType:
    name: str
    find: Callable  # output folder -> the URL path to open, or None
    prepare: Callable | None = None  # puts the opened page in the state to check


# Add a page type here when the hub gains one.
PAGE_TYPES = [
    PageType("article", first_article),
    PageType("hub index", fixed("/")),
    PageType("topic page", first_topic),
    PageType("product page", first_product),
    PageType("services page", fixed("/services/")),
    PageType("about page", fixed("/about/")),
    PageType("quote page", fixed("/quote/")),
    PageType(
        "quote page after a failed submission", fixed("/quote/"), fail_quote_submission
    ),
    PageType("thank-you page", fixed("/quote-thank-you/")),
    PageType("feedback thank-you page", fixed("/feedback-thank-you/")),
    PageType(
        "search page with results",
        fixed(f"/search/?q={SEARCH_QUERY}"),
        show_search_results,
    ),
    PageType("404 page", fixed("/404.html")),
]


def first_article_in(output, topic):
    listing = (output / "topics" / topic / "index.html").read_text("utf-8")
    return re.search(r'class="hub-card__link" href="([^"]+)"', listing).group(1)


def open_page_type(page, page_type, output, url):
    """Open the hub built in `output`, served at `url`, at a page of the type,
    ready to check; the path opened. Skips the test when the hub has none."""
    path = page_type.find(output)
    if path is None:
        pytest.skip(f"the built hub has no {page_type.name} yet")
    page.goto(url + path)
    if page_type.prepare:
        page_type.prepare(page)
    return path
