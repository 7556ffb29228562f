"""Reader speed: both bundled documents, scaled copies, and 1 MB adversarial inputs.

Run: ``python benchmarks/bench_reader.py [--repeat N]``.  Prints one row per case:
input size, best-of-N parse time, throughput, articles found (old + new) and pieces.
The adversarial rows are single 1 MB lines built to make a backtracking regex
explode, plus multi-line worst cases (thousands of headings, notes, addenda).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus.model import Document, SourceText
from corpus.reader import read
from corpus.sources import find_bundled, read_path

MB = 1_000_000


def bundled(name: str) -> tuple[SourceText, ...]:
    doc = find_bundled(name)
    assert doc is not None
    return tuple(read_path(f) for f in doc.files)


def scaled(sources: tuple[SourceText, ...], factor: int) -> tuple[SourceText, ...]:
    return tuple(SourceText(s.name, s.text * factor) for s in sources)


def one(text: str) -> tuple[SourceText, ...]:
    return (SourceText("adversarial.txt", text),)


CASES: dict[str, Callable[[], tuple[SourceText, ...]]] = {
    "seoul page (interleaved)": lambda: bundled("seoul-informatization"),
    "AI Act old+new": lambda: bundled("kr-ai-framework-act"),
    "seoul page x10": lambda: scaled(bundled("seoul-informatization"), 10),
    "AI Act x10": lambda: scaled(bundled("kr-ai-framework-act"), 10),
    "1MB line: 'Article 1 (' * N": lambda: one("Article 1 (" * (MB // 11)),
    "1MB line: '<' * N": lambda: one("<" * MB),
    "1MB line: '(' * N": lambda: one("(" * MB),
    "1MB line: digits": lambda: one("1" * MB),
    "1MB line: note never closed": lambda: one("<Amended by Ordinance No. " + "1" * MB),
    "1MB line: notes": lambda: one("(1) x <Amended on Jan. 1, 2020>" * (MB // 32)),
    "1MB: 30000 increasing headings": lambda: one("".join(f"Article {i} (T)\n" for i in range(1, 30001))),
    "1MB: 20000 interleaved pairs": lambda: one(
        "".join(f"Article {i} (Old)\nArticle {i} (New)\n" for i in range(1, 20001))
    ),
    "1MB: one heading repeated": lambda: one("Article 1 (A)\n" * (MB // 14)),
    "1MB: one article, 30000 noted paragraphs": lambda: one(
        "Article 1 (A)\n" + "(1) x <Amended on Jan. 1, 2020>\n" * (MB // 32)
    ),
}


def measure(sources: tuple[SourceText, ...], repeat: int) -> tuple[float, Document]:
    best = float("inf")
    doc = None
    for _ in range(repeat):
        start = time.perf_counter()
        doc = read(sources, name="bench")
        best = min(best, time.perf_counter() - start)
    assert doc is not None
    return best, doc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'case':42s} {'chars':>10s} {'seconds':>8s} {'MB/s':>6s} {'articles':>11s} {'pieces':>8s}")
    for name, build in CASES.items():
        sources = build()
        chars = sum(len(s.text) for s in sources)
        seconds, doc = measure(sources, args.repeat)
        articles = f"{len(doc.old.articles)}+{len(doc.new.articles)}"
        rate = chars / seconds / MB if seconds > 0 else float("inf")
        print(f"{name:42s} {chars:10,d} {seconds:8.3f} {rate:6.2f} {articles:>11s} {len(doc.pieces):8,d}")


if __name__ == "__main__":
    main()
