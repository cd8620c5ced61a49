"""Where predicted quotes go wrong: counts of each kind of error against gold, with examples.

    quoteattr evaluate data/polnear/dev --model runs/polnear-minilm \
        --save-predictions dev-pred.jsonl
    python experiments/error_analysis.py --gold data/polnear/dev --predictions dev-pred.jsonl \
        -o experiments/results/errors.json [--examples 5]

Matched attributions (the scoring's one-to-one matches) are split by how their quote
extents differ (start early or late, end early or late); unmatched gold quotes and
unmatched predictions by how much of them other quotes cover (none, under half, at least
half), and matched ones by whether their speakers agree.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter, defaultdict

from quoteattr.data.readers import read_corpus, read_predictions
from quoteattr.scoring.metrics import (
    match_attributions,
    quote_chars,
    quote_extent,
    trim_span,
    write_json,
)


def _boundary(gold: tuple[int, int], pred: tuple[int, int]) -> str:
    start = (
        "start ok" if pred[0] == gold[0] else ("start early" if pred[0] < gold[0] else "start late")
    )
    end = "end ok" if pred[1] == gold[1] else ("end early" if pred[1] < gold[1] else "end late")
    return f"matched: {start}, {end}"


def _coverage(chars: set[int], others: set[int], what: str) -> str:
    share = len(chars & others) / max(1, len(chars))
    return f"{what}: " + (
        "no overlap"
        if share == 0
        else "under half covered"
        if share < 0.5
        else "half or more covered"
    )


def _speaker(gold, pred) -> str:
    g, p = trim_span(gold.speaker), trim_span(pred.speaker)
    if g is None or p is None:
        return (
            "speaker: both none"
            if g is p
            else ("speaker: missing" if p is None else "speaker: extra")
        )
    return "speaker: agrees" if max(g[0], p[0]) < min(g[1], p[1]) else "speaker: wrong"


def analyse(gold_articles, predicted) -> tuple[Counter, dict[str, list[str]]]:
    counts: Counter = Counter()
    examples: dict[str, list[str]] = defaultdict(list)

    def add(kind: str, text: str, extent: tuple[int, int] | None) -> None:
        counts[kind] += 1
        if extent is not None:
            s, e = extent
            examples[kind].append(f"{text[max(0, s - 40) : s]}[[{text[s:e]}]]{text[e : e + 20]}")

    for article in gold_articles:
        gold, pred, text = (
            list(article.attributions),
            list(predicted.get(article.id, ())),
            article.text,
        )
        pairs = match_attributions(gold, pred)
        gold_chars, pred_chars = [quote_chars(a) for a in gold], [quote_chars(a) for a in pred]
        all_gold, all_pred = set().union(*gold_chars), set().union(*pred_chars)
        for i, j in pairs:
            g, p = quote_extent(gold[i]), quote_extent(pred[j])
            add("matched: exact" if g == p else _boundary(g, p), text, p)
            add(_speaker(gold[i], pred[j]), text, p)
        for i in set(range(len(gold))) - {i for i, _ in pairs}:
            add(_coverage(gold_chars[i], all_pred, "missed gold"), text, quote_extent(gold[i]))
        for j in set(range(len(pred))) - {j for _, j in pairs}:
            add(_coverage(pred_chars[j], all_gold, "spurious"), text, quote_extent(pred[j]))
    return counts, examples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", default="data/polnear/dev")
    parser.add_argument("--predictions", required=True, help="JSONL of quoteattr predict/evaluate")
    parser.add_argument("--examples", type=int, default=3, help="random examples per kind")
    parser.add_argument("-o", "--output")
    args = parser.parse_args()
    predicted = read_predictions(args.predictions)
    counts, examples = analyse(read_corpus(args.gold), predicted)
    rng = random.Random(0)
    shown = {k: rng.sample(v, min(args.examples, len(v))) for k, v in sorted(examples.items())}
    for kind in sorted(counts):
        print(f"{counts[kind]:6}  {kind}")
        for example in shown.get(kind, []):
            print("          " + example.replace("\n", "/")[:200])
    if args.output:
        report = {
            "predictions": args.predictions,
            "counts": dict(sorted(counts.items())),
            "examples": shown,
        }
        write_json(args.output, report)


if __name__ == "__main__":
    main()
