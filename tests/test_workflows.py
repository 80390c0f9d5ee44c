"""The GitHub Actions workflows: valid, running the README's commands, and their
shell steps run here against stand-ins for `invoke` and `gh`."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
LINTER = [
    str(Path(sys.executable).parent / "check-jsonschema"),
    "--builtin-schema",
    "vendor.github-workflows",
]
# GitHub runs a step with `shell: bash` like this: a failing command in a
# pipe fails the step.
BASH = ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c"]


def load(name):
    return yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text())


def triggers(workflow):
    return workflow.get("on", workflow.get(True))  # YAML 1.1 reads `on` as true


def step(job, name_start):
    (found,) = [s for s in job["steps"] if s.get("name", "").startswith(name_start)]
    return found


def readme_command(number):
    """The README's `number`th command from the block at its top."""
    block = (ROOT / "README.md").read_text().split("```sh\n", 1)[1]
    return block.split("```", 1)[0].splitlines()[number - 1]


def lint(path):
    command = [*LINTER, str(path)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_workflow_is_valid(path):
    done = lint(path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert load(path.name)["defaults"]["run"]["shell"] == "bash"


def test_a_broken_workflow_is_reported(tmp_path):
    broken = tmp_path / "broken.yml"
    workflow = load("hub.yml")
    workflow["jobs"]["test"]["runs-on"] = None
    workflow["jobs"]["test"]["steps"][0]["with"] = "fetch-depth: 0"
    broken.write_text(yaml.safe_dump(workflow))
    done = lint(broken)
    assert done.returncode == 1
    assert "$.jobs.test" in done.stdout


def test_the_test_job_runs_the_readmes_test_command_on_chrome():
    test = load("hub.yml")["jobs"]["test"]
    command = readme_command(2)
    assert command.endswith(".venv/bin/invoke test")
    assert [s for s in test["steps"] if s.get("run") == command]
    assert test["env"]["HUB_CHROMIUM"] == "/usr/bin/google-chrome"


def test_overdue_reviews_never_block_a_deploy():
    jobs = load("hub.yml")["jobs"]
    deploy = jobs["deploy"]
    assert deploy["needs"] == "test"
    for job in (jobs["test"], deploy):
        for each in job["steps"]:
            assert "--strict" not in each.get("run", ""), each
    check = step(jobs["test"], "Check the content")
    assert check["run"].startswith(".venv/bin/invoke check 2>&1 |")
    assert "continue-on-error" not in check and "if" not in check
    publish = step(deploy, "Build with publishconf.py")
    assert publish["run"].strip().endswith("\n.venv/bin/invoke publish")


@pytest.fixture
def stand_ins(tmp_path, monkeypatch):
    """A folder to run steps in: `.venv/bin/invoke` and `gh` print what the
    STAND_IN_* variables say, and log their arguments to calls.log."""
    for name, folder in (("invoke", tmp_path / ".venv" / "bin"), ("gh", tmp_path)):
        folder.mkdir(parents=True, exist_ok=True)
        script = folder / name
        script.write_text(
            "#!/bin/sh\n"
            f'echo "{name} $*" >> "{tmp_path}/calls.log"\n'
            f'printf "%b" "$STAND_IN_{name.upper()}_OUT"\n'
            f'printf "%b" "$STAND_IN_{name.upper()}_ERR" >&2\n'
            f'exit "${{STAND_IN_{name.upper()}_RC:-0}}"\n'
        )
        script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    return tmp_path


def run_step(folder, script, **stand_in):
    env = os.environ | {f"STAND_IN_{key.upper()}": v for key, v in stand_in.items()}
    done = subprocess.run(
        [*BASH, script],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    calls = folder / "calls.log"
    log = calls.read_text().splitlines() if calls.exists() else []
    calls.unlink(missing_ok=True)
    return done, log


def test_the_content_check_annotates_warnings_and_fails_on_errors(stand_ins):
    script = step(load("hub.yml")["jobs"]["test"], "Check the content")["run"]
    done, log = run_step(
        stand_ins,
        script,
        invoke_out="warning: content/articles/a.md:5: [review_by] the review was"
        " due on 2027-03-14. Review it.\\nwarning: content/articles/b.md: [x] y.\\n"
        "Built in 0.5s with no errors.\\n",
    )
    assert done.returncode == 0
    assert log == ["invoke check"]
    assert done.stdout.splitlines() == [
        "::warning file=content/articles/a.md,line=5::[review_by] the review was"
        " due on 2027-03-14. Review it.",
        "::warning file=content/articles/b.md::[x] y.",
        "Built in 0.5s with no errors.",
    ]
    done, _ = run_step(
        stand_ins,
        script,
        invoke_err="error: content/articles/c.md:2: [topic] unknown topic.\\n",
        invoke_rc="1",
    )
    assert done.returncode == 1
    assert "::error file=content/articles/c.md,line=2::[topic]" in done.stdout


def test_pull_requests_show_the_change_report(stand_ins):
    test = load("hub.yml")["jobs"]["test"]
    report = step(test, "Show what")
    assert report["if"] == "github.event_name == 'pull_request'"
    done, log = run_step(stand_ins, report["run"], invoke_out="## 2 pages changed\\n")
    assert done.returncode == 0, done.stderr
    assert log == ["invoke changes --markdown"]
    assert (stand_ins / "summary.md").read_text() == "## 2 pages changed\n"
    fetch = "git fetch --no-tags origin gh-pages:refs/remotes/origin/gh-pages || true"
    assert report["run"].splitlines()[0] == fetch


def test_the_weekly_review_runs_every_monday_and_on_demand():
    workflow = load("reviews.yml")
    on = triggers(workflow)
    assert set(on) == {"schedule", "workflow_dispatch"}
    assert on["schedule"][0]["cron"].endswith("* * 1")
    assert workflow["permissions"] == {"contents": "read", "issues": "write"}
    env = step(workflow["jobs"]["reviews"], "Open, update or close")["env"]
    assert env["GH_TOKEN"] == "${{ github.token }}"


REVIEWS_DUE = "**1 article needs a review**\\n\\n| overdue | ... |\\n"


@pytest.mark.parametrize(
    ("markdown", "open_issue", "expected"),
    [
        (
            REVIEWS_DUE,
            "",
            [
                "gh label create content-review",
                "gh issue create --title Articles due for review "
                "--label content-review --body-file reviews.md",
            ],
        ),
        (REVIEWS_DUE, "7\\n", ["gh issue edit 7 --body-file reviews.md"]),
        ("", "7\\n", ["gh issue close 7 --comment"]),
        ("", "", []),
    ],
    ids=["due, no issue", "due, open issue", "none due, open issue", "none due"],
)
def test_the_weekly_review_opens_updates_or_closes_one_issue(
    stand_ins, markdown, open_issue, expected
):
    job = load("reviews.yml")["jobs"]["reviews"]
    script = step(job, "Open, update or close")["run"]
    done, log = run_step(stand_ins, script, invoke_out=markdown, gh_out=open_issue)
    assert done.returncode == 0, done.stderr
    assert log[0] == "invoke reviews --markdown"
    assert log[1].startswith("gh issue list --label content-review --state open")
    for call, start in zip(log[2:], expected, strict=True):
        assert call.startswith(start), call
    if expected:
        assert (stand_ins / "reviews.md").read_text() == markdown.replace("\\n", "\n")


def test_scheduled_articles_go_live_by_a_daily_deploy():
    workflow = load("hub.yml")
    assert triggers(workflow)["schedule"][0]["cron"].endswith("* * *")
    deploy = workflow["jobs"]["deploy"]["if"]
    assert "github.event_name != 'pull_request'" in deploy
    assert "refs/heads/main" in deploy
