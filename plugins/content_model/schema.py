"""Check a mapping of values against a schema of fields: an article's or a
page's front-matter, or one entry of a site data file.

The check is the same for both; only the wording of an unknown or missing key
differs, and the caller says where a problem is (a file's line, or an entry).
"""

from dataclasses import dataclass
from typing import NamedTuple

from .fields import FieldError
from .problems import did_you_mean


@dataclass(frozen=True)
class Wording:
    """How problems with whole keys are worded; `{key}` is the key."""

    unknown: str
    missing: str
    add: str


FRONT_MATTER = Wording(
    unknown="unknown front-matter key '{key}'",
    missing="the required key '{key}' is missing",
    add="Add a line '{key}: ...' to the front-matter.",
)
DATA_ENTRY = Wording(
    unknown="unknown key '{key}'",
    missing="'{key}' is missing",
    add="Add '{key}:'.",
)


class KeyProblem(NamedTuple):
    key: str
    message: str
    fix: str


def check_values(values, schema, wording):
    """(the clean values, a KeyProblem for each mistake): every key parsed by
    its field, in the order written; then every required key that is missing."""
    parsed, found = {}, []
    for key, value in values.items():
        if key not in schema:
            message = wording.unknown.format(key=key)
            found.append(KeyProblem(key, message, did_you_mean(key, schema)))
            continue
        try:
            parsed[key] = schema[key].parse(value)
        except FieldError as error:
            found.append(KeyProblem(key, error.message, error.fix))
    for key, field in schema.items():
        if field.required and key not in values:
            message = wording.missing.format(key=key)
            found.append(KeyProblem(key, message, wording.add.format(key=key)))
    return parsed, found
