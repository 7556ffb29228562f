"""``ordiff parse``: read a document and print its structure (JSON or an outline)."""

from __future__ import annotations

import argparse

from ordiff import jsonout


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", metavar="SOURCE", help="a bundled document name or a text file")
    parser.add_argument(
        "new_source", metavar="NEW_SOURCE", nargs="?", help="the new version's file, if separate"
    )
    parser.add_argument("--format", choices=("json", "text"), default="json")


def run(args: argparse.Namespace) -> int:
    from corpus import load_document
    from corpus.serialize import document_to_dict, outline

    doc = load_document(args.source, args.new_source)
    if args.format == "json":
        jsonout.write(document_to_dict(doc))
    else:
        print(outline(doc), end="")
    return 0
