"""Predict a corpus across processes, GPUs or hosts; each process takes its shard.

    accelerate launch scripts/predict_sharded.py --model M INPUT... -o out.jsonl
    CUDA_VISIBLE_DEVICES= ACCELERATE_USE_CPU=true accelerate launch --multi_gpu \
        --num_processes 2 scripts/predict_sharded.py --model M INPUT... -o out.jsonl  # 2 CPUs

Process I of N writes every N-th article from the I-th to ``out.jsonl.shard-I`` (resumable
like any corpus job); when all are done, the main process concatenates the shards, in
shard order, into ``out.jsonl``, and their failed articles into ``out.jsonl.errors``;
the exit status is 1 when there are any.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

import torch
from accelerate import PartialState

from quoteattr.jobs.local import run_prediction_job


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--model", required=True)
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--quantize", choices=["int8"])
    args = parser.parse_args()

    gpus, local_processes = torch.cuda.device_count(), int(os.environ.get("LOCAL_WORLD_SIZE", 1))
    if 0 < gpus < local_processes:
        sys.exit(
            f"predict_sharded: {local_processes} processes on a machine with {gpus} GPU(s); "
            "launch at most one per GPU, or hide the GPUs (CUDA_VISIBLE_DEVICES=) for CPU processes"
        )
    state = PartialState(cpu=gpus == 0)  # CPU processes need gloo
    output = Path(args.output)
    shard = output.with_name(f"{output.name}.shard-{state.process_index}")
    summary = run_prediction_job(
        args.inputs,
        model=args.model,
        output=shard,
        batch_size=args.batch_size,
        quantize=args.quantize,
        shard=(state.process_index, state.num_processes),
        device=None if args.quantize else str(state.device),
        progress=state.is_main_process,
    )
    print(f"[process {state.process_index}/{state.num_processes}] {summary}", flush=True)
    state.wait_for_everyone()
    if not state.is_main_process:
        return 0
    shards = [output.with_name(f"{output.name}.shard-{i}") for i in range(state.num_processes)]
    with output.open("wb") as merged:
        for part in shards:
            with part.open("rb") as f:
                shutil.copyfileobj(f, merged)
    # Every process reports the input lines it cannot read: keep each report once.
    reports = [p.with_name(p.name + ".errors") for p in shards]
    failed = dict.fromkeys(line for r in reports if r.exists() for line in r.open(encoding="utf-8"))
    errors = output.with_name(output.name + ".errors")
    errors.write_text("".join(failed), encoding="utf-8")
    print(f"merged {len(shards)} shards into {output}; {len(failed)} failed (see {errors})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
