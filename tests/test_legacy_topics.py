"""Guessing an imported article's topic (hub/legacy/topics.py)."""

import pytest

from content_model.site_data import Topic
from hub.legacy.export import ImportFailed
from hub.legacy.topics import choose_topic
from legacy_hub import convert_text, legacy_hub

TOPICS = {
    "tender-writing": Topic("tender-writing", "Tender writing", "Writing bids."),
    "social-value": Topic(
        "social-value", "Social value", "Evidencing value.", keywords=["apprentices"]
    ),
}
ANOTHER = "Pass --topic SLUG to choose another."


@pytest.fixture
def hub(tmp_path):
    return legacy_hub(tmp_path)


def test_the_words_of_each_topic_and_its_keywords_score_three_times():
    title, text = "Apprentices that count", "Local apprentices and social value."
    assert choose_topic(title, text, TOPICS) == (
        "social-value",
        "topic: guessed 'social-value' (scores: social-value 11, tender-writing 0). "
        + ANOTHER,
    )


def test_with_nothing_matched_the_first_topic_is_chosen_and_said():
    assert choose_topic("Staffing", "Rotas.", TOPICS) == (
        "tender-writing",
        f"topic: no topic matched the text; chose 'tender-writing'. {ANOTHER}",
    )


def test_a_topic_given_is_taken_without_a_note():
    assert choose_topic("Apprentices", "", TOPICS, "tender-writing") == (
        "tender-writing",
        "",
    )


def test_an_unknown_topic_given_suggests_the_closest():
    with pytest.raises(ImportFailed) as refused:
        choose_topic("Title", "", TOPICS, "socal-value")
    assert str(refused.value) == (
        "unknown topic 'socal-value'. Did you mean 'social-value'? "
        "Known topics: tender-writing, social-value."
    )


def test_a_hub_without_topics_is_refused():
    with pytest.raises(ImportFailed) as refused:
        choose_topic("Title", "Text.", {})
    assert str(refused.value) == "content/data/topics.yml defines no topics; add one"


def test_topic_keywords_come_from_the_site_data(hub):
    export = "Staffing the night shift\n\nRotas, handover and agency cover.\n"
    _, front_matter, _ = convert_text(hub, export)
    assert front_matter["topic"] != "social-value"
    hub.data["topics"]["social-value"]["keywords"] = ["night shift", "rotas"]
    hub.write_data()
    _, front_matter, _ = convert_text(hub, export)
    assert front_matter["topic"] == "social-value"
