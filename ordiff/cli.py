"""The ``ordiff`` console script: one sub-command module per verb.

Each command module defines ``NAME``, ``HELP``, ``add_arguments(parser)`` and
``run(args) -> int``.  Bad input (``SourceError``) becomes one line on stderr
and exit code 2; never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from types import ModuleType

from corpus.sources import SourceError
from ordiff import cmd_align, cmd_corpus, cmd_evaluate, cmd_parse, cmd_report

COMMANDS: tuple[ModuleType, ...] = (cmd_corpus, cmd_parse, cmd_align, cmd_evaluate, cmd_report)


def build_parser() -> argparse.ArgumentParser:
    from ordiff import __version__

    parser = argparse.ArgumentParser(
        prog="ordiff", description="Compare two versions of a legal text article by article."
    )
    parser.add_argument("--version", action="version", version=f"ordiff {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for mod in COMMANDS:
        p = sub.add_parser(mod.NAME, help=mod.HELP, description=mod.HELP)
        mod.add_arguments(p)
        p.set_defaults(_run=mod.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args._run(args))
    except SourceError as exc:
        print(f"ordiff: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("ordiff: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
