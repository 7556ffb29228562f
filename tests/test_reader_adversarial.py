"""No regex backtracks catastrophically: 1 MB adversarial lines parse quickly.

The duration bound is a generous guard only (real timings: ``benchmarks/bench_reader.py``).
"""

from __future__ import annotations

import time

import pytest

from corpus.model import SourceText
from corpus.reader import read

MB = 1_000_000

ADVERSARIAL = {
    "heading openers": "Article 1 (" * (MB // 11),
    "angle brackets": "<" * MB,
    "open parentheses": "(" * MB,
    "square brackets": "[" * MB,
    "digits": "1" * MB,
    "note never closed": "<Amended by Ordinance No. " + "1" * MB,
    "nested title parentheses": "Article 1 (A" + "(b)" * (MB // 3),
    "division then headings": "CHAPTER I X" + " Article 1" * (MB // 10),
    "metadata words": "Whole Amendment " * (MB // 16),
    "metadata numbers": "a No. 1, " * (MB // 9),
    "dates": "Jan. 1, " * (MB // 8),
    "label dots": "1." * (MB // 2),
    "branch numbers": "Article 1-" + "1-" * (MB // 2),
    "references": "Article 1 (1) " * (MB // 14),
    "notes on one line": "(1) x <Amended on Jan. 1, 2020>" * (MB // 32),
    "korean heading openers": "제1조(" * (MB // 5),
    "korean branch markers": "제1조의" * (MB // 4),
    "circled numbers": "①" * MB,
    "korean dotted dates": "2018. 3. " * (MB // 9),
    "korean ranges": "제1조부터 " * (MB // 7),
}


@pytest.mark.parametrize("text", list(ADVERSARIAL.values()), ids=list(ADVERSARIAL))
def test_one_megabyte_adversarial_line_completes(text: str) -> None:
    start = time.perf_counter()
    doc = read((SourceText(name="adversarial.txt", text=text),), name="adversarial")
    elapsed = time.perf_counter() - start
    assert elapsed < 5.0, f"took {elapsed:.1f} s"
    covered = sum(p.span.end - p.span.start for p in doc.pieces)
    assert covered >= len(text.strip()) - text.count(" ") - text.count("\u3000")
