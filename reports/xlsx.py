"""Excel export (pandas with openpyxl): report, concordance, pair texts, notes, addenda sheets.

Changed words are marked inside the cell with openpyxl rich text (struck for
deletions, underlined for insertions).  Every text cell is neutralised
against formula injection (``reports.safety.neutralise_cell``).  A text longer
than an Excel cell holds (32,767 characters) is cut with a visible marker, named
in a "Warning" row of the Report sheet and in a :class:`CellCutWarning`; the rest
of the workbook is complete.
"""

from __future__ import annotations

import io
import warnings
from typing import Any

import pandas as pd
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment

from reports.content import Report, Runs
from reports.safety import neutralise_cell

DELETED = InlineFont(strike=True, color="A00000")
INSERTED = InlineFont(u="single", color="005500")
WRAP = Alignment(wrap_text=True, vertical="top")


EXCEL_CELL_LIMIT = 32_767  # characters; Excel repairs (cuts) a longer cell on opening
CUT_MARKER = " … [cut: {total:,} characters; the full text is in the docx, html or md report]"


class CellCutWarning(UserWarning):
    """A text longer than one Excel cell holds was cut (and marked so in the cell); the rest is complete."""


class _Cells:
    """The text cells of one workbook: neutralised against formulas, cut at Excel's limit with a marker.

    Each cut is remembered by sheet, column and row, for the Report sheet and one :class:`CellCutWarning`.
    """

    def __init__(self) -> None:
        self.cuts: list[str] = []

    def text(self, value: str, where: str) -> str:
        out = neutralise_cell(value)
        if len(out) <= EXCEL_CELL_LIMIT:
            return out
        marker = CUT_MARKER.format(total=len(value))
        self.cuts.append(where)
        return out[: EXCEL_CELL_LIMIT - len(marker)] + marker

    def rich_text(self, runs: Runs, deleted: bool, where: str) -> CellRichText | str:
        """Diff runs as one in-cell rich text; plain text when nothing changed or when it had to be cut."""
        joined = "".join(t for t, _ in runs).strip()
        text = self.text(joined, where)
        if text != neutralise_cell(joined) or not any(changed and t.strip() for t, changed in runs):
            return text
        parts: list[str | TextBlock] = []
        font = DELETED if deleted else INSERTED
        for i, (t, changed) in enumerate(runs):
            piece = t.lstrip() if i == 0 else t
            piece = piece.rstrip() if i == len(runs) - 1 else piece
            if not piece:
                continue
            if not parts:
                piece = neutralise_cell(piece)
            parts.append(TextBlock(font, piece) if changed and piece.strip() else piece)
        return CellRichText(parts)

    def message(self) -> str:
        shown = "; ".join(self.cuts[:5]) + (f"; and {len(self.cuts) - 5} more" if len(self.cuts) > 5 else "")
        return (
            f"{len(self.cuts)} text cell(s) cut at Excel's limit of {EXCEL_CELL_LIMIT:,} characters "
            f"(marked '[cut: ...]' in the cell): {shown}"
        )


def _cut_frames(frames: dict[str, pd.DataFrame], cells: _Cells) -> dict[str, pd.DataFrame]:
    out = {}
    for name, df in frames.items():
        df = df.copy()
        for column in df.columns:
            df[column] = [
                cells.text(v, f"{name}: {column}, row {row}") if isinstance(v, str) else v
                for row, v in enumerate(df[column], 2)
            ]
        out[name] = df
    return out


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
    return frames


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


def _rich_texts(report: Report, cells: _Cells) -> list[tuple[CellRichText | str, CellRichText | str]]:
    """(old, new) values of the "Pair texts" text columns, row by row ("—" for a side without the row)."""
    out = []
    row = 2
    for s in report.sections:
        for r in s.rows:
            old = (
                cells.rich_text(r.old_runs, True, f"Pair texts: Old text, row {row}")
                if r.old_label is not None
                else "—"
            )
            new = (
                cells.rich_text(r.new_runs, False, f"Pair texts: New text, row {row}")
                if r.new_label is not None
                else "—"
            )
            out.append((old, new))
            row += 1
    return out


def _write_rich_texts(ws: Any, values: list[tuple[CellRichText | str, CellRichText | str]]) -> None:
    old_col = _TEXT_COLUMNS.index("Old text") + 1
    new_col = _TEXT_COLUMNS.index("New text") + 1
    for row, (old, new) in enumerate(values, 2):
        ws.cell(row=row, column=old_col).value = old
        ws.cell(row=row, column=new_col).value = new


def export_xlsx(report: Report) -> bytes:
    """The workbook; a text over Excel's cell limit is cut with a marker, a Report-sheet row and a warning."""
    cells = _Cells()
    frames = _cut_frames(_frames(report), cells)
    texts = _rich_texts(report, cells)
    if cells.cuts:
        warning = pd.DataFrame([("Warning", cells.message())], columns=["Item", "Value"])
        frames["Report"] = pd.concat([frames["Report"], warning], ignore_index=True)
        warnings.warn(cells.message(), CellCutWarning, stacklevel=2)
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        for name, df in frames.items():
            df.to_excel(writer, sheet_name=name, index=False)
            _format(writer.sheets[name], df)
        _write_rich_texts(writer.sheets["Pair texts"], texts)
        props = writer.book.properties
        props.title = f"{report.title}: comparison"
        props.creator = f"ordiff {report.tool_version}"
    return buf.getvalue()
