"""Streamlit viewer: pick or upload a text, see which old article became which new one and why.

Thin on purpose: widgets and layout only.  Loading, indexing, histories and
HTML live in ``viewer/``; parsing and alignment are cached per input content
(SHA-256 of the bytes), so selecting another pair recomputes nothing.
Deep links: ``?doc=seoul-informatization&old=7`` (or ``new=``; ``view=``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

import pandas as pd
import streamlit as st

import ordiff
from analysis import CHANGE_TYPES, REFERENCE_STATUS
from analysis import Analysis as Findings
from analysis import analyse as analyse_changes
from corpus.sources import SourceError
from diffing.model import CHANGE_KINDS, Comparison, Pair
from review.decisions import ReviewedComparison, ReviewedPair, apply_decisions
from review.model import Annotation, ConflictError, Decision, ReviewError, Verdict
from review.render import render_note
from review.store import MEMORY_URL, ReviewStore
from review.workspace import NoteView, new_decision, new_note, note_views, pair_ref
from viewer import charts, html, insight
from viewer import workspace as ws
from viewer.downloads import ScopeName, downloads, scope
from viewer.history import article_history, instruments_frame, timeline_frame
from viewer.index import (
    ContentsEntry,
    Selection,
    Side,
    ViewIndex,
    article_label,
    build_index,
    contents,
    neighbour_change,
    pair_name,
    pair_name_of,
    search_terms,
    select,
)
from viewer.links import (
    FILTER_PARAMS,
    LinkRequest,
    link_request,
    pair_link,
    params_for,
    resolve_link,
    several_text,
    shared_articles,
)
from viewer.loading import MAX_UPLOAD_MB, Analysis, Input, RawFile, analyse, bundled_input, upload_input
from viewer.text import md

UPLOAD = "upload"
VIEWS = {
    "compare": "Compare articles",
    "notes": "Notes",
    "analysis": "Analysis",
    "contents": "Contents",
    "timeline": "Amendment timeline",
    "addenda": "Addenda",
}
# widget values kept across views (Streamlit forgets a widget's value on a run that does not draw it)
KEPT = (
    "pair",
    "kinds",
    "types",
    "q",
    "chapter",
    "redline",
    "hide_subs",
    "collapse",
    "nf_author",
    "nf_tag",
    "nf_status",
)
UPLOAD_FORMS = {"combined": "One page with both versions", "pair": "An old and a new file"}
TEXT_TYPES = ["txt", "text", "md"]


@st.cache_resource(max_entries=8, show_spinner="Reading and aligning the two versions…")
def analysed(digest: str, _inp: Input) -> Analysis:
    """Parse, align and index once per input content (``digest`` is the key)."""
    return analyse(_inp)


@st.cache_resource(max_entries=8)
def timeline(digest: str, _comparison: Comparison) -> tuple[pd.DataFrame, pd.DataFrame]:
    frame = timeline_frame(_comparison)
    return frame, instruments_frame(frame)


@st.cache_resource(show_spinner=False)
def review_store(url: str | None) -> ReviewStore:
    """The review database, opened (and migrated) once per process and URL; read on every run."""
    return ordiff.open_review(url)


@dataclass(frozen=True, slots=True, kw_only=True)
class Reviewed:
    """The comparison as shown: the stored decisions applied, its index and its analysis."""

    result: ReviewedComparison
    index: ViewIndex
    findings: Findings

    @property
    def comparison(self) -> Comparison:
        return self.result.comparison


@st.cache_resource(max_entries=16, show_spinner=False)
def reviewed_view(
    digest: str, signature: str, _comparison: Comparison, _log: tuple[Decision, ...]
) -> Reviewed:
    """Decisions applied, indexed and analysed once per input and decision log (``signature``)."""
    result = apply_decisions(_comparison, _log)
    return Reviewed(
        result=result, index=build_index(result.comparison), findings=analyse_changes(result.comparison)
    )


def open_workspace() -> ReviewStore:
    """The store named by ``$ORDIFF_DB`` / the ``ORDIFF_DB`` secret / the default; in memory if unusable."""
    try:
        secrets = dict(st.secrets)
    except FileNotFoundError:  # no secrets file: the environment or the default decides
        secrets = {}
    try:
        return review_store(ws.db_url(secrets))
    except ReviewError as exc:
        st.session_state["_store_problem"] = f"{exc}; notes and decisions are kept in memory only."
        return review_store(MEMORY_URL)


# ---------------------------------------------------------------- state and deep links


def init_session(names: list[str]) -> None:
    """First run of a session: take document, pair (or article), view, filters and search from the URL."""
    if "_init" in st.session_state:
        return
    st.session_state["_init"] = True
    params = st.query_params.to_dict()
    problems = []
    doc = params.get("doc", names[0])
    if doc not in [*names, UPLOAD]:
        problems.append(f"No bundled document named “{doc}”; showing {names[0]}.")
        doc = names[0]
    st.session_state["doc"] = doc
    view = params.get("view")
    if view in VIEWS:
        st.session_state["view"] = view
    elif view:
        problems.append(f"No view named “{view}” (views: {', '.join(VIEWS)}); showing {VIEWS['compare']}.")
    st.session_state["_url_problems"] = problems
    st.session_state["_want"] = link_request(params)
    st.session_state["_want_filters"] = {k: params[k] for k in FILTER_PARAMS if params.get(k)}


def apply_url_filters(index: ViewIndex, types_present: list[str]) -> None:
    """The URL's filters and search, each checked against what this comparison offers."""
    wanted: dict[str, str] = st.session_state.pop("_want_filters", None) or {}
    problems: list[str] = st.session_state.setdefault("_url_problems", [])
    kinds_present = [k for k in CHANGE_KINDS if any(p.change == k for p in index.pairs)]
    for key, present in (("kinds", kinds_present), ("types", types_present)):
        asked = [v.strip() for v in wanted.get(key, "").split(",") if v.strip()]
        unknown = [v for v in asked if v not in present]
        if unknown:
            problems.append(f"No pair has the {key[:-1]} “{', '.join(unknown)}”; that filter is left out.")
        if asked:
            st.session_state[key] = [v for v in asked if v in present]
    if "q" in wanted:
        st.session_state["q"] = wanted["q"]
    if chapter := wanted.get("chapter"):
        if chapter in {c.key for c in index.chapters}:
            st.session_state["chapter"] = chapter
        else:
            problems.append(f"No chapter “{chapter}” in either version; all chapters are shown.")


