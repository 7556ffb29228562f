"""Reader speed: both bundled documents, scaled copies, and 1 MB adversarial inputs.

Run: ``python benchmarks/bench_reader.py [--repeat N] [--only TEXT]``.  Prints one row per case:
input size, best-of-N parse time (wall and CPU of this process, which other load on a shared
machine inflates less), throughput, articles found (old + new), pieces, and the memory the
Document holds (every object reachable from it counted once, source texts included).
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
    return tuple(SourceText(name=s.name, text=s.text * factor) for s in sources)


def synthetic(name: str, factor: int) -> tuple[SourceText, ...]:
    """Old and new of a bundled document scaled ``factor`` times by ``diffing.synthetic`` (as the engine's
    benchmark builds them): distinct article numbers, as a long law has."""
    from corpus import load_document
    from diffing.synthetic import render_version, scale

    doc = load_document(name)
    return (
        SourceText(name="old.txt", text=render_version(scale(doc.old, factor))),
        SourceText(name="new.txt", text=render_version(scale(doc.new, factor))),
    )


def one(text: str) -> tuple[SourceText, ...]:
    return (SourceText(name="adversarial.txt", text=text),)


CASES: dict[str, Callable[[], tuple[SourceText, ...]]] = {
    "seoul page (interleaved)": lambda: bundled("seoul-informatization"),
    "AI Act old+new": lambda: bundled("kr-ai-framework-act"),
    "seoul page x10": lambda: scaled(bundled("seoul-informatization"), 10),
    "AI Act x10": lambda: scaled(bundled("kr-ai-framework-act"), 10),
    "AI Act x50 (synthetic pair)": lambda: synthetic("kr-ai-framework-act", 50),
    "seoul x50 (synthetic pair)": lambda: synthetic("seoul-informatization", 50),
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


def measure(sources: tuple[SourceText, ...], repeat: int) -> tuple[float, float, Document]:
    """Best wall and best CPU seconds of ``repeat`` parses, and the last Document."""
    wall = cpu = float("inf")
    doc = None
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        doc = read(sources, name="bench")
        cpu = min(cpu, time.process_time() - c0)
        wall = min(wall, time.perf_counter() - w0)
    assert doc is not None
    return wall, cpu, doc


def model_bytes(doc: Document) -> int:
    """``sys.getsizeof`` of every object reachable from ``doc`` through slots and tuples, each once."""
    seen: set[int] = set()
    total = 0
    stack: list[object] = [doc]
    while stack:
        obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        total += sys.getsizeof(obj)
        if isinstance(obj, tuple | list):
            stack.extend(obj)
        else:
            for cls in type(obj).__mro__:
                stack.extend(
                    getattr(obj, name) for name in getattr(cls, "__slots__", ()) if hasattr(obj, name)
                )
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", default="", help="run only the cases whose name contains this text")
    args = parser.parse_args()
    print(f"{'case':42s} {'chars':>10s} {'wall s':>7s} {'CPU s':>7s} {'MB/s':>6s}", end=" ")
    print(f"{'articles':>11s} {'pieces':>8s} {'model MiB':>9s}")
    for name, build in CASES.items():
        if args.only not in name:
            continue
        sources = build()
        chars = sum(len(s.text) for s in sources)
        wall, cpu, doc = measure(sources, args.repeat)
        articles = f"{len(doc.old.articles)}+{len(doc.new.articles)}"
        rate = chars / cpu / MB if cpu > 0 else float("inf")
        print(f"{name:42s} {chars:10,d} {wall:7.3f} {cpu:7.3f} {rate:6.2f}", end=" ")
        print(f"{articles:>11s} {len(doc.pieces):8,d} {model_bytes(doc) / 2**20:9.1f}")


if __name__ == "__main__":
    main()
