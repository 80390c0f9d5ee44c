"""What one process keeps between builds: only what a written build made."""

from content_model.build_state import BuildState


def gather(state, fingerprint, inputs):
    """What a build records, as the plugins do."""
    state.current.record.fingerprint = fingerprint
    state.current.record.shared_inputs["step"] = inputs
    state.current.problems.append("a problem")
    state.current.redirects["/old/"] = "an article"


def next_build_after_a_written_one():
    state = BuildState()
    state.begin()
    gather(state, "good", ("a",))
    state.commit()
    state.begin()
    return state


def test_a_written_build_is_what_the_next_one_starts_from():
    state = next_build_after_a_written_one()
    assert state.last.fingerprint == "good"
    assert state.current.record.fingerprint == "good"
    assert state.current.record.shared_inputs == {"step": ("a",)}
    assert state.current.problems == []
    assert state.current.redirects == {}


def test_a_build_in_progress_changes_nothing_kept():
    state = next_build_after_a_written_one()
    gather(state, "next", ("b",))
    assert state.last.fingerprint == "good"
    assert state.last.shared_inputs == {"step": ("a",)}


def test_a_failed_build_leaves_the_last_written_one():
    state = next_build_after_a_written_one()
    gather(state, "failed", ("b",))
    state.abandon()
    state.begin()
    assert state.last.fingerprint == "good"
    assert state.current.record.fingerprint == "good"
    assert state.current.record.shared_inputs == {"step": ("a",)}


def test_a_build_never_committed_is_dropped_when_the_next_begins():
    state = BuildState()
    state.begin()
    gather(state, "run by Pelican alone", ("a",))
    state.begin()
    assert state.current.record.fingerprint is None
    assert state.current.problems == []


def test_parsed_files_and_compiled_templates_outlive_a_failed_build():
    state = BuildState()
    state.begin()
    state.parsed_files["key"] = ("<p>Hi</p>", {}, [])
    state.compiled_templates.compiled["page"] = b"bytecode"
    cache = state.compiled_templates
    state.abandon()
    assert state.parsed_files == {"key": ("<p>Hi</p>", {}, [])}
    assert state.compiled_templates is cache
    assert cache.compiled == {"page": b"bytecode"}
