"""Parse the articles on every core before Pelican reads them one by one.

Markdown is most of a build's time and Pelican reads on one core. Workers
parse ahead into the build state's `parsed_files`; the reader then only
reports each file's problems and makes Pelican's objects. Files parsed by an
earlier build of this process and unchanged since are not parsed again. Small
batches skip the workers, since starting them costs more than it saves, and
so does a preview's rebuild in place, which reads only the files that changed.
"""

import multiprocessing
import os

from .build_state import state
from .reader import HubMarkdownReader, source_key

# The worker process's reader, made once per worker: it ends with the worker,
# so it is not state kept between builds (build_state).
_reader = []


def _start_worker(settings):
    _reader.append(HubMarkdownReader(settings))


def _parse(path):
    return source_key(path, _reader[0].settings), _reader[0].parse(path)


def prefetch(generator):
    settings = generator.settings
    changed = settings.get("PREVIEW_CHANGED")
    if changed is not None and len(changed) < settings["PARSE_IN_PARALLEL_FROM"]:
        return  # a preview rebuild that reads only the few changed files
    workers = settings["PARSE_WORKERS"] or os.cpu_count() or 1
    paths = [
        os.path.join(generator.path, name)
        for name in generator.get_files(
            settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"]
        )
        if name.endswith(".md")
    ]
    current = {source_key(path, settings): path for path in paths}
    parsed_files = state.parsed_files
    for key in parsed_files.keys() - current.keys():
        del parsed_files[key]  # changed or deleted since the last build
    paths = [path for key, path in current.items() if key not in parsed_files]
    if workers < 2 or len(paths) < settings["PARSE_IN_PARALLEL_FROM"]:
        return
    # fork: workers inherit the settings as they are, functions included.
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, _start_worker, (settings,)) as pool:
        parsed_files.update(pool.imap_unordered(_parse, paths, chunksize=16))
