"""``ordiff align``: the article correspondence of a document's two versions."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

# What one output needs is imported on its path: analysis and the JSON writer for --format json, csv for
# --format csv, the provision concordance for --provisions, the review state only for an output that
# shows it (JSON, CSV) or with a database (the store and workspace).
if TYPE_CHECKING:
    from collections.abc import Iterator

    from diffing.model import Comparison
    from diffing.provisions import Concordance
    from review.decisions import ReviewedComparison


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

# ``--provisions``: the layout of an official correlation table, one row per old provision
PROVISION_FIELDS = ("old provision", "new provision", "score", "change", "moved", "old eid", "new eid")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", metavar="SOURCE", help="bundled document name, combined page, or old file")
    parser.add_argument("new_source", metavar="NEW_SOURCE", nargs="?", help="new file (with an old file)")
    parser.add_argument("--format", choices=("text", "json", "csv"), default="text")
    parser.add_argument(
        "--provisions",
        action="store_true",
        help="print the provision concordance (old paragraph -> new paragraph(s), across articles) instead",
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        help="apply the analyst decisions stored there (default: $ORDIFF_DB, else the user data file if any)",
    )


def run(args: argparse.Namespace) -> int:
    from corpus.gcpause import gc_paused

    with gc_paused():  # the engine's modules are long-lived objects too: no collection while they load
        from corpus import load_document
        from diffing import compare

        comparison = compare(load_document(args.source, args.new_source))
    result = _reviewed(comparison, getattr(args, "db", None))
    if result is not None:
        comparison = result.comparison
    for w in comparison.warnings:
        print(f"ordiff: warning: {w.message}", file=sys.stderr)
    for s in result.stale if result is not None else ():
        print(f"ordiff: warning: stale decision: {s.message}", file=sys.stderr)
    if getattr(args, "provisions", False):
        from diffing.provisions import provision_concordance

        print_provisions(comparison, provision_concordance(comparison), args.format)
        return 0
    if args.format == "json":
        write_json(comparison, result if result is not None else _unreviewed(comparison))
    elif args.format == "csv":
        write_csv(comparison, result)
    else:
        print(render_text(comparison))
        if result is not None and (result.active or result.stale):
            print(result.progress)
    return 0


def write_json(comparison: Comparison, result: ReviewedComparison) -> None:
    """``comparison_to_dict`` with the analysis and the review state, written pair by pair: each pair's dict
    is made, written and dropped in turn (the same bytes as the whole dict written at once)."""
    from analysis import analyse, analysis_dict, type_pair
    from diffing.serialize import comparison_head, pair_to_dict
    from ordiff import jsonout

    analysed = analyse(comparison)

    def pairs() -> Iterator[dict[str, Any]]:
        for pair, entry in zip(comparison.pairs, result.entries, strict=True):
            data = type_pair(analysed, pair_to_dict(pair))
            data["origin"], data["review"] = entry.origin, entry.review
            yield data

    jsonout.write_object(
        [
            *comparison_head(comparison).items(),
            ("pairs", jsonout.Streamed(pairs())),
            *analysis_dict(analysed).items(),
            ("review", {"progress": result.progress, "stale": [s.message for s in result.stale]}),
        ]
    )


def _reviewed(comparison: Comparison, url: str | None) -> ReviewedComparison | None:
    """The comparison with stored decisions applied, when a review database is configured (else None)."""
    from review.config import configured

    if not configured(url):
        return None
    from review.store import open_store
    from review.workspace import reviewed

    store = open_store(url)
    try:
        return reviewed(store, comparison)
    finally:
        store.close()


def _unreviewed(comparison: Comparison) -> ReviewedComparison:
    """The review state of a comparison without stored decisions: every pair the engine's, unreviewed."""
    from review.decisions import apply_decisions

    return apply_decisions(comparison, ())


def write_csv(comparison: Comparison, result: ReviewedComparison | None = None) -> None:
    import csv

    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(CSV_FIELDS)
    entries = (result if result is not None else _unreviewed(comparison)).entries
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


def print_provisions(comparison: Comparison, concordance: Concordance, fmt: str) -> None:
    if fmt == "json":
        from diffing.serialize import concordance_to_dict
        from ordiff import jsonout

        jsonout.write(concordance_to_dict(comparison, concordance))
    elif fmt == "csv":
        import csv

        out = csv.writer(sys.stdout, lineterminator="\n")
        out.writerow(PROVISION_FIELDS)
        out.writerows(provision_rows(concordance))
    else:
        print(render_provisions(comparison, concordance))


def provision_rows(concordance: Concordance) -> list[list[str]]:
    """The CSV rows: several new provisions of one old provision are joined by ``"; "`` in every column."""
    rows = []
    for r in concordance.rows:
        if r.old is None:
            eid = r.added.eid if r.added is not None else ""
            rows.append(["", r.new_labels[0], "", r.change, "", "", eid])
            continue
        rows.append(
            [
                r.old_label,
                "; ".join(r.new_labels),
                "; ".join(f"{lk.score:.4f}" for lk in r.links),
                r.change,
                "; ".join(lk.moved for lk in r.links if lk.moved),
                r.old.eid,
                "; ".join(lk.new.eid for lk in r.links),
            ]
        )
    return rows


def render_provisions(comparison: Comparison, concordance: Concordance) -> str:
    lines = [
        f"{comparison.document.title}: provision concordance",
        f"  old: {comparison.old.label}",
        f"  new: {comparison.new.label}",
        "",
        f"{'old provision':<24} {'new provision':<24} {'score':>5}  change",
    ]
    for r in concordance.rows:
        targets = list(zip(r.new_labels, (f"{lk.score:.2f}" for lk in r.links), strict=False))
        if r.old is None:
            targets = [(r.new_labels[0], "")]
        if not targets:
            targets = [("-", "")]
        for k, (label, score) in enumerate(targets):
            old = (r.old_label or "-") if k == 0 else ""
            change = r.change if k == 0 else ""
            moved = r.links[k].moved if r.links else ""
            tail = f"{change}  {moved}".rstrip() if moved else change
            lines.append(f"{_pad(old, 24)} {_pad(label, 24)} {score:>5}  {tail}".rstrip())
    counts = ", ".join(f"{k} {v}" for k, v in concordance.counts().items() if v)
    lines += ["", f"{len(concordance.rows)} rows: {counts}"]
    return "\n".join(lines)


def _pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal columns (a Hangul syllable takes two)."""
    import unicodedata  # only the provision table pads by width

    used = sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)
    return text + " " * max(0, width - used)


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
