"""Wall time of a 50-pair manifest batch: serial, ``--jobs 2`` and on a local Dask cluster.

    python benchmarks/bench_batch.py                       # 50 pairs, Markdown
    python benchmarks/bench_batch.py --pairs 20 --format pdf

Each run is a whole ``python -m ordiff report --manifest ... --out-dir ...`` process
(start-up included).  The manifest alternates the two bundled documents and a
file pair (the Act's old and new texts copied to the manifest's folder); every
row gets its own output.  The Dask run starts ``LocalCluster(n_workers=2,
threads_per_worker=1)`` on 127.0.0.1 first (its start-up is printed apart, not
counted) and passes its address with ``--scheduler``.  The three output folders
are compared byte for byte (``SOURCE_DATE_EPOCH`` fixes the generation time).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# the scheduler (in this process) and its workers unpickle the tasks: they import ``reports.batch`` from here
sys.path.insert(0, str(ROOT))
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH"))))
ACT = ROOT / "corpus" / "data" / "kr-ai-framework-act"


def write_manifest(folder: Path, pairs: int) -> Path:
    shutil.copy(ACT / "old.txt", folder / "old.txt")
    shutil.copy(ACT / "new.txt", folder / "new.txt")
    rows = ["name,source,new_source,output"]
    kinds = (("seoul-informatization", ""), ("kr-ai-framework-act", ""), ("old.txt", "new.txt"))
    for i in range(pairs):
        source, new_source = kinds[i % len(kinds)]
        rows.append(f"pair {i:03d},{source},{new_source},")
    path = folder / "pairs.csv"
    path.write_text("\n".join(rows) + "\n")
    return path


def run(manifest: Path, out_dir: Path, fmt: str, *extra: str) -> float:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "ordiff", "report", "--manifest", str(manifest), "--format", fmt]
    start = time.perf_counter()
    done = subprocess.run(
        [*cmd, "--out-dir", str(out_dir), *extra], cwd=ROOT, env=env, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"batch failed ({' '.join(extra)}): {done.stderr.strip().splitlines()[-3:]}")
    return elapsed


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=50)
    parser.add_argument("--format", default="md")
    args = parser.parse_args()
    from distributed import LocalCluster

    with tempfile.TemporaryDirectory(prefix="ordiff-bench-batch-") as tmp:
        folder = Path(tmp)
        manifest = write_manifest(folder, args.pairs)
        times = {
            "serial (--jobs 1)": run(manifest, folder / "serial", args.format, "--jobs", "1"),
            "--jobs 2": run(manifest, folder / "jobs2", args.format, "--jobs", "2"),
        }
        start = time.perf_counter()
        with LocalCluster(
            n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
        ) as cluster:
            started = time.perf_counter() - start
            times["LocalCluster, 2 workers"] = run(
                manifest, folder / "dask", args.format, "--scheduler", cluster.scheduler_address
            )
        same = files(folder / "serial") == files(folder / "jobs2") == files(folder / "dask")
        count = len(files(folder / "serial"))
    with open("/proc/loadavg", encoding="ascii") as fh:
        load = fh.read().split()[0]
    cpus = os.cpu_count()
    print(f"{args.pairs}-pair manifest, format {args.format}, {count} reports; load {load} on {cpus} CPUs")
    serial = times["serial (--jobs 1)"]
    for label, seconds in times.items():
        print(f"  {label:<26} {seconds:7.2f} s   x{serial / seconds:4.2f} of serial")
    print(f"  (LocalCluster start-up {started:.2f} s, not counted)")
    print(f"  outputs byte-identical across the three runs: {'yes' if same else 'NO'}")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
