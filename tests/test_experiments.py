"""The experiment scripts: report.py regenerates README.md from the template and results files
(bad specs fail naming the file and key), and the ablation scripts run on a tiny model."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tiny_models import save_tiny_classifier

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "experiments" / "report.py"
SAMPLE = ROOT / "data" / "sample"


def _load_report():
    spec = importlib.util.spec_from_file_location("experiments_report", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


report = _load_report()


def _results(tmp_path: Path, **files: dict) -> Path:
    for name, data in files.items():
        (tmp_path / f"{name}.json").write_text(json.dumps(data), encoding="utf-8")
    return tmp_path


def test_readme_matches_template_and_results():
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr


def test_check_fails_on_a_stale_readme(tmp_path, capsys):
    stale = tmp_path / "README.md"
    text = report.README.read_text(encoding="utf-8")
    assert "| **0.783** |" in text
    stale.write_text(text.replace("| **0.783** |", "| **0.790** |", 1), encoding="utf-8")
    assert report.main(["--check", "--output", str(stale)]) == 1
    assert "out of date" in capsys.readouterr().err


def test_missing_key_names_file_key_table_and_row(tmp_path):
    results = _results(tmp_path, dev={"attribution": {"f1": 0.8}, "quote": {"exact": {}}})
    table = report.Table(("system", *report.HEADLINE), (report.scored("model A", "dev.json"),))
    with pytest.raises(report.ReportError) as err:
        report.render_table("accuracy", table, results)
    message = str(err.value)
    assert str(results / "dev.json") in message
    assert "no key ['attribution+speaker']" in message
    assert "table 'accuracy', row 'model A'" in message


def test_missing_nested_key_and_missing_file(tmp_path):
    results = _results(tmp_path, dev={"quote": {"exact": {"precision": 0.5}}})
    table = report.Table(
        ("", "F1"), (report.Row("q", (report.Fig("dev.json", ("quote", "exact", "f1")),)),)
    )
    with pytest.raises(report.ReportError, match=r"no key \['quote'\]\['exact'\]\['f1'\]"):
        report.render_table("t", table, results)
    gone = report.Table(("", "F1"), (report.Row("q", (report.Fig("gone.json", ("f1",)),)),))
    with pytest.raises(report.ReportError, match=r"gone\.json: results file not found"):
        report.render_table("t", gone, results)


def test_render_table_formats_figures(tmp_path):
    results = _results(
        tmp_path,
        a={"rows": {"fp32": {"aps": 4.0, "f1": 0.7826}, "int8": {"aps": 7.0, "f1": 0.7747}}},
        b={"runs": {"s42": 0.7777, "s43": 0.78649}, "rss": 1117.1},
    )

    def a(*keys: str) -> report.Fig:
        return report.Fig("a.json", ("rows", *keys))

    speedup = report.Ratio(a("int8", "aps"), a("fp32", "aps"))
    seeds = (report.Fig("b.json", ("runs", "s42")), report.Fig("b.json", ("runs", "s43")))
    rss = report.Fig("b.json", ("rss",), "{:,.0f} MiB")
    rows = (
        report.Row("fp32", (a("fp32", "f1"), ""), bold=True),
        report.Row("int8", (a("int8", "f1"), speedup)),
        report.Row("seeds", (seeds, rss)),
        report.Row("target", ("0.80", "n/a"), note="set by hand"),
    )
    table = report.Table(("model", "F1", "speed"), rows)
    assert report.render_table("t", table, results).splitlines() == [
        "| model | F1 | speed |",
        "|---|---|---|",
        "| fp32 | **0.783** |  |",
        "| int8 | 0.775 | 1.75× |",
        "| seeds | 0.778 / 0.786 | 1,117 MiB |",
        "| target | 0.80 | n/a |",
    ]


def test_literal_figures_need_a_note():
    with pytest.raises(report.ReportError, match="literal figures need a note"):
        report.Row("the target", ("0.80", "0.75", "0.70"))


def test_template_markers_must_match_the_tables(tmp_path):
    results = _results(tmp_path, a={"f1": 0.5})
    tables = {"one": report.Table(("", "F1"), (report.Row("x", (report.Fig("a.json", ("f1",)),)),))}
    text = report.render("# T\n\n<!-- table: one -->\n", tables, results, source="T.md")
    assert text.endswith("# T\n\n|  | F1 |\n|---|---|\n| x | 0.500 |\n")
    with pytest.raises(report.ReportError, match=r"T\.md:2: no table named 'two'"):
        report.render("<!-- table: one -->\n<!-- table: two -->\n", tables, results, "T.md")
    with pytest.raises(report.ReportError, match=r"never placed in the template: \['one'\]"):
        report.render("# nothing\n", tables, results, "T.md")


def test_ablate_soups_scores_each_recipe(wordpiece_tokenizer, tmp_path):
    model_dir = save_tiny_classifier(wordpiece_tokenizer, tmp_path / "model")
    out = tmp_path / "soups.json"
    m = str(model_dir)
    subprocess.run(
        [sys.executable, str(ROOT / "experiments" / "ablate_soups.py"),
         "--gold", str(SAMPLE / "brat"),
         "--soup", f"alone={m}", "--soup", f"twice={m},{m}", "-o", str(out)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    rows = json.loads(out.read_text())["rows"]
    assert list(rows) == ["alone", "twice"] and rows["twice"]["models"] == [m, m]
    for row in rows.values():
        assert 0.0 <= row["attribution_f1"] <= 1.0 and "quote_exact_f1" in row


def test_profile_splits_predict_time_by_step_for_each_backend(wordpiece_tokenizer, tmp_path):
    model_dir = save_tiny_classifier(wordpiece_tokenizer, tmp_path / "model")
    out = tmp_path / "profile.json"
    subprocess.run(
        [sys.executable, str(ROOT / "experiments" / "profile_predict.py"), "--model",
         str(model_dir), "--gold", str(SAMPLE / "brat"), "--repeats", "1", "-o", str(out)],
        check=True, capture_output=True, text=True,
        env={**os.environ, "QUOTEATTR_CACHE": str(tmp_path / "cache")},
    )  # fmt: skip
    rows = json.loads(out.read_text())["rows"]
    assert [(r["backend"], r["speaker_ner"]) for r in rows.values()] == [
        ("torch", False), ("onnx", False), ("onnx", True)
    ]  # fmt: skip
    for row in rows.values():
        assert set(row["seconds"]) == {"tokenise", "encoder", "decode", "link", "speakers"}
        assert row["seconds"]["decode"] > 0 and row["seconds"]["speakers"] > 0
        assert sum(row["share"].values()) == pytest.approx(1.0, abs=0.01)
        assert row["total_seconds"] == pytest.approx(sum(row["seconds"].values()), abs=0.01)
        assert row["speakers_share_of_predict"] == row["share"]["speakers"]


def test_teacher_agreement_scores_students_against_the_teachers_output(
    wordpiece_tokenizer, tmp_path
):
    teacher = save_tiny_classifier(wordpiece_tokenizer, tmp_path / "teacher")
    out = tmp_path / "agreement.json"
    subprocess.run(
        [sys.executable, str(ROOT / "experiments" / "teacher_agreement.py"),
         str(SAMPLE / "articles.jsonl"), "--teacher", str(teacher),
         "--model", f"itself={teacher}", "-o", str(out)],
        check=True, capture_output=True, text=True,
        env={**os.environ, "QUOTEATTR_CACHE": str(tmp_path / "cache")},
    )  # fmt: skip
    summary = json.loads(out.read_text())
    from quoteattr.data.readers import iter_texts
    from quoteattr.inference.attributor import QuoteAttributor

    texts = [text for _, text in iter_texts([SAMPLE / "articles.jsonl"])]
    predicted = QuoteAttributor.from_pretrained(teacher).predict(texts)
    assert summary["articles"] == 2
    assert summary["teacher_attributions"] == sum(map(len, predicted)) > 0
    row = summary["rows"]["itself"]
    assert row["attribution_f1"] == row["attribution_speaker_f1"] == row["quote_exact_f1"] == 1.0


def test_lee_corpus_is_read_from_the_wheel_as_jsonl(tmp_path):
    import zipfile

    wheel = tmp_path / "gensim-0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as z:
        z.writestr("gensim/test/test_data/lee_background.cor", b"First story.\n\nSecond one.\n")
        z.writestr("gensim/test/test_data/lee.cor", b"It cost \xa35, he said.\n")
    subprocess.run(
        [sys.executable, str(ROOT / "experiments" / "lee_corpus.py"), str(wheel),
         "-o", str(tmp_path / "lee")],
        check=True, capture_output=True, text=True,
    )  # fmt: skip

    def rows(name):
        return [json.loads(line) for line in (tmp_path / "lee" / name).read_text().splitlines()]

    assert rows("background.jsonl") == [
        {"id": "lee_background-001", "text": "First story."},
        {"id": "lee_background-003", "text": "Second one."},
    ]
    assert rows("heldout.jsonl") == [{"id": "lee-001", "text": "It cost £5, he said."}]


def test_pack_teacher_round_trip_gives_a_cache_that_training_reads(wordpiece_tokenizer, tmp_path):
    import numpy as np
    import torch
    import yaml

    from quoteattr.config import load_config
    from quoteattr.data.features import encode_windows
    from quoteattr.data.readers import read_corpus
    from quoteattr.train import distillation

    model = save_tiny_classifier(wordpiece_tokenizer, tmp_path / "student")
    config_file = tmp_path / "config.yaml"
    config_file.write_text(yaml.safe_dump({
        "model": {"name_or_path": str(model)},
        "data": {"train": str(SAMPLE / "brat"), "dev": str(SAMPLE / "brat"),
                 "max_length": 32, "stride": 8},
        "training": {"output_dir": str(tmp_path / "run")},
        "distill": {"teacher": "some-teacher"},
    }))  # fmt: skip
    texts = [a.text for a in read_corpus(SAMPLE / "brat")]
    windows = encode_windows(texts, wordpiece_tokenizer, 32, 8)
    rng = np.random.default_rng(0)
    targets = [rng.normal(0, 4, (len(w.input_ids), 11)).astype(np.float32) for w in windows]
    for t in targets:
        t[0] = np.nan  # a special token: no target
    distillation.save_cached(tmp_path / "original.npz", "k", targets)
    script = str(ROOT / "experiments" / "pack_teacher.py")
    packed, run = tmp_path / "packed.npz", tmp_path / "run"
    for args in (["pack", str(tmp_path / "original.npz"), "-o", str(packed)],
                 ["unpack", str(packed), str(config_file), str(run)]):  # fmt: skip
        subprocess.run([sys.executable, script, *args], check=True, capture_output=True, text=True)
    key = distillation.cache_key("some-teacher", windows)
    assert key == distillation.cache_key(load_config(config_file).distill.teacher, windows)
    unpacked = distillation.load_cached(run / distillation.CACHE_NAME, key)
    assert len(unpacked) == len(targets)
    for got, want in zip(unpacked, targets):
        assert np.isnan(got[0]).all() and not np.isnan(got[1:]).any()
        p, q = (torch.log_softmax(torch.from_numpy(x[1:]) / 2, -1) for x in (want, got))
        assert (p.exp() * (p - q)).sum(-1).max() < 1e-3  # KL at T = 2


def test_truncate_encoder_builds_the_named_layers_in_order(wordpiece_tokenizer, tmp_path):
    import torch
    from transformers import AutoModelForTokenClassification

    source = save_tiny_classifier(wordpiece_tokenizer, tmp_path / "source", distinct=True)
    script = str(ROOT / "experiments" / "truncate_encoder.py")
    big = AutoModelForTokenClassification.from_pretrained(source)
    for keep in ([1], [1, 0, 1]):
        out = tmp_path / "-".join(map(str, keep))
        subprocess.run(
            [sys.executable, script, str(source), "-o", str(out), "--keep", *map(str, keep)],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        small = AutoModelForTokenClassification.from_pretrained(out)
        assert small.config.num_hidden_layers == len(keep)
        assert small.config.quoteattr == big.config.quoteattr
        for layer, i in zip(small.base_model.encoder.layer, keep):
            for name, p in layer.state_dict().items():
                assert torch.equal(p, big.base_model.encoder.layer[i].state_dict()[name]), name
    first, _, third = small.base_model.encoder.layer
    assert first.state_dict().keys() and all(
        a.data_ptr() != b.data_ptr() for a, b in zip(first.parameters(), third.parameters())
    )  # a repeated layer is a copy that trains on its own
    from quoteattr.inference.attributor import QuoteAttributor

    QuoteAttributor.from_pretrained(out).predict(["“Yes,” she said."])
    bad = subprocess.run([sys.executable, script, str(source), "-o", str(tmp_path / "x"),
                          "--keep", "2"], capture_output=True, text=True)  # fmt: skip
    assert bad.returncode != 0 and "--keep" in bad.stderr


def test_report_vs_gold_matches_names_by_a_shared_word_one_to_one():
    spec = importlib.util.spec_from_file_location(
        "report_vs_gold", ROOT / "experiments" / "report_vs_gold.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    predicted = [("Trudeau", "male"), ("Prime Minister Justin Trudeau", "male"), ("Ann Lee", "")]
    gold = [("Justin Trudeau", "male"), ("Pierre Trudeau", "male"), ("Bo Chan", "female")]
    # the full name takes Justin (two words shared), the surname the other Trudeau
    assert sorted(module.match(predicted, gold)) == [(0, 1), (1, 0)]
    assert module.share(["female", "male", "unknown", "male"]) == round(1 / 3, 4)


def test_type_head_reads_each_token_once_and_its_labels_back_as_entities(
    wordpiece_tokenizer, tmp_path
):
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    from quoteattr.speakers.entities import Entity

    spec = importlib.util.spec_from_file_location(
        "type_head", ROOT / "experiments" / "type_head.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    folder = save_tiny_classifier(wordpiece_tokenizer, tmp_path / "tiny")
    model = AutoModelForTokenClassification.from_pretrained(folder)
    tokenizer = AutoTokenizer.from_pretrained(folder)
    sentence = "Jane Smith told the mayor in Paris: we will win. "
    text = sentence * 60  # longer than one window
    states, spans = module.encode(model.eval(), tokenizer, text, [-1, 1])
    every = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    assert spans == [tuple(s) for s in every["offset_mapping"]]  # each token once, in order
    assert states.shape == (len(spans), 2 * model.config.hidden_size)
    found = []
    for i in range(60):
        at = i * len(sentence)
        found += [Entity(at, at + 10, "Jane Smith", "person"),
                  Entity(at + 29, at + 34, "Paris", "place")]  # fmt: skip
    labels = module.bio(spans, found)
    assert module.LABELS[labels[0]] == "B-person" and module.LABELS[labels[1]] == "I-person"
    assert module.decode(text, spans, labels) == found


def test_eval_speakers_by_name_scores_as_the_speaker_sets_do(tmp_path):
    article = "council_2024-01-09_budget-vote"
    rows = [  # the mayor is never named; by name, a title does not count
        {"article": article, "start": 0, "end": 9, "speaker": "The mayor", "resolved": None,
         "kind": "person"},
        {"article": article, "start": 88, "end": 107, "speaker": "Councillor Ana Ruiz",
         "resolved": "Councillor Ana Ruiz", "kind": "person"},
        {"article": article, "start": 180, "end": 183, "speaker": "she", "resolved": "Jo Bloggs"},
    ]  # fmt: skip
    sample = tmp_path / "sample.jsonl"
    sample.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out.json"
    for by_name in (True, False):
        subprocess.run(
            [sys.executable, str(ROOT / "experiments" / "eval_speakers.py"), "--gold",
             str(SAMPLE / "brat"), "--sample", str(sample), "-o", str(out)]
            + ["--by-name"] * by_name,
            check=True, cwd=ROOT, capture_output=True,
        )  # fmt: skip
        scores = json.loads(out.read_text(encoding="utf-8"))
        expected = ["she"] if by_name else ["Councillor Ana Ruiz", "she"]
        assert [m["speaker"] for m in scores["misses"]] == expected
        assert scores["name_accuracy"] == (1.0 if by_name else 0.5)
        assert scores["pronoun_accuracy"] == 0.0
        assert scores["kind_n"] == (2 if by_name else 1)
