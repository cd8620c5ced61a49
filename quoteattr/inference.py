"""``QuoteAttributor``: load a model folder or Hub id and ``predict`` attributions.

Loading is safe by construction: weights come from safetensors only, remote code is never
run, the tokenizer must be fast (offsets) and the labels must be a quoteattr scheme.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import torch
from transformers import AutoModelForTokenClassification, AutoTokenizer, PreTrainedModel

from .config import DataConfig, DecodingConfig
from .features import Window, encode_windows
from .labels import scheme_of
from .linking import decode_articles
from .schema import Attribution

SETTINGS_KEY = "quoteattr"  # our decoding settings inside config.json
# One source for the defaults: the config dataclasses that training saves from.
DECODING_DEFAULTS = dataclasses.asdict(DecodingConfig())
DEFAULT_SETTINGS = {
    "max_length": DataConfig.max_length,
    "stride": DataConfig.stride,
    "newline_marker": DataConfig.newline_marker,
}
DEFAULT_SETTINGS.update(DECODING_DEFAULTS)
MAX_BATCH_SIZE = 4096


def quantize_int8(model: PreTrainedModel, keep: Callable[[torch.nn.Linear], bool] | None = None):
    """Dynamic int8 with per-channel weights (per-tensor loses >1 point of F1 here) for
    every linear layer, or for those that ``keep`` accepts."""
    qconfig = torch.ao.quantization.per_channel_dynamic_qconfig
    spec: dict = {torch.nn.Linear: qconfig}
    if keep is not None:
        spec = {
            name: qconfig
            for name, module in model.named_modules()
            if isinstance(module, torch.nn.Linear) and keep(module)
        }
    return torch.ao.quantization.quantize_dynamic(model, spec, dtype=torch.qint8)


class ModelError(ValueError):
    """A model folder that quoteattr refuses to load."""


class InputError(ValueError):
    """An input text that ``predict`` refuses (not a string, or too long)."""


class QuoteAttributor:
    """A token classifier, its tokenizer and the decoding settings, behind ``predict``."""

    def __init__(
        self,
        model: PreTrainedModel,
        tokenizer: Any,
        *,
        batch_size: int = 32,
        max_article_chars: int = 5_000_000,
        **settings: int | bool | str,
    ) -> None:
        if not getattr(tokenizer, "is_fast", False):
            raise ModelError("the tokenizer is not a fast tokenizer: offsets need one")
        id2label = model.config.id2label
        self.labels = [id2label[i] for i in range(len(id2label))]
        try:
            self.scheme = scheme_of(self.labels)
        except ValueError as err:
            raise ModelError(str(err)) from None
        unknown = set(settings) - set(DEFAULT_SETTINGS)
        if unknown:
            raise TypeError(f"unknown settings: {sorted(unknown)}")
        saved = getattr(model.config, SETTINGS_KEY, None) or {}
        self.settings = {**DEFAULT_SETTINGS, **saved, **settings}
        if not 1 <= batch_size <= MAX_BATCH_SIZE:
            raise ValueError(f"batch_size must be in [1, {MAX_BATCH_SIZE}], got {batch_size}")
        self.model = model.eval()
        self.tokenizer = tokenizer
        self.batch_size = batch_size
        self.max_article_chars = max_article_chars

    @classmethod
    def from_pretrained(
        cls,
        name_or_path: str | os.PathLike,
        *,
        revision: str | None = None,
        token: str | bool | None = None,
        cache_dir: str | os.PathLike | None = None,
        local_files_only: bool = False,
        device: str | None = None,
        quantize: str | None = None,
        **kwargs: Any,
    ) -> QuoteAttributor:
        """Load from a local folder or a Hub id (``revision``, ``token``, ``cache_dir``).

        ``quantize="int8"`` applies dynamic int8 quantization (per-channel weights) to the
        linear layers: the fast CPU path.
        """
        hub = {
            "revision": revision,
            "token": token,
            "cache_dir": cache_dir,
            "local_files_only": local_files_only,
            "trust_remote_code": False,
        }
        try:
            tokenizer = AutoTokenizer.from_pretrained(name_or_path, use_fast=True, **hub)
            model = AutoModelForTokenClassification.from_pretrained(
                name_or_path, use_safetensors=True, **hub
            )
        except OSError as err:
            raise ModelError(f"cannot load a quoteattr model from {name_or_path}: {err}") from None
        if quantize == "int8":
            model = quantize_int8(model)
        elif quantize is not None:
            raise ValueError(f"quantize must be None or 'int8', got {quantize!r}")
        elif device is not None:
            model = model.to(device)
        elif torch.cuda.is_available():
            model = model.to("cuda")
        return cls(model, tokenizer, **kwargs)

    def save_pretrained(self, folder: str | os.PathLike) -> None:
        """Write safetensors weights, ``config.json`` with labels and settings, tokenizer."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        setattr(self.model.config, SETTINGS_KEY, dict(self.settings))
        self.model.save_pretrained(folder, safe_serialization=True)
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
        """Save to a temporary folder (with ``card`` as README.md) and upload it."""
        from huggingface_hub import HfApi

        api = HfApi(token=token)
        api.create_repo(repo_id, private=private, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            self.save_pretrained(tmp)
            if card is not None:
                Path(tmp, "README.md").write_text(card, encoding="utf-8")
            info = api.upload_folder(
                repo_id=repo_id, folder_path=tmp, revision=revision, commit_message=commit_message
            )
        return str(info)

    @property
    def device(self) -> torch.device:
        return next(self.model.parameters()).device

    def predict(
        self, texts: str | Sequence[str], batch_size: int | None = None
    ) -> list[list[Attribution]]:
        """One list of attributions per text (a single string counts as a list of one)."""
        if isinstance(texts, str):
            texts = [texts]
        for i, text in enumerate(texts):
            if not isinstance(text, str):
                raise InputError(f"text {i} is a {type(text).__name__}, not a str")
            if len(text) > self.max_article_chars:
                raise InputError(
                    f"text {i} has {len(text):,} characters, over max_article_chars="
                    f"{self.max_article_chars:,}"
                )
        windows = self.encode(texts)
        logits = self.window_logits(windows, self.batch_size if batch_size is None else batch_size)
        decoding = {key: self.settings[key] for key in DECODING_DEFAULTS}
        return decode_articles(texts, windows, logits, self.labels, **decoding)

    def encode(self, texts: Sequence[str]) -> list[Window]:
        """The model's windows of ``texts``, cut with its saved settings."""
        s = self.settings
        return encode_windows(
            texts, self.tokenizer, s["max_length"], s["stride"], s["newline_marker"]
        )

    @torch.inference_mode()
    def window_logits(self, windows: Sequence[Window], batch_size: int) -> list[np.ndarray]:
        """Logits per window; batches hold windows of similar length to waste no padding."""
        if not 1 <= batch_size <= MAX_BATCH_SIZE:
            raise ValueError(f"batch_size must be in [1, {MAX_BATCH_SIZE}], got {batch_size}")
        order = sorted(range(len(windows)), key=lambda i: len(windows[i].input_ids))
        out: list[np.ndarray] = [np.zeros(0)] * len(windows)
        pad = self.tokenizer.pad_token_id or 0
        for b in range(0, len(order), batch_size):
            batch = order[b : b + batch_size]
            width = max(len(windows[i].input_ids) for i in batch)
            ids = torch.full((len(batch), width), pad, dtype=torch.long)
            mask = torch.zeros((len(batch), width), dtype=torch.long)
            for row, i in enumerate(batch):
                n = len(windows[i].input_ids)
                ids[row, :n] = torch.tensor(windows[i].input_ids)
                mask[row, :n] = 1
            result = self.model(input_ids=ids.to(self.device), attention_mask=mask.to(self.device))
            batch_logits = result.logits.float().cpu().numpy()
            for row, i in enumerate(batch):
                out[i] = batch_logits[row, : len(windows[i].input_ids)]
        return out


def predict(
    texts: str | Sequence[str], model: str | os.PathLike | QuoteAttributor, **kwargs: Any
) -> list[list[Attribution]]:
    """``QuoteAttributor.from_pretrained(model).predict(texts)``: one list per text."""
    attributor = model if isinstance(model, QuoteAttributor) else _cached(str(model), **kwargs)
    return attributor.predict(texts)


_CACHE: dict[tuple, QuoteAttributor] = {}


def _cached(name_or_path: str, **kwargs: Any) -> QuoteAttributor:
    key = (name_or_path, tuple(sorted(kwargs.items())))
    if key not in _CACHE:
        _CACHE.clear()
        _CACHE[key] = QuoteAttributor.from_pretrained(name_or_path, **kwargs)
    return _CACHE[key]
