"""The old site's export format: reading a file safely, and its lines.

The title on the first line; paragraphs separated by blank lines; short
standalone lines as section headings; list items as lines starting with
"  •". Exports are UTF-8 or Windows-1252, with mojibake (repaired later by
content_model.mojibake).
"""

import codecs
import os
import re
import stat
import unicodedata

# Far more than any page's text; a bigger file is the wrong file.
MAX_BYTES = 1_000_000
# C0 control bytes other than tab, LF, form feed and CR never occur in text.
CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f]")
SIGNATURES = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a Word document or other zip archive",
    b"\xff\xfe": "UTF-16 text",
    b"\xfe\xff": "UTF-16 text",
}
# How `ls -l` marks the kinds of file that are not regular files.
FILE_KINDS = {"d": "a folder", "c": "a character device", "p": "a named pipe"}
# Windows-1252, reading its five undefined bytes as the C1 controls of the same
# number, as content_model.mojibake expects, instead of losing them.
CP1252 = "".join(bytes([b]).decode("cp1252", "ignore") or chr(b) for b in range(256))
HINT = "; export the page as plain text (UTF-8) and import that file"
HEADING_MAX_CHARS = 80
HEADING_MAX_WORDS = 12
BULLET = re.compile(r"^\s*•\s*(.*)$")
ARROW = re.compile(r"\s*(→|->|➜|➡️?)\s*$")


class ImportFailed(Exception):
    """A file that cannot be imported; the message says why and what to do."""


def read(path):
    """The bytes of a regular file that looks like text. Devices and pipes may be
    endless, so it never opens one, nor reads more than MAX_BYTES + 1 bytes."""
    try:
        if path.is_symlink() and not path.exists():
            link = os.readlink(path)
            raise ImportFailed(f"{path} is a broken symbolic link to {link}")
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):
            kind = FILE_KINDS.get(stat.filemode(mode)[0], "a device or socket")
            raise ImportFailed(
                f"{path} is {kind}, not a regular file: give a plain-text export"
            )
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise ImportFailed(f"cannot read {path}: {error.strerror}") from None
    if len(data) > MAX_BYTES:
        raise ImportFailed(
            f"{path} is over {MAX_BYTES // 1_000_000} MB, far more than one page's "
            "text: check that it is the right file"
        )
    control = CONTROL.search(data)
    kind = next((SIGNATURES[sign] for sign in SIGNATURES if data.startswith(sign)), "")
    if control and not kind:
        line = data.count(b"\n", 0, control.start()) + 1
        kind = f"binary data (control byte 0x{control[0][0]:02X} on line {line})"
    if kind:
        raise ImportFailed(f"{path} is not plain text: it seems to be {kind}" + HINT)
    return data


def decode(data):
    """The export's text, and a warning if it was not UTF-8."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        text = codecs.charmap_decode(data, "strict", CP1252)[0]
        return text, ["the file is not UTF-8; it was read as Windows-1252"]


def clean(line):
    """A line without its decorative emoji, arrows and spacing."""
    text = ARROW.sub("", line).strip()

    def decorative(char):
        return unicodedata.category(char) in ("So", "Sk", "Cf", "Mn") or char.isspace()

    start, end = 0, len(text)
    while start < end and decorative(text[start]):
        start += 1
    while end > start and decorative(text[end - 1]):
        end -= 1
    return text[start:end]


def paragraphs(lines):
    """Group (number, line) pairs into runs separated by blank lines."""
    run = []
    for number, line in lines:
        if line.strip():
            run.append((number, line))
        elif run:
            yield run
            run = []
    if run:
        yield run


def body_blocks(lines):
    """(kind, text, line) for each heading, paragraph, list item and break."""
    blocks = []
    for run in paragraphs(lines):
        if len(run) == 1 and _is_heading(run[0][1]):
            blocks.append(("heading", run[0][1].strip(), run[0][0]))
            continue
        for number, line in run:
            bullet = BULLET.match(line)
            kind = "item" if bullet else "paragraph"
            text = bullet.group(1) if bullet else line.strip()
            if blocks and blocks[-1][0] == kind == "paragraph":
                previous = blocks[-1]
                blocks[-1] = (kind, previous[1] + "\n" + text, previous[2])
            else:
                blocks.append((kind, text, number))
        blocks.append(("break", "", run[-1][0]))
    return blocks


def _is_heading(line):
    text = line.strip()
    return (
        not BULLET.match(line)
        and len(text) <= HEADING_MAX_CHARS
        and len(text.split()) <= HEADING_MAX_WORDS
        and not text.endswith((".", ",", ";", ":"))
    )
