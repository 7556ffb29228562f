"""Report downloads for the viewer: one entry per format of ``reports.FORMATS``, built lazily.

Each entry's ``build`` runs ``reports.export`` only when called (the app passes
it to ``st.download_button`` as deferred data), so no report is produced on a
rerun, and a PDF costs nothing until someone asks for it.

What is exported is chosen explicitly (:class:`Scope`): the open pair, the pairs the table shows (after
filters and search), or every pair; the file name says which (``seoul-informatization-pair-34-to-20.docx``,
``…-2-pairs-shown.docx``, ``…-all.docx``).  The pairs are chosen by the viewer's filters, whose change-kind
part is ``reports.select_pairs`` (the CLI's ``--changes`` / ``--articles``).  The export asks
``reports.export`` for those pairs with the review store (so notes and decisions are in the report)
whenever ``--changes`` / ``--articles`` can name exactly them; otherwise (an article in two pairs, say)
it exports the shown comparison restricted to them, and says that the notes are left out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import reports
from diffing.model import Comparison, Pair
from reports.content import restrict, select_pairs
from review.store import ReviewStore

ScopeName = Literal["pair", "shown", "all"]
SCOPES: dict[ScopeName, str] = {
    "pair": "The open pair",
    "shown": "The pairs shown in the table",
    "all": "Every pair",
}


@dataclass(frozen=True, slots=True)
class Download:
    fmt: str
    label: str  # short button label, e.g. "Word"
    file_name: str
    mime: str
    help: str
    build: Callable[[], bytes]


@dataclass(frozen=True, slots=True, kw_only=True)
class Scope:
    name: ScopeName
    pairs: tuple[Pair, ...] | None  # None: every pair of the comparison
    suffix: str  # what the file name adds after the document's name

    @property
    def text(self) -> str:
        """``The pairs shown in the table (2 pairs)``, ``Every pair``."""
        if self.pairs is None:
            return SCOPES[self.name]
        n = len(self.pairs)
        return f"{SCOPES[self.name]} ({n} pair{'' if n == 1 else 's'})"


def file_key(key: str) -> str:
    """A pair key as a file-name part: ``7+9+12+13>8`` -> ``7+9+12+13-to-8``."""
    return key.replace(">", "-to-").replace("/", "-")


def scope(name: ScopeName, pair: Pair | None = None, shown: Sequence[Pair] = ()) -> Scope:
    if name == "pair" and pair is not None:
        return Scope(name="pair", pairs=(pair,), suffix=f"-pair-{file_key(pair.key)}")
    if name == "shown":
        return Scope(name="shown", pairs=tuple(shown), suffix=f"-{len(shown)}-pairs-shown")
    return Scope(name="all", pairs=None, suffix="-all")


@dataclass(frozen=True, slots=True, kw_only=True)
class Spec:
    """How ``reports.export`` is asked for a scope: with the review store (notes and decisions in the
    report) through its ``changes`` / ``articles`` selection when that names exactly the scope's pairs,
    else the shown comparison restricted to them (no notes: the help text says so)."""

    changes: tuple[str, ...] | None = None
    articles: tuple[str, ...] | None = None
    restricted: Comparison | None = None


def spec_for(shown_in: Comparison, chosen: Scope) -> Spec:
    """The export request for ``chosen`` pairs of ``shown_in`` (the comparison as shown)."""
    if chosen.pairs is None:
        return Spec()
    keys = [p.key for p in chosen.pairs]
    if not keys:
        return Spec(restricted=restrict(shown_in, ()))
    changes = tuple(sorted({p.change for p in chosen.pairs}))
    articles = tuple(dict.fromkeys(n for p in chosen.pairs for n in (*p.old, *p.new)))
    for ask in (Spec(articles=articles), Spec(changes=changes, articles=articles)):
        if [p.key for p in select_pairs(shown_in, ask.changes, ask.articles)] == keys:
            return ask
    return Spec(restricted=restrict(shown_in, chosen.pairs))


def downloads(
    comparison: Comparison,
    stem: str,
    chosen: Scope | None = None,
    *,
    review: ReviewStore | None = None,
    shown_in: Comparison | None = None,
) -> tuple[Download, ...]:
    """Downloads of the pairs of ``chosen`` (every pair when None), one per report format.

    With ``review``, ``comparison`` is the engine's and the report applies the store's decisions and
    prints its notes; ``shown_in`` is the comparison as the viewer shows it (decisions applied), whose
    pairs ``chosen`` names.
    """
    chosen = chosen or scope("all")
    spec = spec_for(shown_in or comparison, chosen)
    note = ""
    if spec.restricted is not None and review is not None:
        note = " (these pairs are exported without the analysts' notes and decisions)"

    restricted = spec.restricted

    def builder(fmt: str) -> Callable[[], bytes]:
        if restricted is not None:
            return lambda: reports.export(restricted, fmt)
        return lambda: reports.export(
            comparison, fmt, changes=spec.changes, articles=spec.articles, review=review
        )

    out = []
    for fmt in reports.FORMATS:
        ex = reports.EXPORTERS[fmt]
        label = ex.description.split(":")[0]
        name = f"{stem}{chosen.suffix}.{ex.extension}"
        out.append(Download(fmt, label, name, ex.mime, ex.description + note, builder(fmt)))
    return tuple(out)
