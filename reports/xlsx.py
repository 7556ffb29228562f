"""Excel export (pandas with openpyxl): report, concordance, pair texts, notes, addenda sheets.

Changed words are marked inside the cell with openpyxl rich text (struck for
deletions, underlined for insertions).  Every text cell is neutralised
against formula injection (``reports.safety.neutralise_cell``).
"""

from __future__ import annotations

import io
from typing import Any

import pandas as pd
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment

from reports.content import Report, ReportError, Runs
from reports.safety import neutralise_cell

DELETED = InlineFont(strike=True, color="A00000")
INSERTED = InlineFont(u="single", color="005500")
WRAP = Alignment(wrap_text=True, vertical="top")


EXCEL_CELL_LIMIT = 32_767  # characters; Excel repairs (cuts) a longer cell on opening


def _s(value: str) -> str:
    """A text cell, neutralised against formulas; ReportError rather than a cell Excel would cut."""
    out = neutralise_cell(value)
    if len(out) > EXCEL_CELL_LIMIT:
        raise ReportError(
            f"a text of {len(value):,} characters does not fit in one Excel cell "
            f"(limit {EXCEL_CELL_LIMIT:,}): {value[:60]!r}...; export docx, html or md instead"
        )
    return out


def rich_text(runs: Runs, deleted: bool) -> CellRichText | str:
    """Diff runs as one in-cell rich text; plain text when nothing changed."""
    text = _s("".join(t for t, _ in runs).strip())
    if not any(changed and t.strip() for t, changed in runs):
        return text
    parts: list[str | TextBlock] = []
    font = DELETED if deleted else INSERTED
    for i, (t, changed) in enumerate(runs):
        piece = t.lstrip() if i == 0 else t
        piece = piece.rstrip() if i == len(runs) - 1 else piece
        if not piece:
            continue
        if not parts:
            piece = _s(piece)
        parts.append(TextBlock(font, piece) if changed and piece.strip() else piece)
    return CellRichText(parts)


def _frames(report: Report) -> dict[str, pd.DataFrame]:
    info = [
        ("Title", report.title),
        ("Old version", report.old.label),
        ("Old version date", report.old.date or ""),
        ("New version", report.new.label),
        ("New version date", report.new.date or ""),
        ("Generated", report.generated),
        ("Tool", f"ordiff {report.tool_version}"),
        ("Scope", report.scope or "all pairs"),
        *((f"Pairs: {k}", str(n)) for k, n in report.counts),
        ("Pairs: total", str(report.total_pairs)),
    ]
    concordance = [
        {
            "Old article": "; ".join(a.number for a in c.old),
            "Old title": "; ".join(a.title for a in c.old),
            "New article": "; ".join(a.number for a in c.new),
            "New title": "; ".join(a.title for a in c.new),
            "Change": c.change_text,
            "Score": round(c.score, 4),
            "Reason": c.reason,
        }
        for c in report.concordance
    ]
    texts = [
        {
            "Pair": i,
            "Old article": "; ".join(a.number for a in s.row.old),
            "New article": "; ".join(a.number for a in s.row.new),
            "Change": s.row.change_text,
            "Old text": "",  # rich text written after pandas
            "New text": "",
            "Moved": r.moved,
            "Row score": round(r.score, 4),
        }
        for i, s in enumerate(report.sections, 1)
        for r in s.rows
    ]
    notes = [
        {"Pair": i, "Version": n.side, "Article": n.article, "Provision": n.target, "Note": n.raw}
        for i, s in enumerate(report.sections, 1)
        for n in (*s.old_notes, *s.new_notes)
    ]
    governing = [
        {
            "Pair": i,
            "Version": a.side,
            "Addenda block": a.block,
            "Addenda article": a.article,
            "Text": a.text,
            "Why": a.reason,
        }
        for i, s in enumerate(report.sections, 1)
        for a in s.addenda
    ]
    addenda = [
        {"Version": f"{v.version.side}: {v.version.label}", "Block": b.heading, "Text": b.text}
        for v in report.addenda
        for b in v.blocks
    ]
    frames = {
        "Report": pd.DataFrame(info, columns=["Item", "Value"]),
        "Concordance": pd.DataFrame(concordance, columns=list(_CONCORDANCE_COLUMNS)),
        "Pair texts": pd.DataFrame(texts, columns=list(_TEXT_COLUMNS)),
        "Notes": pd.DataFrame(notes, columns=["Pair", "Version", "Article", "Provision", "Note"]),
        "Pair addenda": pd.DataFrame(
            governing, columns=["Pair", "Version", "Addenda block", "Addenda article", "Text", "Why"]
        ),
        "Addenda": pd.DataFrame(addenda, columns=["Version", "Block", "Text"]),
    }
    return {name: df.map(lambda v: _s(v) if isinstance(v, str) else v) for name, df in frames.items()}


_CONCORDANCE_COLUMNS = ("Old article", "Old title", "New article", "New title", "Change", "Score", "Reason")
_TEXT_COLUMNS = ("Pair", "Old article", "New article", "Change", "Old text", "New text", "Moved", "Row score")
_WIDTHS = {
    "Item": 22,
    "Value": 90,
    "Old title": 40,
    "New title": 40,
    "Reason": 50,
    "Old text": 70,
    "New text": 70,
    "Note": 80,
    "Text": 90,
    "Addenda block": 36,
    "Addenda article": 36,
    "Why": 40,
    "Block": 40,
    "Version": 36,
    "Change": 20,
}


def _format(ws: Any, df: pd.DataFrame) -> None:
    ws.freeze_panes = "A2"
    for idx, column in enumerate(df.columns, 1):
        letter = ws.cell(row=1, column=idx).column_letter
        width = _WIDTHS.get(str(column), 12)
        ws.column_dimensions[letter].width = width
        if width >= 36:
            for (cell,) in ws.iter_rows(min_row=2, min_col=idx, max_col=idx):
                cell.alignment = WRAP
    if len(df.columns):
        ws.auto_filter.ref = ws.dimensions


def _rich_texts(ws: Any, report: Report) -> None:
    old_col = _TEXT_COLUMNS.index("Old text") + 1
    new_col = _TEXT_COLUMNS.index("New text") + 1
    row = 2
    for s in report.sections:
        for r in s.rows:
            ws.cell(row=row, column=old_col).value = (
                rich_text(r.old_runs, True) if r.old_label is not None else "—"
            )
            ws.cell(row=row, column=new_col).value = (
                rich_text(r.new_runs, False) if r.new_label is not None else "—"
            )
            row += 1


def export_xlsx(report: Report) -> bytes:
    buf = io.BytesIO()
    frames = _frames(report)
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        for name, df in frames.items():
            df.to_excel(writer, sheet_name=name, index=False)
            _format(writer.sheets[name], df)
        _rich_texts(writer.sheets["Pair texts"], report)
        props = writer.book.properties
        props.title = f"{report.title}: comparison"
        props.creator = f"ordiff {report.tool_version}"
    return buf.getvalue()
