"""`invoke import-legacy`: plain-text exports of the old site's pages become
hub articles, as drafts for an editor to review.

- hub/legacy/export.py: the export format, and reading a file safely;
- hub/legacy/boilerplate.py: the old page's boilerplate after the body, which
  becomes front-matter, matched against the hub's site data and articles;
- hub/legacy/topics.py: the topic guess, from each topic's words and keywords;
- hub/legacy/article.py: one export to one article's Markdown.

Slugs follow the rule `invoke new` uses (Pelican's slugify with the settings'
SLUG_REGEX_SUBSTITUTIONS); text the importer cannot place is kept in the
body, with a warning.
"""

from pathlib import Path

from hub.legacy.article import convert
from hub.legacy.boilerplate import SiteCatalogue
from hub.legacy.export import ImportFailed, decode, read

__all__ = ["ImportFailed", "SiteCatalogue", "convert", "import_files"]


def import_files(paths, settings, topic=None, force=False, today=None):
    """Import each export, printing progress; return the number that failed."""
    catalogue = SiteCatalogue.load(settings)
    files = _expand(paths)
    if not files:
        print("No files to import: give an export file or a folder of .txt files.")
        return 1
    failed = warned = 0
    written = {}  # slug -> the export it was written from in this run
    folder = Path(settings["PATH"]) / settings["ARTICLE_PATHS"][0]
    options = {"folder": folder, "topic": topic, "force": force, "today": today}
    for path in files:
        print(f"{path}:")
        try:
            article, target = _import_one(path, catalogue, written, **options)
        except ImportFailed as error:
            failed += 1
            print(f"  error: {error}")
            continue
        if article.topic_note:
            print(f"  {article.topic_note}")
        for warning in article.warnings:
            print(f"  warning: {warning}")
        warned += len(article.warnings)
        print(f"  wrote {target}")
        # Later files in the batch may list this one under their resources.
        catalogue = SiteCatalogue.load(settings)
    imported = len(files) - failed
    print(
        f"Imported {imported} of {len(files)} file{'s' if len(files) != 1 else ''}"
        f" with {warned} warning{'s' if warned != 1 else ''}"
        + (f"; {failed} failed." if failed else ".")
        + (" Review each warning, then run: invoke check" if imported else "")
    )
    return failed


def _expand(paths):
    """Files to import: each path, or the .txt files in a folder."""
    files = []
    for path in map(Path, paths):
        if path.is_dir():
            files += sorted(path.glob("*.txt"))
        else:
            files.append(path)
    return files


def _import_one(path, catalogue, written, *, folder, topic, force, today):
    text, decode_warnings = decode(read(path))
    article = convert(text, catalogue, topic, today)
    article.warnings[:0] = decode_warnings
    if article.slug in written:
        raise ImportFailed(
            f"{path} and {written[article.slug]} both give the slug "
            f"'{article.slug}'; nothing was written for {path}: rename one title, "
            "or import them separately"
        )
    target = folder / f"{article.slug}.md"
    # A broken link counts too: writing through it would put the article elsewhere.
    if (target.exists() or target.is_symlink()) and not force:
        raise ImportFailed(
            f"{target} already exists; nothing was written. Pass --force to replace it."
        )
    try:
        target.write_text(article.markdown, encoding="utf-8")
    except OSError as error:
        raise ImportFailed(f"cannot write {target}: {error.strerror}") from None
    written[article.slug] = path
    return article, target
