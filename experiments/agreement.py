"""Human agreement: score every pair of annotators against each other with our scoring.

    python experiments/agreement.py data/polnear/annotator-training \
        -o experiments/results/agreement.json

Each unordered pair of annotators of an article is scored once (one as gold, the other
as prediction; F1 is symmetric), with counts pooled over all pairs and articles.
"""

from __future__ import annotations

import argparse
import itertools
from collections import defaultdict
from pathlib import Path

from quoteattr.data.readers import read_brat_article
from quoteattr.scoring.metrics import format_scores, score_predictions, write_json


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", help="BRAT folder whose articles have several .ann files")
    parser.add_argument("-o", "--output", help="JSON file for the pooled scores")
    args = parser.parse_args()
    folder = Path(args.folder)
    by_article = defaultdict(list)
    for ann in sorted((folder / "attributions").glob("*.ann")):
        by_article[ann.stem.rpartition("_")[0]].append(ann)
    gold, predicted = [], []
    for stem, anns in sorted(by_article.items()):
        text = folder / "text" / f"{stem}.txt"
        for a, b in itertools.combinations(anns, 2):
            pair_id = f"{stem}:{a.stem.rpartition('_')[2]}-{b.stem.rpartition('_')[2]}"
            gold.append(read_brat_article(text, a, pair_id))
            predicted.append(list(read_brat_article(text, b, pair_id).attributions))
    scores = score_predictions(gold, predicted)
    print(f"{len(by_article)} articles, {len(gold)} annotator pairs")
    print(format_scores(scores))
    if args.output:
        write_json(args.output, scores)


if __name__ == "__main__":
    main()
