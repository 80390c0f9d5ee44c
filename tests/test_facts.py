"""Shared facts: `{fact:slug}` in a body shows content/data/facts.yml's value."""

from conftest import ROOT

FACTS = {
    "kpi-threshold": {
        "value": "£5 million",
        "source": "https://www.legislation.gov.uk/ukpga/2023/54/section/52",
    },
    "odd-value": {"value": 'Fees & <b>"MAT"</b>'},
}


def test_a_fact_shows_its_value_as_plain_text(site):
    site.data["facts"] = FACTS
    site.article(
        "guide",
        body="Publish three KPIs for contracts over {fact:kpi-threshold}.\n\n"
        "## Fees\n\nShown as typed: {fact:odd-value}.\n",
    )
    site.write(
        "pages/about.md",
        "---\ntitle: About\nsummary: Us.\n---\nOver {fact:kpi-threshold}.\n",
    )
    result = site.build()
    assert result.ok, result.errors
    prose = site.page("guide").select_one(".hub-prose")
    assert "contracts over £5 million." in prose.get_text()
    assert 'Shown as typed: Fees & <b>"MAT"</b>.' in prose.get_text()
    assert prose.find("b") is None
    assert "Over £5 million." in site.page("about").get_text()


def test_one_edit_changes_every_page(site):
    site.data["facts"] = FACTS
    for slug in ("one", "two"):
        site.article(slug, body="Over {fact:kpi-threshold}.\n")
    assert site.build().ok
    site.data["facts"]["kpi-threshold"]["value"] = "£6 million"
    assert site.build().ok
    for slug in ("one", "two"):
        assert "Over £6 million." in site.page(slug).get_text()


def test_an_unknown_fact_is_an_error_at_its_line(site):
    site.data["facts"] = FACTS
    site.article("guide", body="Intro.\n\nOver {fact:kpi-treshold} a year.\n")
    result = site.build()
    assert len(result.errors) == 1, result.errors
    error = result.errors[0]
    assert "guide.md:9: [body] unknown fact 'kpi-treshold'" in error
    assert "Did you mean 'kpi-threshold'?" in error


def test_a_fact_needs_a_value(site):
    site.data["facts"] = {"kpi-threshold": {"source": "https://example.org/"}}
    site.article("guide")
    result = site.build()
    assert len(result.errors) == 1, result.errors
    assert "facts.yml: [kpi-threshold.value] 'value' is missing" in result.errors[0]


def test_a_hub_without_facts_builds(site):
    site.article("guide", body="No facts here; {braces} stay as they are.\n")
    result = site.build()
    assert result.ok, result.errors
    assert "{braces}" in site.page("guide").get_text()


def test_the_sample_hub_uses_shared_facts():
    articles = (ROOT / "content" / "articles").glob("*.md")
    using = [path for path in articles if "{fact:" in path.read_text("utf-8")]
    assert len(using) >= 3, using
