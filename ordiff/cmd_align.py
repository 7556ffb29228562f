"""``ordiff align``: the article correspondence of a document's two versions."""

from __future__ import annotations

import argparse
import csv
import json
import sys

from corpus import load_document
from diffing import compare
from diffing.model import Comparison
from diffing.serialize import comparison_to_dict

NAME = "align"
HELP = "Align the old and new versions article by article (renumbered, merged, split, moved) and diff them."

CSV_FIELDS = ("old", "new", "change", "renumbered", "modified", "score", "moved_units", "addenda", "reason")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", metavar="SOURCE", help="bundled document name, combined page, or old file")
    parser.add_argument("new_source", metavar="NEW_SOURCE", nargs="?", help="new file (with an old file)")
    parser.add_argument("--format", choices=("text", "json", "csv"), default="text")


def run(args: argparse.Namespace) -> int:
    comparison = compare(load_document(args.source, args.new_source))
    for w in comparison.warnings:
        print(f"ordiff: warning: {w.message}", file=sys.stderr)
    if args.format == "json":
        print(json.dumps(comparison_to_dict(comparison), ensure_ascii=False, indent=2))
    elif args.format == "csv":
        write_csv(comparison)
    else:
        print(render_text(comparison))
    return 0


def write_csv(comparison: Comparison) -> None:
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(CSV_FIELDS)
    for p in comparison.pairs:
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
