"""W3C Web Annotation JSON-LD: notes and decisions out, and back in.

Follows hypothesis/h's JSON-LD presenter: each note is an ``Annotation`` whose body is a
``TextualBody`` in ``text/markdown`` (``purpose: commenting``, or ``replying`` in a thread) plus one
``TextualBody`` per tag with ``purpose: tagging``; its target's ``source`` is the version IRI, with a
``FragmentSelector`` (the element id), a ``TextQuoteSelector`` and a ``TextPositionSelector``.  A
decision is an ``Annotation`` too: ``motivation: assessing`` for accept / reject / unlink, ``linking``
for a link, with one target per old and new element.  What the W3C vocabulary has no term for (status,
version, thread, display numbers, digests) travels in an ``ordiff`` member, so an export imported into
an empty database gives the same notes and decisions back.

The whole export is an ``AnnotationCollection`` whose ``first`` page holds the ``items``.
"""

from __future__ import annotations

from typing import Any

from review.codec import annotation_from_dict, annotation_to_dict, decision_from_dict, decision_to_dict
from review.model import Annotation, Decision, DocumentRef, ReviewError, Side, Target

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
AKN_FRAGMENT = "http://docs.oasis-open.org/legaldocml/akn-core/v1.0/"


def _creator(name: str) -> dict[str, str]:
    return {"type": "Person", "name": name}


def _fragment(eid: str) -> dict[str, str]:
    return {"type": "FragmentSelector", "conformsTo": AKN_FRAGMENT, "value": eid}


def _selectors(target: Target) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = [_fragment(target.eid)]
    if target.quote is not None:
        out.append(
            {
                "type": "TextQuoteSelector",
                "exact": target.quote.exact,
                "prefix": target.quote.prefix,
                "suffix": target.quote.suffix,
            }
        )
    if target.position is not None:
        pos = target.position
        out.append({"type": "TextPositionSelector", "start": pos.start, "end": pos.end})
    return out


