"""The spaCy pipeline component ``"quoteattr"``: attributions on ``Doc._.attributions``
and as the span groups ``quote``, ``cue`` and ``speaker``.

spaCy finds the factory through the ``spacy_factories`` entry point and imports this
module whenever it makes a pipeline, so it imports only spaCy and the schema: torch and
the model load when the component is made.

Span groups hold token spans: ``doc.char_span(start, end, alignment_mode="expand")``, so
a span that starts or ends inside a token grows to whole tokens (the exact character
offsets stay in ``doc._.attributions``). A span that covers only whitespace is skipped.
Labels: quote pieces by attribution type (``direct``, ``indirect``, ``mixed``), cues
``CUE``, speakers by what they are, as spaCy's entity labels go (``PERSON``, ``ORG``,
``GPE`` for a place, ``GROUP``; ``SPEAKER`` when unknown), with the resolved name in
``kb_id_``. Every span's ``id_`` is the index of its attribution in ``doc._.attributions``,
linking a quote to its cue and speaker.

``nlp.to_disk`` saves the component's model in the pipeline folder, so ``spacy.load``
gives back the same predictions without the original model folder.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spacy import displacy
from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc
from spacy.tokens import Span as TokenSpan
from spacy.util import ensure_path, minibatch

from ..schema import Attribution, Span

if TYPE_CHECKING:
    from ..inference.attributor import QuoteAttributor

FACTORY = "quoteattr"
EXTENSION = "attributions"
GROUPS = ("quote", "cue", "speaker")
CUE_LABEL = "CUE"
SPEAKER_LABEL = "SPEAKER"  # a speaker of unknown kind
KIND_LABELS = {"person": "PERSON", "organisation": "ORG", "place": "GPE", "group": "GROUP"}
MODEL_FOLDER = "model"  # in the component's to_disk folder
COLORS = {"quote": "#ffd88a", "cue": "#9fd3ff", "speaker": "#b4f0a0"}  # by group, for render
DEVICES = re.compile(r"cpu|cuda(:\d+)?")
QUANTIZE = (None, "int8")
MAX_BATCH_SIZE = 4096  # as inference.MAX_BATCH_SIZE, which would import torch


class QuoteAttrComponent(Pipe):
    """Runs a :class:`QuoteAttributor` over docs and writes its attributions onto them."""

    def __init__(
        self,
        attributor: QuoteAttributor | Callable[..., QuoteAttributor],
        name: str = FACTORY,
        spans_key_prefix: str = "",
    ) -> None:
        """``attributor``, or a function that loads it from a model folder or id (None:
        the configured model) on first use, so that ``spacy.load`` of a saved pipeline
        loads only the model saved with it."""
        self._attributor = attributor if not callable(attributor) else None
        self._load = attributor if callable(attributor) else None
        self._source: Any = None
        self.name = name
        self.keys = {group: spans_key_prefix + group for group in GROUPS}
        if not Doc.has_extension(EXTENSION):
            Doc.set_extension(EXTENSION, default=None)

    @property
    def attributor(self) -> QuoteAttributor:
        if self._attributor is None:
            self._attributor = self._load(self._source)
        return self._attributor

    def __call__(self, doc: Doc) -> Doc:
        try:
            self.set_annotations([doc], self.predict([doc]))
        except Exception as err:
            self.get_error_handler()(self.name, self, [doc], err)
        return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """``batch_size`` docs per ``predict`` call; their windows share forward passes."""
        for docs in minibatch(stream, size=batch_size):
            try:
                self.set_annotations(docs, self.predict(docs))
                yield from docs
            except Exception as err:
                self.get_error_handler()(self.name, self, docs, err)

    def predict(self, docs: Sequence[Doc]) -> list[list[Attribution]]:
        """One list of attributions per doc, from the docs' texts."""
        return self.attributor.predict([doc.text for doc in docs])

    def set_annotations(self, docs: Sequence[Doc], results: Sequence[list[Attribution]]) -> None:
        """Set ``doc._.attributions`` and replace the docs' three span groups."""
        for doc, attributions in zip(docs, results):
            doc._.set(EXTENSION, attributions)
            for group, spans in span_groups(doc, attributions).items():
                doc.spans[self.keys[group]] = spans

    def to_disk(self, path: Any, *, exclude: Iterable[str] = ()) -> None:
        """Save the model (weights, tokenizer, settings) under ``path/model``."""
        from ..inference.attributor import model_folder

        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        attributor = self.attributor
        if hasattr(attributor.model, "save_pretrained") or attributor.name_or_path is None:
            attributor.save_pretrained(path / MODEL_FOLDER)
            return
        source = model_folder(attributor.name_or_path, attributor.hub)
        shutil.copytree(
            source,
            path / MODEL_FOLDER,
            ignore=lambda folder, names: [n for n in names if not _model_file(Path(folder) / n)],
            dirs_exist_ok=True,
        )

    def from_disk(self, path: Any, *, exclude: Iterable[str] = ()) -> QuoteAttrComponent:
        """Load the model that :meth:`to_disk` saved, on this component's device."""
        from ..inference.attributor import QuoteAttributor

        folder = ensure_path(path) / MODEL_FOLDER
        if not folder.is_dir():
            raise ValueError(f"{path}: no quoteattr model folder ({MODEL_FOLDER}/) to load")
        if self._load is None:
            old = self._attributor
            self._load = lambda source: QuoteAttributor.from_pretrained(
                source, device=old.device, batch_size=old.batch_size
            )
        self._attributor, self._source = None, folder
        return self


