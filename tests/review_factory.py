"""Keyword factories for review objects in tests."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from review.model import Annotation, Decision, PairRef, Target, TextQuoteSelector

T0 = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


def note(
    *,
    document: str = "seoul-informatization",
    body: str = "Why was this paragraph dropped?",
    author: str = "kim",
    eid: str = "art_16",
    article: str = "16",
    minutes: int = 0,
    **extra: object,
) -> Annotation:
    t = T0 + timedelta(minutes=minutes)
    fields: dict[str, object] = {
        "id": str(uuid.uuid4()),
        "document": document,
        "target": Target(
            side="old",
            eid=eid,
            article=article,
            quote=TextQuoteSelector(exact="In order to improve", prefix="(1) ", suffix=" efficiency"),
        ),
        "body": body,
        "author": author,
        "created": t,
        "modified": t,
        "tags": ("question",),
        **extra,
    }
    return Annotation(**fields)  # type: ignore[arg-type]


def decision(
    *,
    document: str = "seoul-informatization",
    verdict: str = "link",
    old: tuple[str, ...] = ("art_16",),
    new: tuple[str, ...] = ("art_12",),
    minutes: int = 0,
    **extra: object,
) -> Decision:
    fields: dict[str, object] = {
        "id": str(uuid.uuid4()),
        "document": document,
        "old": old,
        "new": new,
        "old_numbers": tuple(e.removeprefix("art_") for e in old),
        "new_numbers": tuple(e.removeprefix("art_") for e in new),
        "verdict": verdict,
        "reason": "same subject: informatization by field",
        "author": "lee",
        "created": T0 + timedelta(minutes=minutes),
        **extra,
    }
    return Decision(**fields)  # type: ignore[arg-type]


def pair_ref(old: tuple[str, ...] = ("art_16",), new: tuple[str, ...] = ("art_12",)) -> PairRef:
    return PairRef(
        old=old,
        new=new,
        old_numbers=tuple(e.removeprefix("art_") for e in old),
        new_numbers=tuple(e.removeprefix("art_") for e in new),
    )
