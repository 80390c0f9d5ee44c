"""`invoke check --site`: gates 2 to 4 on a site already built, for editors."""

from pathlib import Path

import pytest
from invoke import Context, Exit

import tasks
from hub.site_checks import site_gates

FIXTURES = Path(__file__).parent / "fixtures" / "quality"


def settings_file(tmp_path, output):
    path = tmp_path / "settings.py"
    path.write_text(f'OUTPUT_PATH = "{output}"\nSITEURL = ""\n', "utf-8")
    return str(path)


def test_check_site_lists_every_failure_and_exits_1(tmp_path, capsys):
    output = FIXTURES / "broken-links"
    with pytest.raises(Exit) as failed:
        tasks.check(Context(), settings=settings_file(tmp_path, output), site=True)
    assert failed.value.code == 1
    printed = capsys.readouterr()
    errors = printed.err.splitlines()
    assert len(errors) == 3
    assert all(line.startswith("error: [link] /:") for line in errors)
    assert (
        "external: https://www.find-tender.service.gov.uk/ (on 1 page)" in printed.out
    )
    assert "Links: 3 broken of 11; 1 external links listed, not fetched." in printed.out
    assert "Valid HTML: 0 errors in 2 pages." in printed.out


def test_check_site_asks_for_a_build_when_there_is_none(tmp_path):
    lines, ok = site_gates(tmp_path / "output")
    assert not ok
    assert lines == [
        f"error: no built site in {tmp_path / 'output'}/: run `invoke build` first."
    ]
