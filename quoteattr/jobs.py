"""Corpus prediction jobs: streamed, resumable, sharded, and never losing an article.

Each result is written (and flushed) as soon as its chunk is done; a restarted job skips
the ids already in the output, so a killed job loses nothing and repeats nothing. An
article that fails goes to the error file with its reason, and the job goes on.
"""

from __future__ import annotations

import itertools
import json
import os
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from .readers import CorpusError, CorpusReport, iter_texts


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


def _shard(items: Iterable[tuple[str, str]], index: int, count: int) -> Iterator[tuple[str, str]]:
    if not 0 <= index < count:
        raise ValueError(f"shard {index}/{count}: need 0 <= I < N")
    for i, item in enumerate(items):
        if i % count == index:
            yield item


def run_prediction_job(
    inputs: Sequence[str],
    *,
    model: str,
    output: Path,
    errors: Path | None = None,
    batch_size: int = 32,
    chunk_size: int = 64,
    quantize: str | None = None,
    revision: str | None = None,
    strict: bool = False,
    resume: bool = True,
    shard: tuple[int, int] = (0, 1),
    device: str | None = None,
    progress: bool = True,
) -> str:
    """Predict every article of ``inputs`` into ``output`` (JSONL); returns a summary line."""
    from .inference import QuoteAttributor

    attributor = QuoteAttributor.from_pretrained(
        model, revision=revision, quantize=quantize, batch_size=batch_size, device=device
    )
    errors = errors or output.with_name(output.name + ".errors")
    output.parent.mkdir(parents=True, exist_ok=True)
    skip = done_ids(output) if resume else set()
    if not resume and output.exists():
        output.unlink()
    report = CorpusReport()
    items = _shard(iter_texts(inputs, strict=strict, report=report), *shard)
    todo = ((i, t) for i, t in items if i not in skip)
    written = failed = 0
    started = time.time()
    with output.open("a", encoding="utf-8") as out, errors.open("a", encoding="utf-8") as err:
        for chunk in _batched(todo, chunk_size):
            for id_, result in _predict_chunk(attributor, chunk, strict):
                if isinstance(result, str):
                    err.write(json.dumps({"id": id_, "error": result}, ensure_ascii=False) + "\n")
                    failed += 1
                else:
                    record = {"id": id_, "attributions": [a.to_dict() for a in result]}
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
                    written += 1
            out.flush()
            err.flush()
            os.fsync(out.fileno())
            if progress:
                rate = written / max(time.time() - started, 1e-9)
                print(f"\r{written:,} articles, {rate:.1f}/s", end="", file=sys.stderr)
        for where, reason in report.skipped:
            err.write(json.dumps({"id": where, "error": reason}, ensure_ascii=False) + "\n")
    if progress:
        print(file=sys.stderr)
    seconds = time.time() - started
    return (
        f"wrote {written:,} articles to {output} in {seconds:.1f}s "
        f"({written / max(seconds, 1e-9):.1f}/s); skipped {len(skip):,} already done; "
        f"{failed + len(report.skipped):,} failed (see {errors})"
    )


def _batched(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _predict_chunk(attributor, chunk, strict: bool):
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
        out += _predict_chunk(attributor, [item], strict)
    return out
