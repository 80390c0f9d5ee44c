"""The pages of a built site: listing them, parsing each once for what the
gates need, and finding the file a URL on a page leads to."""

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# The theme marks an article page with <article class="hub-article">.
ARTICLE_CLASS = "hub-article"
# Where each kind of element names another file.
URL_ATTRIBUTES = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "script": ("src",),
    "iframe": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
}


@dataclass(frozen=True)
class Finding:
    """Something a gate found wrong on a page, at a line when it knows one."""

    page: str
    line: int
    message: str

    def __str__(self):
        where = f"{self.page}:{self.line}" if self.line else self.page
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Reference:
    line: int
    tag: str
    url: str


@dataclass
class ParsedPage:
    ids: set = field(default_factory=set)
    references: list = field(default_factory=list)
    stylesheets: list = field(default_factory=list)  # (line, href, media)
    scripts: list = field(default_factory=list)  # (line, src, blocking)
    preloads: list = field(default_factory=list)  # (line, href, as)
    inline_styles: list = field(default_factory=list)
    is_article: bool = False


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        values = dict(attrs)
        page = self.page
        if values.get("id"):
            page.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            page.ids.add(values["name"])
        for name in URL_ATTRIBUTES.get(tag, ()):
            value = values.get(name)
            if value is None:
                continue
            urls = srcset_urls(value) if name == "srcset" else [value.strip()]
            page.references += [Reference(line, tag, url) for url in urls]
        rel = (values.get("rel") or "").lower().split()
        if tag == "link" and values.get("href"):
            if "stylesheet" in rel and "disabled" not in values:
                page.stylesheets.append((line, values["href"], values.get("media")))
            if {"preload", "modulepreload"} & set(rel):
                page.preloads.append((line, values["href"], values.get("as", "")))
        if tag == "script" and values.get("src"):
            deferred = "async" in values or "defer" in values
            module = (values.get("type") or "").lower() == "module"
            page.scripts.append((line, values["src"], not (deferred or module)))
        if tag == "article" and ARTICLE_CLASS in (values.get("class") or "").split():
            page.is_article = True
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.page.inline_styles.append(data)


def srcset_urls(srcset):
    """The URLs of an img or source srcset, without their widths or densities."""
    return [part.split()[0] for part in srcset.split(",") if part.strip()]


def parse_page(path):
    """The ids, references and loaded resources of one HTML file."""
    parser = _PageParser()
    parser.feed(Path(path).read_text("utf-8", errors="replace"))
    parser.close()
    return parser.page


def html_files(output):
    """Every HTML file of a built site, in a stable order."""
    return sorted(Path(output).rglob("*.html"))


def page_url(output, path):
    """The URL path a file is served at: output/a/index.html is /a/."""
    url = "/" + Path(path).relative_to(output).as_posix()
    return url.removesuffix("index.html")


def internal_path(url, base, site_url):
    """The URL path `url` names on this site, seen from page URL `base`;
    None when it leaves the site."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        site = site_url.rstrip("/")
        if not site or not (url == site or url.startswith(site + "/")):
            return None
        parts = urlsplit(url[len(site) :] or "/")
    if not parts.path:
        return base
    joined = posixpath.join(posixpath.dirname(base), parts.path)
    normal = posixpath.normpath(joined)
    return normal + "/" if parts.path.endswith("/") and normal != "/" else normal


def file_for(output, url_path):
    """The file a static server answers `url_path` with, or None."""
    candidate = Path(output) / unquote(url_path).lstrip("/")
    if candidate.is_dir():
        candidate /= "index.html"
    return candidate if candidate.is_file() else None
