"""Reading raw input: corpus names and paths to decoded :class:`SourceText`.

Every failure raises :class:`SourceError` with one sentence naming the file
and the problem; callers (CLI, app) show that sentence and nothing else.
"""

from __future__ import annotations

import errno
import os
import stat
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import BinaryIO

from corpus.model import SourceText

MAX_BYTES = 20 * 1024 * 1024  # 20 MiB: far above any real ordinance


class SourceError(Exception):
    """Bad input: the message is one human sentence naming the file."""


@dataclass(frozen=True, slots=True)
class BundledDocument:
    name: str
    title: str
    files: tuple[str, ...]  # one combined page, or old then new
    labels: tuple[str, str]  # version labels as the source states them
    provenance: str  # SOURCE.md text


def _data_dir() -> Path:
    return Path(str(resources.files("corpus") / "data"))


def bundled() -> tuple[BundledDocument, ...]:
    """The bundled corpus, in the order of ``corpus/data/catalog.toml``."""
    catalog = tomllib.loads((_data_dir() / "catalog.toml").read_text(encoding="utf-8"))
    out = []
    for name, entry in catalog["documents"].items():
        folder = _data_dir() / name
        out.append(
            BundledDocument(
                name=name,
                title=entry["title"],
                files=tuple(str(folder / f) for f in entry["files"]),
                labels=(entry["old_label"], entry["new_label"]),
                provenance=(folder / "SOURCE.md").read_text(encoding="utf-8"),
            )
        )
    return tuple(out)


def bundled_names() -> tuple[str, ...]:
    return tuple(d.name for d in bundled())


def find_bundled(name: str) -> BundledDocument | None:
    for d in bundled():
        if d.name == name:
            return d
    return None


def decode(raw: bytes, name: str) -> SourceText:
    """Decode bytes: BOMs first, then strict UTF-8, strict CP949, then a detector.  Blank text is refused."""
    src = _decode(raw, name)
    if not src.text.strip():
        raise SourceError(f"{name}: the file is empty")
    return src


def _decode(raw: bytes, name: str) -> SourceText:
    if not raw.strip():
        raise SourceError(f"{name}: the file is empty")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return SourceText(name, raw.decode("utf-16"), "utf-16")
        except UnicodeDecodeError as exc:
            raise SourceError(f"{name}: not valid UTF-16 text ({exc.reason})") from None
    if b"\x00" in raw:
        bom_less = _utf16_without_bom(raw)
        if bom_less is not None:
            return SourceText(name, bom_less[0], bom_less[1])
        raise SourceError(f"{name}: binary data, not a text file")
    for enc in ("utf-8-sig", "cp949"):
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        return SourceText(name, text, "utf-8" if enc == "utf-8-sig" else enc)
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise SourceError(f"{name}: cannot decode the text (not UTF-8, UTF-16 or CP949)")
    return SourceText(name, str(best), best.encoding)


def _utf16_without_bom(raw: bytes) -> tuple[str, str] | None:
    """(text, encoding) when ``raw`` looks like BOM-less UTF-16 (mostly-ASCII text: every other byte 0)."""
    if len(raw) % 2:
        return None
    for enc, zeros in (("utf-16-le", raw[1::2]), ("utf-16-be", raw[0::2])):
        if zeros.count(0) >= 0.9 * len(zeros):
            try:
                text = raw.decode(enc)
            except UnicodeDecodeError:
                return None
            if "\x00" not in text and all(ch.isprintable() or ch.isspace() for ch in text):
                return text, enc
    return None


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
