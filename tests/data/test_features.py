"""Label alignment with hand-written offset mappings; windowing with local tokenizers."""

from __future__ import annotations

import numpy as np
import pytest
from round_trip import round_trip
from text_spans import span as at

from quoteattr.data.features import (
    align_labels,
    backend,
    build_examples,
    char_tags,
    encode_windows,
    mark_newlines,
)
from quoteattr.labels import IGNORE_INDEX, label_names
from quoteattr.schema import Article, Attribution

SPECIAL = (-1, -1)


def ids(*names: str, scheme: str = "bio-linked") -> list[int]:
    """Label ids for label names; ``"-"`` stands for a special token."""
    table = label_names(scheme)
    return [IGNORE_INDEX if n == "-" else table.index(n) for n in names]


def labels_for(article: Article, offsets, scheme: str = "bio-linked") -> list[int]:
    tag_of, start_of = char_tags(article, scheme)
    return align_labels(article.text, np.array(offsets), tag_of, start_of).tolist()


# "Smith said the plan works."
#  0    5 6  10 11 14 15 19 20 25
SMITH = "Smith said the plan works."
SMITH_ARTICLE = Article(
    "smith",
    SMITH,
    (Attribution((at(SMITH, "the plan works"),), at(SMITH, "said"), at(SMITH, "Smith")),),
)


def test_wordpiece_style_offsets_give_b_then_i():
    offsets = [SPECIAL, (0, 5), (6, 10), (11, 14), (15, 19), (20, 25), (25, 26), SPECIAL]
    assert labels_for(SMITH_ARTICLE, offsets) == ids(
        "-", "B-SPEAKER_R", "B-CUE", "B-QUOTE_L", "I-QUOTE_L", "I-QUOTE_L", "O", "-"
    )


def test_subword_pieces_continue_the_span():
    # "Smi" "th" "said" "the" "plan" "work" "s" "."
    offsets = [(0, 3), (3, 5), (6, 10), (11, 14), (15, 19), (20, 24), (24, 25), (25, 26)]
    assert labels_for(SMITH_ARTICLE, offsets) == ids(
        "B-SPEAKER_R", "I-SPEAKER_R", "B-CUE", "B-QUOTE_L", "I-QUOTE_L", "I-QUOTE_L", "I-QUOTE_L",
        "O",
    )  # fmt: skip


def test_token_starting_with_a_space_takes_the_tag_of_its_first_letter():
    # BPE style: " said" is (5, 10) and text[5] is a space.
    assert SMITH[5] == " " and SMITH[10] == " "
    offsets = [(0, 5), (5, 10), (10, 14), (14, 19), (19, 25), (25, 26)]
    assert labels_for(SMITH_ARTICLE, offsets) == ids(
        "B-SPEAKER_R", "B-CUE", "B-QUOTE_L", "I-QUOTE_L", "I-QUOTE_L", "O"
    )


def test_whitespace_only_token_is_outside():
    text = "Smith said  the plan works."  # two spaces: a lone " " token at (10, 11)
    article = Article(
        "ws",
        text,
        (Attribution((at(text, "the plan works"),), at(text, "said"), at(text, "Smith")),),
    )
    offsets = [(0, 5), (5, 10), (10, 11), (11, 15), (15, 20), (20, 26), (26, 27)]
    assert labels_for(article, offsets) == ids(
        "B-SPEAKER_R", "B-CUE", "O", "B-QUOTE_L", "I-QUOTE_L", "I-QUOTE_L", "O"
    )


def test_adjacent_spans_of_one_role_stay_two_spans():
    text = "Smith Jones: “Go.”“Stop.”"
    article = Article(
        "adj",
        text,
        (
            Attribution((at(text, "“Go.”"),), None, at(text, "Smith")),
            Attribution((at(text, "“Stop.”"),), None, at(text, "Jones")),
        ),
    )
    # BPE style: "Smith" " Jones" ":" " “" "Go" ".”" "“" "Stop" ".”"
    offsets = [
        (0, 5),
        (5, 11),
        (11, 12),
        (12, 14),
        (14, 16),
        (16, 18),
        (18, 19),
        (19, 23),
        (23, 25),
    ]
    assert labels_for(article, offsets) == ids(
        "B-SPEAKER_R", "B-SPEAKER_R", "O", "B-QUOTE_R", "I-QUOTE_R", "I-QUOTE_R",
        "B-QUOTE_R", "I-QUOTE_R", "I-QUOTE_R",
    )  # fmt: skip


