"""The model shipped inside the package: it loads with no argument and finds the
attributions of a short article written for this test (a broken or swapped weight file
fails here)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quoteattr.cli import main
from quoteattr.inference.attributor import DEFAULT_MODEL, QuoteAttributor

ARTICLE = Path(__file__).parents[2] / "data" / "sample" / "rail.txt"


@pytest.fixture(scope="module")
def attributions():
    attributor = QuoteAttributor.from_pretrained(device="cpu")
    [found] = attributor.predict(ARTICLE.read_text(encoding="utf-8"))
    return found


def test_the_shipped_folder_is_a_hub_folder_under_60_mib():
    names = {p.name for p in DEFAULT_MODEL.iterdir()}
    assert {"config.json", "model.safetensors", "tokenizer.json", "README.md"} <= names
    size = sum(p.stat().st_size for p in DEFAULT_MODEL.iterdir())
    assert size < 60 * 2**20
    card = (DEFAULT_MODEL / "README.md").read_text(encoding="utf-8")
    assert card.startswith("---\n") and "Attribution F1" in card


def test_it_finds_who_said_what(attributions):
    got = [
        (a.cue.text, a.speaker.text, a.speaker.resolved, a.type, [q.text for q in a.quote])
        for a in attributions
    ]
    assert len(got) == 3
    cue, speaker, resolved, kind, quote = got[0]
    assert cue.startswith("said") and speaker == "Transport Minister Anita Rao"
    assert resolved == "Anita Rao" and kind == "indirect"
    assert quote[0].endswith("The federal government will spend $2 billion on rail upgrades "
                             "over five years")  # fmt: skip
    assert got[1] == (
        "told", "Rao", "Anita Rao", "direct",
        ["“This is the largest investment in passenger rail in a generation,”",
         "“Travellers will feel the difference within two years.”"],
    )  # fmt: skip
    assert got[2] == (
        "said", "Opposition critic Mark Bell", "Mark Bell", "indirect",
        ["the plan came too late for commuters in his riding"],
    )  # fmt: skip
    assert all(a.score > 0.8 for a in attributions)
    assert [a.speaker.entity for a in attributions] == [0, 0, 1]  # Rao twice, then Bell


def test_the_cli_predicts_with_it_by_default(capsys):
    assert main(["predict", str(ARTICLE), "--quiet"]) == 0
    [line] = capsys.readouterr().out.splitlines()
    record = json.loads(line)
    assert record["id"] == "rail" and len(record["attributions"]) == 3
