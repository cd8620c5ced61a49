"""Token logits -> labelled character spans.

Windows of one article are merged token by token, each token keeping the logits of the
window in which it sits farthest from an edge (so no token loses context at a window
edge). Labels are then decoded by Viterbi over the transitions the BIO grammar allows
(``I-X`` only after ``B-X`` or ``I-X``), so quotes neither start mid-way nor fragment on
one doubtful token. No span runs on across a line break, except a quote into a paragraph
that opens with a quotation mark (the convention for a quote over several paragraphs).
Spans are widened to whole words (a sub-word token never starts or ends a span mid-word).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..labels import role_of, side_of


@dataclass(frozen=True)
class TaggedSpan:
    """A decoded span: its role, the side of its cue (``"L"``/``"R"``/None) and offsets."""

    role: str
    side: str | None
    start: int
    end: int
    score: float


def merge_windows(
    offsets: Sequence[np.ndarray], logits: Sequence[np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """Article-level ``(offsets (n, 2), logits (n, L))`` from overlapping windows.

    ``offsets[i]`` are window ``i``'s token offsets with special tokens at -1; ``logits[i]``
    has one row per token of that window (extra padded rows are ignored).
    """
    all_off, all_log, all_dist = [], [], []
    for off, log in zip(offsets, logits):
        content = np.flatnonzero(off[:, 0] >= 0)
        pos = np.arange(len(content))
        all_dist.append(np.minimum(pos, len(content) - 1 - pos))
        all_off.append(off[content])
        all_log.append(np.asarray(log)[content])
    if not all_off:
        return np.zeros((0, 2), dtype=np.int64), np.zeros((0, 0), dtype=np.float32)
    off = np.concatenate(all_off)
    log = np.concatenate(all_log)
    dist = np.concatenate(all_dist)
    order = np.lexsort((-dist, off[:, 1], off[:, 0]))
    off, log = off[order], log[order]
    keep = np.ones(len(off), dtype=bool)
    keep[1:] = (off[1:] != off[:-1]).any(axis=1)
    return off[keep], log[keep]


def transition_mask(labels: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """``(start (L,), transitions (L, L))`` with 0 where allowed and -inf where not."""
    n = len(labels)
    start = np.zeros(n)
    trans = np.zeros((n, n))
    for j, label in enumerate(labels):
        if label.startswith("I-"):
            start[j] = -np.inf
            for i, prev in enumerate(labels):
                if prev[2:] != label[2:] or prev == "O":
                    trans[i, j] = -np.inf
    return start, trans


def viterbi(log_probs: np.ndarray, start: np.ndarray, trans: np.ndarray) -> np.ndarray:
    """The best label path under the allowed transitions."""
    return viterbi_many([log_probs], start, trans)[0]


def viterbi_many(
    log_probs: Sequence[np.ndarray], start: np.ndarray, trans: np.ndarray
) -> list[np.ndarray]:
    """:func:`viterbi` of each sequence. Where the argmax path obeys the grammar (the
    common case) it is the answer; the other sequences are stepped together, one numpy
    step per position for all of them (a loop per token of each article took most of
    decoding's time); the paths are traced back together too."""
    paths = [np.argmax(lp, axis=1) for lp in log_probs]
    todo = [i for i, path in enumerate(paths) if len(path) and not _is_valid(path, start, trans)]
    if not todo:
        return paths
    todo.sort(key=lambda i: -len(log_probs[i]))  # the sequences still running: a prefix
    lengths = [len(log_probs[i]) for i in todo]
    scores = np.zeros((lengths[0], len(todo), len(start)))
    for row, i in enumerate(todo):
        scores[: lengths[row], row] = log_probs[i]
    running = np.searchsorted(-np.array(lengths), -np.arange(lengths[0]), side="left")
    back = np.zeros(scores.shape, dtype=np.int16)
    score = scores[0] + start
    rows, columns = np.arange(len(todo)), np.arange(len(start))
    last = np.empty((len(todo), len(start)))  # each sequence's scores at its own last token
    for t in range(1, lengths[0] + 1):
        n = running[t] if t < lengths[0] else 0
        last[n : running[t - 1]] = score[n:]  # the sequences whose last token was t - 1
        if n == 0:
            break
        cand = score[:n, :, None] + trans
        best = cand.argmax(axis=1)
        back[t, :n] = best
        score = cand[rows[:n, None], best, columns] + scores[t, :n]
    # traced back one position at a time for all sequences still running there
    traced = np.zeros((len(todo), lengths[0]), dtype=np.int64)
    traced[rows, np.array(lengths) - 1] = np.argmax(last, axis=1)
    for t in range(lengths[0] - 1, 0, -1):
        n = running[t]  # the sequences longer than t
        traced[:n, t - 1] = back[t, rows[:n], traced[:n, t]]
    for row, (i, length) in enumerate(zip(todo, lengths)):
        paths[i] = traced[row, :length]
    return paths


def _is_valid(path: np.ndarray, start: np.ndarray, trans: np.ndarray) -> bool:
    return bool(np.isfinite(start[path[0]]) and np.isfinite(trans[path[:-1], path[1:]]).all())


def log_softmax(logits: np.ndarray) -> np.ndarray:
    z = logits - logits.max(axis=-1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=-1, keepdims=True))