INTERRUPTED = "“We will win,” she said, “and soon.”"
INTERRUPTED_ARTICLE = Article(
    "int",
    INTERRUPTED,
    (
        Attribution(
            (at(INTERRUPTED, "“We will win,”"), at(INTERRUPTED, "“and soon.”")),
            at(INTERRUPTED, "said"),
            at(INTERRUPTED, "she"),
        ),
    ),
)
# "“" "We" "will" "win" ",”" "she" "said" "," "“" "and" "soon" ".”"
INTERRUPTED_OFFSETS = [
    (0, 1), (1, 3), (4, 8), (9, 12), (12, 14), (15, 18), (19, 23), (23, 24), (25, 26),
    (26, 29), (30, 34), (34, 36),
]  # fmt: skip


def test_sides_follow_the_cue():
    assert labels_for(INTERRUPTED_ARTICLE, INTERRUPTED_OFFSETS) == ids(
        "B-QUOTE_R", "I-QUOTE_R", "I-QUOTE_R", "I-QUOTE_R", "I-QUOTE_R",  # cue to the right
        "B-SPEAKER_R", "B-CUE", "O",
        "B-QUOTE_L", "I-QUOTE_L", "I-QUOTE_L", "I-QUOTE_L",  # cue to the left
    )  # fmt: skip


def test_speaker_after_its_cue_is_left():
    text = "“It works,” said Smith."
    article = Article(
        "after",
        text,
        (Attribution((at(text, "“It works,”"),), at(text, "said"), at(text, "Smith")),),
    )
    offsets = [(0, 1), (1, 3), (4, 9), (9, 11), (12, 16), (17, 22), (22, 23)]
    assert labels_for(article, offsets) == ids(
        "B-QUOTE_R", "I-QUOTE_R", "I-QUOTE_R", "I-QUOTE_R", "B-CUE", "B-SPEAKER_L", "O"
    )


def test_quote_without_cue_is_right_and_cue_is_sideless():
    text = "“Nothing.” Smith said so."
    article = Article(
        "nocue",
        text,
        (
            Attribution((at(text, "“Nothing.”"),)),
            Attribution((at(text, "so"),), at(text, "said"), at(text, "Smith")),
        ),
    )
    offsets = [(0, 1), (1, 8), (8, 10), (11, 16), (17, 21), (22, 24), (24, 25)]
    assert labels_for(article, offsets) == ids(
        "B-QUOTE_R", "I-QUOTE_R", "I-QUOTE_R", "B-SPEAKER_R", "B-CUE", "B-QUOTE_L", "O"
    )


def test_bio_scheme_has_no_sides():
    assert labels_for(INTERRUPTED_ARTICLE, INTERRUPTED_OFFSETS, scheme="bio") == ids(
        "B-QUOTE", "I-QUOTE", "I-QUOTE", "I-QUOTE", "I-QUOTE",
        "B-SPEAKER", "B-CUE", "O",
        "B-QUOTE", "I-QUOTE", "I-QUOTE", "I-QUOTE",
        scheme="bio",
    )  # fmt: skip
    assert not any("_" in name for name in label_names("bio"))


def test_nested_attribution_does_not_cut_the_outer_quote():
    text = "“Jones said the plan works, and I agree,” Smith said."
    outer_quote = at(text, "“Jones said the plan works, and I agree,”")
    article = Article(
        "nest",
        text,
        (
            Attribution((at(text, "the plan works"),), at(text, "said"), at(text, "Jones")),
            Attribution((outer_quote,), at(text, "said", 1), at(text, "Smith")),
        ),
    )
    tag_of, start_of = char_tags(article)
    quote_r = ("CUE", "QUOTE_L", "QUOTE_R", "SPEAKER_L", "SPEAKER_R").index("QUOTE_R")
    assert (tag_of[outer_quote.start : outer_quote.end] == quote_r).all()
    assert (start_of[outer_quote.start : outer_quote.end] == outer_quote.start).all()
    words = [(0, 1), (1, 6), (7, 11), (12, 15), (16, 20), (21, 26), (26, 27), (28, 31), (32, 33),
             (34, 39), (39, 41), (42, 47), (48, 52), (52, 53)]  # fmt: skip
    assert labels_for(article, words) == ids(
        "B-QUOTE_R", *["I-QUOTE_R"] * 10, "B-SPEAKER_R", "B-CUE", "O"
    )


