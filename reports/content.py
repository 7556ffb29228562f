"""The report model: everything a report says, built once from a Comparison.

Every format (DOCX, XLSX, CSV, HTML, PDF, Markdown) renders a :class:`Report`;
none of them looks at the Comparison again.  Text runs are ``(text, changed)``
pairs taken from the engine's word diffs (see ``reports.render``), so a
renderer only decides how a changed run looks (struck / underlined).

Two profiles: ``council`` (the old/new comparison table a council or legislation office circulates:
Current | Revised, ``<Newly inserted>`` / ``<Deleted>`` / ``(Same as current)`` markers, unchanged
runs shortened, no scores; :attr:`PairSection.council`) and ``detailed`` (the analyst's view with
scores, reasons and moves).  Labels come from one catalogue (``reports.i18n``) in the report's
language (``Report.t``).  With a review store, notes and analyst decisions are part of the model
(:attr:`PairSection.notes`, :attr:`PairSection.review`, the decisions appendix), and the summary
tables hold the analysis (``analysis.analyse``): substitutions, references to check, note checks and
legal change types.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from importlib import metadata
from typing import TYPE_CHECKING, Literal

from corpus.model import AddendaBlock, Article, Version, article_heading
from corpus.patterns import article_spec_number
from corpus.sources import SourceError
from diffing.model import CHANGE_KINDS, AddendaLink, Comparison, Pair, Row, addenda_groups, change_text
from diffing.worddiff import diff_texts
from reports.i18n import (
    LANGUAGES,
    Lang,
    Translate,
    document_language,
    korean_label,
    printed_heading,
    translator,
)
from reports.render import new_side, old_side

if TYPE_CHECKING:
    from review.decisions import ReviewedComparison, ReviewedPair
    from review.store import ReviewStore
    from review.workspace import NoteView as ReviewNote

Profile = Literal["council", "detailed"]
PROFILES: tuple[Profile, ...] = ("council", "detailed")
DEFAULT_PROFILE: Profile = "council"

Runs = tuple[tuple[str, bool], ...]


class ReportError(SourceError):
    """Bad report request (unknown format, change kind or article, missing browser)."""


# ---------------------------------------------------------------- model


@dataclass(frozen=True, slots=True)
class VersionInfo:
    side: str  # "old" / "new"
    label: str
    title: str
    date: str | None

    @property
    def display(self) -> str:
        """The label, with the date when the label does not already give it."""
        return self.label + (f" ({self.date})" if self.date and self.date not in self.label else "")


@dataclass(frozen=True, slots=True)
class ArticleName:
    number: str
    title: str
    printed: str = ""  # the heading as the document prints it (``제5조의2(정보화계획의 반영)``)

    @property
    def text(self) -> str:
        """The heading as printed (``reports.i18n.printed_heading``), else ``Article N (Title)``."""
        return self.printed or article_heading(self.number, self.title)


@dataclass(frozen=True, slots=True)
class ConcordanceRow:
    key: str
    old: tuple[ArticleName, ...]
    new: tuple[ArticleName, ...]
    change: str
    score: float
    renumbered: bool
    modified: bool
    reason: str
    review: ReviewView | None = None  # set when the report was built with a review store
    notes: tuple[AnalystNote, ...] = ()  # the analysts' notes on this pair (none with --no-notes)

    @property
    def old_text(self) -> str:
        return "; ".join(a.text for a in self.old) or "—"

    @property
    def new_text(self) -> str:
        return "; ".join(a.text for a in self.new) or "—"

    @property
    def change_text(self) -> str:
        """The change kind with its flags, e.g. ``"renumbered, modified"`` (``diffing.model.change_text``)."""
        return change_text(self.change, self.renumbered, self.modified)


@dataclass(frozen=True, slots=True)
class RowView:
    """One old | new paragraph row: labels, diff runs, and where a unit moved."""

    old_label: str | None  # None: no old unit (pure insertion); "" the article lead
    new_label: str | None
    old_runs: Runs
    new_runs: Runs
    moved: str
    score: float

    @property
    def changed(self) -> bool:
        return any(c for _, c in self.old_runs) or any(c for _, c in self.new_runs)

    @property
    def old_text(self) -> str:
        return "".join(t for t, _ in self.old_runs)

    @property
    def new_text(self) -> str:
        return "".join(t for t, _ in self.new_runs)


@dataclass(frozen=True, slots=True)
class NoteView:
    side: str  # "old" / "new"
    article: str
    target: str  # "" for the article itself, else the provision label path
    raw: str  # the note as printed, e.g. "<Amended by Ordinance No. 5527, Aug. 1, 2013>"

    @property
    def where(self) -> str:
        return f"Article {self.article} {self.target}".strip()


@dataclass(frozen=True, slots=True)
class AddendaView:
    """An addenda article that governs a pair, with the phrase that links it."""

    side: str
    block: str  # block heading as printed
    article: str  # "Article 2 (Applicability ...)" or "" for an un-numbered ADDENDUM
    text: str
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class AnalystNote:
    """An analyst's note (``review``) as a report prints it: who, when, where, and the body.

    ``body`` is the Markdown source (DOCX, XLSX, CSV and Markdown print it as escaped plain text);
    ``html`` is the one safe rendering (``review.render.render_note``) for HTML and PDF.
    """

    author: str
    date: str  # YYYY-MM-DD of the last change
    status: str  # open / resolved
    tags: tuple[str, ...]
    anchor: str  # "old Article 16 (2)", "pair 16>12", "(was old Article 16 (2))" for an orphan
    body: str
    html: str
    reply: bool = False

    @property
    def byline(self) -> str:
        """``Kim, 2026-01-02, open, #question #substantive``."""
        tags = " ".join(f"#{t}" for t in self.tags)
        return ", ".join(x for x in (self.author, self.date, self.status, tags) if x)


