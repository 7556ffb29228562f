"""Excel export (pandas with openpyxl): report, concordance, pair texts, notes, addenda sheets.

The council profile writes one "Comparison" sheet (Current | Revised, Remarks when analysts wrote any)
under a title block; the detailed profile the analyst's sheets.  Both add the summary (analysis) and
the appendices as sheets, and every sheet is set up for print: A4 landscape, fit to the page width,
the header row repeated on each page, long-text columns wrapped; numbers are stored as numbers.

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
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from reports.content import LEGEND, Cell, Report, Runs, TableView, review_line
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
    """The detailed profile's sheets, with English sheet and column names (translated when written)."""
    t = report.t
    info = [
        (t("Title"), report.title),
        (t("Old version"), report.old.label),
        (t("Old version date"), report.old.date or ""),
        (t("New version"), report.new.label),
        (t("New version date"), report.new.date or ""),
        (t("Generated"), report.generated),
        (t("Tool"), f"ordiff {report.tool_version}"),
        (t("Scope"), report.scope or t("all pairs")),
        *((f"{t('Pairs')}: {t(k)}", n) for k, n in report.counts),
        (f"{t('Pairs')}: {t('total')}", report.total_pairs),
        *(((t("Review"), report.review_progress),) if report.review_progress else ()),
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
    analyst = [
        {
            "Pair": i,
            "Old article": "; ".join(a.number for a in s.row.old),
            "New article": "; ".join(a.number for a in s.row.new),
            "Review": review_line(s.review, report.t) if s.review is not None else "",
            "Anchor": n.anchor,
            "Author": n.author,
            "Date": n.date,
            "Status": n.status,
            "Tags": ", ".join(n.tags),
            "Note": n.body,
        }
        for i, s in enumerate(report.sections, 1)
        for n in s.notes
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
    if report.notes_shown:
        frames["Analyst notes"] = pd.DataFrame(analyst, columns=list(_ANALYST_COLUMNS))
    return frames


_ANALYST_COLUMNS = (
    "Pair",
    "Old article",
    "New article",
    "Review",
    "Anchor",
    "Author",
    "Date",
    "Status",
    "Tags",
    "Note",
)


# every sheet and column name of the detailed workbook: message ids of the catalogue (reports.i18n)
SHEETS = ("Report", "Concordance", "Pair texts", "Notes", "Pair addenda", "Addenda", "Analyst notes")
COLUMNS = (
    *("Item", "Value", "Old article", "Old title", "New article", "New title", "Change", "Score", "Reason"),
    *("Pair", "Old text", "New text", "Moved", "Row score", "Version", "Article", "Provision", "Note"),
    *("Addenda block", "Addenda article", "Text", "Why", "Block", "Review", "Anchor", "Author", "Date"),
    *("Status", "Tags"),
)

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
    "Review": 40,
    "Anchor": 30,
    "Author": 16,
    "Tags": 20,
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
    _print_setup(ws, header_row=1)


def _print_setup(ws: Any, header_row: int) -> None:
    """A4 landscape, fit to the page width (any number of pages down), header row on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_options.gridLines = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5


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
    if report.profile == "council":
        return _council_workbook(report)
    cells = _Cells()
    frames = _cut_frames(_frames(report), cells)
    texts = _rich_texts(report, cells)
    t = report.t
    if cells.cuts:
        warning = pd.DataFrame([(t("Warning"), cells.message())], columns=["Item", "Value"])
        frames["Report"] = pd.concat([frames["Report"], warning], ignore_index=True)
        warnings.warn(cells.message(), CellCutWarning, stacklevel=2)
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        for name, df in frames.items():
            df.to_excel(writer, sheet_name=t(name), index=False, header=[t(str(c)) for c in df.columns])
            _format(writer.sheets[t(name)], df)
        _write_rich_texts(writer.sheets[t("Pair texts")], texts)
        for tv in (*report.summary, *report.appendices):
            _view_sheet(writer.book, tv, cells)
        props = writer.book.properties
        props.title = f"{report.title}: {t('comparison')}"
        props.creator = f"ordiff {report.tool_version}"
    return buf.getvalue()


# ---------------------------------------------------------------- council profile and table views

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
HEADER_FILL = PatternFill("solid", fgColor="E6E6E6")
HEADING_FILL = PatternFill("solid", fgColor="F4F4F4")
_SHEET_NAME = str.maketrans({c: " " for c in "[]:*?/\\"})


def _sheet_title(title: str, taken: set[str]) -> str:
    r"""A valid, unique sheet name (31 characters at most, none of ``[]:*?/\``)."""
    base = title.translate(_SHEET_NAME).strip()[:31] or "Sheet"
    name, k = base, 2
    while name.lower() in taken:
        name = f"{base[:28]} {k}"
        k += 1
    taken.add(name.lower())
    return name


def _view_sheet(book: Any, tv: TableView, cells: _Cells) -> None:
    """A summary or appendix table as its own sheet: intro line, header row (repeated), rows."""
    ws = book.create_sheet(_sheet_title(tv.title, {n.lower() for n in book.sheetnames}))
    ws.cell(row=1, column=1, value=cells.text(tv.title, f"{tv.title}: title")).font = TITLE
    ws.cell(
        row=2, column=1, value=cells.text(tv.intro or (tv.empty if not tv.rows else ""), f"{tv.title}: intro")
    )
    header = 3
    for col, name in enumerate(tv.columns, 1):
        c = ws.cell(row=header, column=col, value=cells.text(name, f"{tv.title}: header"))
        c.font, c.fill = BOLD, HEADER_FILL
    widths = [len(name) + 2 for name in tv.columns]
    for r, row in enumerate(tv.rows, header + 1):
        for col, value in enumerate(row, 1):
            where = f"{tv.title}: {tv.columns[col - 1]}, row {r}"
            c = ws.cell(
                row=r, column=col, value=value if isinstance(value, int) else cells.text(value, where)
            )
            c.alignment = WRAP
            longest = max((len(line) for line in str(value).split("\n")), default=0)
            widths[col - 1] = max(widths[col - 1], min(60, longest + 2))
    for col, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(col)].width = max(10, width)
    ws.freeze_panes = ws.cell(row=header + 1, column=1)
    _print_setup(ws, header_row=header)


def _council_cell(cells: _Cells, cell: Cell, deleted: bool, where: str) -> CellRichText | str:
    value = cells.rich_text(cell.runs, deleted, where) if cell.runs else ""
    if not cell.marker:
        return value
    if isinstance(value, CellRichText):
        return CellRichText([*value, " " + cell.marker])
    return cells.text(f"{value} {cell.marker}".strip(), where)


def _council_workbook(report: Report) -> bytes:
    """Title block, then the Current | Revised (| Remarks) table with its header row repeated on each page."""
    from openpyxl import Workbook

    t = report.t
    cells = _Cells()
    book = Workbook()
    ws = book.active
    ws.title = _sheet_title(t("Comparison"), set())
    counts = ", ".join(f"{t(k)} {n}" for k, n in report.shown_counts)
    block = [
        (report.title, TITLE),
        (f"{t('Current')}: {report.version_line(report.old)}", None),
        (f"{t('Revised')}: {report.version_line(report.new)}", None),
        (f"{t('Pairs in this report')}: {report.shown_total}" + (f" ({counts})" if counts else ""), None),
        *(((f"{t('Review')}: {report.review_progress}", None),) if report.review_progress else ()),
        *(((f"{t('Scope')}: {report.scope}", None),) if report.scope else ()),
        (f"{t('Generated')}: {report.generated} — ordiff {report.tool_version}. {t(LEGEND)}", None),
    ]
    for r, (text, font) in enumerate(block, 1):
        c = ws.cell(row=r, column=1, value=cells.text(text, f"Comparison: title block, row {r}"))
        if font is not None:
            c.font = font
    header = len(block) + 2
    remarks = report.has_remarks
    names = [t("Current"), t("Revised"), *([t("Remarks")] if remarks else [])]
    for col, name in enumerate(names, 1):
        c = ws.cell(row=header, column=col, value=name)
        c.font, c.fill = BOLD, HEADER_FILL
        c.alignment = Alignment(horizontal="center")
    r = header
    for s in report.sections:
        for row in s.council:
            r += 1
            ws.cell(row=r, column=1).value = _council_cell(cells, row.current, True, f"Comparison: A{r}")
            ws.cell(row=r, column=2).value = _council_cell(cells, row.revised, False, f"Comparison: B{r}")
            if remarks:
                parts = ([row.decision] if row.decision else []) + [
                    f"{n.byline}: {n.body}" for n in row.remarks
                ]
                ws.cell(row=r, column=3).value = cells.text("\n".join(parts), f"Comparison: C{r}")
            for col in range(1, len(names) + 1):
                c = ws.cell(row=r, column=col)
                c.alignment = WRAP
                if row.heading:
                    c.font, c.fill = BOLD, HEADING_FILL
    widths = (55, 55, 35) if remarks else (70, 70)
    for col, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = ws.cell(row=header + 1, column=1)
    _print_setup(ws, header_row=header)
    for tv in (*report.summary, *report.appendices):
        _view_sheet(book, tv, cells)
    if cells.cuts:
        ws.cell(row=len(block) + 1, column=1, value=cells.message()).font = BOLD
        warnings.warn(cells.message(), CellCutWarning, stacklevel=2)
    book.properties.title = f"{report.title}: {t('comparison')}"
    book.properties.creator = f"ordiff {report.tool_version}"
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()
