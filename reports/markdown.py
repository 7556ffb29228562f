"""GitHub-flavoured Markdown export and the safe Markdown -> HTML renderer for the app.

Document text is backslash-escaped (``reports.safety.md_escape``).  The only
HTML the export itself writes is ``<del>``, ``<ins>`` and ``<br>`` (GitHub
renders them; Markdown has no underline and no line break inside a table
cell).  :func:`markdown_to_html` renders with markdown-it-py with raw HTML
disabled and lets exactly those three bare tags through.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from reports.content import (
    LEGEND,
    AddendaView,
    AnalystNote,
    Cell,
    CouncilRow,
    NoteView,
    PairSection,
    Report,
    Runs,
    TableView,
    review_line,
)
from reports.render import runs_markup
from reports.safety import md_escape


def _cell(text: str) -> str:
    return md_escape(text.strip()).replace("\r", "").replace("\n", "<br>")


def runs_md(runs: Runs, tag: str) -> str:
    return runs_markup(runs, tag, md_escape).replace("\r", "").replace("\n", "<br>")


def _lines(text: str) -> list[str]:
    """A multi-line block as Markdown lines (hard breaks kept with a trailing backslash)."""
    lines = [md_escape(line.strip(), line_start=True) for line in text.strip().splitlines() if line.strip()]
    return [line + "\\" for line in lines[:-1]] + lines[-1:]


def _table(header: list[str], rows: list[list[str]], align: list[str] | None = None) -> list[str]:
    align = align or ["---"] * len(header)
    out = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    out.extend("| " + " | ".join(r) + " |" for r in rows)
    return [*out, ""]


def _note_md(n: AnalystNote) -> str:
    """An analyst's note: byline and the Markdown source printed as escaped text (nothing rendered)."""
    return f"**{_cell(n.byline)}** ({_cell(n.anchor)}): {_cell(n.body)}"


def _analyst_notes(report: Report, s: PairSection) -> list[str]:
    t = report.t
    out = []
    if s.review is not None and s.review.decided:
        out += [f"*{_cell(review_line(s.review, t))}*", ""]
    if s.notes:
        out += [f"**{_cell(t('Analyst notes'))}**", "", *(f"- {_note_md(n)}" for n in s.notes), ""]
    return out


def _table_view(tv: TableView, level: str = "##") -> list[str]:
    out = [f"{level} {_cell(tv.title)}", ""]
    if tv.intro:
        out += [_cell(tv.intro), ""]
    if not tv.rows:
        return [*out, _cell(tv.empty), ""]
    align = ["---:" if tv.rows and isinstance(tv.rows[0][k], int) else "---" for k in range(len(tv.columns))]
    rows = [[str(v) if isinstance(v, int) else _cell(v) for v in row] for row in tv.rows]
    return out + _table([_cell(c) for c in tv.columns], rows, align)


def _summary(report: Report) -> list[str]:
    if not report.summary:
        return []
    out = [f"## {_cell(report.t('What changed, beyond the words'))}", ""]
    for tv in report.summary:
        out += _table_view(tv, "###")
    return out


def _council_cell(cell: Cell, tag: str) -> str:
    body = runs_md(cell.runs, tag)
    text = f"{body} {_cell(cell.marker)}".strip() if cell.marker else body
    return f"**{text}**" if cell.bold and text else text


def _council_row(r: CouncilRow, remarks: bool) -> list[str]:
    cells = [_council_cell(r.current, "del"), _council_cell(r.revised, "ins")]
    if remarks:
        parts = ([_cell(r.decision)] if r.decision else []) + [_note_md(n) for n in r.remarks]
        cells.append("<br>".join(parts))
    return cells


def _council(report: Report) -> list[str]:
    t = report.t
    counts = ", ".join(f"{t(k)} {n}" for k, n in report.shown_counts)
    out = [
        f"# {_cell(report.title)}",
        "",
        f"- **{_cell(t('Current'))}:** {_cell(report.version_line(report.old))}",
        f"- **{_cell(t('Revised'))}:** {_cell(report.version_line(report.new))}",
        f"- **{_cell(t('Pairs in this report'))}:** {report.shown_total}"
        + (f" ({_cell(counts)})" if counts else ""),
    ]
    if report.review_progress:
        out.append(f"- **{_cell(t('Review'))}:** {_cell(report.review_progress)}")
    if report.scope:
        out.append(f"- **{_cell(t('Scope'))}:** {_cell(report.scope)}")
    out += [
        f"- **{_cell(t('Generated'))}:** {_cell(report.generated)} — ordiff {_cell(report.tool_version)}",
        "",
        f"## {_cell(t('Comparison of the current and revised texts'))}",
        "",
        f"*{_cell(t(LEGEND))}*",
        "",
    ]
    remarks = report.has_remarks
    header = [_cell(t("Current")), _cell(t("Revised")), *([_cell(t("Remarks"))] if remarks else [])]
    out += _table(header, [_council_row(r, remarks) for s in report.sections for r in s.council])
    return out + _summary(report)


def _notes(title: str, notes: tuple[NoteView, ...]) -> list[str]:
    if not notes:
        return []
    return [f"**{title}**", "", *(f"- {_cell(n.where)}: {_cell(n.raw)}" for n in notes), ""]


