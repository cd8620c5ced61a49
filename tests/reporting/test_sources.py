"""Who is quoted: sources per article, and merging them across articles, on hard cases.

Articles are hand-written; their speakers are resolved by the rules
(:func:`quoteattr.speakers.resolve.resolve_speakers`), as ``predict`` would resolve them.
"""

from __future__ import annotations

import importlib.util

import pytest
from text_spans import said

from quoteattr.reporting.merging import entities, entity_gender, merge_sources
from quoteattr.reporting.sources import Source, article_sources, share_of_women
from quoteattr.schema import Attribution, Speaker
from quoteattr.speakers.resolve import resolve_speakers

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("gender_guesser") is None, reason="needs gender-guesser"
)


def sources_of(id_: str, text: str, *attributions: Attribution, **metadata) -> list[Source]:
    found, _ = article_sources(id_, resolve_speakers(text, attributions), metadata)
    return found


def corpus(*articles: list[Source]) -> list[Source]:
    out = [s for article in articles for s in article]
    merge_sources(out)
    return out


JUSTIN = (
    "Prime Minister Justin Trudeau said the deal was fair. "
    "“It is a good deal,” Trudeau told reporters."
)
PIERRE = "“I was there in 1970,” Pierre Trudeau said."
MR = "“We will appeal,” Mr Trudeau said."


def justin() -> list[Source]:
    t = JUSTIN
    return sources_of(
        "justin",
        t,
        said(t, "the deal was fair", "said", "Prime Minister Justin Trudeau"),
        said(t, "“It is a good deal,”", "told", "Trudeau"),
    )


def pierre() -> list[Source]:
    return sources_of(
        "pierre", PIERRE, said(PIERRE, "“I was there in 1970,”", "said", "Pierre Trudeau")
    )


def mr() -> list[Source]:
    return sources_of("mr", MR, said(MR, "“We will appeal,”", "said", "Mr Trudeau"))


def test_title_full_name_and_surname_in_one_article_are_one_source():
    (source,) = justin()
    assert (source.name, source.kind, source.quotes) == ("Justin Trudeau", "person", 2)
    assert source.mention == "Prime Minister Justin Trudeau"


def test_a_shared_surname_is_not_merged_without_evidence():
    sources = corpus(justin(), pierre(), mr())
    by_id = {s.id: s for s in sources}
    assert len({s.entity for s in sources}) == 3  # "Mr Trudeau" could be either
    assert by_id["mr"].kind == "person" and by_id["mr"].gender == "male"
    assert by_id["mr"].gender_from == "title"
    names = sorted(e.name for e in entities(sources))
    assert names == ["Justin Trudeau", "Pierre Trudeau", "Trudeau"]  # the surname, as resolved


def test_a_surname_joins_the_only_full_name_with_it():
    sources = corpus(justin(), mr())
    assert len({s.entity for s in sources}) == 1
    (entity,) = entities(sources)
    assert (entity.name, entity.quotes, entity.ids) == ("Justin Trudeau", 3, ["justin", "mr"])


def test_a_surname_does_not_join_a_full_name_of_the_other_gender():
    t = "“We will appeal,” Ms Trudeau said."
    sources = corpus(
        justin(), sources_of("ms", t, said(t, "“We will appeal,”", "said", "Ms Trudeau"))
    )
    assert len({s.entity for s in sources}) == 2


def test_the_same_full_name_in_two_articles_is_one_entity():
    other = "Justin Trudeau said on Monday that talks would resume."
    sources = corpus(
        justin(),
        sources_of(
            "later", other, said(other, "that talks would resume", "said", "Justin Trudeau")
        ),
    )
    (entity,) = entities(sources)
    assert entity.ids == ["justin", "later"]


CALDWELL_SHE = (
    "Ryan Caldwell runs the shelter. “We are full every night,” said Ryan Caldwell. "
    "She added that the province must help."
)
CALDWELL = "“Costs keep rising,” Ryan Caldwell said on Tuesday."


