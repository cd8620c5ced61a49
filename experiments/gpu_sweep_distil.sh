# Runs for gpu_sweep.sh (RUNS=experiments/gpu_sweep_distil.sh): the shipped model
# (ENCODER=quoteattr/model) trained further on the gold labels and on MPNet's soft targets,
# at 256- and 512-token windows. The MPNet weights do not travel: TARGETS names a folder
# with the teacher's targets for both window sizes, packed by experiments/pack_teacher.py
#   python experiments/pack_teacher.py pack RUN256/teacher-logits.npz -o TARGETS/t256.npz
#   python experiments/pack_teacher.py pack RUN512/teacher-logits.npz -o TARGETS/t512.npz
# and each run unpacks them into its folder before it trains.
TARGETS=${TARGETS:?folder with t256.npz and t512.npz}
C=configs/polnear-minilm-distilled.yaml
W512=(--set data.max_length=512 --set data.stride=128)
prepare() {  # NAME CONFIG ARGS...: the teacher's targets (PACKED) into the run's folder
    local name=$1 config=$2; shift 2
    python3 experiments/pack_teacher.py unpack "$PACKED" "$config" "$WORK/runs/$name" "$@"
}
distil() {  # NAME PACKED [--set ...]
    local name=$1
    PACKED=$2
    shift 2
    run "$name" "$C" --set distill.teacher=polnear-mpnet-targets \
        --set training.learning_rate=3e-5 "$@"
}
T256=$TARGETS/t256.npz
T512=$TARGETS/t512.npz
distil c256-a03-5ep-s45 "$T256" --set training.seed=45
distil c256-a03-10ep-s45 "$T256" --set training.seed=45 --set training.num_epochs=10
distil c256-a03-10ep-s46 "$T256" --set training.seed=46 --set training.num_epochs=10
distil c256-a01-10ep-s45 "$T256" --set training.seed=45 --set training.num_epochs=10 --set distill.alpha=0.1
distil c256-a0-10ep-s45 "$T256" --set training.seed=45 --set training.num_epochs=10 --set distill.alpha=0.0
distil c256-a03-T4-10ep-s45 "$T256" --set training.seed=45 --set training.num_epochs=10 --set distill.temperature=4.0
distil c256-a1-5ep-s45 "$T256" --set training.seed=45 --set distill.alpha=1.0
distil c512-a03-5ep-s45 "$T512" "${W512[@]}" --set training.seed=45
distil c512-a03-10ep-s45 "$T512" "${W512[@]}" --set training.seed=45 --set training.num_epochs=10
distil c512-a03-10ep-s46 "$T512" "${W512[@]}" --set training.seed=46 --set training.num_epochs=10
distil c512-a01-10ep-s45 "$T512" "${W512[@]}" --set training.seed=45 --set training.num_epochs=10 --set distill.alpha=0.1
distil c512-a0-10ep-s45 "$T512" "${W512[@]}" --set training.seed=45 --set training.num_epochs=10 --set distill.alpha=0.0
