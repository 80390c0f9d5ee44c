"""The Impact Guru brand (palette, contrast, wordmark, icons, manifest), the
company details a UK limited company's site must show, and what the quote pages
tell a buyer before they send tender documents: confidentiality, when we reply
and whom to ask."""

import json
import re
import struct

import pytest
import yaml
from bs4 import BeautifulSoup
from pelican.settings import read_settings

from browser import quote_site
from conftest import COMPANY, ROOT, read_page
from hub.site_checks import html_files, page_url

CSS = (ROOT / "theme" / "static" / "css" / "hub.css").read_text("utf-8")
SETTINGS = read_settings(str(ROOT / "pelicanconf.py"))
# NHS.UK's and GOV.UK's own palettes: the hub must not pass for either.
NHS_AND_GOV_UK = {
    "#005eb8",
    "#003087",
    "#007f3b",
    "#00401e",
    "#212b32",
    "#4c6272",
    "#d8dde0",
    "#f0f4f5",
    "#330072",
    "#1d70b8",
    "#003078",
    "#00703c",
    "#0b0c0c",
    "#505a5f",
    "#f3f2f1",
    "#4c2c92",
}
# (text, background) custom properties that the theme sets text in.
TEXT_ON_BACKGROUND = [
    ("--hub-colour-text", "--hub-colour-white"),
    ("--hub-colour-text", "--hub-colour-panel"),
    ("--hub-colour-text", "--hub-colour-services"),
    ("--hub-colour-secondary-text", "--hub-colour-white"),
    ("--hub-colour-secondary-text", "--hub-colour-panel"),
    ("--hub-colour-secondary-text", "--hub-colour-services"),
    ("--hub-colour-link", "--hub-colour-white"),
    ("--hub-colour-link", "--hub-colour-panel"),
    ("--hub-colour-link", "--hub-colour-services"),
    ("--hub-colour-link-visited", "--hub-colour-white"),
    ("--hub-colour-link-visited", "--hub-colour-services"),
    ("--hub-colour-white", "--hub-colour-brand"),
    ("--hub-colour-white", "--hub-colour-button"),
    ("--hub-colour-text", "--hub-colour-accent"),
    ("--hub-colour-accent", "--hub-colour-brand"),
    ("--hub-colour-error", "--hub-colour-white"),
    ("--hub-colour-focus-text", "--hub-colour-focus"),
]


def custom_properties():
    return {
        name: value.lower()
        for name, value in re.findall(
            r"(--hub-colour-[\w-]+):\s*(#[0-9a-fA-F]{6})", CSS
        )
    }


def contrast(first, second):
    def luminance(colour):
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [
            c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
            for c in channels
        ]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def png_size(path):
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", header[16:24])


def test_the_palette_is_neither_nhs_nor_gov_uk():
    colours = {colour.lower() for colour in re.findall(r"#[0-9a-fA-F]{6}\b", CSS)}
    assert colours
    assert colours & NHS_AND_GOV_UK == set()


@pytest.mark.parametrize(("text", "background"), TEXT_ON_BACKGROUND)
def test_every_text_colour_meets_wcag_aa_on_its_backgrounds(text, background):
    colours = custom_properties()
    ratio = contrast(colours[text], colours[background])
    assert ratio >= 4.5, f"{text} on {background}: {ratio:.2f}:1"


def test_the_brand_colour_is_set_once_for_css_and_the_manifest():
    assert SETTINGS["BRAND_COLOUR"].lower() == custom_properties()["--hub-colour-brand"]


def head_links(page):
    return {
        (" ".join(link["rel"]), link.get("type", ""), link.get("sizes", "")): link
        for link in page.select("head link[rel]")
    }


def test_every_page_has_the_wordmark_favicons_and_manifest(sample_hub):
    pages = [
        path for path in html_files(sample_hub) if "hub-header" in path.read_text()
    ]
    assert len(pages) > 20
    for path in pages:
        page = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        where = page_url(sample_hub, path)
        logo = page.select_one(".hub-header a.hub-header__logo")
        assert logo["href"] == "/", where
        wordmark = logo.select_one("svg.hub-wordmark")
        assert wordmark["role"] == "img", where
        assert wordmark["aria-label"] == "Impact Guru", where
        links = head_links(page)
        icons = [
            links[("icon", "image/svg+xml", "")],
            links[("icon", "image/png", "32x32")],
            links[("apple-touch-icon", "", "180x180")],
            links[("manifest", "", "")],
        ]
        for link in icons:
            assert (sample_hub / link["href"].lstrip("/")).is_file(), (where, link)
        theme_colour = page.select_one("meta[name=theme-color]")["content"]
        assert theme_colour == SETTINGS["BRAND_COLOUR"], where


