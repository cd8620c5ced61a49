"""quoteattr's attribution metric as a Hugging Face ``evaluate`` module.

    import evaluate
    metric = evaluate.load("metrics/quoteattr_attribution")  # this folder: works offline
    scores = metric.compute(predictions=[...], references=[...])

Each reference is one gold article as a JSON string, a line of quoteattr's training JSONL
(``{"id", "text", "attributions"}``); each prediction is the JSON of that article's
predicted attributions: a line of ``quoteattr predict``'s output (``{"id",
"attributions"}``) or the attribution list alone. The scores are those of
``quoteattr evaluate``, computed by the same code (:func:`quoteattr.scoring.metrics.score`).
"""

from __future__ import annotations

import json

import datasets
import evaluate

from quoteattr.schema import Article, Attribution
from quoteattr.scoring.metrics import headline, score

_DESCRIPTION = """Quote attribution scores: for quote, cue and speaker spans, exact-span and
character-overlap precision, recall and F1; for whole attributions (a predicted quote that
covers a gold quote with its cue), attribution F1, and attribution+speaker F1, which also
needs the speakers to agree. Micro-averaged over articles."""

_KWARGS = """
Args:
    predictions: one JSON string per article, ``{"id", "attributions"}`` or a list of
        attributions, as ``quoteattr predict`` writes them.
    references: one JSON string per article, ``{"id", "text", "attributions"}``.
Returns:
    ``attribution_f1``, ``attribution_speaker_f1``, ``quote_exact_f1`` and the full
    ``scores`` of ``quoteattr evaluate`` (per role, exact and overlap P/R/F1).
"""


class QuoteattrAttribution(evaluate.Metric):
    def _info(self) -> evaluate.MetricInfo:
        return evaluate.MetricInfo(
            description=_DESCRIPTION,
            citation="",
            inputs_description=_KWARGS,
            features=datasets.Features(
                {"predictions": datasets.Value("string"), "references": datasets.Value("string")}
            ),
            homepage="https://github.com/quoteattr/quoteattr",
        )

    def _compute(self, predictions: list[str], references: list[str]) -> dict:
        gold = [Article.from_dict(json.loads(r)) for r in references]
        predicted = {}
        for article, line in zip(gold, predictions):
            data = json.loads(line)
            attributions = data["attributions"] if isinstance(data, dict) else data
            predicted[article.id] = [Attribution.from_dict(a) for a in attributions]
        scores = score(gold, predicted)
        return {**headline(scores), "scores": scores}
