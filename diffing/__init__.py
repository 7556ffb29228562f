"""The alignment and diff engine: ``compare(document) -> Comparison``.

See ``diffing.align`` (which old article continues as which new one),
``diffing.compare`` (pairs, rows, change kinds and their definitions),
``diffing.worddiff`` (word-level diffs) and ``diffing.addenda`` (addenda links).
"""

from __future__ import annotations

from diffing.compare import compare

__all__ = ["compare"]
