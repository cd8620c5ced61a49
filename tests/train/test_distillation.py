"""Distillation: teacher logits aligned by offsets, the packed labels and the loss, and a
tiny student trained on a tiny teacher of another tokenizer."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from tiny_models import save_tiny_classifier, save_tiny_encoder

from quoteattr.config import ConfigError, config_from_dict
from quoteattr.data.features import encode_windows
from quoteattr.inference.attributor import QuoteAttributor
from quoteattr.labels import IGNORE_INDEX, label_names
from quoteattr.train import distillation
from quoteattr.train.distillation import (
    DistillationCollator,
    DistillationError,
    align_teacher,
    distillation_loss,
    load_cached,
    save_cached,
    teacher_targets,
)
from quoteattr.train.training import train

ROOT = Path(__file__).parents[2]
SAMPLE = ROOT / "data" / "sample" / "brat"
TEXTS = [
    "“We will win,” she said, “and soon.” Critics said the plan would fail.",
    "Jones told reporters: “No.” Smith added that it was fine. " * 3,
]


def offset_logits(windows):
    """Fake logits whose first two columns are each token's own offsets."""
    out = []
    for w in windows:
        log = np.zeros((len(w.input_ids), 3), dtype=np.float32)
        log[:, :2] = w.offsets
        out.append(log)
    return out


@pytest.mark.parametrize("teacher_name", ["wordpiece", "bpe"])
def test_teacher_rows_go_to_student_tokens_with_the_same_offsets(
    request, wordpiece_tokenizer, teacher_name
):
    teacher_tok = request.getfixturevalue(f"{teacher_name}_tokenizer")
    student = encode_windows(TEXTS, wordpiece_tokenizer, 16, 4)
    teacher = encode_windows(TEXTS, teacher_tok, 12, 3)  # other windows, merged per article
    assert len(teacher) > len(TEXTS)
    targets = align_teacher(TEXTS, student, teacher, offset_logits(teacher))
    teacher_spans = {(w.article, int(s), int(e)) for w in teacher for s, e in w.offsets if s >= 0}
    matched = 0
    for w, target in zip(student, targets):
        assert target.shape == (len(w.input_ids), 3)
        for (s, e), row in zip(w.offsets, target):
            if s >= 0 and (w.article, s, e) in teacher_spans:
                assert row[:2].tolist() == [s, e]
                matched += 1
            else:
                assert np.isnan(row).all()
    content = sum(int((w.offsets[:, 0] >= 0).sum()) for w in student)
    if teacher_name == "wordpiece":
        assert matched == content  # the same tokenizer: every content token has a target
    else:
        assert 0 < matched < content


def test_a_teacher_with_other_labels_is_refused(wordpiece_tokenizer, tmp_path):
    folder = save_tiny_classifier(wordpiece_tokenizer, tmp_path / "t", scheme="bio")
    teacher = QuoteAttributor.from_pretrained(folder)
    windows = encode_windows(TEXTS, wordpiece_tokenizer, 16, 4)
    with pytest.raises(DistillationError, match="labels"):
        teacher_targets(teacher, TEXTS, windows, label_names("bio-linked"))


def test_no_texts_give_no_windows(wordpiece_tokenizer, tmp_path):
    teacher = QuoteAttributor.from_pretrained(save_tiny_classifier(wordpiece_tokenizer, tmp_path))
    assert teacher_targets(teacher, [], [], label_names("bio-linked")) == []
    windows, columns = distillation.unlabelled_examples([], wordpiece_tokenizer, 16, 4)
    assert windows == [] and columns == {"input_ids": [], "attention_mask": [], "labels": []}


def test_cache_round_trips_and_refuses_another_key(tmp_path):
    targets = [np.random.rand(n, 11).astype(np.float32) for n in (5, 3, 7)]
    path = tmp_path / "t.npz"
    save_cached(path, "k1", targets)
    loaded = load_cached(path, "k1")
    assert len(loaded) == 3 and all(np.array_equal(a, b) for a, b in zip(loaded, targets))
    assert load_cached(path, "k2") is None
    path.write_bytes(b"torn")
    assert load_cached(path, "k1") is None


