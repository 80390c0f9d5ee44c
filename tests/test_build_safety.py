"""Builds in real processes: two at once never lose output, a build killed in
the middle of its swap loses nothing, and the same content builds the same
bytes whatever order the files are found in."""

import json
import os
import subprocess
import sys

from conftest import ROOT

BUILD = """
import json, sys
sys.path[:0] = [{root!r}, {plugins!r}]
from hub.build import build
result = build({settings!r}, {output!r}, json.loads({overrides!r}))
print("ok" if result.ok else "failed: " + " | ".join(result.errors), flush=True)
"""
# Killed after the build moved output/ aside and before it moved the new one
# in: the second of the swap's two renames never happens.
KILLED_MID_SWAP = """
import os, pathlib, signal
renames = []
rename = pathlib.Path.rename
def rename_then_die(self, target):
    renames.append(self)
    if len(renames) == 2:
        os.kill(os.getpid(), signal.SIGKILL)
    return rename(self, target)
pathlib.Path.rename = rename_then_die
"""


def build_process(site, settings="pelicanconf.py", before="", env=None, **extra):
    script = before + BUILD.format(
        root=str(ROOT),
        plugins=str(ROOT / "plugins"),
        settings=str(ROOT / settings),
        output=str(site.output),
        overrides=json.dumps(site.settings(extra)),
    )
    return subprocess.Popen(
        [sys.executable, "-c", script],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ | (env or {}),
    )


def verdict(stdout):
    """The script's last line; Pelican prints its own summary before it."""
    return stdout.strip().splitlines()[-1]


def files(folder):
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def many_articles(site, count=30):
    for number in range(count):
        site.article(f"guide-{number:02}", tags=["bids", f"tag{number % 4}"])
    site.write_data()


def test_two_builds_at_once_both_finish_with_the_whole_site(site):
    many_articles(site)
    first = build_process(site)
    assert first.wait() == 0
    expected = files(site.output)
    assert len(expected) > 30
    for _ in range(4):
        runs = [build_process(site), build_process(site)]
        outputs = [run.communicate() for run in runs]
        assert [verdict(out) for out, _ in outputs] == ["ok", "ok"], outputs
        assert files(site.output).keys() == expected.keys()
        assert not site.output.with_name("output.staging").exists()
    waited = [err for _, err in outputs if "Another build is writing" in err]
    assert len(waited) <= 1


def test_a_build_killed_mid_swap_loses_nothing(site):
    many_articles(site, 5)
    assert build_process(site).wait() == 0
    last_good = files(site.output)
    killed = build_process(site, before=KILLED_MID_SWAP)
    killed.communicate()
    assert killed.returncode == -9
    assert not site.output.exists()  # the state the kill leaves
    site.article("broken", topic="no-such-topic")
    failed = build_process(site)
    out, err = failed.communicate()
    assert verdict(out).startswith("failed: "), out
    assert "Restored the last good site" in err
    assert files(site.output) == last_good


def test_builds_are_byte_identical_whatever_the_file_order(site):
    for slug in ("delta", "alpha", "echo", "charlie", "bravo", "foxtrot"):
        site.article(slug, date="2026-01-15", tags=["bids"])
    site.write_data()
    built = []
    for seed in ("1", "2", "3"):
        run = build_process(site, "publishconf.py", env={"PYTHONHASHSEED": seed})
        assert verdict(run.communicate()[0]) == "ok"
        built.append(files(site.output))
    assert built[0] == built[1] == built[2]
    for name in ("sitemap.xml", "feeds/all.atom.xml"):
        text = built[0][name].decode()
        assert text.index("/alpha/") < text.index("/bravo/") < text.index("/echo/")
