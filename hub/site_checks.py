"""Quality gates over a built site: links and anchors, page weight, valid HTML,
and Lighthouse.

The first three read the files in the output folder only. CI has no internet,
so external links are listed for a person to follow, never fetched. The Nu
HTML checker is the `vnu.jar` of npm's `vnu-jar` package (pinned in
package.json, installed by `npm ci`), run with the machine's Java. Lighthouse
is npm's `lighthouse` package too, run against a served site with the
Chromium that `hub.chromium` finds.
"""

import gzip
import json
import posixpath
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

PROJECT = Path(__file__).resolve().parent.parent
CANONICAL = re.compile(r'<link rel="canonical" href="([^"]*)"')

ARTICLE_BUDGET_BYTES = 40 * 1024
# The theme marks an article page with <article class="hub-article">.
ARTICLE_CLASS = "hub-article"
FONT_SUFFIXES = (".woff", ".woff2", ".ttf", ".otf", ".eot")
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
# Fragments every browser resolves without an element of that id.
BUILT_IN_FRAGMENTS = {"", "top"}
CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*["']?([^"')\s;]+)""", re.I)
CSS_FONT_FACE = re.compile(r"@font-face", re.I)
LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# The flags the browser tests start Chromium with, plus Chrome's headless mode.
LIGHTHOUSE_CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)


class SiteCheckError(Exception):
    """A gate could not run at all, e.g. Java or the validator is missing."""


@dataclass(frozen=True)
class Problem:
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
            urls = _srcset_urls(value) if name == "srcset" else [value.strip()]
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


def _srcset_urls(srcset):
    return [part.split()[0] for part in srcset.split(",") if part.strip()]


@cache
def _parse_file(path, _mtime_ns, _size):
    parser = _PageParser()
    parser.feed(Path(path).read_text("utf-8", errors="replace"))
    parser.close()
    return parser.page


def parse_page(path):
    """The ids, references and loaded resources of one HTML file; a page is
    parsed once however many pages link to it, and again when it changes."""
    path = Path(path).resolve()
    stat = path.stat()
    return _parse_file(str(path), stat.st_mtime_ns, stat.st_size)


def html_files(output):
    """Every HTML file of a built site, in a stable order."""
    return sorted(Path(output).rglob("*.html"))


def page_url(output, path):
    """The URL path a file is served at: output/a/index.html is /a/."""
    url = "/" + Path(path).relative_to(output).as_posix()
    return url.removesuffix("index.html")


def _internal_path(url, base, site_url):
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


def _file_for(output, url_path):
    """The file a static server answers `url_path` with, or None."""
    candidate = Path(output) / unquote(url_path).lstrip("/")
    if candidate.is_dir():
        candidate /= "index.html"
    return candidate if candidate.is_file() else None


@dataclass
class LinkReport:
    pages: int = 0
    links: int = 0
    broken: list = field(default_factory=list)
    external: dict = field(default_factory=dict)  # URL -> pages linking to it


def check_links(output, site_url=""):
    """Every internal link and anchor in `output` must lead somewhere."""
    output = Path(output)
    report = LinkReport()
    for path in html_files(output):
        report.pages += 1
        source = page_url(output, path)
        base = "/" + path.relative_to(output).as_posix()
        for reference in parse_page(path).references:
            report.links += 1
            problem = _check_reference(output, base, reference, site_url)
            if problem == "external":
                report.external.setdefault(reference.url, []).append(source)
            elif problem:
                report.broken.append(Problem(source, reference.line, problem))
    return report


def _check_reference(output, base, reference, site_url):
    url = reference.url
    scheme = urlsplit(url).scheme.lower()
    if scheme in {"mailto", "tel", "data", "javascript"}:
        return None
    target_path = _internal_path(url, base, site_url)
    if target_path is None:
        return "external"
    target = _file_for(output, target_path)
    if target is None:
        return f"<{reference.tag}> links to {url}: no such file in the built site"
    fragment = unquote(urlsplit(url).fragment)
    if fragment in BUILT_IN_FRAGMENTS or target.suffix != ".html":
        return None
    if fragment not in parse_page(target).ids:
        return f"<{reference.tag}> links to {url}: the page has no id '{fragment}'"
    return None


@dataclass
class PageWeight:
    page: str
    is_article: bool
    files: list = field(default_factory=list)  # (URL path, bytes, gzip bytes)
    blocking: list = field(default_factory=list)  # render-blocking resources
    fonts: list = field(default_factory=list)  # where a web font is loaded
    third_party: list = field(default_factory=list)  # files no one can weigh here

    @property
    def gzip_bytes(self):
        return sum(gzipped for _, _, gzipped in self.files)


