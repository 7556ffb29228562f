"""CSV (the concordance) and JSON (the engine's own serialisation of the comparison)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from diffing.model import Comparison, Pair
from diffing.serialize import comparison_to_dict
from reports.content import Report, restrict
from reports.safety import neutralise_cell, utf8

CSV_COLUMNS = (
    "old_article",
    "old_title",
    "new_article",
    "new_title",
    "change",
    "renumbered",
    "modified",
    "score",
    "reason",
)


REVIEW_COLUMNS = ("origin", "review", "decision_reason", "notes")


def export_csv(report: Report) -> bytes:
    """The concordance, one pair a row; UTF-8 with BOM so spreadsheet programs read Korean.

    Built with a review store, four more columns: the pair's origin and review state, the decision's
    reason, and the analysts' notes (``byline: Markdown source``, one per line; never rendered).
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    reviewed = bool(report.review_progress)
    writer.writerow(CSV_COLUMNS + (REVIEW_COLUMNS if reviewed else ()))
    for c in report.concordance:
        cells: tuple[str, ...] = (
            "; ".join(a.number for a in c.old),
            "; ".join(a.title for a in c.old),
            "; ".join(a.number for a in c.new),
            "; ".join(a.title for a in c.new),
            c.change,
            "yes" if c.renumbered else "no",
            "yes" if c.modified else "no",
            f"{c.score:.4f}",
            c.reason,
        )
        if reviewed:
            review = c.review
            cells += (
                review.origin if review else "",
                review.review if review else "",
                review.reason if review else "",
                "\n".join(f"{n.byline}: {n.body}" for n in c.notes),
            )
        writer.writerow([neutralise_cell(v) for v in cells])
    return buf.getvalue().encode("utf-8-sig")


def export_json(comparison: Comparison, pairs: tuple[Pair, ...], report: Report | None = None) -> bytes:
    """The align JSON (``diffing.serialize.comparison_to_dict``) of the pairs in scope.

    With the ``report`` of a reviewed comparison, each pair gets ``origin``, ``review``,
    ``decision_reason`` and ``notes`` (author, date, status, tags, anchor and the Markdown ``body`` as
    stored), and the top level ``review`` (``progress``), as ``ordiff align --db`` gives them.

    Like every exporter it accepts any ``str``: a lone surrogate (which UTF-8 cannot hold) becomes U+FFFD.
    """
    data = comparison_to_dict(restrict(comparison, pairs))
    if report is not None:
        _add_review(data, report)
    return utf8(
        json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    )  # any str: lone surrogates shown as U+FFFD


def _add_review(data: dict[str, Any], report: Report) -> None:
    by_key = {c.key: c for c in report.concordance}
    for pair in data.get("pairs", []):
        c = by_key.get(pair["key"])
        if c is None:
            continue
        if c.review is not None:
            pair["origin"], pair["review"] = c.review.origin, c.review.review
            pair["decision_reason"] = c.review.reason
        pair["notes"] = [
            {
                "author": n.author,
                "date": n.date,
                "status": n.status,
                "tags": list(n.tags),
                "anchor": n.anchor,
                "body": n.body,
            }
            for n in c.notes
        ]
    data["review"] = {"progress": report.review_progress}