@Language.factory(
    FACTORY,
    default_config={
        "model": None,
        "batch_size": 32,
        "device": None,
        "quantize": None,
        "spans_key_prefix": "",
    },
    assigns=[f"doc._.{EXTENSION}", "doc.spans"],
)
def make_quoteattr(
    nlp: Language,
    name: str,
    model: str | None,
    batch_size: int,
    device: str | None,
    quantize: str | None,
    spans_key_prefix: str,
) -> QuoteAttrComponent:
    """Load ``model`` (a folder or Hub id; None: the model shipped with quoteattr) when
    the first doc comes.

    ``batch_size``: windows per forward pass; ``device``: None (CUDA when there is one),
    ``"cpu"``, ``"cuda"`` or ``"cuda:N"``; ``quantize``: None or ``"int8"`` (CPU only).
    """
    where = f"[components.{name}]"
    if quantize not in QUANTIZE:
        raise ValueError(f'{where} quantize must be null or "int8", got {quantize!r}')
    if device is not None and not DEVICES.fullmatch(device):
        raise ValueError(f'{where} device must be null, "cpu", "cuda" or "cuda:N", got {device!r}')
    if quantize == "int8" and device not in (None, "cpu"):
        raise ValueError(f'{where} quantize="int8" runs on the CPU only, but device={device!r}')
    if isinstance(batch_size, bool) or not 1 <= batch_size <= MAX_BATCH_SIZE:
        raise ValueError(f"{where} batch_size must be in [1, {MAX_BATCH_SIZE}], got {batch_size!r}")
    from ..inference.attributor import QuoteAttributor, resolve_device

    try:
        resolve_device(device)
    except ValueError as err:
        raise ValueError(f"{where} {err}") from None

    def load(source: Path | None) -> QuoteAttributor:
        return QuoteAttributor.from_pretrained(
            source or model, device=device, quantize=quantize, batch_size=batch_size
        )

    return QuoteAttrComponent(load, name, spans_key_prefix)


def span_groups(doc: Doc, attributions: Sequence[Attribution]) -> dict[str, list[TokenSpan]]:
    """The quote, cue and speaker token spans of ``attributions`` (see the module doc)."""
    groups: dict[str, list[TokenSpan]] = {group: [] for group in GROUPS}
    for i, a in enumerate(attributions):
        roles: list[tuple[str, Span | None, str]] = [("quote", piece, a.type) for piece in a.quote]
        roles.append(("cue", a.cue, CUE_LABEL))
        roles.append(("speaker", a.speaker, speaker_label(a.speaker)))
        for group, span, label in roles:
            name = (a.speaker.resolved or "") if group == "speaker" and a.speaker else ""
            token_span = align(doc, span, label, str(i), name) if span is not None else None
            if token_span is not None:
                groups[group].append(token_span)
    return groups


def _model_file(path: Path) -> bool:
    from ..inference.attributor import MODEL_FILES

    return path.is_file() and any(path.match(pattern) for pattern in MODEL_FILES)


def speaker_label(speaker: Any) -> str:
    """``PERSON``, ``ORG``, ``GPE`` or ``GROUP`` by the speaker's kind, else ``SPEAKER``."""
    return KIND_LABELS.get(getattr(speaker, "kind", None), SPEAKER_LABEL)


def align(doc: Doc, span: Span, label: str, span_id: str = "", kb_id: str = "") -> TokenSpan | None:
    """``span`` grown to whole tokens, or None when it holds only whitespace."""
    if not doc.text[span.start : span.end].strip():
        return None
    return doc.char_span(
        span.start, span.end, label=label, kb_id=kb_id, alignment_mode="expand", span_id=span_id
    )


def render(
    doc: Doc,
    *,
    spans_key_prefix: str = "",
    colors: dict[str, str] | None = None,
    jupyter: bool = False,
    **options: Any,
) -> str | None:
    """displaCy markup with the three span groups at once, coloured by group.

    ``colors`` maps a group (quote, cue, speaker) to a CSS colour; ``jupyter=True``
    displays the markup in a notebook instead of returning it. A span that several
    attributions share (an inferred speaker) is drawn once.
    """
    colors = {**COLORS, **(colors or {})}
    spans: list[dict[str, Any]] = []
    label_colors: dict[str, str] = {}
    seen: set[tuple[int, int, str]] = set()
    for group in GROUPS:
        for span in doc.spans.get(spans_key_prefix + group, []):
            if (span.start, span.end, span.label_) in seen:
                continue
            seen.add((span.start, span.end, span.label_))
            spans.append({"start_token": span.start, "end_token": span.end, "label": span.label_})
            label_colors.setdefault(span.label_, colors[group])
    data = {
        "text": doc.text,
        "spans": spans,
        "tokens": [token.text for token in doc],
        "title": doc.user_data.get("title"),
        "settings": {
            "lang": doc.lang_,
            "direction": doc.vocab.writing_system.get("direction", "ltr"),
        },
    }
    options = {**options, "colors": {**label_colors, **options.get("colors", {})}}
    return displacy.render(data, style="span", manual=True, jupyter=jupyter, options=options)
