"""Helpers for the legacy importer's tests: a small hub to import into, its
settings, and an imported article's front-matter and body."""

import datetime

import yaml
from pelican.settings import read_settings

from conftest import ROOT, SmallSite
from hub.legacy import SiteCatalogue, convert

FIXTURES = ROOT / "tests" / "fixtures" / "legacy"
TODAY = datetime.date(2026, 1, 20)


def legacy_hub(root):
    """A small site with its data written, and one article to link resources to;
    its topics have the sample hub's keywords."""
    site = SmallSite(root)
    site.data["topics"]["bid-strategy"] = {
        "name": "Bid strategy",
        "description": "Choosing which tenders to pursue, and planning a pipeline.",
    }
    sample = yaml.safe_load((ROOT / "content" / "data" / "topics.yml").read_text())
    for slug, topic in site.data["topics"].items():
        topic["keywords"] = sample[slug]["keywords"]
    for name, entries in site.data.items():
        site.write(f"data/{name}.yml", yaml.safe_dump(entries, sort_keys=False))
    site.article("scoring-quality-questions", title="Scoring quality questions")
    return site


def settings_of(hub):
    return read_settings(
        str(ROOT / "pelicanconf.py"), override={"PATH": str(hub.content)}
    )


def split(markdown):
    """An article's front-matter values and its body."""
    _, front_matter, body = markdown.split("---\n", 2)
    return yaml.safe_load(front_matter), body


def convert_text(hub, text, **options):
    """The Article an export's text becomes, its front-matter and its body."""
    result = convert(text, SiteCatalogue.load(settings_of(hub)), today=TODAY, **options)
    return result, *split(result.markdown)
