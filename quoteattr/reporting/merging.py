"""Sources merged across articles into entities, and each entity's gender.

:func:`merge_sources` gives each named source of :mod:`.sources` a corpus entity number,
conservatively:

- Sources of different kinds are never merged: the company "Ford" is not the person
  "Doug Ford".
- Names are compared case-, accent- and punctuation-blind, without titles ("Prime
  Minister Justin Trudeau" is "Justin Trudeau"), without initials, and without a
  leading "the" (organisations).
- Organisations, places and groups merge when those names are equal.
- People with full names merge when first and last names are equal and the middle names
  of one are among the other's ("Justin Pierre Trudeau", "Justin Trudeau"); not when
  both articles say the gender (a pronoun or a title) and they disagree.
- A person named by one word only ("Trudeau": the article gave no full name, since
  resolution already joins "Trudeau" to the "Justin Trudeau" named earlier in the same
  article) joins a full name only when that word is the surname of exactly one full
  name in the corpus and their genders do not disagree (first-name statistics count
  here). Otherwise it stays apart, and
  one-word names in different articles are not merged with each other: two articles
  quoting "Trudeau" may mean two people.
- Unnamed sources get no entity.

Before merging, a person named by one word without a pronoun or title in its article and
without a full name in the corpus ending with it is no person (kind ``unknown``):
:func:`unproven_one_word_people_off`.

An entity's gender comes from article evidence (pronouns, titles) when any of its sources
has some, by majority (a tie is unknown); otherwise from first-name statistics.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .sources import ARTICLE_EVIDENCE, UNKNOWN, Source, decide_gender, genders_agree, name_key


def _same_full_name(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if a[0] != b[0] or a[-1] != b[-1]:
        return False
    short, long = sorted((a, b), key=len)
    return set(short[1:-1]) <= set(long[1:-1])


class _Clusters:
    """Groups of source indices; each group becomes one entity."""

    def __init__(self) -> None:
        self.groups: list[list[int]] = []

    def add(self, members: list[int]) -> int:
        self.groups.append(members)
        return len(self.groups) - 1


def unproven_one_word_people_off(sources: Sequence[Source]) -> None:
    """A person named by one word ("Gingrich", but also "India", "Scholars", "Let's")
    stays a person only with evidence: a pronoun or title in its article, or a full name
    somewhere in the corpus that ends with that word. Otherwise its kind becomes
    ``unknown``: it is counted among the named sources, not among the people."""
    surnames = {
        key[-1]
        for s in sources
        if s.named and s.kind == "person" and len(key := name_key(s.name or "", "person")) > 1
    }
    for s in sources:
        if not s.named or s.kind != "person" or s.gender_from in ARTICLE_EVIDENCE:
            continue
        key = name_key(s.name or "", "person")
        if len(key) == 1 and key[0] not in surnames:
            s.kind, s.gender, s.gender_from = UNKNOWN, UNKNOWN, UNKNOWN


def merge_sources(sources: Sequence[Source]) -> None:
    """Set each named source's ``entity`` (0, 1, ... by first appearance); see the module
    docstring for when two sources are one entity."""
    unproven_one_word_people_off(sources)
    clusters = _Clusters()
    by_kind: dict[str, list[int]] = {}
    for i, s in enumerate(sources):
        s.entity = None
        if s.named:
            by_kind.setdefault(s.kind, []).append(i)
    for kind, members in by_kind.items():
        keys = {i: name_key(sources[i].name or "", kind) for i in members}
        if kind != "person":
            groups: dict[tuple, list[int]] = {}
            for i in members:
                groups.setdefault(keys[i], []).append(i)
            for group in groups.values():
                clusters.add(group)
            continue
        full = [i for i in members if len(keys[i]) > 1]
        single = [i for i in members if len(keys[i]) == 1]
        people: list[list[int]] = []  # full-name groups
        for i in full:
            for group in people:
                if all(_same_full_name(keys[i], keys[j]) for j in group) and genders_agree(
                    [sources[i]], [sources[j] for j in group], statistics=False
                ):
                    group.append(i)
                    break
            else:
                people.append([i])
        for i in single:
            (word,) = keys[i]
            fits = [g for g in people if any(keys[j][-1] == word for j in g)]
            if len(fits) == 1 and genders_agree([sources[i]], [sources[j] for j in fits[0]]):
                fits[0].append(i)
            else:
                people.append([i])
        for group in people:
            clusters.add(group)
    order = sorted(clusters.groups, key=min)
    for number, group in enumerate(order):
        for i in group:
            sources[i].entity = number


# ---------------------------------------------------------------------------- entities
@dataclass(frozen=True)
class Entity:
    """One person or body across the corpus, with the sources merged into it."""

    entity: int
    name: str
    kind: str
    gender: str
    gender_from: str
    sources: tuple[Source, ...]

    @property
    def quotes(self) -> int:
        return sum(s.quotes for s in self.sources)

    @property
    def ids(self) -> list[str]:
        return list(dict.fromkeys(s.id for s in self.sources))


def entity_gender(sources: Sequence[Source]) -> tuple[str, str]:
    """``(gender, gender_from)`` of sources merged into one entity (:func:`.sources.decide_gender`
    over its sources: article evidence first, by majority; a tie is unknown)."""
    return decide_gender([(s.gender, s.gender_from) for s in sources])


def _display_name(sources: Sequence[Source]) -> str:
    """The most frequent of the longest name forms."""
    names = Counter(s.name for s in sources if s.name)
    return max(names, key=lambda n: (len(name_key(n, sources[0].kind)), names[n], -len(n)))


def entities(sources: Sequence[Source]) -> list[Entity]:
    """The entities of merged sources (:func:`merge_sources`), most quoted first."""
    groups: dict[int, list[Source]] = {}
    for s in sources:
        if s.entity is not None:
            groups.setdefault(s.entity, []).append(s)
    out = []
    for number, group in groups.items():
        gender, how = entity_gender(group) if group[0].kind == "person" else (UNKNOWN, UNKNOWN)
        out.append(Entity(number, _display_name(group), group[0].kind, gender, how, tuple(group)))
    return sorted(out, key=lambda e: (-e.quotes, e.entity))
