"""Viterbi against brute force, window merging and span decoding, on hand-made arrays."""

from __future__ import annotations

import numpy as np
import pytest

from quoteattr.decode.spans import (
    TaggedSpan,
    decode_spans,
    log_softmax,
    merge_windows,
    paragraph_mask,
    transition_mask,
    viterbi,
    viterbi_many,
)
from quoteattr.labels import label_names

LABELS = label_names("bio-linked")
START, TRANS = transition_mask(LABELS)


def allowed(path) -> bool:
    """The BIO grammar, written independently of ``transition_mask``."""
    prev = "O"
    for i in path:
        label = LABELS[i]
        if label.startswith("I-") and prev[2:] != label[2:]:
            return False  # I-X only after B-X or I-X (so never first, never after O)
        prev = label
    return True


def brute_force(log_probs: np.ndarray) -> tuple[np.ndarray, float]:
    """Best path and its score, scoring every one of the L**n paths."""
    n, n_labels = log_probs.shape
    scores = log_probs[0] + START
    for t in range(1, n):
        scores = scores[..., None] + TRANS + log_probs[t]  # TRANS[prev, cur] on the last two axes
    flat = int(np.argmax(scores))
    return np.array(np.unravel_index(flat, (n_labels,) * n)), float(scores.reshape(-1)[flat])


def path_score(log_probs: np.ndarray, path) -> float:
    return float(log_probs[np.arange(len(path)), path].sum())


def test_transition_mask_matches_the_grammar():
    for i, prev in enumerate(LABELS):
        for j, cur in enumerate(LABELS):
            ok = not cur.startswith("I-") or prev[2:] == cur[2:]
            assert np.isfinite(TRANS[i, j]) == ok, (prev, cur)
    assert [np.isfinite(s) for s in START] == [not lab.startswith("I-") for lab in LABELS]


@pytest.mark.parametrize("seed", range(12))
def test_viterbi_equals_brute_force(seed):
    rng = np.random.default_rng(seed)
    n = 4 + seed % 3  # 4, 5 or 6 tokens
    log_probs = log_softmax(rng.normal(scale=2.0, size=(n, len(LABELS))))
    best, best_score = brute_force(log_probs)
    path = viterbi(log_probs, START, TRANS)
    assert path.shape == (n,)
    assert allowed(path)
    assert path_score(log_probs, path) == pytest.approx(best_score)
    assert path.tolist() == best.tolist()


def test_viterbi_many_steps_sequences_of_any_length_together():
    # lengths out of order, an empty one and ones whose argmax is already allowed: each
    # path is the brute-force best of its own sequence
    rng = np.random.default_rng(7)
    batch = [log_softmax(rng.normal(scale=2.0, size=(n, len(LABELS)))) for n in (3, 6, 1, 5, 4)]
    batch.insert(2, np.zeros((0, len(LABELS))))
    valid = np.full((5, len(LABELS)), -3.0)
    valid[:, 0] = 3.0  # all O: the argmax is the answer
    batch.append(log_softmax(valid))
    assert sum(not allowed(np.argmax(lp, axis=1)) for lp in batch if len(lp)) >= 3
    paths = viterbi_many(batch, START, TRANS)
    assert [len(p) for p in paths] == [len(lp) for lp in batch]
    for log_probs, path in zip(batch, paths):
        if len(log_probs):
            assert path.tolist() == brute_force(log_probs)[0].tolist()


def test_viterbi_fixes_i_at_the_start_and_after_o():
    # argmax: I-QUOTE_L, I-QUOTE_L, O, I-CUE -- two grammar errors.
    i_quote, i_cue = LABELS.index("I-QUOTE_L"), LABELS.index("I-CUE")
    logits = np.zeros((4, len(LABELS)))
    logits[[0, 1], i_quote] = 5.0
    logits[2, 0] = 5.0
    logits[3, i_cue] = 5.0
    log_probs = log_softmax(logits)
    assert not allowed(np.argmax(log_probs, axis=1))
    path = viterbi(log_probs, START, TRANS)
    assert allowed(path)
    assert [LABELS[i] for i in path][:2] == ["B-QUOTE_L", "I-QUOTE_L"]
    assert path.tolist() == brute_force(log_probs)[0].tolist()


def test_viterbi_keeps_an_allowed_argmax_and_handles_empty_input():
    labels = ["O", "B-SPEAKER_R", "I-SPEAKER_R", "B-CUE", "B-QUOTE_L", "I-QUOTE_L"]
    want = [LABELS.index(x) for x in labels]
    logits = np.full((len(want), len(LABELS)), -3.0)
    logits[np.arange(len(want)), want] = 3.0
    assert viterbi(log_softmax(logits), START, TRANS).tolist() == want
    assert viterbi(np.zeros((0, len(LABELS))), START, TRANS).shape == (0,)


