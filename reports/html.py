"""One self-contained HTML file (inline CSS, no script, no external resource), print-ready A4 landscape.

Every piece of document text goes through ``reports.render.esc``.
"""

from __future__ import annotations

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
@page { size: A4 landscape; margin: 12mm 12mm 14mm;
        @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 8pt; color: #333; } }
@media print {
  body { margin: 0; font-size: 9pt; }
  del, ins { background: none; }
  a { color: inherit; text-decoration: none; }
}
"""


def render_html(report: Report) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="ordiff ' + esc(report.tool_version) + '">',
        f"<title>{esc(report.title)} — comparison</title>",
        f"<style>{CSS}</style></head><body>",
        _front(report),
        _concordance(report),
        '<h2 id="articles">Articles compared</h2>',
        f'<p class="legend">{esc(LEGEND)}</p>',
        *(_section(report, i, s) for i, s in enumerate(report.sections, 1)),
        '<h2 id="addenda">Addenda</h2>',
        *(_version_addenda(v) for v in report.addenda),
        "</body></html>",
    ]
    return "\n".join(parts)


def _front(report: Report) -> str:
    counts = "".join(f"<tr><td>{esc(k)}</td><td class='num'>{n}</td></tr>" for k, n in report.counts)
    scope = f"<dt>Scope</dt><dd>{esc(report.scope)}</dd>" if report.scope else ""
    return (
        f"<h1>{esc(report.title)}</h1>"
        '<dl class="meta-list">'
        f"<dt>Old version</dt><dd>{esc(report.version_line(report.old))}</dd>"
        f"<dt>New version</dt><dd>{esc(report.version_line(report.new))}</dd>"
        f"<dt>Generated</dt><dd>{esc(report.generated)} by ordiff {esc(report.tool_version)}</dd>"
        f"{scope}</dl>"
        '<h2 id="summary">Changes by kind</h2>'
        '<table class="counts" style="width:auto"><thead><tr><th>Change</th><th class="num">Pairs</th>'
        f"</tr></thead><tbody>{counts}"
        f"<tr><th>total</th><th class='num'>{report.total_pairs}</th></tr></tbody></table>"
    )


def _concordance(report: Report) -> str:
    rows = "".join(
        f"<tr><td><a href='#pair-{i}'>{esc(c.old_text)}</a></td>"
        f"<td><a href='#pair-{i}'>{esc(c.new_text)}</a></td><td>{esc(c.change_text)}</td>"
        f"<td class='num'>{c.score:.2f}</td></tr>"
        for i, c in enumerate(report.concordance, 1)
    )
    return (
        '<h2 id="concordance">Article concordance</h2>'
        '<table class="concordance"><thead><tr><th>Old article</th><th>New article</th><th>Change</th>'
        f'<th class="num">Score</th></tr></thead><tbody>{rows}</tbody></table>'
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


def _notes(title: str, notes: tuple[NoteView, ...]) -> str:
    if not notes:
        return ""
    items = "".join(f"<li>{esc(n.where)}: {esc(n.raw)}</li>" for n in notes)
    return f"<h4>{esc(title)}</h4><ul class='notes'>{items}</ul>"


def _addenda_links(links: tuple[AddendaView, ...]) -> str:
    if not links:
        return ""
    items = "".join(
        f"<li><b>{esc(a.side)}: {esc(a.block)}</b> {esc(a.article)}"
        f"<br>{esc(a.text).replace(chr(10), '<br>')}"
        + (f"<br><span class='reason'>({esc(a.reason)})</span>" if a.reason else "")
        + "</li>"
        for a in links
    )
    return f"<h4>Addenda governing this pair</h4><ul class='notes'>{items}</ul>"


def _section(report: Report, index: int, s: PairSection) -> str:
    c = s.row
    reason = f'<p class="reason">{esc(c.reason)}</p>' if c.reason else ""
    old_art, new_art = (esc(t).replace("\n", "<br>") for t in s.article_cells)
    rows = f"<tr class='articles'><td>{old_art}</td><td>{new_art}</td></tr>" + "".join(
        _row(r) for r in s.rows
    )
    return (
        f'<section class="pair" id="pair-{index}">'
        f'<div class="pair-head"><h3>{index}. {esc(s.heading)}</h3>'
        f'<p class="meta">{esc(c.change_text)} — score {c.score:.2f}</p>{reason}</div>'
        f'<table class="pair"><thead><tr><th>Old: {esc(report.old.label)}</th>'
        f"<th>New: {esc(report.new.label)}</th></tr></thead><tbody>{rows}</tbody></table>"
        f"{_notes('Amendment notes, old version', s.old_notes)}"
        f"{_notes('Amendment notes, new version', s.new_notes)}"
        f"{_addenda_links(s.addenda)}</section>"
    )


def _version_addenda(v: VersionAddenda) -> str:
    blocks = "".join(f"<h4>{esc(b.heading)}</h4><pre class='addenda'>{esc(b.text)}</pre>" for b in v.blocks)
    body = blocks or "<p class='none'>No addenda.</p>"
    return f"<h3>{esc(v.version.side.capitalize())} version: {esc(v.version.label)}</h3>{body}"


def export_html(report: Report) -> bytes:
    return render_html(report).encode("utf-8")
