"""Gates 1 and 5 in a real browser (Debian's Chromium): axe-core with the
WCAG 2.2 AA rules on every page type, a keyboard journey from an article to
the quote form, and every page type on a phone (375 px) and a desktop
(1280 px): no sideways scrolling, a compact phone header, and a screenshot.

The full sample hub is served once for the module and one browser is shared.
Each page type is found in the built hub; a type the hub does not have yet is
skipped with the reason, so it shows in the test report rather than passing.
Screenshots are kept in var/artefacts/screenshots/ for a person to look at.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from browser import serving
from conftest import ROOT, SmallSite
from hub.site_checks import html_files, page_url, parse_page

FIXTURES = Path(__file__).parent / "fixtures" / "quality"
SCREENSHOTS = ROOT / "var" / "artefacts" / "screenshots"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": WCAG_22_AA},
    "resultTypes": ["violations"],
}
QUOTE_CTA_CLASS = "hub-quote-cta__button"
QUOTE_FORM = "form[data-hub-quote-form]"
SEARCH_QUERY = "tender"
MAX_TAB_STOPS = 150


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


@pytest.fixture(scope="module")
def base_url(sample_hub):
    with serving(sample_hub, None) as url:
        yield url


@pytest.fixture
def page(browser, request):
    width = getattr(request, "param", 1280)
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def axe_violations(page):
    results = Axe().run(page, options=AXE_OPTIONS)
    return results.response["violations"], results.generate_report()


@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda kind: kind.name)
def test_axe_finds_no_wcag_22_aa_violations(page_type, sample_hub, base_url, page):
    path = page_type.find(sample_hub)
    if path is None:
        pytest.skip(f"the built hub has no {page_type.name} yet")
    page.goto(base_url + path)
    if page_type.prepare:
        page_type.prepare(page)
    violations, report = axe_violations(page)
    print(f"axe: {len(violations)} violations on the {page_type.name} ({path})")
    assert violations == [], report


def test_axe_fails_an_image_without_alt_text(page):
    page.goto((FIXTURES / "missing-alt.html").as_uri())
    violations, report = axe_violations(page)
    assert [violation["id"] for violation in violations] == ["image-alt"], report
    [node] = violations[0]["nodes"]
    assert node["target"] == ["img"]


# What a focus indicator can change: outline, shadow, background, colours,
# underline. A stop's look with focus is compared with its look at rest.
LOOK = """element => {
  const style = getComputedStyle(element);
  const outline = style.outlineStyle === "none" ? "none"
    : [style.outlineWidth, style.outlineStyle, style.outlineColor].join(" ");
  return [outline, style.boxShadow, style.backgroundColor, style.color,
          style.borderColor, style.textDecorationLine];
}"""
REMEMBER_LOOKS = (
    "elements => { const look = " + LOOK + "; for (const element of elements) {"
    " element.setAttribute('data-look-at-rest', JSON.stringify(look(element))); } }"
)
FOCUSED = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  if (!element.hasAttribute("data-tab-stop")) {
    const count = document.querySelectorAll("[data-tab-stop]").length;
    element.setAttribute("data-tab-stop", String(count));
  }
  return {
    stop: element.getAttribute("data-tab-stop"),
    tag: element.tagName.toLowerCase(),
    name: element.getAttribute("name") || element.textContent.trim().slice(0, 60),
    classes: element.className,
  };
}"""


def tab_until(page, done):
    """Press Tab from the top of the page until `done(stop)`; each stop is the
    element with focus, its look with focus, and whether that differs at rest."""
    page.eval_on_selector_all(
        "a[href], button, input, select, textarea, [tabindex]", REMEMBER_LOOKS
    )
    stops = []
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:
            break
        element = page.locator(f'[data-tab-stop="{focused["stop"]}"]')
        on_focus = element.evaluate(LOOK)
        at_rest = element.evaluate(
            "element => JSON.parse(element.getAttribute('data-look-at-rest'))"
        )
        if stops and stops[-1]["stop"] == focused["stop"]:
            continue  # Tab moves within one control, e.g. a date's day, month, year
        stops.append(focused | {"changed": at_rest != on_focus, "look": on_focus})
        if done(stops[-1]):
            break
    return stops


def without_visible_focus(stops):
    return [
        f"{stop['tag']} '{stop['name']}' looks the same with focus: {stop['look']}"
        for stop in stops
        if not stop["changed"]
    ]


def test_keyboard_reaches_the_quote_cta_and_every_quote_field_with_visible_focus(
    sample_hub, base_url, page
):
    article = first_article(sample_hub)
    page.goto(base_url + article)
    stops = tab_until(page, lambda stop: QUOTE_CTA_CLASS in stop["classes"].split())
    assert stops, "Tab moved focus nowhere on the article"
    assert stops[0]["name"] == "Skip to main content"
    assert QUOTE_CTA_CLASS in stops[-1]["classes"].split(), (
        f"the quote call-to-action was not reached in {len(stops)} Tab presses"
    )
    assert without_visible_focus(stops) == []
    article_stops = len(stops)

    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/quote/\?source_article="))
    fields = page.eval_on_selector_all(
        f"{QUOTE_FORM} :is(input, select, textarea, button)"
        ":not([type=hidden]):not([tabindex='-1'])",
        "elements => elements.map(field => field.name || field.textContent.trim())",
    )
    assert len(fields) >= 8, fields
    stops = tab_until(page, lambda stop: stop["name"] == fields[-1])
    reached = [stop["name"] for stop in stops]
    assert [name for name in reached if name in fields] == fields
    assert without_visible_focus(stops) == []
    print(
        f"keyboard: {article_stops} Tab stops from the top of {article} to the quote "
        f"call-to-action; {len(stops)} on /quote/ through {len(fields)} form fields"
    )


