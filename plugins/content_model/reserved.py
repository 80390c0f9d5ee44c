"""Addresses the hub writes itself, which no article, page or old address
may take.

They come from the settings (every direct template, topic pages, drafts,
feeds, static folders, the theme's files), so a template added later is
covered too, plus `RESERVED_OUTPUTS` for what only some builds write (feeds
are published, drafts previewed: a name that builds in a preview must also
publish). Names are compared by first path segment, with and without its
extension: an article called `404` or `sitemap` is refused as well as one
called `search`.
"""

import os

FEED_SETTINGS = (
    "FEED_ATOM",
    "FEED_RSS",
    "FEED_ALL_ATOM",
    "FEED_ALL_RSS",
    "CATEGORY_FEED_ATOM",
    "CATEGORY_FEED_RSS",
)


def hub_outputs(settings):
    """Reserved name -> an example of what the hub writes there."""
    paths = [
        settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html")
        for name in settings["DIRECT_TEMPLATES"]
    ]
    paths += [settings.get(name) for name in FEED_SETTINGS]
    paths += [
        settings["CATEGORY_SAVE_AS"],
        settings["DRAFT_SAVE_AS"],
        settings["DRAFT_PAGE_SAVE_AS"],
        settings["THEME_STATIC_DIR"] + "/",
        *(folder + "/" for folder in settings["STATIC_PATHS"]),
        *settings.get("RESERVED_OUTPUTS", ()),
    ]
    reserved = {}
    for path in filter(None, paths):
        for name in names(path):
            reserved.setdefault(name, path)
    return reserved


def names(output_path):
    """The names an output path takes at the top of the site."""
    first = output_path.lstrip("/").split("/", 1)[0]
    return {first, os.path.splitext(first)[0]} - {""}


def taken_by_hub(output_path, reserved):
    """What the hub writes at the top-level name this path uses, or None."""
    return next(
        (reserved[name] for name in sorted(names(output_path)) if name in reserved),
        None,
    )
