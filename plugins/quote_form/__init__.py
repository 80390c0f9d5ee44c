"""The quote request form and the feedback form: which backend they post to,
checked once per build.

At Pelican's `initialized` signal the `QUOTE_FORM_*` and `FEEDBACK_FORM_*`
settings are read and checked; a mistake stops the build with a ValueError
that names the setting and says what to do. The results are the `QUOTE_FORM`
setting, which the `quote.html` template uses for the form's action, its extra
attributes and hidden fields, the name of its honeypot field and its fields
(fields.yml, with the services to choose from), and the `FEEDBACK_FORM`
setting, the same for the "Is this page useful?" form on every article.

Feedback goes through the quote form's backend. Netlify keeps each form by its
name; the other backends receive both at one address, where the feedback's
hidden `form-name` of `feedback` tells them apart.

Backends (`QUOTE_FORM_BACKEND`):

- "netlify": Netlify Forms. The form carries `data-netlify` and
  `netlify-honeypot`, a hidden `form-name`, and posts to the thank-you page.
- "formspree": posts to https://formspree.io/f/<QUOTE_FORM_FORMSPREE_ID>, with
  Formspree's `_gotcha` honeypot and a `_next` redirect to the thank-you page.
- "url": posts to `QUOTE_FORM_ACTION`, e.g. the local receiver (hub/receiver.py).
"""

import re
from datetime import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from pelican import signals

from .fields import FEEDBACK_FIELDS, QUOTE_FIELDS, for_build

BACKENDS = ("netlify", "formspree", "url")
FORM_NAME = "quote"
FEEDBACK_FORM_NAME = "feedback"
HONEYPOTS = {"netlify": "bot-field", "formspree": "_gotcha", "url": "_gotcha"}
FORMSPREE_ID = re.compile(r"[A-Za-z0-9]+")
DEFAULTS = {
    "QUOTE_FORM_FORMSPREE_ID": "",
    "QUOTE_FORM_ACTION": "",
    "QUOTE_FORM_THANKS_URL": "quote-thank-you/",
    "QUOTE_FORM_SERVICES": [],
    "FEEDBACK_FORM_THANKS_URL": "feedback-thank-you/",
}


class QuoteFormSettingsError(ValueError):
    """A `QUOTE_FORM_*` setting that would publish a form that cannot work."""


def _fail(setting, problem, fix):
    raise QuoteFormSettingsError(f"{setting}: {problem}. {fix}")


def _text(settings, name):
    value = settings[name]
    if value is None:
        return ""
    if not isinstance(value, str):
        _fail(name, f"expected text, got {value!r}", "Write it in quotes.")
    return value.strip()


def _required_text(settings, name, missing, fix):
    """A setting the chosen backend cannot do without."""
    value = _text(settings, name)
    if not value:
        backend = settings["QUOTE_FORM_BACKEND"]
        _fail(name, f"QUOTE_FORM_BACKEND is {backend!r} but no {missing} is set", fix)
    return value


def _site_url(settings):
    return (settings.get("SITEURL") or "").rstrip("/")


def _is_https_site(settings):
    return _site_url(settings).startswith("https://")


def _thanks_url(settings, setting):
    thanks = _text(settings, setting)
    if not thanks or thanks.startswith("/") or urlsplit(thanks).scheme:
        _fail(
            setting,
            f"{thanks!r} is not the URL of a page of this site",
            "Write the thank-you page's URL as other pages are written, "
            f"e.g. {DEFAULTS[setting]!r} (no leading slash, no https://).",
        )
    return thanks


def _services(settings):
    """The service choices: (value, text) pairs, values being slugs."""
    services = settings["QUOTE_FORM_SERVICES"]
    pairs = isinstance(services, list | tuple) and all(
        isinstance(pair, list | tuple)
        and len(pair) == 2
        and all(isinstance(part, str) and part.strip() for part in pair)
        and re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", pair[0])
        for pair in services
    )
    if not pairs:
        _fail(
            "QUOTE_FORM_SERVICES",
            f"expected (value, text) pairs, got {services!r}",
            'Write a list such as [("bid-writing", "Bid writing")]: each value '
            "a slug, each text what the form shows.",
        )
    return [tuple(pair) for pair in services]


