"""Entity types learned by the quoteattr model itself: a linear head on its frozen encoder,
distilled from spaCy NER, weighed against spaCy and the rules for naming speakers.

    python experiments/type_head.py --spacy-model <en_core_web_md folder> \
        -o experiments/results/type-head.json

The shipped model encodes PolNeAR train and the Lee background articles that no
evaluation set holds (in windows, as ``predict`` does); spaCy (``--spacy-model``) labels
each token person / organisation / group / place (BIO); a head on encoder layers
(``--layers``, concatenated and standardised; linear, or with one hidden layer of
``--hidden`` units) learns those labels from nine in ten articles and is scored on the
tenth against spaCy (token accuracy, entity F1). The head's entities then stand in for
spaCy's in ``resolve_speakers(use_ner=True)`` on the real speaker tune sets, beside the
rules (the default) and spaCy itself: the same tagged attributions, scored by name as
``eval_speaker_names.py`` does. The encoder is frozen, so quotes and speaker spans are
the shipped model's own; integrated, the head would cost a matrix product or two per
window.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import numpy as np
import torch
from transformers import AutoModelForTokenClassification, AutoTokenizer

sys.path.insert(0, str(Path(__file__).parent))
from eval_speaker_names import cached_tags, resolve_all  # noqa: E402

from quoteattr.scoring.metrics import write_json  # noqa: E402
from quoteattr.scoring.names import read_speaker_set, score_by_name  # noqa: E402
from quoteattr.speakers import entities  # noqa: E402

KINDS = ["person", "org", "group", "place"]
LABELS = ["O"] + [f"{p}-{k}" for k in KINDS for p in "BI"]
MAX_LENGTH, STRIDE = 256, 64
TUNE_SETS = ["data/real/built/lee-tune.jsonl", "data/real/built/polnear-tune.jsonl"]


def training_texts(limit: int | None) -> list[tuple[str, str]]:
    """``(id, text)`` of PolNeAR train and of the Lee background articles outside the
    annotated Lee set (whose articles the Lee speaker sets hold)."""
    annotated = {json.loads(line)["id"] for line in open("data/real/lee.jsonl")}
    lee = [json.loads(line) for line in open("data/lee/background.jsonl")]
    docs = [(r["id"], r["text"]) for r in lee if r["id"] not in annotated]
    for path in sorted(Path("data/polnear/train/text").glob("*.txt")):
        docs.append((path.stem, path.read_text(encoding="utf-8")))
    random.Random(0).shuffle(docs)
    return docs[:limit] if limit else docs


def encode(
    model, tokenizer, text: str, layers: list[int]
) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """Each token's hidden states at ``layers`` (concatenated) and its character offsets,
    each token once (from the first window that holds it)."""
    length = min(MAX_LENGTH, model.config.max_position_embeddings)
    enc = tokenizer(text, max_length=length, stride=STRIDE, truncation=True,
                    return_overflowing_tokens=True, return_offsets_mapping=True,
                    padding=True, return_tensors="pt")  # fmt: skip
    offsets = enc.pop("offset_mapping")
    enc.pop("overflow_to_sample_mapping", None)
    with torch.inference_mode():
        states = model(**enc, output_hidden_states=True).hidden_states
        hidden = torch.cat([states[i] for i in layers], dim=-1)
    states, spans, covered = [], [], -1
    for w in range(hidden.shape[0]):
        for t in range(hidden.shape[1]):
            start, end = (int(x) for x in offsets[w, t])
            if end <= start or start < covered or not enc["attention_mask"][w, t]:
                continue
            states.append(hidden[w, t].float().numpy())
            spans.append((start, end))
            covered = end
    return np.stack(states) if states else np.zeros((0, hidden.shape[-1])), spans


def bio(spans: list[tuple[int, int]], found: list[entities.Entity]) -> list[int]:
    """Each token's label from spaCy's entities."""
    out, j = [], 0
    for start, _ in spans:
        while j < len(found) and found[j].end <= start:
            j += 1
        if j < len(found) and found[j].start <= start:
            first = not out or out[-1] == 0 or LABELS[out[-1]][2:] != found[j].kind
            first = first or start == found[j].start
            out.append(LABELS.index(f"{'B' if first else 'I'}-{found[j].kind}"))
        else:
            out.append(0)
    return out


def decode(text: str, spans: list[tuple[int, int]], labels: list[int]) -> list[entities.Entity]:
    """Entities from token labels: a B, or an I after another kind, opens one."""
    out: list[list] = []
    last_end, last_kind = -1, None
    for (start, end), label in zip(spans, labels):
        tag, kind = (LABELS[label][0], LABELS[label][2:]) if label else ("O", None)
        subword = start == last_end and text[start - 1 : start].isalnum()
        if kind and (tag == "I" or subword) and kind == last_kind and out:
            out[-1][1] = end
        elif kind:
            out.append([start, end, kind])
        last_end, last_kind = end, kind
    return [entities.Entity(s, e, text[s:e], k) for s, e, k in out]


def entity_f1(gold: list[list[entities.Entity]], pred: list[list[entities.Entity]]) -> dict:
    """Exact-match F1 of entities (offsets and kind)."""
    g = {(i, e.start, e.end, e.kind) for i, doc in enumerate(gold) for e in doc}
    p = {(i, e.start, e.end, e.kind) for i, doc in enumerate(pred) for e in doc}
    tp = len(g & p)
    precision, recall = tp / max(1, len(p)), tp / max(1, len(g))
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def train_head(x: np.ndarray, y: np.ndarray, epochs: int, hidden: int) -> torch.nn.Module:
    """A linear layer (or, with ``hidden`` units, two) fitted with Adam on ``(x, y)``, in
    mini-batches."""
    torch.manual_seed(0)
    if hidden:
        head = torch.nn.Sequential(
            torch.nn.Linear(x.shape[1], hidden),
            torch.nn.GELU(),
            torch.nn.Linear(hidden, len(LABELS)),
        )
    else:
        head = torch.nn.Linear(x.shape[1], len(LABELS))
    opt = torch.optim.Adam(head.parameters(), lr=1e-3, weight_decay=1e-5)
    xt, yt = torch.from_numpy(x).float(), torch.from_numpy(y).long()
    for _ in range(epochs):
        order = torch.randperm(len(yt))
        for i in range(0, len(yt), 4096):
            batch = order[i : i + 4096]
            loss = torch.nn.functional.cross_entropy(head(xt[batch]), yt[batch])
            opt.zero_grad()
            loss.backward()
            opt.step()
    return head


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", default="quoteattr/model")
    parser.add_argument("--spacy-model", required=True, help="the teacher: a spaCy pipeline")
    parser.add_argument("--layers", type=int, nargs="+", default=[-1],
                        help="encoder layers (-1: the last)")  # fmt: skip
    parser.add_argument("--hidden", type=int, default=0, help="hidden units (0: linear)")
    parser.add_argument("--limit", type=int, help="at most this many training articles")
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--cache", type=Path, help="folder for the model's tagged attributions")
    parser.add_argument("-o", "--output")
    args = parser.parse_args()
    import spacy

    nlp = spacy.load(args.spacy_model, exclude=entities.NOT_NEEDED)
    entities._pipeline = lambda: nlp
    tokenizer = AutoTokenizer.from_pretrained(args.model)
    model = AutoModelForTokenClassification.from_pretrained(args.model, dtype=torch.float32)
    model.eval()

    docs = training_texts(args.limit)
    started = time.perf_counter()
    feats, labels, spans_of, teacher = [], [], [], []
    for n, (_, text) in enumerate(docs):
        states, spans = encode(model, tokenizer, text, args.layers)
        found = entities.find_entities(text) or []
        feats.append(states.astype(np.float16))
        labels.append(np.array(bio(spans, found)))
        spans_of.append(spans)
        teacher.append(found)
        if n % 100 == 0:
            print(f"{n}/{len(docs)} articles encoded and labelled", flush=True)
    encode_s = time.perf_counter() - started
    split = len(docs) // 10  # the first tenth scores the head
    x = np.concatenate(feats[split:])
    y = np.concatenate(labels[split:])
    keep = (y != 0) | (np.random.default_rng(0).random(len(y)) < 0.3)  # fewer O tokens
    mean, std = x[keep].astype(np.float32).mean(0), x[keep].astype(np.float32).std(0) + 1e-6
    started = time.perf_counter()
    head = train_head((x[keep] - mean) / std, y[keep], args.epochs, args.hidden)
    train_s = time.perf_counter() - started

    def predict(states: np.ndarray) -> list[int]:
        with torch.inference_mode():
            logits = head(torch.from_numpy((states.astype(np.float32) - mean) / std))
            logits[:, 0] += float(np.log(1 / 0.3))  # O tokens were kept at 0.3: their prior
        return logits.argmax(-1).tolist()

    held = [(docs[i][1], spans_of[i], feats[i]) for i in range(split)]
    pred_labels = [predict(f) for _, _, f in held]
    token_acc = float(np.mean(np.concatenate(labels[:split]) == np.concatenate(pred_labels)))
    ents = [decode(t, s, p) for (t, s, _), p in zip(held, pred_labels)]
    against_spacy = entity_f1(teacher[:split], ents)
    print(f"held-out articles: {split}, token accuracy {token_acc:.4f}, entity F1 vs spaCy "
          f"{against_spacy}")  # fmt: skip

    head_entities: dict[str, list[entities.Entity]] = {}

    def learned(text: str) -> list[entities.Entity]:
        if text not in head_entities:
            states, spans = encode(model, tokenizer, text, args.layers)
            head_entities[text] = decode(text, spans, predict(states))
        return head_entities[text]

    spacy_entities = entities.find_entities
    rows: dict[str, dict] = {}
    for data in TUNE_SETS:
        gold = read_speaker_set(data)
        texts = [a.text for a in gold]
        tagged = cached_tags(args.model, Path(data).stem, [a.id for a in gold], texts,
                             args.cache, {})  # fmt: skip
        for text in texts:
            learned(text)  # encoded outside the timings, as a model's forward pass is
        for name, options, found in [
            ("rules (default)", {}, spacy_entities),
            ("spaCy NER when needed (--ner)", {"use_ner": True}, spacy_entities),
            ("learned types when needed", {"use_ner": True}, learned),
        ]:
            entities.find_entities = found
            predicted, ms = resolve_all(texts, tagged, options)
            scores = score_by_name(gold, {a.id: p for a, p in zip(gold, predicted)})
            row = {k: scores[k] for k in ("quotes", "found", "right_speaker")}
            row["speaker_accuracy"] = scores["speaker_accuracy"]
            row["kind_accuracy"] = scores["kind"]["accuracy"]
            row["ms_per_article"] = round(ms, 2)
            rows[f"{Path(data).stem}: {name}"] = row
            print(f"{Path(data).stem:14} {name:32} {row['speaker_accuracy']:.4f} "
                  f"({row['right_speaker']}/{row['found']}) kind {row['kind_accuracy']:.4f} "
                  f"{ms:7.2f} ms/article")  # fmt: skip
        entities.find_entities = spacy_entities
    if args.output:
        write_json(
            args.output,
            {
                "model": args.model,
                "teacher": nlp.meta.get("name"),
                "teacher_version": nlp.meta.get("version"),
                "layers": args.layers,
                "hidden_units": args.hidden,
                "epochs": args.epochs,
                "training_articles": len(docs) - split,
                "scored_articles": split,
                "tokens_trained": int(keep.sum()),
                "encode_and_label_s": round(encode_s, 1),
                "train_s": round(train_s, 1),
                "token_accuracy_vs_teacher": round(token_acc, 4),
                "entity_f1_vs_teacher": against_spacy,
                "speakers": rows,
            },
        )


if __name__ == "__main__":
    main()
