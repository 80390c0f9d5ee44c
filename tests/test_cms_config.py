"""The admin at /admin/ as every build writes it: Decap CMS's configuration
made from the content model, its bundle served from the site, and its own
security policy, out of the sitemap, the feeds and the search index."""

import json
import re
import tomllib

import pytest
import yaml
from bs4 import BeautifulSoup
from pelican.log import LimitFilter
from pelican.settings import read_settings

from cms_admin import content_security_policy
from conftest import ROOT
from content_model import fields
from content_model.site_data import SCHEMAS
from hub.build import build

NODE_BUNDLE = ROOT / "node_modules" / "decap-cms" / "dist"
PUBLISHED = {"SITEURL": "https://hub.example", "FEED_DOMAIN": "https://hub.example"}


def config(site):
    return yaml.safe_load((site.output / "admin" / "config.yml").read_text())


def collection(site, name):
    (found,) = [each for each in config(site)["collections"] if each["name"] == name]
    return found


def by_name(items):
    return {item["name"]: item for item in items}


def headers(output):
    """The _headers file's rules: {path: {header: value}}, in order."""
    rules = {}
    for line in (output / "_headers").read_text().splitlines():
        if line.startswith("/"):
            rule = rules.setdefault(line, {})
        elif line.startswith("  "):
            name, value = line.strip().split(": ", 1)
            rule[name] = value
    return rules


def publish(site, tmp_path, **settings):
    output = tmp_path / "published"
    result = build(
        str(ROOT / "publishconf.py"),
        output,
        site.settings(PUBLISHED | {"CMS_REPOSITORY": "impactguru/hub"} | settings),
    )
    return result, output


@pytest.fixture
def built(site):
    site.article("writing-method-statements", title="Writing method statements")
    assert site.build().ok
    return site


def test_every_front_matter_key_has_a_field_in_the_content_models_order(built):
    articles = collection(built, "articles")
    assert [field["name"] for field in articles["fields"]] == [
        *fields.ARTICLE_FIELDS,
        "body",
    ]
    for name in ("pages", "products"):
        page_fields = collection(built, name)["fields"]
        assert [field["name"] for field in page_fields] == [*fields.PAGE_FIELDS, "body"]
    for model, found in (
        (fields.ARTICLE_FIELDS, articles["fields"]),
        (fields.PAGE_FIELDS, collection(built, "pages")["fields"]),
    ):
        assert {field["name"]: field["required"] for field in found} == {
            **{name: spec.required for name, spec in model.items()},
            "body": False,
        }
    assert articles["folder"] == "content/articles"
    assert articles["format"] == "yaml-frontmatter"
    assert articles["slug"] == "{{slug}}"


def test_each_site_data_file_is_a_form_of_its_entries(built):
    files = by_name(collection(built, "data")["files"])
    written = {path.name for path in (built.content / "data").glob("*.yml")}
    assert set(files) == {
        name.removesuffix(".yml") for name in SCHEMAS if name in written
    }
    for name, form in files.items():
        entries = yaml.safe_load((built.content / "data" / f"{name}.yml").read_text())
        assert form["file"] == f"content/data/{name}.yml"
        assert [entry["name"] for entry in form["fields"]] == list(entries)
        for entry in form["fields"]:
            model = SCHEMAS[f"{name}.yml"][1]
            assert [field["name"] for field in entry["fields"]] == list(model)


def test_widgets_follow_the_content_model(built):
    article = by_name(collection(built, "articles")["fields"])
    assert article["topic"]["widget"] == "select"
    assert article["topic"]["options"] == [
        {"label": "Tender writing", "value": "tender-writing"},
        {"label": "Social value", "value": "social-value"},
    ]
    assert article["products"]["multiple"] is True
    assert [option["value"] for option in article["products"]["options"]] == list(
        built.data["products"]
    )
    assert article["editor"]["options"] == [
        {"label": "Mike Harrison", "value": "mike-harrison"}
    ]
    assert article["related"] | {"label": "Related"} == {
        "label": "Related",
        "name": "related",
        "required": False,
        "widget": "relation",
        "collection": "articles",
        "search_fields": ["title"],
        "display_fields": ["title"],
        "value_field": "{{slug}}",
        "multiple": True,
    }
    for name in ("date", "modified", "review_by"):
        assert article[name]["widget"] == "datetime"
        assert article[name]["format"] == "YYYY-MM-DD"
        assert article[name]["time_format"] is False
    assert article["date"]["default"] == "{{now}}"
    summary_pattern = re.compile(article["summary"]["pattern"][0])
    assert summary_pattern.fullmatch("a" * 160)
    assert not summary_pattern.fullmatch("a" * 161)
    assert article["status"]["options"] == ["published", "draft"]
    assert article["status"]["default"] == "draft"
    assert article["cta"]["options"] == ["quote", "none"]
    assert "default" not in article["cta"]
    assert article["body"]["widget"] == "markdown"
    groups = by_name(article["resources"]["fields"])["groups"]
    assert groups["widget"] == "resource-groups"
    link_types = by_name(groups["types"][0]["fields"])["links"]["types"]
    assert [kind["name"] for kind in link_types] == ["article", "product", "link"]


