#!/usr/bin/env bash
# Train several recipes at once on one GPU and collect their dev scores.
#
# MiniLM-L6 leaves a big GPU mostly idle, so the runs share it as parallel processes.
# Each run is `scripts/train.py CONFIG --set ...`; its eval_results.json and the per-epoch
# dev history go to $OUT/summary.json, and logs to $OUT/logs.tar.gz. The run with the best
# dev attribution F1 comes back as an fp16 model folder in $OUT/best-model.tar.part-*.
#
#   ENCODER=/path/to/all-MiniLM-L6-v2 DATA=data/polnear OUT=out DEADLINE=450 \
#       bash experiments/gpu_sweep.sh
#
# ENCODER may hold fp16 weights (to travel light); they are widened to fp32 first.
# The figures in experiments/results/gpu-sweep.json come from an NVIDIA H200 without
# network access: the project travelled with a git-ignored folder .gpu/ holding wheels of
# transformers 5.24.0, tokenizers 0.23.3, datasets 5.2.0, dill, multiprocess and seqeval
# (`pip install --no-index --no-deps --target /tmp/site .gpu/whl/*.whl`, then
# PYTHONPATH=/tmp/site:$PWD), the encoder folder in fp16 (.gpu/minilm) and PolNeAR
# train/dev as a tar.xz.
# Runs still going at DEADLINE seconds are stopped and reported with the epochs they did.
# RUNS=FILE replaces the runs below with those FILE starts (a bash file calling `run`, as
# experiments/gpu_sweep_distil.sh does; a `prepare` function it defines runs before each).
# QUICK=1 makes each run 2 steps on dev, ONLY=PATTERN keeps the runs whose names match
# (to check the harness on a CPU).
set -u
DEADLINE=${DEADLINE:-450}
ENCODER=${ENCODER:?folder of the pretrained encoder}
DATA=${DATA:-data/polnear}
OUT=${OUT:?output folder}
WORK=${WORK:-/tmp/sweep}
START=$(date +%s)
export TOKENIZERS_PARALLELISM=false PYTHONUNBUFFERED=1 OMP_NUM_THREADS=2 HF_HUB_OFFLINE=1
mkdir -p "$OUT" "$WORK/logs" "$WORK/runs"

python3 - "$ENCODER" "$WORK/encoder" <<'PY' || exit 1
import shutil, sys
from pathlib import Path
from safetensors.torch import load_file, save_file
src, dst = Path(sys.argv[1]), Path(sys.argv[2])
shutil.copytree(src, dst, dirs_exist_ok=True)
weights = load_file(src / "model.safetensors")
save_file({k: (v.float() if v.is_floating_point() else v).contiguous() for k, v in weights.items()},
          dst / "model.safetensors", metadata={"format": "pt"})
import torch, transformers, datasets, tokenizers
print("torch", torch.__version__, "cuda", torch.cuda.is_available(),
      torch.cuda.get_device_name(0) if torch.cuda.is_available() else "-",
      "transformers", transformers.__version__, "datasets", datasets.__version__, "tokenizers", tokenizers.__version__, flush=True)
PY

common=(--set "model.name_or_path=$WORK/encoder" --set "data.train=$DATA/train"
        --set "data.dev=$DATA/dev")
if [ "${QUICK:-0}" = 1 ]; then
    common+=(--set "data.train=$DATA/dev" --set training.max_steps=2)
fi
run() {  # NAME CONFIG [--set ...]; first `prepare NAME CONFIG ARGS...` where RUNS defines it
    local name=$1 config=$2; shift 2
    [[ $name == ${ONLY:-*} ]] || return 0
    local args=("${common[@]}" "$@")
    { { ! declare -F prepare > /dev/null || prepare "$name" "$config" "${args[@]}"; } &&
      exec python3 scripts/train.py "$config" --output-dir "$WORK/runs/$name" "${args[@]}"; } \
        > "$WORK/logs/$name.log" 2>&1 &
    echo "$name $!" >> "$WORK/pids"
}
if [ -n "${RUNS:-}" ]; then
    source "$RUNS"  # calls run (and any helper it defines) for each run
