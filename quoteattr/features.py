"""Articles -> overlapping token windows -> token-classification examples.

An article is tokenised once by a fast tokenizer and cut into windows of ``max_length``
tokens that overlap by ``stride`` tokens (the tokenizer's own overflow handling, so any
model's special tokens are right). Labels are aligned through the offset mapping: a
token takes the tag of its first non-space character, ``B-`` when that character starts
a span, so two adjacent spans of one role stay two spans; a whitespace-only token inside
a span (a paragraph break in a quote) continues it.

WordPiece tokenizers drop line breaks, so the encoder would never see a paragraph end.
With a ``newline_marker`` (one character, such as "¶") the first character
of each run of line breaks is replaced by the marker before tokenising: the marker gets
a token of its own, and as the text keeps its length, every offset stays the same.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from transformers import PreTrainedTokenizerBase

from .labels import DEFAULT_SCHEME, IGNORE_INDEX, SCHEMES
from .schema import Article, Span


@dataclass
class Window:
    """One model input: token ids plus where its content tokens sit in the article."""

    article: int  # index of the article in the encoded batch
    input_ids: list[int]
    offsets: np.ndarray  # (n_tokens, 2) character offsets; special tokens are (-1, -1)


_LINE_BREAKS = re.compile(r"[\r\n]+")


def mark_newlines(text: str, marker: str) -> str:
    """``text`` with the first character of each run of line breaks replaced by ``marker``."""
    return _LINE_BREAKS.sub(lambda m: marker + m.group()[1:], text)


def check_newline_marker(tokenizer: PreTrainedTokenizerBase, marker: str) -> None:
    """``ValueError`` unless ``marker`` is one character that the tokenizer knows."""
    if len(marker) != 1:
        raise ValueError(f"newline_marker must be one character, got {marker!r}")
    ids = tokenizer(marker, add_special_tokens=False)["input_ids"]
    if not ids or tokenizer.unk_token_id in ids:
        raise ValueError(f"newline_marker {marker!r} is unknown to the tokenizer (no token)")


def encode_windows(
    texts: Sequence[str],
    tokenizer: PreTrainedTokenizerBase,
    max_length: int,
    stride: int,
    newline_marker: str = "",
) -> list[Window]:
    """Tokenise ``texts`` into overlapping windows of at most ``max_length`` tokens."""
    if not getattr(tokenizer, "is_fast", False):
        raise ValueError("quoteattr needs a fast tokenizer (offset mappings)")
    if not 0 <= stride < max_length // 2:
        raise ValueError(f"stride {stride} must be >= 0 and below max_length/2 ({max_length})")
    if newline_marker:
        check_newline_marker(tokenizer, newline_marker)
        texts = [mark_newlines(text, newline_marker) for text in texts]
    enc = tokenizer(
        list(texts),
        truncation=True,
        max_length=max_length,
        stride=stride,
        return_overflowing_tokens=True,
        return_offsets_mapping=True,
        return_special_tokens_mask=True,
        add_special_tokens=True,
    )
    windows = []
    for i, article in enumerate(enc["overflow_to_sample_mapping"]):
        offsets = np.asarray(enc["offset_mapping"][i], dtype=np.int64).reshape(-1, 2)
        offsets[np.asarray(enc["special_tokens_mask"][i], dtype=bool)] = -1
        windows.append(Window(int(article), list(enc["input_ids"][i]), offsets))
    check_coverage(texts, windows, tokenizer)
    return windows


def check_coverage(
    texts: Sequence[str], windows: Sequence[Window], tokenizer: PreTrainedTokenizerBase
) -> None:
    """Raise ``ValueError`` if the windows leave out text that has tokens.

    tokenizers 0.23.1 and 0.23.2 end the second window of a long text early and make no
    more: the rest of the article would be silently lost.
    """
    reach = [0] * len(texts)  # end of the text covered so far, per article
    for w in windows:
        content = w.offsets[w.offsets[:, 0] >= 0]
        if len(content):
            _check_no_tokens(texts, w.article, reach[w.article], int(content[0, 0]), tokenizer)
            reach[w.article] = max(reach[w.article], int(content[-1, 1]))
    for article, text in enumerate(texts):
        _check_no_tokens(texts, article, reach[article], len(text), tokenizer)


def _check_no_tokens(texts, article: int, start: int, end: int, tokenizer) -> None:
    piece = texts[article][start:end]
    if piece.strip() and tokenizer(piece, add_special_tokens=False)["input_ids"]:
        import tokenizers

        raise ValueError(
            f"text {article}: the tokenizer's windows leave out characters {start}-{end} "
            f"({piece[:40]!r}); tokenizers {tokenizers.__version__} cuts long texts short "
            "(0.23.1 and 0.23.2 do): pip install -U 'tokenizers>=0.23.3'"
        )


def char_tags(article: Article, scheme: str = DEFAULT_SCHEME) -> tuple[np.ndarray, np.ndarray]:
    """Per character: the tag index in ``SCHEMES[scheme]`` (-1 for none) and its span's start.

    Longer spans are painted first and never overwritten, so a quote keeps its extent
    when another attribution is nested inside it.
    """
    tags = SCHEMES[scheme]
    painted: list[tuple[Span, str]] = []
    for attribution in article.attributions:
        cue = attribution.cue
        for span in attribution.quote:
            painted.append((span, _tag("QUOTE", span, cue, tags)))
        if attribution.speaker is not None:
            painted.append((attribution.speaker, _tag("SPEAKER", attribution.speaker, cue, tags)))
        if cue is not None:
            painted.append((cue, "CUE"))
    tag_of = np.full(len(article.text), -1, dtype=np.int64)
    start_of = np.full(len(article.text), -1, dtype=np.int64)
    for span, tag in sorted(painted, key=lambda p: p[0].start - p[0].end):
        free = tag_of[span.start : span.end] == -1
        tag_of[span.start : span.end][free] = tags.index(tag)
        start_of[span.start : span.end][free] = span.start
    return tag_of, start_of


def _tag(role: str, span: Span, cue: Span | None, tags: tuple[str, ...]) -> str:
    if role in tags:
        return role
    if cue is None:
        return f"{role}_R"
    if cue.start >= span.end:
        return f"{role}_R"
    if cue.end <= span.start:
        return f"{role}_L"
    return f"{role}_R" if cue.start + cue.end >= span.start + span.end else f"{role}_L"


@functools.lru_cache(maxsize=8)  # an article's windows are aligned one after another
def _next_nonspace(text: str) -> np.ndarray:
    """``[i]``: the first non-space character at or after ``i`` (``len(text)`` if none)."""
    n = len(text)
    nonspace = np.fromiter((not c.isspace() for c in text), dtype=bool, count=n)
    idx = np.where(nonspace, np.arange(n), n)
    if n:
        idx = np.minimum.accumulate(idx[::-1])[::-1]
    return np.append(idx, n)


def align_labels(
    text: str, offsets: np.ndarray, tag_of: np.ndarray, start_of: np.ndarray
) -> np.ndarray:
    """Label ids for one window's tokens (``IGNORE_INDEX`` for special tokens)."""
    n = len(text)
    next_nonspace = _next_nonspace(text)
    starts, ends = offsets[:, 0], offsets[:, 1]
    labels = np.full(len(offsets), IGNORE_INDEX, dtype=np.int64)
    content = starts >= 0
    first = next_nonspace[np.clip(starts, 0, n)]
    # A whitespace-only token takes its own first character: inside a span it continues it.
    first = np.where(first < ends, first, starts)
    inside = content & (first < ends) & (first < n)
    tag = np.full(len(offsets), -1, dtype=np.int64)
    tag[inside] = tag_of[first[inside]]
    is_begin = np.zeros(len(offsets), dtype=bool)
    is_begin[inside] = start_of[first[inside]] == first[inside]
    labels[content] = 0
    tagged = tag >= 0
    labels[tagged] = 1 + 2 * tag[tagged] + (~is_begin[tagged]).astype(np.int64)
    return labels


