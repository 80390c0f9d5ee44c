"""Split a Markdown file into its YAML front-matter and its body, and parse
YAML with limits.

Front-matter is typed by editors and data files may come from anywhere, so
YAML is parsed in two passes: a scan of libyaml's events, which holds no
recursion and checks the size, the nesting, the aliases and how far they
expand; then, only if that passed, the fast C loader. Without the scan, YAML
nested some thousands deep crashes the C loader and the process with it, and
a few lines of aliases expand to billions of values.
"""

from typing import ClassVar

import yaml

FENCE = "---"
YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
TIMESTAMP = "tag:yaml.org,2002:timestamp"

MAX_DEPTH = 20
MAX_ALIASES = 100
MAX_VALUES = 10_000
COLLECTION_START = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
COLLECTION_END = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


class DatesAsTextLoader(YamlLoader):
    """Dates stay text, so the content model checks them: YAML's own loader
    stops with a bare ValueError, and no line, at 2026-02-31."""

    yaml_implicit_resolvers: ClassVar = {
        first: [(tag, pattern) for tag, pattern in resolvers if tag != TIMESTAMP]
        for first, resolvers in YamlLoader.yaml_implicit_resolvers.items()
    }


class FrontMatterError(ValueError):
    def __init__(self, message, fix, line=None):
        super().__init__(message)
        self.message = message
        self.fix = fix
        self.line = line


def split_front_matter(text):
    """Return (front-matter YAML, body)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FENCE:
        raise FrontMatterError(
            "the file does not start with front-matter",
            "Make the first line '---', then the keys (title: ...), then '---'.",
            line=1,
        )
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == FENCE:
            return "".join(lines[1:index]), "".join(lines[index + 1 :])
    raise FrontMatterError(
        "the front-matter is never closed",
        "Add a line '---' after the last front-matter key.",
        line=1,
    )


def load_yaml(text, first_line, max_chars):
    """Parse YAML within the limits; first_line is the file line where this
    text starts. Raises FrontMatterError naming the line and the limit."""
    if len(text) > max_chars:
        raise FrontMatterError(
            f"the YAML is {len(text):,} characters long, over the limit of "
            f"{max_chars:,}",
            "Shorten it: long text belongs in the body or in separate files.",
            line=first_line,
        )
    try:
        _check_shape(text, first_line)
        return yaml.load(text, Loader=DatesAsTextLoader)
    except yaml.YAMLError as error:
        raise _syntax_error(error, first_line) from None


def _check_shape(text, first_line):
    """Nesting depth, aliases and expanded size, from the events alone."""
    sizes = [0]  # values in each open collection, aliases expanded
    anchors = []  # the anchor of each open collection
    anchored = {}  # anchor -> values it expands to
    aliases = total = 0
    for event in yaml.parse(text, Loader=YamlLoader):
        if isinstance(event, COLLECTION_START):
            if len(sizes) > MAX_DEPTH:
                _too_much(f"is nested over {MAX_DEPTH} levels deep", event, first_line)
            sizes.append(1)
            anchors.append(event.anchor)
            total += 1
        elif isinstance(event, COLLECTION_END):
            size = sizes.pop()
            anchor = anchors.pop()
            if anchor:
                anchored[anchor] = size
            sizes[-1] += size
        elif isinstance(event, yaml.ScalarEvent):
            if event.anchor:
                anchored[event.anchor] = 1
            sizes[-1] += 1
            total += 1
        elif isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                _too_much(f"uses over {MAX_ALIASES} aliases", event, first_line)
            size = anchored.get(event.anchor, 1)
            sizes[-1] += size
            total += size
        if total > MAX_VALUES:
            _too_much(
                f"holds over {MAX_VALUES:,} values once its aliases are expanded",
                event,
                first_line,
            )


def _too_much(problem, event, first_line):
    raise FrontMatterError(
        f"the YAML {problem}",
        "Write the values out plainly: the hub never needs deep nesting or "
        "YAML aliases (*name).",
        line=first_line + event.start_mark.line,
    )


def _syntax_error(error, first_line):
    """Point at the line to fix: for a quote or bracket left open, where it
    opens, not where the parser gave up, which may be the end of the text."""
    problem = getattr(error, "problem", None) or "invalid YAML"
    context = getattr(error, "context", None)
    left_open = context and ("quoted" in context or "flow" in context)
    mark = getattr(error, "context_mark" if left_open else "problem_mark", None)
    return FrontMatterError(
        f"YAML syntax error: {context}, {problem}"
        if context
        else f"YAML syntax error: {problem}",
        "Check the indentation and punctuation on that line; "
        "put text containing ':' or '#' in quotes, and close every quote.",
        line=first_line + mark.line if mark else None,
    )
