"""hub/site_checks/weight.py: the page-weight budget, measured on the built
files. An article with its CSS and the JS it loads before interaction stays
within 40 KB gzipped; nothing blocks rendering but one stylesheet; no web
fonts; no files from another site."""

import base64
import random
import shutil

import pytest

from conftest import QUALITY_FIXTURES
from hub.site_checks.weight import (
    ARTICLE_BUDGET_BYTES,
    PageWeight,
    budget_findings,
    check_budget,
)


@pytest.fixture(scope="module")
def budget(sample_hub):
    return check_budget(sample_hub)


def problems_of(report, kind):
    return [str(finding) for finding in report.problems if kind in finding.message]


def test_every_article_is_within_40_kb_gzipped(budget):
    assert len(budget.articles) >= 10
    assert problems_of(budget, "the article weighs") == []
    heaviest = budget.heaviest_article
    print(
        f"heaviest article {heaviest.page}: {heaviest.gzip_bytes:,} bytes gzipped "
        f"of {ARTICLE_BUDGET_BYTES:,}:",
        *(f"{name} {raw:,} bytes, {gz:,} gzipped" for name, raw, gz in heaviest.files),
        sep="\n  ",
    )


def test_no_page_blocks_rendering_beyond_one_stylesheet(budget):
    assert problems_of(budget, "blocks rendering") == []
    for weight in budget.articles:
        assert [item.split()[-1] for item in weight.blocking] == ["/theme/css/hub.css"]


def test_no_page_loads_a_web_font(budget):
    assert problems_of(budget, "web font") == []


def test_no_page_loads_files_from_another_site(budget):
    assert problems_of(budget, "another site") == []


def test_an_article_over_the_budget_is_a_problem(tmp_path):
    output = tmp_path / "output"
    shutil.copytree(QUALITY_FIXTURES / "bloated", output)
    # Random bytes barely compress, so 64 KB of them stay over 40 KB gzipped;
    # written here rather than kept in the repository.
    noise = base64.b64encode(random.Random(7).randbytes(48 * 1024)).decode()
    (output / "vendor.js").write_text(f'window.vendor = "{noise}";\n', "ascii")
    report = check_budget(output)
    [problem] = report.problems
    assert problem.page == "/"
    assert "the article weighs" in problem.message
    assert "/vendor.js" in problem.message
    assert report.heaviest_article.gzip_bytes > ARTICLE_BUDGET_BYTES


def problems_in(fixture):
    return [
        str(finding) for finding in check_budget(QUALITY_FIXTURES / fixture).problems
    ]


def test_a_second_stylesheet_an_import_and_a_blocking_script_are_problems():
    assert problems_in("render-blocking") == [
        "/: blocks rendering beyond one stylesheet: @import in /style.css: /extra.css",
        "/: blocks rendering beyond one stylesheet: line 8: stylesheet /carousel.css",
        "/: blocks rendering beyond one stylesheet: line 9: script /analytics.js",
    ]


def test_a_web_font_is_a_problem():
    assert problems_in("web-font") == [
        "/: loads a web font: @font-face in /style.css",
        "/: loads a web font: line 7: font preload /brand.woff2",
    ]


def weighed(is_article=True, **found):
    weight = PageWeight("/guide/", is_article, **found)
    weight.files += [("/guide/index.html", 30_000, 9_000), ("/hub.css", 20_000, 4_000)]
    return weight


def test_a_page_weighs_the_gzip_bytes_of_its_files_together():
    assert weighed().gzip_bytes == 13_000
    assert PageWeight("/", False).gzip_bytes == 0


def test_only_an_article_over_the_budget_is_a_problem():
    assert budget_findings(weighed(), budget=13_000) == []
    [over] = budget_findings(weighed(), budget=12_999)
    assert over.page == "/guide/"
    assert over.message == (
        "the article weighs 13,000 bytes gzipped with its CSS and JS; the budget "
        "is 12,999: /guide/index.html 9,000, /hub.css 4,000"
    )
    assert budget_findings(weighed(is_article=False), budget=1) == []


def test_the_first_blocking_stylesheet_is_allowed_and_nothing_else():
    weight = weighed(
        blocking=["line 3: stylesheet /hub.css", "line 4: script /a.js"],
        fonts=["/brand.woff2"],
        third_party=["line 5: script https://cdn.example.org/x.js"],
    )
    assert [finding.message for finding in budget_findings(weight)] == [
        "blocks rendering beyond one stylesheet: line 4: script /a.js",
        "loads a web font: /brand.woff2",
        "loads a file from another site: line 5: script https://cdn.example.org/x.js",
    ]
