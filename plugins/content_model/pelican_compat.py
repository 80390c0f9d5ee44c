"""The only place that relies on Pelican's internals: private attributes, and
how its generators use their own lists. Each hook names the Pelican version
it was checked against; check them again when upgrading Pelican.
"""

from pelican.contents import Content

CHECKED_AGAINST = "4.12.0"


def body_html(content):
    """A content's body as read (Markdown made HTML), before Pelican resolves
    its {filename} links. Checked against Pelican 4.12.0: `Content._content`."""
    return content._content


def set_body_html(content, body):
    """Replace the body as read, before Pelican renders it. Checked against
    Pelican 4.12.0: `Content._content`, which `get_content` renders."""
    content._content = body


def reattach(content, context, settings):
    """Give a content kept from an earlier build this build's context and
    settings. Checked against Pelican 4.12.0: `Content._context`, which
    resolves its links, set only by `Content.__init__`."""
    content._context = context
    content.settings = settings


def offer_kept_contents(generator, kept):
    """Make the generator take `kept` (file name -> content) instead of reading
    those files. Checked against Pelican 4.12.0: `ArticlesGenerator.
    generate_context` asks `self.get_cached_data(name, None)` for each file."""
    generator.get_cached_data = kept.get


def forget_rendered_bodies():
    """Drop every body Pelican rendered: they were resolved against links that
    changed. Checked against Pelican 4.12.0: `Content.get_content` is
    `pelican.utils.memoized`, keyed by (content, siteurl), kept for good."""
    Content.get_content.cache.clear()


def forget_rendered_except(live):
    """Drop the rendered bodies and summaries of every content not in `live`,
    or a long preview session grows with each rebuild. Checked against Pelican
    4.12.0: `get_content` and `get_summary` memoized, content first in the key."""
    for memo in (Content.get_content.cache, Content.get_summary.cache):
        for key in [key for key in memo if key[0] not in live]:
            del memo[key]


def skip_unpublished_groupings(generator):
    """Stop the articles generator grouping articles by tag or author when
    those pages are not written, and by date for topic pages, which never show
    it. Checked against Pelican 4.12.0: `generate_pages` scans every article
    once per entry of `tags`, `authors` and `dates`."""
    if not generator.settings["TAG_SAVE_AS"]:
        generator.tags = {}
    if not generator.settings["AUTHOR_SAVE_AS"]:
        generator.authors = []
    generator.dates = []
