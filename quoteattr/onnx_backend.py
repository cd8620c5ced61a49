"""ONNX Runtime backend: the CPU path of ``predict``, in fp32 or with dynamic int8 weights.

``export_onnx`` writes ``model.onnx`` (fp32) and ``model-int8.onnx`` (dynamic int8 ``MatMul``
weights, per channel by default) into a cache entry and returns its folder; the entry is keyed
by the weights, the architecture, the export settings and the library versions, and is written
to a temporary folder then renamed, so an interrupted export leaves no entry behind.
``OnnxTokenClassifier`` runs one of these files: ``logits(input_ids, attention_mask)`` on
numpy arrays.

Running a cached entry needs only ``onnxruntime`` and numpy: no torch, no transformers, so
a process that predicts from the cache starts in about a second. Exporting needs torch,
transformers, ``onnx`` and ``onnxscript``, imported when an export happens.

A model folder may also carry its fp32 graph without weights (``model.graph.onnx``, written
by ``write_graph``; the shipped and published models have one): ``from_graph`` runs it with
the weights of the folder's safetensors, so the fp32 path needs no export and no cache, and
the int8 entry of such a folder is quantized from it without torch.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import logging
import os
import shutil
import tempfile
import warnings
from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import torch
    from transformers import PreTrainedModel

logger = logging.getLogger(__name__)

FP32_FILE = "model.onnx"
GRAPH_FILE = "model.graph.onnx"  # in a model folder: the fp32 graph, weights left out
WEIGHTS_KEY = "quoteattr.weights"  # its metadata: {initializer: [safetensors name, transposed]}
INT8_FILE = "model-int8.onnx"
CONFIG_FILE = "config.json"
MANIFEST_FILE = "manifest.json"  # written last: an entry without it is incomplete
LAYOUT = 2  # bump when the files or the export recipe change
OPSET = 20
MAX_BYTES = 2_000_000_000  # protobuf's limit: larger models would need external data files
INSTALL_HINT = "pip install -U onnxruntime onnx onnxscript"
# config.json keys that do not change the exported graph: labels and quoteattr's settings are
# read from the model folder at load time, so models that differ only there share an entry.
UNUSED_KEYS = ("quoteattr", "id2label", "label2id", "_name_or_path", "transformers_version")


class CacheError(OSError):
    """The export cache cannot be written (a read-only home, a full disk)."""


class GraphError(ValueError):
    """A model folder's graph that does not fit its weights (or cannot be made for them)."""


def _require(name: str) -> ModuleType:
    """Import an optional dependency, or say which one is missing and how to install it."""
    try:
        return importlib.import_module(name)
    except ImportError as err:
        message = f"the ONNX backend needs {name!r}, which is missing: {INSTALL_HINT}"
        raise ImportError(message) from err


def default_cache_dir() -> Path:
    """``$QUOTEATTR_CACHE/onnx``, else ``$XDG_CACHE_HOME/quoteattr/onnx`` or
    ``~/.cache/quoteattr/onnx``."""
    root = os.environ.get("QUOTEATTR_CACHE")
    if root:
        return Path(root).expanduser() / "onnx"
    xdg = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(xdg) / "quoteattr" / "onnx"


def _version(package: str) -> str | None:
    try:
        return version(package)
    except PackageNotFoundError:
        return None


def export_settings(per_channel: bool = True) -> dict[str, Any]:
    """Everything besides the weights and config that decides the exported files (library
    versions from package metadata: nothing is imported)."""
    return {
        "layout": LAYOUT,
        "opset": OPSET,
        "int8": {
            "per_channel": per_channel,
            "weight_type": "QInt8",
            "op_types": ["MatMul"],  # the linear layers, as torch's dynamic quantization did
            "reduce_range": False,
        },
        **{name: _version(name) for name in ("onnxruntime", "onnx", "torch", "transformers")},
    }


def _hash_files(digest: Any, paths: Iterable[Path]) -> None:
    for path in paths:
        digest.update(path.name.encode() + b"\0")
        with path.open("rb") as f:
            while chunk := f.read(1 << 20):
                digest.update(chunk)


def _graph_config(config: dict[str, Any]) -> bytes:
    kept = {k: v for k, v in config.items() if k not in UNUSED_KEYS}
    return json.dumps(kept, sort_keys=True).encode()


