"""`invoke reviews` (hub/reviews.py): articles by urgency, scheduled articles and
drafts, and the weekly issue's Markdown."""

import datetime

import time_machine
from invoke import MockContext
from pelican.settings import read_settings

import tasks
from conftest import ROOT
from hub.reviews import format_markdown, format_table, review_table

TODAY = datetime.date(2026, 2, 1)


def settings_for(site):
    site.build()  # writes the data files
    return read_settings(
        str(ROOT / "pelicanconf.py"), override={"PATH": str(site.content)}
    )


def every_kind(site):
    site.article("old", date="2020-01-01", review_by="2026-01-10", title="Old | new")
    site.article("soon", date="2026-01-01", review_by="2026-02-20")
    site.article("later", date="2026-01-01", review_by="2027-01-01")
    site.article("future", date="2026-03-01", review_by="2027-03-01")
    site.article("wip", date="2025-01-01", review_by="2025-06-01", status="draft")
    return settings_for(site)


def test_scheduled_articles_and_drafts_are_marked(site):
    rows = review_table(every_kind(site), today=TODAY)
    assert [(status, slug) for status, _, slug, _ in rows] == [
        ("overdue", "old"),
        ("due soon", "soon"),
        ("fine", "later"),
        ("scheduled for 2026-03-01", "future"),
        ("draft", "wip"),
    ]
    table = format_table(rows)
    assert "scheduled for 2026-03-01 2027-03-01  future: Future" in table
    assert table[-1] == "1 overdue, 1 due soon, 1 fine, 1 scheduled, 1 draft"


def test_reviews_table_sorts_by_urgency(site):
    site.article("overdue", date="2020-01-01", review_by="2026-01-10")
    site.article("soon", date="2026-01-01", review_by="2026-02-20")
    site.article("later", date="2026-01-01", review_by="2027-01-01")
    rows = review_table(settings_for(site), today=TODAY)
    assert [(status, slug) for status, _, slug, _ in rows] == [
        ("overdue", "overdue"),
        ("due soon", "soon"),
        ("fine", "later"),
    ]
    assert format_table(rows)[-1] == "1 overdue, 1 due soon, 1 fine"


def test_an_article_dated_today_is_published(site):
    site.article("today", date="2026-02-01", review_by="2027-02-01")
    rows = review_table(settings_for(site), today=TODAY)
    assert [status for status, *_ in rows] == ["fine"]


def test_future_dates_publish_at_once_when_the_settings_say_so(site):
    site.article("future", date="2026-03-01", review_by="2027-03-01")
    settings = settings_for(site) | {"WITH_FUTURE_DATES": True}
    assert [row[0] for row in review_table(settings, today=TODAY)] == ["fine"]


def test_markdown_lists_only_what_needs_a_review(site):
    lines = format_markdown(review_table(every_kind(site), today=TODAY), TODAY)
    text = "\n".join(lines)
    assert lines[0].startswith("**2 articles need a review** as of 2026-02-01:")
    assert "| status | review by | article |" in lines
    assert "| overdue | 2026-01-10 | `old`: Old \\| new |" in lines
    assert "| due soon | 2026-02-20 | `soon`: Soon |" in lines
    for slug in ("later", "future", "wip"):
        assert f"`{slug}`" not in text


def test_markdown_is_empty_when_nothing_needs_a_review(site):
    site.article("later", date="2026-01-01", review_by="2027-01-01")
    assert format_markdown(review_table(settings_for(site), today=TODAY), TODAY) == []


def test_the_task_prints_the_markdown_or_nothing(site, monkeypatch, capsys):
    settings = every_kind(site)
    monkeypatch.setattr(tasks, "read_settings", lambda name: settings)
    capsys.readouterr()
    with time_machine.travel(TODAY, tick=False):
        tasks.reviews(MockContext(), markdown=True)
        assert capsys.readouterr().out.startswith("**2 articles need a review** as of")
        for slug in ("old", "soon"):
            (site.content / "articles" / f"{slug}.md").unlink()
        tasks.reviews(MockContext(), markdown=True)
        assert capsys.readouterr().out == ""
