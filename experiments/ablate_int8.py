"""Which linear layers int8 quantization may touch: accuracy and CPU speed per variant.

    python experiments/ablate_int8.py --model runs/polnear-minilm --gold data/polnear/dev \
        -o experiments/results/ablation-int8-minilm.json [--no-timing]

Variants: fp32; every linear layer int8 (what ``quantize="int8"`` does); and the same
but for down-projections (``in_features > out_features``: the feed-forward output and
the classifier), which stay fp32. Each is dynamic int8 with per-channel weights. Timing is
``predict`` over the gold texts, best of 2 after a warm-up, on 2 threads.
"""

from __future__ import annotations

import argparse
import json
import time

import torch

from quoteattr.inference import QuoteAttributor, quantize_int8
from quoteattr.metrics import headline, score_predictions, write_json
from quoteattr.readers import read_corpus

VARIANTS = {
    "fp32": None,
    "int8, every linear layer (quantize='int8')": None,
    "int8, down-projections kept fp32": lambda m: m.in_features <= m.out_features,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", required=True)
    parser.add_argument("--gold", default="data/polnear/dev")
    parser.add_argument("-o", "--output")
    parser.add_argument("--no-timing", action="store_true", help="scores only")
    args = parser.parse_args()
    torch.set_num_threads(2)
    articles = list(read_corpus(args.gold))
    texts = [a.text for a in articles]
    rows = {}
    for name, keep in VARIANTS.items():
        attributor = QuoteAttributor.from_pretrained(args.model, device="cpu")
        if name != "fp32":
            attributor.model = quantize_int8(attributor.model, keep)
        row = {}
        if not args.no_timing:
            attributor.predict(texts[:8])  # warm-up
            seconds = []
            for _ in range(2):
                started = time.perf_counter()
                attributor.predict(texts)
                seconds.append(time.perf_counter() - started)
            row["articles_per_second"] = round(len(texts) / min(seconds), 3)
        scores = score_predictions(articles, attributor.predict(texts))
        row.update(headline(scores))
        rows[name] = row
        print(f"{name:45} {json.dumps(row)}", flush=True)
    if args.output:
        write_json(args.output, {"model": args.model, "rows": rows})


if __name__ == "__main__":
    main()
