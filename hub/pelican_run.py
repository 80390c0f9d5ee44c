"""Run Pelican and collect what it logs: every warning and error, and the
content model's notices.

Pelican logs many content errors and carries on with exit status 0; here any
error makes the result fail. Kept apart from hub.build so that the benchmark
can build bare Pelican with it without importing the hub's plugins.
"""

import logging
import time
from dataclasses import dataclass, field

from pelican import Pelican

# What content_model.problems.notice marks its records with.
NOTICE = "hub_notice"


@dataclass
class BuildResult:
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    notices: list = field(default_factory=list)
    seconds: float = 0.0  # Pelican's build
    # Saving the search index once the pages are written (plugins/search_index).
    search_seconds: float = 0.0

    @property
    def ok(self):
        return not self.errors


class _Collector(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.INFO)
        self.records = []

    def emit(self, record):
        if record.levelno >= logging.WARNING or getattr(record, NOTICE, False):
            self.records.append(record)


def run_pelican(settings):
    collector = _Collector()
    root = logging.getLogger()
    root.addHandler(collector)
    started = time.perf_counter()
    try:
        Pelican(settings).run()
    except Exception as error:  # any crash is one more problem to list
        if not getattr(error, "already_reported", False):
            logging.getLogger("hub.build").error("The build stopped: %s", error)
    finally:
        root.removeHandler(collector)
    result = BuildResult(seconds=time.perf_counter() - started)
    for record in collector.records:
        if record.levelno >= logging.ERROR:
            result.errors.append(record.getMessage())
        elif record.levelno >= logging.WARNING:
            result.warnings.append(record.getMessage())
        else:
            result.notices.append(record.getMessage())
    return result