def choose_pair(comparison: Comparison, index: ViewIndex, digest: str) -> None:
    """Set the selected pair on a new input: the URL's pair or article, else the first changed pair.

    Another input also clears the chapter and change-kind filters, whose options belong to the old one.
    """
    if st.session_state.get("_digest") not in (None, digest):
        for key in ("chapter", "kinds", "types"):
            st.session_state.pop(key, None)
    want: LinkRequest | None = st.session_state.pop("_want", None)
    if want is not None:
        answer = resolve_link(comparison, want)
        if answer.pair is not None:
            st.session_state["pair"] = answer.pair.key
            st.session_state["_digest"] = digest
            return
        st.session_state.setdefault("_url_problems", []).append(answer.problem)
    if st.session_state.get("_digest") == digest and st.session_state.get("pair") in index.keys:
        return
    if st.session_state.get("_digest") == digest and (held := st.session_state.get("_open_eids")):
        side, eid = held  # a decision re-paired the open article: follow it into its new pair
        if (moved := comparison.pair_of(side, eid)) is not None:
            st.session_state["pair"] = moved.key
            return
    first = neighbour_change(index, range(len(index.pairs)), None, 1)
    st.session_state["pair"] = first or (index.keys[0] if index.keys else None)
    st.session_state["_digest"] = digest


def step_pair(step: int) -> None:
    index: ViewIndex = st.session_state["_index"]
    key = neighbour_change(
        index, st.session_state["_shown"], st.session_state.get("pair"), 1 if step > 0 else -1
    )
    if key:
        st.session_state["pair"] = key


def table_selected(key: str) -> None:
    index: ViewIndex = st.session_state["_index"]
    rows = st.session_state[key]["selection"]["rows"]
    shown = st.session_state["_shown"]
    if rows and rows[0] < len(shown):
        st.session_state["pair"] = index.keys[shown[rows[0]]]


# ---------------------------------------------------------------- input


def pick_input(names: list[str]) -> Input | None:
    with st.sidebar:
        st.header(md("Text"))
        titles = {d.name: d.title for d in ordiff.corpus()}
        doc = st.selectbox(
            "Document",
            [*names, UPLOAD],
            key="doc",
            format_func=lambda n: "Upload your own text…" if n == UPLOAD else f"{titles[n]} ({n})",
        )
        if doc != UPLOAD:
            return bundled_input(doc)
        form = st.radio(
            "What will you upload?", list(UPLOAD_FORMS), key="upload_form", format_func=UPLOAD_FORMS.get
        )
        help_text = f"Plain text (UTF-8, UTF-16 or CP949), at most {MAX_UPLOAD_MB} MB per file."
        if form == "combined":
            one = st.file_uploader(
                "Page with both versions",
                TEXT_TYPES,
                key="up_page",
                help=help_text,
                max_upload_size=MAX_UPLOAD_MB,
            )
            files = [one] if one else []
        else:
            old = st.file_uploader(
                "Old version", TEXT_TYPES, key="up_old", help=help_text, max_upload_size=MAX_UPLOAD_MB
            )
            new = st.file_uploader(
                "New version", TEXT_TYPES, key="up_new", help=help_text, max_upload_size=MAX_UPLOAD_MB
            )
            files = [old, new] if old and new else []
        if not files:
            st.info(md("Choose the file(s) to compare."))
            return None
        return upload_input([RawFile(f.name, f.getvalue()) for f in files])


# ---------------------------------------------------------------- the analyst workspace


def analyst() -> str:
    return str(st.session_state.get("analyst") or "").strip()


def flash(kind: str, text: str) -> None:
    """A message shown once, on the next run (callbacks run before the page is drawn)."""
    st.session_state["_flash"] = (kind, text)


def show_flash() -> None:
    if got := st.session_state.pop("_flash", None):
        kind, text = got
        (st.success if kind == "success" else st.error)(md(text))


def add_note(
    store: ReviewStore, comparison: Comparison, pair: Pair, choices: dict[str, ws.AnchorChoice]
) -> None:
    choice = choices.get(st.session_state.get("note_anchor") or ws.PAIR_ANCHOR)
    if choice is None:
        flash("error", "Choose what the note is on.")
        return
    quote = str(st.session_state.get("note_quote") or "").strip() or None
    document = comparison.document
    side: Side
    try:
        if choice.key == ws.PAIR_ANCHOR:
            ref = pair_ref(comparison, pair)
            side, eid = ("old", ref.old[0]) if ref.old else ("new", ref.new[0])
            if quote:
                raise ReviewError("a quoted passage goes with a note on an article or paragraph, not a pair")
        else:
            ref, side, eid = None, choice.side or "old", choice.eid or ""  # a choice names both
        note = new_note(
            document,
            side=side,
            eid=eid,
            body=str(st.session_state.get("note_body") or ""),
            author=analyst(),
            tags=ws.split_tags(str(st.session_state.get("note_tags") or "")),
            quote=quote,
            pair=ref,
        )
        store.save_annotation(note)
    except ReviewError as exc:
        flash("error", f"The note was not saved: {exc}.")
        return
    for key in ("note_body", "note_quote", "note_tags"):
        st.session_state[key] = ""
    flash("success", f"Note #{note.id[:8]} saved on {choice.label}.")


