"""`python -m hub.bench`: the benchmark's command line, and its child process."""

import argparse
import json

from hub.bench import KINDS, RESULT_PREFIX, run
from hub.bench.child import one_build


def main(argv=None):
    parser = argparse.ArgumentParser(description="The hub's benchmark.")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", dest="json_path")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--no-preview", action="store_true")
    parser.add_argument("--one", choices=KINDS, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--plugins", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        plugins = args.plugins.split(",") if args.plugins else None
        result = one_build(args.one, args.corpus, plugins, args.runs)
        print(RESULT_PREFIX + json.dumps(result), flush=True)
        return
    run(
        args.articles,
        args.runs,
        args.json_path,
        preview=not args.no_preview,
        seed=args.seed,
    )


main()
