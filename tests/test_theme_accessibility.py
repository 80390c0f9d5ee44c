"""The theme's accessibility in a real browser (Debian's Chromium): axe-core
with the WCAG 2.2 AA rules on every page type, a keyboard journey from an
article to every field of the quote form with a visible focus at each step,
and the quote button's text contrast.

The full sample hub is served once for the session and one browser is shared.
Each page type is found in the built hub; a type the hub does not have yet is
skipped with the reason, so it shows in the test report rather than passing.
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from browser import PAGE_TYPES, QUOTE_FORM, WIDTHS, first_article, open_page_type
from conftest import QUALITY_FIXTURES

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": WCAG_22_AA},
    "resultTypes": ["violations"],
}
QUOTE_CTA_CLASS = "hub-quote-cta__button"
MAX_TAB_STOPS = 150


def axe_violations(page):
    results = Axe().run(page, options=AXE_OPTIONS)
    return results.response["violations"], results.generate_report()


@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda kind: kind.name)
def test_axe_finds_no_wcag_22_aa_violations(
    page_type, sample_hub, sample_hub_url, page
):
    path = open_page_type(page, page_type, sample_hub, sample_hub_url)
    violations, report = axe_violations(page)
    print(f"axe: {len(violations)} violations on the {page_type.name} ({path})")
    assert violations == [], report


def test_axe_fails_an_image_without_alt_text(page):
    page.goto((QUALITY_FIXTURES / "missing-alt.html").as_uri())
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
    sample_hub, sample_hub_url, page
):
    article = first_article(sample_hub)
    page.goto(sample_hub_url + article)
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
    page.goto((QUALITY_FIXTURES / "no-focus-style.html").as_uri())
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


@pytest.mark.parametrize("page", WIDTHS, indirect=True, ids=lambda w: f"{w}px")
def test_an_article_renders_with_the_quote_cta_and_readable_button(
    sample_hub, sample_hub_url, page
):
    width = page.viewport_size["width"]
    article = first_article(sample_hub)
    page.goto(sample_hub_url + article)
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
