"""predict_ray: the single-process job's output through Ray Data; errors, resume, Parquet.

One local Ray cluster (2 CPUs) for the whole module: starting Ray takes several seconds.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from tiny_models import save_tiny_classifier

from quoteattr.data.readers import CorpusError
from quoteattr.jobs.local import run_prediction_job

pytest.importorskip("ray.data", reason="needs ray[data] (pip install 'ray[data]')")
import pyarrow as pa  # noqa: E402 - ray[data] brings pyarrow
import pyarrow.parquet as pq  # noqa: E402
import ray  # noqa: E402

from quoteattr.data.readers import CorpusReport  # noqa: E402
from quoteattr.jobs.ray import parquet_done_ids, predict_ray, read_inputs  # noqa: E402

pytestmark = pytest.mark.slow  # a Ray start plus a pipeline per test: about a minute in all

SENTENCES = [
    "“We will win,” said Jane Smith.",
    "Critics said the plan would fail, according to officials.",
    "The mayor told reporters that taxes would rise.",
]
RUN = {"articles_per_batch": 8, "progress": False}


@pytest.fixture(scope="module", autouse=True)
def ray_cluster():
    ray.init(address="local", num_cpus=2, include_dashboard=False)  # never a running cluster
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("ray_jobs")


@pytest.fixture(scope="module")
def model(wordpiece_tokenizer, folder) -> str:
    return str(save_tiny_classifier(wordpiece_tokenizer, folder / "model"))


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return [
        {"id": f"a{i:03d}", "text": " ".join(SENTENCES[(i + k) % 3] for k in range(1 + i % 4))}
        for i in range(40)
    ]


@pytest.fixture(scope="module")
def corpus_jsonl(rows, folder):
    path = folder / "corpus.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    return path


@pytest.fixture(scope="module")
def reference(model, corpus_jsonl, folder) -> list[str]:
    """The single-process job's lines for the JSONL corpus, sorted."""
    out = folder / "reference.jsonl"
    run_prediction_job([str(corpus_jsonl)], model=model, output=out, progress=False)
    lines = sorted(out.read_text(encoding="utf-8").splitlines())
    assert len(lines) == 40 and any(json.loads(line)["attributions"] for line in lines)
    return lines


def _sorted_lines(path) -> list[str]:
    return sorted(path.read_text(encoding="utf-8").splitlines())


def _errors(path) -> dict[str, str]:
    return {e["id"]: e["error"] for e in map(json.loads, path.read_text().splitlines())}


def _parquet_records(folder) -> list[tuple[str, list]]:
    table = pq.read_table(sorted(folder.glob("part-*.parquet")))
    ids, attributions = table["id"].to_pylist(), table["attributions"].to_pylist()
    return sorted((i, json.loads(a)) for i, a in zip(ids, attributions))


def _as_records(lines: list[str]) -> list[tuple[str, list]]:
    return sorted((r["id"], r["attributions"]) for r in map(json.loads, lines))


def test_jsonl_input_gives_the_single_process_lines(model, corpus_jsonl, reference, tmp_path):
    out = tmp_path / "out.jsonl"
    summary = predict_ray([str(corpus_jsonl)], out, model=model, concurrency=2, **RUN)
    assert _sorted_lines(out) == reference  # byte for byte, once sorted
    assert (tmp_path / "out.jsonl.errors").read_text() == ""
    assert "wrote 40 articles" in str(summary) and "2 actor(s)" in str(summary)


def test_txt_folder_input_gives_the_single_process_lines(model, rows, tmp_path):
    texts = tmp_path / "texts"
    (texts / "sub").mkdir(parents=True)
    for r in rows:  # a nested file: found recursively, its id is its relative path
        (texts / ("sub" if r["id"].endswith("7") else "") / f"{r['id']}.txt").write_text(r["text"])
    single, ray_out = tmp_path / "single.jsonl", tmp_path / "ray.jsonl"
    run_prediction_job([str(texts)], model=model, output=single, progress=False)
    predict_ray([str(texts)], ray_out, model=model, **RUN)
    assert _sorted_lines(ray_out) == _sorted_lines(single)
    assert len(_sorted_lines(single)) == 40


