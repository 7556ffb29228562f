"""Word export with python-docx: real tables, A4 landscape, repeated header rows, Korean fonts.

Deleted words are struck through, inserted words underlined (both also
tinted, but readable in black-and-white print).  Styles carry an east-Asian
font (``w:eastAsia``) so Korean text shows in Word without font substitution.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.parser import oxml_parser
from docx.oxml.table import CT_Tbl
from docx.shared import Cm, Pt, RGBColor
from lxml import etree

from reports.content import (
    LEGEND,
    AddendaView,
    AnalystNote,
    Cell,
    CouncilRow,
    NoteView,
    PairSection,
    Report,
    RowView,
    Runs,
    TableView,
    VersionAddenda,
    review_line,
)

LATIN_FONT = "Arial"
EAST_ASIAN_FONT = "Malgun Gothic"  # Word on Windows; LibreOffice falls back to NanumGothic on Linux
DELETED_COLOR = "A00000"
INSERTED_COLOR = "005500"


STYLE_NAMES = {
    "title": "Title",
    "h1": "Heading 1",
    "h2": "Heading 2",
    "h3": "Heading 3",
    "table": "Table Grid",
    "bullet": "List Bullet",
}


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"  # w: namespace, Clark notation
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _element(tag: str) -> Any:
    """A new ``w:`` element made by python-docx's parser (so it gets python-docx's element classes)."""
    return oxml_parser.makeelement(W + tag)


@dataclass(frozen=True, slots=True)
class _Doc:
    """The document being written: its style ids, resolved once, and the body blocks written so far.

    Two python-docx costs grow with the document and make a large report
    quadratic: a style is looked up by scanning every style on each use, and
    each new paragraph or table is inserted before the body's final section
    properties by scanning the body.  Here style ids go straight into the
    paragraph properties, and blocks are collected and put into the body once,
    at the end (:meth:`finish`).
    """

    doc: Any
    ids: dict[str, str]
    blocks: list[Any] = field(default_factory=list)

    def para(self, text: str = "", style: str | None = None, keep_next: bool = False) -> Any:
        """A new body paragraph (``w:p`` element) with an optional style and text.

        ``keep_next`` keeps it on the page of what follows (a pair's heading lines with its table).
        """
        p = _element("p")
        if style or keep_next:
            ppr = etree.SubElement(p, W + "pPr")
            if style:
                etree.SubElement(ppr, W + "pStyle").set(W + "val", self.ids[style])
            if keep_next:
                etree.SubElement(ppr, W + "keepNext")
        if text:
            p.append(run_element(text))
        self.blocks.append(p)
        return p

    def heading(self, text: str, level: int) -> Any:
        return self.para(text, "title" if level == 0 else f"h{level}")

    def finish(self) -> None:
        body = self.doc.element.body
        sect = body.sectPr
        if sect is not None:
            body.remove(sect)
        body.extend(self.blocks)
        if sect is not None:
            body.append(sect)
        self.blocks.clear()


def export_docx(report: Report) -> bytes:
    document = new_docx()
    _page_setup(document)
    _styles(document)
    d = _Doc(document, {k: document.styles[name].style_id for k, name in STYLE_NAMES.items()})
    t = report.t
    if report.profile == "council":
        _council(d, report)
        _summary(d, report)
    else:
        _front(d, report)
        _summary(d, report)
        _concordance(d, report)
        d.heading(t("Articles compared"), 1)
        _italic(d, t(LEGEND))
        for i, s in enumerate(report.sections, 1):
            _section(d, report, i, s)
        d.heading(t("Addenda"), 1)
        for v in report.addenda:
            _version_addenda(d, report, v)
    for tv in report.appendices:
        _table_view(d, tv, 1)
    d.finish()
    _properties(document, report)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------- page and styles


def _properties(doc: Any, report: Report) -> None:
    props = doc.core_properties
    props.title = f"{report.title}: {report.t('comparison')}"[:255]
    props.subject = f"{report.old.display} -> {report.new.display}"[:255]
    props.author = props.last_modified_by = f"ordiff {report.tool_version}"
    props.comments = f"Generated {report.generated}"


def _page_setup(doc: Any) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(1.5))
    section.top_margin = section.bottom_margin = Cm(1.5)
    footer = section.footer.paragraphs[0]
    _field(footer, "PAGE")
    footer.add_run(" / ")
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
    for name in ("Normal", *STYLE_NAMES.values()):
        _set_fonts(doc.styles[name])
    for name, size in (("Title", 18), ("Heading 1", 14), ("Heading 2", 11.5), ("Heading 3", 10)):
        doc.styles[name].font.size = Pt(size)
        doc.styles[name].font.color.rgb = RGBColor(0, 0, 0)


# ---------------------------------------------------------------- runs


def run_element(
    text: str, *, bold: bool = False, italic: bool = False, deleted: bool = False, inserted: bool = False
) -> Any:
    """A ``<w:r>`` with its properties in schema order (b, i, strike, color, u) and the text."""
    r = _element("r")
    if bold or italic or deleted or inserted:
        rpr = etree.SubElement(r, W + "rPr")
        if bold:
            etree.SubElement(rpr, W + "b")
        if italic:
            etree.SubElement(rpr, W + "i")
        if deleted:
            etree.SubElement(rpr, W + "strike")
            etree.SubElement(rpr, W + "color").set(W + "val", DELETED_COLOR)
        if inserted:
            etree.SubElement(rpr, W + "color").set(W + "val", INSERTED_COLOR)
            etree.SubElement(rpr, W + "u").set(W + "val", "single")
    t = etree.SubElement(r, W + "t")
    t.set(XML_SPACE, "preserve")
    t.text = text
    return r


def _break() -> Any:
    r = _element("r")
    etree.SubElement(r, W + "br")
    return r


def _runs(p: Any, runs: Runs, deleted: bool, bold: bool = False) -> None:
    """Write diff runs into paragraph element ``p``; each line of the text becomes a line break."""
    text_runs = list(runs)
    if text_runs:
        first, changed = text_runs[0]
        text_runs[0] = (first.lstrip(), changed)
        last, changed = text_runs[-1]
        text_runs[-1] = (last.rstrip(), changed)
    for text, changed in text_runs:
        for i, line in enumerate(text.split("\n")):
            if i:
                p.append(_break())
            if not line:
                continue
            marked = changed and bool(line.strip())
            p.append(
                run_element(line, bold=bold, deleted=marked and deleted, inserted=marked and not deleted)
            )


def _labelled(p: Any, label: str, value: str) -> None:
    p.append(run_element(label, bold=True))
    p.append(run_element(value))


# ---------------------------------------------------------------- tables


def _italic(d: _Doc, text: str, keep_next: bool = False) -> None:
    d.para(keep_next=keep_next).append(run_element(text, italic=True))


@dataclass(frozen=True, slots=True)
class _Table:
    """A body table being written: its ``w:tbl`` element and column widths in twips."""

    tbl: Any
    widths: tuple[int, ...]

    def row(self, header: bool = False, keep_next: bool = False) -> list[Any]:
        """A new row; returns the first paragraph (``w:p``) of each cell.

        ``header`` repeats the row at the top of every page (and shades it);
        ``keep_next`` keeps the row on the page of the next one.
        """
        tr = etree.SubElement(self.tbl, W + "tr")
        if header:
            etree.SubElement(etree.SubElement(tr, W + "trPr"), W + "tblHeader").set(W + "val", "true")
        paragraphs = []
        for width in self.widths:
            tc = etree.SubElement(tr, W + "tc")
            tcpr = etree.SubElement(tc, W + "tcPr")
            tcw = etree.SubElement(tcpr, W + "tcW")
            tcw.set(W + "w", str(width))
            tcw.set(W + "type", "dxa")
            if header:
                shd = etree.SubElement(tcpr, W + "shd")
                for key, value in (("val", "clear"), ("color", "auto"), ("fill", HEADER_FILL)):
                    shd.set(W + key, value)
            p = etree.SubElement(tc, W + "p")
            if keep_next or header:
                etree.SubElement(etree.SubElement(p, W + "pPr"), W + "keepNext")
            paragraphs.append(p)
        return paragraphs


HEADER_FILL = "E6E6E6"


def _table(d: _Doc, header: list[str], widths: list[float], centre: bool = True) -> _Table:
    """A table with the Table Grid style, fixed column widths and a repeated, shaded header row."""
    tbl = CT_Tbl.new_tbl(0, len(widths), Cm(sum(widths)))
    tbl.tblPr.style = d.ids["table"]
    tbl.tblPr.alignment = WD_TABLE_ALIGNMENT.CENTER if centre else WD_TABLE_ALIGNMENT.LEFT
    tbl.tblPr.autofit = False
    twips = tuple(Cm(w).twips for w in widths)
    for col, width in zip(tbl.tblGrid.gridCol_lst, twips, strict=True):
        col.set(W + "w", str(width))
    d.blocks.append(tbl)
    table = _Table(tbl, twips)
    for p, text in zip(table.row(header=True), header, strict=True):
        p.append(run_element(text, bold=True))
    return table


# ---------------------------------------------------------------- parts


def _front(d: _Doc, report: Report) -> None:
    t = report.t
    d.heading(report.title, 0)
    for label, value in (
        (t("Old version"), report.version_line(report.old)),
        (t("New version"), report.version_line(report.new)),
        (t("Generated"), f"{report.generated} by ordiff {report.tool_version}"),
        *(((t("Scope"), report.scope),) if report.scope else ()),
        *(((t("Review"), report.review_progress),) if report.review_progress else ()),
    ):
        _labelled(d.para(), f"{label}: ", value)
    d.heading(t("Changes by kind"), 1)
    table = _table(d, [t("Change"), t("Pairs")], [4.0, 2.0], centre=False)
    for kind, n in (*report.counts, ("total", report.total_pairs)):
        for p, text in zip(table.row(), (t(kind), str(n)), strict=True):
            p.append(run_element(text, bold=kind == "total"))


def _council(d: _Doc, report: Report) -> None:
    """The title block and the one Current | Revised table (Remarks when analysts wrote any)."""
    t = report.t
    d.heading(report.title, 0)
    counts = ", ".join(f"{t(k)} {n}" for k, n in report.shown_counts)
    for label, value in (
        (t("Current"), report.version_line(report.old)),
        (t("Revised"), report.version_line(report.new)),
        (t("Pairs in this report"), f"{report.shown_total}" + (f" ({counts})" if counts else "")),
        *(((t("Review"), report.review_progress),) if report.review_progress else ()),
        *(((t("Scope"), report.scope),) if report.scope else ()),
        (t("Generated"), f"{report.generated} — ordiff {report.tool_version}"),
    ):
        _labelled(d.para(), f"{label}: ", value)
    d.heading(t("Comparison of the current and revised texts"), 1)
    _italic(d, t(LEGEND), keep_next=True)
    remarks = report.has_remarks
    header = [t("Current"), t("Revised"), *([t("Remarks")] if remarks else [])]
    table = _table(d, header, COUNCIL_REMARKS_WIDTHS if remarks else PAIR_WIDTHS)
    for s in report.sections:
        for r in s.council:
            _council_row(table, r, remarks)


COUNCIL_REMARKS_WIDTHS = [10.5, 10.5, 5.7]


def _cell(p: Any, cell: Cell, deleted: bool) -> None:
    _runs(p, cell.runs, deleted, bold=cell.bold)
    if cell.marker:
        p.append(run_element((" " if cell.runs else "") + cell.marker, bold=cell.bold))


def _note_paragraphs(tc: Any, notes: tuple[AnalystNote, ...], first: Any) -> None:
    """Each note as a bold byline and its Markdown source as plain text (nothing rendered, nothing live)."""
    p = first
    for n in notes:
        if p is None:
            p = etree.SubElement(tc, W + "p")
        p.append(run_element(n.byline + ": ", bold=True))
        for i, line in enumerate(n.body.split("\n")):
            if i:
                p.append(_break())
            p.append(run_element(line))
        p = None


def _council_row(table: _Table, r: CouncilRow, remarks: bool) -> None:
    cells = table.row(keep_next=r.heading)
    _cell(cells[0], r.current, deleted=True)
    _cell(cells[1], r.revised, deleted=False)
    if remarks:
        first: Any = cells[2]
        if r.decision:
            first.append(run_element(r.decision, italic=True))
            first = None
        _note_paragraphs(cells[2].getparent(), r.remarks, first)


def _table_view(d: _Doc, tv: TableView, level: int) -> None:
    d.heading(tv.title, level)
    if tv.intro:
        d.para(tv.intro)
    if not tv.rows:
        _italic(d, tv.empty)
        return
    widths = _view_widths(tv)
    table = _table(d, list(tv.columns), widths, centre=False)
    for row in tv.rows:
        for p, value in zip(table.row(), row, strict=True):
            for i, line in enumerate(str(value).split("\n")):
                if i:
                    p.append(_break())
                p.append(run_element(line))


def _view_widths(tv: TableView) -> list[float]:
    """Column widths (cm) over the 26.7 cm of an A4 landscape line: number columns narrow, the others by
    the length of what they hold (a header's words at least), each between 2.2 and 12 cm."""
    numeric = [bool(tv.rows) and all(isinstance(r[k], int) for r in tv.rows) for k in range(len(tv.columns))]
    if len(tv.columns) == 2 and numeric[1]:
        return [6.0, 2.2]
    need = [
        0.0
        if numeric[k]
        else float(max([len(tv.columns[k]) + 4] + [min(len(str(r[k])), 80) for r in tv.rows]))
        for k in range(len(tv.columns))
    ]
    free = 26.7 - 2.2 * sum(numeric)
    total = sum(need) or 1.0
    return [
        2.2 if numeric[k] else min(12.0, max(2.2, free * need[k] / total)) for k in range(len(tv.columns))
    ]


def _summary(d: _Doc, report: Report) -> None:
    if not report.summary:
        return
    d.heading(report.t("What changed, beyond the words"), 1)
    for tv in report.summary:
        _table_view(d, tv, 2)


CONCORDANCE_WIDTHS = [10.0, 10.0, 5.0, 1.7]


def _concordance(d: _Doc, report: Report) -> None:
    t = report.t
    d.heading(t("Article concordance"), 1)
    table = _table(d, [t("Old article"), t("New article"), t("Change"), t("Score")], CONCORDANCE_WIDTHS)
    for c in report.concordance:
        texts = (c.old_text, c.new_text, report.change(c), f"{c.score:.2f}")
        for p, text in zip(table.row(), texts, strict=True):
            p.append(run_element(text))


PAIR_WIDTHS = [13.35, 13.35]


def _pair_row(table: _Table, r: RowView) -> None:
    old_p, new_p = table.row()
    for p, runs, label, deleted in (
        (old_p, r.old_runs, r.old_label, True),
        (new_p, r.new_runs, r.new_label, False),
    ):
        if label is None:
            p.append(run_element("—"))
            continue
        _runs(p, runs, deleted)
        if r.moved and (deleted == (r.new_label is None)):
            note = etree.SubElement(p.getparent(), W + "p")
            note.append(run_element(r.moved, italic=True))


def _notes(d: _Doc, title: str, notes: tuple[NoteView, ...]) -> None:
    if not notes:
        return
    d.heading(title, 3)
    for n in notes:
        _labelled(d.para(style="bullet"), f"{n.where}: ", n.raw)


def _addenda_links(d: _Doc, title: str, links: tuple[AddendaView, ...]) -> None:
    if not links:
        return
    d.heading(title, 3)
    for a in links:
        p = d.para(style="bullet")
        p.append(run_element(f"{a.side}: {a.block} {a.article}".strip(), bold=True))
        if a.reason:
            p.append(run_element(f" ({a.reason})", italic=True))
        for line in a.text.splitlines():
            p.append(_break())
            p.append(run_element(line))


def _section(d: _Doc, report: Report, index: int, s: PairSection) -> None:
    t = report.t
    d.heading(f"{index}. {s.heading}", 2)
    c = s.row
    meta = f"{report.change(c)} — {t('score')} {c.score:.2f}" + (f" — {c.reason}" if c.reason else "")
    _italic(d, meta, keep_next=True)
    if s.review is not None and s.review.decided:
        _italic(d, review_line(s.review, t), keep_next=True)
    table = _table(d, [f"{t('Old')}: {report.old.display}", f"{t('New')}: {report.new.display}"], PAIR_WIDTHS)
    for p, text in zip(table.row(keep_next=True), s.article_cells, strict=True):
        for i, line in enumerate(text.split("\n")):
            if i:
                p.append(_break())
            p.append(run_element(line, bold=True))
    for r in s.rows:
        _pair_row(table, r)
    if s.notes:
        d.heading(t("Analyst notes"), 3)
        for n in s.notes:
            p = d.para(style="bullet")
            p.append(run_element(f"{n.byline} — {n.anchor}: ", bold=True))
            for i, line in enumerate(n.body.split("\n")):
                if i:
                    p.append(_break())
                p.append(run_element(line))
    _notes(d, t("Amendment notes, old version"), s.old_notes)
    _notes(d, t("Amendment notes, new version"), s.new_notes)
    _addenda_links(d, t("Addenda governing this pair"), s.addenda)


def _version_addenda(d: _Doc, report: Report, v: VersionAddenda) -> None:
    t = report.t
    side = t("Old version") if v.version.side == "old" else t("New version")
    d.heading(f"{side}: {v.version.label}", 2)
    if not v.blocks:
        d.para(t("No addenda."))
    for b in v.blocks:
        d.heading(b.heading, 3)
        for line in b.text.splitlines():
            if line.strip():
                d.para(line.strip())