def annotation_jsonld(note: Annotation, ref: DocumentRef) -> dict[str, Any]:
    purpose = "replying" if note.in_reply_to else "commenting"
    body: list[dict[str, Any]] = [
        {"type": "TextualBody", "value": note.body, "format": "text/markdown", "purpose": purpose}
    ]
    body += [{"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in note.tags]
    return {
        "@context": CONTEXT,
        "type": "Annotation",
        "id": f"urn:uuid:{note.id}",
        "created": note.created.isoformat(),
        "modified": note.modified.isoformat(),
        "creator": _creator(note.author),
        "motivation": "replying" if note.in_reply_to else note.motivation,
        "body": body,
        "target": {"source": ref.iri(note.target.side), "selector": _selectors(note.target)},
        "ordiff": annotation_to_dict(note),
    }


def decision_jsonld(decision: Decision, ref: DocumentRef) -> dict[str, Any]:
    sides: tuple[tuple[Side, tuple[str, ...]], ...] = (("old", decision.old), ("new", decision.new))
    targets = [{"source": ref.iri(side), "selector": _fragment(e)} for side, eids in sides for e in eids]
    body: list[dict[str, Any]] = [{"type": "TextualBody", "value": decision.verdict, "purpose": "tagging"}]
    if decision.reason:
        body.insert(0, {"type": "TextualBody", "value": decision.reason, "format": "text/plain"})
    return {
        "@context": CONTEXT,
        "type": "Annotation",
        "id": f"urn:uuid:{decision.id}",
        "created": decision.created.isoformat(),
        "creator": _creator(decision.author),
        "motivation": "linking" if decision.verdict == "link" else "assessing",
        "body": body,
        "target": targets,
        "ordiff": decision_to_dict(decision),
    }


def export_jsonld(
    ref: DocumentRef, notes: tuple[Annotation, ...], decisions: tuple[Decision, ...] = ()
) -> dict[str, Any]:
    """An ``AnnotationCollection`` of the notes (deleted ones included, marked) and decisions."""
    items = [annotation_jsonld(n, ref) for n in notes] + [decision_jsonld(d, ref) for d in decisions]
    return {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "id": f"urn:ordiff:notes:{ref.name}",
        "label": f"ordiff notes and decisions on {ref.name}",
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


# ---------------------------------------------------------------- import


def _items(data: object) -> list[Any]:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        if data.get("type") == "Annotation":
            return [data]
        first = data.get("first")
        if isinstance(first, dict) and isinstance(first.get("items"), list):
            return list(first["items"])
        if isinstance(data.get("items"), list):
            return list(data["items"])
    raise ReviewError("not a W3C annotation collection: no 'first.items', 'items' or list of annotations")


def _side(source: object, ref: DocumentRef) -> Side:
    if source == ref.old_iri:
        return "old"
    if source == ref.new_iri:
        return "new"
    raise ReviewError(f"an annotation targets {str(source)[:80]!r}, which is neither version of {ref.name}")


def _note_from_w3c(item: dict[str, Any], ref: DocumentRef) -> Annotation:
    """A note written by another W3C client (no ``ordiff`` member): selectors, body, tags, creator."""
    from datetime import datetime

    target = item.get("target")
    target = target[0] if isinstance(target, list) and target else target
    if not isinstance(target, dict):
        raise ReviewError(f"annotation {str(item.get('id'))[:60]}: no target")
    side = _side(target.get("source"), ref)
    selectors = target.get("selector", [])
    selectors = selectors if isinstance(selectors, list) else [selectors]
    by_type = {s.get("type"): s for s in selectors if isinstance(s, dict)}
    fragment = by_type.get("FragmentSelector", {}).get("value")
    if not isinstance(fragment, str):
        raise ReviewError(f"annotation {str(item.get('id'))[:60]}: no FragmentSelector with an element id")
    q, pos = by_type.get("TextQuoteSelector"), by_type.get("TextPositionSelector")
    bodies = item.get("body", [])
    bodies = bodies if isinstance(bodies, list) else [bodies]
    texts = [b for b in bodies if isinstance(b, dict) and isinstance(b.get("value"), str)]
    text = next((b["value"] for b in texts if b.get("purpose") != "tagging"), "")
    tags = tuple(b["value"] for b in texts if b.get("purpose") == "tagging")
    creator = item.get("creator")
    author = creator.get("name") if isinstance(creator, dict) else creator
    raw_id = str(item.get("id", ""))
    data = {
        "id": raw_id.removeprefix("urn:uuid:"),
        "document": ref.name,
        "target": {
            "side": side,
            "eid": fragment,
            "article": fragment.split("__")[0].removeprefix("art_"),
            "quote": None if q is None else {k: q.get(k, "") for k in ("exact", "prefix", "suffix")},
            "position": None if pos is None else {"start": pos.get("start"), "end": pos.get("end")},
            "passage": q is not None,
        },
        "body": text,
        "tags": list(tags),
        "author": author if isinstance(author, str) else "",
        "created": item.get("created") or datetime.now().astimezone().isoformat(),
        "modified": item.get("modified") or item.get("created") or datetime.now().astimezone().isoformat(),
        "version": 1,
    }
    return annotation_from_dict(data)


def import_jsonld(data: object, ref: DocumentRef) -> tuple[tuple[Annotation, ...], tuple[Decision, ...]]:
    """Notes and decisions from a W3C collection (ours or another client's); ReviewError when malformed."""
    notes: list[Annotation] = []
    decisions: list[Decision] = []
    for item in _items(data):
        if not isinstance(item, dict) or item.get("type") != "Annotation":
            raise ReviewError("an item of the collection is not an Annotation")
        ours = item.get("ordiff")
        if isinstance(ours, dict) and "verdict" in ours:
            d = decision_from_dict(ours)
            if d.document != ref.name:
                d = decision_from_dict({**ours, "document": ref.name})
            decisions.append(d)
        elif isinstance(ours, dict):
            notes.append(annotation_from_dict({**ours, "document": ref.name}))
        else:
            notes.append(_note_from_w3c(item, ref))
    return tuple(notes), tuple(decisions)
