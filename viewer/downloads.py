"""Report downloads for the viewer: one entry per format of ``reports.FORMATS``, built lazily.

Each entry's ``build`` runs ``reports.export`` only when called (the app passes
it to ``st.download_button`` as deferred data), so no report is produced on a
rerun, and a PDF costs nothing until someone asks for it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import reports
from diffing.model import Comparison


@dataclass(frozen=True, slots=True)
class Download:
    fmt: str
    label: str  # short button label, e.g. "Word"
    file_name: str
    mime: str
    help: str
    build: Callable[[], bytes]


def downloads(comparison: Comparison, stem: str, kinds: Sequence[str] = ()) -> tuple[Download, ...]:
    """Downloads of ``comparison`` limited to change ``kinds`` (all when empty)."""
    changes = ",".join(kinds) if kinds else None

    def builder(fmt: str) -> Callable[[], bytes]:
        return lambda: reports.export(comparison, fmt, changes=changes)

    out = []
    for fmt in reports.FORMATS:
        ex = reports.EXPORTERS[fmt]
        label = ex.description.split(":")[0]
        out.append(Download(fmt, label, f"{stem}.{ex.extension}", ex.mime, ex.description, builder(fmt)))
    return tuple(out)
