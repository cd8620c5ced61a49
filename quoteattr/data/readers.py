"""Read corpora into :class:`~quoteattr.schema.Article` objects: BRAT standoff and JSONL.

BRAT folders hold ``text/<article>.txt`` and ``attributions/<article>_<annotator>.ann``.
An ``E`` line (``Attribution`` or ``Attribution-no-source``) becomes one attribution:
every ``Content``/``Content2`` piece is a quote span, ``Cue`` and ``Source`` become the cue
and speaker (a discontinuous cue or source is one span from its first piece's start to its
last piece's end). ``Discuss``/``Discard`` spans and ``#`` notes are ignored. An ``E`` line
without any content is skipped with a warning. Every span is checked against the text: its
pieces must lie inside the text, and the ``.ann`` text must equal the pieces joined by one
space, whitespace runs collapsed on both sides.

Several annotators: when an article has several ``.ann`` files, :func:`choose_annotation`
keeps the one with the most ``E`` lines; ties go to the smallest annotator id (the file
name after the last ``_``) in sorted order.

Texts are decoded as strict UTF-8 and kept exactly (a BOM or CRLF stays), so offsets are
code points of the file's text. Bad files or lines raise :class:`CorpusError` when
``strict``, otherwise they are listed in a :class:`CorpusReport` and skipped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, NoReturn, TypeVar

from quoteattr.schema import Article, Attribution, SchemaError, Span

_RECORD = re.compile(r"^(?:[TERAMN]\d+|#\d*|\*)\t")
_E_LINE = re.compile(rb"^E\d+\t", re.MULTILINE)
_EVENTS = {"Attribution", "Attribution-no-source"}
_LABELS = _EVENTS | {"Content", "Cue", "Source", "Discuss", "Discard"}
_ROLES = {"Content", "Content2", "Cue", "Source"}
T = TypeVar("T")


class CorpusError(ValueError):
    """A corpus file or line that cannot be read, with the place it was found."""

    def __init__(self, path: str | Path, line: int | None, reason: str) -> None:
        self.path, self.line, self.reason = str(path), line, reason
        super().__init__(f"{self.where}: {reason}")

    @property
    def where(self) -> str:
        return self.path if self.line is None else f"{self.path}:{self.line}"


@dataclass
class CorpusReport:
    """What a reader read, skipped (where, reason) and warned about."""

    read: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def summary(self, max_warnings: int = 10) -> str:
        """Counts, every skipped article and the first ``max_warnings`` warnings."""
        head = f"read {self.read} articles, skipped {len(self.skipped)}"
        lines = [f"{head}, {len(self.warnings)} warnings"]
        lines += [f"  skipped {where}: {reason}" for where, reason in self.skipped]
        lines += [f"  warning: {w}" for w in self.warnings[:max_warnings]]
        if len(self.warnings) > max_warnings:
            lines.append(f"  ... and {len(self.warnings) - max_warnings} more warnings")
        return "\n".join(lines)


def _decode(data: bytes, path: str | Path, line: int | None = None) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        of = " of the line" if line is not None else ""  # else: of the file
        where = line if line is not None else data.count(b"\n", 0, err.start) + 1
        reason = f"not UTF-8: byte 0x{data[err.start]:02x} at byte {err.start}{of}"
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # a byte-order mark
            reason = f"UTF-16, not UTF-8: convert it (iconv -f UTF-16 -t UTF-8 {path})"
        raise CorpusError(path, where, reason) from None


def _guarded(jobs: Iterable[Callable[[], T]], strict: bool, report: CorpusReport) -> Iterator[T]:
    """Run each job; a CorpusError is raised (strict) or recorded in the report and skipped."""
    for job in jobs:
        try:
            item = job()
        except CorpusError as err:
            if strict:
                raise
            report.skipped.append((err.where, err.reason))
            continue
        report.read += 1
        yield item


def _raise(err: CorpusError) -> NoReturn:
    raise err


def _ann_records(ann: str, path: Path) -> list[tuple[int, str]]:
    """(line number, record) pairs; continuation lines are joined to their T line by '\\n'."""
    records: list[tuple[int, str]] = []
    for number, line in enumerate(ann.split("\n"), 1):  # not splitlines: text may hold \x1c etc.
        if _RECORD.match(line):
            records.append((number, line.rstrip("\r")))
        elif records:  # a continuation line of a span's (or note's) text
            records[-1] = (records[-1][0], records[-1][1] + "\n" + line)
        elif line.strip():
            raise CorpusError(path, number, f"cannot parse line {line[:40]!r}")
    return records


def _parse_t(
    record: str, text: str, path: Path, line: int
) -> tuple[str, str, list[tuple[int, int]]]:
    tid, _, rest = record.partition("\t")
    head, tab, ann_text = rest.partition("\t")
    label, _, locs = head.partition(" ")
    try:
        pieces = [(int(a), int(b)) for a, b in (loc.split() for loc in locs.split(";"))]
    except ValueError:
        pieces = []
    if not tab or not pieces:
        raise CorpusError(path, line, f"malformed span line {tid}: {head!r}")
    if label not in _LABELS:
        raise CorpusError(path, line, f"unknown label {label!r} in {tid}")
    for start, end in pieces:
        if not 0 <= start <= end <= len(text):
            raise CorpusError(
                path, line, f"{tid} offsets [{start}, {end}) outside the text ({len(text)})"
            )
    said, found = (
        " ".join(ann_text.split()),
        " ".join(" ".join(text[s:e] for s, e in pieces).split()),
    )
    if said != found:
        raise CorpusError(path, line, f"{tid} says {said[:60]!r} but the text has {found[:60]!r}")
    return tid, label, pieces


def read_brat_article(
    text_path: str | Path,
    ann_path: str | Path,
    article_id: str | None = None,
    warnings: list[str] | None = None,
) -> Article:
    """One article from its text and one annotator's ``.ann`` file (id: the text's stem)."""
    text_path, ann_path = Path(text_path), Path(ann_path)
    text = _decode(text_path.read_bytes(), text_path)
    ann = _decode(ann_path.read_bytes(), ann_path).removeprefix("\ufeff")
    spans: dict[str, list[tuple[int, int]]] = {}
    events: list[tuple[int, str, str]] = []
    for line, record in _ann_records(ann, ann_path):
        if record.startswith("T"):
            tid, _, pieces = _parse_t(record, text, ann_path, line)
            if tid in spans:
                raise CorpusError(ann_path, line, f"span id {tid} used twice")
            spans[tid] = pieces
        elif record.startswith("E"):
            eid, _, args = record.partition("\t")
            events.append((line, eid, args))
    attributions, warned = [], []
    for line, eid, args in events:
        trigger, *parts = args.split()
        kind, _, tid = trigger.partition(":")
        if kind not in _EVENTS:
            raise CorpusError(ann_path, line, f"unknown event type {kind!r} in {eid}")
        roles: dict[str, list[tuple[int, int]]] = {}
        for role, _, tid in (p.partition(":") for p in [trigger, *parts]):
            if tid not in spans:
                raise CorpusError(ann_path, line, f"unknown span id {tid} in {eid}")
            if role != kind and (role not in _ROLES or role in roles):
                raise CorpusError(ann_path, line, f"unexpected role {role!r} in {eid}")
            roles[role] = spans[tid]
        quote = sorted(set(roles.get("Content", []) + roles.get("Content2", [])))
        if "Content" not in roles:
            what = "no Content, skipped" if not quote else "Content2 but no Content"
            warned.append(f"{ann_path}:{line}: {eid} has {what}")
        if not quote:
            continue
        cue, source = roles.get("Cue"), roles.get("Source")
        quote_spans = tuple(Span.of(text, s, e) for s, e in quote)
        attributions.append(Attribution(quote_spans, _joined(text, cue), _joined(text, source)))
    if warnings is not None:
        warnings.extend(warned)  # only once the whole article has been read
    return Article(article_id or text_path.stem, text, tuple(attributions))


def _joined(text: str, pieces: list[tuple[int, int]] | None) -> Span | None:
    """One span from the first piece's start to the last piece's end."""
    return Span.of(text, min(s for s, _ in pieces), max(e for _, e in pieces)) if pieces else None


def choose_annotation(ann_paths: Iterable[str | Path]) -> Path:
    """The ``.ann`` file with the most E lines; ties go to the first annotator id in order."""
    paths = [Path(p) for p in ann_paths]
    if not paths:
        raise ValueError("no annotation files to choose from")
    return min(
        paths, key=lambda p: (-len(_E_LINE.findall(p.read_bytes())), p.stem.rpartition("_")[2])
    )


def read_brat_folder(
    folder: str | Path, strict: bool = False, report: CorpusReport | None = None
) -> Iterator[Article]:
    """Articles of a BRAT folder (``text/``, ``attributions/``), in file name order."""
    folder = Path(folder)
    text_dir, ann_dir = folder / "text", folder / "attributions"
    for sub in (text_dir, ann_dir):
        if not sub.is_dir():
            raise CorpusError(sub, None, "folder not found")  # the whole corpus, never skipped
    texts = {p.stem: p for p in text_dir.glob("*.txt")}
    anns: dict[str, list[Path]] = {}
    for p in ann_dir.glob("*.ann"):
        anns.setdefault(p.stem.rpartition("_")[0], []).append(p)

    report = report if report is not None else CorpusReport()

    def jobs() -> Iterator[Callable[[], Article]]:
        for stem in sorted(texts.keys() | anns.keys()):
            if stem not in texts:
                for p in sorted(anns[stem]):
                    yield partial(
                        _raise, CorpusError(p, None, f"no text file {text_dir / stem}.txt")
                    )
            elif stem not in anns:
                yield partial(
                    _raise, CorpusError(texts[stem], None, f"no {ann_dir / stem}_*.ann file")
                )
            else:
                ann_path = choose_annotation(anns[stem])
                yield partial(read_brat_article, texts[stem], ann_path, stem, report.warnings)

    yield from _guarded(jobs(), strict, report)


def _jsonl_objects(path: Path) -> Iterator[tuple[int, Callable[[], dict]]]:
    """(line number, job decoding the line's JSON object) for each non-blank line, streamed."""
    with path.open("rb") as lines:
        for number, data in enumerate(lines, 1):
            if data.strip():
                yield number, partial(_json_object, data, path, number)


def _json_object(data: bytes, path: Path, line: int) -> dict:
    text = _decode(data, path, line)
    try:
        obj = json.loads(text.removeprefix("\ufeff") if line == 1 else text)
    except json.JSONDecodeError as err:
        raise CorpusError(path, line, f"not JSON: {err}") from None
    if not isinstance(obj, dict):
        raise CorpusError(path, line, f"expected a JSON object, got {type(obj).__name__}")
    return obj


def _article(job: Callable[[], dict], path: Path, line: int) -> Article:
    try:
        return Article.from_dict(job())
    except SchemaError as err:
        raise CorpusError(path, line, str(err)) from None


def read_jsonl(
    path: str | Path, strict: bool = False, report: CorpusReport | None = None
) -> Iterator[Article]:
    """Articles from a JSONL file, one ``Article.to_dict()`` object a line (streamed)."""
    path = Path(path)
    jobs = (partial(_article, job, path, n) for n, job in _jsonl_objects(path))
    yield from _guarded(jobs, strict, report if report is not None else CorpusReport())


def read_corpus(
    path: str | Path, strict: bool = False, report: CorpusReport | None = None
) -> Iterator[Article]:
    """Articles from a BRAT folder (one with ``text/``) or a ``.jsonl`` file."""
    path = Path(path)
    if path.is_dir() and (path / "text").is_dir():
        return read_brat_folder(path, strict, report)
    if path.is_file() and path.suffix == ".jsonl":
        return read_jsonl(path, strict, report)
    raise CorpusError(path, None, "not a BRAT folder (with text/) or a .jsonl file")


def text_id(value: Any, path: str | Path, line: int | None) -> str:
    """An input's id as a string: a non-empty string or an integer, never null, a bool,
    a number with a fraction or an object (whose ``str`` would be an id nobody gave)."""
    if isinstance(value, str) and value:
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    shown = "null" if value is None else f"{type(value).__name__} {value!r:.40}"
    raise CorpusError(path, line, f"'id' must be a non-empty string or an integer, got {shown}")


# Fields of an input line that are not the article's metadata.
NOT_METADATA = ("id", "text", "attributions")


def _text_item(job: Callable[[], dict], path: Path, line: int) -> tuple[str, str, dict]:
    obj = job()
    if "id" not in obj or not isinstance(obj.get("text"), str):
        raise CorpusError(path, line, "needs 'id' and a string 'text'")
    metadata = {k: v for k, v in obj.items() if k not in NOT_METADATA}
    return text_id(obj["id"], path, line), obj["text"], metadata


def _read_txt(path: Path, item_id: str) -> tuple[str, str, dict]:
    return item_id, _decode(path.read_bytes(), path), {}


Place = tuple[Path, int | None]  # a file, and a line in it


def _text_jobs(path: Path) -> Iterator[tuple[Callable[[], tuple[str, str, dict]], Place]]:
    if path.is_dir():
        for p in sorted(path.rglob("*.txt")):
            yield partial(_read_txt, p, p.relative_to(path).with_suffix("").as_posix()), (p, None)
    elif path.suffix == ".txt" and path.is_file():
        yield partial(_read_txt, path, path.stem), (path, None)
    elif path.suffix == ".jsonl" and path.is_file():
        for n, job in _jsonl_objects(path):
            yield partial(_text_item, job, path, n), (path, n)
    else:
        reason = "not a .txt file, a folder or a .jsonl file" if path.exists() else "no such file"
        error = CorpusError(path, None, reason)
        yield partial(_raise, error), (path, None)


def unique_id(id_: str, place: Place, seen: dict[str, Place]) -> None:
    """Record where ``id_`` came from; :class:`CorpusError` naming both places when
    another input already gave it (results are kept and resumed by id)."""
    first = seen.setdefault(id_, place)
    if first != place:
        where = first[0] if first[1] is None else f"{first[0]}:{first[1]}"
        reason = f"id {id_!r} is already the id of {where}; ids must be unique within a job"
        raise CorpusError(place[0], place[1], reason)


def _unique(
    job: Callable[[], tuple[str, str, dict]], place: Place, seen: dict[str, Place]
) -> tuple[str, str, dict]:
    id_, text, metadata = job()
    unique_id(id_, place, seen)
    return id_, text, metadata


def iter_texts(
    paths: Iterable[str | Path],
    strict: bool = False,
    report: CorpusReport | None = None,
    seen: dict[str, Place] | None = None,
) -> Iterator[tuple[str, str]]:
    """(id, text) pairs for prediction, streamed from ``.txt`` files, folders and JSONL files.

    A ``.txt`` file's id is its stem; a folder gives its ``*.txt`` files (recursively,
    sorted) with their paths relative to the folder, without the suffix, as ids (``a``,
    ``sub/a``), so adding a file never changes another's id. A JSONL line's ``id`` is a
    non-empty string or an integer. An id given twice is an error naming both places
    (``seen`` carries the ids across calls).
    """
    for id_, text, _ in iter_records(paths, strict, report, seen):
        yield id_, text


def iter_records(
    paths: Iterable[str | Path],
    strict: bool = False,
    report: CorpusReport | None = None,
    seen: dict[str, Place] | None = None,
) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """``(id, text, metadata)`` as :func:`iter_texts` reads them; ``metadata`` holds a JSONL
    line's other fields (``outlet``, ``date``, ``url``, ...; not ``attributions``), in
    their order, and is empty for ``.txt`` files."""
    seen = {} if seen is None else seen
    jobs = (
        partial(_unique, job, place, seen)
        for path in paths
        for job, place in _text_jobs(Path(path))
    )
    yield from _guarded(jobs, strict, report if report is not None else CorpusReport())


def _prediction(job: Callable[[], dict], path: Path, line: int) -> tuple[str, list[Attribution]]:
    obj = job()
    try:
        if "id" not in obj or not isinstance(obj.get("attributions"), list):
            raise SchemaError("needs 'id' and an 'attributions' list")
        return str(obj["id"]), [Attribution.from_dict(a) for a in obj["attributions"]]
    except SchemaError as err:
        raise CorpusError(path, line, str(err)) from None


def read_predictions(
    path: str | Path, strict: bool = True, report: CorpusReport | None = None
) -> dict[str, list[Attribution]]:
    """``{id: attributions}`` from a ``quoteattr predict`` JSONL file (``id``, ``attributions``)."""
    path = Path(path)
    jobs = (partial(_prediction, job, path, n) for n, job in _jsonl_objects(path))
    return dict(_guarded(jobs, strict, report if report is not None else CorpusReport()))


@dataclass(frozen=True)
class PredictionRecord:
    """One line of a ``quoteattr predict`` JSONL file: the article's id, its attributions
    and the metadata carried from the input (every other field but ``text``)."""

    id: str
    attributions: list[Attribution]
    metadata: dict[str, Any]
    text: str | None = None  # when the line carries it


def _prediction_record(job: Callable[[], dict], path: Path, line: int) -> PredictionRecord:
    obj = job()
    id_, attributions = _prediction(lambda: obj, path, line)
    text = obj.get("text")
    if text is not None and not isinstance(text, str):
        raise CorpusError(path, line, "'text' must be a string")
    metadata = {k: v for k, v in obj.items() if k not in NOT_METADATA}
    return PredictionRecord(id_, attributions, metadata, text)


def read_prediction_records(
    path: str | Path, strict: bool = True, report: CorpusReport | None = None
) -> Iterator[PredictionRecord]:
    """:class:`PredictionRecord` objects from a ``quoteattr predict`` JSONL file, streamed.

    A line that is not a prediction raises :class:`CorpusError` naming the file and line
    (``strict``), or is listed in ``report`` and skipped.
    """
    path = Path(path)
    jobs = (partial(_prediction_record, job, path, n) for n, job in _jsonl_objects(path))
    yield from _guarded(jobs, strict, report if report is not None else CorpusReport())
