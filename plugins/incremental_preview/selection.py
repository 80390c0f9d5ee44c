"""Which pages a rebuild in place writes, and which files it removes."""

import os

from content_model.build_state import state
from content_model.pelican_compat import forget_rendered_bodies


def pages_to_write(settings, generators, changed, listed_on, listings):
    """The pages to write (None: all), given the articles not kept; the
    files of pages that are gone are noted in `state.current.to_remove`."""
    last, build = state.last, state.current
    output = settings["OUTPUT_PATH"]
    topic_pages = {
        c.save_as for g in generators for c, _ in getattr(g, "categories", [])
    }
    selected = set()
    relisted = moved = False
    for path in changed:
        was, now = last.listings.get(path), listings.get(path)
        both = [listed for listed in (was, now) if listed]
        if now:
            selected.add(now.save_as)
        if was and (not now or was.save_as != now.save_as):
            build.to_remove.append(os.path.join(output, was.save_as))
            moved = moved or now is not None
        if was and was.topic_page not in topic_pages:
            build.to_remove.append(os.path.join(output, was.topic_page))
        if len(both) < 2 or was.count != now.count:
            relisted = True
        if len(both) < 2 or was.card != now.card:
            selected.add(settings["INDEX_SAVE_AS"])
            for listed in both:
                selected.add(listed.topic_page)
                selected.update(last.listed_on.get(listed.slug, ()))
                selected.update(listed_on.get(listed.slug, ()))
        if len(both) < 2 or was.sitemap != now.sitemap:
            selected.add(settings.get("SITEMAP_SAVE_AS"))
    if moved:
        # Bodies that link to the moved article were resolved for its old
        # address, and are cached by Pelican with each kept article.
        forget_rendered_bodies()
    if moved or not build.same_site:
        return None  # other bodies, or new settings or data: any page may differ
    if relisted:
        selected.update(_listing_pages(settings, topic_pages))
    return selected


def _listing_pages(settings, topic_pages):
    yield settings["INDEX_SAVE_AS"]
    for name in settings["DIRECT_TEMPLATES"]:
        yield settings[f"{name.upper()}_SAVE_AS"]
    yield from topic_pages


def remove_pages(pages):
    """Remove the files of pages that are gone, and folders left empty."""
    for page in pages:
        if os.path.isfile(page):
            os.remove(page)
            folder = os.path.dirname(page)
            if not os.listdir(folder):
                os.rmdir(folder)
