"""Who is quoted: one row per article and speaker, with what it is and its gender.

:func:`article_sources` turns one article's attributions into :class:`Source` rows, one
per speaker entity of the article (the ``entity`` number speaker resolution gives every
attribution of the same speaker), with its quotes counted. A source is *named* when
its speaker resolved to a proper name ("Justin Trudeau", "Health Canada"); "a
spokesperson", "officials" or an unresolved "he" are unnamed.

Which named sources are people: a name resolution took for a person's needs evidence of
one (:func:`_is_person`: the article's pronoun or title, a first name, a relative "who"),
and a one-word name needs its article's pronoun or title or a full name in the corpus
ending with it (:func:`.merging.unproven_one_word_people_off`); otherwise its kind is
``unknown``. "X's Firstname Lastname" is that person; "73 percent" is an unnamed group.

Merging the rows across articles into entities is :mod:`.merging`; :class:`Report` holds
the tables.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas

from ..schema import Attribution
from ..scoring.names import is_proper_name, normalise_name
from ..speakers.entities import first_name_gender, is_first_name
from ..speakers.lexicon import DOCUMENTS, ORG_WORDS, PLACE_WORDS, WORK_WORDS
from ..speakers.runs import gender_of_words

UNKNOWN = "unknown"
# Titles that only ever stand before a person's name, with the gender they say.
HONORIFICS = {
    "mr": "male", "mrs": "female", "ms": "female", "miss": "female", "mx": None, "dr": None,
    "sir": "male", "dame": "female", "prof": None, "professor": None,
}  # fmt: skip
ARTICLE_EVIDENCE = ("pronoun", "title")  # gender_from values said in the article
POSSESSIVE = re.compile(r"['’]s\s+")
WHO = re.compile(r",\s+who\b")  # "Rucker Culpepper, who runs ...": a person
PERCENT = re.compile(r"\bper\s?cent\b|%", re.IGNORECASE)  # "73 percent" of those polled


@dataclass
class Source:
    """One speaker of one article: its name (None: unnamed), what it is, and its quotes.

    ``kind`` is ``person``, ``organisation``, ``place``, ``group`` or ``unknown``;
    ``gender`` ``female``, ``male`` or ``unknown``; ``gender_from`` ``pronoun``,
    ``title``, ``first name`` or ``unknown``. ``mention``: the speaker as first written.
    ``entity``: the corpus entity (:func:`.merging.merge_sources`), None when unnamed.
    """

    id: str
    name: str | None
    kind: str
    gender: str
    gender_from: str
    quotes: int
    mention: str
    metadata: Mapping[str, Any] = field(default_factory=dict)
    entity: int | None = None

    @property
    def named(self) -> bool:
        return self.name is not None


@dataclass(frozen=True)
class ArticleCount:
    """One article's quotes: all of them, those with no speaker span, and those whose
    speaker has no name."""

    id: str
    quotes: int
    no_speaker: int
    unnamed: int
    metadata: Mapping[str, Any] = field(default_factory=dict)


def _most_common(values: Sequence[Any]) -> Any:
    found = [v for v in values if v is not None]
    return Counter(found).most_common(1)[0][0] if found else None


def article_sources(
    article_id: str, attributions: Sequence[Attribution], metadata: Mapping[str, Any] | None = None
) -> tuple[list[Source], ArticleCount]:
    """The article's sources in order of first quote, and its quote counts."""
    metadata = dict(metadata or {})
    groups: dict[tuple, list[Attribution]] = {}
    no_speaker = 0
    for a in attributions:
        s = a.speaker
        if s is None:
            no_speaker += 1
            continue
        key = ("entity", s.entity) if s.entity is not None else ("text", s.resolved or s.text)
        groups.setdefault(key, []).append(a)
    sources = [_named_kind(_source(article_id, group, metadata)) for group in groups.values()]
    sources = _merge_in_article(sources)
    for source in sources:
        if source.kind == "person" and source.named and not _is_person(source):
            source.kind = UNKNOWN
            source.gender = source.gender_from = UNKNOWN
    unnamed = sum(s.quotes for s in sources if not s.named)
    return sources, ArticleCount(article_id, len(attributions), no_speaker, unnamed, metadata)


