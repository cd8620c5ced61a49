"""Which linear layers int8 quantization may touch: accuracy and CPU speed per variant.

    python experiments/ablate_int8.py --model runs/polnear-minilm --gold data/polnear/dev \
        -o experiments/results/ablation-int8-minilm.json [--no-timing]

Variants: fp32; ONNX Runtime dynamic int8 with per-channel weights (what
``quantize="int8"`` does) and with per-tensor weights; and, for the record, PyTorch's
``torch.ao`` dynamic int8 (deprecated; quoteattr no longer uses it) on every linear layer
and with down-projections (``in_features > out_features``: the feed-forward output and
the classifier) kept fp32. Timing is ``predict`` over the gold texts, best of 2 after a
warm-up, on 2 threads. ``--only NAME`` (repeatable) runs some variants.
"""

from __future__ import annotations

import argparse
import json
import time

import torch

from quoteattr.data.readers import read_corpus
from quoteattr.inference.attributor import QuoteAttributor
from quoteattr.inference.onnx_export import export_onnx
from quoteattr.inference.onnx_runtime import OnnxTokenClassifier
from quoteattr.scoring.metrics import headline, score_predictions, write_json


def torch_ao_int8(model, keep=None):
    """The retired torch.ao path: dynamic int8, per-channel weights, on the linear layers
    that ``keep`` accepts (all by default)."""
    qconfig = torch.ao.quantization.per_channel_dynamic_qconfig
    spec: dict = {torch.nn.Linear: qconfig}
    if keep is not None:
        spec = {name: qconfig for name, module in model.named_modules()
                if isinstance(module, torch.nn.Linear) and keep(module)}  # fmt: skip
    return torch.ao.quantization.quantize_dynamic(model, spec, dtype=torch.qint8)


def onnx_int8(per_channel: bool):
    return lambda model: OnnxTokenClassifier.from_export(
        export_onnx(model, per_channel=per_channel), threads=2
    )


VARIANTS = {
    "fp32": lambda model: model,
    "onnx int8, per-channel (quantize='int8')": onnx_int8(per_channel=True),
    "onnx int8, per-tensor": onnx_int8(per_channel=False),
    "torch.ao int8, every linear layer": torch_ao_int8,
    "torch.ao int8, down-projections kept fp32": lambda model: torch_ao_int8(
        model, lambda m: m.in_features <= m.out_features
    ),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", required=True)
    parser.add_argument("--gold", default="data/polnear/dev")
    parser.add_argument("-o", "--output")
    parser.add_argument("--no-timing", action="store_true", help="scores only")
    parser.add_argument("--only", action="append", help="run only these variants")
    args = parser.parse_args()
    torch.set_num_threads(2)
    articles = list(read_corpus(args.gold))
    texts = [a.text for a in articles]
    rows = {}
    for name, convert in VARIANTS.items():
        if args.only and name not in args.only:
            continue
        attributor = QuoteAttributor.from_pretrained(args.model, device="cpu", backend="torch")
        attributor.model = convert(attributor.model)
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
