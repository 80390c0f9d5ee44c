"""Redirects from old addresses: the `redirect_from` front-matter key.

For each old path an article or page lists, writes a small static page (meta
refresh plus a canonical link, which works on any host) and a line in
Netlify's `_redirects` file. An old path that is also a real page of the hub,
or any file the hub writes itself (`content_model.reserved`), is an error, as
is one path claimed by two files.
"""

import os

from pelican import signals

from content_model.build_state import state
from content_model.problems import display_path, report_field
from content_model.reserved import hub_outputs, taken_by_hub
from content_model.settings import check_plugin_order

NEEDS = ("content_model",)


def output_file(path):
    """The file an old URL path is served from: /a/b/ -> a/b/index.html."""
    relative = path.lstrip("/")
    return (
        relative + "index.html" if relative.endswith("/") or not relative else relative
    )


def collect_redirects(generators):
    state.current.templates["redirect"] = generators[0].get_template("redirect")
    written = set()
    contents = []
    for generator in generators:
        for name in ("articles", "pages", "hidden_pages"):
            contents += getattr(generator, name, [])
        for category, _ in getattr(generator, "categories", []):
            written.add(category.save_as)
    movers = [content for content in contents if getattr(content, "redirect_from", [])]
    if not movers:
        return
    written.update(content.save_as for content in contents)
    reserved = hub_outputs(generators[0].settings)
    for content in movers:
        for path in getattr(content, "redirect_from", []):
            _claim(path, content, written, reserved)


def _claim(path, content, written, reserved):
    redirects = state.current.redirects
    taken = taken_by_hub(output_file(path), reserved)
    if taken:
        report_field(
            content,
            "redirect_from",
            f"'{path}' is where the hub writes its own {taken}, so it cannot redirect",
            "Remove it from redirect_from: only old addresses that the hub no "
            "longer uses can redirect.",
        )
    elif output_file(path) in written:
        report_field(
            content,
            "redirect_from",
            f"'{path}' is a page of the hub, so it cannot redirect",
            "Remove it from redirect_from, or move the page that lives there.",
        )
    elif path in redirects and redirects[path] is not content:
        other = display_path(redirects[path].source_path)
        report_field(
            content,
            "redirect_from",
            f"'{path}' is also claimed by {other}",
            "Keep the old path in one file's redirect_from only.",
        )
    else:
        redirects[path] = content


def write_redirects(pelican):
    redirects = state.current.redirects
    if not redirects:
        return
    settings = pelican.settings
    template = state.current.templates["redirect"]
    lines = []
    for path, content in sorted(redirects.items()):
        target = f"{settings['SITEURL']}/{content.url}"
        lines.append(f"{path}  /{content.url}  301")
        destination = os.path.join(pelican.output_path, output_file(path))
        os.makedirs(os.path.dirname(destination), exist_ok=True)
        with open(destination, "w", encoding="utf-8") as handle:
            handle.write(template.render(settings, target=target, content=content))
    netlify = os.path.join(pelican.output_path, "_redirects")
    with open(netlify, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


def register():
    signals.initialized.connect(check_plugin_order)
    signals.all_generators_finalized.connect(collect_redirects)
    signals.finalized.connect(write_redirects)
