"""Editor and developer tasks: run `invoke --list` to see them."""

import json
import shutil
import sys
from datetime import date
from pathlib import Path

from invoke import Exit, task
from pelican.settings import read_settings

from hub import build as hub_build
from hub import preview as hub_preview
from hub import site_checks
from hub.changes import compare, last_deployed, report
from hub.publish import (
    DeployError,
    check_form_backend,
    deploy,
    destination,
    refuse_uncommitted,
    uncommitted_files,
)
from hub.reviews import format_markdown, format_table, review_table
from hub.scaffold import ScaffoldError, new_article

DEV_SETTINGS = "pelicanconf.py"
PUBLISH_SETTINGS = "publishconf.py"


def _finish(result):
    for line in hub_build.summary(result):
        print(line, file=sys.stderr if line.startswith("error") else sys.stdout)
    if not result.ok:
        raise Exit(code=1)


@task(help={"settings": "Settings file (default: pelicanconf.py)."})
def build(c, settings=DEV_SETTINGS):
    """Build the hub into output/; on any error, fail and keep the last good site."""
    _ensure_node_packages(c)
    _finish(hub_build.build(settings))


@task
def rebuild(c):
    """Delete output/ and any caches, then build from scratch."""
    _ensure_node_packages(c)
    settings = read_settings(DEV_SETTINGS)
    for folder in (settings["OUTPUT_PATH"], settings["CACHE_PATH"]):
        shutil.rmtree(folder, ignore_errors=True)
    _finish(hub_build.build(DEV_SETTINGS))


@task(
    help={
        "settings": "Settings file (default: pelicanconf.py).",
        "strict": "Treat overdue reviews as errors, not warnings.",
        "site": "Check the site already built in output/ instead: valid HTML, "
        "links and anchors, page weight. External links are listed, not fetched.",
    }
)
def check(c, settings=DEV_SETTINGS, strict=False, site=False):
    """Run every content check without writing output/; exit 1 on any error.

    With --site, check the site built in output/ instead, whichever settings
    built it."""
    if site:
        _check_site(read_settings(settings)["OUTPUT_PATH"])
        return
    _ensure_node_packages(c)
    overrides = {"REVIEW_OVERDUE_IS_ERROR": True} if strict else {}
    _finish(hub_build.check(settings, overrides))


def _check_site(output):
    try:
        lines, ok = site_checks.site_gates(output)
    except site_checks.SiteCheckError as error:
        raise Exit(f"error: {error}", code=1) from None
    for line in lines:
        print(line, file=sys.stderr if line.startswith("error") else sys.stdout)
    if not ok:
        raise Exit(code=1)


@task(
    help={
        "title": "The article's title, in quotes.",
        "topic": "A topic slug from content/data/topics.yml.",
    }
)
def new(c, title, topic):
    """Write a new draft article with every front-matter key, ready to fill in."""
    try:
        path = new_article(read_settings(DEV_SETTINGS), title, topic)
    except ScaffoldError as error:
        raise Exit(f"error: {error}", code=1) from None
    print(f"Wrote {path}: fill in the summary and body, then set status: published.")


@task(
    help={
        "markdown": "Print only the articles overdue or due within 30 days, as "
        "Markdown (for the weekly review issue); nothing when there are none."
    }
)
def reviews(c, markdown=False):
    """List articles by review date: overdue, due within 30 days, fine.

    Then scheduled (future-dated) articles and drafts."""

    rows = review_table(read_settings(DEV_SETTINGS))
    lines = format_markdown(rows, date.today()) if markdown else format_table(rows)
    if lines:
        print("\n".join(lines))


@task(
    help={
        "serve": "Then serve it on http://127.0.0.1:PORT/, built for that address "
        "so that its absolute links work locally.",
        "port": "Port for --serve (default 8000).",
    }
)
def preview(c, serve=False, port=8000):
    """Build the published site into output/; with --serve, open it locally.

    publishconf.py: absolute URLs, feeds, no drafts."""
    _ensure_node_packages(c)
    if not serve:
        _finish(hub_build.build(PUBLISH_SETTINGS))
        return
    address = f"http://127.0.0.1:{port}"
    local = {"SITEURL": address, "FEED_DOMAIN": address}
    _finish(hub_build.build(PUBLISH_SETTINGS, overrides=local))
    try:
        hub_preview.serve_built(read_settings(PUBLISH_SETTINGS)["OUTPUT_PATH"], port)
    except hub_preview.PortInUse as error:
        raise Exit(f"error: {error}", code=1) from None


@task(help={"allow_dirty": "Publish files that are not committed, too."})
def publish(c, allow_dirty=False):
    """Build with publishconf.py and deploy it, refusing anything unsafe.

    Refuses, saying why, on any content error, a form backend the host cannot
    receive, uncommitted files, or a published URL that would disappear."""
    _ensure_node_packages(c)
    settings = read_settings(PUBLISH_SETTINGS)
    try:
        check_form_backend(settings)
        if not allow_dirty:
            refuse_uncommitted(uncommitted_files())
    except DeployError as error:
        raise Exit(f"error: {error}", code=1) from None
    _finish(hub_build.build(PUBLISH_SETTINGS))
    _report_changes(settings, settings["OUTPUT_PATH"], markdown=False)
    try:
        print(f"Deploying {settings['OUTPUT_PATH']}/ as {destination(settings)}.")
        done = deploy(settings, settings["OUTPUT_PATH"])
    except DeployError as error:
        raise Exit(f"error: {error}", code=1) from None
    print(f"Published: {done}.")


