"""Deploying (hub/publish.py), and `invoke publish`, `invoke changes` and
`invoke preview` run as an editor runs them: in a git checkout of a small hub,
with a bare repository as the remote that GitHub Pages would be."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, SmallSite
from hub.publish import DeployError, deploy, rsync_command

CODE = (
    "hub",
    "plugins",
    "theme",
    "tasks.py",
    "pelicanconf.py",
    "publishconf.py",
    "package.json",
    "package-lock.json",
)
GIT_USER = {
    "GIT_AUTHOR_NAME": "Editor",
    "GIT_AUTHOR_EMAIL": "editor@example.org",
    "GIT_COMMITTER_NAME": "Editor",
    "GIT_COMMITTER_EMAIL": "editor@example.org",
}
FORMSPREE = {"HUB_QUOTE_FORM_BACKEND": "formspree", "HUB_QUOTE_FORM_FORMSPREE_ID": "x1"}


class Project(SmallSite):
    """A small hub with the real code, committed, and an empty remote."""

    def __init__(self, root):
        super().__init__(root)
        ignore = shutil.ignore_patterns("__pycache__")
        for name in CODE:
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, root / name, ignore=ignore)
            else:
                shutil.copy(source, root / name)
        shutil.copy(ROOT / ".gitignore", root / ".gitignore")
        # What `npm ci` installed (git-ignored): the Nu HTML checker, the CMS.
        (root / "node_modules").symlink_to(ROOT / "node_modules")
        self.remote = root.parent / "pages.git"
        subprocess.run(["git", "init", "-q", "--bare", str(self.remote)], check=True)
        self.git("init", "-q", "-b", "main")
        self.git("remote", "add", "origin", str(self.remote))
        for page in (ROOT / "content" / "pages").glob("*.md"):
            shutil.copy(page, self.content / "pages" / page.name)
        self.article("writing-method-statements", title="Writing method statements")
        self.article("social-value", title="Social value", topic="social-value")
        self.write_data()
        self.commit("Start")

    def git(self, *args):
        return subprocess.run(
            ["git", "-C", str(self.root), *args],
            capture_output=True,
            text=True,
            check=True,
            env=os.environ | GIT_USER,
        ).stdout

    def commit(self, message):
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)

    def invoke(self, *args, **environment):
        env = {k: v for k, v in os.environ.items() if not k.startswith("HUB_")}
        return subprocess.run(
            [sys.executable, "-m", "invoke", *args],
            cwd=self.root,
            capture_output=True,
            text=True,
            check=False,
            env=env | GIT_USER | environment,
        )

    def published(self, path):
        """A file on the remote's gh-pages branch, or None."""
        done = subprocess.run(
            ["git", "-C", str(self.remote), "show", f"gh-pages:{path}"],
            capture_output=True,
            text=True,
            check=False,
        )
        return done.stdout if done.returncode == 0 else None


@pytest.fixture
def project(tmp_path):
    return Project(tmp_path / "hub")


def test_publish_refuses_what_check_refuses(project):
    project.article("fees", body="Donâ€™t overpromise.\n")
    project.commit("Garbled")
    for task in ("check", "build", "preview", "publish"):
        done = project.invoke(task, **FORMSPREE)
        assert done.returncode == 1, (task, done.stdout, done.stderr)
        assert "fees.md:7: [body] garbled characters" in done.stderr, task
    assert project.published("index.html") is None


@pytest.mark.parametrize("method", ["ghp-import", "rsync"])
def test_publish_refuses_a_form_the_host_cannot_receive(project, method, tmp_path):
    done = project.invoke(
        "publish", HUB_DEPLOY_METHOD=method, HUB_RSYNC_TARGET=str(tmp_path / "www")
    )
    assert done.returncode == 1
    assert "the quote form uses Netlify Forms" in done.stderr
    assert "every quote request would be lost" in done.stderr
    assert "HUB_QUOTE_FORM_BACKEND=formspree" in done.stderr
    assert "Traceback" not in done.stderr
    assert project.published("index.html") is None
    assert not (tmp_path / "www").exists()


