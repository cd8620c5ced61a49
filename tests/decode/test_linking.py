"""Linking hand-written tagged spans of short texts into attributions."""

from __future__ import annotations

import pytest

from quoteattr.decode.linking import labelled_lines, link
from quoteattr.decode.spans import TaggedSpan
from quoteattr.schema import Attribution


def tag(text: str, role: str, part: str, side: str | None = None, occurrence: int = 0,
        score: float = 0.9) -> TaggedSpan:  # fmt: skip
    """A TaggedSpan over the ``occurrence``-th (0-based) ``part`` of ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(part, start + 1)
    return TaggedSpan(role, side, start, start + len(part), score)


def summary(attributions: list[Attribution]) -> list[tuple]:
    return [
        ([q.text for q in a.quote], a.cue and a.cue.text, a.speaker and a.speaker.text)
        for a in attributions
    ]


def check_offsets(text: str, attributions: list[Attribution]) -> None:
    for a in attributions:
        for s in a.spans():
            assert text[s.start : s.end] == s.text


def test_interrupted_quote_is_one_attribution_with_two_pieces():
    text = "“We will win,” she said, “and soon.”"
    spans = [
        tag(text, "quote", "“We will win,”", "R", score=0.8),
        tag(text, "speaker", "she", "R"),
        tag(text, "cue", "said"),
        tag(text, "quote", "“and soon.”", "L", score=0.6),
    ]
    got = link(text, spans)
    assert summary(got) == [(["“We will win,”", "“and soon.”"], "said", "she")]
    assert got[0].score == pytest.approx(0.7)  # the mean of its quote pieces' scores
    assert got[0].cue.start == text.index("said")
    check_offsets(text, got)


def test_speaker_named_after_the_quote():
    text = "“The plan works,” said Smith."
    spans = [
        tag(text, "quote", "“The plan works,”", "R"),
        tag(text, "cue", "said"),
        tag(text, "speaker", "Smith", "L"),
    ]
    got = link(text, spans)
    assert summary(got) == [(["“The plan works,”"], "said", "Smith")]
    check_offsets(text, got)


def test_two_speakers_in_one_paragraph_keep_their_own_cue_and_quote():
    text = "Smith said “we will win.” Jones said “we will lose.”"
    spans = [
        tag(text, "speaker", "Smith", "R"),
        tag(text, "cue", "said"),
        tag(text, "quote", "“we will win.”", "L"),
        tag(text, "speaker", "Jones", "R"),
        tag(text, "cue", "said", occurrence=1),
        tag(text, "quote", "“we will lose.”", "L"),
    ]
    got = link(text, spans)
    assert summary(got) == [
        (["“we will win.”"], "said", "Smith"),
        (["“we will lose.”"], "said", "Jones"),
    ]
    assert [a.cue.start for a in got] == [6, text.index("said", 7)]
    check_offsets(text, got)


def test_spans_given_in_any_order_give_the_same_attributions():
    text = "Smith said “we will win.” Jones said “we will lose.”"
    spans = [
        tag(text, "quote", "“we will lose.”", "L"),
        tag(text, "cue", "said", occurrence=1),
        tag(text, "speaker", "Smith", "R"),
        tag(text, "quote", "“we will win.”", "L"),
        tag(text, "cue", "said"),
        tag(text, "speaker", "Jones", "R"),
    ]
    assert summary(link(text, spans)) == summary(link(text, sorted(spans, key=lambda s: s.start)))
    assert [a.speaker.text for a in link(text, spans)] == ["Smith", "Jones"]


def test_quote_without_a_cue_has_no_cue_and_no_speaker():
    text = "“Nothing to add.” The office was closed."
    got = link(text, [tag(text, "quote", "“Nothing to add.”", "R", score=0.5)])
    assert summary(got) == [(["“Nothing to add.”"], None, None)]
    assert got[0].cue is None and got[0].speaker is None and got[0].score == pytest.approx(0.5)
    check_offsets(text, got)


def test_speaker_or_cue_without_a_quote_makes_no_attribution():
    text = "Smith said nothing."
    assert link(text, [tag(text, "speaker", "Smith", "R"), tag(text, "cue", "said")]) == []
    assert link(text, []) == []


def test_cue_beyond_max_distance_is_not_linked():
    gap = " " * 30
    text = f"“It works.”{gap}said Smith."
    quote = tag(text, "quote", "“It works.”", "R")
    spans = [quote, tag(text, "cue", "said"), tag(text, "speaker", "Smith", "L")]
    distance = text.index("said") - quote.end
    assert distance == 30
    near = link(text, spans, max_distance=distance)  # exactly max_distance: linked
    assert summary(near) == [(["“It works.”"], "said", "Smith")]
    far = link(text, spans, max_distance=distance - 1)
    assert summary(far) == [(["“It works.”"], None, None)]  # the cue and speaker drop out
    check_offsets(text, near + far)


def test_default_max_distance_is_250_characters():
    text = "“It works.”" + " " * 251 + "said Smith."
    spans = [
        tag(text, "quote", "“It works.”", "R"),
        tag(text, "cue", "said"),
        tag(text, "speaker", "Smith", "L"),
    ]
    assert summary(link(text, spans)) == [(["“It works.”"], None, None)]


def test_side_r_links_to_the_cue_on_the_right_even_when_a_left_cue_is_nearer():
    text = "Jones said: “No way,” Smith, the mayor, said later."
    no_way = tag(text, "quote", "“No way,”", "R")
    spans = [
        tag(text, "speaker", "Jones", "R"),
        tag(text, "cue", "said"),
        no_way,
        tag(text, "speaker", "Smith", "R"),
        tag(text, "cue", "said", occurrence=1),
    ]
    left_gap = no_way.start - (text.index("said") + 4)
    right_gap = text.index("said", no_way.end) - no_way.end
    assert (left_gap, right_gap) == (2, 19)
    got = link(text, spans)
    assert summary(got) == [(["“No way,”"], "said", "Smith")]
    assert got[0].cue.start == text.index("said", no_way.end)
    check_offsets(text, got)

    # Without a side the nearer (left) cue wins: the side label is what made the difference.
    sideless = [TaggedSpan(s.role, None, s.start, s.end, s.score) for s in spans]
    got = link(text, sideless)
    assert summary(got) == [(["“No way,”"], "said", "Jones")]
    assert got[0].cue.start == text.index("said")


def test_side_with_no_cue_on_that_side_falls_back_to_the_other_side():
    text = "Smith said: “It works.”"
    spans = [
        tag(text, "speaker", "Smith", "R"),
        tag(text, "cue", "said"),
        tag(text, "quote", "“It works.”", "R"),  # wrong side, but no cue on the right at all
    ]
    assert summary(link(text, spans)) == [(["“It works.”"], "said", "Smith")]


def test_a_cue_takes_its_nearest_speaker():
    text = "Smith and Jones said “we agree.”"
    spans = [
        tag(text, "speaker", "Smith", "R"),
        tag(text, "speaker", "Jones", "R"),
        tag(text, "cue", "said"),
        tag(text, "quote", "“we agree.”", "L"),
    ]
    assert summary(link(text, spans)) == [(["“we agree.”"], "said", "Jones")]


def test_attributions_are_ordered_by_their_first_quote():
    text = "“A,” said Smith. “B,” said Jones. “C.”"
    spans = [
        tag(text, "quote", "“C.”", "R"),  # no cue after it: falls back to Jones's "said"
        tag(text, "cue", "said", occurrence=1),
        tag(text, "speaker", "Jones", "L"),
        tag(text, "quote", "“B,”", "R"),
        tag(text, "quote", "“A,”", "R"),
        tag(text, "cue", "said"),
        tag(text, "speaker", "Smith", "L"),
    ]
    got = link(text, spans)
    assert summary(got) == [(["“A,”"], "said", "Smith"), (["“B,”", "“C.”"], "said", "Jones")]
    assert [a.quote_extent for a in got] == sorted(a.quote_extent for a in got)
    check_offsets(text, got)


def test_min_score_drops_doubtful_attributions():
    import re

    import numpy as np

    from quoteattr.config import DecodingConfig
    from quoteattr.decode.article import attributions_from_windows
    from quoteattr.labels import label_names

    labels = label_names("bio-linked")
    text = "Smith said yes . Jones said no"
    offsets = np.array([m.span() for m in re.finditer(r"\S+", text)])
    names = ["B-SPEAKER_R", "B-CUE", "B-QUOTE_L", "O", "B-SPEAKER_R", "B-CUE", "B-QUOTE_L"]
    logits = np.zeros((len(offsets), len(labels)))
    for i, name in enumerate(names):
        logits[i, labels.index(name)] = 9.0
    logits[6, labels.index("B-QUOTE_L")] = 3.0  # "no": about 0.65 against ten others
    found = attributions_from_windows(text, [offsets], [logits], labels, min_score=0.0)
    assert [a.quote[0].text for a in found] == ["yes", "no"]
    assert 0.5 < found[1].score < 0.8 < found[0].score
    kept = attributions_from_windows(text, [offsets], [logits], labels, min_score=0.8)
    assert [(a.quote[0].text, a.speaker.text) for a in kept] == [("yes", "Smith")]
    # the same settings as one DecodingConfig, as predict passes its model's
    strict = DecodingConfig(min_score=0.8)
    assert attributions_from_windows(text, [offsets], [logits], labels, strict) == kept
    with pytest.raises(TypeError, match="min_scor"):
        attributions_from_windows(text, [offsets], [logits], labels, min_scor=0.8)


def test_a_cue_keeps_only_its_quotes_in_the_nearest_paragraph_group():
    text = "Smith said the plan works, and it will.\n\nThe vote is on Friday.\n\n“And it passes.”"
    spans = [
        tag(text, "speaker", "Smith", "R"),
        tag(text, "cue", "said"),
        tag(text, "quote", "the plan works", "L"),
        tag(text, "quote", "it will", "L"),
        tag(text, "quote", "The vote is on Friday", "L"),  # another paragraph: not the cue's
    ]
    kept = [(["the plan works", "it will"], "said", "Smith")]
    assert summary(link(text, spans)) == kept
    everything = [(["the plan works", "it will", "The vote is on Friday"], "said", "Smith")]
    assert summary(link(text, spans, paragraphs=False)) == everything
    mac = text.replace("\n", "\r")  # old Mac line breaks split the groups too (same offsets)
    assert summary(link(mac, spans)) == kept
    # a paragraph that opens with a quotation mark goes on with the group before it
    spans[-1] = tag(text, "quote", "“And it passes.”", "L")
    assert summary(link(text, spans)) == [
        (["the plan works", "it will", "“And it passes.”"], "said", "Smith")
    ]


def test_a_quote_without_a_cue_takes_only_a_speaker_right_next_to_it():
    text = (
        "“Trump is not fit.” ― Jane Smith\n"
        "SMITH: We will win.\n"
        "“Stop it.” Then Jones went to Paris.\n"
        "Jones\n“No.”"
    )
    spans = [
        tag(text, "quote", "Trump is not fit.", "R"),
        tag(text, "speaker", "Jane Smith", "R"),
        tag(text, "speaker", "SMITH", "R"),
        tag(text, "quote", "We will win.", "L"),
        tag(text, "quote", "Stop it.", "R"),
        tag(text, "speaker", "Jones", "R"),  # words between: not its speaker
        tag(text, "speaker", "Jones", "R", occurrence=1),
        tag(text, "quote", "No.", "L"),  # a line break between: not its speaker
    ]
    got = link(text, spans)
    assert summary(got) == [
        (["Trump is not fit."], None, "Jane Smith"),
        (["We will win."], None, "SMITH"),
        (["Stop it."], None, None),
        (["No."], None, None),
    ]
    check_offsets(text, got)


def test_decoded_speakers_are_resolved_unless_asked_not_to():
    import re

    import numpy as np

    from quoteattr.decode.article import attributions_from_windows
    from quoteattr.labels import label_names

    labels = label_names("bio-linked")
    text = "Jane Smith said yes . Smith said no"
    offsets = np.array([m.span() for m in re.finditer(r"\S+", text)])
    names = ["B-SPEAKER_R", "I-SPEAKER_R", "B-CUE", "B-QUOTE_L", "O", "B-SPEAKER_R", "B-CUE",
             "B-QUOTE_L"]  # fmt: skip
    logits = np.zeros((len(offsets), len(labels)))
    for i, name in enumerate(names):
        logits[i, labels.index(name)] = 9.0
    found = attributions_from_windows(text, [offsets], [logits], labels)
    assert [(a.speaker.text, a.speaker.resolved, a.speaker.entity) for a in found] == [
        ("Jane Smith", "Jane Smith", 0),
        ("Smith", "Jane Smith", 0),
    ]
    raw = attributions_from_windows(text, [offsets], [logits], labels, resolve=False)
    assert [(a.speaker.text, a.speaker.resolved, a.speaker.entity) for a in raw] == [
        ("Jane Smith", None, None),
        ("Smith", None, None),
    ]


TRANSCRIPT = (
    "Presenter Gareth Pugh spoke to Dr Helen Achebe.\n\n"
    "GARETH PUGH: Dr Achebe, how bad is it?\n\n"
    "HELEN ACHEBE: It’s serious. The rivers are full.\n\n"
    "PUGH: Is that enough?\n\n"
    "UPDATE: The interview was edited for length."
)


def test_a_labelled_line_quotes_all_of_its_text():
    t = TRANSCRIPT
    # the tagger took part of a line: the quote becomes the rest of the line
    partial = link(t, [tag(t, "quote", "how bad is it"), tag(t, "cue", ":"),
                       tag(t, "speaker", "GARETH PUGH")])  # fmt: skip
    got = labelled_lines(t, partial)
    assert [([q.text for q in a.quote], a.speaker.text) for a in got] == [
        (["Dr Achebe, how bad is it?"], "GARETH PUGH"),
        (["It’s serious. The rivers are full."], "HELEN ACHEBE"),  # added: a transcript
        (["Is that enough?"], "PUGH"),
    ]  # UPDATE is not a speaker
    assert all(a.cue.text == ":" for a in got) and got[1].score == 1.0
    for a in got:
        a.check(t)


def test_one_labelled_line_is_not_a_transcript():
    t = "Poll: Clinton and Trump tied.\n\nTRUMP: We will win.\n\nThe race is close."
    assert labelled_lines(t, []) == []
