"""Helpers for the CMS tests: a hub in a temporary folder served with its
/admin/, decap-server editing that folder as `invoke serve` starts it, and
Decap's editor driven in Chromium."""

import shutil
from contextlib import contextmanager

from playwright.sync_api import expect

from browser import serving
from conftest import ROOT, SmallSite
from content_model.front_matter import load_yaml, split_front_matter
from hub.preview import cms_backend

# Decap is a large application: on a slow machine its first load takes a while.
TIMEOUT_MS = 60_000


def sample_site(root):
    """A SmallSite holding a copy of the real content/, data files included."""
    site = SmallSite(root)
    shutil.rmtree(site.content)
    shutil.copytree(ROOT / "content", site.content)
    site.data = {}
    return site


def front_matter(path):
    """A file's front-matter as the hub's content model reads it, and its body."""
    text, body = split_front_matter(path.read_text("utf-8"))
    return load_yaml(text, 2, len(text) + 1), body


def load_data(path):
    """A site data file as the content model reads it."""
    text = path.read_text("utf-8")
    return load_yaml(text, 1, len(text) + 1)


@contextmanager
def admin(site):
    """decap-server on the site's folder, and the site built for it and
    served; yields the site's address and the settings it was built with."""
    with cms_backend(site.root) as backend:
        settings = {"CMS_LOCAL_BACKEND": backend}
        result = site.build(**settings)
        assert result.ok, result.errors
        with serving(site.output, None) as url:
            yield url, settings


class Editor:
    """Decap CMS at /admin/, in one browser page."""

    def __init__(self, page, url):
        self.page = page
        self.url = url
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(f"{url}/admin/")
        # The local backend has no accounts: this only goes in.
        page.get_by_role("button", name="Login").click()
        self._collection_list("articles")

    def open(self, collection, slug):
        """An entry, in an editor mounted afresh, as after a page load."""
        self._collection_list(collection)
        self.page.goto(f"{self.url}/admin/#/collections/{collection}/entries/{slug}")
        expect(self.field("title")).not_to_have_value("", timeout=TIMEOUT_MS)

    def open_file(self, collection, name):
        self._collection_list(collection)
        self.page.goto(f"{self.url}/admin/#/collections/{collection}/entries/{name}")
        expect(self.page.get_by_role("button", name="Publish")).to_be_visible(
            timeout=TIMEOUT_MS
        )

    def new(self, collection):
        self._collection_list(collection)
        self.page.goto(f"{self.url}/admin/#/collections/{collection}/new")
        expect(self.field("title")).to_be_visible(timeout=TIMEOUT_MS)

    def field(self, name):
        """A field's input; the first of that name, so a top-level field."""
        return self.page.locator(f"[id^='{name}-field-']").first

    def choose(self, name, *labels):
        """Pick options in a select or relation field, typing to find each."""
        for label in labels:
            self.field(name).fill(label)
            self.page.get_by_role("option", name=label, exact=True).click()

    def type_body(self, markdown):
        """Type the body in the Markdown editor, line by line."""
        self.page.locator(".cms-editor-raw [contenteditable=true]").click()
        self.page.keyboard.type(markdown)

    def publish(self):
        """Save with the local backend's "Publish now", and wait until saved."""
        self.page.get_by_role("button", name="Publish", exact=True).click()
        self.page.get_by_text("Publish now").click()
        expect(self.page.get_by_text("Changes saved")).to_be_visible(timeout=TIMEOUT_MS)

    def try_to_publish(self):
        """Ask to save when the form has problems: Decap saves nothing and
        shows an error under each field. The errors, by the field's label."""
        self.page.get_by_role("button", name="Publish", exact=True).click()
        self.page.get_by_text("Publish now").click()
        errors = self.page.locator("[class*=ControlErrorsList]")
        expect(errors.first).to_be_visible(timeout=TIMEOUT_MS)
        return self.page.evaluate(
            """() => Object.fromEntries(
              Array.from(document.querySelectorAll("[class*=ControlErrorsList]"))
                .map(list => [
                  list.closest("[class*=ControlContainer]").querySelector("label")
                    .firstChild.textContent,
                  list.textContent,
                ]))"""
        )

    def upload(self, path):
        """Upload a file through the media library."""
        self._collection_list("articles")
        self.page.get_by_role("button", name="Media").click()
        with self.page.expect_file_chooser() as chooser:
            self.page.get_by_text("Upload", exact=True).click()
        chooser.value.set_files(path)
        expect(self.page.get_by_text(path.name)).to_be_visible(timeout=TIMEOUT_MS)

    def _collection_list(self, collection):
        self.page.goto(f"{self.url}/admin/#/collections/{collection}")
        entries = f"a[href*='#/collections/{collection}/entries/']"
        expect(self.page.locator(entries).first).to_be_visible(timeout=TIMEOUT_MS)
