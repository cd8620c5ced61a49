"""Tagged spans -> attributions: which cue and which speaker go with which quote.

Each quote and speaker is linked to the nearest cue on the side its label names (the
tagger learns the side; see :mod:`quoteattr.labels`); without a side, or with no cue on
that side, the nearest cue on either side within ``max_distance`` characters. All quotes
of one cue form one attribution, so an interrupted quote ("…," she said, "…") is one
attribution with two quote pieces. With ``paragraphs``, a cue keeps only its quotes in
the paragraph group nearest it (a paragraph that opens with a quotation mark goes on
with the group before it): a cue's quotes beyond a line break are mostly not its own.
A cue takes its nearest linked speaker; a cue that no speaker chose takes the nearest
speaker facing it, so one speaker can serve several cues. A quote without a cue takes a
speaker right next to it ("“…” ― Jane Smith", "SMITH: …") or none. A line that opens
with its speaker and a colon quotes the rest of the line, and a transcript's labelled
lines ("GARETH PUGH: …") are attributions even where the tagger missed them.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterator, Sequence

from ..config import DecodingConfig
from ..schema import Attribution, Span, Speaker, quote_type
from ..speakers.lexicon import NOT_SPEAKERS
from .spans import OPENING_QUOTES, TaggedSpan, has_line_break


def link(
    text: str,
    spans: Sequence[TaggedSpan],
    max_distance: int = DecodingConfig.max_distance,
    use_sides: bool = True,
    shared_speakers: bool = True,
    paragraphs: bool = True,
) -> list[Attribution]:
    """Group decoded spans of ``text`` into attributions, in order of their first quote.

    ``use_sides=False`` ignores the learned sides (nearest cue either way);
    ``shared_speakers=False`` leaves a cue that no speaker chose without one;
    ``paragraphs=False`` keeps all of a cue's quotes, whatever paragraph they are in.

    Decoded spans never overlap, so cues and speakers sorted by start are also sorted by
    end, and each lookup is a binary search (a 1 MB article links in linear time).
    """
    cues = _Sorted([s for s in spans if s.role == "cue"])
    speakers = _Sorted([s for s in spans if s.role == "speaker"])
    quotes_of: dict[int, list[TaggedSpan]] = {}
    speakers_of: dict[int, list[tuple[int, TaggedSpan]]] = {}
    orphans: list[TaggedSpan] = []
    for span in spans:
        if span.role == "cue":
            continue
        side = span.side if use_sides else None
        found = _nearest_cue(span.start, span.end, side, cues, max_distance)
        if span.role == "quote":
            if found is None:
                orphans.append(span)
            else:
                quotes_of.setdefault(found[0], []).append(span)
        elif found is not None:
            speakers_of.setdefault(found[0], []).append((found[1], span))

    attributions = []
    for i, quotes in quotes_of.items():
        cue = cues.spans[i]
        linked = speakers_of.get(i)
        if linked:
            speaker = min(linked, key=lambda d: d[0])[1]
        elif shared_speakers:  # a speaker shared by several cues ("Trump said …, adding …")
            speaker = _nearest_facing_speaker(cue, speakers, max_distance // 2)
        else:
            speaker = None
        if paragraphs:
            quotes = _nearest_paragraph_group(text, quotes, cue)
        attributions.append(_attribution(text, quotes, cue, speaker))
    attributions += [
        _attribution(text, [q], None, _adjacent_speaker(text, q, speakers)) for q in orphans
    ]
    return sorted(attributions, key=lambda a: a.quote_extent)


ADJACENT_GAP = 8  # characters; "” ― ", "”— ", ": "


def _adjacent_speaker(text: str, quote: TaggedSpan, speakers: _Sorted) -> TaggedSpan | None:
    """The speaker next to a quote without a cue, with only punctuation and spaces between
    on one line ("“…” ― Jane Smith", "SMITH: …"), or None."""
    found = []
    i = bisect.bisect_left(speakers.starts, quote.end)
    if i < len(speakers.spans):
        found.append((text[quote.end : speakers.starts[i]], speakers.spans[i]))
    i = bisect.bisect_right(speakers.ends, quote.start) - 1
    if i >= 0:
        found.append((text[speakers.ends[i] : quote.start], speakers.spans[i]))
    found = [
        (len(gap), speaker)
        for gap, speaker in found
        if len(gap) <= ADJACENT_GAP and not has_line_break(gap) and not any(map(str.isalnum, gap))
    ]
    return min(found, key=lambda f: f[0])[1] if found else None


def _nearest_paragraph_group(
    text: str, quotes: list[TaggedSpan], cue: TaggedSpan
) -> list[TaggedSpan]:
    """The run of ``quotes`` nearest ``cue`` that no line break splits (a line break
    before an opening quotation mark does not split a run)."""
    quotes = sorted(quotes, key=lambda q: q.start)
    groups = [[quotes[0]]]
    for before, after in zip(quotes, quotes[1:]):
        gap = text[before.end : after.start]
        if has_line_break(gap) and text[after.start : after.start + 1] not in OPENING_QUOTES:
            groups.append([after])
        else:
            groups[-1].append(after)

    def distance(group: list[TaggedSpan]) -> int:
        return min(max(cue.start - q.end, q.start - cue.end, 0) for q in group)

    return min(groups, key=distance)


class _Sorted:
    """Non-overlapping spans sorted by start, with their starts and ends for bisection."""

    def __init__(self, spans: list[TaggedSpan]) -> None:
        self.spans = sorted(spans, key=lambda s: s.start)
        self.starts = [s.start for s in self.spans]
        self.ends = [s.end for s in self.spans]


def _nearest_cue(
    start: int, end: int, side: str | None, cues: _Sorted, max_distance: int
) -> tuple[int, int] | None:
    """``(index, distance)`` of the cue that the span ``[start, end)`` links to, or None."""
    right, left = [], []
    r = bisect.bisect_left(cues.starts, end)
    if r < len(cues.spans):
        right.append((cues.starts[r] - end, r))
    lo = bisect.bisect_right(cues.ends, start) - 1
    if lo >= 0:
        left.append((start - cues.ends[lo], lo))
    sides = {"R": [right, left], "L": [left, right], None: [right + left]}[side]
    for candidates in sides:
        if candidates:
            distance, i = min(candidates)
            if distance <= max_distance:
                return i, distance
    return None


def _nearest_facing_speaker(
    cue: TaggedSpan, speakers: _Sorted, max_distance: int
) -> TaggedSpan | None:
    """The nearest speaker within ``max_distance`` whose side points towards ``cue``."""
    best: tuple[int, int, TaggedSpan] | None = None
    i = bisect.bisect_right(speakers.ends, cue.start) - 1
    while i >= 0 and cue.start - speakers.ends[i] <= max_distance:
        if speakers.spans[i].side in ("R", None):
            best = (cue.start - speakers.ends[i], speakers.starts[i], speakers.spans[i])
            break
        i -= 1
    i = bisect.bisect_left(speakers.starts, cue.end)
    while i < len(speakers.spans) and speakers.starts[i] - cue.end <= max_distance:
        if speakers.spans[i].side in ("L", None):
            candidate = (speakers.starts[i] - cue.end, speakers.starts[i], speakers.spans[i])
            best = min(best, candidate, key=lambda c: c[:2]) if best else candidate
            break
        i += 1
    return best[2] if best else None


def _attribution(
    text: str, quotes: list[TaggedSpan], cue: TaggedSpan | None, speaker: TaggedSpan | None
) -> Attribution:
    pieces = tuple(Span.of(text, q.start, q.end) for q in quotes)
    return Attribution(
        quote=pieces,
        cue=Span.of(text, cue.start, cue.end) if cue else None,
        speaker=Speaker.of(text, speaker.start, speaker.end) if speaker else None,
        score=sum(q.score for q in quotes) / len(quotes),
        type=quote_type(pieces, text),
        cue_score=cue.score if cue else None,
        speaker_score=speaker.score if speaker else None,
    )


# A transcript's speaker label: a name in capitals opening a line ("GARETH PUGH: ...").
TRANSCRIPT_LABEL = re.compile(
    r"^[ \t]*([A-Z][A-Z.’'\-]+(?: [A-Z][A-Z.’'\-]*){0,3}):[ \t]*(\S.*)$", re.M
)


def labelled_lines(text: str, attributions: Sequence[Attribution]) -> list[Attribution]:
    """A line that opens with its speaker and a colon ("SMITH: …", a transcript's or a
    headline's label) quotes the rest of the line, whatever part of it the tagger took.
    In a transcript (two or more lines with a label in capitals), a labelled line the
    tagger missed is added with score 1.0."""
    out = list(_transcript_lines(text, attributions))
    for a in attributions:
        s = a.speaker
        if s is not None and text.startswith(":", s.end):
            line_end = text.find("\n", s.end)
            body = text[s.end + 1 : len(text) if line_end < 0 else line_end]
            start = s.end + 1 + len(body) - len(body.lstrip())
            end = s.end + 1 + len(body.rstrip())
            line_start = text.rfind("\n", 0, s.start) + 1
            if (
                not text[line_start : s.start].strip()
                and start < end
                and all(start <= q.start and q.end <= end for q in a.quote)
            ):
                piece = Span.of(text, start, end)
                a = dataclasses.replace(a, quote=(piece,), type=quote_type((piece,), text))
        out.append(a)
    return sorted(out, key=lambda a: a.quote_extent)


def _transcript_lines(text: str, attributions: Sequence[Attribution]) -> Iterator[Attribution]:
    """Attributions for the labelled lines of a transcript that no attribution touches."""
    lines = [m for m in TRANSCRIPT_LABEL.finditer(text) if m.group(1) not in NOT_SPEAKERS]
    if len(lines) < 2:
        return
    for line in lines:
        start, end = line.start(2), line.start(2) + len(line.group(2).rstrip())
        if any(q.start < end and start < q.end for a in attributions for q in a.quote):
            continue
        piece = Span.of(text, start, end)
        yield Attribution(
            quote=(piece,),
            cue=Span.of(text, line.end(1), line.end(1) + 1),
            speaker=Speaker.of(text, line.start(1), line.end(1)),
            type=quote_type((piece,), text),
        )
