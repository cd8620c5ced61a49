"""Tiny random models built from a config and a local tokenizer (no download)."""

from __future__ import annotations

from pathlib import Path

import torch
from transformers import BertConfig, BertModel, RobertaConfig, RobertaModel

from quoteattr.config import SETTINGS_KEY
from quoteattr.labels import label_names

TINY = {
    "hidden_size": 32,
    "num_hidden_layers": 2,
    "num_attention_heads": 2,
    "intermediate_size": 64,
}


def tiny_config(tokenizer, scheme: str | None = "bio-linked"):
    """A tiny BERT (WordPiece) or RoBERTa (byte-level BPE) config for ``tokenizer``."""
    labels = {}
    if scheme:
        names = label_names(scheme)
        labels = {
            "id2label": dict(enumerate(names)),
            "label2id": {n: i for i, n in enumerate(names)},
        }
    if tokenizer.cls_token == "[CLS]":
        return BertConfig(vocab_size=len(tokenizer), max_position_embeddings=128, **TINY, **labels)
    return RobertaConfig(
        vocab_size=len(tokenizer),
        max_position_embeddings=130,
        pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        **TINY,
        **labels,
    )


def save_tiny_classifier(
    tokenizer,
    folder: Path,
    scheme: str = "bio-linked",
    seed: int = 0,
    distinct: bool = False,
    **settings,
) -> Path:
    """A random token classifier folder that ``QuoteAttributor.from_pretrained`` loads;
    ``distinct``: every weight moved at random, as training leaves them (no two equal
    tensors, such as a fresh model's layer norms)."""
    from transformers import AutoModelForTokenClassification

    torch.manual_seed(seed)
    model = AutoModelForTokenClassification.from_config(tiny_config(tokenizer, scheme))
    if distinct:
        with torch.no_grad():
            for p in model.parameters():
                p.add_(torch.randn_like(p) * 0.1)
    # A random model's labels are all doubtful: keep every attribution, so tests see some.
    saved = {"max_length": 32, "stride": 8, "min_score": 0.0, **settings}
    setattr(model.config, SETTINGS_KEY, saved)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def save_tiny_encoder(tokenizer, folder: Path) -> Path:
    """A random encoder without a head: the 'pretrained' model a training test starts from."""
    torch.manual_seed(0)
    config = tiny_config(tokenizer, scheme=None)
    model = BertModel(config) if isinstance(config, BertConfig) else RobertaModel(config)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder
