"""Decap CMS's configuration, made from the content model at every build.

Each front-matter key of `ARTICLE_FIELDS` and `PAGE_FIELDS` becomes a field,
in the model's order, and each site data file of `SCHEMAS` a file
collection, so the forms cannot drift from what the build accepts: a key the
model adds gets a field at the next build, and one whose parser has no
widget here stops the build.

Site data files are keyed by slug, which Decap's widgets cannot edit, so each
file's form has one group of fields per entry it holds. Resource groups are
keyed by name too: the `resource-groups` widget (`theme/static/admin/cms.js`)
edits them as a list and saves them as the mapping the model expects.
"""

import os

from content_model import DATA_FILES, KINDS, fields
from content_model.front_matter import load_yaml
from content_model.site_data import MAX_DATA_CHARS, SCHEMAS

ISO_DATE = "YYYY-MM-DD"
SLUG_PATTERN = [
    r"^[a-z0-9_]+(-[a-z0-9_]+)*$",
    "Use a slug: lower-case words joined by hyphens.",
]
PATH_PATTERN = [
    fields.OLD_PATH.pattern.join("^$"),
    "Write a path from the site root, such as /blog/tender-tips/.",
]
WEB_PATTERN = ["^https?://", "Start the address with https://"]
# Plain text that runs to sentences gets a box of several lines.
LONG_TEXT = {"summary", "description", "promo", "value"}
BODY = {"label": "Body", "name": "body", "widget": "markdown", "required": False}


def _list_of(item):
    return {
        "widget": "list",
        "collapsed": False,
        "field": {"label": "Item", "name": "item", **item},
    }


# Widgets for parsers that need nothing else to know.
BY_PARSER = {
    fields.date: {
        "widget": "datetime",
        "format": ISO_DATE,
        "date_format": ISO_DATE,
        "time_format": False,
    },
    # One box, tags separated by commas.
    fields.tag_list: {"widget": "list"},
    fields.text_list: _list_of({"widget": "string"}),
    fields.slug_list: _list_of({"widget": "string", "pattern": SLUG_PATTERN}),
    fields.old_paths: _list_of({"widget": "string", "pattern": PATH_PATTERN}),
    fields.web_address: {"widget": "string", "pattern": WEB_PATTERN},
    fields.slug: {"widget": "string", "pattern": SLUG_PATTERN},
}


class NoWidget(ValueError):
    """A key of the content model that no CMS widget here can edit."""


def decap_config(settings, backend, data_entries):
    """The configuration, as a dict for config.yml.

    `backend` is Decap's `backend` section; `data_entries` maps each site
    data file's name to its entries, {slug: values}, in the file's order.
    """
    content = _repository_path(settings, settings["PATH"])
    config = {
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "media_folder": f"{content}/images",
        # The form of an image's address that the build accepts: /images/x.png.
        "public_folder": "/images",
        "slug": {"encoding": "ascii", "clean_accents": True},
    }
    if settings["SITEURL"]:
        config["site_url"] = settings["SITEURL"]
    if settings["CMS_LOCAL_BACKEND"]:
        config["local_backend"] = {"url": settings["CMS_LOCAL_BACKEND"]}
    widgets = Widgets(
        {name: _options(entries) for name, entries in data_entries.items()},
        articles=settings["ARTICLE_PATHS"][0],
    )
    folders = [(folder, fields.ARTICLE_FIELDS) for folder in settings["ARTICLE_PATHS"]]
    folders += [(folder, fields.PAGE_FIELDS) for folder in settings["PAGE_PATHS"]]
    data_folder = f"{content}/{settings['HUB_DATA_PATH']}"
    config["collections"] = [
        *(
            _folder_collection(folder, f"{content}/{folder}", model, widgets)
            for folder, model in folders
        ),
        {
            "name": "data",
            "label": "Site data",
            "files": [
                _data_file(name, f"{data_folder}/{name}", entries, widgets)
                for name, entries in data_entries.items()
                if entries
            ],
        },
    ]
    return config


def read_data_entries(settings):
    """Each site data file's entries, {slug: values}, in the file's order."""
    folder = os.path.join(settings["PATH"], settings["HUB_DATA_PATH"])
    entries = {}
    for name in SCHEMAS:
        path = os.path.join(folder, name)
        if os.path.exists(path):
            with open(path, encoding="utf-8") as handle:
                entries[name] = load_yaml(handle.read(), 1, MAX_DATA_CHARS) or {}
    return entries


def repository_root(settings):
    """The folder the CMS edits: the one that holds the content folder."""
    return os.path.dirname(os.path.abspath(settings["PATH"]))


def _repository_path(settings, path):
    relative = os.path.relpath(os.path.abspath(path), repository_root(settings))
    return relative.replace(os.sep, "/")


def _label(slug, values):
    return values.get("name", slug) if isinstance(values, dict) else slug


def _options(entries):
    return [
        {"label": _label(slug, values), "value": slug}
        for slug, values in entries.items()
    ]


