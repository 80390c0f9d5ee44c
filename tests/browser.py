"""Helpers for the browser tests: a small hub with the quote pages, served with
the local receiver, and the Chromium `hub.chromium` finds, driven by Playwright."""

import shutil
import threading
from contextlib import contextmanager

from conftest import ROOT, SmallSite
from hub.chromium import find_chromium
from hub.receiver import make_server

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTICLE = "writing-method-statements"
QUOTE_PAGES = ("quote.md", "quote-thank-you.md", "feedback-thank-you.md")


def quote_site(root):
    """A small hub with one article and the real quote, thank-you and feedback
    thank-you pages."""
    site = SmallSite(root)
    site.article(ARTICLE, title="Writing method statements")
    for name in QUOTE_PAGES:
        shutil.copy(ROOT / "content" / "pages" / name, site.content / "pages" / name)
    site.write(
        "pages/privacy.md",
        "---\ntitle: Privacy notice\nsummary: How we use your details.\n---\nText.\n",
    )
    return site


def launch_chromium(playwright):
    executable = find_chromium(playwright)
    if executable is None:
        raise RuntimeError(
            "No Chromium or Google Chrome found: `invoke test` installs Debian's "
            "chromium, or set HUB_CHROMIUM to one."
        )
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)


@contextmanager
def serving(directory, receiver):
    """Serve `directory` with `receiver` on a free local port; yield its URL."""
    server = make_server(directory, 0, receiver)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
