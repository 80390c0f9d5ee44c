"""Read a Markdown file with YAML front-matter into Pelican content."""

import os
import re

from markdown import Markdown
from pelican.readers import BaseReader, MarkdownReader
from pelican.urlwrappers import Author, Tag

from . import fields, placeholders
from .build_state import state
from .dates import add_months
from .front_matter import FENCE, FrontMatterError, load_yaml, split_front_matter
from .mojibake import GARBLED_FIX, find_mojibake, garbled
from .parse_cache import ParseCache
from .problems import report
from .schema import FRONT_MATTER, check_values

KEY_LINE = re.compile(r"^([A-Za-z_][\w-]*)\s*:")
MAX_FILE_BYTES = 2_000_000
MAX_FRONT_MATTER_CHARS = 20_000
MAX_BAD_BYTES_LISTED = 10
PLACEHOLDER_FIX = (
    "Replace it with the article's own words, or keep the article "
    "status: draft until it is ready."
)
UTF8_FIX = (
    "Save the file with UTF-8 encoding (in most editors: 'Save with encoding' "
    "then 'UTF-8'), then retype any character shown wrongly."
)


def source_key(path, settings):
    """A file's identity: its path, last change, and the settings parsing uses."""
    stat = os.stat(path)
    used = (settings["PATH"], settings["PAGE_PATHS"], settings["REVIEW_PERIOD_MONTHS"])
    return (os.path.abspath(path), stat.st_mtime_ns, stat.st_size, repr(used))


