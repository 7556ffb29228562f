"""XSS payloads in note bodies through the one renderer (review.render.render_note)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from review.render import allowed_link, render_note

SAFE_TAGS = {"p", "a", "em", "strong", "code", "pre", "ul", "ol", "li", "blockquote", "br", "hr"}
SAFE_TAGS |= {"h1", "h2", "h3", "h4", "h5", "h6"}


class Elements(HTMLParser):
    """Every element and attribute a browser would build from the HTML."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](java\tscript:alert(1))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<javascript:alert(1)>",
    "![pixel](https://tracker.example/pixel.gif)",
    "![x](data:image/png;base64,iVBORw0KGgo=)",
    '<a href="javascript:alert(1)">x</a>',
    "[v](vbscript:msgbox(1))",
    '<iframe src="https://evil.example"></iframe>',
    "<svg onload=alert(1)>",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_payload_becomes_live_html(payload: str) -> None:
    html = render_note(f"Before {payload} after")
    for tag, attrs in Elements(html).found:
        assert tag in SAFE_TAGS, (payload, html)
        assert set(attrs) <= {"href", "rel"}, (payload, html)
        if tag == "a":
            href = attrs["href"] or ""
            assert href.startswith(("https://", "http://", "mailto:")), (payload, html)
            assert attrs["rel"] == "nofollow noopener"
    assert "Before" in html and "after" in html  # the text around it is kept


def test_raw_html_is_shown_escaped_not_dropped() -> None:
    assert render_note("<script>alert(1)</script>") == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"


def test_allowed_links_get_nofollow_noopener() -> None:
    html = render_note("See [the Act](https://www.law.go.kr/x?a=1&b=2) or <mailto:kim@example.org>.")
    assert '<a href="https://www.law.go.kr/x?a=1&amp;b=2" rel="nofollow noopener">the Act</a>' in html
    assert '<a href="mailto:kim@example.org" rel="nofollow noopener">' in html


def test_an_image_becomes_a_link_and_loads_nothing() -> None:
    html = render_note("![chart](https://example.org/c.png)")
    assert html == '<p>!<a href="https://example.org/c.png" rel="nofollow noopener">chart</a></p>\n'


def test_markdown_still_works() -> None:
    html = render_note("**Why** was *(2)* dropped?\n\n- one\n- two")
    assert "<strong>Why</strong>" in html and "<em>(2)</em>" in html and "<li>one</li>" in html


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://example.org", True),
        ("http://example.org/a", True),
        ("mailto:a@b.c", True),
        ("javascript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,x", False),
        ("file:///etc/passwd", False),
        ("/relative/path", False),
        ("https:evil", False),
        ("http://[::1", False),
    ],
)
def test_the_link_rule(url: str, ok: bool) -> None:
    assert allowed_link(url) is ok