def _hash_model(digest: Any, model: PreTrainedModel) -> None:
    import torch

    digest.update(_graph_config(model.config.to_dict()))
    for name, tensor in sorted(model.state_dict().items()):
        tensor = tensor.detach().cpu().contiguous()
        digest.update(f"{name}:{tensor.dtype}:{tuple(tensor.shape)}\0".encode())
        digest.update(tensor.reshape(-1).view(torch.uint8).numpy())


def cache_key(model: str | os.PathLike | PreTrainedModel, settings: dict[str, Any]) -> str:
    """Hash of the weights (safetensors files of a folder, or a model's tensors), the config
    and ``settings``."""
    digest = hashlib.sha256(json.dumps(settings, sort_keys=True).encode())
    if not isinstance(model, (str, os.PathLike)):
        digest.update(b"model\0")
        _hash_model(digest, model)
        return digest.hexdigest()[:32]
    folder = Path(model)
    weights = sorted(folder.glob("*.safetensors"))
    if not (folder / CONFIG_FILE).is_file() or not weights:
        raise FileNotFoundError(f"{folder}: needs config.json and *.safetensors weights to export")
    digest.update(b"folder\0")
    digest.update(_graph_config(json.loads((folder / CONFIG_FILE).read_text(encoding="utf-8"))))
    _hash_files(digest, weights)
    return digest.hexdigest()[:32]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    _hash_files(digest, [path])
    return digest.hexdigest()


def _entry_is_complete(entry: Path) -> bool:
    """True when the manifest exists and every file it lists has its recorded size (hashing
    150 MB on every start would cost more than loading it)."""
    try:
        files = json.loads((entry / MANIFEST_FILE).read_text(encoding="utf-8"))["files"]
        return all((entry / name).stat().st_size == f["bytes"] for name, f in files.items())
    except (OSError, ValueError, KeyError, TypeError):
        return False


def _example_inputs(model: PreTrainedModel) -> dict[str, torch.Tensor]:
    """Two rows of 16 non-padding tokens, the second half padded: sizes over 1 keep both
    axes dynamic, and the padding keeps the masking path in the graph."""
    import torch

    config = model.config
    pad = config.pad_token_id if config.pad_token_id is not None else -1
    generator = torch.Generator().manual_seed(0)
    ids = torch.randint(0, config.vocab_size, (2, 16), generator=generator)
    ids[ids == pad] = (pad + 1) % config.vocab_size
    mask = torch.ones_like(ids)
    mask[1, 8:] = 0
    return {"input_ids": ids, "attention_mask": mask}


def _export_onnx(model: PreTrainedModel, path: Path) -> None:
    """Export with ``torch.onnx`` (dynamo), batch and sequence axes dynamic."""
    import torch

    for name in ("onnx", "onnxscript"):
        _require(name)
    dynamic = torch.export.Dim.DYNAMIC
    axes = {0: dynamic, 1: dynamic}
    # torch.onnx logs a line per torchvision operator it cannot register ("torchvision is
    # not installed"): nothing quoteattr uses; quiet for the export only.
    registration = logging.getLogger("torch.onnx._internal.exporter._registration")
    level = registration.level
    registration.setLevel(logging.ERROR)
    with warnings.catch_warnings():
        # torch's own pytree code deep-copies a deprecated LeafSpec inside
        # run_decompositions (torch 2.13): not ours to fix, not the caller's to see.
        warnings.filterwarnings("ignore", message=r".*LeafSpec", category=FutureWarning)
        try:
            program = torch.onnx.export(
                model,
                (),
                kwargs=_example_inputs(model),
                input_names=["input_ids", "attention_mask"],
                output_names=["logits"],
                dynamic_shapes={"input_ids": axes, "attention_mask": axes},
                opset_version=OPSET,
                dynamo=True,
                verbose=False,
            )
        finally:
            registration.setLevel(level)
    inputs = program.model.graph.inputs
    program.rename_axes(
        {
            inputs[i].shape[axis]: name
            for i in range(2)
            for axis, name in enumerate(("batch", "sequence"))
        }
    )
    program.save(path, external_data=False)