def test_publish_refuses_uncommitted_files_unless_allowed(project):
    project.article("draft-in-progress")
    (project.root / "pelicanconf.py").write_text(
        (project.root / "pelicanconf.py").read_text() + "\n"
    )
    done = project.invoke("publish", **FORMSPREE)
    assert done.returncode == 1
    assert "2 files are not committed" in done.stderr
    assert "content/articles/draft-in-progress.md" in done.stderr
    assert "pelicanconf.py" in done.stderr
    assert project.published("index.html") is None
    allowed = project.invoke("publish", "--allow-dirty", **FORMSPREE)
    assert allowed.returncode == 0, allowed.stderr
    assert project.published("draft-in-progress/index.html")


def test_publish_says_where_it_goes_before_it_goes(project):
    done = project.invoke("publish", **FORMSPREE)
    assert done.returncode == 0, done.stderr
    assert (
        "Deploying output/ as a commit on the gh-pages branch, force-pushed to "
        f"origin ({project.remote}), replacing what gh-pages held."
    ) in done.stdout.replace(str(project.root) + "/", "")
    assert "Nothing was deployed before: every page is new." in done.stdout
    page = BeautifulSoup(project.published("social-value/index.html"), "html.parser")
    assert page.h1.get_text(strip=True) == "Social value"


def test_a_renamed_article_keeps_its_old_address(project):
    assert project.invoke("publish", **FORMSPREE).returncode == 0
    project.git("mv", "content/articles/social-value.md", "content/articles/value.md")
    project.commit("Rename")
    done = project.invoke("publish", **FORMSPREE)
    assert done.returncode == 1
    assert (
        "- /social-value/: if content/articles/value.md is this page under a new "
        "name, add `redirect_from: [/social-value/]` to its front-matter"
    ) in done.stdout
    assert "error: 1 published URL would disappear" in done.stderr
    assert project.published("value/index.html") is None
    project.article(
        "value",
        title="Social value",
        topic="social-value",
        redirect_from=["/social-value/"],
    )
    project.commit("Keep the old address")
    done = project.invoke("publish", **FORMSPREE)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "- /social-value/ to " in done.stdout  # now redirecting
    moved = BeautifulSoup(project.published("social-value/index.html"), "html.parser")
    assert moved.find("link", rel="canonical")["href"].endswith("/value/")


def test_changes_lists_what_a_merge_would_publish(project):
    assert project.invoke("publish", **FORMSPREE).returncode == 0
    project.article(
        "writing-method-statements",
        title="Writing method statements",
        summary="A new summary.",
    )
    project.article("clarifications", title="Clarification questions")
    project.commit("Edit")
    done = project.invoke("changes", **FORMSPREE)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "Compared with the gh-pages branch (origin/gh-pages " in done.stdout
    assert "- /clarifications/: Clarification questions" in lines
    assert "- /writing-method-statements/: summary" in lines
    markdown = project.invoke("changes", "--markdown", **FORMSPREE).stdout
    assert "## What this change publishes" in markdown
    assert "- `/clarifications/`: Clarification questions" in markdown
    assert project.published("clarifications/index.html") is None  # only a report


def test_a_failed_push_is_one_line(project):
    project.git("remote", "set-url", "origin", str(project.root / "nowhere.git"))
    done = project.invoke("publish", **FORMSPREE)
    assert done.returncode == 1
    assert "error: publishing to the gh-pages branch failed" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_failed_rsync_is_one_line(project, tmp_path):
    target = tmp_path / "missing" / "deep" / "www"
    done = project.invoke(
        "publish", HUB_DEPLOY_METHOD="rsync", HUB_RSYNC_TARGET=f"{target}/", **FORMSPREE
    )
    assert done.returncode == 1
    assert f"error: cannot read the deployed site at {target}/" in done.stderr
    assert "Traceback" not in done.stderr


