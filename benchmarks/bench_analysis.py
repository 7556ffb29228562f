"""Cost of the analysis (``analysis.analyse``) against the comparison it analyses, at 1x, 10x and 50x.

Run: ``python benchmarks/bench_analysis.py [--repeat N] [--factors 1 10 50]``.  For each bundled
text and factor: the articles of each side, the CPU seconds of ``diffing.compare`` and of
``analysis.analyse`` (``time.process_time``, best of ``--repeat``; CPU time so other load on a
shared machine does not inflate them), the analysis as a share of the comparison, and the growth
exponent of the analysis between consecutive factors (``log(t2 / t1) / log(f2 / f1)``: 1.0 is
linear, 2.0 quadratic).  Then the CPU cost of ``import analysis`` in a fresh process, and the
modules outside ``analysis`` that it loaded.

Then the JSON output of ``ordiff align --format json`` after the comparison (analysis included,
written to ``/dev/null``): ``json s`` is this checkout's writer (``ordiff.cmd_align.write_json`` where
it has one), ``dumps s`` the way it was first written (``with_analysis(comparison_to_dict(...))``,
``print(json.dumps(..., indent=2))``); both CPU seconds, once each.

Large cases are built as ``benchmarks/bench_engine.py`` builds them (``diffing.synthetic.scale``,
rendered to text and read again).  ``--root DIR`` times another checkout with this same script
(for before/after columns from one run).
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

IMPORT_PROBE = """
import sys, time
before = set(sys.modules)
t = time.process_time()
import analysis
t = time.process_time() - t
extra = sorted(m for m in set(sys.modules) - before if m != "analysis" and not m.startswith("analysis."))
print(f"{t * 1000:.1f}", len(extra), " ".join(m for m in extra if "." not in m))
"""


def best_cpu(fn: object, repeat: int) -> tuple[float, object]:
    best = math.inf
    out: object = None
    for _ in range(repeat):
        t0 = time.process_time()
        out = fn()  # type: ignore[operator]
        best = min(best, time.process_time() - t0)
    return best, out


def json_output(comparison: object, plain: bool) -> None:
    """``ordiff align --format json`` after the comparison, onto ``/dev/null``: this checkout's writer,
    or (``plain``, or a checkout without one) the whole dict and ``print(json.dumps(...))``."""
    import json

    import ordiff.cmd_align as cmd
    from review.decisions import apply_decisions

    result = apply_decisions(comparison, ())  # type: ignore[arg-type]
    with open(os.devnull, "w", encoding="utf-8") as sink, contextlib.redirect_stdout(sink):
        if not plain and hasattr(cmd, "write_json"):
            cmd.write_json(comparison, result)  # type: ignore[arg-type]
            return
        from analysis import with_analysis
        from diffing.serialize import comparison_to_dict

        data = with_analysis(comparison, comparison_to_dict(comparison))  # type: ignore[arg-type]
        for pair, entry in zip(data["pairs"], result.entries, strict=True):
            pair["origin"], pair["review"] = entry.origin, entry.review
        data["review"] = {"progress": result.progress, "stale": [s.message for s in result.stale]}
        print(json.dumps(data, ensure_ascii=False, indent=2))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per case (best is kept)")
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout whose analysis is timed")
    args = parser.parse_args()
    root = args.root.resolve()
    sys.path.insert(0, str(root))

    import analysis
    import ordiff.cmd_align  # noqa: F401  (loaded before the first timed JSON output, as the rest)
    import review.decisions  # noqa: F401
    from corpus import load_document, read_sources
    from corpus.model import SourceText
    from diffing import compare
    from diffing.synthetic import render_version, scale

    print(f"root: {root}")
    header = (
        f"{'case':<28} {'old':>6} {'new':>6} {'compare s':>10} {'analysis s':>10} {'share':>7} {'growth':>7}"
        f" {'json s':>7} {'dumps s':>7}"
    )
    print(header)
    print("-" * len(header))
    for name in ("seoul-informatization", "kr-ai-framework-act"):
        base = load_document(name)
        last: tuple[int, float] | None = None
        for factor in args.factors:
            if factor == 1:
                doc = base
            else:
                old = render_version(scale(base.old, factor))
                new = render_version(scale(base.new, factor))
                srcs = (SourceText(name="old.txt", text=old), SourceText(name="new.txt", text=new))
                doc = read_sources(f"{name} x{factor}", srcs)
            repeat = args.repeat if factor < 50 else 1
            compare_s, comparison = best_cpu(lambda d=doc: compare(d), 1)
            analysis_s, _ = best_cpu(lambda c=comparison: analysis.analyse(c), repeat)
            growth = ""
            if last is not None and analysis_s > 0 and last[1] > 0:
                growth = f"n^{math.log(analysis_s / last[1]) / math.log(factor / last[0]):.2f}"
            last = (factor, analysis_s)
            json_s, _ = best_cpu(lambda c=comparison: json_output(c, plain=False), 1)
            dumps_s, _ = best_cpu(lambda c=comparison: json_output(c, plain=True), 1)
            print(
                f"{name + ' x' + str(factor):<28} {len(doc.old.articles):>6} {len(doc.new.articles):>6} "
                f"{compare_s:>10.3f} {analysis_s:>10.3f} {analysis_s / compare_s:>7.1%} {growth:>7}"
                f" {json_s:>7.3f} {dumps_s:>7.3f}",
                flush=True,
            )
    probe = subprocess.run(
        [sys.executable, "-c", IMPORT_PROBE], cwd=root, capture_output=True, text=True, check=True
    )
    ms, count, top = [*probe.stdout.strip().split(" ", 2), ""][:3]
    print(f"\nimport analysis: {ms} ms CPU, {count} modules outside analysis ({top or 'none'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