def _folder_collection(name, folder, model, widgets):
    label = name.replace("_", " ").capitalize()
    return {
        "name": name,
        "label": label,
        "label_singular": label.removesuffix("s"),
        "folder": folder,
        "extension": "md",
        "format": "yaml-frontmatter",
        "create": True,
        # The file name is the slug, which is the page's address.
        "slug": "{{slug}}",
        "identifier_field": "title",
        "summary": "{{title}}",
        "fields": [*widgets.fields(model), BODY],
    }


def _data_file(name, path, entries, widgets):
    model = SCHEMAS[name][1]
    stem = os.path.splitext(name)[0]
    return {
        "name": stem,
        "label": stem.replace("_", " ").capitalize(),
        "file": path,
        "format": "yml",
        "fields": [
            {
                "label": _label(slug, values),
                "name": slug,
                "widget": "object",
                "collapsed": True,
                "fields": widgets.fields(model),
            }
            for slug, values in entries.items()
        ],
    }


class Widgets:
    """Decap fields for the content model's keys."""

    def __init__(self, options, articles):
        self.options = options
        self.articles = articles

    def fields(self, model):
        return [self.field(name, spec) for name, spec in model.items()]

    def field(self, name, spec):
        field = {
            "label": name.replace("_", " ").capitalize(),
            "name": name,
            "required": spec.required,
            **self._widget(name, spec.parse),
        }
        if spec.required and spec.parse is fields.date:
            field["default"] = "{{now}}"  # today, in the editor's time zone
        return field

    def _widget(self, name, parse):
        multiple = parse is fields.slug_list
        if name in DATA_FILES:
            return self._select(DATA_FILES[name], multiple)
        if KINDS.get(name) == "article":
            return self._articles(multiple)
        if parse in BY_PARSER:
            return BY_PARSER[parse]
        if parse is fields.article_resources:
            return self._resources()
        if parse is fields.resource_groups:
            return self._groups()
        return _described(name, parse)

    def _select(self, filename, multiple):
        return {
            "widget": "select",
            "options": self.options.get(filename, []),
            "multiple": multiple,
        }

    def _articles(self, multiple):
        """Articles by slug, found by title."""
        return {
            "widget": "relation",
            "collection": self.articles,
            "search_fields": ["title"],
            "display_fields": ["title"],
            "value_field": "{{slug}}",
            "multiple": multiple,
        }

    def _resources(self):
        return {
            "widget": "object",
            "collapsed": True,
            "fields": [
                {
                    "label": "Mode",
                    "name": "mode",
                    "widget": "select",
                    "options": ["add", "replace"],
                    "required": False,
                    "hint": "add (the default): these links first, then the "
                    "topic's; replace: only these links.",
                },
                {"label": "Groups", "name": "groups", **self._groups()},
            ],
        }

    def _groups(self):
        """Named groups of links, edited as a list (see cms.js); a link's
        type is its key: article, product, or link for a web page."""
        kinds = [
            (
                "Article",
                "article",
                [{"label": "Article", "name": "article", **self._articles(False)}],
            ),
            (
                "Product",
                "product",
                [
                    {
                        "label": "Product",
                        "name": "product",
                        **self._select(DATA_FILES["products"], multiple=False),
                    }
                ],
            ),
            (
                "Web page",
                "link",
                [
                    {"label": "Title", "name": "title", "widget": "string"},
                    {
                        "label": "URL",
                        "name": "url",
                        "widget": "string",
                        "pattern": WEB_PATTERN,
                    },
                ],
            ),
        ]
        links = {
            "label": "Links",
            "label_singular": "link",
            "name": "links",
            "widget": "list",
            "min": 1,
            "types": [
                {
                    "label": label,
                    "name": kind,
                    "widget": "object",
                    "summary": f"{{{{fields.{subfields[0]['name']}}}}}",
                    "fields": subfields,
                }
                for label, kind, subfields in kinds
            ],
        }
        # A list of one type, not of `fields`: Decap then hands the whole
        # value to the widget's serializer rather than item by item.
        return {
            "widget": "resource-groups",
            "label_singular": "group",
            "types": [
                {
                    "label": "Group",
                    "name": "group",
                    "widget": "object",
                    "summary": "{{fields.name}}",
                    "fields": [
                        {"label": "Name", "name": "name", "widget": "string"},
                        links,
                    ],
                }
            ],
        }


def _described(name, parse):
    """Widgets for parsers that describe themselves: a choice, or text of at
    most so many characters."""
    if hasattr(parse, "allowed"):
        select = {"widget": "select", "options": list(parse.allowed)}
        # What an editor creates stays unpublished until they say so.
        return select | ({"default": "draft"} if "draft" in parse.allowed else {})
    text = {"widget": "text" if name in LONG_TEXT else "string"}
    if hasattr(parse, "limit"):
        pattern = f"^[\\s\\S]{{0,{parse.limit}}}$"
        return text | {"pattern": [pattern, f"At most {parse.limit} characters."]}
    if parse is fields.text:
        return text
    raise NoWidget(
        f"the content model's key '{name}' has no CMS widget: add one in "
        "plugins/cms_admin/decap_config.py"
    )
