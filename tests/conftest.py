"""Shared fixtures: small fast tokenizers built offline, the same on every run.

- ``wordpiece_tokenizer``: a ``BertTokenizerFast`` from a vocabulary written here
  (``[CLS] … [SEP]``, offsets trimmed to words, unknown words become ``[UNK]``).
- ``bpe_tokenizer``: a ``RobertaTokenizerFast`` over a byte-level BPE trained here on a
  few sentences (``<s> … </s>``; offsets are not trimmed, so a token such as ``" said"``
  starts at its space, as in GPT-2-style tokenizers).

Both are built once per session; treat them as read-only.
"""

from __future__ import annotations

import pytest
from tokenizers import ByteLevelBPETokenizer
from transformers import BertTokenizerFast, RobertaTokenizerFast

SPECIAL_WORDPIECE = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
WORDS = (
    "we will win and soon she he they said told says added the plan would fail it works "
    "critics jane smith jones mayor a an of to in is was not no yes go stop fine agree i "
    "at all just sentence about weather paris here quotes nothing"
).split()
PUNCT = list(".,:;!?\"'“”‘’()-¶")
SUFFIXES = ["##s", "##ed", "##ing", "##ly"]

BPE_SPECIAL = ["<s>", "<pad>", "</s>", "<unk>", "<mask>"]
BPE_CORPUS = [
    "“We will win,” she said, “and soon.”",
    "Critics said the plan would fail.",
    "“It works,” said Jane Smith, the mayor.",
    "Jones told reporters: “No.” Smith added that it was fine.",
    "No quotes here at all, just a sentence about the weather in Paris.",
]


def build_wordpiece_tokenizer() -> BertTokenizerFast:
    vocab = {token: i for i, token in enumerate([*SPECIAL_WORDPIECE, *WORDS, *PUNCT, *SUFFIXES])}
    return BertTokenizerFast(vocab=vocab)  # not vocab_file=: that gives an all-[UNK] tokenizer


def build_bpe_tokenizer(trim_offsets: bool = False) -> RobertaTokenizerFast:
    # 360 keeps words in pieces (" wou" "ld") and a lone " " token before "Critics" in
    # test_features.TEXT, but no whitespace-only token inside a gold span there.
    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator(
        BPE_CORPUS, vocab_size=360, min_frequency=1, special_tokens=BPE_SPECIAL, show_progress=False
    )
    return RobertaTokenizerFast(tokenizer_object=bpe._tokenizer, trim_offsets=trim_offsets)


@pytest.fixture(scope="session")
def wordpiece_tokenizer() -> BertTokenizerFast:
    return build_wordpiece_tokenizer()


@pytest.fixture(scope="session")
def bpe_tokenizer() -> RobertaTokenizerFast:
    return build_bpe_tokenizer()
