"""The JSON outputs of the CLI (``ordiff align --format json``, ``ordiff parse``): one writer, fast and exact.

What is written is always what ``print(json.dumps(data, ensure_ascii=False, indent=2))`` writes, byte for
byte.  orjson (``OPT_INDENT_2``) writes the same bytes about seven times faster, except where the two
encoders differ; those cases go to ``json.dumps`` as before:

- floats that orjson spells otherwise: NaN and infinities (orjson: ``null``), and exponents in some
  orjson versions (3.8 writes ``1e16`` for ``1e+16``; ``0.00001`` for ``1e-05``).  Each distinct
  float of the data is checked by encoding it both ways (the rounded scores of our outputs are all
  written alike, so they stay on the fast path);
- anything but exact ``dict``, ``list``, ``tuple``, ``str``, ``int``, ``bool``, ``None`` and ``float``
  (subclasses, enums, dataclasses, dates, UUIDs: orjson writes some of them, ``json.dumps`` others);
- what orjson refuses: integers beyond 64 bits, keys that are not ``str``, strings holding a lone
  surrogate (``json.dumps`` keeps them, and writing them then fails or is escaped as today).

The bytes go straight to the stream's binary buffer when it is a UTF-8 text stream that writes ``\\n``
as is (standard output on this platform), so a large output is never decoded back into a string.
orjson is imported on first use: commands that write no JSON do not load it.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable
from typing import Any, TextIO

_SCALARS = frozenset({str, int, bool, type(None)})


def dumps(data: Any) -> str:
    """The reference encoding: ``json.dumps(data, ensure_ascii=False, indent=2)``."""
    return json.dumps(data, ensure_ascii=False, indent=2)


def encode(data: Any) -> bytes | None:
    """``dumps(data)`` as UTF-8 bytes, encoded by orjson; ``None`` where orjson would not write the same."""
    import orjson

    if not _orjson_exact(data, orjson.dumps):
        return None
    try:
        return orjson.dumps(data, option=orjson.OPT_INDENT_2)
    except orjson.JSONEncodeError:  # integers beyond 64 bits, keys that are not str, lone surrogates
        return None


def _orjson_exact(data: Any, encode_one: Any) -> bool:
    """Whether ``data`` holds only the plain JSON types and floats that orjson writes as ``float.__repr__``.

    ``0.0`` and ``-0.0`` are the only distinct floats that the set below takes for one; both encoders
    write them alike (``0.0``, ``-0.0``), so checking either is enough.
    """
    floats: set[float] = set()
    stack: list[Any] = [(data,)]
    while stack:
        container = stack.pop()
        for v in container.values() if type(container) is dict else container:
            t = type(v)
            if t is str:  # the most common by far
                continue
            if t is dict or t is list or t is tuple:
                stack.append(v)
            elif t is float:
                floats.add(v)
            elif t not in _SCALARS:
                return False
    return all(encode_one(f) == float.__repr__(f).encode() for f in floats)


def write(data: Any, out: TextIO | None = None) -> None:
    """``print(dumps(data), file=out)`` (default: standard output), byte for byte."""
    out = sys.stdout if out is None else out
    raw = encode(data)
    if raw is None:
        print(dumps(data), file=out)
        return
    sink = _Sink(out)
    sink.raw(raw)
    sink.raw(b"\n")
    sink.close()


class Streamed:
    """A list that :func:`write_object` writes item by item: each is made, written and dropped in turn."""

    __slots__ = ("items",)

    def __init__(self, items: Iterable[Any]) -> None:
        self.items = items


def write_object(entries: Iterable[tuple[str, Any]], out: TextIO | None = None) -> None:
    """``write(dict(entries), out)`` with each :class:`Streamed` value written as the list of its items,
    byte for byte, without holding the object, that list or the whole encoding at once.

    ``json.dumps`` with ``indent=2`` writes a value ``n`` levels down as it writes it alone with every
    newline followed by ``2 * n`` spaces (a newline inside a string is escaped), so each piece is
    encoded on its own (by :func:`encode`, or by ``json.dumps`` where that declines) and indented.
    A piece that fails (a lone surrogate on a strict UTF-8 stream) fails after the pieces before it
    were written, where ``print(json.dumps(...))`` would have written nothing.
    """
    sink = _Sink(sys.stdout if out is None else out)
    opening = b"{"
    for key, value in entries:
        if type(key) is not str:
            raise TypeError(f"keys must be str, not {type(key).__name__}")
        sink.raw(opening + b"\n  ")
        opening = b","
        sink.piece(key, 0)
        sink.raw(b": ")
        if not isinstance(value, Streamed):
            sink.piece(value, 1)
            continue
        opened = False
        for item in value.items:
            sink.raw(b",\n    " if opened else b"[\n    ")
            opened = True
            sink.piece(item, 2)
        sink.raw(b"\n  ]" if opened else b"[]")
    sink.raw(b"{}\n" if opening == b"{" else b"\n}\n")
    sink.close()


class _Sink:
    """Writes onto a text stream what ``print`` would: UTF-8 bytes straight into its binary buffer when
    that gives the same bytes, else as text (a ``StringIO``, another encoding, a newline other than
    ``\\n``)."""

    __slots__ = ("buffer", "out")

    def __init__(self, out: TextIO) -> None:
        self.out = out
        buffer = getattr(out, "buffer", None)
        self.buffer = buffer if buffer is not None and _utf8(out) and os.linesep == "\n" else None
        if self.buffer is not None:
            out.flush()  # what was printed before comes first

    def raw(self, chunk: bytes) -> None:
        if self.buffer is not None:
            self.buffer.write(chunk)
        else:
            self.out.write(chunk.decode("utf-8"))

    def piece(self, value: Any, level: int) -> None:
        """``value`` encoded ``level`` levels down (its first line not indented)."""
        raw = encode(value)
        if raw is not None:
            self.raw(raw.replace(b"\n", b"\n" + b"  " * level) if level else raw)
            return
        text = dumps(value)
        self.out.write(text.replace("\n", "\n" + "  " * level) if level else text)  # encoded as print does
        if self.buffer is not None:
            self.out.flush()  # before the next bytes go to the buffer

    def close(self) -> None:
        if self.buffer is not None:
            self.buffer.flush()


def _utf8(out: TextIO) -> bool:
    encoding = getattr(out, "encoding", None) or ""
    return encoding.lower().replace("-", "").replace("_", "") == "utf8"
