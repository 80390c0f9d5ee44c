"""Read a Markdown file with YAML front-matter into Pelican content."""

import os
import re

from markdown import Markdown
from pelican.readers import BaseReader, MarkdownReader
from pelican.urlwrappers import Author, Tag

from . import fields
from .dates import add_months
from .front_matter import FrontMatterError, load_yaml, split_front_matter
from .problems import did_you_mean, report

KEY_LINE = re.compile(r"^([A-Za-z_][\w-]*)\s*:")

# Parsed files, by source_key: filled ahead of a build by `parallel.prefetch`,
# and kept between the builds of one process, so a preview re-parses only
# the files that changed.
parsed_files = {}


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

    def read(self, source_path):
        key = source_key(source_path, self.settings)
        if key not in parsed_files:
            parsed_files[key] = self.parse(source_path)
        content, metadata, problems = parsed_files[key]
        for problem in problems:
            report(*problem)
        # The version of the file the content was made from, for previews.
        return content, self._to_pelican(metadata) | {"source_key": key}

    def parse(self, source_path):
        """(HTML, plain metadata, problems): picklable, so workers can do it."""
        problems = []
        content, metadata = self._parse_file(source_path, problems.append)
        return content, metadata, problems

    def _parse_file(self, source_path, found):
        schema = self._schema_for(source_path)
        try:
            text = _decode(source_path)
            front_matter, body = split_front_matter(text)
            values = load_yaml(front_matter, first_line=2)
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
        content = self._markdown.reset().convert(body)
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
        metadata, ok = {}, True
        for key, value in values.items():
            if key not in schema:
                found(
                    (
                        path,
                        key,
                        f"unknown front-matter key '{key}'",
                        did_you_mean(key, schema),
                        lines.get(key),
                    )
                )
                ok = False
                continue
            try:
                metadata[key] = schema[key].parse(value)
            except fields.FieldError as error:
                found((path, key, error.message, error.fix, lines.get(key)))
                ok = False
        for key, spec in schema.items():
            if spec.required and key not in values:
                found(
                    (
                        path,
                        key,
                        f"the required key '{key}' is missing",
                        f"Add a line '{key}: ...' to the front-matter.",
                    )
                )
                ok = False
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


def _decode(path):
    with open(path, "rb") as handle:
        raw = handle.read()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FrontMatterError(
            f"the file is not valid UTF-8 (byte {raw[error.start]:#04x})",
            "Save the file with UTF-8 encoding (in most editors: "
            "'Save with encoding' then 'UTF-8').",
            line=raw.count(b"\n", 0, error.start) + 1,
        ) from None


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
