"""Gold labels through the decoder: what the label scheme, decoding and linking can
represent, without a model."""

from __future__ import annotations

import numpy as np

from quoteattr.data.features import align_labels, char_tags, encode_windows
from quoteattr.decode.article import attributions_from_windows
from quoteattr.labels import IGNORE_INDEX, label_names
from quoteattr.schema import Article


def one_hot_logits(labels: np.ndarray, n_labels: int) -> np.ndarray:
    logits = np.zeros((len(labels), n_labels), dtype=np.float32)
    rows = np.flatnonzero(labels != IGNORE_INDEX)
    logits[rows, labels[rows]] = 10.0
    return logits


def round_trip(article: Article, tokenizer, scheme: str, max_length: int = 16, stride: int = 4):
    """Gold labels per window -> one-hot logits -> decoded and linked attributions."""
    labels = label_names(scheme)
    windows = encode_windows([article.text], tokenizer, max_length=max_length, stride=stride)
    tag_of, start_of = char_tags(article, scheme)
    offsets, logits = [], []
    for w in windows:
        window_labels = align_labels(article.text, w.offsets, tag_of, start_of)
        offsets.append(w.offsets)
        logits.append(one_hot_logits(window_labels, len(labels)))
    return windows, attributions_from_windows(article.text, offsets, logits, labels)
