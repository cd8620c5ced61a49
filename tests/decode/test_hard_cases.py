"""Hard cases (data/hard_cases.jsonl, short articles written for this): the label scheme,
decoding and linking represent each one exactly, with both tokenizer families."""

from __future__ import annotations

from pathlib import Path

import pytest
from round_trip import round_trip

from quoteattr.data.readers import read_jsonl

CASES = {a.id: a for a in read_jsonl(Path(__file__).parents[2] / "data/hard_cases.jsonl")}


def _spans(attributions):
    return sorted(
        (tuple((q.start, q.end) for q in a.quote), a.cue and (a.cue.start, a.cue.end),
         a.speaker and (a.speaker.start, a.speaker.end))
        for a in attributions
    )  # fmt: skip


def test_all_hard_cases_are_there():
    assert set(CASES) == {
        "interrupted", "speaker-after", "several-speakers", "multi-paragraph", "nested",
        "indirect", "headline", "according-to", "no-speaker",
    }  # fmt: skip


@pytest.mark.parametrize("tokenizer_name", ["wordpiece", "bpe"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_hard_case_round_trips(case, tokenizer_name, request):
    article = CASES[case]
    tokenizer = request.getfixturevalue(f"{tokenizer_name}_tokenizer")
    _, got = round_trip(article, tokenizer, "bio-linked", max_length=24, stride=6)
    assert _spans(got) == _spans(article.attributions)


def test_interrupted_quote_is_one_attribution_with_two_pieces(wordpiece_tokenizer):
    _, [got] = round_trip(CASES["interrupted"], wordpiece_tokenizer, "bio-linked")
    assert [q.text for q in got.quote] == [
        "“We will not raise taxes,”",
        "“and we will not cut services.”",
    ]
    assert (got.cue.text, got.speaker.text) == ("said", "the mayor")


def test_quote_with_no_speaker_has_null_speaker(wordpiece_tokenizer):
    _, [got] = round_trip(CASES["no-speaker"], wordpiece_tokenizer, "bio-linked")
    assert got.speaker is None and got.to_dict()["speaker"] is None
