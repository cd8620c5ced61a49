"""Model soups: one model whose weights are the average of several fine-tuned models.

Averaging the weights of models fine-tuned from the same encoder (Wortsman et al., 2022,
"Model soups") often scores higher than each of them, at the inference cost of one model.
On PolNeAR it helped for models trained with the same seed (the same classifier
initialisation and first batches) by different recipes, and hurt for two seeds of one
recipe (README, "Model soups"). The soup keeps the first model's tokenizer and settings.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .inference import ModelError, QuoteAttributor

SOUP_FILE = "soup.json"  # the ingredients and their weights, beside the weights


def make_soup(
    models: Sequence[str | os.PathLike],
    output: str | os.PathLike | None = None,
    weights: Sequence[float] | None = None,
    **load: Any,
) -> QuoteAttributor:
    """The weighted average (uniform by default) of ``models`` (folders or Hub ids),
    saved to ``output`` when given, with ``soup.json`` naming the ingredients.

    All must have the same labels and the same parameter names and shapes; a
    ``ModelError`` names the first model that differs. ``load`` goes to
    ``QuoteAttributor.from_pretrained`` (``revision``, ``token``, ...).
    """
    if len(models) < 2:
        raise ValueError(f"a soup needs at least two models, got {len(models)}")
    weights = [1.0] * len(models) if weights is None else [float(w) for w in weights]
    if len(weights) != len(models) or min(weights) < 0 or sum(weights) <= 0:
        raise ValueError(
            f"need one non-negative weight per model ({len(models)}), not all 0; got {weights}"
        )
    base = QuoteAttributor.from_pretrained(models[0], device="cpu", **load)
    state = base.model.state_dict()
    total = {k: v.detach().double() * weights[0] for k, v in state.items()}
    for name, weight in zip(models[1:], weights[1:]):
        other = QuoteAttributor.from_pretrained(name, device="cpu", **load)
        if other.labels != base.labels:
            raise ModelError(f"{name}: labels {other.labels} differ from {models[0]}'s")
        for key, value in other.model.state_dict().items():
            if key not in total or total[key].shape != value.shape:
                raise ModelError(f"{name}: parameter {key} {tuple(value.shape)} is not in "
                                 f"{models[0]} with that shape")  # fmt: skip
            total[key] += value.detach().double() * weight
        if len(total) != len(other.model.state_dict()):
            missing = sorted(set(total) - set(other.model.state_dict()))
            raise ModelError(f"{name}: lacks parameters of {models[0]}: {missing[:3]}")
    norm = sum(weights)
    averaged = {k: (v / norm).to(state[k].dtype) for k, v in total.items()}
    base.model.load_state_dict(averaged)
    if output is not None:
        base.save_pretrained(output)
        recipe = {"models": [str(m) for m in models], "weights": [w / norm for w in weights]}
        Path(output, SOUP_FILE).write_text(json.dumps(recipe, indent=2) + "\n", encoding="utf-8")
    return base