@dataclass(frozen=True, slots=True, kw_only=True)
class ReviewView:
    """The review state of a pair: its origin (``auto`` / ``analyst``), decision, reason, who and when."""

    origin: str
    review: str  # unreviewed / accepted / linked / rejected
    reason: str = ""
    author: str = ""
    date: str = ""

    @property
    def decided(self) -> bool:
        return self.review != "unreviewed"


@dataclass(frozen=True, slots=True, kw_only=True)
class Cell:
    """One cell of the council table: text runs (changed words marked) and a marker after them.

    ``marker`` is a translated convention such as ``<Newly inserted>`` or ``(Same as current)``.
    """

    runs: Runs = ()
    marker: str = ""
    bold: bool = False

    @property
    def text(self) -> str:
        body = "".join(t for t, _ in self.runs).strip()
        return f"{body} {self.marker}".strip() if self.marker else body


@dataclass(frozen=True, slots=True, kw_only=True)
class CouncilRow:
    """A Current | Revised row; ``heading`` marks the row naming the articles (it holds the remarks)."""

    current: Cell
    revised: Cell
    heading: bool = False
    remarks: tuple[AnalystNote, ...] = ()
    decision: str = ""  # "Linked by the analyst (Kim, 2026-01-02): reason", translated


@dataclass(frozen=True, slots=True)
class PairSection:
    row: ConcordanceRow
    rows: tuple[RowView, ...]
    old_notes: tuple[NoteView, ...]
    new_notes: tuple[NoteView, ...]
    addenda: tuple[AddendaView, ...]
    notes: tuple[AnalystNote, ...] = ()  # the analysts' notes on this pair (none with --no-notes)
    review: ReviewView | None = None  # set when the report was built with a review store
    council: tuple[CouncilRow, ...] = ()  # the council profile's rows of this pair

    @property
    def heading(self) -> str:
        return f"{self.row.old_text} → {self.row.new_text}"

    @property
    def article_cells(self) -> tuple[str, str]:
        """The articles of each side, one per line (``"—"`` for none): the first row of a pair table."""
        return (
            "\n".join(a.text for a in self.row.old) or "—",
            "\n".join(a.text for a in self.row.new) or "—",
        )


@dataclass(frozen=True, slots=True)
class BlockView:
    heading: str
    text: str


@dataclass(frozen=True, slots=True)
class VersionAddenda:
    version: VersionInfo
    blocks: tuple[BlockView, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class TableView:
    """A summary or appendix table: its title, column headings, rows, and what to say when it is empty.

    Cells are text or whole numbers (XLSX stores numbers as numbers).
    """

    key: str  # stable name: "change-types", "substitutions", "references", "checks", "decisions", ...
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str | int, ...], ...]
    empty: str = ""  # printed instead of the table when there is no row
    intro: str = ""  # one line printed before the table


