"""One self-contained HTML file (inline CSS, no script, no external resource), print-ready A4 landscape.

Every piece of document text goes through ``reports.render.esc``; analysts' notes are the one safe
Markdown rendering (``AnalystNote.html`` from ``review.render.render_note``).  Both profiles: the
council table (Current | Revised) or the detailed analyst view; labels from ``report.t``.
"""

from __future__ import annotations

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
from reports.render import esc, runs_html

CSS = """
:root { color-scheme: light; }
body { font-family: "NanumGothic", "Malgun Gothic", "Apple SD Gothic Neo", "Noto Sans CJK KR", sans-serif;
       font-size: 10pt; line-height: 1.4; color: #000; background: #fff; margin: 1.5em; }
h1 { font-size: 16pt; margin: 0 0 .4em; }
h2 { font-size: 13pt; margin: 1.4em 0 .4em; border-bottom: 1px solid #444; break-after: avoid; }
h2#articles, h2#addenda { break-before: page; }
h3 { font-size: 11pt; margin: 1.2em 0 .3em; break-after: avoid; page-break-after: avoid; }
h4 { font-size: 10pt; margin: .6em 0 .2em; break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: .3em 0 .6em; }
th, td { border: 1px solid #555; padding: 3px 5px; vertical-align: top; text-align: left;
         overflow-wrap: anywhere; }
th { background: #e6e6e6; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
table.pair td { width: 50%; }
td.num, th.num { text-align: right; white-space: nowrap; width: 4em; }
del { text-decoration: line-through; text-decoration-thickness: 1.5px; background: #fde2e2; }
ins { text-decoration: underline; text-decoration-thickness: 1.5px; background: #dcf5dc; }
tr.articles td { font-weight: bold; }
.moved, .reason, .meta, .legend { font-style: italic; color: #333; }
.none { color: #777; }
a { color: #1a3f8f; text-decoration: none; }
dl.meta-list { display: grid; grid-template-columns: max-content auto; gap: .1em 1em; margin: 0 0 .6em; }
dt { font-weight: bold; }
dd { margin: 0; }
ul.notes { margin: .2em 0 .4em 1.2em; padding: 0; }
pre.addenda { font-family: inherit; white-space: pre-wrap; margin: .2em 0 .6em; }
div.pair-head { break-inside: avoid; break-after: avoid; page-break-after: avoid; }
div.pair-head p { margin: .1em 0; }
table.council td.current, table.council td.revised { width: 43%; }
table.council.remarks td.current, table.council.remarks td.revised { width: 37%; }
table.council th { text-align: center; }
tr.heading td { font-weight: bold; background: #f4f4f4; }
.marker { font-style: normal; }
.remark { margin: 0 0 .4em; font-size: 9pt; }
.remark p { margin: .1em 0; }
.byline { font-weight: bold; }
@page { size: A4 landscape; margin: 12mm 12mm 14mm;
        @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 8pt; color: #333; } }
@media print {
  body { margin: 0; font-size: 9pt; }
  del, ins { background: none; }
  a { color: inherit; text-decoration: none; }
}
"""


def render_html(report: Report) -> str:
    t = report.t
    body = _council_body(report) if report.profile == "council" else _detailed_body(report)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(report.lang)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="ordiff ' + esc(report.tool_version) + '">',
        f"<title>{esc(report.title)} — {esc(t('comparison'))}</title>",
        f"<style>{_css(report)}</style></head><body>",
        *body,
        *(_table_view(tv) for tv in report.appendices),
        "</body></html>",
    ]
    return "\n".join(parts)


# the council table's pair bodies and its end (document text is escaped and notes carry no raw HTML,
# so these strings only occur as this markup)
COUNCIL_PAIR = '<tbody class="pair">'
COUNCIL_END = "<!-- end of the comparison table -->"
PAGE_ENGLISH = '"Page " counter(page) " of " counter(pages)'
PAGE_NUMBERS = 'counter(page) " / " counter(pages)'


def _css(report: Report) -> str:
    """The print CSS; page numbers read "Page 2 of 5" in English, "2 / 5" in any other language."""
    return CSS if report.lang == "en" else CSS.replace(PAGE_ENGLISH, PAGE_NUMBERS)


def _detailed_body(report: Report) -> list[str]:
    t = report.t
    return [
        _front(report),
        _summary(report),
        _concordance(report),
        f'<h2 id="articles">{esc(t("Articles compared"))}</h2>',
        f'<p class="legend">{esc(t(LEGEND))}</p>',
        *(_section(report, i, s) for i, s in enumerate(report.sections, 1)),
        f'<h2 id="addenda">{esc(t("Addenda"))}</h2>',
        *(_version_addenda(report, v) for v in report.addenda),
    ]