def test_rsync_publish_compares_with_the_server(project, tmp_path):
    www = tmp_path / "www"
    www.mkdir()
    rsync = {"HUB_DEPLOY_METHOD": "rsync", "HUB_RSYNC_TARGET": f"{www}/"} | FORMSPREE
    done = project.invoke("publish", **rsync)
    assert done.returncode == 0, done.stderr
    assert f"Deploying output/ as rsync --delete to {www}/." in done.stdout.replace(
        str(project.root) + "/", ""
    )
    (project.root / "content" / "articles" / "social-value.md").unlink()
    project.commit("Remove")
    done = project.invoke("publish", **rsync)
    assert done.returncode == 1
    assert "- /social-value/: restore it, or add `redirect_from" in done.stdout
    assert (www / "social-value" / "index.html").exists()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_preview_serve_gives_a_site_that_works_locally(project):
    port = free_port()
    env = os.environ | FORMSPREE
    server = subprocess.Popen(
        [sys.executable, "-m", "invoke", "preview", "--serve", f"--port={port}"],
        cwd=project.root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        home = None
        for _ in range(300):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/") as page:
                    home = BeautifulSoup(page.read(), "html.parser")
                break
            except OSError:
                time.sleep(0.1)
        assert home is not None, server.stderr.read1().decode()
        stylesheet = home.find("link", rel="stylesheet")["href"]
        assert stylesheet == f"http://127.0.0.1:{port}/theme/css/hub.css"
        with urllib.request.urlopen(stylesheet) as css:
            assert css.status == 200
        feed = home.find("link", type="application/atom+xml")["href"]
        assert feed.startswith(f"http://127.0.0.1:{port}/feeds/")
    finally:
        server.terminate()
        server.wait(10)


def test_check_site_accepts_the_published_build(project):
    assert project.invoke("preview", **FORMSPREE).returncode == 0
    done = project.invoke("check", "--site")
    assert "loads a file from another site" not in done.stdout + done.stderr
    assert done.returncode == 0, done.stdout + done.stderr


def test_rsync_deploys_the_output(tmp_path):
    if shutil.which("rsync") is None:
        pytest.fail("rsync is missing: `invoke test` installs it")
    output = tmp_path / "output"
    (output / "guide").mkdir(parents=True)
    (output / "guide" / "index.html").write_text("<h1>Guide</h1>")
    target = tmp_path / "server"
    target.mkdir()
    (target / "stale.html").write_text("old")
    deploy({"DEPLOY_METHOD": "rsync", "DEPLOY_RSYNC_TARGET": f"{target}/"}, output)
    assert (target / "guide" / "index.html").read_text() == "<h1>Guide</h1>"
    assert not (target / "stale.html").exists()


def test_ghp_import_commits_the_output_to_the_pages_branch(tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    output = repo / "output"
    output.mkdir(parents=True)
    (output / "index.html").write_text("<h1>Hub</h1>")
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "commit", "-q", "--allow-empty", "-m", "start"], check=True)
    monkeypatch.chdir(repo)
    monkeypatch.setenv("GIT_AUTHOR_NAME", "t")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "t@example")
    monkeypatch.setenv("GIT_COMMITTER_NAME", "t")
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", "t@example")
    settings = {"DEPLOY_METHOD": "ghp-import", "DEPLOY_PUSH": False}
    deploy(settings, output)
    shown = subprocess.run(
        [*git, "show", "gh-pages:index.html"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert shown.stdout == "<h1>Hub</h1>"


def test_deploy_settings_mistakes_are_explained():
    with pytest.raises(DeployError, match="DEPLOY_RSYNC_TARGET is not set"):
        rsync_command({"DEPLOY_METHOD": "rsync"}, "output")
    with pytest.raises(DeployError, match="one of"):
        deploy({"DEPLOY_METHOD": "ftp"}, "output")


def test_a_failed_rsync_deploy_says_what_to_do(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("<h1>Hub</h1>")
    target = f"{tmp_path}/missing/deep/www/"
    with pytest.raises(DeployError, match=r"rsync to .*/missing/deep/www/ failed"):
        deploy({"DEPLOY_METHOD": "rsync", "DEPLOY_RSYNC_TARGET": target}, output)