def decode_spans(
    text: str,
    offsets: np.ndarray,
    logits: np.ndarray,
    labels: Sequence[str],
    use_viterbi: bool = True,
    paragraphs: bool = True,
) -> list[TaggedSpan]:
    """Labelled character spans of ``text`` from article-level token logits.

    ``use_viterbi=False`` takes each token's argmax instead (an ``I-`` after ``O`` then
    starts a span), and ``paragraphs=False`` lets spans run on across line breaks; both
    are for ablations.
    """
    return decode_spans_many([text], [offsets], [logits], labels, use_viterbi, paragraphs)[0]


def decode_spans_many(
    texts: Sequence[str],
    offsets: Sequence[np.ndarray],
    logits: Sequence[np.ndarray],
    labels: Sequence[str],
    use_viterbi: bool = True,
    paragraphs: bool = True,
) -> list[list[TaggedSpan]]:
    """:func:`decode_spans` of several articles, their Viterbi paths found together."""
    empty = np.zeros((0, len(labels)))
    log_probs = [
        log_softmax(np.asarray(x, dtype=np.float64)) if len(off) else empty
        for off, x in zip(offsets, logits)
    ]
    allowed = [
        lp + paragraph_mask(text, off, labels) if paragraphs and len(off) else lp
        for text, off, lp in zip(texts, offsets, log_probs)
    ]
    if use_viterbi:
        paths = viterbi_many(allowed, *transition_mask(labels))
    else:
        paths = [np.argmax(a, axis=1) for a in allowed]
    return [
        _spans(text, off, lp, path, labels) if len(off) else []
        for text, off, lp, path in zip(texts, offsets, log_probs, paths)
    ]


def _spans(
    text: str, offsets: np.ndarray, log_probs: np.ndarray, path: np.ndarray, labels: Sequence[str]
) -> list[TaggedSpan]:
    probs = np.exp(log_probs[np.arange(len(path)), path])
    kind = np.array([label[:2] for label in labels])[path]  # "B-", "I-" or "O"
    tag = np.array([label[2:] for label in labels])[path]
    starts_span = kind == "B-"
    starts_span[1:] |= (kind[1:] == "I-") & (tag[1:] != tag[:-1])  # only without Viterbi
    starts_span[0] |= kind[0] == "I-"
    firsts = np.flatnonzero(starts_span)
    # Each span runs from its first token to the token before the next non-I- or new span.
    not_inside = np.append(np.flatnonzero((kind != "I-") | starts_span), len(path))
    lasts = not_inside[np.searchsorted(not_inside, firsts, side="right")] - 1
    cumulative = np.concatenate([[0.0], np.cumsum(probs)])
    scores = (cumulative[lasts + 1] - cumulative[firsts]) / (lasts - firsts + 1)
    tags = [label[2:] for label in labels]
    spans = []
    for first, last, score in zip(firsts.tolist(), lasts.tolist(), scores.tolist()):
        start, end = _strip(text, int(offsets[first, 0]), int(offsets[last, 1]))
        if start < end:
            tag = tags[path[first]]
            spans.append(TaggedSpan(role_of(tag), side_of(tag), start, end, score))
    return spans


OPENING_QUOTES = "\"'“‘«„`"
_FIRST_VISIBLE = re.compile(r"\s*(\S)")


def has_line_break(text: str) -> bool:
    """``\\n`` or ``\\r`` (old Mac files break lines with ``\\r`` alone)."""
    return "\n" in text or "\r" in text


def paragraph_mask(text: str, offsets: np.ndarray, labels: Sequence[str]) -> np.ndarray:
    """``(n, L)``: -inf for an ``I-`` label on a token at or after a line break, else 0.

    A token is at a line break when a line break lies between the previous token's end
    and its own end (a newline-marker token holds its line break). A quote may go on into
    a paragraph whose first character is an opening quotation mark; every other span ends.
    """
    n = len(offsets)
    mask = np.zeros((n, len(labels)))
    if n < 2:
        return mask
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    is_newline = (codes == ord("\n")) | (codes == ord("\r"))  # as features.mark_newlines
    newlines = np.concatenate([[0], np.cumsum(is_newline)])
    ends = offsets[:, 1]
    breaks = 1 + np.flatnonzero(newlines[ends[1:]] > newlines[ends[:-1]])
    inside = np.array([label.startswith("I-") for label in labels])
    quote = np.array([role_of(label[2:]) == "quote" for label in labels])
    for t in breaks.tolist():
        first = _FIRST_VISIBLE.match(text, int(offsets[t, 0]))
        opens = first is not None and first.group(1) in OPENING_QUOTES
        mask[t, inside & ~(quote & opens)] = -np.inf
    return mask


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop whitespace at both ends, then widen to whole words (never half a word)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
            start -= 1
        while end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
            end += 1
    return start, end