def pick_note(notes: dict[str, Annotation]) -> None:
    """A note was chosen: keep the version read (for the conflict check) and fill the editor."""
    note = notes.get(st.session_state.get("note_pick") or "")
    st.session_state["_edit_base"] = note
    st.session_state["note_edit_body"] = note.body if note else ""
    st.session_state["note_edit_tags"] = " ".join(note.tags) if note else ""
    st.session_state["note_reply_body"] = ""


def save_edit(store: ReviewStore) -> None:
    base: Annotation | None = st.session_state.get("_edit_base")
    if base is None:
        return
    body = str(st.session_state.get("note_edit_body") or "")
    if not body.strip():
        flash("error", "The note was not saved: a note needs a body.")
        return
    try:
        if not analyst():
            raise ReviewError("set your name in the sidebar first")
        tags = ws.split_tags(str(st.session_state.get("note_edit_tags") or ""))
        saved = store.save_annotation(base.edited(by=analyst(), body=body, tags=tags))
    except ConflictError as exc:
        flash("error", f"Not saved, someone else changed this note: {exc}.")
        return
    except ReviewError as exc:
        flash("error", f"The note was not saved: {exc}.")
        return
    st.session_state["_edit_base"] = saved
    flash("success", f"Note #{saved.id[:8]} updated.")


def set_status(store: ReviewStore, note: Annotation, status: str) -> None:
    try:
        if not analyst():
            raise ReviewError("set your name in the sidebar first")
        saved = store.save_annotation(note.edited(by=analyst(), status=status))
    except ReviewError as exc:  # ConflictError included: its message says who changed it
        flash("error", f"Not changed: {exc}.")
        return
    st.session_state["_edit_base"] = saved
    flash("success", f"Note #{saved.id[:8]} is {status} now.")


def reply(store: ReviewStore, comparison: Comparison, parent: Annotation) -> None:
    try:
        note = new_note(
            comparison.document,
            side=parent.target.side,
            eid=parent.target.eid,
            body=str(st.session_state.get("note_reply_body") or ""),
            author=analyst(),
            pair=parent.pair,
            in_reply_to=parent.id,
        )
        store.save_annotation(note)
    except ReviewError as exc:
        flash("error", f"The reply was not saved: {exc}.")
        return
    st.session_state["note_reply_body"] = ""
    flash("success", f"Reply #{note.id[:8]} saved.")


def decide(
    store: ReviewStore,
    comparison: Comparison,
    verdict: Verdict,
    old: tuple[str, ...],
    new: tuple[str, ...],
    reason_key: str,
) -> None:
    try:
        decision = new_decision(
            comparison,
            verdict=verdict,
            old=old,
            new=new,
            author=analyst(),
            reason=str(st.session_state.get(reason_key) or ""),
        )
        store.record_decision(decision)
    except ReviewError as exc:
        flash("error", f"Not recorded: {exc}.")
        return
    st.session_state[reason_key] = ""
    if verdict == "link":
        st.session_state["link_old"] = []
        st.session_state["link_new"] = []
        st.session_state["_open_label"] = decision.label  # open the linked pair on the next run
    done = {"accept": "accepted", "reject": "rejected", "link": "linked", "unlink": "withdrawn"}[verdict]
    flash("success", f"Pair {decision.label} {done} by {decision.author}.")


def show_review_controls(store: ReviewStore, comparison: Comparison, entry: ReviewedPair) -> None:
    st.markdown(md(ws.review_badge(entry)))
    c1, c2, c3, c4 = st.columns([4, 1, 1, 1], vertical_alignment="bottom")
    c1.text_input("Reason (optional)", key="review_reason", placeholder="why this pairing is right or wrong")
    ids = (entry.old_eids, entry.new_eids)
    disabled = not analyst()
    c2.button(
        "Accept pair",
        key="review_accept",
        on_click=decide,
        args=(store, comparison, "accept", *ids, "review_reason"),
        disabled=disabled,
        width="stretch",
    )
    c3.button(
        "Reject pair",
        key="review_reject",
        on_click=decide,
        args=(store, comparison, "reject", *ids, "review_reason"),
        disabled=disabled or not (entry.old_eids and entry.new_eids),
        width="stretch",
    )
    decided = entry.decision
    c4.button(
        "Undo decision",
        key="review_unlink",
        on_click=decide,
        args=(
            store,
            comparison,
            "unlink",
            decided.old if decided else (),
            decided.new if decided else (),
            "review_reason",
        ),
        disabled=disabled or decided is None,
        width="stretch",
    )
    st.markdown(md("Link any old article(s) to any new one(s):"))
    old_labels = {a.eid: f"Old {a.heading}" for a in comparison.old.articles}
    new_labels = {a.eid: f"New {a.heading}" for a in comparison.new.articles}
    l1, l2 = st.columns(2)
    olds = l1.multiselect(
        "Old article(s)", list(old_labels), key="link_old", format_func=lambda e: old_labels[e]
    )
    news = l2.multiselect(
        "New article(s)", list(new_labels), key="link_new", format_func=lambda e: new_labels[e]
    )
    l3, l4 = st.columns([5, 1], vertical_alignment="bottom")
    l3.text_input("Reason for the link", key="link_reason", placeholder="e.g. the duty moved there")
    l4.button(
        "Link",
        key="link_save",
        on_click=decide,
        args=(store, comparison, "link", tuple(olds), tuple(news), "link_reason"),
        disabled=disabled or not (olds and news),
        width="stretch",
    )