def _council_body(report: Report) -> list[str]:
    t = report.t
    remarks = report.has_remarks
    header = f"<th>{esc(t('Current'))}</th><th>{esc(t('Revised'))}</th>" + (
        f"<th>{esc(t('Remarks'))}</th>" if remarks else ""
    )
    # one <tbody> per pair (the same table on screen and paper): a large report's PDF is printed in
    # chunks cut between them (reports.pdf.split_html)
    bodies = "".join(
        COUNCIL_PAIR + "".join(_council_row(r, remarks) for r in s.council) + "</tbody>"
        for s in report.sections
        if s.council
    )
    klass = "council remarks" if remarks else "council"
    return [
        _title_block(report),
        f'<h2 id="comparison">{esc(t("Comparison of the current and revised texts"))}</h2>',
        f'<p class="legend">{esc(t(LEGEND))}</p>',
        f'<table class="{klass}"><thead><tr>{header}</tr></thead>{bodies or "<tbody></tbody>"}</table>'
        + COUNCIL_END,
        _summary(report),
    ]


def _title_block(report: Report) -> str:
    t = report.t
    counts = ", ".join(f"{t(k)} {n}" for k, n in report.shown_counts)
    items = [
        (t("Current"), report.version_line(report.old)),
        (t("Revised"), report.version_line(report.new)),
        (t("Pairs in this report"), f"{report.shown_total}" + (f" ({counts})" if counts else "")),
        *(((t("Review"), report.review_progress),) if report.review_progress else ()),
        *(((t("Scope"), report.scope),) if report.scope else ()),
        (t("Generated"), f"{report.generated} — ordiff {report.tool_version}"),
    ]
    dl = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in items)
    return f'<h1>{esc(report.title)}</h1><dl class="meta-list">{dl}</dl>'


def _cell_html(cell: Cell, tag: str, klass: str) -> str:
    body = runs_html(cell.runs, tag)
    marker = f'<span class="marker">{esc(cell.marker)}</span>' if cell.marker else ""
    return f'<td class="{klass}">{body}{" " if body and marker else ""}{marker}</td>'


def _remarks_html(notes: tuple[AnalystNote, ...], decision: str) -> str:
    parts = [f'<div class="remark">{esc(decision)}</div>'] if decision else []
    parts += [f'<div class="remark"><span class="byline">{esc(n.byline)}</span>{n.html}</div>' for n in notes]
    return "".join(parts)


def _council_row(r: CouncilRow, remarks: bool) -> str:
    extra = f'<td class="remarks">{_remarks_html(r.remarks, r.decision)}</td>' if remarks else ""
    klass = ' class="heading"' if r.heading else ""
    cells = _cell_html(r.current, "del", "current") + _cell_html(r.revised, "ins", "revised")
    return f"<tr{klass}>{cells}{extra}</tr>"


def _table_view(tv: TableView, level: int = 2) -> str:
    head = f"<h{level} id='{esc(tv.key)}'>{esc(tv.title)}</h{level}>"
    intro = f"<p>{esc(tv.intro)}</p>" if tv.intro else ""
    if not tv.rows:
        return head + intro + f"<p class='none'>{esc(tv.empty)}</p>"
    columns = "".join(f"<th>{esc(c)}</th>" for c in tv.columns)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td class='num'>{v}</td>"
            if isinstance(v, int)
            else f"<td>{esc(v).replace(chr(10), '<br>')}</td>"
            for v in row
        )
        + "</tr>"
        for row in tv.rows
    )
    table = f"<table class='{esc(tv.key)}'><thead><tr>{columns}</tr></thead><tbody>{body}</tbody></table>"
    return head + intro + table


def _summary(report: Report) -> str:
    if not report.summary:
        return ""
    t = report.t
    return f'<h2 id="analysis">{esc(t("What changed, beyond the words"))}</h2>' + "".join(
        _table_view(tv, 3) for tv in report.summary
    )


def _front(report: Report) -> str:
    t = report.t
    counts = "".join(f"<tr><td>{esc(t(k))}</td><td class='num'>{n}</td></tr>" for k, n in report.counts)
    scope = f"<dt>{esc(t('Scope'))}</dt><dd>{esc(report.scope)}</dd>" if report.scope else ""
    review = (
        f"<dt>{esc(t('Review'))}</dt><dd>{esc(report.review_progress)}</dd>" if report.review_progress else ""
    )
    return (
        f"<h1>{esc(report.title)}</h1>"
        '<dl class="meta-list">'
        f"<dt>{esc(t('Old version'))}</dt><dd>{esc(report.version_line(report.old))}</dd>"
        f"<dt>{esc(t('New version'))}</dt><dd>{esc(report.version_line(report.new))}</dd>"
        f"<dt>{esc(t('Generated'))}</dt><dd>{esc(report.generated)} by ordiff {esc(report.tool_version)}</dd>"
        f"{scope}{review}</dl>"
        f'<h2 id="summary">{esc(t("Changes by kind"))}</h2>'
        f'<table class="counts" style="width:auto"><thead><tr><th>{esc(t("Change"))}</th>'
        f'<th class="num">{esc(t("Pairs"))}</th>'
        f"</tr></thead><tbody>{counts}"
        f"<tr><th>{esc(t('total'))}</th><th class='num'>{report.total_pairs}</th></tr></tbody></table>"
    )


