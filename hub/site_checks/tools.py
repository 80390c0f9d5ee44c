"""The npm tools the gates run, installed by `npm ci` from the lock file."""

from pathlib import Path

NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"


class SiteCheckError(Exception):
    """A gate could not run at all, e.g. Java or the validator is missing."""


def npm_file(relative, name):
    """A file of an installed npm package; `name` says what is missing if not."""
    path = NODE_MODULES / relative
    if not path.is_file():
        raise SiteCheckError(
            f"{name} is missing: run `npm ci --ignore-scripts` in the project "
            "folder (`invoke test` does it for you)."
        )
    return path
