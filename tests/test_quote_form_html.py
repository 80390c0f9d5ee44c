"""The quote page's HTML for each backend, and builds that refuse bad settings."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from browser import ARTICLE, quote_site
from conftest import ROOT
from hub.build import build

JSON_LD = "application/ld+json"  # data for search engines, never run
FIELDS = {
    "name",
    "organisation",
    "email",
    "phone",
    "service",
    "tender",
    "deadline",
    "documents_url",
    "message",
    "consent",
    "source_article",
}
# name: (type, required, autocomplete)
CONTROLS = {
    "name": ("text", True, "name"),
    "organisation": ("text", True, "organization"),
    "email": ("email", True, "email"),
    "phone": ("tel", False, "tel"),
    "tender": ("text", False, "off"),
    "deadline": ("date", False, "off"),
    "documents_url": ("url", False, "off"),
}
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
STRICT = "default-src 'self'; form-action 'self'; frame-ancestors 'none'"


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
    assert named(form) == FIELDS | extras
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


def test_netlify_action_keeps_a_site_path(site):
    for name in ("quote.md", "quote-thank-you.md"):
        site.write(f"pages/{name}", (ROOT / "content/pages" / name).read_text())
    result = site.build(QUOTE_FORM_BACKEND="netlify", SITEURL="https://ex.org/hub/")
    assert result.ok, result.errors
    form = site.page("quote").select_one("form.hub-quote-form")
    assert form["action"] == "/hub/quote-thank-you/"


def test_fields_have_labels_hints_autocomplete_and_required_marks(form):
    for name, (kind, required, autocomplete) in CONTROLS.items():
        control = form.select_one(f"input[name={name}]")
        assert control["id"] == name
        assert control["type"] == kind
        assert control.has_attr("required") == required
        assert control["autocomplete"] == autocomplete
        label = form.select_one(f"label[for={name}]")
        assert label.get_text(strip=True)
        assert ("(required)" in label.get_text()) == required
        hint = form.select_one(f"#{name}-hint")
        if hint:
            assert control["aria-describedby"] == f"{name}-hint"
    message = form.select_one("textarea[name=message]")
    assert message.has_attr("required")
    assert "(required)" in form.select_one("label[for=message]").get_text()


def test_service_is_a_select_of_the_five_services(form):
    select = form.select_one("select[name=service]")
    assert form.select_one("label[for=service]")
    options = [(option["value"], option.text) for option in select.select("option")]
    assert options == [
        ("", "Choose a service"),
        ("bid-writing", "Bid writing"),
        ("bid-review", "Bid review"),
        ("monthly-retainer", "Monthly retainer"),
        ("rapid-support", "Rapid support"),
        ("not-sure", "Not sure"),
    ]


def test_services_come_from_the_settings(site):
    for name in ("quote.md", "quote-thank-you.md"):
        site.write(f"pages/{name}", (ROOT / "content/pages" / name).read_text())
    site.article("guide")
    del site.data["products"]["monthly-retainer"]["service"]
    services = [["bid-writing", "Bid writing"], ["rapid-support", "Rapid support"]]
    assert site.build(QUOTE_FORM_SERVICES=services).ok
    select = quote_form(site).select_one("select[name=service]")
    assert [(option["value"], option.text) for option in select.select("option")] == [
        ("", "Choose a service"),
        ("bid-writing", "Bid writing"),
        ("rapid-support", "Rapid support"),
    ]


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


@pytest.mark.parametrize(
    ("settings", "says"),
    [
        (
            {"QUOTE_FORM_BACKEND": "mailchimp"},
            "QUOTE_FORM_BACKEND: 'mailchimp' is not a quote form backend. "
            "Set it to one of 'netlify', 'formspree', 'url'",
        ),
        (
            {"QUOTE_FORM_BACKEND": None},
            "QUOTE_FORM_BACKEND: None is not a quote form backend",
        ),
        (
            {"QUOTE_FORM_BACKEND": "formspree", "SITEURL": "https://example.org"},
            "QUOTE_FORM_FORMSPREE_ID: QUOTE_FORM_BACKEND is 'formspree' but no "
            "Formspree form id is set. Create the form on formspree.io",
        ),
        (
            {
                "QUOTE_FORM_BACKEND": "formspree",
                "QUOTE_FORM_FORMSPREE_ID": "https://formspree.io/f/xab12",
                "SITEURL": "https://example.org",
            },
            "QUOTE_FORM_FORMSPREE_ID: 'https://formspree.io/f/xab12' is not a "
            "Formspree form id. Set only the id",
        ),
        (
            {"QUOTE_FORM_BACKEND": "formspree", "QUOTE_FORM_FORMSPREE_ID": "xab12"},
            "SITEURL: QUOTE_FORM_BACKEND is 'formspree', whose _next redirect needs "
            "the site's absolute address",
        ),
        (
            {"QUOTE_FORM_BACKEND": "url", "QUOTE_FORM_ACTION": ""},
            "QUOTE_FORM_ACTION: QUOTE_FORM_BACKEND is 'url' but no "
            "QUOTE_FORM_ACTION is set",
        ),
        (
            {"QUOTE_FORM_ACTION": "javascript:alert(1)"},
            "QUOTE_FORM_ACTION: 'javascript:alert(1)' is not a web address",
        ),
        (
            {"QUOTE_FORM_ACTION": 42},
            "QUOTE_FORM_ACTION: expected text, got 42",
        ),
        (
            {
                "QUOTE_FORM_ACTION": "http://forms.example.org/quote",
                "SITEURL": "https://example.org",
            },
            "QUOTE_FORM_ACTION: 'http://forms.example.org/quote' would send "
            "visitors' personal details unencrypted from the https site "
            "https://example.org. Use the receiver's https:// address.",
        ),
        (
            {"QUOTE_FORM_THANKS_URL": "/thanks/"},
            "QUOTE_FORM_THANKS_URL: '/thanks/' is not the URL of a page",
        ),
    ],
)
def test_misconfiguration_fails_the_build_saying_what_to_do(site, settings, says):
    site.article("guide")
    result = site.build(**settings)
    assert not result.ok
    assert any(says in error for error in result.errors), result.errors
    assert not site.output.exists()


@pytest.mark.parametrize(
    ("settings", "target"),
    [
        (
            {
                "QUOTE_FORM_BACKEND": "formspree",
                "QUOTE_FORM_FORMSPREE_ID": "xab12",
                "SITEURL": "https://example.org",
                "CONTENT_SECURITY_POLICY": STRICT,
            },
            "https://formspree.io/f/xab12",
        ),
        (
            {
                "QUOTE_FORM_BACKEND": "formspree",
                "QUOTE_FORM_FORMSPREE_ID": "xab12",
                "SITEURL": "https://example.org",
                "CONTENT_SECURITY_POLICY": "form-action https://formspree.io",
            },
            "https://example.org/quote-thank-you/",
        ),
        (
            {
                "QUOTE_FORM_ACTION": "https://forms.example.org/quote",
                "CONTENT_SECURITY_POLICY": STRICT,
            },
            "https://forms.example.org/quote",
        ),
        (
            {
                "QUOTE_FORM_BACKEND": "netlify",
                "CONTENT_SECURITY_POLICY": "form-action 'none'",
            },
            "/quote-thank-you/",
        ),
    ],
)
def test_a_policy_that_blocks_the_form_fails_the_build(site, settings, target):
    site.article("guide")
    result = site.build(**settings)
    assert not result.ok
    says = f"would stop browsers sending the quote form to {target}. Add "
    assert any(says in error for error in result.errors), result.errors


@pytest.mark.parametrize(
    ("policy", "action"),
    [
        ("form-action 'self' https://forms.example.org", "https://forms.example.org/q"),
        ("form-action https://forms.example.org/q", "https://forms.example.org/q"),
        ("form-action https://forms.example.org/", "https://forms.example.org/q"),
        ("form-action https:", "https://forms.example.org/q"),
        ("form-action https://example.org", "/quote/send"),
        ("form-action 'self'", "https://example.org/quote/send"),
        ("default-src 'none'", "https://forms.example.org/q"),
    ],
)
def test_a_policy_that_allows_the_form_builds(site, policy, action):
    site.article("guide")
    result = site.build(
        SITEURL="https://example.org",
        QUOTE_FORM_ACTION=action,
        CONTENT_SECURITY_POLICY=policy,
    )
    assert result.ok, result.errors


def test_an_http_action_is_allowed_for_an_http_preview(site):
    site.article("guide")
    result = site.build(
        QUOTE_FORM_ACTION="http://127.0.0.1:9000/quote",
        CONTENT_SECURITY_POLICY="form-action 'self' http://127.0.0.1:9000",
    )
    assert result.ok, result.errors


def publish(site, monkeypatch, **environment):
    monkeypatch.delenv("HUB_SITEURL", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    overrides = {
        "PATH": str(site.content),
        "THEME": str(ROOT / "theme"),
        "PLUGIN_PATHS": [str(ROOT / "plugins")],
        "CACHE_PATH": str(site.root / "cache"),
    }
    site.build()  # writes the site data files
    return build(str(ROOT / "publishconf.py"), site.output, overrides)


def test_publishing_refuses_an_http_action(tmp_path, monkeypatch):
    site = quote_site(tmp_path)
    result = publish(
        site,
        monkeypatch,
        HUB_QUOTE_FORM_BACKEND="url",
        HUB_QUOTE_FORM_ACTION="http://forms.example.org/quote",
    )
    assert not result.ok
    assert any("would send visitors' personal details" in e for e in result.errors)


def test_publishing_uses_the_backend_from_the_environment(tmp_path, monkeypatch):
    site = quote_site(tmp_path)
    result = publish(
        site,
        monkeypatch,
        HUB_QUOTE_FORM_BACKEND="formspree",
        HUB_QUOTE_FORM_FORMSPREE_ID="xab12",
    )
    assert result.ok, result.errors
    form = site.page("quote").select_one("form.hub-quote-form")
    assert form["action"] == "https://formspree.io/f/xab12"
    next_page = form.select_one("[name=_next]")["value"]
    assert next_page == "https://knowledge.impactguru.co.uk/quote-thank-you/"
    headers = (site.output / "_headers").read_text()
    assert "form-action 'self' https://formspree.io;" in headers


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


def test_feedback_thanks_url_must_be_a_page_of_the_site(site):
    site.article("guide")
    result = site.build(FEEDBACK_FORM_THANKS_URL="https://elsewhere.example/")
    assert not result.ok
    assert any(
        "FEEDBACK_FORM_THANKS_URL: 'https://elsewhere.example/' is not the URL of a "
        "page of this site" in error
        for error in result.errors
    ), result.errors
