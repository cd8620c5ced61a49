"""Scraped-news input: every returned span indexes the input exactly, whatever the text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tiny_models import save_tiny_classifier

from quoteattr.inference.attributor import QuoteAttributor

BODY = "the plan would fail"
QUOTE_STYLES = {
    "straight": '"{}," he said.',
    "curly": "“{},” he said.",
    "single curly": "‘{},’ he said.",
    "guillemets": "«{}», a-t-il dit.",
    "german": "„{}“, sagte er.",
    "single guillemets": "‹{}›, he said.",
    "doubled single": "''{},'' he said.",
}
HARD_TEXTS = {
    "empty": "",
    "whitespace": " \n\t\r\n  ",
    "no quotes": "The council met on Tuesday. The budget passed. Nobody spoke.",
    "unbalanced": "“We will win, he said. And then ” nothing “ more.",
    "crlf": "“We will win,” he said.\r\nShe said: “No.”\r\n",
    "tabs": "“We\twill\twin,”\the\tsaid.",
    "zero-width and nbsp": "“We\u200bwill\u00a0win,”\u2060he\u00a0said.\ufeff",
    "emoji and astral": "“We 🎉 will 𝒲in 👩‍👩‍👧,” said 🙂 Smith.",
    "combining accents": "“Cafe\u0301 owners will win,” said Jose\u0301 Marti\u0301nez.",
    "right-to-left": "«سوف ننتصر» قال الوزير. “We will win,” said the minister (\u202bوزير\u202c).",
    "html": "<p>&ldquo;We will win,&rdquo; <b>he</b> said.</p><br/>&amp; &#8220;more&#8221;",
    "other languages": "「私たちは勝つ」と彼は言った。 “Мы победим”, — сказал он. 我们会赢，他说。",
    "control characters": "“We\x00 will\x1c win,”\x0b he\x85 said\u2028.",
    "lone surrogate-like": "“We will win,” said \ufffd Smith \U0010ffff.",
}


@pytest.fixture(scope="module")
def attributor(tmp_path_factory, request):
    tokenizer = request.getfixturevalue("bpe_tokenizer")
    folder = save_tiny_classifier(tokenizer, tmp_path_factory.mktemp("m"), max_length=24, stride=4)
    return QuoteAttributor.from_pretrained(folder)


@pytest.fixture(scope="module")
def wordpiece_attributor(tmp_path_factory, request):
    tokenizer = request.getfixturevalue("wordpiece_tokenizer")
    folder = save_tiny_classifier(tokenizer, tmp_path_factory.mktemp("w"), max_length=24, stride=4)
    return QuoteAttributor.from_pretrained(folder)


def _assert_exact(text, attributions):
    for a in attributions:
        assert a.quote, "an attribution always has a quote"
        for span in a.spans():
            assert 0 <= span.start < span.end <= len(text)
            assert text[span.start : span.end] == span.text


@pytest.mark.parametrize("name", list(HARD_TEXTS) + list(QUOTE_STYLES))
def test_hard_inputs_give_exact_offsets(name, attributor, wordpiece_attributor):
    text = HARD_TEXTS[name] if name in HARD_TEXTS else QUOTE_STYLES[name].format(BODY)
    for model in (attributor, wordpiece_attributor):
        [attributions] = model.predict([text])
        _assert_exact(text, attributions)


@pytest.mark.slow
def test_one_megabyte_article(bpe_tokenizer, tmp_path):
    folder = save_tiny_classifier(bpe_tokenizer, tmp_path / "m", max_length=128, stride=32)
    attributor = QuoteAttributor.from_pretrained(folder)
    paragraph = "“We will win,” said Jane Smith. The council disagreed with the plan.\n\n"
    text = paragraph * (1_000_000 // len(paragraph) + 1)
    assert len(text.encode("utf-8")) > 1_000_000
    [attributions] = attributor.predict([text], batch_size=64)
    assert attributions, "a random model tags something in 1 MB"
    _assert_exact(text, attributions)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.text(max_size=120), min_size=1, max_size=4))
def test_offsets_index_the_input_on_random_text(attributor, texts):
    for text, attributions in zip(texts, attributor.predict(texts)):
        _assert_exact(text, attributions)
