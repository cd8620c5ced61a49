"""Predict a gold corpus with a model and score it; prints and writes JSON.

    python scripts/evaluate.py --model runs/polnear-minilm --gold data/polnear/dev \
        -o results/dev-minilm.json [--quantize int8] [--set max_distance=150]

``--set KEY=VALUE`` overrides a decoding setting (for ablations) without retraining.
"""

from __future__ import annotations

import argparse
import json
import time

from quoteattr.inference import QuoteAttributor
from quoteattr.metrics import format_scores, score, write_json
from quoteattr.readers import CorpusReport, read_corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", required=True)
    parser.add_argument("--gold", required=True, help="BRAT folder or JSONL")
    parser.add_argument("-o", "--output", help="JSON file for the scores")
    parser.add_argument("--predictions", help="also write the predictions JSONL here")
    parser.add_argument("--quantize", choices=["int8"])
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE")
    args = parser.parse_args()

    settings = {k: json.loads(v) for k, v in (s.split("=", 1) for s in args.set)}
    attributor = QuoteAttributor.from_pretrained(
        args.model, quantize=args.quantize, batch_size=args.batch_size, **settings
    )
    report = CorpusReport()
    gold = list(read_corpus(args.gold, report=report))
    started = time.perf_counter()
    predicted = attributor.predict([a.text for a in gold])
    seconds = time.perf_counter() - started
    scores = score(gold, {a.id: p for a, p in zip(gold, predicted)})
    scores["model"] = str(args.model)
    scores["settings"] = attributor.settings
    scores["quantize"] = args.quantize
    scores["predict_seconds"] = round(seconds, 2)
    print(report.summary())
    print(format_scores(scores))
    print(f"predict: {len(gold)} articles in {seconds:.1f}s")
    if args.output:
        write_json(args.output, scores)
    if args.predictions:
        with open(args.predictions, "w", encoding="utf-8") as f:
            for article, attributions in zip(gold, predicted):
                record = {"id": article.id, "attributions": [a.to_dict() for a in attributions]}
                f.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
