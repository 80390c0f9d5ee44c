"""`invoke serve` and the CMS: one command serves the preview and starts
decap-server, so /admin/ edits the working tree with no account, and the
preview rebuilds on each save."""

import socket
import threading
import time
import urllib.request

import pytest
from invoke import Context, Exit

import tasks
from cms_editor import Editor
from conftest import ROOT, SmallSite
from hub import preview


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url):
    with urllib.request.urlopen(
        url, timeout=preview.RELOAD_WAIT_SECONDS + 10
    ) as answer:
        return answer.read().decode()


def until_listening(port, thread):
    while thread.is_alive():
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except ConnectionRefusedError:
            time.sleep(0.05)
    raise AssertionError("invoke serve stopped before it listened")


@pytest.fixture
def serving(tmp_path, monkeypatch):
    """`invoke serve` for a small hub, run from its folder as editors run it."""
    site = SmallSite(tmp_path)
    site.article("writing-method-statements", title="Writing method statements")
    site.write_data()
    monkeypatch.chdir(tmp_path)
    port = free_port()
    stop = threading.Event()
    overrides = site.settings({"OUTPUT_PATH": str(site.output)})
    thread = threading.Thread(
        target=preview.serve,
        args=(str(ROOT / "pelicanconf.py"), port, overrides, stop),
    )
    thread.start()
    url = f"http://127.0.0.1:{port}"
    until_listening(port, thread)
    fetch(f"{url}/__reload?after=0")  # answers once the first build is done
    yield site, url
    stop.set()
    thread.join()


def test_serve_starts_the_cms_backend_and_rebuilds_on_each_save(serving, browser):
    site, url = serving
    admin_page = fetch(f"{url}/admin/")
    assert "__reload" not in admin_page  # a reload would lose the editor's work
    assert "__reload" in fetch(f"{url}/writing-method-statements/")

    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    editor = Editor(page, url)
    editor.open("articles", "writing-method-statements")
    editor.field("title").fill("Method statements that score")
    builds = fetch(f"{url}/__reload")
    editor.publish()
    page.close()

    assert (
        "title: Method statements that score"
        in (site.content / "articles" / "writing-method-statements.md").read_text()
    )
    fetch(f"{url}/__reload?after={builds}")  # answers once the rebuild is done
    assert site.page("writing-method-statements").h1.get_text(strip=True) == (
        "Method statements that score"
    )


def test_serve_without_decap_server_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(preview, "DECAP_SERVER", tmp_path / "decap-server")
    with pytest.raises(Exit) as stopped:
        tasks.serve(Context(), port=free_port())
    assert stopped.value.message == (
        "error: decap-server is not installed: run `npm ci` in the project "
        "folder (`invoke serve` does it for you)."
    )
