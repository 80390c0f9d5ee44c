"""Reading an old-site export safely, decoding it and splitting it into blocks
(hub/legacy/export.py)."""

import os
import random
from pathlib import Path

import pytest

from content_model.mojibake import repair
from hub.legacy.export import ImportFailed, body_blocks, clean, decode, read

EXPORT_AGAIN = "; export the page as plain text (UTF-8) and import that file"


def refusal(path):
    """Why `read` refuses the file."""
    with pytest.raises(ImportFailed) as refused:
        read(path)
    return str(refused.value)


@pytest.mark.parametrize(
    ("data", "seems"),
    [
        (b"\0" * 1_000_000, "binary data (control byte 0x00 on line 1)"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\nstream\n\x01\x02", "a PDF document"),
        ("Title\n\nText.\n".encode("utf-16"), "UTF-16 text"),
        (
            b"Title\n\nA \x1b[1mbold\x1b[0m word.\n",
            "binary data (control byte 0x1B on line 3)",
        ),
    ],
)
def test_non_text_is_refused_saying_what_it_seems_to_be(tmp_path, data, seems):
    path = tmp_path / "export.txt"
    path.write_bytes(data)
    assert refusal(path) == (
        f"{path} is not plain text: it seems to be {seems}{EXPORT_AGAIN}"
    )


def test_random_bytes_are_refused(tmp_path):
    path = tmp_path / "page.bin"
    path.write_bytes(random.Random(4).randbytes(4096))
    error = refusal(path)
    assert error.startswith(f"{path} is not plain text: it seems to be binary")
    assert error.endswith(EXPORT_AGAIN)


def named_pipe(folder):
    pipe = folder / "pipe.txt"
    os.mkfifo(pipe)
    return pipe


def folder_named_like_an_export(folder):
    notes = folder / "notes.txt"
    notes.mkdir()
    return notes


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (lambda _: Path("/dev/zero"), "a character device"),
        (lambda _: Path("/dev/urandom"), "a character device"),
        (named_pipe, "a named pipe"),
        (folder_named_like_an_export, "a folder"),
    ],
    ids=["/dev/zero", "/dev/urandom", "named pipe", "folder"],
)
def test_what_is_not_a_regular_file_is_refused_unread(tmp_path, make, kind):
    """Devices and pipes may be endless, so nothing waits for them or reads them."""
    path = make(tmp_path)
    assert refusal(path) == (
        f"{path} is {kind}, not a regular file: give a plain-text export"
    )


def test_a_dangling_symlink_is_refused(tmp_path):
    link = tmp_path / "export.txt"
    os.symlink(tmp_path / "moved.txt", link)
    assert refusal(link) == (
        f"{link} is a broken symbolic link to {tmp_path / 'moved.txt'}"
    )


def test_a_file_over_the_size_limit_is_refused(tmp_path):
    path = tmp_path / "export.txt"
    path.write_text("Title\n\n" + "A line of guidance.\n" * 50_000, encoding="utf-8")
    assert refusal(path) == (
        f"{path} is over 1 MB, far more than one page's text: "
        "check that it is the right file"
    )


def test_utf_8_is_read_as_it_is_without_its_byte_order_mark():
    assert decode("\ufeffCafé “menu”".encode()) == ("Café “menu”", [])


def test_bytes_undefined_in_windows_1252_still_reach_the_repair():
    data = b"Title\n\nThe \xe2\x80\x9cquote\xe2\x80\x9d, caf\xe9.\n\nMore.\n"
    text, warnings = decode(data)
    assert warnings == ["the file is not UTF-8; it was read as Windows-1252"]
    assert repair(text)[0] == "Title\n\nThe “quote”, café.\n\nMore.\n"


def test_lines_become_headings_paragraphs_items_and_breaks():
    lines = ["A heading", "", "First line", "second line.", "", "Lead-in:"]
    lines += ["  • one", "  • two"]
    assert body_blocks(list(enumerate(lines, start=1))) == [
        ("heading", "A heading", 1),
        ("paragraph", "First line\nsecond line.", 3),
        ("break", "", 4),
        ("paragraph", "Lead-in:", 6),
        ("item", "one", 7),
        ("item", "two", 8),
        ("break", "", 8),
    ]


def test_decorative_emoji_and_arrows_are_cleaned_off_a_line():
    assert clean("  📌 Rapid Support ✅ →") == "Rapid Support"
