"""`invoke reviews`: every article by its next review date."""

import datetime
from pathlib import Path
from typing import NamedTuple

from content_model.reader import HubMarkdownReader

DUE_SOON_DAYS = 30
# Most urgent first; articles not yet published last.
KINDS = ("overdue", "due soon", "fine", "scheduled", "draft")
NEEDS_REVIEW = ("overdue", "due soon")


class Row(NamedTuple):
    status: str  # one of KINDS; "scheduled for YYYY-MM-DD" when scheduled
    review_by: datetime.date
    slug: str
    title: str


def review_table(settings, today=None):
    """Rows of (status, review date, slug, title), the most urgent first."""
    today = today or datetime.date.today()
    reader = HubMarkdownReader(settings)
    rows = []
    for folder in settings["ARTICLE_PATHS"]:
        for path in sorted(Path(settings["PATH"], folder).rglob("*.md")):
            _, metadata = reader.read(str(path))
            if "review_by" not in metadata:
                continue  # the reader has reported why
            status = _status(metadata, settings, today)
            rows.append(
                Row(
                    status,
                    metadata["review_by"].date(),
                    path.stem,
                    metadata.get("title", ""),
                )
            )
    # Scheduled articles sort by their publication date, within the status.
    return sorted(rows, key=lambda row: (KINDS.index(kind(row)), *row))


def _status(metadata, settings, today):
    # A file with problems is kept as a draft by the reader: not the editor's.
    if metadata.get("status") == "draft" and not metadata.get("has_problems"):
        return "draft"
    published = metadata["date"].date()
    if published > today and not settings["WITH_FUTURE_DATES"]:
        return f"scheduled for {published:%Y-%m-%d}"
    days = (metadata["review_by"].date() - today).days
    return "overdue" if days < 0 else "due soon" if days <= DUE_SOON_DAYS else "fine"


def kind(row):
    """The row's status without its date: one of KINDS."""
    return row.status.partition(" for ")[0]


def format_table(rows):
    width = max(len(status) for status in [*KINDS, *(row[0] for row in rows)])
    lines = [f"{'status':<{width}} {'review by':<10}  article"]
    lines += [
        f"{status:<{width}} {due:%Y-%m-%d}  {slug}: {title}"
        for status, due, slug, title in rows
    ]
    counts = {status: sum(kind(row) == status for row in rows) for status in KINDS}
    shown = [
        f"{count} {status}" + ("s" if status == "draft" and count != 1 else "")
        for status, count in counts.items()
        if status not in ("scheduled", "draft") or count
    ]
    lines.append(", ".join(shown))
    return lines


def format_markdown(rows, today):
    """The articles overdue or due soon, as Markdown for the weekly review
    issue; no lines at all when none is."""
    due = [row for row in rows if kind(row) in NEEDS_REVIEW]
    if not due:
        return []
    count = f"{len(due)} article{'s' if len(due) != 1 else ''}"
    verb = "needs" if len(due) == 1 else "need"
    return [
        f"**{count} {verb} a review** as of {today:%Y-%m-%d}: overdue, or due "
        f"within {DUE_SOON_DAYS} days.",
        "",
        "| status | review by | article |",
        "| --- | --- | --- |",
        *(
            f"| {status} | {review_by:%Y-%m-%d} | `{slug}`: {_cell(title)} |"
            for status, review_by, slug, title in due
        ),
        "",
        "Review each article in `content/articles/`, then set `modified:` to the "
        "day of the review and `review_by:` to the next review date. "
        "`invoke reviews` lists every article.",
    ]


def _cell(text):
    """Text for a Markdown table cell: a bare | would end the cell."""
    return text.replace("|", "\\|")
