"""The sample articles in content/articles/, read as files: enough of them
across enough topics, and each published one 600 to 1,200 words long, linking
to two or more other articles that exist, with a summary of at most 160
characters, no mojibake, and every front-matter key a reviewer needs."""

import re

import pytest
import yaml

from conftest import ROOT

ARTICLES = sorted((ROOT / "content" / "articles").glob("*.md"))
INTERNAL_LINK = re.compile(r"\]\(\{filename\}([^)#]+)")
# UTF-8 read as Windows-1252 (â€™, Ã©) or as Windows-1253 (πŸ, βœ, β€).
MOJIBAKE = re.compile(r"â€|Ã[\u0080-\u00bf]|Â[\u00a0-\u00bf]|πŸ|βœ|β€")


def split(path):
    _, front_matter, body = path.read_text("utf-8").split("---\n", 2)
    return yaml.safe_load(front_matter), body


PUBLISHED = [path for path in ARTICLES if split(path)[0].get("status") != "draft"]


def test_enough_articles_across_enough_topics():
    topics = {split(path)[0]["topic"] for path in PUBLISHED}
    assert len(PUBLISHED) >= 16, len(PUBLISHED)
    assert len(topics) >= 6, topics


@pytest.mark.parametrize("path", PUBLISHED, ids=lambda path: path.stem)
def test_article_length_links_summary_and_front_matter(path):
    meta, body = split(path)
    words = len(body.split())
    assert 600 <= words <= 1200, f"{words} words"
    links = INTERNAL_LINK.findall(body)
    assert len(links) >= 2, links
    for target in links:
        assert (path.parent / target).resolve().exists(), target
    assert len(meta["summary"]) <= 160
    assert not MOJIBAKE.search(path.read_text("utf-8"))
    # Whether review_by has passed is for `invoke check --strict` to say: a
    # test comparing it with today would start failing on that day.
    assert {"tags", "products", "related", "editor", "review_by"} <= set(meta)
