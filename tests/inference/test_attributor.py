"""QuoteAttributor with tiny random models: loading rules, predict shape and offsets."""

from __future__ import annotations

import json
import re

import pytest
import torch
from tiny_models import save_tiny_classifier

import quoteattr
from quoteattr.inference.attributor import InputError, ModelError, QuoteAttributor

TEXTS = [
    "“We will win,” said Jane Smith, the mayor. Critics said the plan would fail.",
    "",
    "   \n\t ",
    "No quotes here at all, just a sentence about the weather in Paris. " * 20,
]


@pytest.fixture(params=["wordpiece", "bpe"])
def model_dir(request, tmp_path):
    tokenizer = request.getfixturevalue(f"{request.param}_tokenizer")
    return save_tiny_classifier(tokenizer, tmp_path / request.param)


def _check_offsets(text, attributions):
    for a in attributions:
        for span in a.spans():
            assert text[span.start : span.end] == span.text
            assert span.text == span.text.strip()


def test_predict_returns_one_list_per_text_with_exact_offsets(model_dir):
    attributor = QuoteAttributor.from_pretrained(model_dir)
    results = attributor.predict(TEXTS, batch_size=3)
    assert len(results) == len(TEXTS)
    for text, attributions in zip(TEXTS, results):
        _check_offsets(text, attributions)
    assert results[1] == [] and results[2] == []


def test_single_string_gives_a_list_of_one(model_dir):
    attributor = QuoteAttributor.from_pretrained(model_dir)
    assert attributor.predict(TEXTS[0]) == attributor.predict([TEXTS[0]])


def test_batching_and_windowing_do_not_change_results(model_dir):
    attributor = QuoteAttributor.from_pretrained(model_dir)
    together = attributor.predict(TEXTS, batch_size=16)
    one_by_one = [attributor.predict(t, batch_size=1)[0] for t in TEXTS]
    assert _spans(together) == _spans(one_by_one)


def _spans(results):
    return [[(a.quote, a.cue, a.speaker) for a in r] for r in results]


def test_module_level_predict_loads_by_path(model_dir):
    direct = QuoteAttributor.from_pretrained(model_dir).predict(TEXTS[:1])
    assert quoteattr.predict(TEXTS[:1], model=str(model_dir)) == direct


def test_save_and_reload_round_trip(model_dir, tmp_path):
    attributor = QuoteAttributor.from_pretrained(model_dir, backend="torch", max_distance=40)
    attributor.encode(["a text"])  # windows, then a save: no truncation state is saved
    attributor.tokenizer("x", truncation=True, max_length=8)  # as transformers leaves it
    attributor.save_pretrained(tmp_path / "copy")
    tokenizer_json = json.loads((tmp_path / "copy" / "tokenizer.json").read_text())
    assert tokenizer_json["truncation"] is None and tokenizer_json["padding"] is None
    saved = json.loads((tmp_path / "copy" / "config.json").read_text())
    assert saved["quoteattr"]["decoding"]["max_distance"] == 40
    assert saved["id2label"]["1"] == "B-CUE"
    assert (tmp_path / "copy" / "model.safetensors").exists()
    reloaded = QuoteAttributor.from_pretrained(tmp_path / "copy", backend="torch")
    assert reloaded.settings == attributor.settings
    assert reloaded.predict(TEXTS) == attributor.predict(TEXTS)
    with pytest.raises(ModelError, match="load it with backend='torch'"):
        QuoteAttributor.from_pretrained(model_dir, device="cpu").save_pretrained(tmp_path / "x")


def test_hub_arguments_are_passed_on(model_dir, tmp_path, monkeypatch):
    seen = {}
    from transformers import AutoModelForTokenClassification

    original = AutoModelForTokenClassification.from_pretrained

    def spy(name, **kwargs):
        seen.update(kwargs)
        return original(name, **kwargs)

    monkeypatch.setattr(AutoModelForTokenClassification, "from_pretrained", spy)
    QuoteAttributor.from_pretrained(
        model_dir, revision="main", cache_dir=tmp_path, token=False, backend="torch"
    )
    assert seen["revision"] == "main" and seen["cache_dir"] == tmp_path
    assert seen["use_safetensors"] is True and seen["trust_remote_code"] is False