def _addenda(title: str, links: tuple[AddendaView, ...]) -> list[str]:
    if not links:
        return []
    out = [f"**{_cell(title)}**", ""]
    for a in links:
        reason = f" ({_cell(a.reason)})" if a.reason else ""
        out.append(f"- **{_cell(a.side)}: {_cell(a.block)}** {_cell(a.article)}{reason}<br>{_cell(a.text)}")
    return [*out, ""]


def _section(report: Report, index: int, s: PairSection) -> list[str]:
    t = report.t
    c = s.row
    moved = any(r.moved for r in s.rows)
    old_art, new_art = (f"**{_cell(t)}**" for t in s.article_cells)
    rows = [[old_art, new_art, *([""] if moved else [])]]
    rows += [
        [
            runs_md(r.old_runs, "del") if r.old_label is not None else "—",
            runs_md(r.new_runs, "ins") if r.new_label is not None else "—",
            *([_cell(r.moved)] if moved else []),
        ]
        for r in s.rows
    ]
    meta = f"*{_cell(report.change(c))} — {_cell(t('score'))} {c.score:.2f}*"
    out = [f"### {index}. {_cell(s.heading)}", "", meta, ""]
    if c.reason:
        out += [f"*{_cell(c.reason)}*", ""]
    header = [
        f"{_cell(t('Old'))}: {_cell(report.old.label)}",
        f"{_cell(t('New'))}: {_cell(report.new.label)}",
    ]
    out += _table([*header, *([_cell(t("Moved"))] if moved else [])], rows)
    return (
        out
        + _analyst_notes(report, s)
        + _notes(_cell(t("Amendment notes, old version")), s.old_notes)
        + _notes(_cell(t("Amendment notes, new version")), s.new_notes)
        + _addenda(t("Addenda governing this pair"), s.addenda)
    )


def render_markdown(report: Report) -> str:
    out = _council(report) if report.profile == "council" else _detailed(report)
    for tv in report.appendices:
        out += _table_view(tv)
    return "\n".join(out)


def _detailed(report: Report) -> list[str]:
    t = report.t
    out = [
        f"# {_cell(report.title)}",
        "",
        f"- **{_cell(t('Old version'))}:** {_cell(report.version_line(report.old))}",
        f"- **{_cell(t('New version'))}:** {_cell(report.version_line(report.new))}",
        f"- **{_cell(t('Generated'))}:** {_cell(report.generated)} by ordiff {_cell(report.tool_version)}",
    ]
    if report.scope:
        out.append(f"- **{_cell(t('Scope'))}:** {_cell(report.scope)}")
    if report.review_progress:
        out.append(f"- **{_cell(t('Review'))}:** {_cell(report.review_progress)}")
    out += ["", f"## {_cell(t('Changes by kind'))}", ""]
    out += _table(
        [_cell(t("Change")), _cell(t("Pairs"))],
        [[_cell(t(k)), str(n)] for k, n in report.counts]
        + [[f"**{_cell(t('total'))}**", f"**{report.total_pairs}**"]],
        ["---", "---:"],
    )
    out += _summary(report)
    out += [f"## {_cell(t('Article concordance'))}", ""]
    out += _table(
        [_cell(t(x)) for x in ("Old article", "New article", "Change", "Score")],
        [
            [_cell(c.old_text), _cell(c.new_text), _cell(report.change(c)), f"{c.score:.2f}"]
            for c in report.concordance
        ],
        ["---", "---", "---", "---:"],
    )
    out += [f"## {_cell(t('Articles compared'))}", "", f"*{_cell(t(LEGEND))}*", ""]
    for i, s in enumerate(report.sections, 1):
        out += _section(report, i, s)
    out += [f"## {_cell(t('Addenda'))}", ""]
    for v in report.addenda:
        side = t("Old version") if v.version.side == "old" else t("New version")
        out += [f"### {_cell(side)}: {_cell(v.version.label)}", ""]
        for b in v.blocks:
            out += [f"#### {_cell(b.heading)}", "", *_lines(b.text), ""]
        if not v.blocks:
            out += [_cell(t("No addenda.")), ""]
    return out


def export_markdown(report: Report) -> bytes:
    return render_markdown(report).encode("utf-8")


# ---------------------------------------------------------------- Markdown -> HTML

_OWN_TAG = re.compile(r"""<(?P<tag>/?(?:del|ins)|br)>""", re.VERBOSE)


def _own_tags(state: Any, silent: bool) -> bool:
    """Inline rule: the bare tags ``<del> </del> <ins> </ins> <br>`` and nothing else."""
    m = _OWN_TAG.match(state.src, state.pos)
    if m is None:
        return False
    if not silent:
        token = state.push("html_inline", "", 0)
        token.content = m.group(0)
    state.pos = m.end()
    return True


@lru_cache(maxsize=1)
def _renderer() -> Any:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
    md.inline.ruler.before("html_inline", "ordiff_tags", _own_tags)
    return md


def markdown_to_html(text: str) -> str:
    """Render Markdown (e.g. a report) to HTML with raw HTML disabled.

    Escaped characters stay text; the only tags let through are bare
    ``<del>``, ``<ins>`` (and their end tags) and ``<br>``, which carry no
    attribute and so cannot run script.
    """
    return str(_renderer().render(text))
