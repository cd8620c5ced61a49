"""How ``predict``'s time grows with the length of one article: windows, the encoder and
decoding (spans, linking, speaker names) timed apart, per size.

    python experiments/long_articles.py --sizes 100000 200000 400000 \
        --label after -o experiments/results/long_articles.json

The article is the PolNeAR dev texts (``data/polnear/dev/text``; else ``data/sample``)
joined by blank lines and repeated to each size: real news, one very long article. Each
run adds its entry under ``--label`` to the results file, with the machine it ran on.

``--speakers`` times speaker resolution alone (no model): the dev articles' gold
attributions, shifted into the joined text, through ``resolve_speakers``; the part that
grew faster than the text.

    python experiments/long_articles.py --speakers --sizes 100000 400000 1600000 \
        --label speakers-after
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import platform
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def article(size: int) -> str:
    folder = ROOT / "data" / "polnear" / "dev" / "text"
    paths = sorted(folder.glob("*.txt")) or sorted((ROOT / "data" / "sample").rglob("*.txt"))
    corpus = "\n\n".join(p.read_text(encoding="utf-8") for p in paths)
    return (corpus * (size // len(corpus) + 1))[:size]


def cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def measure(attributor, size: int) -> dict:
    from quoteattr.decode.article import decode_articles

    text = article(size)
    decoding = attributor.settings.decoding
    t0 = time.perf_counter()
    windows = attributor.encode([text])
    t1 = time.perf_counter()
    logits = attributor.window_logits(windows, attributor.batch_size)
    t2 = time.perf_counter()
    [found] = decode_articles([text], windows, logits, attributor.labels, decoding)
    t3 = time.perf_counter()
    return {
        "chars": len(text),
        "windows": len(windows),
        "attributions": len(found),
        "seconds": {
            "windows": round(t1 - t0, 2),
            "encoder": round(t2 - t1, 2),
            "decode": round(t3 - t2, 2),
            "total": round(t3 - t0, 2),
        },
        "decode_seconds_per_mb": round((t3 - t2) / len(text) * 1e6, 1),
        "total_seconds_per_mb": round((t3 - t0) / len(text) * 1e6, 1),
    }


def speakers(size: int) -> dict:
    from quoteattr.data.readers import read_brat_folder
    from quoteattr.speakers import entities
    from quoteattr.speakers.resolve import resolve_speakers

    entities.is_first_name("John")  # the one-off load of the name lists, not timed
    articles = list(read_brat_folder(ROOT / "data" / "polnear" / "dev"))

    def shift(span, by):
        return dataclasses.replace(span, start=span.start + by, end=span.end + by) if span else None

    pieces, found, length = [], [], 0
    while length < size:
        for a in articles:
            for x in a.attributions:
                quote = tuple(shift(q, length) for q in x.quote)
                cue, speaker = shift(x.cue, length), shift(x.speaker, length)
                found.append(dataclasses.replace(x, quote=quote, cue=cue, speaker=speaker))
            pieces.append(a.text + "\n\n")
            length += len(pieces[-1])
            if length >= size:
                break
    text = "".join(pieces)
    t0 = time.perf_counter()
    resolve_speakers(text, found)
    seconds = time.perf_counter() - t0
    return {
        "chars": len(text),
        "attributions": len(found),
        "seconds": round(seconds, 2),
        "seconds_per_mb": round(seconds / len(text) * 1e6, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 200_000, 400_000])
    parser.add_argument("--model", help="default: the shipped model")
    parser.add_argument("--quantize", choices=["int8"], default="int8")
    parser.add_argument("--label", required=True, help="e.g. before, after")
    parser.add_argument("-o", "--output", default="experiments/results/long_articles.json")
    parser.add_argument("--speakers", action="store_true", help="speaker resolution alone")
    args = parser.parse_args()
    if args.speakers:
        runs = []
        for size in args.sizes:
            runs.append(speakers(size))
            print(json.dumps(runs[-1]), flush=True)
        sizes = " ".join(map(str, args.sizes))
        command = f"python experiments/long_articles.py --speakers --sizes {sizes}"
        _save(args, {"command": f"{command} --label {args.label}", "runs": runs})
        return

    from quoteattr.inference.attributor import QuoteAttributor

    attributor = QuoteAttributor.from_pretrained(
        args.model, quantize=args.quantize, max_article_chars=max(args.sizes)
    )
    attributor.predict(["“Warm-up,” she said."])  # one-off loads (gender names) not timed
    runs = []
    for size in args.sizes:
        runs.append(measure(attributor, size))
        print(json.dumps(runs[-1]), flush=True)
    sizes = " ".join(map(str, args.sizes))
    command = f"python experiments/long_articles.py --sizes {sizes} --label {args.label}"
    entry = {"command": command, "model": args.model or "shipped", "quantize": args.quantize}
    _save(args, {**entry, "runs": runs})


def _save(args: argparse.Namespace, entry: dict) -> None:
    import os

    path = Path(args.output)
    results = json.loads(path.read_text()) if path.exists() else {}
    results[args.label] = {
        **entry,
        "cpu": cpu(),
        "cores": len(os.sched_getaffinity(0)),
        "note": "a shared machine under load (load average about 10 on 2 cores): "
        "compare sizes within one run",
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2) + "\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
