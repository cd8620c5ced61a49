"""Model soups: weight averages of tiny random classifiers, saved and loaded again."""

from __future__ import annotations

import json

import pytest
import torch
from tiny_models import save_tiny_classifier

from quoteattr.cli import main
from quoteattr.inference.attributor import ModelError, QuoteAttributor
from quoteattr.train.soup import SOUP_FILE, make_soup


def _weights(folder) -> dict[str, torch.Tensor]:
    return QuoteAttributor.from_pretrained(folder, device="cpu", backend="torch").model.state_dict()


@pytest.fixture
def two_models(tmp_path, wordpiece_tokenizer):
    """Two models as if fine-tuned from one seed: the second is the first moved a little."""
    first = save_tiny_classifier(wordpiece_tokenizer, tmp_path / "m1", seed=1)
    moved = QuoteAttributor.from_pretrained(first, device="cpu", backend="torch")
    torch.manual_seed(2)
    with torch.no_grad():
        for param in moved.model.parameters():
            param.mul_(1 + 0.2 * torch.randn_like(param))
    moved.save_pretrained(tmp_path / "m2")
    return [first, tmp_path / "m2"]


def test_soup_is_the_weighted_mean_and_loads_again(tmp_path, two_models):
    a, b = (_weights(m) for m in two_models)
    out = tmp_path / "soup"
    make_soup(two_models, out, weights=[3, 1])
    soup = QuoteAttributor.from_pretrained(out, device="cpu", backend="torch")
    key = "classifier.weight"
    assert not torch.allclose(a[key], b[key])
    for name, value in soup.model.state_dict().items():
        torch.testing.assert_close(value, 0.75 * a[name] + 0.25 * b[name])
    recipe = json.loads((out / SOUP_FILE).read_text())
    assert recipe == {"models": [str(m) for m in two_models], "weights": [0.75, 0.25]}
    assert soup.settings.max_length == 32  # the first model's settings
    assert isinstance(soup.predict("“We will win,” she said.")[0], list)


def test_uniform_soup_without_output(two_models):
    a, b = (_weights(m) for m in two_models)
    soup = make_soup(two_models)
    key = "classifier.bias"
    torch.testing.assert_close(soup.model.state_dict()[key], (a[key] + b[key]) / 2)


def test_soup_refuses_different_labels(tmp_path, wordpiece_tokenizer, two_models):
    plain = save_tiny_classifier(wordpiece_tokenizer, tmp_path / "bio", scheme="bio")
    with pytest.raises(ModelError, match="bio: labels"):
        make_soup([two_models[0], plain])


def test_soup_refuses_another_seed_unless_asked(tmp_path, wordpiece_tokenizer, two_models):
    other_seed = save_tiny_classifier(wordpiece_tokenizer, tmp_path / "seed3", seed=3)
    with pytest.raises(ModelError, match="seed3: its classifier is unrelated"):
        make_soup([two_models[0], other_seed])
    a, b = (_weights(m) for m in (two_models[0], other_seed))
    soup = make_soup([two_models[0], other_seed], any_heads=True)
    key = "classifier.weight"
    torch.testing.assert_close(soup.model.state_dict()[key], (a[key] + b[key]) / 2)


def test_soup_refuses_other_architectures(tmp_path, bpe_tokenizer, two_models):
    roberta = save_tiny_classifier(bpe_tokenizer, tmp_path / "roberta")
    with pytest.raises(ModelError, match="roberta: parameter"):
        make_soup([two_models[0], roberta])


@pytest.mark.parametrize(
    "weights, message", [(None, "at least two"), ([1.0, -1.0], "non-negative"), ([1.0], "one")]
)
def test_soup_refuses_bad_arguments(two_models, weights, message):
    models = two_models[:1] if message == "at least two" else two_models
    with pytest.raises(ValueError, match=message):
        make_soup(models, weights=weights)


def test_cli_soup(tmp_path, two_models, capsys):
    out = tmp_path / "soup"
    assert main(["soup", *map(str, two_models), "-o", str(out)]) == 0
    assert (out / "model.safetensors").exists() and (out / SOUP_FILE).exists()
    assert main(["soup", str(two_models[0]), "-o", str(out)]) == 2
    assert "needs at least two models" in capsys.readouterr().err
