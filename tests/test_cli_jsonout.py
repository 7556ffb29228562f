"""``ordiff.jsonout``: the JSON outputs, written by orjson where it writes what ``json.dumps`` writes.

Every check compares the writer with the reference it replaces, ``print(json.dumps(data,
ensure_ascii=False, indent=2))``, on the same kind of stream.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import io
import json
import math
import uuid
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpus import load_document
from corpus.serialize import document_to_dict
from diffing import compare
from diffing.serialize import comparison_to_dict
from ordiff import jsonout


def _reference(data: Any, encoding: str = "utf-8") -> bytes:
    stream = io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors="strict", newline="\n")
    print(json.dumps(data, ensure_ascii=False, indent=2), file=stream)
    stream.flush()
    return stream.buffer.getvalue()  # type: ignore[attr-defined]


def _written(data: Any, encoding: str = "utf-8") -> bytes:
    stream = io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors="strict", newline="\n")
    jsonout.write(data, stream)
    stream.flush()
    return stream.buffer.getvalue()  # type: ignore[attr-defined]


def _outcome(fn: Any, data: Any, *args: str) -> bytes | str:
    try:
        return fn(data, *args)  # type: ignore[no-any-return]
    except (TypeError, ValueError, UnicodeEncodeError) as exc:
        return type(exc).__name__


# Text as our documents have it and worse: Hangul, non-BMP characters, control characters (escaped by
# both), U+2028, BOM, DEL, quotes and backslashes, and lone surrogates (orjson refuses them).
_TEXT = st.text(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(
            ["가", "힣", "😀", "\U00020000", "\x00", "\x1f", "\x7f", "\u2028", "\ufeff", '"', "\\"]
        ),
        st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
    ),
    max_size=12,
)
_SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),  # beyond 64 bits too
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=0, max_value=1).map(lambda x: round(x, 4)),  # our scores
    _TEXT,
)
_KEY = st.one_of(_TEXT, st.integers(-5, 5), st.booleans(), st.none(), st.floats(0, 2))
_JSON = st.recursive(
    _SCALAR,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(_KEY, inner, max_size=4),
    ),
    max_leaves=25,
)


@given(_JSON)
def test_the_writer_writes_what_json_dumps_wrote(data: Any) -> None:
    assert _outcome(_written, data) == _outcome(_reference, data)


@given(st.recursive(_SCALAR, lambda inner: st.dictionaries(_TEXT, inner, max_size=4), max_leaves=20))
def test_the_fast_path_is_taken_exactly_when_it_writes_the_same(data: Any) -> None:
    raw = jsonout.encode(data)
    if raw is not None:
        assert raw == json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def test_every_rounded_score_stays_on_the_fast_path() -> None:
    scores = [k / 10_000 for k in range(10_001)] + [round(k * 0.00013, 4) for k in range(7_700)] + [-0.0]
    raw = jsonout.encode({"scores": scores})
    assert raw is not None
    assert raw == json.dumps({"scores": scores}, ensure_ascii=False, indent=2).encode()


class _Str(str):
    pass


class _Float(float):
    pass


class _Colour(enum.Enum):
    RED = "red"


class _Size(enum.IntEnum):
    ONE = 1


@dataclasses.dataclass
class _Point:
    x: int = 1


@pytest.mark.parametrize(
    "data",
    [
        math.nan,
        math.inf,
        -math.inf,
        2**64,
        -(2**63) - 1,
        {1: "a"},
        {None: 1},
        {True: 1},
        {1.5: 1},
        {"a": [{"b": "x\ud800y"}]},
        _Str("s"),
        {_Str("k"): 1},
        _Float(0.5),
        _Size.ONE,
        _Colour.RED,
        _Point(),
        uuid.UUID(int=1),
        date(2026, 1, 1),
    ],
    ids=repr,
)
def test_what_orjson_writes_otherwise_goes_to_json_dumps(data: Any) -> None:
    assert jsonout.encode({"key": [data]}) is None
    assert _outcome(_written, {"key": [data]}) == _outcome(_reference, {"key": [data]})


@pytest.mark.parametrize(
    "value", [1e16, 1.2345678901234568e17, 1e-05, 2.5e-07, 1.7976931348623157e308, 1e15, 0.0001], ids=repr
)
def test_a_float_takes_orjson_only_where_orjson_spells_it_as_json_dumps_does(value: float) -> None:
    """Exponent floats: orjson's spelling of them differs between versions (``1e16`` in 3.8,
    ``1e+16`` in 3.13), so which encoder writes them is decided by the installed orjson, per value."""
    import orjson

    alike = orjson.dumps(value) == json.dumps(value).encode()
    assert (jsonout.encode({"key": [value]}) is not None) == alike
    assert _written({"key": [value]}) == _reference({"key": [value]})


@pytest.mark.parametrize("data", [{}, [], (), "", 0, None, {"a": {}, "b": [], "c": [[]]}, "가\n\t"], ids=repr)
def test_empty_and_scalar_documents(data: Any) -> None:
    assert jsonout.encode(data) is not None
    assert _written(data) == _reference(data)


def test_a_text_stream_without_a_buffer_and_another_encoding_get_the_same_text() -> None:
    data = {"text": "제1조(목적) 😀", "score": 0.5}
    out = io.StringIO()
    jsonout.write(data, out)
    assert out.getvalue() == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    assert _written(data, "utf-16") == _reference(data, "utf-16")
    assert _outcome(_written, data, "ascii") == _outcome(_reference, data, "ascii") == "UnicodeEncodeError"


def test_what_was_printed_before_comes_first() -> None:
    stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="\n")
    print("before", file=stream)
    jsonout.write({"a": 1}, stream)
    print("after", file=stream)
    stream.flush()
    assert stream.buffer.getvalue() == b'before\n{\n  "a": 1\n}\nafter\n'  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", ["seoul-informatization", "kr-ai-framework-act"])
def test_the_bundled_outputs_take_the_fast_path(name: str) -> None:
    doc = load_document(name)
    for data in (document_to_dict(doc), comparison_to_dict(compare(doc))):
        raw = jsonout.encode(data)
        assert raw is not None
        assert raw == json.dumps(data, ensure_ascii=False, indent=2).encode()


def _object_written(entries: list[tuple[str, Any]], streamed: set[str], encoding: str = "utf-8") -> bytes:
    stream = io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors="strict", newline="\n")
    parts = [(k, jsonout.Streamed(iter(v)) if k in streamed else v) for k, v in entries]
    jsonout.write_object(parts, stream)
    stream.flush()
    return stream.buffer.getvalue()  # type: ignore[attr-defined]


_ENTRIES = st.lists(st.tuples(_TEXT, _JSON), max_size=5, unique_by=lambda e: e[0])


@given(_ENTRIES, st.data())
def test_an_object_written_piece_by_piece_is_the_object_written_at_once(
    entries: list[tuple[str, Any]], data: st.DataObject
) -> None:
    lists = [k for k, v in entries if isinstance(v, list)]
    streamed = set(data.draw(st.lists(st.sampled_from(lists), unique=True) if lists else st.just([])))
    expected = _outcome(_reference, dict(entries))
    assert _outcome(lambda e: _object_written(e, streamed), entries) == expected


@pytest.mark.parametrize(
    "entries",
    [
        [],
        [("pairs", [])],
        [("a", {}), ("pairs", [{}]), ("b", [[]])],
        [("pairs", [{"x": [1, {"y": "가\n"}]}, {"score": math.nan}, 2**70]), ("tail", "😀")],
    ],
    ids=repr,
)
def test_objects_with_empty_and_fallback_pieces(entries: list[tuple[str, Any]]) -> None:
    assert _object_written(entries, {"pairs"}) == _reference(dict(entries))
    out = io.StringIO()
    jsonout.write_object([(k, jsonout.Streamed(v) if k == "pairs" else v) for k, v in entries], out)
    assert out.getvalue() == json.dumps(dict(entries), ensure_ascii=False, indent=2) + "\n"


def test_an_object_takes_only_str_keys() -> None:
    with pytest.raises(TypeError):
        jsonout.write_object([(1, "x")], io.StringIO())  # type: ignore[list-item]


@pytest.mark.parametrize("name", ["seoul-informatization", "kr-ai-framework-act"])
def test_align_json_written_pair_by_pair_is_the_whole_dict_written_at_once(name: str) -> None:
    from analysis import with_analysis
    from ordiff.cmd_align import write_json
    from review.decisions import apply_decisions

    comparison = compare(load_document(name))
    result = apply_decisions(comparison, ())
    data = with_analysis(comparison, comparison_to_dict(comparison))
    for pair, entry in zip(data["pairs"], result.entries, strict=True):
        pair["origin"], pair["review"] = entry.origin, entry.review
    data["review"] = {"progress": result.progress, "stale": [s.message for s in result.stale]}
    stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="\n")
    with contextlib.redirect_stdout(stream):
        write_json(comparison, result)
    stream.flush()
    assert stream.buffer.getvalue() == _reference(data)  # type: ignore[attr-defined]