def _quantize_int8(source: Path, target: Path, settings: dict[str, Any]) -> None:
    """Dynamic int8 weights for the ``MatMul`` nodes (activations quantized at run time)."""
    quantization = _require("onnxruntime.quantization")
    from onnxruntime.quantization import QuantType

    # Pre-processing (onnx shape inference, basic graph optimisation) also marks the model,
    # which keeps quantize_dynamic from logging a warning through the root logger. The
    # symbolic shape pass cannot follow the dynamo graph's position slicing: skip it.
    prepared = target.with_name("prepared.onnx")
    quantization.quant_pre_process(source, prepared, skip_symbolic_shape=True)
    q = settings["int8"]
    quantization.quantize_dynamic(
        prepared,
        target,
        op_types_to_quantize=q["op_types"],
        per_channel=q["per_channel"],
        reduce_range=q["reduce_range"],
        weight_type=QuantType.QInt8,
    )
    prepared.unlink()


def _build(model: str | os.PathLike | PreTrainedModel, folder: Path, settings: dict) -> None:
    if not (isinstance(model, (str, os.PathLike)) and _fp32_from_graph(Path(model), folder)):
        _fp32_from_torch(model, folder)
    _quantize_int8(folder / FP32_FILE, folder / INT8_FILE, settings)
    files = {
        p.name: {"bytes": p.stat().st_size, "sha256": _sha256(p)} for p in sorted(folder.iterdir())
    }
    manifest = {"settings": settings, "files": files}
    (folder / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2), encoding="utf-8")


def _fp32_from_torch(model: str | os.PathLike | PreTrainedModel, folder: Path) -> None:
    import torch

    if isinstance(model, (str, os.PathLike)):
        from transformers import AutoModelForTokenClassification

        model = AutoModelForTokenClassification.from_pretrained(
            model, use_safetensors=True, dtype=torch.float32
        )
    model = model.eval()
    if any(p.device.type != "cpu" or p.dtype != torch.float32 for p in model.parameters()):
        raise ValueError("export_onnx needs a float32 model on the CPU")
    size = sum(p.numel() * p.element_size() for p in model.parameters())
    if size > MAX_BYTES:
        raise ValueError(f"{size / 1e9:.1f} GB of weights: over the 2 GB of a single ONNX file")
    model.config.to_json_file(folder / CONFIG_FILE)
    _export_onnx(model, folder / FP32_FILE)


def _fp32_from_graph(source: Path, folder: Path) -> bool:
    """The full fp32 model from the source folder's own graph and weights, without torch;
    False when it has no graph or one that does not fit (warned)."""
    if not (source / GRAPH_FILE).is_file():
        return False
    onnx = _require("onnx")
    try:
        model, weights = _read_graph(source)
    except GraphError as err:
        logger.warning("%s; exporting with torch", err)
        return False
    for tensor in model.graph.initializer:
        if tensor.name in weights:
            del tensor.external_data[:]
            tensor.data_location = onnx.TensorProto.DEFAULT
            tensor.raw_data = weights[tensor.name].tobytes()
    onnx.save(model, str(folder / FP32_FILE))
    shutil.copyfile(source / CONFIG_FILE, folder / CONFIG_FILE)
    return True


def export_onnx(
    model: str | os.PathLike | PreTrainedModel,
    cache_dir: str | os.PathLike | None = None,
    *,
    per_channel: bool = True,
) -> Path:
    """The cache entry folder holding ``model.onnx``, ``model-int8.onnx`` and ``config.json``
    for ``model`` (a local model folder or a loaded token classifier), exported on a miss.

    ``cache_dir`` holds one folder per key (default: ``default_cache_dir()``). An incomplete
    or corrupted entry is rebuilt.
    """
    _require("onnxruntime")
    settings = export_settings(per_channel)
    root = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    entry = root / cache_key(model, settings)
    if _entry_is_complete(entry):
        return entry
    try:
        root.mkdir(parents=True, exist_ok=True)
        probe = Path(tempfile.mkdtemp(dir=root, prefix=".write-test-"))
        probe.rmdir()
    except OSError as err:
        raise CacheError(
            f"cannot write the ONNX export cache {root} ({err}); set QUOTEATTR_CACHE to a "
            "writable folder"
        ) from None
    if entry.exists():  # incomplete or corrupted: move aside first, so the rename can land
        stale = Path(tempfile.mkdtemp(dir=root, prefix=f".{entry.name}.stale-"))
        entry.rename(stale / "entry")
        shutil.rmtree(stale, ignore_errors=True)
    tmp = Path(tempfile.mkdtemp(dir=root, prefix=f".{entry.name}.tmp-"))
    where = model if isinstance(model, (str, os.PathLike)) else type(model).__name__
    logger.warning("exporting %s to ONNX once, into %s (the next runs load it)", where, entry)
    try:
        _build(model, tmp, settings)
        try:
            tmp.rename(entry)
        except OSError:  # another process finished the same entry first
            if not _entry_is_complete(entry):
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return entry


