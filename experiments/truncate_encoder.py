"""A smaller student from a trained model: keep some of its encoder layers.

Writes a model folder (weights, config, tokenizer) whose encoder keeps only the named
layers of SOURCE, e.g. every other layer of the fine-tuned MPNet model, as DistilBERT
was initialised from BERT. Train it further with ``quoteattr train`` (``distill:`` from
SOURCE).

    python experiments/truncate_encoder.py runs/polnear-mpnet -o runs/mpnet6-init --keep 0 2 4 6 8 10
"""

import argparse
from pathlib import Path

import torch
from transformers import AutoModelForTokenClassification, AutoTokenizer


def truncate(source: Path, out: Path, keep: list[int]) -> None:
    model = AutoModelForTokenClassification.from_pretrained(source, dtype=torch.float32)
    layers = model.base_model.encoder.layer
    if not keep or sorted(set(keep)) != keep or not 0 <= keep[0] <= keep[-1] < len(layers):
        raise SystemExit(f"--keep: increasing layer numbers in 0..{len(layers) - 1}, got {keep}")
    model.base_model.encoder.layer = torch.nn.ModuleList(layers[i] for i in keep)
    model.config.num_hidden_layers = len(keep)
    model.save_pretrained(out)
    AutoTokenizer.from_pretrained(source).save_pretrained(out)
    n = sum(p.numel() for p in model.parameters())
    print(f"{source}: kept layers {keep} of {len(layers)} -> {out} ({n / 1e6:.1f}M parameters)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--keep", type=int, nargs="+", required=True, metavar="LAYER")
    args = parser.parse_args()
    truncate(args.source, args.output, args.keep)


if __name__ == "__main__":
    main()
