"""Speakers by name on a speaker set (and PolNeAR attribution+speaker F1), per resolution variant.

    python experiments/eval_speaker_names.py --model runs/polnear-minilm \
        --data data/speakers/tune.jsonl --polnear data/polnear/dev \
        -o experiments/results/speakers-by-name-tune.json

The model tags each text once, speakers left unresolved (``--cache DIR`` keeps those
attributions for the next run with the same model); each variant then resolves the same
attributions with :func:`quoteattr.speakers.resolve.resolve_speakers`, and is scored by name
with :func:`quoteattr.scoring.names.score_by_name` (quote recall, speaker accuracy) and,
with ``--polnear``, by :func:`quoteattr.scoring.metrics.score_predictions` on that corpus
(follow-on speakers change speaker spans; names do not). ``ms_per_article`` is the time
resolution takes per article, NER included, after NER and gender-guesser have loaded
(``ner_load_s``); ``inferred`` counts follow-on speakers. ``--spacy-model`` runs the NER
variants with another spaCy pipeline (a package name or a model folder) instead of the one
``quoteattr[people]`` installs.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from quoteattr.data.readers import read_corpus
from quoteattr.decode.article import decode_articles
from quoteattr.inference.attributor import QuoteAttributor
from quoteattr.schema import Attribution
from quoteattr.scoring.metrics import score_predictions, write_json
from quoteattr.scoring.names import read_speaker_set, score_by_name
from quoteattr.speakers import entities
from quoteattr.speakers.resolve import resolve_speakers

# name -> resolve_speakers keywords; None: the tagger's speaker spans as they are
VARIANTS: dict[str, dict[str, Any] | None] = {
    "no resolution (speaker text)": None,
    "rules": {"use_ner": False, "follow_on": False},
    "rules + follow-on (default)": {},
    "NER when needed": {"use_ner": None, "follow_on": False},
    "NER when needed + follow-on (--ner)": {"use_ner": True, "follow_on": True},
}
DEFAULT = "rules + follow-on (default)"


def tag(attributor: QuoteAttributor, texts: list[str]) -> list[list[Attribution]]:
    """The model's attributions of ``texts``, speakers unresolved."""
    windows = attributor.encode(texts)
    logits = attributor.window_logits(windows, attributor.batch_size)
    decoding = dataclasses.asdict(attributor.settings.decoding)
    return decode_articles(texts, windows, logits, attributor.labels, resolve=False, **decoding)


def cached_tags(
    model: str, name: str, ids: list[str], texts: list[str], cache: Path | None, state: dict
) -> list[list[Attribution]]:
    """``tag`` for one data set, read from / written to ``cache/name.json`` when given."""
    path = cache / f"{name}.json" if cache else None
    if path and path.exists():
        saved = json.loads(path.read_text(encoding="utf-8"))
        if saved["model"] == model and saved["ids"] == ids:
            return [[Attribution.from_dict(a) for a in doc] for doc in saved["attributions"]]
    if "attributor" not in state:
        # fp32, as quoteattr evaluate scores: the same tags on any CPU (auto may pick int8/bf16)
        state["attributor"] = QuoteAttributor.from_pretrained(model, device="cpu", backend="onnx")
    tagged = tag(state["attributor"], texts)
    if path:
        doc_dicts = [[a.to_dict() for a in doc] for doc in tagged]
        write_json(path, {"model": model, "ids": ids, "attributions": doc_dicts})
    return tagged


def resolve_all(
    texts: Sequence[str], tagged: Sequence[list[Attribution]], options: dict[str, Any] | None
) -> tuple[list[list[Attribution]], float]:
    """Each text's attributions resolved with ``options``, and the mean ms per text."""
    if options is None:
        return [list(doc) for doc in tagged], 0.0
    started = time.perf_counter()
    out = [resolve_speakers(t, doc, **options) for t, doc in zip(texts, tagged)]
    return out, 1000 * (time.perf_counter() - started) / max(1, len(texts))


