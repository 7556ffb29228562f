"""Report downloads for the viewer: one entry per format of ``reports.FORMATS``, built lazily.

Each entry's ``build`` runs ``reports.export`` only when called (the app passes
it to ``st.download_button`` as deferred data), so no report is produced on a
rerun, and a PDF costs nothing until someone asks for it.

What is exported is chosen explicitly (:class:`Scope`): the open pair, the pairs the table shows (after
filters and search), or every pair; the file name says which (``seoul-informatization-pair-34-to-20.docx``,
``…-2-pairs-shown.docx``, ``…-all.docx``).  The export asks ``reports.export`` for exactly those pairs
(``pairs=`` their ids in the comparison as shown, i.e. with the decisions applied: the same selection
as ``ordiff report --pairs``) with the review store, so the analysts' notes and decisions are always
in the report.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import reports
from diffing.model import Comparison, Pair
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


def pair_ids(chosen: Scope) -> tuple[str, ...] | None:
    """What ``reports.export(pairs=...)`` is given for ``chosen``: its pairs' ids (``Pair.id``, unique
    even when article numbers repeat), or None for every pair."""
    return None if chosen.pairs is None else tuple(p.id for p in chosen.pairs)


def downloads(
    comparison: Comparison,
    stem: str,
    chosen: Scope | None = None,
    *,
    review: ReviewStore | None = None,
) -> tuple[Download, ...]:
    """Downloads of the pairs of ``chosen`` (every pair when None), one per report format.

    With ``review``, ``comparison`` is the engine's and the report applies the store's decisions and
    prints its notes; ``chosen`` names pairs of the comparison as the viewer shows it (decisions
    applied), which is what ``reports.export`` selects from when given the store.
    """
    chosen = chosen or scope("all")
    wanted = pair_ids(chosen)

    def builder(fmt: str) -> Callable[[], bytes]:
        return lambda: reports.export(comparison, fmt, pairs=wanted, review=review)

    out = []
    for fmt in reports.FORMATS:
        ex = reports.EXPORTERS[fmt]
        label = ex.description.split(":")[0]
        name = f"{stem}{chosen.suffix}.{ex.extension}"
        out.append(Download(fmt, label, name, ex.mime, ex.description, builder(fmt)))
    return tuple(out)
