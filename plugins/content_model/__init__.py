"""The hub's content model: YAML front-matter, site data and validation.

Reads every Markdown file with `HubMarkdownReader`, loads the topics, products
and people once per build, then resolves and checks the slugs that articles
use. Each mistake is reported through `problems.report`.
"""

import datetime
from collections import defaultdict
from functools import partial

from pelican import signals
from pelican.urlwrappers import Category

from .body_checks import check_body, known_urls, link_targets
from .build_state import state
from .facts import resolve_facts
from .memo import per_article_memo
from .parallel import prefetch
from .parse_cache import ParseCache
from .problems import (
    ContentProblems,
    did_you_mean,
    display_path,
    notice,
    report,
    report_field,
    warn_field,
)
from .reader import HubMarkdownReader
from .reserved import hub_outputs, taken_by_hub
from .settings import whole_number
from .site_data import find_products, load_site_data
from .symlinks import check_symlinks

DEFAULTS = {
    "HUB_DATA_PATH": "data",
    "REVIEW_PERIOD_MONTHS": 12,
    "DEFAULT_EDITOR": None,
    # `invoke check --strict` makes an overdue review an error.
    "REVIEW_OVERDUE_IS_ERROR": False,
    # Parse articles on this many processes (0: one per core) from this many on.
    "PARSE_WORKERS": 0,
    "PARSE_IN_PARALLEL_FROM": 200,
}
# Every list of content a generator keeps, published or not.
CONTENT_LISTS = (
    "articles",
    "drafts",
    "hidden_articles",
    "pages",
    "hidden_pages",
    "draft_pages",
)


def start_build(pelican):
    state.begin()
    settings = pelican.settings
    for key, default in DEFAULTS.items():
        settings.setdefault(key, default)
    check_symlinks(settings["PATH"], "content")
    check_symlinks(settings["THEME"], "theme")
    whole_number(settings, "REVIEW_PERIOD_MONTHS", minimum=1)


def use_hub_reader(readers):
    for extension in ("md", "markdown", "mkd", "mdown"):
        readers.reader_classes[extension] = HubMarkdownReader


def load_data(generator):
    settings = generator.settings
    data_path = f"{settings['PATH']}/{settings['HUB_DATA_PATH']}"
    site_data = load_site_data(data_path)
    editor = settings["DEFAULT_EDITOR"]
    if editor is not None and editor not in site_data.people:
        report(
            f"{data_path}/people.yml",
            "DEFAULT_EDITOR",
            f"the settings name editor '{editor}', who is not in the people data",
            did_you_mean(editor, site_data.people),
        )
    generator.context["site_data"] = site_data


def resolve_articles(generator):
    """Turn slugs into topics and people, before Pelican groups by category."""
    site_data = generator.context["site_data"]
    everything = all_articles(generator)
    known_articles = {article.slug for article in everything}
    for article in everything:
        if getattr(article, "has_problems", False):
            continue
        per_article_memo(article, "resolve", partial(_resolve, article, site_data))
        for slug in getattr(article, "related", []):
            _check_known(article, "related", slug, known_articles, site_data)
    for article in generator.articles:
        _check_review_date(article)
    for article in generator.drafts:
        _mark_scheduled(article)


def _resolve(article, site_data):
    _resolve_topic(article, site_data)
    _resolve_editor(article, site_data)
    resolve_facts(article, site_data.facts)
    if hasattr(article, "products"):
        article.products, unknown = find_products(article.products, site_data.products)
        for slug in unknown:
            _check_known(article, "products", slug, site_data.products, site_data)
    # Pelican formats the URL and file name again on every use, tens of
    # thousands of times per build; they are final once the topic is known.
    article.override_url = article.url
    article.override_save_as = article.save_as


def _mark_scheduled(article):
    """A published article dated in the future is a draft until its date."""
    article.scheduled = article.metadata.get("status", "published") != "draft"
    if article.scheduled:
        notice(
            article.source_path,
            f"scheduled for {article.date:%Y-%m-%d}: the first build on or after "
            "that day publishes it",
        )


def _check_review_date(article):
    due = article.review_by.date()
    if due >= datetime.date.today():
        return
    overdue = (
        report_field if article.settings["REVIEW_OVERDUE_IS_ERROR"] else warn_field
    )
    overdue(
        article,
        "review_by",
        f"the review was due on {due:%Y-%m-%d}",
        "Review the article, then set modified: to today and review_by: "
        "to the next review date.",
    )