def test_collator_packs_gold_then_teacher_and_pads_with_nan(wordpiece_tokenizer):
    targets = [np.full((3, 2), 1.0, np.float32), np.full((5, 2), 2.0, np.float32)]
    features = [
        {"input_ids": [2, 7, 3], "attention_mask": [1, 1, 1], "labels": [-100, 1, -100],
         "window": 0},
        {"input_ids": [2, 7, 8, 9, 3], "attention_mask": [1] * 5, "labels": [-100, 0, 0, 2, -100],
         "window": 1},
    ]  # fmt: skip
    batch = DistillationCollator(wordpiece_tokenizer, targets)(features)
    labels = batch["labels"]
    assert labels.shape == (2, 5, 3) and "window" not in batch
    assert labels[0, :, 0].tolist() == [-100, 1, -100, -100, -100]
    assert labels[0, :3, 1:].eq(1).all() and labels[0, 3:, 1:].isnan().all()
    assert labels[1, :, 1:].eq(2).all()
    plain = DistillationCollator(wordpiece_tokenizer, targets)(
        [{k: v for k, v in f.items() if k != "window"} for f in features]
    )
    assert plain["labels"].shape == (2, 5)


def _packed(gold, teacher):
    return torch.cat([gold.unsqueeze(-1).float(), teacher], dim=-1)


def test_loss_mixes_gold_and_teacher_where_each_exists():
    torch.manual_seed(0)
    logits = torch.randn(2, 4, 5)
    gold = torch.tensor([[-100, 1, 2, -100], [-100, 0, -100, -100]])  # last row: unlabelled
    teacher = torch.randn(2, 4, 5)
    teacher[:, 0] = float("nan")  # special tokens: no soft target
    labels = _packed(gold, teacher)
    out = {"logits": logits}

    hard = F.cross_entropy(logits[gold != -100], gold[gold != -100])
    assert torch.isclose(distillation_loss(1.0, 2.0)(out, labels), hard)
    soft_mask = ~teacher[..., 0].isnan()
    t = 2.0
    kl = F.kl_div(
        F.log_softmax(logits[soft_mask] / t, -1),
        F.softmax(teacher[soft_mask] / t, -1),
        reduction="batchmean",
    )
    assert torch.isclose(distillation_loss(0.0, t)(out, labels), kl * t * t)
    mixed = distillation_loss(0.3, t, accumulation_steps=2)(out, labels)
    assert torch.isclose(mixed, (0.3 * hard + 0.7 * kl * t * t) / 2)
    # A student that agrees with its teacher has nothing left to learn from it.
    same = _packed(gold, logits.clone())
    assert distillation_loss(0.0, t)(out, same).abs() < 1e-6
    # Evaluation batches carry gold ids only: plain cross-entropy.
    plain = distillation_loss(0.3, t)(out, gold)
    assert torch.isclose(plain, F.cross_entropy(logits.flatten(0, 1), gold.flatten()))


@pytest.mark.parametrize(
    "distill, message",
    [
        ({"teacher": "t", "alpha": 1.5}, "alpha"),
        ({"teacher": "t", "temperature": 0}, "temperature"),
        ({"unlabelled": ["x"]}, "needs distill.teacher"),
        ({"teacher": "t", "unlabelled": "x"}, "list of paths"),
        ({"teacher": "t", "teacher_dtype": "float16"}, "teacher_dtype"),
    ],
)
def test_bad_distill_settings_are_config_errors(distill, message):
    with pytest.raises(ConfigError, match=message):
        config_from_dict({"distill": distill})