class HubMarkdownReader(MarkdownReader):
    """Subclasses MarkdownReader, not BaseReader: Pelican enables every direct
    BaseReader subclass it can see, and this reader must only be used where the
    plugin is on. Its Markdown is set up here, without the meta extension."""

    def __init__(self, settings):
        BaseReader.__init__(self, settings)
        options = dict(settings["MARKDOWN"])
        configs = options.get("extension_configs", {})
        options["extensions"] = [*options.get("extensions", []), *configs]
        self._markdown = Markdown(**options)
        self._cache = ParseCache(settings)

    def read(self, source_path):
        # Filled ahead of the build by `parallel.prefetch`, and kept between
        # builds, so a preview re-parses only the files that changed.
        parsed_files = state.parsed_files
        key = source_key(source_path, self.settings)
        if key not in parsed_files:
            parsed_files[key] = self.parse(source_path)
        content, metadata, problems = parsed_files[key]
        for problem in problems:
            report(*problem)
        # The version of the file the content was made from, for previews.
        return content, self._to_pelican(metadata) | {"source_key": key}

    def parse(self, source_path):
        """(HTML, plain metadata, problems): plain data, so that workers can
        make it and the parse cache can keep it."""
        with open(source_path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
        key = self._cache.key(source_path, raw)
        parsed = self._cache.load(key)
        if parsed is None:
            problems = []
            content, metadata = self._parse_file(source_path, raw, problems.append)
            parsed = content, metadata, problems
            self._cache.store(key, parsed)
        return parsed

    def _parse_file(self, source_path, raw, found):
        schema = self._schema_for(source_path)
        text = _decode(source_path, raw, found)
        if text is None:
            return "", _broken(source_path, {})
        try:
            front_matter, body = split_front_matter(text)
            values = load_yaml(front_matter, 2, MAX_FRONT_MATTER_CHARS)
        except FrontMatterError as error:
            found((source_path, "front-matter", error.message, error.fix, error.line))
            return "", _broken(source_path, {})
        if not isinstance(values, dict):
            found(
                (
                    source_path,
                    "front-matter",
                    "expected 'key: value' lines between the '---' lines",
                    "See the content model in the README.",
                    2,
                )
            )
            return "", _broken(source_path, {})
        lines = _key_lines(front_matter)
        metadata, ok = self._parse(source_path, schema, values, lines, found)
        for field, line, excerpt in _garbled(front_matter, body, lines):
            found((source_path, field, garbled(excerpt), GARBLED_FIX, line))
            ok = False
        if schema is fields.ARTICLE_FIELDS and metadata.get("status") != "draft":
            left = _placeholders_left(metadata, body, front_matter, lines)
            for field, message, line in left:
                found((source_path, field, message, PLACEHOLDER_FIX, line))
            ok = ok and not left
        content = self._markdown.reset().convert(body)
        # Later checks (unknown slugs, redirects) report at the key's line.
        metadata["field_lines"] = lines
        return content, metadata if ok else _broken(source_path, metadata)

    def _schema_for(self, source_path):
        relative = os.path.relpath(source_path, self.settings["PATH"])
        top = relative.split(os.sep, 1)[0]
        return (
            fields.PAGE_FIELDS
            if top in self.settings["PAGE_PATHS"]
            else (fields.ARTICLE_FIELDS)
        )

    def _parse(self, path, schema, values, lines, found):
        metadata, wrong = check_values(values, schema, FRONT_MATTER)
        for key, message, fix in wrong:
            found((path, key, message, fix, lines.get(key)))
        ok = not wrong
        if schema is fields.ARTICLE_FIELDS:
            metadata.setdefault("cta", "quote")
            if "date" in metadata:
                ok = self._review_date(path, metadata, lines, found) and ok
        return metadata, ok

    def _review_date(self, path, metadata, lines, found):
        if "review_by" not in metadata:
            months = self.settings["REVIEW_PERIOD_MONTHS"]
            metadata["review_by"] = add_months(metadata["date"], months)
            return True
        if metadata["review_by"] < metadata["date"]:
            found(
                (
                    path,
                    "review_by",
                    f"{metadata['review_by']:%Y-%m-%d} is before the date "
                    f"{metadata['date']:%Y-%m-%d}",
                    "Set review_by after the date, or remove it to use the default.",
                    lines.get("review_by"),
                )
            )
            return False
        return True

    def _to_pelican(self, metadata):
        metadata = dict(metadata)
        if "tags" in metadata:
            metadata["tags"] = [Tag(tag, self.settings) for tag in metadata["tags"]]
        if "author" in metadata:
            metadata["author"] = Author(metadata["author"], self.settings)
        return metadata


def _decode(path, raw, found):
    """The file's text; None if it cannot be read as UTF-8 or is too large,
    with each problem found (by part of the file, bad bytes listed)."""
    if len(raw) > MAX_FILE_BYTES:
        found(
            (
                path,
                "file",
                f"the file is over the limit of {MAX_FILE_BYTES:,} bytes",
                "Split it into several articles, and keep images in content/images/.",
                None,
            )
        )
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    lines = raw.decode("utf-8-sig", errors="surrogateescape").splitlines()
    closing = next(
        (n for n, line in enumerate(lines[1:], 2) if line.strip() == FENCE), 0
    )
    bad = {"front-matter": [], "body": []}
    for number, line in enumerate(lines, 1):
        part = "front-matter" if number <= closing else "body"
        bad[part] += [(number, ord(char) - 0xDC00) for char in line if _escaped(char)]
    for part, places in bad.items():
        if places:
            found((path, part, _bad_bytes(part, places), UTF8_FIX, places[0][0]))
    return None


def _escaped(char):
    """A byte that was not UTF-8, as Python's surrogateescape keeps it."""
    return "\udc80" <= char <= "\udcff"


def _bad_bytes(part, places):
    listed = ", ".join(
        f"{byte:#04x} on line {line}" for line, byte in places[:MAX_BAD_BYTES_LISTED]
    )
    more = len(places) - MAX_BAD_BYTES_LISTED
    return f"the {part} is not valid UTF-8: byte {listed}" + (
        f" and {more} more" if more > 0 else ""
    )


def _garbled(front_matter, body, lines):
    """(field, line, excerpt) for each garbled run: in the front-matter under
    the key above it, in the body as the body."""
    first_body_line = front_matter.count("\n") + 3
    keys = sorted((line, key) for key, line in lines.items())
    for number, excerpt in find_mojibake(front_matter):
        line = number + 1  # the front-matter starts on the file's second line
        key = next((k for start, k in reversed(keys) if start <= line), None)
        yield key or "front-matter", line, excerpt
    for line, excerpt in find_mojibake(body):
        yield "body", line + first_body_line - 1, excerpt


def _placeholders_left(metadata, body, front_matter, lines):
    """(field, message, line) for each piece of scaffold text still there."""
    left = []
    if metadata.get("summary") == placeholders.SUMMARY:
        message = "the summary is still the text `invoke new` wrote"
        left.append(("summary", message, lines.get("summary")))
    first_line = front_matter.count("\n") + 3  # after the two '---' lines
    for number, line in enumerate(body.splitlines(), first_line):
        if line.strip() in placeholders.BODY_LINES:
            message = f"'{line.strip()}' is text that `invoke new` wrote"
            left.append(("body", message, number))
    return left


def _key_lines(front_matter):
    """Top-level key -> file line number (the front-matter starts on line 2)."""
    lines = {}
    for number, line in enumerate(front_matter.splitlines(), start=2):
        match = KEY_LINE.match(line)
        if match:
            lines.setdefault(match.group(1), number)
    return lines


def _broken(path, metadata):
    """Keep a file with problems as a draft, so its slug stays known to others.

    Its problems are already reported and fail the build; marking it stops
    later checks from repeating them.
    """
    name = os.path.splitext(os.path.basename(path))[0]
    return {
        **metadata,
        "title": metadata.get("title", name),
        "status": "draft",
        "has_problems": True,
    }
