"""Scoring by person: is each gold quote found, and is it given to the right speaker by name?

The speaker set (``data/speakers/*.jsonl``) has one article a line: ``id``, ``outlet``,
``country``, ``text`` and ``quotes``, each quote ``{start, end, text, speaker}`` with the
speaker's canonical name (the person's fullest name in the article, or an organisation's
name) or null when no one can be named.

A gold quote is *found* when one predicted quote piece covers more than 30% of the gold
quote's characters (counted without the quotation marks, punctuation and spaces at its
ends). Among found quotes the speaker is *right* when the predicted name
(``speaker.resolved``, else the speaker span's text) names the gold person, by
:func:`same_person`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..data.readers import CorpusError
from ..schema import GENDERS, SPEAKER_KINDS, Attribution, SchemaError, Span
from ..speakers.lexicon import (
    ALL_TITLES,
    DEMONYMS,
    DESCRIPTION_STARTS,
    GROUP_WORDS,
    NAME_PARTICLES,
    ORG_WORDS,
    PRONOUNS,
    SUFFIXES,
)
from .metrics import trim_span, with_predictions

# Lower-case words that may sit inside a proper name: a person's particles and an
# organisation's connectors ("Ursula von der Leyen", "Bank of Canada").
IN_NAMES = NAME_PARTICLES | {"of", "for", "and", "the", "on", "at", "&"}

COVERAGE_PERCENT = 30  # a predicted piece must cover more than this share of a gold quote

_INITIALS = re.compile(r"^(?:[^\W\d_]\.)+[^\W\d_]?$")  # "B.S.", "J."
_CLAUSE_BREAK = re.compile(r"\s*(?:[,;(\[]|\s[-–—]\s)\s*")


@dataclass(frozen=True)
class NamedQuote(Span):
    """A gold quotation and the canonical name of its speaker (None: no one named), with
    what the speaker is and, for a person, their gender (None: unknown)."""

    speaker: str | None = None
    kind: str | None = None
    gender: str | None = None


@dataclass(frozen=True)
class NamedArticle:
    """An article of the speaker set: its text and quotes with canonical speakers."""

    id: str
    outlet: str
    country: str
    text: str
    quotes: tuple[NamedQuote, ...]

    @property
    def speakers(self) -> tuple[str, ...]:
        """The distinct named speakers, in order of first quote."""
        return tuple(dict.fromkeys(q.speaker for q in self.quotes if q.speaker))


# ---------------------------------------------------------------------------- reading
_ARTICLE_KEYS = {"id": str, "outlet": str, "country": str, "text": str, "quotes": list}
_QUOTE_KEYS = {"start", "end", "text", "speaker"}
_OPTIONAL_QUOTE_KEYS = {"kind": SPEAKER_KINDS, "gender": GENDERS}


def _article(data: Any) -> NamedArticle:
    if not isinstance(data, dict):
        raise SchemaError(f"an article must be a JSON object, got {type(data).__name__}")
    unknown = sorted(set(data) - set(_ARTICLE_KEYS))
    missing = sorted(set(_ARTICLE_KEYS) - set(data))
    if unknown or missing:
        raise SchemaError(f"unknown keys {unknown}, missing keys {missing}")
    for key, kind in _ARTICLE_KEYS.items():
        if not isinstance(data[key], kind):
            raise SchemaError(f"{key!r} must be a {kind.__name__}, got {data[key]!r:.60}")
    quotes = []
    for i, q in enumerate(data["quotes"]):
        where = f"quote {i}"
        if not isinstance(q, dict) or not _QUOTE_KEYS <= set(q) <= _QUOTE_KEYS | set(
            _OPTIONAL_QUOTE_KEYS
        ):
            raise SchemaError(
                f"{where} needs the keys {sorted(_QUOTE_KEYS)}, and may have "
                f"{sorted(_OPTIONAL_QUOTE_KEYS)}: {q!r:.80}"
            )
        for key, allowed in _OPTIONAL_QUOTE_KEYS.items():
            if q.get(key) not in (None, *allowed):
                raise SchemaError(f"{where}: {key} must be one of {allowed} or null: {q[key]!r}")
        speaker = q["speaker"]
        if speaker is not None and (not isinstance(speaker, str) or not speaker.strip()):
            raise SchemaError(f"{where}: speaker must be a name or null, got {speaker!r}")
        if not (isinstance(q["start"], int) and isinstance(q["end"], int)):
            offsets = f"{q['start']!r}, {q['end']!r}"
            raise SchemaError(f"{where}: offsets must be integers, got {offsets}")
        try:
            quote = NamedQuote(
                q["start"], q["end"], str(q["text"]), speaker, q.get("kind"), q.get("gender")
            )
            quote.check(data["text"])
        except SchemaError as err:
            raise SchemaError(f"{where}: {err}") from None
        quotes.append(quote)
    return NamedArticle(data["id"], data["outlet"], data["country"], data["text"], tuple(quotes))


def read_speaker_set(path: str | Path) -> list[NamedArticle]:
    """The articles of a speaker-set JSONL file; a bad line raises
    :class:`~quoteattr.readers.CorpusError` naming the file, line and article."""
    articles: list[NamedArticle] = []
    seen: dict[str, int] = {}
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as err:
                reason = f"not JSON: {err.msg} at column {err.colno}"
                raise CorpusError(path, number, reason) from None
            try:
                article = _article(data)
            except SchemaError as err:
                name = data.get("id") if isinstance(data, dict) else None
                raise CorpusError(path, number, f"article {name!r}: {err}") from None
            if article.id in seen:
                raise CorpusError(
                    path, number, f"article id {article.id!r} is also on line {seen[article.id]}"
                )
            seen[article.id] = number
            articles.append(article)
    return articles


# ---------------------------------------------------------------------------- names
def _key(token: str) -> str:
    plain = "".join(c for c in unicodedata.normalize("NFKD", token) if not unicodedata.combining(c))
    return re.sub(r"['.\-]", "", plain.casefold())


def _raw_tokens(part: str) -> list[str]:
    """Word tokens of one clause of a name, punctuation and possessive ``'s`` removed,
    initials written together ("B.S.") split into letters."""
    tokens: list[str] = []
    for word in part.replace("’", "'").replace("‘", "'").split():
        word = word.strip(".,:;!?\"“”'()[]")
        if not word:
            continue
        if _INITIALS.match(word):
            tokens.extend(c for c in word if c != ".")
        else:
            tokens.append(word)
    if tokens and re.search(r"'s$", tokens[-1], re.IGNORECASE):
        tokens[-1] = tokens[-1][:-2]
    return [t for t in tokens if _key(t)]


def _strip(tokens: list[str]) -> list[str]:
    """Drop a leading "the", leading titles and trailing suffixes, keeping one token."""
    start, end = 0, len(tokens)
    while end - start > 1 and (_key(tokens[start]) in ALL_TITLES or _key(tokens[start]) == "the"):
        start += 1
    while end - start > 1 and _key(tokens[end - 1]) in SUFFIXES:
        end -= 1
    return tokens[start:end]


def _is_proper(tokens: list[str]) -> bool:
    if not tokens:
        return False
    keys = [_key(t) for t in tokens]
    if len(keys) == 1 and keys[0] in PRONOUNS | GROUP_WORDS | DEMONYMS:  # "Mexicans"
        return False
    if keys[0] in DESCRIPTION_STARTS or all(k in ALL_TITLES for k in keys):
        return False
    return all(t[0].isupper() or t[0].isdigit() or k in IN_NAMES for t, k in zip(tokens, keys))


def _name_tokens(name: str) -> list[str]:
    """The tokens of the clause of ``name`` that is a proper name ("Jo Bloggs, the
    spokeswoman" -> Jo Bloggs), else of its first clause, stripped of titles."""
    parts = [_strip(_raw_tokens(p)) for p in _CLAUSE_BREAK.split(name) if p.strip()]
    parts = [p for p in parts if p]
    if not parts:
        return []
    return next((p for p in parts if _is_proper(p)), parts[0])


def normalise_name(name: str) -> tuple[str, ...]:
    """Case-, accent- and punctuation-blind tokens of a name without titles:
    ``"Mr. O’Brien’s"`` -> ``("obrien",)``."""
    return tuple(_key(t) for t in _name_tokens(name))


def is_proper_name(name: str | None) -> bool:
    """True for a name ("Trudeau", "Health Canada"); False for a pronoun or a
    description ("officials", "the spokeswoman", "both groups", "they")."""
    return name is not None and _is_proper(_name_tokens(name))


def _is_organisation(name: str) -> bool:
    tokens = _raw_tokens(name)
    inner = {t for t in tokens[1:] if t.islower()}
    return bool({_key(t) for t in tokens} & ORG_WORDS) or bool(inner & {"of", "for", "and", "the"})


def _initials(tokens: Sequence[str]) -> set[str]:
    every = "".join(t[0] for t in tokens)
    content = "".join(t[0] for t in tokens if t not in {"of", "for", "and", "the", "&"})
    return {every, content}


def _contains_run(longer: Sequence[str], run: Sequence[str]) -> bool:
    n = len(run)
    return any(tuple(longer[i : i + n]) == tuple(run) for i in range(len(longer) - n + 1))


def _person_tokens(key: tuple[str, ...]) -> tuple[str, ...]:
    """Without initials (one-letter tokens), unless nothing else is left."""
    return tuple(t for t in key if len(t) > 1) or key


PAIR = re.compile(r"\s+(?:and|&)\s+")


def _people_pair(predicted: str, gold: str) -> tuple[list[str], list[str]] | None:
    """The two names of a predicted and of a gold pair of people ("Obama and Hillary
    Clinton", "Barack Obama and Hillary Clinton"); None unless both are pairs of proper
    names and neither gold name is an organisation's."""
    p, g = PAIR.split(predicted.strip()), PAIR.split(gold.strip())
    if len(p) != 2 or len(g) != 2 or not all(map(is_proper_name, p + g)):
        return None
    if any(_is_organisation(name) for name in g):
        return None
    return p, g


def same_person(predicted: str | None, gold: str | None, *, others: Collection[str] = ()) -> bool:
    """Whether ``predicted`` names the speaker whose canonical name is ``gold``.

    Names are compared case-, accent- and punctuation-blind, without titles ("Mr.",
    "Prime Minister") or a leading "the". A gold ``None`` (no one named) is matched by
    ``None`` or by anything that is not a proper name. A person matches when the names
    are equal; when the predicted name holds the gold name ("Health Minister Mark
    Holland"); or when every predicted token is one of the gold name's tokens (a
    surname "Trudeau", a given name, or a full name without its middle names) and no
    other person in ``others`` (the article's other speakers) shares them ("Clinton"
    names Hillary Clinton beside the Clinton campaign, not beside Bill Clinton). An
    organisation matches its name, its acronym, or a description holding its name ("a
    Health Canada spokesperson"). Two people ("Obama and Hillary Clinton") match two
    people, each as above, in either order. Pronouns and descriptions never match a name.
    """
    if gold is None:
        return not is_proper_name(predicted)
    if predicted is None:
        return False
    p, g = normalise_name(predicted), normalise_name(gold)
    if not p or not g:
        return False
    if p == g:
        return True
    pair = _people_pair(predicted, gold)
    if pair is not None:  # "Obama and Hillary Clinton": each person as one speaker would be
        (a, b), gold_pair = pair
        return any(
            all(same_person(x, y, others=others) for x, y in zip(order, gold_pair))
            for order in ((a, b), (b, a))
        )
    if _is_organisation(gold):
        if len(p) == 1 and p[0] in _initials(g):
            return True
        return len(p) > len(g) and _contains_run(p, g)
    if not is_proper_name(predicted):
        return False
    p, g = _person_tokens(p), _person_tokens(g)
    if len(p) > len(g):  # a title or role in front, or middle names the gold lacks
        return _contains_run(p, g) or (p[0] == g[0] and p[-1] == g[-1] and set(g) <= set(p))
    if not set(p) <= set(g):
        return False
    rivals = (_person_tokens(normalise_name(o)) for o in others if not _is_organisation(o))
    return not any(r != g and set(p) <= set(r) for r in rivals)


# ---------------------------------------------------------------------------- scoring
def _coverage(quote: Span, piece: Span) -> tuple[int, int]:
    """(characters of the trimmed gold quote inside ``piece``, trimmed length)."""
    start, end = trim_span(quote) or (quote.start, quote.end)
    return max(0, min(end, piece.end) - max(start, piece.start)), end - start


def finding_attribution(quote: Span, predicted: Sequence[Attribution]) -> Attribution | None:
    """The predicted attribution with the piece that covers most of ``quote``, if that
    piece covers more than 30% of it (ties: the earlier attribution)."""
    best, best_covered = None, 0
    for attribution in predicted:
        for piece in attribution.quote:
            covered, total = _coverage(quote, piece)
            if covered * 100 > total * COVERAGE_PERCENT and covered > best_covered:
                best, best_covered = attribution, covered
    return best


def shares_a_name(predicted: str | None, gold: str | None) -> bool:
    """The lenient rule: a named gold speaker is matched by any proper name that shares a
    name word with it ("Trump" and "Ivana Trump"); a gold ``None`` as in
    :func:`same_person`."""
    if gold is None:
        return not is_proper_name(predicted)
    if not is_proper_name(predicted):
        return False
    stop = {"of", "for", "and", "the", "on", "in"}
    return bool((set(normalise_name(predicted)) & set(normalise_name(gold))) - stop)


def predicted_name(attribution: Attribution) -> str | None:
    """``speaker.resolved``, else the speaker span's text, else None."""
    speaker = attribution.speaker
    if speaker is None:
        return None
    return speaker.resolved or speaker.text or None


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def score_by_name(
    gold: Sequence[NamedArticle], predicted: Mapping[str, Sequence[Attribution]]
) -> dict[str, Any]:
    """Quote recall and speaker-name accuracy over ``gold``, with every miss listed.

    Returns ``quotes``, ``found``, ``right_speaker``, ``recall`` (found / quotes),
    ``speaker_accuracy`` (right / found), ``shares_a_name`` (found quotes whose speaker
    shares a name word with the gold name, the lenient rule: :func:`shares_a_name`), the
    same counts for gold quotes with no named
    speaker under ``unnamed``; where the gold says what the speaker is, ``kind`` counts the
    right-speaker quotes whose predicted ``speaker.kind`` agrees, and ``gender`` those
    of people whose predicted gender is given and right (accuracy over all scored);
    ``missing_predictions`` (gold ids absent from
    ``predicted``, scored as predicting nothing) and ``misses``: one
    ``{id, quote, gold, predicted, found}`` per gold quote not found or given to the
    wrong speaker. A repeated gold id is an error.
    """
    totals = {"quotes": 0, "found": 0, "right_speaker": 0, "shares_a_name": 0}
    unnamed = dict.fromkeys(totals, 0)
    kinds = {"scored": 0, "right": 0}
    genders = {"scored": 0, "given": 0, "right": 0}
    misses: list[dict[str, Any]] = []
    missing: list[str] = []
    articles = 0
    for article, attributions in with_predictions(gold, predicted, missing):
        articles += 1
        for quote in article.quotes:
            counts = [totals] + ([unnamed] if quote.speaker is None else [])
            match = finding_attribution(quote, attributions)
            name = predicted_name(match) if match else None
            others = [s for s in article.speakers if s != quote.speaker]
            right = match is not None and same_person(name, quote.speaker, others=others)
            for c in counts:
                c["quotes"] += 1
                c["found"] += match is not None
                c["right_speaker"] += right
                c["shares_a_name"] += match is not None and shares_a_name(name, quote.speaker)
            if right and quote.kind is not None:
                kinds["scored"] += 1
                kinds["right"] += match.speaker is not None and match.speaker.kind == quote.kind
            if right and quote.gender is not None and match.speaker is not None:
                genders["scored"] += 1
                genders["given"] += match.speaker.gender is not None
                genders["right"] += match.speaker.gender == quote.gender
            if not right:
                misses.append(
                    {
                        "id": article.id,
                        "quote": quote.text,
                        "gold": quote.speaker,
                        "predicted": name,
                        "found": match is not None,
                    }
                )
    return {
        **totals,
        "recall": _ratio(totals["found"], totals["quotes"]),
        "speaker_accuracy": _ratio(totals["right_speaker"], totals["found"]),
        "shares_a_name": _ratio(totals["shares_a_name"], totals["found"]),
        "unnamed": unnamed,
        "kind": {**kinds, "accuracy": _ratio(kinds["right"], kinds["scored"])},
        "gender": {**genders, "accuracy": _ratio(genders["right"], genders["scored"])},
        "articles": articles,
        "missing_predictions": missing,
        "misses": misses,
    }
