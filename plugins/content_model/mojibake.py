# ruff: noqa: RUF002, RUF003 - mojibake is made of look-alike characters
"""Find and repair mojibake: UTF-8 text that was decoded with the wrong code page.

Two kinds reach the hub, sometimes in one file, next to correct characters:
UTF-8 read as Windows-1252 (`â€™` for ’) and UTF-8 read as Windows-1253, the
Greek code page, which falls back to Windows-1252 for bytes it does not map
(`πŸ“Œ` for 📌, `β€“` for –). Every character maps back to at most one byte in
either code page, so the text is scanned span by span: a run of characters
whose bytes form one valid UTF-8 sequence is replaced by that character, and
anything else, including correct ’ • ✍️, is left alone. Running the text
through a whole-text fixer instead would miss the Greek kind and straighten
correct curly quotes.
"""

import codecs
import re
import unicodedata

# Bytes 0x81, 0x8D, 0x8F, 0x90 and 0x9D are undefined in both code pages; some
# exporters keep them as the C1 control character with the same number.
_UNDEFINED = (0x81, 0x8D, 0x8F, 0x90, 0x9D)


def _byte_table():
    table = {chr(byte): byte for byte in _UNDEFINED}
    for codepage in ("cp1253", "cp1252"):
        for byte in range(0x80, 0x100):
            try:
                table[bytes([byte]).decode(codepage)] = byte
            except UnicodeDecodeError:
                continue
    return table


BYTE = _byte_table()

# Lead characters whose damaged sequences are common enough to remove when
# incomplete: â/β start punctuation (E2), ð/π emoji (F0), ï/ο variation
# selectors (EF), Â a no-break space that became a plain space. Other leads,
# such as the é in "café’s", are ordinary letters.
_TRUNCATION_LEADS = frozenset("âβðπïοÂ")
_UNREAL = frozenset(("Cc", "Cs", "Co", "Cn"))
# Characters standing for the first byte of a UTF-8 sequence: every damaged
# run starts with one.
_LEAD = re.compile(
    "[" + "".join(re.escape(char) for char, byte in BYTE.items() if byte >= 0xC2) + "]"
)
CONTEXT = 15


def _sequence_length(byte):
    if 0xC2 <= byte <= 0xDF:
        return 2
    if 0xE0 <= byte <= 0xEF:
        return 3
    if 0xF0 <= byte <= 0xF4:
        return 4
    return 0


def _is_continuation(char):
    return 0x80 <= BYTE.get(char, 0) <= 0xBF


def _valid_prefix(data):
    try:
        return codecs.getincrementaldecoder("utf-8")().decode(data) == ""
    except UnicodeDecodeError:
        return False


def _spans(line):
    """Yield (start, end, fixed) for each damaged run; fixed is None when lost."""
    index = 0
    while index < len(line):
        lead = line[index]
        length = _sequence_length(BYTE.get(lead, 0))
        if not length:
            index += 1
            continue
        end = index + 1
        while end < len(line) and end - index < length and _is_continuation(line[end]):
            end += 1
        data = bytes(BYTE[char] for char in line[index:end])
        if end - index == length:
            try:
                fixed = data.decode("utf-8")
            except UnicodeDecodeError:
                fixed = None
            if fixed and unicodedata.category(fixed) not in _UNREAL:
                yield index, end, fixed
                index = end
                continue
        elif (
            lead in _TRUNCATION_LEADS
            and (end - index > 1 or lead == "Â")
            and _valid_prefix(data)
        ):
            yield index, end, None
            index = end
            continue
        index += 1


def _repair_line(line, number, warnings):
    parts, done = [], 0
    for start, end, repaired in _spans(line):
        parts.append(line[done:start])
        damaged = line[start:end]
        fixed = repaired
        if fixed is None and damaged in ("â€", "β€") and _quote_open(parts):
            # The byte lost after E2 80 is almost always 0x9D, the closing ”:
            # it is undefined in both code pages.
            fixed = "”"
            warnings.append(
                f"line {number}: restored '{damaged}' as a closing quote ” "
                "(its last byte was lost); check the quotes on that line"
            )
        elif fixed is None:
            fixed = ""
            warnings.append(
                f"line {number}: removed '{damaged}', a damaged character whose "
                "last byte was lost; check the text around it: "
                f"{_excerpt(line, start, end)!r}"
            )
        parts.append(fixed)
        done = end
    parts.append(line[done:])
    return "".join(parts)


def _quote_open(parts):
    text = "".join(parts)
    return text.count("“") > text.count("”")


def _excerpt(line, start, end):
    return line[max(0, start - CONTEXT) : end + CONTEXT].strip()


def repair(text):
    """Return (repaired text, warnings); each warning names its line."""
    warnings = []
    lines = text.split("\n")
    fixed = [
        _repair_line(line, number, warnings)
        for number, line in enumerate(lines, start=1)
    ]
    return "\n".join(fixed), warnings


GARBLED_FIX = (
    "Retype them, or re-import the file with `invoke import-legacy`, which "
    "repairs them."
)


def garbled(excerpt):
    """The problem, as the content checks report it."""
    return f"garbled characters '{excerpt}'"


def find_mojibake(text):
    """Return (line number, excerpt) for every damaged run left in the text."""
    if not _LEAD.search(text):
        return []  # most files: no character that can start a damaged run
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        if _LEAD.search(line):
            found.extend(
                (number, _excerpt(line, start, end)) for start, end, _ in _spans(line)
            )
    return found
