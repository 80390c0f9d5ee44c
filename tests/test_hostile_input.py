"""Hostile or broken content: each is refused with one error naming the file,
the field and the limit, and the last good output/ stays exactly as it was."""

import shutil
import subprocess
import sys
import time

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT


def snapshot(folder):
    return {
        path.relative_to(folder): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def built(site):
    """A small site built once, so each test can check output/ is untouched."""
    site.article("guide")
    assert site.build().ok
    site.before = snapshot(site.output)
    return site


def refused(site):
    """The build's only error; output/ unchanged."""
    result = site.build()
    assert not result.ok
    assert len(result.errors) == 1, result.errors
    assert snapshot(site.output) == site.before
    return result.errors[0]


@pytest.mark.parametrize(
    ("old_path", "hub_file"),
    [
        ("/_headers", "_headers"),
        ("/search/", "search/index.html"),
        ("/robots.txt", "robots.txt"),
        ("/404.html", "404.html"),
        ("/sitemap.xml", "sitemap.xml"),
        ("/theme/css/hub.css", "theme/"),
        ("/_redirects", "_redirects"),
        ("/feeds/all.atom.xml", "feeds/"),
        ("/", "index.html"),
    ],
)
def test_redirect_from_cannot_replace_a_file_the_hub_writes(built, old_path, hub_file):
    built.article("other", redirect_from=[old_path])
    error = refused(built)
    assert (
        f"other.md:6: [redirect_from] '{old_path}' is where the hub writes its own "
        f"{hub_file}, so it cannot redirect"
    ) in error


@pytest.mark.parametrize(
    "old_path",
    [
        "/old/\n/*\t/404.html\t200!\n/x/",
        "/old page/",
        "/*",
        "/:splat/",
        "/old/?q=1",
        "/old\u2028/",
        "/old/#part",
    ],
)
def test_redirect_from_cannot_write_rules_into_redirects(built, old_path):
    built.article("other", redirect_from=[old_path])
    error = refused(built)
    assert "other.md:6: [redirect_from]" in error
    assert "is not a path on this site" in error
    assert "\n" not in error


@pytest.mark.parametrize(
    ("text", "where", "limit"),
    [
        ("title: " + "[" * 30_000 + "]" * 30_000, 2, "over the limit of 20,000"),
        ("title: " + "[" * 1_000 + "]" * 1_000, 2, "nested over 20 levels deep"),
        ("title: x\nnotes: |\n" + "  y\n" * 10_000, 2, "over the limit of 20,000"),
    ],
)
def test_yaml_beyond_the_limits_is_refused_without_crashing(built, text, where, limit):
    built.write("articles/hostile.md", f"---\n{text}\n---\nBody.\n")
    error = refused(built)
    assert f"hostile.md:{where}: [front-matter] the YAML" in error
    assert limit in error


def alias_bomb(levels):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, levels + 1):
        aliases = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{aliases}]")
    return "\n".join(lines)


@pytest.mark.parametrize("levels", [7, 10])
def test_alias_bomb_is_refused_at_once(built, levels):
    built.write("articles/hostile.md", f"---\n{alias_bomb(levels)}\n---\nBody.\n")
    started = time.monotonic()
    error = refused(built)
    assert time.monotonic() - started < 5  # the unguarded build ran for minutes
    assert "hostile.md:" in error
    assert "holds over 10,000 values once its aliases are expanded" in error
    assert len(error) < 400


def test_alias_bomb_in_site_data_is_refused(built):
    built.write_data()
    topics = built.content / "data" / "topics.yml"
    topics.write_text(alias_bomb(10) + "\n" + topics.read_text())
    built.write_data = lambda: None  # keep the hostile file
    error = refused(built)
    assert "topics.yml:" in error
    assert "holds over 10,000 values" in error


