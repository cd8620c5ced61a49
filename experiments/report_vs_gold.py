"""How well ``quoteattr report`` says who is quoted, against annotators' lists of named people.

    python experiments/report_vs_gold.py --lee-split train            # tune here
    python experiments/report_vs_gold.py --lee-split test [--ner]     # report only
    python experiments/report_vs_gold.py --polnear-split tune

For each article the annotators list the named people quoted (``data/real/lee.jsonl``:
speakers with a ``name`` and kind ``person``; ``data/real/polnear-names.jsonl``: the same
for PolNeAR dev sources). The report's named people of an article are its
``sources.csv`` rows with kind ``person`` and a name. A predicted and a gold person match,
one to one within the article, when their names share a word (titles, initials and case
aside). Printed and written to ``experiments/results/report_vs_gold-<set>.json``:

- precision, recall and F1 of named people per article (micro over articles);
- gender accuracy of matched people whose gold gender is known (the report's gender is
  the entity's across the corpus; unknown counts as wrong), and how many it left unknown;
- the share of women among people of known gender, report against annotators.

Texts: ``data/lee/background.jsonl`` (``experiments/lee_corpus.py``) and
``data/polnear/dev/text`` (see ``data/real/README.md``). Predictions are cached under
``--cache`` and reused when the model settings are the same.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from quoteattr.jobs.local import run_prediction_job  # noqa: E402
from quoteattr.reporting.report import report  # noqa: E402
from quoteattr.reporting.sources import name_key, share_of_women  # noqa: E402
from quoteattr.scoring.metrics import prf, write_json  # noqa: E402


def lee_gold(split: str) -> tuple[list[dict], dict[str, list[tuple[str, str]]]]:
    """Articles (id, text) and each one's named people (name, gender)."""
    texts = {}
    with (ROOT / "data/lee/background.jsonl").open(encoding="utf-8") as f:
        for line in f:
            obj = json.loads(line)
            texts[obj["id"]] = obj["text"]
    articles, gold = [], {}
    with (ROOT / "data/real/lee.jsonl").open(encoding="utf-8") as f:
        for line in f:
            obj = json.loads(line)
            if obj["split"] != split:
                continue
            articles.append({"id": obj["id"], "text": texts[obj["id"]], "outlet": "ABC"})
            people = {
                a["name"]: a["gender"]
                for a in obj["attributions"]
                if a["name"] and a["kind"] == "person"
            }
            gold[obj["id"]] = list(people.items())
    return articles, gold


def polnear_gold(split: str) -> tuple[list[dict], dict[str, list[tuple[str, str]]]]:
    articles, gold = [], {}
    with (ROOT / "data/real/polnear-names.jsonl").open(encoding="utf-8") as f:
        for line in f:
            obj = json.loads(line)
            if obj["split"] != split:
                continue
            text = (ROOT / "data/polnear/dev/text" / f"{obj['id']}.txt").read_text(encoding="utf-8")
            outlet = obj["id"].split("_")[0]
            articles.append({"id": obj["id"], "text": text, "outlet": outlet})
            people = {
                s["name"]: s["gender"]
                for s in obj["sources"]
                if s["name"] and s["kind"] == "person"
            }
            gold[obj["id"]] = list(people.items())
    return articles, gold


def match(predicted: list[tuple[str, str]], gold: list[tuple[str, str]]) -> list[tuple[int, int]]:
    """One-to-one pairs (predicted index, gold index) of names sharing a word, the pairs
    sharing most words first."""
    pairs = []
    for i, (p, _) in enumerate(predicted):
        for j, (g, _) in enumerate(gold):
            shared = len(set(name_key(p, "person")) & set(name_key(g, "person")))
            if shared:
                pairs.append((-shared, i, j))
    used_p, used_g, out = set(), set(), []
    for _, i, j in sorted(pairs):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j))
    return out


def share(genders: list[str]) -> float | None:
    found, _ = share_of_women(genders)
    return round(found, 4) if found is not None else None


