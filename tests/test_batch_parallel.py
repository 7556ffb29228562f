"""``ordiff report --manifest``: --jobs N (local processes) and --scheduler (Dask) give the serial bytes."""

from __future__ import annotations

import shutil
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ordiff.cli import main
from reports import batch

ACT = Path(__file__).resolve().parents[1] / "corpus" / "data" / "kr-ai-framework-act"


@pytest.fixture
def manifest(tmp_path: Path) -> Path:
    shutil.copy(ACT / "old.txt", tmp_path / "old.txt")
    shutil.copy(ACT / "new.txt", tmp_path / "new.txt")
    (tmp_path / "broken.txt").write_text("no article here at all\n")
    path = tmp_path / "pairs.csv"
    path.write_text(
        "name,source,new_source,output\n"
        "seoul,seoul-informatization,,\n"
        "act,kr-ai-framework-act,,\n"
        "broken,broken.txt,,\n"
        "files,old.txt,new.txt,act-from-files\n"
        "seoul again,seoul-informatization,,seoul\n"
    )
    return path


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None, processes=True
    ) as local:
        yield local  # the client of each batch is closed by the batch; the cluster here


def _run(capsys, manifest: Path, out_dir: Path, fmt: str, *extra: str) -> tuple[int, str]:
    code = main(["report", "--manifest", str(manifest), "--format", fmt, "--out-dir", str(out_dir), *extra])
    return code, capsys.readouterr().err


def _files(out_dir: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out_dir.iterdir())}


@pytest.mark.parametrize("fmt", ["md", "json", "pdf"])
def test_jobs_and_cluster_give_the_serial_bytes(
    manifest: Path, capsys, monkeypatch: pytest.MonkeyPatch, cluster, fmt: str
) -> None:
    if fmt == "pdf":
        from reports.pdf import find_browser

        if find_browser() is None or shutil.which("pdftotext") is None:
            pytest.skip(
                "no Chromium / pdftotext for PDF"
            )  # the PDF tests themselves fail under ORDIFF_REQUIRE_BROWSER
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # one generation time for every run
    runs = {
        "serial": ("--jobs", "1"),
        "jobs": ("--jobs", "2"),
        "dask": ("--scheduler", cluster.scheduler_address),
    }
    outputs = {}
    for label, extra in runs.items():
        out_dir = manifest.parent / f"out-{label}"
        code, err = _run(capsys, manifest, out_dir, fmt, *extra)
        assert code == 1, err  # the broken pair fails in every mode ...
        assert "wrote 4 of 5 report(s)" in err and "FAILED broken: broken.txt: no article found" in err
        assert "[########################] 5/5 done" in err  # ... and the progress bar is kept
        outputs[label] = _files(out_dir)
    expected = {f"{n}.{fmt}" for n in ("seoul", "act", "act-from-files", "seoul-2")}
    assert set(outputs["serial"]) == expected
    assert outputs["jobs"] == outputs["serial"]
    assert outputs["dask"] == outputs["serial"]
    assert outputs["serial"][f"seoul.{fmt}"] == outputs["serial"][f"seoul-2.{fmt}"]  # same pair, same bytes
    assert outputs["serial"][f"act.{fmt}"] != outputs["serial"][f"seoul.{fmt}"]


def test_unreachable_scheduler_is_one_line(manifest: Path, capsys) -> None:
    code, err = _run(capsys, manifest, manifest.parent / "out", "md", "--scheduler", "no-port-here")
    assert code == 2 and err.count("\n") == 1 and "cannot reach the Dask scheduler at no-port-here" in err


@pytest.mark.parametrize("value", ["0", "-3", "two"])
def test_bad_jobs_value_is_a_usage_error(manifest: Path, capsys, value: str) -> None:
    with pytest.raises(SystemExit) as exit_info:
        _run(capsys, manifest, manifest.parent / "out", "md", "--jobs", value)
    assert exit_info.value.code == 2 and "must be a whole number of at least 1" in capsys.readouterr().err


def test_a_worker_builds_one_pair_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Threads of one worker process wait for each other (a Dask worker may run several threads)."""
    import diffing

    active, peak = [0], [0]
    guard = threading.Lock()
    real = diffing.compare

    def counting_compare(document):
        with guard:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.05)
        try:
            return real(document)
        finally:
            with guard:
                active[0] -= 1

    monkeypatch.setattr(diffing, "compare", counting_compare)
    task = batch.Task(
        source="seoul-informatization",
        new_source=None,
        fmt="csv",
        changes=None,
        articles=None,
        generated=datetime(2026, 1, 1, tzinfo=UTC),
    )
    results: list[tuple[bytes, str]] = []
    threads = [threading.Thread(target=lambda: results.append(batch.build_pair(task))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert peak[0] == 1
    assert len(results) == 4 and all(data and not error for data, error in results)
    assert len({data for data, _ in results}) == 1
