"""The Pagefind search index, made while Pelican writes the pages.

Each page goes to a Pagefind process as soon as it is written, so indexing
runs on another core beside the writing, not after it; once every page is
written, the index is saved in the output's `pagefind/` folder. With
`SEARCH_INDEX` on, the site ships with its index or not at all: a Pagefind
failure is a build error. `invoke check` and the preview's rebuilds in place
turn it off (hub.build).
"""

import logging
import os
import time

from pelican import signals

from content_model.build_state import state
from content_model.settings import check_plugin_order

from .pagefind_service import PagefindError, PagefindService

logger = logging.getLogger(__name__)
NEEDS = ("content_model",)


class SearchIndex:
    """The index of one build's output folder."""

    def __init__(self, output):
        self.output = output
        self.service = PagefindService()
        self.save_seconds = 0.0

    def add(self, path):
        with open(path, encoding="utf-8") as page:
            html = page.read()
        self.service.add_page(os.path.relpath(path, self.output), html)

    def save(self):
        started = time.perf_counter()
        try:
            self.service.write(os.path.join(self.output, "pagefind"))
        finally:
            self.close()
            self.save_seconds = time.perf_counter() - started

    def close(self):
        """End Pagefind; again is harmless, as after a build that stopped
        before saving."""
        self.service.close()


def start_index(pelican):
    if pelican.settings.get("SEARCH_INDEX"):
        try:
            state.current.search_index = SearchIndex(pelican.settings["OUTPUT_PATH"])
        except (OSError, PagefindError) as error:
            logger.error("Search indexing failed to start: %s", error)


def index_page(path, context):
    index = state.current.search_index
    if index is not None and path.endswith(".html"):
        try:
            index.add(path)
        except PagefindError as error:
            state.current.search_index = None
            index.close()
            logger.error("Search indexing failed: %s", error)


def save_index(pelican):
    index = state.current.search_index
    if index is None:
        return
    try:
        index.save()
    except PagefindError as error:
        logger.error("Search indexing failed: %s", error)


def register():
    signals.initialized.connect(check_plugin_order)
    signals.initialized.connect(start_index)
    signals.content_written.connect(index_page)
    signals.finalized.connect(save_index)
