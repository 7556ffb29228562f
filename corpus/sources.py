"""Reading raw input: corpus names and paths to decoded :class:`SourceText`.

Every failure raises :class:`SourceError` with one sentence naming the file
and the problem; callers (CLI, app) show that sentence and nothing else.
"""

from __future__ import annotations

import errno
import itertools
import os
import re
import stat
from functools import cache
from pathlib import Path
from typing import BinaryIO, NamedTuple

from corpus.catalog import CATALOG, CatalogEntry
from corpus.model import ParseWarning, SourceText, Span

MAX_BYTES = 20 * 1024 * 1024  # 20 MiB: far above any real ordinance


class SourceError(Exception):
    """Bad input: the message is one human sentence naming the file."""


class BundledDocument(NamedTuple):
    """A document of the bundled corpus: its files, version labels and provenance."""

    name: str
    title: str
    files: tuple[str, ...]  # one combined page, or old then new
    labels: tuple[str, str]  # version labels as the source states them
    provenance: str  # SOURCE.md text


def _data_dir() -> Path:
    """The bundled corpus's folder (beside this module: what ``importlib.resources.files`` gives for a
    package on disk, without importing it)."""
    return Path(__file__).parent / "data"


def bundled() -> tuple[BundledDocument, ...]:
    """The bundled corpus, in the order of :data:`corpus.catalog.CATALOG`."""
    return tuple(_bundled(entry) for entry in CATALOG)


def _bundled(entry: CatalogEntry) -> BundledDocument:
    folder = _data_dir() / entry.name
    return BundledDocument(
        name=entry.name,
        title=entry.title,
        files=tuple(str(folder / f) for f in entry.files),
        labels=(entry.old_label, entry.new_label),
        provenance=(folder / "SOURCE.md").read_text(encoding="utf-8"),
    )


def bundled_names() -> tuple[str, ...]:
    return tuple(entry.name for entry in CATALOG)


def find_bundled(name: str) -> BundledDocument | None:
    for entry in CATALOG:
        if entry.name == name:
            return _bundled(entry)
    return None


def decode(raw: bytes, name: str) -> SourceText:
    """Decode bytes without silent mojibake.  Blank text is refused.

    In order: a BOM (UTF-8, UTF-16); BOM-less UTF-16 (NUL bytes, text-like either way round); strict
    UTF-8; UTF-8 with a few bad bytes (replaced by U+FFFD, a ``decode-replaced`` warning per run, with
    line and column); strict CP949; then, only for text that is not UTF-8-like at all, a detector's guess
    with a ``decode-legacy`` warning naming the encoding.
    """
    src = _decode(raw, name)
    if not src.text.strip():
        raise SourceError(f"{name}: the file is empty")
    return src


# Bytes that are not UTF-8, as ``errors="surrogateescape"`` decodes them (one U+DC80..U+DCFF per byte).
_ESCAPED_BYTES = r"""(?P<run>[\udc80-\udcff]+)"""
# Characters of ordinary text in the scripts this tool reads; BOM-less UTF-16 read the wrong way round
# gives mostly other characters (U+0A00 for a newline, U+1CC8 for 제, U+4100 for 'A').
_TEXT_CHAR = r"""
    (?P<char>
        [\t\n\x0b\x0c\r\x20-\x7e]   # ASCII text and line breaks
      | [\u00a0-\u024f]             # Latin-1 supplement, Latin extended
      | [\u2000-\u206f]             # general punctuation (spaces, dashes, quotes, bullets)
      | [\u2100-\u21ff]             # letterlike symbols, number forms (Roman numerals), arrows
      | [\u2460-\u25ff]             # enclosed alphanumerics (circled numbers), box drawing, shapes
      | [\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]  # Hangul jamo, compatibility jamo, syllables
      | [\u3000-\u303f\u3200-\u32ff]  # CJK punctuation, enclosed CJK
      | (?P<hanja>[\u4e00-\u9fff])  # CJK unified ideographs (Hanja)
      | [\uff00-\uffef]             # full-width forms
    )
"""
# Control characters that no text file holds (tab, line breaks and form feed are text).
_CONTROL_CHAR = r"""(?P<control>[\x00-\x08\x0e-\x1f\x7f])"""


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    """One of the patterns above, compiled when first used: only text that is not plain UTF-8 needs them."""
    return re.compile(pattern, re.VERBOSE)


UTF16_TEXT_SHARE = 0.95  # at least this share of text characters for BOM-less UTF-16
MAX_DECODE_WARNINGS = 10  # replaced runs named one by one; the rest are counted in one more warning
FEW_BAD_BYTES = 3  # this many bad bytes in otherwise-ASCII text are still UTF-8 with replacements
_HIGH_BYTES = bytes(range(0x80, 0x100))


