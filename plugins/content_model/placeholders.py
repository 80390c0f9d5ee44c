"""Text that `invoke new` writes for the editor to replace.

The scaffold uses these lines, and the content checks refuse to publish an
article that still contains any of them.
"""

SUMMARY = "Write one or two sentences (at most 160 characters) for cards and search."
BODY_LINES = (
    "Start with a short paragraph that says who this guidance is for.",
    "## A first section heading",
)
