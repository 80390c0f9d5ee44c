"""content_model.typography makes exactly the HTML of Python-Markdown's smarty."""

from importlib.metadata import version

import pytest
from markdown import Markdown
from markdown.treeprocessors import InlineProcessor

from conftest import ROOT
from content_model import typography
from content_model.front_matter import split_front_matter
from hub import synthetic

TRICKY = [
    "'Tis the season; the '80s and '90s; rock 'n' roll.",
    "He said, \"'Quoted' words in a larger quote.\" She said: '\"No\".'",
    '"Hello," she said -- and left --- quickly... or did she....',
    "A dash - an en--dash -- and an em---dash --- and ---- four.",
    "'.' and \"?\" at the start; 'single' and \"double\"; it's Bob's.",
    "Quotes in `code 'here'` and <span title=\"x\">'html'</span> stay.",
    "An [\"anchor\"](https://example.org/'q') and **'bold'** and _\"em\"_.",
    "&nbsp;'spaced' &mdash;\"dashed\" &#8211;'decimal' text",
    "<<angled>> and >>back<<",
    "Plain text with nothing to change at all.",
    "# A 'heading' -- with \"quotes\"\n\n- a 'list'\n- \"item\"...\n\n"
    "| 'a' | \"b\" |\n|---|---|\n| c -- d | e... |",
]


def bodies():
    """Every body in the sample hub, a synthetic hub's, and the tricky cases."""
    found = list(TRICKY)
    for path in sorted((ROOT / "content").rglob("*.md")):
        found.append(split_front_matter(path.read_text("utf-8"))[1])
    for article in synthetic.make_articles(40, seed=3):
        found.append(article.body)
    return found


def convert(extensions, text):
    return Markdown(extensions=extensions, output_format="html5").convert(text)


@pytest.mark.parametrize("angled", [False, True])
def test_the_html_is_smartys_own(angled):
    configs = {"smart_angled_quotes": angled}
    hub = ["extra", "toc", typography.makeExtension(**configs)]
    stock = ["extra", "toc", "smarty"]
    stock_configs = {"smarty": configs}
    for text in bodies():
        expected = Markdown(
            extensions=stock, extension_configs=stock_configs, output_format="html5"
        ).convert(text)
        assert convert(hub, text) == expected, text[:80]


def test_quotes_dashes_and_ellipses_are_still_educated():
    html = convert([typography.makeExtension()], 'It\'s "done" -- nearly...')
    assert html == "<p>It&rsquo;s &ldquo;done&rdquo; &ndash; nearly&hellip;</p>"


def test_only_text_with_punctuation_goes_through_smartys_pass(monkeypatch):
    passed = []
    handle = InlineProcessor._InlineProcessor__handleInline

    def spy(processor, data, pattern_index=0):
        if isinstance(processor, typography.TypographyProcessor):
            passed.append(data)
        return handle(processor, data, pattern_index)

    monkeypatch.setattr(InlineProcessor, "_InlineProcessor__handleInline", spy)
    convert([typography.makeExtension()], "Plain words.\n\nIt's here.")
    assert passed == ["It's here."]


def test_the_hook_was_checked_against_the_installed_markdown():
    assert version("markdown") == typography.CHECKED_AGAINST


def test_the_hub_uses_it():
    from pelican.settings import read_settings  # noqa: PLC0415

    settings = read_settings(str(ROOT / "pelicanconf.py"))
    extensions = settings["MARKDOWN"]["extension_configs"]
    assert "content_model.typography" in extensions
    assert "markdown.extensions.smarty" not in extensions
