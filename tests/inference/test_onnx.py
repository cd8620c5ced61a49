"""ONNX export and int8 quantization of tiny random token classifiers (BERT, RoBERTa, MPNet)."""

from __future__ import annotations

import json
import os
import shutil
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
import torch
from safetensors.numpy import load_file
from tiny_models import TINY, save_tiny_classifier
from transformers import AutoModelForTokenClassification, MPNetConfig

from quoteattr.inference import onnx_export
from quoteattr.inference.attributor import ModelError, QuoteAttributor
from quoteattr.inference.onnx_export import (
    MANIFEST_FILE,
    cache_key,
    default_cache_dir,
    export_onnx,
    export_settings,
    write_graph,
)
from quoteattr.inference.onnx_graph import FP32_FILE, GRAPH_FILE, INT8_FILE, GraphError
from quoteattr.inference.onnx_runtime import OnnxTokenClassifier

TEXTS = ["“We will win,” she said, “and soon.”", "Critics said the plan would fail."]


def test_missing_onnxruntime_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # makes `import onnxruntime` fail
    with pytest.raises(ImportError, match=r"needs onnxruntime.*pip install -U quoteattr"):
        export_onnx(tmp_path / "model", tmp_path / "cache")
    with pytest.raises(ImportError, match="needs onnxruntime"):
        OnnxTokenClassifier(tmp_path / "model.onnx", config=None)


