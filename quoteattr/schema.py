"""Typed data model: spans, attributions and articles, with JSON round-trips.

Offsets are half-open ``[start, end)`` indices into the original article text, in
Python code points, so ``text[span.start:span.end] == span.text`` always holds.
"""

from __future__ import annotations

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
    resolved: str | None = None  # speakers only: the fullest earlier name ("he" -> "Jo Bloggs")

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
    def of(cls, text: str, start: int, end: int) -> Span:
        """The span ``text[start:end]``, checked against the text's length."""
        if not 0 <= start <= end <= len(text):
            raise SchemaError(f"span [{start}, {end}) is outside a text of length {len(text)}")
        return cls(start, end, text[start:end])

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
        out: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text}
        if self.resolved is not None:
            out["resolved"] = self.resolved
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Span:
        try:
            return cls(
                int(data["start"]), int(data["end"]), str(data["text"]), data.get("resolved")
            )
        except (KeyError, TypeError) as err:
            raise SchemaError(f"a span needs start, end and text, got {data!r}") from err


@dataclass(frozen=True)
class Attribution:
    """Who said what: one or more quote pieces, the cue and the speaker."""

    quote: tuple[Span, ...]
    cue: Span | None = None
    speaker: Span | None = None
    score: float = 1.0

    def __post_init__(self) -> None:
        if not self.quote:
            raise SchemaError("an attribution needs at least one quote span")
        object.__setattr__(self, "quote", tuple(sorted(self.quote, key=lambda s: s.start)))

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
            "score": round(float(self.score), 4),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Attribution:
        if not isinstance(data, dict) or "quote" not in data:
            raise SchemaError(f"an attribution needs a 'quote' list, got {data!r}")
        quote = data["quote"]
        if isinstance(quote, dict):
            quote = [quote]
        return cls(
            quote=tuple(Span.from_dict(q) for q in quote),
            cue=Span.from_dict(data["cue"]) if data.get("cue") else None,
            speaker=Span.from_dict(data["speaker"]) if data.get("speaker") else None,
            score=float(data.get("score", 1.0)),
        )


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
