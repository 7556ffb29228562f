"""Issue 13, item 9: CLI messages are one line, with control characters in file names escaped.

A newline in a file name used to split the message over two stderr lines, an ANSI escape reached the
terminal raw, and a symbolic link loop was reported as an unknown document.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ordiff.cli import main, terminal_safe


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse
        code = int(exc.code or 0)
    return code, capsys.readouterr().err


def test_a_newline_in_a_file_name_stays_on_one_line(tmp_path: Path, capsys) -> None:
    name = tmp_path / "a\nb.txt"
    code, err = run(capsys, "parse", str(name))
    assert code == 2
    assert err == f"ordiff: {tmp_path}/a\\nb.txt: no such file\n"


def test_an_ansi_escape_in_a_file_name_is_shown_not_obeyed(tmp_path: Path, capsys) -> None:
    name = tmp_path / "\x1b[31mred\x1b[0m.txt"
    name.write_bytes(b"\x00\x01\x02 binary")
    code, err = run(capsys, "align", str(name))
    assert code == 2
    assert "\x1b" not in err
    assert err == f"ordiff: {tmp_path}/\\x1b[31mred\\x1b[0m.txt: binary data, not a text file\n"


def test_a_bidi_override_and_undecodable_bytes_in_a_name_are_escaped(tmp_path: Path, capsys) -> None:
    name = os.fsdecode(bytes(tmp_path / "x") + b"\xff\xe2\x80\xaetxt.exe")  # as sys.argv would hold it
    code, err = run(capsys, "parse", name)
    assert code == 2
    assert err == f"ordiff: {tmp_path}/x\\udcff\\u202etxt.exe: no such file\n"


def test_a_symlink_loop_is_called_a_symlink_loop(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    os.symlink("loop", "loop")
    code, err = run(capsys, "parse", "loop")
    assert (code, err) == (2, "ordiff: loop: a symbolic link loop (the link never reaches a file)\n")


def test_a_bad_command_line_is_one_line_too(capsys) -> None:
    code, err = run(capsys, "parse")
    assert code == 2
    assert err == (
        "ordiff parse: error: the following arguments are required: SOURCE (see ordiff parse --help)\n"
    )
    code, err = run(capsys, "parse", "x", "--format", "yaml\n")
    assert code == 2 and err.count("\n") == 1 and "'yaml\\n'" in err


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain é 제.txt", "plain é 제.txt"),
        ("tab\there", "tab\\there"),
        ("del\x7f", "del\\x7f"),
        ("\u2028", "\\u2028"),
    ],
)
def test_terminal_safe(raw: str, shown: str) -> None:
    assert terminal_safe(raw) == shown


def test_the_files_a_report_wrote_are_named_on_one_line_each(tmp_path: Path, capsys) -> None:
    """``wrote …`` after a single report and the batch summary escape a newline or ESC in an output name."""
    out = tmp_path / "r\n\x1b[2Jx.md"
    code, err = run(capsys, "report", "seoul-informatization", "--format", "md", "-o", str(out))
    assert code == 0 and out.exists()
    assert err.count("\n") == 1 and "\x1b" not in err and "r\\n\\x1b[2Jx.md" in err
    manifest = tmp_path / "pairs.csv"
    manifest.write_text(
        'name,source,new_source,output\n"x\n\x1b[2Jy",seoul-informatization,,a.md\n', encoding="utf-8"
    )
    code, err = run(
        capsys, "report", "--manifest", str(manifest), "--format", "md", "--out-dir", str(tmp_path / "o")
    )
    summary = [line for line in err.splitlines() if "->" in line or "wrote" in line]
    assert code == 0 and "\x1b" not in err and any("x\\n\\x1b[2Jy -> " in line for line in summary), err
