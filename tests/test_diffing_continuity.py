"""Second-chance links for orphaned old articles (``diffing.continuity``), on EU-style texts written here.

The texts are paraphrases written for these tests: which old list was carried
into which new paragraph, and which old article's sentence was folded into a
neighbouring new article, is known from how they were written.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from diffing import compare
from diffing.continuity import ItemList, bracketed, positional_match
from diffing.model import Comparison
from tests.factory import article, document

BOARD = (
    "1. A European Data Innovation Board is hereby established as an expert group of the Commission.\n"
    "2. The Board shall consist of representatives of the competent authorities of all Member States, "
    "the European Data Protection Supervisor and the Commission.\n"
    "3. The Board shall be chaired by a representative of the Commission."
)
BOARD_TASKS_OLD = (
    "The Board shall advise and assist the Commission with regard to the following:\n"
    "(a) the preparation of consistent practices for registers;\n"
    "(b) the revision of interoperability guidelines;\n"
    "(c) the promotion of cross-border enforcement cooperation;\n"
    "(d) other matters the chair deems relevant."
)
BOARD_NEW = (
    "1. A European Data Innovation Board is hereby established in the form of an expert group of the "
    "Commission, which shall advise and assist the Commission on the following:\n"
    "(a) preparing consistent practices for registers;\n"
    "(b) revising interoperability guidelines;\n"
    "(c) evaluating the single market for data;\n"
    "(d) other matters the Board deems relevant.\n"
    "2. The Board shall consist of representatives of the competent authorities of all Member States, "
    "the European Data Protection Supervisor and the Commission.\n"
    "3. The Board shall be chaired by a representative of the Commission."
)
SECRETARIAT = "The Commission shall provide the secretariat of the Board and shall convene its meetings."
PENALTIES = (
    "Member States shall lay down the rules on penalties applicable to infringements of this Regulation "
    "and shall take all measures necessary to ensure that they are implemented."
)


def changes(c: Comparison) -> dict[str, str]:
    return {p.key: p.change for p in c.pairs}


def board_document(tasks_old: str) -> Comparison:
    old = [
        article("10", "Establishment of the Board", BOARD),
        article("11", "Tasks of the Board", tasks_old),
        article("12", "Secretariat", SECRETARIAT),
        article("13", "Penalties", PENALTIES),
    ]
    new = [
        article("8", "European Data Innovation Board", BOARD_NEW),
        article("9", "Secretariat", SECRETARIAT),
        article("10", "Penalties", PENALTIES),
    ]
    return compare(document(old, new))


def test_list_carried_over_in_order_merges_the_orphan():
    c = board_document(BOARD_TASKS_OLD)
    got = changes(c)
    assert got["10+11>8"] == "merged"
    merged = next(p for p in c.pairs if p.key == "10+11>8")
    assert "enumeration" in merged.reason
    assert got["12>9"] == "renumbered" and got["13>10"] == "renumbered"


def test_same_items_out_of_order_do_not_link():
    lines = BOARD_TASKS_OLD.splitlines()
    lead, items = lines[0], lines[1:]
    shuffled = [items[2], items[3], items[0], items[1]]  # every item away from its position
    relabelled = [f"({'abcd'[k]}) {t.split(') ', 1)[1]}" for k, t in enumerate(shuffled)]
    got = changes(board_document("\n".join([lead, *relabelled])))
    assert got["11>-"] == "deleted"
    assert got["10>8"] in ("renumbered", "moved")


def _items(*sims_words: tuple[int, ...]) -> ItemList:
    return ItemList(0, -1, "", tuple(sims_words))


def test_positional_match_needs_lengths_that_agree():
    a = _items((1, 2, 3), (4, 5, 6), (7, 8, 9), (10, 11, 12), (13, 14, 15))
    same = positional_match(a, a)
    assert same is not None and same.hits == 5 and same.score == 1.0
    assert positional_match(a, _items(*a.items[:4])) is not None  # one item dropped at the end
    assert positional_match(a, _items(*a.items[:3])) is None  # two dropped: not the same list
    assert positional_match(_items(*a.items[:2]), _items(*a.items[:2])) is None  # too short to tell


@given(st.integers(min_value=0, max_value=60), st.sets(st.integers(min_value=0, max_value=60), max_size=8))
def test_bracketed_means_sources_on_both_sides_within_the_window(i: int, sources: set[int]):
    got = bracketed(i, sources)
    below = [s for s in sources if s < i]
    above = [s for s in sources if s > i]
    assert got == bool(below and above and i - max(below) <= 3 and min(above) - i <= 3)


PANEL_OLD = [
    article(
        "20",
        "Composition of the Panel",
        "1. The Scientific Panel shall be composed of independent experts selected by the Commission on "
        "the basis of up-to-date scientific or technical expertise in the field of artificial intelligence.\n"
        "2. The Commission shall determine the number of experts on the Panel in accordance with the "
        "required needs and shall ensure fair gender and geographical representation.",
    ),
    article(
        "21",
        "Meetings of the Panel",
        "The Panel shall meet at least twice a year at the request of its chair or of one third of its "
        "members, and shall adopt its opinions by a simple majority of the members present.",
    ),
    article(
        "22",
        "Consultation of external experts",
        "Where necessary, the chair of the Panel and the rapporteurs may seek the opinions of relevant "
        "national officials or independent experts.",
    ),
    article(
        "23",
        "Reimbursement of experts",
        "The members of the Panel and the invited experts shall be reimbursed for travel and subsistence "
        "expenses incurred in attending meetings, in accordance with the rules of the Commission.",
    ),
    article(
        "24",
        "Evaluation",
        "By 2 August 2029 the Commission shall evaluate the functioning of the Panel and report to the "
        "European Parliament and the Council.",
    ),
]
PANEL_NEW = [
    PANEL_OLD[0],
    article(
        "21",
        "Functioning of the Panel",
        "1. The Panel shall meet at least twice a year at the request of its chair or of one third of its "
        "members, and shall adopt its opinions by a simple majority of the members present.\n"
        "2. The Panel may hear the opinions of officials or experts related to the items on its agenda.\n"
        "3. The members of the Panel and the invited experts shall be reimbursed for travel and subsistence "
        "expenses incurred in attending meetings, in accordance with the rules of the Commission.",
    ),
    PANEL_OLD[4],
]


def test_orphan_inside_a_merge_run_joins_it():
    c = compare(document(PANEL_OLD, PANEL_NEW))
    got = changes(c)
    assert got["21+22+23>21"] == "merged"
    merged = next(p for p in c.pairs if p.key == "21+22+23>21")
    assert "neighbourhood" in merged.reason  # the paraphrase alone is below the ordinary link threshold
    assert got["20>20"] == "unchanged" and got["24>24"] == "unchanged"


def test_orphan_beside_a_single_source_stays_deleted():
    # the same paraphrase of old 22 in new 21 (2), but the allowances keep an article of their own:
    # new 21 continues old 21 alone, so nothing brackets old 22 and the weak match is not enough
    functioning = PANEL_NEW[1].text.rsplit("\n3. ", 1)[0]
    new = [
        PANEL_OLD[0],
        article("21", "Functioning of the Panel", functioning),
        article("22", "Reimbursement of experts", PANEL_OLD[3].text),
        PANEL_OLD[4],
    ]
    got = changes(compare(document(PANEL_OLD, new)))
    assert got["22>-"] == "deleted"
    assert got["21>21"] == "modified" and got["23>22"] == "renumbered"


item_seqs = st.lists(
    st.lists(st.integers(min_value=0, max_value=12), min_size=1, max_size=8).map(tuple),
    min_size=0,
    max_size=7,
)


@given(item_seqs, item_seqs)
def test_positional_match_is_symmetric_and_bounded(xs: list[tuple[int, ...]], ys: list[tuple[int, ...]]):
    a, b = _items(*xs), _items(*ys)
    ab, ba = positional_match(a, b), positional_match(b, a)
    assert (ab is None) == (ba is None)
    if ab is not None and ba is not None:
        assert ab.score == ba.score and ab.hits == ba.hits
        assert 0.3 <= ab.score <= 1.0 and 3 <= ab.hits <= min(len(xs), len(ys))
    if len(xs) >= 3:
        same = positional_match(a, a)
        assert same is not None and same.score == 1.0
