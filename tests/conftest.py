"""Shared fixtures: small sites built in temporary folders; the full sample hub,
built, served and run through the Nu HTML checker once per test run; a browser."""

import copy
import datetime
import textwrap
from pathlib import Path

import pytest
import time_machine
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import sync_playwright

from hub.build import build, rebuild_in_place
from hub.preview import Previewer
from hub.site_checks.nu_html import run_vnu

ROOT = Path(__file__).resolve().parent.parent
QUALITY_FIXTURES = ROOT / "tests" / "fixtures" / "quality"

PEOPLE = {"mike-harrison": {"name": "Mike Harrison", "role": "Founder of Impact Guru"}}
PRODUCTS = {
    "rapid-support": {
        "name": "Rapid Support Products",
        "tagline": "fast turnaround options",
        "promo": "Help in days.",
        "link_text": "See rapid support",
        "service": "rapid-support",
        "included": ["An answer review", "A compliance check"],
        "turnaround": "Days, not weeks.",
        "suits": ["Bids close to their deadline"],
        "price_guidance": "A fixed fee for each product.",
    },
    "bid-writing-quote": {
        "name": "Bid Writing Quote",
        "tagline": "a fixed fee",
        "heading": "Need a Bid Writing Quote?",
        "promo": "We will send you:",
        "benefits": [
            "a clear scope of work",
            "an estimated number of days",
            "a fixed fee quote",
            "risks, considerations and quick wins",
        ],
        "link_text": "Request a Bid Writing Quote",
        "service": "bid-writing",
        "included": ["A scope of work", "A fixed fee"],
        "turnaround": "A quote once we have read the documents.",
        "suits": ["Providers with a tender in view"],
    },
    "monthly-retainer": {
        "name": "Monthly Bid Support Retainers",
        "tagline": "a bid team on call",
        "promo": "Days of bid support each month.",
        "link_text": "Explore Monthly Bid Support Retainers",
        "service": "monthly-retainer",
        "included": ["Pipeline reviews", "Writing support"],
        "turnaround": "Days reserved every month.",
        "suits": ["Providers who bid often"],
    },
}
COMPANY = {
    "impact-guru": {
        "legal_name": "Impact Guru Ltd",
        "company_number": "12345678",
        "registered_in": "England and Wales",
        "registered_office": "1 Test Street, Leeds LS1 1AA",
        "email": "hello@example.org",
        "phone": "0113 496 0000",
        "contact": "mike-harrison",
        "reply_time": "within 2 working days",
        "confidentiality": "Your tender documents stay confidential.",
    }
}
TOPICS = {
    "tender-writing": {"name": "Tender writing", "description": "Writing bids."},
    "social-value": {"name": "Social value", "description": "Evidencing value."},
}


class SmallSite:
    """A hub in a temporary folder, with the real theme, plugins and settings."""

    def __init__(self, root):
        self.root = root
        self.content = root / "content"
        self.output = root / "output"
        self.data = copy.deepcopy(
            {
                "topics": TOPICS,
                "products": PRODUCTS,
                "people": PEOPLE,
                "company": COMPANY,
            }
        )
        self.write_product_pages = True
        for folder in ("articles", "pages", "products", "data"):
            (self.content / folder).mkdir(parents=True)

    def write(self, relative, text):
        path = self.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        return path

    def article(self, slug, body="Some guidance.\n", **front_matter):
        """Write an article; front-matter defaults make it valid."""
        values = {
            "title": slug.replace("-", " ").capitalize(),
            "date": "2026-01-15",
            "topic": "tender-writing",
            "summary": f"Summary of {slug}.",
        }
        values.update(front_matter)
        values = {key: value for key, value in values.items() if value is not None}
        text = "---\n" + yaml.safe_dump(values, sort_keys=False) + "---\n" + body
        return self.write(f"articles/{slug}.md", text)

    def build(self, **settings):
        self.write_data()
        return build(str(ROOT / "pelicanconf.py"), self.output, self.settings(settings))

    def write_data(self):
        for name, entries in self.data.items():
            self.write(f"data/{name}.yml", yaml.safe_dump(entries, sort_keys=False))
        products = self.data.get("products", {}) if self.write_product_pages else {}
        for slug, product in products.items():
            page = self.content / "products" / f"{slug}.md"
            if not page.exists():
                front_matter = f"title: {product['name']}\nsummary: About it."
                self.write(f"products/{slug}.md", f"---\n{front_matter}\n---\nHi.\n")

    def previewer(self, **settings):
        """The builds `invoke serve` runs, for this site."""
        self.write_data()
        overrides = self.settings(settings) | {"OUTPUT_PATH": str(self.output)}
        return Previewer(str(ROOT / "pelicanconf.py"), overrides)

    def rebuild_in_place(self, changed, **settings):
        """The preview's fast path, after an edit to the `changed` files."""
        overrides = self.settings(settings) | {"OUTPUT_PATH": str(self.output)}
        return rebuild_in_place(str(ROOT / "pelicanconf.py"), changed, overrides)

    def settings(self, extra):
        return {
            "PATH": str(self.content),
            "THEME": str(ROOT / "theme"),
            "PLUGIN_PATHS": [str(ROOT / "plugins")],
            "CACHE_PATH": str(self.root / "cache"),
            "SEARCH_INDEX": False,
        } | extra

    def page(self, url_path):
        html = (self.output / url_path.strip("/") / "index.html").read_text("utf-8")
        return BeautifulSoup(html, "html.parser")

    def built_article(self, slug, **front_matter):
        """Write one article, build, and return its page both as the HTML
        written, to show what escaping let through, and parsed."""
        self.article(slug, **front_matter)
        result = self.build()
        assert result.ok, result.errors
        html = (self.output / slug / "index.html").read_text("utf-8")
        return html, BeautifulSoup(html, "html.parser")


