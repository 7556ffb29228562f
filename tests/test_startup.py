"""Start-up (issue 14): a command imports only what it uses.

Each test runs the CLI in a fresh interpreter and reads back ``sys.modules``: a structural check, not a
timing (times on a shared machine vary; the figures are in ``benchmarks/bench_engine.py``).  The review
database is hidden from the child (no ``$ORDIFF_DB``, an empty user data folder), so a plain ``ordiff
align`` has no decisions to apply, as on a fresh machine.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ordiff.cli import COMMANDS

ROOT = Path(__file__).resolve().parent.parent

# Run ``ordiff.cli.main(argv)`` with its output captured; print the exit code, the output and the modules.
_CHILD = """
import contextlib, io, json, sys
from ordiff.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    try:
        rc = main(sys.argv[1:])
    except SystemExit as exc:
        rc = exc.code
print(json.dumps({"rc": rc, "stdout": out.getvalue(), "modules": sorted(sys.modules)}))
"""

# Libraries of other commands (reports, the review database, the app, batches, PDFs) and of the engine's
# large-input paths: a plain align must not pay for them.
NOT_FOR_ALIGN = (
    "sqlalchemy",
    "alembic",
    "psycopg",
    "docx",
    "openpyxl",
    "lxml",
    "pypdf",
    "streamlit",
    "dask",
    "distributed",
    "babel",
    "numpy",
    "scipy",
    "markdown_it",
    "reports",
    "review.sql",
    "review.store",
    "review.workspace",
    "review.render",
    "review.w3c",
    "importlib.metadata",
    "ordiff.cmd_report",
    "ordiff.cmd_notes",
    "ordiff.cmd_concordance",
    "ordiff.cmd_evaluate",
    "ordiff.cmd_parse",
    "ordiff.cmd_corpus",
    "tomllib",  # the bundled corpus is listed in Python (corpus.catalog)
)


def _run(tmp_path: Path, *argv: str) -> tuple[int, str, set[str]]:
    env = {k: v for k, v in os.environ.items() if k != "ORDIFF_DB"}
    env |= {"XDG_DATA_HOME": str(tmp_path / "data"), "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, *argv],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    result = json.loads(done.stdout.splitlines()[-1])
    return result["rc"], result["stdout"], set(result["modules"])


def _loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    """The ``names`` (packages count with their sub-modules) found in ``modules``."""
    return sorted(n for n in names if any(m == n or m.startswith(n + ".") for m in modules))


def test_plain_align_json_imports_neither_reports_nor_the_review_database(tmp_path: Path) -> None:
    rc, out, modules = _run(tmp_path, "align", "seoul-informatization", "--format", "json")
    assert rc == 0
    data = json.loads(out)
    assert data["pairs"] and "substitutions" in data and "change_types" in data["pairs"][0]  # with analysis
    assert {"corpus.reader", "diffing.align", "analysis", "review.decisions"} <= modules
    assert _loaded(modules, NOT_FOR_ALIGN) == []


@pytest.mark.parametrize("name", ["seoul-informatization", "kr-ai-framework-act"])
def test_plain_align_of_a_bundled_document_loads_no_numpy(tmp_path: Path, name: str) -> None:
    """The issue's command (default text format): a small text takes the pure-Python candidate path."""
    rc, out, modules = _run(tmp_path, "align", name)
    assert rc == 0 and " pairs: " in out
    assert {"diffing.align", "diffing.candidates", "rapidfuzz"} <= modules
    assert _loaded(modules, ("numpy", "scipy", "diffing.candidates_numpy")) == []


def test_a_large_align_takes_the_numpy_path(tmp_path: Path) -> None:
    old, new = (ROOT / "corpus" / "data" / "kr-ai-framework-act" / f"{v}.txt" for v in ("old", "new"))
    big_old, big_new = tmp_path / "old.txt", tmp_path / "new.txt"
    big_old.write_text(old.read_text(encoding="utf-8") * 3, encoding="utf-8")
    big_new.write_text(new.read_text(encoding="utf-8") * 3, encoding="utf-8")
    rc, _out, modules = _run(tmp_path, "align", str(big_old), str(big_new))
    assert rc == 0 and {"numpy", "diffing.candidates_numpy"} <= modules


