"""The one safe renderer for note bodies: Markdown in, HTML that cannot run anything out.

Notes are stored as Markdown and rendered on read, in the app and in every report, through
:func:`render_note`:

- markdown-it-py's CommonMark with raw HTML off: ``<script>``, ``<img onerror=...>`` and any other tag
  come out as escaped text;
- links only to ``http:``, ``https:`` and ``mailto:`` (no ``javascript:``, ``data:``, ``vbscript:``,
  ``file:`` or relative URLs; a refused link stays visible as text), each with
  ``rel="nofollow noopener"``;
- no images at all (an image would load from outside when the note is shown): ``![alt](url)``
  becomes a link.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener"


def allowed_link(url: str) -> bool:
    """True for an absolute http(s) or mailto URL (after stripping, case-insensitive)."""
    clean = "".join(ch for ch in url if ch > " " and ch != "\x7f")  # browsers ignore these inside schemes
    try:
        scheme = urlsplit(clean).scheme.lower()
    except ValueError:
        return False
    if scheme not in ALLOWED_SCHEMES:
        return False
    return scheme == "mailto" or clean.lower().startswith(f"{scheme}://")


def _link_open(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    tokens[idx].attrSet("rel", LINK_REL)
    return str(self.renderToken(tokens, idx, options, env))


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable("image")
    md.validateLink = allowed_link  # type: ignore[method-assign]
    md.add_render_rule("link_open", _link_open)
    return md


def render_note(body: str) -> str:
    """Safe HTML for a note's Markdown ``body``."""
    return _parser().render(body)
