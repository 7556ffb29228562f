"""CSV (the concordance) and JSON (the engine's own serialisation of the comparison)."""

from __future__ import annotations

import csv
import io
import json

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


def export_csv(report: Report) -> bytes:
    """The concordance, one pair a row; UTF-8 with BOM so spreadsheet programs read Korean."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for c in report.concordance:
        cells = (
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
        writer.writerow([neutralise_cell(v) for v in cells])
    return buf.getvalue().encode("utf-8-sig")


def export_json(comparison: Comparison, pairs: tuple[Pair, ...]) -> bytes:
    """The align JSON (``diffing.serialize.comparison_to_dict``) of the pairs in scope.

    Like every exporter it accepts any ``str``: a lone surrogate (which UTF-8 cannot hold) becomes U+FFFD.
    """
    data = comparison_to_dict(restrict(comparison, pairs))
    return utf8(
        json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    )  # any str: lone surrogates shown as U+FFFD
