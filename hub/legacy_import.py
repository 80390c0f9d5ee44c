# ruff: noqa: RUF001 - the exports' curly quotes and dashes are the point here
"""Turn plain-text exports of the old site's pages into hub articles.

The export format: the title on the first line; paragraphs separated by blank
lines; short standalone lines as section headings; list items as lines starting
with "  •". The old page's boilerplate follows the body (product promos, the
quote block, the byline, the back link and "Useful Tender Resources"). The hub's
plugins draw all of that from site data, so the importer turns it into
front-matter and never copies it into the body. Text it cannot place is kept in
the body, with a warning.
"""

import datetime
import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from hub.mojibake import repair

SUMMARY_MAX = 160
HEADING_MAX_CHARS = 80
HEADING_MAX_WORDS = 12
SLUG_MAX = 80
BULLET = re.compile(r"^\s*•\s*(.*)$")
ARROW = re.compile(r"\s*(→|->|➜|➡️?)\s*$")
URL_ITEM = re.compile(r"^(?P<title>.+?)[\s:–—-]*\(?(?P<url>https?://[^\s)]+)\)?$")
PARENTHESIS = re.compile(r"\s*\(.*\)$")
# Characters that make Markdown out of plain text.
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]])")
MARKDOWN_LINE_START = re.compile(r"^(#|>|[-+] |\d+[.)] )")
WORD = re.compile(r"[a-z][a-z'-]+")
STOPWORDS = frozenset(
    (
        "about",
        "against",
        "also",
        "been",
        "being",
        "care",
        "from",
        "have",
        "health",
        "into",
        "more",
        "that",
        "their",
        "them",
        "they",
        "this",
        "under",
        "well",
        "what",
        "when",
        "which",
        "will",
        "with",
        "your",
    )
)
# Phrases that point to a topic more surely than the words of its description.
TOPIC_KEYWORDS = {
    "cqc-inspection": [
        "cqc",
        "inspection",
        "inspector",
        "rating",
        "single assessment framework",
        "quality statements",
        "requires improvement",
        "inadequate",
        "well-led",
    ],
    "tender-writing": [
        "method statement",
        "quality question",
        "evaluator",
        "scoring",
        "word count",
        "bid writing",
    ],
    "procurement-law": [
        "procurement act",
        "provider selection regime",
        "regulations",
        "competitive flexible",
        "direct award",
        "legal",
    ],
    "social-value": [
        "social value",
        "local employment",
        "volunteering",
        "net zero",
        "carbon",
        "community",
    ],
    "mobilisation": [
        "mobilisation",
        "tupe",
        "kpi",
        "contract start",
        "transition",
        "handover",
    ],
    "bid-strategy": [
        "bid/no bid",
        "bid no bid",
        "go/no-go",
        "pipeline",
        "win rate",
        "which tenders",
    ],
}
KEYWORD_WEIGHT = 3


class ImportFailed(Exception):
    """A file that cannot be imported; the message says why and what to do."""


@dataclass
class SiteCatalogue:
    """The names the boilerplate refers to, read from the content folder."""

    topics: dict  # slug -> {name, description}
    products: dict  # slug -> {name, heading, ...}
    people: dict  # slug -> {name, role}
    articles: dict  # normalised title, and slug -> slug

    @classmethod
    def load(cls, content):
        data = Path(content) / "data"
        articles = {}
        for path in sorted((Path(content) / "articles").glob("*.md")):
            articles[path.stem] = path.stem
            title = _front_matter(path).get("title")
            if title:
                articles[_normalise(str(title))] = path.stem
        return cls(
            topics=_load_yaml(data / "topics.yml"),
            products=_load_yaml(data / "products.yml"),
            people=_load_yaml(data / "people.yml"),
            articles=articles,
        )

    def product_named(self, text):
        wanted = _normalise(PARENTHESIS.sub("", text))
        for slug, product in self.products.items():
            if _normalise(product.get("name", "")) == wanted:
                return slug
        return None

    def quote_headings(self):
        return {
            _normalise(product["heading"])
            for product in self.products.values()
            if product.get("heading")
        }


@dataclass
class Article:
    slug: str
    markdown: str
    topic_note: str = ""
    warnings: list = field(default_factory=list)


