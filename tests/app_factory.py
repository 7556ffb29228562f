"""Hand-built model objects for viewer tests, written from the Seoul ordinance text.

The texts are copied from ``corpus/data/seoul-informatization/page.txt``; the
pairs are the correspondences a reader of both versions sees (old 34 -> new 20
moved, old 7 -> new 7 modified, old 5-2 deleted, ...).  Diffs are made with
difflib over whitespace-led tokens, the vocabulary of ``diffing.model``.

``open_app(**params)`` runs the app under AppTest with those query parameters, as the app tests start.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from corpus.model import Action, AddendaBlock, Article, Note, Provision, Version
from diffing.model import AddendaLink, ChangeKind, Comparison, Opcode, Pair, Row, TextDiff, UnitRef
from tests import factory

TOKEN = re.compile(r"\s*\S+")
APP = str(Path(__file__).resolve().parent.parent / "app.py")


def open_app(**params: str) -> AppTest:
    """The app run once under AppTest with ``params`` as its query parameters; it must not raise."""
    at = AppTest.from_file(APP, default_timeout=120)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


NOTE_7 = "<Amended by Ordinance No. 6487, May 18, 2017>"
NOTE_34 = "<Amended by Ordinance No. 5527, Aug. 1, 2013>"
NOTE_52 = "<Newly Inserted by Ordinance No. 5527, Aug. 1, 2013>"
CH_OLD_1 = "CHAPTER Ⅰ GENERAL PROVISIONS"
CH_OLD_4 = "CHAPTER Ⅳ PROMOTION OF INFORMATION CULTURE"
CH_NEW_1 = "CHAPTER I GENERAL PROVISIONS"
CH_NEW_3 = "CHAPTER III CLOSING DIGITAL DIVIDE"


def diff(old: str, new: str) -> TextDiff:
    a, b = tuple(TOKEN.findall(old)), tuple(TOKEN.findall(new))
    m = difflib.SequenceMatcher(None, [t.strip() for t in a], [t.strip() for t in b], autojunk=False)
    ops: tuple[Opcode, ...] = tuple(m.get_opcodes())
    return TextDiff(old_tokens=a, new_tokens=b, opcodes=ops)


def note(raw: str, target: str, action: Action, number: str, date: str | None) -> Note:
    return factory.note(raw, target=target, events=(factory.amendment(action, number, date),))


def para(label: str, text: str, notes: tuple[Note, ...] = ()) -> Provision:
    return factory.provision(label, text, notes=notes)


def article(
    number: str, title: str, chapter: str, paras: tuple[Provision, ...], notes: tuple[Note, ...] = ()
) -> Article:
    text = "\n".join(f"{p.label} {p.text}" for p in paras)  # the lead paragraph "" keeps its space
    return factory.make_article(number, title, paragraphs=paras, notes=notes, chapter=chapter, text=text)


OLD_7_1 = (
    'The Mayor shall establish a committee (hereinafter referred to as the "Committee") for the '
    "deliberation and coordination of matters concerning the promotion of informatization."
)
NEW_7_1 = (
    "The Mayor shall establish a Smart City Committee of the Seoul Metropolitan Government (hereinafter "
    'referred to as the "Committee") to deliberate on the following matters regarding policy promotion:'
)
OLD_34_1 = (
    "The Mayor shall establish policies necessary for every citizen to have easy access to information and "
    "communications services and make good use of information."
)
NEW_20_1 = (
    "The Mayor shall formulate necessary policies to ensure that all citizens have easy access to, and "
    "benefit from the use of, information communications services."
)
OLD_34_2 = "The Mayor may promote the following to narrow the digital divide:"
OLD_52_1 = (
    "When formulating and implementing a plan for large-scale investment project accompanying an "
    "informatization project, the Mayor shall formulate an informatization plan."
)
OLD_1 = "The purpose of this Ordinance is to provide for matters delegated by the Framework Act."
NEW_1 = (
    "The purpose of this Ordinance is to improve the quality of life of citizens by developing a smart city."
)

OLD_ARTICLES = (
    article("1", "Purpose", CH_OLD_1, (para("", OLD_1),)),
    article(
        "5-2",
        "Reflecting Informatization Plan, etc.",
        CH_OLD_1,
        (para("(1)", OLD_52_1),),
        (note(NOTE_52, "", "inserted", "5527", "2013-08-01"),),
    ),
    article(
        "7",
        "Committee",
        CH_OLD_1,
        (para("(1)", OLD_7_1, (note(NOTE_7, "(1)", "amended", "6487", "2017-05-18"),)),),
    ),
    article(
        "34",
        "Promotion of Narrowing of Digital Divide",
        CH_OLD_4,
        (
            para("(1)", OLD_34_1),
            para("(2)", OLD_34_2, (note(NOTE_34, "(2)", "amended", "5527", "2013-08-01"),)),
        ),
    ),
)
NEW_ARTICLES = (
    article("1", "Purpose", CH_NEW_1, (para("", NEW_1),)),
    article("7", "Establishment of Committee", CH_NEW_1, (para("(1)", NEW_7_1),)),
    article("20", "Closing Digital Divide", CH_NEW_3, (para("(1)", NEW_20_1),)),
)

ADDENDA_5527 = factory.block(
    "5527",
    (
        factory.addenda_article(
            "1",
            "Enforcement Date",
            "This Ordinance shall enter into force on the date of its promulgation: Provided, That the "
            "amended provisions of Article 5-2 shall enter into force on November 23, 2013.",
        ),
        factory.addenda_article("3", omitted=True),
    ),
    heading="ADDENDA <Ordinance No. 5527, Aug.1, 2013>",
    date="2013-08-01",
    text="Article 1 (Enforcement Date)\nThis Ordinance shall enter into force on the date of its "
    "promulgation: Provided, That the amended provisions of Article 5-2 shall enter into force on "
    "November 23, 2013.",
)
ADDENDUM_6487 = factory.block(
    "6487",
    heading="ADDENDUM <Ordinance No. 6487, May 18, 2017>",
    date="2017-05-18",
    text="This Ordinance shall enter into force on the date of its promulgation.",
)
NEW_OWN_ADDENDA = factory.block(
    None,
    (
        factory.addenda_article(
            "4",
            "Applicability to Members' Terms of Office",
            "The amended provisions of Article 7 (4) shall also apply to members already appointed.",
        ),
    ),
    text="Article 4 (Applicability to Members' Terms of Office)\n"
    "The amended provisions of Article 7 (4) shall also apply.",
)


def version(label: str, articles: tuple[Article, ...], addenda: tuple[AddendaBlock, ...]) -> Version:
    return factory.make_version(
        articles, label=label, title="SEOUL FRAMEWORK ORDINANCE", addenda=addenda, work="seoul", key=label
    )


def unit(art: Article, p: Provision) -> UnitRef:
    return factory.unit(art, p, notes=p.notes)


def row(old: UnitRef | None, new: UnitRef | None, moved: str = "") -> Row:
    d = diff(old.text if old else "", new.text if new else "")
    ratio = difflib.SequenceMatcher(None, d.old_tokens, d.new_tokens, autojunk=False).ratio()
    return factory.row(old, new, diff=d, score=ratio, moved=moved)


def pair(
    olds: tuple[Article, ...],
    news: tuple[Article, ...],
    change: ChangeKind,
    score: float,
    rows: tuple[Row, ...],
    addenda: tuple[AddendaLink, ...] = (),
) -> Pair:
    return factory.pair(olds, news, change, score, rows, addenda=addenda)


def comparison() -> Comparison:
    o = {a.number: a for a in OLD_ARTICLES}
    n = {a.number: a for a in NEW_ARTICLES}
    pairs = (
        pair(
            (o["1"],),
            (n["1"],),
            "modified",
            0.4,
            (row(unit(o["1"], o["1"].paragraphs[0]), unit(n["1"], n["1"].paragraphs[0])),),
        ),
        pair(
            (o["5-2"],),
            (),
            "deleted",
            0.0,
            (row(unit(o["5-2"], o["5-2"].paragraphs[0]), None),),
            (factory.link("old", "5527", "1", "the amended provisions of Article 5-2"),),
        ),
        pair(
            (o["7"],),
            (n["7"],),
            "modified",
            0.5,
            (row(unit(o["7"], o["7"].paragraphs[0]), unit(n["7"], n["7"].paragraphs[0])),),
            (factory.link("new", None, "4", "The amended provisions of Article 7 (4)"),),
        ),
        pair(
            (o["34"],),
            (n["20"],),
            "moved",
            0.55,
            (
                row(unit(o["34"], o["34"].paragraphs[0]), unit(n["20"], n["20"].paragraphs[0])),
                row(unit(o["34"], o["34"].paragraphs[1]), None, moved="to Article 21"),
            ),
        ),
    )
    old = version("Ordinance No. 6851, Mar. 22, 2018", OLD_ARTICLES, (ADDENDA_5527, ADDENDUM_6487))
    new = version("Ordinance No. 7026, Mar. 28, 2019", NEW_ARTICLES, (NEW_OWN_ADDENDA,))
    doc = factory.make_document(
        old, new, name="seoul-sample", title="SEOUL FRAMEWORK ORDINANCE", source="page.txt"
    )
    return factory.comparison(doc, pairs)
