r"""End-to-end cost of the engine: parse + align + diff, at 1x, 10x and 50x the bundled texts.

Run: ``python benchmarks/bench_engine.py [--repeat N]``.  Prints one table row per case:
articles old/new, parse time, compare (align + word diffs) time, total (CPU seconds of
this process, so other load on a shared machine does not inflate them), wall time, peak
memory (tracemalloc, measured in a separate run so it does not slow the
timings), the growth against the 1x case of the same text, and a difflib
baseline (``SequenceMatcher(autojunk=False).ratio`` over all article pairs,
timed on a sample and extrapolated) with its ratio to the engine.

Large cases are built by ``diffing.synthetic.scale``: ``factor`` copies of the
real old and new versions, each copy with its own vocabulary shift, rendered
to text and parsed again by the reader.

Then the whole-process figures of issue 14, beside their targets (``--root DIR``
measures another checkout with the same script, for before/after columns):

* floor ratio: CPU seconds of ``python -m ordiff align OLD NEW --format json``
  over those of a Python process that reads both files and runs
  ``re.findall(r"\w+")`` on every line, at x50 (target <= 8, aiming at 5);
* growth: the exponent of the align process's CPU time from x10 to x100 (<= 1.1);
* peak memory of the align process at x100 (maximum resident set, <= 300 MiB);
* start-up: ``ordiff align seoul-informatization`` (the issue's command, default text format) against
  ``python -c "import rapidfuzz"`` (<= 2); the same with ``--format json`` beside it, for information.

Processes run with their bytecode cached (``PYTHONPYCACHEPREFIX`` in a temporary folder), as an installed
program runs; best of ``--repeat`` runs (at least 5 for the start-up).

``--floor-only`` skips the table; ``--startup-only`` prints only the start-up figures.
"""

from __future__ import annotations

import argparse
import atexit
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus import load_document, read_sources
from corpus.model import Document, SourceText
from diffing import compare
from diffing.align import align
from diffing.synthetic import render_version, scale

ROOT = Path(__file__).resolve().parent.parent
BASELINE_SAMPLE = 25


@dataclass(frozen=True)
class Case:
    name: str
    base: str  # name of the 1x case of the same text, for growth
    factor: int
    sources: tuple[SourceText, ...]


def cases() -> list[Case]:
    out = []
    for name in ("seoul-informatization", "kr-ai-framework-act"):
        doc = load_document(name)
        out.append(Case(f"{name} (bundled)", f"{name} x1", 0, doc.sources))
        for factor in (1, 10, 50):
            old = render_version(scale(doc.old, factor))
            new = render_version(scale(doc.new, factor))
            srcs = (SourceText(name="old.txt", text=old), SourceText(name="new.txt", text=new))
            out.append(Case(f"{name} x{factor}", f"{name} x1", factor, srcs))
    return out


@dataclass(frozen=True)
class Timing:
    parse: float  # CPU seconds of this process (robust to other load on the machine)
    compare: float
    wall: float  # wall-clock seconds, parse + compare

    @property
    def total(self) -> float:
        return self.parse + self.compare


def timed(case: Case, repeat: int) -> tuple[Timing, Document]:
    best: Timing | None = None
    doc = None
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        doc = read_sources(case.name, case.sources)
        c1 = time.process_time()
        compare(doc)
        c2, w2 = time.process_time(), time.perf_counter()
        run = Timing(c1 - c0, c2 - c1, w2 - w0)
        if best is None or run.total < best.total:
            best = run
    assert doc is not None and best is not None
    return best, doc


def peak_memory(case: Case) -> float:
    tracemalloc.start()
    compare(read_sources(case.name, case.sources))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def difflib_baseline(doc: Document) -> float:
    """Seconds difflib would need to score all article pairs, from a timed random sample."""
    rng = random.Random(0)
    olds = [a.text for a in doc.old.articles]
    news = [a.text for a in doc.new.articles]
    so = rng.sample(olds, min(BASELINE_SAMPLE, len(olds)))
    sn = rng.sample(news, min(BASELINE_SAMPLE, len(news)))
    t0 = time.process_time()
    for a in so:
        for b in sn:
            SequenceMatcher(None, a, b, autojunk=False).ratio()
    per_pair = (time.process_time() - t0) / (len(so) * len(sn))
    return per_pair * len(olds) * len(news)


def align_share(doc: Document, compare_s: float) -> str:
    """Where the compare step goes: the article alignment, and the pairs and rows built from it."""
    c0 = time.process_time()
    align(doc.old, doc.new)
    spent = time.process_time() - c0
    return f"align {spent:.3f} s, pairs and word diffs {max(0.0, compare_s - spent):.3f} s"


FLOOR_CODE = (
    "import re, sys\n"
    "word = re.compile(r'\\w+')\n"
    "for name in sys.argv[1:]:\n"
    "    with open(name, encoding='utf-8') as fh:\n"
    "        for line in fh:\n"
    "            word.findall(line)\n"
)


# Processes run as an installed program does, with its modules' bytecode cached (kept out of the tree, in
# one temporary folder; the first of the ``repeat`` runs fills it).  Without it, an environment that sets
# PYTHONDONTWRITEBYTECODE makes every process compile all of ordiff's modules again (~90 ms per process).
PYCACHE = tempfile.mkdtemp(prefix="ordiff-bench-pycache-")
atexit.register(shutil.rmtree, PYCACHE, ignore_errors=True)