@dataclass
class _Parsed:
    """What the boilerplate said, and the body blocks in order."""

    blocks: list = field(default_factory=list)  # (kind, text, line)
    products: list = field(default_factory=list)
    quote: bool = False
    byline: str | None = None
    byline_line: int = 0
    groups: dict = field(default_factory=dict)  # name -> [link]
    unplaced_resources: dict = field(default_factory=dict)  # name -> [text]
    warnings: list = field(default_factory=list)


def _load_yaml(path):
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def _front_matter(path):
    parts = path.read_text("utf-8").split("---\n", 2)
    try:
        values = yaml.safe_load(parts[1]) if len(parts) == 3 else None
    except yaml.YAMLError:
        values = None
    return values if isinstance(values, dict) else {}


def _normalise(text):
    """Compare names whatever their quotes, dashes, case and spacing."""
    text = text.translate(str.maketrans("‘’“”–—", "''\"\"--"))
    return " ".join(text.casefold().split()).strip(" .:")


def _clean(line):
    """A boilerplate line without its decorative emoji, arrows and spacing."""
    text = ARROW.sub("", line).strip()

    def decorative(char):
        return unicodedata.category(char) in ("So", "Sk", "Cf", "Mn") or char.isspace()

    start, end = 0, len(text)
    while start < end and decorative(text[start]):
        start += 1
    while end > start and decorative(text[end - 1]):
        end -= 1
    return text[start:end]


