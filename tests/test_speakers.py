"""Speaker resolution: pronouns and short forms carry the fullest earlier name."""

from __future__ import annotations

import re

from quoteattr.schema import Attribution, Span
from quoteattr.speakers import resolve_speakers

TEXT = (
    "NATO Secretary General Jens Stoltenberg spoke on Monday. “We stand together,” "
    "Stoltenberg said. “And we will,” he added. Mr. Stoltenberg’s deputy disagreed. "
    "“Not yet,” said the spokeswoman. “Soon,” said O’Neill, after James O’Neill arrived. "
    "“Maybe,” Rep. Jim Clyburn (D-S.C.) said."
)


def span(sub: str, nth: int = 0) -> Span:
    """The ``nth`` occurrence of ``sub`` as a whole word."""
    match = list(re.finditer(rf"(?<!\w){re.escape(sub)}(?!\w)", TEXT))[nth]
    return Span.of(TEXT, match.start(), match.end())


def attribution(quote: str, cue: str, speaker: str, nth: int = 0) -> Attribution:
    return Attribution((span(quote),), span(cue), span(speaker, nth))


def resolved(attributions):
    return [a.speaker.resolved for a in resolve_speakers(TEXT, attributions)]


def test_surname_pronoun_description_and_full_name():
    got = resolved(
        [
            attribution("“We stand together,”", "said", "Stoltenberg", 1),
            attribution("“And we will,”", "added", "he"),
            attribution("“Not yet,”", "said", "the spokeswoman"),
            attribution("“Maybe,”", "said", "Rep. Jim Clyburn (D-S.C.)"),
        ]
    )
    assert got == ["Jens Stoltenberg", "Jens Stoltenberg", None, "Jim Clyburn"]


def test_a_surname_resolves_only_to_an_earlier_name():
    # "O’Neill" is said before "James O’Neill" appears: nothing to resolve to yet.
    assert resolved([attribution("“Soon,”", "said", "O’Neill")]) == [None]


def test_a_pronoun_with_no_named_speaker_before_stays_none():
    assert resolved([attribution("“And we will,”", "added", "he")]) == [None]


def test_resolution_keeps_offsets_and_order():
    attributions = [
        attribution("“Not yet,”", "said", "the spokeswoman"),
        attribution("“We stand together,”", "said", "Stoltenberg", 1),
    ]
    out = resolve_speakers(TEXT, attributions)
    assert [a.quote for a in out] == sorted(
        (a.quote for a in attributions), key=lambda q: q[0].start
    )
    for a in out:
        a.check(TEXT)
    assert out[0].to_dict()["speaker"]["resolved"] == "Jens Stoltenberg"