@dataclass(frozen=True, slots=True)
class Report:
    title: str
    name: str
    old: VersionInfo
    new: VersionInfo
    generated: str  # ISO date-time, UTC
    tool_version: str
    counts: tuple[tuple[str, int], ...]  # every change kind, whole comparison
    scope: str  # "" when the whole comparison is shown
    concordance: tuple[ConcordanceRow, ...]
    sections: tuple[PairSection, ...]
    addenda: tuple[VersionAddenda, VersionAddenda]
    profile: Profile = "detailed"
    lang: Lang = "en"
    summary: tuple[TableView, ...] = ()  # the analysis: change types, substitutions, references, checks
    appendices: tuple[TableView, ...] = ()  # analyst decisions, orphaned notes, how the pairs were found
    review_progress: str = ""  # "3 of 45 pairs reviewed" when built with a review store
    notes_shown: bool = False  # analysts' notes are in the report (a store was given, no --no-notes)

    @property
    def total_pairs(self) -> int:
        return sum(n for _, n in self.counts)

    @property
    def t(self) -> Translate:
        """The report's labels in its language: ``report.t("Current")`` (``reports.i18n``)."""
        return translator(self.lang)

    def change(self, row: ConcordanceRow) -> str:
        """The change kind with its flags in the report's language (``renumbered, modified``)."""
        return ", ".join(self.t(part) for part in row.change_text.split(", "))

    @property
    def shown_counts(self) -> tuple[tuple[str, int], ...]:
        """Pairs in this report by change kind (kinds with none left out): what a title block counts."""
        out: dict[str, int] = {k: 0 for k in CHANGE_KINDS}
        for c in self.concordance:
            out[c.change] += 1
        return tuple((k, n) for k, n in out.items() if n)

    @property
    def shown_total(self) -> int:
        return len(self.concordance)

    @property
    def has_remarks(self) -> bool:
        """The council table gets a Remarks column (analysts' notes, decisions) when any pair has one."""
        return any(r.remarks or r.decision for s in self.sections for r in s.council)

    def version_line(self, v: VersionInfo) -> str:
        """``label (date)``, with the version's title when the two versions are titled differently."""
        differ = self.old.title != self.new.title and v.title
        return v.display + (f" — {v.title}" if differ else "")


LEGEND = "Deleted words are struck through; inserted words are underlined."


# ---------------------------------------------------------------- text hygiene

# Characters XML (DOCX, XLSX) cannot hold.  A vertical tab / form feed is Word's manual line / page
# break and becomes a newline; any other control character becomes U+FFFD, visibly, never dropped.
_BREAKS = re.compile(r"""[\v\f]""", re.VERBOSE)
_CONTROL = re.compile(r"""[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]""", re.VERBOSE)


def clean(text: str) -> str:
    """Document text made safe for every output format (XML-legal), nothing silently lost."""
    return _CONTROL.sub("\ufffd", _BREAKS.sub("\n", text))


# ---------------------------------------------------------------- scope


def normalise_article(spec: str) -> str:
    """``"Article 5-2"``, ``"제5조의2"``, ``"5-2"`` -> ``"5-2"``; ReportError if not an article number.

    The grammar is the reader's (``corpus.patterns.article_spec_pattern()``)."""
    number = article_spec_number(spec)
    if number is None:
        raise ReportError(f"{spec!r} is not an article number (examples: 34, 5-2, 24a, Article 7)")
    return number


def split_list(value: str | Iterable[str] | None) -> tuple[str, ...] | None:
    """``"a, b"`` or ``["a", "b"]`` -> ``("a", "b")``; None or empty -> None (no filter)."""
    if value is None:
        return None
    items = value.split(",") if isinstance(value, str) else list(value)
    out = tuple(s.strip() for s in items if s.strip())
    return out or None


def select_pairs(
    comparison: Comparison,
    changes: str | Iterable[str] | None = None,
    articles: str | Iterable[str] | None = None,
    pairs: str | Iterable[str] | None = None,
) -> tuple[Pair, ...]:
    """The pairs in scope, in the comparison's order; unknown change kinds, article numbers or pair
    keys raise ReportError.

    ``pairs`` names pairs exactly: each entry is a ``Pair.key`` (``7+9+12+13>8``, what the viewer
    and the concordance print) or a ``Pair.id`` (``art_7+art_9+art_12+art_13>art_8``, unique even
    when article numbers repeat).  A key shared by two pairs is an error that asks for the id; an
    empty ``pairs`` selects no pair (None: no such restriction).  The three selections combine (a
    pair must pass each one given).
    """
    chosen_pairs = _pairs_named(comparison, pairs)
    pairs_in = comparison.pairs if chosen_pairs is None else chosen_pairs
    return _filter_pairs(comparison, pairs_in, changes, articles)