def test_parquet_input_and_output_give_the_single_process_results(model, rows, reference, tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    for half in (0, 1):  # a folder of two files
        part = rows[half::2]
        table = pa.table({"id": [r["id"] for r in part], "text": [r["text"] for r in part]})
        pq.write_table(
            table.append_column("extra", pa.array([1] * len(part))), source / f"{half}.parquet"
        )
    out = tmp_path / "out"
    predict_ray([str(source)], out, model=model, concurrency=2, output_format="parquet", **RUN)
    assert _parquet_records(out) == _as_records(reference)
    assert pq.read_schema(next(out.glob("part-*.parquet"))).names == ["id", "attributions"]
    assert not list(out.glob("*.tmp"))


def test_dataset_input(model, rows, reference, tmp_path):
    out = tmp_path / "out.jsonl"
    predict_ray(ray.data.from_items(rows), out, model=model, **RUN)
    assert _sorted_lines(out) == reference


def test_bad_articles_go_to_the_errors_file_and_the_rest_is_written(
    model, rows, reference, tmp_path
):
    corpus = tmp_path / "bad.jsonl"
    good = rows[:10]
    lines = [json.dumps(r) for r in good[:5]]
    lines.append(json.dumps({"id": "number", "text": 42}))  # line 6: the reader skips it
    lines.append(json.dumps({"id": "long", "text": "a " * 2_500_001}))  # predict refuses it
    lines += [json.dumps(r) for r in good[5:]]
    corpus.write_text("\n".join(lines) + "\n")
    parquet = tmp_path / "parquet"
    parquet.mkdir()
    table = pa.table({"id": ["null"], "text": pa.array([None], pa.string())})
    pq.write_table(table, parquet / "null.parquet")  # predict refuses it
    pq.write_table(pa.table({"id": ["x"], "body": ["Fine."]}), parquet / "body.parquet")
    out = tmp_path / "out.jsonl"
    summary = predict_ray([str(corpus), str(parquet)], out, model=model, **RUN)
    assert _sorted_lines(out) == reference[:10]
    errors = _errors(tmp_path / "out.jsonl.errors")
    assert set(errors) == {f"{corpus}:6", "long", "null", str(parquet / "body.parquet")}
    assert "needs 'id' and a string 'text'" in errors[f"{corpus}:6"]
    assert "over max_article_chars" in errors["long"]
    assert "NoneType, not a str" in errors["null"]
    assert "needs 'id' and 'text' columns" in errors[str(parquet / "body.parquet")]
    assert summary.failed == 4 and "4 failed" in str(summary)


def test_parquet_rows_are_read_with_string_ids_and_bad_files_reported(tmp_path):
    pq.write_table(pa.table({"id": [7, 8], "text": ["Fine.", None]}), tmp_path / "a.parquet")
    pq.write_table(pa.table({"id": [9], "text": [3]}), tmp_path / "b.parquet")
    (tmp_path / "c.parquet").write_bytes(b"not parquet")
    report = CorpusReport()
    assert list(read_inputs([tmp_path], report=report)) == [("7", "Fine."), ("8", None)]
    reasons = dict(report.skipped)
    assert "column 'text' holds int64, not strings" in reasons[str(tmp_path / "b.parquet")]
    assert str(tmp_path / "c.parquet") in reasons
    with pytest.raises(CorpusError, match="b.parquet: column 'text' holds int64"):
        list(read_inputs([tmp_path / "b.parquet"], strict=True))


def test_strict_stops_at_a_failing_article(model, tmp_path):
    data = ray.data.from_items([{"id": "null", "text": None}])
    with pytest.raises(CorpusError, match="null: InputError: text 0 is a NoneType"):
        predict_ray(data, tmp_path / "out.jsonl", model=model, strict=True, **RUN)


def test_strict_stops_at_a_bad_line_before_predicting(model, tmp_path):
    corpus = tmp_path / "bad.jsonl"
    corpus.write_text('{"id": "ok", "text": "Fine."}\n{not json\n')
    with pytest.raises(CorpusError, match=r"bad.jsonl:2: not JSON"):
        predict_ray([str(corpus)], tmp_path / "out.jsonl", model=model, strict=True, **RUN)


def test_rerun_after_a_partial_jsonl_output_has_every_article_once(
    model, corpus_jsonl, reference, tmp_path
):
    out = tmp_path / "out.jsonl"
    out.write_text("\n".join(reference[:20]) + "\n" + reference[20][:30])  # killed mid-line
    summary = predict_ray([str(corpus_jsonl)], out, model=model, **RUN)
    assert _sorted_lines(out) == reference  # each id once; the torn line was cut
    assert (summary.written, summary.skipped) == (20, 20)


def test_rerun_after_a_partial_parquet_output_has_every_article_once(
    model, rows, reference, tmp_path
):
    source, out = tmp_path / "in.parquet", tmp_path / "out"
    pq.write_table(pa.Table.from_pylist(rows), source)
    out.mkdir()
    done = _as_records(reference[::2])
    table = pa.table({"id": [i for i, _ in done], "attributions": [json.dumps(a) for _, a in done]})
    pq.write_table(table, out / "part-000000.parquet")
    (out / "part-000001.parquet.tmp").write_bytes(b"PAR1 cut short")  # killed mid-write
    summary = predict_ray([str(source)], out, model=model, output_format="parquet", **RUN)
    assert _parquet_records(out) == _as_records(reference)
    assert len(parquet_done_ids(out)) == 40
    assert summary.written == 20 and not list(out.glob("*.tmp"))


def test_a_damaged_part_file_is_named(model, corpus_jsonl, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "part-000000.parquet").write_bytes(b"not parquet")
    with pytest.raises(CorpusError, match="part-000000.parquet: unreadable part file"):
        predict_ray([str(corpus_jsonl)], out, model=model, output_format="parquet", **RUN)


def test_gpus_asked_of_a_cluster_without_gpus_is_an_error(model, corpus_jsonl, tmp_path):
    if ray.cluster_resources().get("GPU"):
        pytest.skip("this cluster has a GPU")
    with pytest.raises(ValueError, match="num_gpus=1 per actor, but the Ray cluster has no GPU"):
        predict_ray([str(corpus_jsonl)], tmp_path / "o.jsonl", model=model, num_gpus=1, **RUN)


def _children(pid: int) -> list[int]:
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue  # gone meanwhile
        if int(fields[1]) == pid:
            kids.append(int(stat.parent.name))
    return kids


def _our_predictor_actors() -> list[int]:
    """Pids of the model actors of this test's own Ray cluster (children of its raylet)."""
    pids = []
    for raylet in _children(os.getpid()):
        for worker in _children(raylet):
            try:
                if b"MapBatches(_Predictor)" in Path(f"/proc/{worker}/cmdline").read_bytes():
                    pids.append(worker)
            except OSError:
                continue
    return pids


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_a_killed_actor_is_restarted_and_no_article_is_lost_or_repeated(
    model, rows, reference, tmp_path
):
    attributions = dict(_as_records(reference))
    texts = {r["id"]: r["text"] for r in rows}
    many = [{"id": f"b{i:03d}", "text": rows[i % 40]["text"]} for i in range(240)]
    corpus, out = tmp_path / "many.jsonl", tmp_path / "out.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in many))
    result: dict = {}
    job = threading.Thread(
        target=lambda: result.update(
            summary=predict_ray([str(corpus)], out, model=model, articles_per_batch=2)
        )
    )
    job.start()
    deadline = time.time() + 120
    while not (out.exists() and out.read_text()) and time.time() < deadline:
        time.sleep(0.05)  # wait until the actor is at work
    actors = _our_predictor_actors()
    assert len(actors) == 1
    os.kill(actors[0], signal.SIGKILL)
    written_before = len(out.read_text().splitlines())
    job.join(timeout=300)
    assert 0 < written_before < 240  # killed mid-job
    assert result["summary"].failed == 0
    records = _as_records(out.read_text().splitlines())
    assert [i for i, _ in records] == [r["id"] for r in many]  # each article exactly once
    by_text = {texts[i]: a for i, a in attributions.items()}
    assert all(a == by_text[many[int(i[1:])]["text"]] for i, a in records)


def test_the_cli_runs_ray_and_refuses_what_it_cannot_do(model, corpus_jsonl, reference, tmp_path):
    from quoteattr.cli import main

    out = tmp_path / "cli.jsonl"
    # the README's form: --ray before the inputs
    readme = ["predict", "--ray", str(corpus_jsonl), "-o", str(out), "--concurrency", "2"]
    assert main([*readme, "--model", str(model), "--quiet"]) == 0
    assert _sorted_lines(out) == reference
    args = ["predict", str(corpus_jsonl), "--model", str(model), "--quiet", "--ray"]
    address = ["predict", str(corpus_jsonl), "-o", str(out), "--ray-address", "auto"]
    assert main(address) == 2  # --ray-address without --ray
    assert main([*args, "--format", "csv", "-o", str(tmp_path / "x.csv")]) == 2
    assert main(["predict", str(corpus_jsonl), "--format", "parquet", "-o", "x"]) == 2


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        kids = _children(todo.pop())
        found += kids
        todo += kids
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_a_killed_ray_job_resumed_gives_each_id_once(model, rows, reference, tmp_path):
    """kill -9 of the driver (and its own local cluster) mid-way, then the same command."""
    many = [{"id": f"c{i:03d}", "text": rows[i % 40]["text"]} for i in range(160)]
    corpus, out = tmp_path / "many.jsonl", tmp_path / "out.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in many))
    cmd = [sys.executable, "-m", "quoteattr", "predict", str(corpus), "--model", model, "--ray",
           "-o", str(out), "--chunk-size", "2", "--quiet"]  # fmt: skip
    driver = subprocess.Popen(cmd, stderr=subprocess.DEVNULL)
    deadline = time.time() + 240
    while time.time() < deadline and (not out.exists() or len(out.read_bytes().splitlines()) < 4):
        time.sleep(0.05)
    tree = [driver.pid, *_descendants(driver.pid)]
    for pid in tree:  # the driver and the cluster it started, as a crash would leave it
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    driver.wait()
    partial = len(out.read_bytes().splitlines())
    assert 4 <= partial < 160, "the job should have been killed mid-way"
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    ids = [json.loads(line)["id"] for line in out.read_text().splitlines()]
    assert sorted(ids) == [r["id"] for r in many]  # each id once
    attributions = dict(_as_records(reference))
    texts = {r["id"]: r["text"] for r in rows}
    by_text = {texts[i]: a for i, a in attributions.items()}
    for record in map(json.loads, out.read_text().splitlines()):
        assert record["attributions"] == by_text[many[int(record["id"][1:])]["text"]]
