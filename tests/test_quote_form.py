"""The quote_form plugin (plugins/quote_form): which backend the forms post
to, and the settings it refuses. Settings are checked by calling the plugin;
a few builds show that a refusal stops the build."""

import re
from types import SimpleNamespace

import pytest
from pelican.settings import read_settings

from browser import quote_site
from conftest import ROOT
from hub.build import build
from plugins.quote_form import QuoteFormSettingsError, check_settings
from plugins.quote_form.fields import SERVICE

STRICT = "default-src 'self'; form-action 'self'; frame-ancestors 'none'"


def checked(**overrides):
    """The preview's settings with `overrides`, as the plugin leaves them."""
    settings = read_settings(str(ROOT / "pelicanconf.py"), override=overrides)
    check_settings(SimpleNamespace(settings=settings))
    return settings


def test_each_backend_sets_where_the_forms_post():
    url = checked()
    assert url["QUOTE_FORM"]["action"] == url["FEEDBACK_FORM"]["action"]
    assert url["QUOTE_FORM"]["honeypot"] == "_gotcha"
    netlify = checked(QUOTE_FORM_BACKEND="netlify", SITEURL="https://ex.org/hub/")
    assert netlify["QUOTE_FORM"]["action"] == "/hub/quote-thank-you/"
    assert netlify["FEEDBACK_FORM"]["action"] == "/hub/feedback-thank-you/"
    assert netlify["QUOTE_FORM"]["hidden"] == [("form-name", "quote")]
    assert netlify["FEEDBACK_FORM"]["hidden"] == [("form-name", "feedback")]


def test_services_come_from_the_settings():
    services = [["bid-writing", "Bid writing"], ["rapid-support", "Rapid support"]]
    fields = checked(QUOTE_FORM_SERVICES=services)["QUOTE_FORM"]["fields"]
    [service] = [field for field in fields if field.name == SERVICE]
    assert service.options == (
        ("", "Choose a service"),
        ("bid-writing", "Bid writing"),
        ("rapid-support", "Rapid support"),
    )


@pytest.mark.parametrize(
    "services",
    [[("Bid writing", "Bid writing")], [("bid-writing",)], "bid-writing", None],
)
def test_services_must_be_slugs_with_their_text(services):
    with pytest.raises(QuoteFormSettingsError, match="QUOTE_FORM_SERVICES: expected"):
        checked(QUOTE_FORM_SERVICES=services)


def test_a_misconfiguration_fails_the_build(site):
    site.article("guide")
    result = site.build(QUOTE_FORM_BACKEND="mailchimp")
    assert not result.ok
    says = "QUOTE_FORM_BACKEND: 'mailchimp' is not a quote form backend."
    assert any(says in error for error in result.errors), result.errors
    assert not site.output.exists()


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
def test_misconfiguration_is_refused_saying_what_to_do(settings, says):
    with pytest.raises(QuoteFormSettingsError, match=re.escape(says)):
        checked(**settings)


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
def test_a_policy_that_blocks_the_form_is_refused(settings, target):
    says = f"would stop browsers sending the quote form to {target}. Add "
    with pytest.raises(QuoteFormSettingsError, match=re.escape(says)):
        checked(**settings)


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
def test_a_policy_that_allows_the_form_is_accepted(policy, action):
    settings = checked(
        SITEURL="https://example.org",
        QUOTE_FORM_ACTION=action,
        CONTENT_SECURITY_POLICY=policy,
    )
    assert settings["QUOTE_FORM"]["action"] == action


def test_an_http_action_is_allowed_for_an_http_preview():
    action = "http://127.0.0.1:9000/quote"
    settings = checked(
        QUOTE_FORM_ACTION=action,
        CONTENT_SECURITY_POLICY="form-action 'self' http://127.0.0.1:9000",
    )
    assert settings["QUOTE_FORM"]["action"] == action


def publish(root, monkeypatch, **environment):
    """The quote site built with publishconf.py and `environment`: (site, result)."""
    site = quote_site(root)
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
    return site, build(str(ROOT / "publishconf.py"), site.output, overrides)


def test_publishing_refuses_an_http_action(tmp_path, monkeypatch):
    action = "http://forms.example.org/quote"
    environment = {"HUB_QUOTE_FORM_BACKEND": "url", "HUB_QUOTE_FORM_ACTION": action}
    _, result = publish(tmp_path, monkeypatch, **environment)
    assert not result.ok
    assert any("would send visitors' personal details" in e for e in result.errors)


def test_publishing_uses_the_backend_from_the_environment(tmp_path, monkeypatch):
    environment = {
        "HUB_QUOTE_FORM_BACKEND": "formspree",
        "HUB_QUOTE_FORM_FORMSPREE_ID": "xab12",
    }
    site, result = publish(tmp_path, monkeypatch, **environment)
    assert result.ok, result.errors
    form = site.page("quote").select_one("form.hub-quote-form")
    assert form["action"] == "https://formspree.io/f/xab12"
    next_page = form.select_one("[name=_next]")["value"]
    assert next_page == "https://knowledge.impactguru.co.uk/quote-thank-you/"
    headers = (site.output / "_headers").read_text()
    assert "form-action 'self' https://formspree.io;" in headers


def test_feedback_thanks_url_must_be_a_page_of_the_site():
    says = (
        "FEEDBACK_FORM_THANKS_URL: 'https://elsewhere.example/' is not the URL of a "
        "page of this site"
    )
    with pytest.raises(QuoteFormSettingsError, match=re.escape(says)):
        checked(FEEDBACK_FORM_THANKS_URL="https://elsewhere.example/")
