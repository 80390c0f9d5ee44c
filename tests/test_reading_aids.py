"""Reading aids (plugins/reading_aids): the reading-time estimate, the "On this
page" contents list, and body tables that scroll in their own box."""

from bs4 import BeautifulSoup

from reading_aids import scrollable_tables

TABLE = "<table><tr><td>1</td><td>£2m</td></tr></table>"


def test_reading_time_and_on_this_page(site):
    sections = "".join(f"## Part {n}\n\n" + "word " * 100 + "\n\n" for n in range(4))
    site.article("long", body=sections)
    site.article("short", body="## Only one\n\nA few words.\n")
    assert site.build().ok
    long_page = site.page("long")
    assert "3 minutes" in long_page.select(".hub-review-dates__row")[2].text
    contents = long_page.select(".hub-contents__link")
    assert (contents[0].text, contents[0]["href"]) == ("Part 0", "#part-0")
    assert len(contents) == 4
    assert long_page.select_one("#part-3").name == "h2"
    short_page = site.page("short")
    assert short_page.select(".hub-contents") == []
    assert "1 minute" in short_page.select(".hub-review-dates__row")[2].text


def test_each_table_scrolls_in_its_own_labelled_box():
    body = BeautifulSoup(
        scrollable_tables(f"<p>Intro.</p>{TABLE}<p>Middle.</p>{TABLE}"), "html.parser"
    )
    wrappers = body.select(".hub-table-wrapper")
    assert len(wrappers) == 2
    for number, wrapper in enumerate(wrappers, start=1):
        assert wrapper["role"] == "region"
        assert wrapper["tabindex"] == "0"
        assert wrapper["aria-label"] == f"Table {number}"
        assert [child.name for child in wrapper.children] == ["table"]
    assert [p.text for p in body.find_all("p", recursive=False)] == [
        "Intro.",
        "Middle.",
    ]


def test_article_body_tables_are_wrapped(site):
    table = "| Lot | Value |\n| --- | --- |\n| 1 | £2m |\n"
    site.article("guide", body=f"Intro.\n\n{table}\nMiddle.\n\n{table}")
    assert site.build().ok
    wrappers = site.page("guide").select(".hub-prose .hub-table-wrapper")
    assert [wrapper["aria-label"] for wrapper in wrappers] == ["Table 1", "Table 2"]
    assert all(wrapper.find(True).name == "table" for wrapper in wrappers)
