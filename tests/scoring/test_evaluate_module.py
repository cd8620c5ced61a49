"""The evaluate module in metrics/ gives the figures of `quoteattr evaluate`, offline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

evaluate = pytest.importorskip("evaluate", reason="the metric module needs evaluate installed")

from quoteattr.cli import main  # noqa: E402
from quoteattr.data.readers import read_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def test_the_evaluate_module_scores_as_quoteattr_evaluate(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    gold = list(read_corpus(ROOT / "data" / "sample" / "brat"))
    # predictions: gold with the last attribution of each article dropped and the first
    # one's speaker taken away, so that the scores are not all 1
    lines = []
    for article in gold:
        attributions = [a.to_dict() for a in article.attributions[:-1]]
        if attributions:
            attributions[0]["speaker"] = None
        lines.append(json.dumps({"id": article.id, "attributions": attributions}))
    predictions = tmp_path / "predictions.jsonl"
    predictions.write_text("\n".join(lines) + "\n")
    assert main(["evaluate", str(ROOT / "data/sample/brat"), str(predictions),
                 "-o", str(tmp_path / "scores.json")]) == 0  # fmt: skip
    expected = json.loads((tmp_path / "scores.json").read_text())

    metric = evaluate.load(str(ROOT / "metrics" / "quoteattr_attribution"))
    references = [json.dumps(a.to_dict()) for a in gold]
    got = metric.compute(predictions=lines, references=references)
    assert 0 < got["attribution_f1"] < 1 and got["attribution_speaker_f1"] < got["attribution_f1"]
    assert got["attribution_f1"] == expected["attribution"]["f1"]
    assert got["attribution_speaker_f1"] == expected["attribution+speaker"]["f1"]
    for role in ("quote", "cue", "speaker"):
        assert got["scores"][role] == expected[role]
