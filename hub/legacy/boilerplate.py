# ruff: noqa: RUF001 - the exports' curly quotes and dashes are the point here
"""The old page's boilerplate after the body: product promos, the quote block,
the byline, the back link and "Useful Tender Resources".

The hub's plugins draw all of that from site data, so it becomes front-matter
and is never copied into the body. Names are matched against the hub's own
site data and articles, read through the content model.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from pelican.utils import slugify

from content_model.front_matter import FrontMatterError, load_yaml, split_front_matter
from content_model.reader import MAX_FRONT_MATTER_CHARS
from content_model.site_data import load_site_data
from hub.legacy.export import ARROW, BULLET, body_blocks, clean, paragraphs

URL_ITEM = re.compile(r"^(?P<title>.+?)[\s:–—-]*\(?(?P<url>https?://[^\s)]+)\)?$")
PARENTHESIS = re.compile(r"\s*\(.*\)$")


@dataclass
class SiteCatalogue:
    """The names the boilerplate refers to: the hub's site data and articles."""

    topics: dict  # slug -> Topic
    products: dict  # slug -> Product
    people: dict  # slug -> Person
    articles: dict  # normalised title, and slug -> slug
    slug_rules: list  # SLUG_REGEX_SUBSTITUTIONS, as `invoke new` uses them

    @classmethod
    def load(cls, settings):
        content = Path(settings["PATH"])
        site_data = load_site_data(str(content / settings["HUB_DATA_PATH"]))
        articles = {}
        for folder in settings["ARTICLE_PATHS"]:
            for path in sorted((content / folder).glob("*.md")):
                articles[path.stem] = path.stem
                title = _title_of(path)
                if title:
                    articles[normalise(title)] = path.stem
        return cls(
            site_data.topics,
            site_data.products,
            site_data.people,
            articles,
            settings["SLUG_REGEX_SUBSTITUTIONS"],
        )

    def slug_for(self, title):
        return slugify(title, regex_subs=self.slug_rules)

    def product_named(self, text):
        wanted = normalise(PARENTHESIS.sub("", text))
        for slug, product in self.products.items():
            if normalise(product.name) == wanted:
                return slug
        return None

    def quote_headings(self):
        return {
            normalise(product.heading)
            for product in self.products.values()
            if product.heading
        }

    def person_named(self, name):
        wanted = normalise(name)
        for slug, person in self.people.items():
            if normalise(person.name) == wanted:
                return slug
        return None


def _title_of(path):
    try:
        front_matter, _ = split_front_matter(path.read_text("utf-8"))
        values = load_yaml(front_matter, 2, MAX_FRONT_MATTER_CHARS)
    except (OSError, UnicodeDecodeError, FrontMatterError):
        return None
    return str(values.get("title", "")) if isinstance(values, dict) else None


@dataclass
class Parsed:
    """What the boilerplate said, and the body blocks in order."""

    raw: list  # the export's lines before repair
    blocks: list = field(default_factory=list)  # (kind, text, line)
    summary: str = ""
    products: list = field(default_factory=list)
    quote: bool = False
    byline: str | None = None
    byline_lines: list = field(default_factory=list)
    groups: dict = field(default_factory=dict)  # name -> [link]
    unplaced_resources: dict = field(default_factory=dict)  # name -> [text]
    warnings: list = field(default_factory=list)
    used: set = field(default_factory=set)  # lines whose repairs the article shows

    def keep(self, text, *numbers):
        """Note text the article takes from these lines. Unless the export has
        it as it is, the repair changed it, so the lines' repair warnings count."""
        if text and text not in " ".join(self.raw[n - 1].strip() for n in numbers):
            self.used.update(numbers)


def normalise(text):
    """Compare names whatever their quotes, dashes, case and spacing."""
    text = text.translate(str.maketrans("‘’“”–—", "''\"\"--"))
    return " ".join(text.casefold().split()).strip(" .:")


