"""Parse the articles on every core before Pelican reads them one by one.

Markdown is most of a build's time and Pelican reads on one core. Workers
parse ahead into `reader.prefetched`; the reader then only reports each
file's problems and makes Pelican's objects. Small sites skip this, since
starting workers costs more than it saves there.
"""

import multiprocessing
import os

from .reader import HubMarkdownReader, prefetched, source_key

_reader = []  # the worker process's reader, made once per worker


def _start_worker(settings):
    _reader.append(HubMarkdownReader(settings))


def _parse(path):
    return source_key(path), _reader[0].parse(path)


def prefetch(generator):
    prefetched.clear()
    settings = generator.settings
    workers = settings["PARSE_WORKERS"] or os.cpu_count() or 1
    paths = [
        os.path.join(generator.path, name)
        for name in generator.get_files(
            settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"]
        )
        if name.endswith(".md")
    ]
    if workers < 2 or len(paths) < settings["PARSE_IN_PARALLEL_FROM"]:
        return
    # fork: workers inherit the settings as they are, functions included.
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, _start_worker, (settings,)) as pool:
        prefetched.update(pool.imap_unordered(_parse, paths, chunksize=16))