def test_the_comparison_model_loads_no_numpy(tmp_path: Path) -> None:
    """``ordiff report/notes/concordance`` import ``diffing.model`` to build their options."""
    env = {k: v for k, v in os.environ.items() if k != "ORDIFF_DB"} | {"PYTHONPATH": str(ROOT)}
    code = "import sys, diffing.model; print(sorted(m for m in sys.modules if m.split('.')[0] == 'numpy'))"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def test_align_text_leaves_out_the_json_path(tmp_path: Path) -> None:
    """Without a database the text shows no review state: neither the JSON path, csv nor the review model."""
    rc, out, modules = _run(tmp_path, "align", "kr-ai-framework-act", "--format", "text")
    assert rc == 0 and " pairs: " in out
    leaves_out = ("analysis", "diffing.serialize", "ordiff.jsonout", "csv", "review.decisions", "review.ids")
    leaves_out += ("unicodedata",)  # only the provision table pads by terminal width
    assert _loaded(modules, (*leaves_out, *NOT_FOR_ALIGN)) == []


def test_align_csv_has_the_review_columns_without_a_database(tmp_path: Path) -> None:
    rc, out, modules = _run(tmp_path, "align", "seoul-informatization", "--format", "csv")
    header, first = out.splitlines()[:2]
    assert rc == 0 and header.endswith(",origin,review") and first.endswith(",auto,unreviewed")
    assert {"csv", "review.decisions"} <= modules


def test_align_with_a_database_loads_the_review_workspace(tmp_path: Path) -> None:
    """The lazy imports are on the path that needs them: ``--db`` still applies stored decisions."""
    rc, out, modules = _run(tmp_path, "align", "seoul-informatization", "--format", "json", "--db", "memory:")
    data = json.loads(out)
    assert rc == 0 and data["review"]["progress"] == f"0 of {len(data['pairs'])} pairs reviewed"
    assert {"review.store", "review.workspace"} <= modules
    assert _loaded(modules, ("sqlalchemy", "reports")) == []


def test_top_level_help_imports_no_command_and_no_engine(tmp_path: Path) -> None:
    rc, out, modules = _run(tmp_path, "--help")
    assert rc == 0
    for name, help_text, _module in COMMANDS:
        assert name in out and help_text.split()[0] in out
    engine = (
        "corpus",
        "diffing",
        "analysis",
        "review",
        "reports",
        "numpy",
        "rapidfuzz",
        "importlib.metadata",
    )
    assert _loaded(modules, engine) == []
    assert not any(m.startswith("ordiff.cmd_") for m in modules)


@pytest.mark.parametrize(("name", "module"), [(c[0], c[2]) for c in COMMANDS])
def test_a_commands_help_loads_only_its_own_module(tmp_path: Path, name: str, module: str) -> None:
    rc, out, modules = _run(tmp_path, name, "--help")
    assert rc == 0 and out.startswith(f"usage: ordiff {name} ")
    commands = sorted(m for m in modules if m.startswith("ordiff.cmd_"))
    # concordance shares the --db and --author arguments of notes
    assert commands == sorted({module} | ({"ordiff.cmd_notes"} if name == "concordance" else set()))
    # the engine is loaded when a command runs, not to show its options (report, notes and concordance
    # build theirs from reports and review, which import diffing.model and with it the engine)
    if name in ("corpus", "parse", "align", "evaluate"):
        engine = ("corpus", "diffing", "analysis", "review", "reports", "numpy", "rapidfuzz")
        assert _loaded(modules, engine) == []
    assert _loaded(modules, ("sqlalchemy", "docx", "openpyxl", "lxml", "dask", "streamlit")) == []


def test_version_reads_the_installed_metadata(tmp_path: Path) -> None:
    rc, out, modules = _run(tmp_path, "--version")
    assert rc == 0 and out.startswith("ordiff ") and out.strip() != "ordiff"
    assert "importlib.metadata" in modules