def evaluate(tables, gold: dict[str, list[tuple[str, str]]]) -> dict:
    predicted: dict[str, list[tuple[str, str]]] = {}
    for row in tables.people().itertuples():
        predicted.setdefault(row.id, []).append((row.name, row.entity_gender))
    tp = n_pred = n_gold = right = known = left_unknown = 0
    errors = []
    for id_, people_gold in gold.items():
        found = predicted.get(id_, [])
        pairs = match(found, people_gold)
        tp, n_pred, n_gold = tp + len(pairs), n_pred + len(found), n_gold + len(people_gold)
        for i, j in pairs:
            if people_gold[j][1] in ("female", "male"):
                known += 1
                right += found[i][1] == people_gold[j][1]
                left_unknown += found[i][1] == "unknown"
        matched_p, matched_g = {i for i, _ in pairs}, {j for _, j in pairs}
        errors.append(
            {
                "id": id_,
                "gender_wrong": [
                    [found[i][0], found[i][1], people_gold[j][0], people_gold[j][1]]
                    for i, j in pairs
                    if people_gold[j][1] in ("female", "male") and found[i][1] != people_gold[j][1]
                ],
                "extra": [found[i][0] for i in range(len(found)) if i not in matched_p],
                "missed": [
                    people_gold[j][0] for j in range(len(people_gold)) if j not in matched_g
                ],
            }
        )
    all_pred = [g for found in predicted.values() for _, g in found]
    all_gold = [g for people_gold in gold.values() for _, g in people_gold]
    return {
        "named_people": prf(tp, n_pred, n_gold),
        "gender_accuracy_of_matched": round(right / known, 4) if known else None,
        "matched_with_known_gold_gender": known,
        "matched_left_unknown": left_unknown,
        "share_women_report": share(all_pred),
        "share_women_gold": share(all_gold),
        "errors": errors,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--lee-split", choices=["train", "test"])
    which.add_argument("--polnear-split", choices=["tune", "heldout"])
    parser.add_argument("--ner", action="store_true", help="predict with --ner")
    parser.add_argument("--quantize", choices=["int8"])
    parser.add_argument("--cache", default="/tmp/quoteattr-report-vs-gold")
    parser.add_argument("-o", "--output", help="results JSON (default: experiments/results/...)")
    args = parser.parse_args()
    if args.lee_split:
        name, (articles, gold) = f"lee-{args.lee_split}", lee_gold(args.lee_split)
    else:
        name, (articles, gold) = f"polnear-{args.polnear_split}", polnear_gold(args.polnear_split)
    settings = "-ner" if args.ner else ""
    settings += f"-{args.quantize}" if args.quantize else ""
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    inputs, predictions = cache / f"{name}.jsonl", cache / f"{name}{settings}.pred.jsonl"
    with inputs.open("w", encoding="utf-8") as f:
        f.writelines(json.dumps(a, ensure_ascii=False) + "\n" for a in articles)
    summary = run_prediction_job(
        [str(inputs)], output=predictions, quantize=args.quantize, progress=False,
        settings={"speaker_ner": True} if args.ner else None,
    )  # fmt: skip
    print(summary, file=sys.stderr)
    tables = report([predictions])
    scores = evaluate(tables, gold)
    named = scores["named_people"]
    result = {
        "set": name,
        "articles": len(articles),
        "gold_named_people": named["n_gold"],
        "settings": {"ner": args.ner, "quantize": args.quantize},
        **scores,
        "articles_predicted": summary.written,
        "articles_reused_from_cache": summary.skipped,
        "command": " ".join(["python", *sys.argv]),
    }
    print(
        f"{name}{settings}: named people P {named['precision']:.3f} R {named['recall']:.3f} "
        f"F1 {named['f1']:.3f}; gender right {scores['gender_accuracy_of_matched']} of "
        f"{scores['matched_with_known_gold_gender']} matched ({scores['matched_left_unknown']} "
        f"unknown); share of women {scores['share_women_report']} vs gold "
        f"{scores['share_women_gold']}"
    )
    output = args.output or HERE / "results" / f"report_vs_gold-{name}{settings}.json"
    write_json(output, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
