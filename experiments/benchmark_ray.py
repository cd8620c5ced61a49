"""Corpus throughput: the single-process job vs ``predict_ray`` with 1 and 2 actors (CPU).

    python experiments/benchmark_ray.py --model runs/polnear-minilm data/polnear/dev/text \
        -o experiments/results/benchmark-ray.json [--actors 1 2] [--limit 500]

The inputs (``.txt`` files or folders, JSONL, Parquet) are first copied into one JSONL
corpus (``--limit`` articles at most) that every phase reads, each into a fresh output:

- ``single``: ``jobs.run_prediction_job`` in this process, torch's default threads.
- ``ray-N``: ``quoteattr.jobs.ray.predict_ray`` with N actors of ``--cpus-per-actor`` CPUs each
  (default: the machine's CPUs shared among the largest N), on one local Ray cluster.
  Ray's start is timed apart (``ray_start_s``); each phase includes loading the model.

Every phase must give the single-process job's lines (compared once sorted by id);
``same_output`` says whether it did. Each phase runs ``--repeats`` times; the best counts.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path


def _corpus(inputs: list[str], limit: int | None, path: Path) -> int:
    import itertools

    from quoteattr.jobs.ray import read_inputs

    items = itertools.islice(read_inputs(inputs), limit)
    with path.open("w", encoding="utf-8") as f:
        count = 0
        for id_, text in items:
            f.write(json.dumps({"id": id_, "text": text}, ensure_ascii=False) + "\n")
            count += 1
    return count


def _best(run, output: Path, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        output.unlink(missing_ok=True)
        started = time.perf_counter()
        run(output)
        times.append(time.perf_counter() - started)
    return min(times)


def _sorted_lines(path: Path) -> list[str]:
    return sorted(path.read_text(encoding="utf-8").splitlines())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("inputs", nargs="+", help=".txt files or folders, JSONL or Parquet")
    parser.add_argument("--model", required=True, help="model folder")
    parser.add_argument("-o", "--output", default="experiments/results/benchmark-ray.json")
    parser.add_argument("--actors", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--cpus-per-actor", type=float, help="default: CPUs / max(--actors)")
    parser.add_argument("--limit", type=int, help="at most this many articles")
    parser.add_argument("--batch-size", type=int, default=32, help="windows per forward pass")
    parser.add_argument("--articles-per-batch", type=int, default=64)
    parser.add_argument("--quantize", choices=["int8"])
    parser.add_argument("--repeats", type=int, default=1)
    args = parser.parse_args()

    import ray
    import torch

    from quoteattr.jobs.local import run_prediction_job
    from quoteattr.jobs.ray import predict_ray
    from quoteattr.scoring.metrics import write_json

    cpus = len(os.sched_getaffinity(0))
    per_actor = args.cpus_per_actor or max(1.0, cpus // max(args.actors))
    common = {"model": args.model, "batch_size": args.batch_size, "quantize": args.quantize}
    results: dict = {
        "machine": f"{platform.machine()}, {cpus} CPUs",
        "model": args.model,
        "ray": ray.__version__,
        "torch_threads": torch.get_num_threads(),
        "cpus_per_actor": per_actor,
        "phases": {},
    }
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus.jsonl"
        results["articles"] = articles = _corpus(args.inputs, args.limit, corpus)
        phases = results["phases"]

        def single(out: Path) -> None:
            run_prediction_job(
                [str(corpus)], output=out, chunk_size=args.articles_per_batch, progress=False,
                **common,
            )  # fmt: skip

        seconds = _best(single, folder / "single.jsonl", args.repeats)
        reference = _sorted_lines(folder / "single.jsonl")
        phases["single"] = {"seconds": round(seconds, 2), "same_output": True}

        started = time.perf_counter()
        ray.init(address="local", num_cpus=cpus, include_dashboard=False)
        results["ray_start_s"] = round(time.perf_counter() - started, 2)
        try:
            for n in args.actors:

                def on_ray(out: Path, n: int = n) -> None:
                    predict_ray(
                        [str(corpus)], out, concurrency=n, num_cpus=per_actor,
                        articles_per_batch=args.articles_per_batch, progress=False, **common,
                    )  # fmt: skip

                out = folder / f"ray-{n}.jsonl"
                seconds = _best(on_ray, out, args.repeats)
                same = _sorted_lines(out) == reference
                phases[f"ray-{n}"] = {"seconds": round(seconds, 2), "same_output": same}
        finally:
            ray.shutdown()
    base = phases["single"]["seconds"]
    for phase in phases.values():
        phase["articles_per_second"] = round(articles / max(phase["seconds"], 1e-9), 2)
        phase["speedup_over_single"] = round(base / max(phase["seconds"], 1e-9), 2)
    for name, p in phases.items():
        speed, speedup, same = p["articles_per_second"], p["speedup_over_single"], p["same_output"]
        print(f"{name:>8}: {p['seconds']:8.2f}s {speed:8.2f}/s x{speedup:.2f} same output: {same}")
    write_json(args.output, results)
    print(f"wrote {args.output}", file=sys.stderr)
    if not all(p["same_output"] for p in phases.values()):
        sys.exit("benchmark_ray: a Ray phase did not give the single-process output")


if __name__ == "__main__":
    main()
