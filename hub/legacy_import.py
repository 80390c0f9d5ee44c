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

import codecs
import datetime
import difflib
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from content_model.mojibake import repair
from content_model.placeholders import SUMMARY

SUMMARY_MAX = 160
# Far more than any page's text; a bigger file is the wrong file.
MAX_BYTES = 1_000_000
REVIEW_NOTE = "# Imported from the old site: review it, then set 'status: published'.\n"
# C0 control bytes other than tab, LF, form feed and CR never occur in text.
CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f]")
# C1 controls left after repair: bytes that neither UTF-8 nor Windows-1252 reads.
UNREAD = re.compile("[\x80-\x9f]")
SIGNATURES = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a Word document or other zip archive",
    b"\xff\xfe": "UTF-16 text",
    b"\xfe\xff": "UTF-16 text",
}
# How `ls -l` marks the kinds of file that are not regular files.
FILE_KINDS = {"d": "a folder", "c": "a character device", "p": "a named pipe"}
# Windows-1252, reading its five undefined bytes as the C1 controls of the same
# number, as content_model.mojibake expects, instead of losing them.
CP1252 = "".join(bytes([b]).decode("cp1252", "ignore") or chr(b) for b in range(256))
LINE = re.compile(r"line (\d+):")
HINT = "; export the page as plain text (UTF-8) and import that file"
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
# Words too common to tell topics apart.
STOPWORDS = re.compile(
    "about|against|also|been|being|care|from|have|health|into|more|that|their|them|"
    "they|this|under|well|what|when|which|will|with|your"
)
# Phrases, as regular expressions, that point to a topic more surely than the
# words of its description.
TOPIC_KEYWORDS = {
    "cqc-inspection": "cqc|inspection|inspector|rating|single assessment framework|"
    "quality statements|requires improvement|inadequate|well-led",
    "tender-writing": "method statement|quality question|evaluator|scoring|"
    "word count|bid writing",
    "procurement-law": "procurement act|provider selection regime|regulations|"
    "competitive flexible|direct award|legal",
    "social-value": "social value|local employment|volunteering|net zero|carbon|"
    "community",
    "mobilisation": "mobilisation|tupe|kpi|contract start|transition|handover",
    "bid-strategy": "bid/no bid|bid no bid|go/no-go|pipeline|win rate|which tenders",
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


def _load_yaml(path):
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def _front_matter(path):
    try:
        parts = path.read_text("utf-8").split("---\n", 2)
        values = yaml.safe_load(parts[1]) if len(parts) == 3 else None
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
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
        text = codecs.charmap_decode(data, "strict", CP1252)[0]
        return text, ["the file is not UTF-8; it was read as Windows-1252"]


def convert(text, catalogue, topic=None, today=None):
    """Turn one export's text into an Article; raise ImportFailed if impossible."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n")
    text, repairs = repair(raw)
    unread = UNREAD.search(text)
    if unread:
        line = text.count("\n", 0, unread.start()) + 1
        raise ImportFailed(
            f"the file is not UTF-8 or Windows-1252 text (line {line} has a "
            "character neither can read), so it may use another encoding" + HINT
        )
    lines = [(n, line.rstrip()) for n, line in enumerate(text.split("\n"), start=1)]
    content = [(number, line) for number, line in lines if line.strip()]
    if not content:
        raise ImportFailed("the file is empty")
    title_line = content[0][0]
    title = _clean(content[0][1])
    rest = lines[title_line:]
    parsed = _Parsed(raw.split("\n"))
    parsed.keep(title, title_line)
    start = next(
        (i for i, (_, line) in enumerate(rest) if _marker(line, catalogue)),
        len(rest),
    )
    parsed.blocks = _body_blocks(rest[:start])
    parsed.used.update(number for number, _ in rest[:start])
    parsed.summary = _summary(parsed)
    _read_boilerplate(rest[start:], catalogue, parsed)
    topic, topic_note = _choose_topic(title, text, catalogue, topic)
    front_matter, comments = _front_matter_values(
        title, topic, parsed, catalogue, today or datetime.date.today()
    )
    body = _markdown_body(parsed)
    dumped = yaml.safe_dump(
        front_matter, sort_keys=False, allow_unicode=True, width=1000
    )
    comments.append(REVIEW_NOTE)
    markdown = "---\n" + dumped + "".join(comments) + "status: draft\n---\n" + body
    # Damage in boilerplate the article drops is no concern of the editor's.
    kept = [w for w in repairs if int(LINE.match(w)[1]) in parsed.used]
    return Article(_slugify(title), markdown, topic_note, kept + parsed.warnings)


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
            parsed.byline_lines = [n for n, _ in run]
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
            parsed.used.update(n for n, _ in run)
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
        if len(word) > 3 and not STOPWORDS.fullmatch(word)
    )
    if slug in TOPIC_KEYWORDS:
        found = re.findall(rf"\b(?:{TOPIC_KEYWORDS[slug]})\b", haystack)
        score += KEYWORD_WEIGHT * len(found)
    return score


def _front_matter_values(title, topic, parsed, catalogue, today):
    values = {"title": title, "date": today, "topic": topic, "summary": parsed.summary}
    comments = []
    author, editor = _byline_names(parsed)
    parsed.keep(author, *parsed.byline_lines)
    parsed.keep(editor, *parsed.byline_lines)
    if author:
        values["author"] = author
    if editor:
        slug = _person_slug(editor, catalogue)
        if slug:
            values["editor"] = slug
        else:
            # Publishing would credit the default editor instead.
            comments.append(
                f"# The old byline names {editor!r} as editor, who is not in "
                "content/data/people.yml.\n"
            )
            parsed.warnings.append(
                f"line {parsed.byline_lines[0]}: unknown editor {editor!r}: add them "
                "to content/data/people.yml and set 'editor:' to their slug before "
                "publishing"
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
    """The opening paragraph, moved out of the body since the page shows the
    summary under the title; if it does not fit, a placeholder the build refuses
    to publish."""
    kind, text, number = parsed.blocks[0] if parsed.blocks else ("", "", 0)
    text = " ".join(text.split())
    if kind == "paragraph" and len(text) <= SUMMARY_MAX:
        del parsed.blocks[0]
        return text
    reason = (
        f"line {number}: the first paragraph is over {SUMMARY_MAX} characters, so "
        "it stays in the body and"
        if kind == "paragraph"
        else "the body does not start with a paragraph, so"
    )
    parsed.warnings.append(
        f"{reason} 'summary' is a placeholder: write a summary of at most "
        f"{SUMMARY_MAX} characters"
    )
    return SUMMARY


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
    written = {}  # slug -> the export it was written from in this run
    options = {"content": content, "topic": topic, "force": force, "today": today}
    for path in files:
        print(f"{path}:")
        try:
            article, target = _import_one(path, catalogue, written, **options)
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


def _import_one(path, catalogue, written, *, content, topic, force, today):
    text, decode_warnings = decode(_read(path))
    article = convert(text, catalogue, topic, today)
    article.warnings[:0] = decode_warnings
    if article.slug in written:
        raise ImportFailed(
            f"{path} and {written[article.slug]} both give the slug "
            f"'{article.slug}'; nothing was written for {path}: rename one title, "
            "or import them separately"
        )
    target = Path(content) / "articles" / f"{article.slug}.md"
    # A broken link counts too: writing through it would put the article elsewhere.
    if (target.exists() or target.is_symlink()) and not force:
        raise ImportFailed(
            f"{target} already exists; nothing was written. Pass --force to replace it."
        )
    try:
        target.write_text(article.markdown, encoding="utf-8")
    except OSError as error:
        raise ImportFailed(f"cannot write {target}: {error.strerror}") from None
    written[article.slug] = path
    return article, target


def _read(path):
    """The bytes of a regular file that looks like text. Devices and pipes may be
    endless, so it never opens one, nor reads more than MAX_BYTES + 1 bytes."""
    try:
        if path.is_symlink() and not path.exists():
            link = os.readlink(path)
            raise ImportFailed(f"{path} is a broken symbolic link to {link}")
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):
            kind = FILE_KINDS.get(stat.filemode(mode)[0], "a device or socket")
            raise ImportFailed(
                f"{path} is {kind}, not a regular file: give a plain-text export"
            )
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise ImportFailed(f"cannot read {path}: {error.strerror}") from None
    if len(data) > MAX_BYTES:
        raise ImportFailed(
            f"{path} is over {MAX_BYTES // 1_000_000} MB, far more than one page's "
            "text: check that it is the right file"
        )
    control = CONTROL.search(data)
    kind = next((SIGNATURES[sign] for sign in SIGNATURES if data.startswith(sign)), "")
    if control and not kind:
        line = data.count(b"\n", 0, control.start()) + 1
        kind = f"binary data (control byte 0x{control[0][0]:02X} on line {line})"
    if kind:
        raise ImportFailed(f"{path} is not plain text: it seems to be {kind}" + HINT)
    return data
