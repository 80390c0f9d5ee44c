"""The forms' fields (plugins/quote_form/fields.py and fields.yml), called directly."""

import pytest

from plugins.quote_form.fields import (
    FEEDBACK_FIELDS,
    QUOTE_FIELDS,
    SERVICE,
    Field,
    for_build,
    names,
    option_values,
    required,
)

SERVICES = [("bid-writing", "Bid writing"), ("not-sure", "Not sure")]
KINDS = {"text", "email", "tel", "url", "date", "textarea", "select", "checkbox"}


def by_name(fields):
    return {field.name: field for field in fields}


@pytest.mark.parametrize("fields", [QUOTE_FIELDS, FEEDBACK_FIELDS])
def test_names_are_unique_and_ids_too(fields):
    assert len(set(names(fields))) == len(fields)
    ids = [field.id or field.name for field in fields]
    assert len(set(ids)) == len(ids)


def test_the_quote_form_requires_who_asks_and_what_for():
    assert required(QUOTE_FIELDS) == (
        "name",
        "organisation",
        "email",
        "message",
        "consent",
    )
    assert names(QUOTE_FIELDS)[-1] == "source_article"


def test_every_visible_quote_field_is_a_kind_the_template_draws():
    visible = [field for field in QUOTE_FIELDS if field.kind != "hidden"]
    assert {field.kind for field in visible} <= KINDS
    assert all(field.label for field in visible)


def test_a_required_field_says_what_to_do_when_it_is_empty():
    for field in QUOTE_FIELDS:
        assert ("required" in field.errors) == field.required, field.name


def test_limits_become_html_attributes():
    field = Field("email", "Email", max_length=254, spellcheck=False)
    assert field.attributes == {"maxlength": 254, "spellcheck": "false"}
    assert Field("tender", "Tender").attributes == {}
    assert Field("when", "When", kind="date", earliest="2030-01-31").attributes == {
        "min": "2030-01-31"
    }


def test_the_build_adds_the_services_after_the_empty_choice():
    fields = by_name(for_build(QUOTE_FIELDS, "Example Ltd", SERVICES, "2030-01-31"))
    assert fields[SERVICE].options == (("", "Choose a service"), *SERVICES)
    others = [field for field in fields.values() if field.name != SERVICE]
    assert all(field.options == () for field in others)
    assert by_name(QUOTE_FIELDS)[SERVICE].options == (("", "Choose a service"),)


def test_the_build_refuses_past_deadlines_and_nothing_else():
    fields = for_build(QUOTE_FIELDS, "Example Ltd", SERVICES, "2030-01-31")
    earliest = {field.name: field.earliest for field in fields if field.earliest}
    assert earliest == {"deadline": "2030-01-31"}


def test_the_build_names_the_publisher_in_the_consent():
    consent = by_name(for_build(QUOTE_FIELDS, "Example Ltd", SERVICES))["consent"]
    assert consent.label.startswith("I agree that Example Ltd can use these details")
    before, after = consent.label_around_link
    assert before.endswith("as the ")
    assert after == " explains."
    assert consent.link == ("privacy notice", "privacy/")


def test_the_feedback_answers_are_yes_and_no():
    assert option_values(FEEDBACK_FIELDS, "useful") == ("yes", "no")
    assert required(FEEDBACK_FIELDS) == ("page", "problem")
    assert for_build(FEEDBACK_FIELDS, "Example Ltd") == FEEDBACK_FIELDS
