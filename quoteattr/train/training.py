"""Fine-tune a token classifier with the stock ``Trainer``.

Runs unchanged under ``python`` and ``accelerate launch`` (the Trainer reads the launch
environment). Evaluates on dev each epoch with seqeval and the project's attribution
scoring (decoded exactly as ``predict`` decodes), keeps the best checkpoint by
attribution F1, resumes from the last checkpoint in the output folder, and writes a
complete model folder there.
"""

from __future__ import annotations

import json
import random
import shutil
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import torch
from datasets import DatasetDict
from transformers import (
    AutoModelForTokenClassification,
    AutoTokenizer,
    DataCollatorForTokenClassification,
    EvalPrediction,
    Trainer,
    TrainerCallback,
    TrainingArguments,
    set_seed,
)
from transformers.trainer_utils import get_last_checkpoint

from ..config import SETTINGS_KEY, Config, ModelSettings
from ..data.features import build_dataset_dict, encode_windows
from ..data.readers import CorpusReport, read_corpus
from ..decode.article import decode_articles
from ..labels import IGNORE_INDEX, label_names
from ..schema import Article
from ..scoring.metrics import headline, score
from . import distillation, info
from .provenance import git_commit, write_provenance


class TrainingSetupError(RuntimeError):
    """A run that would fail later (unwritable output, no disk space, no data)."""


