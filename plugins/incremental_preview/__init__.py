"""Preview rebuilds that redo only what an edit changes.

Off unless `INCREMENTAL_PREVIEW` is on: `hub.preview` turns it on for its
builds, and each build that is written is kept: its article objects, what
lists what, and how each article is listed. When `PREVIEW_CHANGED` is set
(a rebuild in place), every article file is compared with the kept build:
- unchanged articles are not read again. The kept objects are reused with the
  plugins' per-article results (content_model/reuse.py), as long as the
  settings and the site data are those of the kept build;
- only these pages are written, for each article that changed:
  - its page;
  - if its card changed (title, summary, dates, address): the index, its
    topic page (before and after the edit), and the pages whose related
    guidance or resources list it (as they were and as they are now);
  - if its address or dates changed: the sitemap;
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
from collections import defaultdict
from typing import NamedTuple

from jinja2 import BytecodeCache
from pelican import signals
from pelican.contents import Content
from pelican.writers import Writer

from content_model import CONTENT_LISTS
from content_model.reader import source_key

# The last written build, kept between the builds of one process, and what
# the build in progress will keep once it is written.
_last = {
    "listed_on": {},
    "lists": {},
    "pages": {},
    "articles": {},
    "fingerprint": None,
}
_pending = {}
_to_remove = []
# Settings that differ between a full preview build and a rebuild in place.
PER_BUILD_SETTINGS = {
    "OUTPUT_PATH",
    "DELETE_OUTPUT_DIRECTORY",
    "PREVIEW_CHANGED",
    "PREVIEW_SELECTED",
}


class CompiledTemplates(BytecodeCache):
    """Templates compiled by earlier builds; Jinja checks each against its source."""

    def __init__(self):
        self.compiled = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket):
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_compiled_templates = CompiledTemplates()


def start_build(pelican):
    _pending.clear()
    _to_remove.clear()
    settings = pelican.settings
    if settings.get("INCREMENTAL_PREVIEW"):
        settings["JINJA_ENVIRONMENT"] = settings["JINJA_ENVIRONMENT"] | {
            "bytecode_cache": _compiled_templates
        }


def reuse_unchanged_articles(generator):
    """Hand Pelican the kept article of each file unchanged since the last build."""
    settings = generator.settings
    if not settings.get("INCREMENTAL_PREVIEW"):
        return
    _pending["fingerprint"] = _fingerprint(settings, generator.context)
    _pending["kept"] = {}
    _pending["same_site"] = _pending["fingerprint"] == _last["fingerprint"]
    if settings.get("PREVIEW_CHANGED") is None or not _pending["same_site"]:
        return
    unchanged = {}
    for name, (key, article) in _last["articles"].items():
        try:
            current = source_key(os.path.join(generator.path, name), settings)
        except FileNotFoundError:
            continue
        if current == key:
            article._context = generator.context
            article.settings = settings
            unchanged[name] = article
            _pending["kept"][id(article)] = name
    # Pelican asks its content cache for each file before reading it.
    generator.get_cached_data = unchanged.get


def _fingerprint(settings, context):
    kept = {k: v for k, v in settings.items() if k not in PER_BUILD_SETTINGS}
    described = json.dumps(kept, sort_keys=True, default=_describe)
    return described, context["site_data"]


def _describe(value):
    """Functions by name: reading the settings file again makes new ones."""
    return getattr(value, "__qualname__", None) or repr(value)


class Listed(NamedTuple):
    """An article as the listing pages show it."""

    slug: str
    save_as: str
    topic_page: str
    # What the index's and topic pages' cards, the sitemap, and the topic
    # counts of the hub-wide pages show of it.
    card: tuple
    sitemap: tuple
    count: tuple


def _listed(article):
    modified = getattr(article, "modified", None)
    return Listed(
        article.slug,
        article.save_as,
        article.category.save_as,
        card=(
            article.status,
            article.url,
            article.title,
            article.summary,
            article.date,
            modified,
            getattr(article, "review_by", None),
        ),
        sitemap=(article.status, article.url, article.date, modified),
        count=(article.status, article.category.slug),
    )


def _lists(article):
    """The other articles and resources an article's page lists."""
    related = [other.slug for other in getattr(article, "related_guidance", [])]
    return related, getattr(article, "resource_groups", [])


def _listed_on(lists, articles, site_url):
    """Article slug -> output files of the pages that list it."""
    by_url = {f"{site_url}/{article.url}": article.slug for article in articles}
    listed_on = defaultdict(set)
    for page, (related, groups) in lists.items():
        for slug in related:
            listed_on[slug].add(page)
        for group in groups:
            for link in group.links:
                if link.url in by_url:
                    listed_on[by_url[link.url]].add(page)
    return listed_on


