"""Speakers as people read them: a pronoun or short form carries the fullest earlier name.

``"he said"`` or ``"Stoltenberg said"`` gets ``speaker.resolved`` set to the fullest name
found earlier in the article ("Jens Stoltenberg"). A surname, with or without a title
("Mr. Obama"), resolves to the nearest earlier first-name-surname pair in the text with
that surname; "he"/"she" resolves to the nearest earlier speaker whose resolved name is
a full name. A speaker span holding a full name resolves to that name (titles
and descriptions dropped); descriptions ("the spokeswoman"), plural pronouns and unknown
surnames stay None.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Sequence

from .schema import Attribution, Span

PRONOUNS = {"he", "she", "him", "her"}
TITLES = re.compile(
    r"^(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Prof|Pres|Rev|Sec|Amb|Adm|Capt)\.?"
    r"|President|Senator|Governor|Secretary|Minister|Judge|Justice|Mayor|Speaker|Chairman)\s+"
)
WORD = r"[A-Z][a-z’'][\w’'\-]*"
# A first name, an optional initial ("J.") and a surname, on one line.
NAME = re.compile(rf"(?=\b({WORD})(?: ([A-Z]\.))? ({WORD})\b)")  # overlapping matches
NOT_NAMES = {
    "The", "A", "An", "In", "On", "At", "And", "But", "For", "When", "While", "If", "As",
    "After", "Before", "Should", "Unlike", "What", "This", "That", "His", "Her", "Their",
    "Our", "Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "President", "Senator", "Governor",
}  # fmt: skip


def _words(name: str) -> list[str]:
    return re.sub(r"[’']s$", "", name).split()


def _strip_title(name: str) -> str:
    return TITLES.sub("", name).strip()


def _names(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, str, str]]:
    """``(position, full name, surname)`` of each first-name-surname pair in the range
    (``finditer`` treats ``end`` as the end of the text, so no pair runs past it)."""
    names = []
    for match in NAME.finditer(text, start, len(text) if end is None else end):
        first, initial, surname = match.groups()
        if first in NOT_NAMES:
            continue
        surname = re.sub(r"[’']s$", "", surname)
        names.append((match.start(), " ".join(w for w in (first, initial, surname) if w), surname))
    return names


class _NameIndex:
    """Full names of an article by surname, in text order, for nearest-earlier lookups."""

    def __init__(self, text: str) -> None:
        self.by_surname: dict[str, tuple[list[int], list[str]]] = {}
        for pos, full, surname in _names(text):
            positions, fulls = self.by_surname.setdefault(surname.replace("’", "'"), ([], []))
            positions.append(pos)
            fulls.append(full)

    def nearest_before(self, surname: str, end: int) -> str | None:
        positions, fulls = self.by_surname.get(surname.replace("’", "'"), ([], []))
        i = bisect.bisect_left(positions, end)
        return fulls[i - 1] if i else None


def resolve(text: str, speaker: Span, earlier_speakers: Sequence[Span], index=None) -> str | None:
    """The fullest name ``speaker`` stands for, from ``text`` before it and earlier speakers."""
    words = _words(_strip_title(speaker.text.strip()))
    if not words:
        return None
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        for earlier in reversed(earlier_speakers):  # the nearest earlier named speaker
            if earlier.resolved and len(earlier.resolved.split()) >= 2:
                return earlier.resolved
        return None
    inside = _names(text, speaker.start, speaker.end)
    if inside:  # "Interim DNC Chairwoman Donna Brazile" -> "Donna Brazile"
        return inside[-1][1]
    if len(words) != 1 or not words[0][0].isupper():
        return None  # a description ("the campaign's spokeswoman")
    return (index or _NameIndex(text)).nearest_before(words[0], speaker.start)


def resolve_speakers(text: str, attributions: Sequence[Attribution]) -> list[Attribution]:
    """``attributions`` (in text order) with ``speaker.resolved`` filled in where known."""
    index = _NameIndex(text) if any(a.speaker for a in attributions) else None
    out, seen = [], []
    for a in sorted(attributions, key=lambda a: a.speaker.start if a.speaker else -1):
        if a.speaker is not None:
            resolved = resolve(text, a.speaker, seen, index)
            speaker = dataclasses.replace(a.speaker, resolved=resolved)
            seen.append(speaker)
            a = dataclasses.replace(a, speaker=speaker)
        out.append(a)
    return sorted(out, key=lambda a: a.quote_extent)
