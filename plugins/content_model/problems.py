"""How the hub reports an editor's mistake.

Every problem is logged at ERROR level with the file, the field, the bad value
and what to do. The build runner (`hub.build`) collects every error logged
during a build, lists them all and fails; plugins never stop at the first one.
"""

import difflib
import logging
import os
from dataclasses import dataclass

from .build_state import state

logger = logging.getLogger("content_model")
# Things an editor should know that are not mistakes, such as a scheduled
# article; the build runner lists them after the warnings.
notices = logging.getLogger("content_model.notice")
notices.setLevel(logging.INFO)

LISTED_CHOICES = 12


class ContentProblems(Exception):
    """Raised to stop a build before any page is written; already reported."""

    already_reported = True

    def __init__(self, count):
        super().__init__(f"{count} content problem(s)")


@dataclass(frozen=True)
class Problem:
    path: str
    field: str
    message: str
    fix: str
    line: int | None = None

    def __str__(self):
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: [{self.field}] {self.message}. {self.fix}"


def display_path(path):
    """Show paths relative to the project, as an editor sees them in git."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def report(path, field, message, fix, line=None):
    problem = Problem(display_path(path), field, message, fix, line)
    state.current.problems.append(problem)
    logger.error("%s", problem, extra={"problem": problem})


def report_field(content, field, message, fix):
    """A problem with one front-matter key of an article or page, at its line."""
    report(content.source_path, field, message, fix, _line_of(content, field))


def warn(path, field, message, fix, line=None):
    """Something an editor should fix soon, that does not stop the build."""
    problem = Problem(display_path(path), field, message, fix, line)
    logger.warning("%s", problem, extra={"problem": problem})


def warn_field(content, field, message, fix):
    warn(content.source_path, field, message, fix, _line_of(content, field))


def _line_of(content, field):
    return getattr(content, "field_lines", {}).get(field)


def notice(path, message):
    # The build runner (hub.pelican_run) collects records marked so.
    notices.info("%s: %s", display_path(path), message, extra={"hub_notice": True})


def did_you_mean(value, choices):
    """A hint naming the closest known choice, or listing them all."""
    choices = sorted(choices)
    close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.6)
    if close:
        return f"Did you mean '{close[0]}'?"
    if not choices:
        return "None are defined yet."
    shown = ", ".join(choices[:LISTED_CHOICES])
    more = len(choices) - LISTED_CHOICES
    return f"Known values: {shown}" + (f" and {more} more." if more > 0 else ".")
