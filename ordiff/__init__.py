"""ordinance-diff: compare two versions of a legal text article by article.

The public API is four verbs::

    doc = ordiff.load("seoul-informatization")        # or load(old_path, new_path)
    cmp = ordiff.compare(doc)
    data = ordiff.export(cmp, "docx")                  # bytes
    ordiff.corpus()                                    # the bundled documents

and the analyst workspace's store: ``ordiff.open_review(url=None)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from corpus.model import Document
    from corpus.sources import BundledDocument
    from diffing.model import Comparison
    from review.store import ReviewStore

__all__ = ["compare", "corpus", "export", "load", "open_review"]
__version__: str  # read from the installed metadata on first use (importlib.metadata costs ~15 ms)


def __getattr__(name: str) -> str:
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import metadata

    try:
        version = metadata.version("ordinance-diff")  # one source: pyproject.toml, as installed
    except metadata.PackageNotFoundError:  # a source tree that was never installed
        version = "0+unknown"
    globals()["__version__"] = version
    return version


def load(source: str, new_source: str | None = None) -> Document:
    """Read a corpus name or path (or an old and a new path) into a Document.

    Raises ``corpus.sources.SourceError`` for unreadable input or a text with no article.
    """
    from corpus import load_document

    return load_document(source, new_source)


def compare(document: Document) -> Comparison:
    from diffing import compare as _compare

    return _compare(document)


def export(comparison: Comparison, fmt: str, **scope: Any) -> bytes:
    from reports import export as _export

    return _export(comparison, fmt, **scope)


def corpus() -> tuple[BundledDocument, ...]:
    from corpus.sources import bundled

    return bundled()


def open_review(url: str | None = None) -> ReviewStore:
    """The review store (notes and concordance decisions) the app, the CLI and the reports share.

    ``url`` (the CLI's ``--db``), else ``$ORDIFF_DB``, else an SQLite file in the user's data folder;
    ``memory:`` for a throw-away store.  The schema is migrated on open.  Raises
    ``review.model.ReviewError`` (a ``SourceError``) with one sentence when the database is unusable.
    """
    from review.store import open_store

    return open_store(url)