def _pairs_named(comparison: Comparison, names: str | Iterable[str] | None) -> tuple[Pair, ...] | None:
    if names is None:
        return None
    wanted = split_list(names) or ()  # an empty selection is no pair, not every pair
    by_name: dict[str, list[int]] = {}
    for i, p in enumerate(comparison.pairs):
        for name in dict.fromkeys((p.key, p.id)):
            by_name.setdefault(name, []).append(i)
    missing = [n for n in wanted if n not in by_name]
    if missing:
        raise ReportError(
            f"no such pair: {', '.join(missing)} (give pair keys such as "
            f"{comparison.pairs[0].key if comparison.pairs else '5>5'!r}, comma-separated)"
        )
    shared = [n for n in wanted if len(by_name[n]) > 1]
    if shared:
        ids = ", ".join(comparison.pairs[i].id for n in shared for i in by_name[n])
        raise ReportError(f"pair key(s) {', '.join(shared)} name more than one pair; give the id: {ids}")
    chosen = {by_name[n][0] for n in wanted}
    return tuple(p for i, p in enumerate(comparison.pairs) if i in chosen)


def _filter_pairs(
    comparison: Comparison,
    pairs: tuple[Pair, ...],
    changes: str | Iterable[str] | None,
    articles: str | Iterable[str] | None,
) -> tuple[Pair, ...]:
    kinds = split_list(changes)
    if kinds is not None:
        unknown = [k for k in kinds if k not in CHANGE_KINDS]
        if unknown:
            raise ReportError(
                f"unknown change kind(s): {', '.join(unknown)} (known: {', '.join(CHANGE_KINDS)})"
            )
        pairs = tuple(p for p in pairs if p.change in kinds)
    numbers = split_list(articles)
    if numbers is not None:
        wanted = [normalise_article(n) for n in numbers]
        known = {n.lower() for p in comparison.pairs for n in (*p.old, *p.new)}
        missing = [n for n in wanted if n not in known]
        if missing:
            raise ReportError(f"no such article in either version: {', '.join(missing)}")
        chosen = set(wanted)
        pairs = tuple(p for p in pairs if chosen & {n.lower() for n in (*p.old, *p.new)})
    return pairs


def _scope_text(
    changes: tuple[str, ...] | None,
    articles: tuple[str, ...] | None,
    shown: int,
    t: Translate,
    keys: tuple[str, ...] | None = None,
) -> str:
    parts = []
    if keys:
        parts.append(t("pairs {keys}", keys=", ".join(keys)))
    if changes:
        parts.append(t("change kinds {kinds}", kinds=", ".join(t(k) for k in changes)))
    if articles:
        parts.append(t("articles {articles}", articles=", ".join(articles)))
    return f"{'; '.join(parts)} ({t('{shown} pair(s) shown', shown=shown)})" if parts else ""


# ---------------------------------------------------------------- building


