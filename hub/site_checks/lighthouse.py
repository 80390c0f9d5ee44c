"""Lighthouse: npm's `lighthouse` package scores a served page, with the
Chromium that `hub.chromium` finds."""

import json
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from hub.site_checks.tools import SiteCheckError, npm_file

LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# The flags the browser tests start Chromium with, plus Chrome's headless mode.
LIGHTHOUSE_CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)


@dataclass(frozen=True)
class LighthouseResult:
    url: str
    scores: dict  # category -> score out of 100
    failing: list  # a line for each scored audit that lost points


def run_lighthouse(url, chrome_path):
    """Lighthouse's four category scores for one page, and what lost points."""
    lighthouse = npm_file(".bin/lighthouse", "Lighthouse")
    if chrome_path is None:
        raise SiteCheckError("No Chromium or Google Chrome found for Lighthouse.")
    with tempfile.TemporaryDirectory() as folder:
        report_path = Path(folder) / "report.json"
        done = subprocess.run(
            [
                str(lighthouse),
                url,
                f"--chrome-path={chrome_path}",
                f"--chrome-flags={LIGHTHOUSE_CHROME_FLAGS}",
                f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)}",
                "--output=json",
                f"--output-path={report_path}",
                "--quiet",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0 or not report_path.is_file():
            raise SiteCheckError(
                f"Lighthouse failed on {url}: {done.stderr.strip()[-1000:]}"
            )
        report = json.loads(report_path.read_text("utf-8"))
    return LighthouseResult(url, *lighthouse_findings(report))


def lighthouse_findings(report):
    """From a Lighthouse JSON report: each category's score out of 100, and a
    line for each audit that counts towards a score and lost points."""
    scores, failing = {}, []
    for name, category in report["categories"].items():
        scores[name] = round(category["score"] * 100)
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit.get("score") is not None and audit["score"] < 1:
                shown = audit.get("displayValue") or audit.get("explanation") or ""
                failing.append(
                    f"{name}: {ref['id']} scored {audit['score']}: "
                    f"{audit['title']} {shown}".rstrip()
                )
    return scores, failing
