"""Gate 4: the page-weight budget, measured on the built files.

An article with its CSS and the JS it loads before interaction stays within
40 KB gzipped; nothing blocks rendering but one stylesheet; no web fonts.
"""

import base64
import random
import shutil
from pathlib import Path

import pytest

from hub.site_checks import ARTICLE_BUDGET_BYTES, check_budget

FIXTURES = Path(__file__).parent / "fixtures" / "quality"


@pytest.fixture(scope="module")
def budget(sample_hub):
    return check_budget(sample_hub)


def problems_of(report, kind):
    return [str(problem) for problem in report.problems if kind in problem.message]


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


def test_a_bloated_article_fails_the_gate(tmp_path):
    output = tmp_path / "output"
    shutil.copytree(FIXTURES / "bloated", output)
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


def test_a_second_stylesheet_an_import_and_a_blocking_script_fail_the_gate():
    problems = [
        str(problem) for problem in check_budget(FIXTURES / "render-blocking").problems
    ]
    assert problems == [
        "/: blocks rendering beyond one stylesheet: @import in /style.css: /extra.css",
        "/: blocks rendering beyond one stylesheet: line 8: stylesheet /carousel.css",
        "/: blocks rendering beyond one stylesheet: line 9: script /analytics.js",
    ]


def test_a_web_font_fails_the_gate():
    problems = [
        str(problem) for problem in check_budget(FIXTURES / "web-font").problems
    ]
    assert problems == [
        "/: loads a web font: @font-face in /style.css",
        "/: loads a web font: line 7: font preload /brand.woff2",
    ]
