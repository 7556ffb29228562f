"""Every regular expression of the analysis, defined once.

Verbose, named groups, bounded repetitions (the same discipline as
``corpus/patterns.py``, whose article-number grammar is reused).
"""

from __future__ import annotations

import re

from corpus.patterns import ARTICLE_NUMBER

X = re.VERBOSE

# a bare article number inside a list ("127 and 129 through 132")
ARTICLE_NUMBER_RE = re.compile(ARTICLE_NUMBER)

_SUB = r"\d{1,3}(?:-\d{1,3}){0,2}"  # subparagraph number "4", "4-2"

# An in-text reference to a provision, English forms.  One alternative per head word;
# "of Article 2" after a lower-level reference and "of the <Name> Act" after any are
# matched separately (OF_ARTICLE, OF_INSTRUMENT) so the head stays simple.
REFERENCE = re.compile(
    r"""
    (?=[ApsitT])                 # the first letter of every alternative below: positions fail fast
    (?<![\w-])
    (?:
        (?P<articles>Articles)[ ]{1,3}                          # Articles 2 through 6 / Articles 2 and 3
        (?P<first>"""
    + ARTICLE_NUMBER
    + r""")
        [ ]{1,3} (?P<conj>through|to|and) [ ]{1,3}
        (?P<last>"""
    + ARTICLE_NUMBER
    + r""")
        (?P<more> (?: (?: ,[ ]{0,2} | [ ]{1,3} (?:and|through|to) [ ]{1,3} ) """
    + ARTICLE_NUMBER
    + r""" (?![\w(-]) ){0,20} )
      | (?P<article_kw>Article)[ ]{1,3}                # Article 7 (7) / Article 10(3) / Article 2 (1) 1
        (?P<article>"""
    + ARTICLE_NUMBER
    + r""")
        (?: [ ]{0,2} \( (?P<a_para>\d{1,3}) \)
            (?: [ ]{0,2} (?P<a_sub>"""
    + _SUB
    + r""") (?![\d(.]\d) )?
        )?
        (?: [ ]{0,2} \( (?P<a_item>[a-z]) \) )?
      | (?P<para_kw>paragraphs?)[ ]{1,3}                        # paragraph (1) / paragraph (4)4
        \( (?P<para>\d{1,3}) \)
        (?: (?P<p_sub>"""
    + _SUB
    + r""") (?![\d(]) )?
        (?: [ ]{0,2} \( (?P<p_item>[a-z]) \) )?
      | (?P<sub_kw>subparagraphs?)[ ]{1,3}                      # subparagraph 3 / subparagraph 4 (d)
        (?P<sub>"""
    + _SUB
    + r""") (?![\d])
        (?: [ ]{0,2} \( (?P<s_item>[a-z]) \) )?
      | (?P<item_kw>point|item)[ ]{1,3} \( (?P<item>[a-z]{1,3}) \)   # point (a)
      | (?P<relative>
            [Tt]he[ ]preceding[ ]paragraph | [Tt]his[ ]paragraph | [Tt]his[ ]Article
          | [Tt]he[ ]same[ ]Article | [Tt]he[ ]same[ ]paragraph
        )
    )
    (?![\w])
    """,
    X,
)

# Where a REFERENCE match can start: the first word of each alternative (of a relative phrase, its first
# two), as plain words, so a search skips in C to the next place one may start (REFERENCE, which starts
# with look-arounds, is tried at every position).  references._reference_matches uses it to find what
# REFERENCE.finditer finds.
REFERENCE_START = re.compile(
    r"""
    Article | paragraph | subparagraph | point | item
  | The[ ]preceding | the[ ]preceding | This[ ] | this[ ] | The[ ]same | the[ ]same
    """,
    X,
)

# every REFERENCE match has one of these words ("subparagraph" has "paragraph"): a text with none of
# them is not searched (the look-behind and alternatives are tried at every position of a text)
REFERENCE_HEADS = ("Article", "paragraph", "point", "item")

# "... of paragraph (2) of Article 5" / "... of Article 2" after a subparagraph or paragraph reference
OF_ARTICLE = re.compile(
    r"""
    [ ]{1,3} of [ ]{1,3}
    (?: paragraph [ ]{1,3} \( (?P<para>\d{1,3}) \) [ ]{1,3} of [ ]{1,3} )?
    (?: Article [ ]{1,3} (?P<article>"""
    + ARTICLE_NUMBER
    + r""") (?![\w(-]) | (?P<this>this[ ]Article) | (?P<that>that[ ]paragraph|the[ ]same[ ]paragraph) )
    """,
    X,
)