def _gzip_size(path):
    return len(gzip.compress(Path(path).read_bytes(), compresslevel=9))


def weigh_page(output, path, site_url=""):
    """The page, with the CSS and JS it loads before interaction, in bytes
    and gzip bytes; what blocks rendering; any web fonts it loads."""
    output = Path(output)
    base = "/" + Path(path).relative_to(output).as_posix()
    page = parse_page(path)
    weight = PageWeight(page_url(output, path), page.is_article)
    weight.files.append((base, Path(path).stat().st_size, _gzip_size(path)))
    seen = {base}

    def load(url, blocking, label, referrer=base):
        target_path = _internal_path(url, referrer, site_url)
        if target_path is None:
            weight.third_party.append(f"{label} {url}")
            return None
        target = _file_for(output, target_path)
        if target is None or target_path in seen:
            return None
        seen.add(target_path)
        weight.files.append((target_path, target.stat().st_size, _gzip_size(target)))
        if blocking:
            weight.blocking.append(f"{label} {target_path}")
        if target_path.lower().endswith(FONT_SUFFIXES):
            weight.fonts.append(target_path)
        return target

    def load_css(url, blocking, label, referrer=base):
        target = load(url, blocking, label, referrer)
        if target is None:
            return
        css_path = "/" + target.relative_to(output).as_posix()
        css = target.read_text("utf-8", errors="replace")
        if CSS_FONT_FACE.search(css):
            weight.fonts.append(f"@font-face in {css_path}")
        for imported in CSS_IMPORT.findall(css):
            # Fetched only once the importing stylesheet has arrived: one more
            # round trip before the page can render.
            load_css(imported, blocking, f"@import in {css_path}:", css_path)

    for line, href, media in page.stylesheets:
        blocking = (media or "all").strip().lower() != "print"
        load_css(href, blocking, f"line {line}: stylesheet")
    for line, src, blocking in page.scripts:
        load(src, blocking, f"line {line}: script")
    for line, href, kind in page.preloads:
        if kind == "font":
            weight.fonts.append(f"line {line}: font preload {href}")
        load(href, False, f"line {line}: preload")
    for style in page.inline_styles:
        if CSS_FONT_FACE.search(style):
            weight.fonts.append("@font-face in an inline <style>")
    return weight


@dataclass
class BudgetReport:
    weights: list = field(default_factory=list)
    problems: list = field(default_factory=list)

    @property
    def articles(self):
        return [weight for weight in self.weights if weight.is_article]

    @property
    def heaviest_article(self):
        return max(self.articles, key=lambda weight: weight.gzip_bytes, default=None)


def check_budget(output, site_url="", budget=ARTICLE_BUDGET_BYTES):
    """Articles within `budget` gzip bytes; on every page, nothing blocks
    rendering but one stylesheet, and no web fonts."""
    report = BudgetReport()
    for path in html_files(output):
        weight = weigh_page(output, path, site_url)
        report.weights.append(weight)
        if weight.is_article and weight.gzip_bytes > budget:
            report.problems.append(
                Problem(
                    weight.page,
                    0,
                    f"the article weighs {weight.gzip_bytes:,} bytes gzipped with "
                    f"its CSS and JS; the budget is {budget:,}: "
                    + ", ".join(f"{name} {size:,}" for name, _, size in weight.files),
                )
            )
        stylesheets = [item for item in weight.blocking if "stylesheet" in item]
        extra = [item for item in weight.blocking if item not in stylesheets[:1]]
        report.problems += [
            Problem(weight.page, 0, f"blocks rendering beyond one stylesheet: {item}")
            for item in extra
        ]
        report.problems += [
            Problem(weight.page, 0, f"loads a web font: {font}")
            for font in weight.fonts
        ]
        report.problems += [
            Problem(weight.page, 0, f"loads a file from another site: {item}")
            for item in weight.third_party
        ]
    return report


def vnu_jar():
    """The Nu HTML checker from npm's vnu-jar, which `npm ci` installs from the
    lock file (`invoke test` runs it)."""
    jar = PROJECT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if not jar.is_file():
        raise SiteCheckError(
            "The HTML validator is missing: run `npm ci --ignore-scripts` in the "
            "project folder (`invoke test` does it for you)."
        )
    return jar


