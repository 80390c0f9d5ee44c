"""Links inside the hub and images without alt text are build errors."""


def test_filename_links_to_missing_articles_are_errors(site):
    site.article("other")
    site.article(
        "guide",
        body="Fine: [a]({filename}other.md).\n\nBroken: [b]({filename}gone.md).\n",
    )
    errors = site.build().errors
    assert len(errors) == 1, errors
    assert "guide.md:9: [body] the link '{filename}gone.md' points to" in errors[0]
    assert "articles/gone.md" in errors[0]


def test_plain_paths_must_lead_to_a_page(site):
    site.article("other")
    site.article(
        "guide",
        body="[ok](/other/) [topic](/topics/tender-writing/) [home](/)\n\n"
        "[bad](/no-such-page/) [web](https://example.org/x/)\n",
    )
    errors = site.build().errors
    assert len(errors) == 1, errors
    assert "[body] the link '/no-such-page/' leads to no page of the hub" in errors[0]


def test_images_need_alt_text(site):
    site.write("images/chart.png", "not really a png")
    site.article(
        "guide",
        body="![A bar chart of scores]({static}/images/chart.png)\n\n"
        "![]({static}/images/chart.png)\n",
    )
    errors = site.build(STATIC_PATHS=["images"]).errors
    assert len(errors) == 1, errors
    assert "has no alt text" in errors[0]
    assert "guide.md" in errors[0]
