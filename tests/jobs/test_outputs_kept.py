"""An output is never lost: never an input, never emptied before the job can run, never
written by two jobs at once; ids are unique within a job."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from tiny_models import save_tiny_classifier

from quoteattr.cli import main
from quoteattr.jobs.local import output_lock

SENTENCES = ["“We will win,” said Jane Smith.", "Critics said the plan would fail."]


@pytest.fixture(scope="module")
def model_dir(wordpiece_tokenizer, tmp_path_factory):
    return save_tiny_classifier(wordpiece_tokenizer, tmp_path_factory.mktemp("m") / "model")


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text("".join(json.dumps({"id": f"a{i}", "text": SENTENCES[i % 2]}) + "\n"
                            for i in range(6)))  # fmt: skip
    return path


def _predict(model_dir, *args: str) -> int:
    return main(["predict", "--model", str(model_dir), "--quiet", *map(str, args)])


def _ids(path) -> list[str]:
    return [json.loads(line)["id"] for line in path.read_text().splitlines()]


@pytest.mark.parametrize("how", ["same path", "relative", "hard link", "symlink", "errors file"])
@pytest.mark.parametrize("resume", [True, False])
def test_an_output_that_is_an_input_is_refused(how, resume, model_dir, corpus, tmp_path, capsys):
    before = corpus.read_bytes()
    output, more = corpus, []
    if how == "relative":
        output = os.path.relpath(corpus)
    elif how == "hard link":
        output = tmp_path / "linked.jsonl"
        os.link(corpus, output)
    elif how == "symlink":
        output = tmp_path / "alias.jsonl"
        output.symlink_to(corpus)
    elif how == "errors file":
        output, more = tmp_path / "out.jsonl", ["--errors", corpus]
    code = _predict(model_dir, corpus, "-o", output, *more, *([] if resume else ["--no-resume"]))
    assert code == 2
    assert "is the input" in capsys.readouterr().err
    assert corpus.read_bytes() == before


def test_a_txt_output_inside_a_folder_input_is_refused(model_dir, tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(SENTENCES[0])
    assert _predict(model_dir, tmp_path / "in", "-o", tmp_path / "in" / "out.txt") == 2
    assert "is the input" in capsys.readouterr().err


@pytest.mark.parametrize("model", ["/nonexistent/model", "truncated"])
def test_no_resume_keeps_the_output_when_the_model_cannot_load(
    model, model_dir, corpus, tmp_path, capsys
):
    if model == "truncated":
        broken = tmp_path / "broken"
        broken.mkdir()
        for path in model_dir.iterdir():
            (broken / path.name).write_bytes(path.read_bytes())
        weights = broken / "model.safetensors"
        weights.write_bytes(weights.read_bytes()[:1000])
        model = broken
    out = tmp_path / "r.csv"
    out.write_text("earlier results\n")
    assert main(["predict", str(corpus), "-o", str(out), "--format", "csv", "--no-resume",
                 "--model", str(model), "--quiet"]) == 2  # fmt: skip
    assert "error:" in capsys.readouterr().err
    assert out.read_text() == "earlier results\n"


def test_no_resume_starts_again_once_the_model_has_loaded(model_dir, corpus, tmp_path):
    out = tmp_path / "r.jsonl"
    out.write_text('{"id": "old", "attributions": []}\n')
    assert _predict(model_dir, corpus, "-o", out, "--no-resume") == 0
    assert _ids(out) == [f"a{i}" for i in range(6)]


def test_a_missing_input_exits_2_before_anything_is_touched(model_dir, corpus, tmp_path, capsys):
    out = tmp_path / "r.jsonl"
    out.write_text('{"id": "old", "attributions": []}\n')
    assert _predict(model_dir, corpus, tmp_path / "missing.txt", "-o", out, "--no-resume") == 2
    assert "missing.txt: no such file or folder" in capsys.readouterr().err
    assert _ids(out) == ["old"]


@pytest.mark.parametrize("resume", [True, False])
def test_a_second_job_on_a_locked_output_stops(resume, model_dir, corpus, tmp_path, capsys):
    out = tmp_path / "two.jsonl"
    out.write_text('{"id": "a0", "attributions": []}\n')
    with output_lock(out):  # as a running job holds it
        code = _predict(model_dir, corpus, "-o", out, *([] if resume else ["--no-resume"]))
    assert code == 2
    assert "being written by another job" in capsys.readouterr().err
    assert _ids(out) == ["a0"]
    assert _predict(model_dir, corpus, "-o", out) == 0  # released: the job runs
    assert _ids(out) == [f"a{i}" for i in range(6)]


@pytest.mark.slow
def test_two_processes_on_one_output_write_each_id_once(model_dir, tmp_path):
    corpus = tmp_path / "big.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"b{i:04d}", "text": SENTENCES[i % 2] * 3})
                              + "\n" for i in range(400)))  # fmt: skip
    out = tmp_path / "two.jsonl"
    cmd = [sys.executable, "-m", "quoteattr", "predict", "--model", str(model_dir), str(corpus),
           "-o", str(out), "--chunk-size", "2", "--quiet"]  # fmt: skip
    first = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    while time.time() < deadline and (not out.exists() or len(out.read_bytes().splitlines()) < 4):
        time.sleep(0.02)
    second = subprocess.run(cmd + ["--no-resume"], capture_output=True, text=True, timeout=120)
    assert second.returncode == 2, second.stderr
    assert "being written by another job" in second.stderr
    assert first.wait(timeout=300) == 0, first.stderr.read()
    assert _ids(out) == [f"b{i:04d}" for i in range(400)]
    # kill -9 releases the lock: a rerun resumes.
    killed = subprocess.Popen(cmd + ["--no-resume"], stderr=subprocess.DEVNULL)
    while time.time() < deadline + 120 and len(out.read_bytes().splitlines()) in (0, 400):
        time.sleep(0.02)
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    subprocess.run(cmd, check=True, timeout=300)
    assert _ids(out) == [f"b{i:04d}" for i in range(400)]


def test_folder_ids_are_relative_paths_and_stay_when_files_are_added(model_dir, tmp_path):
    folder = tmp_path / "dir"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "a.txt").write_text(SENTENCES[0])
    (folder / "b.txt").write_text(SENTENCES[1])
    out = tmp_path / "out.jsonl"
    assert _predict(model_dir, folder, "-o", out) == 0
    assert sorted(_ids(out)) == ["b", "sub/a"]
    (folder / "a.txt").write_text("A new article, said nobody.")
    assert _predict(model_dir, folder, "-o", out) == 0
    assert sorted(_ids(out)) == ["a", "b", "sub/a"]  # the new file is predicted, once


def test_an_id_given_twice_is_an_error_naming_both(model_dir, corpus, tmp_path, capsys):
    with corpus.open("a") as f:
        f.write(json.dumps({"id": "a1", "text": "again"}) + "\n")
    (tmp_path / "a2.txt").write_text(SENTENCES[0])
    out = tmp_path / "out.jsonl"
    assert _predict(model_dir, corpus, tmp_path / "a2.txt", "-o", out) == 1
    assert _ids(out) == [f"a{i}" for i in range(6)]
    errors = [json.loads(line) for line in (tmp_path / "out.jsonl.errors").open()]
    assert [e["id"] for e in errors] == [f"{corpus}:7", str(tmp_path / "a2.txt")]
    assert f"id 'a1' is already the id of {corpus}:2" in errors[0]["error"]
    assert f"id 'a2' is already the id of {corpus}:3" in errors[1]["error"]
    assert _predict(model_dir, corpus, "-o", tmp_path / "strict.jsonl", "--strict") == 2
    assert "x.jsonl:7: id 'a1' is already the id of" in capsys.readouterr().err


@pytest.mark.parametrize("bad", [None, {"x": 1}, [1], True, 1.5, ""])
def test_an_id_that_is_no_string_or_integer_is_an_error_naming_the_line(
    bad, model_dir, corpus, tmp_path
):
    with corpus.open("a") as f:
        f.write(json.dumps({"id": bad, "text": "odd"}) + "\n")
        f.write(json.dumps({"id": 7, "text": "an integer is fine"}) + "\n")
    out = tmp_path / "out.jsonl"
    assert _predict(model_dir, corpus, "-o", out) == 1
    assert _ids(out) == [f"a{i}" for i in range(6)] + ["7"]
    [error] = [json.loads(line) for line in (tmp_path / "out.jsonl.errors").open()]
    assert error["id"] == f"{corpus}:7"
    assert "'id' must be a non-empty string or an integer" in error["error"]