# Patterns compiled on first use (``functools.cache``): a plain align of the bundled (English) page compiles
# none of them (no decoding trouble, no message to escape for a terminal, no Korean heading or header).
_LAZY_PATTERNS = """
import contextlib, io, json
import corpus.patterns, corpus.sources, ordiff.terminal
from ordiff.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    rc = main(["align", "seoul-informatization"])
lazy = {"sources": corpus.sources._compiled, "terminal": ordiff.terminal._unprintable}
lazy |= {"ko meta": corpus.patterns.ko_meta_entry_pattern, "ko heading": corpus.patterns.ko_heading_pattern}
print(json.dumps({"rc": rc, **{k: f.cache_info().currsize for k, f in lazy.items()}}))
"""


def test_plain_align_compiles_no_pattern_it_does_not_use(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "ORDIFF_DB"}
    env |= {"XDG_DATA_HOME": str(tmp_path / "data"), "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", _LAZY_PATTERNS], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    compiled = json.loads(done.stdout.splitlines()[-1])
    assert compiled == {"rc": 0, "sources": 0, "terminal": 0, "ko meta": 0, "ko heading": 0}


def test_terminal_pattern_still_escapes_once_compiled() -> None:
    from ordiff.terminal import terminal_safe

    assert terminal_safe("a\nb\x1b[31m\u202e\udcff") == "a\\nb\\x1b[31m\\u202e\\udcff"


_ARGVS = [
    ["align", "seoul-informatization"],
    ["align", "old.txt", "new.txt", "--format", "csv", "--provisions", "--db", "memory:"],
    ["align"],
    ["align", "x", "--format", "xml"],
    ["align", "x", "--bogus"],
    ["align", "x", "--version"],
    ["align", "--help"],
    ["parse", "seoul-informatization", "--format", "json"],
    ["evaluate", "--synthetic", "3"],
    ["corpus", "extra"],
    ["report", "--help"],
    ["notes", "--help"],
    ["concordance", "--help"],
]


def _outcome(
    only: str | None, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> tuple[object, str, str]:
    from ordiff.cli import build_parser

    try:
        result: object = vars(build_parser(only).parse_args(argv))
    except SystemExit as exc:
        result = ("exit", exc.code)
    out, err = capsys.readouterr()
    return result, out, err


@pytest.mark.parametrize("argv", _ARGVS, ids=" ".join)
def test_a_commands_parser_alone_parses_as_the_whole_parser(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """``main`` builds only the sub-parser of the command a line starts with: the same namespace, help,
    errors and exit codes as with every sub-parser built."""
    assert _outcome(argv[0], argv, capsys) == _outcome(None, argv, capsys)


# Each collection of the cyclic collector, and whether one of the engine's modules (diffing, the reader) was
# being executed (imported) when it ran.
_COLLECTIONS = """
import contextlib, gc, io, json, sys
from pathlib import Path

during_import = []

def watch(phase, info):
    if phase == "start":
        frame = sys._getframe(1)
        while frame is not None:
            name = Path(frame.f_code.co_filename)
            engine = name.parent.name == "diffing" or name.name == "reader.py"
            if frame.f_code.co_name == "<module>" and engine:
                during_import.append(str(name))
                break
            frame = frame.f_back

gc.callbacks.append(watch)
from ordiff.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    rc = main(["align", "seoul-informatization"])
print(json.dumps({"rc": rc, "during_import": during_import, "enabled": gc.isenabled()}))
"""


def test_align_loads_the_engine_with_the_collector_paused(tmp_path: Path) -> None:
    """The engine's modules (classes, functions, patterns) live as long as the process: a collection while
    they load would scan them for nothing.  The collector is on again afterwards."""
    env = {k: v for k, v in os.environ.items() if k != "ORDIFF_DB"}
    env |= {"XDG_DATA_HOME": str(tmp_path / "data"), "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", _COLLECTIONS], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout.splitlines()[-1]) == {"rc": 0, "during_import": [], "enabled": True}