def test_the_forms_options_come_from_the_site_data_of_each_build(built):
    built.data["topics"]["procurement-law"] = {
        "name": "Procurement law",
        "description": "The rules.",
    }
    built.data["people"]["sam-jones"] = {"name": "Sam Jones", "role": "Bid writer"}
    assert built.build().ok
    article = by_name(collection(built, "articles")["fields"])
    assert article["topic"]["options"][-1] == {
        "label": "Procurement law",
        "value": "procurement-law",
    }
    assert article["editor"]["options"][-1] == {
        "label": "Sam Jones",
        "value": "sam-jones",
    }
    people = by_name(collection(built, "data")["files"])["people"]
    assert [entry["name"] for entry in people["fields"]] == [
        "mike-harrison",
        "sam-jones",
    ]


def test_a_key_the_cms_cannot_edit_stops_the_build(built, monkeypatch):
    monkeypatch.setitem(fields.ARTICLE_FIELDS, "sponsor", fields.Field(dict))
    result = built.build()
    assert result.errors == [
        "The build stopped: the content model's key 'sponsor' has no CMS widget: "
        "add one in plugins/cms_admin/decap_config.py"
    ]


def test_uploads_go_to_the_images_folder_linked_as_the_build_links_them(built):
    found = config(built)
    assert found["media_folder"] == "content/images"
    assert found["public_folder"] == "/images"


def test_the_bundle_is_the_pinned_version_served_from_the_site(built):
    admin = built.output / "admin"
    assert (admin / "decap-cms.js").read_bytes() == (
        NODE_BUNDLE / "decap-cms.js"
    ).read_bytes()
    chunks = sorted(path.name for path in NODE_BUNDLE.glob("*.decap-cms.js"))
    assert chunks
    assert sorted(path.name for path in admin.glob("*.decap-cms.js")) == chunks
    assert not list(admin.glob("*.map"))
    page = BeautifulSoup((admin / "index.html").read_text(), "html.parser")
    assert [script["src"] for script in page.find_all("script")] == [
        "/admin/decap-cms.js",
        "/theme/admin/cms.js",
    ]
    pinned = json.loads((ROOT / "package.json").read_text())["devDependencies"]
    locked = json.loads((ROOT / "package-lock.json").read_text())["packages"]
    installed = json.loads((NODE_BUNDLE.parent / "package.json").read_text())
    assert pinned["decap-cms"] == locked["node_modules/decap-cms"]["version"]
    assert installed["version"] == pinned["decap-cms"]
    assert pinned["decap-server"] == locked["node_modules/decap-server"]["version"]


def test_without_the_bundle_the_build_says_what_to_do(built, tmp_path):
    result = built.build(CMS_BUNDLE=str(tmp_path))
    assert result.errors == [
        f"The build stopped: CMS_BUNDLE: Decap CMS is not installed in {tmp_path}. "
        "Run `npm ci` in the project folder (`invoke build` does it for you)."
    ]


def test_previews_edit_the_working_tree_and_the_published_site_github(built, tmp_path):
    assert config(built)["local_backend"] == {"url": "http://127.0.0.1:8081/api/v1"}
    result, output = publish(built, tmp_path)
    assert result.ok, result.errors
    published = yaml.safe_load((output / "admin" / "config.yml").read_text())
    assert "local_backend" not in published
    assert published["publish_mode"] == "editorial_workflow"
    assert published["backend"] == {
        "name": "github",
        "repo": "impactguru/hub",
        "branch": "main",
        "base_url": "https://api.netlify.com",
        "auth_endpoint": "auth",
    }


