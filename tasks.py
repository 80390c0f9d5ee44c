"""Editor and developer tasks: run `invoke --list` to see them."""

import sys

from invoke import Exit, task

from hub import build as hub_build

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
    _finish(hub_build.build(settings))


@task(help={"settings": "Settings file (default: pelicanconf.py)."})
def check(c, settings=DEV_SETTINGS):
    """Run every content check without writing output/; exit 1 on any error."""
    _finish(hub_build.check(settings))


@task(help={"port": "Port to serve on (default 8000)."})
def serve(c, port=8000):
    """Build, serve output/ on localhost, and rebuild whenever content changes."""
    from hub import preview  # noqa: PLC0415 - only this task needs it

    preview.serve(DEV_SETTINGS, port=port)


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


@task(help={"args": "Extra arguments for pytest, e.g. -k quote."})
def test(c, args=""):
    """Run the whole test suite, installing Chromium first if it is missing."""
    _ensure_debian_packages(c, ["chromium"])
    c.run(f"{sys.executable} -m pytest {args}", pty=False)
