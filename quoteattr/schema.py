"""Typed data model: spans, attributions and articles, with JSON round-trips.

Offsets are half-open ``[start, end)`` indices into the original article text, in
Python code points, so ``text[span.start:span.end] == span.text`` always holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

ROLES = ("quote", "cue", "speaker")


class SchemaError(ValueError):
    """A span, attribution or article that does not fit its text."""


@dataclass(frozen=True)
class Span:
    """A stretch of an article's text."""

    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if not (isinstance(self.start, int) and isinstance(self.end, int)):
            raise SchemaError(f"span offsets must be integers, got {self.start!r}, {self.end!r}")
        if self.start < 0 or self.end < self.start:
            raise SchemaError(f"bad span offsets [{self.start}, {self.end})")
        if len(self.text) != self.end - self.start:
            raise SchemaError(
                f"span [{self.start}, {self.end}) has text of length {len(self.text)}: "
                f"{self.text!r}"
            )

    @classmethod
    def of(cls, text: str, start: int, end: int, **fields: Any) -> Span:
        """The span ``text[start:end]``, checked against the text's length."""
        if not 0 <= start <= end <= len(text):
            raise SchemaError(f"span [{start}, {end}) is outside a text of length {len(text)}")
        return cls(start, end, text[start:end], **fields)

    def check(self, text: str) -> None:
        """Raise :class:`SchemaError` unless this span indexes ``text`` exactly."""
        if self.end > len(text):
            raise SchemaError(f"span [{self.start}, {self.end}) ends past the text ({len(text)})")
        if text[self.start : self.end] != self.text:
            raise SchemaError(
                f"span [{self.start}, {self.end}) says {self.text!r} but the text there is "
                f"{text[self.start : self.end]!r}"
            )

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Span:
        try:
            return cls(int(data["start"]), int(data["end"]), str(data["text"]))
        except (KeyError, TypeError) as err:
            raise SchemaError(f"a span needs start, end and text, got {data!r}") from err


@dataclass(frozen=True)
class Speaker(Span):
    """The speaker as the article names it at the cue, and the person or body meant.

    ``resolved`` is the fullest name of that person or organisation ("he" -> "Jo
    Bloggs"), or None where the article names no one ("a spokeswoman", "the ministry",
    which may still have a ``kind``); ``entity`` numbers the speakers of one article so
    that every attribution of the same person shares it; ``inferred`` marks a speaker
    taken from the quote that a cue-less follow-on quote continues (the span is then that
    quote's speaker, earlier in the text).

    ``kind`` is what the speaker is: ``person``, ``organisation``, ``place``, ``group``
    or None (unknown). ``gender`` (``female``, ``male`` or None) is inferred for people
    only, and ``gender_from`` says from what: ``pronoun`` or ``title`` (words in the
    article: "she", "Ms", "spokeswoman") or ``first name`` (first-name statistics).
    """

    resolved: str | None = None
    entity: int | None = None
    inferred: bool = False
    kind: str | None = None
    gender: str | None = None
    gender_from: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            **super().to_dict(),
            "resolved": self.resolved,
            "entity": self.entity,
            "inferred": self.inferred,
            "kind": self.kind,
            "gender": self.gender,
            "gender_from": self.gender_from,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Speaker:
        span = Span.from_dict(data)
        entity = data.get("entity")
        return cls(
            span.start,
            span.end,
            span.text,
            resolved=data.get("resolved"),
            entity=None if entity is None else int(entity),
            inferred=bool(data.get("inferred", False)),
            kind=_choice(data, "kind", SPEAKER_KINDS),
            gender=_choice(data, "gender", GENDERS),
            gender_from=_choice(data, "gender_from", GENDER_SOURCES),
        )


SPEAKER_KINDS = ("person", "organisation", "place", "group")
GENDERS = ("female", "male")
GENDER_SOURCES = ("pronoun", "title", "first name")


def _choice(data: dict[str, Any], key: str, allowed: tuple[str, ...]) -> str | None:
    value = data.get(key)
    if value is not None and value not in allowed:
        raise SchemaError(
            f"speaker {key} must be one of {', '.join(allowed)} or null, got {value!r}"
        )
    return value


QUOTE_TYPES = ("direct", "indirect", "mixed")
# Opening and closing quotation marks, straight and typographic, guillemets included.
QUOTATION_MARKS = "\"'“”„‟‘’‚‛«»‹›「」『』"
# Words in straight single quotes ("had 'lost control' of"), not apostrophes ("Labour's").
SINGLE_QUOTED = re.compile(r"(?<![\w'’])'[^\s'][^'\n]*?(?<=\S)'(?![\w])")


def _is_mark(char: str) -> bool:
    return char != "" and char in QUOTATION_MARKS  # "" is in every string


