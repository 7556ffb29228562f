"""The report model: everything a report says, built once from a Comparison.

Every format (DOCX, XLSX, CSV, HTML, PDF, Markdown) renders a :class:`Report`;
none of them looks at the Comparison again.  Text runs are ``(text, changed)``
pairs taken from the engine's word diffs (see ``reports.render``), so a
renderer only decides how a changed run looks (struck / underlined).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from importlib import metadata
from typing import Literal

from corpus.model import AddendaBlock, Article, Version, article_heading
from corpus.patterns import article_spec_number
from corpus.sources import SourceError
from diffing.model import CHANGE_KINDS, AddendaLink, Comparison, Pair, Row, addenda_groups, change_text
from reports.render import new_side, old_side

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

    @property
    def text(self) -> str:
        return article_heading(self.number, self.title)


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


@dataclass(frozen=True, slots=True)
class PairSection:
    row: ConcordanceRow
    rows: tuple[RowView, ...]
    old_notes: tuple[NoteView, ...]
    new_notes: tuple[NoteView, ...]
    addenda: tuple[AddendaView, ...]

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

    @property
    def total_pairs(self) -> int:
        return sum(n for _, n in self.counts)

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

    The grammar is the reader's (``corpus.patterns.ARTICLE_SPEC``)."""
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
) -> tuple[Pair, ...]:
    """The pairs in scope; unknown change kinds or article numbers raise ReportError."""
    pairs = comparison.pairs
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


def _scope_text(changes: tuple[str, ...] | None, articles: tuple[str, ...] | None, shown: int) -> str:
    parts = []
    if changes:
        parts.append("change kinds " + ", ".join(changes))
    if articles:
        parts.append("articles " + ", ".join(articles))
    return f"{'; '.join(parts)} ({shown} pair(s) shown)" if parts else ""


# ---------------------------------------------------------------- building


def build_report(
    comparison: Comparison,
    changes: str | Iterable[str] | None = None,
    articles: str | Iterable[str] | None = None,
    generated: datetime | None = None,
    detail: Literal["full", "concordance", "none"] = "full",
) -> Report:
    """The report model of ``comparison``, restricted to the chosen change kinds / articles.

    ``detail`` leaves out what a format does not print: ``"concordance"`` builds
    no pair sections (CSV), ``"none"`` no concordance either (JSON).
    """
    pairs = select_pairs(comparison, changes, articles)
    when = (generated or datetime.now(UTC)).astimezone(UTC)
    old = _version_info("old", comparison.old)
    new = _version_info("new", comparison.new)
    concordance = tuple(_concordance_row(comparison, p) for p in pairs) if detail != "none" else ()
    return Report(
        title=clean(comparison.document.title or comparison.new.title or comparison.old.title),
        name=comparison.document.name,
        old=old,
        new=new,
        generated=when.strftime("%Y-%m-%d %H:%M UTC"),
        tool_version=tool_version(),
        counts=tuple(comparison.counts().items()),
        scope=_scope_text(split_list(changes), split_list(articles), len(pairs)),
        concordance=concordance,
        sections=tuple(_section(comparison, p, c) for p, c in zip(pairs, concordance, strict=True))
        if detail == "full"
        else (),
        addenda=(
            VersionAddenda(old, tuple(_block_view(b) for b in comparison.old.addenda)),
            VersionAddenda(new, tuple(_block_view(b) for b in comparison.new.addenda)),
        ),
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


def _article_name(article: Article) -> ArticleName:
    return ArticleName(number=clean(article.number), title=clean(article.title))


def _concordance_row(comparison: Comparison, pair: Pair) -> ConcordanceRow:
    return ConcordanceRow(
        key=pair.key,
        old=tuple(_article_name(a) for a in comparison.articles("old", pair)),
        new=tuple(_article_name(a) for a in comparison.articles("new", pair)),
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


def _section(comparison: Comparison, pair: Pair, row: ConcordanceRow) -> PairSection:
    return PairSection(
        row=row,
        rows=tuple(_row_view(r) for r in pair.rows),
        old_notes=_notes("old", comparison.articles("old", pair)),
        new_notes=_notes("new", comparison.articles("new", pair)),
        addenda=_addenda_views(comparison, pair.addenda),
    )


def _block_view(block: AddendaBlock) -> BlockView:
    if block.text.strip():
        return BlockView(clean(block.heading), clean(block.text.strip()))
    lines = []
    for art in block.articles:
        lines.append(art.heading)
        lines.append(art.text or ("Omitted." if art.omitted else ""))
    return BlockView(clean(block.heading), clean("\n".join(line for line in lines if line)))
