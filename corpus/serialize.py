"""The model as plain data (JSON) and as a readable outline.

The JSON field names are an interface (``ordiff parse --format json``, golden
files): ``{"versions": [OLD, NEW]}``; each version has ``label``, ``title``,
``ordinance_no``, ``date``, ``whole_amendment``, ``articles``, ``addenda``,
``tables``, ``warnings``.  A note is flattened to one entry per event.
Element ids (:mod:`corpus.ids`): every article, provision, addenda block and
addenda article has ``eid``, every note entry the ``eid`` of the node it
annotates, and each version its FRBR-style ``iri``.
"""

from __future__ import annotations

from typing import Any

from corpus.model import (
    AddendaBlock,
    Article,
    AttachedTable,
    Document,
    Note,
    ParseWarning,
    Provision,
    Version,
)


def document_to_dict(doc: Document) -> dict[str, Any]:
    return {
        "name": doc.name,
        "title": doc.title,
        "sources": [{"name": s.name, "encoding": s.encoding} for s in doc.sources],
        "versions": [version_to_dict(v) for v in doc.versions],
        "warnings": [warning_to_dict(w) for w in doc.warnings],
    }


def version_meta(v: Version) -> dict[str, Any]:
    """The identity of a version (no content): shared by the parse and align JSON."""
    return {
        "label": v.label,
        "title": v.title,
        "instrument": v.instrument,
        "ordinance_no": v.number,
        "date": v.date,
        "whole_amendment": v.whole_amendment,
        "amendment_kind": v.amendment_kind,
        "iri": v.iri,
    }


def version_to_dict(v: Version) -> dict[str, Any]:
    return {
        **version_meta(v),
        "divisions": [
            {"kind": d.kind, "number": d.number, "ordinal": d.ordinal, "title": d.title} for d in v.divisions
        ],
        "articles": [article_to_dict(a) for a in v.articles],
        "addenda": [addenda_to_dict(b) for b in v.addenda],
        "tables": [table_to_dict(t) for t in v.tables],
        "warnings": [warning_to_dict(w) for w in v.warnings],
    }


def article_to_dict(a: Article) -> dict[str, Any]:
    out: dict[str, Any] = {
        "eid": a.eid,
        "number": a.number,
        "label": a.label,
        "title": a.title,
        "chapter": a.chapter,
        "section": a.section,
        "status": a.status,
        "lead": a.lead,
        "text": a.text,
        "paragraphs": [provision_to_dict(p) for p in a.paragraphs],
        "notes": [e for n in a.all_notes() for e in note_to_dicts(n)],
    }
    if a.moved_from is not None:  # only texts with move markers carry the key
        out["moved_from"] = a.moved_from
    return out


def provision_to_dict(p: Provision) -> dict[str, Any]:
    return {
        "eid": p.eid,
        "kind": p.kind,
        "label": p.label,
        "number": p.number,
        "text": p.text,
        "deleted": p.deleted,
        "notes": [e for n in p.notes for e in note_to_dicts(n)],
        "children": [provision_to_dict(c) for c in p.children],
    }


def note_to_dicts(n: Note) -> list[dict[str, Any]]:
    """One entry per amendment event, the note's raw text repeated."""
    return [
        {
            "action": e.action,
            "instrument": e.instrument,
            "ordinance_no": e.number,
            "date": e.date,
            "number_resolved": e.number_resolved,
            "scope": n.scope,
            "target": n.target,
            "eid": n.eid,
            "raw": n.raw,
        }
        for e in n.events
    ]


def addenda_to_dict(b: AddendaBlock) -> dict[str, Any]:
    return {
        "eid": b.eid,
        "heading": b.heading,
        "instrument": b.instrument,
        "ordinance_no": b.number,
        "date": b.date,
        "text": b.text,
        "articles": [
            {"eid": x.eid, "number": x.number, "title": x.title, "text": x.text, "omitted": x.omitted}
            for x in b.articles
        ],
    }


def table_to_dict(t: AttachedTable) -> dict[str, Any]:
    return {"title": t.title, "article": t.article}


def warning_to_dict(w: ParseWarning) -> dict[str, Any]:
    return {"code": w.code, "message": w.message}


def outline(doc: Document) -> str:
    """A readable outline of both versions: headings, provision labels, notes, addenda."""
    out = [doc.title, ""]
    for key, v in zip(("OLD", "NEW"), doc.versions, strict=True):
        kind = f", {v.amendment_kind}" if v.amendment_kind else ""
        out.append(f"{key}: {v.label}{kind} - {len(v.articles)} articles, {len(v.addenda)} addenda blocks")
        chapter: str | None = None
        for a in v.articles:
            if a.chapter != chapter and a.chapter:
                out.append(f"  {a.chapter}")
            chapter = a.chapter
            status = "" if a.status == "in_force" else f" [{a.status}]"
            out.append(f"    {a.heading}{status}")
            for p in _walk(a.paragraphs):
                depth = {"paragraph": 0, "subparagraph": 1, "item": 2}[p.kind]
                text = p.text if len(p.text) <= 70 else p.text[:67] + "..."
                out.append(f"      {'  ' * depth}{p.label} {text}")
            for n in a.all_notes():
                where = f" {n.target}" if n.target else ""
                out.append(f"      note ({n.scope}{where}): {n.raw}")
        for b in v.addenda:
            number = f" No. {b.number}" if b.number else ""
            out.append(f"  {b.heading}  [{b.instrument or ''}{number} {b.date or 'undated'}]")
            for x in b.articles:
                out.append(f"    {x.heading}")
        for t in v.tables:
            out.append(f"  Table: {t.title} -> Article {t.article}")
        for w in v.warnings:
            out.append(f"  warning: {w.message}")
        out.append("")
    for w in doc.warnings:
        if not any(w in v.warnings for v in doc.versions):
            out.append(f"warning: {w.message}")
    return "\n".join(out).rstrip() + "\n"


def _walk(ps: tuple[Provision, ...]) -> list[Provision]:
    out: list[Provision] = []
    for p in ps:
        out.append(p)
        out.extend(_walk(p.children))
    return out
