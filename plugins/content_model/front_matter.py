"""Split a Markdown file into its YAML front-matter and its body."""

import yaml

FENCE = "---"
YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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


def load_yaml(text, first_line):
    """Parse YAML; first_line is the file line where this text starts."""
    try:
        return yaml.load(text, Loader=YamlLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = first_line + mark.line if mark else None
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise FrontMatterError(
            f"YAML syntax error: {problem}",
            "Check the indentation and punctuation on that line; "
            "put text containing ':' or '#' in quotes.",
            line=line,
        ) from None
