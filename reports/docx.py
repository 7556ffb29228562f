"""Word export with python-docx: real tables, A4 landscape, repeated header rows, Korean fonts.

Deleted words are struck through, inserted words underlined (both also
tinted, but readable in black-and-white print).  Styles carry an east-Asian
font (``w:eastAsia``) so Korean text shows in Word without font substitution.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from reports.content import (
    LEGEND,
    AddendaView,
    NoteView,
    PairSection,
    Report,
    RowView,
    Runs,
    VersionAddenda,
)

LATIN_FONT = "Arial"
EAST_ASIAN_FONT = "Malgun Gothic"  # Word on Windows; LibreOffice falls back to NanumGothic on Linux
DELETED_COLOR = RGBColor(0xA0, 0x00, 0x00)
INSERTED_COLOR = RGBColor(0x00, 0x55, 0x00)


def export_docx(report: Report) -> bytes:
    doc = new_docx()
    _page_setup(doc)
    _styles(doc)
    _front(doc, report)
    _concordance(doc, report)
    doc.add_heading("Articles compared", level=1)
    _italic(doc, LEGEND)
    for i, s in enumerate(report.sections, 1):
        _section(doc, report, i, s)
    doc.add_heading("Addenda", level=1)
    for v in report.addenda:
        _version_addenda(doc, v)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------- page and styles


def _page_setup(doc: Any) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(1.5))
    section.top_margin = section.bottom_margin = Cm(1.5)
    footer = section.footer.paragraphs[0]
    footer.add_run("Page ")
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")


def _field(paragraph: Any, instruction: str) -> None:
    run = paragraph.add_run()
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None), ("end", None)):
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {text} "
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._r.append(el)
        if kind == "separate":
            t = OxmlElement("w:t")
            t.text = "1"
            run._r.append(t)


def _set_fonts(style: Any) -> None:
    style.font.name = LATIN_FONT
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)


def _styles(doc: Any) -> None:
    normal = doc.styles["Normal"]
    normal.font.size = Pt(9.5)
    normal.paragraph_format.space_after = Pt(2)
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Table Grid", "List Bullet"):
        _set_fonts(doc.styles[name])
    for name, size in (("Title", 18), ("Heading 1", 14), ("Heading 2", 11.5), ("Heading 3", 10)):
        doc.styles[name].font.size = Pt(size)
        doc.styles[name].font.color.rgb = RGBColor(0, 0, 0)


# ---------------------------------------------------------------- helpers


def _italic(doc: Any, text: str) -> None:
    doc.add_paragraph().add_run(text).italic = True


def _repeat_header(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _shade(cell: Any, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _table(doc: Any, header: list[str], widths: list[float]) -> Any:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    row = table.rows[0]
    _repeat_header(row)
    for cell, text, width in zip(row.cells, header, widths, strict=True):
        cell.width = Cm(width)
        cell.paragraphs[0].add_run(text).bold = True
        _shade(cell, "E6E6E6")
    return table


def _add_row(table: Any, widths: list[float]) -> list[Any]:
    cells = table.add_row().cells
    for cell, width in zip(cells, widths, strict=True):
        cell.width = Cm(width)
    return list(cells)


def _runs(paragraph: Any, runs: Runs, deleted: bool) -> None:
    """Write diff runs; each line of the text becomes a line break inside the paragraph."""
    text_runs = list(runs)
    if text_runs:
        first, changed = text_runs[0]
        text_runs[0] = (first.lstrip(), changed)
        last, changed = text_runs[-1]
        text_runs[-1] = (last.rstrip(), changed)
    for text, changed in text_runs:
        for i, line in enumerate(text.split("\n")):
            if i:
                paragraph.add_run().add_break()
            if not line:
                continue
            run = paragraph.add_run(line)
            if changed and line.strip():
                _mark(run, deleted)


def _mark(run: Any, deleted: bool) -> None:
    if deleted:
        run.font.strike = True
        run.font.color.rgb = DELETED_COLOR
    else:
        run.font.underline = True
        run.font.color.rgb = INSERTED_COLOR


# ---------------------------------------------------------------- parts


def _front(doc: Any, report: Report) -> None:
    doc.add_heading(report.title, level=0)
    for label, value in (
        ("Old version: ", report.version_line(report.old)),
        ("New version: ", report.version_line(report.new)),
        ("Generated: ", f"{report.generated} by ordiff {report.tool_version}"),
        *((("Scope: ", report.scope),) if report.scope else ()),
    ):
        p = doc.add_paragraph()
        p.add_run(label).bold = True
        p.add_run(value)
    doc.add_heading("Changes by kind", level=1)
    widths = [4.0, 2.0]
    table = _table(doc, ["Change", "Pairs"], widths)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    for kind, n in (*report.counts, ("total", report.total_pairs)):
        cells = _add_row(table, widths)
        cells[0].paragraphs[0].add_run(kind).bold = kind == "total"
        cells[1].paragraphs[0].add_run(str(n)).bold = kind == "total"


CONCORDANCE_WIDTHS = [10.5, 10.5, 4.0, 1.7]


def _concordance(doc: Any, report: Report) -> None:
    doc.add_heading("Article concordance", level=1)
    table = _table(doc, ["Old article", "New article", "Change", "Score"], CONCORDANCE_WIDTHS)
    for c in report.concordance:
        cells = _add_row(table, CONCORDANCE_WIDTHS)
        for cell, text in zip(cells, (c.old_text, c.new_text, c.change_text, f"{c.score:.2f}"), strict=True):
            cell.paragraphs[0].add_run(text)


PAIR_WIDTHS = [13.35, 13.35]


def _pair_row(table: Any, r: RowView) -> None:
    cells = _add_row(table, PAIR_WIDTHS)
    for cell, runs, label, deleted in (
        (cells[0], r.old_runs, r.old_label, True),
        (cells[1], r.new_runs, r.new_label, False),
    ):
        p = cell.paragraphs[0]
        if label is None:
            p.add_run("—")
            continue
        _runs(p, runs, deleted)
        if r.moved and (deleted == (r.new_label is None)):
            cell.add_paragraph().add_run(r.moved).italic = True


def _notes(doc: Any, title: str, notes: tuple[NoteView, ...]) -> None:
    if not notes:
        return
    doc.add_heading(title, level=3)
    for n in notes:
        p = doc.add_paragraph(style="List Bullet")
        p.add_run(f"{n.where}: ").bold = True
        p.add_run(n.raw)


def _addenda_links(doc: Any, links: tuple[AddendaView, ...]) -> None:
    if not links:
        return
    doc.add_heading("Addenda governing this pair", level=3)
    for a in links:
        p = doc.add_paragraph(style="List Bullet")
        p.add_run(f"{a.side}: {a.block} {a.article}".strip()).bold = True
        if a.reason:
            p.add_run(f" ({a.reason})").italic = True
        for line in a.text.splitlines():
            p.add_run().add_break()
            p.add_run(line)


def _section(doc: Any, report: Report, index: int, s: PairSection) -> None:
    doc.add_heading(f"{index}. {s.heading}", level=2)
    c = s.row
    meta = f"{c.change_text} — score {c.score:.2f}" + (f" — {c.reason}" if c.reason else "")
    _italic(doc, meta)
    table = _table(doc, [f"Old: {report.old.label}", f"New: {report.new.label}"], PAIR_WIDTHS)
    for r in s.rows:
        _pair_row(table, r)
    _notes(doc, "Amendment notes, old version", s.old_notes)
    _notes(doc, "Amendment notes, new version", s.new_notes)
    _addenda_links(doc, s.addenda)


def _version_addenda(doc: Any, v: VersionAddenda) -> None:
    doc.add_heading(f"{v.version.side.capitalize()} version: {v.version.label}", level=2)
    if not v.blocks:
        doc.add_paragraph("No addenda.")
    for b in v.blocks:
        doc.add_heading(b.heading, level=3)
        for line in b.text.splitlines():
            if line.strip():
                doc.add_paragraph(line.strip())
