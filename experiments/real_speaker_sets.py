"""Build speaker sets (the format of ``data/speakers/*.jsonl``) from the real-news
annotations in ``data/real/``, joined with article texts that are not committed.

    python experiments/real_speaker_sets.py -o data/real/built

writes ``polnear-tune.jsonl``, ``polnear-heldout.jsonl`` (PolNeAR dev, texts and gold
attributions from ``data/polnear/dev``; sources named in ``data/real/polnear-names.jsonl``)
and ``lee-tune.jsonl``, ``lee-heldout.jsonl`` (ABC news from the Lee corpus, texts from
``data/lee/background.jsonl``; ``data/real/lee.jsonl``'s train split is tune, its test
split held out). Each gold quote is its longest piece, with its speaker's canonical name
(None when the article never names it), kind and gender. The held-out files are for
reporting only: never tune on them.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from quoteattr.data.readers import read_brat_article, read_jsonl
from quoteattr.schema import Span

ROOT = Path(__file__).resolve().parent.parent
SPLITS = {"tune": "tune", "heldout": "heldout", "train": "tune", "test": "heldout"}


def _quote(pieces: list[Span], name: str | None, kind: str, gender: str) -> dict:
    longest = max(pieces, key=lambda p: p.end - p.start)
    return {
        "start": longest.start,
        "end": longest.end,
        "text": longest.text,
        "speaker": name,
        "kind": None if kind == "unknown" else kind,
        "gender": None if gender == "unknown" else gender,
    }


def polnear(names: Path, dev: Path) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {"tune": [], "heldout": []}
    for line in names.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        article = read_brat_article(
            dev / "text" / f"{record['id']}.txt", dev / "attributions" / record["annotator_file"]
        )
        sources = {(s["start"], s["end"]): s for s in record["sources"]}
        quotes = []
        for a in article.attributions:
            if not a.quote:
                continue
            source = sources.get((a.speaker.start, a.speaker.end)) if a.speaker else None
            if source is None:  # no Source span: no one named
                quotes.append(_quote(list(a.quote), None, "unknown", "unknown"))
                continue
            quotes.append(_quote(list(a.quote), source["name"], source["kind"], source["gender"]))
        outlet = record["id"].split("_")[0]
        entry = {"id": record["id"], "outlet": outlet, "country": "US", "text": article.text}
        out[SPLITS[record["split"]]].append({**entry, "quotes": quotes})
    return out


def lee(annotations: Path, texts: Path) -> dict[str, list[dict]]:
    text_of = {a.id: a.text for a in read_jsonl(texts)}
    out: dict[str, list[dict]] = {"tune": [], "heldout": []}
    for line in annotations.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        text = text_of[record["id"]]
        quotes = []
        for a in record["attributions"]:
            pieces = [Span.of(text, q["start"], q["end"]) for q in a["quote"]]
            for piece, given in zip(pieces, a["quote"]):
                assert piece.text == given["text"], (record["id"], given)
            quotes.append(_quote(pieces, a["name"], a["kind"], a["gender"]))
        entry = {"id": record["id"], "outlet": "ABC", "country": "Australia", "text": text}
        out[SPLITS[record["split"]]].append({**entry, "quotes": quotes})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "data/real/built")
    parser.add_argument("--polnear", type=Path, default=ROOT / "data/polnear/dev")
    parser.add_argument("--lee", type=Path, default=ROOT / "data/lee/background.jsonl")
    args = parser.parse_args()
    args.output.mkdir(parents=True, exist_ok=True)
    sets = {
        "polnear": polnear(ROOT / "data/real/polnear-names.jsonl", args.polnear),
        "lee": lee(ROOT / "data/real/lee.jsonl", args.lee),
    }
    for name, splits in sets.items():
        for split, articles in splits.items():
            path = args.output / f"{name}-{split}.jsonl"
            with path.open("w", encoding="utf-8") as f:
                for article in articles:
                    f.write(json.dumps(article, ensure_ascii=False) + "\n")
            quotes = sum(len(a["quotes"]) for a in articles)
            print(f"{path}: {len(articles)} articles, {quotes} quotes")


if __name__ == "__main__":
    main()