def decode(data):
    """The export's text, and a warning if it was not UTF-8."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), [
            "the file is not UTF-8; it was read as Windows-1252"
        ]


def convert(text, catalogue, topic=None, today=None):
    """Turn one export's text into an Article; raise ImportFailed if impossible."""
    text, warnings = repair(text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [(n, line.rstrip()) for n, line in enumerate(text.split("\n"), start=1)]
    content = [(number, line) for number, line in lines if line.strip()]
    if not content:
        raise ImportFailed("the file is empty")
    title_line = content[0][0]
    title = _clean(content[0][1])
    rest = lines[title_line:]
    parsed = _Parsed(warnings=warnings)
    start = next(
        (i for i, (_, line) in enumerate(rest) if _marker(line, catalogue)),
        len(rest),
    )
    parsed.blocks = _body_blocks(rest[:start])
    _read_boilerplate(rest[start:], catalogue, parsed)
    topic, topic_note = _choose_topic(title, text, catalogue, topic)
    front_matter, comments = _front_matter_values(
        title, topic, parsed, catalogue, today or datetime.date.today()
    )
    body = _markdown_body(parsed)
    dumped = yaml.safe_dump(
        front_matter, sort_keys=False, allow_unicode=True, width=1000
    )
    markdown = "---\n" + dumped + "".join(comments) + "---\n" + body
    return Article(_slugify(title), markdown, topic_note, parsed.warnings)


def _marker(line, catalogue):
    """Which boilerplate block a line starts, or None."""
    text = _normalise(_clean(line))
    if not text or BULLET.match(line):
        return None
    checks = (
        ("quote", text in catalogue.quote_headings()),
        ("product", bool(catalogue.product_named(_clean(line)))),
        ("byline", text.startswith("written by ")),
        ("back", text.startswith("return to knowledge hub")),
        ("resources", text == "useful tender resources"),
    )
    return next((kind for kind, found in checks if found), None)


def _paragraphs(lines):
    """Group (number, line) pairs into runs separated by blank lines."""
    run = []
    for number, line in lines:
        if line.strip():
            run.append((number, line))
        elif run:
            yield run
            run = []
    if run:
        yield run


def _body_blocks(lines):
    blocks = []
    for run in _paragraphs(lines):
        if len(run) == 1 and _is_heading(run[0][1]):
            blocks.append(("heading", run[0][1].strip(), run[0][0]))
            continue
        for number, line in run:
            bullet = BULLET.match(line)
            kind = "item" if bullet else "paragraph"
            text = bullet.group(1) if bullet else line.strip()
            if blocks and blocks[-1][0] == kind == "paragraph":
                previous = blocks[-1]
                blocks[-1] = (kind, previous[1] + "\n" + text, previous[2])
            else:
                blocks.append((kind, text, number))
        blocks.append(("break", "", run[-1][0]))
    return blocks


def _is_heading(line):
    text = line.strip()
    return (
        not BULLET.match(line)
        and len(text) <= HEADING_MAX_CHARS
        and len(text.split()) <= HEADING_MAX_WORDS
        and not text.endswith((".", ",", ";", ":"))
    )


def _read_boilerplate(lines, catalogue, parsed):
    index = 0
    while index < len(lines):
        number, line = lines[index]
        kind = _marker(line, catalogue)
        if not line.strip():
            index += 1
        elif kind in ("quote", "product"):
            if kind == "quote":
                parsed.quote = True
            else:
                slug = catalogue.product_named(_clean(line))
                if slug not in parsed.products:
                    parsed.products.append(slug)
            index = _promo_end(lines, index, catalogue)
        elif kind == "byline":
            run = next(_paragraphs(lines[index:]))
            parsed.byline = " ".join(_clean(text) for _, text in run)
            parsed.byline_line = number
            index += len(run)
        elif kind == "back":
            index += 1
        elif kind == "resources":
            index = _read_resources(lines, index + 1, catalogue, parsed)
        else:
            run = next(_paragraphs(lines[index:]))
            parsed.warnings.append(
                f"line {number}: kept {_clean(line)[:60]!r} at the end of the "
                "body: it follows the old page's boilerplate but is not part of it"
            )
            parsed.blocks += _body_blocks(
                [
                    (n, text) if BULLET.match(text) else (n, _clean(text))
                    for n, text in run
                ]
            )
            index += len(run)


def _promo_end(lines, start, catalogue):
    """Where a promo or quote block ends: after its "… →" link line if it has one
    before the next block, otherwise at its first blank line."""
    for index in range(start + 1, len(lines)):
        line = lines[index][1]
        if _marker(line, catalogue):
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
        if _marker(line, catalogue):
            return index
        text = _clean(BULLET.sub(r"\1", line))
        if text.endswith(":") and not BULLET.match(line):
            group = text.rstrip(":").strip()
        elif text:
            link = _resource_link(text, catalogue)
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
    slug = catalogue.articles.get(_normalise(text)) or catalogue.articles.get(
        _slugify(text)
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


def _choose_topic(title, text, catalogue, topic):
    if topic:
        if topic not in catalogue.topics:
            close = difflib.get_close_matches(topic, catalogue.topics, n=1)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            raise ImportFailed(
                f"unknown topic '{topic}'.{hint} "
                f"Known topics: {', '.join(catalogue.topics)}."
            )
        return topic, ""
    if not catalogue.topics:
        raise ImportFailed("content/data/topics.yml defines no topics; add one")
    haystack = (title + "\n" + title + "\n" + text).casefold()
    scores = {
        slug: _topic_score(slug, values, haystack)
        for slug, values in catalogue.topics.items()
    }
    best = max(scores, key=scores.get)
    if not scores[best]:
        best = next(iter(catalogue.topics))
        return best, (
            f"topic: no topic matched the text; chose '{best}'. "
            "Pass --topic SLUG to choose another."
        )
    ranked = sorted(scores.items(), key=lambda item: -item[1])[:3]
    shown = ", ".join(f"{slug} {score}" for slug, score in ranked)
    return best, (
        f"topic: guessed '{best}' (scores: {shown}). "
        "Pass --topic SLUG to choose another."
    )


def _topic_score(slug, values, haystack):
    words = WORD.findall(f"{values.get('name', '')} {values.get('description', '')}")
    score = sum(
        len(re.findall(rf"\b{re.escape(word)}\b", haystack))
        for word in {word.casefold() for word in words}
        if len(word) > 3 and word not in STOPWORDS
    )
    for phrase in TOPIC_KEYWORDS.get(slug, []):
        found = re.findall(rf"\b{re.escape(phrase)}\b", haystack)
        score += KEYWORD_WEIGHT * len(found)
    return score


def _front_matter_values(title, topic, parsed, catalogue, today):
    values = {"title": title, "date": today, "topic": topic}
    values["summary"] = _summary(parsed)
    comments = []
    if not values["summary"]:
        values["summary"] = title
        parsed.warnings.append("no first paragraph; the summary is the title")
    author, editor = _byline_names(parsed)
    if author:
        values["author"] = author
    if editor:
        slug = _person_slug(editor, catalogue)
        if slug:
            values["editor"] = slug
        else:
            # Publishing would credit the default editor instead; keep it a draft.
            values["status"] = "draft"
            comments.append(
                f"# The old byline names {editor!r} as editor, who is not in "
                "content/data/people.yml.\n"
            )
            parsed.warnings.append(
                f"line {parsed.byline_line}: unknown editor {editor!r}: add them "
                "to content/data/people.yml, set 'editor:' to their slug and remove "
                "'status: draft' (imported as a draft until then)"
            )
    elif parsed.byline is None:
        parsed.warnings.append(
            "no byline found: the page will credit the site's default editor"
        )
    if parsed.products:
        values["products"] = parsed.products
    if parsed.groups:
        values["resources"] = {"mode": "add", "groups": parsed.groups}
    values["cta"] = "quote" if parsed.quote else "none"
    return values, comments


def _summary(parsed):
    first = next((text for kind, text, _ in parsed.blocks if kind == "paragraph"), "")
    text = " ".join(first.split())
    if len(text) <= SUMMARY_MAX:
        return text
    cut = text[: SUMMARY_MAX - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:–—- ") + "…"


def _byline_names(parsed):
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


def _person_slug(name, catalogue):
    wanted = _normalise(name)
    for slug, person in catalogue.people.items():
        if _normalise(person.get("name", "")) == wanted:
            return slug
    return None


def _escape(text):
    text = MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("<", "&lt;")
    return "\n".join(
        MARKDOWN_LINE_START.sub(r"\\\1", line) for line in text.split("\n")
    )


def _markdown_body(parsed):
    out = []
    for kind, text, _ in parsed.blocks:
        if kind == "heading":
            out.append(f"\n## {_escape(text)}\n")
        elif kind == "item":
            out.append(f"- {_escape(text)}")
        elif kind == "paragraph":
            out.append(f"\n{_escape(text)}\n")
        else:
            out.append("")
    if parsed.unplaced_resources:
        out.append("\n## Other resources\n")
        for group, items in parsed.unplaced_resources.items():
            out.append(f"\n{_escape(group)}:\n")
            out += [f"- {_escape(item)}" for item in items]
    markdown = "\n".join(out)
    return re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"


def _slugify(title):
    text = title.replace("’", "").replace("'", "")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if len(slug) > SLUG_MAX:
        slug = slug[:SLUG_MAX].rsplit("-", 1)[0]
    return slug or "imported-article"


def _expand(paths):
    """Files to import: each path, or the .txt files in a folder."""
    files = []
    for path in map(Path, paths):
        if path.is_dir():
            files += sorted(path.glob("*.txt"))
        else:
            files.append(path)
    return files


def import_files(paths, content="content", topic=None, force=False, today=None):
    """Import each export, printing progress; return the number that failed."""
    catalogue = SiteCatalogue.load(content)
    files = _expand(paths)
    if not files:
        print("No files to import: give an export file or a folder of .txt files.")
        return 1
    failed = warned = 0
    for path in files:
        print(f"{path}:")
        try:
            article, target = _import_one(
                path, catalogue, content=content, topic=topic, force=force, today=today
            )
        except ImportFailed as error:
            failed += 1
            print(f"  error: {error}")
            continue
        if article.topic_note:
            print(f"  {article.topic_note}")
        for warning in article.warnings:
            print(f"  warning: {warning}")
        warned += len(article.warnings)
        print(f"  wrote {target}")
        # Later files in the batch may list this one under their resources.
        catalogue = SiteCatalogue.load(content)
    imported = len(files) - failed
    print(
        f"Imported {imported} of {len(files)} file{'s' if len(files) != 1 else ''}"
        f" with {warned} warning{'s' if warned != 1 else ''}"
        + (f"; {failed} failed." if failed else ".")
        + (" Review each warning, then run: invoke check" if imported else "")
    )
    return failed


def _import_one(path, catalogue, *, content, topic, force, today):
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportFailed(f"cannot read the file: {error.strerror}") from None
    text, decode_warnings = decode(data)
    article = convert(text, catalogue, topic, today)
    article.warnings[:0] = decode_warnings
    target = Path(content) / "articles" / f"{article.slug}.md"
    if target.exists() and not force:
        raise ImportFailed(
            f"{target} already exists; nothing was written. Pass --force to replace it."
        )
    target.write_text(article.markdown, encoding="utf-8")
    return article, target
