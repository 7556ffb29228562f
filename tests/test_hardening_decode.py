"""Issue 13, item 4: no silent mis-decoding.

Text that is valid UTF-8 except for a few bytes is read as UTF-8 with those bytes replaced (U+FFFD) and a
``decode-replaced`` warning naming line and column; a legacy code page is chosen only for text that is not
UTF-8-like at all, and then with a ``decode-legacy`` warning naming it; Korean saved as UTF-16 without a BOM
is read as the Korean it is.  The expected counts (44 old / 24 new articles of the Seoul page) are the
bundled document's, asserted unchanged by ``tests/test_golden_parse.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus import load_document, read_sources
from corpus.sources import SourceError, decode

ROOT = Path(__file__).resolve().parent.parent
SEOUL = ROOT / "corpus" / "data" / "seoul-informatization" / "page.txt"
KOREAN = (
    "서울특별시 정보화 기본 조례\n"
    "제1조(목적) 이 조례는 서울특별시 정보화 촉진에 필요한 사항을 규정함을 목적으로 한다.\n"
    "제2조(정의) 이 조례에서 사용하는 용어의 뜻은 다음과 같다.\n"
)


def with_ff(raw: bytes, near: int) -> tuple[bytes, int, int]:
    """``raw`` with 0xFF inserted before the first lower-case word after byte ``near``; its line and column.

    Inside running text, as a stray byte usually is: one at the start of a heading line would hide that
    heading from the reader whatever the decoding.
    """
    at = raw.index(b" ", near) + 1
    while not raw[at : at + 1].islower():
        at = raw.index(b" ", at) + 1
    line_start = raw.rfind(b"\n", 0, at) + 1
    line = raw.count(b"\n", 0, at) + 1
    column = len(raw[line_start:at].decode("utf-8")) + 1
    return raw[:at] + b"\xff" + raw[at:], line, column


# ---------------------------------------------------------------- a few bad bytes in UTF-8


@pytest.mark.parametrize("near", [600, 5_000, 15_000, 25_000, 35_000, 45_000])
def test_one_ff_byte_in_the_seoul_page_keeps_44_and_24_articles(tmp_path: Path, near: int) -> None:
    raw, line, column = with_ff(SEOUL.read_bytes(), near)
    path = tmp_path / "page.txt"
    path.write_bytes(raw)
    doc = load_document(str(path))
    assert (len(doc.old.articles), len(doc.new.articles)) == (44, 24)
    assert doc.sources[0].encoding == "utf-8"
    replaced = [w for w in doc.warnings if w.code == "decode-replaced"]
    assert [w.message for w in replaced] == [
        f"page.txt: byte 0xFF at line {line}, column {column} is not UTF-8; replaced by U+FFFD"
    ]
    (w,) = replaced
    assert w.span is not None and doc.sources[0].text[w.span.start : w.span.end] == "\ufffd"


def test_each_bad_run_is_named_and_the_rest_is_kept() -> None:
    text = "Article 1 (Purpose) A café.\nArticle 2 (Scope) Two.\n"
    raw = text.encode("utf-8").replace(b"A caf", b"A \xc3\x28caf").replace(b"Two", b"T\x80\x81wo")
    src = decode(raw, "a.txt")
    assert src.encoding == "utf-8"
    assert src.text == "Article 1 (Purpose) A \ufffd(café.\nArticle 2 (Scope) T\ufffd\ufffdwo.\n"
    assert [w.message for w in src.warnings] == [
        "a.txt: byte 0xC3 at line 1, column 23 is not UTF-8; replaced by U+FFFD",
        "a.txt: bytes 0x80 0x81 at line 2, column 20 are not UTF-8; replaced by U+FFFD",
    ]


def test_a_stray_cp1252_quote_in_utf8_text_is_not_read_as_cp949() -> None:
    """Before: strict CP949 accepted ``é`` (C3 A9) and ``0x93 q`` as Hangul: mojibake with no warning."""
    text = "Article 1 (Purpose) The café, the résumé and the naïve user quoted it.\n"
    raw = text.encode("utf-8").replace(b"quoted", b"\x93quoted")
    src = decode(raw, "q.txt")
    assert src.encoding == "utf-8"
    assert src.text == text.replace("quoted", "\ufffdquoted")
    assert [w.code for w in src.warnings] == ["decode-replaced"]


def test_many_bad_runs_give_ten_warnings_and_a_count() -> None:
    raw = b"".join(b"Article %d (T) x\xff.\n" % i for i in range(1, 31)) + "끝 ".encode() * 80
    src = decode(raw, "m.txt")
    assert len(src.warnings) == 11
    assert src.warnings[-1].message == "m.txt: 20 more bytes that are not UTF-8 replaced by U+FFFD"


def test_the_reader_puts_decode_warnings_on_their_source() -> None:
    old = decode(b"Article 1 (Purpose) Old.\n", "o.txt")
    new = decode(b"Article 1 (Purpose) N\xffew.\n" + "끝".encode() * 3, "n.txt")
    doc = read_sources("pair", (old, new))
    (w,) = [w for w in doc.warnings if w.code == "decode-replaced"]
    assert w.span is not None and w.span.source == 1
    assert doc.sources[1].text[w.span.start] == "\ufffd"


# ---------------------------------------------------------------- legacy code pages: only with a warning


def test_latin1_text_is_decoded_with_a_warning_naming_the_encoding() -> None:
    text = (
        "Article 1 (Objet) Le présent arrêté fixe les règles générales applicables à la sécurité "
        "des élèves, à l'hygiène et à la santé publique dans les écoles élémentaires.\n"
    )
    raw = text.encode("latin-1")
    src = decode(raw, "fr.txt")
    assert src.encoding != "utf-8" and src.text == raw.decode(src.encoding)
    (w,) = src.warnings
    assert w.code == "decode-legacy"
    assert src.encoding in w.message and w.message.startswith("fr.txt: not UTF-8")


def test_cp949_korean_is_still_read_as_cp949_without_warning() -> None:
    src = decode(KOREAN.encode("cp949"), "k.txt")
    assert (src.text, src.encoding, src.warnings) == (KOREAN, "cp949", ())


def test_valid_utf8_has_no_decode_warning() -> None:
    assert decode(KOREAN.encode("utf-8"), "k.txt").warnings == ()


# ---------------------------------------------------------------- UTF-16 without a BOM


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_korean_utf16_without_bom_is_read_correctly(encoding: str) -> None:
    src = decode(KOREAN.encode(encoding), "k.txt")
    assert (src.text, src.encoding, src.warnings) == (KOREAN, encoding, ())


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_korean_file_saved_as_utf16_without_bom_parses_its_articles(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "k.txt"
    path.write_bytes(KOREAN.encode(encoding))
    doc = load_document(str(path))
    assert [(a.number, a.title) for a in doc.old.articles] == [("1", "목적"), ("2", "정의")]


def test_binary_with_nul_bytes_is_still_binary() -> None:
    with pytest.raises(SourceError, match="binary data"):
        decode(b"\x00\x01\x02 binary", "b.bin")
