"""Escaped HTML fragments for the viewer: the old | new table, redline, history, addenda.

All document text goes through ``reports.render`` (``esc``, ``old_html``,
``new_html``, ``redline_html``); nothing from a document reaches HTML
unescaped, so notes such as ``<Amended by Ordinance No. 6487, May 18, 2017>``
show literally.  Changes are marked by ``<del>`` (struck) / ``<ins>``
(underlined) and by words, never by colour alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence

from corpus.model import AddendaArticle, AddendaBlock, Article, Note, ParseWarning, Version
from diffing.model import AddendaLink, Comparison, Pair, Row, UnitRef, addenda_groups
from reports.render import esc, new_html, old_html, redline_html
from review.decisions import ReviewedPair
from viewer.history import ACTION_LABELS, HistoryEntry
from viewer.index import Side, articles_of
from viewer.text import md
from viewer.workspace import PairNotes, Thread, threads_html

# Colours: every highlight is a translucent tint over the theme's own background with the theme's text
# colour (``inherit``), so change cues read in the light and the dark theme alike (WCAG AA: checked in
# tests/test_browser.py); changes are also marked by strike-through / underline, never by colour alone.
STYLE = """
<style>
[data-testid="stMainBlockContainer"] { padding-left: 1.5rem; padding-right: 1.5rem; max-width: 110rem; }
.od-counts { display: flex; flex-wrap: wrap; gap: 0.4rem 0.6rem; list-style: none;
  padding: 0 !important; margin: 0 !important; }
.od-counts li { margin: 0 !important; border: 1px solid #8a8f98; border-radius: 0.3rem;
  padding: 0.15rem 0.55rem; }
.od-counts strong { font-size: 1.15rem; margin-right: 0.25rem; }
.od-compare { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 0.25rem 0 1rem; }
.od-compare caption { text-align: left; font-weight: 600; padding: 0.25rem 0; caption-side: top; }
.od-compare th, .od-compare td { border: 1px solid #8a8f98; padding: 0.45rem 0.6rem; vertical-align: top;
  text-align: left; overflow-wrap: anywhere; line-height: 1.5; }
.od-compare thead th { background: rgba(128, 138, 152, 0.18); color: inherit; }
.od-compare tr.od-heading td { font-weight: 600; }
.od-compare del { text-decoration: line-through; text-decoration-thickness: 2px;
  background: rgba(214, 40, 57, 0.16); color: inherit; }
.od-compare ins, .od-redline ins { text-decoration: underline; text-decoration-thickness: 2px;
  background: rgba(25, 135, 84, 0.18); color: inherit; }
.od-redline del { text-decoration: line-through; background: rgba(214, 40, 57, 0.16); color: inherit; }
.od-cue { display: inline-block; font-size: 0.8rem; font-weight: 600; border: 1px solid currentColor;
  border-radius: 0.25rem; padding: 0 0.3rem; margin: 0 0.3rem 0.2rem 0; }
.od-note { font-family: ui-monospace, monospace; font-size: 0.85rem; margin: 0.2rem 0 0; }
.od-moved { font-weight: 600; margin: 0.3rem 0 0; }
.od-empty { font-style: italic; }
.od-chapter { font-size: 0.8rem; font-weight: 400; text-transform: none; }
.od-side { display: none; font-weight: 700; }
.od-timeline { padding-left: 1.2rem; }
.od-timeline li { margin-bottom: 0.6rem; }
/* Contents: each article is a link-like button (underlined, the theme's text colour), one line each */
[class*="st-key-toc_"] button { min-height: 0; padding: 0.05rem 0; text-decoration: underline;
  text-underline-offset: 0.2em; }
[class*="st-key-toc_"] button p { font-size: 1rem; text-align: left; }
.od-toc-chapter { margin: 0.6rem 0 0; }
.od-compare mark, .od-anno mark { background: rgba(255, 204, 0, 0.28); color: inherit; outline: 1px solid
  rgba(190, 140, 0, 0.8); }
