"""Messages for a terminal: one line each, whatever a file name holds.

Every message the CLI prints (errors, warnings, the files a report wrote) goes through
:func:`terminal_safe`, so a newline cannot split it and an ANSI escape cannot reach the terminal.
"""

from __future__ import annotations

import re
import sys
from functools import cache
from typing import TextIO

# Characters a terminal would act on rather than show: C0/C1 controls (newline, ESC of ANSI sequences),
# line/paragraph separators, bidirectional overrides and isolates, and lone surrogates (undecodable bytes
# of a file name).
_UNPRINTABLE = r"""
    (?P<char>
        [\x00-\x1f\x7f-\x9f]
      | [\u2028\u2029]
      | [\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]
      | [\ud800-\udfff]
    )
"""


@cache
def _unprintable() -> re.Pattern[str]:
    """:data:`_UNPRINTABLE`, compiled on first use: a run with nothing to say never needs it (issue 14)."""
    return re.compile(_UNPRINTABLE, re.VERBOSE)


def terminal_safe(text: str) -> str:
    """``text`` for one terminal line: those characters escaped as Python writes them (``\\n``, ``\\x1b``)."""
    return _unprintable().sub(
        lambda m: m["char"].encode("unicode_escape", "backslashreplace").decode("ascii"), text
    )


def say(message: str, stream: TextIO | None = None) -> None:
    """One ``ordiff: ...`` line on stderr (or ``stream``), whatever the message holds."""
    print(f"ordiff: {terminal_safe(message)}", file=stream or sys.stderr)