def show_note_form(store: ReviewStore, comparison: Comparison, pair: Pair) -> None:
    choices = {c.key: c for c in ws.anchor_choices(comparison, pair)}
    if st.session_state.get("note_anchor") not in choices:
        st.session_state["note_anchor"] = ws.PAIR_ANCHOR
    st.selectbox("Note on", list(choices), key="note_anchor", format_func=lambda k: choices[k].label)
    c1, c2 = st.columns([3, 2])
    c1.text_input("Quoted passage (optional, word for word)", key="note_quote")
    c2.text_input("Tags", key="note_tags", placeholder="question, substantive, follow-up")
    body = st.text_area("Note (Markdown)", key="note_body", height=110)
    if body.strip():
        st.caption(md("Preview"))
        st.html(f'<div class="od-anno">{render_note(body)}</div>')
    st.button(
        "Add note",
        key="note_add",
        on_click=add_note,
        args=(store, comparison, pair, choices),
        disabled=not analyst(),
        type="primary",
    )


def show_note_work(store: ReviewStore, comparison: Comparison, notes: ws.PairNotes) -> None:
    every = [v.note for t in notes.threads() for v in (t.view, *t.replies)]
    if not every:
        return
    by_id = {n.id: n for n in every}
    if st.session_state.get("note_pick") not in by_id:
        st.session_state["note_pick"] = every[0].id
        pick_note(by_id)
    st.selectbox(
        "Work on a note",
        list(by_id),
        key="note_pick",
        format_func=lambda i: ws.note_label(by_id[i]),
        on_change=pick_note,
        args=(by_id,),
    )
    note = by_id[st.session_state["note_pick"]]
    base: Annotation | None = st.session_state.get("_edit_base")
    if base is None or base.id != note.id:
        pick_note(by_id)
    c1, c2 = st.columns([3, 1])
    c1.text_area("Edit the note (Markdown)", key="note_edit_body", height=90)
    c2.text_input("Tags of the note", key="note_edit_tags")
    b1, b2 = st.columns(2)
    b1.button("Save changes", key="note_save", on_click=save_edit, args=(store,), disabled=not analyst())
    if note.status == "open":
        b2.button(
            "Resolve",
            key="note_status",
            on_click=set_status,
            args=(store, note, "resolved"),
            disabled=not analyst(),
        )
    else:
        b2.button(
            "Reopen",
            key="note_status",
            on_click=set_status,
            args=(store, note, "open"),
            disabled=not analyst(),
        )
    r1, r2 = st.columns([5, 1], vertical_alignment="bottom")
    r1.text_input("Reply", key="note_reply_body")
    r2.button(
        "Send reply", key="note_reply", on_click=reply, args=(store, comparison, note), disabled=not analyst()
    )


def show_workspace(
    store: ReviewStore, comparison: Comparison, entry: ReviewedPair, notes: ws.PairNotes
) -> None:
    with st.expander(md("Review and notes"), key="workspace", icon=":material/edit_note:"):
        st.caption(md(f"{notes.count} note(s) on this pair."))
        if not analyst():
            st.info(md("Set your name in the sidebar (“Analyst”) to write notes and review decisions."))
        show_review_controls(store, comparison, entry)
        st.divider()
        show_note_form(store, comparison, entry.pair)
        show_note_work(store, comparison, notes)
        show_history(store, comparison, entry)


def show_history(store: ReviewStore, comparison: Comparison, entry: ReviewedPair) -> None:
    """The audit log of this pair's decisions and notes, and of the note being worked on."""
    try:
        of_pair = store.history(comparison.document.name, eids=(*entry.old_eids, *entry.new_eids))
        picked = st.session_state.get("note_pick")
        of_note = store.history(comparison.document.name, note=picked) if picked else ()
    except ReviewError as exc:
        st.warning(md(f"The history cannot be read: {exc}."))
        return
    if of_pair:
        st.caption(md(f"History of this pair ({len(of_pair)} change(s), newest first)"))
        st.dataframe(ws.history_frame(of_pair), hide_index=True, width="stretch")
    if of_note:
        st.caption(md(f"History of the chosen note ({len(of_note)} change(s))"))
        st.dataframe(ws.history_frame(of_note), hide_index=True, width="stretch")


# ---------------------------------------------------------------- pages


def show_kind(kind: str | None) -> None:
    """A count chip was clicked: show that change kind only (None: every kind)."""
    st.session_state["kinds"] = [kind] if kind else []


def show_counts(comparison: Comparison) -> None:
    """Pair counts by change kind as chips; clicking one filters the table to that kind."""
    with st.container(horizontal=True, gap="small", key="counts"):
        st.button(
            f"{len(comparison.pairs)} pairs",
            key="chip_all",
            on_click=show_kind,
            args=(None,),
            type="tertiary",
            help="Show every change kind",
        )
        for kind, n in comparison.counts().items():
            if n:
                st.button(
                    f"{n} {kind}",
                    key=f"chip_{kind}",
                    on_click=show_kind,
                    args=(kind,),
                    help=f"Show only the {kind} pairs",
                )