@pytest.fixture
def site(tmp_path):
    return SmallSite(tmp_path)


@pytest.fixture(scope="session")
def browser():
    """One Debian Chromium for the whole run, driven by Playwright."""
    from browser import launch_chromium  # noqa: PLC0415 - browser.py imports this file

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def sample_hub(tmp_path_factory):
    """The full sample hub, built once per test run from the real content/."""
    output = tmp_path_factory.mktemp("sample-hub") / "output"
    result = build(str(ROOT / "pelicanconf.py"), output)
    assert result.ok, "\n".join(result.errors)
    return output


def read_page(output, url_path):
    html = (Path(output) / url_path.strip("/") / "index.html").read_text("utf-8")
    return BeautifulSoup(html, "html.parser")


def block_order(page):
    """The article's blocks after the title, as a list of names, in page
    order: the services block's items follow its own name. Blocks an editor
    placed in the body are part of the body."""
    names = {
        "hub-prose": "body",
        "hub-byline": "byline",
        "hub-help": "help",
        "hub-promo": "promo",
        "hub-quote-cta": "quote",
        "hub-resources": "resources",
        "hub-related": "related",
        "hub-back-link-wrapper": "back link",
        "hub-feedback": "feedback",
    }
    article = page.select_one("article.hub-article")
    order = []
    for element in article.find_all(True):
        if element.find_parent(class_="hub-prose"):
            continue
        order += [names[name] for name in element.get("class", []) if name in names]
    return order


def pytest_addoption(parser):
    parser.addoption(
        "--clock-years-ahead",
        type=int,
        default=0,
        metavar="N",
        help="Run with Python's clock N years ahead, to show no test expires. "
        "Chromium and subprocesses keep the real clock.",
    )


def pytest_configure(config):
    """Move the clock before collection, not in a fixture: test modules work
    out dates when they are imported."""
    years = config.getoption("clock_years_ahead")
    if years:
        traveller = time_machine.travel(_years_ahead(years), tick=True)
        traveller.start()
        config.add_cleanup(traveller.stop)


def _years_ahead(years):
    now = datetime.datetime.now(datetime.UTC)
    try:
        return now.replace(year=now.year + years)
    except ValueError:  # 29 February, in a year without one
        return now.replace(year=now.year + years, day=28)


@pytest.fixture(scope="session")
def nu_findings(sample_hub):
    """The Nu HTML checker's errors on every page set the tests validate, from
    one Java run for the whole session: page set -> the errors in it."""
    page_sets = [
        sample_hub,
        QUALITY_FIXTURES / "broken-links",
        QUALITY_FIXTURES / "unclosed-element.html",
    ]
    findings = run_vnu(page_sets)
    return {
        page_set: [
            found for found in findings if Path(found.page).is_relative_to(page_set)
        ]
        for page_set in page_sets
    }


@pytest.fixture(scope="session")
def sample_hub_url(sample_hub):
    """The sample hub served on a local port for the whole run."""
    from browser import serving  # noqa: PLC0415 - browser.py imports this file

    with serving(sample_hub, None) as url:
        yield url


@pytest.fixture
def page(browser, request):
    """A new browser page 1,280 px wide, or as wide as the test's parameter."""
    width = getattr(request, "param", 1280)
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()
