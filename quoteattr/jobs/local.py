"""Corpus prediction jobs: streamed, resumable, sharded, and never losing an article.

Each result is written (and flushed) as soon as its chunk is done; a restarted job skips
the ids already in the output, so a killed job loses nothing and repeats nothing. An
article that fails goes to the error file with its reason, and the job goes on.

An output is never lost: it is never an input, a second job on it stops at once (it is
locked through ``OUTPUT.lock``, left beside it), and ``resume=False`` empties it only once
the model has loaded.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from ..data.readers import CorpusError, CorpusReport, iter_records
from ..inference.auto import MEDIUM_JOB_CHARS
from ..outputs.writers import FORMATS, open_writer


@dataclass(frozen=True)
class JobSummary:
    """What a prediction job did. ``str()`` is the line the CLI prints; the CLI exits
    with status 1 when ``failed`` is not 0."""

    written: int
    skipped: int  # ids already in the output
    failed: int  # in the error file
    seconds: float
    output: str
    errors: str
    actors: int | None = None  # Ray model actors

    def __str__(self) -> str:
        rate = self.written / max(self.seconds, 1e-9)
        actors = f" with {self.actors} actor(s)" if self.actors else ""
        return (
            f"wrote {self.written:,} articles to {self.output} in {self.seconds:.1f}s "
            f"({rate:.1f}/s){actors}; skipped {self.skipped:,} already done; "
            f"{self.failed:,} failed" + (f" (see {self.errors})" if self.failed else "")
        )


class _OnFirstWrite:
    """An errors file opened for appending only when something is written to it, so a
    run without failures leaves none behind."""

    def __init__(self, path: Path) -> None:
        self.path, self.file = path, None

    def write(self, text: str) -> None:
        if self.file is None:
            self.file = self.path.open("a", encoding="utf-8")
        self.file.write(text)

    def flush(self) -> None:
        if self.file is not None:
            self.file.flush()

    def __enter__(self) -> _OnFirstWrite:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.file is not None:
            self.file.close()


class OutputInUseError(RuntimeError):
    """Another job is writing the same output."""


def check_paths(inputs: Sequence[str | os.PathLike], *outputs: Path | None) -> None:
    """Every input exists (``FileNotFoundError``) and no output is an input or a ``.txt``
    file that a folder input would read (``ValueError``)."""
    for name in inputs:
        if not Path(name).exists():
            raise FileNotFoundError(f"input {name}: no such file or folder")
    for output in (o for o in outputs if o is not None):
        target = output.resolve()
        for name in inputs:
            source = Path(name).resolve()
            same = target == source or (output.exists() and os.path.samefile(output, source))
            inside = source.is_dir() and target.suffix == ".txt" and source in target.parents
            if same or inside:
                raise ValueError(
                    f"output {output} is the input {name}: write the results to another file"
                )


@contextlib.contextmanager
def output_lock(output: Path) -> Iterator[None]:
    """Hold ``OUTPUT.lock`` (an advisory lock: released when the process ends, even by
    kill -9) while a job writes ``output``; :class:`OutputInUseError` if a job holds it."""
    from filelock import FileLock, Timeout

    output.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(output.with_name(output.name + ".lock"))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise OutputInUseError(
            f"{output} is being written by another job (it holds {lock.lock_file}); wait "
            "for it to end, or write to another file"
        ) from None
    try:
        yield
    finally:
        lock.release()


def done_ids(output: Path) -> set[str]:
    """Ids already written to ``output``; a torn last line (killed mid-write) is cut off.

    A bad line anywhere but at the end is an error: cutting there would lose results.
    """
    if not output.exists():
        return set()
    ids = set()
    with output.open("rb+") as f:
        good = 0
        for number, line in enumerate(f, 1):
            try:
                if not line.endswith(b"\n"):
                    raise ValueError("no newline")
                ids.add(str(json.loads(line)["id"]))
            except (ValueError, KeyError, TypeError):
                if f.read(1):
                    reason = "not a prediction line; fix or move the file"
                    raise CorpusError(output, number, reason) from None
                break
            good += len(line)
        f.truncate(good)
    return ids


def _shard(items: Iterable[tuple], index: int, count: int) -> Iterator[tuple]:
    if not 0 <= index < count:
        raise ValueError(f"shard {index}/{count}: need 0 <= I < N")
    for i, item in enumerate(items):
        if i % count == index:
            yield item


def input_size(inputs: Sequence[str], enough: int = MEDIUM_JOB_CHARS) -> int:
    """About how many characters ``inputs`` hold (the bytes of the files, and of a
    folder's ``.txt`` files, which are what is read), counted until ``enough``: whether a
    job is short or of medium size, without reading it."""
    total = 0
    for name in inputs:
        paths = [Path(name)] if not Path(name).is_dir() else Path(name).rglob("*.txt")
        for path in paths:
            try:
                total += path.stat().st_size if path.is_file() else 0
            except OSError:
                continue  # reported when the job reads it
            if total >= enough:
                return total
    return total


def run_prediction_job(
    inputs: Sequence[str],
    *,
    model: str | None = None,
    output: Path | None = None,
    errors: Path | None = None,
    fmt: str = "jsonl",
    batch_size: int = 32,
    chunk_size: int = 64,
    quantize: str | None = None,
    revision: str | None = None,
    strict: bool = False,
    resume: bool = True,
    shard: tuple[int, int] = (0, 1),
    device: str | None = None,
    dtype: str | None = None,
    backend: str | None = None,
    progress: bool = True,
    settings: dict | None = None,
    metadata: bool = True,
) -> JobSummary:
    """Predict every article of ``inputs`` into ``output``; returns what it did.

    ``model``: a folder or Hub id, None for the shipped model. ``output`` None writes to
    standard output (failures then go to standard error unless ``errors`` is given).
    Resuming (skipping ids already written) needs a JSONL file; a CSV or HTML ``output``
    that exists is an error unless ``resume=False``, which starts it again. ``settings``
    override the model's (``{"speaker_ner": True}``). ``metadata``: JSONL output lines keep
    the input line's other fields (``outlet``, ``date``, ...) between ``id`` and
    ``attributions``; False drops them.
    """
    from ..inference.attributor import QuoteAttributor

    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, got {fmt!r}")
    if output is not None:
        errors = errors or output.with_name(output.name + ".errors")
    check_paths(inputs, output, errors)
    skip: set[str] = set()
    with contextlib.ExitStack() as stack:
        if output is not None:
            stack.enter_context(output_lock(output))
            if resume and fmt != "jsonl" and output.exists():
                raise ValueError(
                    f"{output} exists and only JSONL output resumes; remove it or start again "
                    "with --no-resume"
                )
            skip = done_ids(output) if resume else set()
        attributor = QuoteAttributor.from_pretrained(
            model, revision=revision, quantize=quantize, batch_size=batch_size, device=device,
            dtype=dtype, backend=backend, job_chars=input_size(inputs), **(settings or {}),
        )  # fmt: skip
        # The job can run: only now is an output that starts again emptied.
        report = CorpusReport()
        items = _shard(iter_records(inputs, strict=strict, report=report), *shard)
        todo = ((i, t, m if metadata else None) for i, t, m in items if i not in skip)
        written = failed = 0
        started = time.time()
        mode = "a" if resume else "w"
        out = stack.enter_context(output.open(mode, encoding="utf-8")) if output else sys.stdout
        err = stack.enter_context(_OnFirstWrite(errors)) if errors else sys.stderr
        writer = open_writer(fmt, out)
        bar = stack.enter_context(
            tqdm(unit=" articles", disable=not progress, file=sys.stderr, dynamic_ncols=True)
        )
        for chunk in batched(todo, chunk_size):
            pairs = [(i, t) for i, t, _ in chunk]
            for (id_, result), (_, text, meta) in zip(
                predict_chunk(attributor, pairs, strict), chunk
            ):
                if isinstance(result, str):
                    err.write(json.dumps({"id": id_, "error": result}, ensure_ascii=False) + "\n")
                    failed += 1
                else:
                    writer.add(id_, text, result, meta)
                    written += 1
            out.flush()
            err.flush()
            if output is not None:
                os.fsync(out.fileno())
            bar.update(len(chunk))
        writer.close()
        for where, reason in report.skipped:
            err.write(json.dumps({"id": where, "error": reason}, ensure_ascii=False) + "\n")
    return JobSummary(
        written, len(skip), failed + len(report.skipped), time.time() - started,
        str(output or "standard output"), str(errors or "standard error"),
    )  # fmt: skip


def batched(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def predict_chunk(attributor, chunk, strict: bool):
    """``(id, attributions or error message)``; a failing chunk is retried one by one."""
    if not chunk:
        return []
    try:
        results = attributor.predict([t for _, t in chunk])
        return [(i, r) for (i, _), r in zip(chunk, results)]
    except Exception as error:  # noqa: BLE001 - isolate the bad article below
        if strict and len(chunk) == 1:
            raise CorpusError(chunk[0][0], None, str(error)) from error
        if len(chunk) == 1:
            return [(chunk[0][0], f"{type(error).__name__}: {error}")]
    out = []
    for item in chunk:
        out += predict_chunk(attributor, [item], strict)
    return out
