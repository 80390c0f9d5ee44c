"""`invoke serve`: pages reload in the browser after each successful rebuild."""

import threading
import urllib.request

import pytest

from hub.preview import Builds, LiveReloadHandler
from hub.receiver import make_server


@pytest.fixture
def preview(tmp_path):
    (tmp_path / "guide").mkdir()
    page = (
        "<!doctype html><html><head><title>Guide</title></head><body>Hi</body></html>"
    )
    (tmp_path / "guide" / "index.html").write_text(page)
    (tmp_path / "style.css").write_text("body{}")
    builds = Builds()
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
    builds.count += 1
    assert fetch(f"{url}/__reload") == "1"


def test_browser_reloads_after_a_successful_build(preview, browser):
    url, builds, folder = preview
    page = browser.new_page()
    page.goto(f"{url}/guide/")
    page.wait_for_timeout(1500)  # the script has read the current build
    (folder / "guide" / "index.html").write_text(
        "<!doctype html><html><head><title>Guide v2</title></head></html>"
    )
    builds.count += 1
    page.wait_for_function("document.title === 'Guide v2'", timeout=5000)
    page.close()
