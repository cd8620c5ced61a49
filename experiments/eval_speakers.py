"""Score speaker resolution on the hand-annotated sample in data/speaker_resolution.jsonl.

    python experiments/eval_speakers.py --gold data/polnear/dev \
        -o experiments/results/speakers.json

Each sample line names a gold speaker mention (article id, offsets) and the name a reader
would resolve it to (null: no fuller name in the article, or not a person). Resolution runs
on the article's gold attributions, so this measures the resolver alone. Names are
compared case- and accent-blind, with curly apostrophes straightened and middle initials
and generational suffixes ("Jr.", "II") dropped.

``--by-name`` compares as the speaker sets are scored instead: the resolved name, else the
span's text, must name the sample's referent by
:func:`quoteattr.scoring.names.same_person`, beside the sample's other names in that
article; where a row gives the referent's ``kind``, the speaker's kind is scored too.

``--texts`` scores speakers the model found in articles with no gold attributions (a JSONL
of ``{"id", "text"}``, such as ``data/lee/background.jsonl``): the model at ``--model`` tags
the sample's articles (cached under ``--cache``), and each sample span must be one of the
speakers it found; one it no longer finds counts as a miss.
"""

from __future__ import annotations

import argparse
import json
import re
import unicodedata
from pathlib import Path

from eval_speaker_names import cached_tags

from quoteattr.data.readers import read_corpus
from quoteattr.schema import Speaker
from quoteattr.scoring.metrics import write_json
from quoteattr.scoring.names import same_person
from quoteattr.speakers.resolve import PRONOUNS, resolve_speakers


def _norm(name: str | None) -> str | None:
    if name is None:
        return None
    name = unicodedata.normalize("NFKD", name.replace("’", "'"))
    name = re.sub(r"\s[A-Z]\.\s", " ", "".join(c for c in name if not unicodedata.combining(c)))
    name = re.sub(r",?\s(?:Jr\.?|Sr\.?|II|III|IV)$", "", name)
    return " ".join(name.casefold().split())


def _articles(args: argparse.Namespace, ids: list[str]) -> dict[str, tuple[str, list]]:
    """Each sample article's text and attributions: gold ones from ``--gold``, or those
    the model finds in ``--texts``."""
    if not args.texts:
        return {a.id: (a.text, a.attributions) for a in read_corpus(args.gold)}
    texts = {r["id"]: r["text"] for r in map(json.loads, open(args.texts, encoding="utf-8"))}
    name = f"sample-{Path(args.sample).stem}"
    tagged = cached_tags(args.model, name, ids, [texts[i] for i in ids], args.cache, {})
    return {i: (texts[i], doc) for i, doc in zip(ids, tagged)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", default="data/polnear/dev")
    parser.add_argument("--sample", default="data/speaker_resolution.jsonl")
    parser.add_argument("--by-name", action="store_true", help="compare as the speaker sets do")
    parser.add_argument("--texts", help="articles with no gold: the model finds the speakers")
    parser.add_argument("--model", default="quoteattr/model", help="the model, with --texts")
    parser.add_argument("--cache", type=Path, help="folder for the model's attributions")
    parser.add_argument("-o", "--output")
    args = parser.parse_args()
    rows = [json.loads(line) for line in open(args.sample, encoding="utf-8")]
    articles = _articles(args, sorted({row["article"] for row in rows}))
    speakers = {  # each article resolved once: (article, start, end) -> its speaker
        (article, a.speaker.start, a.speaker.end): a.speaker
        for article, (text, attributions) in articles.items()
        for a in resolve_speakers(text, attributions)
        if a.speaker
    }
    names: dict[str, set[str]] = {}  # the sample's names in each article
    for row in rows:
        names.setdefault(row["article"], set()).add(row["resolved"])
    counts = {"pronoun": [0, 0], "name": [0, 0]}
    kinds = [0, 0]
    misses = []
    for row in rows:
        speaker = speakers.get((row["article"], row["start"], row["end"]))
        if speaker is None:  # the model no longer finds this speaker
            speaker = Speaker(row["start"], row["end"], row["speaker"])
        got = speaker.resolved
        kind = "pronoun" if row["speaker"].lower() in PRONOUNS else "name"
        counts[kind][1] += 1
        if args.by_name:
            others = [o for o in names[row["article"]] if o and o != row["resolved"]]
            right = same_person(got or speaker.text, row["resolved"], others=others)
        else:
            right = _norm(got) == _norm(row["resolved"])
        if right and row.get("kind") not in (None, "unknown"):
            kinds[1] += 1
            kinds[0] += speaker.kind == row["kind"]
        if right:
            counts[kind][0] += 1
        else:
            misses.append({**row, "got": got, "got_kind": speaker.kind})
    right = sum(c[0] for c in counts.values())
    scores = {
        "accuracy": round(right / len(rows), 4),
        "n": len(rows),
        **{f"{k}_accuracy": round(r / n, 4) for k, (r, n) in counts.items() if n},
        **{f"{k}_n": n for k, (_, n) in counts.items()},
        **({"kind_accuracy": round(kinds[0] / kinds[1], 4)} if kinds[1] else {}),
        **({"kind_n": kinds[1]} if kinds[1] else {}),
        "misses": misses,
    }
    print(json.dumps({k: v for k, v in scores.items() if k != "misses"}, indent=2))
    for miss in misses:
        print(f"  miss: {miss['speaker']!r} -> {miss['got']!r}, expected {miss['resolved']!r}")
    if args.output:
        write_json(args.output, scores)


if __name__ == "__main__":
    main()
