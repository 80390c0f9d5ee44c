"""`invoke serve`: which builds run, the file watcher, and reloading pages."""

import html
import socket
import struct
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager

import pytest
from bs4 import BeautifulSoup
from invoke import Context, Exit
from pelican.contents import Content

import tasks
from conftest import ROOT, SmallSite
from hub import preview as preview_module
from hub.pelican_run import BuildResult
from hub.preview import LiveReloadHandler
from hub.preview_builds import BuildCounter, watch
from hub.receiver import make_server

RELOAD_TAG = '<script src="/__reload.js" defer></script></head>'


class WatchedBuilds(BuildCounter):
    """Also tells the test which thread is waiting for the next build."""

    def __init__(self):
        super().__init__()
        self.waiting = threading.Event()
        self.waiter = None

    def wait_after(self, seen, timeout):
        self.waiter = threading.current_thread()
        self.waiting.set()
        return super().wait_after(seen, timeout)


@pytest.fixture
def preview(tmp_path):
    (tmp_path / "guide").mkdir()
    page = (
        "<!doctype html><html><head><title>Guide</title></head><body>Hi</body></html>"
    )
    (tmp_path / "guide" / "index.html").write_text(page)
    (tmp_path / "style.css").write_text("body{}")
    with serving(tmp_path, WatchedBuilds()) as (url, builds):
        yield url, builds, tmp_path


@contextmanager
def serving(folder, builds):
    """`folder` served as `invoke serve` serves output/, on a free port."""
    server = make_server(folder, handler=LiveReloadHandler, builds=builds)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", builds
    finally:
        server.shutdown()
        server.server_close()


def fetch(url):
    with urllib.request.urlopen(url) as response:
        return response.read().decode()


def fetch_any(url):
    """The status and text of any answer, errors included."""
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def error_banner(served):
    """The error banner at the top of a served page's body, or None."""
    first = BeautifulSoup(served, "html.parser").body.find(recursive=False)
    return first if first.get("role") == "alert" else None


def test_pages_carry_the_reload_script_and_files_stay_untouched(preview):
    url, builds, folder = preview
    served = fetch(f"{url}/guide/")
    assert '<script src="/__reload.js" defer></script></head>' in served
    assert "__reload" not in (folder / "guide" / "index.html").read_text()
    assert fetch(f"{url}/style.css") == "body{}"
    assert fetch(f"{url}/__reload") == "0"
    builds.finished()
    assert fetch(f"{url}/__reload") == "1"


def test_the_reload_request_answers_as_soon_as_a_build_succeeds(preview):
    url, builds, _ = preview
    assert fetch(f"{url}/__reload?after=7") == "0"  # already different
    threading.Timer(0.5, builds.finished).start()
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
    builds.finished()
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
    assert previewer.builds.count == 3  # the failed build reloads pages too


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


def test_after_a_failed_build_every_page_shows_its_errors_until_fixed(tmp_path):
    site = small_hub(tmp_path)
    previewer = site.previewer()
    assert previewer.rebuild().ok
    built = (site.output / "first" / "index.html").read_text()
    with serving(site.output, previewer.builds) as (url, _):
        path = site.article("first", title="The <first> guide", topic="no & such")
        result = previewer.rebuild([path])
        assert not result.ok
        for address in ("/first/", "/", "/no-such-page/"):
            served = fetch_any(url + address)[1]
            banner = error_banner(served)
            assert banner.h2.get_text() == "The last change was not built"
            assert [item.get_text() for item in banner.find_all("li")] == (
                result.errors
            )
            assert all(html.escape(error) in served for error in result.errors)
            assert RELOAD_TAG in served
        assert (site.output / "first" / "index.html").read_text() == built
        site.article("first", title="The first guide", body="Fixed.\n")
        assert previewer.rebuild([path]).ok
        served = fetch(f"{url}/first/")
        assert "Fixed." in served
        assert error_banner(served) is None


def test_an_open_page_reloads_and_shows_a_failed_build(preview, browser):
    url, builds, _ = preview
    page = browser.new_page()
    with page.expect_request(lambda request: "/__reload?after=0" in request.url):
        page.goto(f"{url}/guide/")
    # Reloaded, the page waits for the build after this one.
    with page.expect_request(lambda request: "/__reload?after=1" in request.url):
        builds.finished(["Unknown topic '<b>tenders</b>' in guide.md"])
    alert = page.get_by_role("alert")
    assert alert.get_by_role("heading").inner_text() == "The last change was not built"
    assert "Unknown topic '<b>tenders</b>' in guide.md" in alert.inner_text()
    with page.expect_navigation(timeout=5000):
        builds.finished()
    assert page.get_by_role("alert").count() == 0
    page.close()


def test_a_missing_page_is_the_sites_own_404_page(preview):
    url, _, folder = preview
    assert fetch_any(f"{url}/gone/")[0] == 404  # no 404.html yet
    (folder / "404.html").write_text(
        "<!doctype html><html><head><title>Not here</title></head>"
        "<body><h1>Page not found</h1></body></html>"
    )
    status, served = fetch_any(f"{url}/gone/")
    assert status == 404
    assert "<title>Not here</title>" in served
    assert RELOAD_TAG in served
    assert fetch_any(f"{url}/guide/")[0] == 200


def test_a_client_that_went_away_is_ignored_quietly(preview, capfd):
    url, builds, _ = preview
    capfd.readouterr()
    client = socket.create_connection(("127.0.0.1", int(url.rsplit(":", 1)[1])))
    client.sendall(b"GET /__reload?after=0 HTTP/1.1\r\nHost: preview\r\n\r\n")
    assert builds.waiting.wait(timeout=5)
    # Close with a reset, as a browser does when its tab closes mid-request.
    client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    client.close()
    builds.finished()
    builds.waiter.join(timeout=5)
    assert not builds.waiter.is_alive()
    assert capfd.readouterr().err == ""
    assert fetch_any(f"{url}/guide/")[0] == 200


def test_serve_on_a_busy_port_says_so_at_once(monkeypatch):
    built = []
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(
        preview_module.Previewer,
        "rebuild",
        lambda self, changed=(): built.append(changed) or BuildResult(),
    )
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        held.listen()
        port = held.getsockname()[1]
        with pytest.raises(Exit) as stopped:
            tasks.serve(Context(), port=port)
    assert stopped.value.code == 1
    assert stopped.value.message == (
        f"error: port {port} is already in use (is another `invoke serve` "
        f"running?). Stop it, or choose another port: invoke serve --port {port + 1}"
    )
    assert built == []
