"""Score a model, or a file of its predictions, against gold annotations."""

from __future__ import annotations

import os
import time
from typing import Any

from ..data.readers import CorpusReport, read_corpus, read_predictions
from ..outputs.writers import JsonlWriter
from ..scoring.metrics import score, score_predictions


def evaluate(
    gold: str | os.PathLike,
    predictions: str | os.PathLike | None = None,
    *,
    model: str | os.PathLike | None = None,
    settings: dict[str, Any] | None = None,
    save_predictions: str | os.PathLike | None = None,
    **loading: Any,
) -> tuple[dict[str, Any], CorpusReport]:
    """The scores of ``predictions`` (a JSONL file) against ``gold`` (a BRAT folder or
    JSONL with attributions), or of ``model`` (default: the shipped one) predicting gold's
    texts now; and the report of gold articles that could not be read.

    ``loading`` goes to :meth:`QuoteAttributor.from_pretrained` (``device``, ``dtype``,
    ``quantize``, ``backend``, ``batch_size``, ``revision``) and ``settings`` overrides the
    model's decoding settings (``{"min_score": 0.5}``).
    """
    report = CorpusReport()
    articles = list(read_corpus(gold, report=report))
    if predictions:
        scores = score(articles, read_predictions(predictions))
        scores["predictions"] = str(predictions)
        return scores, report
    from ..inference.attributor import QuoteAttributor

    attributor = QuoteAttributor.from_pretrained(model, **loading, **(settings or {}))
    started = time.perf_counter()
    predicted = attributor.predict([a.text for a in articles], progress=True)
    seconds = time.perf_counter() - started
    scores = score_predictions(articles, predicted)
    scores.update(
        model=str(model or "quoteattr (shipped)"),
        settings=attributor.settings.to_dict(),
        quantize=loading.get("quantize"),
        predict_seconds=round(seconds, 2),
    )
    if save_predictions:
        with open(save_predictions, "w", encoding="utf-8") as f:
            writer = JsonlWriter(f)
            for article, attributions in zip(articles, predicted):
                writer.add(article.id, article.text, attributions)
    return scores, report