def _inferred(predicted: Sequence[list[Attribution]]) -> int:
    """How many attributions took a follow-on speaker."""
    return sum(bool(a.speaker and a.speaker.inferred) for doc in predicted for a in doc)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", required=True)
    parser.add_argument("--data", required=True, help="a speaker set (data/speakers/*.jsonl)")
    parser.add_argument("--polnear", help="also score attribution+speaker on this corpus")
    parser.add_argument("--cache", type=Path, help="folder for the model's tagged attributions")
    parser.add_argument("-o", "--output")
    parser.add_argument(
        "--misses", action="store_true", help="print the default's wrong speakers of found quotes"
    )
    parser.add_argument("--spacy-model", help="spaCy pipeline for the NER variants")
    args = parser.parse_args()
    started = time.perf_counter()
    if args.spacy_model:
        import spacy

        nlp = spacy.load(args.spacy_model, exclude=entities.NOT_NEEDED)
        entities._pipeline = lambda: nlp
    has_ner = entities.ner_available()  # loads the NER pipeline, outside the timings
    entities.first_name_gender("Jo")  # ... and gender-guesser's dictionary
    load_s = round(time.perf_counter() - started, 2)
    gold = read_speaker_set(args.data)
    texts = [a.text for a in gold]
    state: dict = {}
    tagged = cached_tags(args.model, Path(args.data).stem, [a.id for a in gold], texts,
                         args.cache, state)  # fmt: skip
    polnear = list(read_corpus(args.polnear)) if args.polnear else []
    polnear_texts = [a.text for a in polnear]
    polnear_tagged = cached_tags(args.model, "polnear-" + Path(args.polnear or "x").name,
                                 [a.id for a in polnear], polnear_texts, args.cache,
                                 state) if polnear else []  # fmt: skip
    rows: dict[str, dict[str, Any]] = {}
    misses: list[dict] = []
    print(f"{'variant':40} {'recall':>7} {'speaker':>7} {'shares':>7} {'kind':>7} {'gender':>7}"
          f" {'att+spk':>7} {'ms/art':>7} {'infer':>5}")  # fmt: skip
    for name, options in VARIANTS.items():
        predicted, ms = resolve_all(texts, tagged, options)
        scores = score_by_name(gold, {a.id: p for a, p in zip(gold, predicted)})
        row = {k: scores[k] for k in ("quotes", "found", "right_speaker", "recall")}
        row["speaker_accuracy"] = scores["speaker_accuracy"]
        row["shares_a_name"] = scores["shares_a_name"]
        row["kind"], row["gender"] = scores["kind"], scores["gender"]
        row["ms_per_article"] = round(ms, 2)
        row["inferred"] = _inferred(predicted)
        if polnear:
            resolved, polnear_ms = resolve_all(polnear_texts, polnear_tagged, options)
            f1 = score_predictions(polnear, resolved)["attribution+speaker"]
            row["polnear_attribution_speaker"] = f1
            row["polnear_inferred"] = _inferred(resolved)
            row["polnear_ms_per_article"] = round(polnear_ms, 2)
        rows[name] = row
        if name == DEFAULT:
            misses = scores["misses"]
        spk = row.get("polnear_attribution_speaker", {}).get("f1", float("nan"))
        print(f"{name:40} {row['recall']:7.4f} {row['speaker_accuracy']:7.4f} "
              f"{row['shares_a_name']:7.4f} {row['kind']['accuracy']:7.4f} "
              f"{row['gender']['accuracy']:7.4f} {spk:7.4f} "
              f"{ms:7.2f} {row['inferred']:5}")  # fmt: skip
    if args.misses:
        for miss in (m for m in misses if m["found"]):
            print(f"{miss['id']}: {miss['gold']!r} given to {miss['predicted']!r}")
    if args.output:
        write_json(
            args.output,
            {
                "model": args.model,
                "data": args.data,
                "polnear": args.polnear,
                "ner": entities.ner_package() if has_ner else None,
                "ner_load_s": load_s if has_ner else None,
                "variants": rows,
                "default_misses": misses,
            },
        )


if __name__ == "__main__":
    main()
