"""Set-up stays the README's two commands: every task that builds the site,
whose /admin/ needs Decap's bundle, installs Node.js and npm as Debian
packages when `npm` is missing, and runs `npm ci` when node_modules is not
what package-lock.json pins."""

import shutil

import pytest
from invoke import MockContext, Result

import tasks
from conftest import ROOT
from hub.pelican_run import BuildResult

NPM_CI = "npm ci --include=dev --ignore-scripts --no-audit --no-fund"


@pytest.fixture
def machine(monkeypatch, tmp_path):
    """A machine without npm or node_modules: what each task installs."""
    monkeypatch.chdir(ROOT)
    # `invoke rebuild` deletes the output and caches its settings name: the
    # test's own, never the editor's output/ and .cache/.
    scratch = {"OUTPUT_PATH": tmp_path / "output", "CACHE_PATH": tmp_path / "cache"}
    for folder in scratch.values():
        folder.mkdir()
    monkeypatch.setattr(tasks, "read_settings", lambda path: scratch)
    installed = []
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setattr(
        tasks, "_ensure_debian_packages", lambda c, names: installed.extend(names)
    )
    monkeypatch.setattr(tasks, "_npm_packages_current", lambda: False)
    monkeypatch.setattr(tasks.hub_build, "build", lambda *args, **kwargs: BuildResult())
    return installed


@pytest.mark.parametrize("task", [tasks.build, tasks.rebuild, tasks.preview])
def test_a_task_that_builds_installs_node_and_the_pinned_packages(
    machine, task, tmp_path
):
    context = MockContext(run=Result(), repeat=True)
    task(context)
    assert machine == ["nodejs", "npm"]
    if task is tasks.rebuild:
        assert not (tmp_path / "output").exists()
        assert not (tmp_path / "cache").exists()
    context.run.assert_any_call(NPM_CI, hide="out")


def test_nothing_is_installed_when_node_modules_is_current(monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(tasks.hub_build, "build", lambda *args, **kwargs: BuildResult())
    context = MockContext(run=Result(), repeat=True)
    tasks.build(context)
    assert context.run.call_args_list == []
