"""Input for the viewer: bundled documents and uploads -> one analysed comparison.

An input is identified by the SHA-256 of its file names and bytes, so the app
can cache parsing and alignment per content (``st.cache_resource`` keyed by
``Input.digest``).  Every failure is a :class:`corpus.sources.SourceError`
with one sentence the page shows as is.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from corpus import read_sources
from corpus.sources import SourceError, decode, find_bundled
from diffing import compare
from diffing.model import Comparison
from viewer.index import ViewIndex, build_index

MAX_UPLOAD_MB = 5
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024


@dataclass(frozen=True, slots=True)
class RawFile:
    name: str
    data: bytes


@dataclass(frozen=True, slots=True)
class Input:
    """What to analyse: a display name and one combined page or an old and a new file."""

    name: str
    files: tuple[RawFile, ...]
    bundled: str | None  # corpus name, for deep links; None for uploads

    @property
    def digest(self) -> str:
        h = hashlib.sha256()
        for f in self.files:
            h.update(f.name.encode("utf-8") + b"\0")
            h.update(hashlib.sha256(f.data).digest())
        return h.hexdigest()


@dataclass(frozen=True, slots=True)
class Analysis:
    comparison: Comparison
    index: ViewIndex


def bundled_input(name: str) -> Input:
    doc = find_bundled(name)
    if doc is None:
        raise SourceError(f"{name}: no such bundled document")
    files = []
    for path in doc.files:
        try:
            files.append(RawFile(Path(path).name, Path(path).read_bytes()))
        except OSError as exc:
            raise SourceError(f"{path}: cannot read the bundled file ({exc.strerror})") from None
    return Input(doc.name, tuple(files), doc.name)


def upload_input(files: list[RawFile]) -> Input:
    """One combined page, or an old then a new file; size checked before decoding."""
    if len(files) not in (1, 2):
        raise SourceError(f"expected one combined page or an old and a new file, got {len(files)} files")
    for f in files:
        if len(f.data) > MAX_UPLOAD_BYTES:
            raise SourceError(
                f"{f.name}: too large ({len(f.data):,} bytes; the upload limit is {MAX_UPLOAD_MB} MB)"
            )
    name = files[0].name if len(files) == 1 else f"{files[0].name} -> {files[1].name}"
    return Input(name, tuple(files), None)


def analyse(inp: Input) -> Analysis:
    """Decode, read, align and index; SourceError for bad input or a text without articles."""
    sources = tuple(decode(f.data, f.name) for f in inp.files)
    document = read_sources(inp.name, sources)
    if not document.old.articles and not document.new.articles:
        raise SourceError(f"{inp.name}: no article found (expected headings such as 'Article 1 (Purpose)')")
    comparison = compare(document)
    return Analysis(comparison, build_index(comparison))
