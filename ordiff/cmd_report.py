"""``ordiff report``: write a comparison report (one pair, or a batch over a manifest)."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from corpus.sources import SourceError
from ordiff.terminal import terminal_safe


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from reports import FORMATS

    parser.add_argument(
        "source", nargs="?", help="bundled document name or path (old version, or combined page)"
    )
    parser.add_argument("new_source", nargs="?", help="path of the new version (when SOURCE is the old one)")
    from reports.content import PROFILES
    from reports.i18n import LANGUAGES

    parser.add_argument(
        "--format", "-f", choices=FORMATS, help="report format (default: from the -o file's extension)"
    )
    parser.add_argument("-o", "--output", help="output file ('-' for standard output)")
    parser.add_argument(
        "--profile",
        choices=PROFILES,
        default="council",
        help="council: the Current | Revised comparison table (default); detailed: the analyst's view",
    )
    parser.add_argument(
        "--lang", choices=LANGUAGES, help="language of the labels (default: the document's language)"
    )
    parser.add_argument(
        "--full-text",
        action="store_true",
        help="council profile: print unchanged paragraphs in full instead of '(omitted)'",
    )
    parser.add_argument(
        "--method",
        action="store_true",
        help="council profile: add the appendix 'How the pairs were found' (scores and evidence)",
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        help="apply the analyst decisions and add the notes stored there "
        "(default: $ORDIFF_DB, else the user data file if any)",
    )
    parser.add_argument("--no-notes", action="store_true", help="leave the analysts' notes out of the report")
    parser.add_argument(
        "--changes", help="only these change kinds, comma-separated (e.g. modified,renumbered)"
    )
    parser.add_argument("--articles", help="only pairs with these article numbers, old or new (e.g. 5-2,34)")
    parser.add_argument(
        "--pairs",
        metavar="KEY[,KEY...]",
        help="exactly these pairs, by key as the concordance prints it (e.g. '7+9+12+13>8,34>20') "
        "or by id (art_7+art_9>art_8); with --db, keys of the reviewed comparison",
    )
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
    args.format = report_format(args.format, args.output, bool(args.manifest))
    if args.manifest:
        if args.source or args.output:
            raise SourceError(
                "give either SOURCE [NEW_SOURCE] -o PATH or --manifest FILE --out-dir DIR, not both"
            )
        if not args.out_dir:
            raise SourceError("--manifest needs --out-dir DIR")
        single = [
            name
            for name, given in (
                ("--profile", args.profile != "council"),
                ("--lang", args.lang is not None),
                ("--full-text", args.full_text),
                ("--method", args.method),
                ("--db", args.db is not None),
                ("--no-notes", args.no_notes),
                ("--pairs", args.pairs is not None),
            )
            if given
        ]
        if single:
            raise SourceError(f"{', '.join(single)}: for one report only, not (yet) for a --manifest batch")
        return run_batch(args)
    if args.scheduler:
        raise SourceError("--scheduler runs the pairs of a manifest; give --manifest FILE --out-dir DIR")
    if not args.source:
        raise SourceError("give SOURCE [NEW_SOURCE] (a bundled name or paths) or --manifest FILE")
    if not args.output:
        raise SourceError("give the output file with -o PATH ('-' for standard output)")
    if args.pairs is not None and not args.pairs.strip(" ,"):
        raise SourceError("--pairs needs at least one pair key, e.g. --pairs '7+9+12+13>8'")
    data = build(
        args.source,
        args.new_source,
        args.format,
        args.changes,
        args.articles,
        options=ReportOptions(
            profile=args.profile,
            lang=args.lang,
            full_text=args.full_text,
            method=args.method,
            db=args.db,
            notes=not args.no_notes,
        ),
        pairs=args.pairs,
    )
    if args.output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    write_output(Path(args.output), data)
    print(terminal_safe(f"wrote {args.output} ({len(data):,} bytes)"), file=sys.stderr)
    return 0


def check_changes(changes: str | None) -> None:
    """Unknown change kinds are a usage error (exit 2) before any document is read."""
    from diffing.model import CHANGE_KINDS
    from reports.content import ReportError, split_list

    unknown = [k for k in split_list(changes) or () if k not in CHANGE_KINDS]
    if unknown:
        raise ReportError(f"unknown change kind(s): {', '.join(unknown)} (known: {', '.join(CHANGE_KINDS)})")


def report_format(fmt: str | None, output: str | None, manifest: bool) -> str:
    """``--format``, else the format named by the ``-o`` file's extension (``act.docx`` -> docx)."""
    from reports import EXPORTERS, FORMATS
    from reports.content import ReportError

    if fmt:
        return fmt
    if manifest:
        raise ReportError(f"--manifest needs --format ({', '.join(FORMATS)})")
    if not output or output == "-":
        raise ReportError(
            f"give --format ({', '.join(FORMATS)}) when -o does not name a file with an extension"
        )
    suffix = Path(output).suffix.lower().lstrip(".")
    by_extension = {e.extension: e.name for e in EXPORTERS.values()} | {"htm": "html", "markdown": "md"}
    if suffix not in by_extension:
        raise ReportError(
            f"cannot tell the report format from {output!r}: give --format, or -o a file ending in "
            + ", ".join(f".{x}" for x in sorted(by_extension))
        )
    return by_extension[suffix]


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportOptions:
    """What ``ordiff report`` passes to ``reports.export`` beside the format and the scope."""

    profile: str = "council"
    lang: str | None = None
    full_text: bool = False
    method: bool = False
    db: str | None = None  # review database URL (``--db``); None: $ORDIFF_DB or the user file if any
    notes: bool = True


def build(
    source: str,
    new_source: str | None,
    fmt: str,
    changes: str | None,
    articles: str | None,
    options: ReportOptions | None = None,
    pairs: str | None = None,
) -> bytes:
    import ordiff
    from reports import export, exporter
    from review.config import configured

    options = options or ReportOptions()
    exporter(fmt)  # fail on a bad format before the (slower) comparison
    comparison = ordiff.compare(ordiff.load(source, new_source))
    store = ordiff.open_review(options.db) if configured(options.db) else None
    try:
        return export(
            comparison,
            fmt,
            changes=changes,
            articles=articles,
            pairs=pairs,
            review=store,
            notes=options.notes,
            profile=options.profile,
            lang=options.lang,
            full_text=options.full_text,
            method=options.method,
        )
    finally:
        if store is not None:
            store.close()


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
    print(
        terminal_safe(f"ordiff report: wrote {len(written)} of {len(jobs)} report(s) to {out_dir}"),
        file=sys.stderr,
    )
    for o in written:
        renamed = f" (renamed: {o.job.renamed_from} is another row's output)" if o.job.renamed_from else ""
        print(terminal_safe(f"  {o.job.name} -> {o.path} ({o.size:,} bytes){renamed}"), file=sys.stderr)
    for o in failed:
        print(terminal_safe(f"  FAILED {o.job.name}: {o.error}"), file=sys.stderr)
    return 1 if failed else 0