def build_examples(
    articles: Sequence[Article],
    tokenizer: PreTrainedTokenizerBase,
    max_length: int,
    stride: int,
    scheme: str = DEFAULT_SCHEME,
    newline_marker: str = "",
) -> dict[str, list]:
    """Columns ``input_ids``, ``attention_mask``, ``labels``, ``article`` for ``datasets``."""
    texts = [a.text for a in articles]
    windows = encode_windows(texts, tokenizer, max_length, stride, newline_marker)
    tags = [char_tags(a, scheme) for a in articles]
    columns: dict[str, list] = {"input_ids": [], "attention_mask": [], "labels": [], "article": []}
    for w in windows:
        text = articles[w.article].text
        labels = align_labels(text, w.offsets, *tags[w.article])
        columns["input_ids"].append(w.input_ids)
        columns["attention_mask"].append([1] * len(w.input_ids))
        columns["labels"].append(labels.tolist())
        columns["article"].append(w.article)
    return columns


def build_dataset_dict(
    splits: dict[str, Sequence[Article]],
    tokenizer: PreTrainedTokenizerBase,
    max_length: int,
    stride: int,
    scheme: str = DEFAULT_SCHEME,
    newline_marker: str = "",
):
    """A ``datasets.DatasetDict`` with one token-classification split per corpus split."""
    from datasets import Dataset, DatasetDict

    return DatasetDict(
        {
            name: Dataset.from_dict(
                build_examples(arts, tokenizer, max_length, stride, scheme, newline_marker)
            )
            for name, arts in splits.items()
        }
    )