def _decode(raw: bytes, name: str) -> SourceText:
    if not raw.strip():
        raise SourceError(f"{name}: the file is empty")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return SourceText(name=name, text=raw.decode("utf-16"), encoding="utf-16")
        except UnicodeDecodeError as exc:
            raise SourceError(f"{name}: not valid UTF-16 text ({exc.reason})") from None
    if b"\x00" in raw:
        bom_less = _utf16_without_bom(raw)
        if bom_less is not None:
            return SourceText(name=name, text=bom_less[0], encoding=bom_less[1])
        raise SourceError(f"{name}: binary data, not a text file")
    try:
        return SourceText(name=name, text=raw.decode("utf-8-sig"), encoding="utf-8")
    except UnicodeDecodeError:
        pass
    body = raw.removeprefix(b"\xef\xbb\xbf")
    escaped = body.decode("utf-8", "surrogateescape")
    bad = len(body) - len(escaped.encode("utf-8", "ignore"))  # the bad bytes are the escaped ones
    multibyte = len(escaped) - bad - len(body.translate(None, _HIGH_BYTES))
    if multibyte >= 2 * bad:  # mostly well-formed UTF-8: a few stray bytes, not another encoding
        return _utf8_replaced(escaped, bad, name)
    try:
        return SourceText(name=name, text=raw.decode("cp949"), encoding="cp949")
    except UnicodeDecodeError:
        pass
    if bad <= FEW_BAD_BYTES:  # ASCII text with a stray byte or three
        return _utf8_replaced(escaped, bad, name)
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise SourceError(f"{name}: cannot decode the text (not UTF-8, UTF-16 or CP949)")
    warning = ParseWarning(
        code="decode-legacy",
        message=f"{name}: not UTF-8, UTF-16 or CP949; decoded as {best.encoding} (a guess: check the text)",
    )
    return SourceText(name=name, text=str(best), encoding=best.encoding, warnings=(warning,))


def _utf8_replaced(escaped: str, bad: int, name: str) -> SourceText:
    """UTF-8 text whose ``bad`` bytes (surrogate-escaped in ``escaped``) become U+FFFD, a warning per run."""
    warnings: list[ParseWarning] = []
    named = 0
    for m in itertools.islice(_compiled(_ESCAPED_BYTES).finditer(escaped), MAX_DECODE_WARNINGS):
        start, end = m.span()
        named += end - start
        line = escaped.count("\n", 0, start) + 1
        column = start - (escaped.rfind("\n", 0, start) + 1) + 1
        codes = " ".join(f"0x{ord(c) - 0xDC00:02X}" for c in m["run"][:8]) + (
            " ..." if end - start > 8 else ""
        )
        where = f"at line {line}, column {column}"
        what = f"byte {codes} {where} is" if end - start == 1 else f"bytes {codes} {where} are"
        warnings.append(
            ParseWarning(
                code="decode-replaced",
                message=f"{name}: {what} not UTF-8; replaced by U+FFFD",
                span=Span(source=0, start=start, end=end),
            )
        )
    if bad > named:
        warnings.append(
            ParseWarning(
                code="decode-replaced",
                message=f"{name}: {bad - named} more bytes that are not UTF-8 replaced by U+FFFD",
            )
        )
    text = _compiled(_ESCAPED_BYTES).sub(lambda m: "\ufffd" * len(m["run"]), escaped)
    return SourceText(name=name, text=text, encoding="utf-8", warnings=tuple(warnings))


def _utf16_without_bom(raw: bytes) -> tuple[str, str] | None:
    """(text, encoding) when ``raw`` reads as text in BOM-less UTF-16 (little- or big-endian).

    Both byte orders are tried; the one whose characters are ordinary text (ASCII, Latin, Hangul, CJK,
    punctuation) wins if at least ``UTF16_TEXT_SHARE`` of them are, and no control character appears.
    """
    if len(raw) % 2:
        return None
    best: tuple[float, str, str] | None = None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        if not text or _compiled(_CONTROL_CHAR).search(text):
            continue
        if (
            " " not in text and "\n" not in text
        ):  # text has spaces or lines; "\x00\x01\x02 binary" reads as Hanja
            continue
        hanja = 0

        def keep(m: re.Match[str]) -> str:
            nonlocal hanja
            hanja += m["hanja"] is not None
            return ""

        share = 1 - len(_compiled(_TEXT_CHAR).sub(keep, text)) / len(text)
        if share >= UTF16_TEXT_SHARE and hanja <= len(text) / 2 and (best is None or share > best[0]):
            best = (share, text, enc)
    return (best[1], best[2]) if best else None


