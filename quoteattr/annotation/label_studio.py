"""Label Studio: tasks with pre-annotations out, the JSON export of corrected tasks in.

A task is one article (``data.text``, ``data.id``). Its prediction labels every quote
piece, cue and speaker as a span (``Quote``, ``Cue``, ``Speaker``) and joins the spans of
one attribution with relations: the cue to each quote piece and the speaker to the cue
(with no cue: the first quote piece to the other pieces, the speaker to the first
piece). A speaker shared by several attributions is one span with several relations.
The prediction's ``score`` is the lowest attribution score of the article (1.0 with
none), so sorting tasks by it puts the least sure articles first; each span carries its
own score.

Reading an export back, quotes and cues joined by relations (directly or through other
quotes) make one attribution; a speaker goes to the attribution it is joined to, and may
be joined to several. Offsets are code points of ``data.text``, as Python counts them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..schema import Article, Attribution, SchemaError, Span, Speaker

LABELS = {"Quote": "quote", "Cue": "cue", "Speaker": "speaker"}
FROM_NAME, TO_NAME = "label", "text"  # the names of the Labels and Text tags below
MODEL_VERSION = "quoteattr"

LABEL_CONFIG = f"""<View>
  <Relations>
    <Relation value="attribution"/>
  </Relations>
  <Labels name="{FROM_NAME}" toName="{TO_NAME}">
    <Label value="Quote" background="#ffd166"/>
    <Label value="Cue" background="#06d6a0"/>
    <Label value="Speaker" background="#118ab2"/>
  </Labels>
  <Text name="{TO_NAME}" value="$text"/>
</View>
"""


class AnnotationError(ValueError):
    """An exported task that cannot be read into attributions, with the task and span."""


def results(article: Article) -> list[dict[str, Any]]:
    """Label Studio ``result`` items for an article: its spans, then their relations."""
    regions: list[dict[str, Any]] = []
    relations: list[dict[str, Any]] = []
    speaker_ids: dict[tuple[int, int], str] = {}

    def region(rid: str, span: Span, label: str, score: float | None) -> None:
        value = {"start": span.start, "end": span.end, "text": span.text, "labels": [label]}
        item = {"id": rid, "from_name": FROM_NAME, "to_name": TO_NAME, "type": "labels"}
        regions.append({**item, "value": value, **({} if score is None else {"score": score})})

    def relation(from_id: str, to_id: str) -> None:
        relations.append(
            {"from_id": from_id, "to_id": to_id, "type": "relation", "direction": "right"}
        )

    for n, attribution in enumerate(article.attributions, 1):
        quote_ids = [f"a{n}q{k}" for k in range(1, len(attribution.quote) + 1)]
        for rid, piece in zip(quote_ids, attribution.quote):
            region(rid, piece, "Quote", round(float(attribution.score), 4))
        hub = quote_ids[0]
        if attribution.cue is not None:
            hub = f"a{n}c"
            region(hub, attribution.cue, "Cue", _rounded(attribution.cue_score))
        speaker = attribution.speaker
        if speaker is not None:
            key = (speaker.start, speaker.end)
            if key not in speaker_ids:
                speaker_ids[key] = f"s{len(speaker_ids) + 1}"
                region(speaker_ids[key], speaker, "Speaker", _rounded(attribution.speaker_score))
            relation(speaker_ids[key], hub)
        for rid in quote_ids:
            if rid != hub:
                relation(hub, rid)
    return regions + relations


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(float(value), 4)


def task(article: Article, model_version: str = MODEL_VERSION) -> dict[str, Any]:
    """One Label Studio task whose prediction holds the article's attributions."""
    score = min((float(a.score) for a in article.attributions), default=1.0)
    prediction = {"model_version": model_version, "score": round(score, 4)}
    return {
        "data": {"text": article.text, "id": article.id},
        "predictions": [{**prediction, "result": results(article)}],
    }


def tasks_from_articles(articles: Iterable[Article]) -> list[dict[str, Any]]:
    return [task(article) for article in articles]


