"""Comparison -> plain dict (JSON-ready), shared by ``ordiff align`` and the report exports.

Deterministic: pairs keep the engine's reading order, keys are fixed, floats are
rounded to 4 places.
"""

from __future__ import annotations

from typing import Any

from corpus.model import Note, Version
from corpus.serialize import version_meta as corpus_version_meta
from corpus.serialize import warning_to_dict
from diffing.model import Comparison, Pair, Row, TextDiff, UnitRef
from diffing.provisions import Concordance, ConcordanceRow


def comparison_to_dict(comparison: Comparison) -> dict[str, Any]:
    return {**comparison_head(comparison), "pairs": [pair_to_dict(p) for p in comparison.pairs]}


def comparison_head(comparison: Comparison) -> dict[str, Any]:
    """The keys of :func:`comparison_to_dict` before ``pairs`` (a writer may stream the pairs after them)."""
    return {
        "document": comparison.document.name,
        "title": comparison.document.title,
        "old": version_meta(comparison.old),
        "new": version_meta(comparison.new),
        "counts": comparison.counts(),
        "warnings": [warning_to_dict(w) for w in comparison.warnings],
    }


def version_meta(v: Version) -> dict[str, Any]:
    """The parse JSON's version identity, plus ``number`` (same as ``ordinance_no``) and the article count."""
    return {**corpus_version_meta(v), "number": v.number, "articles": len(v.articles)}


def pair_to_dict(p: Pair) -> dict[str, Any]:
    """A pair; its ``diff`` is the concatenation of its rows' diffs (the same segment dicts, built once:
    the result is read-only data for ``json.dumps`` and the exporters)."""
    rows = [row_to_dict(r) for r in p.rows]
    return {
        "key": p.key,
        "old": list(p.old),
        "new": list(p.new),
        "old_eids": list(p.old_eids),
        "new_eids": list(p.new_eids),
        "change": p.change,
        "renumbered": p.renumbered,
        "modified": p.modified,
        "score": round(p.score, 4),
        "reason": p.reason,
        "paragraphs": rows,
        "diff": [seg for r in rows for seg in r["diff"]],
        "addenda": [
            {"version": a.version, "block": a.block, "article": a.article, "eid": a.eid, "reason": a.reason}
            for a in p.addenda
        ],
    }


def row_to_dict(r: Row) -> dict[str, Any]:
    return {
        "old": unit_to_dict(r.old),
        "new": unit_to_dict(r.new),
        "score": round(r.score, 4),
        "moved": r.moved,
        "changed": r.diff.changed,
        "diff": diff_to_list(r.diff),
    }


def unit_to_dict(u: UnitRef | None) -> dict[str, Any] | None:
    if u is None:
        return None
    return {
        "article": u.article,
        "eid": u.eid,
        "label": u.label,
        "text": u.text,
        "notes": [note_text(n) for n in u.notes],
    }


def note_text(n: Note) -> str:
    return n.raw


def diff_to_list(d: TextDiff) -> list[dict[str, str]]:
    """``TextDiff.segments`` as dicts, built straight from the opcodes."""
    old, new, join = d.old_tokens, d.new_tokens, "".join
    return [
        {"tag": tag, "old": join(old[i1:i2]), "new": join(new[j1:j2])} for tag, i1, i2, j1, j2 in d.opcodes
    ]


def concordance_to_dict(comparison: Comparison, concordance: Concordance) -> dict[str, Any]:
    """``ordiff align --provisions --format json``: one entry per old provision, then added ones in place."""
    return {
        "document": comparison.document.name,
        "title": comparison.document.title,
        "old": version_meta(comparison.old),
        "new": version_meta(comparison.new),
        "counts": concordance.counts(),
        "provisions": [concordance_row_to_dict(r) for r in concordance.rows],
    }


def concordance_row_to_dict(r: ConcordanceRow) -> dict[str, Any]:
    """``old`` is "" for an added provision, ``new`` is [] for a deleted one."""
    if r.old is None:
        eid = r.added.eid if r.added is not None else ""
        new = [{"provision": r.new_labels[0], "eid": eid, "score": 0.0, "moved": ""}]
    else:
        new = [
            {"provision": label, "eid": lk.new.eid, "score": round(lk.score, 4), "moved": lk.moved}
            for label, lk in zip(r.new_labels, r.links, strict=True)
        ]
    return {
        "old": r.old_label,
        "old_eid": r.old.eid if r.old is not None else "",
        "change": r.change,
        "new": new,
    }
