"""Streamlit viewer: pick or upload a text, see which old article became which new one and why.

Thin on purpose: widgets and layout only.  Loading, indexing, histories and
HTML live in ``viewer/``; parsing and alignment are cached per input content
(SHA-256 of the bytes), so selecting another pair recomputes nothing.
Deep links: ``?doc=seoul-informatization&old=7`` (or ``new=``; ``view=``).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

import ordiff
from corpus.sources import SourceError
from diffing.model import CHANGE_KINDS, Comparison, Pair
from viewer import charts, html
from viewer.downloads import downloads
from viewer.history import article_history, instruments_frame, timeline_frame
from viewer.index import Side, ViewIndex, filter_pairs, neighbour_change
from viewer.links import article_request, params_for, resolve_request
from viewer.loading import MAX_UPLOAD_MB, Analysis, Input, RawFile, analyse, bundled_input, upload_input
from viewer.text import md

UPLOAD = "upload"
VIEWS = {
    "compare": "Compare articles",
    "contents": "Contents",
    "timeline": "Amendment timeline",
    "addenda": "Addenda",
}
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


# ---------------------------------------------------------------- state and deep links


def init_session(names: list[str]) -> None:
    """First run of a session: take document, article and view from the URL."""
    if "_init" in st.session_state:
        return
    st.session_state["_init"] = True
    params = st.query_params.to_dict()
    doc = params.get("doc", names[0])
    if doc not in [*names, UPLOAD]:
        st.session_state["_url_problem"] = f"No bundled document named “{doc}”; showing {names[0]}."
        doc = names[0]
    st.session_state["doc"] = doc
    if params.get("view") in VIEWS:
        st.session_state["view"] = params["view"]
    st.session_state["_want"] = article_request(params)


def choose_pair(analysis: Analysis, digest: str) -> None:
    """Set the selected pair on a new input: the URL's article, else the first changed pair.

    Another input also clears the chapter and change-kind filters, whose options belong to the old one.
    """
    if st.session_state.get("_digest") not in (None, digest):
        for key in ("chapter", "kinds", "table"):
            st.session_state.pop(key, None)
    want = st.session_state.pop("_want", None)
    if want is not None:
        pair = resolve_request(analysis.comparison, want)
        if pair is not None:
            st.session_state["pair"] = pair.key
            st.session_state["_digest"] = digest
            return
        st.session_state["_url_problem"] = f"The {want.side} version has no Article {want.number}."
    if st.session_state.get("_digest") == digest and st.session_state.get("pair") in analysis.index.keys:
        return
    index = analysis.index
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


def table_selected() -> None:
    index: ViewIndex = st.session_state["_index"]
    rows = st.session_state["table"]["selection"]["rows"]
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


# ---------------------------------------------------------------- pages


def show_counts(comparison: Comparison) -> None:
    st.html(html.counts_html(comparison))


def show_filters(index: ViewIndex) -> tuple[int, ...]:
    present = [k for k in CHANGE_KINDS if any(p.change == k for p in index.pairs)]
    c1, c2, c3 = st.columns([2, 2, 2])
    kinds = c1.multiselect("Change kinds", present, key="kinds", placeholder="All kinds")
    query = c2.text_input("Search titles and text", key="q", placeholder="e.g. digital divide")
    chapters = {c.key: f"{'Old' if c.side == 'old' else 'New'}: {c.title}" for c in index.chapters}
    chapter = c3.selectbox(
        "Chapter (table of contents)",
        ["", *chapters],
        key="chapter",
        format_func=lambda k: chapters.get(k, "All chapters of both versions"),
    )
    return filter_pairs(index, kinds or present, query, chapter or None)


def show_pair_table(index: ViewIndex, shown: tuple[int, ...]) -> None:
    st.caption(md(f"{len(shown)} of {len(index.pairs)} pairs shown. Select a row to open the pair below."))
    st.dataframe(
        index.frame.iloc[list(shown)],
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * max(len(shown), 1), 320),
        key="table",
        on_select=table_selected,
        selection_mode="single-row",
        column_config={
            "Old": st.column_config.TextColumn(width="small"),
            "New": st.column_config.TextColumn(width="small"),
            "Change": st.column_config.TextColumn(width="small"),
            "Score": st.column_config.NumberColumn(format="%.2f", width="small"),
        },
    )


def show_pair_picker(index: ViewIndex, shown: tuple[int, ...]) -> Pair | None:
    options: list[str] = [index.keys[i] for i in shown]
    current = st.session_state.get("pair")
    if current in index.keys and current not in options:
        options.insert(0, current)
    if not options:
        st.info(md("No pair matches these filters."))
        return None
    labels = dict(zip(index.keys, index.labels, strict=True))
    c1, c2, c3, c4 = st.columns([6, 1, 1, 2], vertical_alignment="bottom")
    key = c1.selectbox("Article pair", options, key="pair", format_func=lambda k: labels.get(k, k))
    c2.button("◀ Previous change", key="prev", on_click=step_pair, args=(-1,), width="stretch")
    c3.button("Next change ▶", key="next", on_click=step_pair, args=(1,), width="stretch")
    c4.toggle("Inline redline", key="redline", help="One column: deletions struck, insertions underlined.")
    pos = index.position(key) if key else None
    return index.pairs[pos] if pos is not None else None


def show_pair(comparison: Comparison, pair: Pair) -> None:
    main, side = st.columns([2, 1], gap="medium")
    with main:
        st.subheader(md("Old and new text"))
        if st.session_state.get("redline"):
            st.html(html.redline_table_html(comparison, pair))
        else:
            st.html(html.pair_table_html(comparison, pair))
        if pair.reason:
            st.caption(md(f"Why these were paired: {pair.reason}"))
    with side:
        st.subheader(md("Addenda that apply"))
        st.html(
            html.pair_addenda_html(comparison, pair.addenda)
            + html.own_addenda_html(comparison.new, "new version")
        )
        st.subheader(md("Amendment history"))
        applies = [(link.version, link.block, link.article) for link in pair.addenda]
        sides: tuple[tuple[Side, tuple[str, ...]], ...] = (("old", pair.old), ("new", pair.new))
        for which, numbers in sides:
            for number in numbers:
                entries = article_history(comparison, which, number)
                st.html(html.history_html(entries, applies, f"{which.capitalize()} Article {number}"))


def page_compare(analysis: Analysis) -> Pair | None:
    comparison, index = analysis.comparison, analysis.index
    st.header(md("Overview"))
    show_counts(comparison)
    shown = show_filters(index)
    st.session_state["_index"] = index
    st.session_state["_shown"] = shown
    if shown and st.session_state.get("pair") not in {index.keys[i] for i in shown}:
        st.session_state["pair"] = index.keys[shown[0]]  # the filters hide the open pair: open the first hit
    show_pair_table(index, shown)
    st.header(md("Pair"))
    pair = show_pair_picker(index, shown)
    if pair is not None:
        show_pair(comparison, pair)
    return pair


def page_timeline(analysis: Analysis, digest: str) -> None:
    st.header(md("Amendment timeline"))
    events, instruments = timeline(digest, analysis.comparison)
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


def page_contents(comparison: Comparison, doc: str | None) -> None:
    st.header(md("Contents"))
    st.caption(md("Every article of each version by chapter, with its counterpart in the other version."))
    c_old, c_new = st.columns(2, gap="medium")
    for col, side, version in ((c_old, "old", comparison.old), (c_new, "new", comparison.new)):
        with col:
            st.subheader(md(f"{side.capitalize()} version: {version.label}"))
            st.html(html.toc_html(comparison, "old" if side == "old" else "new", doc))


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


def show_downloads(comparison: Comparison, stem: str) -> None:
    """One download button per report format; each report is built only when its button is clicked."""
    only_shown = st.checkbox("Only the change kinds selected above", key="report_filtered", value=False)
    kinds = (st.session_state.get("kinds") or []) if only_shown else []
    entries = downloads(comparison, stem, kinds)
    if entries is None:
        st.info(md("Report exports are not available in this installation."))
        return
    for d in entries:
        st.download_button(
            md(d.label),
            data=d.build,
            file_name=d.file_name,
            mime=d.mime,
            key=f"dl_{d.fmt}",
            help=md(d.help),
            on_click="ignore",
            width="stretch",
        )


# ---------------------------------------------------------------- main


def main() -> None:
    st.set_page_config(page_title="ordinance-diff", layout="wide")
    st.html(html.STYLE)
    names = [d.name for d in ordiff.corpus()]
    init_session(names)
    st.title(md("ordinance-diff"))
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
    comparison = analysis.comparison
    st.html(html.document_header_html(comparison, inp.name))
    st.caption(md("Another bundled text, your own files and report downloads are in the sidebar."))
    warnings = comparison.document.warnings
    if warnings:
        with st.expander(md(f"The reader noted {len(warnings)} thing(s) about this text")):
            st.html(html.warnings_html(warnings))
    choose_pair(analysis, digest)
    view = st.radio("View", list(VIEWS), key="view", format_func=VIEWS.get, horizontal=True)
    if problem := st.session_state.pop("_url_problem", None):
        st.warning(md(problem))
    pair: Pair | None = None
    if view == "timeline":
        page_timeline(analysis, digest)
    elif view == "addenda":
        page_addenda(comparison)
    elif view == "contents":
        page_contents(comparison, inp.bundled)
    else:
        pair = page_compare(analysis)
    if pair is None:
        pos = analysis.index.position(st.session_state.get("pair") or "")
        pair = analysis.index.pairs[pos] if pos is not None else None
    with st.sidebar, st.expander("Download a report", icon=":material/download:"):
        show_downloads(comparison, inp.bundled or "comparison")
    wanted = params_for(inp.bundled, pair, None if view == "compare" else view)
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


main()
