"""Knowledge distillation: a student trained on a teacher model's token probabilities.

The teacher (any quoteattr model folder, e.g. MPNet fine-tuned on PolNeAR) reads each
training article with its own tokenizer and windows; its logits are merged per article as
``predict`` merges them and matched to the student's tokens by character offsets. A
student token with no teacher token of the same offsets (special tokens, a word split
differently) gets no soft target. Unlabelled texts add windows with soft targets only.

The loss is ``alpha * CE(gold) + (1 - alpha) * T^2 * KL(teacher_T || student_T)`` with
temperature ``T``. It reaches the stock ``Trainer`` through ``compute_loss_func``: the
collator packs each token's gold id and the teacher's logits into one ``labels`` tensor of
shape ``(batch, tokens, 1 + labels)``; evaluation batches keep plain gold ids.

Teacher targets are computed once and cached in the run's output folder, keyed by the
teacher's weights and the student's windows: ``teacher-logits.npz`` for the training
windows and ``teacher-logits-unlabelled.npz`` for the unlabelled ones, so that changing the
unlabelled text leaves the training windows' targets cached.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F
from transformers import DataCollatorForTokenClassification

from ..data.features import Window, encode_windows
from ..decode.spans import merge_windows
from ..labels import IGNORE_INDEX
from . import info

CACHE_NAME = "teacher-logits.npz"  # the training windows
UNLABELLED_CACHE_NAME = "teacher-logits-unlabelled.npz"
RECORD_NAME = "teacher.json"  # the teacher, its base encoder and the time its targets took


class DistillationError(ValueError):
    """A teacher that cannot teach this student (other labels, no model)."""


def align_teacher(
    texts: Sequence[str],
    student: Sequence[Window],
    teacher: Sequence[Window],
    teacher_logits: Sequence[np.ndarray],
) -> list[np.ndarray]:
    """Per student window, ``(tokens, labels)`` teacher logits; NaN rows where the teacher
    has no token with the same character offsets."""
    by_article: dict[int, list[int]] = {}
    for i, w in enumerate(teacher):
        by_article.setdefault(w.article, []).append(i)
    n_labels = teacher_logits[0].shape[-1] if len(teacher_logits) else 0
    lookup: dict[int, tuple[dict[tuple[int, int], int], np.ndarray]] = {}
    for article in range(len(texts)):
        rows = by_article.get(article, [])
        off, log = merge_windows(
            [teacher[i].offsets for i in rows], [teacher_logits[i] for i in rows]
        )
        lookup[article] = ({(int(s), int(e)): j for j, (s, e) in enumerate(off)}, log)
    out = []
    for w in student:
        index, log = lookup[w.article]
        target = np.full((len(w.input_ids), n_labels), np.nan, dtype=np.float32)
        for j, (s, e) in enumerate(w.offsets):
            row = index.get((int(s), int(e))) if s >= 0 else None
            if row is not None:
                target[j] = log[row]
        out.append(target)
    return out


def teacher_targets(
    teacher: Any,
    texts: Sequence[str],
    student: Sequence[Window],
    labels: Sequence[str],
    batch_size: int = 32,
) -> list[np.ndarray]:
    """The :class:`~quoteattr.inference.QuoteAttributor` ``teacher``'s logits on ``texts``,
    aligned to the ``student`` windows (see :func:`align_teacher`)."""
    if list(teacher.labels) != list(labels):
        raise DistillationError(
            f"the teacher's labels {teacher.labels} differ from the student's {list(labels)}"
        )
    if not texts:
        return []
    windows = teacher.encode(texts)
    logits = teacher.window_logits(windows, batch_size)
    return align_teacher(texts, student, windows, logits)


def cache_key(teacher_path: str, student: Sequence[Window]) -> str:
    """A digest of the teacher's weights (or name) and the student's token ids."""
    h = hashlib.sha256()
    folder = Path(teacher_path)
    weights = sorted(folder.glob("*.safetensors")) if folder.is_dir() else []
    for path in weights:
        stat = path.stat()
        h.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    if not weights:
        h.update(teacher_path.encode())
    for w in student:
        h.update(np.asarray(w.input_ids, dtype=np.int64).tobytes())
    return h.hexdigest()


def load_cached(path: Path, key: str) -> list[np.ndarray] | None:
    """Targets saved by :func:`save_cached` under ``key``, or None (absent, stale, broken)."""
    try:
        with np.load(path) as data:
            if str(data["key"]) != key:
                return None
            flat, lengths = data["logits"], data["lengths"]
    except (OSError, KeyError, ValueError):
        return None
    return np.split(flat, np.cumsum(lengths)[:-1]) if len(lengths) else []


def save_cached(path: Path, key: str, targets: Sequence[np.ndarray]) -> None:
    tmp = path.with_name(path.name + ".tmp.npz")
    lengths = np.asarray([len(t) for t in targets], dtype=np.int64)
    flat = np.concatenate(targets) if targets else np.zeros((0, 0), np.float32)
    np.savez(tmp, key=np.asarray(key), logits=flat, lengths=lengths)
    tmp.replace(path)


def read_record(out: Path) -> dict[str, Any] | None:
    """The teacher record of run folder ``out`` (``teacher.json``), or None."""
    try:
        record = json.loads((out / RECORD_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def unlabelled_examples(
    texts: Sequence[str], tokenizer: Any, max_length: int, stride: int, newline_marker: str = ""
) -> tuple[list[Window], dict[str, list]]:
    """Windows of texts with no gold labels (every label ignored): soft targets only."""
    windows = encode_windows(texts, tokenizer, max_length, stride, newline_marker) if texts else []
    columns = {
        "input_ids": [w.input_ids for w in windows],
        "attention_mask": [[1] * len(w.input_ids) for w in windows],
        "labels": [[IGNORE_INDEX] * len(w.input_ids) for w in windows],
    }
    return windows, columns


class DistillationCollator:
    """Pads like ``DataCollatorForTokenClassification`` and packs each window's teacher
    logits (looked up by the ``window`` column) behind the gold id in ``labels``."""

    def __init__(self, tokenizer: Any, targets: Sequence[np.ndarray]) -> None:
        self.pad = DataCollatorForTokenClassification(tokenizer)
        self.targets = targets

    def __call__(self, features: list[dict[str, Any]]) -> dict[str, torch.Tensor]:
        if "window" not in features[0]:  # evaluation batches: gold ids only
            return self.pad(features)
        windows = [f["window"] for f in features]
        batch = self.pad([{k: v for k, v in f.items() if k != "window"} for f in features])
        gold = batch["labels"]
        n_labels = self.targets[windows[0]].shape[-1]
        packed = torch.full((*gold.shape, 1 + n_labels), float("nan"))
        packed[..., 0] = gold
        for row, window in enumerate(windows):
            target = torch.from_numpy(np.asarray(self.targets[window], dtype=np.float32))
            packed[row, : len(target), 1:] = target
        batch["labels"] = packed
        return batch


def distillation_loss(alpha: float, temperature: float, accumulation_steps: int = 1):
    """A ``compute_loss_func`` for the ``Trainer``: gold cross-entropy weighted ``alpha``
    plus the teacher's soft targets; plain cross-entropy on evaluation batches."""

    def loss(outputs: Any, labels: torch.Tensor, num_items_in_batch: Any = None) -> torch.Tensor:
        logits = outputs["logits"].float()
        if labels.dim() == 2:  # evaluation: gold ids only
            return F.cross_entropy(
                logits.flatten(0, 1), labels.flatten().long(), ignore_index=IGNORE_INDEX
            )
        gold = labels[..., 0].long()
        teacher = labels[..., 1:].to(logits.device)
        hard_mask = gold != IGNORE_INDEX
        soft_mask = ~torch.isnan(teacher[..., 0])
        total = logits.new_zeros(())
        if hard_mask.any():
            total = total + alpha * F.cross_entropy(logits[hard_mask], gold[hard_mask])
        if soft_mask.any() and alpha < 1:
            t = temperature
            student = F.log_softmax(logits[soft_mask] / t, dim=-1)
            target = F.log_softmax(teacher[soft_mask] / t, dim=-1)
            kl = F.kl_div(student, target, log_target=True, reduction="batchmean")
            total = total + (1 - alpha) * t * t * kl
        # The Trainer leaves the scaling for gradient accumulation to a compute_loss_func.
        return total / accumulation_steps

    return loss