def check_output_dir(folder: Path, needed_bytes: int) -> None:
    """Fail now, not after hours, when ``folder`` cannot hold the checkpoints."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # A name of its own: every process of a distributed run probes the same folder.
        with tempfile.TemporaryFile(dir=folder) as probe:
            probe.write(b"ok")
    except OSError as err:
        raise TrainingSetupError(f"output folder {folder} is not writable: {err}") from None
    free = shutil.disk_usage(folder).free
    if free < needed_bytes:
        raise TrainingSetupError(
            f"output folder {folder} has {free / 2**20:,.0f} MiB free; checkpoints need about "
            f"{needed_bytes / 2**20:,.0f} MiB"
        )


class CheckpointEveryNSteps(TrainerCallback):
    """Save mid-epoch too, so that a killed run loses at most ``n`` steps."""

    def __init__(self, n: int) -> None:
        self.n = n

    def on_step_end(self, args, state, control, **kwargs):
        if self.n > 0 and state.global_step % self.n == 0:
            control.should_save = True
        return control


def make_compute_metrics(articles: Sequence[Article], tokenizer: Any, config: Config, labels):
    """``compute_metrics`` for dev: seqeval on tokens plus attribution scores on articles."""
    from seqeval.metrics import f1_score, precision_score, recall_score

    d = config.data
    texts = [a.text for a in articles]
    windows = encode_windows(texts, tokenizer, d.max_length, d.stride, d.newline_marker)

    decoding = config.decoding

    def compute_metrics(pred: EvalPrediction) -> dict[str, float]:
        logits, label_ids = pred.predictions, pred.label_ids
        gold_tags, pred_tags = [], []
        for i, window in enumerate(windows):
            n = len(window.input_ids)
            keep = label_ids[i, :n] != IGNORE_INDEX
            gold_tags.append([labels[j] for j in label_ids[i, :n][keep]])
            pred_tags.append([labels[j] for j in logits[i, :n].argmax(-1)[keep]])
        texts = [a.text for a in articles]
        predicted = decode_articles(texts, windows, list(logits), labels, decoding)
        scores = score(articles, {a.id: p for a, p in zip(articles, predicted)})
        return {
            "seqeval_precision": precision_score(gold_tags, pred_tags),
            "seqeval_recall": recall_score(gold_tags, pred_tags),
            "seqeval_f1": f1_score(gold_tags, pred_tags),
            **headline(scores),
            "cue_exact_f1": scores["cue"]["exact"]["f1"],
            "speaker_exact_f1": scores["speaker"]["exact"]["f1"],
        }

    return compute_metrics


def read_split(path: str, strict: bool, name: str) -> list[Article]:
    report = CorpusReport()
    articles = list(read_corpus(path, strict=strict, report=report))
    info(f"{name} ({path}): {report.summary()}")
    if not articles:
        raise TrainingSetupError(f"{name} corpus {path} holds no usable article")
    return articles


def mixed_articles(config: Config) -> list[Article]:
    """``data.mix_articles`` articles of ``data.mix`` (all when 0), drawn with the seed."""
    mix = read_split(config.data.mix, config.data.strict, "mix")
    n = config.data.mix_articles
    if n and n < len(mix):
        mix = random.Random(config.training.seed).sample(mix, n)
        print(f"mix: {n} of its articles, drawn with seed {config.training.seed}", flush=True)
    return mix


def load_data(config: Config) -> tuple[Any, dict[str, list[Article]], DatasetDict]:
    """The tokenizer, the train and dev articles, and their token-classification datasets.

    Bad articles are reported and skipped, or stop the run when ``config.data.strict``.
    """
    model_path = config.model.resolved_path()
    articles = {
        name: read_split(getattr(config.data, name), config.data.strict, name)
        for name in ("train", "dev")
    }
    if config.data.mix:
        articles["train"] += mixed_articles(config)
    tokenizer = AutoTokenizer.from_pretrained(
        model_path, revision=config.model.revision, trust_remote_code=False
    )
    if not tokenizer.is_fast:
        raise TrainingSetupError(f"{model_path}: quoteattr needs a fast tokenizer")
    data = build_dataset_dict(
        articles,
        tokenizer,
        config.data.max_length,
        config.data.stride,
        config.model.label_scheme,
        config.data.newline_marker,
    )
    info(f"windows: train {len(data['train'])}, dev {len(data['dev'])}")
    return tokenizer, articles, data


def train(
    config: Config,
    output_dir: str | None = None,
    checkpoint_steps: int = 0,
    callbacks: Sequence[TrainerCallback] = (),
) -> dict[str, Any]:
    """Fine-tune as ``config`` says; returns the final dev metrics.

    ``checkpoint_steps`` > 0 also saves every that many steps (a killed run then loses
    at most that many); ``callbacks`` are passed on to the ``Trainer``.
    """
    out = Path(output_dir or config.training.output_dir)
    model_path = config.model.resolved_path()
    labels = label_names(config.model.label_scheme)
    commit = git_commit()  # the code that trains, not the checkout at the end
    set_seed(config.training.seed)
    check_output_dir(out, needed_bytes=400 * 2**20)

    tokenizer, articles, data = load_data(config)
    overrides = {}
    if config.model.attention_dropout is not None:
        overrides["attention_probs_dropout_prob"] = config.model.attention_dropout
    model = AutoModelForTokenClassification.from_pretrained(
        model_path,
        revision=config.model.revision,
        trust_remote_code=False,
        dtype=torch.float32,  # fp32 master weights, also from an fp16 folder (bf16: autocast)
        num_labels=len(labels),
        id2label=dict(enumerate(labels)),
        label2id={label: i for i, label in enumerate(labels)},
        **overrides,
    )
    setattr(model.config, SETTINGS_KEY, ModelSettings.from_config(config).to_dict())
    t = config.training
    args = TrainingArguments(
        output_dir=str(out),
        num_train_epochs=t.num_epochs,
        max_steps=t.max_steps,
        per_device_train_batch_size=t.batch_size,
        per_device_eval_batch_size=t.eval_batch_size,
        gradient_accumulation_steps=t.gradient_accumulation_steps,
        learning_rate=t.learning_rate,
        weight_decay=t.weight_decay,
        warmup_steps=t.warmup_ratio,  # a float below 1 is a ratio in transformers 5
        seed=t.seed,
        data_seed=t.seed if t.data_seed is None else t.data_seed,
        bf16=t.bf16,
        eval_strategy="epoch",
        save_strategy="epoch",
        save_total_limit=t.save_total_limit,
        load_best_model_at_end=True,
        metric_for_best_model="attribution_f1",
        greater_is_better=True,
        logging_steps=t.logging_steps,
        report_to="none",
        use_cpu=not torch.cuda.is_available(),  # also makes CPU processes under accelerate use gloo
        # Distillation feeds a `window` column to its collator.
        remove_unused_columns=not config.distill.teacher,
    )
    train_set = data["train"].remove_columns("article")
    collator, loss_func = DataCollatorForTokenClassification(tokenizer), None
    if config.distill.teacher:
        with args.main_process_first(desc="teacher targets"):
            train_set, collator, loss_func = distillation.prepare(
                config, tokenizer, articles["train"], train_set, out
            )
    trainer = Trainer(
        model=model,
        args=args,
        train_dataset=train_set,
        eval_dataset=data["dev"].remove_columns("article"),
        data_collator=collator,
        compute_loss_func=loss_func,
        processing_class=tokenizer,
        compute_metrics=make_compute_metrics(articles["dev"], tokenizer, config, labels),
        callbacks=[CheckpointEveryNSteps(checkpoint_steps), *callbacks],
    )
    last = get_last_checkpoint(str(out)) if out.is_dir() else None
    if last:
        info(f"resuming from {last}")
    started = time.time()
    trainer.train(resume_from_checkpoint=last)
    seconds = time.time() - started
    metrics = trainer.evaluate()
    metrics["train_seconds_this_run"] = round(seconds, 1)
    metrics["train_steps"] = trainer.state.global_step
    trainer.save_model(str(out))
    if trainer.is_world_process_zero():
        (out / "eval_results.json").write_text(json.dumps(metrics, indent=2) + "\n")
        used = config.to_dict()  # as run: with the output folder actually written
        used["training"]["output_dir"] = str(out)
        (out / "training_config.json").write_text(json.dumps(used, indent=2) + "\n")
        teacher = distillation.read_record(out) if config.distill.teacher else None
        write_provenance(out, config, articles, seconds, commit, teacher)
    return metrics
