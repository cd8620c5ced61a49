"""``data.mix``: a seeded sample of another corpus joins the training articles."""

from __future__ import annotations

import json

from quoteattr.config import config_from_dict
from quoteattr.train.training import mixed_articles


def test_the_mix_is_a_sample_of_the_asked_size_drawn_with_the_seed(tmp_path):
    corpus = tmp_path / "mix.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"m{i}", "text": "x"}) + "\n" for i in range(30)))

    def ids(count: int, seed: int) -> list[str]:
        config = config_from_dict({
            "data": {"mix": str(corpus), "mix_articles": count}, "training": {"seed": seed}
        })  # fmt: skip
        return [a.id for a in mixed_articles(config)]

    assert len(ids(5, 1)) == 5 and len(set(ids(5, 1))) == 5
    assert ids(5, 1) == ids(5, 1) and ids(5, 1) != ids(5, 2)
    assert ids(0, 1) == [f"m{i}" for i in range(30)]  # 0: all of them
