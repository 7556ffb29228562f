"""``ordiff concordance``: review the article concordance (accept, reject, link, unlink) and export it.

    ordiff concordance accept|reject|link|unlink SOURCE [NEW_SOURCE] OLD NEW [--reason TEXT]
                                                 [--author NAME] [--db URL]
    ordiff concordance export SOURCE [NEW_SOURCE] --format csv|xlsx|docx|json [-o FILE] [--db URL]
    ordiff concordance status SOURCE [NEW_SOURCE] [--db URL]
    ordiff concordance history SOURCE [NEW_SOURCE] OLD NEW [--db URL]   (audit log of one pair)

OLD and NEW are article numbers as ``ordiff align`` prints them (``5-2``, ``24a``), several joined by
``+`` (``7+8``), or ``-`` for none.  The export is the correlation table (old provision | new provision |
change | origin | review | reason) in the layout of the correlation tables EU recasts carry as an annex.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from typing import Any

from corpus import load_document
from corpus.model import Document
from diffing import compare
from ordiff.cmd_notes import add_db_argument, default_author, write_output
from review.decisions import ReviewedComparison
from review.model import ReviewError, Side, Verdict
from review.store import open_store
from review.workspace import ConcordanceRow, concordance_rows, find_article, new_decision, reviewed

VERDICTS: tuple[Verdict, ...] = ("accept", "reject", "link", "unlink")
HEADER = ("Old provision", "New provision", "Change", "Origin", "Review", "Reason")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    for verdict in VERDICTS:
        p = sub.add_parser(verdict, help=f"{verdict} old article(s) OLD with new article(s) NEW")
        p.add_argument(
            "args",
            metavar="SOURCE [NEW_SOURCE] OLD NEW",
            nargs="+",
            help="document, then the old and new articles",
        )
        p.add_argument("--reason", metavar="TEXT", default="")
        p.add_argument("--author", metavar="NAME", default=default_author())
        add_db_argument(p)
    ex = sub.add_parser("export", help="the reviewed correlation table")
    ex.add_argument("source", metavar="SOURCE")
    ex.add_argument("new_source", metavar="NEW_SOURCE", nargs="?")
    ex.add_argument("--format", choices=("csv", "xlsx", "docx", "json"), required=True)
    ex.add_argument("-o", "--output", metavar="FILE", default="-", help="file to write (default: stdout)")
    add_db_argument(ex)
    hist = sub.add_parser("history", help="the audit log of one pair: its decisions and pair notes")
    hist.add_argument("args", metavar="SOURCE [NEW_SOURCE] OLD NEW", nargs="+")
    add_db_argument(hist)
    st = sub.add_parser("status", help="review progress and stale decisions")
    st.add_argument("source", metavar="SOURCE")
    st.add_argument("new_source", metavar="NEW_SOURCE", nargs="?")
    add_db_argument(st)


def _articles(document: Document, side: Side, spec: str) -> tuple[str, ...]:
    if spec.strip() in ("-", ""):
        return ()
    return tuple(find_article(document, side, part)[0] for part in spec.split("+"))


def run(args: argparse.Namespace) -> int:
    if args.action in (*VERDICTS, "history"):
        if len(args.args) not in (3, 4):
            raise ReviewError(
                f"concordance {args.action} takes SOURCE [NEW_SOURCE] OLD NEW ({len(args.args)} given)"
            )
        *sources, old_spec, new_spec = args.args
        document = load_document(sources[0], sources[1] if len(sources) > 1 else None)
    else:
        document = load_document(args.source, args.new_source)
    comparison = compare(document)
    store = open_store(args.db)
    try:
        if args.action == "history":
            eids = (*_articles(document, "old", old_spec), *_articles(document, "new", new_spec))
            for e in store.history(document.name, eids=eids):
                after = e.after or {}
                what = after.get("verdict") or str(after.get("body", ""))[:50]
                reason = f"  {after.get('reason')!r}" if after.get("reason") else ""
                print(
                    f"{e.at:%Y-%m-%d %H:%M:%S}  {e.actor:<12} {e.action:<7} {e.subject} {e.subject_id[:8]}  "
                    f"{what}{reason}"
                )
            return 0
        if args.action in VERDICTS:
            old, new = _articles(document, "old", old_spec), _articles(document, "new", new_spec)
            decision = new_decision(
                comparison, verdict=args.action, old=old, new=new, author=args.author, reason=args.reason
            )
            store.record_decision(decision)
            result = reviewed(store, comparison)
            print(f"{args.action} {decision.label} recorded ({decision.id[:8]}); {result.progress}")
            return 0
        result = reviewed(store, comparison)
        if args.action == "status":
            print(result.progress)
            for s in result.stale:
                print(f"stale: {s.message}")
            return 0
        write_output(args.output, export(result, args.format))
        return 0
    finally:
        store.close()


# ---------------------------------------------------------------- the table in four formats


def _cells(r: ConcordanceRow) -> list[str]:
    return [r.old, r.new, r.change, r.origin, r.review, r.reason]


def export(result: ReviewedComparison, fmt: str) -> bytes:
    rows = concordance_rows(result)
    doc = result.comparison.document
    title = f"Correlation table: {doc.title}"
    versions = f"{result.comparison.old.label} → {result.comparison.new.label}"
    if fmt == "json":
        data: dict[str, Any] = {
            "document": doc.name,
            "title": doc.title,
            "old": result.comparison.old.label,
            "new": result.comparison.new.label,
            "progress": result.progress,
            "rows": [
                {
                    "old": r.old,
                    "new": r.new,
                    "change": r.change,
                    "origin": r.origin,
                    "review": r.review,
                    "reason": r.reason,
                    "author": r.author,
                    "decided": r.decided.isoformat() if r.decided else None,
                }
                for r in rows
            ],
            "stale": [s.message for s in result.stale],
        }
        return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if fmt == "csv":
        from reports.safety import neutralise_cell

        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(HEADER)
        for r in rows:
            w.writerow([neutralise_cell(c) for c in _cells(r)])
        return ("\ufeff" + buf.getvalue()).encode("utf-8")
    if fmt == "xlsx":
        return _xlsx(title, versions, rows, result)
    if fmt == "docx":
        return _docx(title, versions, rows, result)
    raise ReviewError(f"unknown concordance format {fmt!r}")


def _xlsx(title: str, versions: str, rows: tuple[ConcordanceRow, ...], result: ReviewedComparison) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from reports.safety import neutralise_cell

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Correlation table"
    ws.append([title])
    ws.append([versions])
    ws.append([result.progress])
    ws.append(list(HEADER))
    for cell in ws[4]:
        cell.font = Font(bold=True)
    for r in rows:
        ws.append([neutralise_cell(c) for c in _cells(r)])
    for col, width in zip("ABCDEF", (22, 22, 12, 10, 12, 60), strict=True):
        ws.column_dimensions[col].width = width
    for line in ws.iter_rows(min_row=5):
        line[5].alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A5"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _docx(title: str, versions: str, rows: tuple[ConcordanceRow, ...], result: ReviewedComparison) -> bytes:
    from docx import Document as Docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = Docx()
    d.add_heading(title, level=1)
    d.add_paragraph(versions)
    d.add_paragraph(result.progress)
    table = d.add_table(rows=1, cols=len(HEADER))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    header_props = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header_props.append(repeat)
    for r in rows:
        for cell, text in zip(table.add_row().cells, _cells(r), strict=True):
            cell.text = text
    if result.stale:
        d.add_heading("Stale decisions", level=2)
        for s in result.stale:
            d.add_paragraph(s.message)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()