def build_report(
    comparison: Comparison,
    changes: str | Iterable[str] | None = None,
    articles: str | Iterable[str] | None = None,
    generated: datetime | None = None,
    detail: Literal["full", "concordance", "none"] = "full",
    *,
    pairs: str | Iterable[str] | None = None,
    review: ReviewStore | None = None,
    notes: bool = True,
    profile: str = DEFAULT_PROFILE,
    lang: str | None = None,
    full_text: bool = False,
    method: bool = False,
    applied: ReviewedComparison | None = None,
) -> Report:
    """The report model of ``comparison``, restricted to the chosen change kinds / articles / pairs
    (``pairs``: see :func:`select_pairs`).

    ``detail`` leaves out what a format does not print: ``"concordance"`` builds
    no pair sections (CSV), ``"none"`` no concordance either (JSON).

    ``review``: a review store (``ordiff.open_review``); its decisions are applied (the reviewed
    comparison) and, unless ``notes`` is False, its notes go under their pairs.  ``profile`` is
    ``council`` or ``detailed``; ``lang`` ``en`` / ``ko`` (default: the document's language);
    ``full_text`` prints unchanged paragraphs of the council table in full instead of ``(omitted)``;
    ``method`` adds the appendix "How the pairs were found" to the council profile.  ``applied``: the
    store's decisions already applied to ``comparison`` by the caller (``reports.export``), not again.
    """
    if profile not in PROFILES:
        raise ReportError(f"unknown report profile {profile!r} (known: {', '.join(PROFILES)})")
    style = document_language(comparison.document)
    chosen: Lang = style
    if lang is not None:
        if lang not in LANGUAGES:
            raise ReportError(f"unknown report language {lang!r} (known: {', '.join(LANGUAGES)})")
        chosen = lang
    t = translator(chosen)
    result: ReviewedComparison | None = None
    placed: dict[int, tuple[ReviewedPair, tuple[ReviewNote, ...]]] = {}
    views: tuple[ReviewNote, ...] = ()
    if review is not None:
        from review.workspace import note_views, place_notes, reviewed

        result = applied if applied is not None else reviewed(review, comparison)
        comparison = result.comparison
        views = note_views(review, comparison.document) if notes else ()
        placed = {
            id(e.pair): (e, vs) for e, vs in zip(result.entries, place_notes(views, result), strict=True)
        }

    selected = select_pairs(comparison, changes, articles, pairs)
    when = (generated or datetime.now(UTC)).astimezone(UTC)
    old = _version_info("old", comparison.old)
    new = _version_info("new", comparison.new)
    concordance = (
        tuple(_concordance_row(comparison, p, style, *placed.get(id(p), (None, ()))) for p in selected)
        if detail != "none"
        else ()
    )
    sections: tuple[PairSection, ...] = ()
    summary: tuple[TableView, ...] = ()
    appendices: list[TableView] = []
    if detail == "full":
        build = _Builder(comparison=comparison, style=style, t=t, profile=profile, full_text=full_text)
        sections = tuple(_section(build, p, c) for p, c in zip(selected, concordance, strict=True))
        summary = _summary(comparison, selected, style, t)
        if result is not None:
            appendices.append(_decisions_table(result, style, t))
            if notes:
                appendices.append(_orphans_table(views, t))
        if profile == "council" and method:  # the detailed profile prints scores and reasons in the body
            appendices.append(_method_table(concordance, t))
    return Report(
        title=clean(comparison.document.title or comparison.new.title or comparison.old.title),
        name=comparison.document.name,
        old=old,
        new=new,
        generated=when.strftime("%Y-%m-%d %H:%M UTC"),
        tool_version=tool_version(),
        counts=tuple(comparison.counts().items()),
        scope=_scope_text(split_list(changes), split_list(articles), len(selected), t, split_list(pairs)),
        concordance=concordance,
        sections=sections,
        addenda=(
            VersionAddenda(old, tuple(_block_view(b) for b in comparison.old.addenda)),
            VersionAddenda(new, tuple(_block_view(b) for b in comparison.new.addenda)),
        ),
        profile=profile,
        lang=chosen,
        summary=summary,
        appendices=tuple(a for a in appendices if a.rows or a.key == "decisions"),
        review_progress=result.progress if result is not None else "",
        notes_shown=result is not None and notes,
    )


def tool_version() -> str:
    """The installed ``ordinance-diff`` version (reports never import the ``ordiff`` CLI package)."""
    try:
        return metadata.version("ordinance-diff")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "0+unknown"


def restrict(comparison: Comparison, pairs: tuple[Pair, ...]) -> Comparison:
    """The same comparison with only ``pairs`` (for formats that serialise the Comparison)."""
    return replace(comparison, pairs=pairs)


def _version_info(side: str, version: Version) -> VersionInfo:
    return VersionInfo(side=side, label=clean(version.label), title=clean(version.title), date=version.date)


def _article_name(article: Article, style: Lang) -> ArticleName:
    return ArticleName(
        number=clean(article.number),
        title=clean(article.title),
        printed=clean(printed_heading(article, style)),
    )


def _concordance_row(
    comparison: Comparison,
    pair: Pair,
    style: Lang,
    entry: ReviewedPair | None = None,
    notes: tuple[ReviewNote, ...] = (),
) -> ConcordanceRow:
    return ConcordanceRow(
        review=_review_view(entry) if entry is not None else None,
        notes=tuple(_analyst_note(v) for v in notes),
        key=pair.key,
        old=tuple(_article_name(a, style) for a in comparison.articles("old", pair)),
        new=tuple(_article_name(a, style) for a in comparison.articles("new", pair)),
        change=pair.change,
        score=pair.score,
        renumbered=pair.renumbered,
        modified=pair.modified,
        reason=clean(pair.reason),
    )


def _row_view(row: Row) -> RowView:
    return RowView(
        old_label=row.old.label if row.old else None,
        new_label=row.new.label if row.new else None,
        old_runs=_merge(old_side(row.diff)) if row.old else (),
        new_runs=_merge(new_side(row.diff)) if row.new else (),
        moved=clean(row.moved),
        score=row.score,
    )


def _unmark_spaces(runs: Iterable[tuple[str, bool]]) -> Iterable[tuple[str, bool]]:
    """Whitespace around a changed run is not part of the change (no struck or underlined spaces)."""
    for text, changed in runs:
        body = text.strip()
        if not changed or not body:
            yield text, changed and bool(body)
            continue
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()) :]
        yield from ((t, c) for t, c in ((lead, False), (body, True), (trail, False)) if t)


