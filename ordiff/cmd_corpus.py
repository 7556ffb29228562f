"""``ordiff corpus``: list the bundled documents."""

from __future__ import annotations

import argparse
import json


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "json"), default="text")


def run(args: argparse.Namespace) -> int:
    from corpus.sources import bundled

    docs = bundled()
    if args.format == "json":
        rows = [{"name": d.name, "title": d.title, "old": d.labels[0], "new": d.labels[1]} for d in docs]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for d in docs:
        print(f"{d.name}\n  {d.title}\n  old: {d.labels[0]}\n  new: {d.labels[1]}")
    return 0
