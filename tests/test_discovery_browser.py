"""Search, printing and the Content-Security-Policy in a real browser (Chromium)."""

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest


def security_headers(site):
    """The headers `_headers` gives every path, as Netlify would send them."""
    lines = (site / "_headers").read_text().splitlines()
    return dict(line.strip().split(": ", 1) for line in lines if line.startswith("  "))


class HeaderHandler(SimpleHTTPRequestHandler):
    headers_to_send: ClassVar[dict] = {}

    def end_headers(self):
        for name, value in self.headers_to_send.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def hub_url(sample_hub):
    handler = type(
        "SampleHubHandler",
        (HeaderHandler,),
        {"headers_to_send": security_headers(sample_hub)},
    )
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(sample_hub))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.csp_violations = []
    page.on(
        "console",
        lambda message: (
            page.csp_violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield page
    context.close()


def search(page, hub_url, query):
    page.goto(f"{hub_url}/")
    page.fill("#hub-search-box-input", query)
    page.press("#hub-search-box-input", "Enter")
    page.wait_for_selector(".pagefind-ui__result-link")
    return page


def result_links(page):
    return [
        link.get_attribute("href")
        for link in page.query_selector_all(".pagefind-ui__result-link")
    ]


def test_a_phrase_from_one_article_finds_it_first(page, hub_url):
    search(page, hub_url, "employee liability information")
    assert result_links(page)[0] == "/tupe-for-care-providers/"
    first = page.query_selector(".pagefind-ui__result")
    assert "(Mobilisation and contract delivery)" in first.inner_text()
    assert first.query_selector(".pagefind-ui__result-excerpt").inner_text().strip()


def result_count(page):
    """Pagefind's own count ("12 results for tender"), not just the first page."""
    return int(page.inner_text(".pagefind-ui__message").split()[0])


def test_topic_filter_narrows_the_results(page, hub_url):
    search(page, hub_url, "tender")
    everything = result_count(page)
    page.click("text=Procurement law")
    page.wait_for_function(
        "n => parseInt(document.querySelector('.pagefind-ui__message')"
        ".textContent) < n",
        arg=everything,
    )
    assert 0 < result_count(page) < everything
    # The count changes first; the results are replaced a moment later.
    page.wait_for_function(
        "() => { const titles = [...document.querySelectorAll("
        "'.pagefind-ui__result-title')]; return titles.length > 0 && "
        "titles.every(title => title.innerText.includes('(Procurement law)')); }"
    )


@pytest.mark.parametrize(
    "path", ["/writing-method-statements/", "/", "/search/?q=bid", "/quote/"]
)
def test_no_content_security_policy_violations(page, hub_url, path):
    page.goto(hub_url + path)
    page.wait_for_load_state("networkidle")
    if path.startswith("/search/"):
        page.wait_for_selector(".pagefind-ui__result-link")
    assert page.csp_violations == []


def test_print_shows_the_guidance_without_navigation_or_promos(page, hub_url):
    page.goto(f"{hub_url}/writing-method-statements/")
    page.emulate_media(media="print")
    for hidden in (".hub-header__nav", ".hub-promo", ".hub-quote-cta", ".hub-footer"):
        assert not page.is_visible(hidden), hidden
    assert page.is_visible(".hub-prose")
    link_after = page.eval_on_selector(
        ".hub-prose a[href^='/']",
        "link => getComputedStyle(link, '::after').content",
    )
    assert link_after.startswith('" (') and "/" in link_after
