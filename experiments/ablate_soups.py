"""Model soups scored on dev: each recipe's models are averaged in memory (``make_soup``,
classifier check off, so that soups of other seeds can be measured too) and scored with
the project's scoring and the first model's decoding settings.

    python experiments/ablate_soups.py -o experiments/results/ablation-soups.json \
        --soup default+512=runs/polnear-minilm,runs/polnear-minilm-512 \
        --soup default=runs/polnear-minilm ...
"""

from __future__ import annotations

import argparse

from quoteattr.data.readers import read_corpus
from quoteattr.inference.attributor import QuoteAttributor
from quoteattr.scoring.metrics import headline, score_predictions, write_json
from quoteattr.train.soup import make_soup


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--soup", action="append", required=True, metavar="NAME=MODEL[,MODEL...]",
        help="a recipe: its name and its models (one model: that model alone)",
    )  # fmt: skip
    parser.add_argument("--gold", default="data/polnear/dev")
    parser.add_argument("-o", "--output")
    args = parser.parse_args()
    articles = list(read_corpus(args.gold))
    texts = [a.text for a in articles]
    rows = {}
    print(f"{'soup':40} {'attr F1':>8} {'+spk F1':>8} {'quote ex':>8}")
    for recipe in args.soup:
        name, _, models = recipe.partition("=")
        paths = models.split(",")
        if len(paths) == 1:
            model = QuoteAttributor.from_pretrained(paths[0], device="cpu")
        else:
            model = make_soup(paths, any_heads=True)
        scores = score_predictions(articles, model.predict(texts))
        rows[name] = {"models": paths, **headline(scores)}
        r = rows[name]
        print(f"{name:40} {r['attribution_f1']:8.4f} {r['attribution_speaker_f1']:8.4f} "
              f"{r['quote_exact_f1']:8.4f}", flush=True)  # fmt: skip
    if args.output:
        write_json(args.output, {"gold": args.gold, "rows": rows})


if __name__ == "__main__":
    main()
