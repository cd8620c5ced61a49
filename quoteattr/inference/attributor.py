"""``QuoteAttributor``: load a model folder or Hub id and ``predict`` attributions.

Loading is safe by construction: weights come from safetensors only, remote code is never
run, the tokenizer must be fast (offsets) and the labels must be a quoteattr scheme.

Two backends run the encoder. On the CPU in fp32 (the default there) and for int8, ONNX
Runtime runs it (``quoteattr.inference.onnx_runtime``): in fp32 from the model folder's own graph
(``model.graph.onnx``, which the shipped and published models carry) with the folder's
weights, otherwise from an export made once into a cache. Neither imports torch or
transformers, and a process starts in about half a second. PyTorch runs it on a GPU, in
bf16/fp16, or when asked (``backend="torch"``). OpenVINO (``backend="openvino"``, the
``openvino`` extra) runs the same graph in bf16 on a CPU with AMX or AVX512-BF16 where
PyTorch is not installed (``quoteattr.inference.openvino_runtime``).
"""

from __future__ import annotations

import itertools
import logging
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..config import SETTINGS_KEY, ModelSettings, dtype_name, torch_dtype
from ..data.features import Window, backend, encode_windows
from ..decode.article import decode_articles
from ..extras import installed, require
from ..labels import scheme_of
from ..schema import Attribution
from .auto import BACKEND_ENV, choose_backend, recorded_f1
from .model_folder import ModelError, check_model_folder, check_positions, load_tokenizer_checked
from .onnx_export import CacheError, add_graph, export_onnx
from .onnx_graph import CONFIG_FILE, GRAPH_FILE, GraphError
from .onnx_runtime import OnnxTokenClassifier
from .openvino_runtime import OpenVinoTokenClassifier

if TYPE_CHECKING:
    from transformers import PreTrainedModel

DEFAULT_MODEL = Path(__file__).parent.parent / "model"  # the model shipped with the package
MAX_BATCH_SIZE = 4096
logger = logging.getLogger(__name__)


def _gpu_possible() -> bool:
    """Whether a CUDA device might exist, without importing torch where it cannot (or where
    it is not installed: the CPU then)."""
    if sys.modules.get("torch") is not None:
        return True
    driver = Path("/proc/driver/nvidia/version").exists() or Path("/dev/nvidiactl").exists()
    return driver and installed("torch")


def resolve_device(device: str | int | Any | None) -> str:
    """``"cpu"``, ``"cuda"`` (or ``"cuda:N"``); None or ``"auto"``: CUDA when available.
    As in transformers, a GPU index (``0``), ``-1`` (the CPU) or a ``torch.device`` do too."""
    if isinstance(device, int) and not isinstance(device, bool):
        device = "cpu" if device == -1 else f"cuda:{device}"
    elif type(device).__name__ == "device":  # a torch.device
        device = str(device)
    if device in (None, "auto"):
        if not _gpu_possible():
            return "cpu"
        import torch

        return "cuda" if torch.cuda.is_available() else "cpu"
    if not isinstance(device, str):
        raise ValueError(f"device must be 'cpu', 'cuda', 'cuda:N', a GPU index or None: {device!r}")
    if device.startswith("cuda"):
        torch = require("torch", f"device {device!r}")
        if not torch.cuda.is_available():
            raise ValueError(f"device {device!r} asked for, but PyTorch sees no CUDA device")
    return device


class InputError(ValueError):
    """An input text that ``predict`` refuses (not a string, or too long)."""