def test_deep_yaml_does_not_kill_the_build_process(tmp_path):
    """The C loader used to crash Python itself (exit 139, nothing printed)."""
    script = (
        "import sys; sys.path.insert(0, 'plugins')\n"
        "from content_model.front_matter import FrontMatterError, load_yaml\n"
        "try:\n"
        "    load_yaml('a: ' + '[' * 30000 + ']' * 30000, 2, 10**6)\n"
        "except FrontMatterError as error:\n"
        "    print(error.message)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "nested over 20 levels deep" in done.stdout


@pytest.mark.parametrize(
    ("character", "code"),
    [("\x00", "U+0000"), ("\x1b", "U+001B"), ("\u202e", "U+202E"), ("\x85", "U+0085")],
)
@pytest.mark.parametrize("field", ["title", "summary", "author", "tags"])
def test_control_characters_in_text_fields_are_refused(built, character, code, field):
    value = f"Fees{character}costs"
    built.article("other", **{field: [value] if field == "tags" else value})
    error = refused(built)
    assert "other.md:" in error
    assert f"[{field}] contains invisible control characters ({code})" in error


def test_control_characters_in_site_data_are_refused(built):
    built.data["topics"]["tender-writing"]["name"] = "Tender\x1bwriting"
    error = refused(built)
    assert "topics.yml: [tender-writing.name] contains invisible control" in error


def test_errors_quote_huge_values_briefly(built):
    built.article("other", tags={"x" * 15_000: 1})
    error = refused(built)
    assert "[tags] expected a list of tags" in error
    assert len(error) < 300


@pytest.mark.parametrize(
    "target",
    ["/etc/passwd", "../../.git/config", "/proc/self/environ", "/etc", "nowhere.png"],
)
def test_a_symlink_out_of_content_publishes_nothing(built, target):
    (built.root / ".git").mkdir()
    (built.root / ".git" / "config").write_text("[http] extraheader = token\n")
    images = built.content / "images"
    images.mkdir()
    (images / "leak.png").symlink_to(target)
    error = refused(built)
    assert "content/images/leak.png: [file] is a symbolic link to" in error
    assert not (built.output / "images").exists()


def test_a_symlink_inside_content_is_fine(built):
    images = built.content / "images"
    images.mkdir()
    (images / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (images / "same-chart.png").symlink_to("chart.png")
    assert built.build().ok
    assert (built.output / "images" / "same-chart.png").read_bytes().startswith(b"\x89")


def test_a_symlink_out_of_the_theme_publishes_nothing(built):
    theme = built.root / "theme"
    shutil.copytree(ROOT / "theme", theme)
    (theme / "static" / "css" / "leak.css").symlink_to("/etc/passwd")
    result = built.build(THEME=str(theme))
    assert len(result.errors) == 1, result.errors
    assert (
        "theme/static/css/leak.css: [file] is a symbolic link to /etc/passwd"
        in (result.errors[0])
    )
    assert "outside the theme folder" in result.errors[0]
    assert snapshot(built.output) == built.before


@pytest.mark.parametrize(
    ("action", "says"),
    [
        ("//evil.example/collect", "starts with //"),
        ("/\\evil.example/collect", "contains a backslash"),
        ("/\t/evil.example/collect", "contains a backslash, a space"),
        ("http://evil.example/collect", "is not a web address"),
        ("ftp://evil.example/collect", "is not a web address"),
        ("https:///collect", "is not a web address"),
    ],
)
def test_the_quote_form_cannot_post_off_site(built, action, says):
    result = built.build(QUOTE_FORM_BACKEND="url", QUOTE_FORM_ACTION=action)
    assert len(result.errors) == 1, result.errors
    assert f"QUOTE_FORM_ACTION: {action!r} {says}" in result.errors[0]
    assert snapshot(built.output) == built.before


def test_every_html_page_carries_the_policy_for_hosts_without_headers(sample_hub):
    headers = (sample_hub / "_headers").read_text()
    # The site's policy, then the admin's own (its rule is /admin/*).
    public, admin = (
        "; ".join(
            part.strip() for part in policy.split(";") if "frame-ancestors" not in part
        )
        for policy in (
            rule.split("\n", 1)[0]
            for rule in headers.split("Content-Security-Policy: ")[1:]
        )
    )
    pages = sorted(sample_hub.rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        in_admin = page.is_relative_to(sample_hub / "admin")
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        meta = soup.head.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert meta is not None, page
        assert meta["content"] == (admin if in_admin else public), page
        assert in_admin or "unsafe-inline" not in meta["content"]
        # Before anything the policy governs.
        assert soup.head.find(["script", "link", "style"]).sourceline > meta.sourceline
