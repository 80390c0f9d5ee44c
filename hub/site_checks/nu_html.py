"""Valid HTML: the W3C Nu HTML checker's errors on the pages of a built site.

The checker is the `vnu.jar` of npm's `vnu-jar` package (pinned in
package.json), run with the machine's Java. Starting Java costs a second or
two, so one run takes every file and folder to check at once."""

import json
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote, urlsplit

from hub.site_checks.pages import Finding, page_url
from hub.site_checks.tools import SiteCheckError, npm_file

VNU_JAR = "vnu-jar/build/dist/vnu.jar"


def run_vnu(paths):
    """Nu HTML checker errors for HTML files and folders, in one Java run; each
    finding's page is the path of its file."""
    java = shutil.which("java")
    if java is None:
        raise SiteCheckError(
            "Java is missing: install it with `apt-get install default-jre-headless`."
        )
    command = [
        java,
        "-jar",
        str(npm_file(VNU_JAR, "The HTML validator")),
        "--errors-only",
        "--skip-non-html",
        "--format",
        "json",
        "--stdout",
        "--exit-zero-always",
        *(str(path) for path in paths),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    try:
        messages = json.loads(done.stdout)["messages"]
    except (ValueError, KeyError):
        raise SiteCheckError(
            f"The HTML validator failed: {done.stderr.strip() or done.stdout}"
        ) from None
    return [vnu_finding(message) for message in messages]


def vnu_finding(message):
    """One message of the checker's JSON output as a finding on its file."""
    path = Path(unquote(urlsplit(message.get("url", "")).path))
    extract = " ".join(message.get("extract", "").split())
    text = message.get("message", "")
    return Finding(
        str(path),
        message.get("lastLine", 0),
        f"{text} [{extract}]" if extract else text,
    )


def check_html(output):
    """Validator errors for every page of a built site, each page named by
    the URL path it is served at."""
    output = Path(output).resolve()
    return [on_site(finding, output) for finding in run_vnu([output])]


def on_site(finding, output):
    """The finding with its page as a URL path, when its file is in `output`."""
    path = Path(finding.page)
    if not path.is_relative_to(output):
        return finding
    return replace(finding, page=page_url(output, path))
