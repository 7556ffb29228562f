"""``ordiff report``: write a comparison report (one pair, or a batch over a manifest)."""

from __future__ import annotations

import argparse
import os
import sys
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
    parser.add_argument(
        "--overwrite", action="store_true", help="replace existing report files (never done without it)"
    )
    parser.add_argument(
        "--jobs",
        "-j",
        type=_positive,
        default=os.cpu_count() or 1,
        help="pairs of a manifest built in parallel by local processes (default: the number of cores)",
    )
    parser.add_argument(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        help="build a manifest's pairs on this Dask distributed scheduler (reports are written here)",
    )


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, not {value!r}")
    return number


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
    if args.scheduler:
        raise SourceError("--scheduler runs the pairs of a manifest; give --manifest FILE --out-dir DIR")
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
    from reports.batch import clean_stale_temp_outputs
    from reports.safety import write_atomic

    clean_stale_temp_outputs(path.parent)
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


def run_batch(args: argparse.Namespace) -> int:
    """Plan, build and write a manifest's reports (``reports.batch``); 1 if any pair failed."""
    from reports import exporter
    from reports.batch import prepare_out_dir, read_manifest
    from reports.batch import run_batch as run

    ex = exporter(args.format)
    jobs = read_manifest(Path(args.manifest), ex.extension)
    out_dir = Path(args.out_dir)
    prepare_out_dir(jobs, out_dir, args.overwrite)
    progress = Progress(sys.stderr, len(jobs))
    outcomes = run(
        jobs,
        out_dir,
        ex.name,
        changes=args.changes,
        articles=args.articles,
        overwrite=args.overwrite,
        workers=args.jobs,
        scheduler=args.scheduler,
        on_start=lambda: progress.show(0, "starting"),
        on_done=lambda done, job: progress.show(done, job.name) if done < len(jobs) else None,
    )
    progress.show(len(jobs), "done")
    written = [o for o in outcomes if o.path is not None]
    failed = [o for o in outcomes if o.path is None]
    print(f"ordiff report: wrote {len(written)} of {len(jobs)} report(s) to {out_dir}", file=sys.stderr)
    for o in written:
        renamed = f" (renamed: {o.job.renamed_from} is another row's output)" if o.job.renamed_from else ""
        print(f"  {o.job.name} -> {o.path} ({o.size:,} bytes){renamed}", file=sys.stderr)
    for o in failed:
        print(f"  FAILED {o.job.name}: {o.error}", file=sys.stderr)
    return 1 if failed else 0
