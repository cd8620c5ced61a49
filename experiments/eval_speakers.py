"""Score speaker resolution on the hand-annotated sample in data/speaker_resolution.jsonl.

    python experiments/eval_speakers.py --gold data/polnear/dev \
        -o experiments/results/speakers.json

Each sample line names a gold speaker mention (article id, offsets) and the name a reader
would resolve it to (null: no fuller name in the article, or not a person). Resolution runs
on the article's gold attributions, so this measures the resolver alone. Names are
compared case- and accent-blind, with curly apostrophes straightened and middle initials
and generational suffixes ("Jr.", "II") dropped.
"""

from __future__ import annotations

import argparse
import json
import re
import unicodedata

from quoteattr.data.readers import read_corpus
from quoteattr.scoring.metrics import write_json
from quoteattr.speakers.resolve import PRONOUNS, resolve_speakers


def _norm(name: str | None) -> str | None:
    if name is None:
        return None
    name = unicodedata.normalize("NFKD", name.replace("’", "'"))
    name = re.sub(r"\s[A-Z]\.\s", " ", "".join(c for c in name if not unicodedata.combining(c)))
    name = re.sub(r",?\s(?:Jr\.?|Sr\.?|II|III|IV)$", "", name)
    return " ".join(name.casefold().split())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", default="data/polnear/dev")
    parser.add_argument("--sample", default="data/speaker_resolution.jsonl")
    parser.add_argument("-o", "--output")
    args = parser.parse_args()
    articles = {a.id: a for a in read_corpus(args.gold)}
    rows = [json.loads(line) for line in open(args.sample, encoding="utf-8")]
    counts = {"pronoun": [0, 0], "name": [0, 0]}
    misses = []
    for row in rows:
        article = articles[row["article"]]
        resolved = {
            (a.speaker.start, a.speaker.end): a.speaker.resolved
            for a in resolve_speakers(article.text, article.attributions)
            if a.speaker
        }
        got = resolved[(row["start"], row["end"])]
        kind = "pronoun" if row["speaker"].lower() in PRONOUNS else "name"
        counts[kind][1] += 1
        if _norm(got) == _norm(row["resolved"]):
            counts[kind][0] += 1
        else:
            misses.append({**row, "got": got})
    right = sum(c[0] for c in counts.values())
    scores = {
        "accuracy": round(right / len(rows), 4),
        "n": len(rows),
        **{f"{k}_accuracy": round(r / n, 4) for k, (r, n) in counts.items() if n},
        **{f"{k}_n": n for k, (_, n) in counts.items()},
        "misses": misses,
    }
    print(json.dumps({k: v for k, v in scores.items() if k != "misses"}, indent=2))
    for miss in misses:
        print(f"  miss: {miss['speaker']!r} -> {miss['got']!r}, expected {miss['resolved']!r}")
    if args.output:
        write_json(args.output, scores)


if __name__ == "__main__":
    main()