def test_refuses_pickle_weights(model_dir):
    weights = model_dir / "model.safetensors"
    from safetensors.torch import load_file

    torch.save(load_file(weights), model_dir / "pytorch_model.bin")
    weights.unlink()
    with pytest.raises(ModelError, match="cannot load"):
        QuoteAttributor.from_pretrained(model_dir)


def test_refuses_labels_of_another_scheme(wordpiece_tokenizer, tmp_path):
    folder = save_tiny_classifier(wordpiece_tokenizer, tmp_path / "m")
    config = json.loads((folder / "config.json").read_text())
    config["id2label"] = {str(i): f"LABEL_{i}" for i in range(len(config["id2label"]))}
    (folder / "config.json").write_text(json.dumps(config))
    with pytest.raises(ModelError, match="match no quoteattr scheme"):
        QuoteAttributor.from_pretrained(folder)


def test_refuses_slow_tokenizer(model_dir):
    attributor = QuoteAttributor.from_pretrained(model_dir)

    class Slow:
        is_fast = False

    with pytest.raises(ModelError, match="fast tokenizer"):
        QuoteAttributor(attributor.model, Slow())


def test_limits_give_clear_errors(model_dir):
    attributor = QuoteAttributor.from_pretrained(model_dir, max_article_chars=100)
    with pytest.raises(InputError, match="text 1 has 101 characters"):
        attributor.predict(["ok", "x" * 101])
    with pytest.raises(InputError, match="not a str"):
        attributor.predict(["ok", None])
    with pytest.raises(ValueError, match="batch_size"):
        attributor.predict(["ok"], batch_size=0)


def test_texts_of_the_wrong_kind_are_named(model_dir):
    attributor = QuoteAttributor.from_pretrained(model_dir)
    with pytest.raises(InputError, match="not bytes: decode them first"):
        attributor.predict("“Yes,” she said.".encode())
    with pytest.raises(InputError, match="a str or a list of str, not a NoneType"):
        attributor.predict(None)
    with pytest.raises(InputError, match="not one str"):
        next(attributor.predict_iter("“Yes,” she said."))
    generated = attributor.predict((t for t in TEXTS), progress=True)  # a generator will do
    assert generated == attributor.predict(TEXTS)


def test_int8_quantized_model_predicts(model_dir):
    attributor = QuoteAttributor.from_pretrained(model_dir, quantize="int8")
    results = attributor.predict(TEXTS)
    for text, attributions in zip(TEXTS, results):
        _check_offsets(text, attributions)


@pytest.mark.gpu
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")
def test_gpu_predicts_as_the_cpu_does(model_dir):
    gpu = QuoteAttributor.from_pretrained(model_dir)  # a GPU is taken when there is one
    cpu = QuoteAttributor.from_pretrained(model_dir, device="cpu")
    assert gpu.device.startswith("cuda") and cpu.device == "cpu"
    windows = cpu.encode(TEXTS)
    for a, b in zip(cpu.window_logits(windows, 4), gpu.window_logits(windows, 4), strict=True):
        assert a.shape == b.shape and abs(a - b).max() < 1e-3
    assert _spans(gpu.predict(TEXTS)) == _spans(cpu.predict(TEXTS))


def test_no_model_argument_loads_the_shipped_model(model_dir, monkeypatch):
    import quoteattr.inference.attributor as inference

    monkeypatch.setattr(inference, "DEFAULT_MODEL", model_dir)
    monkeypatch.setattr(inference, "_CACHE", {})
    expected = QuoteAttributor.from_pretrained(model_dir).predict(TEXTS[:1])
    assert QuoteAttributor.from_pretrained().predict(TEXTS[:1]) == expected
    assert quoteattr.predict(TEXTS[:1]) == expected


