"""Rendering of word diffs shared by every view (app, HTML/PDF, Markdown, DOCX, XLSX).

All document text is escaped here: nothing from a document ever reaches HTML
unescaped.  Deletions are ``<del>``, insertions ``<ins>`` (struck / underlined
by default in every browser and in print), never colour alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from html import escape

from diffing.model import Segment, TextDiff


def esc(text: str) -> str:
    """Escape text for HTML element content and attribute values."""
    return escape(text, quote=True)


def old_side(diff: TextDiff) -> Iterator[tuple[str, bool]]:
    """(text, changed) runs of the old text: changed runs are deletions."""
    for seg in diff.segments():
        if seg.old:
            yield seg.old, seg.tag != "equal"


def new_side(diff: TextDiff) -> Iterator[tuple[str, bool]]:
    """(text, changed) runs of the new text: changed runs are insertions."""
    for seg in diff.segments():
        if seg.new:
            yield seg.new, seg.tag != "equal"


def old_html(diff: TextDiff) -> str:
    return runs_html(old_side(diff), "del")


def new_html(diff: TextDiff) -> str:
    return runs_html(new_side(diff), "ins")


def redline_html(diff: TextDiff) -> str:
    """Inline redline: deletions then insertions in reading order."""
    parts = []
    for seg in diff.segments():
        parts.append(_segment_html(seg))
    return "".join(parts).replace("\n", "<br>")


def _segment_html(seg: Segment) -> str:
    if seg.tag == "equal":
        return esc(seg.old)
    out = ""
    if seg.old.strip():
        lead = seg.old[: len(seg.old) - len(seg.old.lstrip())]
        out += f"{esc(lead)}<del>{esc(seg.old.strip())}</del>"
    if seg.new.strip():
        lead = seg.new[: len(seg.new) - len(seg.new.lstrip())] or " "
        out += f"{esc(lead)}<ins>{esc(seg.new.strip())}</ins>"
    return out


def runs_markup(runs: Iterable[tuple[str, bool]], tag: str, escape: Callable[[str], str]) -> str:
    """``(text, changed)`` runs as escaped markup, changed words wrapped in ``<tag>``.

    Whitespace around a changed run stays outside the tag; the result is stripped.
    Shared by HTML (``esc``) and Markdown (``md_escape``) output.
    """
    out = []
    for text, changed in runs:
        body = text.strip()
        if changed and body:
            lead = text[: len(text) - len(text.lstrip())]
            trail = text[len(text.rstrip()) :]
            out.append(f"{escape(lead)}<{tag}>{escape(body)}</{tag}>{escape(trail)}")
        else:
            out.append(escape(text))
    return "".join(out).strip()


def runs_html(runs: Iterable[tuple[str, bool]], tag: str) -> str:
    """Runs as escaped HTML with ``<del>`` / ``<ins>``; line breaks become ``<br>``."""
    return runs_markup(runs, tag, esc).replace("\n", "<br>")
