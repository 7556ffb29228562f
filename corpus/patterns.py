"""Every regular expression of the reader, defined once.

All patterns are verbose, use named groups and are built so that no
alternative can match the same text two ways: bounded repetitions
(``{1,N}``) and disjoint character classes keep matching linear on
adversarial input (a 1 MB line of ``(`` or ``Article 1 (`` or digits).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

X = re.VERBOSE

# ---------------------------------------------------------------- dates

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?"
_DATE = (
    r"""
    (?: (?P<month>"""
    + _MONTH
    + r""") [ ]{0,3} (?P<day>\d{1,2}) [ ]{0,3} , [ ]{0,3} (?P<year>\d{4})   # Mar. 22, 2018
      | (?P<day2>\d{1,2}) \.? [ ]{1,3} (?P<month2>"""
    + _MONTH
    + r""") ,? [ ]{1,3} (?P<year2>\d{4})                   # 22. Mar, 2018 / 22 March 2018
      | (?P<year3>\d{4}) - (?P<mon3>\d{1,2}) - (?P<day3>\d{1,2})              # 2018-03-22
      | (?P<year4>\d{4}) \. [ ]{0,2} (?P<mon4>\d{1,2}) \. [ ]{0,2} (?P<day4>\d{1,2}) \.?  # 2018. 3. 22.
    )
