"""The spaCy component with a tiny random model: attributions, span groups, pipe, displaCy."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import torch

spacy = pytest.importorskip("spacy", reason="the spaCy component needs spacy installed")

from spacy import displacy  # noqa: E402
from tiny_models import save_tiny_classifier  # noqa: E402

from quoteattr.inference.attributor import QuoteAttributor  # noqa: E402
from quoteattr.outputs.spacy_component import COLORS, GROUPS, render, span_groups  # noqa: E402
from quoteattr.schema import Attribution, Span, Speaker  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
TEXTS = [
    "“We will win,” said Jane Smith, the mayor. Critics said the plan would fail.",
    "Jones told reporters: “No.” Smith added that it was fine.",
    "",
    "No quotes here at all, just a sentence about the weather in Paris. " * 6,
    "“It works,” she said, “and soon.” \n\n They agree.",
]


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory, wordpiece_tokenizer):
    return save_tiny_classifier(wordpiece_tokenizer, tmp_path_factory.mktemp("spacy") / "tiny")


@pytest.fixture(scope="module")
def nlp(model_dir):
    nlp = spacy.blank("en")
    nlp.add_pipe("quoteattr", config={"model": str(model_dir), "device": "cpu", "batch_size": 4})
    return nlp


def _groups(doc, prefix=""):
    return {g: [(s.text, s.label_, s.id_) for s in doc.spans[prefix + g]] for g in GROUPS}


def test_attributions_are_what_predict_returns(nlp, model_dir):
    attributor = QuoteAttributor.from_pretrained(model_dir, device="cpu")
    docs = [nlp(text) for text in TEXTS]
    for doc, text in zip(docs, TEXTS):
        assert doc._.attributions == attributor.predict(text)[0]
    assert any(doc._.attributions for doc in docs), "the tiny model should find something"
    assert docs[2]._.attributions == [] and _groups(docs[2]) == {g: [] for g in GROUPS}


def test_span_groups_are_whole_tokens_covering_the_character_spans(nlp):
    checked = 0
    for doc in map(nlp, TEXTS):
        for i, a in enumerate(doc._.attributions):
            roles = [("quote", s, a.type) for s in a.quote]
            labels = {"person": "PERSON", "organisation": "ORG", "place": "GPE", "group": "GROUP"}
            speaker_label = labels.get(a.speaker.kind if a.speaker else None, "SPEAKER")
            roles += [("cue", a.cue, "CUE"), ("speaker", a.speaker, speaker_label)]
            for group, span, label in roles:
                if span is None:
                    continue
                (token_span,) = [
                    t for t in doc.spans[group] if t.id_ == str(i) and t.start_char <= span.start
                    and span.end <= t.end_char
                ]  # fmt: skip
                assert token_span.label_ == label
                if group == "speaker":
                    assert token_span.kb_id_ == (span.resolved or "")
                # expand, and no further: the first and last tokens overlap the span
                first, last = token_span[0], token_span[-1]
                assert first.idx <= span.start < first.idx + len(first)
                assert last.idx < span.end <= last.idx + len(last)
                checked += 1
        n_spans = sum(len(a.quote) + (a.cue is not None) + (a.speaker is not None)
                      for a in doc._.attributions)  # fmt: skip
        assert sum(len(doc.spans[g]) for g in GROUPS) == n_spans
    assert checked > 0


def test_span_groups_expand_label_link_and_skip_whitespace():
    text = "“We will win,” said Jane  Smith. He agreed."
    doc = spacy.blank("en")(text)
    jane = Speaker.of(text, 19, 30, resolved="Jane Smith", entity=0, kind="person")
    first = Attribution(
        quote=(Span.of(text, 2, 12),),  # starts inside "We", ends inside "win"
        cue=Span.of(text, 15, 18),
        speaker=jane,
        type="direct",
    )
    second = Attribution(
        quote=(Span.of(text, 35, 42), Span.of(text, 24, 25)),  # the second is the double space
        speaker=Speaker.of(text, 32, 34),
        type="mixed",
    )
    third = Attribution(quote=(Span.of(text, 38, 42),), speaker=jane, type="indirect")
    groups = span_groups(doc, [first, second, third])
    as_tuples = {g: [(s.text, s.label_, s.id_) for s in spans] for g, spans in groups.items()}
    assert as_tuples == {
        "quote": [
            ("We will win", "direct", "0"),
            ("agreed", "mixed", "1"),
            ("agreed", "indirect", "2"),
        ],
        "cue": [("said", "CUE", "0")],
        "speaker": [
            ("Jane  Smith", "PERSON", "0"),
            ("He", "SPEAKER", "1"),
            ("Jane  Smith", "PERSON", "2"),
        ],
    }
    assert [s.kb_id_ for s in groups["speaker"]] == ["Jane Smith", "", "Jane Smith"]
    for group, spans in groups.items():
        doc.spans[group] = spans
    html = render(doc)  # a span two attributions share is drawn once
    assert html.count("PERSON") == 1 and html.count("SPEAKER") == 1
    assert html.count(COLORS["speaker"]) > 0 and html.count(COLORS["cue"]) > 0


def test_pipe_batches_docs_into_one_predict_call_and_matches_one_by_one(nlp, monkeypatch):
    one_by_one = [nlp(text) for text in TEXTS]
    attributor = nlp.get_pipe("quoteattr").attributor
    calls = []
    predict = attributor.predict

    def counting_predict(texts):
        calls.append(list(texts))
        return predict(texts)

    monkeypatch.setattr(attributor, "predict", counting_predict)
    piped = list(nlp.pipe(TEXTS, batch_size=3))
    assert [len(texts) for texts in calls] == [3, 2]
    for a, b in zip(piped, one_by_one):
        assert _groups(a) == _groups(b)
        assert [(x.quote, x.cue, x.speaker, x.type) for x in a._.attributions] == [
            (x.quote, x.cue, x.speaker, x.type) for x in b._.attributions
        ]
        assert [x.score for x in a._.attributions] == pytest.approx(
            [x.score for x in b._.attributions], abs=1e-5
        )


def test_displacy_renders_each_group_and_render_shows_all(nlp):
    doc = next(d for d in map(nlp, TEXTS) if d.spans["quote"] and d.spans["speaker"])
    html = displacy.render(doc, style="span", options={"spans_key": "quote"}, jupyter=False)
    assert doc.spans["quote"][0].label_ in html
    html = render(doc)
    assert COLORS["quote"] in html and COLORS["speaker"] in html
    assert all(span.label_ in html for g in GROUPS for span in doc.spans[g])
    assert "#123456" in render(doc, colors={"quote": "#123456"})


def test_spans_key_prefix_names_the_groups(model_dir):
    nlp = spacy.blank("en")
    config = {"model": str(model_dir), "device": "cpu", "spans_key_prefix": "qa_"}
    nlp.add_pipe("quoteattr", name="qa", config=config)
    doc = nlp(TEXTS[0])
    assert set(doc.spans) == {"qa_quote", "qa_cue", "qa_speaker"} and doc.spans["qa_quote"]
    assert COLORS["quote"] in render(doc, spans_key_prefix="qa_")
    assert COLORS["quote"] not in render(doc)


@pytest.mark.parametrize("backend", ["onnx", "torch"])
def test_a_saved_pipeline_holds_its_model(model_dir, tmp_path, monkeypatch, backend):
    monkeypatch.setenv("QUOTEATTR_BACKEND", backend)
    copy = shutil.copytree(model_dir, tmp_path / "copy")
    nlp = spacy.blank("en")
    nlp.add_pipe("quoteattr", config={"model": str(copy), "device": "cpu"})
    expected = [nlp(text)._.attributions for text in TEXTS]
    nlp.to_disk(tmp_path / "pipeline")
    shutil.rmtree(copy)  # the saved pipeline needs the original folder no more
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == ["quoteattr"]
    assert [loaded(text)._.attributions for text in TEXTS] == expected
    shutil.rmtree(tmp_path / "pipeline" / "quoteattr" / "model")
    with pytest.raises(ValueError, match="no quoteattr model folder"):
        spacy.load(tmp_path / "pipeline")


def test_int8_quantize_runs_on_the_cpu(model_dir):
    nlp = spacy.blank("en")
    nlp.add_pipe("quoteattr", config={"model": str(model_dir), "quantize": "int8"})
    attributor = nlp.get_pipe("quoteattr").attributor
    assert type(attributor.model).__name__ == "OnnxTokenClassifier"
    assert attributor.device == "cpu"
    doc = nlp(TEXTS[0])
    assert isinstance(doc._.attributions, list)
    assert sum(map(len, doc.spans.values())) >= len(doc._.attributions)


@pytest.mark.gpu
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")
def test_cuda_device_gives_the_cpu_spans(nlp, model_dir):
    gpu = spacy.blank("en")
    gpu.add_pipe("quoteattr", config={"model": str(model_dir), "device": "cuda"})
    assert gpu.get_pipe("quoteattr").attributor.device.startswith("cuda")
    for text in TEXTS:
        assert _groups(gpu(text)) == _groups(nlp(text))


@pytest.mark.skipif(torch.cuda.is_available(), reason="checks the error without CUDA")
def test_cuda_without_a_device_is_refused_clearly(model_dir):
    with pytest.raises(ValueError, match="'cuda' asked for, but PyTorch sees no CUDA device"):
        spacy.blank("en").add_pipe("quoteattr", config={"model": str(model_dir), "device": "cuda"})


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (
            {"quantize": "int4"},
            "[components.quoteattr] quantize must be null or \"int8\", got 'int4'",
        ),
        ({"device": "gpu"}, 'device must be null, "cpu", "cuda" or "cuda:N", got \'gpu\''),
        ({"quantize": "int8", "device": "cuda"}, "runs on the CPU only"),
        ({"batch_size": 0}, "batch_size must be in [1, 4096], got 0"),
    ],
)
def test_bad_config_is_refused_clearly(model_dir, config, message):
    nlp = spacy.blank("en")
    with pytest.raises(ValueError) as err:
        nlp.add_pipe("quoteattr", config={"model": str(model_dir), **config})
    assert message in str(err.value)


def test_entry_point_in_pyproject_finds_the_factory_without_importing_quoteattr(
    model_dir, tmp_path
):
    tomllib = pytest.importorskip("tomllib", reason="reading pyproject.toml needs Python 3.11")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    entry = project.get("entry-points", {}).get("spacy_factories", {}).get("quoteattr")
    assert entry, "pyproject.toml needs [project.entry-points.spacy_factories] quoteattr = ..."
    # A distribution of its own on PYTHONPATH declares the entry point as pyproject does.
    info = tmp_path / "quoteattr_entry_point_check-0.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: quoteattr-entry-point-check\n")
    (info / "entry_points.txt").write_text(f"[spacy_factories]\nquoteattr = {entry}\n")
    script = (
        "import sys, spacy\n"
        "nlp = spacy.blank('en')\n"
        f"nlp.add_pipe('quoteattr', config={{'model': {str(model_dir)!r}, 'device': 'cpu'}})\n"
        "doc = nlp('Critics said the plan would fail.')\n"
        "print(nlp.pipe_names, type(doc._.attributions).__name__, sorted(doc.spans))\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)])}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=300
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "['quoteattr'] list ['cue', 'quote', 'speaker']"