def marker(line, catalogue):
    """Which boilerplate block a line starts, or None."""
    text = normalise(clean(line))
    if not text or BULLET.match(line):
        return None
    checks = (
        ("quote", text in catalogue.quote_headings()),
        ("product", bool(catalogue.product_named(clean(line)))),
        ("byline", text.startswith("written by ")),
        ("back", text.startswith("return to knowledge hub")),
        ("resources", text == "useful tender resources"),
    )
    return next((kind for kind, found in checks if found), None)


def read_boilerplate(lines, catalogue, parsed):
    index = 0
    while index < len(lines):
        line = lines[index][1]
        kind = marker(line, catalogue)
        if not line.strip():
            index += 1
        elif kind in ("quote", "product"):
            if kind == "quote":
                parsed.quote = True
            else:
                slug = catalogue.product_named(clean(line))
                if slug not in parsed.products:
                    parsed.products.append(slug)
            index = _promo_end(lines, index, catalogue)
        elif kind == "byline":
            run = next(paragraphs(lines[index:]))
            parsed.byline = " ".join(clean(text) for _, text in run)
            parsed.byline_lines = [n for n, _ in run]
            index += len(run)
        elif kind == "back":
            index += 1
        elif kind == "resources":
            index = _read_resources(lines, index + 1, catalogue, parsed)
        else:
            index += _keep_stray_text(lines[index:], parsed)


def _keep_stray_text(lines, parsed):
    """Text after the boilerplate that is not part of it goes back in the body."""
    number, line = lines[0]
    run = next(paragraphs(lines))
    parsed.warnings.append(
        f"line {number}: kept {clean(line)[:60]!r} at the end of the "
        "body: it follows the old page's boilerplate but is not part of it"
    )
    parsed.used.update(n for n, _ in run)
    parsed.blocks += body_blocks(
        [(n, text) if BULLET.match(text) else (n, clean(text)) for n, text in run]
    )
    return len(run)


def _promo_end(lines, start, catalogue):
    """Where a promo or quote block ends: after its "… →" link line if it has one
    before the next block, otherwise at its first blank line."""
    for index in range(start + 1, len(lines)):
        line = lines[index][1]
        if marker(line, catalogue):
            break
        if ARROW.search(line):
            return index + 1
    index = start
    while index < len(lines) and lines[index][1].strip():
        index += 1
    return index


def _read_resources(lines, index, catalogue, parsed):
    group = "Resources"
    while index < len(lines):
        number, line = lines[index]
        if marker(line, catalogue):
            return index
        text = clean(BULLET.sub(r"\1", line))
        if text.endswith(":") and not BULLET.match(line):
            group = text.rstrip(":").strip()
            parsed.keep(group, number)
        elif text:
            link = _resource_link(text, catalogue)
            if not link or "url" in link:  # its text reaches the body or a title
                parsed.keep(text, number)
            if link:
                parsed.groups.setdefault(group, []).append(link)
            else:
                parsed.unplaced_resources.setdefault(group, []).append(text)
                parsed.warnings.append(
                    f"line {number}: resource {text!r} is not an article title, "
                    "a product name or a web address; kept in the body under "
                    "'Other resources'"
                )
        index += 1
    return index


def _resource_link(text, catalogue):
    slug = catalogue.articles.get(normalise(text)) or catalogue.articles.get(
        catalogue.slug_for(text)
    )
    if slug:
        return {"article": slug}
    slug = catalogue.product_named(text)
    if slug:
        return {"product": slug}
    match = URL_ITEM.match(text)
    if match:
        return {"title": match["title"].strip(), "url": match["url"]}
    return None


def byline_names(parsed):
    """(author, editor name) from "Written by X, editorial oversight by Y, …"."""
    if parsed.byline is None:
        return None, None
    text = re.sub(r"^written by\s+", "", parsed.byline, flags=re.IGNORECASE)
    oversight = re.search(r",?\s*editorial oversight by\s+", text, re.IGNORECASE)
    author = text[: oversight.start()] if oversight else text
    rest = text[oversight.end() :] if oversight else ""
    author = re.split(r"\s+[—–-]\s+", author, maxsplit=1)[0].strip(" .,")
    editor = re.split(r",|\s+[—–-]\s+|\(", rest, maxsplit=1)[0].strip(" .")
    return author or None, editor or None