"""
)
DATE = re.compile(_DATE, X)

# ---------------------------------------------------------------- chrome and header

CHROME = re.compile(
    r"""
    ^[ \t]{0,40}
    (?: •                            # bullet navigation lines
      | home[ ]Home[ ]>              # the breadcrumb
      )
    """,
    X,
)

# "Amendment of Other Laws No. 6851, Mar. 22, 2018" (one entry; finditer for more), and the
# bracketed form "[Act No. 19210, 11. Jan, 2023., Partial Amendment]" where the kind comes last
META_ENTRY = re.compile(
    r"""
    (?P<kind>[A-Za-z][A-Za-z ]{0,60}?)
    [ ]{1,3} No\.[ ]{0,3} (?P<number>\d{1,10}(?:-\d{1,5})?)
    [ ]{0,3},[ ]{0,3}
    """
    + _DATE
    + r"""
    (?: \.? [ ]{0,3} , [ ]{0,3} (?P<kind_after>[A-Za-z][A-Za-z ]{0,60}) \] )?
    """,
    X,
)

# Korean: "[서울특별시조례 제7026호, 2019. 3. 28., 전부개정]"; needs 제 and 호, so a line without 호 is
# never searched (:func:`ko_meta_entry_pattern` compiles it for a text that has one)
_KO_META_ENTRY = (
    r"""
    (?P<kinstrument>헌법|조례|법률|대통령령|총리령|부령|규칙)? [ ]{0,2}
    제[ ]{0,2} (?P<number>\d{1,10}) 호 [ ]{0,3} , [ ]{0,3}
    """
    + _DATE
    + r"""
    [ ]{0,3} ,? [ ]{0,3} (?P<kind>[가-힣]{2,10})?
    """
)


@cache
def ko_meta_entry_pattern() -> re.Pattern[str]:
    """:data:`_KO_META_ENTRY`, compiled when first used (English texts never need it)."""
    return re.compile(_KO_META_ENTRY, X)


def ko_meta_entries(text: str) -> Iterator[re.Match[str]]:
    """The Korean header entries of ``text`` (``finditer``): none without a 호, without compiling."""
    return ko_meta_entry_pattern().finditer(text) if "호" in text else iter(())


# ---------------------------------------------------------------- divisions and headings

ARTICLE_NUMBER = r"\d{1,5}(?:-\d{1,4}){0,2}[a-z]{0,2}"

# Latin multiplicatives of inserted articles ("Article 24 bis", "5ter"), longest first, with their rank
LATIN_MULTIPLICATIVES = {
    "bis": 2,
    "ter": 3,
    "quater": 4,
    "quinquies": 5,
    "sexies": 6,
    "septies": 7,
    "octies": 8,
    "novies": 9,
    "nonies": 9,
    "decies": 10,
    "undecies": 11,
    "duodecies": 12,
    "terdecies": 13,
    "quaterdecies": 14,
    "quindecies": 15,
}
_LATIN = "|".join(sorted(LATIN_MULTIPLICATIVES, key=lambda w: (-len(w), w)))

# a normalised article number "5-2" / "24a" / "24bis", split for ordering
NUMBER_PARTS = re.compile(
    r"""
    (?P<major>\d{1,5})
    (?P<branches>(?:-\d{1,4}){0,3})
    (?: (?P<latin>"""
    + _LATIN
    + r""") | (?P<letters>[a-z]{0,3}) )
    """,
    X,
)

DIVISION = re.compile(
    r"""
    ^[ \t]{0,40}
    (?: (?P<kind>CHAPTER|SECTION|PART|TITLE|Chapter|Section|Part|Title
              |SUB-SECTION|Sub-Section|Sub-section|SUBSECTION|Subsection      # English
              |TITRE|Titre|CHAPITRE|Chapitre|SOUS-SECTION|Sous-section      # French
              |TEIL|Teil|KAPITEL|Kapitel|ABSCHNITT|Abschnitt)               # German
        [ ]{1,3}
        (?P<number>[IVXLC]{1,8}|[Ⅰ-Ⅻ]{1,3}|\d{1,4}|PREMIER|premier|Premier)
      | 제[ ]{0,2} (?P<knumber>\d{1,4}) [ ]{0,2} (?P<kkind>편|장|절|관)      # 제2장 / 제1절 / 제1관
    )
    (?=\s|$)
    """,
    X,
)
KO_DIVISION_KINDS = {"편": "part", "장": "chapter", "절": "section", "관": "subsection"}
DIVISION_KINDS = {
    "chapter": "chapter",
    "section": "section",
    "part": "part",
    "title": "title",
    "sub-section": "subsection",
    "subsection": "subsection",
    "titre": "title",
    "chapitre": "chapter",
    "sous-section": "subsection",
    "teil": "part",
    "kapitel": "chapter",
    "abschnitt": "section",
}

# Preamble headings alone on a line: the Korean constitution's "전문", EU recitals' "Whereas:"
PREAMBLE = re.compile(
    r"""
    ^[ \t]{0,40}
    (?: 전[ ]{0,2}문                              # 전문 (the constitution's preamble)
      | PREAMBLE | Preamble
      | Whereas[ ]{0,3}: | WHEREAS[ ]{0,3}:     # EU recitals
      | considérant[ ]ce[ ]qui[ ]suit[ ]{0,3}:
    )
    [ \t]{0,40}$
    """,
    X,
)

# The heading proper, matched at a line start or right after a division heading, in every
# common Western form: "Article 7", "ARTICLE 7", "Art. 7", "§ 7", "Section 7.", "Sec. 7.";
# numbers "5-2", "24a", "24 bis" / "5ter" (Latin multiplicatives), "premier", "1er".
HEADING = re.compile(
    r"""
    (?P<word> Article | ARTICLE | Art\. | ART\. | § | Section | SECTION | Sec\. | SEC\. )
    [ ]{0,3}
    (?P<number>
        (?P<premier> premier | première | PREMIER | unique | UNIQUE )     # "Article unique": the only one
      | (?P<digits> \d{1,5}(?:-\d{1,4}){0,2} )
        (?: (?P<er> er ) (?![a-z])                      # 1er
          | [ -]? (?=[bdnoqstu]) (?P<latin>"""
    + _LATIN
    + r""") (?![a-z])                 # 24 bis, 5ter
          | (?P<letters> [a-z]{0,2} )                  # 24a
        )
    )
    (?P<dot> \. (?![\w.]) )?                             # "Section 7." / "Sec. 7."
    (?![\w(-])
    (?: [ ]{0,3} \( (?P<title>[^\W\d_](?:[^()\n]|\([^()\n]{0,200}\)){0,400}) \) )?
    """,
    X,
)
SECTION_WORDS = frozenset(["Section", "SECTION", "Sec.", "SEC."])  # need the dot: "SECTION 2" is a division

# Korean: "제5조의2(정보화계획의 반영)" -- "제5조에 따라" (a reference) fails the look-ahead
_KO_HEADING = r"""
    제[ ]{0,2} (?P<number>\d{1,5}) [ ]{0,2} 조
    (?: [ ]{0,2} 의 [ ]{0,2} (?P<branch>\d{1,4}) )?
    (?![\w-])
    (?: [ ]{0,3} \( (?P<title>[^\W\d_](?:[^()\n]|\([^()\n]{0,200}\)){0,400}) \) )?
    """


@cache
def ko_heading_pattern() -> re.Pattern[str]:
    """:data:`_KO_HEADING` (``제5조의2(제목)``), compiled when first used (English texts never need it)."""
    return re.compile(_KO_HEADING, X)


def match_ko_heading(text: str, pos: int) -> re.Match[str] | None:
    """``_KO_HEADING`` matched at ``pos``: it starts with 제, so no other text is tried (nor compiles it)."""
    return ko_heading_pattern().match(text, pos) if text.startswith("제", max(pos, 0)) else None


# A line that is only a heading word, a number-like token and perhaps a parenthesised title, in a form
# no rule reads ("Article V (Scope)", "Art 7", "Clause 3", "제칠조"): warned about, never silently text
HEADING_LIKE = re.compile(
    r"""
    ^[ \t]{0,40}
    (?: (?: Article | ARTICLE | Art\.? | ART\.? | Artikel | Artículo | Articolo | Clause | CLAUSE
          | § | Section | SECTION | Sec\.? | SEC\.? )
        [ ]{0,3} (?: [IVXLC]{1,8} | \d{1,5}[^\s()]{0,12} | [A-Za-zÀ-ÿ]{1,12} )
      | 제[ ]{0,2} [^\s조]{1,8} [ ]{0,2} 조 [^\s(]{0,6}
    )
    [ ]{0,3} (?: \( [^()\n]{1,200} \) )? [ \t.]{0,40}$
    """,
    X,
)

# EU recitals opened without a heading: "Having regard to the Treaty ..." / "Vu le traité ..."
PREAMBLE_OPENING = re.compile(
    r"""
    ^[ \t]{0,40}
    (?: Having[ ]regard[ ]to | [Vv]u[ ]l[ea'’]                       # citations
      | THE[ ]EUROPEAN[ ]PARLIAMENT[ ]AND[ ]THE[ ]COUNCIL | THE[ ]COUNCIL[ ]OF[ ]THE[ ]EUROPEAN[ ]UNION
      | LE[ ]PARLEMENT[ ]EUROPÉEN[ ]ET[ ]LE[ ]CONSEIL | LE[ ]CONSEIL[ ]DE[ ]L'UNION
    )
    """,
    X,
)

# "Articles 2 through 6 Omitted."
ARTICLE_RANGE = re.compile(
    r"""
    ^[ \t]{0,40}
    (?: Articles[ ]{1,3} (?P<first>"""
    + ARTICLE_NUMBER
    + r""")
        [ ]{1,3} (?:through|to|and) [ ]{1,3}
        (?P<last>"""
    + ARTICLE_NUMBER
    + r""")
        (?![\w(-])
      | 제[ ]{0,2} (?P<kfirst>\d{1,5}) [ ]{0,2} 조 [ ]{0,2} 부터 [ ]{0,2}       # 제2조부터 제6조까지
        제[ ]{0,2} (?P<klast>\d{1,5}) [ ]{0,2} 조 [ ]{0,2} 까지
    )
    """,
    X,
)

# An article number as a person types it (``ordiff report --articles``, the viewer's "Go to article"):
# "Article 34", "Art. 5-2", "§ 7", "Section 7", "제5조의2", "24a", "24 bis", "24bis", "Article premier",
# "1er"; matched against the whole input, case-insensitively, every repeat bounded
_ARTICLE_SPEC = (
    r"""
    ^\s{0,40}
    (?: (?: article | art\.? | § | section | sec\.? ) \s{0,3} )?          # the heading word, optional
    (?: (?P<premier> premier | première | unique )                      # "Article premier" -> 1
      | (?P<digits> \d{1,5} (?: -\d{1,4} ){0,2} )
        (?: (?P<er> er ) (?![a-z])                                        # "1er" -> 1
          | [ -]? (?P<latin>"""
    + _LATIN
    + r""") (?![a-z])                        # "24 bis", "24bis", "5-ter"
          | (?P<letters> [a-z]{0,2} )                                     # "24a"
        )
        \.?                                                               # "Section 7."
      | 제 \s{0,2} (?P<ko>\d{1,5}) \s{0,2} 조 (?: \s{0,2} 의 \s{0,2} (?P<ko_sub>\d{1,4}) )?   # "제5조의2"
    )
    \s{0,40}$
    """
)


@cache
def article_spec_pattern() -> re.Pattern[str]:
    """:data:`_ARTICLE_SPEC`, compiled when first used (reading a text never needs it)."""
    return re.compile(_ARTICLE_SPEC, X | re.IGNORECASE)


# Inside a division line: where the next article heading starts.
HEADING_IN_LINE = re.compile(r"[ ](?:Article[ ]{1,3}\d|제[ ]{0,2}\d{1,5}[ ]{0,2}조)")

STATUS = re.compile(r"[ ]{0,3}(?P<status>Omitted|Deleted|생략|삭제)\.?", X)  # used with .match()
STATUS_VALUES = {"Omitted": "omitted", "생략": "omitted", "Deleted": "deleted", "삭제": "deleted"}

ADDENDA = re.compile(
    r"""
    ^[ \t]{0,40}
    (?P<word>ADDENDA|ADDENDUM|Addenda|Addendum|부칙|附則)
    [ ]{0,3}
    (?: < (?P<meta>[^<>\n]{1,200}) > )?
    (?: [ ]{0,3} \( (?P<amending>[^()\n]{1,200}) \) )?   # 부칙 <법률 제5454호,1997.12.13> (…에관한법률)
    [ \t]{0,40}$
    """,
    X,
)

INSTRUMENT_REF = re.compile(
    r"""
    (?: (?P<instrument>Ordinance|Act|Presidential[ ]Decree|Decree|Rule|Regulation|Law)
        [ ]{0,3} (?:No\.?[ ]{0,3})? (?P<number>\d{1,10}(?:-\d{1,5})?)
      | (?P<kinstrument>헌법|조례|법률|대통령령|총리령|부령|규칙)? [ ]{0,2}  # 조례 제6851호
        제[ ]{0,2} (?P<knumber>\d{1,10}) [ ]{0,2} 호
    )
    """,
    X,
)
KO_INSTRUMENTS = {
    "헌법": "Constitution",
    "조례": "Ordinance",
    "법률": "Act",
    "대통령령": "Presidential Decree",
    "총리령": "Decree",
    "부령": "Decree",
    "규칙": "Rule",
}

# "ANNEX III" / "Appendix 2" alone on a line: the attachments after the articles (kept, warned)
ANNEX = re.compile(
    r"^[ \t]{0,40} (?:ANNEX|Annex|APPENDIX|Appendix) (?:[ ]{1,3}[IVXLC\d]{1,8})? [ \t]{0,40}$", X
)

TABLE = re.compile(
    r"""
    \( [ ]{0,3}
    (?: [Rr]elated[ ]to[ ]Article[ ]{1,3} (?P<article>"""
    + ARTICLE_NUMBER
    + r""")
      | 제[ ]{0,2} (?P<karticle>\d{1,5}) 조 (?: 의 (?P<kbranch>\d{1,4}) )? [ ]{0,3} 관련   # (제31조 관련)
    )
    [ ]{0,3} \) [ \t]{0,40}$
    """,
    X,
)

# ---------------------------------------------------------------- provisions
# (unanchored: always used with ``.match(text, pos)`` at the start of a line's content)

# "1. through 3. Deleted."  /  "1. and 2. Omitted."
RANGE_LABEL = re.compile(
    r"""
    (?P<first>\d{1,4})\.[ ]{1,3}(?:through|to|and)[ ]{1,3}(?P<last>\d{1,4})\.
    (?=\s|$)
    """,
    X,
)
PARAGRAPH_LABEL = re.compile(r"\((?P<number>\d{1,4})\)(?=\s|$) | (?P<circled>[①-⑳㉑-㉟])", X)
# "2-2." "12." "1.Where" "12.\"Training" ; the typo "2.3." is caught by TYPO_LABEL first
SUB_LABEL = re.compile(r"(?P<number>\d{1,4}(?:-\d{1,4}){0,2}|\d{1,4}의\d{1,4})\.(?=[^\d.]|$)", X)  # 1의2.
TYPO_LABEL = re.compile(r"(?P<number>\d{1,4}\.\d{1,4})\.(?=\s)", X)
ITEM_LABEL = re.compile(
    r"""
    (?: \( (?P<paren>[a-z]{1,4}) \)     # (a) (ii)
       | (?P<dot>[a-z]) \.               # a.
       | (?P<hangul>[가나다라마바사아자차카타파하]) \.     # 가.
       | (?P<close>[a-z]{1,4}) \)        # a) i) ii) (French EU points and sub-points)
       )
    (?=\s)
    """,
    X,
)
# Korean sub-items below 가.: "1)" and below them "가)"
SUBITEM_LABEL = re.compile(
    r"(?: (?P<number>\d{1,3}) | (?P<hangul>[가나다라마바사아자차카타파하]) ) \) (?=\s)", X
)

# ---------------------------------------------------------------- notes

NOTE_ANGLE = re.compile(r"<(?P<body>[^<>\n]{1,600})>")
NOTE_SQUARE = re.compile(r"\[(?P<body>[^\[\]\n]{1,600})\]")

NOTE_BODY = re.compile(
    r"""
    ^[ ]{0,3}
    (?P<subject>This[ ]Article[ ]|Title[ ])?
    (?P<action>
        Wholly[ ]Amended | Wholly[ ]Revised | Newly[ ]Inserted | Newly[ ]Added | Inserted | Added | Add
      | Partially[ ]Amended | Amended | Revised | Deleted | Repealed | Enforcement[ ]Date
      | Moved
      | 본조신설 | 전문개정 | 제목개정 | 개정 | 신설 | 삭제 | 시행일 | 종전
    )?
    [ ]{0,3} :? [ ]{0,3}
    (?P<link>by|on)?
    (?=[ ]|$|[A-Z])
    """,
    X,
)

_KO_ARTICLE = r"제[ ]{{0,2}} (?P<{n}>\d{{1,5}}) [ ]{{0,2}} 조 (?:[ ]{{0,2}}의[ ]{{0,2}} (?P<{b}>\d{{1,4}}) )?"
_EN_ARTICLE = r"Article[ ]{{1,3}} (?P<{n}>\d{{1,5}}(?:-\d{{1,4}}){{0,2}}[a-z]{{0,2}})"

# Move markers, the strongest evidence of continuity there is:
# "[제5조에서 이동 <2019. 3. 28.>]", "[종전 제5조는 제6조로 이동 <...>]", "[Moved from Article 5 <...>]",
# "[Former Article 5 moved to Article 6 <...>]".  ``from``/``fbranch`` (or ``efrom``) name the old number.
_MOVE_NOTE = (
    r"""
    ^[ ]{0,3}
    (?: 종전[ ]{0,2} """
    + _KO_ARTICLE.format(n="from", b="fbranch")
    + r""" [ ]{0,2} (?:은|는) [ ]{0,2} """
    + _KO_ARTICLE.format(n="to", b="tbranch")
    + r""" [ ]{0,2} (?:으로|로) [ ]{0,2} 이동
      | """
    + _KO_ARTICLE.format(n="kfrom", b="kbranch")
    + r""" [ ]{0,2} 에서 [ ]{0,2} 이동
      | (?:Moved|Transferred)[ ]from[ ] """
    + _EN_ARTICLE.format(n="efrom")
    + r"""
      | Former[ ] """
    + _EN_ARTICLE.format(n="eformer")
    + r""" [ ](?:was[ ])?moved[ ]to[ ]Article
      | (?P<part>[^\[\]<>\n]{1,40}?) 이동                 # "[제3항에서 이동 <...>]": a provision moved
    )
    """
)


@cache
def move_note_pattern() -> re.Pattern[str]:
    """:data:`_MOVE_NOTE`, compiled when first used (most texts have no move marker)."""
    return re.compile(_MOVE_NOTE, X)


def moved_from(m: re.Match[str]) -> str | None:
    """The old article number (canonical, ``5-2``) a :func:`move_note_pattern` match names (None: a
    provision)."""
    if m["from"] is not None:
        return f"{m['from']}-{m['fbranch']}" if m["fbranch"] else m["from"]
    if m["kfrom"] is not None:
        return f"{m['kfrom']}-{m['kbranch']}" if m["kbranch"] else m["kfrom"]
    return m["efrom"] or m["eformer"] or None


DELETED_BEFORE = re.compile(r"(?:Deleted\.?|삭제)[ ]{0,3}$")

# ---------------------------------------------------------------- conservation

# any character str.strip() keeps (\s is exactly str.isspace() on str patterns)
INK = re.compile(r"\S")


# ---------------------------------------------------------------- accessors over the alternatives


def instrument_of(m: re.Match[str]) -> tuple[str | None, str]:
    """(instrument, number) from an :data:`INSTRUMENT_REF` match, English or Korean."""
    if m["number"] is not None:
        return m["instrument"], m["number"]
    return (KO_INSTRUMENTS.get(m["kinstrument"]) if m["kinstrument"] else None), m["knumber"]


def division_kind_number(m: re.Match[str]) -> tuple[str, str]:
    """(kind, numeral as printed) from a :data:`DIVISION` match (``CHAPITRE PREMIER`` is numeral ``1``)."""
    if m["kind"] is not None:
        number = "1" if m["number"].lower() == "premier" else m["number"]
        return DIVISION_KINDS[m["kind"].lower()], number
    return KO_DIVISION_KINDS[m["kkind"]], m["knumber"]


def range_ends(m: re.Match[str]) -> tuple[str, str]:
    """(first, last) article numbers of an :data:`ARTICLE_RANGE` match."""
    if m["first"] is not None:
        return m["first"], m["last"]
    return m["kfirst"], m["klast"]


def table_article(m: re.Match[str]) -> str:
    """The article number a :data:`TABLE` title relates to."""
    if m["article"] is not None:
        return m["article"]
    return f"{m['karticle']}-{m['kbranch']}" if m["kbranch"] else m["karticle"]


def article_spec_number(text: str) -> str | None:
    """``"Article 5-2"``, ``"제5조의2"``, ``"5-2"`` -> ``"5-2"``; ``"24 bis"``, ``"Article 24bis"`` ->
    ``"24bis"``; ``"Article premier"``, ``"1er"`` -> ``"1"``; ``"§ 7"``, ``"Art. 7"`` -> ``"7"`` (the reader's
    canonical numbers, :func:`corpus.lexer.canonical_number`), else None."""
    m = article_spec_pattern().match(text)
    if m is None:
        return None
    if m["ko"]:
        return f"{m['ko']}-{m['ko_sub']}" if m["ko_sub"] else m["ko"]
    if m["premier"]:
        return "1"
    if m["er"]:
        return str(m["digits"])
    return (m["digits"] + (m["latin"] or m["letters"] or "")).lower()


def is_whole_amendment(kind: str) -> bool:
    return "whole" in kind.lower() or "전부개정" in kind