@task(help={"markdown": "Print Markdown, for a pull request's summary."})
def changes(c, markdown=False):
    """List pages a publish would add, remove or change since the last deploy.

    Compared with the last deployed site; exits 1 if a published URL would
    disappear."""
    _ensure_node_packages(c)
    settings = read_settings(PUBLISH_SETTINGS)
    result, built = hub_build.build_to_folder(PUBLISH_SETTINGS)
    with built:
        if not result.ok:
            _finish(result)
        _report_changes(settings, built.name, markdown)


def _report_changes(settings, built, markdown):
    """Print the change report; Exit if a published URL would disappear."""
    try:
        with last_deployed(settings) as deployed:
            if deployed is None:
                print("Nothing was deployed before: every page is new.")
                return
            found = compare(deployed, Path(built), settings["PATH"], settings)
    except DeployError as error:
        raise Exit(f"error: {error}", code=1) from None
    print("\n".join(report(found, markdown)))
    if found.vanished:
        count = len(found.vanished)
        raise Exit(
            f"error: {count} published URL{'s' * (count != 1)} would disappear: "
            "keep each one as the report says, then try again.",
            code=1,
        )


@task(help={"port": "Port to serve on (default 8000)."})
def serve(c, port=8000):
    """Build, serve output/ and the quote form's receiver, rebuild on changes.

    Also starts the CMS's local backend: /admin/ edits the files here."""
    _ensure_node_packages(c)
    try:
        hub_preview.serve(DEV_SETTINGS, port=port)
    except (hub_preview.PortInUse, hub_preview.CmsBackendError) as error:
        raise Exit(f"error: {error}", code=1) from None


def _ensure_debian_packages(c, packages):
    """Install Debian packages the browser and HTML tests need, if missing."""
    missing = [
        name
        for name in packages
        if not c.run(f"dpkg -s {name}", hide=True, warn=True).ok
    ]
    if missing:
        sudo = "" if c.run("id -u", hide=True).stdout.strip() == "0" else "sudo "
        names = " ".join(missing)
        c.run(f"{sudo}apt-get update -qq && {sudo}apt-get install -y -qq {names}")


def _ensure_node_packages(c):
    """Node.js (Debian's, when missing) and the packages package-lock.json
    pins: every build copies the CMS's bundle into the site."""
    if shutil.which("npm") is None:
        _ensure_debian_packages(c, ["nodejs", "npm"])
    if not _npm_packages_current():
        c.run("npm ci --include=dev --ignore-scripts --no-audit --no-fund", hide="out")


def _npm_packages_current():
    """Whether node_modules holds exactly what package-lock.json pins (npm
    records what it installed in node_modules/.package-lock.json)."""
    installed = Path("node_modules", ".package-lock.json")
    if not installed.is_file():
        return False
    pinned = json.loads(Path("package-lock.json").read_text())["packages"]
    return json.loads(installed.read_text())["packages"] == {
        name: entry for name, entry in pinned.items() if name
    }


@task(help={"args": "Extra arguments for pytest, e.g. -k quote."})
def test(c, args=""):
    """Run the whole test suite, installing what it needs first.

    Chromium, Java, Node.js (Debian packages) and the npm lock file's tools,
    when missing."""
    from hub import chromium  # noqa: PLC0415 - only this task needs it

    packages = ["rsync"]
    try:
        if chromium.find_chromium() is None:  # Google Chrome does as well
            packages.append("chromium")
    except chromium.ChromiumError as error:
        raise Exit(f"error: {error}", code=1) from None
    if shutil.which("java") is None:  # any Java runs the HTML validator
        packages.append("default-jre-headless")
    if shutil.which("npm") is None:  # installs the validator from the lock file
        packages += ["nodejs", "npm"]
    _ensure_debian_packages(c, packages)
    _ensure_node_packages(c)
    c.run(f"{sys.executable} -m pytest {args}", pty=False)


@task(
    help={
        "articles": "Synthetic articles to build (default 1000).",
        "runs": "Builds of each kind; medians are reported (default 3).",
        "json": "Also write the results to this JSON file.",
        "preview": "Also time an edit-to-preview rebuild (default on).",
    }
)
def bench(c, articles=1000, runs=3, json=None, preview=True):
    """Time the full hub against the hub without plugins and bare Pelican."""
    from hub import bench as hub_bench  # noqa: PLC0415 - only this task needs it

    hub_bench.run(articles, runs, json, preview=preview)


@task(
    help={
        "path": "An export file or a folder of .txt exports; list more after --.",
        "topic": "Topic slug for every file (default: guessed from each text).",
        "force": "Replace an article that already exists.",
        "content": "Content folder to write into (default: content).",
    },
)
def import_legacy(c, path, topic=None, force=False, content="content"):
    """Import plain-text exports of the old site as articles, repairing mojibake."""
    import shlex  # noqa: PLC0415 - only this task needs it

    from hub.legacy import import_files  # noqa: PLC0415 - only this task needs it

    paths = [path, *shlex.split(c.remainder)]
    settings = read_settings(DEV_SETTINGS, override={"PATH": content})
    if import_files(paths, settings, topic=topic, force=force):
        raise Exit(code=1)
