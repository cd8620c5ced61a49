"""Spans and attributions written by naming their text, shared by the test folders
(``from text_spans import span``)."""

from __future__ import annotations

from quoteattr.schema import Attribution, Span


def offsets(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    """``(start, end)`` of the ``nth`` (0-based) occurrence of ``part`` in ``text``."""
    start = -1
    for seen in range(nth + 1):
        start = text.find(part, start + 1)
        if start < 0:
            raise ValueError(f"{part!r} occurs {seen} times in the text, not {nth + 1}")
    return start, start + len(part)


def span(text: str, part: str, nth: int = 0) -> Span:
    """The ``nth`` (0-based) ``part`` of ``text`` as a :class:`Span`."""
    return Span.of(text, *offsets(text, part, nth))


def said(text: str, quote: str, cue: str | None, speaker: str | None, nth: int = 0) -> Attribution:
    """An attribution of the first ``quote`` with the first ``cue`` to the ``nth``
    ``speaker`` of ``text`` (cue or speaker None for none)."""
    return Attribution(
        (span(text, quote),),
        span(text, cue) if cue else None,
        span(text, speaker, nth) if speaker else None,
    )
