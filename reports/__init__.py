"""Comparison reports: one report model (``reports.content``), one renderer per format.

Public API::

    reports.export(comparison, "docx", changes="modified,renumbered", articles="34") -> bytes
    reports.export(comparison, "docx", profile="detailed", lang="ko", review=ordiff.open_review())
    reports.PROFILES         # ("council", "detailed"); council is the default
    reports.FORMATS          # ("docx", "xlsx", "csv", "html", "pdf", "md", "json", "akn")
    reports.EXPORTERS["pdf"] # Exporter(name, extension, mime, description, render)
    reports.markdown_to_html(text)  # safe Markdown rendering for the app
    reports.available_formats()     # FORMATS minus "pdf" when no Chromium is installed

``export`` is pure (bytes out, no file written); the PDF exporter runs a
headless Chromium in a temporary directory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from diffing.model import Comparison
from reports.content import (
    DEFAULT_PROFILE,
    PROFILES,
    Report,
    ReportError,
    build_report,
    restrict,
    select_pairs,
)
from reports.markdown import markdown_to_html

if TYPE_CHECKING:
    from review.store import ReviewStore

__all__ = [
    "EXPORTERS",
    "FORMATS",
    "PROFILES",
    "Exporter",
    "ReportError",
    "available_formats",
    "build_report",
    "export",
    "markdown_to_html",
]

Render = Callable[[Comparison, Report], bytes]


Builds = Literal["full", "concordance", "none"]


@dataclass(frozen=True, slots=True)
class Exporter:
    name: str
    extension: str
    mime: str
    description: str
    render: Render
    # what ``export`` builds for ``render``: the whole report, only its concordance (no pair sections), or
    # no report at all ("none": ``render`` gets the comparison restricted to the pairs in scope)
    builds: Builds = "full"


def _docx(_c: Comparison, report: Report) -> bytes:
    from reports.docx import export_docx

    return export_docx(report)


def _xlsx(_c: Comparison, report: Report) -> bytes:
    from reports.xlsx import export_xlsx

    return export_xlsx(report)


def _csv(_c: Comparison, report: Report) -> bytes:
    from reports.simple import export_csv

    return export_csv(report)


def _html(_c: Comparison, report: Report) -> bytes:
    from reports.html import export_html

    return export_html(report)


def _pdf(_c: Comparison, report: Report) -> bytes:
    from reports.html import export_html
    from reports.pdf import report_html_to_pdf

    # report.generated reads "2026-01-01 12:00 UTC": its digits, seconds 00
    stamp = "".join(ch for ch in report.generated if ch.isdigit()).ljust(14, "0")[:14]
    return report_html_to_pdf(export_html(report), stamp)


def _md(_c: Comparison, report: Report) -> bytes:
    from reports.markdown import export_markdown

    return export_markdown(report)


def _json(comparison: Comparison, report: Report) -> bytes:
    """The align JSON of ``comparison``, which ``export`` has restricted to the pairs in scope.

    Built with a review store, each pair also carries its origin, review state and notes."""
    from reports.simple import export_json

    return export_json(comparison, comparison.pairs, report if report.review_progress else None)


def _akn(comparison: Comparison, report: Report) -> bytes:
    from reports.akn import render

    return render(comparison, report)


EXPORTERS: dict[str, Exporter] = {
    e.name: e
    for e in (
        Exporter(
            "docx",
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "Word: concordance and old | new tables, A4 landscape",
            _docx,
        ),
        Exporter(
            "xlsx",
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "Excel: concordance, pair texts, notes and addenda sheets",
            _xlsx,
        ),
        Exporter("csv", "csv", "text/csv", "CSV: the article concordance", _csv, builds="concordance"),
        Exporter("html", "html", "text/html", "HTML: one self-contained page, printable", _html),
        Exporter("pdf", "pdf", "application/pdf", "PDF: the HTML printed by headless Chromium", _pdf),
        Exporter("md", "md", "text/markdown", "Markdown: GitHub-flavoured tables", _md),
        Exporter("json", "json", "application/json", "JSON: the alignment data", _json, builds="none"),
        Exporter(
            "akn",
            "xml",
            "application/akn+xml",
            "Akoma Ntoso 3.0: both versions, changes as textualMod",
            _akn,
            builds="concordance",
        ),
    )
}
FORMATS: tuple[str, ...] = tuple(EXPORTERS)


def available_formats() -> tuple[str, ...]:
    """The formats that can be made here (PDF needs a Chromium; see ``reports.pdf.find_browser``)."""
    from reports.pdf import find_browser

    return tuple(f for f in FORMATS if f != "pdf" or find_browser() is not None)


def exporter(fmt: str) -> Exporter:
    """The exporter for ``fmt`` (case-insensitive, ``markdown`` = ``md``); ReportError if unknown."""
    key = fmt.strip().lower()
    key = {"markdown": "md", "htm": "html", "word": "docx", "excel": "xlsx"}.get(key, key)
    if key not in EXPORTERS:
        raise ReportError(f"unknown report format {fmt!r} (known: {', '.join(FORMATS)})")
    return EXPORTERS[key]


def export(
    comparison: Comparison,
    fmt: str,
    changes: str | Iterable[str] | None = None,
    articles: str | Iterable[str] | None = None,
    generated: datetime | None = None,
    *,
    pairs: str | Iterable[str] | None = None,
    review: ReviewStore | None = None,
    notes: bool = True,
    profile: str = DEFAULT_PROFILE,
    lang: str | None = None,
    full_text: bool = False,
    method: bool = False,
) -> bytes:
    """The report of ``comparison`` in format ``fmt`` as bytes.

    ``changes`` / ``articles`` restrict the pairs (comma-separated string or
    iterable); ``pairs`` names exactly the pairs to export by ``Pair.key`` (or ``Pair.id``), keys of
    the *reviewed* comparison when ``review`` is given (decisions re-pair articles).  An unknown
    format, change kind, article number, profile or
    language raises :class:`ReportError` (a ``SourceError``: exit 2 in the CLI).
    ``review`` (a store from ``ordiff.open_review``) applies the analysts' decisions and adds their
    notes (``notes=False`` leaves the notes out); ``profile`` is ``council`` (the default: the
    Current | Revised table) or ``detailed``; ``lang`` ``en`` / ``ko`` (default: the document's);
    ``full_text`` prints unchanged paragraphs in full; ``method`` adds "How the pairs were found".
    """
    ex = exporter(fmt)
    detail = ex.builds
    if review is not None and detail == "none":
        detail = "concordance"  # the JSON then carries each pair's review state and notes
    applied = None
    if review is not None:
        from review.workspace import reviewed

        applied = reviewed(review, comparison)  # once: the report and the renderer share it
    report = build_report(
        comparison,
        changes,
        articles,
        generated,
        detail=detail,
        pairs=pairs,
        review=review,
        notes=notes,
        profile=profile,
        lang=lang,
        full_text=full_text,
        method=method,
        applied=applied,
    )
    if applied is not None:
        comparison = applied.comparison
    if ex.builds == "none":
        comparison = restrict(comparison, select_pairs(comparison, changes, articles, pairs))
    return ex.render(comparison, report)
