"""What a deploy changes, compared with the last deployed site: pages added,
removed, moved and changed, and the published URLs that would disappear.

The last deployed site is read where the deploy method put it: the deploy
branch for ghp-import (fetched from the remote first, when it can be) or the
rsync target. A site that builds itself, such as Netlify, is read from the
live sitemap that `DEPLOYED_SITEMAP` names; a sitemap gives URLs but not
pages, so only pages added and removed are reported then.

A published URL (a page or a feed) may only disappear by becoming a redirect:
`redirect_from` in the page that replaces it writes a page at the old address.
"""

import difflib
import io
import subprocess
import tarfile
import tempfile
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from contextlib import contextmanager
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from content_model.problems import display_path
from hub.publish import DeployError, git

# Not pages a reader keeps: the search index, theme files, previews' drafts.
NOT_PUBLISHED = ("pagefind/", "theme/", "drafts/")
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@dataclass
class Deployed:
    """The last deployed site: where it was read from, its URLs, and a folder
    holding its pages (None when only its sitemap was read)."""

    source: str
    urls: set
    folder: Path | None = None


@dataclass
class Changes:
    source: str
    added: list = field(default_factory=list)  # (url, title)
    moved: list = field(default_factory=list)  # (url, where it redirects)
    changed: list = field(default_factory=list)  # (url, [what changed])
    vanished: list = field(default_factory=list)  # (url, what to do)


