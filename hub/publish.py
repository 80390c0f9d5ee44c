"""`invoke publish`: deploy a finished build, refusing anything that would
lose what visitors rely on.

Before a deploy: the deploy method must be able to receive the quote form
(GitHub Pages and an rsync'd server cannot take Netlify Forms), and the
working tree must be committed, since the build publishes what is on disk.
Then it says where the site goes, and any failure is one line saying what to
do. Comparing URLs with the last deployed site is `hub.changes`.
"""

import shutil
import subprocess

from ghp_import import GhpError, ghp_import

METHODS = ("ghp-import", "rsync")
HOSTS = {"ghp-import": "GitHub Pages", "rsync": "your own web server"}
LISTED_FILES = 10


class DeployError(ValueError):
    pass


def check_form_backend(settings):
    """A deploy method that cannot receive the form's backend loses every
    quote request without a word: refuse it before building."""
    method = _method(settings)
    if settings.get("QUOTE_FORM_BACKEND") == "netlify":
        raise DeployError(
            f"the quote form uses Netlify Forms, but DEPLOY_METHOD {method!r} "
            f"publishes to {HOSTS[method]}, which cannot receive them: every quote "
            "request would be lost. Set HUB_QUOTE_FORM_BACKEND=formspree and "
            "HUB_QUOTE_FORM_FORMSPREE_ID (or HUB_QUOTE_FORM_BACKEND=url and "
            "HUB_QUOTE_FORM_ACTION), or deploy on Netlify, which builds the hub "
            "itself (netlify.toml)."
        )


def git(*args):
    """A git command's result (text), in the project folder; never raises."""
    return subprocess.run(["git", *args], capture_output=True, text=True, check=False)


def uncommitted_files(folder="."):
    """Changed, staged or untracked files in the git checkout (not ignored ones)."""
    done = git("-C", str(folder), "status", "--porcelain", "--untracked-files=all")
    if done.returncode != 0:
        raise DeployError(
            f"cannot tell whether {folder} is committed ({done.stderr.strip()}): "
            "publish from a git checkout, or pass --allow-dirty to publish the "
            "files as they are."
        )
    return [line[3:] for line in done.stdout.splitlines()]


def refuse_uncommitted(files):
    if not files:
        return
    listed = ", ".join(files[:LISTED_FILES])
    more = len(files) - LISTED_FILES
    raise DeployError(
        f"{len(files)} file{'s are' if len(files) != 1 else ' is'} not committed: "
        f"{listed}{f' and {more} more' if more > 0 else ''}. The build publishes "
        "what is on disk, so commit them first (or pass --allow-dirty to publish "
        "them anyway)."
    )


def destination(settings):
    """Where a deploy goes, in words, before it happens."""
    method = _method(settings)
    if method == "rsync":
        return f"rsync --delete to {_rsync_target(settings)}"
    branch = settings.get("DEPLOY_BRANCH", "gh-pages")
    if not settings.get("DEPLOY_PUSH", True):
        return f"a commit on the local {branch} branch (not pushed)"
    remote = settings.get("DEPLOY_REMOTE", "origin")
    return (
        f"a commit on the {branch} branch, force-pushed to {remote} "
        f"({_remote_url(remote)}), replacing what {branch} held"
    )


def rsync_command(settings, output):
    return [
        "rsync",
        "--archive",
        "--delete",
        "--checksum",
        f"{output}/",
        _rsync_target(settings),
    ]


def deploy(settings, output):
    """Deploy `output` as the DEPLOY_* settings say; return what was done."""
    if _method(settings) == "rsync":
        command = rsync_command(settings, output)
        if shutil.which("rsync") is None:
            raise DeployError("rsync is not installed: apt-get install rsync")
        done = subprocess.run(command, check=False)
        if done.returncode != 0:
            raise DeployError(
                f"rsync to {command[-1]} failed (exit status {done.returncode}, "
                "its message is above): check the address, your access to the "
                "server and the network, then run invoke publish again. The site "
                "there may be partly updated until it succeeds."
            )
        return " ".join(command)
    branch = settings.get("DEPLOY_BRANCH", "gh-pages")
    push = settings.get("DEPLOY_PUSH", True)
    remote = settings.get("DEPLOY_REMOTE", "origin")
    try:
        ghp_import(
            str(output),
            mesg="Publish the hub",
            remote=remote,
            branch=branch,
            push=push,
            force=True,
            nojekyll=True,
        )
    except (GhpError, subprocess.CalledProcessError) as error:
        raise DeployError(
            f"publishing to the {branch} branch failed ({_first_line(error)}): "
            f"check that {remote} exists and that you may push to it, then run "
            "invoke publish again."
        ) from None
    return f"ghp-import to the {branch} branch" + (
        f" and pushed to {remote}" if push else ""
    )


def _method(settings):
    method = settings.get("DEPLOY_METHOD")
    if method not in METHODS:
        raise DeployError(
            f"DEPLOY_METHOD is {method!r}: set it in publishconf.py (or with "
            f"HUB_DEPLOY_METHOD) to one of {', '.join(METHODS)}."
        )
    return method


def _rsync_target(settings):
    target = settings.get("DEPLOY_RSYNC_TARGET")
    if not target:
        raise DeployError(
            "DEPLOY_METHOD is 'rsync' but DEPLOY_RSYNC_TARGET is not set: set it "
            "in publishconf.py (or HUB_RSYNC_TARGET), e.g. 'user@host:/var/www/hub/'."
        )
    return target


def _remote_url(remote):
    done = git("remote", "get-url", remote)
    if done.returncode != 0:
        raise DeployError(
            f"there is no git remote named {remote!r} to push the site to: add it "
            f"(git remote add {remote} URL), or set DEPLOY_PUSH = False."
        )
    return done.stdout.strip()


def _first_line(error):
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
