"""``ordiff report``: write a comparison report (one pair, or a batch over a manifest)."""

from __future__ import annotations

import argparse
import csv
import io
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from corpus.sources import SourceError

NAME = "report"
HELP = "Write a comparison report (docx, xlsx, csv, html, pdf, md, json) for one pair or a manifest of pairs."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from reports import FORMATS

    parser.add_argument(
        "source", nargs="?", help="bundled document name or path (old version, or combined page)"
    )
    parser.add_argument("new_source", nargs="?", help="path of the new version (when SOURCE is the old one)")
    parser.add_argument("--format", "-f", required=True, choices=FORMATS, help="report format")
    parser.add_argument("-o", "--output", help="output file ('-' for standard output)")
    parser.add_argument(
        "--changes", help="only these change kinds, comma-separated (e.g. modified,renumbered)"
    )
    parser.add_argument("--articles", help="only pairs with these article numbers, old or new (e.g. 5-2,34)")
    parser.add_argument("--manifest", help="CSV or TOML file of pairs: name, source, new_source, output")
    parser.add_argument("--out-dir", help="directory for the reports of a manifest (created if missing)")


def run(args: argparse.Namespace) -> int:
    check_changes(args.changes)
    if args.manifest:
        if args.source or args.output:
            raise SourceError(
                "give either SOURCE [NEW_SOURCE] -o PATH or --manifest FILE --out-dir DIR, not both"
            )
        if not args.out_dir:
            raise SourceError("--manifest needs --out-dir DIR")
        return run_batch(args)
    if not args.source:
        raise SourceError("give SOURCE [NEW_SOURCE] (a bundled name or paths) or --manifest FILE")
    if not args.output:
        raise SourceError("give the output file with -o PATH ('-' for standard output)")
    data = build(args.source, args.new_source, args.format, args.changes, args.articles)
    if args.output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    write_output(Path(args.output), data)
    print(f"wrote {args.output} ({len(data):,} bytes)", file=sys.stderr)
    return 0


def check_changes(changes: str | None) -> None:
    """Unknown change kinds are a usage error (exit 2) before any document is read."""
    from diffing.model import CHANGE_KINDS
    from reports.content import ReportError, split_list

    unknown = [k for k in split_list(changes) or () if k not in CHANGE_KINDS]
    if unknown:
        raise ReportError(f"unknown change kind(s): {', '.join(unknown)} (known: {', '.join(CHANGE_KINDS)})")


def build(source: str, new_source: str | None, fmt: str, changes: str | None, articles: str | None) -> bytes:
    import ordiff
    from reports import export, exporter

    exporter(fmt)  # fail on a bad format before the (slower) comparison
    comparison = ordiff.compare(ordiff.load(source, new_source))
    return export(comparison, fmt, changes=changes, articles=articles)


def write_output(path: Path, data: bytes) -> None:
    from reports.safety import write_atomic

    if path.is_dir():
        raise SourceError(f"{path}: is a directory; give a file name with -o")
    if not path.parent.is_dir():
        raise SourceError(f"{path.parent}: no such directory")
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise SourceError(f"{path}: cannot write the report ({exc.strerror})") from None


# ---------------------------------------------------------------- batch


@dataclass(frozen=True, slots=True)
class Job:
    name: str
    source: str
    new_source: str | None
    output: str  # file name inside --out-dir, sanitised


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
    )


def read_manifest(path: Path, ext: str) -> list[Job]:
    """Jobs of a CSV (header: name, source[, new_source][, output]) or TOML manifest.

    TOML: ``[[pairs]]`` tables with those keys, or one table per pair named by
    its ``name`` (``[seoul] source = "..."``).
    """
    if not path.is_file():
        raise SourceError(f"{path}: no such manifest file")
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(f"{path}: cannot read the manifest ({exc})") from None
    if path.suffix.lower() == ".toml":
        entries = _toml_entries(path, raw)
    elif path.suffix.lower() == ".csv":
        entries = _csv_entries(path, raw)
    else:
        raise SourceError(f"{path}: a manifest must be a .csv or .toml file")
    if not entries:
        raise SourceError(f"{path}: the manifest lists no pair")
    jobs = [_job(e, where, path.parent, ext) for where, e in entries]
    return _unique_outputs(jobs)


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


def _unique_outputs(jobs: list[Job]) -> list[Job]:
    seen: dict[str, int] = {}
    out = []
    for job in jobs:
        key = job.output.lower()
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            stem, _, ext = job.output.rpartition(".")
            job = Job(job.name, job.source, job.new_source, f"{stem}-{seen[key]}.{ext}")
        out.append(job)
    return out


@dataclass(frozen=True, slots=True)
class Progress:
    """A one-line progress bar on a stream (redrawn in place on a terminal)."""

    stream: TextIO
    total: int
    width: int = 24

    def show(self, done: int, label: str) -> None:
        filled = self.width * done // max(self.total, 1)
        bar = "#" * filled + "-" * (self.width - filled)
        line = f"[{bar}] {done}/{self.total} {label}"
        if self.stream.isatty():
            self.stream.write("\r\x1b[K" + line + ("\n" if done == self.total else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


def run_batch(args: argparse.Namespace, build_one: Callable[..., bytes] = build) -> int:
    from reports import exporter

    ex = exporter(args.format)
    jobs = read_manifest(Path(args.manifest), ex.extension)
    out_dir = Path(args.out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SourceError(f"{out_dir}: cannot create the output directory ({exc.strerror})") from None
    progress = Progress(sys.stderr, len(jobs))
    failures: list[tuple[str, str]] = []
    for i, job in enumerate(jobs):
        progress.show(i, job.name)
        try:
            data = build_one(job.source, job.new_source, ex.name, args.changes, args.articles)
            write_output(out_dir / job.output, data)
        except SourceError as exc:
            failures.append((job.name, str(exc)))
        except Exception as exc:  # one broken pair must not stop the batch; say what happened
            failures.append((job.name, f"{type(exc).__name__}: {exc}"))
    progress.show(len(jobs), "done")
    written = len(jobs) - len(failures)
    print(f"ordiff report: wrote {written} of {len(jobs)} report(s) to {out_dir}", file=sys.stderr)
    for name, why in failures:
        print(f"  FAILED {name}: {why}", file=sys.stderr)
    return 1 if failures else 0
