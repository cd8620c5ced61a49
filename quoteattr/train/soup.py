"""Model soups: one model whose weights are the average of several fine-tuned models.

Averaging the weights of models fine-tuned from the same encoder (Wortsman et al., 2022,
"Model soups") often scores higher than each of them, at the inference cost of one model.
On PolNeAR it helped for models trained with the same seed (the same classifier
initialisation and first batches) by different recipes, and hurt for two seeds of one
recipe (experiments/README.md, "Model soups"). The soup keeps the first model's tokenizer
and settings.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import torch

from ..inference.attributor import ModelError, QuoteAttributor

SOUP_FILE = "soup.json"  # the ingredients and their weights, beside the weights
HEAD_WEIGHT = "classifier.weight"  # the token-classification head of BERT, RoBERTa, DeBERTa
# Seed-42 PolNeAR models' classifiers have cosine 0.995 with each other, 0.03 with seed 43's.
MIN_HEAD_COSINE = 0.5


def make_soup(
    models: Sequence[str | os.PathLike],
    output: str | os.PathLike | None = None,
    weights: Sequence[float] | None = None,
    any_heads: bool = False,
    **load: Any,
) -> QuoteAttributor:
    """The weighted average (uniform by default) of ``models`` (folders or Hub ids),
    saved to ``output`` when given, with ``soup.json`` naming the ingredients.

    All must have the same labels and the same parameter names and shapes, and (unless
    ``any_heads``) classifier weights that point the same way: fine-tuning barely moves
    the classifier from its random initialisation, so models trained with different
    seeds have unrelated classifiers and their average is no model. A ``ModelError``
    names the first model that differs. ``load`` goes to ``QuoteAttributor.from_pretrained``.
    """
    if len(models) < 2:
        raise ValueError(f"a soup needs at least two models, got {len(models)}")
    weights = [1.0] * len(models) if weights is None else [float(w) for w in weights]
    if len(weights) != len(models) or min(weights) < 0 or sum(weights) <= 0:
        raise ValueError(
            f"need one non-negative weight per model ({len(models)}), not all 0; got {weights}"
        )
    base = QuoteAttributor.from_pretrained(models[0], device="cpu", backend="torch", **load)
    state = base.model.state_dict()
    total = {k: v.detach().double() * weights[0] for k, v in state.items()}
    for name, weight in zip(models[1:], weights[1:]):
        other = QuoteAttributor.from_pretrained(name, device="cpu", backend="torch", **load)
        other_state = other.model.state_dict()
        _check_compatible(str(name), other.labels, other_state, base.labels, state, any_heads)
        for key, value in other_state.items():
            total[key] += value.detach().double() * weight
    norm = sum(weights)
    averaged = {k: (v / norm).to(state[k].dtype) for k, v in total.items()}
    base.model.load_state_dict(averaged)
    if output is not None:
        base.save_pretrained(output)
        recipe = {"models": [str(m) for m in models], "weights": [w / norm for w in weights]}
        Path(output, SOUP_FILE).write_text(json.dumps(recipe, indent=2) + "\n", encoding="utf-8")
    return base


def _check_compatible(
    name: str, labels: list[str], state: dict, base_labels: list[str], base: dict, any_heads: bool
) -> None:
    """``ModelError`` unless model ``name`` can be averaged with the first model."""
    if labels != base_labels:
        raise ModelError(f"{name}: labels {labels} differ from the first model's {base_labels}")
    for key in sorted(set(base) | set(state)):
        if key not in state or key not in base or state[key].shape != base[key].shape:
            shapes = [tuple(s[key].shape) if key in s else "missing" for s in (base, state)]
            raise ModelError(f"{name}: parameter {key} is {shapes[1]}, in the first model "
                             f"{shapes[0]}: not the same architecture")  # fmt: skip
    if not any_heads and HEAD_WEIGHT in base:
        cosine = torch.nn.functional.cosine_similarity(
            base[HEAD_WEIGHT].double().flatten(), state[HEAD_WEIGHT].double().flatten(), dim=0
        ).item()
        if cosine < MIN_HEAD_COSINE:
            raise ModelError(
                f"{name}: its classifier is unrelated to the first model's (cosine {cosine:.2f}"
                f" < {MIN_HEAD_COSINE}), as after training with another seed; averaging such"
                " models hurts (experiments/README.md, Model soups). Pass any_heads=True"
                " (--any-heads) to average anyway."
            )
