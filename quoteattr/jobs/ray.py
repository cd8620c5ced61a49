"""Corpus prediction as a Ray Data pipeline: many model actors, on one machine or a cluster.

The driver reads the inputs, drops the ids already written, and writes every result as it
arrives; Ray runs ``N`` actors that each load the model once and predict batches of
articles. ``ray`` is imported only when :func:`predict_ray` is called.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import sys
import time
import warnings
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..data.readers import CorpusError, CorpusReport, iter_texts, text_id, unique_id
from .local import JobSummary, batched, check_paths, done_ids, output_lock, predict_chunk

if TYPE_CHECKING:
    import pyarrow as pa
    import ray.data

RESULT_COLUMNS = ("id", "attributions", "error")  # attributions: JSON list, or null on error
PART_GLOB = "part-*.parquet"
_JSON = {"ensure_ascii": False}  # as jobs.run_prediction_job writes it


class _Predictor:
    """A Ray actor's model, loaded once; ``__call__`` predicts one batch of articles.

    Returns one row per article: ``id``, ``attributions`` (the JSON list of
    ``Attribution.to_dict()``) or ``error`` (why that article failed). A failing batch is
    retried one article at a time, so one bad article never fails the others.
    """

    def __init__(self, threads: int, done: Any, **load: Any) -> None:
        import ray

        from ..inference.attributor import QuoteAttributor

        self.attributor = QuoteAttributor.from_pretrained(threads=threads, **load)
        self.done: frozenset[str] = ray.get(done) if done is not None else frozenset()

    def __call__(self, batch: pa.Table) -> pa.Table:
        import pyarrow as pa

        ids, texts = batch["id"].to_pylist(), batch["text"].to_pylist()
        chunk = [(str(i), t) for i, t in zip(ids, texts) if str(i) not in self.done]
        rows: dict[str, list] = {name: [] for name in RESULT_COLUMNS}
        for id_, result in predict_chunk(self.attributor, chunk, strict=False):
            failed = isinstance(result, str)
            attributions = None if failed else [a.to_dict() for a in result]
            rows["id"].append(id_)
            rows["attributions"].append(None if failed else json.dumps(attributions, **_JSON))
            rows["error"].append(result if failed else None)
        return pa.table({name: pa.array(rows[name], pa.string()) for name in RESULT_COLUMNS})


def predict_ray(
    inputs: Sequence[str | os.PathLike] | ray.data.Dataset,
    output: str | os.PathLike,
    *,
    model: str | None = None,
    address: str | None = None,
    concurrency: int = 1,
    num_gpus: float = 0,
    num_cpus: float = 1,
    batch_size: int = 32,
    articles_per_batch: int = 64,
    quantize: str | None = None,
    dtype: str | None = None,
    backend: str | None = None,
    revision: str | None = None,
    output_format: str = "jsonl",
    resume: bool = True,
    strict: bool = False,
    errors: str | os.PathLike | None = None,
    retries: int = 3,
    progress: bool = True,
    settings: dict | None = None,
) -> JobSummary:
    """Predict every article of ``inputs`` with ``concurrency`` Ray actors; returns a summary.

    Identical to :func:`quoteattr.jobs.run_prediction_job`: the readers (``.txt`` files and
    folders, JSONL with ``id``/``text``; same ids, same skipped lines), the output lines
    (``{"id": ..., "attributions": [Attribution.to_dict(), ...]}``, byte for byte), the
    errors file (``{"id", "error"}`` lines, default ``OUTPUT.errors``), resuming (ids in the
    output are skipped; a torn last line is cut) and ``strict`` (stop at the first bad input
    or failing article; results already received stay written). A failing batch is retried
    one article at a time, so one bad article fails alone. Different: the order of the
    output lines follows the actors, not the input; sort by id to compare two runs.

    Inputs: paths (``.txt`` files and folders, JSONL, Parquet files or folders of them
    with ``id`` and string ``text`` columns), read by this process (the driver) and shipped
    to the actors through Ray's object store, so only the driver needs the files. Or a
    ``ray.data.Dataset`` with ``id`` and ``text`` (``ray.data.read_parquet("s3://...")``):
    its own tasks need CPUs besides the actors' (``concurrency * num_cpus`` below the
    cluster's CPUs), else they wait for ever.

    Output: ``output_format="jsonl"`` appends to the file ``output``, flushed after each
    block of results; ``"parquet"`` writes ``output/part-NNNNNN.parquet`` files (columns
    ``id`` and ``attributions``, the JSON list) one per block, each renamed into place
    once complete, and resumes from the ids of the parts already there.

    Cluster: a process already connected to Ray (``ray.init``) keeps its session and
    ``address`` is ignored; otherwise the job connects to ``address``, or with none starts
    a new local cluster, and disconnects (stopping a local cluster) at the end. To use a
    cluster, start it first: ``ray start --head --num-cpus 16`` on the head node, ``ray
    start --address HEAD_IP:6379`` on each other node, then pass ``address="auto"`` (this
    machine is a node) or ``"ray://HEAD_IP:10001"`` (Ray Client from elsewhere). Every
    node needs ``quoteattr`` installed and ``model`` readable at the same path (or a Hub
    id); ``model`` None is the shipped model, as in the single-process job. Ray 2.60 turns
    token authentication on: copy the head's ``~/.ray/auth_token`` to the other nodes and
    set ``RAY_AUTH_MODE=token`` for every ``ray start`` and for this process.

    Actors: each loads the model once (``revision``, ``dtype``, ``quantize``, ``backend`` as in
    ``QuoteAttributor.from_pretrained``), with ``num_cpus`` CPUs (its threads follow)
    and ``num_gpus`` GPUs (an error if the cluster has none); ``batch_size`` windows per
    forward pass, ``articles_per_batch`` articles per actor call and per written block. An
    actor that dies (killed, node lost, out of memory) is restarted and its batch retried,
    up to ``retries`` times each (Ray's ``max_restarts``/``max_task_retries``); then the
    job stops, and a rerun resumes.
    """
    import ray.data

    if output_format not in ("jsonl", "parquet"):
        raise ValueError(f"output_format must be 'jsonl' or 'parquet', got {output_format!r}")
    if concurrency < 1 or articles_per_batch < 1:
        raise ValueError("concurrency and articles_per_batch must be at least 1")
    output = Path(output)
    errors = Path(errors) if errors else output.with_name(output.name + ".errors")
    if not isinstance(inputs, ray.data.Dataset):
        check_paths(inputs, output, errors)
    with output_lock(output):  # held until the Ray session is over
        started_here = not ray.is_initialized()
        if started_here:
            if address:
                ray.init(address=address)
            else:  # a new cluster, even where one already runs
                ray.init(address="local", include_dashboard=False)
        try:
            if num_gpus and not ray.cluster_resources().get("GPU"):
                raise ValueError(f"num_gpus={num_gpus} per actor, but the Ray cluster has no GPU")
            started = time.time()
            skip = _prepare_output(output, output_format, resume)
            report = CorpusReport()
            dataset = _dataset(inputs, skip, strict, report, articles_per_batch)
            # A Dataset's rows are filtered by the actors; paths were filtered while read.
            from_dataset = isinstance(inputs, ray.data.Dataset)
            done = ray.put(frozenset(skip)) if skip and from_dataset else None
            written, failed = 0, 0
            if dataset is not None:
                load = {
                    "name_or_path": model,
                    "revision": revision,
                    "device": "cuda" if num_gpus else "cpu",
                    "dtype": dtype,
                    "quantize": quantize,
                    "backend": backend,
                    "batch_size": batch_size,
                    **(settings or {}),
                }
                with warnings.catch_warnings():  # Ray 2.60 has no named parameter for these
                    warnings.filterwarnings("ignore", message="`ray_remote_args` is deprecated")
                    results = dataset.map_batches(
                        _Predictor,
                        fn_constructor_kwargs={
                            "threads": max(1, round(num_cpus)),
                            "done": done,
                            **load,
                        },
                        batch_size=articles_per_batch,
                        batch_format="pyarrow",  # numpy and pandas make a missing text NaN
                        compute=ray.data.ActorPoolStrategy(size=concurrency),
                        num_cpus=num_cpus,
                        num_gpus=num_gpus or None,
                        max_restarts=retries,
                        max_task_retries=retries,
                    )
                blocks = results.iter_batches(batch_size=None, batch_format="pyarrow")
                written, failed = _write(
                    blocks, output, output_format, errors, strict, progress, fresh=not resume
                )
            elif not resume:
                _start_again(output, output_format)
            with errors.open("a", encoding="utf-8") as err:
                for where, reason in report.skipped:
                    err.write(json.dumps({"id": where, "error": reason}, **_JSON) + "\n")
        finally:
            if started_here:
                ray.shutdown()
    return JobSummary(
        written, len(skip), failed + len(report.skipped), time.time() - started,
        str(output), str(errors), actors=concurrency,
    )  # fmt: skip


def _prepare_output(output: Path, output_format: str, resume: bool) -> set[str]:
    """The ids already written (empty when not resuming: old results are then removed
    once the first results come, so a job that cannot run leaves them as they were)."""
    if output_format == "jsonl":
        output.parent.mkdir(parents=True, exist_ok=True)
        return done_ids(output) if resume else set()
    output.mkdir(parents=True, exist_ok=True)
    for stale in output.glob(PART_GLOB + ".tmp"):  # a part cut short by a kill
        stale.unlink()
    return parquet_done_ids(output) if resume else set()


def _start_again(output: Path, output_format: str) -> None:
    """Remove the results of an earlier job (``resume=False``)."""
    if output_format == "jsonl":
        output.open("w").close()
    else:
        for part in output.glob(PART_GLOB):
            part.unlink()


def parquet_done_ids(folder: str | os.PathLike) -> set[str]:
    """Ids in the ``part-*.parquet`` files of ``folder`` (a Parquet output of predict_ray)."""
    import pyarrow.parquet as pq

    ids: set[str] = set()
    for part in sorted(Path(folder).glob(PART_GLOB)):
        try:
            ids.update(str(i) for i in pq.read_table(part, columns=["id"])["id"].to_pylist())
        except Exception as error:  # noqa: BLE001 - any damage: name the file
            raise CorpusError(part, None, f"unreadable part file ({error}); move it") from None
    return ids


def _dataset(
    inputs: Sequence[str | os.PathLike] | ray.data.Dataset,
    skip: set[str],
    strict: bool,
    report: CorpusReport,
    block_rows: int,
) -> ray.data.Dataset | None:
    """One dataset of ``id``/``text`` rows still to do (None when there is nothing to do).

    Paths are read here, on the driver, and put into Ray's object store in blocks of
    ``block_rows`` articles: the driver holds one block at a time, and no read task can be
    starved of CPUs by actors that hold them all.
    """
    import pyarrow as pa
    import ray.data

    if isinstance(inputs, ray.data.Dataset):
        return _checked(inputs)
    items = read_inputs(inputs, strict, report)
    refs = []
    for chunk in batched(((i, t) for i, t in items if i not in skip), block_rows):
        ids, texts = zip(*chunk)
        table = pa.table({"id": pa.array(ids, pa.string()), "text": pa.array(texts, pa.string())})
        refs.append(ray.put(table))
    return ray.data.from_arrow_refs(refs) if refs else None


def read_inputs(
    paths: Iterable[str | os.PathLike], strict: bool = False, report: CorpusReport | None = None
) -> Iterator[tuple[str, str | None]]:
    """(id, text) pairs of ``.txt`` files and folders, JSONL and Parquet, streamed.

    :func:`quoteattr.readers.iter_texts` plus Parquet files (or folders of them) with ``id``
    and string ``text`` columns; a missing text stays None (predict then refuses it).
    """
    report = report if report is not None else CorpusReport()
    seen: dict = {}  # ids are unique across all the inputs
    for path in map(Path, paths):
        if _is_parquet(path):
            yield from _parquet_texts(path, strict, report, seen)
        else:
            yield from iter_texts([path], strict=strict, report=report, seen=seen)


def _is_parquet(path: Path) -> bool:
    return path.suffix == ".parquet" or (
        path.is_dir() and next(path.rglob("*.parquet"), None) is not None
    )


def _parquet_texts(
    path: Path, strict: bool, report: CorpusReport, seen: dict
) -> Iterator[tuple[str, str | None]]:
    """(id, text) rows of a Parquet file, or of every ``*.parquet`` file under a folder.

    A file without ``id`` and string ``text`` columns, or that cannot be read, raises
    (``strict``) or is listed in ``report`` and skipped. Ids become strings; a null id
    or one given twice is reported the same way, for its row alone.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    for file in sorted(path.rglob("*.parquet")) if path.is_dir() else [path]:
        try:
            reader = pq.ParquetFile(file)
            schema = reader.schema_arrow
            if "id" not in schema.names or "text" not in schema.names:
                raise CorpusError(file, None, f"needs 'id' and 'text' columns, has {schema.names}")
            kind = schema.field("text").type
            if not (pa.types.is_string(kind) or pa.types.is_large_string(kind)):
                raise CorpusError(file, None, f"column 'text' holds {kind}, not strings")
            row = 0
            for batch in reader.iter_batches(batch_size=1024, columns=["id", "text"]):
                for id_, text in zip(batch["id"].to_pylist(), batch["text"].to_pylist()):
                    row += 1
                    try:
                        id_ = text_id(id_, file, row)
                        unique_id(id_, (file, row), seen)
                    except CorpusError as bad:
                        if strict:
                            raise
                        report.skipped.append((bad.where, bad.reason))
                        continue
                    report.read += 1
                    yield id_, text
        except (OSError, ValueError) as error:  # ArrowInvalid is a ValueError
            bad = error if isinstance(error, CorpusError) else CorpusError(file, None, str(error))
            if strict:
                raise bad from None
            report.skipped.append((bad.where, bad.reason))


def _checked(dataset: ray.data.Dataset) -> ray.data.Dataset:
    names = dataset.schema().names
    if "id" not in names or "text" not in names:
        raise ValueError(f"the dataset needs 'id' and 'text' columns, has {names}")
    return dataset if set(names) == {"id", "text"} else dataset.select_columns(["id", "text"])


def _write(
    blocks: Iterator[pa.Table],
    output: Path,
    output_format: str,
    errors: Path,
    strict: bool,
    progress: bool,
    fresh: bool = False,
) -> tuple[int, int]:
    """Write each block of results as it arrives; returns (written, failed). ``fresh``:
    remove the earlier results when the first block has come (the model loaded)."""
    from tqdm import tqdm

    written = failed = 0
    blocks = iter(blocks)
    first = next(blocks, None)
    if fresh:
        _start_again(output, output_format)
    if first is not None:
        blocks = itertools.chain([first], blocks)
    parts = sorted(output.glob(PART_GLOB)) if output_format == "parquet" else []
    next_part = int(parts[-1].stem.removeprefix("part-")) + 1 if parts else 0
    with contextlib.ExitStack() as stack:
        jsonl = output_format == "jsonl"
        out = stack.enter_context(output.open("a", encoding="utf-8")) if jsonl else None
        err = stack.enter_context(errors.open("a", encoding="utf-8"))
        bar = stack.enter_context(
            tqdm(unit=" articles", disable=not progress, file=sys.stderr, dynamic_ncols=True)
        )
        for block in blocks:
            ok = block.filter(block["error"].is_null())
            bad = block.filter(block["error"].is_valid())
            if out is not None:  # the same bytes as json.dumps({"id", "attributions"})
                for id_, attributions in zip(ok["id"].to_pylist(), ok["attributions"].to_pylist()):
                    out.write(
                        f'{{"id": {json.dumps(id_, **_JSON)}, "attributions": {attributions}}}\n'
                    )
                out.flush()
                os.fsync(out.fileno())
            elif ok.num_rows:
                _write_part(ok.select(["id", "attributions"]), output, next_part)
                next_part += 1
            for id_, reason in zip(bad["id"].to_pylist(), bad["error"].to_pylist()):
                err.write(json.dumps({"id": id_, "error": reason}, **_JSON) + "\n")
            err.flush()
            written, failed = written + ok.num_rows, failed + bad.num_rows
            bar.update(block.num_rows)
            if strict and bad.num_rows:
                raise CorpusError(bad["id"][0].as_py(), None, bad["error"][0].as_py())
    return written, failed


def _write_part(table: pa.Table, folder: Path, number: int) -> None:
    """Write ``part-NNNNNN.parquet`` through a ``.tmp`` file, so a part is whole or absent."""
    import pyarrow.parquet as pq

    final = folder / f"part-{number:06d}.parquet"
    tmp = final.with_name(final.name + ".tmp")
    with tmp.open("wb") as f:
        pq.write_table(table, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, final)
