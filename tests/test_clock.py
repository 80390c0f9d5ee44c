"""`pytest --clock-years-ahead=N`: the whole run, collection included, N years on."""

import os
import subprocess
import sys
import textwrap

from conftest import ROOT

PROBE = """
    import datetime
    import subprocess
    import time

    # At import, as collection runs it: module constants see the moved clock too.
    IMPORTED = datetime.date.today()
    # A subprocess keeps the real clock.
    REAL_YEAR = int(subprocess.run(["date", "+%Y"], capture_output=True).stdout)


    def test_moved():
        assert IMPORTED.year == datetime.date.today().year == REAL_YEAR + 2
        start = time.time()
        time.sleep(0.05)
        assert time.time() > start, "the moved clock still ticks"
"""


def test_the_clock_moves_years_ahead_for_the_whole_run(tmp_path):
    (tmp_path / "test_probe.py").write_text(textwrap.dedent(PROBE))
    paths = [ROOT / "tests", ROOT, ROOT / "plugins"]
    env = os.environ | {"PYTHONPATH": os.pathsep.join(map(str, paths))}
    command = [sys.executable, "-m", "pytest", "-p", "conftest", "-p"]
    command += ["no:cacheprovider", "--clock-years-ahead=2", "-q", str(tmp_path)]
    run = subprocess.run(
        command, cwd=tmp_path, env=env, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stdout + run.stderr