def show_filters(index: ViewIndex, view: Reviewed, note_haystacks: Sequence[str]) -> tuple[int, ...]:
    present = [k for k in CHANGE_KINDS if any(p.change == k for p in index.pairs)]
    c1, c2, c3, c4 = st.columns([2, 2, 2, 2])
    kinds = c1.multiselect("Change kinds", present, key="kinds", placeholder="All kinds")
    types = c2.multiselect("Legal change types", types_present(view), key="types", placeholder="All types")
    query = c3.text_input(
        "Search or go to article",
        key="q",
        placeholder="34, 5-2, 제5조의2, digital divide",
        help="An article number (34, 5-2, Article 5-2, 제5조의2) opens the pairs holding it; any other "
        "words are looked for in titles, texts, amendment notes, addenda and analysts' notes.",
    )
    chapters = {c.key: f"{'Old' if c.side == 'old' else 'New'}: {c.title}" for c in index.chapters}
    chapter = c4.selectbox(
        "Chapter (table of contents)",
        ["", *chapters],
        key="chapter",
        format_func=lambda k: chapters.get(k, "All chapters of both versions"),
    )
    picked = shown_pairs(view, note_haystacks, kinds, types, query, chapter)
    st.session_state["_marks"] = search_terms(query) if picked.number is None else ()
    if picked.problem:
        st.info(md(picked.problem))
    elif picked.number is not None:
        st.caption(md(f"Pairs holding {article_label(view.comparison, picked.number)} of either version."))
    return picked.shown


def shown_pairs(
    view: Reviewed,
    note_haystacks: Sequence[str],
    kinds: Sequence[str],
    types: Sequence[str],
    query: str,
    chapter: str | None,
) -> Selection:
    """The pairs these filters and this search show (``select``, then the legal change types)."""
    index = view.index
    picked = select(
        view.comparison, index, kinds=kinds, query=query, chapter=chapter or None, extra=note_haystacks
    )
    return insight.of_types(picked, index, view.findings, types)


def types_present(view: Reviewed) -> list[str]:
    return [t for t in CHANGE_TYPES if any(t in pt.types for pt in view.findings.types.values())]


def current_filters() -> dict[str, str]:
    """The filters and search shown, as URL parameters."""
    return {
        "kinds": ",".join(st.session_state.get("kinds") or []),
        "types": ",".join(st.session_state.get("types") or []),
        "q": str(st.session_state.get("q") or "").strip(),
        "chapter": str(st.session_state.get("chapter") or ""),
    }


def show_pair_table(view: Reviewed, shown: tuple[int, ...]) -> None:
    index = view.index
    st.caption(md(f"{len(shown)} of {len(index.pairs)} pairs shown. Select a row to open the pair below."))
    frame = ws.review_frame(index.frame, index.pairs, view.result, view.findings)
    open_key = st.session_state.get("pair")
    ticked = [k for k, i in enumerate(shown) if index.keys[i] == open_key]
    # one table per open pair and filter set, so its tick is always the open pair (selection in one place)
    key = f"table:{open_key}:{hash(shown)}"
    st.dataframe(
        frame.iloc[list(shown)],
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * max(len(shown), 1), 320),
        key=key,
        on_select=partial(table_selected, key),
        selection_mode="single-row",
        selection_default={"selection": {"rows": ticked}},
        placeholder="—",
        column_config={  # widths in pixels: every column fits at 1280 px, none is cut off
            "Old": st.column_config.TextColumn(width=52),
            "Old title": st.column_config.TextColumn(width=185),
            "New": st.column_config.TextColumn(width=52),
            "New title": st.column_config.TextColumn(width=185),
            "Change": st.column_config.TextColumn(width=92),
            "Types": st.column_config.TextColumn("Change types", width=165),
            "Score": st.column_config.NumberColumn(format="%.2f", width=56),
            "Review": st.column_config.TextColumn(width=92),
        },
    )


def show_pair_picker(index: ViewIndex, shown: tuple[int, ...], doc: str | None) -> Pair | None:
    options: list[str] = [index.keys[i] for i in shown]
    if not options:  # never keep an unrelated pair open beside an empty table
        st.info(md("No pair matches these filters and search."))
        return None
    labels = dict(zip(index.keys, index.labels, strict=True))
    c1, c2, c3 = st.columns([7, 1.2, 1.2], vertical_alignment="bottom")
    key = c1.selectbox("Article pair", options, key="pair", format_func=lambda k: labels.get(k, k))
    c2.button(
        "◀ Previous",
        key="prev",
        on_click=step_pair,
        args=(-1,),
        width="stretch",
        shortcut="K",
        help="The previous changed pair (key K)",
    )
    c3.button(
        "Next ▶",
        key="next",
        on_click=step_pair,
        args=(1,),
        width="stretch",
        shortcut="J",
        help="The next changed pair (key J)",
    )
    t1, t2, t3, _ = st.columns([1, 1.3, 1.5, 0.6])
    t1.toggle("Inline redline", key="redline", help="One column: deletions struck, insertions underlined.")
    t2.toggle(
        "Hide known substitutions",
        key="hide_subs",
        help="Leave out the changes that the document-wide term substitutions (see Analysis) explain.",
    )
    t3.toggle(
        "Collapse unchanged paragraphs",
        key="collapse",
        help="Fold runs of paragraphs that did not change (and carry no analyst note) into one line.",
    )
    pos = index.position(key) if key else None
    pair = index.pairs[pos] if pos is not None else None
    if pair is not None and doc:
        with st.popover("Copy a link to this pair", icon=":material/link:"):
            st.caption(md("This address reopens exactly this pair (copy button on the right):"))
            st.code(pair_link(str(st.context.url or ""), doc, pair), language=None, wrap_lines=True)
    return pair


