"""Output safety: spreadsheet formula injection, Markdown escaping, file names, atomic writes."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path

# Cells starting with these are run as formulas by Excel / LibreOffice / Sheets.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# ... also when they are look-alikes (full-width ＝＋－＠, small ﹦, superscript ⁼: NFKC maps them to
# ASCII; U+2212 minus sign) or hidden behind leading invisible characters (zero-width spaces, BOM, bidi
# controls, soft hyphens: category Cf; spaces: Zs; control characters: Cc).
_MINUS_SIGN = "\u2212"
_INVISIBLE_CATEGORIES = frozenset({"Cf", "Zs", "Cc"})


def neutralise_cell(value: str) -> str:
    """Prefix ``'`` to a spreadsheet cell that a spreadsheet program would (or might) run as a formula.

    The test looks at the first character that is not invisible (format, space or control character),
    in its NFKC form, so ``＝1+1`` and ``\u200b=1+1`` are caught as well as ``=1+1``.
    """
    if value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    first = next((c for c in value if unicodedata.category(c) not in _INVISIBLE_CATEGORIES), "")
    if first == _MINUS_SIGN or (first and unicodedata.normalize("NFKC", first).startswith(FORMULA_TRIGGERS)):
        return "'" + value
    return value


def utf8(text: str) -> bytes:
    """``text`` as UTF-8; lone surrogates (a Python ``str`` may hold them) become U+FFFD, visibly."""
    return _SURROGATE.sub("\ufffd", text).encode("utf-8")


_SURROGATE = re.compile(r"""(?P<surrogate>[\ud800-\udfff])""", re.VERBOSE)

# Characters XML 1.0 cannot hold: C0 controls other than tab/LF/CR, lone surrogates, U+FFFE/U+FFFF.
_NOT_XML = re.compile(
    r"""
    (?P<bad>
        [\x00-\x08\x0b\x0c\x0e-\x1f]   # C0 controls but tab, LF, CR
      | [\ud800-\udfff]                 # lone surrogates
      | [\ufffe\uffff]                  # non-characters
    )
    """,
    re.VERBOSE,
)


def xml_text(text: str) -> str:
    """``text`` an XML document can hold: what XML 1.0 forbids becomes U+FFFD, visibly (never dropped)."""
    return _NOT_XML.sub("\ufffd", text)


# ASCII characters that start inline Markdown anywhere in a line (GitHub-flavoured, with math).
_MD_SPECIAL = re.compile(r"""(?P<ch>[\\`*_\[\]<>|~&$])""", re.VERBOSE)
# ... and those that only matter at the start of a line.
_MD_LINE_START = re.compile(
    r"""
    ^(?P<indent>[ \t]*)
    (?:
        (?P<number>\d+)(?=[.)])      # "1." / "1)" would start an ordered list
      | (?P<mark>[\#+=-])           # heading, bullet, setext underline, thematic break
    )
    """,
    re.VERBOSE | re.MULTILINE,
)


def md_escape(text: str, line_start: bool = False) -> str:
    """Escape document text for Markdown inline content (a table cell, the middle of a line).

    Backslash-escapes every Markdown-significant ASCII character, so no link,
    image, emphasis, raw HTML, math, table pipe or code span can come from a
    document.  With ``line_start`` (text that begins a Markdown line) each
    line loses its indentation (four spaces would make a code block) and a
    list marker, heading or rule at its start is escaped.  Newlines are left
    to the caller.
    """
    out = _MD_SPECIAL.sub(r"\\\g<ch>", text)
    if not line_start:
        return out
    out = "\n".join(line.lstrip(" \t") for line in out.split("\n"))
    return _MD_LINE_START.sub(_guard_line_start, out)


def _guard_line_start(m: re.Match[str]) -> str:
    if m.group("number") is not None:
        return m.group("indent") + m.group("number") + "\\"
    return m.group("indent") + "\\" + m.group("mark")


_UNSAFE_NAME = re.compile(r"""[^\w.-]+""", re.VERBOSE)  # keeps letters (any script), digits, _ . -
_RESERVED = re.compile(r"""^(?:con|prn|aux|nul|com\d|lpt\d)(?:\.|$)""", re.VERBOSE | re.IGNORECASE)


def safe_filename(name: str, default: str = "report", max_length: int = 120) -> str:
    """A file name from untrusted text: no directories, no hidden file, no reserved device name."""
    base = unicodedata.normalize("NFC", name)
    base = _UNSAFE_NAME.sub("_", base).strip("._-")[:max_length].strip("._-")
    if not base:
        base = default
    if _RESERVED.match(base):
        base = "_" + base
    return base


def write_atomic(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same directory and ``os.replace``.

    Readers see either the old file or the complete new one, never a half-written file.
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