def all_articles(generator):
    """Every article, published or not."""
    return generator.articles + generator.drafts + generator.hidden_articles


def _resolve_topic(article, site_data):
    topic = site_data.topics.get(article.topic)
    if _check_known(article, "topic", article.topic, site_data.topics, site_data):
        article.topic = topic
        article.category = Category(topic.name, article.settings)
        article.category.slug = topic.slug


def _resolve_editor(article, site_data):
    slug = getattr(article, "editor", None) or article.settings["DEFAULT_EDITOR"]
    article.editor = site_data.people.get(slug)
    if slug:
        _check_known(article, "editor", slug, site_data.people, site_data)


KINDS = {
    "topic": "topic",
    "editor": "editor",
    "products": "product",
    "related": "article",
}
DATA_FILES = {"topic": "topics.yml", "editor": "people.yml", "products": "products.yml"}


def _check_known(article, field, slug, known, site_data):
    """Report an unknown slug, unless its data entry or whole data file is
    broken (reported there)."""
    if slug in known:
        return True
    if not site_data.reported_missing(slug, DATA_FILES.get(field)):
        report_field(
            article,
            field,
            f"unknown {KINDS[field]} '{slug}'",
            did_you_mean(slug, known),
        )
    return False


def resolve_page_facts(generator):
    site_data = generator.context["site_data"]
    for name in ("pages", "hidden_pages", "draft_pages"):
        for page in getattr(generator, name):
            if not getattr(page, "has_problems", False):
                resolve_facts(page, site_data.facts)


def check_unique_urls(generators):
    """Two files that would be written to the same page is an error, not a race;
    and so is a file named like a page the hub writes itself (search, 404, ...)."""
    reserved = hub_outputs(generators[0].settings)
    owners = defaultdict(list)
    for generator in generators:
        for name in CONTENT_LISTS:
            for content in getattr(generator, name, []):
                owners[content.save_as].append(content)
                _check_not_reserved(content, reserved)
    for save_as, contents in owners.items():
        if len(contents) > 1:
            paths = [display_path(content.source_path) for content in contents]
            report(
                paths[0],
                "slug",
                f"the slug '{contents[0].slug}' is also used by "
                + ", ".join(paths[1:])
                + f" (both would be written to {save_as})",
                "Rename one of the files: the file name is the slug.",
            )


def _check_not_reserved(content, reserved):
    taken = taken_by_hub(content.slug, reserved)
    if taken:
        report(
            content.source_path,
            "slug",
            f"the slug '{content.slug}' is taken by the hub's own {taken}",
            "Rename the file: the file name is the slug and the address.",
        )


def check_bodies(generators):
    """Links inside the hub and images' alt text, once every page is known."""
    context = generators[0].context
    urls = known_urls(generators)
    targets = link_targets(context, urls)
    for generator in generators:
        for name in CONTENT_LISTS:
            for content in getattr(generator, name, []):
                if not getattr(content, "has_problems", False):
                    check_body(content, context, urls, targets)


def stop_if_problems(pelican):
    """Write nothing when the content has problems: they are all listed already.

    Runs as the writer is chosen: after every plugin has checked the content,
    before any page is written.
    """
    if state.current.problems:
        raise ContentProblems(len(state.current.problems))


def mark_build_start(pelican):
    if not pelican.settings.get("INCREMENTAL_PREVIEW"):
        pelican.hub_started = ParseCache(pelican.settings).mark_start()


def prune_parse_cache(pelican):
    """After a whole build, drop the parsed files it no longer has. Not after
    a preview's: it reads only the files that changed."""
    if not pelican.settings.get("INCREMENTAL_PREVIEW"):
        ParseCache(pelican.settings).prune(pelican.hub_started)


def register():
    signals.initialized.connect(start_build)
    signals.initialized.connect(mark_build_start)
    signals.readers_init.connect(use_hub_reader)
    signals.article_generator_init.connect(load_data)
    signals.article_generator_init.connect(prefetch)
    signals.article_generator_pretaxonomy.connect(resolve_articles)
    signals.page_generator_finalized.connect(resolve_page_facts)
    signals.all_generators_finalized.connect(check_unique_urls)
    signals.all_generators_finalized.connect(check_bodies)
    signals.get_writer.connect(stop_if_problems)
    signals.finalized.connect(prune_parse_cache)
