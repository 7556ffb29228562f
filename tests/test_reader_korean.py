"""Reader rules on Korean-language text: 제N조(제목), ① paragraphs, 1. / 1의2. subparagraphs, 가. items,
제N장 chapters, 부칙 addenda, <개정 ...> notes, [별표] tables, and the header metadata line.

The sample is written like the Korean original of a Seoul ordinance (law.go.kr layout).
"""

from __future__ import annotations

from functools import cache

from corpus.model import Document, SourceText
from corpus.reader import read

SAMPLE = """서울특별시 정보화 기본 조례
[시행 2019. 3. 28.] [서울특별시조례 제7026호, 2019. 3. 28., 전부개정]

제1장 총칙
제1조(목적) 이 조례는 스마트도시 조성에 관한 사항을 규정함을 목적으로 한다.
제2조(정의) 이 조례에서 사용하는 용어의 뜻은 다음과 같다. <개정 2013. 8. 1., 2018. 3. 22.>
1. "정보"란 광 또는 전자적 방식으로 처리되는 모든 종류의 자료를 말한다.
1의2. "공간정보"란 지상에 존재하는 객체에 대한 위치정보를 말한다.
2. "정보화"란 다음 각 목의 활동을 말한다.
가. 행정 분야의 정보화
나. 산업 분야의 정보화 <신설 2017. 5. 18.>
제2장 정책의 수립
제5조의2(정보화계획의 반영) ① 시장은 대규모 투자사업의 계획을 수립할 때 정보화계획을 반영하여야 한다.
② 삭제 <2014. 1. 9.>
③ 제1항에 따른 정보화계획은 규칙으로 정한다. <개정 2017. 5. 18.>
[본조신설 2013. 8. 1.]
[제목개정 2018. 3. 22.]
제6조 삭제 <2014. 1. 9.>
제7조(위원회) 제5조에 따른 위원회를 둔다.
[종전 제4조는 제7조로 이동 <2019. 3. 28.>]

부칙 <제7026호, 2019. 3. 28.>
제1조(시행일) 이 조례는 공포한 날부터 시행한다.
제2조 생략
제3조부터 제5조까지 생략

[별표 1] 정보시스템 수수료 징수기준(제7조 관련)
"""


@cache
def doc() -> Document:
    return read((SourceText(name="seoul-ko.txt", text=SAMPLE),), name="seoul-ko")


def test_header_metadata_and_instrument() -> None:
    v = doc().old
    assert (v.number, v.date, v.amendment_kind, v.whole_amendment) == ("7026", "2019-03-28", "전부개정", True)
    assert v.label == "Ordinance No. 7026 (2019-03-28)"
    assert doc().title == "서울특별시 정보화 기본 조례"


def test_articles_chapters_and_references() -> None:
    arts = doc().old.articles
    # "제5조에 따라" inside Article 7 is a reference, not a heading
    assert [(a.number, a.title, a.status) for a in arts] == [
        ("1", "목적", "in_force"),
        ("2", "정의", "in_force"),
        ("5-2", "정보화계획의 반영", "in_force"),
        ("6", "", "deleted"),
        ("7", "위원회", "in_force"),
    ]
    assert [a.chapter for a in arts] == ["제1장 총칙", "제1장 총칙"] + ["제2장 정책의 수립"] * 3
    assert [(d.kind, d.ordinal) for d in doc().old.divisions] == [("chapter", 1), ("chapter", 2)]


def test_provisions() -> None:
    art2 = doc().old.article("2")
    assert art2 is not None
    assert [(p.kind, p.label, p.number) for p in art2.paragraphs] == [
        ("subparagraph", "1.", "1"),
        ("subparagraph", "1의2.", "1-2"),
        ("subparagraph", "2.", "2"),
    ]
    assert [(c.kind, c.number) for c in art2.paragraphs[2].children] == [("item", "가"), ("item", "나")]
    art52 = doc().old.article("5-2")
    assert art52 is not None
    assert [(p.kind, p.label, p.number, p.deleted) for p in art52.paragraphs] == [
        ("paragraph", "①", "1", False),
        ("paragraph", "②", "2", True),
        ("paragraph", "③", "3", False),
    ]
    assert art52.paragraphs[1].text == "삭제"


def test_notes() -> None:
    rows = {
        a.number: [(n.scope, n.target, e.action, e.date) for n in a.all_notes() for e in n.events]
        for a in doc().old.articles
    }
    assert rows["2"] == [
        ("article", "", "amended", "2013-08-01"),
        ("article", "", "amended", "2018-03-22"),
        ("item", "2 나", "inserted", "2017-05-18"),
    ]
    assert rows["5-2"] == [
        ("paragraph", "②", "deleted", "2014-01-09"),
        ("paragraph", "③", "amended", "2017-05-18"),
        ("article", "", "inserted", "2013-08-01"),
        ("title", "", "title_amended", "2018-03-22"),
    ]
    assert rows["6"] == [("article", "", "deleted", "2014-01-09")]
    assert rows["7"] == [("article", "", "moved", "2019-03-28")]  # [종전 제4조는 제7조로 이동 <...>]
    assert doc().old.article("7") is not None and doc().old.article("7").moved_from == "4"  # type: ignore[union-attr]


def test_addenda_and_table() -> None:
    (block,) = doc().old.addenda
    assert (block.heading, block.number, block.date) == (
        "부칙 <제7026호, 2019. 3. 28.>",
        "7026",
        "2019-03-28",
    )
    assert [(a.number, a.title, a.omitted) for a in block.articles] == [
        ("1", "시행일", False),
        ("2", "", True),
        ("3", "", True),
        ("4", "", True),
        ("5", "", True),
    ]
    assert [(t.title, t.article) for t in doc().old.tables] == [("[별표 1] 정보시스템 수수료 징수기준", "7")]


def test_full_width_parentheses() -> None:
    doc = read((SourceText(name="k.txt", text="제1조（목적） 이 조례는 목적으로 한다.\n"),), name="k")
    assert [(a.number, a.title, a.lead) for a in doc.old.articles] == [
        ("1", "목적", "이 조례는 목적으로 한다.")
    ]
