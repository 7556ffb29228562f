"""The ``ordiff`` console script: one sub-command module per verb.

:data:`COMMANDS` names each command, its help line and its module; the module defines
``add_arguments(parser)`` and ``run(args) -> int`` and is imported only when its command is parsed
(or its ``--help`` shown), so ``ordiff align`` never loads what ``ordiff report`` or ``ordiff notes``
need (issue 14: start-up).  Bad input (``SourceError``, or a bad command line) becomes
one line on stderr and exit code 2; never a traceback.  Every message goes
through :func:`terminal_safe`, so a file name cannot break the line or send
control codes to the terminal; a Python warning (a report cell cut, ...) is one
``ordiff: warning:`` line.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import warnings
from collections.abc import Sequence
from typing import Any, NoReturn, TextIO

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


class _CommandParser(_Parser):
    """A sub-command's parser: its module adds the arguments the first time it parses or shows help.

    Parsers made inside a command (the actions of ``ordiff notes``) have no module and are plain."""

    def __init__(self, *args: Any, module: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._module = module

    def _load(self) -> None:
        if self._module is None:
            return
        mod = importlib.import_module(self._module)
        self._module = None
        mod.add_arguments(self)
        self.set_defaults(_run=mod.run)

    def parse_known_args(self, *args: Any, **kwargs: Any) -> Any:
        self._load()
        return super().parse_known_args(*args, **kwargs)

    def format_usage(self) -> str:
        self._load()
        return super().format_usage()

    def format_help(self) -> str:
        self._load()
        return super().format_help()


class _Version(argparse.Action):
    """``--version``: the installed version is looked up (``importlib.metadata``) only when asked."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **kwargs: Any) -> None:
        kwargs.setdefault("help", "show program's version number and exit")
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *args: Any, **kwargs: Any) -> NoReturn:
        from ordiff import __version__

        print(f"ordiff {__version__}")
        parser.exit()


# (name, help, module): the order of ``ordiff --help``
COMMANDS: tuple[tuple[str, str, str], ...] = (
    (
        "corpus",
        "List the bundled documents (names usable as SOURCE), their titles and version labels.",
        "ordiff.cmd_corpus",
    ),
    (
        "parse",
        "Read a document (bundled name, a combined page, or OLD NEW files) and print its parsed structure.",
        "ordiff.cmd_parse",
    ),
    (
        "align",
        "Align the old and new versions article by article (renumbered, merged, split, moved) and diff them.",
        "ordiff.cmd_align",
    ),
    (
        "evaluate",
        "Score the alignment (precision, recall, F1 over article pairs) against gold files, "
        "beside two baselines.",
        "ordiff.cmd_evaluate",
    ),
    (
        "report",
        "Write a comparison report (docx, xlsx, csv, html, pdf, md, json) for one pair "
        "or a manifest of pairs.",
        "ordiff.cmd_report",
    ),
    (
        "notes",
        "Write, list, export and import analyst notes (Markdown) anchored to articles, provisions and pairs.",
        "ordiff.cmd_notes",
    ),
    (
        "concordance",
        "Accept, reject or link article pairs with a reason, and export the reviewed correlation table.",
        "ordiff.cmd_concordance",
    ),
)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The ``ordiff`` parser; with ``only``, one of :data:`COMMANDS`, that command's sub-parser alone (what
    parsing a command line that starts with it uses: each sub-parser costs an ``ArgumentParser``)."""
    parser = _Parser(prog="ordiff", description="Compare two versions of a legal text article by article.")
    parser.add_argument("--version", action=_Version)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_CommandParser)
    for name, help_text, module in COMMANDS:
        if only is None or name == only:
            sub.add_parser(name, help=help_text, description=help_text, module=module)
    return parser


_NAMES = frozenset(name for name, _, _ in COMMANDS)


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # a line that starts with a command parses the same with that command's sub-parser alone (a top-level
    # option, help or a mistyped command needs them all)
    parser = build_parser(argv[0] if argv and argv[0] in _NAMES else None)
    args = parser.parse_args(argv)
    from corpus.sources import SourceError  # after parsing: ``ordiff --help`` reads no corpus code

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
