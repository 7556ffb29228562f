"""The one escaping function for text that Streamlit renders as Markdown.

Streamlit renders GitHub-flavoured Markdown, with its own directives (``:red[x]``, ``:material/icon:``,
emoji shortcodes, ``$math$``), in ``st.markdown``, ``st.title``/``header``/``subheader``, ``st.caption``,
``st.info``/``warning``/``error``, expander and widget labels, radio options and tooltips.  A file name,
a version label or any document text shown there goes through :func:`md` first; HTML goes through
``viewer.html.esc`` and ``st.html`` instead.  No Streamlit import here: the app imports this.
"""

from __future__ import annotations

import re
import string

# Every ASCII punctuation character: CommonMark lets each be backslash-escaped, and each escaped one is
# shown as itself.  Escaping all of them (not only today's Markdown syntax) also breaks GFM's bare
# autolinks (``https://``, ``www.``, ``user@host``) and Streamlit's ``:directive[...]`` and ``$math$``.
MARKDOWN_PUNCTUATION = frozenset(string.punctuation)
_PUNCTUATION = re.compile(r"""(?P<punct>[!-/:-@\[-`{-~])""", re.VERBOSE)
# Characters that would break the line or reorder what is shown: C0 and C1 controls, line and paragraph
# separators, bidirectional controls.  Each is shown as a visible stand-in, never acted on.
_INVISIBLE = re.compile(
    r"""
    (?P<c0>[\x00-\x1f])
  | (?P<other>[\x7f-\x9f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069])
    """,
    re.VERBOSE,
)


def _visible(m: re.Match[str]) -> str:
    if m["c0"] is not None:
        return chr(0x2400 + ord(m["c0"]))  # the Control Pictures block: U+240A ␊ for a newline
    return "\ufffd"


def md(text: str) -> str:
    """``text`` for any Streamlit Markdown: shown literally, on one line, with no link, image or emphasis.

    Every ASCII punctuation character is backslash-escaped; control characters become the Control
    Pictures symbol (``␊`` for a newline), and bidirectional controls and C1 controls U+FFFD, so a file
    name cannot start a new block or reorder the text around it.
    """
    return _PUNCTUATION.sub(r"\\\g<punct>", _INVISIBLE.sub(_visible, text))
