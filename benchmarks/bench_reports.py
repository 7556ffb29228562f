"""Time and size of every report format, for the bundled seed and a large synthetic pair.

    python benchmarks/bench_reports.py                  # seed + 2,000-article pair, all formats
    python benchmarks/bench_reports.py --articles 500 --formats docx,html

The large pair is ``diffing.synthetic`` when that module exists, else the
bundled AI Framework Act (old and new bodies, addenda left out) repeated with
renumbered article headings until it holds ``--articles`` articles.  Targets:
every seed format <= 2 s; DOCX of the 2,000-article pair <= 30 s.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import ordiff  # noqa: E402
from corpus import read_sources  # noqa: E402
from corpus.model import SourceText  # noqa: E402
from corpus.sources import find_bundled  # noqa: E402
from diffing.model import Comparison  # noqa: E402
from reports import FORMATS, ReportError, export  # noqa: E402

HEADING = re.compile(r"""^Article[ ](?P<number>\d+)(?P<rest>(?:-\d+)?[ ]\()""", re.VERBOSE | re.MULTILINE)
BODY_END = re.compile(r"""^ADDENDA\b""", re.VERBOSE | re.MULTILINE)
TARGETS = {("seed", f): 2.0 for f in FORMATS} | {("large", "docx"): 30.0}


def _body(text: str) -> str:
    m = BODY_END.search(text)
    return text[: m.start()] if m else text


def _repeat(text: str, copies: int, stride: int) -> str:
    """``copies`` copies of a body, copy k numbering its articles from ``k * stride + 1``."""
    parts = []
    for k in range(copies):
        parts.append(
            HEADING.sub(lambda m, k=k: f"Article {int(m['number']) + k * stride}{m['rest']}", text)  # type: ignore[misc]
        )
    return "\n".join(parts)


def synthetic_pair(articles: int) -> Comparison:
    try:
        synthetic = importlib.import_module("diffing.synthetic")
    except ModuleNotFoundError:
        synthetic = None
    if synthetic is not None and hasattr(synthetic, "synthetic_comparison"):
        return synthetic.synthetic_comparison(articles)  # type: ignore[no-any-return]
    bundled = find_bundled("kr-ai-framework-act")
    assert bundled is not None, "the bundled AI Framework Act is missing"
    old, new = (_body(Path(f).read_text(encoding="utf-8")) for f in bundled.files)
    per_copy = len(HEADING.findall(old))
    copies = max(1, -(-articles // per_copy))
    stride = 10 ** len(str(max(len(HEADING.findall(new)), per_copy) + 1))
    document = read_sources(
        f"synthetic-{articles}",
        (SourceText("old.txt", _repeat(old, copies, stride)), SourceText("new.txt", _repeat(new, copies, stride))),
    )
    return ordiff.compare(document)


def _time(comparison: Comparison, fmt: str) -> tuple[float, int | str]:
    start = time.perf_counter()
    try:
        data = export(comparison, fmt)
    except ReportError as exc:
        return time.perf_counter() - start, f"error: {exc}"
    return time.perf_counter() - start, len(data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="articles in the large pair (0: skip it)")
    parser.add_argument("--formats", default=",".join(FORMATS))
    args = parser.parse_args(argv)
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]

    start = time.perf_counter()
    seed = ordiff.compare(ordiff.load("seoul-informatization"))
    print(f"seed: seoul-informatization, {len(seed.pairs)} pairs, read+compare {time.perf_counter() - start:.2f} s")
    cases = [("seed", seed)]
    if args.articles:
        start = time.perf_counter()
        large = synthetic_pair(args.articles)
        rows = sum(len(p.rows) for p in large.pairs)
        print(
            f"large: {len(large.old.articles)} old / {len(large.new.articles)} new articles, "
            f"{len(large.pairs)} pairs, {rows} rows, read+compare {time.perf_counter() - start:.2f} s"
        )
        cases.append(("large", large))

    print(f"\n{'case':<6} {'format':<6} {'seconds':>8} {'bytes':>12}  target")
    for name, comparison in cases:
        for fmt in formats:
            seconds, size = _time(comparison, fmt)
            target = TARGETS.get((name, fmt))
            verdict = "" if target is None else f"<= {target:.0f} s {'ok' if seconds <= target else 'MISSED'}"
            shown = f"{size:>12,}" if isinstance(size, int) else f"  {size}"
            print(f"{name:<6} {fmt:<6} {seconds:>8.2f} {shown}  {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
