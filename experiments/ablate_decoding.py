"""Decoding ablations on one trained model: the forward pass runs once, each variant
decodes the same logits, and each is scored with the project's scoring.

    python experiments/ablate_decoding.py --model runs/polnear-minilm --gold data/polnear/dev \
        -o experiments/results/ablation-decoding.json
"""

from __future__ import annotations

import argparse
import dataclasses

from quoteattr.data.readers import read_corpus
from quoteattr.decode.article import decode_articles
from quoteattr.inference.attributor import QuoteAttributor
from quoteattr.scoring.metrics import headline, score_predictions, write_json

VARIANTS = {
    "full decoding (default)": {},
    "argmax instead of Viterbi": {"viterbi": False},
    "no paragraph rules (spans run on across line breaks, a cue keeps all its quotes)": {
        "paragraphs": False
    },
    "nearest cue, learned sides ignored": {"use_sides": False},
    "no shared speakers": {"shared_speakers": False},
    "min_score 0 (keep every attribution)": {"min_score": 0.0},
    "min_score 0.4": {"min_score": 0.4},
    "min_score 0.5": {"min_score": 0.5},
    "min_score 0.6": {"min_score": 0.6},
    "min_score 0.7": {"min_score": 0.7},
    "min_score 0.8": {"min_score": 0.8},
    "max_distance 120": {"max_distance": 120},
    "max_distance 500": {"max_distance": 500},
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", required=True)
    parser.add_argument("--gold", default="data/polnear/dev")
    parser.add_argument("--quantize", choices=["int8"], help="decode an int8 model's logits")
    parser.add_argument("-o", "--output")
    args = parser.parse_args()
    attributor = QuoteAttributor.from_pretrained(args.model, quantize=args.quantize)
    articles = list(read_corpus(args.gold))
    saved = dataclasses.asdict(attributor.settings.decoding)
    texts = [a.text for a in articles]
    windows = attributor.encode(texts)
    logits = attributor.window_logits(windows, attributor.batch_size)
    rows = {}
    print(f"{'variant':80} {'attr F1':>8} {'+spk F1':>8} {'quote ex':>8}")
    for name, change in VARIANTS.items():
        decoding = {**saved, **change}
        predicted = decode_articles(texts, windows, logits, attributor.labels, **decoding)
        scores = score_predictions(articles, predicted)
        rows[name] = {
            "settings": decoding,
            **headline(scores),
            "cue_exact_f1": scores["cue"]["exact"]["f1"],
            "speaker_exact_f1": scores["speaker"]["exact"]["f1"],
        }
        r = rows[name]
        print(f"{name:80} {r['attribution_f1']:8.4f} {r['attribution_speaker_f1']:8.4f} "
              f"{r['quote_exact_f1']:8.4f}")  # fmt: skip
    if args.output:
        write_json(args.output, {"model": args.model, "quantize": args.quantize, "rows": rows})


if __name__ == "__main__":
    main()