def _merge(runs: Iterable[tuple[str, bool]]) -> Runs:
    """Changed runs without surrounding whitespace; neighbouring runs of one kind joined."""
    out: list[tuple[str, bool]] = []
    for raw, changed in _unmark_spaces(runs):
        text = clean(raw)
        if out and out[-1][1] == changed:
            out[-1] = (out[-1][0] + text, changed)
        else:
            out.append((text, changed))
    return tuple(out)


def _notes(side: str, articles: Iterable[Article]) -> tuple[NoteView, ...]:
    return tuple(
        NoteView(side=side, article=clean(a.number), target=clean(n.target), raw=clean(n.raw))
        for a in articles
        for n in a.all_notes()
    )


def _addenda_view(comparison: Comparison, link: AddendaLink) -> AddendaView:
    found = comparison.addenda_article(link)
    if found is None:
        block_name = f"No. {link.block}" if link.block else "of the version itself"
        return AddendaView(link.version, f"ADDENDA {block_name} (not found)", "", "", link.reason)
    block, art = found
    if art is None:
        return AddendaView(link.version, clean(block.heading), "", clean(block.text), clean(link.reason))
    title = art.heading
    text = "Omitted." if art.omitted and not art.text else art.text
    return AddendaView(link.version, clean(block.heading), clean(title), clean(text), clean(link.reason))


def _addenda_views(comparison: Comparison, links: tuple[AddendaLink, ...]) -> tuple[AddendaView, ...]:
    """One view per addenda article; several referring phrases are joined."""
    return tuple(
        _addenda_view(comparison, replace(link, reason="; ".join(why))) for link, why in addenda_groups(links)
    )


def _block_view(block: AddendaBlock) -> BlockView:
    if block.text.strip():
        return BlockView(clean(block.heading), clean(block.text.strip()))
    lines = []
    for art in block.articles:
        lines.append(art.heading)
        lines.append(art.text or ("Omitted." if art.omitted else ""))
    return BlockView(clean(block.heading), clean("\n".join(line for line in lines if line)))


# ---------------------------------------------------------------- pair sections (both profiles)


