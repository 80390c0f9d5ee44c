"""Useful Tender Resources and Related guidance (plugins/related_resources)."""

from conftest import SmallSite, read_page

TOPIC_RESOURCES = {
    "Service support": [{"product": "rapid-support"}],
    "Quality boost": [{"title": "CQC guidance", "url": "https://www.cqc.org.uk/"}],
    "Build foundations": [{"article": "basics"}],
}


def resource_groups(page):
    return {
        group.text: [
            (a.get_text(" ", strip=True), a["href"])
            for a in group.find_next_sibling("ul").select("a")
        ]
        for group in page.select(".hub-resources__group")
    }


def related(page):
    return [a["href"].strip("/") for a in page.select(".hub-related__link")]


def test_topic_groups_resolve_articles_products_and_external_links(site):
    site.data["topics"]["tender-writing"]["resources"] = TOPIC_RESOURCES
    site.article("basics", title="The basics")
    site.article("guide")
    assert site.build().ok
    page = site.page("guide")
    assert page.select_one(".hub-resources h2").text == "Useful Tender Resources"
    assert resource_groups(page) == {
        "Service support": [("Rapid Support Products", "/rapid-support/")],
        "Quality boost": [
            ("CQC guidance (opens in new tab)", "https://www.cqc.org.uk/")
        ],
        "Build foundations": [("The basics", "/basics/")],
    }
    external = page.select_one(".hub-resources a[href^='https://']")
    assert set(external["rel"]) == {"external", "noopener", "noreferrer"}


def test_article_resources_add_to_the_topic_groups(site):
    site.data["topics"]["tender-writing"]["resources"] = TOPIC_RESOURCES
    site.article("basics", title="The basics")
    site.article("extra", title="Extra reading")
    site.article(
        "guide",
        resources={
            "mode": "add",
            "groups": {
                "Service support": [{"article": "extra"}],
                "Templates": [{"title": "A template", "url": "https://example.org/t"}],
            },
        },
    )
    assert site.build().ok
    groups = resource_groups(site.page("guide"))
    assert list(groups) == [
        "Service support",
        "Quality boost",
        "Build foundations",
        "Templates",
    ]
    assert groups["Service support"] == [
        ("Extra reading", "/extra/"),
        ("Rapid Support Products", "/rapid-support/"),
    ]


def test_article_resources_can_replace_the_topic_groups(site):
    site.data["topics"]["tender-writing"]["resources"] = TOPIC_RESOURCES
    site.article("basics")
    site.article(
        "guide",
        resources={
            "mode": "replace",
            "groups": {"Quality boost": [{"product": "monthly-retainer"}]},
        },
    )
    assert site.build().ok
    assert resource_groups(site.page("guide")) == {
        "Quality boost": [("Monthly Bid Support Retainers", "/monthly-retainer/")]
    }


def test_unknown_resource_slug_names_the_article_and_slug(site):
    site.article("guide", resources={"groups": {"Reading": [{"article": "nope"}]}})
    errors = site.build().errors
    assert any(
        "guide.md:6: [resources] unknown article 'nope'" in error for error in errors
    ), errors


def test_unknown_slug_in_topic_resources_names_the_data_file(site):
    site.data["topics"]["tender-writing"]["resources"] = {
        "Reading": [{"product": "rapid-suport"}]
    }
    site.article("guide")
    errors = site.build().errors
    assert any(
        "topics.yml: [tender-writing.resources] unknown product 'rapid-suport'" in e
        and "Did you mean 'rapid-support'?" in e
        for e in errors
    ), errors


def test_external_links_must_be_web_addresses(site):
    site.article(
        "guide",
        resources={
            "groups": {"Reading": [{"title": "x", "url": "javascript:alert(1)"}]}
        },
    )
    errors = site.build().errors
    assert any("[resources]" in e and "is not a web address" in e for e in errors)