def _netlify(settings, thanks, name):
    site_path = urlsplit(_site_url(settings)).path.rstrip("/")
    return {
        # Netlify shows the page at `action` after a submission.
        "action": f"{site_path}/{thanks}",
        "attributes": {"data-netlify": "true", "netlify-honeypot": "bot-field"},
        "hidden": [("form-name", name)],
    }


def _formspree(settings, thanks, name):
    form_id = _required_text(
        settings,
        "QUOTE_FORM_FORMSPREE_ID",
        "Formspree form id",
        "Create the form on formspree.io and set QUOTE_FORM_FORMSPREE_ID to "
        "its id: the part after /f/ in its endpoint, e.g. 'xyzabcde'.",
    )
    if not FORMSPREE_ID.fullmatch(form_id):
        _fail(
            "QUOTE_FORM_FORMSPREE_ID",
            f"{form_id!r} is not a Formspree form id",
            "Set only the id: the letters and digits after /f/ in the form's "
            "endpoint, e.g. 'xyzabcde' for https://formspree.io/f/xyzabcde.",
        )
    site_url = _site_url(settings)
    if not urlsplit(site_url).scheme:
        _fail(
            "SITEURL",
            "QUOTE_FORM_BACKEND is 'formspree', whose _next redirect needs the "
            f"site's absolute address, but SITEURL is {site_url!r}",
            "Build with publishconf.py (or set SITEURL to https://...), and use "
            "QUOTE_FORM_BACKEND = 'url' with the local receiver for previews.",
        )
    return {
        "action": f"https://formspree.io/f/{form_id}",
        "attributes": {},
        "hidden": [("_next", f"{site_url}/{thanks}")],
    }


def _url(settings, thanks, name):
    action = _required_text(
        settings,
        "QUOTE_FORM_ACTION",
        "QUOTE_FORM_ACTION",
        "Set it to the address that receives the form, e.g. "
        "'https://forms.example.org/quote', or '/quote/send' for the local "
        "receiver.",
    )
    # Browsers drop tabs and new lines from URLs and read a backslash as /, so
    # "/\evil.example" and "//evil.example" both lead to another site.
    if "\\" in action or any(char.isspace() or ord(char) < 0x20 for char in action):
        _fail(
            "QUOTE_FORM_ACTION",
            f"{action!r} contains a backslash, a space or a control character, "
            "which browsers may read as another site's address",
            "Write an https:// address, or a path on this site such as '/quote/send'.",
        )
    url = urlsplit(action)
    if action.startswith("/"):
        if action.startswith("//"):
            _fail(
                "QUOTE_FORM_ACTION",
                f"{action!r} starts with //, which browsers read as the address "
                "of another site, not a path on this one",
                "Write a path with one leading /, e.g. '/quote/send', or the "
                "receiver's full https:// address.",
            )
    elif url.scheme == "http" and _is_https_site(settings):
        _fail(
            "QUOTE_FORM_ACTION",
            f"{action!r} would send visitors' personal details unencrypted from "
            f"the https site {_site_url(settings)}",
            "Use the receiver's https:// address.",
        )
    elif not (
        url.netloc
        and (url.scheme == "https" or (url.scheme == "http" and _on_this_machine(url)))
    ):
        _fail(
            "QUOTE_FORM_ACTION",
            f"{action!r} is not a web address",
            "Write an https:// address, or a path on this site starting with /. "
            "(http:// is allowed only for a receiver on this machine, in previews.)",
        )
    return {"action": action, "attributes": {}, "hidden": []}


def _on_this_machine(url):
    return url.hostname in ("127.0.0.1", "localhost", "::1")


