"""Batches of reports from a manifest: plan the outputs, build the pairs (serially, in local processes or on a
Dask cluster) and write each report atomically on the machine that runs the batch.

The steps, in order:

1. ``read_manifest`` turns a CSV or TOML manifest into :class:`Job` s (paths relative to the manifest).
2. ``plan_outputs`` reserves every output file name before anything is built: the names rows ask for are
   claimed first, and a row whose name is already claimed gets the first ``stem-N.ext`` that no row asks
   for (so a renamed output never lands on a later row's name).  Names compare case-insensitively, as on
   the file systems of Windows and macOS.  A planned file that already exists in the output directory is an
   error (nothing is built) unless ``overwrite`` is given.
3. ``run_batch`` builds the reports (``build_pair``) and writes each one as it arrives, through a temporary
   file in the output directory that is then linked into place without replacing anything that appeared in
   the meantime (or moved over it with ``overwrite``).  Builders return bytes; they never write.

Where pairs run: ``jobs=1`` in this process; ``jobs>1`` in that many local processes; ``scheduler`` (a
``tcp://HOST:PORT`` address) on a Dask distributed cluster, one task per pair.  Workers return the report's
bytes to the client, which writes them: the workers need this project installed and read access to the
sources, but no shared output directory.  A worker builds one pair at a time (a process-wide lock), so its
memory stays that of one pair whatever its thread count.

Every report of one batch carries the same generation time (``SOURCE_DATE_EPOCH`` when set, else the time
the batch started), so a batch gives the same bytes whichever way it ran.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import signal
import tempfile
import threading
import time
import tomllib
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from corpus.sources import SourceError, read_limited


@dataclass(frozen=True, slots=True, kw_only=True)
class Job:
    """One row of a manifest."""

    name: str
    source: str
    new_source: str | None
    output: str  # a plain file name inside the output directory (sanitised, reserved by ``plan_outputs``)
    where: str  # "pairs.csv line 3": where the row is, for messages
    renamed_from: str = ""  # the name the row asked for, when ``plan_outputs`` had to pick another


@dataclass(frozen=True, slots=True, kw_only=True)
class Outcome:
    """What became of one job: the file written, or why it failed."""

    job: Job
    path: Path | None = None
    size: int = 0
    error: str = ""


# ---------------------------------------------------------------- manifests


def _resolve_path(value: str, base: Path) -> str:
    """Manifest paths are relative to the manifest; bundled names stay names."""
    from corpus.sources import bundled_names

    if value in bundled_names() or Path(value).is_absolute():
        return value
    return str(base / value)


def _job(entry: dict[str, object], where: str, base: Path, ext: str) -> Job:
    from reports.safety import safe_filename

    def text(key: str) -> str | None:
        value = entry.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if not isinstance(value, str):
            raise SourceError(f"{where}: {key} must be text, not {type(value).__name__}")
        return value.strip()

    name = text("name")
    source = text("source")
    if not name or not source:
        raise SourceError(f"{where}: every entry needs a name and a source")
    new_source = text("new_source")
    output = text("output")
    if output:
        stem = safe_filename(Path(output).stem, default=safe_filename(name))
        out_ext = Path(output).suffix.lstrip(".").lower() or ext
        filename = f"{stem}.{safe_filename(out_ext, default=ext)}"
    else:
        filename = f"{safe_filename(name)}.{ext}"
    return Job(
        name=name,
        source=_resolve_path(source, base),
        new_source=_resolve_path(new_source, base) if new_source else None,
        output=filename,
        where=where,
    )


MANIFEST_LIMIT = 4 * 1024 * 1024  # a manifest of thousands of rows is far smaller


def read_manifest(path: Path, ext: str) -> list[Job]:
    """Jobs of a CSV (header: name, source[, new_source][, output]) or TOML manifest, outputs planned.

    TOML: ``[[pairs]]`` tables with those keys, or one table per pair named by
    its ``name`` (``[seoul] source = "..."``).  ``ext`` is the extension of
    outputs the manifest does not name.
    """
    try:
        raw = read_limited(path, MANIFEST_LIMIT).decode("utf-8-sig")  # a regular file only, size-limited
    except UnicodeDecodeError as exc:
        raise SourceError(f"{path}: cannot read the manifest (not UTF-8: {exc.reason})") from None
    if path.suffix.lower() == ".toml":
        entries = _toml_entries(path, raw)
    elif path.suffix.lower() == ".csv":
        entries = _csv_entries(path, raw)
    else:
        raise SourceError(f"{path}: a manifest must be a .csv or .toml file")
    if not entries:
        raise SourceError(f"{path}: the manifest lists no pair")
    return plan_outputs([_job(e, where, path.parent, ext) for where, e in entries])


def _csv_entries(path: Path, raw: str) -> list[tuple[str, dict[str, object]]]:
    reader = csv.DictReader(io.StringIO(raw, newline=""))
    fields = [f.strip().lower() for f in reader.fieldnames or []]
    if "name" not in fields or "source" not in fields:
        raise SourceError(
            f"{path}: the CSV header must name the columns name, source[, new_source][, output]"
        )
    return [
        (f"{path.name} line {i}", {k.strip().lower(): v for k, v in row.items() if k})
        for i, row in enumerate(reader, 2)
    ]


def _toml_entries(path: Path, raw: str) -> list[tuple[str, dict[str, object]]]:
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise SourceError(f"{path}: not valid TOML ({exc})") from None
    if isinstance(data.get("pairs"), list):
        tables = data["pairs"]
        if not all(isinstance(t, dict) for t in tables):
            raise SourceError(f"{path}: 'pairs' must be an array of tables ([[pairs]])")
        return [(f"{path.name} pairs[{i}]", dict(t)) for i, t in enumerate(tables)]
    out: list[tuple[str, dict[str, object]]] = []
    for key, table in data.items():
        if not isinstance(table, dict):
            raise SourceError(f"{path}: {key!r} is not a table; use [[pairs]] or [name] tables")
        out.append((f"{path.name} [{key}]", {"name": key, **table}))
    return out


# ---------------------------------------------------------------- output plan


def _key(filename: str) -> str:
    return filename.casefold()


def plan_outputs(jobs: list[Job]) -> list[Job]:
    """Every job with an output name no other job has (see the module docstring, step 2)."""
    asked = {_key(j.output) for j in jobs}
    taken: dict[str, Job] = {}
    out = []
    for job in jobs:
        if _key(job.output) in taken:
            stem, dot, ext = job.output.rpartition(".")
            stem, dot = (stem, dot) if dot else (ext, "")
            ext = ext if dot else ""
            n = 2
            while _key(f"{stem}-{n}{dot}{ext}") in asked or _key(f"{stem}-{n}{dot}{ext}") in taken:
                n += 1
            job = replace(job, output=f"{stem}-{n}{dot}{ext}", renamed_from=job.output)
        taken[_key(job.output)] = job
        out.append(job)
    return out


def check_out_dir(jobs: list[Job], out_dir: Path, overwrite: bool) -> None:
    """SourceError, before anything is built, if a planned output exists (and may not be replaced)."""
    existing = [j.output for j in jobs if os.path.lexists(out_dir / j.output)]
    dirs = [name for name in existing if (out_dir / name).is_dir()]
    if dirs:
        raise SourceError(f"{out_dir}: {_names(dirs)} is a directory, not a report; rename the output")
    if existing and not overwrite:
        raise SourceError(
            f"{out_dir}: {_names(existing)} already exist(s); give --overwrite to replace, "
            "or choose another --out-dir"
        )


def _names(names: list[str], shown: int = 3) -> str:
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


# ---------------------------------------------------------------- writing


# ``reports.safety.write_atomic`` names its temporary file ``.<target name>.<8 random chars>.tmp``
# (``tempfile.mkstemp`` with that prefix and suffix); only files of that shape are ever cleaned.
TEMP_OUTPUT_RE = re.compile(
    r"""
    ^\.(?P<target>.+)             # hidden: a dot, then the name of the file being written
    \.(?P<random>[a-z0-9_]{8})    # mkstemp's random part
    \.tmp$
    """,
    re.VERBOSE,
)
STALE_AFTER_S = 3600  # a write takes seconds; an hour-old temporary file belongs to a killed run


def clean_stale_temp_outputs(directory: Path, older_than: float = STALE_AFTER_S) -> list[Path]:
    """Remove this tool's temporary output files left in ``directory`` by a killed run.

    Only regular files owned by this user, named as ``write_atomic`` names them and
    older than ``older_than`` seconds are removed; anything else is left alone.
    """
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    for entry in entries:
        if not TEMP_OUTPUT_RE.match(entry.name):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if not entry.is_file(follow_symlinks=False) or st.st_uid != os.getuid():
                continue
            if now - st.st_mtime < older_than:
                continue
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def write_new(path: Path, data: bytes, overwrite: bool) -> None:
    """Write ``data`` to ``path`` atomically; without ``overwrite`` never replace an existing file.

    The bytes go to a temporary file in the same directory first; it is then
    hard-linked to ``path`` (which fails if ``path`` exists, even if another
    program made it a moment ago) or, with ``overwrite``, moved over it.
    """
    from reports.safety import write_atomic

    if overwrite:
        write_atomic(path, data)
        return
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise SourceError(f"{path}: appeared during the batch; not replaced (use --overwrite)") from None
        except OSError:  # a file system without hard links: check, then move (a small race remains)
            if os.path.lexists(path):
                raise SourceError(f"{path}: already exists; not replaced (use --overwrite)") from None
            os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)


# ---------------------------------------------------------------- building


def batch_time() -> datetime:
    """The generation time of a batch: ``$SOURCE_DATE_EPOCH`` (reproducible builds) or now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True, kw_only=True)
