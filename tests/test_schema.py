"""Checking values against a schema (plugins/content_model/schema.py): the one
walker that front-matter and site data entries share."""

from content_model.fields import Field, slug, text
from content_model.schema import DATA_ENTRY, FRONT_MATTER, KeyProblem, check_values

SCHEMA = {"name": Field(text, required=True), "topic": Field(slug)}


def test_good_values_come_back_parsed_with_no_problems():
    parsed, problems = check_values(
        {"name": "  Guide ", "topic": "cqc"}, SCHEMA, DATA_ENTRY
    )
    assert parsed == {"name": "Guide", "topic": "cqc"}
    assert problems == []


def test_every_mistake_is_found_in_the_order_written_then_the_missing_keys():
    values = {"topc": "cqc", "topic": "Tender Writing"}
    parsed, problems = check_values(values, SCHEMA, DATA_ENTRY)
    assert parsed == {}
    assert problems == [
        KeyProblem("topc", "unknown key 'topc'", "Did you mean 'topic'?"),
        KeyProblem(
            "topic",
            "'Tender Writing' is not a slug",
            "Write it as a slug, lower-case words joined by hyphens: 'tender-writing'.",
        ),
        KeyProblem("name", "'name' is missing", "Add 'name:'."),
    ]


def test_front_matter_words_whole_key_problems_for_a_file():
    _, problems = check_values({"nme": "Guide"}, SCHEMA, FRONT_MATTER)
    assert problems == [
        KeyProblem("nme", "unknown front-matter key 'nme'", "Did you mean 'name'?"),
        KeyProblem(
            "name",
            "the required key 'name' is missing",
            "Add a line 'name: ...' to the front-matter.",
        ),
    ]


def test_a_bad_value_leaves_the_good_ones_parsed():
    parsed, problems = check_values(
        {"name": "Guide", "topic": ["cqc"]}, SCHEMA, DATA_ENTRY
    )
    assert parsed == {"name": "Guide"}
    assert [problem.key for problem in problems] == ["topic"]
