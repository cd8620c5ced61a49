"""ONNX Runtime on the CPU: ``OnnxTokenClassifier`` runs an exported token classifier,
``logits(input_ids, attention_mask)`` on numpy arrays.

Running a cached entry or a model folder's graph needs only ``onnxruntime`` and numpy: no
torch, no transformers, so a process that predicts from the cache starts in about a second.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np

from .onnx_graph import (
    CONFIG_FILE,
    FP32_FILE,
    GRAPH_FILE,
    INT8_FILE,
    GraphError,
    read_config,
    read_graph,
    require,
)


class OnnxTokenClassifier:
    """An exported token classifier run by ONNX Runtime on the CPU.

    ``config`` carries ``id2label`` and quoteattr's settings (as ``config.json`` has them);
    ``logits(input_ids, attention_mask)`` takes and returns numpy arrays.
    """

    device = "cpu"

    def __init__(
        self,
        path: str | os.PathLike,
        config: Any,
        *,
        threads: int | None = None,
        initializers: dict[str, np.ndarray] | None = None,
    ) -> None:
        ort = require("onnxruntime")
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or _cores()
        options.inter_op_num_threads = 1
        if initializers:  # the tensors a graph leaves out (copied in before optimisation)
            names = list(initializers)
            values = [ort.OrtValue.ortvalue_from_numpy(initializers[n]) for n in names]
            options.add_external_initializers(names, values)
        self.path = Path(path)
        self.config = config
        self.session = ort.InferenceSession(
            str(self.path), options, providers=["CPUExecutionProvider"]
        )
        self.input_names = [i.name for i in self.session.get_inputs()]

    @classmethod
    def from_export(
        cls,
        entry: str | os.PathLike,
        *,
        int8: bool = True,
        threads: int | None = None,
        config: str | os.PathLike | None = None,
    ) -> OnnxTokenClassifier:
        """Load ``model-int8.onnx`` (or ``model.onnx``) from an entry folder made by
        ``export_onnx``, with the labels and settings of ``config`` (a ``config.json``;
        default: the entry's own)."""
        entry = Path(entry)
        return cls(
            entry / (INT8_FILE if int8 else FP32_FILE),
            read_config(config or entry / CONFIG_FILE),
            threads=threads,
        )

    @classmethod
    def from_graph(
        cls, folder: str | os.PathLike, *, threads: int | None = None
    ) -> OnnxTokenClassifier:
        """Load a model folder's ``model.graph.onnx`` with the weights of its safetensors
        and the labels and settings of its ``config.json``. Raises :class:`GraphError` when
        the graph does not fit the weights."""
        folder = Path(folder)
        _, initializers = read_graph(folder)
        try:
            return cls(
                folder / GRAPH_FILE,
                read_config(folder / CONFIG_FILE),
                threads=threads,
                initializers=initializers,
            )
        except Exception as err:  # onnxruntime's own errors: a shape or type that differs
            raise GraphError(f"{folder / GRAPH_FILE} does not fit the weights: {err}") from None

    def eval(self) -> OnnxTokenClassifier:
        return self

    def logits(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        given = {"input_ids": input_ids, "attention_mask": attention_mask}
        feed = {name: np.asarray(given[name], dtype=np.int64) for name in self.input_names}
        (logits,) = self.session.run(["logits"], feed)
        return logits.astype(np.float32, copy=False)

    def __repr__(self) -> str:
        return f"OnnxTokenClassifier({str(self.path)!r})"


def _cores() -> int:
    """CPU cores this process may use (affinity-aware where the OS says)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1