def write_tasks(articles: Iterable[Article], path: str | Path) -> int:
    """Write the tasks of ``articles`` as one JSON list (Label Studio's import format)."""
    tasks = tasks_from_articles(articles)
    Path(path).write_text(json.dumps(tasks, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return len(tasks)


@dataclass
class ImportSummary:
    """What an import took from annotations and predictions, and what it left out."""

    annotated: int = 0
    from_predictions: int = 0
    untouched: list[str] = field(default_factory=list)  # no annotation (nor prediction taken)
    cancelled: list[str] = field(default_factory=list)  # only skipped ("cancelled") annotations
    refused: list[str] = field(default_factory=list)  # with skip_bad: the problems

    def __str__(self) -> str:
        parts = [f"{self.annotated} annotated"]
        if self.from_predictions:
            parts.append(f"{self.from_predictions} accepted from predictions")
        parts.append(f"{len(self.untouched)} untouched tasks skipped")
        if self.cancelled:
            parts.append(f"{len(self.cancelled)} skipped by annotators")
        if self.refused:
            parts.append(f"{len(self.refused)} refused (see below)")
        return ", ".join(parts) + "".join(f"\n  {problem}" for problem in self.refused)


def read_export(
    path: str | Path, accept_predictions: bool = False, skip_bad: bool = False
) -> tuple[list[Article], ImportSummary]:
    """Articles from Label Studio's JSON export (a list of tasks).

    A task's annotation is preferred (one marked ground truth, else the last updated);
    without one, its last prediction is taken when ``accept_predictions``, else the task
    is skipped and counted. A task that cannot be read raises :class:`AnnotationError`
    naming every such task and span, or with ``skip_bad`` is left out and listed.
    """
    path = Path(path)
    try:
        tasks = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise AnnotationError(f"{path}: cannot read a Label Studio JSON export: {err}") from None
    if not isinstance(tasks, list):
        raise AnnotationError(f"{path}: expected a JSON list of tasks (export as JSON)")
    articles, summary, problems = [], ImportSummary(), []
    for number, item in enumerate(tasks):
        try:
            article = task_article(item, number, accept_predictions, summary)
        except AnnotationError as err:
            problems.append(str(err))
            continue
        if article is not None:
            articles.append(article)
    if problems and not skip_bad:
        listed = "\n  ".join(problems)
        raise AnnotationError(f"{path}: {len(problems)} task(s) cannot be imported:\n  {listed}")
    summary.refused = problems
    return articles, summary


def task_article(
    item: Any, number: int, accept_predictions: bool, summary: ImportSummary
) -> Article | None:
    """The article of one exported task, or None when it holds nothing to take."""
    if not isinstance(item, dict):
        raise AnnotationError(f"task #{number}: expected a JSON object")
    data = item.get("data")
    task_id = item.get("id", f"#{number}")
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise AnnotationError(f"task {task_id}: no data.text (export as JSON, not JSON-MIN)")
    article_id = str(data.get("id", task_id))
    where = f"task {task_id} (article {article_id!r})"
    annotations = [a for a in item.get("annotations") or () if isinstance(a, dict)]
    kept = [a for a in annotations if not a.get("was_cancelled")]
    predictions = [p for p in item.get("predictions") or () if isinstance(p, dict)]
    if kept:
        chosen = max(
            enumerate(kept),
            key=lambda ia: (bool(ia[1].get("ground_truth")), str(ia[1].get("updated_at")), ia[0]),
        )[1]
        result, counter = chosen.get("result"), "annotated"
    elif annotations:
        summary.cancelled.append(article_id)
        return None
    elif accept_predictions and predictions:
        result, counter = predictions[-1].get("result"), "from_predictions"
    else:
        if accept_predictions and item.get("predictions"):
            raise AnnotationError(
                f"{where}: its predictions were exported as ids, not results. Accept them in "
                "Label Studio (select the tasks, Actions > Create Annotations From "
                "Predictions) and export again, or import the tasks file export wrote"
            )
        summary.untouched.append(article_id)
        return None
    if not isinstance(result, list):
        raise AnnotationError(f"{where}: the result is not a list")
    article = Article(article_id, data["text"], tuple(attributions(result, data["text"], where)))
    setattr(summary, counter, getattr(summary, counter) + 1)
    return article


def _span(item: dict[str, Any], text: str, where: str) -> tuple[str, Span]:
    rid, value = item.get("id"), item.get("value") or {}
    labels = value.get("labels") or []
    if len(labels) != 1 or labels[0] not in LABELS:
        raise AnnotationError(
            f"{where}: span {rid} is labelled {labels}; expected one of {', '.join(LABELS)}"
        )
    label, start, end = labels[0], value.get("start"), value.get("end")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        raise AnnotationError(
            f"{where}: {label} span {rid} [{start}, {end}) is not inside the article "
            f"({len(text)} characters)"
        )
    said = value.get("text", text[start:end])
    if said != text[start:end]:
        raise AnnotationError(
            f"{where}: {label} span {rid} [{start}, {end}) says {said!r} but the article "
            f"has {text[start:end]!r} there"
        )
    return LABELS[label], Span.of(text, start, end)


def attributions(result: list[Any], text: str, where: str) -> list[Attribution]:
    """Attributions from one annotation's (or prediction's) ``result`` items."""
    spans: dict[str, tuple[str, Span]] = {}
    links: list[tuple[str, str]] = []
    for item in result:
        if not isinstance(item, dict):
            raise AnnotationError(f"{where}: a result item is not a JSON object")
        if item.get("type") == "relation":
            links.append((str(item.get("from_id")), str(item.get("to_id"))))
        elif item.get("type") == "labels":  # other tags (choices, text areas) are not ours
            rid = str(item.get("id"))
            if rid in spans:
                raise AnnotationError(f"{where}: span id {rid} is used twice")
            spans[rid] = _span(item, text, where)

    def described(rid: str) -> str:
        role, span = spans[rid]
        return f"{role} {rid} [{span.start}, {span.end}) {span.text[:60]!r}"

    parent = {rid: rid for rid, (role, _) in spans.items() if role != "speaker"}

    def root(rid: str) -> str:
        while parent[rid] != rid:
            parent[rid] = parent[parent[rid]]
            rid = parent[rid]
        return rid

    speaker_of: dict[str, set[str]] = {rid: set() for rid in spans if rid not in parent}
    for a, b in links:
        for rid in (a, b):
            if rid not in spans:
                raise AnnotationError(f"{where}: a relation joins {a} to {b}, but no span is {rid}")
        if a in speaker_of and b in speaker_of:
            raise AnnotationError(f"{where}: a relation joins two speakers, {a} and {b}")
        if a in speaker_of or b in speaker_of:
            speaker, other = (a, b) if a in speaker_of else (b, a)
            speaker_of[speaker].add(other)
        else:
            parent[root(a)] = root(b)

    groups: dict[str, list[str]] = {}
    for rid in parent:
        groups.setdefault(root(rid), []).append(rid)
    speakers: dict[str, set[str]] = {}
    for speaker, others in speaker_of.items():
        if not others:
            raise AnnotationError(f"{where}: {described(speaker)} is joined to no cue or quote")
        for other in others:
            speakers.setdefault(root(other), set()).add(speaker)

    out = []
    for group_root, members in groups.items():
        quotes = [spans[r][1] for r in members if spans[r][0] == "quote"]
        cues = sorted((r for r in members if spans[r][0] == "cue"), key=lambda r: spans[r][1].start)
        if not quotes:
            raise AnnotationError(f"{where}: {described(cues[0])} is joined to no quote")
        if len(cues) > 1:
            both = " and ".join(described(r) for r in cues)
            raise AnnotationError(f"{where}: one attribution has two cues, {both}")
        own = {spans[s][1] for s in speakers.get(group_root, ())}
        if len(own) > 1:
            several = " and ".join(sorted(described(s) for s in speakers[group_root]))
            raise AnnotationError(f"{where}: one attribution has two speakers, {several}")
        speaker = next(iter(own), None)
        try:
            out.append(Attribution(
                tuple(quotes),
                spans[cues[0]][1] if cues else None,
                Speaker(speaker.start, speaker.end, speaker.text) if speaker else None,
            ))  # fmt: skip
        except SchemaError as err:
            raise AnnotationError(f"{where}: {err}") from None
    return sorted(out, key=lambda a: (a.quote_extent, a.cue.start if a.cue else -1))
