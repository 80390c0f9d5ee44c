"""The per-article memo: a kept article's plugin results are reused only when
what they were made from is the same, and never when they found a problem."""

from types import SimpleNamespace

import pytest

from content_model import memo
from content_model.build_state import BuildState


@pytest.fixture
def state(monkeypatch):
    fresh = BuildState()
    monkeypatch.setattr(memo, "state", fresh)
    return fresh


def counting(result="made", problem=None, state=None):
    calls = []

    def make():
        calls.append(1)
        if problem:
            state.current.problems.append(problem)
        return result

    return make, calls


def test_a_result_is_made_once_per_article_and_inputs(state):
    article = SimpleNamespace()
    inputs = memo.shared_inputs("step", ("titles",))
    make, calls = counting()
    assert memo.per_article_memo(article, "step", make, inputs) == "made"
    assert memo.per_article_memo(article, "step", make, inputs) == "made"
    assert len(calls) == 1
    memo.per_article_memo(SimpleNamespace(), "step", make, inputs)
    assert len(calls) == 2


def test_equal_inputs_of_a_written_build_are_the_same_object(state):
    first = memo.shared_inputs("step", ["titles"])
    state.commit()
    assert memo.shared_inputs("step", ["titles"]) is first
    assert memo.shared_inputs("other", ["titles"]) is not first


def test_new_inputs_make_the_result_again(state):
    article = SimpleNamespace()
    make, calls = counting()
    memo.per_article_memo(article, "step", make, memo.shared_inputs("step", [1]))
    state.commit()
    memo.per_article_memo(article, "step", make, memo.shared_inputs("step", [2]))
    assert len(calls) == 2


def test_after_a_failed_build_inputs_compare_with_the_last_written_one(state):
    written = memo.shared_inputs("step", [1])
    state.commit()
    memo.shared_inputs("step", [2])
    state.abandon()
    assert memo.shared_inputs("step", [1]) is written


def test_work_that_found_a_problem_is_done_again(state):
    article = SimpleNamespace()
    make, calls = counting(problem="unknown topic", state=state)
    memo.per_article_memo(article, "step", make)
    memo.per_article_memo(article, "step", make)
    assert len(calls) == 2
    assert state.current.problems == ["unknown topic", "unknown topic"]
