"""Command-line tooling for the hub; `tasks.py` is the way in."""

import sys
from pathlib import Path

# The tools reuse the content_model plugin's reader, dates and data loading.
PLUGINS = str(Path(__file__).resolve().parent.parent / "plugins")
if PLUGINS not in sys.path:
    sys.path.append(PLUGINS)