def prepare(config: Any, tokenizer: Any, articles: Sequence[Any], dataset: Any, out: Path):
    """The training set with a ``window`` column (plus unlabelled windows), its collator
    and loss, for ``config.distill``; teacher targets come from the cache when it holds
    them for this teacher and these windows."""
    import time

    from datasets import Dataset, concatenate_datasets

    from ..data.readers import CorpusReport, iter_texts
    from ..inference.attributor import QuoteAttributor
    from ..labels import label_names
    from .provenance import read_provenance

    d, s = config.distill, config.data
    texts = [a.text for a in articles]
    windows = encode_windows(texts, tokenizer, s.max_length, s.stride, s.newline_marker)
    if len(windows) != len(dataset):
        raise DistillationError(f"{len(windows)} windows for {len(dataset)} training examples")
    report = CorpusReport()
    extra = [text for _, text in iter_texts(d.unlabelled, strict=s.strict, report=report)]
    if d.unlabelled:
        info(f"unlabelled ({', '.join(d.unlabelled)}): {report.summary()}")
    extra_windows, columns = unlabelled_examples(
        extra, tokenizer, s.max_length, s.stride, s.newline_marker
    )
    labels = label_names(config.model.label_scheme)
    targets: list[np.ndarray] = []
    teacher, seconds, cached = None, 0.0, False
    for name, part_texts, part_windows in [
        (CACHE_NAME, texts, windows),
        (UNLABELLED_CACHE_NAME, extra, extra_windows),
    ]:
        if not part_windows:
            continue
        cache = out / name
        key = cache_key(d.teacher, part_windows)
        part = load_cached(cache, key)
        if part is None:
            started = time.time()
            if teacher is None:
                teacher = QuoteAttributor.from_pretrained(d.teacher, dtype=d.teacher_dtype)
            part = teacher_targets(teacher, part_texts, part_windows, labels, d.teacher_batch_size)
            save_cached(cache, key, part)
            seconds += time.time() - started
            info(f"teacher targets: {len(part)} windows -> {cache}")
        else:
            cached = True
            info(f"teacher targets: {len(part)} windows from {cache}")
        targets += part
    if teacher is not None:  # some targets were computed: record the teacher and its time
        previous = read_record(out) or {}
        if cached and previous.get("teacher") == d.teacher:  # the cached part's time too
            seconds += previous.get("seconds") or 0.0
        record = {
            "teacher": d.teacher,
            "base_model": (read_provenance(Path(d.teacher)) or {}).get("base_model"),
            "windows": len(targets),
            "seconds": round(seconds, 1),
        }
        (out / RECORD_NAME).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    if extra_windows:
        dataset = concatenate_datasets([dataset, Dataset.from_dict(columns)])
    dataset = dataset.add_column("window", list(range(len(dataset))))
    accumulation = config.training.gradient_accumulation_steps
    return (
        dataset,
        DistillationCollator(tokenizer, targets),
        distillation_loss(d.alpha, d.temperature, accumulation),
    )
