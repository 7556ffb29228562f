"""Candidate cosines (issue 14): the numpy inverted index and scipy.sparse give the very same floats.

Small products never import scipy (start-up of a small ``ordiff align``); large ones use it.  Both must
sum each pair in the same order, or a score could move by one bit and an alignment with it.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ordiff
from diffing import candidates
from diffing.tokens import Vocabulary

texts = st.lists(st.lists(st.integers(0, 40), max_size=25), min_size=1, max_size=30)


@settings(max_examples=60, deadline=None)
@given(old=texts, new=texts, k=st.integers(1, 4), block=st.sampled_from([3, 50, 1 << 18]))
def test_numpy_and_scipy_products_agree_exactly(old, new, k, block) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(candidates, "PRODUCT_BLOCK", block)
        mp.setattr(candidates, "SCIPY_ABOVE", 1 << 62)
        by_numpy = candidates.top_pairs(old, new, k)
        mp.setattr(candidates, "SCIPY_ABOVE", -1)
        by_scipy = candidates.top_pairs(old, new, k)
    assert by_numpy == by_scipy  # same pairs, same float values


def test_real_articles_agree_exactly(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = ordiff.load("kr-ai-framework-act")
    vocab = Vocabulary()
    old = [vocab.encode_words(a.text) for a in doc.old.articles]
    new = [vocab.encode_words(a.text) for a in doc.new.articles]
    monkeypatch.setattr(candidates, "SCIPY_ABOVE", 1 << 62)
    by_numpy = candidates.top_pairs(old, new, 6)
    monkeypatch.setattr(candidates, "SCIPY_ABOVE", -1)
    assert by_numpy == candidates.top_pairs(old, new, 6) and len(by_numpy) > len(old)


def test_a_small_align_does_not_import_scipy() -> None:
    code = (
        "import sys, io, contextlib\n"
        "from ordiff.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['align', 'seoul-informatization', '--format', 'json'])\n"
        "print(any(m == 'scipy' or m.startswith('scipy.') for m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
