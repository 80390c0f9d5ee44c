"""Search, printing and the Content-Security-Policy in a real browser (Chromium)."""

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest
from playwright.sync_api import expect


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
    assert first.inner_text().count("Mobilisation and contract delivery") == 1
    assert first.query_selector(".pagefind-ui__result-excerpt").inner_text().strip()


STYLE = """element => {
  const style = getComputedStyle(element);
  return {size: parseFloat(style.fontSize), colour: style.color,
          underline: style.textDecorationLine.includes("underline")};
}"""


def test_results_read_as_links_at_body_size_across_the_content_width(page, hub_url):
    page.set_viewport_size({"width": 1280, "height": 900})
    search(page, hub_url, "employee liability information")
    body = page.eval_on_selector("body", STYLE)
    text = page.eval_on_selector("main p", STYLE)
    title = page.eval_on_selector(".pagefind-ui__result-link", STYLE)
    assert title["size"] == body["size"]
    assert title["underline"]
    assert title["colour"] != text["colour"]
    title_text = page.inner_text(".pagefind-ui__result-link")
    assert not title_text.endswith(")"), title_text
    excerpt = page.eval_on_selector(".pagefind-ui__result-excerpt", STYLE)
    assert excerpt["size"] >= 16
    results = page.locator(".pagefind-ui__results").bounding_box()
    main = page.locator("main").bounding_box()
    assert results["width"] >= 0.6 * main["width"], (results, main)
    labels = page.locator(".pagefind-ui__filter-label").all_inner_texts()
    assert labels
    assert [label for label in labels if "(0)" in label] == []


@pytest.mark.parametrize("width", [375, 1280])
def test_the_search_page_has_one_search_box_that_keeps_the_query(page, hub_url, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{hub_url}/search/?q=tender")
    page.wait_for_selector(".pagefind-ui__result-link")
    boxes = page.locator("input[type=search], input.pagefind-ui__search-input")
    assert boxes.count() == 1
    expect(boxes).to_be_visible()
    expect(boxes).to_have_value("tender")
    boxes.fill("mobilisation")
    page.wait_for_url(f"{hub_url}/search/?q=mobilisation")
    page.reload()
    page.wait_for_selector(".pagefind-ui__result-link")
    expect(page.locator(".pagefind-ui__search-input")).to_have_value("mobilisation")


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
        "() => { const results = [...document.querySelectorAll("
        "'.pagefind-ui__result')]; return results.length > 0 && "
        "results.every(result => result.innerText.includes('Procurement law')); }"
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


def test_print_shows_the_guidance_with_full_addresses(page, hub_url):
    page.goto(f"{hub_url}/writing-method-statements/")
    page.emulate_media(media="print")
    hidden = (
        ".hub-header__nav",
        ".hub-help",
        ".hub-feedback",
        ".hub-article__side",
        ".hub-footer__list",
    )
    for selector in hidden:
        assert not page.is_visible(selector), selector
    assert page.is_visible(".hub-prose")
    after = "link => getComputedStyle(link, '::after').content"
    relative = page.eval_on_selector(".hub-prose a[href^='/']", after)
    assert relative.startswith(f'" ({hub_url}/'), relative
    address = page.locator(".hub-print-address")
    expect(address).to_be_visible()
    expect(address).to_contain_text(f"{hub_url}/writing-method-statements/")
