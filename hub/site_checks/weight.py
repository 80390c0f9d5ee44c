"""Page weight: an article with the CSS and JS it loads before interaction
within 40 KB gzipped; on every page, nothing blocks rendering but one
stylesheet, no web fonts and no files from another site."""

import gzip
import re
from dataclasses import dataclass, field
from pathlib import Path

from hub.site_checks import pages
from hub.site_checks.pages import Finding

ARTICLE_BUDGET_BYTES = 40 * 1024
FONT_SUFFIXES = (".woff", ".woff2", ".ttf", ".otf", ".eot")
CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*["']?([^"')\s;]+)""", re.I)
CSS_FONT_FACE = re.compile(r"@font-face", re.I)


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


def gzip_size(path):
    """The bytes a file takes gzipped at the strongest level."""
    return len(gzip.compress(Path(path).read_bytes(), compresslevel=9))


def weigh_page(output, path, site_url=""):
    """The page, with the CSS and JS it loads before interaction, in bytes
    and gzip bytes; what blocks rendering; any web fonts it loads."""
    output = Path(output)
    base = "/" + Path(path).relative_to(output).as_posix()
    page = pages.parse_page(path)
    weight = PageWeight(pages.page_url(output, path), page.is_article)
    weight.files.append((base, Path(path).stat().st_size, gzip_size(path)))
    seen = {base}

    def load(url, blocking, label, referrer=base):
        target_path = pages.internal_path(url, referrer, site_url)
        if target_path is None:
            weight.third_party.append(f"{label} {url}")
            return None
        target = pages.file_for(output, target_path)
        if target is None or target_path in seen:
            return None
        seen.add(target_path)
        weight.files.append((target_path, target.stat().st_size, gzip_size(target)))
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
    for path in pages.html_files(output):
        weight = weigh_page(output, path, site_url)
        report.weights.append(weight)
        report.problems += budget_findings(weight, budget)
    return report


def budget_findings(weight, budget=ARTICLE_BUDGET_BYTES):
    """What is wrong with one weighed page."""
    findings = []
    if weight.is_article and weight.gzip_bytes > budget:
        findings.append(
            Finding(
                weight.page,
                0,
                f"the article weighs {weight.gzip_bytes:,} bytes gzipped with "
                f"its CSS and JS; the budget is {budget:,}: "
                + ", ".join(f"{name} {size:,}" for name, _, size in weight.files),
            )
        )
    stylesheets = [item for item in weight.blocking if "stylesheet" in item]
    extra = [item for item in weight.blocking if item not in stylesheets[:1]]
    findings += [
        Finding(weight.page, 0, f"blocks rendering beyond one stylesheet: {item}")
        for item in extra
    ]
    findings += [
        Finding(weight.page, 0, f"loads a web font: {font}") for font in weight.fonts
    ]
    findings += [
        Finding(weight.page, 0, f"loads a file from another site: {item}")
        for item in weight.third_party
    ]
    return findings