def process_cost(cmd: list[str], root: Path, repeat: int) -> tuple[float, float]:
    """(CPU seconds, peak resident MiB) of a whole process, the best of ``repeat`` runs."""
    best_cpu, best_rss = float("inf"), 0.0
    env = {**os.environ, "PYTHONPATH": str(root), "PYTHONPYCACHEPREFIX": PYCACHE}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for _ in range(repeat):
        child = subprocess.Popen(cmd, cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            raise SystemExit(f"failed ({child.returncode}): {' '.join(cmd)}")
        cpu = usage.ru_utime + usage.ru_stime
        if cpu < best_cpu:
            best_cpu, best_rss = cpu, usage.ru_maxrss / 1024
    return best_cpu, best_rss


def floor_figures(root: Path, repeat: int) -> None:
    """The whole-process figures of issue 14 for the checkout at ``root``."""
    align = [sys.executable, "-m", "ordiff", "align"]
    print(f"\nwhole processes, checkout {root} (CPU s = user + sys, best of {repeat})")
    with tempfile.TemporaryDirectory(prefix="ordiff-bench-engine-") as tmp:
        costs: dict[tuple[str, int], float] = {}
        for name in ("kr-ai-framework-act", "seoul-informatization"):
            doc = load_document(name)
            for factor in (10, 50, 100):
                old, new = Path(tmp, f"{name}-{factor}-old.txt"), Path(tmp, f"{name}-{factor}-new.txt")
                old.write_text(render_version(scale(doc.old, factor)), encoding="utf-8")
                new.write_text(render_version(scale(doc.new, factor)), encoding="utf-8")
                files = [str(old), str(new)]
                cpu, rss = process_cost(
                    [*align, *files, "--format", "json"], root, repeat if factor < 100 else 1
                )
                costs[(name, factor)] = cpu
                line = f"  {name} x{factor}: align {cpu:6.2f} s, peak {rss:6.0f} MiB"
                if factor == 50:
                    floor, _ = process_cost([sys.executable, "-c", FLOOR_CODE, *files], root, repeat)
                    line += f"; floor {floor:5.2f} s; ratio {cpu / floor:5.1f}x (target <= 8x, aim 5x)"
                if factor == 100:
                    growth = math.log(cpu / costs[(name, 10)]) / math.log(10)
                    line += f"; growth x10->x100 n^{growth:.2f} (target <= n^1.1)"
                    line += f"; peak {'ok' if rss <= 300 else 'MISSED'} (target <= 300 MiB)"
                print(line, flush=True)
    startup_figures(root, repeat)


def startup_figures(root: Path, repeat: int) -> None:
    """Start-up of issue 14: its command (default text format) against the target, then ``--format json``."""
    align = [sys.executable, "-m", "ordiff", "align", "seoul-informatization"]
    bare, _ = process_cost([sys.executable, "-c", "import rapidfuzz"], root, max(repeat, 5))
    small, _ = process_cost(align, root, max(repeat, 5))
    as_json, _ = process_cost([*align, "--format", "json"], root, max(repeat, 5))
    print(
        f"  start-up: ordiff align seoul-informatization {small:.3f} s vs python -c 'import rapidfuzz' "
        f"{bare:.3f} s: {small / bare:.1f}x (target <= 2x)"
    )
    print(
        f"  (informational) ordiff align seoul-informatization --format json {as_json:.3f} s: "
        f"{as_json / bare:.1f}x"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per case (best is kept)")
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout whose ordiff the processes run")
    parser.add_argument("--floor-only", action="store_true", help="only the whole-process figures")
    parser.add_argument("--startup-only", action="store_true", help="only the start-up figures")
    args = parser.parse_args()
    if args.startup_only:
        print(f"start-up, checkout {args.root.resolve()} (CPU s = user + sys, best of {max(args.repeat, 5)})")
        startup_figures(args.root.resolve(), args.repeat)
        print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        return 0
    if args.floor_only:
        floor_figures(args.root.resolve(), args.repeat)
        print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        return 0
    header = (
        f"{'case':<34} {'old':>5} {'new':>5} {'parse s':>8} {'compare s':>9} {'total s':>8} {'wall s':>7} "
        f"{'peak MiB':>8} {'growth':>7} {'difflib s':>10} {'x faster':>8}"
    )
    print(header)
    print("-" * len(header))
    totals: dict[str, float] = {}
    largest: tuple[str, str] = ("", "")
    for case in cases():
        t, doc = timed(case, args.repeat if case.factor < 50 else 1)
        total = t.total
        totals[case.name] = total
        base = totals.get(case.base)
        growth = f"{total / base:6.1f}x" if base and case.factor > 1 else ""
        baseline = difflib_baseline(doc)
        print(
            f"{case.name:<34} {len(doc.old.articles):>5} {len(doc.new.articles):>5} {t.parse:>8.3f} "
            f"{t.compare:>9.3f} {total:>8.3f} {t.wall:>7.2f} {peak_memory(case):>8.1f} {growth:>7} "
            f"{baseline:>10.1f} {baseline / total:>8.0f}",
            flush=True,
        )
        if case.factor == 50:
            largest = (case.name, align_share(doc, t.compare))
    print()
    if largest[0]:
        print(f"compare step of the last x50 case ({largest[0]}): {largest[1]}")
    print("targets: 50x the size at most 100x the time of 1x; a 2,000-article pair end to end <= 3 s")
    sample = f"{BASELINE_SAMPLE}x{BASELINE_SAMPLE}"
    print(
        f"difflib baseline: SequenceMatcher(autojunk=False).ratio over all pairs, timed on a {sample} sample"
    )
    floor_figures(args.root.resolve(), args.repeat)
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
