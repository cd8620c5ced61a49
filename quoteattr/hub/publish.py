"""The folder a model is published as, and its upload to the Hugging Face Hub.

The folder holds safetensors weights (fp16 by default: half the size, the same
predictions to within rounding), ``config.json`` with the labels and
:class:`~quoteattr.config.ModelSettings`, the tokenizer, the training record
(``training_config.json``, ``provenance.json``, ``scores.json``), the fp32 ONNX graph
without weights (``model.graph.onnx``: the CPU path runs it with the safetensors weights,
with no export on first use) and a ``README.md`` model card rendered from all of these.
The model shipped inside the package is such a folder.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path
from typing import Any

from ..config import DTYPES, torch_dtype
from ..inference.attributor import QuoteAttributor
from ..inference.onnx_export import add_graph
from ..inference.onnx_graph import GRAPH_FILE
from .model_card import card_data, render_card

logger = logging.getLogger(__name__)

RECORDS = ("training_config.json", "provenance.json")


def build_hub_folder(
    model: str | os.PathLike,
    out: str | os.PathLike,
    *,
    dtype: str = "float16",
    **card: Any,
) -> Path:
    """Write ``model`` (a trained model folder) as a Hub folder into ``out``, its weights
    in ``dtype``; ``card`` holds :func:`~quoteattr.hub.model_card.card_data`'s keywords
    (``repo_id``, ``scores`` and the optional ``int8_scores``, ``bf16_scores``,
    ``openvino_scores``, ``test_scores``, ``human``, ``teacher_scores``, ``speaker_scores``)."""
    if dtype not in DTYPES:
        raise ValueError(f"dtype must be one of {list(DTYPES)}, got {dtype!r}")
    model, out = Path(model), Path(out)
    attributor = QuoteAttributor.from_pretrained(
        model, local_files_only=True, device="cpu", backend="torch"
    )
    values = card_data(model, attributor.tokenizer, attributor.settings, attributor.labels, **card)
    out.mkdir(parents=True, exist_ok=True)
    for stale in [*out.glob("*.safetensors"), out / GRAPH_FILE]:
        stale.unlink(missing_ok=True)
    attributor.model.to(torch_dtype(dtype))
    attributor.save_pretrained(out)
    add_graph(out)
    for name in RECORDS:
        if (model / name).exists() and (model / name).resolve() != (out / name).resolve():
            shutil.copyfile(model / name, out / name)
    summary = {"dev": card["scores"], "dev_int8": card.get("int8_scores"),
               "dev_bf16": card.get("bf16_scores"), "dev_openvino": card.get("openvino_scores"),
               "test": card.get("test_scores")}  # fmt: skip
    (out / "scores.json").write_text(
        json.dumps({k: v for k, v in summary.items() if v}, indent=2) + "\n", encoding="utf-8"
    )
    (out / "README.md").write_text(render_card(values), encoding="utf-8")
    return out
