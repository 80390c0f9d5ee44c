"""Articles parsed on every core build the same site, and report the same errors."""

from conftest import SmallSite

PARALLEL = {"PARSE_IN_PARALLEL_FROM": 1, "PARSE_WORKERS": 2}
SERIAL = {"PARSE_WORKERS": 1}


def write_hub(site):
    for number in range(12):
        site.article(
            f"guide-{number}",
            tags=["CQC", f"tag-{number % 3}"],
            body=f"Intro {number}.\n\n## Part one\n\n- a\n- b\n\n"
            f"See [next]({{filename}}guide-{(number + 1) % 12}.md).\n",
        )


def pages(output):
    return {
        path.relative_to(output): path.read_bytes()
        for path in output.rglob("*")
        if path.is_file()
    }


def test_parallel_and_serial_parsing_build_identical_sites(tmp_path):
    serial, parallel = SmallSite(tmp_path / "serial"), SmallSite(tmp_path / "parallel")
    for site in (serial, parallel):
        write_hub(site)
    assert serial.build(**SERIAL).ok
    assert parallel.build(**PARALLEL).ok
    built = pages(parallel.output)
    assert len(built) > 12
    assert built == pages(serial.output)


def test_problems_found_in_workers_are_reported_with_file_and_line(site):
    write_hub(site)
    site.article("broken", date="31/01/2026")
    site.write("articles/typo.md", "---\ntitle: T\nsumary: x\n---\nBody.\n")
    errors = site.build(**PARALLEL).errors
    assert any("broken.md:3: [date] '31/01/2026' is not a date" in e for e in errors)
    assert any("typo.md:3: [sumary] unknown front-matter key" in e for e in errors)
