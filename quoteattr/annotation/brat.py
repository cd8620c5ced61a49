"""BRAT standoff folders of predictions, for correcting in BRAT or INCEpTION.

The layout is the one :func:`quoteattr.data.readers.read_brat_folder` reads (PolNeAR's):
``text/<id>.txt`` and ``attributions/<id>_quoteattr.ann``, so a corrected folder trains
as it is (``data.train=FOLDER``). BRAT wants each text beside its ``.ann``, so
``attributions/`` also holds ``<id>_quoteattr.txt`` (the same text) and an
``annotation.conf``; open that folder in BRAT, or import its files into INCEpTION.

Each attribution is an ``Attribution`` event (``Attribution-no-source`` without a
speaker) whose trigger is the cue: ``Content`` (all quote pieces, one discontinuous
span), ``Cue`` and ``Source``. A speaker shared by several attributions is one span.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ..schema import Article, Span

ANNOTATOR = "quoteattr"
SAFE_ID = re.compile(r"[\w.\-]+")
ANNOTATION_CONF = """[entities]
Source
Cue
Content

[relations]
<OVERLAP> Arg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>

[events]
Attribution Content:Content, Cue?:Cue, Source?:Source
Attribution-no-source Content:Content, Cue?:Cue

[attributes]
"""


def ann_text(article: Article) -> str:
    """The ``.ann`` file of an article's attributions."""
    lines: list[str] = []
    sources: dict[tuple[int, int], str] = {}

    def span_line(label: str, pieces: Iterable[Span]) -> str:
        pieces = list(pieces)
        tid = f"T{sum(line.startswith('T') for line in lines) + 1}"
        offsets = ";".join(f"{p.start} {p.end}" for p in pieces)
        said = " ".join(" ".join(p.text for p in pieces).split())  # BRAT keeps one line
        lines.append(f"{tid}\t{label} {offsets}\t{said}")
        return tid

    for n, attribution in enumerate(article.attributions, 1):
        args = [f"Content:{span_line('Content', attribution.quote)}"]
        if attribution.cue is not None:
            args.append(f"Cue:{span_line('Cue', [attribution.cue])}")
        speaker, event = attribution.speaker, "Attribution-no-source"
        if speaker is not None:
            event, key = "Attribution", (speaker.start, speaker.end)
            if key not in sources:
                sources[key] = span_line("Source", [speaker])
            args.append(f"Source:{sources[key]}")
        trigger = span_line(event, [attribution.cue or attribution.quote[0]])
        lines.append(f"E{n}\t{event}:{trigger} {' '.join(args)}")
    return "".join(line + "\n" for line in lines)


def write_brat(articles: Iterable[Article], folder: str | Path) -> int:
    """Write ``folder/text/`` and ``folder/attributions/``; returns the article count."""
    folder = Path(folder)
    text_dir, ann_dir = folder / "text", folder / "attributions"
    text_dir.mkdir(parents=True, exist_ok=True)
    ann_dir.mkdir(exist_ok=True)
    (ann_dir / "annotation.conf").write_text(ANNOTATION_CONF, encoding="utf-8")
    count = 0
    for article in articles:
        if not SAFE_ID.fullmatch(article.id):
            raise ValueError(f"article id {article.id!r} cannot name a file: use letters, "
                             "digits, '_', '-' and '.'")  # fmt: skip
        data = article.text.encode("utf-8")  # exactly: offsets count its code points
        (text_dir / f"{article.id}.txt").write_bytes(data)
        (ann_dir / f"{article.id}_{ANNOTATOR}.txt").write_bytes(data)
        (ann_dir / f"{article.id}_{ANNOTATOR}.ann").write_bytes(ann_text(article).encode("utf-8"))
        count += 1
    return count
