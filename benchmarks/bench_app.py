"""Viewer speed: first load and rerun after selecting another pair, driven by Streamlit's AppTest.

Usage: ``python benchmarks/bench_app.py [--reruns N]``.  Prints one table:
the analysis itself (decode, read, align, index), the first load of the app
with an empty cache, a new session with a warm cache, and the script time of
a rerun after selecting another pair (median and worst of N), per bundled
document.  Target: rerun <= 150 ms warm.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from ordiff import corpus

# the benchmark never touches an analyst's own review database (set ORDIFF_DB to measure one)
os.environ.setdefault("ORDIFF_DB", "memory:")
from viewer.loading import analyse, bundled_input

APP = str(Path(__file__).resolve().parent.parent / "app.py")
TARGET_MS = 150.0


def ms(seconds: float) -> float:
    return seconds * 1000.0


def timed_run(at: AppTest) -> float:
    start = time.perf_counter()
    at.run(timeout=300)
    elapsed = time.perf_counter() - start
    if at.exception:
        raise SystemExit(f"app raised: {at.exception[0].value}")
    return elapsed


def bench_document(name: str, reruns: int) -> dict[str, float]:
    inp = bundled_input(name)
    start = time.perf_counter()
    analysis = analyse(inp)
    analyse_s = time.perf_counter() - start

    st.cache_resource.clear()
    cold = AppTest.from_file(APP, default_timeout=300)
    cold.query_params["doc"] = name
    first_cold = timed_run(cold)

    warm = AppTest.from_file(APP, default_timeout=300)
    warm.query_params["doc"] = name
    first_warm = timed_run(warm)

    keys = list(analysis.index.keys)
    step = max(1, len(keys) // max(reruns, 1))
    times = []
    for key in (keys[(i * step + 1) % len(keys)] for i in range(reruns)):
        warm.selectbox(key="pair").set_value(key)
        times.append(timed_run(warm))
    return {
        "pairs": float(len(keys)),
        "analyse": ms(analyse_s),
        "first_cold": ms(first_cold),
        "first_warm": ms(first_warm),
        "rerun_median": ms(statistics.median(times)),
        "rerun_max": ms(max(times)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reruns", type=int, default=15, help="pair selections timed per document")
    args = parser.parse_args()

    # one throw-away run so the first row does not pay for importing Streamlit's app machinery
    AppTest.from_file(APP, default_timeout=300).run(timeout=300)

    header = (
        f"{'document':<24} {'pairs':>5} {'analyse ms':>11} {'first load cold ms':>19} "
        f"{'new session warm ms':>20} {'rerun median ms':>16} {'rerun max ms':>13} {'<= 150 ms':>9}"
    )
    print(header)
    print("-" * len(header))
    for doc in corpus():
        r = bench_document(doc.name, args.reruns)
        ok = "yes" if r["rerun_median"] <= TARGET_MS else "NO"
        print(
            f"{doc.name:<24} {r['pairs']:>5.0f} {r['analyse']:>11.0f} {r['first_cold']:>19.0f} "
            f"{r['first_warm']:>20.0f} {r['rerun_median']:>16.0f} {r['rerun_max']:>13.0f} {ok:>9}"
        )
    print(f"\nAppTest script times (no browser rendering); {args.reruns} pair selections per document.")


if __name__ == "__main__":
    main()
