"""A whole article's attributions from its windows' logits: windows merged, token labels
decoded into spans, spans linked into attributions, and speakers resolved."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..config import DecodingConfig
from ..schema import Attribution
from ..speakers.resolve import resolve_speakers
from .linking import labelled_lines, link
from .spans import TaggedSpan, decode_spans_many, merge_windows


def attributions_from_windows(
    text: str,
    offsets: Sequence,
    logits: Sequence,
    labels: Sequence[str],
    max_distance: int = DecodingConfig.max_distance,
    min_score: float = DecodingConfig.min_score,
    viterbi: bool = True,
    paragraphs: bool = True,
    use_sides: bool = True,
    shared_speakers: bool = True,
    resolve: bool = True,
    speaker_ner: bool = False,
) -> list[Attribution]:
    """Decode one article from its windows' token offsets and logits, speakers resolved.

    Attributions whose score (the mean probability of their quote tokens' labels) is below
    ``min_score`` are dropped. Defaults are those of ``DecodingConfig``, as in ``predict``.
    ``resolve=False`` leaves speakers as the tagger found them (no names, entities or
    follow-on speakers); ``speaker_ner`` goes to :func:`quoteattr.speakers.resolve_speakers`
    (True: named-entity labels, from the ``people`` extra, where a speaker needs them).
    """
    return _decode(
        [text], [offsets], [logits], labels, max_distance, min_score, viterbi, paragraphs,
        use_sides, shared_speakers, resolve, speaker_ner,
    )[0]  # fmt: skip


def decode_articles(
    texts: Sequence[str],
    windows: Sequence,
    logits: Sequence,
    labels: Sequence[str],
    **decoding: Any,
) -> list[list[Attribution]]:
    """Attributions per text from the windows of ``encode_windows(texts, ...)`` and their
    logits (one array per window, rows beyond the window's length ignored)."""
    per_article: list[tuple[list, list]] = [([], []) for _ in texts]
    for window, window_logits in zip(windows, logits):
        per_article[window.article][0].append(window.offsets)
        per_article[window.article][1].append(window_logits[: len(window.input_ids)])
    offsets, logits = zip(*per_article) if per_article else ((), ())
    return _decode(texts, offsets, logits, labels, **decoding)


def _decode(
    texts: Sequence[str],
    offsets: Sequence[Sequence],
    logits: Sequence[Sequence],
    labels: Sequence[str],
    max_distance: int = DecodingConfig.max_distance,
    min_score: float = DecodingConfig.min_score,
    viterbi: bool = True,
    paragraphs: bool = True,
    use_sides: bool = True,
    shared_speakers: bool = True,
    resolve: bool = True,
    speaker_ner: bool = False,
) -> list[list[Attribution]]:
    """Each article's attributions; the labels of all of them are decoded together."""
    merged = [merge_windows(o, x) for o, x in zip(offsets, logits)]
    spans: list[list[TaggedSpan]] = decode_spans_many(
        texts, [o for o, _ in merged], [x for _, x in merged], labels, viterbi, paragraphs
    )
    out = []
    for text, found in zip(texts, spans):
        attributions = link(text, found, max_distance, use_sides, shared_speakers, paragraphs)
        attributions = labelled_lines(text, [a for a in attributions if a.score >= min_score])
        if resolve:
            attributions = resolve_speakers(text, attributions, use_ner=speaker_ner)
        out.append(attributions)
    return out
