"""Symbolic links may not take the build outside its folders.

Pelican follows links: a link in content/images/ to /etc/passwd, to the
checkout's .git/config (which holds a CI job's token) or to /proc/self/environ
would be copied into output/ and published. A link whose target is outside
the content folder (or, in the theme, outside the theme folder), or that
leads nowhere, is an error naming the link.
"""

import os

from .problems import report


def check_symlinks(folder, name):
    """Report every link under `folder` that leads outside it or nowhere."""
    root = os.path.realpath(folder)
    for parent, folders, files in os.walk(folder):
        for entry in folders + files:
            path = os.path.join(parent, entry)
            if os.path.islink(path):
                _check_link(path, root, name)


def _check_link(path, root, name):
    target = os.path.realpath(path)
    if not os.path.exists(target):
        report(
            path,
            "file",
            f"is a symbolic link to {os.readlink(path)}, which does not exist",
            "Remove the link, or put the file itself there.",
        )
    elif os.path.commonpath([root, target]) != root:
        report(
            path,
            "file",
            f"is a symbolic link to {target}, outside the {name} folder, which "
            "would publish that file",
            f"Copy the file into the {name} folder instead of linking to it.",
        )
