"""Attributions as flat rows: CSV files and pandas tables, one row per attribution.

CSV files are opened in spreadsheets, and a quote from a scraped page may begin with
``=HYPERLINK(...)``: a CSV text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or
a carriage return (or their full-width forms) gets a leading ``'``, as OWASP advises
against formula injection, so the spreadsheet shows it as text. Offsets still index the
article; strip one leading ``'`` from such a cell to get the text back. DataFrames keep
the text as it is.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, TYPE_CHECKING, Any

from ..extras import require
from ..schema import Article, Attribution, SchemaError

if TYPE_CHECKING:
    import pandas

AttributionLike = Attribution | dict[str, Any]
Record = tuple[Any, Sequence[AttributionLike]] | Article

CSV_COLUMNS = (
    "id",
    "attribution",
    "type",
    "quote",
    "quote_start",
    "quote_end",
    "cue",
    "cue_start",
    "cue_end",
    "speaker",
    "speaker_start",
    "speaker_end",
    "speaker_resolved",
    "speaker_entity",
    "speaker_inferred",
    "speaker_kind",
    "speaker_gender",
    "speaker_gender_from",
    "score",
    "quote_score",
    "cue_score",
    "speaker_score",
)
PIECE_SEPARATOR = " … "

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")

_INT_COLUMNS = ("attribution", "quote_start", "quote_end", "cue_start", "cue_end")
_INT_COLUMNS += ("speaker_start", "speaker_end", "speaker_entity")
_FLOAT_COLUMNS = ("score", "quote_score", "cue_score", "speaker_score")


def as_attributions(items: Iterable[AttributionLike], article_id: Any) -> list[Attribution]:
    """``items`` as :class:`Attribution` objects (dicts as from ``Attribution.to_dict``)."""
    out = []
    for i, item in enumerate(items):
        if isinstance(item, Attribution):
            out.append(item)
            continue
        try:
            out.append(Attribution.from_dict(item))
        except (SchemaError, TypeError, ValueError) as err:
            raise SchemaError(f"article {article_id!r}, attribution {i}: {err}") from None
    return out


def _score(value: float | None) -> float | None:
    return None if value is None else round(float(value), 4)  # as in Attribution.to_dict


def row(article_id: Any, index: int, attribution: Attribution) -> dict[str, Any]:
    """The CSV row of one attribution (None where it has no cue or speaker)."""
    cue, speaker = attribution.cue, attribution.speaker
    start, end = attribution.quote_extent
    return {
        "id": article_id,
        "attribution": index,
        "type": attribution.type,
        "quote": PIECE_SEPARATOR.join(piece.text for piece in attribution.quote),
        "quote_start": start,
        "quote_end": end,
        "cue": cue.text if cue else None,
        "cue_start": cue.start if cue else None,
        "cue_end": cue.end if cue else None,
        "speaker": speaker.text if speaker else None,
        "speaker_start": speaker.start if speaker else None,
        "speaker_end": speaker.end if speaker else None,
        "speaker_resolved": speaker.resolved if speaker else None,
        "speaker_entity": speaker.entity if speaker else None,
        "speaker_inferred": speaker.inferred if speaker else None,
        "speaker_kind": speaker.kind if speaker else None,
        "speaker_gender": speaker.gender if speaker else None,
        "speaker_gender_from": speaker.gender_from if speaker else None,
        "score": _score(attribution.score),
        "quote_score": _score(attribution.score),
        "cue_score": _score(attribution.cue_score),
        "speaker_score": _score(attribution.speaker_score),
    }


def _split(record: Record) -> tuple[Any, Sequence[AttributionLike]]:
    if isinstance(record, Article):
        return record.id, record.attributions
    if not (isinstance(record, (tuple, list)) and len(record) == 2):
        raise TypeError(f"expected an (id, attributions) pair or an Article, got {record!r:.80}")
    return record[0], record[1]


def rows(records: Iterable[Record]) -> Iterator[dict[str, Any]]:
    """One dict per attribution (keys: :data:`CSV_COLUMNS`) of ``(id, attributions)`` pairs."""
    for record in records:
        article_id, attributions = _split(record)
        for i, attribution in enumerate(as_attributions(attributions, article_id)):
            yield row(article_id, i, attribution)


def csv_safe(value: Any) -> Any:
    """``value`` with a leading ``'`` when it is a text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class CsvWriter:
    """Writes the header at once, then each article's rows as :meth:`add` receives them."""

    def __init__(self, file: IO[str]) -> None:
        self.file = file
        self.writer = csv.DictWriter(file, fieldnames=CSV_COLUMNS, lineterminator="\n")
        self.writer.writeheader()
        # csv quotes a field for the line terminator's characters only: a row with a
        # carriage return (a CRLF article's quote) is written with every field quoted.
        self.quoted = csv.DictWriter(
            file, fieldnames=CSV_COLUMNS, lineterminator="\n", quoting=csv.QUOTE_ALL
        )
        self.rows = 0

    def add(
        self,
        article_id: Any,
        text: str | None,
        attributions: Sequence[AttributionLike],
        metadata: Any = None,
    ) -> None:
        """One row per attribution (``text`` is not needed: the rows carry span texts;
        ``metadata`` is not written: the columns are fixed); cells that would run as
        spreadsheet formulas are defused (see the module doc)."""
        for r in rows([(article_id, attributions)]):
            safe = {k: csv_safe(v) for k, v in r.items()}
            carriage_return = any(isinstance(v, str) and "\r" in v for v in safe.values())
            (self.quoted if carriage_return else self.writer).writerow(safe)
            self.rows += 1

    def close(self) -> None:
        self.file.flush()


def write_csv(records: Iterable[Record], file: IO[str]) -> int:
    """Write ``records`` as CSV to a text stream, as they come; returns the number of rows.

    Open files with ``newline=""``; a quote holding a line break is written quoted.
    """
    writer = CsvWriter(file)
    for record in records:
        article_id, attributions = _split(record)
        writer.add(article_id, None, attributions)
    return writer.rows


def to_dataframe(
    predictions: Iterable[Sequence[AttributionLike]] | Iterable[Record],
    ids: Sequence[Any] | None = None,
) -> pandas.DataFrame:
    """A pandas DataFrame with :data:`CSV_COLUMNS`, one row per attribution.

    ``predictions``: what ``QuoteAttributor.predict`` returns (ids are then ``ids`` or the
    text's position) or ``(id, attributions)`` pairs.
    """
    pd = require("pandas", "to_dataframe")
    predictions = list(predictions)
    if ids is not None and len(ids) != len(predictions):
        raise ValueError(f"{len(ids)} ids for {len(predictions)} articles")
    records = []
    for i, item in enumerate(predictions):
        if _is_record(item):
            if ids is not None:
                raise ValueError("give ids with a list of attribution lists, not with pairs")
            records.append(item)
        else:
            records.append((i if ids is None else ids[i], item))
    frame = pd.DataFrame(list(rows(records)), columns=list(CSV_COLUMNS))
    dtypes = {column: "Int64" for column in _INT_COLUMNS}
    dtypes.update({column: "float64" for column in _FLOAT_COLUMNS}, speaker_inferred="boolean")
    return frame.astype(dtypes)


def _is_record(item: Any) -> bool:
    """An Article or an ``(id, attributions)`` pair, not a list of attributions."""
    if isinstance(item, Article):
        return True
    return (
        isinstance(item, (tuple, list))
        and len(item) == 2
        and not isinstance(item[0], (Attribution, dict))
        and isinstance(item[1], (list, tuple))
    )
