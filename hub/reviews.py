"""`invoke reviews`: every article by its next review date."""

import datetime
from pathlib import Path

from content_model.reader import HubMarkdownReader

DUE_SOON_DAYS = 30


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
            due = metadata["review_by"].date()
            days = (due - today).days
            status = (
                "overdue"
                if days < 0
                else "due soon"
                if days <= DUE_SOON_DAYS
                else "fine"
            )
            rows.append((status, due, path.stem, metadata.get("title", "")))
    order = {"overdue": 0, "due soon": 1, "fine": 2}
    return sorted(rows, key=lambda row: (order[row[0]], row[1], row[2]))


def format_table(rows):
    lines = [f"{'status':<9} {'review by':<10}  article"]
    lines += [
        f"{status:<9} {due:%Y-%m-%d}  {slug}: {title}"
        for status, due, slug, title in rows
    ]
    counts = {
        status: sum(row[0] == status for row in rows)
        for status in ("overdue", "due soon", "fine")
    }
    lines.append(", ".join(f"{count} {status}" for status, count in counts.items()))
    return lines
