"""The quote request journey in a real browser (Chromium), with and without JS.

One small hub is built and served with the local receiver for the module; each
test starts with no recorded requests and reads what the receiver wrote.
"""

import json
from datetime import date, timedelta

import pytest
from pelican.settings import read_settings
from playwright.sync_api import expect

from browser import ARTICLE, quote_site, serving
from conftest import ROOT
from hub.receiver import receiver_for

FORM = "form.hub-quote-form"
DEADLINE = (date.today() + timedelta(days=30)).isoformat()
ANSWERS = {
    "name": "Gwen Jones",
    "organisation": "Example Care Ltd",
    "email": "gwen@example.org",
    "phone": "01234 567890",
    "service": "bid-writing",
    "tender": "Community nursing services 2027 (ref CN-27)",
    "deadline": DEADLINE,
    "documents_url": "https://www.find-tender.service.gov.uk/Notice/000123-2026",
    "message": "Please quote for the quality questions.",
}
# The browser punycodes an email address's domain, as it must; every other
# free-text field carries the characters through as typed.
UNICODE_ANSWERS = ANSWERS | {
    "name": "Siân Ŵyn-Jones 😀",
    "organisation": "Gofal Cymru — £1m Ŵ 🏥",
    "phone": "+44 (0)1234 — ŵ",
    "tender": "Gwasanaethau cymunedol — £2.5m 😀 ŵ",
    "documents_url": "https://example.org/tendr/ŵ—£😀",
    "message": "Cost: £1,200 — ŵ ✅\nSecond line 😀",
}


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    site = quote_site(tmp_path_factory.mktemp("quote-browser"))
    result = site.build()
    assert result.ok, result.errors
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    receiver = receiver_for(settings, site.root / "var" / "quote-requests.jsonl")
    with serving(site.output, receiver) as url:
        yield url, receiver.submissions


@pytest.fixture
def base_url(hub):
    return hub[0]


@pytest.fixture
def received(hub):
    """Reads the requests the receiver recorded during this test."""
    submissions = hub[1]
    submissions.unlink(missing_ok=True)

    def read():
        if not submissions.exists():
            return []
        lines = submissions.read_text("utf-8").splitlines()
        return [json.loads(line) for line in lines]

    return read


def new_page(browser, javascript):
    """A page in a context of its own, closed after the test."""
    context = browser.new_context(java_script_enabled=javascript)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def page(request, browser):
    yield from new_page(browser, request.param)


@pytest.fixture
def js_page(browser):
    yield from new_page(browser, True)


@pytest.fixture
def no_js_page(browser):
    yield from new_page(browser, False)


def browser_today(page):
    """The page's own today: Chromium keeps the real clock when Python's is
    moved (pytest --clock-years-ahead)."""
    now = "(d => [d.getFullYear(), d.getMonth() + 1, d.getDate()])(new Date())"
    return date(*page.evaluate(now))


def open_quote_from_article(page, base_url):
    page.goto(f"{base_url}/{ARTICLE}/")
    page.click("a.hub-quote-cta__button")
    page.wait_for_url(f"{base_url}/quote/?source_article={ARTICLE}")


def fill(page, answers, consent=True):
    for name, value in answers.items():
        field = page.locator(f'{FORM} [name="{name}"]')
        if name == "service":
            field.select_option(value)
        else:
            field.fill(value)
    if consent:
        page.check(f'{FORM} [name="consent"]')


def submit(page):
    page.click(f"{FORM} button[type=submit]")


def expected(answers):
    """A recorded request: textareas send line breaks as CRLF."""
    return answers | {
        "message": answers["message"].replace("\n", "\r\n"),
        "consent": "yes",
        "source_article": ARTICLE,
    }


def without_time(records):
    return [{k: v for k, v in record.items() if k != "received"} for record in records]


def expect_thank_you(page, base_url):
    page.wait_for_url(f"{base_url}/quote-thank-you/")
    expect(page.locator("h1")).to_have_text("Quote request sent")


