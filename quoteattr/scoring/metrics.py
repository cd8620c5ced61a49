"""The published scoring: span and attribution precision, recall and F1.

Spans are compared after trimming whitespace and punctuation at both ends. Per role
(quote, cue, speaker) we report exact-span and character-overlap scores, micro-averaged
over documents; attributions are matched one-to-one by quote-character overlap.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from ..schema import ROLES, Article, Attribution, Span

G = TypeVar("G")

ROWS = [(role, kind) for role in ROLES for kind in ("exact", "overlap")]


def _trimmable(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch).startswith("P")


def trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Shrink ``text[start:end]`` past whitespace and punctuation at both ends.

    Returns the trimmed ``(start, end)`` in the same coordinates, or ``None`` when
    nothing is left.
    """
    while start < end and _trimmable(text[start]):
        start += 1
    while end > start and _trimmable(text[end - 1]):
        end -= 1
    return (start, end) if start < end else None


def trim_span(span: Span | None) -> tuple[int, int] | None:
    """A span's trimmed article offsets, using its own ``.text``; ``None`` if empty."""
    if span is None:
        return None
    inner = trim(span.text, 0, len(span.text))
    return None if inner is None else (span.start + inner[0], span.start + inner[1])


def _quote_pieces(attribution: Attribution) -> list[tuple[int, int]]:
    return [t for t in map(trim_span, attribution.quote) if t is not None]


def quote_extent(attribution: Attribution) -> tuple[int, int] | None:
    """The trimmed quote extent: first surviving trimmed piece's start to the last's end."""
    pieces = _quote_pieces(attribution)
    if not pieces:
        return None
    return min(s for s, _ in pieces), max(e for _, e in pieces)


def _chars(offsets: Iterable[tuple[int, int] | None]) -> set[int]:
    out: set[int] = set()
    for t in offsets:
        if t is not None:
            out.update(range(*t))
    return out


def quote_chars(attribution: Attribution) -> set[int]:
    """Character indices covered by the attribution's trimmed quote pieces."""
    return _chars(_quote_pieces(attribution))


def _role_spans(attribution: Attribution, role: str) -> list[tuple[int, int]]:
    """Trimmed spans of one role, for the exact comparison (quotes: one extent)."""
    if role == "quote":
        found = quote_extent(attribution)
    else:
        found = trim_span(getattr(attribution, role))
    return [] if found is None else [found]


def _role_chars(attribution: Attribution, role: str) -> set[int]:
    if role == "quote":
        return quote_chars(attribution)
    return _chars([trim_span(getattr(attribution, role))])


def match_attributions(
    gold: Sequence[Attribution], pred: Sequence[Attribution]
) -> list[tuple[int, int]]:
    """One-to-one ``(gold_index, pred_index)`` matches within one document.

    A pair is a candidate when its quote characters overlap by at least half of the
    larger quote-character count (and by at least one character). Candidates are taken
    greedily by overlap size, largest first, ties by gold index then predicted index.
    The result is sorted by gold index.
    """
    gold_chars = [quote_chars(a) for a in gold]
    pred_chars = [quote_chars(a) for a in pred]
    candidates = []
    for i, g in enumerate(gold_chars):
        for j, p in enumerate(pred_chars):
            overlap = len(g & p)
            if overlap > 0 and 2 * overlap >= max(len(g), len(p)):
                candidates.append((-overlap, i, j))
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def _speakers_agree(gold: Attribution, pred: Attribution) -> bool:
    g, p = trim_span(gold.speaker), trim_span(pred.speaker)
    if g is None or p is None:
        return g is None and p is None
    return max(g[0], p[0]) < min(g[1], p[1])


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, Any]:
    """Precision, recall and F1 (rounded to 4 places) with the counts behind them."""
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "tp": tp,
        "n_pred": n_pred,
        "n_gold": n_gold,
    }