def open_pair(key: str) -> None:
    """The one way a control opens a pair (Contents, references, notes, shared articles), on the same page
    and session (no reload): the filters, search and toggles stay, unless they hide that pair."""
    st.session_state["pair"] = key
    st.session_state["view"] = "compare"
    st.session_state["_reveal"] = key


def reveal(view: Reviewed, note_haystacks: Sequence[str]) -> None:
    """Before the filters are drawn: when the filters or search hide the pair just opened, clear them."""
    key = st.session_state.pop("_reveal", None)
    if key is None or (pos := view.index.position(key)) is None:
        return
    s = st.session_state
    shown = shown_pairs(
        view,
        note_haystacks,
        s.get("kinds") or [],
        s.get("types") or [],
        str(s.get("q") or ""),
        s.get("chapter"),
    )
    if pos not in shown.shown:
        for k in FILTER_PARAMS:
            s.pop(k, None)
        st.info(md(f"The filters or search hid pair {key}; they were cleared to show it."))


def show_pair_references(view: Reviewed, pair: Pair) -> None:
    refs = insight.pair_references(view.findings, view.comparison, pair)
    if not refs:
        return
    st.subheader(md("References in this pair"))
    for k, (ref, target) in enumerate(refs):
        c1, c2 = st.columns([4, 1], vertical_alignment="center")
        c1.markdown(md(insight.reference_line(ref, view.comparison)))
        if target is not None and target != pair.key:
            c2.button(
                md(f"Open {pair_name_of(view.comparison, target)}"),
                key=f"ref_open_{k}",
                on_click=open_pair,
                args=(target,),
                width="stretch",
            )


def show_pair(store: ReviewStore, view: Reviewed, entry: ReviewedPair, views: tuple[NoteView, ...]) -> None:
    comparison = view.comparison
    pair = entry.pair
    notes = ws.pair_notes(views, view.result, entry)
    shown = insight.hide_known(pair, view.findings) if st.session_state.get("hide_subs") else pair
    show_flash()
    show_workspace(store, comparison, entry, notes)
    main, side = st.columns([2, 1], gap="medium")
    with main:
        st.subheader(md("Old and new text"))
        collapse = bool(st.session_state.get("collapse"))
        table = (
            html.redline_table_html(comparison, shown, notes, collapse=collapse)
            if st.session_state.get("redline")
            else html.pair_table_html(comparison, shown, notes, collapse=collapse)
        )
        marks = st.session_state.get("_marks") or ()
        st.html(html.review_html(entry) + html.pair_notes_html(notes) + html.highlight_html(table, marks))
        if pair.reason:
            st.caption(md(f"Why these were paired: {pair.reason}"))
        show_pair_references(view, pair)
    with side:
        st.subheader(md("Addenda that apply"))
        st.html(
            html.pair_addenda_html(comparison, pair.addenda)
            + html.own_addenda_html(comparison.new, "new version")
        )
        st.subheader(md("Amendment history"))
        applies = [(link.version, link.block, link.article) for link in pair.addenda]
        sides: tuple[Side, ...] = ("old", "new")
        for which in sides:
            for article in comparison.articles(which, pair):
                entries = article_history(comparison, which, article.eid)
                st.html(html.history_html(entries, applies, f"{which.capitalize()} {article.display_label}"))


def show_shared_articles(comparison: Comparison, pair: Pair) -> None:
    """Say when an article of the open pair is in other pairs too (old 7 went into new 7 and new 8)."""
    for k, (side, number, pairs) in enumerate(shared_articles(comparison, pair)):
        c1, *cols = st.columns([4] + [1] * (len(pairs) - 1), vertical_alignment="center")
        c1.info(md(several_text(comparison, side, number, pairs)), icon=":material/call_split:")
        for j, (col, other) in enumerate(zip(cols, [p for p in pairs if p.key != pair.key], strict=False)):
            col.button(
                md(f"Open {pair_name(comparison, other)}"),
                key=f"shared_{k}_{j}",
                on_click=open_pair,
                args=(other.key,),
                width="stretch",
            )


def page_compare(
    store: ReviewStore, view: Reviewed, views: tuple[NoteView, ...], doc: str | None
) -> Pair | None:
    comparison, index = view.comparison, view.index
    st.header(md("Overview"))
    st.markdown(md(f"Review progress: {view.result.progress}."))
    for stale in view.result.stale:  # shown, never dropped: the text changed under the decision
        st.warning(md(f"Stale decision: {stale.message}."))
    haystacks = ws.note_haystacks(views, view.result, index.pairs)
    reveal(view, haystacks)
    show_counts(comparison)
    shown = show_filters(index, view, haystacks)
    st.session_state["_index"] = index
    st.session_state["_shown"] = shown
    if shown and st.session_state.get("pair") not in {index.keys[i] for i in shown}:
        st.session_state["pair"] = index.keys[shown[0]]  # the filters hide the open pair: open the first hit
    show_pair_table(view, shown)
    st.header(md("Pair"))
    pair = show_pair_picker(index, shown, doc)
    if pair is not None:
        show_shared_articles(comparison, pair)
        entry = view.result.entry(pair)
        if entry is not None:
            show_pair(store, view, entry, views)
    return pair


