"""The analysis (``analysis.analyse``) as the viewer shows it: summary, tables, references, hidden renames.

Pure helpers (no Streamlit).  The app analyses the comparison it shows (decisions applied) once per input
and decision log, and these functions turn the result into frames, one-line texts and escaped HTML.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace

import pandas as pd

import analysis
from analysis import Analysis, Reference
from diffing.model import Comparison, Pair
from reports.render import esc
from viewer.index import Selection, Side, ViewIndex, pair_name_of, side_label

# the statuses an analyst must look at first, then the rest in the analysis' own order
FIRST = ("dangling", "repointed")
STATUS_TEXT = {
    "ok": "points where it did",
    "renumbered": "target renumbered, reference not updated",
    "updated": "target renumbered and the reference updated",
    "dangling": "target deleted (dangling)",
    "repointed": "same number now names another provision (re-pointed)",
    "unresolved": "target not found in this version",
}


def pair_types(result: Analysis, key: str) -> tuple[str, ...]:
    t = result.types.get(key)
    return tuple(t.types) if t else ()


def of_types(picked: Selection, index: ViewIndex, result: Analysis, types: Sequence[str]) -> Selection:
    """``picked`` narrowed to the pairs of one of the legal change ``types`` (all, when none is given)."""
    if not types:
        return picked
    wanted = set(types)
    shown = tuple(i for i in picked.shown if wanted & set(pair_types(result, index.keys[i])))
    return replace(picked, shown=shown)


def types_text(result: Analysis, key: str) -> str:
    t = result.types.get(key)
    if t is None:
        return ""
    return ", ".join(t.types) + (" (terminology only)" if t.terminology else "")


def hide_known(pair: Pair, result: Analysis) -> Pair:
    """``pair`` with the changes that the document's substitutions explain shown as unchanged."""
    if not result.substitutions:
        return pair
    rows = tuple(
        replace(row, diff=analysis.hide_substitutions(row.diff, result.substitutions)) for row in pair.rows
    )
    return replace(pair, rows=rows)


def summary_counts(result: Analysis) -> list[tuple[str, int]]:
    s = analysis.summary(result)
    problems = s["references"]["dangling"] + s["references"]["repointed"]
    return [
        ("substitutions", s["substitutions"]),
        ("references", len(result.references)),
        ("dangling or re-pointed", problems),
        ("note checks", sum(s["checks"].values())),
    ]


def analysis_summary_html(result: Analysis) -> str:
    """Count chips: substitutions, references, problem references, note checks; then change types."""
    items = [f"<li><strong>{n}</strong>{esc(label)}</li>" for label, n in summary_counts(result)]
    types = analysis.summary(result)["change_types"]
    chips = [f"<li><strong>{n}</strong>{esc(t)}</li>" for t, n in types.items() if n]
    return (
        f'<ul class="od-counts" aria-label="Analysis summary">{"".join(items)}</ul>'
        f'<p>Pairs by legal change type:</p><ul class="od-counts" aria-label="Pairs by change type">'
        f"{''.join(chips)}</ul>"
    )


def substitutions_frame(result: Analysis, comparison: Comparison) -> pd.DataFrame:
    """One row per substitution; pairs and articles named as the document prints them (``7 + 8 → 7``,
    ``new 제7조``)."""
    rows = [
        (
            s.old,
            s.new,
            s.count,
            "; ".join(pair_name_of(comparison, key) for key in s.where),
            ", ".join(f"new {side_label(comparison, 'new', n)}" for n in s.survivors) or "none",
            s.source,
        )
        for s in result.substitutions
    ]
    return pd.DataFrame(
        rows, columns=["Old term", "New term", "Count", "Pairs", "Old term survives in", "Found by"]
    )


def checks_frame(result: Analysis, comparison: Comparison) -> pd.DataFrame:
    rows = [
        (
            c.kind,
            c.side,
            side_label(comparison, c.side, c.article) if c.article else "(whole version)",
            c.path,
            c.note or "",
        )
        for c in result.checks
    ]
    return pd.DataFrame(rows, columns=["Check", "Side", "Article", "Provision", "Note"])


def sorted_references(result: Analysis, statuses: Collection[str] = ()) -> tuple[Reference, ...]:
    """References of the given statuses (all when empty), dangling and re-pointed ones first."""
    refs = [r for r in result.references if not statuses or r.status in statuses]
    return tuple(sorted(refs, key=lambda r: r.status not in FIRST))


def reference_line(ref: Reference, comparison: Comparison) -> str:
    """``old Article 7 (2): “Article 5 (1)” → Article 5 (1) · target renumbered…`` (plain text); articles
    named as their version prints them (``old 제7조 ②: …``)."""
    where = f"{ref.side} {side_label(comparison, ref.side, ref.site.article)} {ref.site.path_text}".strip()
    if ref.external:
        return f"{where}: “{ref.text}” · to another instrument ({ref.external}), not checked"
    if ref.target is not None:
        target = f"→ {side_label(comparison, ref.side, ref.target.article)} {ref.target.path_text}".strip()
    else:
        target = "→ (no target)"
    return f"{where}: “{ref.text}” {target} · {ref.status}: {STATUS_TEXT.get(ref.status, ref.status)}"


def reference_pair(comparison: Comparison, side: Side, article: str) -> str | None:
    """The key of the pair holding ``article`` of ``side`` (where a reference sits or points)."""
    pair = comparison.pair_for(side, article)
    return pair.key if pair is not None else None


def pair_references(
    result: Analysis, comparison: Comparison, pair: Pair
) -> list[tuple[Reference, str | None]]:
    """The references written in ``pair``'s articles, each with the key of its target's pair."""
    out: list[tuple[Reference, str | None]] = []
    for ref in result.references:
        if ref.site.article not in (pair.old if ref.side == "old" else pair.new):
            continue
        target = None
        if ref.target is not None and not ref.external:
            target = reference_pair(comparison, ref.side, ref.target.article)
        out.append((ref, target))
    return sorted(out, key=lambda rt: rt[0].status not in FIRST)
