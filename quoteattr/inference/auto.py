"""Which backend and precision run the encoder: ``choose_backend``.

With nothing pinned (``backend`` None or ``"auto"``, no ``dtype``, no ``quantize``, no
``$QUOTEATTR_BACKEND``) on the CPU, the choice follows the CPU's features (read from
``/proc/cpuinfo``, nothing imported) and the dev scores the model folder records in its
``scores.json`` for each precision:

- a short job (one or a few short articles): ONNX Runtime fp32, which starts fastest (no
  torch import, no int8 model to make on a first run);
- a CPU with bf16 instructions (AMX or AVX512-BF16), OpenVINO installed, a recorded
  OpenVINO bf16 dev F1 within ``MAX_F1_LOSS`` of fp32, and a job of known size under
  ``MEDIUM_JOB_CHARS`` (a few hundred articles): OpenVINO in bf16 on the model's ONNX
  graph, which starts seconds sooner than PyTorch;
- such a CPU with PyTorch installed and a recorded bf16 dev F1 within ``MAX_F1_LOSS`` of
  fp32: PyTorch with bf16 weights (the fastest per article);
- such a CPU with OpenVINO and no PyTorch: OpenVINO in bf16, whatever the job's size;
- an x86 CPU with AVX2 and a recorded int8 dev F1 within ``MAX_F1_LOSS`` of fp32: ONNX
  Runtime int8 (dynamic int8 weights, 7-bit where the CPU lacks VNNI);
- otherwise ONNX Runtime fp32.

Anything pinned is taken as asked, and combinations that cannot run are errors.
"""

from __future__ import annotations

import dataclasses
import json
import os
import platform
from dataclasses import dataclass
from pathlib import Path

from ..extras import installed

BACKENDS = ("onnx", "torch", "openvino")
BACKEND_ENV = "QUOTEATTR_BACKEND"  # the default backend when none is named
MAX_F1_LOSS = 0.003  # a lossy precision is chosen only within 0.3 points of fp32's dev F1
SHORT_JOB_CHARS = 40_000  # below this, torch's import and load cost more than bf16 saves
# Below this, OpenVINO's start (about 3 s sooner than PyTorch and transformers) outweighs
# PyTorch's faster batches (about 10 ms an article of 5,000 characters, on a 2-core AMX CPU).
MEDIUM_JOB_CHARS = 1_000_000
BF16_FLAGS = ("amx_bf16", "avx512_bf16")
# dev scores in scores.json by precision; "openvino" is OpenVINO in bf16
SCORE_KEYS = {
    "float32": "dev",
    "int8": "dev_int8",
    "bfloat16": "dev_bf16",
    "openvino": "dev_openvino",
}


@dataclass(frozen=True)
class Choice:
    """How the encoder runs: backend, dtype, quantization, and why."""

    backend: str
    dtype: str | None = None
    quantize: str | None = None
    reason: str = ""
    automatic: bool = False  # chosen by this machine's features, nothing pinned

    def __str__(self) -> str:
        precision = self.quantize or self.dtype or "float32"
        return f"{self.backend} {precision} ({self.reason})"


def cpu_info(path: str | os.PathLike = "/proc/cpuinfo") -> tuple[str, frozenset[str]]:
    """``(model name, flags)`` of the first CPU in ``path``; empty where there is none
    (not Linux, or an ARM CPU that lists ``Features`` instead)."""
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return platform.processor() or platform.machine(), frozenset()
    model, flags = "", frozenset()
    for line in text.splitlines():
        key, _, value = line.partition(":")
        key = key.strip()
        if key == "model name" and not model:
            model = value.strip()
        elif key in ("flags", "Features") and not flags:
            flags = frozenset(value.split())
    return model or platform.machine(), flags


def recorded_f1(folder: str | os.PathLike) -> dict[str, float]:
    """Dev attribution F1 per precision (``float32``, ``int8``, ``bfloat16``, ``openvino``
    for OpenVINO's bf16) that the
    model folder's ``scores.json`` records; empty where it has none."""
    try:
        scores = json.loads(Path(folder, "scores.json").read_text(encoding="utf-8"))
        return {
            precision: float(scores[key]["attribution"]["f1"])
            for precision, key in SCORE_KEYS.items()
            if isinstance(scores.get(key), dict)
        }
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _close_enough(f1: dict[str, float], precision: str) -> bool:
    return "float32" in f1 and precision in f1 and f1[precision] >= f1["float32"] - MAX_F1_LOSS