def with_predictions(
    gold: Iterable[G], predicted: Mapping[str, Sequence[Attribution]], missing: list[str]
) -> Iterator[tuple[G, list[Attribution]]]:
    """Each gold article (anything with an ``id``) with its predicted attributions; gold ids
    absent from ``predicted`` are appended to ``missing`` and scored as predicting nothing.
    A repeated gold id is an error."""
    seen: set[str] = set()
    for article in gold:
        if article.id in seen:
            raise ValueError(f"gold article id {article.id!r} appears more than once")
        seen.add(article.id)
        if article.id not in predicted:
            missing.append(article.id)
        yield article, list(predicted.get(article.id, ()))


def score(gold: Iterable[Article], predicted: Mapping[str, Sequence[Attribution]]) -> dict:
    """Score predicted attributions against gold articles, micro-averaged over documents.

    Gold documents missing from ``predicted`` count as having no predictions; predicted
    ids that are not gold documents are ignored. A repeated gold id is an error.
    """
    exact = {role: [0, 0, 0] for role in ROLES}  # tp, n_pred, n_gold
    overlap = {role: [0, 0, 0] for role in ROLES}
    attribution = [0, 0, 0]
    with_speaker = 0
    missing: list[str] = []
    documents = 0
    for article, pred_attrs in with_predictions(gold, predicted, missing):
        documents += 1
        gold_attrs = list(article.attributions)
        for role in ROLES:
            g = {t for a in gold_attrs for t in _role_spans(a, role)}
            p = {t for a in pred_attrs for t in _role_spans(a, role)}
            _add(exact[role], len(g & p), len(p), len(g))
            gc = set().union(*(_role_chars(a, role) for a in gold_attrs))
            pc = set().union(*(_role_chars(a, role) for a in pred_attrs))
            _add(overlap[role], len(gc & pc), len(pc), len(gc))
        pairs = match_attributions(gold_attrs, pred_attrs)
        _add(attribution, len(pairs), len(pred_attrs), len(gold_attrs))
        with_speaker += sum(_speakers_agree(gold_attrs[i], pred_attrs[j]) for i, j in pairs)
    out: dict[str, Any] = {"documents": documents, "missing_predictions": missing}
    for role in ROLES:
        out[role] = {"exact": prf(*exact[role]), "overlap": prf(*overlap[role])}
    out["attribution"] = prf(*attribution)
    out["attribution+speaker"] = prf(with_speaker, attribution[1], attribution[2])
    return out


def score_predictions(gold: Sequence[Article], predicted: Sequence[Sequence[Attribution]]) -> dict:
    """:func:`score` for predictions given in the order of ``gold`` (one list per
    article, as ``QuoteAttributor.predict`` returns them)."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold articles but {len(predicted)} predictions")
    return score(gold, {article.id: p for article, p in zip(gold, predicted)})


def _add(totals: list[int], tp: int, n_pred: int, n_gold: int) -> None:
    totals[0] += tp
    totals[1] += n_pred
    totals[2] += n_gold


def format_scores(scores: dict) -> str:
    """A small aligned text table of a :func:`score` result."""
    rows = [(f"{role} {kind}", scores[role][kind]) for role, kind in ROWS]
    rows += [(name, scores[name]) for name in ("attribution", "attribution+speaker")]
    width = max(len(name) for name, _ in rows)
    header = f"{'':<{width}}  {'P':>6}  {'R':>6}  {'F1':>6}  {'tp':>8}  {'pred':>8}  {'gold':>8}"
    lines = [
        f"documents: {scores['documents']} "
        f"(missing predictions: {len(scores['missing_predictions'])})",
        header,
    ]
    for name, s in rows:
        lines.append(
            f"{name:<{width}}  {s['precision']:>6.4f}  {s['recall']:>6.4f}  {s['f1']:>6.4f}"
            f"  {s['tp']:>8}  {s['n_pred']:>8}  {s['n_gold']:>8}"
        )
    return "\n".join(lines)


def headline(scores: dict) -> dict[str, float]:
    """The three F1 figures the project's bar is set in, from ``score``'s result."""
    return {
        "attribution_f1": scores["attribution"]["f1"],
        "attribution_speaker_f1": scores["attribution+speaker"]["f1"],
        "quote_exact_f1": scores["quote"]["exact"]["f1"],
    }


def write_json(path: str | Path, data: Any) -> None:
    """Write ``data`` as indented UTF-8 JSON, making the folder if needed (results files)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