def test_related_front_matter_first_then_scored_by_topic_and_tags(site):
    site.article("chosen", topic="social-value", date="2020-01-01")
    site.article("same-topic-and-tag", tags=["CQC"], date="2026-01-01")
    site.article("same-topic", date="2026-01-02")
    site.article("same-tag-only", topic="social-value", tags=["CQC"])
    site.article("unrelated", topic="social-value", date="2019-01-01")
    site.article("guide", tags=["CQC"], related=["chosen"])
    assert site.build().ok
    assert related(site.page("guide")) == [
        "chosen",
        "same-topic-and-tag",
        "same-topic",
        "same-tag-only",
    ]


def test_related_list_has_at_most_five_and_at_least_three(site):
    for number in range(8):
        site.article(f"topic-{number}", date=f"2026-01-0{number + 1}")
    site.article("lonely", topic="social-value")
    site.article("guide")
    assert site.build().ok
    assert len(related(site.page("guide"))) == 5
    lonely = related(site.page("lonely"))
    assert len(lonely) == 3
    assert "lonely" not in lonely


def test_related_never_lists_itself_drafts_or_future_articles(site):
    site.article("draft", status="draft", tags=["CQC"])
    site.article("future", date="2999-01-01", tags=["CQC"])
    site.article("published", tags=["CQC"])
    site.article("guide", tags=["CQC"], related=["guide", "draft", "future"])
    assert site.build().ok
    assert related(site.page("guide")) == ["published"]


def test_related_lists_are_deterministic(site, tmp_path):
    def build_in(order):
        other = SmallSite(tmp_path / "-".join(order))
        for slug in order:
            other.article(slug, date="2026-01-01", tags=["CQC"])
        assert other.build().ok
        return {slug: related(other.page(slug)) for slug in order}

    first = build_in(["a", "b", "c", "d", "e", "f", "g"])
    second = build_in(["g", "f", "e", "d", "c", "b", "a"])
    assert first == second
    assert first["d"] == ["a", "b", "c", "e", "f"]


def test_an_article_never_lists_itself_in_its_topic_resources(site):
    site.data["topics"]["tender-writing"]["resources"] = {
        "Build foundations": [{"article": "basics"}, {"article": "guide"}]
    }
    site.article("basics", title="The basics")
    site.article("guide", title="The guide")
    assert site.build(SITEURL="https://hub.example").ok
    assert resource_groups(site.page("guide")) == {
        "Build foundations": [("The basics", "https://hub.example/basics/")]
    }
    assert resource_groups(site.page("basics")) == {
        "Build foundations": [("The guide", "https://hub.example/guide/")]
    }


def resource_links(page):
    return {
        a["href"].strip("/") for a in page.select(".hub-resources__link[href^='/']")
    }


def test_related_never_repeats_a_resource_and_takes_the_next_best_instead(site):
    site.data["topics"]["tender-writing"]["resources"] = {
        "Build foundations": [{"article": "best-match"}]
    }
    site.article("best-match", tags=["CQC", "KPIs"], date="2026-01-05")
    site.article("chosen-but-listed", tags=["CQC"], date="2026-01-04")
    site.article("good-match", tags=["CQC"], date="2026-01-03")
    site.article("same-topic", date="2026-01-02")
    site.article("other-topic", topic="social-value", tags=["CQC"])
    site.article(
        "guide",
        tags=["CQC", "KPIs"],
        related=["chosen-but-listed"],
        resources={"groups": {"Reading": [{"article": "chosen-but-listed"}]}},
    )
    assert site.build().ok
    page = site.page("guide")
    assert resource_links(page) == {"best-match", "chosen-but-listed"}
    assert related(page) == ["good-match", "same-topic", "other-topic"]


def test_no_sample_article_repeats_a_resource_under_related_guidance(sample_hub):
    pages = [
        path.parent.name
        for path in sample_hub.glob("*/index.html")
        if 'class="hub-article' in path.read_text()
    ]
    assert len(pages) >= 10
    for slug in pages:
        page = read_page(sample_hub, slug)
        repeated = resource_links(page) & set(related(page))
        assert repeated == set(), (slug, repeated)
        assert len(related(page)) >= 3, slug
