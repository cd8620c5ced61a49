"""OpenVINO on the CPU: ``OpenVinoTokenClassifier`` runs the same ONNX graph as
:mod:`quoteattr.inference.onnx_runtime`, ``logits(input_ids, attention_mask)`` on numpy
arrays, in bf16 on a CPU with AMX or AVX512-BF16 (``dtype="bfloat16"``) or in fp32.

It needs the ``openvino`` package (the ``openvino`` extra), not torch: on a CPU with bf16
instructions it runs the encoder about as fast as PyTorch in bf16, from a 60 MB install.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np

from ..extras import require
from .onnx_graph import CONFIG_FILE, FP32_FILE, GraphError, read_config, read_graph

PURPOSE = "the openvino backend"
PRECISION_HINTS = {"float32": "f32", "bfloat16": "bf16"}


class OpenVinoTokenClassifier:
    """An exported token classifier compiled by OpenVINO for the CPU.

    ``config`` carries ``id2label`` and quoteattr's settings (as ``config.json`` has them);
    ``dtype`` is the inference precision, ``"float32"`` or ``"bfloat16"``.
    """

    device = "cpu"

    def __init__(
        self,
        model: Any,
        config: Any,
        *,
        path: str | os.PathLike,
        dtype: str = "float32",
        threads: int | None = None,
    ) -> None:
        if dtype not in PRECISION_HINTS:
            raise ValueError(f"the openvino backend runs float32 or bfloat16, not {dtype}")
        ov = require("openvino", PURPOSE)
        properties: dict[str, Any] = {  # one request at a time, on all cores
            "INFERENCE_PRECISION_HINT": PRECISION_HINTS[dtype],
            "PERFORMANCE_HINT": "LATENCY",
        }
        if threads:
            properties["INFERENCE_NUM_THREADS"] = threads
        self.compiled = ov.Core().compile_model(model, "CPU", properties)
        self.request = self.compiled.create_infer_request()
        self.input_names = {i.any_name for i in self.compiled.inputs}
        self.path, self.config, self.dtype = Path(path), config, dtype

    @classmethod
    def from_graph(
        cls, folder: str | os.PathLike, *, dtype: str = "float32", threads: int | None = None
    ) -> OpenVinoTokenClassifier:
        """A model folder's ``model.graph.onnx`` with the weights of its safetensors, put
        together in memory (nothing is written)."""
        folder = Path(folder)
        ov = require("openvino", PURPOSE)
        onnx = require("onnx", PURPOSE)
        from onnx import numpy_helper

        path, arrays = read_graph(folder)
        graph = onnx.load(str(path), load_external_data=False)
        kept = [t for t in graph.graph.initializer if t.name not in arrays]
        del graph.graph.initializer[:]
        graph.graph.initializer.extend(kept)
        graph.graph.initializer.extend(numpy_helper.from_array(a, n) for n, a in arrays.items())
        try:
            model = ov.Core().read_model(graph.SerializeToString())
        except RuntimeError as err:
            raise GraphError(f"{path}: OpenVINO cannot read it: {err}") from None
        config = read_config(folder / CONFIG_FILE)
        return cls(model, config, path=path, dtype=dtype, threads=threads)

    @classmethod
    def from_export(
        cls,
        entry: str | os.PathLike,
        *,
        dtype: str = "float32",
        threads: int | None = None,
        config: str | os.PathLike | None = None,
    ) -> OpenVinoTokenClassifier:
        """The fp32 ``model.onnx`` of an entry made by ``export_onnx``, with the labels and
        settings of ``config`` (default: the entry's own)."""
        entry = Path(entry)
        path = entry / FP32_FILE
        return cls(
            str(path),
            read_config(config or entry / CONFIG_FILE),
            path=path,
            dtype=dtype,
            threads=threads,
        )

    def eval(self) -> OpenVinoTokenClassifier:
        return self

    def logits(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        given = {"input_ids": input_ids, "attention_mask": attention_mask}
        feed = {n: np.asarray(given[n], dtype=np.int64) for n in self.input_names}
        self.request.infer(feed)
        return np.array(self.request.get_output_tensor(0).data, dtype=np.float32)

    def __repr__(self) -> str:
        return f"OpenVinoTokenClassifier({str(self.path)!r}, {self.dtype})"
