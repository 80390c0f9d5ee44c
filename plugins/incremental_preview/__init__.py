"""Preview rebuilds that write only the pages an edit can change.

Off unless `INCREMENTAL_PREVIEW` is on: `hub.preview` turns it on for its
builds, which then record what lists what. When `PREVIEW_CHANGED` also lists
changed source files (a rebuild in place), the build still reads and checks
the whole hub, with unchanged files' Markdown already parsed, but writes only:
- the changed articles' pages;
- the index, the topic pages and the hub-wide pages (search, 404, sitemap);
- the pages whose related guidance or resources list a changed article, as
  they were at the last build and as they are now.
A deleted article's page is removed. Every build records what lists what, so
the next rebuild knows which pages an article appeared on.
"""

import os
from collections import defaultdict

from pelican import signals
from pelican.writers import Writer

# The last build's view of the hub, kept between the builds of one process,
# and the pages to remove once the build in progress has been written.
_last = {"listed_on": {}, "pages": {}}
_pending = {}
_to_remove = []


def _listed_on(articles, site_url, save_as):
    """Article slug -> output files of the pages that list it."""
    by_url = {f"{site_url}/{article.url}": article.slug for article in articles}
    listed_on = defaultdict(set)
    for article in articles:
        page = save_as[article.slug]
        for other in getattr(article, "related_guidance", []):
            listed_on[other.slug].add(page)
        for group in getattr(article, "resource_groups", []):
            for link in group.links:
                if link.url in by_url:
                    listed_on[by_url[link.url]].add(page)
    return listed_on


def select_pages(generators):
    articles_generator = generators[0]
    settings = articles_generator.settings
    if not settings.get("INCREMENTAL_PREVIEW"):
        return
    articles = articles_generator.articles + articles_generator.drafts
    save_as = {article.slug: article.save_as for article in articles}
    listed_on = _listed_on(articles, settings["SITEURL"], save_as)
    pages = {
        os.path.abspath(a.source_path): (a.slug, save_as[a.slug]) for a in articles
    }
    changed = settings.get("PREVIEW_CHANGED")
    if changed is not None:
        _select(settings, generators, changed, listed_on, pages)
    _pending.update(listed_on=listed_on, pages=pages)


def _select(settings, generators, changed, listed_on, pages):
    output = settings["OUTPUT_PATH"]
    selected = {settings["INDEX_SAVE_AS"]}
    selected.update(
        settings[f"{name.upper()}_SAVE_AS"] for name in settings["DIRECT_TEMPLATES"]
    )
    for generator in generators:
        for category, _ in getattr(generator, "categories", []):
            selected.add(category.save_as)
    for path in map(os.path.abspath, changed):
        was = _last["pages"].get(path)
        now = pages.get(path)
        for slug, save_as in filter(None, (was, now)):
            selected.update(_last["listed_on"].get(slug, ()), listed_on.get(slug, ()))
            selected.add(save_as)
        if was and not now:
            _to_remove.append(os.path.join(output, was[1]))
    settings["PREVIEW_SELECTED"] = {name for name in selected if name}


class SelectiveWriter(Writer):
    """Renders and writes only the selected pages; the rest stay as they are."""

    def write_file(self, name, *args, **kwargs):
        if name in self.settings["PREVIEW_SELECTED"]:
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
    _last.update(_pending)
    for page in _to_remove:
        if os.path.isfile(page):
            os.remove(page)
            folder = os.path.dirname(page)
            if not os.listdir(folder):
                os.rmdir(folder)
    _to_remove.clear()


def start_build(pelican):
    _pending.clear()
    _to_remove.clear()


def register():
    signals.initialized.connect(start_build)
    signals.all_generators_finalized.connect(select_pages)
    signals.get_writer.connect(choose_writer)
    signals.finalized.connect(commit_build)
