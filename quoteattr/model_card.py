"""Model cards rendered offline from the template shipped inside the package."""

from __future__ import annotations

import dataclasses
import json
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

from .config import DecodingConfig

ROWS = [
    ("Attribution", ("attribution",)),
    ("Attribution+speaker", ("attribution+speaker",)),
    ("Quote (exact span)", ("quote", "exact")),
    ("Cue (exact span)", ("cue", "exact")),
    ("Speaker (exact span)", ("speaker", "exact")),
    ("Quote (character overlap)", ("quote", "overlap")),
]


def _get(scores: dict, path: tuple[str, ...]) -> dict:
    for key in path:
        scores = scores[key]
    return scores


def render_card(
    model_folder: str | Path,
    scores: dict[str, Any],
    *,
    repo_id: str,
    base_model: str,
    eval_command: str,
    train_command: str = "quoteattr train configs/polnear-minilm.yaml",
    train_time: str = "time not recorded",
    eval_split: str = "dev",
    human: dict[str, Any] | None = None,
) -> str:
    """The model card (README.md) for ``model_folder`` with evaluation ``scores``."""
    config = json.loads(Path(model_folder, "config.json").read_text(encoding="utf-8"))
    settings = {**dataclasses.asdict(DecodingConfig()), **config.get("quoteattr", {})}
    labels = [config["id2label"][str(i)] for i in range(len(config["id2label"]))]
    scheme = "bio-linked" if any("_" in label for label in labels) else "bio"
    table = "\n".join(
        "| {} | {precision:.3f} | {recall:.3f} | {f1:.3f} |".format(name, **_get(scores, path))
        for name, path in ROWS
    )
    human = human or {}
    template = resources.files("quoteattr").joinpath("model_card_template.md").read_text("utf-8")
    return Template(template).substitute(
        model_name=repo_id.split("/")[-1],
        repo_id=repo_id,
        base_model=base_model,
        label_scheme=scheme,
        num_labels=len(labels),
        max_length=settings.get("max_length", "?"),
        stride=settings.get("stride", "?"),
        max_distance=settings["max_distance"],
        min_score=settings["min_score"],
        eval_split=eval_split,
        attribution_f1=scores["attribution"]["f1"],
        attribution_speaker_f1=scores["attribution+speaker"]["f1"],
        quote_exact_f1=scores["quote"]["exact"]["f1"],
        metrics_table=table,
        human_attribution_f1=human.get("attribution", {}).get("f1", "n/a"),
        human_attribution_speaker_f1=human.get("attribution+speaker", {}).get("f1", "n/a"),
        eval_command=eval_command,
        train_command=train_command,
        train_time=train_time,
    )
