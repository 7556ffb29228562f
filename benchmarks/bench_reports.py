"""Time and size of every report format, for the bundled seed and a large synthetic pair.

    python benchmarks/bench_reports.py                  # seed + 2,000-article pair, all formats
    python benchmarks/bench_reports.py --articles 500 --formats docx,html

The large pair is the bundled AI Framework Act, old and new each made of as
many copies as ``--articles`` needs by ``diffing.synthetic.scale`` (each copy
with its own vocabulary shift; notes and addenda are not copied), written
back as text, read and compared.  Targets:
every seed format <= 2 s; DOCX of the 2,000-article pair <= 30 s; the
2,000-article PDF <= 10x the time Chromium takes to print an empty page (a
fresh browser: launch and print, as one ``--print-to-pdf`` run would).
``--huge 20000`` adds CSV and JSON of a 20,000-article pair (issue 13.10:
those formats build no pair sections), with the process's peak memory.
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
from reports.pdf import PARALLEL

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


def _one_print_seconds(comparison: Comparison) -> float:
    """Wall seconds of the large PDF printed by one browser in one print (no chunks), for comparison."""
    from reports import pdf

    parallel = pdf.PARALLEL
    pdf.PARALLEL = 1
    try:
        return _time(comparison, "pdf")[0]
    finally:
        pdf.PARALLEL = parallel


def empty_page_seconds() -> tuple[float, float]:
    """(fresh browser: launch + print + close, warm browser: print) of an empty page, best of 3."""
    from reports.pdf import Browser, find_browser, html_to_pdf

    browser = find_browser()
    if browser is None:
        return float("nan"), float("nan")
    page = b"<!DOCTYPE html><html><body></body></html>"
    fresh = []
    for _ in range(3):
        start = time.perf_counter()
        b = Browser(browser)
        b.print_pdf(page)
        b.close()
        fresh.append(time.perf_counter() - start)
    html_to_pdf(page)
    warm = []
    for _ in range(3):
        start = time.perf_counter()
        html_to_pdf(page)
        warm.append(time.perf_counter() - start)
    return min(fresh), min(warm)


def huge_case(articles: int) -> None:
    import resource

    start = time.perf_counter()
    huge = synthetic_pair(articles)
    print(
        f"\nhuge: {len(huge.old.articles)} old / {len(huge.new.articles)} new articles, "
        f"read+compare {time.perf_counter() - start:.1f} s"
    )
    for fmt in ("csv", "json"):
        seconds, cpu, size = _time(huge, fmt)
        shown = f"{size:,} bytes" if isinstance(size, int) else size
        print(f"huge   {fmt:<6} {seconds:8.2f} {cpu:8.2f}  {shown}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory of this process: {peak:,.0f} MiB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="articles in the large pair (0: skip it)")
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--huge", type=int, default=0, help="articles of a CSV/JSON-only pair (e.g. 20000)")
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
    large_pdf: float | None = None
    print(f"\n{'case':<6} {'format':<6} {'wall s':>8} {'cpu s':>8} {'bytes':>12}  target (wall)")
    for name, comparison in cases:
        for fmt in formats:
            seconds, cpu, size = _time(comparison, fmt)
            target = TARGETS.get((name, fmt))
            verdict = "" if target is None else f"<= {target:.0f} s {'ok' if seconds <= target else 'MISSED'}"
            shown = f"{size:>12,}" if isinstance(size, int) else f"  {size}"
            print(f"{name:<6} {fmt:<6} {seconds:>8.2f} {cpu:>8.2f} {shown}  {verdict}")
            if name == "large" and fmt == "pdf" and isinstance(size, int):
                large_pdf = seconds
    if large_pdf is not None:
        one_print = _one_print_seconds(cases[-1][1])
        fresh, warm = empty_page_seconds()
        ratio = large_pdf / fresh
        print(
            f"\nPDF: empty page {fresh:.2f} s with browser launch ({warm:.2f} s on the running browser); "
            f"large PDF / empty page = {ratio:.1f}x (target <= 10x {'ok' if ratio <= 10 else 'MISSED'}); "
            f"printed in chunks by {min(PARALLEL, os.cpu_count() or 1)} browsers; "
            f"in one print {one_print:.2f} s = {one_print / fresh:.1f}x"
        )
    if args.huge:
        huge_case(args.huge)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