def _piece_marks(piece: str, before: str, after: str) -> str:
    """``"all"`` when the piece is inside quotation marks, ``"some"`` when it holds some
    but is not inside them, ``"none"`` otherwise. ``before``/``after``: the text next to
    it (quotation marks may lie just outside a predicted span)."""
    core = piece.strip(" \t\n,.;:!?—–-")
    opens = _is_mark(core[:1]) or _is_mark(before.rstrip()[-1:])
    closes = _is_mark(core[-1:]) or _is_mark(after.lstrip(" \t\n,.;:!?—–-")[:1])
    if opens and closes:
        return "all"
    some = any(c in QUOTATION_MARKS for c in core if c not in "'’") or SINGLE_QUOTED.search(core)
    return "some" if some else "none"


def quote_type(pieces: tuple[Span, ...] | list[Span], text: str | None = None) -> str:
    """``direct`` (every piece inside quotation marks), ``indirect`` (no piece holds
    any) or ``mixed``. With ``text``, marks just outside a piece count as its own."""
    kinds = set()
    for piece in pieces:
        before = text[max(0, piece.start - 2) : piece.start] if text is not None else ""
        after = text[piece.end : piece.end + 2] if text is not None else ""
        kinds.add(_piece_marks(piece.text, before, after))
    if kinds == {"all"}:
        return "direct"
    return "indirect" if kinds == {"none"} else "mixed"


@dataclass(frozen=True)
class Attribution:
    """Who said what: one or more quote pieces, the cue and the speaker."""

    quote: tuple[Span, ...]
    cue: Span | None = None
    speaker: Speaker | None = None
    score: float = 1.0  # the attribution's confidence: the mean probability of its quote
    type: str = ""  # direct, indirect or mixed; "" works it out from the quote pieces
    cue_score: float | None = None  # mean label probability of the cue's tokens
    speaker_score: float | None = None  # ... and of the speaker's tokens

    def __post_init__(self) -> None:
        if not self.quote:
            raise SchemaError("an attribution needs at least one quote span")
        object.__setattr__(self, "quote", tuple(sorted(self.quote, key=lambda s: s.start)))
        if self.speaker is not None and not isinstance(self.speaker, Speaker):
            s = self.speaker
            object.__setattr__(self, "speaker", Speaker(s.start, s.end, s.text))
        if not self.type:
            object.__setattr__(self, "type", quote_type(self.quote))
        elif self.type not in QUOTE_TYPES:
            raise SchemaError(f"attribution type must be one of {QUOTE_TYPES}, got {self.type!r}")

    @property
    def quote_extent(self) -> tuple[int, int]:
        """From the first quote piece's start to the last piece's end."""
        return self.quote[0].start, max(s.end for s in self.quote)

    def spans(self) -> list[Span]:
        return [*self.quote, *(s for s in (self.cue, self.speaker) if s is not None)]

    def check(self, text: str) -> None:
        for span in self.spans():
            span.check(text)

    def to_dict(self) -> dict[str, Any]:
        return {
            "quote": [s.to_dict() for s in self.quote],
            "cue": self.cue.to_dict() if self.cue else None,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "type": self.type,
            "score": round(float(self.score), 4),
            "scores": {
                "quote": round(float(self.score), 4),
                "cue": _rounded(self.cue_score),
                "speaker": _rounded(self.speaker_score),
            },
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Attribution:
        if not isinstance(data, dict) or "quote" not in data:
            raise SchemaError(f"an attribution needs a 'quote' list, got {data!r}")
        quote = data["quote"]
        if isinstance(quote, dict):
            quote = [quote]
        scores = data.get("scores") or {}
        return cls(
            quote=tuple(Span.from_dict(q) for q in quote),
            cue=Span.from_dict(data["cue"]) if data.get("cue") else None,
            speaker=Speaker.from_dict(data["speaker"]) if data.get("speaker") else None,
            score=float(data.get("score", 1.0)),
            type=data.get("type") or "",
            cue_score=scores.get("cue"),
            speaker_score=scores.get("speaker"),
        )


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(float(value), 4)


@dataclass(frozen=True)
class Article:
    """An article's text and (gold or predicted) attributions."""

    id: str
    text: str
    attributions: tuple[Attribution, ...] = field(default_factory=tuple)

    def check(self) -> None:
        """Raise :class:`SchemaError` naming the first span that does not index the text."""
        for i, attribution in enumerate(self.attributions):
            try:
                attribution.check(self.text)
            except SchemaError as err:
                raise SchemaError(f"article {self.id!r}, attribution {i}: {err}") from None

    def to_dict(self, with_text: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id}
        if with_text:
            out["text"] = self.text
        out["attributions"] = [a.to_dict() for a in self.attributions]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        if not isinstance(data, dict):
            raise SchemaError(f"an article must be a JSON object, got {type(data).__name__}")
        if "id" not in data or "text" not in data:
            raise SchemaError("an article needs 'id' and 'text'")
        if not isinstance(data["text"], str):
            raise SchemaError("'text' must be a string")
        article = cls(
            id=str(data["id"]),
            text=data["text"],
            attributions=tuple(Attribution.from_dict(a) for a in data.get("attributions") or ()),
        )
        article.check()
        return article
