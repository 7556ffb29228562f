"""``ordiff align``: the article correspondence of a document's two versions."""

from __future__ import annotations

import argparse
import csv
import json
import sys

from analysis import with_analysis
from corpus import load_document
from diffing import compare
from diffing.model import Comparison
from diffing.serialize import comparison_to_dict
from review.decisions import ReviewedComparison, apply_decisions
from review.store import configured, open_store
from review.workspace import reviewed

NAME = "align"
HELP = "Align the old and new versions article by article (renumbered, merged, split, moved) and diff them."

CSV_FIELDS = (
    "old",
    "new",
    "change",
    "renumbered",
    "modified",
    "score",
    "moved_units",
    "addenda",
    "reason",
    "origin",
    "review",
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", metavar="SOURCE", help="bundled document name, combined page, or old file")
    parser.add_argument("new_source", metavar="NEW_SOURCE", nargs="?", help="new file (with an old file)")
    parser.add_argument("--format", choices=("text", "json", "csv"), default="text")
    parser.add_argument(
        "--db",
        metavar="URL",
        help="apply the analyst decisions stored there (default: $ORDIFF_DB, else the user data file if any)",
    )


def run(args: argparse.Namespace) -> int:
    comparison = compare(load_document(args.source, args.new_source))
    result = _reviewed(comparison, getattr(args, "db", None))
    comparison = result.comparison
    for w in comparison.warnings:
        print(f"ordiff: warning: {w.message}", file=sys.stderr)
    for s in result.stale:
        print(f"ordiff: warning: stale decision: {s.message}", file=sys.stderr)
    if args.format == "json":
        data = with_analysis(comparison, comparison_to_dict(comparison))
        for pair, entry in zip(data["pairs"], result.entries, strict=True):
            pair["origin"], pair["review"] = entry.origin, entry.review
        data["review"] = {"progress": result.progress, "stale": [s.message for s in result.stale]}
        print(json.dumps(data, ensure_ascii=False, indent=2))
    elif args.format == "csv":
        write_csv(comparison, result)
    else:
        print(render_text(comparison))
        if result.active or result.stale:
            print(result.progress)
    return 0


def _reviewed(comparison: Comparison, url: str | None) -> ReviewedComparison:
    """The comparison with stored decisions applied, when a review database is configured."""
    if not configured(url):
        return apply_decisions(comparison, ())
    store = open_store(url)
    try:
        return reviewed(store, comparison)
    finally:
        store.close()


def write_csv(comparison: Comparison, result: ReviewedComparison | None = None) -> None:
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(CSV_FIELDS)
    entries = result.entries if result is not None else apply_decisions(comparison, ()).entries
    for p, entry in zip(comparison.pairs, entries, strict=True):
        moved = "; ".join(r.moved for r in p.rows if r.moved)
        addenda = "; ".join(f"{a.version}:{a.block or 'own'}:{a.article or '-'}" for a in p.addenda)
        out.writerow(
            [
                "+".join(p.old),
                "+".join(p.new),
                p.change,
                p.renumbered,
                p.modified,
                f"{p.score:.4f}",
                moved,
                addenda,
                p.reason,
                entry.origin,
                entry.review,
            ]
        )


def render_text(comparison: Comparison) -> str:
    lines = [
        f"{comparison.document.title}",
        f"  old: {comparison.old.label}",
        f"  new: {comparison.new.label}",
        "",
    ]
    for p in comparison.pairs:
        old = ", ".join(p.old) or "-"
        new = ", ".join(p.new) or "-"
        extra = f" ({', '.join(p.flags)})" if p.flags else ""
        lines.append(f"{old:>14} -> {new:<10} {p.change}{extra}  score {p.score:.2f}")
        for r in p.rows:
            if r.moved:
                where = r.new or r.old
                lines.append(f"{'':16}{where.label or '(lead)' if where else ''} {r.moved}")
        for a in p.addenda:
            block = a.block or "(own)"
            lines.append(f"{'':16}addenda: {a.version} block {block} article {a.article or '-'}: {a.reason}")
    counts = ", ".join(f"{k} {v}" for k, v in comparison.counts().items() if v)
    lines += ["", f"{len(comparison.pairs)} pairs: {counts}"]
    return "\n".join(lines)
