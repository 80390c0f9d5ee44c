"""`invoke publish`: deploy a finished build to GitHub Pages or by rsync."""

import shutil
import subprocess

from ghp_import import ghp_import

METHODS = ("ghp-import", "rsync")


class DeployError(ValueError):
    pass


def rsync_command(settings, output):
    target = settings.get("DEPLOY_RSYNC_TARGET")
    if not target:
        raise DeployError(
            "DEPLOY_METHOD is 'rsync' but DEPLOY_RSYNC_TARGET is not set: "
            "set it in publishconf.py, e.g. 'user@host:/var/www/hub/'."
        )
    return ["rsync", "--archive", "--delete", "--checksum", f"{output}/", target]


def deploy(settings, output):
    """Deploy `output` as the DEPLOY_* settings say; return what was done."""
    method = settings.get("DEPLOY_METHOD")
    if method == "ghp-import":
        branch = settings.get("DEPLOY_BRANCH", "gh-pages")
        push = settings.get("DEPLOY_PUSH", True)
        ghp_import(
            str(output),
            mesg="Publish the hub",
            branch=branch,
            push=push,
            force=True,
            nojekyll=True,
        )
        return f"ghp-import to the {branch} branch" + (" and pushed" if push else "")
    if method == "rsync":
        command = rsync_command(settings, output)
        if shutil.which("rsync") is None:
            raise DeployError("rsync is not installed: apt-get install rsync")
        subprocess.run(command, check=True)
        return " ".join(command)
    raise DeployError(
        f"DEPLOY_METHOD is {method!r}: set it in publishconf.py to one of {METHODS}."
    )
