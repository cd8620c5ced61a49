"""Token label schemes.

Two BIO schemes are known:

- ``bio``: ``B-``/``I-`` for ``QUOTE``, ``CUE`` and ``SPEAKER``.
- ``bio-linked`` (default): quote and speaker labels also say on which side their cue
  lies (``QUOTE_L``: the cue is to the left, ``QUOTE_R``: to the right), so that linking
  a quote or speaker to its cue is learned by the tagger rather than left to distance.
"""

from __future__ import annotations

SCHEMES: dict[str, tuple[str, ...]] = {
    "bio": ("CUE", "QUOTE", "SPEAKER"),
    "bio-linked": ("CUE", "QUOTE_L", "QUOTE_R", "SPEAKER_L", "SPEAKER_R"),
}
DEFAULT_SCHEME = "bio-linked"
IGNORE_INDEX = -100


def label_names(scheme: str = DEFAULT_SCHEME) -> list[str]:
    """``["O", "B-CUE", "I-CUE", ...]`` for a scheme."""
    if scheme not in SCHEMES:
        raise ValueError(f"unknown label scheme {scheme!r}; known: {', '.join(SCHEMES)}")
    return ["O"] + [f"{p}-{t}" for t in SCHEMES[scheme] for p in ("B", "I")]


def id2label(scheme: str = DEFAULT_SCHEME) -> dict[int, str]:
    return dict(enumerate(label_names(scheme)))


def scheme_of(labels: list[str]) -> str:
    """The scheme whose label list is exactly ``labels``; ``ValueError`` otherwise."""
    for name in SCHEMES:
        if list(labels) == label_names(name):
            return name
    raise ValueError(
        f"the model's labels {list(labels)} match no quoteattr scheme ({', '.join(SCHEMES)})"
    )


def role_of(tag: str) -> str:
    """``"QUOTE_L"`` -> ``"quote"``; ``"CUE"`` -> ``"cue"``."""
    return tag.split("_")[0].lower()


def side_of(tag: str) -> str | None:
    """``"L"``, ``"R"`` or ``None`` (no side in the tag)."""
    return tag.split("_")[1] if "_" in tag else None
