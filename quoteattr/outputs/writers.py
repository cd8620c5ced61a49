"""Streaming writers for corpus jobs: one ``add`` per article, then ``close``."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import IO, Any

from ..schema import Attribution

FORMATS = ("jsonl", "csv", "html")


class JsonlWriter:
    """One ``{"id", "attributions"}`` line per article (the resumable format); the
    article's metadata (``outlet``, ``date``, ...), when given, sits between the two."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def add(
        self,
        id_: str,
        text: str,
        attributions: Sequence[Attribution],
        metadata: Mapping[str, Any] | None = None,
    ) -> None:
        record = {
            "id": id_,
            **(metadata or {}),
            "attributions": [a.to_dict() for a in attributions],
        }
        self.stream.write(json.dumps(record, ensure_ascii=False) + "\n")

    def close(self) -> None:
        pass


def open_writer(fmt: str, stream: IO[str]):
    """A writer of ``fmt`` (``jsonl``, ``csv`` or ``html``) with ``add`` and ``close``."""
    if fmt == "jsonl":
        return JsonlWriter(stream)
    if fmt == "csv":
        from .tables import CsvWriter

        return CsvWriter(stream)
    if fmt == "html":
        from .html import HtmlWriter

        return HtmlWriter(stream)
    raise ValueError(f"format must be one of {FORMATS}, got {fmt!r}")