class Task:
    """What a worker needs to build one report (small and picklable)."""

    source: str
    new_source: str | None
    fmt: str
    changes: str | None
    articles: str | None
    generated: datetime


_ONE_AT_A_TIME = threading.Lock()  # a worker builds one pair at a time, whatever its thread count


def build_pair(task: Task) -> tuple[bytes, str]:
    """``(report bytes, "")``, or ``(b"", reason)`` when the pair cannot be reported.

    Runs in this process, a local worker process or a Dask worker; it never
    writes a file, and it turns every failure into a message so that nothing
    but bytes and text crosses back.
    """
    with _ONE_AT_A_TIME:
        try:
            from corpus import load_document
            from diffing import compare
            from reports import export

            comparison = compare(load_document(task.source, task.new_source))
            data = export(
                comparison, task.fmt, changes=task.changes, articles=task.articles, generated=task.generated
            )
            return data, ""
        except SourceError as exc:
            return b"", str(exc)
        except Exception as exc:  # one broken pair must not stop the batch; say what happened
            return b"", f"{type(exc).__name__}: {exc}"


Builder = Callable[[Task], tuple[bytes, str]]


def _serial(tasks: list[Task], build: Builder) -> Iterator[tuple[int, tuple[bytes, str]]]:
    for i, task in enumerate(tasks):
        yield i, build(task)


