"""Time and size of every report format, for the bundled seed and a large synthetic pair.

    python benchmarks/bench_reports.py                  # seed + 2,000-article pair, all formats
    python benchmarks/bench_reports.py --articles 500 --formats docx,html

The large pair is the bundled AI Framework Act, old and new each made of as
many copies as ``--articles`` needs by ``diffing.synthetic.scale`` (each copy
with its own vocabulary shift; notes and addenda are not copied), written
back as text, read and compared.  Targets:
every seed format <= 2 s; DOCX of the 2,000-article pair <= 30 s.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import ordiff
from corpus import load_document, read_sources
from corpus.model import SourceText
from diffing.model import Comparison
from diffing.synthetic import render_version, scale
from reports import FORMATS, ReportError, export

TARGETS = {("seed", f): 2.0 for f in FORMATS} | {("large", "docx"): 30.0}
LARGE_BASE = "kr-ai-framework-act"


def synthetic_pair(articles: int) -> Comparison:
    """The bundled Act, old and new each scaled by ``diffing.synthetic.scale``, read back and compared."""
    base = load_document(LARGE_BASE)
    factor = max(1, -(-articles // len(base.old.articles)))
    sources = (
        SourceText(name="old.txt", text=render_version(scale(base.old, factor))),
        SourceText(name="new.txt", text=render_version(scale(base.new, factor))),
    )
    return ordiff.compare(read_sources(f"{LARGE_BASE} x{factor}", sources))


def _time(comparison: Comparison, fmt: str) -> tuple[float, float, int | str]:
    """Wall seconds, CPU seconds of this process (the browser's own CPU is not counted), bytes."""
    start, cpu = time.perf_counter(), time.process_time()
    try:
        size: int | str = len(export(comparison, fmt))
    except ReportError as exc:
        size = f"error: {exc}"
    return time.perf_counter() - start, time.process_time() - cpu, size


def _warm_up(comparison: Comparison, formats: list[str]) -> float:
    """Export once so library imports (pandas, openpyxl, python-docx) are not counted per format."""
    start = time.perf_counter()
    scoped = comparison.pairs[0].old[:1] or comparison.pairs[0].new[:1]
    for fmt in formats:
        if fmt != "pdf":
            export(comparison, fmt, articles=scoped)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="articles in the large pair (0: skip it)")
    parser.add_argument("--formats", default=",".join(FORMATS))
    args = parser.parse_args(argv)
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]

    start = time.perf_counter()
    seed = ordiff.compare(ordiff.load("seoul-informatization"))
    elapsed = time.perf_counter() - start
    print(f"seed: seoul-informatization, {len(seed.pairs)} pairs, read+compare {elapsed:.2f} s")
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

    print(f"first exports (library imports, one-article scope): {_warm_up(seed, formats):.2f} s")
    with open("/proc/loadavg", encoding="ascii") as fh:
        print(f"load average: {fh.read().split()[0]} on {os.cpu_count()} CPUs")
    print(f"\n{'case':<6} {'format':<6} {'wall s':>8} {'cpu s':>8} {'bytes':>12}  target (wall)")
    for name, comparison in cases:
        for fmt in formats:
            seconds, cpu, size = _time(comparison, fmt)
            target = TARGETS.get((name, fmt))
            verdict = "" if target is None else f"<= {target:.0f} s {'ok' if seconds <= target else 'MISSED'}"
            shown = f"{size:>12,}" if isinstance(size, int) else f"  {size}"
            print(f"{name:<6} {fmt:<6} {seconds:>8.2f} {cpu:>8.2f} {shown}  {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
