"""Carry a teacher's cached targets to another machine in a tenth of the space.

``pack`` turns a run folder's ``teacher-logits.npz`` (float32 logits, NaN rows where a
token has no target) into uint8 log-probabilities in steps of 0.1 (255: no target),
compressed: 46 MB become 3 MB, and the KL divergence at T = 2 between the two is
below 3e-4 for every token. ``unpack`` writes the cache that ``quoteattr train`` reads
for a config's training windows, under the config's ``distill.teacher`` name, so a run
with that config uses it without the teacher's weights.

    python experiments/pack_teacher.py pack RUN/teacher-logits.npz -o t256.npz
    python experiments/pack_teacher.py unpack t256.npz CONFIG OUTPUT_DIR [--set K=V ...]
"""

import argparse
from pathlib import Path

import numpy as np

STEP, NONE = 0.1, 255


def pack(source: Path, out: Path) -> None:
    with np.load(source) as z:
        logits, lengths = z["logits"], z["lengths"]
    missing = np.isnan(logits[:, 0])
    shifted = np.nan_to_num(logits) - np.nan_to_num(logits).max(-1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(-1, keepdims=True))
    q = np.clip(np.round(-log_probs / STEP), 0, NONE - 1).astype(np.uint8)
    q[missing] = NONE
    np.savez_compressed(out, q=q, lengths=lengths)
    print(f"{source}: {len(lengths)} windows -> {out} ({out.stat().st_size / 1e6:.1f} MB)")


def unpack(packed: Path, config_path: str, out: Path, overrides: list[str]) -> None:
    from transformers import AutoTokenizer

    from quoteattr.config import load_config
    from quoteattr.data.features import encode_windows
    from quoteattr.train import distillation
    from quoteattr.train.training import read_split

    config = load_config(config_path, overrides)
    s = config.data
    articles = read_split(s.train, s.strict, "train")
    tokenizer = AutoTokenizer.from_pretrained(config.model.resolved_path())
    windows = encode_windows(
        [a.text for a in articles], tokenizer, s.max_length, s.stride, s.newline_marker
    )
    with np.load(packed) as z:
        q, lengths = z["q"], z["lengths"]
    if len(lengths) != len(windows) or [len(w.input_ids) for w in windows] != list(lengths):
        raise SystemExit(
            f"{packed}: {len(lengths)} windows, but {config_path} makes {len(windows)}"
            " of other lengths"
        )
    logits = -q.astype(np.float32) * STEP
    logits[q[:, 0] == NONE] = np.nan
    out.mkdir(parents=True, exist_ok=True)
    key = distillation.cache_key(config.distill.teacher, windows)
    distillation.save_cached(
        out / distillation.CACHE_NAME, key, np.split(logits, np.cumsum(lengths)[:-1])
    )
    print(f"{packed}: {len(windows)} windows -> {out / distillation.CACHE_NAME}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("pack")
    p.add_argument("source", type=Path)
    p.add_argument("-o", "--output", type=Path, required=True)
    u = sub.add_parser("unpack")
    u.add_argument("packed", type=Path)
    u.add_argument("config")
    u.add_argument("output_dir", type=Path)
    u.add_argument("--set", action="append", default=[], metavar="SECTION.KEY=VALUE")
    args = parser.parse_args()
    if args.command == "pack":
        pack(args.source, args.output)
    else:
        unpack(args.packed, args.config, args.output_dir, args.set)


if __name__ == "__main__":
    main()
