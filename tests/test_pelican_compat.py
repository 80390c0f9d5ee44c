"""The hooks into Pelican's internals do what the hub relies on, with the
Pelican version they were checked against."""

import copy
from importlib.metadata import version

from pelican.contents import Content
from pelican.settings import DEFAULT_CONFIG

from content_model import pelican_compat


def content(body, context=None):
    return Content(
        body,
        metadata={"title": "A guide"},
        settings=copy.deepcopy(DEFAULT_CONFIG),
        context=context or {},
    )


def test_the_hooks_were_checked_against_the_installed_pelican():
    assert version("pelican") == pelican_compat.CHECKED_AGAINST


def test_a_replaced_body_is_the_one_pelican_renders():
    guide = content("<p>{fact:threshold}</p>")
    assert pelican_compat.body_html(guide) == "<p>{fact:threshold}</p>"
    pelican_compat.set_body_html(guide, "<p>£30,000</p>")
    assert guide.content == "<p>£30,000</p>"


def test_a_reattached_content_resolves_links_with_the_new_context():
    guide = content("<p>Hi</p>", {"localsiteurl": "/old"})
    pelican_compat.reattach(guide, {"localsiteurl": "/new"}, guide.settings)
    assert guide.get_siteurl() == "/new"


def test_only_the_live_contents_keep_their_rendered_html():
    live, gone = content("<p>Kept</p>"), content("<p>Gone</p>")
    for each in (live, gone):
        assert each.content
    pelican_compat.forget_rendered_except({live})
    rendered = {key[0] for key in Content.get_content.cache}
    assert live in rendered
    assert gone not in rendered
    pelican_compat.forget_rendered_bodies()
    assert live not in {key[0] for key in Content.get_content.cache}
