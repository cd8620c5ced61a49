"""A whole article's attributions from its windows' logits: windows merged, token labels
decoded into spans, spans linked into attributions, and speakers resolved."""

from __future__ import annotations

import dataclasses
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
    decoding: DecodingConfig | None = None,
    *,
    resolve: bool = True,
    **changes: Any,
) -> list[Attribution]:
    """Decode one article from its windows' token offsets and logits, speakers resolved.

    ``decoding`` holds the settings (default: ``DecodingConfig()``, as in ``predict``);
    ``changes`` overrides some of them by name (``min_score=0.8``). Attributions whose
    score (the mean probability of their quote tokens' labels) is below ``min_score`` are
    dropped. ``resolve=False`` leaves speakers as the tagger found them (no names, entities
    or follow-on speakers); ``speaker_ner`` goes to
    :func:`quoteattr.speakers.resolve_speakers` (True: named-entity labels, from the
    ``people`` extra, where a speaker needs them).
    """
    settings = _settings(decoding, changes)
    return _decode([text], [offsets], [logits], labels, settings, resolve)[0]


def decode_articles(
    texts: Sequence[str],
    windows: Sequence,
    logits: Sequence,
    labels: Sequence[str],
    decoding: DecodingConfig | None = None,
    *,
    resolve: bool = True,
    **changes: Any,
) -> list[list[Attribution]]:
    """Attributions per text from the windows of ``encode_windows(texts, ...)`` and their
    logits (one array per window, rows beyond the window's length ignored); ``decoding``,
    ``resolve`` and ``changes`` as in :func:`attributions_from_windows`."""
    per_article: list[tuple[list, list]] = [([], []) for _ in texts]
    for window, window_logits in zip(windows, logits):
        per_article[window.article][0].append(window.offsets)
        per_article[window.article][1].append(window_logits[: len(window.input_ids)])
    offsets, logits = zip(*per_article) if per_article else ((), ())
    return _decode(texts, offsets, logits, labels, _settings(decoding, changes), resolve)


def _settings(decoding: DecodingConfig | None, changes: dict[str, Any]) -> DecodingConfig:
    """``decoding`` (default: ``DecodingConfig()``) with ``changes``; an unknown name is an
    error that names it, a bad value fails ``DecodingConfig``'s own checks."""
    decoding = DecodingConfig() if decoding is None else decoding
    unknown = set(changes) - {f.name for f in dataclasses.fields(DecodingConfig)}
    if unknown:
        raise TypeError(f"unknown decoding settings: {sorted(unknown)}")
    return dataclasses.replace(decoding, **changes) if changes else decoding


def _decode(
    texts: Sequence[str],
    offsets: Sequence[Sequence],
    logits: Sequence[Sequence],
    labels: Sequence[str],
    decoding: DecodingConfig,
    resolve: bool,
) -> list[list[Attribution]]:
    """Each article's attributions; the labels of all of them are decoded together."""
    d = decoding
    merged = [merge_windows(o, x) for o, x in zip(offsets, logits)]
    spans: list[list[TaggedSpan]] = decode_spans_many(
        texts, [o for o, _ in merged], [x for _, x in merged], labels, d.viterbi, d.paragraphs
    )
    out = []
    for text, found in zip(texts, spans):
        attributions = link(
            text, found, d.max_distance, d.use_sides, d.shared_speakers, d.paragraphs
        )
        attributions = labelled_lines(text, [a for a in attributions if a.score >= d.min_score])
        if resolve:
            attributions = resolve_speakers(text, attributions, use_ner=d.speaker_ner)
        out.append(attributions)
    return out