@pytest.mark.slow
def test_student_of_another_tokenizer_trains_on_teacher_and_unlabelled_text(
    wordpiece_tokenizer, bpe_tokenizer, tmp_path, monkeypatch
):
    teacher = save_tiny_classifier(bpe_tokenizer, tmp_path / "teacher", max_length=24, stride=4)
    encoder = save_tiny_encoder(wordpiece_tokenizer, tmp_path / "encoder")
    out = tmp_path / "run"
    raw = {
        "model": {"name_or_path": str(encoder)},
        "data": {"train": str(SAMPLE), "dev": str(SAMPLE), "max_length": 32, "stride": 8},
        "training": {"output_dir": str(out), "num_epochs": 1, "batch_size": 4,
                     "learning_rate": 1e-3, "logging_steps": 1},
        "distill": {"teacher": str(teacher), "unlabelled": [str(ROOT / "data/sample/rail.txt")]},
    }  # fmt: skip
    config = config_from_dict(raw)
    metrics = train(config)
    assert np.isfinite(metrics["eval_loss"])
    [attributions] = QuoteAttributor.from_pretrained(out).predict([TEXTS[0]])
    assert isinstance(attributions, list)
    record = json.loads((out / "provenance.json").read_text())["teacher"]
    assert record["teacher"] == str(teacher) and record["seconds"] >= 0
    assert json.loads((out / "training_config.json").read_text())["distill"]["alpha"] == 0.5
    train_part = np.load(out / distillation.CACHE_NAME)["lengths"]
    rail_part = np.load(out / distillation.UNLABELLED_CACHE_NAME)["lengths"]
    cached = [*train_part, *rail_part]
    assert record["windows"] == len(cached)
    rail = encode_windows([(ROOT / "data/sample/rail.txt").read_text()], wordpiece_tokenizer, 32, 8)
    from quoteattr.train.training import load_data

    _, _, data = load_data(config)
    assert len(train_part) == len(data["train"]) and len(rail_part) == len(rail)

    # A second run takes the targets from the cache: the teacher is not loaded again.
    def no_teacher(*args, **kwargs):
        raise AssertionError("teacher loaded although its targets are cached")

    monkeypatch.setattr(QuoteAttributor, "from_pretrained", no_teacher)
    tokenizer, articles, data = load_data(config)
    dataset, collator, _ = distillation.prepare(
        config, tokenizer, articles["train"], data["train"].remove_columns("article"), out
    )
    assert len(dataset) == len(cached) and dataset["window"] == list(range(len(cached)))
    assert dataset["labels"][-1] == [IGNORE_INDEX] * len(dataset["labels"][-1])
    batch = collator([dataset[0], dataset[len(dataset) - 1]])
    assert batch["labels"].shape[-1] == 1 + len(label_names("bio-linked"))

    # Other unlabelled text: only its targets are computed; the training windows' are kept.
    monkeypatch.undo()
    taught = []
    real = distillation.teacher_targets

    def spy(teacher, texts, *args, **kwargs):
        taught.append(list(texts))
        return real(teacher, texts, *args, **kwargs)

    monkeypatch.setattr(distillation, "teacher_targets", spy)
    before = np.load(out / distillation.CACHE_NAME)["logits"]
    config.distill.unlabelled = [str(SAMPLE.parent / "articles.jsonl")]
    dataset, _, _ = distillation.prepare(
        config, tokenizer, articles["train"], data["train"].remove_columns("article"), out
    )
    sample_texts = [json.loads(line)["text"] for line in open(SAMPLE.parent / "articles.jsonl")]
    assert taught == [sample_texts]
    np.testing.assert_array_equal(np.load(out / distillation.CACHE_NAME)["logits"], before)
    again = json.loads((out / distillation.RECORD_NAME).read_text())
    assert again["seconds"] >= record["seconds"]
    sample_windows = encode_windows(sample_texts, wordpiece_tokenizer, 32, 8)
    assert len(np.load(out / distillation.UNLABELLED_CACHE_NAME)["lengths"]) == len(sample_windows)
    assert again["windows"] == len(dataset) == len(train_part) + len(sample_windows)
