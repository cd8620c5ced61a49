"""Spans, speakers, attributions and articles: offsets, quote types and JSON round trips."""

from __future__ import annotations

import json

import pytest

from quoteattr.schema import Article, Attribution, SchemaError, Span, Speaker, quote_type

TEXT = "“We will win,” said Jane Smith. She said that the plan was “bold” and fair."


def _span(part: str, cls=Span, **fields) -> Span:
    start = TEXT.index(part)
    return cls.of(TEXT, start, start + len(part), **fields)


def test_span_of_checks_the_text_and_check_names_the_mismatch():
    assert _span("Jane Smith").text == "Jane Smith"
    with pytest.raises(SchemaError, match="outside a text of length"):
        Span.of("short", 2, 9)
    with pytest.raises(SchemaError, match="has text of length 3"):
        Span(0, 2, "abc")
    with pytest.raises(SchemaError, match="says 'xyz' but the text there is 'We '"):
        Span(1, 4, "xyz").check(TEXT)


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (["“We will win,”"], "direct"),
        (["We will win"], "direct"),  # marks just outside the span count with the text
        (["that the plan was “bold” and fair"], "mixed"),
        (["the plan was"], "indirect"),
        (["“We will win,”", "that the plan was “bold” and fair"], "mixed"),
    ],
)
def test_quote_type_follows_the_quotation_marks(parts, expected):
    pieces = [_span(p) for p in parts]
    assert quote_type(pieces, TEXT) == expected


def test_quote_type_without_text_reads_the_pieces_alone():
    assert quote_type([Span(0, 10, "Rain falls")]) == "indirect"
    assert quote_type([Span(0, 6, "“Rain”")]) == "direct"
    assert quote_type([Span(0, 12, "It’s raining")]) == "indirect"  # an apostrophe


@pytest.mark.parametrize(
    ("piece", "expected"),
    [
        ("the government had 'lost control' of the town", "mixed"),  # British style
        ("he would 'not back down'.", "mixed"),
        ("Labour's plan would fail", "indirect"),
        ("the parents' and teachers' union would strike", "indirect"),
        ("it was the '90s all over again", "indirect"),
    ],
)
def test_straight_single_quotes_make_a_mixed_quote_and_apostrophes_do_not(piece, expected):
    assert quote_type([Span(0, len(piece), piece)]) == expected
    assert Attribution(quote=(Span(0, 6, "“Rain”"),)).type == "direct"


def test_attribution_round_trips_through_json_with_every_field():
    speaker = _span(
        "Jane Smith",
        Speaker,
        resolved="Jane Smith",
        entity=0,
        kind="person",
        gender="female",
        gender_from="title",
    )
    attribution = Attribution(
        quote=(_span("“We will win,”"),), cue=_span("said"), speaker=speaker, score=0.9,
        type="direct", cue_score=0.8, speaker_score=0.7,
    )  # fmt: skip
    data = json.loads(json.dumps(attribution.to_dict()))
    assert data["speaker"] == {
        "start": 20, "end": 30, "text": "Jane Smith", "resolved": "Jane Smith", "entity": 0,
        "inferred": False, "kind": "person", "gender": "female", "gender_from": "title",
    }  # fmt: skip
    assert data["type"] == "direct"
    assert data["scores"] == {"quote": 0.9, "cue": 0.8, "speaker": 0.7}
    assert Attribution.from_dict(data) == attribution


def test_older_output_without_type_scores_or_entity_still_reads():
    data = {"quote": [{"start": 0, "end": 14, "text": "“We will win,”"}], "cue": None,
            "speaker": {"start": 20, "end": 30, "text": "Jane Smith"}, "score": 0.5}  # fmt: skip
    attribution = Attribution.from_dict(data)
    assert attribution.type == "direct" and attribution.speaker == Speaker(20, 30, "Jane Smith")
    assert attribution.cue_score is None


def test_a_bad_type_is_refused():
    with pytest.raises(SchemaError, match="type must be one of"):
        Attribution(quote=(_span("We will win"),), type="quoted")


def test_article_check_names_the_attribution_and_span():
    bad = Attribution(quote=(Span(0, 3, "abc"),))
    with pytest.raises(SchemaError, match=r"article 'a1', attribution 0: span \[0, 3\) says"):
        Article("a1", TEXT, (bad,)).check()
    with pytest.raises(SchemaError, match="needs 'id' and 'text'"):
        Article.from_dict({"text": "x"})


@pytest.mark.parametrize(
    ("key", "value"), [("kind", "company"), ("gender", "f"), ("gender_from", "guess")]
)
def test_a_speaker_kind_or_gender_outside_the_list_is_an_error(key, value):
    data = {"start": 0, "end": 2, "text": "Jo", key: value}
    with pytest.raises(SchemaError, match=f"speaker {key} must be one of"):
        Speaker.from_dict(data)
