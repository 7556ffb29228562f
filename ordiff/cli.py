"""The ``ordiff`` console script: one sub-command module per verb.

Each command module defines ``NAME``, ``HELP``, ``add_arguments(parser)`` and
``run(args) -> int``.  Bad input (``SourceError``, or a bad command line) becomes
one line on stderr and exit code 2; never a traceback.  Every message goes
through :func:`terminal_safe`, so a file name cannot break the line or send
control codes to the terminal; a Python warning (a report cell cut, ...) is one
``ordiff: warning:`` line.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Sequence
from types import ModuleType
from typing import NoReturn, TextIO

from corpus.sources import SourceError
from ordiff import cmd_align, cmd_concordance, cmd_corpus, cmd_evaluate, cmd_notes, cmd_parse, cmd_report
from ordiff.terminal import say, terminal_safe

__all__ = ["build_parser", "main", "say", "terminal_safe"]


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors (exit 2); ``--help`` is still the full usage."""

    def error(self, message: str) -> NoReturn:
        print(terminal_safe(f"{self.prog}: error: {message} (see {self.prog} --help)"), file=sys.stderr)
        raise SystemExit(2)


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    say(f"warning: {message}", file)


COMMANDS: tuple[ModuleType, ...] = (
    cmd_corpus,
    cmd_parse,
    cmd_align,
    cmd_evaluate,
    cmd_report,
    cmd_notes,
    cmd_concordance,
)


def build_parser() -> argparse.ArgumentParser:
    from ordiff import __version__

    parser = _Parser(prog="ordiff", description="Compare two versions of a legal text article by article.")
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
    with warnings.catch_warnings():
        warnings.simplefilter("default", UserWarning)  # shown once each, as one line, never raised
        warnings.showwarning = _show_warning
        try:
            return int(args._run(args))
        except SourceError as exc:
            say(str(exc))
            return 2
        except BrokenPipeError:
            return 0
        except KeyboardInterrupt:
            say("interrupted")
            return 130


if __name__ == "__main__":
    raise SystemExit(main())
