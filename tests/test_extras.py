"""Optional dependencies: a missing one is named with the extra that installs it."""

from __future__ import annotations

import sys

import pytest

from quoteattr import extras
from quoteattr.extras import MissingDependency, installed, require, require_training


def test_a_missing_module_names_its_extra_and_what_needed_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "transformers", None)  # makes the import fail
    assert not installed("transformers")
    with pytest.raises(MissingDependency, match=r"the torch backend needs transformers, which is "
                       r"not installed: pip install 'quoteattr\[torch\]'"):  # fmt: skip
        require("transformers", "the torch backend")
    with pytest.raises(MissingDependency, match=r"quoteattr\[train\]"):
        require("transformers", "training", "train")
    assert require("json", "anything").dumps([1]) == "[1]" and installed("json")


def test_a_package_without_an_extra_says_to_install_quoteattr(monkeypatch):
    monkeypatch.setitem(sys.modules, "onnx", None)
    with pytest.raises(MissingDependency, match=r"ONNX backend needs onnx.*install -U quoteattr"):
        require("onnx", "the ONNX backend")


def test_an_import_error_inside_an_installed_package_is_not_hidden(tmp_path, monkeypatch):
    package = tmp_path / "brokenpkg"
    package.mkdir()
    (package / "__init__.py").write_text("import a_module_that_does_not_exist\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert installed("brokenpkg")
    with pytest.raises(ModuleNotFoundError) as err:
        require("brokenpkg", "a test")
    assert not isinstance(err.value, MissingDependency)
    assert err.value.name == "a_module_that_does_not_exist"


def test_training_checks_every_package_before_importing_any(monkeypatch):
    monkeypatch.setitem(sys.modules, "seqeval", None)
    with pytest.raises(MissingDependency, match=r"training needs seqeval.*quoteattr\[train\]"):
        require_training()
    assert set(extras.TRAINING) <= set(extras.EXTRAS)
