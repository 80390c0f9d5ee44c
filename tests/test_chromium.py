"""Which Chromium the browser tests drive, and when `invoke test` installs one."""

from pathlib import Path
from types import SimpleNamespace

import pytest
from invoke import Exit, MockContext, Result

import tasks
from hub import chromium
from hub.chromium import ChromiumError, find_chromium


def executable(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return path


def fake_playwright(path):
    return SimpleNamespace(chromium=SimpleNamespace(executable_path=str(path)))


@pytest.fixture
def nowhere(tmp_path, monkeypatch):
    """No Chromium or Chrome installed: every known place is an empty folder."""
    monkeypatch.delenv("HUB_CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path / "ms-playwright"))
    monkeypatch.setattr(chromium, "DEBIAN", tmp_path / "usr/bin/chromium")
    monkeypatch.setattr(
        chromium,
        "CHROME_PATHS",
        (tmp_path / "usr/bin/google-chrome", tmp_path / "opt/google/chrome/chrome"),
    )
    return tmp_path


def test_the_environment_variable_comes_first(nowhere, monkeypatch):
    executable(nowhere / "usr/bin/chromium")
    mine = executable(nowhere / "mine" / "chrome")
    monkeypatch.setenv("HUB_CHROMIUM", str(mine))
    assert find_chromium() == str(mine)


@pytest.mark.parametrize("kind", ["missing", "not executable", "a folder"])
def test_a_wrong_environment_variable_is_an_error_naming_it(nowhere, monkeypatch, kind):
    path = nowhere / "chrome"
    if kind == "not executable":
        path.write_text("")
    elif kind == "a folder":
        path.mkdir()
    monkeypatch.setenv("HUB_CHROMIUM", str(path))
    with pytest.raises(ChromiumError, match=rf"HUB_CHROMIUM={path} is not"):
        find_chromium()


def test_debian_chromium_before_google_chrome_and_without_asking_playwright(nowhere):
    debian = executable(nowhere / "usr/bin/chromium")
    executable(nowhere / "bin" / "google-chrome")
    assert find_chromium(SimpleNamespace()) == str(debian)


@pytest.mark.parametrize("name", ["google-chrome", "google-chrome-stable"])
def test_google_chrome_on_the_path(nowhere, name):
    on_path = executable(nowhere / "bin" / name)
    executable(nowhere / "opt/google/chrome/chrome")
    assert find_chromium() == str(on_path)


def test_google_chrome_in_its_usual_places(nowhere):
    opt = executable(nowhere / "opt/google/chrome/chrome")
    assert find_chromium() == str(opt)
    usr = executable(nowhere / "usr/bin/google-chrome")
    assert find_chromium() == str(usr)


def test_playwrights_chromium_only_if_downloaded(nowhere):
    downloaded = nowhere / "ms-playwright" / "chrome"
    assert find_chromium(fake_playwright(downloaded)) is None
    executable(downloaded)
    assert find_chromium(fake_playwright(downloaded)) == str(downloaded)


def test_playwrights_chromium_when_asked_for_without_a_running_playwright(nowhere):
    downloaded = Path(chromium._playwrights(None))
    assert nowhere / "ms-playwright" in downloaded.parents
    assert find_chromium() is None
    executable(downloaded)
    assert find_chromium() == str(downloaded)


def test_nothing_found(nowhere):
    assert find_chromium() is None


def run_test_task(monkeypatch, found):
    installed = []
    monkeypatch.setattr(chromium, "find_chromium", lambda: found)
    monkeypatch.setattr(
        tasks, "_ensure_debian_packages", lambda c, names: installed.extend(names)
    )
    tasks.test(MockContext(run=Result(), repeat=True))
    return installed


def test_invoke_test_installs_chromium_only_when_none_is_found(monkeypatch):
    assert "chromium" not in run_test_task(monkeypatch, "/usr/bin/google-chrome")
    assert "rsync" in run_test_task(monkeypatch, "/usr/bin/google-chrome")
    assert "chromium" in run_test_task(monkeypatch, None)


def test_invoke_test_stops_on_a_wrong_environment_variable(nowhere, monkeypatch):
    monkeypatch.setenv("HUB_CHROMIUM", str(nowhere / "chrome"))
    with pytest.raises(Exit, match="HUB_CHROMIUM="):
        tasks.test(MockContext(run=Result(), repeat=True))