def choose_backend(
    backend: str | None,
    device: str,
    dtype: str | None,
    quantize: str | None,
    *,
    flags: frozenset[str] | None = None,
    f1: dict[str, float] | None = None,
    job_chars: int | None = None,
    machine: str | None = None,
    torch: bool | None = None,
    openvino: bool | None = None,
) -> Choice:
    """The backend and precision for ``device``; see the module's docstring.

    ``flags``: the CPU's (default: this machine's); ``f1``: recorded dev F1 per precision
    (:func:`recorded_f1`; default none, so nothing lossy); ``job_chars``: about how many
    characters the job predicts (None: unknown, taken as long); ``machine``:
    ``platform.machine()`` by default; ``torch``, ``openvino``: whether PyTorch (with
    transformers) and OpenVINO are installed (default: looked up).
    """
    backend = None if backend == "auto" else backend
    backend = backend or os.environ.get(BACKEND_ENV) or None
    if backend not in (None, *BACKENDS):
        raise ValueError(f"backend must be one of {['auto', *BACKENDS]}, got {backend!r}")
    onnx_ok = device == "cpu" and dtype in (None, "float32")
    if quantize == "int8":
        if not onnx_ok:
            raise ValueError(f"quantize='int8' runs on the CPU in float32, not {device} {dtype}")
        if backend in ("torch", "openvino"):
            raise ValueError(f"quantize='int8' runs on the onnx backend, not {backend}")
        return Choice("onnx", None, "int8", "int8 asked for")
    if backend == "onnx" and not onnx_ok:
        raise ValueError(f"the onnx backend runs on the CPU in float32, not {device} {dtype}")
    if backend == "openvino" and (device != "cpu" or dtype not in (None, "float32", "bfloat16")):
        raise ValueError(f"the openvino backend runs on the CPU in float32 or bfloat16, not "
                         f"{device} {dtype}")  # fmt: skip
    if backend or dtype or device != "cpu":
        chosen = backend or ("onnx" if onnx_ok else "torch")
        why = "asked for" if backend or dtype else f"the default on {device}"
        return Choice(chosen, dtype, None, why)
    rule = _rule(
        cpu_info()[1] if flags is None else flags,
        f1 or {},
        job_chars,
        (machine or platform.machine()).lower(),
        installed("torch") and installed("transformers") if torch is None else torch,
        installed("openvino") if openvino is None else openvino,
    )
    return dataclasses.replace(rule, automatic=True)


def _rule(
    flags: frozenset[str],
    f1: dict[str, float],
    job_chars: int | None,
    machine: str,
    torch: bool,
    openvino: bool = False,
) -> Choice:
    if job_chars is not None and job_chars < SHORT_JOB_CHARS:
        return Choice("onnx", None, None, f"a short job ({job_chars:,} characters) starts fastest")
    cpu_bf16 = [flag for flag in BF16_FLAGS if flag in flags]
    on_openvino = bool(cpu_bf16) and openvino and _close_enough(f1, "openvino")
    if on_openvino and torch and job_chars is not None and job_chars < MEDIUM_JOB_CHARS:
        return Choice(
            "openvino", "bfloat16", None,
            f"the CPU has {cpu_bf16[0]}; a job of {job_chars:,} characters starts sooner on "
            f"OpenVINO than on PyTorch; OpenVINO bf16 dev F1 {f1['openvino']:.4f}, "
            f"fp32 {f1['float32']:.4f}",
        )  # fmt: skip
    if cpu_bf16 and torch and _close_enough(f1, "bfloat16"):
        return Choice(
            "torch", "bfloat16", None,
            f"the CPU has {cpu_bf16[0]}; bf16 dev F1 {f1['bfloat16']:.4f}, "
            f"fp32 {f1['float32']:.4f}",
        )  # fmt: skip
    if on_openvino:
        return Choice(
            "openvino", "bfloat16", None,
            f"the CPU has {cpu_bf16[0]}; OpenVINO bf16 dev F1 {f1['openvino']:.4f}, "
            f"fp32 {f1['float32']:.4f}",
        )  # fmt: skip
    bf16 = cpu_bf16 if torch or openvino else []
    x86 = machine in ("x86_64", "amd64")
    if x86 and "avx2" in flags and _close_enough(f1, "int8"):
        kernels = "VNNI" if any("vnni" in flag for flag in flags) else "AVX2, 7-bit weights"
        return Choice(
            "onnx", None, "int8",
            f"int8 on {kernels}; int8 dev F1 {f1['int8']:.4f}, fp32 {f1['float32']:.4f}",
        )  # fmt: skip
    if bf16 or x86:
        missing = "bf16" if bf16 else "int8"
        return Choice("onnx", None, None, f"no recorded {missing} dev F1 within 0.3 points of fp32")
    return Choice("onnx", None, None, f"no bf16 or int8 path chosen on {machine or 'this CPU'}")
