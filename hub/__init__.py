"""Command-line tooling for the hub; `tasks.py` is the way in."""
