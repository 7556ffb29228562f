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

from reports.content import LEGEND, AddendaView, NoteView, PairSection, Report, Runs
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


def _notes(title: str, notes: tuple[NoteView, ...]) -> list[str]:
    if not notes:
        return []
    return [f"**{title}**", "", *(f"- {_cell(n.where)}: {_cell(n.raw)}" for n in notes), ""]


def _addenda(links: tuple[AddendaView, ...]) -> list[str]:
    if not links:
        return []
    out = ["**Addenda governing this pair**", ""]
    for a in links:
        reason = f" ({_cell(a.reason)})" if a.reason else ""
        out.append(f"- **{_cell(a.side)}: {_cell(a.block)}** {_cell(a.article)}{reason}<br>{_cell(a.text)}")
    return [*out, ""]


def _section(report: Report, index: int, s: PairSection) -> list[str]:
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
    out = [f"### {index}. {_cell(s.heading)}", "", f"*{_cell(c.change_text)} — score {c.score:.2f}*", ""]
    if c.reason:
        out += [f"*{_cell(c.reason)}*", ""]
    header = [f"Old: {_cell(report.old.label)}", f"New: {_cell(report.new.label)}"]
    out += _table([*header, *(["Moved"] if moved else [])], rows)
    return (
        out
        + _notes("Amendment notes, old version", s.old_notes)
        + (_notes("Amendment notes, new version", s.new_notes) + _addenda(s.addenda))
    )


def render_markdown(report: Report) -> str:
    out = [
        f"# {_cell(report.title)}",
        "",
        f"- **Old version:** {_cell(report.version_line(report.old))}",
        f"- **New version:** {_cell(report.version_line(report.new))}",
        f"- **Generated:** {_cell(report.generated)} by ordiff {_cell(report.tool_version)}",
    ]
    if report.scope:
        out.append(f"- **Scope:** {_cell(report.scope)}")
    out += ["", "## Changes by kind", ""]
    out += _table(
        ["Change", "Pairs"],
        [[k, str(n)] for k, n in report.counts] + [["**total**", f"**{report.total_pairs}**"]],
        ["---", "---:"],
    )
    out += ["## Article concordance", ""]
    out += _table(
        ["Old article", "New article", "Change", "Score"],
        [
            [_cell(c.old_text), _cell(c.new_text), _cell(c.change_text), f"{c.score:.2f}"]
            for c in report.concordance
        ],
        ["---", "---", "---", "---:"],
    )
    out += ["## Articles compared", "", f"*{LEGEND}*", ""]
    for i, s in enumerate(report.sections, 1):
        out += _section(report, i, s)
    out += ["## Addenda", ""]
    for v in report.addenda:
        out += [f"### {v.version.side.capitalize()} version: {_cell(v.version.label)}", ""]
        for b in v.blocks:
            out += [f"#### {_cell(b.heading)}", "", *_lines(b.text), ""]
        if not v.blocks:
            out += ["No addenda.", ""]
    return "\n".join(out)


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
