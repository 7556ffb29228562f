"""Reading legal texts into the typed model (see ``corpus.model``)."""

from __future__ import annotations

from corpus.model import Document, SourceText
from corpus.sources import SourceError, resolve

__all__ = ["Document", "SourceError", "load_document", "read_sources"]


def read_sources(name: str, sources: tuple[SourceText, ...]) -> Document:
    """Parse decoded sources (one combined page, or old and new) into a Document."""
    from corpus.reader import read

    return read(sources, name=name)


def load_document(source: str, new_source: str | None = None) -> Document:
    """A corpus name or path(s) -> Document; SourceError on bad input or no article at all."""
    name, sources = resolve(source, new_source)
    doc = read_sources(name, sources)
    if not doc.old.articles and not doc.new.articles:
        raise SourceError(f"{name}: no article found (expected headings such as 'Article 1 (Purpose)')")
    return doc
