"""Model folders are untrusted input: never code from them, and a clear refusal (exit 2)
for each way one can be broken, before anything slow starts."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from tiny_models import save_tiny_classifier

from quoteattr.cli import main
from quoteattr.inference.attributor import ModelError, QuoteAttributor
from quoteattr.inference.onnx_export import export_onnx
from quoteattr.inference.onnx_graph import GRAPH_FILE, WEIGHTS_KEY

EVIL_MODULE = """
from pathlib import Path
Path(__file__).with_name("RAN").write_text("the folder's code ran")
from transformers import BertConfig as EvilConfig
from transformers import BertForTokenClassification as EvilModel
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory, wordpiece_tokenizer) -> Path:
    return save_tiny_classifier(wordpiece_tokenizer, tmp_path_factory.mktemp("m") / "m")


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("QUOTEATTR_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache" / "onnx"


def _copy(folder: Path, tmp_path: Path, **config_changes) -> Path:
    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)
    if config_changes:
        config = json.loads((copy / "config.json").read_text())
        config.update(config_changes)
        (copy / "config.json").write_text(json.dumps(config))
    return copy


def _cli(model: Path, tmp_path: Path, *more: str) -> int:
    text = tmp_path / "in.txt"
    text.write_text("“We will win,” she said.")
    return main(["predict", str(text), "--model", str(model), "--quiet", *more])


def test_a_folder_asking_for_its_own_code_is_refused_and_nothing_runs(
    folder, tmp_path, capsys, cache
):
    auto_map = {
        "AutoConfig": "evil.EvilConfig",
        "AutoModelForTokenClassification": "evil.EvilModel",
    }
    copy = _copy(folder, tmp_path, auto_map=auto_map)
    (copy / "evil.py").write_text(EVIL_MODULE)
    for backend in ("onnx", "torch"):
        with pytest.raises(ModelError, match="auto_map.*never runs code"):
            QuoteAttributor.from_pretrained(copy, backend=backend)
    with pytest.raises(ModelError, match="auto_map"):
        export_onnx(copy, cache)
    assert _cli(copy, tmp_path) == 2
    assert "never runs code" in capsys.readouterr().err
    assert not (copy / "RAN").exists()
    assert not cache.exists() or not any(cache.iterdir())


def test_a_tokenizer_asking_for_its_own_code_is_refused(folder, tmp_path):
    copy = _copy(folder, tmp_path)
    config = json.loads((copy / "tokenizer_config.json").read_text())
    config["auto_map"] = {"AutoTokenizer": ["evil.EvilTokenizer", None]}
    (copy / "tokenizer_config.json").write_text(json.dumps(config))
    with pytest.raises(ModelError, match="tokenizer_config.json: has 'auto_map'"):
        QuoteAttributor.from_pretrained(copy, backend="torch")


LABELS = ["O", "B-CUE", "I-CUE"]
BROKEN_CONFIGS = {
    "labels as a list": ({"id2label": LABELS}, "'id2label' must map label ids"),
    "labels with a gap": (
        {"id2label": {"0": "O", "1": "B-CUE", "3": "I-CUE"}},
        r"without gaps \(missing \[2\]",
    ),
    "settings as a string": ({"quoteattr": "fast"}, "'quoteattr' must be a mapping"),
    "decoding as a list": ({"quoteattr": {"decoding": [1, 2]}}, "decoding must be a mapping"),
    "a setting of the wrong type": ({"quoteattr": {"max_length": "long"}}, "max_length"),
    "windows longer than the positions": (
        {"quoteattr": {"max_length": 256, "stride": 8}},
        "max_length 256 is over the 128 positions",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN_CONFIGS))
def test_a_broken_config_is_a_clear_refusal_with_exit_2(case, folder, tmp_path, capsys, cache):
    changes, message = BROKEN_CONFIGS[case]
    copy = _copy(folder, tmp_path, **changes)
    with pytest.raises(ModelError, match=message):
        QuoteAttributor.from_pretrained(copy)
    assert _cli(copy, tmp_path) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "error:" in err
    assert not cache.exists() or not any(cache.iterdir())  # refused before any export


def test_max_length_over_the_positions_is_refused_as_an_override(folder):
    with pytest.raises(ModelError, match="max_length 512 is over the 128 positions"):
        QuoteAttributor.from_pretrained(folder, max_length=512, stride=8)


def test_a_truncated_weights_file_is_refused_before_an_export(folder, tmp_path, capsys, cache):
    copy = _copy(folder, tmp_path)
    weights = copy / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[: weights.stat().st_size // 2])
    for quantize in (None, "int8"):
        with pytest.raises(ModelError, match="model.safetensors: .*truncated"):
            QuoteAttributor.from_pretrained(copy, quantize=quantize)
    assert _cli(copy, tmp_path, "--quantize", "int8") == 2
    assert "truncated" in capsys.readouterr().err
    assert not cache.exists() or not any(cache.iterdir())
    weights.write_bytes(b"\x10\x00\x00\x00\x00\x00\x00\x00{not json here!}")
    with pytest.raises(ModelError, match="not a safetensors file"):
        QuoteAttributor.from_pretrained(copy)


def test_a_bad_tokenizer_is_refused(folder, tmp_path, capsys, cache):
    copy = _copy(folder, tmp_path)
    (copy / "tokenizer.json").write_text('{"version": "1.0", "model": {"type": "Nothing"}}')
    with pytest.raises(ModelError, match="tokenizer.json: cannot be read"):
        QuoteAttributor.from_pretrained(copy, quantize="int8")
    assert not cache.exists() or not any(cache.iterdir())
    assert _cli(copy, tmp_path) == 2
    assert "tokenizer.json" in capsys.readouterr().err


def test_a_graph_that_reads_a_file_outside_the_folder_is_refused(folder, tmp_path, capsys):
    from onnx import TensorProto, helper, save

    secret = tmp_path / "secret.bin"
    secret.write_bytes(b"\0" * 16)
    weight = helper.make_tensor("w", TensorProto.FLOAT, [4], [0.0] * 4)
    weight.ClearField("float_data")
    weight.data_location = TensorProto.EXTERNAL
    for key, value in (("location", "../secret.bin"), ("offset", "0"), ("length", "16")):
        entry = weight.external_data.add()
        entry.key, entry.value = key, value
    graph = helper.make_graph(
        [helper.make_node("Identity", ["w"], ["logits"])],
        "g",
        [],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, [4])],
        [weight],
    )
    model = helper.make_model(graph)
    helper.set_model_props(model, {WEIGHTS_KEY: "{}"})
    copy = _copy(folder, tmp_path)
    save(model, str(copy / GRAPH_FILE))
    for quantize in (None, "int8"):
        with pytest.raises(ModelError, match="reads its data from the file '../secret.bin'"):
            QuoteAttributor.from_pretrained(copy, quantize=quantize)
    assert _cli(copy, tmp_path) == 2
    assert "secret.bin" in capsys.readouterr().err


def test_a_missing_model_folder_is_named(tmp_path, capsys):
    assert _cli(tmp_path / "nonexistent", tmp_path) == 2
    assert "nonexistent: no such model folder" in capsys.readouterr().err
