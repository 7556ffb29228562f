"""``ordiff evaluate``: alignment precision, recall and F1 against gold files and synthetic truth."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the engine is imported by ``run``: ``ordiff evaluate --help`` does not load it
    from diffing.evaluate import Score


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", metavar="SOURCE", nargs="?", help="bundled document or path (default: all)")
    parser.add_argument("new_source", metavar="NEW_SOURCE", nargs="?", help="new file (with an old file)")
    parser.add_argument("--gold", metavar="PATH", help="gold TOML file (default: the one naming SOURCE)")
    parser.add_argument(
        "--synthetic", metavar="N", type=int, default=0, help="also score N synthetic amendments per version"
    )
    parser.add_argument(
        "--provisions",
        action="store_true",
        help="score the provision concordance (paragraph links) against provision gold files instead",
    )


def run(args: argparse.Namespace) -> int:
    from corpus import load_document
    from corpus.sources import SourceError, bundled_names
    from diffing import compare
    from diffing.evaluate import evaluate, evaluate_synthetic, find_gold, label_accuracy, load_gold

    if args.synthetic < 0:
        raise SourceError(f"--synthetic {args.synthetic}: the number of amendments cannot be negative")
    sources = [args.source] if args.source else list(bundled_names())
    if getattr(args, "provisions", False):
        return _run_provisions(args, sources)
    for source in sources:
        gold_path = Path(args.gold) if args.gold else find_gold(source)
        if gold_path is None and not args.synthetic:
            if args.source:
                raise SourceError(f"{source}: no gold file names this document; give one with --gold PATH")
            continue
        document = load_document(source, args.new_source if args.source else None)
        if gold_path is not None:
            links = load_gold(gold_path)
            comparison = compare(document)
            right, total = label_accuracy(comparison.pairs, links)
            print(f"{document.name} against {gold_path.name}")
            print(_table(evaluate(comparison, links)))
            print(f"  change labels right on exactly matched links: {right}/{total} (moved = renumbered)\n")
        if args.synthetic:
            for side, version in (("old", document.old), ("new", document.new)):
                if not version.articles:
                    continue
                print(f"{document.name} ({side} version): {args.synthetic} synthetic amendments")
                print(_table(evaluate_synthetic(version, range(args.synthetic))))
                print()
    return 0


def _run_provisions(args: argparse.Namespace, sources: list[str]) -> int:
    """``--provisions``: the same report over provision links (gold files with ``level = "provision"``)."""
    from corpus import load_document
    from corpus.sources import SourceError
    from diffing import compare
    from diffing.evaluate import (
        evaluate_provisions,
        evaluate_synthetic_provisions,
        find_gold,
        load_provision_gold,
    )

    for source in sources:
        gold_path = Path(args.gold) if args.gold else find_gold(source, level="provision")
        if gold_path is None and not args.synthetic:
            if args.source:
                raise SourceError(
                    f"{source}: no provision gold file names this document; give one with --gold"
                )
            continue
        document = load_document(source, args.new_source if args.source else None)
        if gold_path is not None:
            links = load_provision_gold(gold_path)
            print(f"{document.name} against {gold_path.name} (provision links)")
            print(_table(evaluate_provisions(compare(document), links), unit="links"))
            print()
        if args.synthetic:
            for side, version in (("old", document.old), ("new", document.new)):
                if not version.articles:
                    continue
                amendments = f"{args.synthetic} synthetic amendments"
                print(f"{document.name} ({side} version): {amendments} (provision links)")
                print(_table(evaluate_synthetic_provisions(version, range(args.synthetic)), unit="links"))
                print()
    return 0


def _table(scores: dict[str, Score], unit: str = "pairs") -> str:
    lines = [f"  {'method':<12} {'precision':>9} {'recall':>7} {'F1':>6} {unit:>11}"]
    for name, s in scores.items():
        found = f"{s.true_positives:>4}/{s.gold:<3} ({s.predicted} found)"
        lines.append(f"  {name:<12} {s.precision:>9.3f} {s.recall:>7.3f} {s.f1:>6.3f} {found}")
    return "\n".join(lines)
