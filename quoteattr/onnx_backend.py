"""ONNX Runtime backend: a token classifier exported to ONNX, with dynamic int8 weights.

``export_int8`` writes ``model.onnx`` (fp32) and ``model-int8.onnx`` (dynamic int8 ``MatMul``
weights, per channel by default) into a cache entry and returns its folder; the entry is keyed
by the weights, the config, the export settings and the library versions, and is written to a
temporary folder then renamed, so an interrupted export leaves no entry behind.
``OnnxTokenClassifier`` runs one of these files behind the call ``QuoteAttributor`` makes:
``model(input_ids=..., attention_mask=...).logits``.

Needs ``onnxruntime``, ``onnx`` and ``onnxscript`` (the ``onnx`` extra), imported lazily.
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
from pathlib import Path
from types import ModuleType
from typing import Any

import torch
from transformers import AutoConfig, AutoModelForTokenClassification, PreTrainedModel
from transformers.modeling_outputs import TokenClassifierOutput

FP32_FILE = "model.onnx"
INT8_FILE = "model-int8.onnx"
CONFIG_FILE = "config.json"
MANIFEST_FILE = "manifest.json"  # written last: an entry without it is incomplete
LAYOUT = 1  # bump when the files or the export recipe change
OPSET = 20
MAX_BYTES = 2_000_000_000  # protobuf's limit: larger models would need external data files
INSTALL_HINT = "pip install 'quoteattr[onnx]' (onnxruntime, onnx, onnxscript)"


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


def export_settings(per_channel: bool = True) -> dict[str, Any]:
    """Everything besides the weights and config that decides the exported files."""
    ort = _require("onnxruntime")
    import transformers

    return {
        "layout": LAYOUT,
        "opset": OPSET,
        "int8": {
            "per_channel": per_channel,
            "weight_type": "QInt8",
            "op_types": ["MatMul"],  # the linear layers, as torch's dynamic quantization did
            "reduce_range": False,
        },
        "onnxruntime": ort.__version__,
        "torch": torch.__version__,
        "transformers": transformers.__version__,
    }


def _hash_files(digest: Any, paths: Iterable[Path]) -> None:
    for path in paths:
        digest.update(path.name.encode() + b"\0")
        with path.open("rb") as f:
            while chunk := f.read(1 << 20):
                digest.update(chunk)


def _hash_model(digest: Any, model: PreTrainedModel) -> None:
    digest.update(model.config.to_json_string(use_diff=False).encode())
    for name, tensor in sorted(model.state_dict().items()):
        tensor = tensor.detach().cpu().contiguous()
        digest.update(f"{name}:{tensor.dtype}:{tuple(tensor.shape)}\0".encode())
        digest.update(tensor.reshape(-1).view(torch.uint8).numpy())


def cache_key(model: str | os.PathLike | PreTrainedModel, settings: dict[str, Any]) -> str:
    """Hash of the weights (safetensors files of a folder, or a model's tensors), the config
    and ``settings``."""
    digest = hashlib.sha256(json.dumps(settings, sort_keys=True).encode())
    if isinstance(model, PreTrainedModel):
        digest.update(b"model\0")
        _hash_model(digest, model)
        return digest.hexdigest()[:32]
    folder = Path(model)
    weights = sorted(folder.glob("*.safetensors"))
    if not (folder / CONFIG_FILE).is_file() or not weights:
        raise FileNotFoundError(f"{folder}: needs config.json and *.safetensors weights to export")
    digest.update(b"folder\0")
    _hash_files(digest, [folder / CONFIG_FILE, *weights])
    return digest.hexdigest()[:32]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    _hash_files(digest, [path])
    return digest.hexdigest()


def _entry_is_complete(entry: Path) -> bool:
    """True when the manifest exists and every file it lists has its recorded hash."""
    try:
        files = json.loads((entry / MANIFEST_FILE).read_text(encoding="utf-8"))["files"]
        return all(_sha256(entry / name) == sha for name, sha in files.items())
    except (OSError, ValueError, KeyError, TypeError):
        return False


def _example_inputs(model: PreTrainedModel) -> dict[str, torch.Tensor]:
    """Two rows of 16 non-padding tokens, the second half padded: sizes over 1 keep both
    axes dynamic, and the padding keeps the masking path in the graph."""
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
    if not isinstance(model, PreTrainedModel):
        model = AutoModelForTokenClassification.from_pretrained(model, use_safetensors=True)
    model = model.eval()
    if any(p.device.type != "cpu" or p.dtype != torch.float32 for p in model.parameters()):
        raise ValueError("export_int8 needs a float32 model on the CPU")
    size = sum(p.numel() * p.element_size() for p in model.parameters())
    if size > MAX_BYTES:
        raise ValueError(f"{size / 1e9:.1f} GB of weights: over the 2 GB of a single ONNX file")
    model.config.to_json_file(folder / CONFIG_FILE)
    _export_onnx(model, folder / FP32_FILE)
    _quantize_int8(folder / FP32_FILE, folder / INT8_FILE, settings)
    files = {p.name: _sha256(p) for p in sorted(folder.iterdir())}
    manifest = {"settings": settings, "files": files}
    (folder / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2), encoding="utf-8")


def export_int8(
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
    settings = export_settings(per_channel)
    root = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    entry = root / cache_key(model, settings)
    if _entry_is_complete(entry):
        return entry
    root.mkdir(parents=True, exist_ok=True)
    if entry.exists():  # incomplete or corrupted: move aside first, so the rename can land
        stale = Path(tempfile.mkdtemp(dir=root, prefix=f".{entry.name}.stale-"))
        entry.rename(stale / "entry")
        shutil.rmtree(stale, ignore_errors=True)
    tmp = Path(tempfile.mkdtemp(dir=root, prefix=f".{entry.name}.tmp-"))
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


class OnnxTokenClassifier:
    """An exported token classifier run by ONNX Runtime on the CPU.

    Called like the torch model: ``model(input_ids=..., attention_mask=...)`` with torch
    tensors, returning a ``TokenClassifierOutput`` whose ``logits`` is a float32 tensor.
    """

    device = torch.device("cpu")

    def __init__(self, path: str | os.PathLike, config: Any, *, threads: int | None = None) -> None:
        ort = _require("onnxruntime")
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or _cores()
        options.inter_op_num_threads = 1
        self.path = Path(path)
        self.config = config
        self.session = ort.InferenceSession(
            str(self.path), options, providers=["CPUExecutionProvider"]
        )
        self.input_names = [i.name for i in self.session.get_inputs()]

    @classmethod
    def from_export(
        cls, entry: str | os.PathLike, *, int8: bool = True, threads: int | None = None
    ) -> OnnxTokenClassifier:
        """Load ``model-int8.onnx`` (or ``model.onnx``) and the config from an entry folder
        made by ``export_int8``."""
        entry = Path(entry)
        config = AutoConfig.from_pretrained(entry)
        return cls(entry / (INT8_FILE if int8 else FP32_FILE), config, threads=threads)

    def eval(self) -> OnnxTokenClassifier:
        return self

    def __call__(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor | None = None
    ) -> TokenClassifierOutput:
        if attention_mask is None:
            attention_mask = torch.ones_like(input_ids)
        given = {"input_ids": input_ids, "attention_mask": attention_mask}
        feed = {name: given[name].detach().cpu().long().numpy() for name in self.input_names}
        (logits,) = self.session.run(["logits"], feed)
        return TokenClassifierOutput(logits=torch.from_numpy(logits).float())

    def __repr__(self) -> str:
        return f"OnnxTokenClassifier({str(self.path)!r})"


def _cores() -> int:
    """CPU cores this process may use (affinity-aware where the OS says)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1