def test_characters_outside_spans_are_untagged():
    tag_of, start_of = char_tags(SMITH_ARTICLE)
    assert len(tag_of) == len(SMITH) == len(start_of)
    outside = [5, 10, 25]  # the spaces between speaker, cue and quote, and the final "."
    assert (tag_of[outside] == -1).all() and (start_of[outside] == -1).all()
    assert set(start_of[11:25]) == {11}


# Windowing with real (local) fast tokenizers.

TEXT = (
    "“We will win,” she said, “and soon.” Critics said the plan would fail. "
    "“It works,” said Jane Smith."
)
GOLD = (
    Attribution(
        (at(TEXT, "“We will win,”"), at(TEXT, "“and soon.”")), at(TEXT, "said"), at(TEXT, "she")
    ),
    Attribution((at(TEXT, "the plan would fail"),), at(TEXT, "said", 1), at(TEXT, "Critics")),
    Attribution((at(TEXT, "“It works,”"),), at(TEXT, "said", 2), at(TEXT, "Jane Smith")),
)
ARTICLE = Article("a", TEXT, GOLD)


@pytest.fixture(params=["wordpiece", "bpe"])
def tokenizer(request):
    return request.getfixturevalue(f"{request.param}_tokenizer")


def content(window) -> np.ndarray:
    return window.offsets[window.offsets[:, 0] >= 0]


def test_tokenizers_know_their_words(wordpiece_tokenizer, bpe_tokenizer):
    for tok in (wordpiece_tokenizer, bpe_tokenizer):
        input_ids = tok(TEXT, add_special_tokens=False)["input_ids"]
        assert len(input_ids) > 10
        assert sum(i == tok.unk_token_id for i in input_ids) == 0
    tokens = wordpiece_tokenizer.tokenize("Smith said the plan works.")
    assert tokens == ["smith", "said", "the", "plan", "works", "."]


@pytest.mark.parametrize("max_length,stride", [(16, 4), (12, 3), (24, 0)])
def test_windows_respect_max_length_and_overlap_by_stride(tokenizer, max_length, stride):
    windows = encode_windows([TEXT, SMITH], tokenizer, max_length=max_length, stride=stride)
    per_article = [[w for w in windows if w.article == a] for a in (0, 1)]
    assert len(per_article[0]) >= 2 and len(per_article[1]) >= 1
    full = tokenizer(TEXT, add_special_tokens=False, return_offsets_mapping=True)
    all_offsets = np.array(full["offset_mapping"])
    for w in windows:
        assert len(w.input_ids) <= max_length
        assert w.offsets.shape == (len(w.input_ids), 2)
    arts = per_article[0]
    for prev, nxt in zip(arts, arts[1:], strict=False):
        a, b = content(prev), content(nxt)
        if stride:
            assert (a[-stride:] == b[:stride]).all()
        assert b[stride, 0] > a[-1, 0]  # past the overlap, the next window is new text
    # Together the windows hold every token of the article, in order, once past the overlap.
    stitched = np.concatenate([content(arts[0])] + [content(w)[stride:] for w in arts[1:]])
    assert (stitched == all_offsets).all()


def test_content_offsets_index_the_text_and_special_tokens_are_minus_one(tokenizer):
    windows = encode_windows([TEXT, SMITH], tokenizer, max_length=16, stride=4)
    specials = set(tokenizer.all_special_ids)
    for w in windows:
        text = (TEXT, SMITH)[w.article]
        for token_id, (start, end) in zip(w.input_ids, w.offsets.tolist(), strict=True):
            if token_id in specials:
                assert (start, end) == (-1, -1)
            else:
                assert 0 <= start < end <= len(text)
        assert w.input_ids[0] in specials and w.input_ids[-1] in specials


