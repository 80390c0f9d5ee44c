"""`invoke serve`: which builds run, the file watcher, and reloading pages."""

import threading
import time
import urllib.request

import pytest
from pelican.contents import Content

from conftest import SmallSite
from hub.preview import BuildCounter, LiveReloadHandler, watch
from hub.receiver import make_server


@pytest.fixture
def preview(tmp_path):
    (tmp_path / "guide").mkdir()
    page = (
        "<!doctype html><html><head><title>Guide</title></head><body>Hi</body></html>"
    )
    (tmp_path / "guide" / "index.html").write_text(page)
    (tmp_path / "style.css").write_text("body{}")
    builds = BuildCounter()
    server = make_server(tmp_path, handler=LiveReloadHandler, builds=builds)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", builds, tmp_path
    server.shutdown()
    server.server_close()


def fetch(url):
    with urllib.request.urlopen(url) as response:
        return response.read().decode()


def test_pages_carry_the_reload_script_and_files_stay_untouched(preview):
    url, builds, folder = preview
    served = fetch(f"{url}/guide/")
    assert '<script src="/__reload.js" defer></script></head>' in served
    assert "__reload" not in (folder / "guide" / "index.html").read_text()
    assert fetch(f"{url}/style.css") == "body{}"
    assert fetch(f"{url}/__reload") == "0"
    builds.succeeded()
    assert fetch(f"{url}/__reload") == "1"


def test_the_reload_request_answers_as_soon_as_a_build_succeeds(preview):
    url, builds, _ = preview
    assert fetch(f"{url}/__reload?after=7") == "0"  # already different
    threading.Timer(0.5, builds.succeeded).start()
    started = time.perf_counter()
    assert fetch(f"{url}/__reload?after=0") == "1"
    assert 0.4 < time.perf_counter() - started < 5


def test_browser_reloads_after_a_successful_build(preview, browser):
    url, builds, folder = preview
    page = browser.new_page()
    page.goto(f"{url}/guide/")
    page.wait_for_timeout(1000)  # the script is waiting for the next build
    (folder / "guide" / "index.html").write_text(
        "<!doctype html><html><head><title>Guide v2</title></head></html>"
    )
    builds.succeeded()
    page.wait_for_function("document.title === 'Guide v2'", timeout=5000)
    page.close()


def small_hub(root):
    site = SmallSite(root)
    for slug in ("first", "second", "third"):
        site.article(slug, title=f"The {slug} guide")
    return site


def written_at(output):
    return {path: path.stat().st_mtime_ns for path in output.rglob("*.html")}


def test_an_article_edit_takes_the_fast_path(tmp_path):
    site = small_hub(tmp_path)
    previewer = site.previewer()
    assert previewer.rebuild().ok
    before = written_at(site.output)
    path = site.article("first", title="The first guide", body="New words.\n")
    assert previewer.rebuild([path]).ok
    after = written_at(site.output)
    assert "New words." in str(site.page("first"))
    assert [p for p in after if after[p] != before[p]] == [
        site.output / "first" / "index.html"
    ]
    assert previewer.builds.count == 2


def test_other_changes_and_the_build_after_a_failed_one_are_full(tmp_path):
    site = small_hub(tmp_path)
    previewer = site.previewer()
    assert previewer.rebuild().ok
    data = site.content / "data" / "topics.yml"
    good = data.read_text()
    data.write_text("tender-writing: [broken\n")
    assert not previewer.rebuild([data]).ok
    data.write_text(good)
    before = written_at(site.output)
    path = site.article("first", title="The first guide", body="New words.\n")
    assert previewer.rebuild([path]).ok  # full: the data changed since
    after = written_at(site.output)
    assert all(after[page] != before[page] for page in before)
    assert previewer.builds.count == 2


def test_saving_an_article_rebuilds_its_page_alone(tmp_path):
    site = small_hub(tmp_path)
    previewer = site.previewer()
    assert previewer.rebuild().ok
    before = written_at(site.output)
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(previewer, [site.content], stop))
    watcher.start()
    try:
        time.sleep(0.5)  # the watcher is listening
        folder = site.content / "articles"
        for name in ("4913", "second.md.tmp"):  # what editors write as they save
            (folder / name).write_text("x")
            (folder / name).unlink()
        site.article("second", title="The second guide", body="Saved words.\n")
        previewer.builds.wait_after("1", timeout=30)
        assert "Saved words." in str(site.page("second"))
    finally:
        stop.set()
        watcher.join(timeout=30)
    assert not watcher.is_alive()
    after = written_at(site.output)
    assert [p for p in after if after[p] != before[p]] == [
        site.output / "second" / "index.html"
    ]


def test_a_long_preview_session_keeps_only_the_current_content(tmp_path):
    site = small_hub(tmp_path)
    previewer = site.previewer()
    for _ in range(3):
        assert previewer.rebuild().ok  # full builds, as after theme edits
    path = site.article("first", title="The first guide", body="New words.\n")
    assert previewer.rebuild([path]).ok
    for memo in (Content.get_content.cache, Content.get_summary.cache):
        ours = [key[0] for key in memo if str(site.content) in key[0].source_path]
        assert len(ours) == len(set(ours)) <= 3 + len(site.data["products"])