def window(offsets: list[tuple[int, int]], value: float, n_labels: int = 3, pad: int = 0):
    """Offsets with special tokens around them; each row's logits are ``[value, position, 0]``."""
    off = np.array([(-1, -1), *offsets, (-1, -1)], dtype=np.int64)
    log = np.zeros((len(off) + pad, n_labels), dtype=np.float32)
    log[:, 0] = value
    log[:, 1] = np.arange(len(log))
    return off, log


def test_merge_windows_keeps_each_token_from_the_window_where_it_is_most_central():
    # Tokens k = 0..7 at (2k, 2k+1); windows of 4 content tokens overlapping by 2 (stride 2).
    tok = [(2 * k, 2 * k + 1) for k in range(8)]
    windows = [window(tok[0:4], 10.0), window(tok[2:6], 20.0, pad=3), window(tok[4:8], 30.0)]
    off, log = merge_windows([w[0] for w in windows], [w[1] for w in windows])
    assert off.tolist() == [list(t) for t in tok]
    # Distances from an edge: window 1 [0,1,1,0], window 2 [0,1,1,0], window 3 [0,1,1,0].
    # Token 2: w1 dist 1, w2 dist 0 -> w1. Token 3: w1 dist 0, w2 dist 1 -> w2. Likewise 4, 5.
    assert log[:, 0].tolist() == [10, 10, 10, 20, 20, 30, 30, 30]
    # Each kept row is that token's own row in its window (specials shift rows by one).
    assert log[:, 1].tolist() == [1, 2, 3, 2, 3, 2, 3, 4]


def test_merge_windows_with_uneven_windows_and_no_windows():
    a = window([(0, 3), (4, 6), (7, 9), (10, 12), (13, 15)], 1.0)
    b = window([(7, 9), (10, 12), (13, 15), (16, 18)], 2.0)
    off, log = merge_windows([a[0], b[0]], [a[1], b[1]])
    assert off[:, 0].tolist() == [0, 4, 7, 10, 13, 16]
    # (7, 9): a dist 2, b dist 0 -> a. (10, 12): a 1, b 1 -> tie. (13, 15): a 0, b 1 -> b.
    assert log[[0, 1, 2, 4, 5], 0].tolist() == [1, 1, 1, 2, 2]
    assert log[3, 0] in (1.0, 2.0)
    off, log = merge_windows([], [])
    assert off.shape == (0, 2) and len(log) == 0


def test_merge_windows_keeps_a_token_that_shares_its_start_with_a_zero_width_token():
    # "said Jones": "said" (0, 4), a lone space trimmed to (5, 5), "J" (5, 6), "ones" (6, 10).
    off, log = window([(0, 4), (5, 5), (5, 6), (6, 10)], 1.0)
    merged, _ = merge_windows([off], [log])
    assert [5, 6] in merged.tolist()


TEXT = "Smith said the plan works."
# BPE style: "Smith" " said" " the" " plan" " works" "."
OFFSETS = np.array([(0, 5), (5, 10), (10, 14), (14, 19), (19, 25), (25, 26)])


def logits_for(names: list[str], weight: float = 6.0) -> np.ndarray:
    logits = np.zeros((len(names), len(LABELS)))
    logits[np.arange(len(names)), [LABELS.index(x) for x in names]] = weight
    return logits


def test_decode_spans_strips_whitespace_and_returns_roles_and_sides():
    names = ["B-SPEAKER_R", "B-CUE", "B-QUOTE_L", "I-QUOTE_L", "I-QUOTE_L", "O"]
    spans = decode_spans(TEXT, OFFSETS, logits_for(names), LABELS)
    assert [(s.role, s.side, TEXT[s.start : s.end]) for s in spans] == [
        ("speaker", "R", "Smith"),
        ("cue", None, "said"),
        ("quote", "L", "the plan works"),
    ]
    for s in spans:
        assert isinstance(s, TaggedSpan)
        assert 0.0 < s.score <= 1.0
    expected = np.exp(6.0) / (np.exp(6.0) + len(LABELS) - 1)  # softmax of one-hot * 6
    assert spans[0].score == pytest.approx(expected)


def test_decode_spans_scores_are_mean_token_probabilities():
    names = ["O", "B-CUE", "B-QUOTE_L", "I-QUOTE_L", "I-QUOTE_L", "O"]
    logits = logits_for(names)
    logits[3] *= 0.5  # a less sure middle token
    spans = decode_spans(TEXT, OFFSETS, logits, LABELS)
    quote = next(s for s in spans if s.role == "quote")
    probs = np.exp(log_softmax(logits))
    tokens = [LABELS.index(x) for x in names]
    assert quote.score == pytest.approx(np.mean([probs[t, tokens[t]] for t in (2, 3, 4)]))
    assert spans[0].score > quote.score