def _worker_init(parallel: int) -> None:
    from reports import pdf

    pdf.PARALLEL = parallel


def _processes(tasks: list[Task], build: Builder, jobs: int) -> Iterator[tuple[int, tuple[bytes, str]]]:
    import multiprocessing

    share = max(1, (os.cpu_count() or 1) // jobs)  # cores per worker for chunked PDF printing
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        # workers forked from this process after the engine is imported start in milliseconds, not a second
        import corpus  # noqa: F401
        import reports  # noqa: F401
        from diffing import compare  # noqa: F401

        method = "fork"
    else:
        method = "spawn"
    context = multiprocessing.get_context(method)
    pool = ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_worker_init, initargs=(share,)
    )
    finished = False
    previous = _exit_on_sigterm()
    try:
        futures: dict[Future[tuple[bytes, str]], int] = {
            pool.submit(build, t): i for i, t in enumerate(tasks)
        }
        pending = set(futures)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                try:
                    result = future.result()
                except Exception as exc:  # a worker died (killed, out of memory)
                    result = (b"", f"worker failed: {type(exc).__name__}: {exc}")
                yield futures.pop(future), result
        finished = True
    finally:
        if finished:
            pool.shutdown(wait=True)
        else:
            # interrupted (Ctrl-C, SIGTERM, an error while writing): drop the queued pairs and end the
            # workers now (their own signal handlers end their browsers); nobody will write those pairs
            processes = list((getattr(pool, "_processes", None) or {}).values())
            pool.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                if process.is_alive():
                    process.terminate()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _exit_on_sigterm() -> Any:
    """While local workers run, SIGTERM unwinds (SystemExit) so that they are ended too; the old handler."""
    if threading.current_thread() is not threading.main_thread():
        return None
    previous = signal.getsignal(signal.SIGTERM)
    if previous != signal.SIG_DFL:
        return None  # someone else handles it (e.g. the PDF module); leave it to them

    def unwind(signum: int, _frame: Any) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, unwind)
    return previous


