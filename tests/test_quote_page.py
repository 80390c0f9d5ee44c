"""The quote page (quote.html) and the feedback form on articles, as built
for each backend from the fields in plugins/quote_form/fields.yml."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from pelican.settings import read_settings

from browser import ARTICLE, quote_site
from conftest import ROOT
from plugins.quote_form.fields import FEEDBACK_FIELDS, QUOTE_FIELDS, names

JSON_LD = "application/ld+json"  # data for search engines, never run
BACKENDS = {
    "url": {},
    "netlify": {"SITEURL": "https://example.org"},
    "formspree": {
        "SITEURL": "https://example.org",
        "QUOTE_FORM_FORMSPREE_ID": "xab12",
        "CONTENT_SECURITY_POLICY": "default-src 'self'; form-action 'self' "
        "https://formspree.io",
    },
}


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """The quote site for a backend, built once per module."""
    built = {}

    def site_for(backend):
        if backend not in built:
            site = quote_site(tmp_path_factory.mktemp(f"quote-{backend}"))
            result = site.build(QUOTE_FORM_BACKEND=backend, **BACKENDS[backend])
            assert result.ok, result.errors
            built[backend] = site
        return built[backend]

    return site_for


@pytest.fixture(params=list(BACKENDS))
def built(request, sites):
    """(backend, site), for each backend in turn."""
    return request.param, sites(request.param)


@pytest.fixture
def form(built):
    return quote_form(built[1])


def quote_form(site):
    return site.page("quote").select_one("form.hub-quote-form")


def named(form):
    return {control["name"] for control in form.select("[name]")}


def test_form_has_exactly_the_fields_plus_backend_extras(built, form):
    backend = built[0]
    extras = {
        "url": {"_gotcha"},
        "netlify": {"bot-field", "form-name"},
        "formspree": {"_gotcha", "_next"},
    }[backend]
    assert named(form) == set(names(QUOTE_FIELDS)) | extras
    assert form["method"] == "post"
    assert form["accept-charset"] == ["UTF-8"]
    assert not form.has_attr("novalidate")


def test_url_backend_posts_to_the_configured_action(sites):
    form = quote_form(sites("url"))
    assert form["action"] == "/quote/send"
    assert not form.has_attr("data-netlify")
    assert form.select_one(".hub-honeypot input")["name"] == "_gotcha"


def test_netlify_backend_has_netlify_attributes(sites):
    form = quote_form(sites("netlify"))
    assert form["name"] == "quote"
    assert form["data-netlify"] == "true"
    assert form["netlify-honeypot"] == "bot-field"
    assert form.select_one("input[type=hidden][name=form-name]")["value"] == "quote"
    assert form.select_one(".hub-honeypot input")["name"] == "bot-field"
    assert form["action"] == "/quote-thank-you/"


def test_formspree_backend_posts_to_formspree_and_comes_back(sites):
    form = quote_form(sites("formspree"))
    assert form["action"] == "https://formspree.io/f/xab12"
    assert form.select_one(".hub-honeypot input")["name"] == "_gotcha"
    next_page = form.select_one("input[type=hidden][name=_next]")["value"]
    assert next_page == "https://example.org/quote-thank-you/"
    assert not form.has_attr("data-netlify")


def test_each_field_is_drawn_as_defined(form):
    for field in QUOTE_FIELDS:
        control = form.select_one(f"[name={field.name}]")
        tag = field.kind if field.kind in ("textarea", "select") else "input"
        assert control.name == tag
        assert control.get("type") == (None if tag != "input" else field.kind)
        assert control.has_attr("required") == field.required
        assert control.get("autocomplete") == field.autocomplete
        assert control.get("maxlength") == (field.max_length and str(field.max_length))
        for problem, message in field.errors.items():
            assert control[f"data-error-{problem}"] == message
        if field.kind == "hidden":
            continue
        assert control["id"] == field.name
        label = form.select_one(f"label[for={field.name}]")
        assert ("(required)" in label.get_text()) == field.required
        if field.kind != "checkbox":
            assert label.get_text(" ", strip=True).removesuffix(" (required)") == (
                field.label
            )
        hint = form.select_one(f"#{field.name}-hint")
        assert (hint and hint.get_text()) == field.hint
        assert control.get("aria-describedby") == (hint and f"{field.name}-hint")


def test_service_is_a_select_of_the_services_in_the_settings(form):
    select = form.select_one("select[name=service]")
    options = [(option["value"], option.text) for option in select.select("option")]
    services = read_settings(str(ROOT / "pelicanconf.py"))["QUOTE_FORM_SERVICES"]
    assert options == [("", "Choose a service"), *services]
    assert ("bid-writing", "Bid writing") in options


def test_consent_is_required_and_links_to_the_privacy_notice(built, form):
    site_url = BACKENDS[built[0]].get("SITEURL", "")
    consent = form.select_one("input[name=consent]")
    assert (consent["type"], consent["value"]) == ("checkbox", "yes")
    assert consent.has_attr("required")
    label = form.select_one("label[for=consent]")
    assert label.select_one("a")["href"] == f"{site_url}/privacy/"
    assert "(required)" in label.get_text()


def test_source_article_is_hidden_and_empty_until_filled(form):
    source = form.select_one("input[name=source_article]")
    assert (source["type"], source["value"]) == ("hidden", "")


def test_deadline_refuses_dates_before_the_build(form):
    today = datetime.now(ZoneInfo("Europe/London")).date().isoformat()
    assert form.select_one("input[name=deadline]")["min"] == today


def test_validation_messages_are_in_the_html(form):
    assert form.select_one("#name")["data-error-required"] == "Enter your name"
    email = form.select_one("#email")
    assert email["data-error-format"].startswith("Enter an email address")
    assert form.select_one("#deadline")["data-error-past"]
    assert form.select_one("#documents_url")["data-error-format"]
    assert form.select_one("#consent")["data-error-required"]


def test_error_summary_waits_hidden_for_the_script(built):
    page = built[1].page("quote")
    summary = page.select_one(".hub-error-summary")
    assert summary.has_attr("hidden")
    assert summary["tabindex"] == "-1"
    assert summary.select_one("[role=alert] h2").text == "There is a problem"
    main = page.select_one("main")
    assert main.find(True) is summary


def test_script_is_deferred_and_nothing_is_inline(built):
    backend, site = built
    page = site.page("quote")
    scripts = page.select("script[src]")
    site_url = BACKENDS[backend].get("SITEURL", "")
    assert [script["src"] for script in scripts] == [
        f"{site_url}/theme/js/print.js",
        f"{site_url}/theme/js/quote-form.js",
    ]
    assert all(script.has_attr("defer") for script in scripts)
    inline_scripts = [
        tag for tag in page.select("script:not([src])") if tag.get("type") != JSON_LD
    ]
    assert inline_scripts == []
    assert not page.select("[style]")
    inline_handlers = [
        (tag.name, attribute)
        for tag in page.find_all(True)
        for attribute in tag.attrs
        if attribute.startswith("on")
    ]
    assert inline_handlers == []
    assert (site.output / "theme" / "js" / "quote-form.js").is_file()


def test_thank_you_page_is_not_indexed(built):
    page = built[1].page("quote-thank-you")
    assert page.select_one("h1").text == "Quote request sent"
    assert page.select_one("meta[name=robots]")["content"] == "noindex"


def feedback_form(site):
    return site.page(ARTICLE).select_one(".hub-feedback form")


def test_feedback_posts_through_the_quote_forms_backend(built):
    backend, site = built
    form = feedback_form(site)
    quote = quote_form(site)
    hidden = {field["name"]: field["value"] for field in form.select("[type=hidden]")}
    assert hidden["form-name"] == "feedback"
    assert hidden["page"].endswith(f"/{ARTICLE}/")
    expected = {
        "url": ("/quote/send", "_gotcha", {}),
        "netlify": (
            "/feedback-thank-you/",
            "bot-field",
            {"data-netlify": "true", "netlify-honeypot": "bot-field"},
        ),
        "formspree": ("https://formspree.io/f/xab12", "_gotcha", {}),
    }[backend]
    action, honeypot, attributes = expected
    assert form["action"] == action
    assert form["method"] == "post"
    assert form["name"] == "feedback"
    assert form.select_one(".hub-honeypot input")["name"] == honeypot
    for name, value in attributes.items():
        assert form[name] == value
    if backend == "formspree":
        assert hidden["_next"] == "https://example.org/feedback-thank-you/"
    if backend != "netlify":
        assert form["action"] == quote["action"]


def test_feedback_fields_are_drawn_as_defined(sites):
    form = feedback_form(sites("url"))
    assert named(form) == set(names(FEEDBACK_FIELDS)) | {"form-name", "_gotcha"}
    [answer] = [field for field in FEEDBACK_FIELDS if field.kind == "answer"]
    assert form.select_one("#hub-feedback-heading").text == answer.label
    buttons = form.select(f"button[name={answer.name}]")
    assert [
        (button["value"], button.get_text(" ", strip=True)) for button in buttons
    ] == [(value, f"{text} {spoken}") for value, text, spoken in answer.options]
    assert all(button.has_attr("formnovalidate") for button in buttons)
    for field in FEEDBACK_FIELDS:
        if field.id:
            control = form.select_one(f"#{field.id}")
            assert control["name"] == field.name
            assert control.has_attr("required") == field.required
            label = form.select_one(f"label[for={field.id}]")
            text = label.get_text(" ", strip=True).removesuffix(" (required)")
            assert text == field.label
