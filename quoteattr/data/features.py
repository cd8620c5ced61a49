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
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..labels import DEFAULT_SCHEME, IGNORE_INDEX, SCHEMES
from ..schema import Article, Span

if TYPE_CHECKING:
    import tokenizers


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


def backend(tokenizer: Any) -> tokenizers.Tokenizer:
    """The ``tokenizers.Tokenizer`` behind a transformers fast tokenizer (or itself)."""
    inner = getattr(tokenizer, "backend_tokenizer", tokenizer)
    if not hasattr(inner, "encode_batch"):
        raise ValueError("quoteattr needs a fast tokenizer (offset mappings)")
    return inner


def load_tokenizer(folder: str | Path) -> tokenizers.Tokenizer:
    """A model folder's ``tokenizer.json``, without importing transformers (or torch)."""
    from tokenizers import Tokenizer

    path = Path(folder) / "tokenizer.json"
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no tokenizer.json (quoteattr needs a fast tokenizer)")
    return Tokenizer.from_file(str(path))


def _encode(
    tokenizer: Any, texts: Sequence[str], max_length: int | None = None, stride: int = 0,
    add_special_tokens: bool = True,
) -> list:  # fmt: skip
    """Encodings of ``texts``, each with its overflowing windows, as transformers' fast
    tokenizers make them; the tokenizer's own truncation and padding are left as they were."""
    inner = backend(tokenizer)
    truncation, padding = inner.truncation, inner.padding
    try:
        if max_length:
            inner.enable_truncation(max_length, stride=stride, strategy="longest_first")
        else:
            inner.no_truncation()
        inner.no_padding()
        return inner.encode_batch(list(texts), add_special_tokens=add_special_tokens)
    finally:
        if truncation is None:
            inner.no_truncation()
        else:
            inner.enable_truncation(**truncation)
        if padding is not None:
            inner.enable_padding(**padding)


def token_ids(tokenizer: Any, text: str) -> list[int]:
    """The ids of ``text``'s tokens, no special tokens."""
    return _encode(tokenizer, [text], add_special_tokens=False)[0].ids


def check_newline_marker(tokenizer: Any, marker: str) -> None:
    """``ValueError`` unless ``marker`` is one character that the tokenizer knows."""
    if len(marker) != 1:
        raise ValueError(f"newline_marker must be one character, got {marker!r}")
    ids = token_ids(tokenizer, marker)
    unk = getattr(backend(tokenizer).model, "unk_token", None)
    if not ids or (unk is not None and backend(tokenizer).token_to_id(unk) in ids):
        raise ValueError(f"newline_marker {marker!r} is unknown to the tokenizer (no token)")


def encode_windows(
    texts: Sequence[str],
    tokenizer: Any,
    max_length: int,
    stride: int,
    newline_marker: str = "",
) -> list[Window]:
    """Tokenise ``texts`` into overlapping windows of at most ``max_length`` tokens.

    ``tokenizer``: a transformers fast tokenizer or a ``tokenizers.Tokenizer``."""
    if not 0 <= stride < max_length // 2:
        raise ValueError(f"stride {stride} must be >= 0 and below max_length/2 ({max_length})")
    backend(tokenizer)
    if newline_marker:
        check_newline_marker(tokenizer, newline_marker)
        texts = [mark_newlines(text, newline_marker) for text in texts]
    windows = []
    for article, encoding in enumerate(_encode(tokenizer, texts, max_length, stride)):
        for part in (encoding, *encoding.overflowing):
            offsets = np.asarray(part.offsets, dtype=np.int64).reshape(-1, 2)
            offsets[np.asarray(part.special_tokens_mask, dtype=bool)] = -1
            windows.append(Window(article, list(part.ids), offsets))
    check_coverage(texts, windows, tokenizer)
    return windows


def check_coverage(texts: Sequence[str], windows: Sequence[Window], tokenizer: Any) -> None:
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
    if piece.strip() and token_ids(tokenizer, piece):
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
    tokenizer: Any,
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
    tokenizer: Any,
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
