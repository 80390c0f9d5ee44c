"""Editing in the browser: Decap CMS at /admin/ in Chromium, saving through
decap-server (the local backend `invoke serve` starts) into a copy of the
sample hub, whose build must then pass and show what was typed."""

import base64
import re

import pytest

from cms_editor import Editor, admin, front_matter, load_data, sample_site
from conftest import ROOT, read_page
from hub.build import check

# A 1x1 PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)

BODY = (
    "Case studies prove delivery.\n\n## What to include\n\n"
    "- the outcome\n- the evidence\n"
)


@pytest.fixture
def hub(tmp_path):
    site = sample_site(tmp_path)
    with admin(site) as (url, settings):
        site.url = url
        site.cms_settings = settings
        yield site


@pytest.fixture
def editor(hub, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    yield Editor(page, hub.url)
    page.close()


def test_a_new_article_is_saved_as_the_content_model_has_it(hub, editor):
    editor.new("articles")
    editor.field("title").fill("Writing social value case studies")
    editor.choose("topic", "Social value")
    editor.field("summary").fill("How to write case studies that buyers can score.")
    editor.choose("products", "Rapid Support Products", "Monthly Bid Support Retainers")
    editor.choose("related", "Evidencing social value commitments")
    editor.choose("status", "published")
    editor.type_body(BODY)
    # Today where the editor is, as the browser's clock has it.
    today = editor.page.evaluate("() => new Date().toLocaleDateString('en-CA')")
    editor.publish()

    path = hub.content / "articles" / "writing-social-value-case-studies.md"
    values, body = front_matter(path)
    assert list(values) == [
        "title",
        "date",
        "topic",
        "summary",
        "products",
        "related",
        "status",
    ]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", today)
    assert values == {
        "title": "Writing social value case studies",
        "date": today,
        "topic": "social-value",
        "summary": "How to write case studies that buyers can score.",
        "products": ["rapid-support", "monthly-retainer"],
        "related": ["evidencing-social-value-commitments"],
        "status": "published",
    }
    assert body == BODY

    result = hub.build()
    assert result.ok, result.errors
    page = read_page(hub.output, "writing-social-value-case-studies")
    assert page.select_one(".hub-prose h2").get_text(strip=True) == "What to include"
    assert [li.get_text() for li in page.select(".hub-prose li")] == [
        "the outcome",
        "the evidence",
    ]
    promos = [promo.get_text(" ", strip=True) for promo in page.select(".hub-promo")]
    assert len(promos) == 2
    assert "Rapid Support" in promos[0]
    assert "Monthly Bid Support" in promos[1]


def test_editing_the_summary_changes_only_the_summary(hub, editor):
    path = hub.content / "articles" / "contract-kpis.md"
    before, body = front_matter(path)
    editor.open("articles", "contract-kpis")
    editor.field("summary").fill("KPIs: where they come from and how to report them.")
    editor.publish()

    after, body_after = front_matter(path)
    assert after == before | {
        "summary": "KPIs: where they come from and how to report them."
    }
    assert body_after == body


def test_a_summary_over_160_characters_cannot_be_saved(hub, editor):
    path = hub.content / "articles" / "contract-kpis.md"
    before = path.read_bytes()
    editor.open("articles", "contract-kpis")
    editor.field("summary").fill("A" * 200)
    errors = editor.try_to_publish()

    assert errors == {
        "Summary": "Summary didn't match the pattern: At most 160 characters.."
    }
    assert path.read_bytes() == before


def test_required_fields_and_unknown_topics_are_stopped_in_the_form(hub, editor):
    editor.new("articles")
    editor.field("topic").fill("Gardening")
    assert editor.page.get_by_text("No options").is_visible()
    editor.field("topic").fill("")
    errors = editor.try_to_publish()

    assert errors == {
        "Title": "Title is required.",
        "Topic": "Topic is required.",
        "Summary": "Summary is required.",
    }
    assert sorted(path.name for path in (hub.content / "articles").iterdir()) == sorted(
        path.name for path in (ROOT / "content" / "articles").iterdir()
    )


def snapshot(folder):
    return {
        path.relative_to(folder): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def save_with_title(editor, collection, slug, title):
    editor.open(collection, slug)
    editor.field("title").fill(title)
    editor.publish()


def test_every_sample_article_saved_unchanged_keeps_its_data_and_page(hub, editor):
    """Decap writes only an entry whose data changed, so each article is
    saved with another title, then with its own again."""
    built = snapshot(hub.output)
    articles = sorted((hub.content / "articles").glob("*.md"))
    assert len(articles) > 10
    for path in articles:
        before, body = front_matter(path)
        save_with_title(editor, "articles", path.stem, before["title"] + " (edited)")
        assert front_matter(path) == (
            before | {"title": before["title"] + " (edited)"},
            body,
        ), path.name
        save_with_title(editor, "articles", path.stem, before["title"])
        assert front_matter(path) == (before, body), path.name

    # Saved by the CMS once, a file is as the CMS writes it: again, no change.
    first = articles[0]
    saved = first.read_bytes()
    title = front_matter(first)[0]["title"]
    save_with_title(editor, "articles", first.stem, title + " (edited)")
    save_with_title(editor, "articles", first.stem, title)
    assert first.read_bytes() == saved

    assert hub.build(**hub.cms_settings).ok
    assert snapshot(hub.output) == built


@pytest.mark.parametrize("collection", ["pages", "products"])
def test_every_sample_page_saved_unchanged_keeps_its_data(hub, editor, collection):
    for path in sorted((hub.content / collection).glob("*.md")):
        before, body = front_matter(path)
        save_with_title(editor, collection, path.stem, before["title"] + " (edited)")
        save_with_title(editor, collection, path.stem, before["title"])
        assert front_matter(path) == (before, body), path.name


def test_every_site_data_file_saved_unchanged_keeps_its_data(hub, editor):
    """Each file's first entry gets another first value, then its own again."""
    data = hub.content / "data"
    files = sorted(path for path in data.glob("*.yml"))
    assert {"topics.yml", "products.yml", "people.yml"} <= {path.name for path in files}
    for path in files:
        before = load_data(path)
        values = next(iter(before.values()))
        key, value = next(iter(values.items()))
        for typed in (value + " (edited)", value):
            editor.open_file("data", path.stem)
            editor.page.get_by_test_id("expand-button").first.click()
            editor.field(key).fill(typed)
            editor.publish()
        after = load_data(path)
        assert after == before, path.name


def test_resource_groups_are_edited_as_a_list_and_saved_as_named_groups(hub, editor):
    path = hub.content / "articles" / "contract-kpis.md"
    before, body = front_matter(path)
    editor.open("articles", "contract-kpis")
    page = editor.page
    page.locator("[id^='resources-field-']").get_by_test_id(
        "expand-button"
    ).first.click()
    page.get_by_role("button", name="Add group").click()
    page.get_by_role("menuitem", name="Group").click()
    page.locator("[id^='name-field-']").last.fill("Templates")
    page.get_by_role("button", name="Add link").last.click()
    page.get_by_role("menuitem", name="Web page").click()
    page.locator("[id^='title-field-']").last.fill(
        "Crown Commercial Service: KPI guide"
    )
    page.locator("[id^='url-field-']").last.fill("https://www.crowncommercial.gov.uk/")
    editor.publish()

    after, body_after = front_matter(path)
    groups = before["resources"]["groups"] | {
        "Templates": [
            {
                "title": "Crown Commercial Service: KPI guide",
                "url": "https://www.crowncommercial.gov.uk/",
            }
        ]
    }
    assert after == before | {"resources": {"mode": "add", "groups": groups}}
    assert list(after["resources"]["groups"]) == [
        *before["resources"]["groups"],
        "Templates",
    ]
    assert body_after == body
    assert hub.build(**hub.cms_settings).ok
    links = read_page(hub.output, "contract-kpis").select(".hub-resources a")
    assert "https://www.crowncommercial.gov.uk/" in [link["href"] for link in links]


def test_a_slug_the_build_refuses_fails_the_checks_as_in_a_terminal(hub, editor):
    """The CMS cannot know every rule: an article named like a page is saved,
    and the pull request's checks (`invoke check`) refuse it."""
    editor.new("articles")
    editor.field("title").fill("About")
    editor.choose("topic", "Tender writing")
    editor.field("summary").fill("Who we are.")
    editor.choose("status", "published")
    editor.publish()

    result = check(str(ROOT / "pelicanconf.py"), hub.settings(hub.cms_settings))
    assert result.errors == [
        f"{hub.content}/articles/about.md: [slug] the slug 'about' is also used by "
        f"{hub.content}/pages/about.md (both would be written to about/index.html). "
        "Rename one of the files: the file name is the slug."
    ]


def test_an_upload_goes_to_the_images_folder_and_needs_alt_text(hub, editor, tmp_path):
    chart = tmp_path / "kpi-chart.png"
    chart.write_bytes(PNG)
    editor.upload(chart)
    assert (hub.content / "images" / "kpi-chart.png").read_bytes() == PNG

    path = hub.content / "articles" / "contract-kpis.md"
    text = path.read_text()
    path.write_text(text + "\n![](/images/kpi-chart.png)\n")
    result = hub.build(**hub.cms_settings)
    assert len(result.errors) == 1
    assert "alt" in result.errors[0]
    path.write_text(text + "\n![A KPI dashboard](/images/kpi-chart.png)\n")
    assert hub.build(**hub.cms_settings).ok
    image = read_page(hub.output, "contract-kpis").select_one(".hub-prose img")
    assert image["src"] == "/images/kpi-chart.png"
    assert (hub.output / "images" / "kpi-chart.png").read_bytes() == PNG
