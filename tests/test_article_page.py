"""The article page (theme/templates/article.html), built from a small site:
its parts in order, review dates, escaping, breadcrumbs, the feedback form and
the printed address."""


def test_article_page_has_every_part_in_order(site):
    site.article("other", title="Other guide")
    site.article(
        "method-statements",
        title="Method statements",
        date="2026-02-01",
        modified="2026-03-01",
        review_by="2026-09-30",
        summary="How to write one.",
        author="Jane Writer",
        editor="mike-harrison",
        body="Intro.\n\n## First heading\n\n- one\n- two\n\n"
        "See [the other guide]({filename}other.md).\n",
    )
    result = site.build()
    assert result.ok, result.errors
    page = site.page("method-statements")

    assert page.select_one("a.hub-skip-link")["href"] == "#main-content"
    assert page.select_one("main#main-content")
    assert page.select_one(".hub-header a[href='/quote/']").text == "Request a quote"
    assert page.select_one("footer.hub-footer")

    # GOV.UK breadcrumbs end with the parent: the h1 names the page itself.
    crumbs = page.select(".hub-breadcrumbs__item")
    assert [crumb.a.text for crumb in crumbs] == ["Hub", "Tender writing"]
    assert crumbs[1].a["href"] == "/topics/tender-writing/"

    article = page.select_one("article.hub-article")
    assert article.h1.text == "Method statements"
    assert page.select_one(".hub-lead").text == "How to write one."
    dates = {
        row.dt.text: row.time["datetime"]
        for row in page.select(".hub-review-dates__row")
        if row.time
    }
    assert dates == {"Last reviewed": "2026-03-01", "Next review due": "2026-09-30"}

    body = page.select_one(".hub-prose")
    assert body.find("h2", string="First heading")
    assert [li.text for li in body.select("li")] == ["one", "two"]
    assert body.find("a", string="the other guide")["href"] == "/other/"

    byline = " ".join(page.select_one(".hub-byline").get_text().split())
    assert byline == (
        "Written by Jane Writer, editorial oversight by Mike Harrison, "
        "Founder of Impact Guru."
    )
    back = page.select_one("a.hub-back-link")
    assert (back.text, back["href"]) == ("Return to the Knowledge Hub", "/")

    parts = [
        "h1",
        ".hub-review-dates",
        ".hub-prose",
        ".hub-byline",
        ".hub-back-link",
    ]
    positions = [str(article).index(str(article.select_one(part))) for part in parts]
    assert positions == sorted(positions)


def test_review_date_defaults_to_twelve_months_after_date(site):
    site.article("guide", date="2024-02-29")
    assert site.build().ok
    due = site.page("guide").select(".hub-review-dates time")[1]
    assert due["datetime"] == "2025-02-28"


def test_review_period_comes_from_settings(site):
    site.article("guide", date="2026-01-31")
    assert site.build(REVIEW_PERIOD_MONTHS=1).ok
    assert site.page("guide").select(".hub-review-dates time")[1]["datetime"] == (
        "2026-02-28"
    )


def test_editor_typed_text_is_escaped_everywhere(site):
    title = 'Fees & "MAT" <scores>'
    html, page = site.built_article(
        "fees", title=title, summary="<script>alert(1)</script> & more"
    )
    assert "<scores>" not in html
    assert "<script>alert(1)</script>" not in html
    assert page.h1.text == title
    assert page.title.text.startswith(title)
    assert page.select_one(".hub-lead").text == "<script>alert(1)</script> & more"
    assert page.find("meta", attrs={"name": "description"})["content"].startswith(
        "<script>"
    )


def test_breadcrumb_separators_follow_their_link_and_are_hidden(site):
    site.article("guide")
    assert site.build().ok
    for slug in ("guide", "topics/tender-writing"):
        items = site.page(slug).select(".hub-breadcrumbs__item")
        for item in items:
            separators = item.select(".hub-breadcrumbs__separator")
            if item is items[-1]:
                assert separators == [], slug
                continue
            [separator] = separators
            assert separator["aria-hidden"] == "true"
            assert separator.find_previous_sibling() is item.a, slug


def test_every_article_ends_with_a_feedback_form_that_records_the_page(site):
    site.article("guide", title="A guide")
    assert site.build().ok
    page = site.page("guide")
    feedback = page.select_one("article .hub-feedback")
    assert feedback.h2.text == "Is this page useful?"
    form = feedback.select_one("form")
    assert (form["method"], form["action"]) == ("post", "/quote/send")
    hidden = {
        field["name"]: field["value"] for field in form.select("input[type=hidden]")
    }
    assert hidden == {"form-name": "feedback", "page": "/guide/"}
    answers = [
        (button["name"], button["value"], button.get_text(" ", strip=True))
        for button in form.select("button[name=useful]")
    ]
    assert answers == [
        ("useful", "yes", "Yes this page is useful"),
        ("useful", "no", "No this page is not useful"),
    ]
    assert all(
        button.has_attr("formnovalidate") for button in form.select("button[name]")
    )
    report = form.select_one("details.hub-feedback__report")
    assert report.summary.text == "Report a problem with this page"
    problem = report.select_one("textarea[name=problem]")
    assert problem.has_attr("required")
    email = report.select_one("input[name=email]")
    assert (email["type"], email.has_attr("required")) == ("email", False)
    assert "(optional)" in report.select_one(f"label[for={email['id']}]").text
    assert form.select_one(".hub-honeypot input")["name"] == "_gotcha"
    named = {field["name"] for field in form.select("[name]")}
    assert named == {"form-name", "page", "useful", "problem", "email", "_gotcha"}


def test_print_carries_the_page_address(site):
    site.article("guide")
    assert site.build(SITEURL="https://hub.example").ok
    address = site.page("guide").select_one(".hub-print-address")
    assert "https://hub.example/guide/" in address.get_text()