def _source(article_id: str, group: Sequence[Attribution], metadata: Mapping) -> Source:
    """The source of one speaker entity's attributions."""
    speakers = [a.speaker for a in group if a.speaker is not None]
    names = [s.resolved for s in speakers if is_proper_name(s.resolved)]
    kind = _most_common([s.kind for s in speakers]) or UNKNOWN
    written = [s.text for s in speakers if not s.inferred] or [speakers[0].text]
    if all(PERCENT.search(t) for t in written):
        # "73 percent" (of those polled) is a group, whatever name resolution gave it
        names, kind = [], "group"
    gender, gender_from = UNKNOWN, UNKNOWN
    if kind == "person":
        gender, gender_from = decide_gender([(s.gender, s.gender_from) for s in speakers])
    return Source(
        id=article_id,
        name=max(names, key=len) if names else None,
        kind=kind,
        gender=gender,
        gender_from=gender_from,
        quotes=len(group),
        mention=next((s.text for s in speakers if not s.inferred), speakers[0].text),
        metadata=metadata,
    )


def decide_gender(votes: Sequence[tuple[str | None, str | None]]) -> tuple[str, str]:
    """``(gender, gender_from)`` from ``(gender, gender_from)`` votes (a speaker's mentions,
    or the sources of one entity): the article's evidence (pronoun, title) over first-name
    statistics, whatever their numbers; within the one that has votes, the majority, a
    tie being unknown. A gender without its evidence does not vote."""
    for evidence in (ARTICLE_EVIDENCE, ("first name",)):
        found = Counter(g for g, how in votes if how in evidence and g in ("female", "male"))
        if not found:
            continue
        ranked = found.most_common()
        if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
            return UNKNOWN, UNKNOWN
        gender = ranked[0][0]
        how = Counter(h for g, h in votes if h in evidence and g == gender)
        return gender, how.most_common(1)[0][0]
    return UNKNOWN, UNKNOWN


def _named_kind(source: Source) -> Source:
    """Correct the kind by the name's own words: "Mr Trudeau" is a man, whatever
    resolution took it for; "Johnson & Johnson" is no person, nor "Trump and Clinton"."""
    if not source.named:
        return source
    _possessor_off(source)
    words = [w.strip(".,").casefold() for w in (source.name or "").split()]
    if source.kind == "person" and "&" in words:
        source.kind, source.gender, source.gender_from = "organisation", UNKNOWN, UNKNOWN
    elif source.kind == "person" and "and" in words:
        source.kind, source.gender, source.gender_from = "group", UNKNOWN, UNKNOWN
    elif source.kind != "person" and len(words) > 1 and words[0] in HONORIFICS:
        source.kind = "person"
        gender = HONORIFICS[words[0]]
        source.gender, source.gender_from = (gender, "title") if gender else (UNKNOWN, UNKNOWN)
    elif source.kind == "person":
        _role_words_off(source)
    return source


def _possessor_off(source: Source) -> None:
    """A person named after a possessive is that person, whatever resolution took the
    whole for: "the Bureau of Meteorology's Claire Richards" -> "Claire Richards". The part
    after the last "'s" must hold a first name before its last word ("Trump's campaign
    manager Kellyanne Conway" -> "Kellyanne Conway"); "Politico's Battleground States" is
    left alone."""
    parts = POSSESSIVE.split(source.name or "")
    if len(parts) < 2:
        return
    words = parts[-1].split()
    start = next((i for i, w in enumerate(words[:-1]) if _first_name(w)), None)
    if start is None or _thing_word(name_key(words[-1], "person")):
        return
    if source.kind != "person":
        source.kind, source.gender, source.gender_from = "person", UNKNOWN, UNKNOWN
    _named_from(source, words, start)


