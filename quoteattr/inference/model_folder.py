"""Checks on a model folder before anything in it is loaded: a model folder is untrusted
input (a download, a colleague's checkpoint), so what it holds is read as data and checked.

Refused, each with a message naming the folder and what is wrong: a config that asks for
its own Python code (``auto_map``), labels that are not ``{"0": ..., "1": ...}`` without
gaps, quoteattr settings that are not a mapping (``decoding`` too), a safetensors file cut
short or with a broken header, and a ``tokenizer.json`` that cannot be read. Nothing here
imports torch or transformers.
"""

from __future__ import annotations

import json
import struct
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from ..config import SETTINGS_KEY, ModelSettings
from ..data.features import load_tokenizer

CONFIG_FILE = "config.json"

# Models whose position ids start after the padding index (RoBERTa and its kin): two of
# their max_position_embeddings are never a token's.
_OFFSET_POSITIONS = ("roberta", "xlm-roberta", "camembert", "longformer", "mpnet")


class ModelError(ValueError):
    """A model folder that quoteattr refuses to load."""


def _json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as err:
        raise ModelError(f"{path}: not a readable JSON file ({err})") from None


def check_config(config: dict[str, Any], where: str) -> None:
    """A ``config.json`` as a dict: no remote code, labels without gaps, settings that are
    mappings (their values are checked by ``ModelSettings``)."""
    if "auto_map" in config:
        raise ModelError(
            f"{where}: has 'auto_map', which asks to run Python code shipped with the model; "
            "quoteattr never runs code from a model folder"
        )
    labels = config.get("id2label")
    if not isinstance(labels, dict) or not labels:
        raise ModelError(
            f'{where}: \'id2label\' must map label ids to names ({{"0": "O", ...}}), '
            f"got {type(labels).__name__}"
        )
    try:
        ids = sorted(int(k) for k in labels)
    except (TypeError, ValueError):
        raise ModelError(f"{where}: 'id2label' keys must be integers, got {list(labels)}") from None
    if ids != list(range(len(ids))):
        missing = sorted(set(range(max(ids) + 1)) - set(ids))
        raise ModelError(
            f"{where}: 'id2label' ids must run 0..{len(ids) - 1} without gaps "
            f"(missing {missing[:5]}, found {ids[:12]})"
        )
    if not all(isinstance(v, str) for v in labels.values()):
        raise ModelError(f"{where}: 'id2label' names must be strings")
    settings = config.get(SETTINGS_KEY)
    if settings is not None:
        if not isinstance(settings, dict):
            raise ModelError(
                f"{where}: {SETTINGS_KEY!r} must be a mapping of settings, got "
                f"{type(settings).__name__}"
            )
        decoding = settings.get("decoding")
        if decoding is not None and not isinstance(decoding, dict):
            raise ModelError(
                f"{where}: {SETTINGS_KEY}.decoding must be a mapping, got {type(decoding).__name__}"
            )
    try:
        saved = ModelSettings.from_dict(settings or {}, source=f"{where} {SETTINGS_KEY!r}")
    except ValueError as err:
        raise ModelError(str(err)) from None
    check_positions(saved.max_length, SimpleNamespace(**config), where)


def check_positions(max_length: int, config: Any, where: str = "the model") -> None:
    """:class:`ModelError` when windows of ``max_length`` tokens do not fit the model's
    position embeddings (every longer window would fail at run time)."""
    limit = max_positions(config)
    if limit is not None and max_length > limit:
        raise ModelError(
            f"{where}: max_length {max_length} is over the {limit} positions the model has "
            "(max_position_embeddings)"
        )


def check_safetensors(path: Path) -> None:
    """The file's header is JSON and its tensors end where the file ends (a download or
    copy cut short is found here, before an export or a load starts)."""
    size = path.stat().st_size
    try:
        with path.open("rb") as f:
            (n,) = struct.unpack("<Q", f.read(8))
            if n > size - 8:
                raise ValueError(f"the header says {n:,} bytes")
            header = json.loads(f.read(n))
        ends = [int(t["data_offsets"][1]) for name, t in header.items() if name != "__metadata__"]
    except (struct.error, ValueError, TypeError, KeyError, IndexError) as err:
        raise ModelError(f"{path}: not a safetensors file, or cut short ({err})") from None
    expected = 8 + n + max(ends, default=0)
    if size != expected:
        raise ModelError(
            f"{path}: {size:,} bytes, but its header describes {expected:,}: the file is "
            "truncated or damaged; download or copy it again"
        )


def check_model_folder(folder: str | Path) -> None:
    """Raise :class:`ModelError` unless ``folder`` looks like a model quoteattr may load."""
    folder = Path(folder)
    config = _json(folder / CONFIG_FILE) if (folder / CONFIG_FILE).is_file() else None
    if config is None:
        raise ModelError(f"{folder}: no config.json; is this a quoteattr model folder?")
    if not isinstance(config, dict):
        raise ModelError(f"{folder / CONFIG_FILE}: expected a JSON object")
    check_config(config, str(folder / CONFIG_FILE))
    tokenizer_config = folder / "tokenizer_config.json"
    if tokenizer_config.is_file():
        data = _json(tokenizer_config)
        if isinstance(data, dict) and "auto_map" in data:
            raise ModelError(
                f"{tokenizer_config}: has 'auto_map' (a tokenizer in Python code shipped with "
                "the model); quoteattr never runs code from a model folder"
            )
    weights = sorted(folder.glob("*.safetensors"))
    if not weights:
        raise ModelError(
            f"cannot load a quoteattr model from {folder}: no *.safetensors weights "
            "(pickled weights are never loaded)"
        )
    for path in weights:
        check_safetensors(path)


def load_tokenizer_checked(folder: str | Path) -> Any:
    """The folder's fast tokenizer, or :class:`ModelError` saying why it cannot be read."""
    try:
        return load_tokenizer(folder)
    except FileNotFoundError as err:
        raise ModelError(str(err)) from None
    except Exception as err:  # noqa: BLE001 - tokenizers raises a bare Exception
        raise ModelError(f"{Path(folder) / 'tokenizer.json'}: cannot be read ({err})") from None


def max_positions(config: Any) -> int | None:
    """The longest window the model's position embeddings hold, or None if unknown."""
    limit = getattr(config, "max_position_embeddings", None)
    if not isinstance(limit, int):
        return None
    if getattr(config, "model_type", None) in _OFFSET_POSITIONS:
        pad = getattr(config, "pad_token_id", None)
        limit -= (pad if isinstance(pad, int) else 1) + 1
    return limit