class QuoteAttributor:
    """A token classifier, its tokenizer and the decoding settings, behind ``predict``."""

    def __init__(
        self,
        model: PreTrainedModel | OnnxTokenClassifier,
        tokenizer: Any,
        *,
        batch_size: int = 32,
        max_article_chars: int = 2_000_000,  # about 2 MB: linear, a few minutes on a CPU
        **settings: Any,
    ) -> None:
        """``settings`` override the model's saved :class:`ModelSettings` by name
        (``min_score=0.5``, ``max_length=512``); bad names or values are errors."""
        try:
            backend(tokenizer)
        except ValueError:
            raise ModelError("the tokenizer is not a fast tokenizer: offsets need one") from None
        id2label = model.config.id2label
        self.labels = [id2label[i] for i in range(len(id2label))]
        try:
            scheme = scheme_of(self.labels)
            saved = ModelSettings.from_dict(
                {"label_scheme": scheme, **(getattr(model.config, SETTINGS_KEY, None) or {})},
                source=f"config.json {SETTINGS_KEY!r}",
            )
        except ValueError as err:
            raise ModelError(str(err)) from None
        if saved.label_scheme != scheme:
            raise ModelError(
                f"settings say label scheme {saved.label_scheme!r}, the labels are {scheme!r}"
            )
        self.settings: ModelSettings = saved.replace(**settings)
        check_positions(self.settings.max_length, model.config)
        if not 1 <= batch_size <= MAX_BATCH_SIZE:
            raise ValueError(f"batch_size must be in [1, {MAX_BATCH_SIZE}], got {batch_size}")
        self.model = model.eval()
        self.tokenizer = tokenizer
        self.batch_size = batch_size
        self.max_article_chars = max_article_chars
        self.name_or_path: str | None = None  # where from_pretrained loaded it from
        self.hub: dict = {}

    @classmethod
    def from_pretrained(
        cls,
        name_or_path: str | os.PathLike | None = None,
        *,
        revision: str | None = None,
        token: str | bool | None = None,
        cache_dir: str | os.PathLike | None = None,
        local_files_only: bool = False,
        device: str | None = None,
        dtype: str | None = None,
        quantize: str | None = None,
        backend: str | None = None,
        threads: int | None = None,
        job_chars: int | None = None,
        **kwargs: Any,
    ) -> QuoteAttributor:
        """Load the model shipped with quoteattr (no ``name_or_path``), a local folder or
        a Hub id (``revision``, ``token``, ``cache_dir``).

        ``device``: ``"cpu"``, ``"cuda"`` or None/``"auto"`` (CUDA when available);
        ``dtype``: ``"float32"`` (default), ``"bfloat16"`` or ``"float16"`` (GPU);
        ``quantize="int8"``: dynamic int8 weights (per channel), on ONNX Runtime.
        ``backend``: ``"onnx"`` (the folder's own graph in fp32, or the model exported once
        into ``~/.cache/quoteattr/onnx``, ``QUOTEATTR_CACHE``), ``"torch"`` (default on a
        GPU), ``"openvino"`` (the same graph as onnx; ``dtype`` float32 or bfloat16) or
        None/``"auto"``: on the CPU, the fastest path this CPU offers among ONNX Runtime
        fp32/int8 and PyTorch or OpenVINO bf16, a lossy one only where the folder's
        ``scores.json`` records its dev F1 within 0.3 points of fp32
        (:mod:`quoteattr.inference.auto`; ``job_chars``, about how many characters will be
        predicted, lets a short or medium job start sooner; None: a long job).
        ``$QUOTEATTR_BACKEND`` sets the default. ``threads``: CPU threads (default: all
        cores this process may use). Other keyword arguments go to
        :class:`QuoteAttributor` (``batch_size``, settings overrides).
        """
        if name_or_path is None:
            name_or_path = DEFAULT_MODEL
        if _looks_local(name_or_path) and not Path(name_or_path).is_dir():
            raise ModelError(f"{name_or_path}: no such model folder")
        dtype = dtype_name(dtype)
        if quantize not in (None, "int8"):
            raise ValueError(f"quantize must be None or 'int8', got {quantize!r}")
        device = resolve_device(device)
        local = Path(name_or_path).is_dir()
        choice = choose_backend(
            backend, device, dtype, quantize,
            f1=recorded_f1(name_or_path) if local else {}, job_chars=job_chars,
        )  # fmt: skip
        logger.info("encoder: %s", choice)
        chosen, dtype, quantize = choice.backend, choice.dtype, choice.quantize
        hub = {
            "revision": revision,
            "token": token,
            "cache_dir": cache_dir,
            "local_files_only": local_files_only,
        }
        if local:  # checked before anything in it is loaded
            check_model_folder(name_or_path)
        elif Path(name_or_path).exists():
            raise ModelError(f"{name_or_path}: not a model folder")
        try:
            if chosen == "onnx":
                try:
                    model, tokenizer = _load_onnx(name_or_path, hub, quantize == "int8", threads)
                except CacheError as err:
                    if not choice.automatic and (
                        quantize or backend or os.environ.get(BACKEND_ENV)
                    ):
                        raise ModelError(str(err)) from None
                    if quantize and Path(name_or_path, GRAPH_FILE).is_file():
                        logger.warning("%s: running ONNX Runtime fp32 instead", err)
                        model, tokenizer = _load_onnx(name_or_path, hub, False, threads)
                    elif installed("torch"):
                        logger.warning("%s: running on PyTorch instead", err)
                        chosen = "torch"
                    else:
                        raise ModelError(str(err)) from None
            if chosen == "openvino":
                try:
                    model, tokenizer = _load_openvino(name_or_path, hub, dtype, threads)
                except CacheError as err:
                    raise ModelError(str(err)) from None
            if chosen == "torch":
                model, tokenizer = _load_torch(name_or_path, hub, device, dtype, threads)
        except OSError as err:
            raise ModelError(f"cannot load a quoteattr model from {name_or_path}: {err}") from None
        attributor = cls(model, tokenizer, **kwargs)
        attributor.name_or_path, attributor.hub = str(name_or_path), hub
        return attributor

    def save_pretrained(self, folder: str | os.PathLike) -> None:
        """Write safetensors weights, ``config.json`` with labels and settings, tokenizer."""
        if not hasattr(self.model, "save_pretrained"):
            raise ModelError("an ONNX model cannot be saved: load it with backend='torch'")
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        setattr(self.model.config, SETTINGS_KEY, self.settings.to_dict())
        self.model.save_pretrained(folder, safe_serialization=True)
        inner = backend(self.tokenizer)  # windows set their own; save none
        inner.no_truncation()
        inner.no_padding()
        self.tokenizer.save_pretrained(folder)

    def push_to_hub(
        self,
        repo_id: str,
        *,
        token: str | None = None,
        private: bool = False,
        revision: str | None = None,
        card: str | None = None,
        commit_message: str = "Upload quoteattr model",
    ) -> str:
        """Save to a temporary folder (with its ONNX graph, and ``card`` as README.md) and
        upload it."""
        with tempfile.TemporaryDirectory() as tmp:
            self.save_pretrained(tmp)
            add_graph(tmp)
            if card is not None:
                Path(tmp, "README.md").write_text(card, encoding="utf-8")
            return upload_folder(
                tmp, repo_id, token=token, private=private, revision=revision,
                commit_message=commit_message,
            )  # fmt: skip

    @property
    def device(self) -> str:
        """Where the encoder runs: ``"cpu"``, ``"cuda:0"``, ..."""
        return str(self.model.device)

    @property
    def backend(self) -> str:
        """``"onnx"``, ``"torch"`` or ``"openvino"``."""
        if isinstance(self.model, OpenVinoTokenClassifier):
            return "openvino"
        return "torch" if hasattr(self.model, "save_pretrained") else "onnx"

    def predict(
        self,
        texts: str | Sequence[str],
        batch_size: int | None = None,
        *,
        progress: bool = False,
    ) -> list[list[Attribution]]:
        """One list of attributions per text (a single string counts as a list of one).

        ``progress=True`` shows a progress bar (tqdm) over the texts.
        """
        texts = [texts] if isinstance(texts, str) else list(_iterable_of_texts(texts, "predict"))
        for i, text in enumerate(texts):
            self._check_text(i, text)
        results = self.predict_iter(texts, batch_size)
        if progress:
            from tqdm.auto import tqdm  # notebooks get a widget

            results = tqdm(results, total=len(texts), unit="text")
        return list(results)

    def predict_iter(
        self, texts: Iterable[str], batch_size: int | None = None, chunk_size: int = 64
    ) -> Iterator[list[Attribution]]:
        """Attributions for each text as it is done, in order: ``texts`` may be a
        generator, and only ``chunk_size`` texts' windows are held at a time."""
        batch_size = self.batch_size if batch_size is None else batch_size
        if isinstance(texts, str):
            raise InputError("predict_iter takes texts, not one str: pass [text], or use predict")
        iterator = iter(_iterable_of_texts(texts, "predict_iter"))
        offset = 0
        while chunk := list(itertools.islice(iterator, chunk_size)):
            for i, text in enumerate(chunk):
                self._check_text(offset + i, text)
            windows = self.encode(chunk)
            logits = self.window_logits(windows, batch_size)
            decoding = self.settings.decoding
            yield from decode_articles(chunk, windows, logits, self.labels, decoding)
            offset += len(chunk)

    def _check_text(self, i: int, text: Any) -> None:
        if not isinstance(text, str):
            raise InputError(f"text {i} is a {type(text).__name__}, not a str")
        if len(text) > self.max_article_chars:
            raise InputError(
                f"text {i} has {len(text):,} characters, over max_article_chars="
                f"{self.max_article_chars:,}"
            )

    def encode(self, texts: Sequence[str]) -> list[Window]:
        """The model's windows of ``texts``, cut with its saved settings."""
        s = self.settings
        return encode_windows(texts, self.tokenizer, s.max_length, s.stride, s.newline_marker)

    def window_logits(self, windows: Sequence[Window], batch_size: int) -> list[np.ndarray]:
        """Logits per window; batches hold windows of similar length to waste no padding."""
        if not 1 <= batch_size <= MAX_BATCH_SIZE:
            raise ValueError(f"batch_size must be in [1, {MAX_BATCH_SIZE}], got {batch_size}")
        order = sorted(range(len(windows)), key=lambda i: len(windows[i].input_ids))
        out: list[np.ndarray] = [np.zeros(0)] * len(windows)
        pad = getattr(self.model.config, "pad_token_id", None) or 0
        run = self._torch_logits if self.backend == "torch" else self.model.logits
        for b in range(0, len(order), batch_size):
            batch = order[b : b + batch_size]
            width = max(len(windows[i].input_ids) for i in batch)
            ids = np.full((len(batch), width), pad, dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, i in enumerate(batch):
                n = len(windows[i].input_ids)
                ids[row, :n] = windows[i].input_ids
                mask[row, :n] = 1
            batch_logits = run(ids, mask)
            for row, i in enumerate(batch):
                out[i] = batch_logits[row, : len(windows[i].input_ids)]
        return out

    def _torch_logits(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        import torch

        with torch.inference_mode():
            device = self.model.device
            result = self.model(
                input_ids=torch.from_numpy(ids).to(device),
                attention_mask=torch.from_numpy(mask).to(device),
            )
            return result.logits.float().cpu().numpy()


def upload_folder(
    folder: str | os.PathLike,
    repo_id: str,
    *,
    token: str | None = None,
    private: bool = False,
    revision: str | None = None,
    commit_message: str = "Upload quoteattr model",
) -> str:
    """Create the Hub repository if needed and upload ``folder`` as it is."""
    from huggingface_hub import HfApi

    api = HfApi(token=token)
    api.create_repo(repo_id, private=private, exist_ok=True)
    info = api.upload_folder(
        repo_id=repo_id, folder_path=str(folder), revision=revision, commit_message=commit_message
    )
    return str(info)


def _looks_local(name_or_path: str | os.PathLike) -> bool:
    """Whether a model name is meant as a folder on this machine, not a Hub id
    (``org/name``): a path object, ``./x``, ``/x``, ``~/x``, ``a/b/c``, or ``runs/x`` where
    ``runs/`` is a folder here."""
    if not isinstance(name_or_path, str):
        return True
    parts = name_or_path.replace(os.sep, "/").split("/")
    return (
        name_or_path.startswith((".", "/", "~"))
        or len(parts) > 2
        or len(parts) == 2
        and Path(parts[0]).is_dir()
    )


MODEL_FILES = ["*.json", "*.safetensors", "*.txt", GRAPH_FILE]  # what a model folder needs


def model_folder(name_or_path: str | os.PathLike, hub: dict | None = None) -> Path:
    """The local folder of a model: ``name_or_path`` itself, or the Hub snapshot of its
    model files (``hub``: ``revision``, ``token``, ``cache_dir``, ``local_files_only``)."""
    folder = Path(name_or_path)
    if folder.is_dir():
        return folder
    from huggingface_hub import snapshot_download

    return Path(snapshot_download(str(name_or_path), **(hub or {}), allow_patterns=MODEL_FILES))


def _load_onnx(
    name_or_path: str | os.PathLike, hub: dict, int8: bool, threads: int | None
) -> tuple[OnnxTokenClassifier, Any]:
    """The model folder's own graph with its weights (fp32, when it has one) or its cached
    ONNX export (exported on a miss), and its tokenizer."""
    folder = model_folder(name_or_path, hub)
    if not Path(name_or_path).is_dir():
        check_model_folder(folder)
    tokenizer = load_tokenizer_checked(folder)  # before a slow export, not after
    model = None
    if not int8 and (folder / GRAPH_FILE).is_file():
        try:
            model = OnnxTokenClassifier.from_graph(folder, threads=threads)
        except GraphError as err:
            logger.warning("%s; exporting the model instead", err)
    if model is None:
        entry = export_onnx(folder)
        model = OnnxTokenClassifier.from_export(
            entry, int8=int8, threads=threads, config=folder / CONFIG_FILE
        )
    return model, tokenizer


def _load_openvino(
    name_or_path: str | os.PathLike, hub: dict, dtype: str | None, threads: int | None
) -> tuple[OpenVinoTokenClassifier, Any]:
    """The model folder's own graph with its weights, or its cached fp32 ONNX export, on
    OpenVINO in ``dtype`` (float32 by default), and its tokenizer."""
    require("openvino", "the openvino backend")
    folder = model_folder(name_or_path, hub)
    if not Path(name_or_path).is_dir():
        check_model_folder(folder)
    tokenizer = load_tokenizer_checked(folder)
    dtype = dtype or "float32"
    if (folder / GRAPH_FILE).is_file():
        try:
            model = OpenVinoTokenClassifier.from_graph(folder, dtype=dtype, threads=threads)
            return model, tokenizer
        except GraphError as err:
            logger.warning("%s; exporting the model instead", err)
    entry = export_onnx(folder)
    model = OpenVinoTokenClassifier.from_export(
        entry, dtype=dtype, threads=threads, config=folder / CONFIG_FILE
    )
    return model, tokenizer


def _load_torch(
    name_or_path: str | os.PathLike, hub: dict, device: str, dtype: str | None, threads: int | None
) -> tuple[PreTrainedModel, Any]:
    purpose = f"the torch backend ({device}, {dtype or 'float32'})"
    torch = require("torch", purpose)
    require("transformers", purpose)
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    if threads:
        torch.set_num_threads(threads)
    hub = {**hub, "trust_remote_code": False}
    try:
        tokenizer = AutoTokenizer.from_pretrained(name_or_path, use_fast=True, **hub)
    except OSError:
        raise
    except Exception as err:  # noqa: BLE001 - tokenizers raises a bare Exception
        raise ModelError(f"{name_or_path}: cannot read its tokenizer ({err})") from None
    model = AutoModelForTokenClassification.from_pretrained(
        name_or_path, use_safetensors=True, dtype=torch_dtype(dtype or "float32"), **hub
    )
    return model.to(device), tokenizer


def _iterable_of_texts(texts: Any, caller: str) -> Iterable:
    """``texts`` if it is an iterable (of str, checked one by one later), else InputError."""
    if isinstance(texts, (bytes, bytearray)):
        raise InputError(f"{caller} takes str, not bytes: decode them first (.decode('utf-8'))")
    if not isinstance(texts, Iterable):
        raise InputError(f"{caller} takes a str or a list of str, not a {type(texts).__name__}")
    return texts


def predict(
    texts: str | Sequence[str],
    model: str | os.PathLike | QuoteAttributor | None = None,
    *,
    progress: bool = False,
    **kwargs: Any,
) -> list[list[Attribution]]:
    """``QuoteAttributor.from_pretrained(model).predict(texts)``: one list per text.

    Without ``model``, the model shipped with quoteattr. The loaded model is kept for
    the next call with the same arguments.
    """
    if not isinstance(model, QuoteAttributor):
        model = _cached(str(model or DEFAULT_MODEL), **kwargs)
    return model.predict(texts, progress=progress)


_CACHE: dict[tuple, QuoteAttributor] = {}


def _cached(name_or_path: str, **kwargs: Any) -> QuoteAttributor:
    key = (name_or_path, tuple(sorted(kwargs.items())))
    if key not in _CACHE:
        _CACHE.clear()
        _CACHE[key] = QuoteAttributor.from_pretrained(name_or_path, **kwargs)
    return _CACHE[key]
