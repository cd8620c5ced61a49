"""The command line, the scripts and the model card, run as a user would."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from tiny_models import save_tiny_classifier

from quoteattr.cli import main

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "data" / "sample"


@pytest.fixture
def model_dir(wordpiece_tokenizer, tmp_path):
    return save_tiny_classifier(wordpiece_tokenizer, tmp_path / "model")


def test_predict_txt_folder_then_evaluate(model_dir, tmp_path, capsys):
    out = tmp_path / "pred.jsonl"
    assert main(["predict", "--model", str(model_dir), str(SAMPLE / "brat" / "text"),
                 "-o", str(out)]) == 0  # fmt: skip
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(r["id"] for r in records) == sorted(
        p.stem for p in (SAMPLE / "brat" / "text").glob("*.txt")
    )
    scores_path = tmp_path / "scores.json"
    assert main(["evaluate", str(SAMPLE / "brat"), str(out), "-o", str(scores_path)]) == 0
    scores = json.loads(scores_path.read_text())
    assert scores["documents"] == 2 and scores["missing_predictions"] == []
    assert "attribution+speaker" in capsys.readouterr().out


def test_evaluate_gold_against_itself_is_perfect(tmp_path, capsys):
    gold = SAMPLE / "articles.jsonl"
    preds = tmp_path / "gold-as-pred.jsonl"
    with preds.open("w") as f:
        for line in gold.read_text().splitlines():
            record = json.loads(line)
            f.write(json.dumps({"id": record["id"], "attributions": record["attributions"]}) + "\n")
    assert main(["evaluate", str(gold), str(preds), "-o", str(tmp_path / "s.json")]) == 0
    scores = json.loads((tmp_path / "s.json").read_text())
    assert scores["attribution"]["f1"] == 1.0 and scores["attribution+speaker"]["f1"] == 1.0


def test_evaluate_with_a_model_predicts_and_writes_its_scores(model_dir, tmp_path):
    out = tmp_path / "results" / "nested" / "dev.json"
    preds = tmp_path / "dev.jsonl"
    assert main(["evaluate", str(SAMPLE / "brat"), "--model", str(model_dir), "-o", str(out),
                 "--set", "decoding.min_score=0.0",
                 "--save-predictions", str(preds)]) == 0  # fmt: skip
    scores = json.loads(out.read_text(encoding="utf-8"))
    assert scores["model"] == str(model_dir)
    assert scores["settings"]["decoding"]["min_score"] == 0.0
    assert 0.0 <= scores["attribution"]["f1"] <= 1.0 and out.read_text().endswith("}\n")
    # the saved predictions score the same when evaluated as a file
    assert main(["evaluate", str(SAMPLE / "brat"), str(preds), "-o", str(tmp_path / "b.json")]) == 0
    again = json.loads((tmp_path / "b.json").read_text())
    assert again["attribution"] == scores["attribution"]


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("decoding.min_score=5", "min_score must be in [0, 1)"),
        ("min_score=0.5", "expected section.key=value"),  # --set reads as in train
        ("training.seed=4", "a model's settings are decoding."),
        ("data.max_length=[", "the value is not YAML"),
    ],
)
def test_evaluate_refuses_a_bad_setting(model_dir, capsys, setting, message):
    assert main(["evaluate", str(SAMPLE / "brat"), "--model", str(model_dir),
                 "--set", setting]) == 2  # fmt: skip
    assert message in capsys.readouterr().err


def test_predict_exits_1_when_articles_failed_and_2_when_strict_stops(model_dir, tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "a", "text": "“Yes,” she said."}) + "\n{not json\n")
    out = tmp_path / "out.jsonl"
    assert main(["predict", "--model", str(model_dir), str(corpus), "-o", str(out), "--quiet"]) == 1
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["a"]
    assert "not JSON" in (tmp_path / "out.jsonl.errors").read_text()
    again = ["predict", "--model", str(model_dir), str(corpus), "-o", str(tmp_path / "b.jsonl")]
    assert main([*again, "--quiet", "--strict"]) == 2


def test_predict_without_output_writes_jsonl_to_stdout(model_dir, capsys):
    text = SAMPLE / "brat" / "text"
    assert main(["predict", "--model", str(model_dir), str(text), "--quiet"]) == 0
    captured = capsys.readouterr()
    records = [json.loads(line) for line in captured.out.splitlines()]
    assert sorted(r["id"] for r in records) == sorted(p.stem for p in text.glob("*.txt"))
    assert all({"type", "scores"} <= set(a) for r in records for a in r["attributions"])
    assert captured.err == ""


def test_predict_help_says_resuming_needs_a_file(capsys):
    with pytest.raises(SystemExit):
        main(["predict", "--help"])
    assert "resuming" in capsys.readouterr().out.lower()


def test_evaluate_names_a_bad_prediction_line(tmp_path, capsys):
    preds = tmp_path / "bad.jsonl"
    preds.write_text('{"id": "x", "attributions": []}\n{"id": "y", "attributions": [{"q": 1}]}\n')
    assert main(["evaluate", str(SAMPLE / "articles.jsonl"), str(preds)]) == 2
    assert f"{preds}:2" in capsys.readouterr().err


def test_train_with_unknown_config_key_fails_naming_it(tmp_path, capsys):
    config = tmp_path / "c.yaml"
    config.write_text("training:\n  epochs: 3\n")
    assert main(["train", str(config)]) == 2
    assert "unknown key 'epochs'" in capsys.readouterr().err


def test_fetch_polnear_from_a_zip(tmp_path):
    archive = tmp_path / "PolNeAR-master.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for rel in (SAMPLE / "brat").rglob("*"):
            if rel.is_file():
                arc = f"PolNeAR-master/data/dev/{rel.relative_to(SAMPLE / 'brat').as_posix()}"
                zf.write(rel, arc)
        zf.writestr("PolNeAR-master/README.md", "corpus")
    out = tmp_path / "polnear"
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "fetch_polnear.py"), str(out),
         "--from-zip", str(archive)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    assert "dev: 2 articles" in done.stdout
    assert (out / "dev" / "text").is_dir() and not (out / "README.md").exists()


@pytest.mark.slow
def test_sharded_prediction_with_two_processes(model_dir, tmp_path):
    """`accelerate launch` with two CPU processes: each takes its shard, outputs merged."""
    corpus = tmp_path / "corpus.jsonl"
    with corpus.open("w") as f:
        for i in range(20):
            f.write(json.dumps({"id": f"a{i:02d}", "text": f"“Item {i},” she said."}) + "\n")
        f.write("{not json\n")  # every process reads it; the merged errors hold it once
    out = tmp_path / "out.jsonl"
    # accelerate launch --multi_gpu overrides ACCELERATE_USE_CPU: hide any GPU for 2 CPU processes
    env = {**__import__("os").environ, "ACCELERATE_USE_CPU": "true", "CUDA_VISIBLE_DEVICES": ""}
    done = subprocess.run(
        [str(Path(sys.executable).parent / "accelerate"), "launch", "--multi_gpu",
         "--num_processes", "2",
         str(ROOT / "scripts" / "predict_sharded.py"), "--model", str(model_dir), str(corpus),
         "-o", str(out)],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert done.returncode != 0, done.stderr[-3000:]  # 1 from the main process
    assert "1 failed" in done.stdout
    assert "[process 1/2]" in done.stdout and "[process 0/2]" in done.stdout
    shards = [[json.loads(x)["id"] for x in (tmp_path / f"out.jsonl.shard-{i}").open()]
              for i in range(2)]  # fmt: skip
    assert shards[0] == [f"a{i:02d}" for i in range(0, 20, 2)]
    assert shards[1] == [f"a{i:02d}" for i in range(1, 20, 2)]
    merged = [json.loads(x)["id"] for x in out.open()]
    assert sorted(merged) == [f"a{i:02d}" for i in range(20)]
    [error] = [json.loads(x) for x in (tmp_path / "out.jsonl.errors").open()]
    assert error["id"] == f"{corpus}:21" and "not JSON" in error["error"]


def test_build_reports_and_skips_a_bad_article_or_stops_with_strict(
    wordpiece_tokenizer, tmp_path, capsys
):
    import shutil

    import yaml
    from datasets import load_from_disk
    from tiny_models import save_tiny_encoder

    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLE / "brat", corpus)
    (corpus / "text" / "broken.txt").write_text("Short text.")
    bad_ann = corpus / "attributions" / "broken_kim.ann"
    bad_ann.write_text("T1\tSource 0 5\tShort\nT2\tCue 6 99\ttext.\n")
    encoder = save_tiny_encoder(wordpiece_tokenizer, tmp_path / "encoder")
    config = tmp_path / "c.yaml"
    config.write_text(yaml.safe_dump({
        "model": {"name_or_path": str(encoder)},
        "data": {"train": str(corpus), "dev": str(SAMPLE / "brat"), "max_length": 32,
                 "stride": 8},
    }))  # fmt: skip
    out = tmp_path / "datasets"
    assert main(["build", str(config), "-o", str(out)]) == 0
    printed = capsys.readouterr().err  # logged
    assert "read 2 articles, skipped 1" in printed and f"{bad_ann}:2" in printed
    data = load_from_disk(str(out))
    assert set(data) == {"train", "dev"} and len(data["train"]) > 0
    assert main(["build", str(config), "-o", str(tmp_path / "d2"), "--strict"]) == 2
    assert f"{bad_ann}:2" in capsys.readouterr().err
    overrides = ["--set", "data.max_length=64", "--set", "data.stride=16"]
    assert main(["build", str(config), "-o", str(tmp_path / "d3"), *overrides]) == 0
    assert len(load_from_disk(str(tmp_path / "d3"))["train"]) < len(data["train"])
    assert main(["build", str(config), "-o", str(tmp_path / "d4"), "--set", "data.size=1"]) == 2
    assert "unknown key 'size'" in capsys.readouterr().err


def test_predict_csv_has_one_row_per_attribution(model_dir, tmp_path):
    import csv

    from quoteattr.outputs.tables import CSV_COLUMNS

    jsonl, table = tmp_path / "p.jsonl", tmp_path / "p.csv"
    text = str(SAMPLE / "brat" / "text")
    assert main(["predict", "--model", str(model_dir), text, "-o", str(jsonl), "--quiet"]) == 0
    assert main(["predict", "--model", str(model_dir), text, "-o", str(table), "--format", "csv",
                 "--quiet"]) == 0  # fmt: skip
    with table.open(newline="") as f:
        reader = csv.DictReader(f)
        assert tuple(reader.fieldnames) == CSV_COLUMNS
        found = sorted((r["id"], int(r["quote_start"])) for r in reader)
    records = [json.loads(line) for line in jsonl.read_text().splitlines()]
    expected = sorted((r["id"], a["quote"][0]["start"]) for r in records for a in r["attributions"])
    assert found == expected and found
    # a CSV that exists is not appended to (only JSONL resumes)
    assert main(["predict", "--model", str(model_dir), text, "-o", str(table), "--format", "csv",
                 "--quiet"]) == 2  # fmt: skip


def test_predict_html_writes_one_page_with_every_article(model_dir, tmp_path):
    page = tmp_path / "p.html"
    text = SAMPLE / "brat" / "text"
    assert main(["predict", "--model", str(model_dir), str(text), "-o", str(page), "--format",
                 "html", "--quiet"]) == 0  # fmt: skip
    html = page.read_text()
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    for path in text.glob("*.txt"):
        assert f">{path.stem}<" in html