def test_the_focus_check_catches_a_control_with_no_focus_indicator(page):
    page.goto((FIXTURES / "no-focus-style.html").as_uri())
    stops = tab_until(page, lambda stop: stop["name"] == "question")
    assert [stop["name"] for stop in stops] == [
        "A link that shows focus",
        "A link that hides it",
        "question",
    ]
    assert [stop["name"] for stop in stops if not stop["changed"]] == [
        "A link that hides it",
        "question",
    ]


COLOURS_UP_THE_TREE = """element => {
  const colours = [];
  for (let node = element; node; node = node.parentElement) {
    const style = getComputedStyle(node);
    colours.push([style.color, style.backgroundColor, style.backgroundImage]);
  }
  return colours;
}"""


def rgba(css_colour):
    """Red, green, blue (0-255) and alpha of a computed rgb() or rgba() colour."""
    assert css_colour.startswith("rgb"), f"cannot read the colour {css_colour!r}"
    red, green, blue, *alpha = (float(n) for n in re.findall(r"[\d.]+", css_colour))
    return red, green, blue, alpha[0] if alpha else 1.0


def over(top, bottom):
    """`top` painted over the opaque colour `bottom`."""
    *rgb, alpha = top
    return tuple(a * alpha + b * (1 - alpha) for a, b in zip(rgb, bottom, strict=True))


def luminance(rgb):
    """WCAG 2 relative luminance of an sRGB colour with 0-255 channels."""
    linear = [
        c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
        for c in (channel / 255 for channel in rgb)
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def text_contrast(locator):
    """The contrast ratio of an element's text on the background it sits on:
    the backgrounds of it and its ancestors composited over a white canvas."""
    colours = locator.evaluate(COLOURS_UP_THE_TREE)
    images = [image for _, _, image in colours if image != "none"]
    assert not images, f"a background image behind the text: {images}"
    background = (255.0, 255.0, 255.0)
    for _, fill, _ in reversed(colours):
        background = over(rgba(fill), background)
    text = over(rgba(colours[0][0]), background)
    light, dark = sorted((luminance(text), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


SIDEWAYS = "() => document.documentElement.scrollWidth - window.innerWidth"
WIDTHS = [375, 1280]


@pytest.mark.parametrize("page", WIDTHS, indirect=True, ids=lambda w: f"{w}px")
@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda kind: kind.name)
def test_every_page_type_fits_the_screen_and_is_kept_as_a_screenshot(
    page_type, sample_hub, base_url, page
):
    path = page_type.find(sample_hub)
    if path is None:
        pytest.skip(f"the built hub has no {page_type.name} yet")
    width = page.viewport_size["width"]
    page.goto(base_url + path)
    if page_type.prepare:
        page_type.prepare(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    screenshot = SCREENSHOTS / f"{page_type.name.replace(' ', '-')}-{width}px.png"
    page.screenshot(path=screenshot, full_page=True)
    overflow = page.evaluate(SIDEWAYS)
    print(f"{screenshot.relative_to(ROOT)}: {overflow}px beyond the screen")
    assert overflow <= 0, f"the {page_type.name} scrolls {overflow}px sideways"


@pytest.mark.parametrize("page", [375], indirect=True, ids=lambda w: f"{w}px")
def test_on_a_phone_an_articles_heading_starts_near_the_top(sample_hub, base_url, page):
    page.goto(base_url + first_article(sample_hub))
    header = page.locator("header.hub-header").bounding_box()
    heading = page.locator("h1").bounding_box()
    print(f"375px: header {header['height']:.0f}px tall, h1 at {heading['y']:.0f}px")
    assert heading["y"] <= 200
    assert header["height"] <= 72


TOGGLES = ".hub-header__toggle-button"


@pytest.mark.parametrize("script", [True, False], ids=["js", "no-js"])
def test_the_phone_header_keeps_menu_and_search_behind_buttons(
    sample_hub, base_url, browser, script
):
    context = browser.new_context(
        viewport={"width": 375, "height": 667}, java_script_enabled=script
    )
    page = context.new_page()
    page.goto(base_url + first_article(sample_hub))
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
    page.wait_for_url(f"{base_url}/search/?q=tupe")
    context.close()


@pytest.mark.parametrize("page", [1280], indirect=True, ids=lambda w: f"{w}px")
def test_the_desktop_header_shows_navigation_and_search(sample_hub, base_url, page):
    page.goto(base_url + first_article(sample_hub))
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


def test_a_breadcrumb_separator_never_starts_a_line(sample_hub, base_url, page):
    page.goto(base_url + first_article_in(sample_hub, "mobilisation"))
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


def first_article_in(output, topic):
    listing = (output / "topics" / topic / "index.html").read_text("utf-8")
    return re.search(r'class="hub-card__link" href="([^"]+)"', listing).group(1)


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


@pytest.mark.parametrize("page", WIDTHS, indirect=True, ids=lambda w: f"{w}px")
def test_an_article_renders_with_the_quote_cta_and_readable_button(
    sample_hub, base_url, page
):
    width = page.viewport_size["width"]
    article = first_article(sample_hub)
    page.goto(base_url + article)
    cta = page.locator(".hub-quote-cta")
    cta.scroll_into_view_if_needed()
    assert cta.is_visible()
    box = cta.bounding_box()
    assert box["width"] > 0
    assert box["height"] > 0
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= width
    button = page.locator(".hub-quote-cta__button")
    assert button.is_visible()
    contrast = text_contrast(button)
    print(f"{width}px: quote button text contrast {contrast:.2f}:1")
    assert contrast >= 4.5