def published_urls(folder):
    """URL path -> file, for every page and feed in a built site."""
    urls = {}
    for path in sorted(Path(folder).rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.suffix in (".html", ".xml") and not relative.startswith(NOT_PUBLISHED):
            urls[url_of(relative)] = path
    return urls


def url_of(relative):
    if relative == "index.html":
        return "/"
    if relative.endswith("/index.html"):
        return "/" + relative.removesuffix("index.html")
    return "/" + relative


@contextmanager
def last_deployed(settings):
    """The last deployed site, or None if nothing was ever deployed."""
    with tempfile.TemporaryDirectory(prefix="hub-deployed-") as scratch:
        sitemap = settings.get("DEPLOYED_SITEMAP")
        if sitemap:
            yield _from_sitemap(sitemap)
        elif settings.get("DEPLOY_METHOD") == "rsync":
            yield _from_rsync(settings["DEPLOY_RSYNC_TARGET"], Path(scratch))
        else:
            yield _from_branch(settings, Path(scratch))


def _from_branch(settings, scratch):
    branch = settings.get("DEPLOY_BRANCH", "gh-pages")
    remote = settings.get("DEPLOY_REMOTE", "origin")
    tracking = f"refs/remotes/{remote}/{branch}"
    # The remote's branch is the live site; without a network the last copy
    # fetched, or the local branch, is the best there is.
    _git("fetch", "--quiet", "--no-tags", remote, f"+refs/heads/{branch}:{tracking}")
    for ref in (tracking, f"refs/heads/{branch}"):
        commit = _git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
        if commit:
            archive = subprocess.run(
                ["git", "archive", "--format=tar", commit],
                capture_output=True,
                check=True,
            )
            with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
                tar.extractall(scratch, filter="data")
            source = f"the {branch} branch ({ref.split('/', 2)[2]} {commit[:10]})"
            return Deployed(source, set(published_urls(scratch)), scratch)
    return None


def _from_rsync(target, scratch):
    done = subprocess.run(
        [
            "rsync",
            "--recursive",
            "--include=*/",
            "--include=*.html",
            "--include=*.xml",
            "--exclude=*",
            f"{target.rstrip('/')}/",
            f"{scratch}/",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        reason = (done.stderr.strip() or f"exit status {done.returncode}").splitlines()
        raise DeployError(
            f"cannot read the deployed site at {target} to compare with it "
            f"({reason[-1]}): check the address and your access to the server."
        )
    urls = set(published_urls(scratch))
    return Deployed(f"the site at {target}", urls, scratch) if urls else None


def _from_sitemap(address):
    try:
        with urllib.request.urlopen(address, timeout=30) as response:
            tree = ET.fromstring(response.read())
    except urllib.error.HTTPError as error:
        if error.code == HTTPStatus.NOT_FOUND:
            return None  # a site not yet deployed
        raise DeployError(
            f"cannot read the live sitemap {address} to compare with it "
            f"({error}): check DEPLOYED_SITEMAP and the network."
        ) from None
    except (OSError, ET.ParseError) as error:
        raise DeployError(
            f"cannot read the live sitemap {address} to compare with it "
            f"({error}): check DEPLOYED_SITEMAP and the network."
        ) from None
    urls = {
        urlsplit(loc.text.strip()).path or "/"
        for loc in tree.iter(f"{SITEMAP}loc")
        if loc.text
    }
    return Deployed(f"the live sitemap {address}", urls)


def _git(*args):
    done = git(*args)
    return done.stdout.strip() if done.returncode == 0 else ""


def compare(deployed, built, content, settings):
    """Changes from the deployed site to the `built` folder's site."""
    new = published_urls(built)
    changes = Changes(deployed.source)
    old_folder = deployed.folder
    for url, path in new.items():
        page = _Page.read(path)
        if url not in deployed.urls:
            if page.redirects_to:
                changes.moved.append((url, page.redirects_to))
            else:
                changes.added.append((url, page.title))
        elif old_folder is not None:
            old = old_folder / path.relative_to(built)
            if old.read_bytes() != path.read_bytes():
                before = _Page.read(old)
                if page.redirects_to and not before.redirects_to:
                    changes.moved.append((url, page.redirects_to))
                elif what := page.differences(before):
                    changes.changed.append((url, what))
    added = dict(changes.added)
    for url in sorted(deployed.urls - new.keys()):
        changes.vanished.append(
            (url, _keep_it(url, deployed, added, content, settings))
        )
    return changes


def _keep_it(url, deployed, added, content, settings):
    """What to do so that `url` stays reachable, naming the likely new page."""
    line = f"`redirect_from: [{url}]`"
    renamed = _renamed_to(url, deployed, added)
    source = _source_of(renamed, content, settings) if renamed else None
    if source:
        return (
            f"if {source} is this page under a new name, add {line} to its front-matter"
        )
    return f"restore it, or add {line} to the front-matter of the page that replaces it"


def _renamed_to(url, deployed, added):
    """The added page with the old page's title, else the closest address."""
    if deployed.folder is not None and url.endswith("/"):
        old = deployed.folder / url.strip("/") / "index.html"
        title = _Page.read(old).title if old.is_file() else None
        same = [new for new, new_title in added.items() if title and new_title == title]
        if same:
            return same[0]
    close = difflib.get_close_matches(url, list(added), n=1, cutoff=0.5)
    return close[0] if close else None


def _source_of(url, content, settings):
    slug = url.strip("/")
    for folder in (*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"]):
        path = Path(content) / folder / f"{slug}.md"
        if path.is_file():
            return display_path(str(path))
    return None


@dataclass
class _Page:
    title: str = ""
    summary: str = ""
    body: str = ""
    redirects_to: str = ""

    @classmethod
    def read(cls, path):
        if path.suffix != ".html":
            return cls()
        soup = BeautifulSoup(path.read_bytes(), "html.parser")
        refresh = soup.find("meta", attrs={"http-equiv": "refresh"})
        heading = soup.find("h1") or soup.find("title")
        description = soup.find("meta", attrs={"name": "description"})
        prose = soup.select_one(".hub-prose") or soup.find("main") or soup.body
        return cls(
            title=_text(heading),
            summary=description.get("content", "") if description else "",
            body=_text(prose),
            redirects_to=refresh["content"].split("url=", 1)[-1] if refresh else "",
        )

    def differences(self, old):
        return [
            name
            for name in ("title", "summary", "body")
            if getattr(self, name) != getattr(old, name)
        ]


def _text(element):
    return " ".join(element.get_text(" ").split()) if element else ""


def report(changes, markdown=False):
    """The report's lines, as text or as Markdown for a pull request."""
    code = (lambda text: f"`{text}`") if markdown else str
    heading = "### " if markdown else ""
    lines = [
        ("## What this change publishes" if markdown else "What this build publishes"),
        f"Compared with {changes.source}.",
    ]
    sections = [
        (
            "URLs that would disappear",
            [f"{code(url)}: {todo}" for url, todo in changes.vanished],
        ),
        ("Added", [f"{code(url)}: {title}" for url, title in changes.added]),
        (
            "Changed",
            [f"{code(url)}: {', '.join(what)}" for url, what in changes.changed],
        ),
        (
            "Now redirecting",
            [f"{code(url)} to {target}" for url, target in changes.moved],
        ),
    ]
    for title, items in sections:
        if items:
            lines += [
                "",
                f"{heading}{title} ({len(items)})",
                *[f"- {i}" for i in items],
            ]
    if not any(items for _, items in sections):
        lines.append("No page is added, removed or changed.")
    return lines
