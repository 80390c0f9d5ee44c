# ruff: noqa: RUF001 - the cases are curly quotes, dashes and mojibake
"""Repairing and finding mojibake (content_model/mojibake.py)."""

import pytest

from content_model.mojibake import find_mojibake, repair


def damage(text, codepage):
    """Encode as UTF-8 and decode as `codepage`, falling back to Windows-1252.

    Bytes neither code page maps are lost, as they were on the old site.
    """
    out = []
    for byte in text.encode("utf-8"):
        for name in (codepage, "cp1252"):
            try:
                out.append(bytes([byte]).decode(name))
                break
            except UnicodeDecodeError:
                continue
    return "".join(out)


CLEAN = [
    "don’t",
    "a – b — c",
    "“quoted”",
    "‘single’",
    "📌 pinned",
    "✅ done",
    "📅 monthly",
    "→ next",
    "£250 fee",
    "café’s naïve résumé",
    "Zoë’s • bullet",
    "10 × 3 ½ °C",
    "…and more",
]


@pytest.mark.parametrize("codepage", ["cp1252", "cp1253"])
@pytest.mark.parametrize("text", CLEAN)
def test_repairs_both_kinds(text, codepage):
    damaged = damage(text, codepage)
    assert damaged != text
    fixed, warnings = repair(damaged)
    assert fixed == text
    # Only ” loses its last byte (0x9D), and it is restored from its “.
    assert all("closing quote" in warning for warning in warnings)


@pytest.mark.parametrize(
    ("damaged", "fixed"),
    [
        ("donâ€™t", "don’t"),
        ("2020â€“2021", "2020–2021"),
        ("πŸ“Œ Key points", "📌 Key points"),
        ("βœ… Done", "✅ Done"),
        ("a β€“ b", "a – b"),
        ("β€œQuotedβ€\x9d", "“Quoted”"),
        ("â€œQuotedâ€\x9d", "“Quoted”"),
        ("ðŸ“Œ pin", "📌 pin"),
        ("Â£5", "£5"),
        ("âœ\x8dï¸\x8f Written", "✍️ Written"),
    ],
)
def test_repairs_the_examples_from_the_exports(damaged, fixed):
    assert repair(damaged) == (fixed, [])


def test_repairs_both_kinds_mixed_with_correct_characters():
    text = "It’s â€“ πŸ“Œ ✍️ • β€œyesβ€\x9d and donâ€™t"
    assert repair(text) == ("It’s – 📌 ✍️ • “yes” and don’t", [])


@pytest.mark.parametrize(
    "text",
    [
        "Plain ASCII, nothing to do.",
        "Already right: ’ • ✍️ – — “ ” … £ é ñ ü",
        "Names: Zoë, José, Søren, Ana São, naïve café’s",
        "Bullets • after • words, and 50% ± 5%",
        "Emoji 📌 ✅ 📅 👍🏽 ❤️",
        "",
    ],
)
def test_leaves_correct_text_alone(text):
    assert repair(text) == (text, [])
    assert find_mojibake(text) == []


def test_removes_truncated_sequences_with_a_warning_naming_the_line():
    text = "first line\nDonâ€t stop\nthird πŸ“ here\nβ€ alone"
    fixed, warnings = repair(text)
    assert fixed == "first line\nDont stop\nthird  here\n alone"
    assert len(warnings) == 3
    assert warnings[0].startswith("line 2: removed 'â€'")
    assert warnings[1].startswith("line 3: removed 'πŸ“'")
    assert warnings[2].startswith("line 4: removed 'β€'")


def test_restores_a_truncated_closing_quote_after_an_opening_one():
    fixed, warnings = repair("He said β€œyesβ€ twice.\nâ€œnoâ€")
    assert fixed == "He said “yes” twice.\n“no”"
    assert [warning[:8] for warning in warnings] == ["line 1: ", "line 2: "]
    assert "closing quote" in warnings[0]


def test_removes_a_lone_a_circumflex_left_by_a_no_break_space():
    fixed, warnings = repair("Fee:Â £5")
    assert fixed == "Fee: £5"
    assert "line 1" in warnings[0]


def test_keeps_line_count():
    text = "a\nâ€™\n\nπŸ“\n"
    assert repair(text)[0].count("\n") == text.count("\n")


def test_find_mojibake_names_each_line_and_shows_the_damage():
    text = "fine\nit’s donâ€™t\nok ✍️\nπŸ“Œ pin and â€“ dash\nDonâ€t"
    found = find_mojibake(text)
    assert [number for number, _ in found] == [2, 4, 4, 5]
    assert "donâ€™t" in found[0][1]
    assert "πŸ“Œ" in found[1][1]
    assert "â€“" in found[2][1]


def test_nothing_left_to_find_after_repair():
    text = damage("“Quote” – don’t 📌 ✅", "cp1253") + "\n" + damage("’ 📅", "cp1252")
    assert find_mojibake(text)
    assert find_mojibake(repair(text)[0]) == []
