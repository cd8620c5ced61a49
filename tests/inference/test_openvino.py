"""The OpenVINO backend: the folder's graph (or its export) on OpenVINO, fp32 as torch and
bf16 close to it, chosen automatically only on a bf16 CPU without PyTorch."""

from __future__ import annotations

import sys

import numpy as np
import pytest
import torch
from tiny_models import save_tiny_classifier
from transformers import AutoModelForTokenClassification

from quoteattr.extras import MissingDependency
from quoteattr.inference.attributor import QuoteAttributor
from quoteattr.inference.auto import choose_backend, recorded_f1
from quoteattr.inference.onnx_export import export_onnx, write_graph
from quoteattr.inference.onnx_graph import GRAPH_FILE
from quoteattr.inference.openvino_runtime import OpenVinoTokenClassifier

pytest.importorskip("openvino")

TEXTS = ["“We will win,” she said, “and soon.”", "Critics said the plan would fail."]
AMX = frozenset({"avx2", "avx512f", "avx512_vnni", "avx512_bf16", "amx_bf16", "amx_tile"})
F1 = {"float32": 0.7954, "int8": 0.7938, "bfloat16": 0.7965, "openvino": 0.7959}
NO_OPENVINO_F1 = {k: v for k, v in F1.items() if k != "openvino"}


@pytest.fixture(autouse=True)
def _own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("QUOTEATTR_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("QUOTEATTR_BACKEND", raising=False)


@pytest.fixture
def folder(wordpiece_tokenizer, tmp_path):
    return save_tiny_classifier(wordpiece_tokenizer, tmp_path / "model", distinct=True)


def logits_of(folder, runner):
    """Torch's logits and ``runner``'s on the same uneven batch, real tokens only."""
    model = AutoModelForTokenClassification.from_pretrained(folder).eval()
    generator = torch.Generator().manual_seed(1)
    ids = torch.randint(5, model.config.vocab_size, (3, 21), generator=generator)
    mask = torch.ones_like(ids)
    mask[1, 15:], mask[2, 7:] = 0, 0
    with torch.inference_mode():
        ours = model(input_ids=ids, attention_mask=mask).logits[mask.bool()].numpy()
    theirs = runner.logits(ids.numpy(), mask.numpy())
    assert theirs.dtype == np.float32 and theirs.shape == (3, 21, model.config.num_labels)
    return ours, theirs[mask.bool().numpy()]


def test_a_folders_graph_runs_on_openvino_as_on_torch(folder, tmp_path):
    write_graph(folder, tmp_path / "export")
    ours, fp32 = logits_of(folder, OpenVinoTokenClassifier.from_graph(folder))
    assert np.abs(ours - fp32).max() < 1e-4
    ours, bf16 = logits_of(folder, OpenVinoTokenClassifier.from_graph(folder, dtype="bfloat16"))
    assert np.abs(ours - bf16).max() < 0.1
    assert (ours.argmax(-1) == bf16.argmax(-1)).mean() > 0.9


def test_an_export_runs_on_openvino(folder, tmp_path):
    entry = export_onnx(folder, tmp_path / "export")
    ours, theirs = logits_of(folder, OpenVinoTokenClassifier.from_export(entry))
    assert np.abs(ours - theirs).max() < 1e-4
    with pytest.raises(ValueError, match="float32 or bfloat16, not float16"):
        OpenVinoTokenClassifier.from_export(entry, dtype="float16")


@pytest.mark.parametrize("with_graph", [True, False])
def test_the_attributor_predicts_on_openvino_as_on_onnx_runtime(folder, tmp_path, with_graph):
    if with_graph:
        write_graph(folder, tmp_path / "export")
    openvino = QuoteAttributor.from_pretrained(folder, device="cpu", backend="openvino")
    onnx = QuoteAttributor.from_pretrained(folder, device="cpu", backend="onnx")
    assert (openvino.backend, onnx.backend) == ("openvino", "onnx")
    assert openvino.model.dtype == "float32" and (folder / GRAPH_FILE).exists() == with_graph
    got, expected = openvino.predict(TEXTS * 3), onnx.predict(TEXTS * 3)
    assert sum(map(len, expected)) > 0
    assert [[(a.quote, a.cue, a.speaker) for a in r] for r in got] == [
        [(a.quote, a.cue, a.speaker) for a in r] for r in expected
    ]
    bf16 = QuoteAttributor.from_pretrained(folder, backend="openvino", dtype="bfloat16")
    assert bf16.model.dtype == "bfloat16"


@pytest.mark.parametrize(
    ("torch_installed", "openvino", "f1", "job_chars", "expected"),
    [
        (True, True, F1, None, ("torch", "bfloat16", None)),  # a job of unknown size
        (True, True, F1, 2_000_000, ("torch", "bfloat16", None)),  # long: faster batches
        (True, True, F1, 500_000, ("openvino", "bfloat16", None)),  # medium: starts sooner
        (True, True, F1, 20_000, ("onnx", None, None)),  # short: starts soonest
        (True, True, {**F1, "openvino": 0.790}, 500_000, ("torch", "bfloat16", None)),
        (False, True, F1, None, ("openvino", "bfloat16", None)),
        (False, True, F1, 2_000_000, ("openvino", "bfloat16", None)),
        (False, True, {**F1, "openvino": 0.790}, None, ("onnx", None, "int8")),  # too lossy
        (False, True, NO_OPENVINO_F1, None, ("onnx", None, "int8")),
        (False, False, F1, 500_000, ("onnx", None, "int8")),
    ],
)
def test_openvino_is_chosen_on_a_bf16_cpu_for_medium_jobs_or_without_pytorch(
    torch_installed, openvino, f1, job_chars, expected
):
    choice = choose_backend(None, "cpu", None, None, flags=AMX, f1=f1, torch=torch_installed,
                            openvino=openvino, job_chars=job_chars)  # fmt: skip
    assert (choice.backend, choice.dtype, choice.quantize) == expected
    avx2 = choose_backend(None, "cpu", None, None, flags=frozenset({"avx2"}), f1=F1, torch=False,
                          openvino=openvino, job_chars=job_chars)  # fmt: skip
    assert avx2.backend == "onnx"  # no bf16 on this CPU: OpenVINO would run fp32


def test_openvino_f1_is_read_from_scores(tmp_path):
    (tmp_path / "scores.json").write_text(
        '{"dev": {"attribution": {"f1": 0.79}}, "dev_openvino": {"attribution": {"f1": 0.789}}}'
    )
    assert recorded_f1(tmp_path) == {"float32": 0.79, "openvino": 0.789}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("openvino", "cuda", None, None), "openvino backend runs on the CPU"),
        (("openvino", "cpu", "float16", None), "float32 or bfloat16, not cpu float16"),
        (("openvino", "cpu", None, "int8"), "runs on the onnx backend, not openvino"),
    ],
)
def test_impossible_openvino_paths_are_errors(args, message):
    with pytest.raises(ValueError, match=message):
        choose_backend(*args)


def test_without_openvino_the_backend_says_what_to_install(folder, monkeypatch):
    monkeypatch.setitem(sys.modules, "openvino", None)
    with pytest.raises(MissingDependency, match=r"pip install 'quoteattr\[openvino\]'"):
        QuoteAttributor.from_pretrained(folder, backend="openvino")
    choice = choose_backend(None, "cpu", None, None, flags=AMX, f1=F1, torch=False)
    assert choice.backend == "onnx"  # looked up: not installed, never chosen
