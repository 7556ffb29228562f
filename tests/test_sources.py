"""Decoding and source resolution: encodings, bad files, bundled names."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus import load_document
from corpus.sources import SourceError, bundled_names, decode, read_path, resolve

# short but real Korean sentences (Article 1 of a Seoul ordinance, in Korean)
KOREAN = "Article 1 (Purpose) 이 조례는 서울특별시 정보화 촉진에 필요한 사항을 규정함을 목적으로 한다.\n"


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (KOREAN.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + KOREAN.encode("utf-8"), "utf-8"),
        (KOREAN.encode("cp949"), "cp949"),
        (KOREAN.encode("euc-kr"), "cp949"),
        (KOREAN.encode("utf-16"), "utf-16"),
        (b"\xfe\xff" + KOREAN.encode("utf-16-be"), "utf-16"),
    ],
    ids=["utf-8", "utf-8-bom", "cp949", "euc-kr", "utf-16-le-bom", "utf-16-be-bom"],
)
def test_encodings_decode_to_the_same_text(encoded: bytes, encoding: str) -> None:
    src = decode(encoded, "k.txt")
    assert src.text == KOREAN
    assert src.encoding == encoding


def test_bom_less_utf16_is_text_not_binary() -> None:
    text = "Article 1 (Purpose) This Act applies.\n"
    assert decode(text.encode("utf-16-le"), "a.txt").text == text
    assert decode(text.encode("utf-16-be"), "a.txt").text == text


def test_files_in_every_encoding_parse_to_the_same_article(tmp_path: Path) -> None:
    titles = set()
    for enc in ("utf-8", "utf-8-sig", "cp949", "euc-kr", "utf-16"):
        path = tmp_path / f"k-{enc}.txt"
        path.write_bytes(KOREAN.encode(enc))
        doc = load_document(str(path))
        (art,) = doc.old.articles
        titles.add((art.number, art.title, art.lead))
    assert titles == {("1", "Purpose", KOREAN.split(") ", 1)[1].strip())}


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "the file is empty"),
        (b"  \n\t\n", "the file is empty"),
        (b"\xef\xbb\xbf \n", "the file is empty"),
        ("\u3000\n".encode("utf-16"), "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01", "binary data, not a text file"),
        (bytes([0x81, 0xFF, 0xFE, 0x80, 0xC0, 0xC1]) * 20, "cannot decode the text"),
    ],
    ids=["empty", "whitespace", "bom-only", "utf-16-blank", "binary", "undecodable"],
)
def test_bad_bytes_give_one_sentence_naming_the_file(raw: bytes, message: str) -> None:
    with pytest.raises(SourceError) as err:
        decode(raw, "bad.txt")
    assert str(err.value).startswith("bad.txt: ")
    assert message in str(err.value)


def test_missing_path_and_directory(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file"):
        read_path(tmp_path / "missing.txt")
    with pytest.raises(SourceError, match="is a directory"):
        read_path(tmp_path)


def test_text_without_any_article_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Shopping list\nmilk, eggs\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"notes.txt: no article found"):
        load_document(str(path))


def test_resolve_bundled_names_and_unknown_names() -> None:
    assert set(bundled_names()) >= {"seoul-informatization", "kr-ai-framework-act"}
    name, sources = resolve("kr-ai-framework-act")
    assert name == "kr-ai-framework-act"
    assert [Path(s.name).name for s in sources] == ["old.txt", "new.txt"]
    with pytest.raises(SourceError, match="no such file or bundled document"):
        resolve("no-such-document")
