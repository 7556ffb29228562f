"""The W3C Web Annotation shape of one note and one decision, written out by hand from the
W3C model (https://www.w3.org/TR/annotation-model/) and h's JSON-LD presenter; and a note made by
another W3C client read back."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from review.codec import annotation_to_dict, decision_to_dict
from review.model import (
    Annotation,
    Decision,
    DocumentRef,
    ReviewError,
    Target,
    TextPositionSelector,
    TextQuoteSelector,
)
from review.w3c import annotation_jsonld, decision_jsonld, export_jsonld, import_jsonld

REF = DocumentRef(
    name="seoul", digests=("ab" * 32,), old_iri="/akn/kr/seoul/old@2018", new_iri="/akn/kr/seoul/new@2019"
)
WHEN = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
NOTE = Annotation(
    id="5b0e8d3e-6a7f-4c1e-9d2a-0f4b7c9e1a11",
    document="seoul",
    target=Target(
        side="old",
        eid="art_16__para_2",
        article="16",
        path="(2)",
        quote=TextQuoteSelector(exact="a necessary plan", prefix="shall formulate ", suffix=", such as"),
        position=TextPositionSelector(start=120, end=136),
        passage=True,
    ),
    body="Is the *plan* still required?",
    author="kim",
    created=WHEN,
    modified=WHEN,
    tags=("question",),
    version=1,
)
DECISION = Decision(
    id="9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f",
    document="seoul",
    old=("art_16",),
    new=("art_12",),
    old_numbers=("16",),
    new_numbers=("12",),
    verdict="link",
    reason="same subject",
    author="lee",
    created=WHEN,
)


def test_a_note_is_an_annotation_with_a_markdown_body_tags_and_three_selectors() -> None:
    item = annotation_jsonld(NOTE, REF)
    ours = item.pop("ordiff")
    assert item == {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "id": "urn:uuid:5b0e8d3e-6a7f-4c1e-9d2a-0f4b7c9e1a11",
        "created": "2026-12-01T09:30:00+00:00",
        "modified": "2026-12-01T09:30:00+00:00",
        "creator": {"type": "Person", "name": "kim"},
        "motivation": "commenting",
        "body": [
            {
                "type": "TextualBody",
                "value": "Is the *plan* still required?",
                "format": "text/markdown",
                "purpose": "commenting",
            },
            {"type": "TextualBody", "value": "question", "purpose": "tagging"},
        ],
        "target": {
            "source": "/akn/kr/seoul/old@2018",
            "selector": [
                {
                    "type": "FragmentSelector",
                    "conformsTo": "http://docs.oasis-open.org/legaldocml/akn-core/v1.0/",
                    "value": "art_16__para_2",
                },
                {
                    "type": "TextQuoteSelector",
                    "exact": "a necessary plan",
                    "prefix": "shall formulate ",
                    "suffix": ", such as",
                },
                {"type": "TextPositionSelector", "start": 120, "end": 136},
            ],
        },
    }
    assert ours == annotation_to_dict(NOTE)


def test_a_link_is_a_linking_annotation_with_two_targets() -> None:
    item = decision_jsonld(DECISION, REF)
    assert item["motivation"] == "linking"
    assert item["target"] == [
        {"source": "/akn/kr/seoul/old@2018", "selector": {**_fragment("art_16")}},
        {"source": "/akn/kr/seoul/new@2019", "selector": {**_fragment("art_12")}},
    ]
    assert item["body"][0] == {"type": "TextualBody", "value": "same subject", "format": "text/plain"}
    assert item["ordiff"] == decision_to_dict(DECISION)
    reject = decision_jsonld(Decision(**{**_fields(DECISION), "verdict": "reject"}), REF)
    assert reject["motivation"] == "assessing"


def _fragment(eid: str) -> dict[str, str]:
    return {
        "type": "FragmentSelector",
        "conformsTo": "http://docs.oasis-open.org/legaldocml/akn-core/v1.0/",
        "value": eid,
    }


def _fields(d: Decision) -> dict[str, object]:
    return {k: getattr(d, k) for k in Decision.__slots__}  # type: ignore[attr-defined]


def test_the_collection_round_trips() -> None:
    data = export_jsonld(REF, (NOTE,), (DECISION,))
    assert data["type"] == "AnnotationCollection" and data["total"] == 2
    assert import_jsonld(data, REF) == ((NOTE,), (DECISION,))


def test_a_note_from_another_w3c_client_is_read_from_its_selectors() -> None:
    foreign = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "id": "urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e",
        "created": "2026-11-30T08:00:00Z",
        "creator": "kim",
        "body": [
            {"type": "TextualBody", "value": "Compare with the Act.", "format": "text/markdown"},
            {"type": "TextualBody", "value": "follow-up", "purpose": "tagging"},
        ],
        "target": {
            "source": "/akn/kr/seoul/new@2019",
            "selector": [
                {"type": "FragmentSelector", "value": "art_12__para_1"},
                {"type": "TextQuoteSelector", "exact": "a separate policy"},
            ],
        },
    }
    [note], decisions = import_jsonld([foreign], REF)
    assert decisions == ()
    assert note.id == "0f8fad5b-d9cb-469f-a165-70867728950e" and note.author == "kim"
    assert (note.target.side, note.target.eid, note.target.article) == ("new", "art_12__para_1", "12")
    assert note.target.quote == TextQuoteSelector(exact="a separate policy")
    assert (note.body, note.tags) == ("Compare with the Act.", ("follow-up",))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"type": "Nothing"}, "not a W3C annotation collection"),
        ([{"type": "Highlight"}], "not an Annotation"),
        (
            [{"type": "Annotation", "id": "x", "target": {"source": "/elsewhere", "selector": []}}],
            "targets '/elsewhere', which is neither version of seoul",
        ),
        (
            [{"type": "Annotation", "ordiff": {**annotation_to_dict(NOTE), "id": "not-a-uuid"}}],
            "field 'id' is not a UUID",
        ),
    ],
)
def test_malformed_input_is_one_clear_error(data: object, message: str) -> None:
    with pytest.raises(ReviewError, match=message):
        import_jsonld(data, REF)