def _role_words_off(source: Source) -> None:
    """A person's name without role words before the first name ("Spokeswoman Jessica
    Ditto" -> "Jessica Ditto"); the words give the gender when it is unknown."""
    words = (source.name or "").split()
    start = next((i for i, w in enumerate(words[:-1]) if _first_name(w)), 0)
    if start == 0:
        return
    _named_from(source, words, start)


def _named_from(source: Source, words: list[str], start: int) -> None:
    """``source`` named by ``words`` from the first name at ``start``; the words before it
    ("Spokeswoman", "Mr") give its gender where the article said none, else the first
    name's statistics where the gender is unknown."""
    source.name = " ".join(words[start:])
    said = gender_of_words(words[:start])
    if said and source.gender_from not in ARTICLE_EVIDENCE:
        source.gender, source.gender_from = said, "title"
    elif source.gender == UNKNOWN and (guess := first_name_gender(words[start])):
        source.gender, source.gender_from = guess, "first name"


def _first_name(token: str) -> bool:
    """Whether first-name statistics know the name's first word ("Jan-Michael": "Jan")."""
    return bool(token) and bool(is_first_name(token.split("-")[0].capitalize()))


def _thing_word(tokens: tuple[str, ...]) -> bool:
    """Whether the last word ends the name of a body, place, document or work ("Islands",
    "Plan"), singular or plural."""
    if not tokens:
        return False
    last = tokens[-1][:-1] if tokens[-1].endswith("s") and len(tokens[-1]) > 3 else tokens[-1]
    return bool({tokens[-1], last} & (ORG_WORDS | PLACE_WORDS | DOCUMENTS | WORK_WORDS))


def _is_person(source: Source) -> bool:
    """Whether a name taken for a person's has evidence of one: the article's pronoun or
    title, a first name before the last word ("Spokeswoman Jessica Ditto"), or a
    relative "who" in the mention ("Rucker Culpepper, who runs ..."). A name
    whose last word ends a thing's name ("Marshall Islands", "Mitchell Plan", "Blue
    Mountains") needs both: a pronoun that resolution gave to a place is its mistake, but
    "Anita Hill ... she" is a woman. A one-word name needs neither here (the corpus
    decides, :func:`.merging.merge_sources`)."""
    tokens = name_key(source.name or "", "person")
    said = source.gender_from in ARTICLE_EVIDENCE
    if not tokens:
        return said
    first = any(_first_name(t) for t in tokens[:-1]) or source.gender_from == "first name"
    if _thing_word(tokens):
        return said and first
    return said or len(tokens) == 1 or first or bool(WHO.search(source.mention))


def _absorbs(big: tuple[str, ...], small: tuple[str, ...], big_first: bool) -> bool:
    """Whether a person named ``small`` in an article is the one named ``big`` there: the
    same name; ``small`` the end of ``big`` ("Clinton", "Rodriguez Saa"); ``big`` with
    words before ``small`` ("Rival Hillary Clinton"); or the same surname after a word
    that is no first name ("Neither Clinton") when ``big`` starts with one."""
    if big == small:
        return True
    n = len(small)
    if n < len(big) and big[-n:] == small:
        return True
    if len(big) < len(small) and small[-len(big) :] == big and len(big) > 1:
        return True
    return (
        len(small) == len(big) == 2
        and small[-1] == big[-1]
        and big_first
        and not _first_name(small[0])
    )


