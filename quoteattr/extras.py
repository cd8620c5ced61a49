"""Optional dependencies: whether one is installed, and importing one with an error that
says which extra installs it. ``pip install quoteattr`` predicts on the CPU with ONNX
Runtime; PyTorch and training come with the ``torch`` and ``train`` extras."""

from __future__ import annotations

import importlib
import importlib.util
from types import ModuleType

EXTRAS = {
    "torch": "torch",
    "transformers": "torch",
    "onnxscript": "torch",
    "datasets": "train",
    "accelerate": "train",
    "seqeval": "train",
    "pandas": "tables",
    "plotly": "report",
    "spacy": "spacy",
    "ray": "ray",
    "openvino": "openvino",
}
TRAINING = ("torch", "transformers", "datasets", "accelerate", "seqeval")


class MissingDependency(ImportError):
    """An optional dependency that is not installed; the message names its extra."""


def installed(module: str) -> bool:
    """Whether ``module`` can be imported (without importing it)."""
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def require(module: str, purpose: str, extra: str | None = None) -> ModuleType:
    """``import module``, or :class:`MissingDependency` saying that ``purpose`` needs it and
    how to install it (``extra``: the extra to name, default the module's own). An error
    raised inside an installed package is raised as it is."""
    try:
        return importlib.import_module(module)
    except ImportError as err:
        top = module.split(".")[0]
        if err.name is not None and err.name.split(".")[0] != top:
            raise  # the package is there; something it imports is not
        extra = extra or EXTRAS.get(top)
        hint = f"pip install 'quoteattr[{extra}]'" if extra else "pip install -U quoteattr"
        raise MissingDependency(f"{purpose} needs {top}, which is not installed: {hint}") from err


def require_training(purpose: str = "training") -> None:
    """Every package training needs, checked before any is imported."""
    for module in TRAINING:
        if not installed(module):
            require(module, purpose, "train")
