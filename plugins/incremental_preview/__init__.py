"""Preview rebuilds that redo only what an edit changes.

Off unless `INCREMENTAL_PREVIEW` is on: `hub.preview` turns it on for its
builds, and each build that is written is kept (content_model.build_state):
its article objects, what lists what, and how each article is listed. When
`PREVIEW_CHANGED` is set (a rebuild in place), every article file is compared
with the kept build:
- unchanged articles are not read again. The kept objects are reused with the
  plugins' per-article results (content_model/memo.py), as long as the
  settings and the site data are those of the kept build;
- only these pages are written, for each article that changed:
  - its page;
  - if its card changed (what the card templates show of it: listings.py):
    the index, its topic page (before and after the edit), and the pages
    whose related guidance or resources list it (as they were and now);
  - if what the sitemap shows of it changed: the sitemap;
  - if it is new, deleted, moved to another topic, or (un)published: every
    listing page, since topic counts change;
  - every page, if its address changed (it became a draft or was published),
    since other articles' bodies link to it, or if the settings or data did;
- and the pages whose related guidance or resources now list other articles
  (after a change of tags, say).
A deleted or moved article's old page, and an emptied topic's, are removed.
"""

import json
import os

from pelican import signals
from pelican.writers import Writer

from content_model import CONTENT_LISTS, all_articles
from content_model.build_state import state
from content_model.pelican_compat import (
    forget_rendered_except,
    offer_kept_contents,
    reattach,
)
from content_model.reader import source_key
from content_model.settings import check_plugin_order

from .listings import listed_on_pages, listing, page_lists, shown_fields
from .selection import pages_to_write, remove_pages

NEEDS = ("content_model",)

# Settings that differ between a full preview build and a rebuild in place.
PER_BUILD_SETTINGS = {
    "OUTPUT_PATH",
    "DELETE_OUTPUT_DIRECTORY",
    "PREVIEW_CHANGED",
    "PREVIEW_SELECTED",
    "SEARCH_INDEX",  # the full build indexes search, a rebuild in place does not
}


def start_build(pelican):
    settings = pelican.settings
    if settings.get("INCREMENTAL_PREVIEW"):
        settings["JINJA_ENVIRONMENT"] = settings["JINJA_ENVIRONMENT"] | {
            "bytecode_cache": state.compiled_templates
        }


def reuse_unchanged_articles(generator):
    """Hand Pelican the kept article of each file unchanged since the last build."""
    settings = generator.settings
    if not settings.get("INCREMENTAL_PREVIEW"):
        return
    build = state.current
    build.record.fingerprint = _fingerprint(settings, generator.context)
    build.same_site = build.record.fingerprint == state.last.fingerprint
    if settings.get("PREVIEW_CHANGED") is None or not build.same_site:
        return
    unchanged = {}
    for name, (key, article) in state.last.articles.items():
        try:
            current = source_key(os.path.join(generator.path, name), settings)
        except FileNotFoundError:
            continue
        if current == key:
            reattach(article, generator.context, settings)
            unchanged[name] = article
            build.reused[id(article)] = name
    offer_kept_contents(generator, unchanged)


def _fingerprint(settings, context):
    kept = {k: v for k, v in settings.items() if k not in PER_BUILD_SETTINGS}
    described = json.dumps(kept, sort_keys=True, default=_describe)
    return described, context["site_data"]


def _describe(value):
    """Functions by name: reading the settings file again makes new ones."""
    return getattr(value, "__qualname__", None) or repr(value)


def select_pages(generators):
    articles_generator = generators[0]
    settings = articles_generator.settings
    if not settings.get("INCREMENTAL_PREVIEW"):
        return
    build = state.current
    articles = all_articles(articles_generator)
    shown = shown_fields(articles_generator.env)
    listings = {article.source_path: listing(article, shown) for article in articles}
    lists = {article.save_as: page_lists(article) for article in articles}
    listed_on = listed_on_pages(lists)
    if settings.get("PREVIEW_CHANGED") is not None:
        # Every article not kept from the last written build, rather than the
        # files just saved: a failed build in between changed nothing.
        kept = {a.source_path for a in articles if id(a) in build.reused}
        changed = (listings.keys() | state.last.listings.keys()) - kept
        selected = pages_to_write(settings, generators, changed, listed_on, listings)
        if selected is not None:
            selected |= {
                page
                for page, listed in lists.items()
                if state.last.lists.get(page) != listed
            }
        settings["PREVIEW_SELECTED"] = selected
    record = build.record
    record.listed_on, record.lists, record.listings = listed_on, lists, listings
    record.articles = _keep(articles_generator, articles)
    build.live = [
        c for g in generators for name in CONTENT_LISTS for c in getattr(g, name, [])
    ]


def _keep(generator, articles):
    """File name (as Pelican lists it) -> (source key, article), for the next
    build. The key is the file's as it was read: a save during the build
    leaves the file changed for the next one."""
    entries = {}
    for article in articles:
        name = state.current.reused.get(id(article)) or os.path.relpath(
            article.source_path, generator.path
        )
        entries[name] = (article.source_key, article)
    return entries


class SelectiveWriter(Writer):
    """Renders and writes only the selected pages (all if None); the rest stay."""

    def write_file(self, name, *args, **kwargs):
        selected = self.settings["PREVIEW_SELECTED"]
        if selected is None or name in selected:
            return super().write_file(name, *args, **kwargs)
        return None

    def write_feed(self, *args, **kwargs):
        return None  # previews have no feeds


def choose_writer(pelican):
    if pelican.settings.get("PREVIEW_CHANGED") is not None:
        return SelectiveWriter
    return None


def finish_build(pelican):
    """Once every page is written: remove the pages that are gone, and the
    HTML Pelican keeps of content that is gone, or a long preview session
    grows with every rebuild. The build is kept when the build runner
    commits it (hub.build)."""
    if not pelican.settings.get("INCREMENTAL_PREVIEW"):
        return
    forget_rendered_except(set(state.current.live))
    remove_pages(state.current.to_remove)


def register():
    signals.initialized.connect(check_plugin_order)
    signals.initialized.connect(start_build)
    signals.article_generator_init.connect(reuse_unchanged_articles)
    signals.all_generators_finalized.connect(select_pages)
    signals.get_writer.connect(choose_writer)
    signals.finalized.connect(finish_build)
