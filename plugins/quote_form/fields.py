"""The fields of the quote request form and of the "Is this page useful?"
form, as fields.yml defines them: what the templates draw, the local receiver
(hub/receiver.py) accepts and the tests check.

A field's `kind` is an <input> type, or "textarea", "select", "checkbox" or
"answer" (a submit button per option); hidden fields come first in the form.
`{publisher}` in a label is the PUBLISHER setting.
"""

from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

DEFINITION = Path(__file__).with_name("fields.yml")


@dataclass(frozen=True)
class Field:
    """One form field. `errors` maps a problem the quote form script can find
    (required, format, past) to its message; a date field with a "past"
    message refuses days before today."""

    name: str
    label: str
    kind: str = "text"
    hint: str | None = None
    required: bool = False
    autocomplete: str | None = None
    max_length: int | None = None
    spellcheck: bool = True
    errors: dict = field(default_factory=dict)
    width: str | None = None
    rows: int = 6
    # An <input>'s value (a checkbox's, or a hidden field's); the options of a
    # select: (value, text) pairs; of answer buttons: (value, text, the rest
    # of the answer for screen readers).
    value: str = ""
    options: tuple = ()
    # A page of the site that the label links, as (words of the label, URL).
    link: tuple | None = None
    # The id, when another form on the same page may use the field's name.
    id: str | None = None
    # The earliest date a date field accepts, set for each build.
    earliest: str | None = None

    @property
    def attributes(self):
        """The HTML attributes the field's limits add."""
        attributes = {}
        if self.max_length is not None:
            attributes["maxlength"] = self.max_length
        if not self.spellcheck:
            attributes["spellcheck"] = "false"
        if self.earliest is not None:
            attributes["min"] = self.earliest
        return attributes

    @property
    def label_around_link(self):
        """The label's words before and after its link's."""
        before, _, after = self.label.partition(self.link[0])
        return before, after


def _field(entry):
    return Field(
        **entry
        | {
            "options": tuple(tuple(option) for option in entry.get("options", ())),
            "link": tuple(entry["link"]) if "link" in entry else None,
        }
    )


_FORMS = yaml.safe_load(DEFINITION.read_text(encoding="utf-8"))
QUOTE_FIELDS = tuple(_field(entry) for entry in _FORMS["quote"])
FEEDBACK_FIELDS = tuple(_field(entry) for entry in _FORMS["feedback"])
# The fields that code, not only templates, refers to.
SERVICE = "service"
ANSWER = "useful"
PROBLEM = "problem"


def names(fields):
    return tuple(field.name for field in fields)


def required(fields):
    return tuple(field.name for field in fields if field.required)


def option_values(fields, name):
    """The values the options of the field called `name` offer."""
    [field] = [field for field in fields if field.name == name]
    return tuple(value for value, *_ in field.options)


def for_build(fields, publisher, services=(), today=None):
    """The fields as a build shows them: the publisher named, the services to
    choose from, and deadlines from `today` on (browsers without JavaScript
    refuse earlier ones; the script moves this to the visitor's today)."""
    return tuple(
        replace(
            field,
            label=field.label.format(publisher=publisher),
            options=field.options + tuple(services)
            if field.name == SERVICE
            else field.options,
            earliest=today if field.kind == "date" and "past" in field.errors else None,
        )
        for field in fields
    )