def test_a_woman_whose_first_name_statistics_call_male_is_a_woman_when_the_article_says_she():
    t = CALDWELL_SHE
    first = sources_of(
        "shelter",
        t,
        said(t, "“We are full every night,”", "said", "Ryan Caldwell", 1),
        said(t, "that the province must help", "added", "She"),
    )
    (source,) = first  # "She" is Ryan Caldwell
    assert (source.gender, source.gender_from, source.quotes) == ("female", "pronoun", 2)
    # another article names her without a pronoun: first-name statistics say male there
    second = sources_of(
        "costs", CALDWELL, said(CALDWELL, "“Costs keep rising,”", "said", "Ryan Caldwell")
    )
    assert (second[0].gender, second[0].gender_from) == ("male", "first name")
    sources = corpus(first, second)
    (entity,) = entities(sources)  # one person; the article's word wins over statistics
    assert (entity.gender, entity.gender_from, entity.quotes) == ("female", "pronoun", 3)


def test_gender_ties_between_articles_are_unknown():
    def source(gender: str) -> Source:
        return Source("a", "Sam Lee", "person", gender, "pronoun", 1, "Sam Lee")

    assert entity_gender([source("female"), source("male")]) == ("unknown", "unknown")
    assert entity_gender([source("female"), source("female"), source("male")]) == (
        "female",
        "pronoun",
    )


def test_an_organisation_named_like_a_person_is_not_a_person():
    t = (
        "Johnson & Johnson said the recall was voluntary. "
        "The Walt Disney Company said it would wait. “I will wait too,” Walt Disney said."
    )
    found = sources_of(
        "firms",
        t,
        said(t, "the recall was voluntary", "said", "Johnson & Johnson"),
        said(t, "it would wait", "said", "The Walt Disney Company"),
        said(t, "“I will wait too,”", "said", "Walt Disney"),
    )
    kinds = {s.name: s.kind for s in found}
    assert kinds == {
        "Johnson & Johnson": "organisation",
        "Walt Disney Company": "organisation",
        "Walt Disney": "person",
    }
    sources = corpus(found)
    assert len({s.entity for s in sources}) == 3  # the company is not the man


def test_a_name_without_evidence_of_a_person_is_not_counted_as_one():
    t = "“Cargo is moving again,” Marshall Islands said. The Mitchell Plan said talks must resume."
    found = sources_of(
        "things",
        t,
        said(t, "“Cargo is moving again,”", "said", "Marshall Islands"),
        said(t, "talks must resume", "said", "The Mitchell Plan"),
    )
    # resolution knows the country; it took the plan for a man's (the first name Mitchell)
    assert [(s.name, s.kind, s.gender) for s in found] == [
        ("Marshall Islands", "place", "unknown"),
        ("Mitchell Plan", "unknown", "unknown"),
    ]


def test_unnamed_speakers_and_missing_speakers_are_counted_not_named():
    t = "“It is over,” a spokesperson said. “We go on,” he said. “Nothing,” came the reply."
    attributions = [
        said(t, "“It is over,”", "said", "a spokesperson"),
        said(t, "“We go on,”", "said", "he"),
        said(t, "“Nothing,”", "came", None),
    ]
    found, count = article_sources("x", resolve_speakers(t, attributions), {"outlet": "Star"})
    assert all(not s.named for s in found) and sum(s.quotes for s in found) == 2
    assert (count.quotes, count.no_speaker, count.unnamed) == (3, 1, 2)
    assert found[0].metadata == {"outlet": "Star"}
    merge_sources(found)
    assert all(s.entity is None for s in found)


# ------------------------------------------- kinds, with the speakers as resolution gave them
def resolved(text: str, quote: str, cue: str, speaker: str, **fields) -> Attribution:
    """An attribution whose speaker resolution has already named (``resolved``, ``kind``,
    ``gender``, ``gender_from``, ``entity``): the report's rules alone are tested."""
    a = said(text, quote, cue, speaker)
    s = a.speaker
    return Attribution(a.quote, a.cue, Speaker.of(text, s.start, s.end, **fields))


def test_a_person_named_after_a_possessive_is_that_person():
    t = (
        "The Bureau of Meteorology's Claire Richards says the rain has done little. "
        "POLITICO's Battleground States average said the race is close."
    )
    found, _ = article_sources(
        "weather",
        [
            resolved(t, "the rain has done little", "says",
                     "The Bureau of Meteorology's Claire Richards",
                     resolved="Bureau of Meteorology's Claire Richards", entity=0,
                     kind="organisation"),
            resolved(t, "the race is close", "said", "POLITICO's Battleground States average",
                     resolved="POLITICO's Battleground States", entity=1, kind="organisation"),
        ],
    )  # fmt: skip
    assert [(s.name, s.kind, s.gender, s.gender_from) for s in found] == [
        ("Claire Richards", "person", "female", "first name"),
        ("POLITICO's Battleground States", "organisation", "unknown", "unknown"),
    ]