def connect(scheduler: str) -> Any:
    """A ``distributed.Client`` of the scheduler at ``scheduler`` (``tcp://HOST:PORT``), or SourceError."""
    try:
        from distributed import Client
    except ImportError:
        raise SourceError("--scheduler needs dask distributed (pip install 'dask[distributed]')") from None
    try:
        return Client(scheduler, timeout="10s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise SourceError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from None


def _dask(
    tasks: list[Task], build: Builder, client: Any, window: int
) -> Iterator[tuple[int, tuple[bytes, str]]]:
    from distributed import as_completed

    try:
        # a bounded window of tasks in flight: results are bytes held by the workers until fetched
        size = max(1, window or 2 * max(1, len(client.nthreads())))
        index: dict[object, int] = {}
        queue = iter(enumerate(tasks))

        def submit() -> Any:
            for i, task in queue:
                future = client.submit(build, task, key=f"ordiff-pair-{i}-{os.getpid()}", pure=False)
                index[future.key] = i
                return future
            return None

        first = [f for f in (submit() for _ in range(size)) if f is not None]
        running = as_completed(first)
        for future in running:
            try:
                result = future.result()
            except Exception as exc:  # the worker died or the task could not run there
                result = (b"", f"Dask task failed: {type(exc).__name__}: {exc}")
            i = index.pop(future.key)
            future.release()
            following = submit()
            if following is not None:
                running.add(following)
            yield i, result
    finally:
        with contextlib.suppress(Exception):  # workers outlive the batch: end the browsers they started
            client.run(_close_worker_browsers)
        client.close()


def _close_worker_browsers() -> None:
    from reports.pdf import close_browsers

    close_browsers()


def prepare_out_dir(jobs: list[Job], out_dir: Path, overwrite: bool) -> None:
    """Make ``out_dir``, clean a killed run's temporary files there, refuse to replace existing outputs."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SourceError(f"{out_dir}: cannot create the output directory ({exc.strerror})") from None
    clean_stale_temp_outputs(out_dir)
    check_out_dir(jobs, out_dir, overwrite)


def run_batch(
    jobs: list[Job],
    out_dir: Path,
    fmt: str,
    *,
    changes: str | None = None,
    articles: str | None = None,
    overwrite: bool = False,
    workers: int = 1,
    scheduler: str | None = None,
    generated: datetime | None = None,
    on_start: Callable[[], None] | None = None,
    on_done: Callable[[int, Job], None] | None = None,
    build: Builder = build_pair,
) -> list[Outcome]:
    """Build and write every job's report; the outcomes in manifest order.

    Raises SourceError (nothing built) when the output directory cannot be
    made or a planned output exists without ``overwrite``.  ``on_done(n, job)``
    is called after each pair, ``n`` counting the pairs done so far;
    ``on_start()`` once the batch can start (the scheduler is reached).
    """
    prepare_out_dir(jobs, out_dir, overwrite)
    when = generated or batch_time()
    tasks = [
        Task(
            source=j.source,
            new_source=j.new_source,
            fmt=fmt,
            changes=changes,
            articles=articles,
            generated=when,
        )
        for j in jobs
    ]
    if scheduler:
        results = _dask(tasks, build, connect(scheduler), window=0)
    elif workers > 1 and len(tasks) > 1:
        results = _processes(tasks, build, min(workers, len(tasks)))
    else:
        results = _serial(tasks, build)
    if on_start is not None:
        on_start()
    outcomes: dict[int, Outcome] = {}
    for i, (data, error) in results:
        job = jobs[i]
        if not error:
            path = out_dir / job.output
            try:
                write_new(path, data, overwrite)
            except SourceError as exc:
                error = str(exc)
            except OSError as exc:
                error = f"{path}: cannot write the report ({exc.strerror})"
        outcomes[i] = (
            Outcome(job=job, error=error)
            if error
            else Outcome(job=job, path=out_dir / job.output, size=len(data))
        )
        if on_done is not None:
            on_done(len(outcomes), job)
    return [outcomes[i] for i in range(len(jobs))]
