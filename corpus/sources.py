"""Reading raw input: corpus names and paths to decoded :class:`SourceText`.

Every failure raises :class:`SourceError` with one sentence naming the file
and the problem; callers (CLI, app) show that sentence and nothing else.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

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
            return SourceText(name=name, text=raw.decode("utf-16"), encoding="utf-16")
        except UnicodeDecodeError as exc:
            raise SourceError(f"{name}: not valid UTF-16 text ({exc.reason})") from None
    if b"\x00" in raw:
        bom_less = _utf16_without_bom(raw)
        if bom_less is not None:
            return SourceText(name=name, text=bom_less[0], encoding=bom_less[1])
        raise SourceError(f"{name}: binary data, not a text file")
    for enc in ("utf-8-sig", "cp949"):
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        return SourceText(name=name, text=text, encoding="utf-8" if enc == "utf-8-sig" else enc)
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise SourceError(f"{name}: cannot decode the text (not UTF-8, UTF-16 or CP949)")
    return SourceText(name=name, text=str(best), encoding=best.encoding)


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


def read_path(path: str | Path) -> SourceText:
    p = Path(path)
    if not p.exists():
        raise SourceError(f"{p}: no such file")
    if p.is_dir():
        raise SourceError(f"{p}: is a directory, not a text file")
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise SourceError(f"{p}: too large ({size:,} bytes; the limit is {MAX_BYTES:,})")
        raw = p.read_bytes()
    except OSError as exc:
        raise SourceError(f"{p}: cannot read the file ({exc.strerror})") from None
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
        if not p.exists() and "/" not in source and "." not in source:
            names = ", ".join(bundled_names())
            raise SourceError(f"{source}: no such file or bundled document (bundled: {names})")
        return p.name, (read_path(p),)
    return f"{Path(source).name} -> {Path(new_source).name}", (read_path(source), read_path(new_source))