def page_notes(view: Reviewed, views: tuple[NoteView, ...]) -> None:
    st.header(md("Notes"))
    st.caption(md(f"{len(views)} note(s) on this document. Open one to see it beside its text."))
    authors = sorted({v.note.author for v in views})
    tags = sorted({t for v in views for t in v.note.tags})
    c1, c2, c3, c4, c5 = st.columns([2, 2, 1, 1, 2], vertical_alignment="bottom")
    f = ws.NoteFilter(
        authors=tuple(c1.multiselect("Author", authors, key="nf_author", placeholder="Anyone")),
        tags=tuple(c2.multiselect("Tag", tags, key="nf_tag", placeholder="Any tag")),
        status=c3.selectbox(
            "Status", ["", "open", "resolved"], key="nf_status", format_func=lambda s: s or "Any"
        ),
        orphaned_only=c4.toggle(
            "Orphaned", key="nf_orphan", help="Only notes whose anchor is no longer found"
        ),
        text=c5.text_input("Search in notes", key="nf_q"),
    )
    hits = ws.filter_notes(views, f)
    st.caption(md(f"{len(hits)} of {len(views)} note(s) shown."))
    for k, v in enumerate(hits):
        c1, c2 = st.columns([5, 1], vertical_alignment="top")
        c1.html(ws.thread_html(ws.Thread(view=v)))
        target = ws.note_pair_key(v, view.result)
        if target is not None:
            c2.button(
                "Open its pair", key=f"nv_open_{k}", on_click=open_pair, args=(target,), width="stretch"
            )
        else:
            c2.caption(md(f"Orphaned, was on {v.note.target.location}"))


def page_analysis(view: Reviewed) -> None:
    st.header(md("Analysis"))
    st.caption(
        md(
            "What the word diffs mean across the document: term substitutions applied throughout, "
            "cross-references that broke or now point elsewhere, amendment notes checked against the text."
        )
    )
    st.html(insight.analysis_summary_html(view.findings))
    st.subheader(md("Systematic substitutions"))
    subs = insight.substitutions_frame(view.findings, view.comparison)
    if subs.empty:
        st.markdown(md("No term is replaced throughout the text."))
    else:
        st.dataframe(subs, hide_index=True, width="stretch")
    st.subheader(md("Cross-references"))
    statuses = [s for s in REFERENCE_STATUS if any(r.status == s for r in view.findings.references)]
    wanted = st.multiselect(
        "Reference status", statuses, key="ref_status", placeholder="Dangling and re-pointed first, then all"
    )
    refs = insight.sorted_references(view.findings, wanted)
    st.caption(md(f"{len(refs)} of {len(view.findings.references)} reference(s) shown."))
    for k, ref in enumerate(refs):
        c1, c2, c3 = st.columns([5, 1, 1], vertical_alignment="center")
        c1.markdown(md(insight.reference_line(ref, view.comparison)))
        site = insight.reference_pair(view.comparison, ref.side, ref.site.article)
        target = insight.reference_pair(view.comparison, ref.side, ref.target.article) if ref.target else None
        if site is not None:
            c2.button("Open where", key=f"ar_site_{k}", on_click=open_pair, args=(site,), width="stretch")
        if target is not None:
            c3.button(
                "Open target", key=f"ar_target_{k}", on_click=open_pair, args=(target,), width="stretch"
            )
    st.subheader(md("Amendment notes checked against the text"))
    checks = insight.checks_frame(view.findings, view.comparison)
    if checks.empty:
        st.markdown(md("Every changed provision carries a note, and every note sits on a change."))
    else:
        st.dataframe(checks, hide_index=True, width="stretch")


def page_timeline(comparison: Comparison, digest: str) -> None:
    st.header(md("Amendment timeline"))
    events, instruments = timeline(digest, comparison)
    if events.empty:
        st.info(md("Neither version carries dated amendment notes."))
        return
    st.markdown(
        md("Each point is a provision touched by an amending instrument (shape and colour: the action).")
    )
    st.altair_chart(charts.timeline_chart(events), width="stretch")
    st.subheader(md("Amending instruments"))
    st.altair_chart(charts.instruments_chart(instruments), width="stretch")
    st.dataframe(instruments, hide_index=True, width="stretch")


def page_contents(view: Reviewed) -> None:
    """Every article of both versions by chapter; a click opens its pair in this session (no reload)."""
    comparison = view.comparison
    st.header(md("Contents"))
    st.caption(
        md(
            "Every article of each version by chapter, with its counterpart in the other version. "
            "Click an article (or a further pair it is in) to open that pair; filters and search are kept."
        )
    )
    columns = st.columns(2, gap="medium")
    sides: tuple[Side, ...] = ("old", "new")
    for col, side in zip(columns, sides, strict=True):
        version = comparison.old if side == "old" else comparison.new
        with col:
            st.subheader(md(f"{side.capitalize()} version: {version.label}"))
            chapters = contents(comparison, side, view.index.pairs)
            if not chapters:
                st.markdown(md(f"The {side} version has no article."))
            for k, chapter in enumerate(chapters):
                st.html(html.chapter_heading_html(chapter.title))
                with st.container(gap=None, key=f"toc_{side}_chapter_{k}"):  # one line per article
                    for entry in chapter.entries:
                        show_contents_entry(side, entry)


def show_contents_entry(side: Side, entry: ContentsEntry) -> None:
    """One Contents line: the article's heading with what it became opens that pair; each further pair
    it is in (old 7 went into new 7 and into new 8) is a link of its own."""
    heading = html.heading_text(entry.article)
    key = f"toc_{side}_{entry.article.eid}"
    if not entry.links:
        st.markdown(md(f"{heading} · not aligned"))
        return
    first, *more = entry.links
    with st.container(horizontal=True, gap="small", vertical_alignment="center", key=f"{key}_line"):
        st.button(
            md(f"{heading} {first.text}"),
            key=key,
            on_click=open_pair,
            args=(first.key,),
            type="tertiary",
            wrap=True,
            help=md(f"Open pair {first.key}"),
        )
        for other in more:
            st.button(
                md(other.text),
                key=f"{key}_{other.key}",
                on_click=open_pair,
                args=(other.key,),
                type="tertiary",
                help=md(f"Open pair {other.key}"),
            )