.od-compare tr.od-notes-row td { background: rgba(255, 193, 7, 0.08); border-top: none; }
.od-anno { border-left: 4px solid #b07800; padding: 0.25rem 0.5rem; margin: 0.3rem 0;
  background: rgba(255, 193, 7, 0.12); color: inherit; }
.od-anno-resolved { border-left-color: #5b6270; opacity: 0.85; }
.od-reply { margin-left: 1.2rem; border-left-style: dashed; }
.od-anno-meta { font-size: 0.8rem; }
.od-anno-body p { margin: 0.2rem 0; }
.od-anno a { color: inherit; text-decoration: underline; }
.od-tag { display: inline-block; font-size: 0.75rem; border: 1px solid #b07800; border-radius: 0.6rem;
  padding: 0 0.4rem; margin-right: 0.2rem; }
.od-id { font-family: ui-monospace, monospace; font-size: 0.75rem; }
.od-quote { margin: 0.2rem 0; padding-left: 0.5rem; border-left: 2px solid #5b6270; font-style: italic; }
.od-orphan { font-weight: 700; margin: 0.1rem 0; }
.od-review { display: inline-block; font-size: 0.85rem; font-weight: 600; border: 1px solid currentColor;
  border-radius: 0.25rem; padding: 0 0.35rem; }
.od-addenda h4, .od-addenda h5 { margin: 0.4rem 0 0.2rem; }
.od-addenda .od-applies { border-left: 4px solid #1f4e9c; padding-left: 0.5rem; }
@media (max-width: 700px) {
  .od-compare thead { display: none; }
  .od-compare tr, .od-compare td { display: block; width: auto; }
  .od-compare td { border-top: none; }
  .od-compare tr { border-top: 2px solid #5b6270; margin-bottom: 0.4rem; }
  .od-side { display: block; }
}
</style>
"""


# markup inside escaped HTML: a tag or a character reference; search matches are marked only between them
_MARKUP = re.compile(
    r"""
    (?P<tag><[^>]*>)
  | (?P<reference>&(?:[A-Za-z][A-Za-z0-9]*|\#[0-9]+|\#x[0-9A-Fa-f]+);)
    """,
    re.VERBOSE,
)
UNMARKABLE = frozenset("&<>\"'")


def highlight_html(fragment: str, terms: Sequence[str]) -> str:
    """``fragment`` (escaped HTML) with every case-insensitive occurrence of ``terms`` in its text wrapped
    in ``<mark>``; tags and character references are never touched, so escaping cannot break.  A term
    holding a character HTML escapes (``& < > " '``) is not marked."""
    usable = sorted({t for t in terms if t and not set(t) & UNMARKABLE}, key=len, reverse=True)
    if not usable:
        return fragment
    words = re.compile("|".join(re.escape(t) for t in usable), re.IGNORECASE)

    def mark(text: str) -> str:
        return words.sub(lambda m: f"<mark>{m.group(0)}</mark>", text)

    out: list[str] = []
    pos = 0
    for m in _MARKUP.finditer(fragment):
        out += [mark(fragment[pos : m.start()]), m.group(0)]
        pos = m.end()
    out.append(mark(fragment[pos:]))
    return "".join(out)


md_literal = md  # the one Markdown escaping function lives in viewer.text; this name is kept for callers


def counts_html(comparison: Comparison) -> str:
    """Pair counts by change kind (kinds with no pair are left out)."""
    items = [f"<li><strong>{len(comparison.pairs)}</strong>pairs</li>"]
    items += [f"<li><strong>{n}</strong>{esc(kind)}</li>" for kind, n in comparison.counts().items() if n]
    return f'<ul class="od-counts" aria-label="Pairs by change kind">{"".join(items)}</ul>'


def _paragraphs(text_html: str) -> str:
    return f'<div class="od-text">{text_html}</div>'


def notes_html(notes: Iterable[Note]) -> str:
    return "".join(f'<p class="od-note">{esc(n.raw)}</p>' for n in notes)


def heading_text(article: Article) -> str:
    """The heading in the document's own style: ``Article 7 (Committee)``, ``제5조의2(정보화계획의 반영)``,
    ``Article 24 bis (Champ)``, ``Article 2 [deleted]`` (an untitled article has no ``()``)."""
    status = "" if article.status == "in_force" else f" [{article.status}]"
    return f"{article.styled_heading}{status}"


ARTICLE_SCOPES = frozenset({"article", "title"})


def unit_notes(notes: Iterable[Note]) -> tuple[Note, ...]:
    """The notes of a row's own paragraph: article and title notes sit with the heading instead (the
    engine hands them to the first paragraph when the article has no lead)."""
    return tuple(n for n in notes if n.scope not in ARTICLE_SCOPES)


def _heading_cell(articles: Sequence[Article], side: Side, side_name: str) -> str:
    """The article heading(s) of one side with the notes on the article as a whole or its title."""
    if not articles:
        return f'<td class="od-empty"><span class="od-side">{esc(side_name)}</span>(no {side} article)</td>'
    parts = []
    for a in articles:
        notes = [n for n in a.notes if n.scope in ARTICLE_SCOPES]
        where = f'<div class="od-chapter">{esc(a.chapter)}</div>' if a.chapter else ""
        parts.append(f"{where}<div>{esc(heading_text(a))}</div>{notes_html(notes)}")
    if len(articles) > 1:
        parts.insert(0, f'<span class="od-cue">{len(articles)} {side} articles</span>')
    return f'<td><span class="od-side">{esc(side_name)}</span>{"".join(parts)}</td>'


def _unit_prefix(unit: UnitRef, several: bool, labels: Mapping[str, str]) -> str:
    """``from 제5조의2`` / ``from Article 7`` when the side joins several articles; ``labels`` maps an
    article number to its label as printed."""
    label = labels.get(unit.article) or f"Article {unit.article}"
    return f'<span class="od-cue">from {esc(label)}</span>' if several else ""


def _moved_html(row: Row, side: Side) -> str:
    if not row.moved:
        return ""
    goes_with_new = row.moved.startswith("from")
    if (side == "new") == goes_with_new or (row.old is None or row.new is None):
        return f'<p class="od-moved">↪ moved {esc(row.moved)}</p>'
    return ""


def _row_cue(row: Row) -> str:
    if row.old is None:
        return '<span class="od-cue">inserted</span>'
    if row.new is None:
        return '<span class="od-cue">deleted</span>'
    if row.diff.changed:
        return '<span class="od-cue">changed</span>'
    return ""


def _cell(row: Row, side: Side, side_name: str, several: bool, labels: Mapping[str, str]) -> str:
    unit = row.old if side == "old" else row.new
    label = f'<span class="od-side">{esc(side_name)}</span>'
    if unit is None:
        if row.moved:  # not deleted or inserted: it went to (came from) another article
            return f'<td class="od-empty">{label}(not in this article — moved {esc(row.moved)})</td>'
        what = "inserted in the new text" if side == "old" else "deleted from the old text"
        return f'<td class="od-empty">{label}(none — {what})</td>'
    body = old_html(row.diff) if side == "old" else new_html(row.diff)
    cue = _row_cue(row) if side == "new" else ""
    return (
        f"<td>{label}{cue}{_unit_prefix(unit, several, labels)}{_paragraphs(body)}"
        f"{notes_html(unit_notes(unit.notes))}{_moved_html(row, side)}</td>"
    )


def review_html(entry: ReviewedPair) -> str:
    """The pair's origin and review state as a badge line (words, not colour)."""
    d = entry.decision
    by = f" by {esc(d.author)} on {d.created:%Y-%m-%d}" if d is not None else ""
    reason = f": “{esc(d.reason)}”" if d is not None and d.reason else ""
    return (
        f'<p class="od-review-line"><span class="od-review">origin: {esc(entry.origin)}</span> '
        f'<span class="od-review">review: {esc(entry.review)}</span>{by}{reason}</p>'
    )


def _side_labels(numbers: Sequence[str], articles: Sequence[Article]) -> str:
    """``Article 5-2 + 6`` / ``제5조의2 + 제6조`` / ``Article 24 bis``: each article's label as printed
    (``Article N`` for a number not among ``articles``), a heading word shared by all said once."""
    by_number = {a.number: a.display_label for a in articles}
    labels = [by_number.get(n) or f"Article {n}" for n in numbers]
    word = labels[0].partition(" ")[0] + " " if " " in labels[0] else ""
    if word and len(labels) > 1 and all(label.startswith(word) for label in labels):
        return word + " + ".join(label.removeprefix(word) for label in labels)  # "Article 7 + 8"
    return " + ".join(labels)


def pair_caption(pair: Pair, olds: Sequence[Article] = (), news: Sequence[Article] = ()) -> str:
    """``Old Article 5 → new Article 5-2 (…)``, in the document's style when the pair's articles are
    given: ``Old 제5조 → new 제5조의2 (…)``, ``Old Article 24 bis → …``."""
    old = f"Old {_side_labels(pair.old, olds)}" if pair.old else "No old article"
    new = f"new {_side_labels(pair.new, news)}" if pair.new else "no new article"
    if not pair.old or not pair.new:  # nothing to be similar to: no score to show
        return f"{old} → {new} ({pair.change_text})"
    return f"{old} → {new} ({pair.change_text}; similarity {pair.score:.2f})"


def _notes_row(threads: Sequence[Thread], colspan: int) -> str:
    if not threads:
        return ""
    return (
        f'<tr class="od-notes-row"><td colspan="{colspan}"><span class="od-cue">notes</span>'
        f"{threads_html(threads)}</td></tr>"
    )


def pair_notes_html(notes: PairNotes | None) -> str:
    """The notes on a pair as a whole (shown above its table)."""
    if notes is None or not notes.pair:
        return ""
    return f'<div class="od-pair-notes">{threads_html(notes.pair)}</div>'


def _folded(k: int, row: Row, notes: PairNotes | None) -> bool:
    """A row that ``collapse`` folds away: unchanged on both sides, not moved, no analyst note on it."""
    if row.old is None or row.new is None or row.diff.changed or row.moved:
        return False
    return not (notes is not None and k < len(notes.rows) and notes.rows[k])


def _fold_row(count: int, colspan: int) -> str:
    what = "paragraph" if count == 1 else "paragraphs"
    return (
        f'<tr class="od-folded"><td colspan="{colspan}" class="od-empty">'
        f"⋯ {count} unchanged {what} folded (turn off “Collapse unchanged paragraphs” to read them)</td></tr>"
    )


def _rows_html(
    pair: Pair, notes: PairNotes | None, collapse: bool, colspan: int, render: Callable[[Row], str]
) -> list[str]:
    out: list[str] = []
    folded = 0
    for k, row in enumerate(pair.rows):
        if collapse and _folded(k, row, notes):
            folded += 1
            continue
        if folded:
            out.append(_fold_row(folded, colspan))
            folded = 0
        out.append(render(row))
        if notes is not None and k < len(notes.rows):
            out.append(_notes_row(notes.rows[k], colspan))
    if folded:
        out.append(_fold_row(folded, colspan))
    return out


def pair_table_html(
    comparison: Comparison, pair: Pair, notes: PairNotes | None = None, *, collapse: bool = False
) -> str:
    """The classic old | new comparison table, one row per aligned unit of ``Pair.rows``.

    With ``notes``, article-level notes follow the heading row and each row's notes follow that row,
    in a full-width row of their own (rendered by ``review.render``, never raw).
    """
    olds = articles_of(comparison, "old", pair)
    news = articles_of(comparison, "new", pair)
    old_name = f"Old — {comparison.old.label}"
    new_name = f"New — {comparison.new.label}"
    old_labels = {a.number: a.display_label for a in olds}
    new_labels = {a.number: a.display_label for a in news}
    rows = [
        f'<tr class="od-heading">{_heading_cell(olds, "old", old_name)}'
        f"{_heading_cell(news, 'new', new_name)}</tr>"
    ]
    if notes is not None:
        rows.append(_notes_row(notes.articles, 2))
    rows += _rows_html(
        pair,
        notes,
        collapse,
        2,
        lambda row: (
            f"<tr>{_cell(row, 'old', old_name, len(pair.old) > 1, old_labels)}"
            f"{_cell(row, 'new', new_name, len(pair.new) > 1, new_labels)}</tr>"
        ),
    )
    return (
        f'<table class="od-compare"><caption>{esc(pair_caption(pair, olds, news))}</caption>'
        f'<thead><tr><th scope="col">{esc(old_name)}</th><th scope="col">{esc(new_name)}</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def redline_table_html(
    comparison: Comparison, pair: Pair, notes: PairNotes | None = None, *, collapse: bool = False
) -> str:
    """Inline redline: one column, deletions struck and insertions underlined in reading order."""
    olds = articles_of(comparison, "old", pair)
    news = articles_of(comparison, "new", pair)
    head_old = "; ".join(heading_text(a) for a in olds) or "(no old article)"
    head_new = "; ".join(heading_text(a) for a in news) or "(no new article)"
    heading_notes = notes_html(n for a in (*olds, *news) for n in a.notes if n.scope in ARTICLE_SCOPES)
    rows = [f'<tr class="od-heading"><td>{esc(head_old)} → {esc(head_new)}{heading_notes}</td></tr>']
    if notes is not None:
        rows.append(_notes_row(notes.articles, 1))

    def render(row: Row) -> str:
        amend = notes_html(
            unit_notes((row.old.notes if row.old else ()) + (row.new.notes if row.new else ()))
        )
        moved = f'<p class="od-moved">↪ moved {esc(row.moved)}</p>' if row.moved else ""
        return f"<tr><td>{_row_cue(row)}{_paragraphs(redline_html(row.diff))}{amend}{moved}</td></tr>"

    rows += _rows_html(pair, notes, collapse, 1, render)
    return (
        f'<table class="od-compare od-redline">'
        f"<caption>{esc(pair_caption(pair, olds, news))} — inline redline</caption>"
        f'<thead><tr><th scope="col">Old → new</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


# ---------------------------------------------------------------- addenda


def _addenda_article_html(art: AddendaArticle, applies: bool) -> str:
    title = art.heading if art.number else ""
    cls = ' class="od-applies"' if applies else ""
    cue = '<span class="od-cue">applies here</span>' if applies else ""
    body = "(omitted in the source)" if art.omitted else esc(art.text).replace("\n", "<br>")
    head = f"<h5>{cue}{esc(title)}</h5>" if title else cue
    return f"<div{cls}>{head}<p>{body}</p></div>"


def block_title(block: AddendaBlock) -> str:
    """The heading as printed, plus the number (when the heading does not show it) and the ISO date."""
    when = f" — {block.date}" if block.date else ""
    if not block.number:
        return f"{block.heading} (no instrument number given){when}"
    if f"No. {block.number}" in block.heading:
        return f"{block.heading}{when}"
    return f"{block.heading} — {block.instrument or ''} No. {block.number}{when}".replace("  ", " ")


def addenda_block_html(block: AddendaBlock, applies: Iterable[str] = (), level: int = 4) -> str:
    """A whole addenda block; articles whose number is in ``applies`` are marked."""
    marked = set(applies)
    if block.articles:
        body = "".join(_addenda_article_html(a, a.number in marked) for a in block.articles)
    else:
        body = f"<p>{esc(block.text).replace(chr(10), '<br>')}</p>"
    return f'<div class="od-addenda"><h{level}>{esc(block_title(block))}</h{level}>{body}</div>'


def pair_addenda_html(comparison: Comparison, links: Sequence[AddendaLink]) -> str:
    """The addenda articles that govern a pair (``Pair.addenda``), each with the phrase that links it."""
    if not links:
        return "<p>No addenda article refers to these articles.</p>"
    parts = []
    for link, phrases in addenda_groups(links):  # one entry per addenda article, every phrase with it
        found = comparison.addenda_article(link)
        side = "Old" if link.version == "old" else "New"
        quoted = "; ".join(f"“{esc(p)}”" for p in phrases)
        reason = f'<p class="od-note">Linked by: {quoted}</p>' if phrases else ""
        if found is None:
            parts.append(f"<p>{side} version: addenda of No. {esc(link.block or '?')} not found.</p>")
            continue
        block, art = found
        head = f"<h4>{side} version — {esc(block_title(block))}</h4>"
        body = _addenda_article_html(art, True) if art else f"<p>{esc(block.text)}</p>"
        parts.append(f'<div class="od-addenda">{head}{reason}{body}</div>')
    return "".join(parts)


def own_addenda_html(version: Version, side_name: str) -> str:
    """The addenda block(s) of the version's own instrument (number equal to the version's or not given).

    They govern the whole text (enforcement date, transitional rules), so they sit collapsed under
    every pair.
    """
    own = [b for b in version.addenda if b.number in (None, version.number)]
    if not own:
        return ""
    blocks = "".join(addenda_block_html(b, level=5) for b in own)
    return f"<details><summary>Addenda of the {esc(side_name)} as a whole</summary>{blocks}</details>"


def version_addenda_html(version: Version, side_name: str) -> str:
    if not version.addenda:
        return f"<p>The {esc(side_name)} has no addenda.</p>"
    return "".join(addenda_block_html(b, level=3) for b in version.addenda)


def chapter_heading_html(title: str | None) -> str:
    """A chapter heading of the Contents (escaped; articles before any chapter under "(no chapter)")."""
    return f'<p class="od-toc-chapter"><strong>{esc(title) if title else "(no chapter)"}</strong></p>'


# ---------------------------------------------------------------- history


def history_html(
    entries: Sequence[HistoryEntry], applies: Iterable[tuple[str, str | None, str]] = (), title: str = ""
) -> str:
    """A timeline list of amendment events; each links (expands) to its instrument's addenda block."""
    head = f"<h4>{esc(title)} — {len(entries)} event(s)</h4>" if title else ""
    if not entries:
        return f"{head}<p>No amendment note on this article.</p>"
    marked = set(applies)
    items = []
    for e in entries:
        when = e.date or "undated"
        resolved = " (number taken from the addenda of that date)" if e.number_resolved else ""
        line = (
            f"<strong>{esc(when)}</strong> · {esc(e.instrument_label)}{esc(resolved)} · "
            f"{esc(ACTION_LABELS.get(e.action, e.action))} · {esc(e.where)}"
        )
        block = ""
        if e.block is not None:
            nums = [art for (side, num, art) in marked if side == e.side and num == e.block.number]
            block = (
                f"<details><summary>Addenda of {esc(e.instrument_label)}</summary>"
                f"{addenda_block_html(e.block, nums, level=5)}</details>"
            )
        items.append(f'<li>{line}<p class="od-note">{esc(e.raw)}</p>{block}</li>')
    return f'{head}<ol class="od-timeline">{"".join(items)}</ol>'


def document_header_html(comparison: Comparison, fallback: str) -> str:
    """Title, both version labels and the source file names."""
    doc = comparison.document
    files = ", ".join(s.name for s in doc.sources)
    return (
        f"<p><strong>{esc(doc.title or fallback)}</strong><br>{esc(_labelled('Old', comparison.old.label))}"
        f"<br>{esc(_labelled('New', comparison.new.label))}<br><small>Read from: {esc(files)}</small></p>"
    )


def _labelled(side: str, label: str) -> str:
    """``Old: Ordinance No. 6851``; a file pair's label already says ``old: file.txt``: not twice."""
    if label.casefold().startswith(f"{side.casefold()}:"):
        return f"{side}{label[len(side) :]}"
    return f"{side}: {label}"


def warnings_html(warnings: Sequence[ParseWarning]) -> str:
    """The reader's warnings (text it could not place, numbering gaps...), each with its code."""
    items = "".join(f"<li><code>{esc(w.code)}</code> {esc(w.message)}</li>" for w in warnings)
    return f"<ul>{items}</ul>"