def _safetensors(folder: Path) -> dict[str, np.ndarray]:
    from safetensors.numpy import load_file

    weights: dict[str, np.ndarray] = {}
    for path in sorted(folder.glob("*.safetensors")):
        weights.update(load_file(path))
    return weights


def _weight_source(
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


def write_graph(folder: str | os.PathLike, cache_dir: str | os.PathLike | None = None) -> Path:
    """Write ``model.graph.onnx`` into a model folder: its fp32 export (made or taken from the
    cache) with every weight replaced by a reference to the folder's safetensors tensor.

    Raises :class:`GraphError` unless every weight is one initializer of its own and every
    other float initializer is a scalar: otherwise the graph would hold numbers of its own
    that go stale when the weights change.
    """
    onnx = _require("onnx")
    folder = Path(folder)
    entry = export_onnx(folder, cache_dir)
    model = onnx.load(str(entry / FP32_FILE))
    weights = _safetensors(folder)
    sources: dict[str, list] = {}
    for tensor in model.graph.initializer:
        if tensor.data_type != onnx.TensorProto.FLOAT:
            continue
        value = onnx.numpy_helper.to_array(tensor)
        source = _weight_source(tensor.name, value, weights)
        if source is None:
            if value.size > 1:  # scalars (an attention scale) belong to the graph
                raise GraphError(f"{folder}: initializer {tensor.name} {value.shape} is no weight")
            continue
        sources[tensor.name] = list(source)
        tensor.ClearField("raw_data")
        tensor.ClearField("float_data")
        tensor.data_location = onnx.TensorProto.EXTERNAL
        # No such file: another tool fails plainly instead of reading numbers from elsewhere.
        ref = tensor.external_data.add()
        ref.key, ref.value = "location", WEIGHTS_KEY
    used = [key for key, _ in sources.values()]
    unused = sorted(set(weights) - set(used))
    if unused or len(used) != len(set(used)):
        # The export merged equal tensors (a random model's layer norms) or dropped some:
        # such a graph could not run weights that differ there.
        raise GraphError(
            f"{folder}: the export does not hold each weight once ({', '.join(unused[:3])})"
        )
    for node in model.graph.node:  # the exporter's stack traces: size, and nothing to run
        del node.metadata_props[:]
        node.doc_string = ""
    onnx.helper.set_model_props(model, {WEIGHTS_KEY: json.dumps(sources, sort_keys=True)})
    path = folder / GRAPH_FILE
    tmp = path.with_name(path.name + ".tmp")
    onnx.save(model, str(tmp))
    tmp.replace(path)
    return path


def _read_graph(folder: Path) -> tuple[Any, dict[str, np.ndarray]]:
    """A model folder's graph (weights left out) and the float32 arrays of its weights,
    by initializer name; :class:`GraphError` when they do not fit."""
    onnx = _require("onnx")
    path = folder / GRAPH_FILE
    try:
        model = onnx.load(str(path), load_external_data=False)
        sources = json.loads({p.key: p.value for p in model.metadata_props}[WEIGHTS_KEY])
    except Exception as err:  # a broken file (protobuf's DecodeError), no metadata
        raise GraphError(f"{path}: not a quoteattr graph ({err!r})") from None
    try:
        weights = _safetensors(folder)
    except Exception as err:  # a dtype numpy lacks (bfloat16), a broken file
        raise GraphError(f"{folder}: cannot read the weights for its graph: {err}") from None
    shapes = {t.name: tuple(t.dims) for t in model.graph.initializer}
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
    return model, arrays


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
        ort = _require("onnxruntime")
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
        _, initializers = _read_graph(folder)
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


def read_config(path: str | os.PathLike) -> SimpleNamespace:
    """A ``config.json`` as attributes, ``id2label`` keyed by int (as transformers has it)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if "id2label" in data:
        data["id2label"] = {int(k): v for k, v in data["id2label"].items()}
    return SimpleNamespace(**data)


def _cores() -> int:
    """CPU cores this process may use (affinity-aware where the OS says)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1