_NOT_REGULAR = (
    (stat.S_ISDIR, "is a directory, not a text file"),
    (stat.S_ISFIFO, "is a named pipe (FIFO), not a regular file"),
    (stat.S_ISCHR, "is a character device, not a regular file"),
    (stat.S_ISBLK, "is a block device, not a regular file"),
    (stat.S_ISSOCK, "is a socket, not a regular file"),
)
# Non-blocking, so that a file swapped for a FIFO between the check and the open cannot hang the read.
_OPEN_FLAGS = os.O_RDONLY
for _flag in ("O_NONBLOCK", "O_NOCTTY", "O_CLOEXEC"):
    _OPEN_FLAGS |= getattr(os, _flag, 0)


def _what_is_not_regular(mode: int) -> str | None:
    """What a non-regular file is ("is a named pipe ..."), None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((what for test, what in _NOT_REGULAR if test(mode)), "is not a regular file")


def _stat_problem(p: Path, exc: OSError) -> str:
    """One sentence naming the file and why it cannot be looked at."""
    if exc.errno == errno.ELOOP:
        return f"{p}: a symbolic link loop (the link never reaches a file)"
    if exc.errno == errno.ENOENT and p.is_symlink():
        return f"{p}: a broken symbolic link (its target is missing)"
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return f"{p}: no such file"
    if exc.errno == errno.EACCES:
        return f"{p}: permission denied"
    return f"{p}: cannot read the file ({exc.strerror or exc})"


def read_limited(path: str | Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file (symbolic links resolved), at most ``limit`` (default ``MAX_BYTES``).

    Anything else (directory, FIFO, device, socket, link loop, broken link) raises :class:`SourceError`
    naming the file and what it is.  The path is stat-ed before it is opened, the open is non-blocking and
    re-checked with ``fstat``, and at most ``limit + 1`` bytes are read: the limit holds for what is actually
    read, also for files that report a size of 0 (``/proc``) or grow while being read.
    """
    p = Path(path)
    limit = MAX_BYTES if limit is None else limit
    try:
        st = os.stat(p)
    except OSError as exc:
        raise SourceError(_stat_problem(p, exc)) from None
    what = _what_is_not_regular(st.st_mode)
    if what is not None:
        raise SourceError(f"{p}: {what}")
    if st.st_size > limit:
        raise SourceError(f"{p}: too large ({st.st_size:,} bytes; the limit is {limit:,})")
    try:
        fd = os.open(p, _OPEN_FLAGS)
    except OSError as exc:
        raise SourceError(_stat_problem(p, exc)) from None
    with os.fdopen(fd, "rb", buffering=0) as fh:
        what = _what_is_not_regular(os.fstat(fd).st_mode)
        if what is not None:  # replaced between the stat and the open
            raise SourceError(f"{p}: {what}")
        try:
            raw = _read_at_most(fh, limit + 1)
        except OSError as exc:
            raise SourceError(f"{p}: cannot read the file ({exc.strerror or exc})") from None
    if len(raw) > limit:
        raise SourceError(f"{p}: too large (more than the limit of {limit:,} bytes)")
    return raw


def _read_at_most(fh: BinaryIO, size: int) -> bytes:
    chunks: list[bytes] = []
    left = size
    while left > 0:
        chunk = fh.read(min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def read_path(path: str | Path) -> SourceText:
    """A regular file's decoded text (:func:`read_limited`, then :func:`decode`)."""
    p = Path(path)
    raw = read_limited(p)
    try:
        return decode(raw, p.name)
    except SourceError as exc:  # name the file as the user gave it, not just its base name
        raise SourceError(f"{p}{str(exc)[len(p.name) :]}") from None


def resolve(source: str, new_source: str | None = None) -> tuple[str, tuple[SourceText, ...]]:
    """A corpus name or a path (and optionally a second path) -> (display name, sources)."""
    if new_source is None:
        doc = find_bundled(source)
        if doc is not None:
            return doc.name, tuple(read_path(f) for f in doc.files)
        p = Path(source)
        if not os.path.lexists(p) and "/" not in source and "." not in source:
            names = ", ".join(bundled_names())
            raise SourceError(f"{source}: no such file or bundled document (bundled: {names})")
        return p.name, (read_path(p),)
    return f"{Path(source).name} -> {Path(new_source).name}", (read_path(source), read_path(new_source))
