"""A model folder's ONNX graph without weights (``model.graph.onnx``): its file names, and
reading it back with the folder's safetensors weights. Needs ``onnx`` and numpy only."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import numpy as np

from ..cache import cache_root
from ..extras import require as require_package
from .model_folder import CONFIG_FILE as CONFIG_FILE  # re-exported: the file names live here
from .model_folder import ModelError

FP32_FILE = "model.onnx"
GRAPH_FILE = "model.graph.onnx"  # in a model folder: the fp32 graph, weights left out
WEIGHTS_KEY = "quoteattr.weights"  # its metadata: {initializer: [safetensors name, transposed]}
INT8_FILE = "model-int8.onnx"


# config.json keys that do not change the exported graph: labels and quoteattr's settings are
# read from the model folder at load time, so models that differ only there share an entry.
class GraphError(ValueError):
    """A model folder's graph that does not fit its weights (or cannot be made for them)."""


def require(name: str, purpose: str = "the ONNX backend") -> ModuleType:
    """Import a dependency of ``purpose``, or say which one is missing and how to install
    it."""
    return require_package(name, purpose)


def safetensors_arrays(folder: Path) -> dict[str, np.ndarray]:
    from safetensors.numpy import load_file

    weights: dict[str, np.ndarray] = {}
    for path in sorted(folder.glob("*.safetensors")):
        weights.update(load_file(path))
    return weights


def weight_source(
    name: str, value: np.ndarray, weights: dict[str, np.ndarray]
) -> tuple[str, bool] | None:
    """The safetensors tensor an initializer holds, as it is or transposed (the exporter
    stores a linear layer's weight transposed for ``MatMul``)."""
    candidates = [name] if name in weights else []
    candidates += [k for k in weights if k != name]
    for key in candidates:
        w = weights[key]
        if w.shape == value.shape and np.array_equal(w.astype(np.float32), value):
            return key, False
        if (
            w.ndim == 2
            and w.T.shape == value.shape
            and np.array_equal(w.T.astype(np.float32), value)
        ):
            return key, True
    return None


def read_graph(folder: Path) -> tuple[Path, dict[str, np.ndarray]]:
    """A model folder's graph file (weights left out) and the float32 arrays of its
    weights, by initializer name; :class:`GraphError` when they do not fit."""
    path = folder / GRAPH_FILE
    sources, shapes = _graph_layout(path)
    try:
        weights = safetensors_arrays(folder)
    except Exception as err:  # a dtype numpy lacks (bfloat16), a broken file
        raise GraphError(f"{folder}: cannot read the weights for its graph: {err}") from None
    arrays = {}
    for name, (key, transposed) in sources.items():
        if key not in weights:
            raise GraphError(f"{path}: the weights have no tensor {key}")
        value = weights[key].T if transposed else weights[key]
        if value.shape != shapes.get(name):
            raise GraphError(
                f"{path} does not fit the weights: {key} is {value.shape}, the graph "
                f"wants {shapes.get(name)}"
            )
        arrays[name] = np.ascontiguousarray(value, dtype=np.float32)
    return path, arrays


def _graph_layout(path: Path) -> tuple[dict[str, list], dict[str, tuple[int, ...]]]:
    """The graph's weight sources (its metadata) and initializer shapes, kept in the cache
    by the file's hash: reading them needs ``onnx``, whose import alone takes over a
    second, so a warm start skips it."""
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as err:
        raise GraphError(f"{path}: cannot read it ({err})") from None
    cached = cache_root() / "graphs" / f"{digest}.json"
    try:
        layout = json.loads(cached.read_text(encoding="utf-8"))
        return layout["sources"], {k: tuple(v) for k, v in layout["shapes"].items()}
    except (OSError, ValueError, KeyError, AttributeError):
        pass
    onnx = require("onnx")
    try:
        model = onnx.load(str(path), load_external_data=False)
        sources = json.loads({p.key: p.value for p in model.metadata_props}[WEIGHTS_KEY])
    except Exception as err:  # a broken file (protobuf's DecodeError), no metadata
        raise GraphError(f"{path}: not a quoteattr graph ({err!r})") from None
    check_no_data_files(model, path)  # checked once per graph: the cache is by its hash
    shapes = {t.name: tuple(t.dims) for t in model.graph.initializer}
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=cached.parent, delete=False) as f:
            json.dump({"sources": sources, "shapes": shapes}, f)
        os.replace(f.name, cached)
    except OSError:
        pass  # a read-only cache: onnx reads the graph again next time
    return sources, shapes


def check_no_data_files(model: Any, path: Path) -> None:
    """:class:`ModelError` when a graph names a data file: a model folder's graph takes
    its numbers from the folder's safetensors only, never from a file it names (which
    could lie outside the folder)."""
    onnx = require("onnx")
    tensors = list(model.graph.initializer)
    for node in model.graph.node:
        tensors += [a.t for a in node.attribute if a.type == onnx.AttributeProto.TENSOR]
    for tensor in tensors:
        locations = [e.value for e in tensor.external_data if e.key == "location"]
        if tensor.data_location == onnx.TensorProto.EXTERNAL and locations != [WEIGHTS_KEY]:
            raise ModelError(
                f"{path}: tensor {tensor.name!r} reads its data from the file "
                f"{locations[0] if locations else '?'!r}; a model folder's graph may only "
                "refer to the folder's safetensors weights"
            )


def read_config(path: str | os.PathLike) -> SimpleNamespace:
    """A ``config.json`` as attributes, ``id2label`` keyed by int (as transformers has it)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if "id2label" in data:
        data["id2label"] = {int(k): v for k, v in data["id2label"].items()}
    return SimpleNamespace(**data)