def page_addenda(comparison: Comparison) -> None:
    st.header(md("Addenda"))
    c_old, c_new = st.columns(2, gap="medium")
    for col, version, name in (
        (c_old, comparison.old, "old version"),
        (c_new, comparison.new, "new version"),
    ):
        with col:
            st.subheader(md(f"{name.capitalize()}: {version.label}"))
            st.html(html.version_addenda_html(version, name))


def show_downloads(
    base: Comparison, view: Reviewed, store: ReviewStore, stem: str, pair: Pair | None
) -> None:
    """Export what is shown: the open pair, the pairs of the table, or every pair, chosen explicitly.

    Each report is built only when its button is clicked; the file name says the scope.
    """
    index = view.index
    shown = [
        index.pairs[i]
        for i in st.session_state.get("_shown", range(len(index.pairs)))
        if i < len(index.pairs)
    ]
    names: list[ScopeName] = ["pair", "shown", "all"] if pair is not None else ["shown", "all"]
    choices = {n: scope(n, pair, shown) for n in names}
    picked = st.radio(
        "What to export",
        names,
        key="export_scope",
        index=names.index("all"),
        format_func=lambda n: md(choices[n].text),
    )
    for d in downloads(base, stem, choices[picked], review=store):
        st.download_button(
            md(d.label),
            data=d.build,
            file_name=d.file_name,
            mime=d.mime,
            key=f"dl_{d.fmt}",
            help=md(f"{d.help}. File: {d.file_name}"),
            on_click="ignore",
            width="stretch",
        )


# ---------------------------------------------------------------- main


def main() -> None:
    st.set_page_config(page_title="ordinance-diff", layout="wide")
    st.html(html.STYLE)
    for key in KEPT:  # keep selection, filters and toggles while another view is shown (issue 11)
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
    names = [d.name for d in ordiff.corpus()]
    init_session(names)
    st.title(md("ordinance-diff"))
    with st.sidebar:
        st.text_input(
            "Analyst",
            key="analyst",
            placeholder="Your name, for notes and decisions",
            help="Set once per session; every note and review decision you make carries it.",
        )
    try:
        inp = pick_input(names)
    except SourceError as exc:
        st.error(md(str(exc)))
        return
    if inp is None:
        st.markdown(md("Upload a text in the sidebar, or pick a bundled document."))
        return
    digest = inp.digest
    try:
        analysis = analysed(digest, inp)
    except SourceError as exc:
        st.error(md(str(exc)))
        return
    except Exception as exc:  # an engine failure must still read as a message, not a traceback
        st.error(md(f"{inp.name}: could not read or compare this text ({type(exc).__name__}: {exc})."))
        return
    store = open_workspace()
    if problem := st.session_state.pop("_store_problem", None):
        st.warning(md(problem))
    document = analysis.comparison.document
    try:  # the store is read on every run: another session's notes and decisions show at once
        log = store.decisions(document.name)
        views = note_views(store, document)
    except ReviewError as exc:
        st.warning(md(f"{exc}; notes and decisions are not shown."))
        log, views = (), ()
    view = reviewed_view(digest, "|".join(d.id for d in log), analysis.comparison, tuple(log))
    comparison = view.comparison
    st.html(html.document_header_html(comparison, inp.name))
    st.caption(md("Another bundled text, your own files and report downloads are in the sidebar."))
    warnings = comparison.document.warnings
    if warnings:
        with st.expander(md(f"The reader noted {len(warnings)} thing(s) about this text")):
            st.html(html.warnings_html(warnings))
    if (label := st.session_state.pop("_open_label", None)) and label in view.index.keys:
        st.session_state["pair"] = label
    choose_pair(comparison, view.index, digest)
    apply_url_filters(view.index, types_present(view))
    page = st.radio("View", list(VIEWS), key="view", format_func=VIEWS.get, horizontal=True)
    for problem in st.session_state.pop("_url_problems", None) or []:
        st.warning(md(problem))
    pair: Pair | None = None
    if page == "timeline":
        page_timeline(comparison, digest)
    elif page == "addenda":
        page_addenda(comparison)
    elif page == "contents":
        page_contents(view)
    elif page == "notes":
        page_notes(view, views)
    elif page == "analysis":
        page_analysis(view)
    else:
        pair = page_compare(store, view, views, inp.bundled)
    if pair is None:
        pos = view.index.position(st.session_state.get("pair") or "")
        pair = view.index.pairs[pos] if pos is not None else None
    with st.sidebar, st.expander("Download a report", icon=":material/download:"):
        show_downloads(analysis.comparison, view, store, inp.bundled or "comparison", pair)
    if pair is not None:
        st.session_state["_open_eids"] = (
            ("old", pair.old_eids[0]) if pair.old_eids else ("new", pair.new_eids[0])
        )
    title = f"{pair.key} · {inp.name}" if pair is not None else inp.name
    st.set_page_config(page_title=f"{title} · ordinance-diff")  # the tab says what it shows
    # an upload is named as such (``doc=upload``: a reload opens the upload form), never as the bundled text
    wanted = params_for(inp.bundled or UPLOAD, pair, None if page == "compare" else page, current_filters())
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


main()