def select_pages(generators):
    articles_generator = generators[0]
    settings = articles_generator.settings
    if not settings.get("INCREMENTAL_PREVIEW"):
        return
    articles = (
        articles_generator.articles
        + articles_generator.drafts
        + articles_generator.hidden_articles
    )
    pages = {article.source_path: _listed(article) for article in articles}
    lists = {article.save_as: _lists(article) for article in articles}
    listed_on = _listed_on(lists, articles, settings["SITEURL"])
    if settings.get("PREVIEW_CHANGED") is not None:
        # Every article not kept from the last written build, rather than the
        # files just saved: a failed build in between changed nothing.
        kept = {a.source_path for a in articles if id(a) in _pending["kept"]}
        changed = (pages.keys() | _last["pages"].keys()) - kept
        selected = _select(settings, generators, changed, listed_on, pages)
        if selected is not None:
            selected |= {
                page
                for page, shown in lists.items()
                if _last["lists"].get(page) != shown
            }
        settings["PREVIEW_SELECTED"] = selected
    _pending.update(
        listed_on=listed_on,
        lists=lists,
        pages=pages,
        articles=_keep(articles_generator, articles),
        live=[
            c
            for g in generators
            for name in CONTENT_LISTS
            for c in getattr(g, name, [])
        ],
    )


def _keep(generator, articles):
    """File name (as Pelican lists it) -> (source key, article), for the next
    build. The key is the file's as it was read: a save during the build
    leaves the file changed for the next one."""
    kept = _pending.get("kept", {})
    entries = {}
    for article in articles:
        name = kept.get(id(article)) or os.path.relpath(
            article.source_path, generator.path
        )
        entries[name] = (article.source_key, article)
    return entries


def _select(settings, generators, changed, listed_on, pages):
    """The pages to write (None: all), given the articles not kept."""
    output = settings["OUTPUT_PATH"]
    topic_pages = {
        c.save_as for g in generators for c, _ in getattr(g, "categories", [])
    }
    selected = set()
    relisted = moved = False
    for path in changed:
        was, now = _last["pages"].get(path), pages.get(path)
        both = [listed for listed in (was, now) if listed]
        if now:
            selected.add(now.save_as)
        if was and (not now or was.save_as != now.save_as):
            _to_remove.append(os.path.join(output, was.save_as))
            moved = moved or now is not None
        if was and was.topic_page not in topic_pages:
            _to_remove.append(os.path.join(output, was.topic_page))
        if len(both) < 2 or was.count != now.count:
            relisted = True
        if len(both) < 2 or was.card != now.card:
            selected.add(settings["INDEX_SAVE_AS"])
            for listed in both:
                selected.add(listed.topic_page)
                selected.update(_last["listed_on"].get(listed.slug, ()))
                selected.update(listed_on.get(listed.slug, ()))
        if len(both) < 2 or was.sitemap != now.sitemap:
            selected.add(settings.get("SITEMAP_SAVE_AS"))
    if moved:
        # Bodies that link to the moved article were resolved for its old
        # address, and are cached by Pelican with each kept article.
        Content.get_content.cache.clear()
    if moved or not _pending["same_site"]:
        return None  # other bodies, or new settings or data: any page may differ
    if relisted:
        selected.update(_listing_pages(settings, topic_pages))
    return selected


def _listing_pages(settings, topic_pages):
    yield settings["INDEX_SAVE_AS"]
    for name in settings["DIRECT_TEMPLATES"]:
        yield settings[f"{name.upper()}_SAVE_AS"]
    yield from topic_pages


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


def commit_build(pelican):
    """Only after a successful write: a failed build leaves output/ as it was,
    so the next rebuild must compare with the last build that was written."""
    if not pelican.settings.get("INCREMENTAL_PREVIEW"):
        return
    live = set(_pending.pop("live", ()))
    _pending.pop("kept", None)
    _pending.pop("same_site", None)
    _last.update(_pending)
    # Pelican caches each content's HTML for good; drop that of content that
    # is gone, or a long preview session grows with every rebuild.
    for memo in (Content.get_content.cache, Content.get_summary.cache):
        for key in [key for key in memo if key[0] not in live]:
            del memo[key]
    for page in _to_remove:
        if os.path.isfile(page):
            os.remove(page)
            folder = os.path.dirname(page)
            if not os.listdir(folder):
                os.rmdir(folder)
    _to_remove.clear()


def register():
    signals.initialized.connect(start_build)
    signals.article_generator_init.connect(reuse_unchanged_articles)
    signals.all_generators_finalized.connect(select_pages)
    signals.get_writer.connect(choose_writer)
    signals.finalized.connect(commit_build)
