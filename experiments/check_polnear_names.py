#!/usr/bin/env python3
"""Check data/real/polnear-names.jsonl against the PolNeAR dev split.

Standalone (standard library only). Run from anywhere:

    python experiments/check_polnear_names.py [--polnear DIR] [--names FILE]

Checks:
  * the articles are the ones the selection rule gives (sorted dev article ids,
    positions 0, 2, 4, ..., at most 45) in that order, and the split follows the
    tune, tune, heldout pattern;
  * each article's annotator_file is the first .ann file in sorted order;
  * every source's offsets and text match the article (text[start:end] == text);
  * every Source span of the chosen .ann files is annotated exactly once, and
    nothing else is;
  * field values are in the allowed sets and consistent with each other.

Prints counts (articles, sources, attributions covered via their Source span,
per split, per kind, named share, gender counts) and exits 1 on any problem.
"""

import argparse
import collections
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KINDS = {"person", "organisation", "place", "group", "unknown"}
GENDERS = {"female", "male", "unknown"}
GENDER_FROM = {"article", "name", None}
SPLITS = {"tune", "heldout"}
MAX_ARTICLES = 45
FIELDS = ["start", "end", "text", "name", "description", "kind", "gender", "gender_from"]


def chosen_ids(dev):
    ids = sorted(f[:-4] for f in os.listdir(os.path.join(dev, "text")) if f.endswith(".txt"))
    return ids[0::2][:MAX_ARTICLES]


def ann_files(dev, article):
    pat = re.compile(re.escape(article) + r"_[0-9A-Za-z]+\.ann")
    return sorted(f for f in os.listdir(os.path.join(dev, "attributions")) if pat.fullmatch(f))


def parse_ann(path):
    """Return ({T id: (label, [(start, end), ...])}, [{role: T id}, ...])."""
    spans, events = {}, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            m = re.match(r"^(T\d+)\t(\S+) ([\d ;]+)\t", line)
            if m:
                pieces = [tuple(int(x) for x in p.split()) for p in m.group(3).split(";")]
                spans[m.group(1)] = (m.group(2), pieces)
                continue
            m = re.match(r"^(E\d+)\t(.*)$", line)
            if m:
                args = {}
                for part in m.group(2).split():
                    role, _, ref = part.partition(":")
                    args[role] = ref
                events.append(args)
            # anything else: notes, attributes, or continuation lines of a span text
    return spans, events


