"""Review objects <-> plain JSON-ready dicts (the ``json`` export, the audit log, the SQL store's columns).

``*_from_dict`` validate what they read and raise :class:`ReviewError` with one sentence: input from a
file or another program is checked here, at the boundary, and the stores trust what they are given.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, cast

from review.model import (
    MOTIVATIONS,
    NOTE_STATUSES,
    SIDES,
    VERDICTS,
    Annotation,
    Decision,
    Motivation,
    NoteStatus,
    PairRef,
    ReviewError,
    Side,
    Target,
    TextPositionSelector,
    TextQuoteSelector,
    Verdict,
)


def target_to_dict(t: Target) -> dict[str, Any]:
    return {
        "side": t.side,
        "eid": t.eid,
        "article": t.article,
        "path": t.path,
        "passage": t.passage,
        "quote": None
        if t.quote is None
        else {"exact": t.quote.exact, "prefix": t.quote.prefix, "suffix": t.quote.suffix},
        "position": None
        if t.position is None
        else {"start": t.position.start, "end": t.position.end, "source": t.position.source},
    }


def pair_to_dict(p: PairRef | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {
        "old": list(p.old),
        "new": list(p.new),
        "old_numbers": list(p.old_numbers),
        "new_numbers": list(p.new_numbers),
    }


def annotation_to_dict(a: Annotation) -> dict[str, Any]:
    return {
        "id": a.id,
        "document": a.document,
        "target": target_to_dict(a.target),
        "pair": pair_to_dict(a.pair),
        "body": a.body,
        "motivation": a.motivation,
        "tags": list(a.tags),
        "author": a.author,
        "created": a.created.isoformat(),
        "modified": a.modified.isoformat(),
        "modified_by": a.modified_by,
        "status": a.status,
        "deleted": a.deleted,
        "in_reply_to": a.in_reply_to,
        "version": a.version,
        "digests": list(a.digests),
    }


def decision_to_dict(d: Decision) -> dict[str, Any]:
    return {
        "id": d.id,
        "document": d.document,
        "old": list(d.old),
        "new": list(d.new),
        "old_numbers": list(d.old_numbers),
        "new_numbers": list(d.new_numbers),
        "verdict": d.verdict,
        "reason": d.reason,
        "author": d.author,
        "created": d.created.isoformat(),
        "supersedes": d.supersedes,
    }


# ---------------------------------------------------------------- reading, validated


def _get(data: dict[str, Any], key: str, kind: type | tuple[type, ...], what: str) -> Any:
    value = data.get(key)
    if not isinstance(value, kind):
        raise ReviewError(f"{what}: field {key!r} is missing or not a {_kind_name(kind)}")
    return value


def _kind_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(
        {str: "string", int: "number", bool: "boolean", list: "list", dict: "object"}.get(k, k.__name__)
        for k in kinds
    )


def _opt_str(data: dict[str, Any], key: str, what: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise ReviewError(f"{what}: field {key!r} is not a string")
    return value


def _strings(data: dict[str, Any], key: str, what: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ReviewError(f"{what}: field {key!r} is not a list of strings")
    return tuple(value)


def _time(data: dict[str, Any], key: str, what: str) -> datetime:
    raw = _get(data, key, str, what)
    try:
        t = datetime.fromisoformat(raw)
    except ValueError:
        raise ReviewError(f"{what}: field {key!r} is not an ISO date-time: {raw[:40]!r}") from None
    if t.tzinfo is None:
        raise ReviewError(f"{what}: field {key!r} has no time zone: {raw[:40]!r}")
    return t


def _uuid(data: dict[str, Any], key: str, what: str) -> str:
    raw = _get(data, key, str, what)
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        raise ReviewError(f"{what}: field {key!r} is not a UUID: {raw[:40]!r}") from None


def _choice(value: object, allowed: tuple[str, ...], what: str, key: str) -> str:
    if value not in allowed:
        raise ReviewError(f"{what}: {key} must be one of {', '.join(allowed)}, not {value!r}")
    return cast(str, value)


def target_from_dict(data: object, what: str) -> Target:
    if not isinstance(data, dict):
        raise ReviewError(f"{what}: the target is not an object")
    quote = data.get("quote")
    position = data.get("position")
    if quote is not None and not (isinstance(quote, dict) and isinstance(quote.get("exact"), str)):
        raise ReviewError(f"{what}: the quote has no exact text")
    if position is not None and not (
        isinstance(position, dict)
        and all(isinstance(position.get(k), int) for k in ("start", "end"))
        and 0 <= position["start"] <= position["end"]
    ):
        raise ReviewError(f"{what}: the text position needs start <= end, both whole numbers")
    return Target(
        side=cast(Side, _choice(data.get("side"), SIDES, what, "side")),
        eid=_get(data, "eid", str, what),
        article=_get(data, "article", str, what),
        path=str(data.get("path") or ""),
        passage=bool(data.get("passage", False)),
        quote=None
        if quote is None
        else TextQuoteSelector(
            exact=quote["exact"], prefix=str(quote.get("prefix") or ""), suffix=str(quote.get("suffix") or "")
        ),
        position=None
        if position is None
        else TextPositionSelector(
            start=position["start"], end=position["end"], source=int(position.get("source") or 0)
        ),
    )


def pair_from_dict(data: object, what: str) -> PairRef | None:
    if data is None:
        return None
    if not isinstance(data, dict):
        raise ReviewError(f"{what}: the pair is not an object")
    return PairRef(
        old=_strings(data, "old", what),
        new=_strings(data, "new", what),
        old_numbers=_strings(data, "old_numbers", what),
        new_numbers=_strings(data, "new_numbers", what),
    )


def annotation_from_dict(data: object) -> Annotation:
    if not isinstance(data, dict):
        raise ReviewError("a note is not a JSON object")
    what = f"note {str(data.get('id'))[:36]}"
    version = data.get("version", 0)
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise ReviewError(f"{what}: field 'version' is not a whole number >= 0")
    return Annotation(
        id=_uuid(data, "id", what),
        document=_get(data, "document", str, what),
        target=target_from_dict(data.get("target"), what),
        pair=pair_from_dict(data.get("pair"), what),
        body=_get(data, "body", str, what),
        motivation=cast(
            Motivation, _choice(data.get("motivation", "commenting"), MOTIVATIONS, what, "motivation")
        ),
        tags=_strings(data, "tags", what),
        author=_get(data, "author", str, what),
        created=_time(data, "created", what),
        modified=_time(data, "modified", what),
        modified_by=str(data.get("modified_by") or ""),
        status=cast(NoteStatus, _choice(data.get("status", "open"), NOTE_STATUSES, what, "status")),
        deleted=bool(data.get("deleted", False)),
        in_reply_to=_opt_str(data, "in_reply_to", what),
        version=version,
        digests=_strings(data, "digests", what),
    )


def decision_from_dict(data: object) -> Decision:
    if not isinstance(data, dict):
        raise ReviewError("a decision is not a JSON object")
    what = f"decision {str(data.get('id'))[:36]}"
    return Decision(
        id=_uuid(data, "id", what),
        document=_get(data, "document", str, what),
        old=_strings(data, "old", what),
        new=_strings(data, "new", what),
        old_numbers=_strings(data, "old_numbers", what),
        new_numbers=_strings(data, "new_numbers", what),
        verdict=cast(Verdict, _choice(data.get("verdict"), VERDICTS, what, "verdict")),
        reason=str(data.get("reason") or ""),
        author=_get(data, "author", str, what),
        created=_time(data, "created", what),
        supersedes=_opt_str(data, "supersedes", what),
    )