# "... of this Act" (internal) / "... of the same Act" / "... of the Framework Act on National ..."
OF_INSTRUMENT = re.compile(
    r"""
    [ ]{1,3} (?:of|under|in) [ ]{1,3}
    (?:
        (?P<this>this[ ](?:Act|Ordinance|Decree|Rule|Regulation))
      | (?P<same>the[ ]same[ ]Act|that[ ]Act|the[ ]said[ ]Act)
      | (?:the[ ])? (?P<name>
            [A-Z][\w'-]{0,40}
            (?: [ ] (?: [A-Z][\w'-]{0,40} | of | on | the | and | for | to | in | by | with | same | that )
            ){0,20}
        )
    )
    """,
    X,
)

# an instrument name must end in one of these words to be taken as one
INSTRUMENT_WORD = re.compile(
    r"""
    (?: Act | Decree | Ordinance | Rule | Rules | Regulation | Regulations | Law | Code | Constitution
      | Directive | Treaty | Convention
    )$
    """,
    X,
)

# Korean forms: 제5조제1항제3호가목, 제5조의2, 같은 조 제2항, 전항, 「스마트도시법」 제4조
KO_REFERENCE = re.compile(
    r"""
    (?<![법령례칙]\s)(?<![법령례칙])                       # not "법률 제17344호" (an instrument number)
    (?: 「 (?P<name>[^「」\n]{1,80}) 」 [ ]{0,2} )?
    (?:
        (?: 제[ ]{0,2} (?P<article>\d{1,5}) [ ]{0,2} 조 (?: [ ]{0,2} 의 [ ]{0,2} (?P<branch>\d{1,4}) )?
          | (?P<same_article>같은[ ]{0,2}조|동조|이[ ]{0,2}조) )
        (?: [ ]{0,2} 제[ ]{0,2} (?P<a_para>\d{1,3}) [ ]{0,2} 항 )?
        (?: [ ]{0,2} 제[ ]{0,2} (?P<a_sub>\d{1,3}) [ ]{0,2} 호 (?: 의 (?P<a_subbranch>\d{1,3}) )? )?
        (?: [ ]{0,2} (?P<a_item>[가나다라마바사아자차카타파하]) 목 )?
      | (?: 제[ ]{0,2} (?P<para>\d{1,3}) [ ]{0,2} 항
          | (?P<same_para>같은[ ]{0,2}항|동항)
          | (?P<preceding>전항) )
        (?: [ ]{0,2} 제[ ]{0,2} (?P<p_sub>\d{1,3}) [ ]{0,2} 호 (?: 의 (?P<p_subbranch>\d{1,3}) )? )?
        (?: [ ]{0,2} (?P<p_item>[가나다라마바사아자차카타파하]) 목 )?
      | 제[ ]{0,2} (?P<sub>\d{1,3}) [ ]{0,2} 호 (?: 의 (?P<subbranch>\d{1,3}) )?
        (?: [ ]{0,2} (?P<s_item>[가나다라마바사아자차카타파하]) 목 )?
      | (?P<item>[가나다라마바사아자차카타파하]) 목
    )
    """,
    X,
)

# every Korean reference has one of these (조 article, 항 paragraph, 호 subparagraph, 목 item): a text
# with none of them is not searched with KO_REFERENCE (whose look-behinds are tried at every position)
KO_REFERENCE_MARKS = "조항호목"

# a defined term: '... Smart City Committee of the Seoul Metropolitan Government (hereinafter referred to as
# the "Committee")' -- the name is read backwards from the parenthesis in code (names have no fixed start)
DEFINITION_WORD = "hereinafter"  # in every DEFINITION match: a text without it is not searched
DEFINITION = re.compile(
    r"""
    [ ]{0,2} \( [ ]{0,2} hereinafter [ ]{1,3} (?:referred [ ]{1,3} to [ ]{1,3} as | called) [ ]{1,3}
    (?:the [ ]{1,3})? ["“] (?P<term>[^"”\n]{1,80}) ["”] [ ]{0,2} \)
    """,
    X,
)

# a word of a proper name read backwards from a definition: capitalised, or a connector inside a name
NAME_WORD = re.compile(r"(?: [A-Z][\w'-]{0,40} | of | on | the | and | for )$", X)
NAME_CONNECTOR = re.compile(r"(?: of | on | the | and | for | a | an )$", X)

# a word for phrase comparison: the token without surrounding punctuation
WORD_CORE = re.compile(r"""^[\W_]{0,20}(?P<core>.*?)[\W_]{0,20}$""", X | re.DOTALL)

# an English plural of the other side ("plan" -> "plans"): an inflection, not a new term
PLURAL = re.compile(r"(?P<stem>\w{2,80}?)(?:es|s)$", X)

# runs of whitespace (dropped when two reference texts are compared)
WHITESPACE = re.compile(r"\s+")
