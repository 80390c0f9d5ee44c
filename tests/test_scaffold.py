"""`invoke new`: a draft article with every front-matter key (hub/scaffold.py)."""

import datetime

import pytest
from pelican.settings import read_settings

from conftest import ROOT
from hub.scaffold import ScaffoldError, new_article


def settings_for(site):
    site.build()  # writes the data files
    return read_settings(
        str(ROOT / "pelicanconf.py"), override={"PATH": str(site.content)}
    )


def test_new_article_is_a_valid_draft_with_every_key(site):
    settings = settings_for(site)
    path = new_article(
        settings, 'Fees & "MAT": scoring', "social-value", datetime.date(2026, 3, 31)
    )
    assert path.name == "fees-mat-scoring.md"
    text = path.read_text()
    for key in (
        "title",
        "date",
        "modified",
        "review_by",
        "topic",
        "tags",
        "summary",
        "author",
        "editor",
        "products",
        "resources",
        "related",
        "cta",
        "status",
    ):
        assert f"{key}:" in text, key
    assert "# review_by: 2027-03-31" in text
    assert "status: draft" in text
    result = site.build()
    assert result.ok, result.errors
    draft = site.page("drafts/fees-mat-scoring")
    assert draft.h1.text == 'Fees & "MAT": scoring'


def test_new_article_refuses_to_overwrite_or_guess_a_topic(site):
    settings = settings_for(site)
    new_article(settings, "Guide", "social-value")
    with pytest.raises(ScaffoldError, match="already exists"):
        new_article(settings, "Guide", "social-value")
    with pytest.raises(ScaffoldError, match=r"Unknown topic 'nope'\. Use one of"):
        new_article(settings, "Other", "nope")