class Part:
    """An encoding's ids, offsets and special-token mask, with chosen overflowing windows."""

    def __init__(self, encoding, overflowing=()) -> None:
        self.ids, self.offsets = encoding.ids, encoding.offsets
        self.special_tokens_mask = encoding.special_tokens_mask
        self.overflowing = list(overflowing)


class DropsWindows:
    """A tokenizer whose overflow loses the windows ``drop`` picks (as tokenizers 0.23.2
    loses the end of a long text)."""

    def __init__(self, tokenizer, drop) -> None:
        self.inner, self.drop = backend(tokenizer), drop

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def encode_batch(self, texts, **kwargs):
        encodings = self.inner.encode_batch(texts, **kwargs)
        if self.inner.truncation is None:
            return encodings
        out = []
        for encoding in encodings:
            parts = [encoding, *encoding.overflowing]
            kept = [Part(p) for i, p in enumerate(parts) if not self.drop(i, len(parts))]
            out.append(Part(kept[0], kept[1:]))
        return out


@pytest.mark.parametrize("where", ["last", "middle"])
def test_windows_that_leave_text_out_are_an_error(tokenizer, where):
    assert len(encode_windows([TEXT], tokenizer, max_length=12, stride=0)) >= 3
    drop = (lambda i, n: i == n - 1) if where == "last" else (lambda i, n: i == 1)
    with pytest.raises(ValueError, match="text 0: the tokenizer's windows leave out characters"):
        encode_windows([TEXT], DropsWindows(tokenizer, drop), max_length=12, stride=0)
    # Losing nothing but windows of special tokens (an empty text) is no error.
    assert len(encode_windows([" \n "], tokenizer, max_length=12, stride=0)) == 1


def test_encode_windows_refuses_bad_stride(wordpiece_tokenizer):
    with pytest.raises(ValueError, match="stride"):
        encode_windows([TEXT], wordpiece_tokenizer, max_length=16, stride=8)


def test_mark_newlines_keeps_the_length_and_marks_each_run_of_line_breaks_once():
    text = "a\n\nb\r\nc\nd"
    marked = mark_newlines(text, "¶")
    assert marked == "a¶\nb¶\nc¶d" and len(marked) == len(text)


@pytest.mark.parametrize("name", ["wordpiece", "bpe"])
def test_newline_marker_gives_a_line_break_a_token_inside_a_quote(request, name):
    tokenizer = request.getfixturevalue(f"{name}_tokenizer")
    text = "“We will\n\n“win,” she said."
    article = Article(
        "nl",
        text,
        (Attribution((at(text, "“We will\n\n“win,”"),), at(text, "said"), at(text, "she")),),
    )
    [plain] = encode_windows([text], tokenizer, max_length=32, stride=4)
    [marked] = encode_windows([text], tokenizer, max_length=32, stride=4, newline_marker="¶")
    newline = text.index("\n")
    holds_newline = np.array([s <= newline < e for s, e in marked.offsets.tolist()])
    assert holds_newline.any()  # byte-level BPE spells the marker in two byte tokens
    if name == "wordpiece":  # WordPiece drops the line break unless it is marked
        assert not any(s <= newline < e for s, e in plain.offsets.tolist())
    labels = align_labels(text, marked.offsets, *char_tags(article))
    assert set(labels[holds_newline].tolist()) == set(ids("I-QUOTE_R"))


def test_encode_windows_refuses_a_newline_marker_the_tokenizer_does_not_know(wordpiece_tokenizer):
    with pytest.raises(ValueError, match="unknown to the tokenizer"):
        encode_windows([TEXT], wordpiece_tokenizer, 16, 4, newline_marker="§")
    with pytest.raises(ValueError, match="one character"):
        encode_windows([TEXT], wordpiece_tokenizer, 16, 4, newline_marker="<p>")


def spans_of(attributions) -> list[tuple]:
    return [
        (tuple(q.text for q in a.quote), a.cue and a.cue.text, a.speaker and a.speaker.text)
        for a in attributions
    ] + [tuple((s.start, s.end) for s in a.spans()) for a in attributions]


@pytest.mark.parametrize("scheme", ["bio-linked", "bio"])
def test_gold_labels_decode_back_to_the_gold_attributions(tokenizer, scheme):
    windows, got = round_trip(ARTICLE, tokenizer, scheme)
    assert len(windows) >= 3
    assert spans_of(got) == spans_of(GOLD)
    for a in got:
        a.check(TEXT)
        assert 0.99 < a.score <= 1.0