def source_spans(spans, events):
    """Map (start, end) of each Source span -> number of attributions using it."""
    out = collections.Counter()
    tids = {t for t, (label, _) in spans.items() if label == "Source"}
    for args in events:
        if "Source" in args:
            tids.add(args["Source"])
    by_tid = {}
    for t in tids:
        label, pieces = spans[t]
        by_tid[t] = (pieces[0][0], pieces[-1][1])
        out[by_tid[t]] += 0
    for args in events:
        if "Source" in args:
            out[by_tid[args["Source"]]] += 1
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--polnear", default=os.path.join(ROOT, "data", "polnear", "dev"))
    ap.add_argument("--names", default=os.path.join(ROOT, "data", "real", "polnear-names.jsonl"))
    args = ap.parse_args()

    errors = []

    def err(msg):
        errors.append(msg)

    with open(args.names, encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]

    expected = chosen_ids(args.polnear)
    got = [r.get("id") for r in records]
    if got != expected:
        err(
            f"article ids/order differ from the selection rule: expected {len(expected)}, "
            f"got {len(got)}; missing {sorted(set(expected) - set(got))}, "
            f"extra {sorted(set(got) - set(expected))}"
        )

    split_articles = collections.Counter()
    split_sources = collections.Counter()
    split_attr = collections.Counter()
    kinds = collections.Counter()
    genders = collections.Counter()
    gender_from = collections.Counter()
    named = 0
    n_sources = 0
    n_attr = 0

    for pos, rec in enumerate(records):
        aid = rec.get("id")
        where = f"[{pos}] {aid}"
        want_split = ["tune", "tune", "heldout"][pos % 3]
        split = rec.get("split")
        if split not in SPLITS:
            err(f"{where}: bad split {split!r}")
        elif split != want_split:
            err(f"{where}: split {split!r}, expected {want_split!r} for position {pos}")
        text_path = os.path.join(args.polnear, "text", f"{aid}.txt")
        if not os.path.exists(text_path):
            err(f"{where}: no article text {text_path}")
            continue
        with open(text_path, encoding="utf-8") as f:
            text = f.read()
        anns = ann_files(args.polnear, aid)
        if not anns:
            err(f"{where}: no .ann file")
            continue
        if rec.get("annotator_file") != anns[0]:
            err(
                f"{where}: annotator_file {rec.get('annotator_file')!r}, "
                f"expected first in sorted order {anns[0]!r}"
            )
        spans, events = parse_ann(os.path.join(args.polnear, "attributions", anns[0]))
        gold = source_spans(spans, events)

        seen = collections.Counter()
        for i, s in enumerate(rec.get("sources", [])):
            w = f"{where} source {i}"
            missing = [k for k in FIELDS if k not in s]
            if missing:
                err(f"{w}: missing fields {missing}")
                continue
            extra = set(s) - set(FIELDS) - {"note"}
            if extra:
                err(f"{w}: unexpected fields {sorted(extra)}")
            st, en = s["start"], s["end"]
            if not (isinstance(st, int) and isinstance(en, int) and 0 <= st < en <= len(text)):
                err(f"{w}: bad offsets {st}-{en}")
                continue
            if text[st:en] != s["text"]:
                err(f"{w}: text mismatch: article has {text[st:en]!r}, record has {s['text']!r}")
            key = (st, en)
            seen[key] += 1
            if key not in gold:
                err(f"{w}: {st}-{en} {s['text']!r} is not a Source span of {anns[0]}")
            kind, gender, gfrom = s["kind"], s["gender"], s["gender_from"]
            if kind not in KINDS:
                err(f"{w}: bad kind {kind!r}")
            if gender not in GENDERS:
                err(f"{w}: bad gender {gender!r}")
            if gfrom not in GENDER_FROM:
                err(f"{w}: bad gender_from {gfrom!r}")
            if kind != "person" and (gender != "unknown" or gfrom is not None):
                err(f"{w}: non-person with gender {gender!r}/{gfrom!r}")
            if gender == "unknown" and gfrom is not None:
                err(f"{w}: gender unknown but gender_from {gfrom!r}")
            if gender != "unknown" and gfrom is None:
                err(f"{w}: gender {gender!r} without gender_from")
            name, desc = s["name"], s["description"]
            if name is not None:
                if not (isinstance(name, str) and name.strip()):
                    err(f"{w}: empty name")
                if desc is not None:
                    err(f"{w}: named source with a description")
            else:
                if desc != s["text"]:
                    err(
                        f"{w}: unnamed source: description {desc!r} "
                        f"should be the span text {s['text']!r}"
                    )
            if "note" in s and not (isinstance(s["note"], str) and s["note"].strip()):
                err(f"{w}: empty note")

            n_sources += 1
            split_sources[split] += 1
            kinds[kind] += 1
            named += name is not None
            if kind == "person":
                genders[gender] += 1
                gender_from[gfrom] += 1
            if seen[key] == 1 and key in gold:
                n_attr += gold[key]
                split_attr[split] += gold[key]

        for key, n in seen.items():
            if n > 1:
                err(f"{where}: Source span {key} annotated {n} times")
        for key in sorted(set(gold) - set(seen)):
            err(f"{where}: Source span {key} {text[key[0] : key[1]]!r} not annotated")
        split_articles[split] += 1

    total_attr = 0
    for rec in records:
        anns = ann_files(args.polnear, rec.get("id", ""))
        if anns:
            ann = parse_ann(os.path.join(args.polnear, "attributions", anns[0]))
            total_attr += sum(source_spans(*ann).values())

    print(f"articles: {len(records)}")
    print(f"sources: {n_sources}")
    print(
        f"attributions covered (via Source span): {n_attr} of {total_attr} "
        "attributions with a Source"
    )
    for sp in ("tune", "heldout"):
        print(
            f"  {sp:8s} articles {split_articles[sp]:3d}  sources {split_sources[sp]:4d}  "
            f"attributions {split_attr[sp]:4d}"
        )
    print("per kind:")
    for k in sorted(KINDS):
        print(f"  {k:12s} {kinds[k]:4d}")
    share = named / n_sources if n_sources else 0.0
    print(f"named: {named} of {n_sources} ({share:.1%})")
    by_gender = ", ".join(f"{g} {genders[g]}" for g in ("female", "male", "unknown"))
    by_source = ", ".join(f"{g} {gender_from[g]}" for g in ("article", "name", None))
    print("persons by gender: " + by_gender)
    print("persons by gender_from: " + by_source)

    if errors:
        print(f"\n{len(errors)} problem(s):", file=sys.stderr)
        for e in errors[:200]:
            print("  " + e, file=sys.stderr)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
