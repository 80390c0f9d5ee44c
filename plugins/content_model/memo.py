"""The per-article memo: plugin results that a preview rebuild can keep.

A preview rebuild keeps the unchanged articles of its last good build, with
what the plugins attached to them (plugins/incremental_preview), and only when
the settings and the site data are unchanged. A plugin's per-article work is
then redone only if the article is new or what else it was made from has
changed; work that found a problem is always redone, so it is reported again.
"""

from .build_state import state


def shared_inputs(step, inputs):
    """The inputs of the last build if equal to these, so articles can compare
    theirs by identity instead of comparing large values once per article."""
    known = state.current.record.shared_inputs
    if known.get(step) == inputs:
        return known[step]
    known[step] = inputs
    return inputs


def per_article_memo(article, step, make, inputs=None):
    """`make()`, or what it returned for this article at an earlier build,
    made from the same shared `inputs` (None: from the article alone)."""
    made = vars(article).setdefault("hub_made", {})
    kept = made.get(step)
    if kept is not None and kept[0] is inputs:
        return kept[1]
    problems = state.current.problems
    before = len(problems)
    result = make()
    if len(problems) == before:
        made[step] = (inputs, result)
    return result