def _concordance(report: Report) -> str:
    t = report.t
    rows = "".join(
        f"<tr><td><a href='#pair-{i}'>{esc(c.old_text)}</a></td>"
        f"<td><a href='#pair-{i}'>{esc(c.new_text)}</a></td><td>{esc(report.change(c))}</td>"
        f"<td class='num'>{c.score:.2f}</td></tr>"
        for i, c in enumerate(report.concordance, 1)
    )
    return (
        f'<h2 id="concordance">{esc(t("Article concordance"))}</h2>'
        f'<table class="concordance"><thead><tr><th>{esc(t("Old article"))}</th>'
        f"<th>{esc(t('New article'))}</th><th>{esc(t('Change'))}</th>"
        f'<th class="num">{esc(t("Score"))}</th></tr></thead><tbody>{rows}</tbody></table>'
    )


def _cell(runs: Runs, label: str | None, tag: str, moved: str) -> str:
    if label is None:
        return '<td class="none">—</td>'
    note = f'<div class="moved">{esc(moved)}</div>' if moved else ""
    return f"<td>{runs_html(runs, tag)}{note}</td>"


def _row(r: RowView) -> str:
    return (
        f"<tr>{_cell(r.old_runs, r.old_label, 'del', r.moved if r.new_label is None else '')}"
        f"{_cell(r.new_runs, r.new_label, 'ins', r.moved if r.new_label is not None else '')}</tr>"
    )


def _analyst_notes(report: Report, s: PairSection) -> str:
    t = report.t
    review = (
        f"<p class='meta'>{esc(review_line(s.review, t))}</p>"
        if s.review is not None and s.review.decided
        else ""
    )
    if not s.notes:
        return review
    items = "".join(
        f"<li><span class='byline'>{esc(n.byline)}</span> — {esc(n.anchor)}{n.html}</li>" for n in s.notes
    )
    return f"{review}<h4>{esc(t('Analyst notes'))}</h4><ul class='notes'>{items}</ul>"


def _notes(title: str, notes: tuple[NoteView, ...]) -> str:
    if not notes:
        return ""
    items = "".join(f"<li>{esc(n.where)}: {esc(n.raw)}</li>" for n in notes)
    return f"<h4>{esc(title)}</h4><ul class='notes'>{items}</ul>"


def _addenda_links(title: str, links: tuple[AddendaView, ...]) -> str:
    if not links:
        return ""
    items = "".join(
        f"<li><b>{esc(a.side)}: {esc(a.block)}</b> {esc(a.article)}"
        f"<br>{esc(a.text).replace(chr(10), '<br>')}"
        + (f"<br><span class='reason'>({esc(a.reason)})</span>" if a.reason else "")
        + "</li>"
        for a in links
    )
    return f"<h4>{esc(title)}</h4><ul class='notes'>{items}</ul>"


def _section(report: Report, index: int, s: PairSection) -> str:
    t = report.t
    c = s.row
    reason = f'<p class="reason">{esc(c.reason)}</p>' if c.reason else ""
    old_art, new_art = (esc(t).replace("\n", "<br>") for t in s.article_cells)
    rows = f"<tr class='articles'><td>{old_art}</td><td>{new_art}</td></tr>" + "".join(
        _row(r) for r in s.rows
    )
    return (
        f'<section class="pair" id="pair-{index}">'
        f'<div class="pair-head"><h3>{index}. {esc(s.heading)}</h3>'
        f'<p class="meta">{esc(report.change(c))} — {esc(t("score"))} {c.score:.2f}</p>{reason}</div>'
        f'<table class="pair"><thead><tr><th>{esc(t("Old"))}: {esc(report.old.label)}</th>'
        f"<th>{esc(t('New'))}: {esc(report.new.label)}</th></tr></thead><tbody>{rows}</tbody></table>"
        f"{_analyst_notes(report, s)}"
        f"{_notes(t('Amendment notes, old version'), s.old_notes)}"
        f"{_notes(t('Amendment notes, new version'), s.new_notes)}"
        f"{_addenda_links(t('Addenda governing this pair'), s.addenda)}</section>"
    )


def _version_addenda(report: Report, v: VersionAddenda) -> str:
    t = report.t
    blocks = "".join(f"<h4>{esc(b.heading)}</h4><pre class='addenda'>{esc(b.text)}</pre>" for b in v.blocks)
    body = blocks or f"<p class='none'>{esc(t('No addenda.'))}</p>"
    side = t("Old version") if v.version.side == "old" else t("New version")
    return f"<h3>{esc(side)}: {esc(v.version.label)}</h3>{body}"


def export_html(report: Report) -> bytes:
    return render_html(report).encode("utf-8")
