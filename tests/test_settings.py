"""Settings several plugins check (plugins/content_model/settings.py): whole
numbers, and plugins listed after those they need."""

import subprocess
import sys
from types import ModuleType

import pytest

from conftest import ROOT
from content_model.settings import check_plugin_order, whole_number


@pytest.mark.parametrize("value", [0, 3])
def test_a_whole_number_at_or_above_the_minimum_is_kept(value):
    assert whole_number({"COUNT": value}, "COUNT") == value


@pytest.mark.parametrize(
    ("value", "minimum", "says"),
    [
        (-1, 0, "COUNT must be a whole number, 0 or more, got -1"),
        (0, 1, "COUNT must be a whole number, 1 or more, got 0"),
        (2.5, 0, "COUNT must be a whole number, 0 or more, got 2.5"),
        ("3", 0, "COUNT must be a whole number, 0 or more, got '3'"),
        (True, 0, "COUNT must be a whole number, 0 or more, got True"),
    ],
)
def test_anything_else_stops_the_build_naming_the_setting(value, minimum, says):
    with pytest.raises(ValueError, match=f"^{says}$"):
        whole_number({"COUNT": value}, "COUNT", minimum)


def test_a_minimum_from_another_setting_is_named():
    settings = {"LOW": 3, "HIGH": 2}
    with pytest.raises(ValueError, match=r"HIGH must be a whole number, LOW \(3\) or"):
        whole_number(settings, "HIGH", settings["LOW"], "LOW")


class PelicanStandIn:
    """What the check reads of Pelican: its plugins' modules, in order."""

    def __init__(self, *plugins):
        self.plugins = []
        for name, needs in plugins:
            module = ModuleType(name)
            module.NEEDS = needs
            self.plugins.append(module)


def test_plugins_after_what_they_need_pass():
    check_plugin_order(PelicanStandIn(("base", ()), ("extra", ("base",))))


@pytest.mark.parametrize(
    ("plugins", "says"),
    [
        (
            [("extra", ("base",)), ("base", ())],
            "PLUGINS: extra needs base before it, but base comes after it. "
            "Move base above extra in PLUGINS (pelicanconf.py).",
        ),
        (
            [("extra", ("base",))],
            "PLUGINS: extra needs base before it, but base is not listed. "
            "Add base above extra in PLUGINS (pelicanconf.py).",
        ),
    ],
)
def test_a_plugin_before_what_it_needs_stops_the_build(plugins, says):
    with pytest.raises(ValueError) as stopped:
        check_plugin_order(PelicanStandIn(*plugins))
    assert str(stopped.value) == says


# In a process of its own: Pelican's signals keep their receivers, in the
# order first connected, for the rest of a process.
BUILD = """
from hub.build import build
result = build({settings!r}, {output!r}, {overrides!r})
print("\\n".join(result.errors))
"""


def test_a_site_with_plugins_in_the_wrong_order_fails_saying_so(site):
    site.article("guide")
    site.write_data()
    plugins = ["quote_cta", "content_model", "product_pages", "quote_form"]
    script = BUILD.format(
        settings=str(ROOT / "pelicanconf.py"),
        output=str(site.output),
        overrides=site.settings({"PLUGINS": plugins}),
    )
    printed = subprocess.check_output(
        [sys.executable, "-c", script], cwd=ROOT, text=True
    )
    assert printed.strip().splitlines()[-1] == (
        "The build stopped: PLUGINS: quote_cta needs content_model before it, "
        "but content_model comes after it. Move content_model above quote_cta "
        "in PLUGINS (pelicanconf.py)."
    )
    assert not site.output.exists()