@pytest.mark.parametrize(
    ("setting", "value", "says"),
    [
        ("CMS_REPOSITORY", "impactguru", "'impactguru' is not a GitHub repository"),
        (
            "CMS_LOCAL_BACKEND",
            "http://cms.example/api/v1",
            "'http://cms.example/api/v1' is not an address on this machine",
        ),
        (
            "CMS_AUTH_URL",
            "http://auth.example",
            "'http://auth.example' is not an https://",
        ),
    ],
)
def test_settings_the_admin_cannot_work_with_stop_the_build(
    built, setting, value, says
):
    result = built.build(**{setting: value})
    assert len(result.errors) == 1
    assert f"The build stopped: {setting}: {says}" in result.errors[0]


def test_a_published_build_without_a_repository_warns(built, tmp_path, monkeypatch):
    # Pelican logs a warning once per process: forget the earlier builds'.
    monkeypatch.setattr(LimitFilter, "_raised_messages", set())
    result, _ = publish(built, tmp_path, CMS_REPOSITORY="")
    assert result.ok
    assert (
        "CMS_REPOSITORY is not set, so editors cannot sign in at /admin/. Set "
        "HUB_CMS_REPOSITORY=owner/name (GitHub Actions sets GITHUB_REPOSITORY itself)."
    ) in result.warnings


def test_no_article_or_old_address_can_take_admin(built):
    built.article("admin")
    built.article("guide", redirect_from=["/admin/"])
    result = built.build()
    assert sorted(error.split(": [", 1)[1] for error in result.errors) == [
        "redirect_from] '/admin/' is where the hub writes its own admin/, so it "
        "cannot redirect. Remove it from redirect_from: only old addresses that "
        "the hub no longer uses can redirect.",
        "slug] the slug 'admin' is taken by the hub's own admin/. Rename the file: "
        "the file name is the slug and the address.",
    ]


def test_the_admin_is_not_in_the_sitemap_feeds_or_search(built, tmp_path):
    result, output = publish(built, tmp_path, SEARCH_INDEX=True)
    assert result.ok, result.errors
    assert "/admin" not in (output / "sitemap.xml").read_text()
    for feed in output.glob("feeds/*.xml"):
        assert "/admin" not in feed.read_text()
    pages = BeautifulSoup((output / "admin" / "index.html").read_text(), "html.parser")
    assert (
        pages.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"
    )
    assert headers(output)["/admin/*"]["X-Robots-Tag"] == "noindex"
    indexed = [
        path
        for path in output.rglob("*.html")
        if "data-pagefind-body" in path.read_text()
    ]
    entry = json.loads((output / "pagefind" / "pagefind-entry.json").read_text())
    (language,) = entry["languages"].values()
    assert language["page_count"] == len(indexed)
    assert output / "admin" / "index.html" not in indexed


def test_the_admin_has_its_own_policy_and_public_pages_keep_theirs(built, tmp_path):
    rules = headers(built.output)
    assert list(rules) == ["/*", "/admin/*"]  # the admin's rule last, so it wins
    public = rules["/*"]["Content-Security-Policy"]
    assert (
        public == read_settings(str(ROOT / "pelicanconf.py"))["CONTENT_SECURITY_POLICY"]
    )
    admin_policy = rules["/admin/*"]["Content-Security-Policy"]
    assert admin_policy == content_security_policy("http://127.0.0.1:8081/api/v1")
    assert "connect-src 'self' blob: https://api.github.com http://127.0.0.1:8081;" in (
        admin_policy
    )

    page = BeautifulSoup(
        (built.output / "admin" / "index.html").read_text(), "html.parser"
    )
    meta = page.head.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert meta["content"] == admin_policy.replace(" frame-ancestors 'none';", "")
    article = BeautifulSoup(
        (built.output / "writing-method-statements" / "index.html").read_text(),
        "html.parser",
    )
    assert article.head.find("meta", attrs={"http-equiv": "Content-Security-Policy"})[
        "content"
    ] == public.replace(" frame-ancestors 'none';", "")

    result, output = publish(built, tmp_path)
    assert result.ok
    netlify = tomllib.loads((ROOT / "netlify.toml").read_text())
    (admin_rule,) = [rule for rule in netlify["headers"] if rule["for"] == "/admin/*"]
    assert admin_rule["values"] == headers(output)["/admin/*"]
    assert "127.0.0.1" not in admin_rule["values"]["Content-Security-Policy"]