def test_a_place_given_a_pronoun_is_no_person_but_a_woman_named_hill_is():
    t = "“It is burning,” she said of Blue Mountains. “It is over,” she said, Anita Hill."
    found, _ = article_sources(
        "fires",
        [
            resolved(t, "“It is burning,”", "said", "she", resolved="Blue Mountains", entity=0,
                     kind="person", gender="female", gender_from="pronoun"),
            resolved(t, "“It is over,”", "said", "she", resolved="Anita Hill", entity=1,
                     kind="person", gender="female", gender_from="pronoun"),
        ],
    )  # fmt: skip
    assert [(s.name, s.kind, s.gender) for s in found] == [
        ("Blue Mountains", "unknown", "unknown"),
        ("Anita Hill", "person", "female"),
    ]


def one_source(id_: str, speaker: str, **fields) -> list[Source]:
    t = f"{speaker} said the talks failed."
    found, _ = article_sources(
        id_, [resolved(t, "the talks failed", "said", speaker, entity=0, **fields)]
    )
    return found


def test_a_one_word_name_is_a_person_only_with_evidence():
    sources = corpus(
        one_source("a", "India", resolved="India", kind="person"),
        one_source("b", "Scholars", resolved="Scholars", kind="person"),
        one_source("c", "Gingrich", resolved="Gingrich", kind="person"),
        one_source("d", "Newt Gingrich", resolved="Newt Gingrich", kind="person",
                   gender="male", gender_from="first name"),
        one_source("e", "Abdullah", resolved="Abdullah", kind="person", gender="male",
                   gender_from="pronoun"),
    )  # fmt: skip
    kinds = {s.id: (s.kind, s.named) for s in sources}
    # no pronoun, title or full name in the corpus: named, but not counted as people
    assert kinds["a"] == kinds["b"] == ("unknown", True)
    assert kinds["c"] == kinds["d"] == kinds["e"] == ("person", True)
    by_id = {s.id: s for s in sources}
    assert by_id["c"].entity == by_id["d"].entity  # the only Gingrich with a full name
    # without "Newt Gingrich" in the corpus, the lone surname is not counted as a person
    (alone,) = corpus(one_source("c", "Gingrich", resolved="Gingrich", kind="person"))
    assert alone.kind == "unknown"


def test_a_relative_who_is_evidence_of_a_person():
    t = "Rucker Culpepper, who runs the effort, said the vote matters."
    with_who, _ = article_sources(
        "vets",
        [resolved(t, "the vote matters", "said", "Rucker Culpepper, who runs the effort,",
                  resolved="Rucker Culpepper", entity=0, kind="person")],
    )  # fmt: skip
    without = one_source("x", "Rucker Culpepper", resolved="Rucker Culpepper", kind="person")
    assert (with_who[0].kind, without[0].kind) == ("person", "unknown")


def test_a_share_of_those_polled_is_an_unnamed_group():
    t = "Jill Stein trails. Only 73 percent said they had decided."
    found, count = article_sources(
        "poll",
        [resolved(t, "they had decided", "said", "73 percent", resolved="Jill Stein",
                  entity=0, kind="person", gender="female", gender_from="first name")],
    )  # fmt: skip
    assert [(s.name, s.kind, s.gender) for s in found] == [(None, "group", "unknown")]
    assert count.unnamed == 1


def test_share_of_women_counts_known_genders_only():
    assert share_of_women(["female", "male", "unknown", None, "male", "female"]) == (0.5, 4)
    assert share_of_women(["unknown"]) == (None, 0)


def test_a_speakers_pronoun_outweighs_first_name_statistics_of_its_other_mentions():
    t = "“We are full,” Ryan Caldwell said. “We need help,” Caldwell said. “Now,” she said."
    common = dict(resolved="Ryan Caldwell", entity=0, kind="person")
    found, _ = article_sources(
        "shelter",
        [
            resolved(t, "“We are full,”", "said", "Ryan Caldwell", gender="male",
                     gender_from="first name", **common),
            resolved(t, "“We need help,”", "said", "Caldwell", gender="male",
                     gender_from="first name", **common),
            resolved(t, "“Now,”", "said", "she", gender="female", gender_from="pronoun",
                     **common),
        ],
    )  # fmt: skip
    assert [(s.name, s.gender, s.gender_from, s.quotes) for s in found] == [
        ("Ryan Caldwell", "female", "pronoun", 3)
    ]
