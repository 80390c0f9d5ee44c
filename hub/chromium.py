"""Find the Chromium the browser tests drive.

Debian's `chromium` where it is installed; on GitHub's Ubuntu runners, whose
`chromium` is only a snap stub, the Google Chrome they ship. `HUB_CHROMIUM`
names another one.
"""

import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

DEBIAN = Path("/usr/bin/chromium")
CHROME_NAMES = ("google-chrome", "google-chrome-stable")
CHROME_PATHS = (Path("/usr/bin/google-chrome"), Path("/opt/google/chrome/chrome"))


class ChromiumError(Exception):
    pass


def find_chromium(playwright=None):
    """The path of the first Chromium found, or None.

    Playwright's own download comes last, and only if it is there; a running
    `playwright`, if given, is asked where it is instead of starting one.
    """
    chosen = os.environ.get("HUB_CHROMIUM")
    if chosen:
        if not _is_executable(Path(chosen)):
            raise ChromiumError(
                f"HUB_CHROMIUM={chosen} is not an executable file: "
                "set it to a Chromium or Chrome, or unset it to look for one."
            )
        return chosen
    on_path = [shutil.which(name) for name in CHROME_NAMES]
    for path in [DEBIAN, *on_path, *CHROME_PATHS]:
        if path and _is_executable(Path(path)):
            return str(path)
    downloaded = _playwrights(playwright)
    return downloaded if downloaded and _is_executable(Path(downloaded)) else None


def _playwrights(playwright):
    if playwright is not None:
        return playwright.chromium.executable_path
    try:
        from playwright.sync_api import sync_playwright  # noqa: PLC0415
    except ImportError:  # the build's requirements only, without the tests'
        return None

    def ask():
        with sync_playwright() as started:
            return started.chromium.executable_path

    # A thread of its own: Playwright's sync API cannot start on a thread
    # where one is already running, as it is during the browser tests.
    with ThreadPoolExecutor(max_workers=1) as executor:
        return executor.submit(ask).result()


def _is_executable(path):
    return path.is_file() and os.access(path, os.X_OK)
