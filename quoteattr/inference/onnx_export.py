"""Export to ONNX and its cache: the CPU path of ``predict``, in fp32 or with dynamic int8
weights.

``export_onnx`` writes ``model.onnx`` (fp32) and ``model-int8.onnx`` (dynamic int8 ``MatMul``
weights, per channel by default) into a cache entry and returns its folder; the entry is keyed
by the weights, the architecture, the export settings and the library versions, and is written
to a temporary folder then renamed, so an interrupted export leaves no entry behind.
Exporting needs torch, transformers, ``onnx`` and ``onnxscript``, imported when an export
happens.

A model folder may also carry its fp32 graph without weights (``model.graph.onnx``, written
by ``write_graph``; the shipped and published models have one): its int8 entry is quantized
from it without torch.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import platform
import shutil
import tempfile
import warnings
from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..cache import cache_root
from .model_folder import check_model_folder
from .onnx_graph import (
    CONFIG_FILE,
    FP32_FILE,
    GRAPH_FILE,
    INT8_FILE,
    WEIGHTS_KEY,
    GraphError,
    read_graph,
    require,
    safetensors_arrays,
    weight_source,
)

if TYPE_CHECKING:
    import torch
    from transformers import PreTrainedModel

logger = logging.getLogger(__name__)

MANIFEST_FILE = "manifest.json"  # written last: an entry without it is incomplete
LAYOUT = 2  # bump when the files or the export recipe change
OPSET = 20
MAX_BYTES = 2_000_000_000  # protobuf's limit: larger models would need external data files
UNUSED_KEYS = ("quoteattr", "id2label", "label2id", "_name_or_path", "transformers_version")


class CacheError(OSError):
    """The export cache cannot be written (a read-only home, a full disk)."""


def default_cache_dir() -> Path:
    """``$QUOTEATTR_CACHE/onnx``, else ``$XDG_CACHE_HOME/quoteattr/onnx`` or
    ``~/.cache/quoteattr/onnx``."""
    return cache_root() / "onnx"


def _version(package: str) -> str | None:
    try:
        return version(package)
    except PackageNotFoundError:
        return None


def int8_saturates() -> bool:
    """Whether this CPU's int8 kernels can saturate: x86 CPUs without VNNI add u8 x s8
    products in pairs into int16, which overflows with 8-bit weights (ONNX Runtime's
    quantization guide); 7-bit weights (``reduce_range``) keep the sums in range there."""
    if platform.machine().lower() not in ("x86_64", "amd64"):
        return False
    try:
        return "vnni" not in Path("/proc/cpuinfo").read_text(encoding="utf-8")
    except OSError:
        return True


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
            "reduce_range": int8_saturates(),
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
    """Hash of every file that shapes the exported graph: the weights (safetensors files of
    a folder, or a model's tensors), the config, the folder's own graph (``model.graph.onnx``,
    which the int8 entry is quantized from) and ``settings``."""
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
    if (folder / GRAPH_FILE).is_file():  # its data files are refused (read_graph)
        digest.update(b"graph\0")
        _hash_files(digest, [folder / GRAPH_FILE])
    return digest.hexdigest()[:32]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    _hash_files(digest, [path])
    return digest.hexdigest()


def _entry_is_complete(entry: Path) -> bool:
    """True when the manifest exists and every file it lists has its recorded size and
    sha256 (about 0.1 s for MiniLM's 60 MB): a damaged or altered entry is rebuilt, never
    loaded."""
    try:
        files = json.loads((entry / MANIFEST_FILE).read_text(encoding="utf-8"))["files"]
        needed = {FP32_FILE, INT8_FILE, CONFIG_FILE}
        if not isinstance(files, dict) or not needed <= set(files):
            return False
        for name, f in files.items():
            path = entry / Path(name).name
            if path.stat().st_size != f["bytes"] or _sha256(path) != f["sha256"]:
                logger.warning("%s does not match its manifest: rebuilding the entry", path)
                return False
        return True
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
        require(name)
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
    quantization = require("onnxruntime.quantization")
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
    purpose = f"exporting a model to ONNX (a folder without {GRAPH_FILE})"
    for name in ("transformers", "onnxscript"):
        require(name, purpose)
    torch = require("torch", purpose)

    if isinstance(model, (str, os.PathLike)):
        from transformers import AutoModelForTokenClassification

        check_model_folder(model)  # no auto_map: never code from the folder
        model = AutoModelForTokenClassification.from_pretrained(
            model, use_safetensors=True, dtype=torch.float32, trust_remote_code=False
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
    onnx = require("onnx")
    try:
        path, weights = read_graph(source)
    except GraphError as err:
        logger.warning("%s; exporting with torch", err)
        return False
    model = onnx.load(str(path), load_external_data=False)
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
    require("onnxruntime")
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
    logger.warning(
        "building the ONNX Runtime files of %s once, into %s (the next runs load them)",
        where, entry,
    )  # fmt: skip
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


def write_graph(folder: str | os.PathLike, cache_dir: str | os.PathLike | None = None) -> Path:
    """Write ``model.graph.onnx`` into a model folder: its fp32 export (made or taken from the
    cache) with every weight replaced by a reference to the folder's safetensors tensor.

    Raises :class:`GraphError` unless every weight is one initializer of its own and every
    other float initializer is a scalar: otherwise the graph would hold numbers of its own
    that go stale when the weights change.
    """
    onnx = require("onnx")
    folder = Path(folder)
    entry = export_onnx(folder, cache_dir)
    model = onnx.load(str(entry / FP32_FILE))
    weights = safetensors_arrays(folder)
    sources: dict[str, list] = {}
    for tensor in model.graph.initializer:
        if tensor.data_type != onnx.TensorProto.FLOAT:
            continue
        value = onnx.numpy_helper.to_array(tensor)
        source = weight_source(tensor.name, value, weights)
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


def add_graph(folder: str | os.PathLike) -> None:
    """Write the folder's ONNX graph (``model.graph.onnx``) from a throwaway export, or
    warn and go on without one (the CPU path then exports the model on first use)."""
    with tempfile.TemporaryDirectory() as cache:
        try:
            write_graph(folder, cache)
        except GraphError as err:
            logger.warning("no ONNX graph in the folder: %s", err)
