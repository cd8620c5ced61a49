"""Check the hand-annotated real-news sets under data/real/ against their article texts.

Stdlib only. Loads the Lee corpus texts (``data/lee/*.jsonl``, made with
``experiments/lee_corpus.py``; not part of the repository) and the annotations in
``data/real/lee.jsonl``, then checks that

- every annotated article id exists in the texts, ids are unique and splits are train/test;
- every span's ``text`` equals ``article[start:end]`` (half-open Python str offsets);
- every attribution has at least one quote piece and a cue (the speaker may be null);
- ``kind``, ``gender`` and ``gender_from`` are in the allowed sets, non-persons have
  gender "unknown", and exactly one of ``name`` / ``description`` is set;

and prints counts (articles, attributions, per split, per kind, named share).
Exits 1 on any problem, 2 when the texts or annotations are missing.

    python experiments/check_real_sets.py [--texts data/lee] [--lee data/real/lee.jsonl]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

KINDS = {"person", "organisation", "place", "group", "unknown"}
GENDERS = {"female", "male", "unknown"}
GENDER_FROM = {"article", "name", None}
SPLITS = {"train", "test"}


def load_texts(folder: Path) -> dict[str, str]:
    texts: dict[str, str] = {}
    for path in sorted(folder.glob("*.jsonl")):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    row = json.loads(line)
                    texts[row["id"]] = row["text"]
    return texts


def check_span(span, text: str, where: str, problems: list[str]) -> None:
    if not isinstance(span, dict) or not {"start", "end", "text"} <= set(span):
        problems.append(f"{where}: malformed span {span!r}")
        return
    s, e = span["start"], span["end"]
    if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
        problems.append(f"{where}: bad offsets {s}-{e} (article length {len(text)})")
        return
    if text[s:e] != span["text"]:
        problems.append(f"{where}: text[{s}:{e}] = {text[s:e]!r} != {span['text']!r}")
    elif span["text"] != span["text"].strip():
        problems.append(f"{where}: span has surrounding whitespace {span['text']!r}")


def overlaps(a, b) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def main() -> int:
    root = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--texts", default=str(root / "data" / "lee"), help="folder of Lee *.jsonl texts"
    )
    parser.add_argument(
        "--lee", default=str(root / "data" / "real" / "lee.jsonl"), help="annotations"
    )
    args = parser.parse_args()

    texts_dir, ann_path = Path(args.texts), Path(args.lee)
    texts = load_texts(texts_dir) if texts_dir.is_dir() else {}
    if not texts:
        print(
            f"no article texts under {texts_dir}: fetch them with experiments/lee_corpus.py",
            file=sys.stderr,
        )
        return 2
    if not ann_path.is_file():
        print(f"missing annotations: {ann_path}", file=sys.stderr)
        return 2

    problems: list[str] = []
    seen: set[str] = set()
    per_split_articles: Counter = Counter()
    per_split_atts: Counter = Counter()
    per_kind: Counter = Counter()
    per_gender: Counter = Counter()
    n_atts = n_named = n_pieces = n_no_speaker = 0

    with open(ann_path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    for row in rows:
        aid = row.get("id")
        if aid in seen:
            problems.append(f"{aid}: duplicate id")
        seen.add(aid)
        if aid not in texts:
            problems.append(f"{aid}: no such article in {texts_dir}")
            continue
        text = texts[aid]
        split = row.get("split")
        if split not in SPLITS:
            problems.append(f"{aid}: split {split!r} not in {sorted(SPLITS)}")
        atts = row.get("attributions") or []
        if not atts:
            problems.append(f"{aid}: no attributions")
        per_split_articles[split] += 1
        per_split_atts[split] += len(atts)
        for k, att in enumerate(atts, 1):
            where = f"{aid} #{k}"
            n_atts += 1
            quote = att.get("quote") or []
            if not quote:
                problems.append(f"{where}: no quote")
            for p, piece in enumerate(quote, 1):
                check_span(piece, text, f"{where} quote[{p}]", problems)
            n_pieces += len(quote)
            cue = att.get("cue")
            if not cue:
                problems.append(f"{where}: no cue")
            else:
                check_span(cue, text, f"{where} cue", problems)
            speaker = att.get("speaker")
            if speaker is None:
                n_no_speaker += 1
            else:
                check_span(speaker, text, f"{where} speaker", problems)
            spans_ok = all(
                isinstance(x, dict) and isinstance(x.get("start"), int) for x in quote + [cue or {}]
            )
            if spans_ok and cue:
                for piece in quote:
                    if overlaps(piece, cue):
                        problems.append(f"{where}: cue overlaps quote")
                    if (
                        speaker
                        and isinstance(speaker.get("start"), int)
                        and overlaps(piece, speaker)
                    ):
                        problems.append(f"{where}: speaker overlaps quote")
            kind, gender, gfrom = att.get("kind"), att.get("gender"), att.get("gender_from")
            name, desc = att.get("name"), att.get("description")
            if kind not in KINDS:
                problems.append(f"{where}: kind {kind!r} not in {sorted(KINDS)}")
            if gender not in GENDERS:
                problems.append(f"{where}: gender {gender!r} not in {sorted(GENDERS)}")
            if gfrom not in GENDER_FROM:
                problems.append(f"{where}: gender_from {gfrom!r} not in article/name/null")
            if kind != "person" and gender != "unknown":
                problems.append(f"{where}: gender {gender!r} for a non-person ({kind})")
            if (gender == "unknown") != (gfrom is None):
                problems.append(f"{where}: gender {gender!r} with gender_from {gfrom!r}")
            if (name is None) == (desc is None):
                problems.append(
                    f"{where}: exactly one of name/description must be set ({name!r}, {desc!r})"
                )
            for field, value in (("name", name), ("description", desc)):
                if value is not None and (not isinstance(value, str) or not value.strip()):
                    problems.append(f"{where}: empty {field}")
            per_kind[kind] += 1
            per_gender[gender] += 1
            n_named += name is not None

    print(
        f"{ann_path}: {len(rows)} articles, {n_atts} attributions, {n_pieces} quote pieces, "
        f"{n_no_speaker} without a speaker span"
    )
    for split in sorted(per_split_articles, key=str):
        n_art, n_att = per_split_articles[split], per_split_atts[split]
        print(f"  split {split}: {n_art} articles, {n_att} attributions")
    print("  per kind: " + ", ".join(f"{k} {v}" for k, v in per_kind.most_common()))
    print("  per gender: " + ", ".join(f"{k} {v}" for k, v in per_gender.most_common()))
    if n_atts:
        print(f"  named: {n_named}/{n_atts} ({n_named / n_atts:.0%}), unnamed: {n_atts - n_named}")
    if problems:
        print(f"\n{len(problems)} problem(s):", file=sys.stderr)
        for p in problems:
            print("  " + p, file=sys.stderr)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
