"""The automatic choice of backend and precision: CPU features, recorded dev F1, pinning."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import pytest
from tiny_models import save_tiny_classifier

from quoteattr.cli import main
from quoteattr.inference import auto
from quoteattr.inference.attributor import QuoteAttributor
from quoteattr.inference.auto import Choice, choose_backend, cpu_info, recorded_f1
from quoteattr.jobs.local import input_size

CLOSE = {"float32": 0.7954, "int8": 0.7938, "bfloat16": 0.7965}
AMX = frozenset({"avx2", "avx512f", "avx512_vnni", "avx512_bf16", "amx_bf16", "amx_tile"})
AVX2 = frozenset({"sse4_2", "avx", "avx2", "fma"})


def choose(flags, f1, job_chars=None, machine="x86_64") -> Choice:
    return choose_backend(None, "cpu", None, None, flags=flags, f1=f1, job_chars=job_chars,
                          machine=machine)  # fmt: skip


@pytest.fixture(autouse=True)
def _no_backend_env(monkeypatch):
    monkeypatch.delenv("QUOTEATTR_BACKEND", raising=False)


@pytest.mark.parametrize(
    ("flags", "f1", "job_chars", "machine", "expected", "because"),
    [
        (AMX, CLOSE, None, "x86_64", ("torch", "bfloat16", None), "amx_bf16"),
        (AMX - {"amx_bf16"}, CLOSE, None, "x86_64", ("torch", "bfloat16", None), "avx512_bf16"),
        (AMX, CLOSE, 2_000, "x86_64", ("onnx", None, None), "short job"),
        (AVX2, CLOSE, 50_000, "x86_64", ("onnx", None, "int8"), "7-bit"),
        (AVX2 | {"avx_vnni"}, CLOSE, None, "x86_64", ("onnx", None, "int8"), "VNNI"),
        # bf16 too lossy: int8 is next
        (AMX, {**CLOSE, "bfloat16": 0.790}, None, "x86_64", ("onnx", None, "int8"), "VNNI"),
        (AVX2, {**CLOSE, "int8": 0.790}, None, "x86_64", ("onnx", None, None), "no recorded int8"),
        (AMX, {"float32": 0.7954}, None, "x86_64", ("onnx", None, None), "no recorded bf16"),
        (AMX, {}, None, "x86_64", ("onnx", None, None), "no recorded bf16"),
        (AVX2 - {"avx2"}, CLOSE, None, "x86_64", ("onnx", None, None), "no recorded int8"),
        (frozenset({"asimd", "fphp"}), CLOSE, None, "aarch64", ("onnx", None, None), "aarch64"),
        # avx2 named by an ARM CPU's flags means nothing there
        (AVX2, CLOSE, None, "aarch64", ("onnx", None, None), "aarch64"),
    ],
)
def test_automatic_choice(flags, f1, job_chars, machine, expected, because):
    choice = choose(flags, f1, job_chars, machine)
    assert (choice.backend, choice.dtype, choice.quantize) == expected
    assert because in choice.reason and choice.automatic


def test_without_pytorch_installed_bf16_is_never_chosen(monkeypatch):
    assert choose(AMX, CLOSE).backend == "torch"  # installed here
    choice = choose_backend(None, "cpu", None, None, flags=AMX, f1=CLOSE, torch=False)
    assert (choice.backend, choice.quantize) == ("onnx", "int8")
    monkeypatch.setitem(sys.modules, "torch", None)  # as if not installed: looked up
    assert choose_backend(None, "cpu", None, None, flags=AMX, f1=CLOSE).backend == "onnx"


def test_a_lossy_precision_needs_fp32_recorded_beside_it():
    assert choose(AMX, {"bfloat16": 0.80, "int8": 0.80}).backend == "onnx"
    assert choose(AMX, {"bfloat16": 0.80, "int8": 0.80}).quantize is None


@pytest.mark.parametrize(
    ("pinned", "expected"),
    [
        (("onnx", "cpu", None, None), ("onnx", None, None)),
        (("torch", "cpu", None, None), ("torch", None, None)),
        ((None, "cpu", "float32", None), ("onnx", "float32", None)),
        ((None, "cpu", "bfloat16", None), ("torch", "bfloat16", None)),
        ((None, "cpu", None, "int8"), ("onnx", None, "int8")),
        (("auto", "cuda", None, None), ("torch", None, None)),
    ],
)
def test_pinning_overrides_the_machine(pinned, expected):
    for flags in (AMX, AVX2):
        choice = choose_backend(*pinned, flags=flags, f1=CLOSE)
        assert (choice.backend, choice.dtype, choice.quantize) == expected
        assert not choice.automatic


def test_the_environment_pins_the_backend(monkeypatch):
    monkeypatch.setenv("QUOTEATTR_BACKEND", "onnx")
    choice = choose_backend("auto", "cpu", None, None, flags=AMX, f1=CLOSE)
    assert (choice.backend, choice.dtype, choice.automatic) == ("onnx", None, False)


def test_cpu_info_reads_model_and_flags(tmp_path):
    x86 = tmp_path / "x86"
    x86.write_text(
        "processor\t: 0\nmodel name\t: Intel(R) Xeon(R) Platinum 8480C\n"
        "flags\t\t: fpu avx2 amx_bf16 avx512_bf16\n\nprocessor\t: 1\nflags\t\t: fpu\n"
    )
    model, flags = cpu_info(x86)
    assert model == "Intel(R) Xeon(R) Platinum 8480C" and flags == {"fpu", "avx2", "amx_bf16",
                                                                    "avx512_bf16"}  # fmt: skip
    arm = tmp_path / "arm"
    arm.write_text("processor\t: 0\nFeatures\t: fp asimd bf16\n")
    assert cpu_info(arm)[1] == {"fp", "asimd", "bf16"}
    assert cpu_info(tmp_path / "missing")[1] == frozenset()


def test_recorded_f1_per_precision(tmp_path):
    def scores(f1):
        return {"attribution": {"f1": f1}}

    (tmp_path / "scores.json").write_text(
        json.dumps({"dev": scores(0.79), "dev_bf16": scores(0.791), "test": scores(0.5)})
    )
    assert recorded_f1(tmp_path) == {"float32": 0.79, "bfloat16": 0.791}
    (tmp_path / "scores.json").write_text("{not json")
    assert recorded_f1(tmp_path) == {}
    assert recorded_f1(tmp_path / "nowhere") == {}


def test_the_shipped_model_records_each_precision():
    f1 = recorded_f1(Path(auto.__file__).parent.parent / "model")
    assert set(f1) == {"float32", "int8", "bfloat16", "openvino"}


def test_input_size_counts_files_until_enough(tmp_path):
    (tmp_path / "a.txt").write_text("x" * 100)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("y" * 50)
    (tmp_path / "sub" / "b.ann").write_text("T1\tQuote 0 5\tyyyyy\n" * 20)  # not read
    assert input_size([str(tmp_path)]) == 150
    assert input_size([str(tmp_path / "a.txt"), str(tmp_path / "gone.txt")]) == 100
    assert input_size([str(tmp_path)], enough=10) in (50, 100)


@pytest.fixture
def amx_folder(wordpiece_tokenizer, tmp_path, monkeypatch):
    """A tiny model that records bf16 dev F1 close to fp32, on a CPU with AMX."""
    folder = save_tiny_classifier(wordpiece_tokenizer, tmp_path / "model")
    summary = {key: {"attribution": {"f1": f1}} for key, f1 in
               zip(("dev", "dev_int8", "dev_bf16"), CLOSE.values())}  # fmt: skip
    (folder / "scores.json").write_text(json.dumps(summary))
    monkeypatch.setattr(auto, "cpu_info", lambda: ("a CPU with AMX", AMX))
    return folder


def test_from_pretrained_follows_the_choice(amx_folder, caplog):
    with caplog.at_level(logging.INFO, logger="quoteattr"):
        attributor = QuoteAttributor.from_pretrained(amx_folder, device="cpu")
    assert attributor.backend == "torch"
    assert str(attributor.model.dtype) == "torch.bfloat16"
    assert "encoder: torch bfloat16 (the CPU has amx_bf16" in caplog.text
    pinned = QuoteAttributor.from_pretrained(amx_folder, device="cpu", backend="torch")
    assert str(pinned.model.dtype) == "torch.float32"


def test_verbose_prints_the_choice_and_quiet_does_not(amx_folder, tmp_path, capsys):
    article = tmp_path / "long.txt"
    article.write_text('"We will build it," the mayor said on Monday.\n' * 1000)
    args = ["predict", str(article), "--model", str(amx_folder), "-o", str(tmp_path / "o.jsonl")]
    assert main([*args, "-v"]) == 0
    err = capsys.readouterr().err
    assert "quoteattr: encoder: torch bfloat16 (the CPU has amx_bf16" in err
    assert main([*args, "-q", "--no-resume", "--backend", "torch"]) == 0
    assert capsys.readouterr().err == ""
    assert main([*args, "-v", "--no-resume", "--backend", "torch"]) == 0
    assert "quoteattr: encoder: torch float32 (asked for)" in capsys.readouterr().err
