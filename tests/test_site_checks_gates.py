"""hub/site_checks/gates.py: `invoke check --site` runs valid HTML, links and
page weight on a site already built, for editors.

The Nu HTML checker's errors come from the session's one Java run
(`nu_findings`), as `run_vnu` would have found them on the folder checked."""

import pytest
from invoke import Context, Exit

import tasks
from conftest import QUALITY_FIXTURES
from hub.site_checks import nu_html, site_gates
from hub.site_checks.gates import built_site_url

BROKEN_LINKS = QUALITY_FIXTURES / "broken-links"


def settings_file(tmp_path, output):
    path = tmp_path / "settings.py"
    path.write_text(f'OUTPUT_PATH = "{output}"\nSITEURL = ""\n', "utf-8")
    return str(path)


def test_check_site_lists_every_failure_and_exits_1(
    tmp_path, capsys, monkeypatch, nu_findings
):
    validated = []

    def session_run(paths):
        validated.extend(paths)
        return nu_findings[BROKEN_LINKS]

    monkeypatch.setattr(nu_html, "run_vnu", session_run)
    with pytest.raises(Exit) as failed:
        tasks.check(
            Context(), settings=settings_file(tmp_path, BROKEN_LINKS), site=True
        )
    assert validated == [BROKEN_LINKS]
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


def test_the_site_address_is_read_from_the_home_pages_canonical_link(tmp_path):
    home = tmp_path / "index.html"
    home.write_text(
        '<link rel="canonical" href="https://knowledge.example.org/">', "utf-8"
    )
    assert built_site_url(tmp_path) == "https://knowledge.example.org"
    home.write_text("<title>A preview</title>", "utf-8")
    assert built_site_url(tmp_path) == ""