def test_decode_spans_drops_whitespace_only_spans_and_trims_a_leading_space():
    text = "said  it"
    offsets = np.array([(0, 4), (4, 5), (5, 8)])  # "said" " " " it"
    names = ["O", "B-QUOTE_R", "O"]  # a span made only of a space
    assert decode_spans(text, offsets, logits_for(names), LABELS) == []
    # A confident I- after a doubtful O: Viterbi starts the quote on the space token, and
    # the span is trimmed to "it" (it neither vanishes nor joins "said").
    logits = logits_for(["B-CUE", "O", "I-QUOTE_R"], 2.0)
    logits[2] *= 2.0
    spans = decode_spans(text, offsets, logits, LABELS)
    assert [(s.role, text[s.start : s.end]) for s in spans] == [("cue", "said"), ("quote", "it")]


def test_decode_spans_with_the_bio_scheme_has_no_sides():
    labels = label_names("bio")
    names = ["B-SPEAKER", "B-CUE", "B-QUOTE", "I-QUOTE", "I-QUOTE", "O"]
    logits = np.zeros((6, len(labels)))
    logits[np.arange(6), [labels.index(x) for x in names]] = 6.0
    spans = decode_spans(TEXT, OFFSETS, logits, labels)
    assert [(s.role, s.side) for s in spans] == [("speaker", None), ("cue", None), ("quote", None)]
    assert decode_spans(TEXT, np.zeros((0, 2), dtype=np.int64), np.zeros((0, 7)), labels) == []


def test_argmax_decoding_without_viterbi_starts_a_span_at_a_stray_inside_tag():
    labels = label_names("bio-linked")
    text = "a b c d"
    offsets = np.array([[0, 1], [2, 3], [4, 5], [6, 7]])
    path = ["O", "I-CUE", "I-CUE", "I-QUOTE_L"]
    logits = np.full((4, len(labels)), -9.0)
    for i, name in enumerate(path):
        logits[i, labels.index(name)] = 9.0
    spans = decode_spans(text, offsets, logits, labels, use_viterbi=False)
    assert [(s.role, s.start, s.end) for s in spans] == [("cue", 2, 5), ("quote", 6, 7)]
    repaired = decode_spans(text, offsets, logits, labels)  # Viterbi: a legal path
    assert all(s.role in ("cue", "quote") for s in repaired)


def _decode_words(text: str, names: list[str], **kwargs) -> list[tuple[str, str]]:
    """Decode one confident label per whitespace-separated word of ``text``."""
    import re

    offsets = np.array([m.span() for m in re.finditer(r"\S+", text)])
    logits = np.full((len(offsets), len(LABELS)), -9.0)
    for i, name in enumerate(names):
        logits[i, LABELS.index(name)] = 9.0
    spans = decode_spans(text, offsets, logits, LABELS, **kwargs)
    return [(s.role, text[s.start : s.end]) for s in spans]


def test_a_span_ends_at_a_line_break_unless_a_quote_goes_on_after_an_opening_mark():
    names = ["B-QUOTE_R", "I-QUOTE_R", "I-QUOTE_R", "I-QUOTE_R", "B-CUE"]
    plain = "We win.\n\nThey lose. said"
    assert _decode_words(plain, names) == [
        ("quote", "We win."),
        ("quote", "They lose."),  # the inside tag after the break starts a new quote
        ("cue", "said"),
    ]
    assert _decode_words(plain, names, paragraphs=False) == [
        ("quote", "We win.\n\nThey lose."),
        ("cue", "said"),
    ]
    marked = "“We win.\n\n“They lose.” said"
    assert _decode_words(marked, names) == [
        ("quote", "“We win.\n\n“They lose.”"),
        ("cue", "said"),
    ]
    # a bare "\r" (old Mac files) is a line break too, as for the newline marker
    assert _decode_words(plain.replace("\n", "\r"), names[:4]) == [
        ("quote", "We win."),
        ("quote", "They lose."),
    ]
    # a cue or speaker never goes on across a line break, opening mark or not
    names = ["B-SPEAKER_R", "I-SPEAKER_R", "B-CUE"]
    assert _decode_words("Jane\n“Smith said", names) == [("speaker", "Jane"), ("cue", "said")]


def test_paragraph_mask_blocks_inside_tags_on_a_newline_marker_token():
    text = "a\n\nb"
    offsets = np.array([[0, 1], [1, 2], [3, 4]])  # "a", the marker on the first "\n", "b"
    mask = paragraph_mask(text, offsets, LABELS)
    inside = [label.startswith("I-") for label in LABELS]
    assert np.isneginf(mask[1, inside]).all() and np.isneginf(mask[2, inside]).all()
    assert (mask[0] == 0).all() and (mask[:, ~np.array(inside)] == 0).all()
    assert paragraph_mask("a b", np.array([[0, 1], [2, 3]]), LABELS).sum() == 0
