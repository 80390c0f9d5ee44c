"""The article page: every part the foundation promises, built from a small site."""

from bs4 import BeautifulSoup


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

    crumbs = page.select(".hub-breadcrumbs__item")
    assert [crumb.get_text(strip=True) for crumb in crumbs] == [
        "Hub",
        "Tender writing",
        "Method statements",
    ]
    assert crumbs[1].a["href"] == "/topics/tender-writing/"
    assert crumbs[2]["aria-current"] == "page"

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
    assert (back.text, back["href"]) == ("Return to Knowledge Hub Index", "/")

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
    site.article("fees", title=title, summary="<script>alert(1)</script> & more")
    assert site.build().ok
    html = (site.output / "fees" / "index.html").read_text()
    assert "<scores>" not in html
    assert "<script>alert(1)</script>" not in html
    page = BeautifulSoup(html, "html.parser")
    assert page.h1.text == title
    assert page.title.text.startswith(title)
    assert page.select_one(".hub-lead").text == "<script>alert(1)</script> & more"
    assert page.find("meta", attrs={"name": "description"})["content"].startswith(
        "<script>"
    )