@pytest.mark.parametrize(
    ("setting", "message"),
    [({"min_score": 5}, "min_score must be in [0, 1)"), ({"stride": 200}, "stride"),
     ({"colour": "red"}, "unknown settings: ['colour']")],
)  # fmt: skip
def test_bad_settings_are_refused_when_loading(model_dir, setting, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        QuoteAttributor.from_pretrained(model_dir, **setting)


def test_bad_saved_settings_name_the_config(model_dir):
    config = json.loads((model_dir / "config.json").read_text())
    config["quoteattr"]["min_score"] = 5
    (model_dir / "config.json").write_text(json.dumps(config))
    with pytest.raises(ModelError, match="config.json 'quoteattr'.*min_score"):
        QuoteAttributor.from_pretrained(model_dir)


def test_predict_iter_streams_a_generator_in_chunks(model_dir, monkeypatch):
    attributor = QuoteAttributor.from_pretrained(model_dir)
    expected = attributor.predict(TEXTS * 3)
    encoded = []
    encode = attributor.encode
    monkeypatch.setattr(
        attributor, "encode", lambda texts: encoded.append(len(texts)) or encode(texts)
    )
    stream = attributor.predict_iter((t for t in TEXTS * 3), chunk_size=5)
    assert next(stream) == expected[0] and encoded == [5]  # only the first chunk so far
    assert [expected[0], *stream] == expected and encoded == [5, 5, 2]


def test_predict_iter_names_a_bad_text_by_position(model_dir):
    attributor = QuoteAttributor.from_pretrained(model_dir)
    with pytest.raises(InputError, match="text 6 is a int"):
        list(attributor.predict_iter([*TEXTS, "fine", "fine", 7], chunk_size=4))


def test_progress_bar_goes_to_stderr(model_dir, capsys):
    QuoteAttributor.from_pretrained(model_dir).predict(TEXTS, progress=True)
    assert "4/4" in capsys.readouterr().err


def test_dtype_and_device_are_checked(model_dir):
    with pytest.raises(ValueError, match="dtype must be one of"):
        QuoteAttributor.from_pretrained(model_dir, dtype="int4")
    if not torch.cuda.is_available():
        with pytest.raises(ValueError, match="no CUDA device"):
            QuoteAttributor.from_pretrained(model_dir, device="cuda")
    model = QuoteAttributor.from_pretrained(model_dir, device="cpu", dtype="bfloat16").model
    assert next(model.parameters()).dtype == torch.bfloat16


def test_dtype_and_device_take_what_transformers_takes(model_dir):
    model = QuoteAttributor.from_pretrained(model_dir, device=-1, dtype=torch.bfloat16).model
    assert next(model.parameters()).dtype == torch.bfloat16
    assert QuoteAttributor.from_pretrained(model_dir, device=torch.device("cpu")).device == "cpu"
    with pytest.raises(ValueError, match="dtype must be one of"):
        QuoteAttributor.from_pretrained(model_dir, dtype=torch.int8)
    with pytest.raises(ValueError, match="device must be"):
        QuoteAttributor.from_pretrained(model_dir, device=1.5)
    if not torch.cuda.is_available():
        with pytest.raises(ValueError, match="'cuda:0' asked for"):
            QuoteAttributor.from_pretrained(model_dir, device=0)


@pytest.mark.parametrize("name", ["runs/my-model", "./my-model", "a/b/c"])
def test_a_missing_local_folder_is_not_taken_for_a_hub_id(tmp_path, monkeypatch, capsys, name):
    from quoteattr.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "runs").mkdir()
    (tmp_path / "a.txt").write_text("“Yes,” she said.")
    with pytest.raises(ModelError, match=f"{name}: no such model folder"):
        QuoteAttributor.from_pretrained(name)
    assert main(["predict", "a.txt", "--model", name]) == 2
    assert "no such model folder" in capsys.readouterr().err