# A whitespace-only token inside a span ("\n" or a second space, as byte-level BPE makes
# them) must continue the span, or the gold labels would read I-X after O.
def test_whitespace_only_token_inside_a_span_continues_it():
    text = "“We will\n\nwin,” she said."
    article = Article(
        "nl",
        text,
        (Attribution((at(text, "“We will\n\nwin,”"),), at(text, "said"), at(text, "she")),),
    )
    # byte-level BPE: "“" "We" " will" "\n" "\n" "win" ",”" " she" " said" "."
    offsets = [(0, 1), (1, 3), (3, 8), (8, 9), (9, 10), (10, 13), (13, 15), (15, 19), (19, 24),
               (24, 25)]  # fmt: skip
    got = labels_for(article, offsets)
    continues = set(ids("I-QUOTE_R", "-"))  # inside the span, or ignored by the loss
    assert got[3] in continues and got[4] in continues
    assert got[:3] + got[5:] == ids(
        "B-QUOTE_R", "I-QUOTE_R", "I-QUOTE_R", "I-QUOTE_R", "I-QUOTE_R", "B-SPEAKER_R", "B-CUE", "O"
    )


def _whitespace_case(gap: str) -> Article:
    text = f"“We will{gap}win,” she said, “and soon.”"
    quote = at(text, f"“We will{gap}win,”")
    return Article(
        "gap",
        text,
        (Attribution((quote, at(text, "“and soon.”")), at(text, "said"), at(text, "she")),),
    )


@pytest.mark.parametrize(
    "name,gap",
    [
        ("wordpiece", "\n\n“"),  # a quote goes on into a paragraph opening with a mark
        ("wordpiece", "  "),
        ("bpe", "\n\n“"),
        ("bpe", "  "),
    ],
)
def test_round_trip_with_a_line_break_or_double_space_inside_a_quote(request, name, gap):
    article = _whitespace_case(gap)
    _, got = round_trip(article, request.getfixturevalue(f"{name}_tokenizer"), "bio-linked")
    assert spans_of(got) == spans_of(article.attributions)


def test_build_examples_columns_match_windows(tokenizer):
    columns = build_examples([ARTICLE, SMITH_ARTICLE], tokenizer, max_length=16, stride=4)
    windows = encode_windows([TEXT, SMITH], tokenizer, max_length=16, stride=4)
    assert columns["input_ids"] == [w.input_ids for w in windows]
    assert columns["article"] == [w.article for w in windows]
    for ids_, mask, labels, w in zip(
        columns["input_ids"], columns["attention_mask"], columns["labels"], windows, strict=True
    ):
        assert len(ids_) == len(mask) == len(labels)
        assert all(m == 1 for m in mask)
        special = w.offsets[:, 0] < 0
        assert all((lab == IGNORE_INDEX) == s for lab, s in zip(labels, special, strict=True))


def test_windows_are_those_of_transformers_overflow(tokenizer):
    texts = [TEXT, SMITH]
    enc = tokenizer(
        texts, truncation=True, max_length=12, stride=3, return_overflowing_tokens=True,
        return_offsets_mapping=True, return_special_tokens_mask=True,
    )  # fmt: skip
    before = (backend(tokenizer).truncation, backend(tokenizer).padding)
    windows = encode_windows(texts, tokenizer, max_length=12, stride=3)
    assert (backend(tokenizer).truncation, backend(tokenizer).padding) == before
    assert len(windows) > 2
    assert [w.input_ids for w in windows] == enc["input_ids"]
    assert [w.article for w in windows] == enc["overflow_to_sample_mapping"]
    for w, offsets, special in zip(windows, enc["offset_mapping"], enc["special_tokens_mask"]):
        expected = np.asarray(offsets).reshape(-1, 2)
        expected[np.asarray(special, dtype=bool)] = -1
        assert np.array_equal(w.offsets, expected)
    bare = encode_windows(texts, backend(tokenizer), max_length=12, stride=3)
    assert [(w.input_ids, w.offsets.tolist()) for w in bare] == [
        (w.input_ids, w.offsets.tolist()) for w in windows
    ]
