"""Python-Markdown's smarty (curly quotes, dashes, ellipses), without its cost
on text that has nothing to change.

Smarty tries each of its patterns on every piece of text in a second inline
pass, which more than doubled the hub's Markdown time, mostly on text with no
quote, dash or dot in it. Every smarty pattern needs a quote, two dashes,
three dots or a double angle bracket, so text without one is passed over
unchanged and the HTML is smarty's own (tests compare the two).

Checked against Markdown 3.11.3 (pinned in requirements.txt): the pass calls
the name-mangled `InlineProcessor.__handleInline` once for each text.
"""

import re

from markdown.extensions.smarty import SmartyExtension
from markdown.treeprocessors import InlineProcessor

CHECKED_AGAINST = "3.11.3"
MIGHT_CHANGE = re.compile(r"['\"]|--|\.\.\.|<<|>>")


class TypographyProcessor(InlineProcessor):
    """Smarty's inline pass, over text it could change."""

    def _InlineProcessor__handleInline(self, data, patternIndex=0):
        if MIGHT_CHANGE.search(data) is None:
            return data
        return super()._InlineProcessor__handleInline(data, patternIndex)


class TypographyExtension(SmartyExtension):
    """Smarty, with the same settings, its pass skipping text it cannot change."""

    def extendMarkdown(self, md):
        super().extendMarkdown(md)
        quick = TypographyProcessor(md)
        quick.inlinePatterns = self.inlinePatterns
        md.treeprocessors.register(quick, "smarty", 6)


def makeExtension(**kwargs):
    return TypographyExtension(**kwargs)
