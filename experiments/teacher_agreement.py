"""How close students come to their teacher on unannotated news: each student's
predictions scored with the project's scoring against the teacher's predictions as gold.

    python experiments/teacher_agreement.py data/lee/heldout.jsonl --teacher runs/polnear-mpnet \
        --model default=runs/polnear-minilm --model distilled=runs/polnear-minilm-distilled-ft \
        -o experiments/results/teacher-agreement-lee.json

With no gold annotation this measures agreement, not accuracy: a student that learnt the
teacher's view of other news scores higher. The teacher's own predictions are counted too.
"""

from __future__ import annotations

import argparse

from quoteattr.data.readers import iter_texts
from quoteattr.inference.attributor import QuoteAttributor
from quoteattr.schema import Article
from quoteattr.scoring.metrics import headline, score_predictions, write_json


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("texts", nargs="+", help=".txt files, folders or JSONL of articles")
    parser.add_argument("--teacher", required=True, help="the model whose output is the key")
    parser.add_argument(
        "--model", action="append", required=True, metavar="NAME=PATH", help="a student"
    )
    parser.add_argument("-o", "--output")
    args = parser.parse_args()
    ids, texts = zip(*iter_texts(args.texts, strict=True))
    key = QuoteAttributor.from_pretrained(args.teacher, device="cpu").predict(list(texts))
    silver = [Article(i, t, tuple(a)) for i, t, a in zip(ids, texts, key)]
    rows = {}
    print(f"{'student':30} {'attr F1':>8} {'+spk F1':>8} {'quote ex':>8}")
    for spec in args.model:
        name, _, path = spec.partition("=")
        predicted = QuoteAttributor.from_pretrained(path, device="cpu").predict(list(texts))
        rows[name] = {"model": path, **headline(score_predictions(silver, predicted))}
        r = rows[name]
        print(f"{name:30} {r['attribution_f1']:8.4f} {r['attribution_speaker_f1']:8.4f} "
              f"{r['quote_exact_f1']:8.4f}", flush=True)  # fmt: skip
    summary = {
        "texts": args.texts,
        "teacher": args.teacher,
        "articles": len(texts),
        "teacher_attributions": sum(len(a) for a in key),
        "rows": rows,
    }
    if args.output:
        write_json(args.output, summary)


if __name__ == "__main__":
    main()
