"""Corpus prediction jobs: streaming, errors file, resume after a kill, sharding."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

import pytest
from tiny_models import save_tiny_classifier

from quoteattr.cli import main
from quoteattr.data.readers import CorpusError
from quoteattr.jobs.local import done_ids, run_prediction_job

SENTENCES = [
    "“We will win,” said Jane Smith.",
    "Critics said the plan would fail, according to officials.",
    "The mayor told reporters that taxes would rise.",
]


@pytest.fixture
def model_dir(wordpiece_tokenizer, tmp_path):
    return save_tiny_classifier(wordpiece_tokenizer, tmp_path / "model")


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "corpus.jsonl"
    with path.open("w") as f:
        for i in range(60):
            text = " ".join(SENTENCES[(i + k) % 3] for k in range(1 + i % 4))
            f.write(json.dumps({"id": f"a{i:03d}", "text": text}) + "\n")
    return path


def _lines(path):
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_job_writes_one_line_per_article_with_exact_offsets(model_dir, corpus, tmp_path):
    out = tmp_path / "out.jsonl"
    run_prediction_job([str(corpus)], model=str(model_dir), output=out, chunk_size=7)
    records = _lines(out)
    texts = {json.loads(line)["id"]: json.loads(line)["text"] for line in corpus.open()}
    assert [r["id"] for r in records] == sorted(texts)
    for record in records:
        for a in record["attributions"]:
            for span in [*a["quote"], a["cue"], a["speaker"]]:
                if span:
                    assert texts[record["id"]][span["start"] : span["end"]] == span["text"]


def test_bad_lines_go_to_the_error_file_and_the_job_goes_on(model_dir, corpus, tmp_path):
    with corpus.open("a") as f:
        f.write("{not json\n")
        f.write(json.dumps({"id": "no-text"}) + "\n")
    out = tmp_path / "out.jsonl"
    summary = run_prediction_job([str(corpus)], model=str(model_dir), output=out)
    assert len(_lines(out)) == 60
    errors = _lines(tmp_path / "out.jsonl.errors")
    assert [e["id"] for e in errors] == [f"{corpus}:61", f"{corpus}:62"]
    assert "not JSON" in errors[0]["error"]
    assert summary.failed == 2 and "2 failed" in str(summary)


def test_strict_stops_at_the_first_bad_line(model_dir, corpus, tmp_path):
    corpus.write_text("{not json\n" + corpus.read_text())
    code = main(
        [
            "predict",
            "--model",
            str(model_dir),
            str(corpus),
            "-o",
            str(tmp_path / "o.jsonl"),
            "--strict",
        ]
    )
    assert code == 2


def test_torn_last_line_is_cut_and_redone(model_dir, corpus, tmp_path):
    out = tmp_path / "out.jsonl"
    run_prediction_job([str(corpus)], model=str(model_dir), output=out, chunk_size=5)
    complete = out.read_text()
    lines = complete.splitlines(keepends=True)
    out.write_text("".join(lines[:10]) + lines[10][:15])  # killed in the middle of a write
    assert len(done_ids(out)) == 10
    run_prediction_job([str(corpus)], model=str(model_dir), output=out, chunk_size=5)
    assert out.read_text() == complete


@pytest.mark.slow
def test_killed_job_restarted_gives_the_same_output(model_dir, tmp_path):
    """SIGKILL a real `quoteattr predict` process mid-way, restart it, compare."""
    corpus = tmp_path / "big.jsonl"
    with corpus.open("w") as f:
        for i in range(600):
            f.write(json.dumps({"id": f"b{i:04d}", "text": SENTENCES[i % 3] * (1 + i % 5)}) + "\n")
    reference = tmp_path / "reference.jsonl"
    run_prediction_job([str(corpus)], model=str(model_dir), output=reference, chunk_size=2)
    out = tmp_path / "out.jsonl"
    cmd = [
        sys.executable,
        "-m",
        "quoteattr.cli",
        "predict",
        "--model",
        str(model_dir),
        str(corpus),
        "-o",
        str(out),
        "--chunk-size",
        "2",
    ]
    process = subprocess.Popen(cmd, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline and (not out.exists() or len(out.read_bytes().splitlines()) < 6):
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    partial = len(out.read_text().splitlines())
    assert 6 <= partial < 600, "the job should have been killed mid-way"
    subprocess.run(cmd, check=True, stderr=subprocess.DEVNULL)
    assert out.read_text() == reference.read_text()


def test_shards_cover_the_corpus_once(model_dir, corpus, tmp_path):
    outs = []
    for i in range(3):
        out = tmp_path / f"shard{i}.jsonl"
        run_prediction_job([str(corpus)], model=str(model_dir), output=out, shard=(i, 3))
        outs.append(out)
    ids = [r["id"] for out in outs for r in _lines(out)]
    assert sorted(ids) == [f"a{i:03d}" for i in range(60)]


def test_a_bad_line_inside_the_output_is_an_error_not_a_cut(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "a", "attributions": []}\nGARBAGE\n{"id": "c", "attributions": []}\n')
    with pytest.raises(CorpusError, match=r"out\.jsonl:2"):
        done_ids(out)
    assert out.read_text().count("\n") == 3  # nothing was cut


def test_a_last_line_without_newline_is_redone(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "a", "attributions": []}\n{"id": "b", "attributions": []}')
    assert done_ids(out) == {"a"}
    assert out.read_text() == '{"id": "a", "attributions": []}\n'


def test_settings_override_the_models_own(model_dir, corpus, tmp_path):
    def attributions(**kwargs):
        out = tmp_path / f"{len(kwargs)}.jsonl"
        run_prediction_job([str(corpus)], model=str(model_dir), output=out, progress=False,
                           **kwargs)  # fmt: skip
        return sum(len(record["attributions"]) for record in _lines(out))

    assert attributions() > 0  # the tiny model keeps everything (min_score 0)
    assert attributions(settings={"min_score": 0.99}) == 0
    with pytest.raises(ValueError, match="unknown settings"):
        attributions(settings={"speakers": "off"})


def test_metadata_is_carried_through_and_a_resumed_job_keeps_it(model_dir, tmp_path):
    articles = [
        {"id": "a", "outlet": "Star", "text": SENTENCES[0], "date": "2024-01-05", "tags": ["x"]},
        {"id": "b", "text": SENTENCES[1], "url": "https://example.org/b"},
        {"id": "c", "text": SENTENCES[2]},
    ]
    corpus, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    corpus.write_text(json.dumps(articles[0]) + "\n")
    run_prediction_job([str(corpus)], model=str(model_dir), output=out, progress=False)
    corpus.write_text("".join(json.dumps(a) + "\n" for a in articles))
    summary = run_prediction_job([str(corpus)], model=str(model_dir), output=out, progress=False)
    assert (summary.written, summary.skipped) == (2, 1)
    records = _lines(out)
    assert [list(r) for r in records] == [
        ["id", "outlet", "date", "tags", "attributions"],  # the input's order, text left out
        ["id", "url", "attributions"],
        ["id", "attributions"],
    ]
    assert records[0]["tags"] == ["x"] and records[1]["url"] == "https://example.org/b"
    plain = tmp_path / "plain.jsonl"
    args = ["predict", str(corpus), "--model", str(model_dir), "-o", str(plain), "--quiet"]
    assert main([*args, "--no-metadata"]) == 0
    assert [list(r) for r in _lines(plain)] == [["id", "attributions"]] * 3
    assert [r["attributions"] for r in _lines(plain)] == [r["attributions"] for r in records]


def test_a_run_without_failures_leaves_no_errors_file(tmp_path, monkeypatch):
    from quoteattr.jobs import local

    class Echo:
        def predict(self, texts):
            return [[] for _ in texts]

    monkeypatch.setattr(
        "quoteattr.inference.attributor.QuoteAttributor.from_pretrained",
        classmethod(lambda cls, *a, **k: Echo()),
    )
    corpus = tmp_path / "a.txt"
    corpus.write_text("Nothing said here.")
    out = tmp_path / "out.jsonl"
    summary = local.run_prediction_job([str(corpus)], output=out, progress=False)
    assert summary.failed == 0 and out.exists()
    assert not (tmp_path / "out.jsonl.errors").exists() and "see" not in str(summary)