def _merge_in_article(sources: list[Source]) -> list[Source]:
    """Join one article's sources that name the same person or body in different words
    (resolution numbers "Loretta E. Lynch" and "Loretta Lynch" apart); a partial name
    joins a fuller one only when exactly one fits. The fuller name is kept."""
    people = [s for s in sources if s.named and s.kind == "person"]
    keys = {id(s): name_key(s.name or "", "person") for s in people}
    first = {id(s): _first_name(keys[id(s)][0]) if keys[id(s)] else False for s in people}
    # the anchors: names led by a first name, longest first
    ranked = sorted(people, key=lambda s: (not first[id(s)], -len(keys[id(s)])))
    into: dict[int, Source] = {}
    for i, small in enumerate(ranked):
        fits = [
            big
            for big in ranked[:i]
            if id(big) not in into and _absorbs(keys[id(big)], keys[id(small)], first[id(big)])
        ]
        if len(fits) == 1 and genders_agree([small], [fits[0]]):
            into[id(small)] = fits[0]
    others: dict[tuple, Source] = {}
    out = []
    for source in sources:
        if id(source) in into:
            target = into[id(source)]
            target.quotes += source.quotes
            if (
                target.gender_from not in ARTICLE_EVIDENCE
                and source.gender_from in ARTICLE_EVIDENCE
            ):
                target.gender, target.gender_from = source.gender, source.gender_from
            continue
        if source.named and source.kind != "person":
            key = (source.kind, normalise_name(source.name or ""))
            if key in others:
                others[key].quotes += source.quotes
                continue
            others[key] = source
        out.append(source)
    return out


def name_key(name: str, kind: str) -> tuple[str, ...]:
    """The tokens names are compared by: no titles, case or accents; a person's without
    initials ("Donald J. Trump" -> ("donald", "trump"))."""
    tokens = normalise_name(name)
    if kind == "person":
        tokens = tuple(t for t in tokens if len(t) > 1) or tokens
    return tokens


def _said_gender(sources: Sequence[Source]) -> set[str]:
    return {s.gender for s in sources if s.gender_from in ARTICLE_EVIDENCE}


def genders_agree(a: Sequence[Source], b: Sequence[Source], statistics: bool = True) -> bool:
    """Whether two groups of sources could be one person: no gender of one disagrees
    with the other's (article evidence first, else, with ``statistics``, first-name
    statistics)."""

    def best(group: Sequence[Source]) -> set[str]:
        said = _said_gender(group)
        if said or not statistics:
            return said
        return {s.gender for s in group if s.gender != UNKNOWN}

    x, y = best(a), best(b)
    return not x or not y or x == y


@dataclass(frozen=True)
class Report:
    """The tables of a report (pandas DataFrames) and where they came from.

    ``sources``: one row per article and speaker; ``entities``: one row per entity,
    most quoted first; ``articles``: each article's quote counts. ``skipped``: prediction
    lines that could not be read (file:line, reason).
    """

    sources: pandas.DataFrame
    entities: pandas.DataFrame
    articles: pandas.DataFrame
    skipped: list[tuple[str, str]]

    def people(self) -> pandas.DataFrame:
        """The named people: ``sources`` rows of kind person with a name, one per article
        quoting them, with the gender decided for their entity across the corpus
        (``entity_gender``, ``entity_gender_from``)."""
        people = self.sources[(self.sources["kind"] == "person") & self.sources["named"]].copy()
        gender = dict(zip(self.entities["entity"], self.entities["gender"]))
        how = dict(zip(self.entities["entity"], self.entities["gender_from"]))
        people["entity_gender"] = [
            gender.get(e, g) for e, g in zip(people["entity"], people["gender"])
        ]
        people["entity_gender_from"] = [
            how.get(e, g) for e, g in zip(people["entity"], people["gender_from"])
        ]
        return people


def share_of_women(genders: Sequence[str | None]) -> tuple[float | None, int]:
    """The share of women among the known genders (female, male), and how many are known;
    the share is None when none is. Report's people count once per article quoting them
    (:meth:`Report.people`, ``entity_gender``)."""
    known = [g for g in genders if g in ("female", "male")]
    return (sum(g == "female" for g in known) / len(known) if known else None), len(known)