def test_the_png_icons_and_the_manifest_match_their_sizes(sample_hub):
    page = read_page(sample_hub, "")
    links = head_links(page)
    assert png_size(sample_hub / links[("icon", "image/png", "32x32")]["href"][1:]) == (
        32,
        32,
    )
    touch = links[("apple-touch-icon", "", "180x180")]["href"][1:]
    assert png_size(sample_hub / touch) == (180, 180)
    manifest_path = sample_hub / links[("manifest", "", "")]["href"].lstrip("/")
    manifest = json.loads(manifest_path.read_text("utf-8"))
    assert manifest["name"] == SETTINGS["SITENAME"]
    assert manifest["short_name"]
    assert manifest["start_url"] == "/"
    assert manifest["theme_color"] == SETTINGS["BRAND_COLOUR"]
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        file = sample_hub / icon["src"].lstrip("/")
        if icon["type"] == "image/png":
            width, height = png_size(file)
            assert icon["sizes"] == f"{width}x{height}"
        else:
            assert file.is_file()


def company_facts(company):
    return [
        company["legal_name"],
        company["company_number"],
        company["registered_in"],
        company["registered_office"],
    ]


def test_every_page_footer_shows_the_company_details(sample_hub):
    company = next(iter(read_yaml("company").values()))
    pages = [
        path for path in html_files(sample_hub) if "hub-footer" in path.read_text()
    ]
    assert len(pages) > 20
    for path in pages:
        page = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        footer = " ".join(page.select_one("footer.hub-footer").get_text().split())
        for fact in company_facts(company):
            assert fact in footer, (page_url(sample_hub, path), fact)
        email = page.select_one("footer a[href^='mailto:']")
        assert email["href"] == f"mailto:{company['email']}"


def read_yaml(name):
    return yaml.safe_load((ROOT / "content" / "data" / f"{name}.yml").read_text())


@pytest.mark.parametrize("slug", ["about", "contact", "privacy"])
def test_about_contact_and_privacy_show_every_company_detail(sample_hub, slug):
    company = next(iter(read_yaml("company").values()))
    details = read_page(sample_hub, slug).select_one("main #hub-company-details")
    assert details is not None, slug
    shown = {
        row.dt.get_text(strip=True): " ".join(row.dd.get_text().split())
        for row in details.select(".hub-summary-list__row")
    }
    assert shown == {
        "Company name": company["legal_name"],
        "Company number": company["company_number"],
        "Registered in": company["registered_in"],
        "Registered office": company["registered_office"],
        "Email": company["email"],
        "Phone": company["phone"],
    }
    assert details.select_one(f"a[href='mailto:{company['email']}']")
    assert details.select_one(f"a[href='tel:{company['phone'].replace(' ', '')}']")


def test_the_privacy_notice_says_when_it_was_last_updated(sample_hub):
    updated = read_page(sample_hub, "privacy").select_one(".hub-page-updated")
    assert updated.get_text(" ", strip=True).startswith("Last updated")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", updated.time["datetime"])


def test_a_page_marker_places_the_company_details_once(site):
    site.article("guide")
    site.write(
        "pages/contact.md",
        "---\ntitle: Contact\nsummary: Reach us.\n---\nBefore.\n\n"
        "<!-- company-details -->\n\nAfter.\n",
    )
    site.write("pages/plain.md", "---\ntitle: Plain\nsummary: Nothing.\n---\nText.\n")
    assert site.build().ok
    page = site.page("contact")
    assert len(page.select("#hub-company-details")) == 1
    text = page.select_one(".hub-prose").get_text()
    assert text.index("Before.") < text.index("Company number") < text.index("After.")
    assert "company-details -->" not in str(page)
    assert site.page("plain").select("#hub-company-details") == []


@pytest.mark.parametrize("slug", ["quote", "quote-thank-you"])
def test_quote_and_thank_you_pages_state_confidentiality_reply_time_and_contact(
    tmp_path, slug
):
    site = quote_site(tmp_path)
    site.data["company"]["impact-guru"]["reply_time"] = "within 3 working days"
    assert site.build().ok
    assurance = site.page(slug).select_one("main .hub-assurance")
    text = " ".join(assurance.get_text().split())
    company = COMPANY["impact-guru"]
    assert company["confidentiality"] in text
    assert "within 3 working days" in text
    assert "Mike Harrison" in text
    assert assurance.select_one(f"a[href='mailto:{company['email']}']")
    assert assurance.select_one("a[href='tel:01134960000']")


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (
            {"company_number": "1234"},
            "company.yml: [impact-guru.company_number] '1234' is not a company number",
        ),
        (
            {"email": "hello at example.org"},
            "company.yml: [impact-guru.email] 'hello at example.org' is not an email",
        ),
        (
            {"contact": "mike-harison"},
            "company.yml: [impact-guru.contact] unknown person 'mike-harison'. "
            "Did you mean 'mike-harrison'?",
        ),
    ],
)
def test_company_mistakes_are_errors_at_the_data_file(site, change, says):
    site.article("guide")
    site.data["company"]["impact-guru"].update(change)
    errors = site.build().errors
    assert any(says in error for error in errors), errors


def test_company_data_holds_exactly_one_company(site):
    site.article("guide")
    site.data["company"]["other-company"] = dict(site.data["company"]["impact-guru"])
    errors = site.build().errors
    assert any(
        "company.yml: [file] expected the one company that publishes the hub, "
        "found impact-guru, other-company" in error
        for error in errors
    ), errors
