"""The theme's layout in a real browser (Debian's Chromium): every page type
on a phone (375 px) and a desktop (1,280 px) never scrolls sideways and is
kept as a screenshot; the phone header is compact and keeps navigation and
search behind buttons; breadcrumbs wrap cleanly; wide images and tables fit.

The full sample hub is served once for the session and one browser is shared.
Screenshots are kept in var/artefacts/screenshots/ for a person to look at.
"""

import pytest
from playwright.sync_api import expect

from browser import (
    PAGE_TYPES,
    WIDTHS,
    first_article,
    first_article_in,
    open_page_type,
    serving,
)
from conftest import ROOT, SmallSite

SCREENSHOTS = ROOT / "var" / "artefacts" / "screenshots"
SIDEWAYS = "() => document.documentElement.scrollWidth - window.innerWidth"


@pytest.mark.parametrize("page", WIDTHS, indirect=True, ids=lambda w: f"{w}px")
@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda kind: kind.name)
def test_every_page_type_fits_the_screen_and_is_kept_as_a_screenshot(
    page_type, sample_hub, sample_hub_url, page
):
    open_page_type(page, page_type, sample_hub, sample_hub_url)
    width = page.viewport_size["width"]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    screenshot = SCREENSHOTS / f"{page_type.name.replace(' ', '-')}-{width}px.png"
    page.screenshot(path=screenshot, full_page=True)
    overflow = page.evaluate(SIDEWAYS)
    print(f"{screenshot.relative_to(ROOT)}: {overflow}px beyond the screen")
    assert overflow <= 0, f"the {page_type.name} scrolls {overflow}px sideways"


@pytest.mark.parametrize("page", [375], indirect=True, ids=lambda w: f"{w}px")
def test_on_a_phone_an_articles_heading_starts_near_the_top(
    sample_hub, sample_hub_url, page
):
    page.goto(sample_hub_url + first_article(sample_hub))
    header = page.locator("header.hub-header").bounding_box()
    heading = page.locator("h1").bounding_box()
    print(f"375px: header {header['height']:.0f}px tall, h1 at {heading['y']:.0f}px")
    assert heading["y"] <= 200
    assert header["height"] <= 72


TOGGLES = ".hub-header__toggle-button"


@pytest.mark.parametrize("script", [True, False], ids=["js", "no-js"])
def test_the_phone_header_keeps_menu_and_search_behind_buttons(
    sample_hub, sample_hub_url, browser, script
):
    context = browser.new_context(
        viewport={"width": 375, "height": 667}, java_script_enabled=script
    )
    page = context.new_page()
    page.goto(sample_hub_url + first_article(sample_hub))
    header = page.locator("header")
    services = header.get_by_role("link", name="Services", exact=True)
    search_box = header.get_by_role("searchbox")
    expect(services).to_be_hidden()
    expect(search_box).to_be_hidden()
    expect(page.locator(TOGGLES)).to_have_text(["Menu", "Search"])
    page.click(f"{TOGGLES}:text('Menu')")
    expect(services).to_be_visible()
    page.click(f"{TOGGLES}:text('Search')")
    expect(search_box).to_be_visible()
    search_box.fill("tupe")
    search_box.press("Enter")
    page.wait_for_url(f"{sample_hub_url}/search/?q=tupe")
    context.close()


@pytest.mark.parametrize("page", [1280], indirect=True, ids=lambda w: f"{w}px")
def test_the_desktop_header_shows_navigation_and_search(
    sample_hub, sample_hub_url, page
):
    page.goto(sample_hub_url + first_article(sample_hub))
    header = page.locator("header")
    expect(header.get_by_role("link", name="Services", exact=True)).to_be_visible()
    expect(header.get_by_role("searchbox")).to_be_visible()
    expect(page.locator(TOGGLES)).to_have_count(2)
    for toggle in page.locator(TOGGLES).all():
        expect(toggle).to_be_hidden()


LINES_STARTING_WITH_A_SEPARATOR = """() => {
  const problems = [];
  const items = [...document.querySelectorAll(".hub-breadcrumbs__item")];
  items.forEach((item, index) => {
    const starts = index === 0 ||
      item.getBoundingClientRect().top > items[index - 1].getBoundingClientRect().top;
    const before = getComputedStyle(item, "::before").content;
    const first = item.firstElementChild;
    if (starts && (!["none", "normal", '""'].includes(before) ||
        !first || !first.matches("a"))) {
      problems.push(`line starts with ${before}: ${item.innerHTML}`);
    }
  });
  for (const separator of document.querySelectorAll(".hub-breadcrumbs__separator")) {
    const rects = separator.previousElementSibling.getClientRects();
    const text = rects[rects.length - 1];
    const own = separator.getBoundingClientRect();
    if (Math.abs(own.top - text.top) > 2 || own.left < text.right - 1) {
      problems.push(`separator apart from ${separator.parentElement.textContent}`);
    }
  }
  return problems;
}"""


def test_a_breadcrumb_separator_never_starts_a_line(sample_hub, sample_hub_url, page):
    page.goto(sample_hub_url + first_article_in(sample_hub, "mobilisation"))
    wrapped = 0
    for width in range(280, 480, 8):
        page.set_viewport_size({"width": width, "height": 800})
        lines = page.evaluate(
            "() => new Set([...document.querySelectorAll('.hub-breadcrumbs__item')]"
            ".map(item => item.getBoundingClientRect().top)).size"
        )
        wrapped += lines > 1
        assert page.evaluate(LINES_STARTING_WITH_A_SEPARATOR) == [], width
    assert wrapped, "the breadcrumbs never wrapped: the test proves nothing"


WIDE_BODY = """A chart wider than any screen:

![A chart of contract values by year](/images/wide.svg)

| Lot | Value | Extension | Deadline | Reference |
| --- | --- | --- | --- | --- |
| 1 | £2,500,000 | £1,250,000 | 31/01/2027 | CN2027X0001 |
"""


@pytest.fixture(scope="module")
def wide_content_url(tmp_path_factory):
    site = SmallSite(tmp_path_factory.mktemp("wide-content"))
    site.write(
        "images/wide.svg",
        '<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="400">'
        '<rect width="2000" height="400" fill="#888888"/></svg>\n',
    )
    site.article("wide", title="Wide content", body=WIDE_BODY)
    result = site.build()
    assert result.ok, result.errors
    with serving(site.output, None) as url:
        yield f"{url}/wide/"


@pytest.mark.parametrize("page", WIDTHS, indirect=True, ids=lambda w: f"{w}px")
def test_wide_images_and_tables_never_make_the_page_scroll_sideways(
    wide_content_url, page
):
    width = page.viewport_size["width"]
    page.goto(wide_content_url)
    assert page.evaluate(SIDEWAYS) <= 0
    image = page.locator(".hub-prose img").bounding_box()
    prose = page.locator(".hub-prose").bounding_box()
    assert image["width"] <= prose["width"]
    assert image["height"] == pytest.approx(image["width"] / 5, abs=1)
    table = page.locator(".hub-table-wrapper")
    scrolls = table.evaluate("box => box.scrollWidth > box.clientWidth")
    assert scrolls == (width == 375)
    if scrolls:
        table.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function(
            "() => document.querySelector('.hub-table-wrapper').scrollLeft > 0"
        )
    headings = page.eval_on_selector_all(
        ".hub-prose th", "cells => cells.map(cell => getComputedStyle(cell).textAlign)"
    )
    assert set(headings) == {"left"}