def test_default_cache_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("QUOTEATTR_CACHE", str(tmp_path / "qa"))
    assert default_cache_dir() == tmp_path / "qa" / "onnx"
    monkeypatch.delenv("QUOTEATTR_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "quoteattr" / "onnx"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert default_cache_dir() == Path.home() / ".cache" / "quoteattr" / "onnx"


def random_batches(vocab_size: int, pad: int) -> list[tuple[torch.Tensor, torch.Tensor]]:
    """Shapes unlike the export example's (2 x 16), rows padded at the end with ``pad``."""
    generator = torch.Generator().manual_seed(1)
    batches = []
    for rows, width in [(1, 5), (3, 40), (5, 17)]:
        ids = torch.randint(5, vocab_size, (rows, width), generator=generator)
        mask = torch.ones_like(ids)
        for row in range(1, rows):
            mask[row, width - 2 * row :] = 0
        batches.append((ids.masked_fill(mask == 0, pad), mask))
    return batches


def torch_and_onnx(model, entry: Path, int8: bool):
    """Logits of the torch model and of the ONNX file, on real tokens only."""
    return torch_and(model, OnnxTokenClassifier.from_export(entry, int8=int8))


def torch_and(model, onnx_model: OnnxTokenClassifier):
    """Logits of the torch model and of ``onnx_model``, on real tokens only."""
    pad = model.config.pad_token_id or 0
    ours, theirs = [], []
    for ids, mask in random_batches(model.config.vocab_size, pad):
        with torch.inference_mode():
            ours.append(model(input_ids=ids, attention_mask=mask).logits[mask.bool()])
        logits = onnx_model.logits(ids.numpy(), mask.numpy())
        assert logits.dtype == np.float32
        assert logits.shape == (*ids.shape, model.config.num_labels)
        theirs.append(logits[mask.bool().numpy()])
    return torch.cat(ours).numpy(), np.concatenate(theirs)


@pytest.fixture(scope="module")
def bert_folder(tmp_path_factory, wordpiece_tokenizer) -> Path:
    return save_tiny_classifier(wordpiece_tokenizer, tmp_path_factory.mktemp("bert"))


def export_without_warnings(model, cache_dir: Path, **kwargs) -> Path:
    """``export_onnx`` with every warning an error: none may come from this path."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return export_onnx(model, cache_dir, **kwargs)


@pytest.fixture(scope="module")
def bert_entry(bert_folder, tmp_path_factory) -> Path:
    return export_without_warnings(bert_folder, tmp_path_factory.mktemp("cache"))


@pytest.mark.parametrize("kind", ["bert", "roberta", "mpnet"])
def test_fp32_matches_torch_and_int8_is_close(
    kind, bert_folder, bert_entry, bpe_tokenizer, wordpiece_tokenizer, tmp_path
):
    if kind == "bert":
        model, entry = AutoModelForTokenClassification.from_pretrained(bert_folder), bert_entry
    else:
        torch.manual_seed(0)
        if kind == "roberta":
            folder = save_tiny_classifier(bpe_tokenizer, tmp_path / "roberta")
            model = AutoModelForTokenClassification.from_pretrained(folder)
        else:  # MPNet: no MPNet tokenizer here, and the ids are random anyway
            config = MPNetConfig(
                vocab_size=len(wordpiece_tokenizer), max_position_embeddings=130, **TINY
            )
            config.num_labels = 5
            model = AutoModelForTokenClassification.from_config(config)
        entry = export_without_warnings(model.eval(), tmp_path / "cache")
    ours, fp32 = torch_and_onnx(model.eval(), entry, int8=False)
    assert np.abs(ours - fp32).max() < 1e-4
    ours, int8 = torch_and_onnx(model, entry, int8=True)
    assert np.abs(ours - int8).max() < 0.05
    assert (ours.argmax(-1) == int8.argmax(-1)).mean() > 0.9
    assert not np.allclose(ours, int8, atol=1e-6)  # the weights really are quantized


@pytest.mark.parametrize(
    ("machine", "cpuinfo", "expected"),
    [
        ("x86_64", "flags : fpu avx2 fma", True),  # AVX2 alone: u8 x s8 pairs saturate int16
        ("x86_64", "flags : fpu avx2 avx512f avx512_vnni", False),
        ("x86_64", "flags : fpu avx2 avx_vnni", False),
        ("aarch64", "Features : fp asimd", False),
    ],
)
def test_int8_saturates_follows_the_cpu(machine, cpuinfo, expected, monkeypatch, tmp_path):
    info = tmp_path / "cpuinfo"
    info.write_text(cpuinfo)
    monkeypatch.setattr(onnx_export.platform, "machine", lambda: machine)
    real_path = onnx_export.Path
    monkeypatch.setattr(
        onnx_export, "Path", lambda p, *a: info if p == "/proc/cpuinfo" else real_path(p, *a)
    )
    assert onnx_export.int8_saturates() is expected


def test_per_tensor_is_a_separate_entry(bert_folder, bert_entry):
    per_tensor = export_onnx(bert_folder, bert_entry.parent, per_channel=False)
    assert per_tensor != bert_entry
    model = AutoModelForTokenClassification.from_pretrained(bert_folder)
    ours, int8 = torch_and_onnx(model.eval(), per_tensor, int8=True)
    assert (ours.argmax(-1) == int8.argmax(-1)).mean() > 0.9
    channel = (bert_entry / INT8_FILE).read_bytes()
    assert (per_tensor / INT8_FILE).read_bytes() != channel


def test_second_call_is_a_cache_hit(bert_folder, bert_entry, monkeypatch):
    stamps = {p.name: p.stat().st_mtime_ns for p in bert_entry.iterdir()}

    def no_export(*args, **kwargs):
        raise AssertionError("exported again despite a complete cache entry")

    monkeypatch.setattr(onnx_export, "_export_onnx", no_export)
    assert export_onnx(bert_folder, bert_entry.parent) == bert_entry
    assert {p.name: p.stat().st_mtime_ns for p in bert_entry.iterdir()} == stamps


def test_the_key_follows_weights_config_and_settings(bert_folder, tmp_path, monkeypatch):
    settings = export_settings()
    model = AutoModelForTokenClassification.from_pretrained(bert_folder)
    key = cache_key(model, settings)
    assert cache_key(model, dict(settings)) == key
    assert cache_key(model, export_settings(per_channel=False)) != key
    # A CPU whose int8 kernels saturate gets 7-bit weights, in an entry of their own.
    saturates = onnx_export.int8_saturates()
    monkeypatch.setattr(onnx_export, "int8_saturates", lambda: not saturates)
    assert export_settings()["int8"]["reduce_range"] is (not saturates)
    assert cache_key(model, export_settings()) != key
    # Labels and quoteattr's settings are read from the model folder, not the export.
    model.config.id2label = {**model.config.id2label, 0: "renamed"}
    model.config.quoteattr = {"min_score": 0.3}
    assert cache_key(model, settings) == key
    with torch.no_grad():
        model.classifier.bias.add_(1.0)
    assert cache_key(model, settings) != key
    copy = tmp_path / "copy"
    shutil.copytree(bert_folder, copy)
    assert cache_key(copy, settings) == cache_key(bert_folder, settings)
    config = json.loads((copy / "config.json").read_text())
    (copy / "config.json").write_text(json.dumps({**config, "classifier_dropout": 0.5}))
    assert cache_key(copy, settings) != cache_key(bert_folder, settings)


def test_the_key_follows_the_folders_own_graph(bert_folder, tmp_path):
    """The int8 entry of a folder with a graph is quantized from that graph: another graph
    with the same weights must never share (and poison) its entry."""
    settings = export_settings()
    copy = tmp_path / "copy"
    shutil.copytree(bert_folder, copy)
    without = cache_key(copy, settings)
    (copy / GRAPH_FILE).write_bytes(b"graph one")
    one = cache_key(copy, settings)
    (copy / GRAPH_FILE).write_bytes(b"graph two")
    assert len({without, one, cache_key(copy, settings)}) == 3


@pytest.mark.parametrize("damage", ["truncate", "no_manifest", "flipped", "random"])
def test_a_broken_entry_is_rebuilt(damage, bert_folder, bert_entry, tmp_path):
    entry = tmp_path / bert_entry.name
    entry.mkdir()
    if damage in ("truncate", "flipped", "random"):
        for path in bert_entry.iterdir():
            (entry / path.name).write_bytes(path.read_bytes())
        data = (entry / INT8_FILE).read_bytes()
        if damage == "truncate":
            data = data[: len(data) // 2]
        elif damage == "flipped":  # a few bytes inside: same size, a different model
            middle = len(data) // 2
            data = (
                data[:middle]
                + bytes(b ^ 0xFF for b in data[middle : middle + 8])
                + data[middle + 8 :]
            )
        else:  # same size, nothing but noise
            data = np.random.default_rng(0).bytes(len(data))
        (entry / INT8_FILE).write_bytes(data)
    elif damage == "no_manifest":
        (entry / FP32_FILE).write_bytes((bert_entry / FP32_FILE).read_bytes())
    assert export_onnx(bert_folder, tmp_path) == entry
    assert (entry / INT8_FILE).read_bytes() == (bert_entry / INT8_FILE).read_bytes()
    assert (entry / MANIFEST_FILE).is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == [entry.name]  # nothing left beside


def test_an_interrupted_export_leaves_no_entry(bert_folder, tmp_path, monkeypatch):
    def crash(model, path: Path) -> None:
        path.write_bytes(b"half a model")
        raise KeyboardInterrupt

    monkeypatch.setattr(onnx_export, "_export_onnx", crash)
    with pytest.raises(KeyboardInterrupt):
        export_onnx(bert_folder, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_folder_without_weights_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="needs config.json and \\*.safetensors"):
        export_onnx(tmp_path, tmp_path / "cache")


def test_load_and_run_without_warnings_on_all_cores_by_default(bert_entry):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        model = OnnxTokenClassifier.from_export(bert_entry, threads=1)
        ids = np.array([[2, 10, 11, 3]])
        logits = model.logits(ids, np.ones_like(ids))
    assert logits.shape == (1, 4, len(model.config.id2label))
    assert model.eval() is model and model.device == "cpu"
    assert model.session.get_session_options().intra_op_num_threads == 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    options = OnnxTokenClassifier.from_export(bert_entry).session.get_session_options()
    assert options.intra_op_num_threads == cores


def test_quote_attributor_int8_runs_on_onnx(bert_folder, tmp_path, monkeypatch):
    monkeypatch.setenv("QUOTEATTR_CACHE", str(tmp_path))
    fp32 = QuoteAttributor.from_pretrained(bert_folder, device="cpu", backend="torch")
    int8 = QuoteAttributor.from_pretrained(bert_folder, quantize="int8")
    assert isinstance(int8.model, OnnxTokenClassifier) and int8.device == "cpu"
    assert int8.settings == fp32.settings and int8.labels == fp32.labels
    windows = fp32.encode(TEXTS)
    ours = np.concatenate(fp32.window_logits(windows, batch_size=2))
    theirs = np.concatenate(int8.window_logits(windows, batch_size=2))
    assert ours.shape == theirs.shape
    assert (ours.argmax(-1) == theirs.argmax(-1)).mean() > 0.9
    for text, attributions in zip(TEXTS, int8.predict(TEXTS)):
        for a in attributions:
            assert all(text[s.start : s.end] == s.text for s in a.quote)
    monkeypatch.setattr(onnx_export, "_export_onnx", None)  # a second export would fail
    assert QuoteAttributor.from_pretrained(bert_folder, quantize="int8").labels == fp32.labels
    assert [p.parent for p in tmp_path.glob("onnx/*/model-int8.onnx")] == [int8.model.path.parent]
    with pytest.raises(ModelError, match="cannot be saved"):
        int8.save_pretrained(tmp_path / "saved")


@pytest.mark.parametrize("name", ["wordpiece", "bpe"])
def test_the_default_cpu_backend_is_onnx_and_predicts_as_torch_does(
    request, name, tmp_path, monkeypatch
):
    monkeypatch.setenv("QUOTEATTR_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("QUOTEATTR_BACKEND", raising=False)
    tokenizer = request.getfixturevalue(f"{name}_tokenizer")
    folder = save_tiny_classifier(tokenizer, tmp_path / "model", max_length=16, stride=4)
    onnx = QuoteAttributor.from_pretrained(folder, device="cpu")
    reference = QuoteAttributor.from_pretrained(folder, device="cpu", backend="torch")
    assert (onnx.backend, reference.backend) == ("onnx", "torch")
    windows = reference.encode(TEXTS * 3)
    ours = np.concatenate(reference.window_logits(windows, batch_size=4))
    theirs = np.concatenate(onnx.window_logits(windows, batch_size=4))
    assert np.abs(ours - theirs).max() < 1e-4
    got, expected = onnx.predict(TEXTS * 3), reference.predict(TEXTS * 3)
    assert sum(map(len, expected)) > 0

    def spans(results):
        return [[(a.quote, a.cue, a.speaker, a.type) for a in r] for r in results]

    assert spans(got) == spans(expected)
    scores = [a.score for r in expected for a in r]
    assert [a.score for r in got for a in r] == pytest.approx(scores)


def test_models_that_differ_in_settings_share_an_export_and_keep_their_settings(
    wordpiece_tokenizer, tmp_path, monkeypatch
):
    monkeypatch.setenv("QUOTEATTR_CACHE", str(tmp_path / "cache"))
    a = save_tiny_classifier(wordpiece_tokenizer, tmp_path / "a", min_score=0.1)
    b = save_tiny_classifier(wordpiece_tokenizer, tmp_path / "b", min_score=0.7)
    first = QuoteAttributor.from_pretrained(a, device="cpu", backend="onnx")
    second = QuoteAttributor.from_pretrained(b, device="cpu", backend="onnx")
    assert first.model.path == second.model.path
    assert (first.settings.decoding.min_score, second.settings.decoding.min_score) == (0.1, 0.7)


def test_a_hub_id_is_downloaded_then_exported(wordpiece_tokenizer, tmp_path, monkeypatch):
    import huggingface_hub

    monkeypatch.setenv("QUOTEATTR_CACHE", str(tmp_path / "cache"))
    folder = save_tiny_classifier(wordpiece_tokenizer, tmp_path / "snapshot")
    calls = []

    def fake_download(repo_id, **kwargs):
        calls.append((repo_id, kwargs))
        return str(folder)

    monkeypatch.setattr(huggingface_hub, "snapshot_download", fake_download)
    attributor = QuoteAttributor.from_pretrained("org/quotes", revision="v1", device="cpu")
    [(repo_id, kwargs)] = calls
    assert repo_id == "org/quotes" and kwargs["revision"] == "v1"
    assert "*.safetensors" in kwargs["allow_patterns"] and attributor.backend == "onnx"
    assert GRAPH_FILE in kwargs["allow_patterns"]


@pytest.mark.parametrize(
    ("args", "chosen"),
    [
        ((None, "cpu", None, None), "onnx"),
        ((None, "cpu", "float32", "int8"), "onnx"),
        (("torch", "cpu", None, None), "torch"),
        ((None, "cuda", None, None), "torch"),
        ((None, "cpu", "bfloat16", None), "torch"),
    ],
)
def test_backend_choice(args, chosen, monkeypatch):
    from quoteattr.inference.auto import choose_backend

    monkeypatch.delenv("QUOTEATTR_BACKEND", raising=False)
    assert choose_backend(*args, flags=frozenset(), f1={}).backend == chosen


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("torch", "cpu", None, "int8"), "int8' runs on the onnx backend"),
        ((None, "cuda", None, "int8"), "runs on the CPU in float32"),
        (("onnx", "cuda", None, None), "the onnx backend runs on the CPU"),
        (("tensorflow", "cpu", None, None), "backend must be one of"),
    ],
)
def test_impossible_backends_are_errors(args, message):
    from quoteattr.inference.auto import choose_backend

    with pytest.raises(ValueError, match=message):
        choose_backend(*args)


def test_the_environment_sets_the_default_backend(monkeypatch):
    from quoteattr.inference.auto import choose_backend

    monkeypatch.setenv("QUOTEATTR_BACKEND", "torch")
    assert choose_backend(None, "cpu", None, None).backend == "torch"
    assert choose_backend("onnx", "cpu", None, None).backend == "onnx"


TRAINING_PACKAGES = ("torch", "transformers", "datasets", "accelerate", "onnxscript", "seqeval")


def cli_predict_in_a_process(tmp_path: Path, *options: str, absent: Sequence[str] = ()):
    """``quoteattr predict`` of one short article in a fresh process with its own cache,
    the packages ``absent`` made unimportable (as in ``pip install quoteattr``); stderr ends
    with whether torch and transformers were imported."""
    import subprocess

    article = tmp_path / "a.txt"
    article.write_text(TEXTS[0], encoding="utf-8")
    env = {**os.environ, "QUOTEATTR_CACHE": str(tmp_path / "cache")}
    env.pop("QUOTEATTR_BACKEND", None)
    args = ["predict", str(article), *options]  # not -q: that hides the export's warning
    script = (
        f"import sys; sys.modules.update(dict.fromkeys({list(absent)!r})); "
        f"from quoteattr.cli import main; code = main({args!r}); "
        "print('torch' in sys.modules, 'transformers' in sys.modules, file=sys.stderr); "
        "sys.exit(code)"
    )
    return subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)


@pytest.mark.slow
def test_predicting_from_a_cached_export_never_imports_torch(bert_folder, tmp_path):
    """The fast start: a CLI run that finds the export cached loads neither torch nor
    transformers (importing them alone takes seconds)."""
    runs = [cli_predict_in_a_process(tmp_path, "--model", str(bert_folder)) for _ in range(2)]
    assert [r.returncode for r in runs] == [0, 0], runs[0].stderr[-2000:]
    built = "building the ONNX Runtime files"
    assert built in runs[0].stderr and "True True" in runs[0].stderr
    assert built not in runs[1].stderr and "False False" in runs[1].stderr
    assert runs[0].stdout == runs[1].stdout and json.loads(runs[1].stdout)["id"] == "a"


def test_an_unwritable_cache_falls_back_to_torch_unless_onnx_is_needed(
    bert_folder, tmp_path, monkeypatch, caplog
):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("QUOTEATTR_CACHE", str(blocker / "cache"))  # mkdir fails, even as root
    monkeypatch.delenv("QUOTEATTR_BACKEND", raising=False)
    with caplog.at_level("WARNING"):
        attributor = QuoteAttributor.from_pretrained(bert_folder, device="cpu")
    assert attributor.backend == "torch"
    assert "cannot write the ONNX export cache" in caplog.text and "PyTorch instead" in caplog.text
    assert isinstance(attributor.predict(TEXTS), list)
    for kwargs in ({"quantize": "int8"}, {"backend": "onnx"}):
        with pytest.raises(ModelError, match="set QUOTEATTR_CACHE to a writable folder"):
            QuoteAttributor.from_pretrained(bert_folder, device="cpu", **kwargs)


def test_a_folders_graph_runs_whatever_weights_the_folder_holds(wordpiece_tokenizer, tmp_path):
    folder = save_tiny_classifier(wordpiece_tokenizer, tmp_path / "model", distinct=True)
    path = write_graph(folder, tmp_path / "cache")
    assert path == folder / GRAPH_FILE
    import onnx

    floats = [t for t in onnx.load(str(path), load_external_data=False).graph.initializer
              if t.data_type == onnx.TensorProto.FLOAT]  # fmt: skip
    held = [t.name for t in floats if t.data_location != onnx.TensorProto.EXTERNAL]
    assert all(np.prod(t.dims) == 1 for t in floats if t.name in held)  # scalars only
    assert len(floats) - len(held) == len(load_file(folder / "model.safetensors"))
    model = AutoModelForTokenClassification.from_pretrained(folder).eval()
    ours, fp32 = torch_and(model, OnnxTokenClassifier.from_graph(folder))
    assert np.abs(ours - fp32).max() < 1e-4
    # new weights of the same shapes (a model trained further): the graph runs them
    with torch.no_grad():
        for p in model.parameters():
            p.add_(torch.randn_like(p) * 0.1)
    model.save_pretrained(folder)
    new, fp32 = torch_and(model, OnnxTokenClassifier.from_graph(folder))
    assert np.abs(new - fp32).max() < 1e-4 and not np.allclose(new, ours, atol=1e-3)


def test_the_int8_entry_of_a_folder_with_a_graph_is_made_without_torch(
    wordpiece_tokenizer, tmp_path, monkeypatch
):
    folder = save_tiny_classifier(wordpiece_tokenizer, tmp_path / "model", distinct=True)
    write_graph(folder, tmp_path / "graph-cache")

    def no_torch(*args):
        raise AssertionError("exported with torch although the folder has a graph")

    monkeypatch.setattr(onnx_export, "_fp32_from_torch", no_torch)
    entry = export_onnx(folder, tmp_path / "cache")
    model = AutoModelForTokenClassification.from_pretrained(folder).eval()
    ours, fp32 = torch_and_onnx(model, entry, int8=False)
    assert np.abs(ours - fp32).max() < 1e-4
    ours, int8 = torch_and_onnx(model, entry, int8=True)
    assert np.abs(ours - int8).max() < 0.05 and not np.allclose(ours, int8, atol=1e-6)


def test_a_graph_needs_every_weight_once_and_every_number_to_be_a_weight(
    bert_folder, wordpiece_tokenizer, tmp_path, monkeypatch
):
    untrained = tmp_path / "untrained"
    shutil.copytree(bert_folder, untrained)
    with pytest.raises(GraphError, match="does not hold each weight once"):
        write_graph(untrained, tmp_path / "cache")  # equal layer norms, merged
    folder = save_tiny_classifier(wordpiece_tokenizer, tmp_path / "model", distinct=True)
    real = onnx_export.safetensors_arrays

    def without_classifier(path):
        return {k: v for k, v in real(path).items() if k != "classifier.weight"}

    monkeypatch.setattr(onnx_export, "safetensors_arrays", without_classifier)
    with pytest.raises(GraphError, match="is no weight"):
        write_graph(folder, tmp_path / "cache")
    assert not (folder / GRAPH_FILE).exists()


@pytest.mark.parametrize(
    ("graph", "message"),
    [("of other labels", "does not fit the weights"), ("broken", "not a quoteattr graph")],
)
def test_a_graph_that_does_not_fit_is_exported_instead(
    graph, message, wordpiece_tokenizer, tmp_path, monkeypatch, caplog
):
    monkeypatch.setenv("QUOTEATTR_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("QUOTEATTR_BACKEND", raising=False)
    other = save_tiny_classifier(wordpiece_tokenizer, tmp_path / "other", scheme="bio")
    folder = save_tiny_classifier(wordpiece_tokenizer, tmp_path / "model", distinct=True)
    write_graph(folder, tmp_path / "graph-cache")
    if graph == "broken":
        (other / GRAPH_FILE).write_bytes((folder / GRAPH_FILE).read_bytes()[:500])
    else:  # bio-linked's 11 labels against bio's 7: other shapes
        shutil.copyfile(folder / GRAPH_FILE, other / GRAPH_FILE)
    with caplog.at_level("WARNING"):
        attributor = QuoteAttributor.from_pretrained(other, device="cpu")
    assert message in caplog.text and "exporting" in caplog.text
    assert attributor.backend == "onnx" and attributor.model.path.name == FP32_FILE
    reference = QuoteAttributor.from_pretrained(other, device="cpu", backend="torch")
    windows = reference.encode(TEXTS)
    ours = np.concatenate(reference.window_logits(windows, batch_size=4))
    theirs = np.concatenate(attributor.window_logits(windows, batch_size=4))
    assert np.abs(ours - theirs).max() < 1e-4


@pytest.mark.slow
def test_the_shipped_model_starts_without_an_export_or_torch(tmp_path):
    """Its graph ships with it: even the first run, with no cache at all, loads neither
    torch nor transformers and writes no ONNX export."""
    run = cli_predict_in_a_process(tmp_path)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "False False" in run.stderr and "building the ONNX Runtime files" not in run.stderr
    assert not (tmp_path / "cache" / "onnx").exists()
    assert json.loads(run.stdout)["attributions"]


@pytest.mark.slow
def test_without_the_torch_extra_the_shipped_model_predicts_and_torch_paths_say_what_to_install(
    tmp_path, wordpiece_tokenizer
):
    run = cli_predict_in_a_process(tmp_path, absent=TRAINING_PACKAGES)
    assert run.returncode == 0, run.stderr[-2000:]
    assert json.loads(run.stdout)["attributions"]
    run = cli_predict_in_a_process(tmp_path, "--backend", "torch", absent=TRAINING_PACKAGES)
    assert run.returncode == 2 and not run.stdout
    assert "torch backend (cpu, float32) needs torch" in run.stderr
    assert "pip install 'quoteattr[torch]'" in run.stderr
    no_graph = save_tiny_classifier(wordpiece_tokenizer, tmp_path / "model")
    run = cli_predict_in_a_process(tmp_path, "--model", str(no_graph), absent=TRAINING_PACKAGES)
    assert run.returncode == 2, run.stderr[-2000:]
    assert "exporting a model to ONNX (a folder without model.graph.onnx) needs" in run.stderr


def test_a_graph_read_once_is_read_again_without_onnx(tmp_path, monkeypatch):
    """``import onnx`` alone takes over a second: the graph's layout is cached by hash."""
    from quoteattr.inference.attributor import DEFAULT_MODEL
    from quoteattr.inference.onnx_graph import read_graph

    monkeypatch.setenv("QUOTEATTR_CACHE", str(tmp_path))
    path, first = read_graph(DEFAULT_MODEL)
    assert len(list((tmp_path / "graphs").glob("*.json"))) == 1
    monkeypatch.setitem(sys.modules, "onnx", None)  # makes `import onnx` fail
    again_path, again = read_graph(DEFAULT_MODEL)
    assert again_path == path and first.keys() == again.keys()
    assert all(np.array_equal(first[k], again[k]) for k in first)
