"""hub/site_checks/lighthouse.py: Lighthouse 12 with Debian's Chromium scores
each kind of page.

The sample hub is built as `invoke preview --serve` builds it, for the
address it is served at (absolute canonical links, as the published site
has), and served by the preview's own server. One Lighthouse run per page
type keeps this to about a minute.
"""

import threading

import pytest

from conftest import ROOT
from hub.build import build
from hub.chromium import find_chromium
from hub.receiver import make_server
from hub.site_checks.lighthouse import (
    LIGHTHOUSE_CATEGORIES,
    lighthouse_findings,
    run_lighthouse,
)

PAGES = {
    "hub index": "/",
    "article": "/writing-method-statements/",
    "topic page": "/topics/tender-writing/",
    "product page": "/rapid-support/",
    "quote page": "/quote/",
}
# Simulated throttling makes performance vary by a point or two between runs.
MINIMUM = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}


@pytest.fixture(scope="module")
def hub_url(tmp_path_factory):
    output = tmp_path_factory.mktemp("lighthouse") / "output"
    server = make_server(output, 0)  # bound first: the build needs the address
    url = f"http://127.0.0.1:{server.server_address[1]}"
    result = build(
        str(ROOT / "publishconf.py"), output, {"SITEURL": url, "FEED_DOMAIN": url}
    )
    assert result.ok, result.errors
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    yield url
    server.shutdown()
    server.server_close()
    thread.join()


def test_all_four_categories_are_scored():
    assert set(LIGHTHOUSE_CATEGORIES) == set(MINIMUM)


def test_a_report_gives_scores_out_of_100_and_the_scored_audits_that_lost_points():
    report = {
        "categories": {
            "performance": {
                "score": 0.934,
                "auditRefs": [
                    {"id": "largest-contentful-paint", "weight": 25},
                    {"id": "server-response-time", "weight": 0},
                ],
            },
            "seo": {
                "score": 1,
                "auditRefs": [
                    {"id": "document-title", "weight": 1},
                    {"id": "manual-check", "weight": 1},
                ],
            },
        },
        "audits": {
            "largest-contentful-paint": {
                "score": 0.8,
                "title": "Largest Contentful Paint",
                "displayValue": "2.6 s",
            },
            "server-response-time": {"score": 0, "title": "Server response"},
            "document-title": {"score": 1, "title": "Has a title"},
            "manual-check": {"score": None, "title": "Checked by hand"},
        },
    }
    assert lighthouse_findings(report) == (
        {"performance": 93, "seo": 100},
        [
            "performance: largest-contentful-paint scored 0.8: "
            "Largest Contentful Paint 2.6 s"
        ],
    )


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_lighthouse_scores_each_kind_of_page(hub_url, path):
    result = run_lighthouse(hub_url + path, find_chromium())
    print(f"lighthouse {path}: {result.scores}")
    for line in result.failing:
        print(f"  {line}")
    below = {
        category: score
        for category, score in result.scores.items()
        if score < MINIMUM[category]
    }
    assert below == {}, "\n".join(result.failing)
