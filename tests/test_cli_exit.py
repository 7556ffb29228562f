"""The program's exit (``ordiff.cli.script``): after a read-only command the process skips the interpreter's
teardown (issue 14: start-up), but ends as a normal exit would: the same output and exit code, streams
flushed, ``atexit`` handlers and ``weakref.finalize`` callbacks run, running threads waited for."""

from __future__ import annotations

import atexit
import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path
from typing import NoReturn

import pytest

from ordiff.cli import main, script

ROOT = Path(__file__).resolve().parent.parent


def _program(*argv: str, before: str = "") -> subprocess.CompletedProcess[str]:
    """``ordiff ARGV`` as the console script runs it, with ``before`` run first in the same process."""
    env = {k: v for k, v in os.environ.items() if k != "ORDIFF_DB"} | {"PYTHONPATH": str(ROOT)}
    code = f"import sys\n{before}\nsys.argv = ['ordiff', *{list(argv)!r}]\n"
    code += "from ordiff.cli import script\nscript()\n"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_align_prints_what_main_prints_and_exits_0() -> None:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["align", "seoul-informatization"]) == 0
    done = _program("align", "seoul-informatization")
    assert (done.returncode, done.stdout, done.stderr) == (0, out.getvalue(), "")


def test_python_dash_m_is_the_same_program() -> None:
    env = {k: v for k, v in os.environ.items() if k != "ORDIFF_DB"} | {"PYTHONPATH": str(ROOT)}
    by_m = subprocess.run(
        [sys.executable, "-m", "ordiff", "align", "kr-ai-framework-act", "--format", "csv"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    by_script = _program("align", "kr-ai-framework-act", "--format", "csv")
    assert (by_m.returncode, by_m.stdout) == (by_script.returncode, by_script.stdout) == (0, by_script.stdout)
    assert by_m.stdout.startswith("old,new,change")


def test_bad_input_still_exits_2_with_one_line() -> None:
    done = _program("align", "/nonexistent/old.txt", "/nonexistent/new.txt")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.splitlines() == ["ordiff: /nonexistent/old.txt: no such file"]


def test_exit_handlers_and_finalizers_still_run_after_the_output() -> None:
    before = (
        "import atexit, weakref\n"
        "class Held: pass\n"
        "held = Held()\n"
        "weakref.finalize(held, print, 'finalized', flush=True)\n"
        "atexit.register(print, 'at exit')\n"  # not flushed by the handler: by the exit
    )
    done = _program("parse", "seoul-informatization", "--format", "text", before=before)
    assert done.returncode == 0
    assert done.stdout.splitlines()[-2:] == ["at exit", "finalized"]  # after every line of the output


def test_a_running_thread_is_waited_for() -> None:
    before = (
        "import threading, time\n"
        "threading.Thread(target=lambda: (time.sleep(0.3), print('thread done', flush=True))).start()\n"
    )
    done = _program("corpus", before=before)
    assert done.returncode == 0 and done.stdout.splitlines()[-1] == "thread done"


class _QuickExit(Exception):
    """Raised by the stand-in for ``os._exit``."""


def _exit_taken(argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:
    """Which exit :func:`ordiff.cli.script` takes for ``argv``: ``"quick"`` (``os._exit``) or ``"normal"``."""

    handlers_run: list[bool] = []

    def quick(code: int) -> NoReturn:
        assert handlers_run == [True]  # the exit handlers ran first
        raise _QuickExit(code)

    # stand-ins: this test process's own exit handlers must neither run nor be dropped here
    monkeypatch.setattr(atexit, "_run_exitfuncs", lambda: handlers_run.append(True))
    monkeypatch.setattr(os, "_exit", quick)
    monkeypatch.setattr(sys, "argv", ["ordiff", *argv])
    monkeypatch.delenv("ORDIFF_DB", raising=False)
    try:
        script()
    except _QuickExit as exc:
        assert exc.args == (0,)
        return "quick"
    except SystemExit as exc:
        assert exc.code == 0
        return "normal"
    finally:
        capsys.readouterr()
    raise AssertionError("script() returned")


def test_a_read_only_command_skips_the_teardown(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert _exit_taken(["align", "seoul-informatization"], monkeypatch, capsys) == "quick"
    assert _exit_taken(["corpus"], monkeypatch, capsys) == "quick"


def test_a_command_that_writes_takes_the_normal_exit(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["notes", "list", "seoul-informatization", "--db", "memory:"]
    assert _exit_taken(argv, monkeypatch, capsys) == "normal"
