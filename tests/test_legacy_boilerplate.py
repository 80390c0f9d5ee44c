"""The old page's boilerplate after the body, and the hub's names it is matched
against (hub/legacy/boilerplate.py)."""

import pytest

from hub.legacy.boilerplate import Parsed, SiteCatalogue, byline_names, marker
from hub.scaffold import new_article
from legacy_hub import convert_text, legacy_hub, settings_of


@pytest.fixture
def hub(tmp_path):
    return legacy_hub(tmp_path)


def test_site_data_is_read_where_the_settings_say(hub):
    (hub.content / "data").rename(hub.content / "site-data")
    settings = settings_of(hub) | {"HUB_DATA_PATH": "site-data"}
    catalogue = SiteCatalogue.load(settings)
    assert set(catalogue.topics) == set(hub.data["topics"])
    assert catalogue.product_named("Rapid Support Products") == "rapid-support"


def test_one_slug_rule_for_new_and_import(hub):
    title = "Bid/no-bid decisions: when to walk away"
    result, _, _ = convert_text(hub, f"{title}\n\nWho this is for.\n")
    scaffolded = new_article(settings_of(hub), title, "tender-writing")
    assert result.slug == scaffolded.stem == "bidno-bid-decisions-when-to-walk-away"


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Need a Bid Writing Quote?", "quote"),
        ("📌 Rapid Support Products (fast turnaround options)", "product"),
        ("✍️ Written by Sam Patel", "byline"),
        ("Return to Knowledge Hub Index →", "back"),
        ("Useful Tender Resources", "resources"),
        ("  • Rapid Support Products", None),
        ("Why it matters", None),
    ],
)
def test_each_boilerplate_block_is_known_by_its_first_line(hub, line, kind):
    assert marker(line, SiteCatalogue.load(settings_of(hub))) == kind


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        (
            "Written by Impact Guru Editorial Team, editorial oversight by "
            "Mike Harrison, Founder of Impact Guru.",
            ("Impact Guru Editorial Team", "Mike Harrison"),
        ),
        (
            "Written by Sam Patel, editorial oversight by Jane Doe (Director)",
            ("Sam Patel", "Jane Doe"),
        ),
        ("Written by Sam Patel — Bid writer", ("Sam Patel", None)),
        (None, (None, None)),
    ],
)
def test_the_byline_names_the_author_and_the_editor(byline, names):
    assert byline_names(Parsed([], byline=byline)) == names


def test_text_after_the_boilerplate_is_kept_with_a_warning(hub):
    export = (
        "Title\n\nBody text here.\n\n"
        "Return to Knowledge Hub Index\n\n"
        "🎯 A stray closing note from the old page.\n"
    )
    result, meta, body = convert_text(hub, export, topic="tender-writing")
    assert meta["summary"] == "Body text here."
    assert body == "A stray closing note from the old page.\n"
    assert any("line 7: kept 'A stray closing note" in w for w in result.warnings)
