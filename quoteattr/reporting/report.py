"""A corpus report of who is quoted: ``quoteattr report PRED.jsonl... -o DIR``.

:func:`report` reads prediction files (``quoteattr predict`` JSONL, with the metadata
predict carries: ``outlet``, ``date``, ...) and returns the tables; :func:`write_report`
also writes them to a folder:

- ``sources.csv``: one row per article and speaker (:class:`~.sources.Source`), with the
  corpus ``entity`` it was merged into and the article's metadata;
- ``entities.csv``: one row per entity: quotes, articles, outlets, first and last date,
  the names merged and the article ids;
- ``articles.csv``: per article, quotes, quotes with no speaker and with an unnamed one;
- ``report.html``: the charts (:mod:`.page`; needs plotly, the ``report`` extra), and
  ``articles.html``, the articles highlighted, when their texts are given.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..data.readers import CorpusReport, PredictionRecord, iter_records, read_prediction_records
from ..extras import require
from ..schema import SchemaError
from .merging import entities, merge_sources
from .sources import ArticleCount, Report, Source, article_sources

SOURCE_COLUMNS = ["id", "name", "kind", "gender", "gender_from", "quotes", "named", "mention"]
SOURCE_COLUMNS += ["entity"]
ENTITY_COLUMNS = ["entity", "name", "kind", "gender", "gender_from", "quotes", "articles"]
ENTITY_COLUMNS += ["outlets", "first_date", "last_date", "names", "ids"]
ARTICLE_COLUMNS = ["id", "quotes", "no_speaker", "unnamed"]
OUTLET, DATE = "outlet", "date"  # the metadata fields the tallies read


def _pandas():
    return require("pandas", "quoteattr report", "report")


def _records(predictions: Iterable[str | Path | PredictionRecord], report: CorpusReport):
    for item in predictions:
        if isinstance(item, PredictionRecord):
            yield item
        else:
            yield from read_prediction_records(item, strict=False, report=report)


def _metadata_columns(rows: Sequence[Source | ArticleCount]) -> list[str]:
    keys: dict[str, None] = {}
    for r in rows:
        keys.update(dict.fromkeys(r.metadata))
    return [k for k in keys if k not in SOURCE_COLUMNS + ARTICLE_COLUMNS]


def _scalar(value: Any) -> Any:
    """Metadata as a CSV cell: lists and objects as JSON."""
    if isinstance(value, (list, dict)):
        import json

        return json.dumps(value, ensure_ascii=False)
    return value


def _dates(values: Iterable[Any]) -> list[str]:
    """ISO dates (YYYY-MM-DD) of the values that parse as dates."""
    pd = _pandas()
    parsed = pd.to_datetime(pd.Series(list(values), dtype="object"), errors="coerce", utc=True)
    return [d.strftime("%Y-%m-%d") for d in parsed.dropna()]


def report(predictions: Iterable[str | Path | PredictionRecord]) -> Report:
    """The report's tables for prediction JSONL files (or :class:`PredictionRecord`
    objects). A line that cannot be read is listed in ``skipped``; an id seen twice keeps
    its first line (a resumed job may repeat none, but concatenated files might)."""
    pd = _pandas()
    corpus = CorpusReport()
    sources: list[Source] = []
    counts: list[ArticleCount] = []
    seen: set[str] = set()
    for record in _records(predictions, corpus):
        if record.id in seen:
            corpus.skipped.append((record.id, "id seen before; the first line is kept"))
            continue
        seen.add(record.id)
        found, count = article_sources(record.id, record.attributions, record.metadata)
        sources += found
        counts.append(count)
    merge_sources(sources)
    meta = _metadata_columns(sources)
    source_rows = [
        {
            "id": s.id, "name": s.name, "kind": s.kind, "gender": s.gender,
            "gender_from": s.gender_from, "quotes": s.quotes, "named": s.named,
            "mention": s.mention, "entity": s.entity,
            **{k: _scalar(s.metadata.get(k)) for k in meta},
        }
        for s in sources
    ]  # fmt: skip
    source_table = pd.DataFrame(source_rows, columns=SOURCE_COLUMNS + meta)
    source_table = source_table.astype({"entity": "Int64", "quotes": "int64", "named": "bool"})
    entity_rows = []
    for e in entities(sources):
        outlets = {s.metadata.get(OUTLET) for s in e.sources} - {None, ""}
        dates = sorted(_dates(s.metadata.get(DATE) for s in e.sources))
        entity_rows.append(
            {
                "entity": e.entity, "name": e.name, "kind": e.kind, "gender": e.gender,
                "gender_from": e.gender_from, "quotes": e.quotes, "articles": len(e.ids),
                "outlets": len(outlets), "first_date": dates[0] if dates else None,
                "last_date": dates[-1] if dates else None,
                "names": "; ".join(dict.fromkeys(s.name for s in e.sources if s.name)),
                "ids": " ".join(e.ids),
            }
        )  # fmt: skip
    article_meta = _metadata_columns(counts)
    article_rows = [
        {
            "id": c.id, "quotes": c.quotes, "no_speaker": c.no_speaker, "unnamed": c.unnamed,
            **{k: _scalar(c.metadata.get(k)) for k in article_meta},
        }
        for c in counts
    ]  # fmt: skip
    return Report(
        source_table,
        pd.DataFrame(entity_rows, columns=ENTITY_COLUMNS),
        pd.DataFrame(article_rows, columns=ARTICLE_COLUMNS + article_meta),
        corpus.skipped,
    )


def _texts(inputs: Sequence[str | Path]) -> Mapping[str, str]:
    """Article texts by id, read as ``quoteattr predict`` reads its inputs."""
    return {id_: text for id_, text, _ in iter_records(inputs, strict=False)}


def write_report(
    predictions: Sequence[str | Path],
    output: str | Path,
    *,
    texts: Sequence[str | Path] | None = None,
    top: int = 20,
    title: str = "quoteattr: who is quoted",
) -> tuple[list[Path], list[tuple[str, str]]]:
    """Write ``sources.csv``, ``entities.csv``, ``articles.csv`` and ``report.html`` to
    ``output`` (and ``articles.html`` when ``texts``, the articles as given to predict,
    are given, or the prediction lines carry their texts). Returns the paths written and
    what was skipped: ``(where, reason)`` for each line that could not be read, and each
    article that could not be shown."""
    from .page import plotly_modules, render_report

    plotly_modules()  # missing: say so before writing anything
    output = Path(output)
    corpus = CorpusReport()
    records = [r for p in predictions for r in read_prediction_records(p, False, corpus)]
    tables = report(records)
    tables.skipped[:0] = corpus.skipped
    output.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in (
        ("sources", tables.sources),
        ("entities", tables.entities),
        ("articles", tables.articles),
    ):
        path = output / f"{name}.csv"
        table.to_csv(path, index=False)
        written.append(path)
    found = {r.id: r.text for r in records if r.text is not None}
    if texts:
        found.update(_texts(texts))
    anchors: dict[str, str] = {}
    if found:
        from ..outputs.html import HtmlWriter

        path = output / "articles.html"
        with path.open("w", encoding="utf-8") as f, HtmlWriter(f, title + ": articles") as page:
            for r in records:
                if r.id in found and r.id not in anchors:
                    number = len(page.entries)
                    try:
                        page.add(r.id, found[r.id], r.attributions)
                    except SchemaError as err:  # not the text predicted: no link
                        tables.skipped.append((r.id, f"not shown in articles.html: {err}"))
                        continue
                    anchors[r.id] = f"articles.html#art-{number}"
        written.append(path)
    path = output / "report.html"
    path.write_text(render_report(tables, anchors, top=top, title=title), encoding="utf-8")
    written.append(path)
    return written, tables.skipped
