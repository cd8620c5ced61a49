"""Scoring by speaker name (quoteattr.scoring.names) and the speaker set in data/speakers/."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from quoteattr.data.readers import CorpusError
from quoteattr.schema import Attribution, Span, Speaker
from quoteattr.scoring.names import (
    NamedArticle,
    NamedQuote,
    finding_attribution,
    is_proper_name,
    normalise_name,
    predicted_name,
    read_speaker_set,
    same_person,
    score_by_name,
    shares_a_name,
)

ROOT = Path(__file__).parents[2]
DATA = ROOT / "data" / "speakers"
BUILDER = ROOT / "experiments" / "build_speaker_set.py"


def piece(text: str, start: int, end: int) -> Span:
    return Span.of(text, start, end)


def said(text: str, start: int, end: int, speaker: str | None = None, resolved=None):
    """An attribution of ``text[start:end]``; the speaker span is a stand-in at 0."""
    who = None if speaker is None else Speaker(0, len(speaker), speaker, resolved=resolved)
    return Attribution((piece(text, start, end),), speaker=who)


# ---------------------------------------------------------------------------- coverage
EDGE = '"abcdefghij" she said.'  # the quote without its marks is 10 characters, [1, 11)


@pytest.mark.parametrize(
    ("start", "end", "found"),
    [
        (1, 4, False),  # 3 of 10: exactly 30% is not enough
        (1, 5, True),  # 4 of 10
        (0, 4, False),  # the opening mark does not count: still 3 of 10
        (8, 22, False),  # the closing mark and the cue do not count either
        (7, 22, True),
        (12, 22, False),  # no overlap at all
    ],
)
def test_a_quote_is_found_when_one_piece_covers_more_than_30_percent(start, end, found):
    gold = NamedQuote(0, 12, EDGE[:12], speaker="Jo Bloggs")
    got = finding_attribution(gold, [said(EDGE, start, end)])
    assert (got is not None) is found


def test_pieces_are_not_added_up_and_the_best_piece_wins():
    gold = NamedQuote(0, 12, EDGE[:12])
    two_small = Attribution((piece(EDGE, 1, 4), piece(EDGE, 5, 8)))  # 3 + 3 of 10
    assert finding_attribution(gold, [two_small]) is None
    small, large, same = said(EDGE, 1, 5, "A"), said(EDGE, 1, 9, "B"), said(EDGE, 2, 10, "C")
    assert finding_attribution(gold, [small, large, same]) is large  # ties: the earlier one


def test_predicted_name_prefers_resolved_then_span_text():
    assert predicted_name(said(EDGE, 1, 5, "he", resolved="Jo Bloggs")) == "Jo Bloggs"
    assert predicted_name(said(EDGE, 1, 5, "the mayor")) == "the mayor"
    assert predicted_name(said(EDGE, 1, 5)) is None


# ---------------------------------------------------------------------------- names
@pytest.mark.parametrize(
    ("predicted", "gold", "same"),
    [
        ("Justin Trudeau", "Justin Trudeau", True),
        ("Trudeau", "Justin Trudeau", True),  # surname
        ("Trudeau’s", "Justin Trudeau", True),
        ("Mr. Trudeau", "Justin Trudeau", True),  # titles
        ("Prime Minister Justin Trudeau", "Justin Trudeau", True),
        ("Dr Fiona Carr", "Fiona Carr", True),
        ("President Biden", "Joe Biden", True),
        ("Health Minister Mark Holland", "Mark Holland", True),
        ("Mark Holland, the health minister", "Mark Holland", True),
        ("justin TRUDEAU", "Justin Trudeau", True),
        ("Justin Pierre James Trudeau", "Justin Trudeau", True),  # middle names
        ("B.S. Manjunath", "B. S. Manjunath", True),
        ("Manjunath", "B.S. Manjunath", True),
        ("Seán Ó Murchú", "Sean O Murchu", True),  # accents
        ("Van Wyk", "Frederick van Wyk", True),
        ("Pierre Trudeau", "Justin Trudeau", False),  # another person
        ("Trudeau", "Justin Bieber", False),
        ("he", "Justin Trudeau", False),  # pronouns never match
        ("She", "Fiona Carr", False),
        ("they", "Health Canada", False),
        ("officials", "Health Canada", False),  # descriptions never match
        ("Officials", "Health Canada", False),
        ("the spokeswoman", "Fiona Carr", False),
        ("the Mayor", "Derek Holm", False),
        ("Health Canada", "Health Canada", True),  # organisations
        ("the Health Canada", "Health Canada", True),
        ("a Health Canada spokesperson", "Health Canada", True),
        ("Canada", "Health Canada", False),
        ("RCMP", "Royal Canadian Mounted Police", True),
        ("Police", "Royal Canadian Mounted Police", False),
        ("TfL", "Transport for London", True),
        (None, "Justin Trudeau", False),
        ("Obama and Hillary Clinton", "Barack Obama and Hillary Clinton", True),  # pairs
        ("Clinton and Obama", "Barack Obama and Hillary Clinton", True),
        ("Obama and Bill Clinton", "Barack Obama and Hillary Clinton", False),
        ("Obama", "Barack Obama and Hillary Clinton", False),
        ("Times and Gannett", "New York Times and Gannett", False),
    ],
)
def test_same_person(predicted, gold, same):
    assert same_person(predicted, gold) is same


@pytest.mark.parametrize(
    ("predicted", "same"),
    [(None, True), ("they", True), ("officials", True), ("both groups", True),
     ("a senior official", True), ("Justin Trudeau", False), ("Health Canada", False)],
)  # fmt: skip
def test_an_unnamed_gold_speaker_is_matched_by_no_name(predicted, same):
    assert same_person(predicted, None) is same


def test_a_shared_surname_or_given_name_must_be_unique_among_the_speakers():
    others = ["Sally Mackenzie"]
    assert not same_person("Mackenzie", "Greg Mackenzie", others=others)
    assert not same_person("Mr Mackenzie", "Greg Mackenzie", others=others)
    assert same_person("Greg", "Greg Mackenzie", others=others)
    assert same_person("Greg Mackenzie", "Greg Mackenzie", others=others)
    assert same_person("Mackenzie", "Greg Mackenzie", others=["Kirsty Walsh"])
    # An organisation named after the person is no rival.
    assert same_person("Clinton", "Hillary Clinton", others=["Clinton campaign"])
    assert not same_person("Clinton", "Hillary Clinton", others=["Bill Clinton"])


def test_normalise_and_proper_names():
    assert normalise_name("Coun. Maria Santos") == ("maria", "santos")
    assert normalise_name("Mr. O’Brien’s") == ("obrien",)
    assert is_proper_name("Westbury Parva Parish Council")
    assert not is_proper_name("the parish council")
    assert not is_proper_name("Both groups")


# ---------------------------------------------------------------------------- scoring
TEXT = (
    "“We will not cut routes,” said Maria Santos. Derek Holm said the city is broke. "
    "Officials said the plan was final. “Not so,” she said."
)


def _quote(sub: str, speaker: str | None) -> NamedQuote:
    start = TEXT.index(sub)
    return NamedQuote(start, start + len(sub), sub, speaker=speaker)


GOLD = NamedArticle(
    "council",
    "Test Gazette",
    "Canada",
    TEXT,
    (
        _quote("“We will not cut routes,”", "Maria Santos"),
        _quote("the city is broke", "Derek Holm"),
        _quote("the plan was final", None),
        _quote("“Not so,”", "Maria Santos"),
    ),
)


def _attribution(sub: str, speaker: str | None, resolved: str | None = None) -> Attribution:
    start = TEXT.index(sub)
    return said(TEXT, start, start + len(sub), speaker, resolved)


def test_score_by_name_counts_and_lists_misses():
    predicted = {
        "council": [
            _attribution("We will not cut", "Santos"),  # found, right by surname
            _attribution("the city is broke", "she", resolved="Maria Santos"),  # wrong person
            _attribution("the plan was final", "Officials"),  # unnamed, and no name: right
        ]  # "Not so" is not found
    }
    got = score_by_name([GOLD], predicted)
    assert (got["quotes"], got["found"], got["right_speaker"]) == (4, 3, 2)
    assert (got["recall"], got["speaker_accuracy"]) == (0.75, 0.6667)
    assert got["unnamed"] == {"quotes": 1, "found": 1, "right_speaker": 1, "shares_a_name": 1}
    assert got["shares_a_name"] == 0.6667  # "Maria Santos" shares no name with Derek Holm
    assert got["missing_predictions"] == []
    assert got["misses"] == [
        {"id": "council", "quote": "the city is broke", "gold": "Derek Holm",
         "predicted": "Maria Santos", "found": True},
        {"id": "council", "quote": "“Not so,”", "gold": "Maria Santos",
         "predicted": None, "found": False},
    ]  # fmt: skip


def test_kind_and_gender_are_scored_on_right_speakers_only():
    gold = dataclasses.replace(
        GOLD,
        quotes=(
            dataclasses.replace(GOLD.quotes[0], kind="person", gender="female"),
            dataclasses.replace(GOLD.quotes[1], kind="person", gender="male"),
            dataclasses.replace(GOLD.quotes[3], kind="person", gender="female"),
        ),
    )
    right = _attribution("We will not cut", "Santos")
    right = dataclasses.replace(
        right, speaker=dataclasses.replace(right.speaker, kind="person", gender="male")
    )
    unknown = _attribution("“Not so,”", "Santos")  # right speaker, kind and gender unknown
    wrong = _attribution("the city is broke", "she", resolved="Maria Santos")
    got = score_by_name([gold], {"council": [right, unknown, wrong]})
    assert got["kind"] == {"scored": 2, "right": 1, "accuracy": 0.5}
    assert got["gender"] == {"scored": 2, "given": 1, "right": 0, "accuracy": 0.0}


def test_an_unnamed_gold_speaker_given_a_name_is_a_miss():
    predicted = {"council": [_attribution("the plan was final", "Derek Holm")]}
    got = score_by_name([GOLD], predicted)
    assert got["unnamed"] == {"quotes": 1, "found": 1, "right_speaker": 0, "shares_a_name": 0}
    [miss] = [m for m in got["misses"] if m["gold"] is None]
    assert miss == {"id": "council", "quote": "the plan was final", "gold": None,
                    "predicted": "Derek Holm", "found": True}  # fmt: skip


def test_missing_predictions_and_repeated_gold_ids():
    got = score_by_name([GOLD], {})
    assert (got["found"], got["recall"], got["speaker_accuracy"]) == (0, 0.0, 0.0)
    assert got["missing_predictions"] == ["council"] and len(got["misses"]) == 4
    with pytest.raises(ValueError, match="'council' appears more than once"):
        score_by_name([GOLD, GOLD], {})


# ---------------------------------------------------------------------------- reading
GOOD = {
    "id": "a1",
    "outlet": "Test Gazette",
    "country": "Canada",
    "text": "“Yes,” said Jo Bloggs.",
    "quotes": [{"start": 0, "end": 6, "text": "“Yes,”", "speaker": "Jo Bloggs"}],
}


def _write(tmp_path: Path, *records) -> Path:
    path = tmp_path / "set.jsonl"
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_read_speaker_set(tmp_path):
    [article] = read_speaker_set(_write(tmp_path, GOOD, ""))
    assert (article.id, article.outlet, article.country) == ("a1", "Test Gazette", "Canada")
    assert article.quotes == (NamedQuote(0, 6, "“Yes,”", speaker="Jo Bloggs"),)
    assert article.speakers == ("Jo Bloggs",)


def _with_quote(**change):
    return {**GOOD, "quotes": [{**GOOD["quotes"][0], **change}]}


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("{not json", "not JSON"),
        ("[1, 2]", "must be a JSON object"),
        ({k: v for k, v in GOOD.items() if k != "outlet"}, r"missing keys \['outlet'\]"),
        ({**GOOD, "source": "x"}, r"unknown keys \['source'\]"),
        ({**GOOD, "text": 3}, "'text' must be a str"),
        (_with_quote(end=5), "quote 0: span .* has text of length 6"),
        (_with_quote(start=1, end=7), "quote 0: span .* says '“Yes,”' but the text there is"),
        (_with_quote(end=99, text="x" * 99), "ends past the text"),
        (_with_quote(speaker=""), "quote 0: speaker must be a name or null"),
        (_with_quote(start="0"), "offsets must be integers"),
        ({**GOOD, "quotes": [{"start": 0, "end": 6, "text": "“Yes,”"}]}, "needs the keys"),
        (_with_quote(kind="company"), "quote 0: kind must be one of"),
        (_with_quote(gender="f"), "quote 0: gender must be one of"),
    ],
)
def test_a_bad_line_names_the_file_and_line(tmp_path, bad, message):
    path = _write(tmp_path, GOOD, bad)
    with pytest.raises(CorpusError, match=message) as err:
        read_speaker_set(path)
    assert (err.value.path, err.value.line) == (str(path), 2)
    assert str(err.value).startswith(f"{path}:2: ")


def test_a_repeated_id_is_an_error(tmp_path):
    with pytest.raises(CorpusError, match=r"set.jsonl:3: article id 'a1' is also on line 1"):
        read_speaker_set(_write(tmp_path, GOOD, "", GOOD))


# ---------------------------------------------------------------------------- the data
@pytest.fixture(scope="module")
def speaker_set() -> dict[str, list[NamedArticle]]:
    return {split: read_speaker_set(DATA / f"{split}.jsonl") for split in ("tune", "heldout")}


def test_both_files_load_and_every_offset_indexes_its_text(speaker_set):
    tune, heldout = speaker_set["tune"], speaker_set["heldout"]
    assert len(tune) >= 22 and len(heldout) == 10
    assert not {a.id for a in tune} & {a.id for a in heldout}
    assert len({a.country for a in heldout}) >= 6
    for article in tune + heldout:
        assert 250 <= len(article.text.split()) <= 700, article.id
        assert article.quotes, article.id
        for quote in article.quotes:
            assert article.text[quote.start : quote.end] == quote.text, article.id
            assert quote.speaker is None or quote.speaker in article.text, article.id


def test_the_gold_scores_perfectly_against_itself(speaker_set):
    articles = speaker_set["tune"] + speaker_set["heldout"]
    predicted = {
        a.id: [
            Attribution((Span(q.start, q.end, q.text),), speaker=None)
            if q.speaker is None
            else Attribution((Span(q.start, q.end, q.text),), speaker=Speaker(0, 1, "x", q.speaker))
            for q in a.quotes
        ]
        for a in articles
    }
    got = score_by_name(articles, predicted)
    assert got["recall"] == got["speaker_accuracy"] == 1.0 and not got["misses"]


def test_the_jsonl_files_are_built_from_the_sources():
    result = subprocess.run(
        [sys.executable, str(BUILDER), "--check"], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr


def _builder():
    spec = importlib.util.spec_from_file_location("build_speaker_set", BUILDER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_builder_turns_marks_into_checked_offsets(tmp_path):
    builder = _builder()
    filler = " ".join(["word"] * 250)
    source = tmp_path / "a.txt"
    source.write_text(
        "id: x\noutlet: O\ncountry: C\nsplit: tune\n---\nHeadline\n\n"
        "{{“We will,”|Jo Bloggs}} said Jo\nBloggs, adding {{that it was late|null}}.\n\n" + filler,
        encoding="utf-8",
    )
    split, record = builder.parse_source(source)
    text = record["text"]
    assert split == "tune" and text.startswith("Headline\n\n“We will,” said Jo Bloggs, adding")
    assert [(text[q["start"] : q["end"]], q["speaker"]) for q in record["quotes"]] == [
        ("“We will,”", "Jo Bloggs"),
        ("that it was late", None),
    ]
    source.write_text(source.read_text().replace("|Jo Bloggs}}", "|Jo Blogs}}"))
    with pytest.raises(builder.SourceError, match="a.txt: speaker 'Jo Blogs' does not occur"):
        builder.parse_source(source)


@pytest.mark.parametrize(
    ("predicted", "gold", "right"),
    [
        ("Ivana Trump", "Donald Trump", True),  # lenient: any shared name word
        ("Roper Center", "Roper Center for Public Opinion Research", True),
        ("Mr. Trudeau", "Justin Trudeau", True),
        ("he", "Justin Trudeau", False),
        ("the Bank of Canada", "Bank of England", True),
        ("Department of State", "Department of Defense", True),
        ("Party of Canada", "Party for Freedom", True),
        ("for the", "Minister for the Environment", False),
        (None, "Justin Trudeau", False),
        ("the ministry", None, True),
        ("Health Canada", None, False),
    ],
)
def test_shares_a_name_is_the_lenient_rule(predicted, gold, right):
    assert shares_a_name(predicted, gold) is right
