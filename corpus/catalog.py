"""The bundled corpus: name -> title, files (one combined page, or old then new) and version labels.

Texts are verbatim copies of the shared sources, in ``corpus/data/<name>/``; provenance in each
``SOURCE.md``.  Kept as Python (not TOML) so that resolving a bundled name imports no parser: this module
is the one home of the list, read by :func:`corpus.sources.bundled` (issue 14: start-up).
"""

from __future__ import annotations

from typing import NamedTuple


class CatalogEntry(NamedTuple):
    """One bundled document as listed: its folder's name, title, file names and version labels."""

    name: str
    title: str
    files: tuple[str, ...]  # one combined page, or old then new
    old_label: str
    new_label: str


CATALOG: tuple[CatalogEntry, ...] = (
    CatalogEntry(
        name="seoul-informatization",
        title="Seoul Metropolitan Government Framework Ordinance on Informatization / "
        "Smart City and Informatization",
        files=("page.txt",),
        old_label="Ordinance No. 6851, Mar. 22, 2018 (Amendment of Other Laws)",
        new_label="Ordinance No. 7026, Mar. 28, 2019 (Whole Amendment)",
    ),
    CatalogEntry(
        name="kr-ai-framework-act",
        title="Framework Act on the Development of Artificial Intelligence and the Creation of a Foundation "
        "for Trust",
        files=("old.txt", "new.txt"),
        old_label="Act No. 20676, Jan. 21, 2025 (enactment)",
        new_label="Act No. 21311, Jan. 20, 2026 (amended; in force 2026-07-21)",
    ),
)