def _date(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d") if value is not None else ""


def _analyst_note(view: ReviewNote) -> AnalystNote:
    from review.render import render_note

    n = view.note
    body = clean(n.body)
    return AnalystNote(
        author=clean(n.author),
        date=_date(n.modified),
        status=n.status,
        tags=tuple(clean(tag) for tag in n.tags),
        anchor=clean(view.anchor),
        body=body,
        html=render_note(body),
        reply=n.in_reply_to is not None,
    )


def _review_view(entry: ReviewedPair) -> ReviewView:
    d = entry.decision
    return ReviewView(
        origin=entry.origin,
        review=entry.review,
        reason=clean(d.reason) if d is not None else "",
        author=clean(d.author) if d is not None else "",
        date=_date(d.created) if d is not None else "",
    )


REVIEW_LABELS = {
    "accepted": "Accepted by the analyst",
    "linked": "Linked by the analyst",
    "rejected": "Rejected by the analyst",
    "unreviewed": "Not reviewed",
}


def review_line(review: ReviewView, t: Translate) -> str:
    """``Linked by the analyst (Kim, 2026-01-02): the same duty`` in the report's language."""
    head = t(REVIEW_LABELS.get(review.review, review.review))
    who = ", ".join(x for x in (review.author, review.date) if x)
    return head + (f" ({who})" if who else "") + (f": {review.reason}" if review.reason else "")


def _section(build: _Builder, pair: Pair, row: ConcordanceRow) -> PairSection:
    return build.section(pair, row)


@dataclass(frozen=True, slots=True, kw_only=True)
class _Builder:
    """Builds the pair sections of one report (shared settings: style, language, profile)."""

    comparison: Comparison
    style: Lang  # the document's own language: how article headings are printed
    t: Translate
    profile: str
    full_text: bool

    def section(self, pair: Pair, row: ConcordanceRow) -> PairSection:
        comparison = self.comparison
        olds = comparison.articles("old", pair)
        news = comparison.articles("new", pair)
        rows = tuple(_row_view(r) for r in pair.rows)
        analyst, review = row.notes, row.review
        council = self.council(olds, news, rows, analyst, review) if self.profile == "council" else ()
        return PairSection(
            row=row,
            rows=rows,
            old_notes=_notes("old", olds),
            new_notes=_notes("new", news),
            addenda=_addenda_views(comparison, pair.addenda),
            notes=analyst,
            review=review,
            council=council,
        )

    def council(
        self,
        olds: tuple[Article, ...],
        news: tuple[Article, ...],
        rows: tuple[RowView, ...],
        notes: tuple[AnalystNote, ...],
        review: ReviewView | None,
    ) -> tuple[CouncilRow, ...]:
        """The pair's rows of the old/new comparison table (신구조문대비표).

        A heading row names the articles as printed (a renumbering or retitling shows marked);
        an inserted provision is ``<Newly inserted>`` in Current, a deleted one ``<Deleted>`` in
        Revised (once, on the heading row, for a whole article); unchanged paragraphs are
        ``(Same as current)`` in Revised, and a run of them is one ``(omitted)`` row unless
        ``full_text``.
        """
        t = self.t
        decision = review_line(review, t) if review is not None and review.decided else ""
        out = [
            CouncilRow(
                current=self._heading_cell(olds, news, is_old=True),
                revised=self._heading_cell(olds, news, is_old=False),
                heading=True,
                remarks=notes,
                decision=decision,
            )
        ]
        run: list[RowView] = []

        def flush() -> None:
            if not run:
                return
            if self.full_text:
                out.extend(
                    CouncilRow(
                        current=Cell(runs=r.old_runs),
                        revised=Cell(runs=_label_runs(r.new_label or ""), marker=t("(Same as current)")),
                    )
                    for r in run
                )
            else:
                span = _label_span([r.old_label or "" for r in run])
                out.append(
                    CouncilRow(
                        current=Cell(runs=_label_runs(span), marker=t("(omitted)")),
                        revised=Cell(runs=_label_runs(span), marker=t("(Same as current)")),
                    )
                )
            run.clear()

        for r in rows:
            if r.old_label is not None and r.new_label is not None and not r.changed and not r.moved:
                run.append(r)
                continue
            flush()
            if r.old_label is None:
                current = Cell() if not olds else Cell(marker=t("<Newly inserted>"))
                out.append(CouncilRow(current=current, revised=Cell(runs=r.new_runs)))
            elif r.new_label is None:
                revised = Cell() if not news else Cell(marker=t("<Deleted>"))
                out.append(CouncilRow(current=Cell(runs=r.old_runs), revised=revised))
            else:
                out.append(CouncilRow(current=Cell(runs=r.old_runs), revised=Cell(runs=r.new_runs)))
        flush()
        return tuple(out)

    def _heading_cell(self, olds: tuple[Article, ...], news: tuple[Article, ...], is_old: bool) -> Cell:
        old_h = "\n".join(clean(printed_heading(a, self.style)) for a in olds)
        new_h = "\n".join(clean(printed_heading(a, self.style)) for a in news)
        mine = old_h if is_old else new_h
        if not mine:
            return Cell(marker=self.t("<Newly inserted>" if is_old else "<Deleted>"), bold=True)
        if old_h and new_h and old_h != new_h and len(olds) == len(news) == 1:
            diff = diff_texts(old_h, new_h)
            return Cell(runs=_merge(old_side(diff) if is_old else new_side(diff)), bold=True)
        return Cell(runs=((mine, False),), bold=True)


def _label_runs(label: str) -> Runs:
    return ((label, False),) if label else ()


def _label_span(labels: list[str]) -> str:
    """``(1)`` for one paragraph, ``(1)–(3)`` for a run; the article's lead has no label."""
    shown = [x for x in labels if x]
    if not shown:
        return ""
    return shown[0] if len(shown) == 1 else f"{shown[0]}\u2013{shown[-1]}"


# ---------------------------------------------------------------- summary (analysis) and appendices


def number_label(number: str, style: Lang) -> str:
    """An article number as the document names it: ``Article 5-2`` / ``제5조의2``."""
    return korean_label(number) if style == "ko" else f"Article {number}"


def _pair_label(pair: Pair | None, key: str, style: Lang) -> str:
    if pair is None:
        return key
    old = ", ".join(number_label(n, style) for n in pair.old) or "—"
    new = ", ".join(number_label(n, style) for n in pair.new) or "—"
    return f"{old} → {new}"


def _summary(
    comparison: Comparison, pairs: tuple[Pair, ...], style: Lang, t: Translate
) -> tuple[TableView, ...]:
    """The analysis of the pairs in scope: legal change types, substitutions, references, note checks."""
    from analysis import CHANGE_TYPES, analyse

    result = analyse(comparison)
    keys = {p.key for p in pairs}
    by_key = {p.key: p for p in comparison.pairs}
    numbers = {
        "old": {n for p in pairs for n in p.old},
        "new": {n for p in pairs for n in p.new},
    }
    counted = {ct: 0 for ct in CHANGE_TYPES}
    for key in keys:
        types = result.types.get(key)
        for ct in types.types if types is not None else ():
            counted[ct] += 1
    substitutions = [s for s in result.substitutions if set(s.where) & keys]
    in_scope = [r for r in result.references if r.site.article in numbers[r.side]]
    problems = [r for r in in_scope if r.status in ("dangling", "repointed")]
    statuses: dict[str, int] = {}
    for r in in_scope:
        statuses[r.status] = statuses.get(r.status, 0) + 1
    checks = [c for c in result.checks if not c.article or c.article in numbers[c.side]]
    return (
        TableView(
            key="change-types",
            title=t("Legal change types"),
            columns=(t("Change type"), t("Pairs")),
            rows=tuple((t(ct), n) for ct, n in counted.items()),
        ),
        TableView(
            key="substitutions",
            title=t("Systematic substitutions"),
            columns=(t("Old term"), t("New term"), t("Count"), t("Where"), t("Old term survives in")),
            rows=tuple(
                (
                    clean(s.old),
                    clean(s.new),
                    s.count,
                    "; ".join(_pair_label(by_key.get(k), k, style) for k in s.where if k in keys),
                    ", ".join(number_label(a, style) for a in s.survivors) or "—",
                )
                for s in substitutions
            ),
            empty=t("No term was replaced across several provisions."),
        ),
        TableView(
            key="references",
            title=t("Cross-references to check"),
            columns=(t("Version"), t("Article"), t("Provision"), t("Reference"), t("Status"), t("Target")),
            rows=tuple(
                (
                    t(r.side),
                    number_label(r.site.article, style),
                    clean(r.site.path_text),
                    clean(r.text),
                    t(r.status),
                    (number_label(r.target.article, style) + " " + clean(r.target.path_text)).strip()
                    if r.target is not None
                    else "—",
                )
                for r in problems
            ),
            intro=t("{count} in-text reference(s) checked", count=len(in_scope))
            + (": " + ", ".join(f"{t(k)} {n}" for k, n in sorted(statuses.items())) if statuses else ""),
            empty=t("No dangling or re-pointed reference."),
        ),
        TableView(
            key="checks",
            title=t("Amendment notes checked against the text"),
            columns=(t("Check"), t("Version"), t("Article"), t("Provision"), t("Note")),
            rows=tuple(
                (
                    t(c.kind),
                    t(c.side),
                    number_label(c.article, style) if c.article else "—",
                    clean(c.path),
                    clean(c.note or ""),
                )
                for c in checks
            ),
            empty=t("Every changed provision carries a note, and every note sits on a changed provision."),
        ),
    )


def _decisions_table(result: ReviewedComparison, style: Lang, t: Translate) -> TableView:
    """The concordance appendix: every analyst decision in force (and the stale ones), with reasons."""

    def names(numbers: tuple[str, ...]) -> str:
        return ", ".join(number_label(n, style) for n in numbers) or "—"

    rows: list[tuple[str | int, ...]] = [
        (
            names(d.old_numbers),
            names(d.new_numbers),
            t(d.verdict),
            clean(d.reason),
            clean(d.author),
            _date(d.created),
        )
        for d in result.active
    ]
    rows += [
        (
            names(s.decision.old_numbers),
            names(s.decision.new_numbers),
            t("{verdict} (stale: no longer in the document)", verdict=t(s.decision.verdict)),
            clean(s.decision.reason),
            clean(s.decision.author),
            _date(s.decision.created),
        )
        for s in result.stale
    ]
    return TableView(
        key="decisions",
        title=t("Analyst decisions"),
        columns=(t("Old article"), t("New article"), t("Decision"), t("Reason"), t("Analyst"), t("Date")),
        rows=tuple(rows),
        intro=t("{reviewed} of {total} pairs reviewed", reviewed=result.reviewed, total=len(result.entries)),
        empty=t("No analyst decision is recorded for this document."),
    )


def _orphans_table(views: tuple[ReviewNote, ...], t: Translate) -> TableView:
    orphans = [_analyst_note(v) for v in views if v.orphaned]
    return TableView(
        key="orphans",
        title=t("Notes whose text is no longer found"),
        columns=(t("Was at"), t("Analyst"), t("Date"), t("Status"), t("Note")),
        rows=tuple((n.anchor, n.author, n.date, t(n.status), n.body) for n in orphans),
    )


def _method_table(concordance: tuple[ConcordanceRow, ...], t: Translate) -> TableView:
    return TableView(
        key="method",
        title=t("How the pairs were found"),
        columns=(t("Old article"), t("New article"), t("Change"), t("Score"), t("Reason")),
        rows=tuple((c.old_text, c.new_text, c.change_text, f"{c.score:.2f}", c.reason) for c in concordance),
        intro=t("The aligner's similarity score (0 to 1) and the evidence for each pair."),
    )
