"""Where ``predict``'s time goes: tokenising into windows, the encoder, and the rest
(merging windows and Viterbi, linking, speaker resolution), per backend.

    python experiments/profile_predict.py -o experiments/results/profile.json
    python experiments/profile_predict.py --limit 30 --backends onnx --cprofile 15

Each backend runs ``predict``'s own steps (``encode``, ``window_logits``,
``decode_articles``) on the dev articles in chunks of 64 as ``predict_iter`` does, best
of ``--repeats`` after a warm-up; ``--ner`` rows add named-entity labels for speaker
names. The rest is split by timing the steps ``decode_articles`` calls (``decode``:
merging windows and Viterbi; ``link``: linking and transcript lines; ``speakers``:
``resolve_speakers``). The first-name table's load is timed in a fresh process, and
``--cprofile N`` lists the N functions with the most own time outside the encoder.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import json
import pstats
import subprocess
import sys
import time
from collections.abc import Iterator

# the functions decode_articles calls, by the stage they belong to
STAGES = {
    "merge_windows": "decode",
    "decode_spans_many": "decode",
    "link": "link",
    "labelled_lines": "link",
    "resolve_speakers": "speakers",
}


@contextlib.contextmanager
def timed_stages(spent: dict[str, float]) -> Iterator[None]:
    """Adds each stage's seconds to ``spent`` while ``decode_articles`` runs."""
    from quoteattr.decode import article

    def timing(name: str, function):
        def run(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[STAGES[name]] += time.perf_counter() - t0

        return run

    saved = {name: getattr(article, name) for name in STAGES}
    for name, function in saved.items():
        setattr(article, name, timing(name, function))
    try:
        yield
    finally:
        for name, function in saved.items():
            setattr(article, name, function)


def profile(
    model: str | None, backend: str, texts: list[str], repeats: int, ner: bool, top: int
) -> dict:
    from quoteattr.decode.article import decode_articles
    from quoteattr.inference.attributor import QuoteAttributor

    settings = {"speaker_ner": True} if ner else {}
    attributor = QuoteAttributor.from_pretrained(model, device="cpu", backend=backend, **settings)
    decoding = attributor.settings.decoding
    best: dict[str, float] = {}
    kept = []  # the last run's windows and logits, for --cprofile
    for run in range(repeats + 1):
        kept.clear()
        spent = dict.fromkeys(["tokenise", "encoder", "decode", "link", "speakers"], 0.0)
        for start in range(0, len(texts), 64):
            chunk = texts[start : start + 64] if run else texts[:8]
            t0 = time.perf_counter()
            windows = attributor.encode(chunk)
            t1 = time.perf_counter()
            logits = attributor.window_logits(windows, attributor.batch_size)
            t2 = time.perf_counter()
            with timed_stages(spent):
                decode_articles(chunk, windows, logits, attributor.labels, decoding)
            kept.append((chunk, windows, logits))
            spent["tokenise"] += t1 - t0
            spent["encoder"] += t2 - t1
            if not run:
                break  # the warm-up
        if run and sum(spent.values()) < sum(best.values() or [float("inf")]):
            best = spent
    total = sum(best.values())
    outside = total - best["encoder"]
    row = {
        "backend": attributor.backend,
        "speaker_ner": ner,
        "seconds": {k: round(v, 3) for k, v in best.items()},
        "share": {k: round(v / total, 3) for k, v in best.items()},
        "total_seconds": round(total, 3),
        "outside_encoder_seconds": round(outside, 3),
        "speakers_share_of_predict": round(best["speakers"] / total, 3),
        "speakers_share_outside_encoder": round(best["speakers"] / outside, 3),
    }
    if top:
        row["top_functions_outside_encoder"] = hot_functions(attributor, kept, top)
    return row


def hot_functions(attributor, chunks: list[tuple], top: int) -> list[dict]:
    """The ``top`` functions by own time in tokenising and ``decode_articles`` over
    ``chunks`` of ``(texts, windows, logits)`` (cProfile, whose overhead inflates
    pure-Python code: read the order, not the seconds)."""
    from quoteattr.decode.article import decode_articles

    profiler = cProfile.Profile()
    profiler.enable()
    for chunk, windows, logits in chunks:
        attributor.encode(chunk)
        decode_articles(chunk, windows, logits, attributor.labels, attributor.settings.decoding)
    profiler.disable()
    stats = pstats.Stats(profiler, stream=io.StringIO())
    rows = [
        {"function": f"{file.split('site-packages/')[-1]}:{line}({name})", "calls": calls,
         "own_seconds": round(own, 4), "cumulative_seconds": round(cumulative, 4)}
        for (file, line, name), (_, calls, own, cumulative, _) in stats.stats.items()  # type: ignore[attr-defined]
    ]  # fmt: skip
    return sorted(rows, key=lambda r: -r["own_seconds"])[:top]


FIRST_NAMES = """
import time
t0 = time.perf_counter()
from quoteattr.speakers import entities
t1 = time.perf_counter()
entities._genders()
t2 = time.perf_counter()
print(round(t1 - t0, 3), round(t2 - t1, 3))
"""


def first_names_load() -> dict:
    """Seconds to import the speakers package and to load the first-name table (from the
    cache), in a fresh process, best of three."""
    runs = []
    for _ in range(3):
        out = subprocess.run(
            [sys.executable, "-c", FIRST_NAMES], capture_output=True, text=True, check=True
        )
        runs.append([float(x) for x in out.stdout.split()])
    best = min(runs, key=sum)
    return {"import_speakers_seconds": best[0], "first_name_table_seconds": best[1]}


def cpu() -> dict:
    """The CPU's model name and flags, as lscpu prints them."""
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    fields = dict(line.split(":", 1) for line in out.splitlines() if ":" in line)
    return {k: fields.get(k, "").strip() for k in ("Model name", "CPU(s)", "Flags")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", help="model folder (default: the shipped one)")
    parser.add_argument("--gold", default="data/polnear/dev")
    parser.add_argument("--limit", type=int, help="the first N articles only")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument(
        "--backends", nargs="+", default=["torch", "onnx", "onnx-ner"],
        choices=["torch", "onnx", "onnx-ner", "auto"], help="rows to run (-ner: with --ner)",
    )  # fmt: skip
    parser.add_argument("--cprofile", type=int, default=0, metavar="N", help="list N hot functions")
    parser.add_argument("-o", "--output", default="experiments/results/profile.json")
    args = parser.parse_args()

    from quoteattr.data.readers import read_corpus
    from quoteattr.scoring.metrics import write_json

    texts = [a.text for a in read_corpus(args.gold)][: args.limit]
    machine = cpu()
    print(f"CPU: {machine.get('Model name')}, {machine.get('CPU(s)')} CPUs")
    print(f"flags: {machine.get('Flags')}")
    print(f"{len(texts)} articles, {sum(map(len, texts)):,} characters", flush=True)
    rows = {}
    for name in args.backends:
        backend, ner = name.removesuffix("-ner"), name.endswith("-ner")
        rows[name] = profile(args.model, backend, texts, args.repeats, ner, args.cprofile)
        print(json.dumps({name: rows[name]}, indent=1), flush=True)
    first_names = first_names_load()
    print(json.dumps({"first_names": first_names}))
    write_json(
        args.output,
        {"articles": len(texts), "characters": sum(map(len, texts)), "model": args.model,
         "command": " ".join(["python", *sys.argv]), "cpu": machine, "rows": rows,
         "first_names": first_names},
    )  # fmt: skip


if __name__ == "__main__":
    main()