def send(page, base_url, answers):
    """Fill in the open form, agree, send it and see the thank-you page."""
    fill(page, answers)
    submit(page)
    expect_thank_you(page, base_url)


@pytest.mark.parametrize(
    "answers", [ANSWERS, UNICODE_ANSWERS], ids=["plain", "unicode"]
)
def test_request_from_an_article_records_every_field_intact(
    page, base_url, received, answers
):
    open_quote_from_article(page, base_url)
    send(page, base_url, answers)
    assert without_time(received()) == [expected(answers)]


def test_honeypot_filled_is_not_recorded(page, base_url, received):
    open_quote_from_article(page, base_url)
    page.locator('[name="_gotcha"]').evaluate("(field) => { field.value = 'spam'; }")
    send(page, base_url, ANSWERS)
    assert received() == []


def test_script_fills_source_and_turns_off_browser_validation(js_page, base_url):
    open_quote_from_article(js_page, base_url)
    form = js_page.locator(FORM)
    expect(form).to_have_attribute("novalidate", "")
    hidden = js_page.locator('[name="source_article"]')
    expect(hidden).to_have_value(ARTICLE)
    expect(js_page.locator("#deadline")).to_have_attribute(
        "min", browser_today(js_page).isoformat()
    )


def test_missing_fields_show_error_summary_and_send_nothing(
    js_page, base_url, received
):
    open_quote_from_article(js_page, base_url)
    fill(js_page, {"name": "Gwen Jones", "email": "not an email"}, consent=False)
    submit(js_page)

    summary = js_page.locator(".hub-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary.locator("[role=alert] h2")).to_have_text("There is a problem")
    links = summary.locator("li a")
    expect(links).to_have_text(
        [
            "Enter the name of your organisation",
            "Enter an email address in the correct format, like name@example.com",
            "Enter a message about the help you need",
            "Select the box to agree that we can use your details to reply",
        ]
    )
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs == ["#organisation", "#email", "#message", "#consent"]
    assert js_page.title().startswith("Error: ")

    email = js_page.locator("#email")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_attribute("aria-describedby", "email-hint email-error")
    expect(js_page.locator("#email-error")).to_have_text(
        "Error: Enter an email address in the correct format, like name@example.com"
    )
    expect(js_page.locator(".hub-error-message")).to_have_count(4)
    expect(js_page.locator("#name")).not_to_have_attribute("aria-invalid", "true")

    links.nth(2).click()
    expect(js_page.locator("#message")).to_be_focused()
    assert js_page.url == f"{base_url}/quote/?source_article={ARTICLE}"
    assert received() == []


def test_errors_clear_once_fixed_and_the_form_is_sent(js_page, base_url, received):
    open_quote_from_article(js_page, base_url)
    fill(js_page, ANSWERS | {"name": "   "})
    submit(js_page)
    expect(js_page.locator(".hub-error-summary li")).to_have_text(["Enter your name"])
    assert received() == []

    js_page.fill("#name", ANSWERS["name"])
    submit(js_page)
    expect_thank_you(js_page, base_url)
    assert without_time(received()) == [expected(ANSWERS)]


def test_deadline_in_the_past_is_refused(js_page, base_url, received):
    open_quote_from_article(js_page, base_url)
    # The script checks the deadline against the browser's clock.
    yesterday = (browser_today(js_page) - timedelta(days=1)).isoformat()
    fill(js_page, ANSWERS | {"deadline": yesterday})
    submit(js_page)
    expect(js_page.locator(".hub-error-summary li a")).to_have_text(
        ["The submission deadline must be today or in the future"]
    )
    expect(js_page.locator(".hub-error-summary li a")).to_have_attribute(
        "href", "#deadline"
    )
    assert received() == []


def test_without_javascript_the_browser_refuses_missing_fields(
    no_js_page, base_url, received
):
    open_quote_from_article(no_js_page, base_url)
    expect(no_js_page.locator(FORM)).not_to_have_attribute("novalidate", "")
    fill(no_js_page, {"name": "Gwen Jones"}, consent=False)
    submit(no_js_page)
    assert no_js_page.locator("#organisation:invalid").count() == 1
    assert no_js_page.locator(f"{FORM}:invalid").count() == 1
    assert no_js_page.url == f"{base_url}/quote/?source_article={ARTICLE}"
    assert received() == []


def test_without_javascript_the_browser_refuses_a_past_deadline(
    no_js_page, base_url, received
):
    open_quote_from_article(no_js_page, base_url)
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    fill(no_js_page, ANSWERS | {"deadline": yesterday})
    submit(no_js_page)
    assert no_js_page.locator("#deadline:invalid").count() == 1
    assert no_js_page.url == f"{base_url}/quote/?source_article={ARTICLE}"
    assert received() == []


def test_a_product_page_opens_the_form_with_its_service_chosen(page, base_url):
    page.goto(f"{base_url}/monthly-retainer/")
    page.click("main a.hub-button")
    page.wait_for_url(f"{base_url}/quote/?service=monthly-retainer")
    scripted = page.locator(FORM).get_attribute("novalidate") is not None
    chosen = page.locator(f'{FORM} [name="service"]')
    # Only the script can read the address; without it the visitor chooses.
    expect(chosen).to_have_value("monthly-retainer" if scripted else "")


def test_a_service_the_form_does_not_offer_is_left_for_the_visitor(js_page, base_url):
    js_page.goto(f"{base_url}/quote/?service=<script>")
    expect(js_page.locator(FORM)).to_have_attribute("novalidate", "")
    expect(js_page.locator(f'{FORM} [name="service"]')).to_have_value("")


@pytest.fixture
def feedback_received(hub):
    """Reads the feedback the receiver recorded during this test."""
    feedback = hub[1].with_name("feedback.jsonl")
    feedback.unlink(missing_ok=True)

    def read():
        if not feedback.exists():
            return []
        records = [
            json.loads(line) for line in feedback.read_text("utf-8").splitlines()
        ]
        return without_time(records)

    return read


def expect_feedback_thanks(page, base_url):
    page.wait_for_url(f"{base_url}/feedback-thank-you/")
    expect(page.locator("h1")).to_have_text("Thank you for your feedback")


def test_is_this_page_useful_records_the_answer_and_the_page(
    page, base_url, feedback_received, received
):
    page.goto(f"{base_url}/{ARTICLE}/")
    page.click(".hub-feedback button[value=no]")
    expect_feedback_thanks(page, base_url)
    assert feedback_received() == [
        {"page": f"/{ARTICLE}/", "useful": "no", "problem": "", "email": ""}
    ]
    assert received() == []


def test_report_a_problem_opens_without_script_and_records_the_report(
    page, base_url, feedback_received
):
    page.goto(f"{base_url}/{ARTICLE}/")
    problem = page.locator(".hub-feedback textarea[name=problem]")
    expect(problem).to_be_hidden()
    page.click("text=Report a problem with this page")
    expect(problem).to_be_visible()
    problem.fill("The CQC link is broken — ŵ £")
    page.click(".hub-feedback button:text('Send report')")
    expect_feedback_thanks(page, base_url)
    assert feedback_received() == [
        {
            "page": f"/{ARTICLE}/",
            "useful": "",
            "problem": "The CQC link is broken — ŵ £",
            "email": "",
        }
    ]


def test_an_empty_problem_report_is_not_sent(page, base_url, feedback_received):
    page.goto(f"{base_url}/{ARTICLE}/")
    page.click("text=Report a problem with this page")
    page.click(".hub-feedback button:text('Send report')")
    assert page.locator(".hub-feedback textarea[name=problem]:invalid").count() == 1
    assert page.url == f"{base_url}/{ARTICLE}/"
    assert feedback_received() == []
