"""One export to one article: the front-matter, the summary and the body."""

import datetime
import re
from dataclasses import dataclass, field

import yaml

from content_model.fields import SUMMARY_MAX
from content_model.mojibake import repair
from content_model.placeholders import SUMMARY
from hub.legacy.boilerplate import Parsed, byline_names, marker, read_boilerplate
from hub.legacy.export import HINT, ImportFailed, body_blocks, clean
from hub.legacy.topics import choose_topic

REVIEW_NOTE = "# Imported from the old site: review it, then set 'status: published'.\n"
# C1 controls left after repair: bytes that neither UTF-8 nor Windows-1252 reads.
UNREAD = re.compile("[\x80-\x9f]")
LINE = re.compile(r"line (\d+):")
# Characters that make Markdown out of plain text.
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]])")
MARKDOWN_LINE_START = re.compile(r"^(#|>|[-+] |\d+[.)] )")


@dataclass
class Article:
    slug: str
    markdown: str
    topic_note: str = ""
    warnings: list = field(default_factory=list)


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
    title = clean(content[0][1])
    rest = lines[title_line:]
    parsed = Parsed(raw.split("\n"))
    parsed.keep(title, title_line)
    start = next(
        (i for i, (_, line) in enumerate(rest) if marker(line, catalogue)),
        len(rest),
    )
    parsed.blocks = body_blocks(rest[:start])
    parsed.used.update(number for number, _ in rest[:start])
    parsed.summary = _summary(parsed)
    read_boilerplate(rest[start:], catalogue, parsed)
    topic, topic_note = choose_topic(title, text, catalogue.topics, topic)
    front_matter, comments = _front_matter_values(
        title, topic, parsed, catalogue, today or datetime.date.today()
    )
    dumped = yaml.safe_dump(
        front_matter, sort_keys=False, allow_unicode=True, width=1000
    )
    comments.append(REVIEW_NOTE)
    markdown = (
        "---\n" + dumped + "".join(comments) + "status: draft\n---\n"
    ) + _markdown_body(parsed)
    # Damage in boilerplate the article drops is no concern of the editor's.
    kept = [w for w in repairs if int(LINE.match(w)[1]) in parsed.used]
    return Article(
        catalogue.slug_for(title), markdown, topic_note, kept + parsed.warnings
    )


def _front_matter_values(title, topic, parsed, catalogue, today):
    values = {"title": title, "date": today, "topic": topic, "summary": parsed.summary}
    comments = []
    author, editor = byline_names(parsed)
    parsed.keep(author, *parsed.byline_lines)
    parsed.keep(editor, *parsed.byline_lines)
    if author:
        values["author"] = author
    if editor:
        slug = catalogue.person_named(editor)
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
