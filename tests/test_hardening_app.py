"""Issue 13, item 3: file names (and every other string) reach Streamlit's Markdown only through ``md``.

A file pair's version label is ``old: <file name>``; it headed the Contents and Addenda columns as
Markdown, so a name like ``[click](https://example.org) **bold** ![i](...).txt`` gave a live link, a
remote image and bold text.  The sweep below visits every view (and the error path) with such names and
renders every Markdown-bearing string of every element (bodies, labels, tooltips, radio options) with a
CommonMark parser: no link, image, emphasis or raw HTML may come out, nor a bare URL for GFM to link.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from viewer.text import MARKDOWN_PUNCTUATION, md

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
SEOUL = ROOT / "corpus" / "data" / "seoul-informatization" / "page.txt"
OLD_NAME = "[click](https://example.org) **bold** ![i](https://example.org/x.png).txt"
NEW_NAME = "_em_ :red[red] :material/home: $x^2$ <b>raw</b> <https://example.org> www.example.org.txt"
OLD = b"Article 1 (Purpose) The old purpose.\nArticle 2 (Scope) This applies to the city.\n"
NEW = b"Article 1 (Purpose) The new purpose.\nArticle 2 (Scope) This applies to the town.\n"
VIEWS = ("compare", "notes", "analysis", "contents", "timeline", "addenda")

# element types whose ``body`` is Markdown; every ``label`` and ``help`` is Markdown too, and so are the
# options of a radio (a selectbox's options are plain text)
MARKDOWN_BODIES = {
    "title",
    "header",
    "subheader",
    "caption",
    "markdown",
    "info",
    "warning",
    "error",
    "success",
}
LIVE_TOKENS = {"link_open", "image", "strong_open", "em_open", "s_open", "html_inline", "html_block"}
PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
# what GFM and Streamlit would turn live without CommonMark syntax: bare URLs, :directives[...], $math$
UNESCAPED = re.compile(
    r"""
    (?<!\\)(?P<bare_url>https?:|www\.)
  | (?<!\\):(?P<directive>[a-z]+)(?:\[|/|:)
  | (?<!\\)\$(?P<math>[^$]*?)(?<!\\)\$
    """,
    re.VERBOSE,
)


@pytest.fixture(autouse=True)
def review_db(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    """Each test writes notes and decisions to its own SQLite file, never the user's database."""
    url = f"sqlite:///{tmp_path / 'review.db'}"
    monkeypatch.setenv("ORDIFF_DB", url)
    return url


def walk(node: Any) -> Iterator[Any]:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from walk(child)


def markdown_strings(at: AppTest) -> list[str]:
    """Every string of the page that Streamlit renders as Markdown."""
    out: list[str] = []
    for node in walk(at._tree):
        proto = getattr(node, "proto", None)
        if proto is None or not hasattr(proto, "ListFields"):
            continue
        fields = {f.name: v for f, v in proto.ListFields()}
        if getattr(node, "type", None) in MARKDOWN_BODIES and "body" in fields:
            out.append(fields["body"])
        out += [fields[k] for k in ("label", "help") if isinstance(fields.get(k), str)]
        if getattr(node, "type", None) == "radio":
            out += list(fields.get("options", []))
    return out


def html_strings(at: AppTest) -> list[str]:
    return [node.proto.body for node in walk(at._tree) if getattr(node, "type", None) == "html"]


def live_markdown(text: str) -> list[str]:
    """What in ``text`` would render live: token types, or the unescaped syntax GFM/Streamlit act on."""
    found = []
    for token in PARSER.parse(text):
        found += [t.type for t in (token, *(token.children or ())) if t.type in LIVE_TOKENS]
    found += [m.lastgroup or "" for m in UNESCAPED.finditer(text)]
    return found


def assert_nothing_live(at: AppTest, *names: str) -> None:
    strings = markdown_strings(at)
    assert strings, "the sweep found no Markdown on the page"
    for s in strings:
        assert not live_markdown(s), (s, live_markdown(s))
        assert "example.org" not in s, s  # a name's URL never appears unescaped
    for h in html_strings(at):  # the page's own HTML shows the names as text
        assert "<img" not in h and 'href="https://example.org' not in h and "<b>raw" not in h
    shown = " ".join(re.sub(r"\\(.)", r"\1", s) for s in strings) + " ".join(html_strings(at))
    for name in names:  # the names are really on the page (escaped), so the sweep saw them
        assert name in shown or name.replace("<", "&lt;").replace(">", "&gt;") in shown


def upload(form: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["doc"] = "upload"
    at.run()
    at.radio(key="upload_form").set_value(form).run()
    return at


def test_a_file_pair_with_markdown_in_its_names_shows_them_as_text_in_every_view() -> None:
    at = upload("pair")
    at.file_uploader(key="up_old").upload(OLD_NAME, OLD, "text/plain")
    at.file_uploader(key="up_new").upload(NEW_NAME, NEW, "text/plain")
    at.run()
    assert not at.exception and not at.error
    for view in VIEWS:
        at.radio(key="view").set_value(view).run()
        assert not at.exception
        assert_nothing_live(at, OLD_NAME, NEW_NAME)
    at.radio(key="view").set_value("contents").run()
    headings = [re.sub(r"\\(.)", r"\1", s.value) for s in at.subheader]
    assert headings == [f"Old version: old: {OLD_NAME}", f"New version: new: {NEW_NAME}"]


def test_a_combined_page_and_a_bad_file_with_such_a_name() -> None:
    at = upload("combined")
    at.file_uploader(key="up_page").upload(OLD_NAME, SEOUL.read_bytes(), "text/plain")
    at.run()
    assert not at.exception and not at.error
    for view in VIEWS:
        at.radio(key="view").set_value(view).run()
        assert_nothing_live(at, OLD_NAME)
    at = upload("combined")
    at.file_uploader(key="up_page").upload(NEW_NAME, b"\x00\x01\x02 binary", "text/plain")
    at.run()
    (error,) = at.error
    assert re.sub(r"\\(.)", r"\1", error.value) == f"{NEW_NAME}: binary data, not a text file"
    assert_nothing_live(at, NEW_NAME)


# ---------------------------------------------------------------- the function itself


def test_md_escapes_exactly_ascii_punctuation() -> None:
    assert frozenset(string.punctuation) == MARKDOWN_PUNCTUATION
    assert md(string.punctuation) == "".join("\\" + c for c in string.punctuation)
    assert md("제1조 abc 123 é") == "제1조 abc 123 é"


def test_md_keeps_a_name_on_one_line_and_in_order() -> None:
    assert md("a\nb\rc\x1b[31m") == "a␊b␍c␛\\[31m"
    assert md("x\u202etxt.exe\u2028y") == "x\ufffdtxt\\.exe\ufffdy"


@pytest.mark.parametrize("name", [OLD_NAME, NEW_NAME, "line\n# heading\n\n    code", "1. list", "> quote"])
def test_md_output_renders_as_one_plain_paragraph(name: str) -> None:
    tokens = PARSER.parse(md(name))
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    assert not live_markdown(md(name))


@given(st.text(max_size=60))
def test_md_never_lets_markdown_through(text: str) -> None:
    out = md(text)
    assert not live_markdown(out)
    assert "\n" not in out and "\r" not in out