else
    D=configs/polnear-minilm.yaml
    F=configs/polnear-minilm-fast-512.yaml
    run d256-3ep-s42 $D
    run d256-3ep-s43 $D --set training.seed=43
    run d256-3ep-s44 $D --set training.seed=44
    run d256-6ep-s42 $D --set training.num_epochs=6
    run d256-10ep-s42 $D --set training.num_epochs=10
    run f512-5ep-s42 $F
    run f512-10ep-s42 $F --set training.num_epochs=10
    run f512-10ep-s43 $F --set training.num_epochs=10 --set training.seed=43
    run f512-10ep-s44 $F --set training.num_epochs=10 --set training.seed=44
    run f512-20ep-s42 $F --set training.num_epochs=20
    run f512-10ep-lr5e-5-s42 $F --set training.num_epochs=10 --set training.learning_rate=5e-5
    run f512-10ep-lr2e-4-s42 $F --set training.num_epochs=10 --set training.learning_rate=2e-4
fi

while [ $(( $(date +%s) - START )) -lt "$DEADLINE" ]; do
    alive=0
    while read -r name pid; do kill -0 "$pid" 2>/dev/null && alive=$((alive + 1)); done < "$WORK/pids"
    [ "$alive" = 0 ] && break
    sleep 5
done
while read -r name pid; do
    kill -0 "$pid" 2>/dev/null && { echo "$name: stopped at the deadline"; kill "$pid"; }
done < "$WORK/pids"
sleep 2
echo "sweep took $(( $(date +%s) - START )) s"

python3 - "$WORK" "$OUT" <<'PY'
import json, sys
from pathlib import Path
work, out = Path(sys.argv[1]), Path(sys.argv[2])
summary = {}
for line in (work / "pids").read_text().splitlines():
    name = line.split()[0]
    run = work / "runs" / name
    states = sorted(run.glob("checkpoint-*/trainer_state.json"),
                    key=lambda p: int(p.parent.name.split("-")[1]))
    history = json.loads(states[-1].read_text())["log_history"] if states else []
    epochs = [{k: round(v, 4) if isinstance(v, float) else v for k, v in h.items()
               if k in ("epoch", "eval_attribution_f1", "eval_attribution_speaker_f1",
                        "eval_quote_exact_f1", "eval_loss")}
              for h in history if "eval_attribution_f1" in h]
    final = run / "eval_results.json"
    summary[name] = {"finished": final.exists(), "epochs": epochs,
                     "best": max(epochs, key=lambda e: e["eval_attribution_f1"], default=None),
                     "final": json.loads(final.read_text()) if final.exists() else None}
    f = summary[name]["final"]
    print(f"{name:22} " + (f"attr {f['eval_attribution_f1']:.3f} speaker "
          f"{f['eval_attribution_speaker_f1']:.3f} quote {f['eval_quote_exact_f1']:.3f} "
          f"train {f['train_seconds_this_run']:.0f}s" if f else
          f"unfinished; epochs: {[(e['epoch'], e['eval_attribution_f1']) for e in epochs]}"))
(out / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
done = {n: s["final"]["eval_attribution_f1"] for n, s in summary.items() if s["finished"]}
if done:
    best = max(done, key=done.get)
    print("best:", best)
    (work / "best").write_text(best)
PY

tar -C "$WORK" -czf "$OUT/logs.tar.gz" logs $(cd "$WORK" && ls runs/*/eval_results.json \
    runs/*/checkpoint-*/trainer_state.json 2>/dev/null)
if [ -s "$WORK/best" ]; then
    best=$(cat "$WORK/best")
    mkdir -p "$WORK/best-model"
    (cd "$WORK/runs/$best" && cp config.json tokenizer.json tokenizer_config.json \
        training_config.json eval_results.json provenance.json "$WORK/best-model/")
    python3 - "$WORK/runs/$best/model.safetensors" "$WORK/best-model/model.safetensors" <<'PY'
import sys
from safetensors.torch import load_file, save_file
w = load_file(sys.argv[1])
save_file({k: (v.half() if v.is_floating_point() else v).contiguous() for k, v in w.items()},
          sys.argv[2], metadata={"format": "pt"})
PY
    tar -C "$WORK" -cf - best-model | split -b 15m - "$OUT/best-model.tar.part-"
fi
ls -la "$OUT"