def _csp_sources(policy, directive):
    """A policy directive's sources, or None when the policy leaves it out."""
    for part in policy.split(";"):
        words = part.split()
        if words and words[0].lower() == directive:
            return words[1:]
    return None


def _csp_allows(sources, target, site_url):
    """Whether CSP sources let a form post to (or be redirected to) target."""
    url = urlsplit(target)
    if not url.scheme:  # a path on this site
        site = urlsplit(site_url)
        if "'self'" in sources or not site.scheme:
            return "'self'" in sources
        target = f"{site.scheme}://{site.netloc}{target}"
        url = urlsplit(target)
    origin = f"{url.scheme}://{url.netloc}"
    for source in sources:
        if source in ("*", f"{url.scheme}:", origin, url.netloc):
            return True
        if source == "'self'" and urlsplit(site_url).netloc == url.netloc:
            return True
        if urlsplit(source).path and (
            target == source or (source.endswith("/") and target.startswith(source))
        ):
            return True
    return False


def _check_policy(settings, form, name):
    """A Content-Security-Policy whose form-action blocks a form breaks it."""
    policy = settings.get("CONTENT_SECURITY_POLICY")
    sources = _csp_sources(policy, "form-action") if policy else None
    if sources is None:
        return
    site_url = _site_url(settings)
    # Formspree sends the visitor back to the thank-you page: a redirect that
    # form-action also governs.
    targets = [
        form["action"],
        *(value for name, value in form["hidden"] if name == "_next"),
    ]
    for target in targets:
        if not _csp_allows(sources, target, site_url):
            url = urlsplit(target)
            needed = f"{url.scheme}://{url.netloc}" if url.scheme else "'self'"
            example = " ".join(dict.fromkeys(["'self'", needed]))
            _fail(
                "CONTENT_SECURITY_POLICY",
                f"its form-action ({' '.join(sources)}) would stop browsers "
                f"sending the {name} form to {target}",
                f"Add {needed} to form-action, e.g. "
                f'content_security_policy("{example}") in the settings',
            )


def check_settings(pelican):
    settings = pelican.settings
    for key, default in DEFAULTS.items():
        settings.setdefault(key, default)
    backend = settings.get("QUOTE_FORM_BACKEND")
    if backend not in BACKENDS:
        listed = ", ".join(repr(name) for name in BACKENDS)
        _fail(
            "QUOTE_FORM_BACKEND",
            f"{backend!r} is not a quote form backend",
            f"Set it to one of {listed}; the README explains each.",
        )
    thanks = _thanks_url(settings, "QUOTE_FORM_THANKS_URL")
    feedback_thanks = _thanks_url(settings, "FEEDBACK_FORM_THANKS_URL")
    backend_settings = {"netlify": _netlify, "formspree": _formspree, "url": _url}
    form = backend_settings[backend](settings, thanks, FORM_NAME)
    feedback = backend_settings[backend](settings, feedback_thanks, FEEDBACK_FORM_NAME)
    if backend != "netlify":
        feedback["hidden"].insert(0, ("form-name", FEEDBACK_FORM_NAME))
    _check_policy(settings, form, "quote")
    _check_policy(settings, feedback, "feedback")
    today = datetime.now(ZoneInfo(settings.get("TIMEZONE") or "UTC")).date()
    publisher = settings.get("PUBLISHER", "")
    settings["QUOTE_FORM"] = {
        **form,
        "backend": backend,
        "name": FORM_NAME,
        "honeypot": HONEYPOTS[backend],
        "thanks_url": thanks,
        "fields": for_build(
            QUOTE_FIELDS, publisher, _services(settings), today.isoformat()
        ),
    }
    settings["FEEDBACK_FORM"] = {
        **feedback,
        "name": FEEDBACK_FORM_NAME,
        "honeypot": HONEYPOTS[backend],
        "thanks_url": feedback_thanks,
        "fields": for_build(FEEDBACK_FIELDS, publisher),
    }


def register():
    signals.initialized.connect(check_settings)
