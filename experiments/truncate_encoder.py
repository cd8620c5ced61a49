"""Another student from a trained model: its encoder layers, some dropped or repeated.

Writes a model folder (weights, config, tokenizer) whose encoder is the named layers of
SOURCE in the order given: every other layer of the fine-tuned MPNet model (as
DistilBERT was initialised from BERT), or MiniLM-L6's layers with some repeated to make
a deeper model. A repeated layer is a copy. Train the result further with ``quoteattr
train`` (``distill:`` from the teacher).

    python experiments/truncate_encoder.py runs/polnear-mpnet -o runs/mpnet6 --keep 0 2 4 6 8 10
    python experiments/truncate_encoder.py runs/minilm -o runs/minilm10 --keep 0 1 1 2 2 3 3 4 4 5
"""

import argparse
import copy
from pathlib import Path

import torch
from transformers import AutoModelForTokenClassification, AutoTokenizer


def truncate(source: Path, out: Path, keep: list[int]) -> None:
    model = AutoModelForTokenClassification.from_pretrained(source, dtype=torch.float32)
    layers = model.base_model.encoder.layer
    if not keep or not all(0 <= i < len(layers) for i in keep):
        raise SystemExit(f"--keep: layer numbers in 0..{len(layers) - 1}, got {keep}")
    model.base_model.encoder.layer = torch.nn.ModuleList(copy.deepcopy(layers[i]) for i in keep)
    model.config.num_hidden_layers = len(keep)
    model.save_pretrained(out)
    AutoTokenizer.from_pretrained(source).save_pretrained(out)
    n = sum(p.numel() for p in model.parameters())
    print(f"{source}: layers {keep} of {len(layers)} -> {out} ({n / 1e6:.1f}M parameters)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--keep", type=int, nargs="+", required=True, metavar="LAYER")
    args = parser.parse_args()
    truncate(args.source, args.output, args.keep)


if __name__ == "__main__":
    main()
