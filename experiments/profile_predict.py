"""Where ``predict``'s time goes: tokenising into windows, the encoder, and the rest
(merging windows, Viterbi, linking, speaker names), per backend.

    python experiments/profile_predict.py -o experiments/results/profile.json

Each backend runs ``predict``'s own steps (``encode``, ``window_logits``,
``decode_articles``) on the dev articles in chunks of 64 as ``predict_iter`` does, best
of ``--repeats`` after a warm-up; ``--ner`` adds named-entity labels for speaker names.
"""

from __future__ import annotations

import argparse
import json
import time


def profile(model: str | None, backend: str, texts: list[str], repeats: int, ner: bool) -> dict:
    from quoteattr.decode.article import decode_articles
    from quoteattr.inference.attributor import QuoteAttributor

    settings = {"speaker_ner": True} if ner else {}
    attributor = QuoteAttributor.from_pretrained(model, device="cpu", backend=backend, **settings)
    decoding = attributor.settings.decoding
    best: dict[str, float] = {}
    for run in range(repeats + 1):
        spent = {"tokenise": 0.0, "encoder": 0.0, "decode, link, speakers": 0.0}
        for start in range(0, len(texts), 64):
            chunk = texts[start : start + 64] if run else texts[:8]
            t0 = time.perf_counter()
            windows = attributor.encode(chunk)
            t1 = time.perf_counter()
            logits = attributor.window_logits(windows, attributor.batch_size)
            t2 = time.perf_counter()
            decode_articles(chunk, windows, logits, attributor.labels, decoding)
            t3 = time.perf_counter()
            for key, seconds in zip(spent, (t1 - t0, t2 - t1, t3 - t2)):
                spent[key] += seconds
            if not run:
                break  # the warm-up
        if run and sum(spent.values()) < sum(best.values() or [float("inf")]):
            best = spent
    total = sum(best.values())
    return {
        "backend": backend,
        "speaker_ner": ner,
        "seconds": {k: round(v, 3) for k, v in best.items()},
        "share": {k: round(v / total, 3) for k, v in best.items()},
        "total_seconds": round(total, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", help="model folder (default: the shipped one)")
    parser.add_argument("--gold", default="data/polnear/dev")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("-o", "--output", default="experiments/results/profile.json")
    args = parser.parse_args()

    from quoteattr.data.readers import read_corpus
    from quoteattr.scoring.metrics import write_json

    texts = [a.text for a in read_corpus(args.gold)]
    rows = {}
    for name, backend, ner in [
        ("torch", "torch", False),
        ("onnx", "onnx", False),
        ("onnx-ner", "onnx", True),
    ]:
        rows[name] = profile(args.model, backend, texts, args.repeats, ner)
        print(json.dumps({name: rows[name]}), flush=True)
    write_json(args.output, {"articles": len(texts), "model": args.model, "rows": rows})


if __name__ == "__main__":
    main()
