"""Editor tasks: new articles, review tables and deployment."""

import datetime
import shutil
import subprocess

import pytest
from pelican.settings import read_settings

from conftest import ROOT
from hub.publish import DeployError, deploy, rsync_command
from hub.reviews import format_table, review_table
from hub.scaffold import ScaffoldError, new_article


def settings_for(site):
    site.build()  # writes the data files
    return read_settings(
        str(ROOT / "pelicanconf.py"), override={"PATH": str(site.content)}
    )


def test_new_article_is_a_valid_draft_with_every_key(site):
    settings = settings_for(site)
    path = new_article(
        settings, 'Fees & "MAT": scoring', "social-value", datetime.date(2026, 3, 31)
    )
    assert path.name == "fees-mat-scoring.md"
    text = path.read_text()
    for key in (
        "title",
        "date",
        "modified",
        "review_by",
        "topic",
        "tags",
        "summary",
        "author",
        "editor",
        "products",
        "resources",
        "related",
        "cta",
        "status",
    ):
        assert f"{key}:" in text, key
    assert "# review_by: 2027-03-31" in text
    assert "status: draft" in text
    result = site.build()
    assert result.ok, result.errors
    draft = site.page("drafts/fees-mat-scoring")
    assert draft.h1.text == 'Fees & "MAT": scoring'


def test_new_article_refuses_to_overwrite_or_guess_a_topic(site):
    settings = settings_for(site)
    new_article(settings, "Guide", "social-value")
    with pytest.raises(ScaffoldError, match="already exists"):
        new_article(settings, "Guide", "social-value")
    with pytest.raises(ScaffoldError, match=r"Unknown topic 'nope'\. Use one of"):
        new_article(settings, "Other", "nope")


def test_reviews_table_sorts_by_urgency(site):
    site.article("overdue", date="2020-01-01", review_by="2026-01-10")
    site.article("soon", date="2026-01-01", review_by="2026-02-20")
    site.article("later", date="2026-01-01", review_by="2027-01-01")
    rows = review_table(settings_for(site), today=datetime.date(2026, 2, 1))
    assert [(status, slug) for status, _, slug, _ in rows] == [
        ("overdue", "overdue"),
        ("due soon", "soon"),
        ("fine", "later"),
    ]
    assert format_table(rows)[-1] == "1 overdue, 1 due soon, 1 fine"


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