def run_vnu(paths, output=None):
    """Nu HTML checker errors for HTML files and folders, in one Java run."""
    java = shutil.which("java")
    if java is None:
        raise SiteCheckError(
            "Java is missing: install it with `apt-get install default-jre-headless`."
        )
    command = [
        java,
        "-jar",
        str(vnu_jar()),
        "--errors-only",
        "--skip-non-html",
        "--format",
        "json",
        "--stdout",
        "--exit-zero-always",
        *(str(path) for path in paths),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    try:
        messages = json.loads(done.stdout)["messages"]
    except (ValueError, KeyError):
        raise SiteCheckError(
            f"The HTML validator failed: {done.stderr.strip() or done.stdout}"
        ) from None
    return [_vnu_problem(message, output) for message in messages]


def _vnu_problem(message, output):
    path = Path(unquote(urlsplit(message.get("url", "")).path))
    page = page_url(output, path) if output and path.is_relative_to(output) else path
    extract = " ".join(message.get("extract", "").split())
    text = message.get("message", "")
    return Problem(
        str(page),
        message.get("lastLine", 0),
        f"{text} [{extract}]" if extract else text,
    )


def check_html(output):
    """Validator errors for every page of a built site."""
    output = Path(output).resolve()
    return run_vnu([output], output)


def site_gates(output):
    """Run valid HTML, links and page weight on a built site; the lines to
    print and whether everything passed."""
    output = Path(output)
    if not (output / "index.html").is_file():
        return [f"error: no built site in {output}/: run `invoke build` first."], False
    site_url = built_site_url(output)
    lines = []
    errors = check_html(output)
    links = check_links(output, site_url)
    budget = check_budget(output, site_url)
    for name, problems in (
        ("html", errors),
        ("link", links.broken),
        ("budget", budget.problems),
    ):
        lines += [f"error: [{name}] {problem}" for problem in problems]
    lines += [
        f"external: {url} (on {len(pages)} page{'s' * (len(pages) != 1)})"
        for url, pages in sorted(links.external.items())
    ]
    heaviest = budget.heaviest_article
    lines += [
        f"Valid HTML: {len(errors)} errors in {links.pages} pages.",
        f"Links: {len(links.broken)} broken of {links.links}; "
        f"{len(links.external)} external links listed, not fetched.",
        "Page weight: heaviest article "
        + (
            f"{heaviest.page} {heaviest.gzip_bytes:,} bytes gzipped "
            f"(budget {ARTICLE_BUDGET_BYTES:,})"
            if heaviest
            else "none found"
        )
        + f"; {len(budget.problems)} problem{'s' * (len(budget.problems) != 1)}.",
    ]
    return lines, not (errors or links.broken or budget.problems)


def built_site_url(output):
    """The address the site was built for, from its home page's canonical
    link: whichever settings built output/ (a preview's "" or the published
    https://...), its own absolute links count as links within the site."""
    home = (Path(output) / "index.html").read_text("utf-8", errors="replace")
    found = CANONICAL.search(home)
    return found.group(1).rstrip("/") if found else ""


@dataclass(frozen=True)
class LighthouseResult:
    url: str
    scores: dict  # category -> score out of 100
    failing: list  # a line for each scored audit that lost points


def run_lighthouse(url, chrome_path):
    """Lighthouse's four category scores for one page, and what lost points."""
    lighthouse = PROJECT / "node_modules" / ".bin" / "lighthouse"
    if not lighthouse.is_file():
        raise SiteCheckError(
            "Lighthouse is missing: run `npm ci --ignore-scripts` in the project "
            "folder (`invoke test` does it for you)."
        )
    if chrome_path is None:
        raise SiteCheckError("No Chromium or Google Chrome found for Lighthouse.")
    with tempfile.TemporaryDirectory() as folder:
        report_path = Path(folder) / "report.json"
        done = subprocess.run(
            [
                str(lighthouse),
                url,
                f"--chrome-path={chrome_path}",
                f"--chrome-flags={LIGHTHOUSE_CHROME_FLAGS}",
                f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)}",
                "--output=json",
                f"--output-path={report_path}",
                "--quiet",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0 or not report_path.is_file():
            raise SiteCheckError(
                f"Lighthouse failed on {url}: {done.stderr.strip()[-1000:]}"
            )
        report = json.loads(report_path.read_text("utf-8"))
    return LighthouseResult(url, *_lighthouse_findings(report))


def _lighthouse_findings(report):
    scores, failing = {}, []
    for name, category in report["categories"].items():
        scores[name] = round(category["score"] * 100)
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit.get("score") is not None and audit["score"] < 1:
                shown = audit.get("displayValue") or audit.get("explanation") or ""
                failing.append(
                    f"{name}: {ref['id']} scored {audit['score']}: "
                    f"{audit['title']} {shown}".rstrip()
                )
    return scores, failing
