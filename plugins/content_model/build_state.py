"""Everything the plugins keep between the builds of one process, in one place.

`state` is the only store that outlives a build (the parse workers' reader,
content_model/parallel.py, lives and dies with its worker process):
- kept whatever a build's outcome, since each entry is keyed by what it was
  made from: the parsed files, and the templates Jinja compiled;
- `last`: the last written build, which a preview rebuild compares with and
  takes unchanged articles from (each carrying its plugins' per-article
  results, content_model/memo.py);
- `current`: what the build in progress gathers; its `record` becomes `last`
  only if the build is written.

`begin()` runs as each build starts (content_model, at Pelican's
`initialized`); the build runner (hub.build) calls `commit()` once the build
is written and `abandon()` when it fails, so the next build compares with the
last good one. A build run by Pelican alone is never committed: the next one
finds only the parsed files and compiled templates.
"""

from dataclasses import dataclass, field, replace

from jinja2 import BytecodeCache


@dataclass
class BuildRecord:
    """What the next build compares with, and takes from."""

    # The settings and site data it was made with (incremental_preview).
    fingerprint: object = None
    # Article file name, as Pelican lists it -> (source key, article).
    articles: dict = field(default_factory=dict)
    # Source path -> how the listing pages show it (incremental_preview.Listed).
    listings: dict = field(default_factory=dict)
    # Output file of an article page -> the articles and links it lists.
    lists: dict = field(default_factory=dict)
    # Article slug -> output files of the pages that list it.
    listed_on: dict = field(default_factory=dict)
    # Step -> the inputs its per-article results were made from (memo.py).
    shared_inputs: dict = field(default_factory=dict)

    def copy(self):
        return replace(self, shared_inputs=dict(self.shared_inputs))


@dataclass
class CurrentBuild:
    """The build in progress: never kept, but for its `record`."""

    record: BuildRecord
    # Every problem reported (problems.report); any one fails the build.
    problems: list = field(default_factory=list)
    # id() of each article taken from `last` -> its file name.
    reused: dict = field(default_factory=dict)
    # Made with the settings and site data of the last written build.
    same_site: bool = False
    # Every content object of the build, whose rendered HTML Pelican may keep.
    live: list = field(default_factory=list)
    # Output files left from the last build, removed once this one is written.
    to_remove: list = field(default_factory=list)
    # Old URL path -> the content it redirects to (plugins/redirects).
    redirects: dict = field(default_factory=dict)
    # Theme templates the plugins render once every page is written, by name.
    templates: dict = field(default_factory=dict)
    # The Pagefind index being made as pages are written (plugins/search_index).
    search_index: object = None


class CompiledTemplates(BytecodeCache):
    """Templates compiled by earlier builds; Jinja checks each against its source."""

    def __init__(self):
        self.compiled = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket):
        self.compiled[bucket.key] = bucket.bytecode_to_string()


class BuildState:
    def __init__(self):
        # source_key -> (HTML, plain metadata, problems) (content_model.reader).
        self.parsed_files = {}
        # One cache object for good: the preview compares settings, this included.
        self.compiled_templates = CompiledTemplates()
        self.last = BuildRecord()
        self.current = CurrentBuild(self.last.copy())

    def begin(self):
        """A build starts: from the last written build, with nothing gathered."""
        self.current = CurrentBuild(self.last.copy())

    def commit(self):
        """The build was written: later builds compare with it."""
        self.last = self.current.record
        self.begin()

    def abandon(self):
        """The build failed: forget what it gathered, keep the last written one."""
        self.begin()


state = BuildState()
