"""Speaker resolution: names, pronouns, descriptions, follow-on quotes and entities.

Hand-written texts and attributions. Most tests run on the rules alone
(``use_ner=False``) or both ways; those that need spaCy's model (the ``people`` extra)
or gender-guesser skip when it is missing.
"""

from __future__ import annotations

import importlib.util
import re

import pytest

from quoteattr.schema import Attribution, Span
from quoteattr.speakers import entities
from quoteattr.speakers.mentions import Mentions
from quoteattr.speakers.resolve import resolve_speakers
from quoteattr.speakers.runs import kind_of_name, person_name

HAS_NER = any(importlib.util.find_spec(name) for name in entities.NER_PACKAGES)
needs_ner = pytest.mark.skipif(
    not HAS_NER, reason="the people extra's spaCy model (en_core_web_sm) is not installed"
)
needs_gender = pytest.mark.skipif(
    importlib.util.find_spec("gender_guesser") is None,
    reason="the people extra's gender-guesser is not installed",
)
# Rules alone, and with NER where the model is installed.
MODES = [False, pytest.param(True, marks=needs_ner)]


def at(text: str, sub: str, near: Span | None = None) -> Span:
    """The occurrence of ``sub`` in ``text`` (a whole word) nearest ``near``, else the first."""
    spans = [Span.of(text, *m.span()) for m in re.finditer(rf"(?<!\w){re.escape(sub)}(?!\w)", text)]
    if near is None:
        return spans[0]
    return min(spans, key=lambda s: max(s.start - near.end, near.start - s.end, 0))


def said(text: str, quote: str, cue: str | None, speaker: str | None) -> Attribution:
    """An attribution of ``quote`` to ``speaker`` with ``cue`` (their occurrences nearest
    the quote), either of them None for none."""
    q = at(text, quote)
    return Attribution(
        (q,), at(text, cue, q) if cue else None, at(text, speaker, q) if speaker else None
    )


def speakers(text: str, attributions, use_ner: bool = False):
    """``(resolved, entity)`` of each resolved attribution's speaker, None for none; an
    attribution may be given as ``(quote, cue, speaker)``, as :func:`said` takes them."""
    found = [a if isinstance(a, Attribution) else said(text, *a) for a in attributions]
    out = resolve_speakers(text, found, use_ner=use_ner)
    return [(a.speaker.resolved, a.speaker.entity) if a.speaker else None for a in out]


STOLTENBERG = (
    "NATO Secretary General Jens Stoltenberg spoke on Monday. “We stand together,” "
    "Stoltenberg said. “And we will,” he added. Mr. Stoltenberg’s deputy disagreed. "
    "“Not yet,” said the spokeswoman. “Soon,” said O’Neill, after James O’Neill arrived. "
    "“Maybe,” Rep. Jim Clyburn (D-S.C.) said."
)


@pytest.mark.parametrize("use_ner", MODES)
def test_surname_pronoun_description_and_full_name(use_ner):
    t = STOLTENBERG
    got = speakers(
        t,
        [
            said(t, "“We stand together,”", "said", "Stoltenberg"),
            said(t, "“And we will,”", "added", "he"),
            said(t, "“Not yet,”", "said", "the spokeswoman"),
            said(t, "“Maybe,”", "said", "Rep. Jim Clyburn (D-S.C.)"),
        ],
        use_ner,
    )
    assert got == [("Jens Stoltenberg", 0), ("Jens Stoltenberg", 0), (None, 1), ("Jim Clyburn", 2)]


def test_a_surname_named_before_its_full_name_resolves_to_it():
    # "O’Neill" is said before "James O’Neill" appears, the only O’Neill named
    t = STOLTENBERG
    assert speakers(t, [said(t, "“Soon,”", "said", "O’Neill")]) == [("James O’Neill", 0)]


def test_a_pronoun_with_no_person_before_it_stays_none():
    t = "“We will not close the hall,” he said. Later Jo Bloggs arrived."
    assert speakers(t, [said(t, "“We will not close the hall,”", "said", "he")]) == [(None, 0)]


def test_resolution_keeps_offsets_and_sorts_by_quote():
    t = STOLTENBERG
    attributions = [
        said(t, "“Maybe,”", "said", "Rep. Jim Clyburn (D-S.C.)"),
        said(t, "“We stand together,”", "said", "Stoltenberg"),
    ]
    out = resolve_speakers(t, attributions, use_ner=False)
    assert [a.quote[0].text for a in out] == ["“We stand together,”", "“Maybe,”"]
    for a in out:
        a.check(t)
    assert out[0].to_dict()["speaker"] == {
        "start": t.index("Stoltenberg said"), "end": t.index("Stoltenberg said") + 11,
        "text": "Stoltenberg", "resolved": "Jens Stoltenberg", "entity": 0, "inferred": False,
        "kind": "person", "gender": "male", "gender_from": "title",  # "Mr. Stoltenberg"
    }  # fmt: skip


@pytest.mark.parametrize("use_ner", MODES)
def test_an_owner_before_a_name_is_not_part_of_it(use_ner):
    t = (
        "Britain's Prime Minister Boris Johnson met EU leaders. “We are close,” Johnson said."
        "\n\nLabour's Keir Starmer said the talks had 'stalled'."
    )
    got = speakers(
        t,
        [
            said(t, "“We are close,”", "said", "Johnson"),
            said(t, "the talks had 'stalled'", "said", "Labour's Keir Starmer"),
        ],
        use_ner,
    )
    assert got == [("Boris Johnson", 0), ("Keir Starmer", 1)]


@pytest.mark.parametrize("use_ner", MODES)
@pytest.mark.parametrize(
    ("speaker", "expected"),
    [
        ("Prime Minister Rishi Sunak's spokesman", None),  # the spokesman, not Sunak
        ("Nicola Sturgeon's successor, Humza Yousaf", "Humza Yousaf"),
        ("Rt Hon Jeremy Hunt MP", "Jeremy Hunt"),
        ("Police Minister Bheki Cele", "Bheki Cele"),  # a title after a body's name
        ("Supreme Court Justice Sonia Sotomayor", "Sonia Sotomayor"),
        ("the Premier League Football Club", "Premier League Football Club"),
        ("Taoiseach Leo Varadkar", "Leo Varadkar"),  # titles of other countries
        ("Opposition Leader Peter Dutton", "Peter Dutton"),
        ("Shri Narendra Modi", "Narendra Modi"),
        ("Northfield and Coast NHS Foundation Trust", "Northfield and Coast NHS Foundation Trust"),
        ("the NSW Marine Safety Agency", "NSW Marine Safety Agency"),  # acronyms in a body
        ("the Board of Secondary Education", "Board of Secondary Education"),
        ("Prof. Jane Smith of Oxford University", "Jane Smith"),
        ("a lawyer for Jo Smith", None),  # acting for someone else
        ("Republican National Committee Research Director Raj Shah", "Raj Shah"),
        ("the White House", "White House"),
    ],
)
def test_the_name_in_a_speaker_span(use_ner, speaker, expected):
    t = f"Ministers met on Monday. “It is a scandal,” said {speaker}."
    assert speakers(t, [said(t, "“It is a scandal,”", "said", speaker)], use_ner) == [(expected, 0)]


@pytest.mark.parametrize("use_ner", MODES)
def test_he_skips_places_and_groups_named_like_people(use_ner):
    t = (
        "Gary Johnson flew in. The former New Mexico governor met African American voters "
        "in the United States Senate. “I run daily,” he said."
    )
    assert speakers(t, [said(t, "“I run daily,”", "said", "he")], use_ner) == [("Gary Johnson", 0)]


def test_speaker_labels_in_capitals_resolve_to_the_name():
    t = (
        "Presenter Gareth Pugh spoke to Dr Helen Achebe.\n\n"
        "GARETH PUGH: How bad is it?\n\nACHEBE: It is serious.\n\nNATO: No comment."
    )
    got = speakers(
        t,
        [
            said(t, "How bad is it?", None, "GARETH PUGH"),
            said(t, "It is serious.", None, "ACHEBE"),
            said(t, "No comment.", None, "NATO"),
        ],
    )
    assert [name for name, _ in got] == ["Gareth Pugh", "Helen Achebe", None]  # no Nato
    t = "JOHN SMITH: We heard a bang.\n\nANN LEE: Were you scared?\n\nSMITH: Terrified."
    got = speakers(t, [said(t, "We heard a bang.", None, "JOHN SMITH"),
                       said(t, "Were you scared?", None, "ANN LEE"),
                       said(t, "Terrified.", None, "SMITH")])  # fmt: skip
    assert [name for name, _ in got] == ["John Smith", "Ann Lee", "John Smith"]


def test_a_place_after_for_is_not_the_speaker():
    t = "Ministers met. “It is a scandal,” said Labour MP for Tyneside West, Gareth Moody."
    got = speakers(t, [said(t, "“It is a scandal,”", "said", t[t.index("Labour") : -1])])
    assert got == [("Gareth Moody", 0)]


def test_a_name_spelt_with_no_break_spaces_resolves_with_plain_ones():
    t = "City engineer Jane\u00a0Doe inspected it.\n\n“It is unsafe,” said Doe.\u202f“Close it.”"
    [got] = resolve_speakers(t, [said(t, "“It is unsafe,”", "said", "Doe")], use_ner=False)
    assert got.speaker.resolved == "Jane Doe"
    assert got.speaker.text == "Doe"


# ---------------------------------------------------------------- pronouns
@pytest.mark.parametrize("use_ner", MODES)
def test_a_pronoun_next_to_an_organisation_means_the_person(use_ner):
    t = (
        "Priya Raman, the city's transit manager, presented the figures on Monday.\n\n"
        "The Thunder Bay Youth Council said the cuts were unfair. “We are not recommending "
        "this lightly,” she said."
    )
    got = speakers(
        t,
        [
            said(t, "the cuts were unfair", "said", "The Thunder Bay Youth Council"),
            said(t, "“We are not recommending this lightly,”", "said", "she"),
        ],
        use_ner,
    )
    assert got[1] == ("Priya Raman", 1)
    assert got[0][0] in ("Thunder Bay Youth Council", "Youth Council")  # never a person


@pytest.mark.parametrize("use_ner", MODES)
def test_a_pronoun_next_to_a_place_or_a_business_means_the_person(use_ner):
    t = (
        "Walt Brennan, who owns the building, was at the opening. The Blue Door Café on "
        "Main Street will stay open next door. “I ate there before I owned it,” he said."
    )
    got = speakers(t, [said(t, "“I ate there before I owned it,”", "said", "he")], use_ner)
    assert got == [("Walt Brennan", 0)]


def test_a_pronoun_skips_people_quoted_inside_quotation_marks():
    t = (
        "Rafael Ortega spoke first. “I told Martha Kowalczyk the menu was done,” he said. "
        "“It takes two days,” he added."
    )
    got = speakers(
        t,
        [
            said(t, "“I told Martha Kowalczyk the menu was done,”", "said", "he"),
            said(t, "“It takes two days,”", "added", "he"),
        ],
    )
    assert got == [("Rafael Ortega", 0), ("Rafael Ortega", 0)]


def test_a_person_once_called_she_is_female_and_he_skips_her():
    # First names the dictionary does not know: genders come from the pronouns alone.
    t = (
        "Thabo Khumalo runs the clinic. “It is full,” she said.\n\n"
        "Sipho Dlamini, a patient, waited all day. “We wait,” he said.\n\n"
        "“Come back tomorrow,” she said."
    )
    got = speakers(
        t,
        [
            said(t, "“It is full,”", "said", "she"),
            said(t, "“We wait,”", "said", "he"),
            said(t, "“Come back tomorrow,”", "said", "she"),
        ],
    )
    assert got == [("Thabo Khumalo", 0), ("Sipho Dlamini", 1), ("Thabo Khumalo", 0)]


@needs_gender
@pytest.mark.parametrize("use_ner", MODES)
def test_first_names_and_titles_give_gender(use_ner):
    t = (
        "Sally Mackenzie and her husband, Greg Mackenzie, farm near Hay. “You stop doing "
        "the maths,” she said. “We hold on,” Mr Mackenzie said. “It will rain,” Mrs "
        "Mackenzie said."
    )
    got = speakers(
        t,
        [
            said(t, "“You stop doing the maths,”", "said", "she"),
            said(t, "“We hold on,”", "said", "Mr Mackenzie"),
            said(t, "“It will rain,”", "said", "Mrs Mackenzie"),
        ],
        use_ner,
    )
    assert got == [("Sally Mackenzie", 0), ("Greg Mackenzie", 1), ("Sally Mackenzie", 0)]


@needs_gender
@pytest.mark.parametrize("use_ner", MODES)
def test_she_means_a_woman_whose_first_name_statistics_call_male(use_ner):
    t = (
        "Ryan Caldwell runs the shelter. “We are full every night,” said Ryan Caldwell. "
        "She added that the province must help. Tom Reid, a volunteer, agreed. “It is "
        "hard,” she said."
    )
    out = resolve_speakers(
        t,
        [
            said(t, "“We are full every night,”", "said", "Ryan Caldwell"),
            said(t, "that the province must help", "added", "She"),
            said(t, "“It is hard,”", "said", "she"),
        ],
        use_ner=use_ner,
    )
    got = [(a.speaker.resolved, a.speaker.gender, a.speaker.gender_from) for a in out]
    # the article's "she" outweighs the statistics, and she is female wherever named;
    # "she" skips Tom Reid, whose first name says male, for the woman named before him
    assert got == [("Ryan Caldwell", "female", "pronoun")] * 3
    # someone else named in between: "she" is not taken for the man named before
    t = "“We hold,” said Brian Fallon. On Monday night, Clinton spoke. “Why not?” she said."
    out = resolve_speakers(
        t,
        [said(t, "“We hold,”", "said", "Brian Fallon"), said(t, "“Why not?”", "said", "she")],
        use_ner=use_ner,
    )
    assert [(a.speaker.resolved, a.speaker.gender) for a in out] == [
        ("Brian Fallon", "male"),
        (None, None),
    ]


@needs_gender
def test_a_span_cut_after_a_first_name_is_the_person_named_in_full():
    t = "The Green Party’s Elizabeth May says she will not step down."
    speaker = "The Green Party’s Elizabeth"
    assert kinds(t, ("she will not step down", "says", speaker)) == [("Elizabeth May", "person")]
    t = "The leaders and UN envoy Lakhdar Brahimi said talks would go on."
    speaker = "The leaders and UN envoy Lakhdar"
    assert _names(t, ("talks would go on", "said", speaker)) == [None]
    for speaker in ("The family of Grace", "A lawyer for Grace"):  # someone else
        t = f"{speaker} Kim says she was a gifted student."
        assert _names(t, ("she was a gifted student", "says", speaker)) == [None], speaker


@needs_gender
def test_the_first_of_two_people_named_with_one_surname_has_it_too():
    t = (
        "Maria and José Hernández have run a bakery for 20 years. “We never thought we "
        "would close,” Maria said. Hernández said rents rose."
    )
    got = _names(t, ("“We never thought we would close,”", "said", "Maria"),
                 ("rents rose", "said", "Hernández"))  # fmt: skip
    assert got == ["Maria Hernández", "José Hernández"]  # the surname alone: José's
    # not a first name the article gives another surname
    t = (
        "Supporters of Hillary Clinton and Bernie Sanders met. Hillary Clinton spoke. "
        "“We are united,” Hillary said."
    )
    assert _names(t, ("“We are united,”", "said", "Hillary")) == ["Hillary Clinton"]
    # nor a place, a title, or one of two sides
    for t, who in [
        ("Victoria and Scott Morrison clashed. “We will not budge,” Victoria said.", "Victoria"),
        ("Kate and Prince William visited. “It was moving,” Kate said.", "Kate"),
        ("The split between Chelsea and Mauricio Pochettino was agreed. “We thank him,” "
         "Chelsea said.", "Chelsea"),
    ]:  # fmt: skip
        quote = t[t.index("“") : t.index("”") + 1]
        assert _names(t, (quote, "said", who)) != [f"{who} {t.split(' and ')[1].split()[1]}"]


@needs_gender
def test_she_means_a_woman_whose_name_is_male_only_outside_english_speaking_countries():
    t = (
        "Canadian Union of Postal Workers president Jan Simpson said the union would fight "
        "the plan. “Canada Post is abandoning seniors,” she said."
    )
    speaker = "Canadian Union of Postal Workers president Jan Simpson"
    out = resolve_speakers(
        t,
        [
            said(t, "the union would fight the plan", "said", speaker),
            said(t, "“Canada Post is abandoning seniors,”", "said", "she"),
        ],
    )
    assert [(a.speaker.resolved, a.speaker.gender) for a in out] == [("Jan Simpson", "female")] * 2


@needs_gender
def test_the_articles_pronoun_is_the_gender_source_over_first_name_statistics():
    t = "Jan-Michael Gambill lost in three sets. “I was tired,” he said."
    out = resolve_speakers(t, [said(t, "“I was tired,”", "said", "he")])
    s = out[0].speaker
    assert (s.resolved, s.gender, s.gender_from) == ("Jan-Michael Gambill", "male", "pronoun")


@needs_gender
def test_a_sure_first_name_and_a_demonym_in_man_keep_a_woman_a_woman():
    # "Angela" is a woman's name without doubt: "he" is someone else, as is "German"
    # no title in "-man"
    for t in (
        "Angela Merkel runs the party. “We need action,” he said.",
        "German Chancellor Angela Merkel spoke on Friday. “We need action,” he said.",
    ):
        out = resolve_speakers(t, [said(t, "“We need action,”", "said", "he")])
        assert (out[0].speaker.resolved, out[0].speaker.gender) == (None, None)
    t = "Spokesman Jo Lee spoke first. Chairwoman Kim Roe spoke next."
    out = resolve_speakers(t, [said(t, "first", "spoke", "Spokesman Jo Lee"),
                               said(t, "next", "spoke", "Chairwoman Kim Roe")])  # fmt: skip
    assert [(a.speaker.resolved, a.speaker.gender_from) for a in out] == [
        ("Jo Lee", "title"),
        ("Kim Roe", "title"),
    ]


def test_an_unnamed_earlier_speaker_stops_a_pronoun():
    t = (
        "Andrea Ruiz said police had no suspects. One woman said she heard five shots.\n\n"
        "“I got down on the floor,” she said."
    )
    got = speakers(
        t,
        [
            said(t, "police had no suspects", "said", "Andrea Ruiz"),
            said(t, "she heard five shots", "said", "One woman"),
            said(t, "“I got down on the floor,”", "said", "she"),
        ],
    )
    assert got == [("Andrea Ruiz", 0), (None, 1), (None, 1)]  # the woman, unnamed


# ---------------------------------------------------------------- plural and descriptive
@pytest.mark.parametrize("use_ner", MODES)
def test_plural_and_vague_speakers_stay_unresolved(use_ner):
    t = (
        "Kirsty Walsh runs the helpline. They said the loan was late. Officials said "
        "it was coming. Both groups said talks would go on. Preliminary findings suggest "
        "the rail cracked. Officials said more would follow."
    )
    got = speakers(
        t,
        [
            said(t, "the loan was late", "said", "They"),
            said(t, "it was coming", "said", "Officials"),
            said(t, "talks would go on", "said", "Both groups"),
            said(t, "the rail cracked", "suggest", "Preliminary findings"),
            said(t, "more would follow", "said", "Officials"),
        ],
        use_ner,
    )
    assert [r for r, _ in got] == [None] * 5
    assert [e for _, e in got] == [0, 1, 2, 3, 1]  # the same officials twice


def test_unnamed_people_in_the_plural_are_a_group_and_findings_are_not():
    t = (
        "Officials said it was coming. Many Mexicans say the wall is an insult. "
        "Preliminary findings suggest the rail cracked. Both groups said talks would go on."
    )
    got = kinds(t, ("it was coming", "said", "Officials"),
                ("the wall is an insult", "say", "Many Mexicans"),
                ("the rail cracked", "suggest", "Preliminary findings"),
                ("talks would go on", "said", "Both groups"))  # fmt: skip
    assert got == [(None, "group"), (None, "group"), (None, None), (None, "group")]


@pytest.mark.parametrize("use_ner", MODES)
def test_descriptions_and_it_mean_the_body_or_person_they_name(use_ner):
    t = (
        "Judge Andrew Pryce sentenced him on Friday. The Great Plains Railway said crews "
        "were on site. The Marine Safety Agency closed the beach.\n\n"
        "The railway said trains would run by Monday. It said the cause was unknown. "
        "A spokeswoman for the agency said nets would go. “You stole,” the judge told him."
    )
    got = speakers(
        t,
        [
            said(t, "crews were on site", "said", "The Great Plains Railway"),
            said(t, "trains would run by Monday", "said", "The railway"),
            said(t, "the cause was unknown", "said", "It"),
            said(t, "nets would go", "said", "A spokeswoman for the agency"),
            said(t, "“You stole,”", "told", "the judge"),
        ],
        use_ner,
    )
    assert [r for r, _ in got] == [
        "Great Plains Railway", "Great Plains Railway", "Great Plains Railway",
        "Marine Safety Agency", "Andrew Pryce",
    ]  # fmt: skip
    assert [e for _, e in got] == [0, 0, 0, 1, 2]


# ---------------------------------------------------------------- follow-on quotes
FOLLOW = (
    "Jane Smith, the mayor, said the plan was sound. “We will build it,” she said.\n\n"
    "“And we will pay for it.”\n\n"
    "“Every cent.”\n\n"
    "Councillor Tom Reyes disagreed.\n\n"
    "“It is too dear.”"
)


def test_a_follow_on_quote_takes_the_speaker_it_continues():
    t = FOLLOW
    out = resolve_speakers(
        t,
        [
            said(t, "the plan was sound", "said", "Jane Smith, the mayor,"),
            said(t, "“We will build it,”", "said", "she"),
            said(t, "“And we will pay for it.”", None, None),
            said(t, "“Every cent.”", None, None),
        ],
        use_ner=False,
    )
    she = at(t, "she")
    for a in out[2:]:  # the span of the speaker it continues, marked inferred
        assert (a.speaker.start, a.speaker.end, a.speaker.inferred) == (she.start, she.end, True)
        assert a.cue is None
    assert [(a.speaker.resolved, a.speaker.entity) for a in out] == [("Jane Smith", 0)] * 4
    assert [a.speaker.inferred for a in out] == [False, False, True, True]


def test_no_follow_on_past_someone_else_named_or_an_unnamed_speaker():
    t = FOLLOW
    got = speakers(
        t,
        [
            said(t, "“We will build it,”", "said", "she"),
            said(t, "“It is too dear.”", None, None),  # Tom Reyes is named between
        ],
    )
    assert got == [("Jane Smith", 0), None]
    t2 = "Jane Smith said the plan was sound. “It is not,” it was said.\n\n“Nor will it be.”"
    got = speakers(
        t2,
        [
            said(t2, "the plan was sound", "said", "Jane Smith"),
            said(t2, "“It is not,”", "said", None),  # a cue without a speaker
            said(t2, "“Nor will it be.”", None, None),
        ],
    )
    assert got == [("Jane Smith", 0), None, None]


def test_no_follow_on_across_paragraphs_or_for_an_indirect_quote():
    t = "“We will build it,” Jane Smith said.\n\nThe vote is on Friday.\n\n“And pay for it.”"
    got = speakers(
        t,
        [
            said(t, "“We will build it,”", "said", "Jane Smith"),
            said(t, "“And pay for it.”", None, None),
        ],
    )
    assert got == [("Jane Smith", 0), None]  # two paragraph breaks back: too far
    t2 = "“We will build it,” Jane Smith said.\n\nthe council would pay for it"
    got = speakers(
        t2,
        [
            said(t2, "“We will build it,”", "said", "Jane Smith"),
            said(t2, "the council would pay for it", None, None),
        ],
    )
    assert got == [("Jane Smith", 0), None]


def test_a_quote_with_no_speaker_anywhere_keeps_none():
    t = "“Nobody saw it coming.”\n\nThe club posted the message on Monday."
    out = resolve_speakers(t, [said(t, "“Nobody saw it coming.”", None, None)], use_ner=False)
    assert out[0].speaker is None and out[0].cue is None


# ---------------------------------------------------------------- NER is optional
def test_without_the_ner_model_resolution_falls_back_to_rules(monkeypatch):
    monkeypatch.setattr(entities, "find_entities", lambda text: None)
    monkeypatch.setattr(entities, "ner_available", lambda: False)
    t = STOLTENBERG
    attributions = [said(t, "“And we will,”", "added", "he")]
    assert speakers(t, attributions, use_ner=None) == [("Jens Stoltenberg", 0)]
    with pytest.raises(RuntimeError, match="en_core_web_sm"):
        resolve_speakers(t, attributions, use_ner=True)


def test_ner_runs_once_and_only_when_a_speaker_needs_it(monkeypatch):
    calls = []
    monkeypatch.setattr(entities, "find_entities", lambda text: calls.append(text) or [])
    t = STOLTENBERG
    monkeypatch.setattr(entities, "ner_available", lambda: True)
    he = [
        said(t, "“And we will,”", "added", "he"),
        said(t, "“Not yet,”", "said", "the spokeswoman"),
    ]
    resolve_speakers(t, he)
    assert calls == []  # rules only unless asked
    resolve_speakers(t, [said(t, "“We stand together,”", "said", "Stoltenberg")], use_ner=True)
    assert calls == []  # a plain name: the rules know it
    resolve_speakers(t, he, use_ner=True)
    assert calls == [t]


@needs_ner
def test_ner_tells_an_organisation_named_like_a_person():
    # No word of "Bright Tomorrow" says it is an organisation; spaCy's NER or the
    # description before it ("cancer charity") must.
    t = (
        "Fiona Carr, the trust's medical director, said demand had risen. The cancer charity "
        "Bright Tomorrow said waits were common. “We see more patients,” she said."
    )
    got = speakers(
        t,
        [
            said(t, "demand had risen", "said", "Fiona Carr, the trust's medical director,"),
            said(t, "waits were common", "said", "The cancer charity Bright Tomorrow"),
            said(t, "“We see more patients,”", "said", "she"),
        ],
        use_ner=True,
    )
    assert got[0] == ("Fiona Carr", 0) and got[2] == ("Fiona Carr", 0)
    assert got[1][0] == "Bright Tomorrow"


# ---------------------------------------------------------------- entities
def test_long_texts_go_to_ner_in_pieces_cut_after_line_breaks(monkeypatch):
    monkeypatch.setattr(entities, "CHUNK_CHARS", 40)
    text = "Maria Santos spoke first.\nJo Bloggs replied at length.\n" + "x" * 100 + "\nEnd."
    chunks = entities._chunks(text)
    assert "".join(piece for _, piece in chunks) == text
    assert all(text[o : o + len(p)] == p and len(p) <= 40 for o, p in chunks)
    assert [p for _, p in chunks][:2] == [
        "Maria Santos spoke first.\n",
        "Jo Bloggs replied at length.\n",
    ]


@needs_ner
def test_entity_offsets_index_the_whole_text(monkeypatch):
    monkeypatch.setattr(entities, "CHUNK_CHARS", 60)
    text = "The weather was fine.\n" * 5 + "Maria Santos met the Canadian Red Cross in Toronto."
    found = entities.find_entities(text)
    assert all(text[e.start : e.end] == e.text for e in found)
    assert ("Maria Santos", "person") in [(e.text, e.kind) for e in found]


def test_kind_and_gender_say_how_they_are_known():
    t = (
        "Jordan Ellis, a spokeswoman for Harbour Railway, spoke first. “We are late,” Ellis said. "
        "The railway said it was sorry. “Never again,” she said. “Soon,” Sam Carter said."
    )
    cases = [("“We are late,”", "Ellis"), ("it was sorry", "The railway"),
             ("“Never again,”", "she"), ("“Soon,”", "Sam Carter")]  # fmt: skip
    out = resolve_speakers(t, [said(t, q, "said", who) for q, who in cases])
    got = [(a.speaker.resolved, a.speaker.kind, a.speaker.gender, a.speaker.gender_from)
           for a in out]  # fmt: skip
    assert got == [
        ("Jordan Ellis", "person", "female", "title"),  # "spokeswoman", whatever "Jordan" is
        ("Harbour Railway", "organisation", None, None),
        ("Jordan Ellis", "person", "female", "title"),
        ("Sam Carter", "person", "male", "first name"),
    ]


# ------------------------------------------------- rules tuned on real news (rules alone)
def _names(text, *triples):
    return [name for name, _ in speakers(text, triples)]


def test_a_titled_surname_is_a_person_a_pronoun_may_mean():
    t = "Last week, President Obama flew to Midway. “They are terrifying,” he said."
    assert _names(t, ("“They are terrifying,”", "said", "he")) == ["Obama"]


def test_a_surname_alone_means_the_most_named_person_with_it():
    t = (
        "Ted Cruz endorsed the nominee. Ted Cruz had refused for weeks. His wife, "
        "Heidi Cruz, was there. “It was a hard call,” Cruz said."
    )
    assert _names(t, ("“It was a hard call,”", "said", "Cruz")) == ["Ted Cruz"]


def test_he_prefers_the_last_speaker_to_a_man_only_mentioned_nearer():
    t = (
        "“The seas are rising,” said Barack Obama on the island. "
        "His adviser John Podesta flew in the next day. “We cannot wait,” he said."
    )
    got = _names(t, ("“The seas are rising,”", "said", "Barack Obama"),
                 ("“We cannot wait,”", "said", "he"))  # fmt: skip
    assert got == ["Barack Obama", "Barack Obama"]


def test_he_is_no_place_after_a_preposition():
    t = "The nominee was speaking on Friday in Fort Wayne. “We will win,” he said."
    assert _names(t, ("“We will win,”", "said", "he")) == [None]


def test_who_after_a_surname_is_that_person_and_never_a_place():
    t = (
        "Ted Cruz spoke on Monday. The decision is risky for Cruz, who said it was right.\n\n"
        "Democrats on Capitol Hill, who said it helps, were pleased."
    )
    got = _names(t, ("it was right", "said", "who"), ("it helps", "said", "who"))
    assert got == ["Ted Cruz", None]


def test_a_described_person_is_no_place_and_may_be_the_last_speaker():
    t = (
        "“We will win,” Donald Trump said in Ohio. “Never,” the GOP nominee added. "
        "“Maybe,” said the New York businessman."
    )
    got = _names(t, ("“We will win,”", "said", "Donald Trump"),
                 ("“Never,”", "added", "the GOP nominee"),
                 ("“Maybe,”", "said", "the New York businessman"))  # fmt: skip
    assert got[:2] == ["Donald Trump", "Donald Trump"] and got[2] != "New York"


def test_a_campaign_is_its_candidates_and_a_lone_surname_speaker_is_a_person():
    t = (
        "“We hit him hard,” Clinton said on Monday. “It worked,” she added. "
        "The Clinton Foundation was not involved. “No comment,” Donald Trump’s campaign said."
    )
    campaign = said(t, "“No comment,”", "said", "Donald Trump’s campaign")
    got = resolve_speakers(t, [said(t, "“We hit him hard,”", "said", "Clinton"),
                               said(t, "“It worked,”", "added", "she"), campaign])  # fmt: skip
    assert [(a.speaker.resolved, a.speaker.kind) for a in got] == [
        ("Clinton", "person"), ("Clinton", "person"), ("Trump campaign", "organisation"),
    ]  # fmt: skip


def test_the_newspaper_is_the_paper_named_and_a_pair_of_surnames_is_both_people():
    t = (
        "The story was first reported by The Washington Post. The newspaper said the fund "
        "paid for it.\n\nBarack Obama and Hillary Clinton spoke in Ohio. Obama and Clinton "
        "said the war was being won."
    )
    pair = said(t, "the war was being won", "said", "Obama and Clinton")
    got = resolve_speakers(t, [said(t, "the fund paid for it", "said", "The newspaper"), pair])
    assert [(a.speaker.resolved, a.speaker.kind) for a in got] == [
        ("Washington Post", "organisation"), ("Barack Obama and Hillary Clinton", "group"),
    ]  # fmt: skip


def test_an_organisation_name_runs_on_over_of_on_and_for():
    cpd, crfb = "Commission on Presidential Debates", "Committee for a Responsible Federal Budget"
    t = f"“There was a problem,” said the nonpartisan {cpd}. “It costs $1bn,” the {crfb} said."
    got = _names(t, ("“There was a problem,”", "said", f"the nonpartisan {cpd}"),
                 ("“It costs $1bn,”", "said", f"the {crfb}"))  # fmt: skip
    assert got == [cpd, crfb]


def test_a_role_word_is_next_to_a_name_not_across_an_article():
    t = (
        "President Barack Obama spoke to a Gold Star mother on Wednesday. "
        "“It is manufactured,” the president said."
    )
    assert _names(t, ("“It is manufactured,”", "said", "the president")) == ["Barack Obama"]


@needs_gender
def test_a_pronoun_opening_its_story_means_the_subject_of_the_sentence_before():
    t = (
        "Mehmet Oz hosts a daytime show. Oz was criticised for years by the surgeon David "
        "Gorski. He said the critics were wrong.\n\nBobby Scott met John Lewis on Monday. "
        "Scott says he will run. He helped pass a sentencing law with John Lewis. And he "
        "said the law works."
    )
    got = _names(t, ("the critics were wrong", "said", "He"), ("the law works", "said", "he"))
    assert got == ["Mehmet Oz", "Bobby Scott"]


def test_a_document_quoted_as_the_speaker_is_the_document():
    t = (
        "Voters are split, a new Acme News national poll says. The survey found Jo Smith "
        "ahead, and the poll also found most undecided. A 2019 study by professor Ann Lee "
        "found the opposite. A statement from the Acme Foundation said little."
    )
    got = resolve_speakers(t, [
        said(t, "Voters are split", "says", "a new Acme News national poll"),
        said(t, "most undecided", "found", "the poll"),
        said(t, "the opposite", "found", "A 2019 study by professor Ann Lee"),
        said(t, "little", "said", "A statement from the Acme Foundation"),
    ])  # fmt: skip
    assert [(a.speaker.resolved, a.speaker.kind) for a in got] == [
        ("Acme News poll", None), ("Acme News poll", None), (None, None),
        ("Acme Foundation", "organisation"),
    ]  # fmt: skip
    assert got[0].speaker.entity == got[1].speaker.entity


def test_an_organisation_name_runs_on_past_its_first_part_but_not_into_a_day():
    court = "U.S. Court of Appeals for the Sixth Circuit"
    t = f"“It is unlawful,” said the {court}. “No,” the Review Board on Tuesday said."
    got = _names(t, ("“It is unlawful,”", "said", f"the {court}"),
                 ("“No,”", "said", "the Review Board on Tuesday"))  # fmt: skip
    assert got == [court, "Review Board"]


@needs_gender
def test_the_campaign_or_family_is_that_of_the_person_named_last():
    t = (
        "Donald Trump spoke in Ohio. Hillary Clinton plans a new service corps. The campaign "
        "says it will cost little. Ann McKinley and her husband saved for years. The family "
        "says college is dear. Jo Smith met Hillary Clinton and Tom Lee. Her campaign said so."
    )
    got = resolve_speakers(t, [
        said(t, "it will cost little", "says", "The campaign"),
        said(t, "college is dear", "says", "The family"),
        said(t, "so", "said", "Her campaign"),
    ])  # fmt: skip
    assert [(a.speaker.resolved, a.speaker.kind) for a in got] == [
        ("Clinton campaign", "organisation"), ("McKinley family", "group"),
        ("Clinton campaign", "organisation"),
    ]  # fmt: skip


def test_a_plain_word_opening_a_sentence_is_no_person():
    t = (
        "Ted Cruz spoke to angry delegates. “I will not,” Cruz said in July.\n\n"
        "Delegates questioned how Cruz could turn. “It was personal,” he said."
    )
    got = resolve_speakers(t, [
        said(t, "Ted Cruz spoke", None, "Delegates"),
        said(t, "“It was personal,”", "said", "he"),
    ])  # fmt: skip
    assert [(a.speaker.resolved, a.speaker.kind) for a in got] == [
        (None, "group"), ("Ted Cruz", "person"),
    ]  # fmt: skip


@needs_gender
def test_the_subject_before_a_pronoun_is_no_owner_and_nothing_after_a_preposition():
    t = (
        "“We won,” said Bill Gates. Jo Smith’s colleague Tom Brown left early. He said it "
        "was over.\n\n“We lost,” said Bill Gates. People like Tom Brown left. He said no."
    )
    got = _names(t, ("“We won,”", "said", "Bill Gates"), ("it was over", "said", "He"),
                 ("“We lost,”", "said", "Bill Gates"), ("no", "said", "He"))  # fmt: skip
    assert got == ["Bill Gates", "Tom Brown", "Bill Gates", "Bill Gates"]


@needs_gender
def test_an_organisation_owning_a_name_is_not_part_of_it():
    t = (
        "The fires burn on near the Blue Mountains. But the Bureau of Meteorology's Claire "
        "Richards says the rain did little. “The falls were isolated,” she said."
    )
    assert _names(t, ("“The falls were isolated,”", "said", "she")) == ["Claire Richards"]


def test_who_after_a_surname_named_no_further_is_that_person():
    t = "Ah, friends once more: Ted Cruz endorses Trump, who says he is honored."
    assert _names(t, ("he is honored", "says", "who")) == ["Trump"]


def test_the_bank_is_a_bank_named_like_a_person():
    t = (
        "In the Wells Fargo scandal, people were charged fees they never agreed to. "
        "The bank said that it had fired the employees."
    )
    got = resolve_speakers(t, [said(t, "it had fired the employees", "said", "The bank")])
    assert [(a.speaker.resolved, a.speaker.kind) for a in got] == [("Wells Fargo", "organisation")]


def test_a_share_of_voters_is_no_one_named_after_it():
    t = "46 percent would choose Clinton, while 5 percent prefer Libertarian nominee Gary Johnson."
    assert _names(t, ("prefer Libertarian nominee", None, "5 percent")) == [None]


def test_role_words_stop_at_a_conjunction_and_a_possessive_place_is_a_place():
    t = "The GOP nominee argued that New York's legislature has put divorce files off-limits."
    assert kind_of_name("New York's") == "place"
    assert [(x.name, x.kind) for x in Mentions(t, None).mentions] == [("New York", "place")]
    t = "Earlier this month, lawyers for both Donald and Ivana Trump filed papers."
    ivana = [x for x in Mentions(t, None).mentions if x.name == "Ivana Trump"]
    assert ivana and "donald" not in ivana[0].roles


def test_a_described_person_is_not_the_last_speaker_named_after_it_in_its_sentence():
    t = (
        "“It is private,” said Ivana Trump. The judge agreed with Ivana Trump that the file "
        "stays sealed. “It is not,” said Jo Brown. “No,” the judge ruled."
    )
    got = _names(t, ("“It is private,”", "said", "Ivana Trump"),
                 ("the file stays sealed", "agreed", "The judge"),
                 ("“It is not,”", "said", "Jo Brown"), ("“No,”", "ruled", "the judge"))  # fmt: skip
    assert got == ["Ivana Trump", None, "Jo Brown", "Jo Brown"]


def test_a_description_after_a_place_is_not_in_apposition_to_it():
    t = (
        "She fell ill at Ground Zero, sources said.\n\n"
        "Homeward Ireland, the housing charity, said rents rose."
    )
    got = _names(t, ("She fell ill", "said", "sources"),
                 ("rents rose", "said", "the housing charity"))  # fmt: skip
    assert got == [None, "Homeward Ireland"]
    t = "The chain is expanding into the United States, the Halifax-born chain announced."
    speaker = "the Halifax-born chain"
    assert _names(t, ("The chain is expanding", "announced", speaker)) == [None]
    # ... but an apposition of its own still names the body
    t = (
        "Job cuts are coming to Suncor Energy, the Calgary-based oil company. “This was a "
        "hard decision,” the company said."
    )
    assert _names(t, ("“This was a hard decision,”", "said", "the company")) == ["Suncor Energy"]


def test_a_meeting_chaired_by_someone_is_not_that_person():
    t = "A statement issued after a meeting chaired by leader Yasser Arafat called for calm."
    speaker = "a meeting chaired by leader Yasser Arafat"
    assert _names(t, ("calm", "called for", speaker)) == [None]


def test_it_after_a_document_that_spoke_is_that_document():
    t = (
        "The Dallas Morning News backed her. A new Hillary Clinton ad says he lied. "
        "It also mentions his taxes."
    )
    got = resolve_speakers(t, [said(t, "he lied", "says", "A new Hillary Clinton ad"),
                               said(t, "his taxes", "mentions", "It")])  # fmt: skip
    assert [a.speaker.resolved for a in got] == ["Hillary Clinton ad", "Hillary Clinton ad"]


def test_the_city_of_a_place_is_that_place():
    t = "The city of Phoenix is demanding that the campaign stop using its police."
    speaker = "The city of Phoenix"
    assert _names(t, ("that the campaign stop using its police", "is demanding", speaker)) == [
        "Phoenix"
    ]


def test_a_judge_is_the_justice_named_soon_after():
    t = (
        "A New York judge on Thursday rejected the request.\n\n"
        "Manhattan Supreme Court Justice Frank Nervo ruled that the file stays sealed.\n\n"
        "A judge in Ohio disagreed. “It is public,” Ann Lee said later."
    )
    got = _names(t, ("rejected the request", None, "A New York judge"),
                 ("It is public", "said", "Ann Lee"), ("disagreed", None, "A judge"))  # fmt: skip
    assert got == ["Frank Nervo", None, "Ann Lee"]


@needs_gender
def test_she_is_never_a_name_whose_last_word_the_article_writes_as_a_plain_noun():
    t = (
        "The farmers were angry. Dairy Farmers of Canada issued a statement. "
        "“Quotas must stay,” she said."
    )
    assert _names(t, ("“Quotas must stay,”", "said", "she")) == [None]
    t = "Dairy Farmers of Canada met Jane Doe. “Quotas must stay,” she said."
    assert _names(t, ("“Quotas must stay,”", "said", "she")) == ["Jane Doe"]


@needs_gender
def test_she_means_a_possessive_owner_when_no_one_else_fits():
    t = (
        "Margaret Atwood’s new novel, The Testaments, arrived on Tuesday. "
        "“It is a sequel,” she said."
    )
    assert _names(t, ("“It is a sequel,”", "said", "she")) == ["Margaret Atwood"]
    t = "Jo Smith’s colleague Tom Brown spoke first. “It is late,” he said."
    assert _names(t, ("“It is late,”", "said", "he")) == ["Tom Brown"]


UNNAMED_BODY = (None, "organisation")


def kinds(text, *triples):
    out = resolve_speakers(text, [said(text, *t) for t in triples])
    return [(a.speaker.resolved, a.speaker.kind) for a in out]


def test_the_company_is_a_one_word_speaker_that_shows_nothing_of_a_person():
    t = "Enbridge said the pipeline was safe. The company added that inspections continue."
    got = kinds(t, ("the pipeline was safe", "said", "Enbridge"),
                ("inspections continue", "added", "The company"))  # fmt: skip
    assert got == [("Enbridge", "organisation")] * 2
    t = "Shopify said demand had slowed. “We will cut jobs,” it said."
    got = kinds(t, ("demand had slowed", "said", "Shopify"), ("“We will cut jobs,”", "said", "it"))
    assert got[1] == ("Shopify", "organisation")
    # a person in between, or a one-word speaker known as a person, is not the company,
    # which stays a description: no name, but known as an organisation
    t = "Vexcor said the tool was safe. Sundar Pichai said it was tested. The company said more."
    assert kinds(t, ("the tool was safe", "said", "Vexcor"), ("it was tested", "said",
                 "Sundar Pichai"), ("more", "said", "The company"))[2] == UNNAMED_BODY  # fmt: skip
    t = "Madonna said the tour was over. The company said tickets would be refunded."
    got = kinds(t, ("the tour was over", "said", "Madonna"),
                ("tickets would be refunded", "said", "The company"))  # fmt: skip
    assert got[1] == UNNAMED_BODY


def test_a_company_described_by_its_trade_or_home_is_the_one_named_last():
    # "Google", known as a company, is named before a minister speaks
    t = ("Google says it will stop showing news links. Minister Pablo Rodriguez said the "
         "government would not back down. {} said it would keep talking.")  # fmt: skip
    for described in ("The tech giant", "The California-based company", "The U.S. company"):
        got = kinds(t.format(described), ("it will stop showing news links", "says", "Google"),
                    ("the government would not back down", "said", "Minister Pablo Rodriguez"),
                    ("it would keep talking", "said", described))  # fmt: skip
        assert got[0] == got[2] == ("Google", "organisation"), described
    # ... past a law named between ("the Online News Act" is no company)
    t = ("Google says it will block news links under the Online News Act. "
         "The tech giant said the law is unworkable.")  # fmt: skip
    got = kinds(t, ("it will block news links", "says", "Google"),
                ("the law is unworkable", "said", "The tech giant"))  # fmt: skip
    assert got[1] == ("Google", "organisation")
    t = ("Suncor Energy says it will cut jobs. Premier Danielle Smith said she was sorry. "
         "{} said the cuts were needed.")  # fmt: skip
    for described in ("The oilsands producer", "The Calgary company"):
        got = kinds(t.format(described), ("it will cut jobs", "says", "Suncor Energy"),
                    ("she was sorry", "said", "Premier Danielle Smith"),
                    ("the cuts were needed", "said", described))  # fmt: skip
        assert got[2] == ("Suncor Energy", "organisation"), described
    # ... but not another body of the same kind
    got = kinds(t.format("The parent company"), ("it will cut jobs", "says", "Suncor Energy"),
                ("she was sorry", "said", "Premier Danielle Smith"),
                ("the cuts were needed", "said", "The parent company"))  # fmt: skip
    assert got[2] == UNNAMED_BODY


def test_utilities_and_companies_are_known_by_their_name_words():
    t = "Toronto Hydro said the outage was over. The utility said crews were still working."
    got = kinds(t, ("the outage was over", "said", "Toronto Hydro"),
                ("crews were still working", "said", "The utility"))  # fmt: skip
    assert got == [("Toronto Hydro", "organisation")] * 2


def test_the_union_may_be_an_association_or_federation_named_last():
    t = ("The Aircraft Mechanics Fraternal Association said its members would vote. The union "
         "said the deal included a raise.")  # fmt: skip
    union = "The Aircraft Mechanics Fraternal Association"
    got = kinds(t, ("its members would vote", "said", union),
                ("the deal included a raise", "said", "The union"))  # fmt: skip
    assert got == [("Aircraft Mechanics Fraternal Association", "organisation")] * 2
    # ... but not a body its name says is of another kind
    t = "Toronto General Hospital said it was full. The union said more."
    got = kinds(t, ("it was full", "said", "Toronto General Hospital"),
                ("more", "said", "The union"))  # fmt: skip
    assert got[1] == UNNAMED_BODY


def test_a_name_after_a_sentence_end_is_not_joined_to_the_word_before():
    t = "Marc Leblanc milks cows near Sherbrooke, Que. Dairy Farmers of Canada says farms suffer."
    got = kinds(t, ("farms suffer", "says", "Dairy Farmers of Canada"))
    assert got == [("Dairy Farmers of Canada", "organisation")]


def test_a_work_after_a_full_name_leaves_the_person_named():
    t = ("Sarah Polley’s Women Talking won the Oscar. Polley thanked the Academy. She said the "
         "film was about people who disagree.")  # fmt: skip
    got = kinds(t, ("the Academy", "thanked", "Polley"),
                ("the film was about people who disagree", "said", "She"))  # fmt: skip
    assert got == [("Sarah Polley", "person")] * 2
    t = ("Director Denis Villeneuve’s Dune opened this weekend. Villeneuve told reporters that "
         "he had wanted to make it. “It was a dream,” he said.")  # fmt: skip
    got = kinds(t, ("that he had wanted to make it", "told", "Villeneuve"),
                ("“It was a dream,”", "said", "he"))  # fmt: skip
    assert got == [("Denis Villeneuve", "person")] * 2


def test_a_document_obtained_by_a_body_is_not_that_body():
    t = "The memo obtained by CBC News says the plan was rushed."
    assert kinds(t, ("the plan was rushed", "says", "The memo obtained by CBC News")) == [
        (None, None)
    ]


def test_his_is_he_and_mr_or_mrs_gives_a_surname_its_gender():
    t = "Mr. Lee met Mrs. Chan on Monday. In his words, “it went well.”"
    assert _names(t, ("“it went well.”", None, "his")) == ["Lee"]
    t = "Mrs. Chan met Mr. Lee on Monday. In her words, “it went well.”"
    assert _names(t, ("“it went well.”", None, "her")) == ["Chan"]


def test_he_means_a_man_named_earlier_in_its_sentence_before_an_earlier_speaker():
    t = (
        "“It was rigged,” said Rush Limbaugh on Monday. "
        "Matt Lauer faced criticism after he asked, “Why the server?”"
    )
    got = _names(t, ("“It was rigged,”", "said", "Rush Limbaugh"),
                 ("“Why the server?”", "asked", "he"))  # fmt: skip
    assert got == ["Rush Limbaugh", "Matt Lauer"]


def test_a_pronoun_never_means_an_outlet_a_work_or_plain_words():
    t = (
        "Ann Roy runs a clinic for veterans. Veterans Affairs said its own affairs were "
        "in order. “We are sorry,” she said."
    )
    got = _names(t, ("its own affairs", "said", "Veterans Affairs"),
                 ("“We are sorry,”", "said", "she"))  # fmt: skip
    assert got == ["Veterans Affairs", "Ann Roy"]
    t = "“It is late,” the mayor told Blue Finch. “We wait,” he said."
    assert _names(t, ("“We wait,”", "said", "he")) == [None]
    t = "Hollow Crown Film opened on Monday. “We wait,” he said."
    assert _names(t, ("“We wait,”", "said", "he")) == [None]
    t = "Global Affairs said on Monday that talks went on. “We wait,” she said."
    assert _names(t, ("“We wait,”", "said", "she")) == [None]
    t = "The Republican National Convention opened on Monday. “We wait,” she said."
    assert _names(t, ("“We wait,”", "said", "she")) == [None]
    # a work's title with lower-case words in it, set off after a work's word
    t = (
        "Zarqa Nawaz created the show. In her memoir, Laughing All the Way to the Mosque, she "
        "writes about growing up in Regina."
    )
    assert _names(t, ("about growing up in Regina", "writes", "she")) == ["Zarqa Nawaz"]


def test_brands_named_like_people_are_organisations_no_pronoun_means():
    t = (
        "Karen Wu has worked at a coffee shop for years. Shoppers Drug Mart announced the "
        "closure on Monday. “It was a shock,” she said."
    )
    got = kinds(t, ("the closure", "announced", "Shoppers Drug Mart"),
                ("“It was a shock,”", "said", "she"))  # fmt: skip
    assert got == [("Shoppers Drug Mart", "organisation"), ("Karen Wu", "person")]
    for body in (
        "Air Canada",
        "Bell Canada",
        "Canadian Tire",
        "WestJet",
        "Via Rail",
        "Hydro-Québec",
        "Rural Municipalities of Alberta",
        "Parti Québécois",
    ):
        t = f"{body} said flights would resume."
        assert kinds(t, ("flights would resume", "said", body)) == [(body, "organisation")]
    for person in (
        "Mark Holland",
        "Michael Jordan",
        "German Ortega",
        "DeVos",
        "Wilson-Raybould",
        "McDonald",
    ):
        t = f"{person} said flights would resume."
        assert kinds(t, ("flights would resume", "said", person))[0][1] == "person"


def test_a_body_named_after_its_province_is_no_person():
    t = (
        "Jo Banks lost power on Friday. Nova Scotia Power said 40,000 customers were cut "
        "off. The utility said crews worked all night. “We are tired,” she said."
    )
    got = kinds(t, ("40,000 customers were cut off", "said", "Nova Scotia Power"),
                ("crews worked all night", "said", "The utility"),
                ("“We are tired,”", "said", "she"))  # fmt: skip
    assert got == [("Nova Scotia Power", "organisation")] * 2 + [("Jo Banks", "person")]
    t = "The United States Conference of Mayors said the program works."
    got = kinds(t, ("the program works", "said", "The United States Conference of Mayors"))
    assert got == [("United States Conference of Mayors", "organisation")]
    for person in ("Georgia Smith", "Ontario Premier Doug Ford", "Texas Republican Cruz"):
        assert kind_of_name(person) == "person"
    assert kind_of_name("Quebec City") != "organisation"


def test_the_party_is_a_party_by_name_not_the_last_body():
    t = "The New York Jets lost again. The party said its members would vote no."
    assert kinds(t, ("its members would vote no", "said", "The party")) == [UNNAMED_BODY]
    t = "The Republican Party met in Ohio. The party said its members would vote no."
    assert kinds(t, ("its members would vote no", "said", "The party")) == [
        ("Republican Party", "organisation")
    ]


def test_no_pronoun_means_a_city_a_wall_or_a_watchdog():
    for thing in ("Atlantic City", "Great Wall", "Fox Business", "Judicial Watch"):
        t = f"{thing} drew crowds all week. “We win,” he said."
        assert _names(t, ("“We win,”", "said", "he")) == [None], thing
    assert kind_of_name("Brad Wall") == "person"
    assert kind_of_name("New York City Councillor Jo Li") != "place"


def test_kin_named_by_a_first_name_alone_may_be_whom_a_pronoun_means():
    t = (
        "“I was shocked,” said Priya Sharma, who runs a daycare. Her daughter, Anika, "
        "agreed. “We just want answers,” she said."
    )
    got = _names(t, ("“I was shocked,”", "said", "Priya Sharma, who runs a daycare"),
                 ("“We just want answers,”", "said", "she"))  # fmt: skip
    assert got == ["Priya Sharma", "Anika"]
    t = "Monique Dalle went to visit her daughter Esther, the church posted on Facebook."
    got = kinds(t, ("Monique Dalle went to visit her daughter Esther", "posted", "the church"))
    assert got[0][0] != "Esther"


def test_bodies_united_daily_museums_and_groups_in_the_plural():
    for body in ("Citizens United", "National Nurses United", "Daily Caller", "Holocaust Museum"):
        assert kind_of_name(body) == "org", body
    assert kind_of_name("United States") == "place"
    assert kind_of_name("The New Yorker") == "org"
    t = (
        "Club for Growth, the conservative group, spent $5 million. Liberal groups said "
        "they would match it."
    )
    assert kinds(t, ("they would match it", "said", "Liberal groups")) == [(None, "group")]


def test_a_nickname_in_quotation_marks_inside_a_name_is_left_out():
    t = (
        "Scott’s niece, state Del. Marcia “Cia” Price (D-Newport News), said the vote "
        "mattered. Later, Tiegen spoke. “We win,” Price said."
    )
    speaker = "Scott’s niece, state Del. Marcia “Cia” Price (D-Newport News)"
    got = kinds(t, ("the vote mattered", "said", speaker), ("“We win,”", "said", "Price"))
    assert got == [("Marcia Price", "person")] * 2


@pytest.mark.parametrize(
    "speaker",
    ["some Republicans, including Senator Lamar Alexander,",
     "many tax experts, including Mr. Goldberg,", "Several Israeli Government ministers"],
)  # fmt: skip
def test_some_or_many_people_are_a_group_whoever_is_named_among_them(speaker):
    t = f"Fred Goldberg and Lamar Alexander spoke. Later {speaker} said the plan was flawed."
    assert kinds(t, ("the plan was flawed", "said", speaker)) == [(None, "group")]


@pytest.mark.parametrize(
    ("speaker", "want"),
    [("lawyers for both Donald and Ivana Trump", (None, "group")),
     ("Republicans on the House Financial Services Committee", (None, "group")),
     ("Sanders, who won the state,", ("Bernie Sanders", "person")),
     ("officials with the Democratic Congressional Campaign Committee",
      ("Democratic Congressional Campaign Committee", "organisation"))],
)  # fmt: skip
def test_people_of_someone_are_a_group_but_a_body_speaks_through_its_officials(speaker, want):
    t = f"Bernie Sanders and Ivana Trump spoke. Later {speaker} said the plan was flawed."
    assert kinds(t, ("the plan was flawed", "said", speaker)) == [want]


def test_a_word_that_opens_a_sentence_is_no_first_name():
    t = (
        "Jared Sexton teaches writing. Why Sanders lost is a puzzle to him. To Sexton, "
        "the answer is simple. “It was the money,” he said."
    )
    assert _names(t, ("“It was the money,”", "said", "he")) == ["Jared Sexton"]
    t = "Bernie Sanders spoke first. Had Sanders won, he said, the party would unite."
    assert _names(t, ("the party would unite", "said", "he")) == ["Bernie Sanders"]


def test_i_in_a_follow_on_quotation_is_the_speaker_it_continues():
    t = "“We were told to wait,” said Mohammed Ali.\n\n“I told them I would not leave my home.”"
    follow_on = Attribution((at(t, "“I told them I would not leave my home.”"),), None, None)
    inner = Attribution(
        (at(t, "I would not leave my home"),),
        at(t, "told them"),
        Span.of(t, t.index("“I") + 1, t.index("“I") + 2),
    )
    got = speakers(t, [("“We were told to wait,”", "said", "Mohammed Ali"), follow_on, inner])
    assert got == [("Mohammed Ali", 0)] * 3


def test_i_in_a_quotation_is_its_speaker_and_i_in_a_letter_its_signer():
    t = "“When I called, I said we would wait a week,” Jo Smith said on Monday."
    got = speakers(t, [("“When I called, I said we would wait a week,”", "said", "Jo Smith"),
                       ("we would wait", "called", "I")])  # fmt: skip
    assert got == [("Jo Smith", 0), ("Jo Smith", 0)]
    t = "The emails do not matter. I hope the voters move on.\n\nChris Smith.\n\nBoston, Mass."
    assert _names(t, ("the voters move on", "hope", "I")) == ["Chris Smith"]
    t = "The emails do not matter. I hope the voters move on.\n\nMore letters follow."
    assert _names(t, ("the voters move on", "hope", "I")) == [None]


@needs_gender
def test_department_and_title_words_do_not_glue_onto_a_name():
    t = "Homeland Security Jeh Johnson spoke on Monday. “We are ready,” Johnson said."
    assert _names(t, ("“We are ready,”", "said", "Johnson")) == ["Jeh Johnson"]
    t = "Rival Donald Trump spoke on Monday. “We are ready,” Trump said."
    assert _names(t, ("“We are ready,”", "said", "Trump")) == ["Donald Trump"]
    t = "Author Esi Edugyan says her novel took six years. “I wanted freedom,” she said."
    assert _names(t, ("her novel took six years", "says", "Author Esi Edugyan"),
                  ("“I wanted freedom,”", "said", "she")) == ["Esi Edugyan"] * 2  # fmt: skip


@needs_gender
def test_the_company_is_the_one_organisation_the_words_around_it_show():
    t = (
        "Users were angry on Monday. A spokeswoman for Google declined to comment. "
        "The company said the tool was safe. “We test everything,” it said."
    )
    got = kinds(t, ("the tool was safe", "said", "The company"),
                ("“We test everything,”", "said", "it"))  # fmt: skip
    assert got == [("Google", "organisation")] * 2
    t = "These employees were angry. A Google spokesperson wrote back. The company said more."
    assert kinds(t, ("more", "said", "The company")) == [("Google", "organisation")]
    # two shown: no guess; a person's spokeswoman shows no organisation
    t = "Shares of Google fell and Apple’s chief executive flew in. The company said more."
    assert kinds(t, ("more", "said", "The company")) == [UNNAMED_BODY]
    t = "A spokeswoman for Jo Brant declined to comment. The company said more."
    assert kinds(t, ("more", "said", "The company")) == [UNNAMED_BODY]
    t = "A spokesperson for the ministry said the plan would go ahead. “We are ready,” it said."
    assert kinds(t, ("the plan would go ahead", "said", "A spokesperson for the ministry")) == [
        UNNAMED_BODY
    ]
    # ... but the words around a speaker's own name still show it, whatever else is shown
    t = "A Vexcor spokesman said no. A spokeswoman for Zantix said that it had rules."
    got = kinds(t, ("no", "said", "A Vexcor spokesman"),
                ("that it had rules", "said", "A spokeswoman for Zantix"))  # fmt: skip
    assert got == [("Vexcor", "organisation"), ("Zantix", "organisation")]
    t = "Veterans Affairs Canada said in a statement that it would pay. The department said more."
    assert kinds(t, ("more", "said", "The department")) == [
        ("Veterans Affairs Canada", "organisation")
    ]


def test_people_of_a_place_or_against_a_cause_are_a_body_named_so():
    t = (
        "Dairy Farmers of Canada said the deal would hurt producers. Mothers Against Drunk "
        "Driving Canada said the law was overdue. Ann Banks of Halifax said it was late."
    )
    got = kinds(t, ("the deal would hurt producers", "said", "Dairy Farmers of Canada"),
                ("the law was overdue", "said", "Mothers Against Drunk Driving Canada"),
                ("it was late", "said", "Ann Banks of Halifax"))  # fmt: skip
    assert got == [
        ("Dairy Farmers of Canada", "organisation"),
        ("Mothers Against Drunk Driving Canada", "organisation"),
        ("Ann Banks", "person"),
    ]


def test_the_company_a_newsroom_asked_for_comment_is_the_one_that_answers():
    t = (
        "Global News reached out to Loblaw for comment. The company said it was reviewing "
        "the matter. “We take this seriously,” it said."
    )
    got = kinds(t, ("it was reviewing the matter", "said", "The company"),
                ("“We take this seriously,”", "said", "it"))  # fmt: skip
    assert got == [("Loblaw", "organisation")] * 2
    # a person asked, or a newsroom asking no one for comment: the newsroom as before
    t = "Global News reached out to Jo Brant for comment. The company said it was late."
    assert kinds(t, ("it was late", "said", "The company")) == [("Global News", "organisation")]
    t = "Global News reached out to Loblaw last year. The company said it was late."
    assert kinds(t, ("it was late", "said", "The company")) == [("Global News", "organisation")]


def test_the_company_is_the_employer_its_last_speaker_was_named_with():
    t = (
        "The Online News Act passed in June. Kent Walker, Google’s president of global "
        "affairs, said the law was unworkable. The company said it had tried."
    )
    walker = "Kent Walker, Google’s president of global affairs,"
    got = kinds(
        t, ("the law was unworkable", "said", walker), ("it had tried", "said", "The company")
    )
    assert got == [("Kent Walker", "person"), ("Google", "organisation")]
    t = "“We regret it,” said Guy Cormier, the head of Desjardins. The company said more."
    assert kinds(t, ("more", "said", "The company")) == [("Desjardins", "organisation")]
    t = "Loblaw’s chief executive Galen Weston said prices would fall. The company said more."
    assert kinds(t, ("more", "said", "The company")) == [("Loblaw", "organisation")]
    t = "The CBC’s ombudsman, Jack Nagler, said it was fair. The broadcaster said more."
    assert kinds(t, ("more", "said", "The broadcaster")) == [("CBC", "organisation")]
    # a place or a law is no company
    t = "“We regret it,” said Jo Smith, Canada’s chief executive officer. The company said more."
    assert kinds(t, ("more", "said", "The company")) == [UNNAMED_BODY]
    t = "The Online News Act passed in June. The company said more."
    assert kinds(t, ("more", "said", "The company")) == [UNNAMED_BODY]


def test_a_body_named_after_its_kind_in_lower_case_is_the_company():
    t = (
        "Mr Foley said staff would be paid. More than 400 staff are to lose their jobs at "
        "the largest pay television operator, Austar. The company announced a review."
    )
    got = kinds(t, ("staff would be paid", "said", "Mr Foley"),
                ("a review", "announced", "The company"))  # fmt: skip
    assert got == [("Foley", "person"), ("Austar", "organisation")]
    t = "A royal commission is looking into insurance giant HIH. The commission said more."
    assert kinds(t, ("more", "said", "The commission")) == [UNNAMED_BODY]


def test_the_department_is_the_organisation_named_last_unless_its_name_says_otherwise():
    t = "Health Canada issued a recall on Friday. The department said consumers should stop."
    assert kinds(t, ("consumers should stop", "said", "The department")) == [
        ("Health Canada", "organisation")
    ]
    t = "Loblaw Companies Ltd. said its profit fell. The grocer said sales were hurt."
    assert kinds(t, ("sales were hurt", "said", "The grocer"))[0][1] == "organisation"
    assert kinds(t, ("sales were hurt", "said", "The grocer"))[0][0].startswith("Loblaw")
    t = "The Toronto Star reported that the deal was off."
    assert kinds(t, ("that the deal was off", "reported", "The Toronto Star")) == [
        ("Toronto Star", "organisation")
    ]
    t = "Toronto Police Service said on Friday the road was shut. The company said more."
    assert kinds(t, ("more", "said", "The company")) == [UNNAMED_BODY]
    t = "Health Canada issued a recall on Friday. " + "Nothing else happened. " * 80
    assert kinds(t + "The department said more.", ("more", "said", "The department")) == [
        UNNAMED_BODY  # named too long before
    ]
    t = "Health Canada issued a recall. The weather bureau said more."  # another body
    assert kinds(t, ("more", "said", "The weather bureau")) == [UNNAMED_BODY]
    t = "Voters rallied for Jo Lane. The group said the race was close."  # voters, often
    assert kinds(t, ("the race was close", "said", "The group")) == [(None, "organisation")]


def test_a_surname_after_a_title_and_its_portfolio_is_a_person():
    t = (
        "Catherine McKenna spoke on Monday. Environment Minister McKenna said the tax works. "
        "Prime Minister Trudeau said it was fair."
    )
    got = kinds(t, ("the tax works", "said", "Environment Minister McKenna"),
                ("it was fair", "said", "Prime Minister Trudeau"))  # fmt: skip
    assert got == [("Catherine McKenna", "person"), ("Trudeau", "person")]
    t = "Another RT America host, Abby Martin, said the war was wrong."  # RT is no "Rt."
    got = kinds(t, ("the war was wrong", "said", "Another RT America host, Abby Martin,"))
    assert got == [("Abby Martin", "person")]


@needs_gender
def test_names_with_particles_and_departments_named_alone():
    t = (
        "Dr. Eileen de Villa, the medical officer of health, urged residents to get "
        "vaccinated. “This is the best way,” de Villa said. Ursula von der Leyen said it "
        "was right. Veterans Affairs denied the claim."
    )
    got = kinds(t, ("residents to get vaccinated", "urged", "Dr. Eileen de Villa,"),
                ("“This is the best way,”", "said", "de Villa"),
                ("it was right", "said", "Ursula von der Leyen"),
                ("the claim", "denied", "Veterans Affairs"))  # fmt: skip
    assert got == [("Eileen de Villa", "person")] * 2 + [
        ("Ursula von der Leyen", "person"),
        ("Veterans Affairs", "organisation"),
    ]


@needs_gender
def test_a_role_opening_its_sentence_is_the_person_the_sentence_before_starts_with():
    t = "Rachel Notley toured the site with Tom Reid. The NDP leader said she backed it."
    assert _names(t, ("she backed it", "said", "The NDP leader")) == ["Rachel Notley"]
    t = "Jo Smith waved at Ann Lee. The premier said more."
    assert _names(t, ("more", "said", "The premier")) == ["Jo Smith"]
    # a full name whose first name the statistics do not know
    t = "Chrystia Freeland met reporters. The deputy prime minister said the deal was good."
    assert _names(t, ("the deal was good", "said", "The deputy prime minister")) == [
        "Chrystia Freeland"
    ]
    # "the governor" named later in its own sentence is not the one before's subject
    t = "Jo Smith spoke first. The governor, Ann Lee, said more."
    assert _names(t, ("more", "said", "The governor, Ann Lee,")) == ["Ann Lee"]
    t = "“We will win,” Tom Reid said. The senator said more."  # a quotation: not here
    assert _names(t, ("“We will win,”", "said", "Tom Reid"), ("more", "said", "The senator")) == [
        "Tom Reid",
        "Tom Reid",
    ]


@needs_gender
@pytest.mark.parametrize(
    ("text", "speaker", "want"),
    [
        ("The talks went on. China said the tariffs were unfair.", "China",
         ("China", "place")),  # a country speaks for its government
        ("Eyewitnesses said the car was red.", "Eyewitnesses", (None, "group")),
        ("Monday's test result said the car was red.", "Monday's test result", (None, None)),
        ("United States President George W Bush said the war was over.",
         "United States President George W Bush", ("George W Bush", "person")),
        ("Head of the Australian Food and Grocery Council, Mitch Hooke, said prices rose.",
         "Head of the Australian Food and Grocery Council, Mitch Hooke,",
         ("Mitch Hooke", "person")),
        ("Local Afghan commanders said the town fell.", "Local Afghan commanders",
         (None, "group")),
        ("Six Swiss tour company staff said the town fell.", "Six Swiss tour company staff",
         (None, "group")),
        ("In a release, the RCMP said the man was held.", "the RCMP", ("RCMP", "organisation")),
        ("Halifax regional council said it would go.", "Halifax regional council",
         ("Halifax regional council", "organisation")),
        ("The Nova Scotia government said it agreed.", "The Nova Scotia government",
         ("Nova Scotia government", "organisation")),
        ("Mackenzie County Reeve Josh Knelsen said the town was safe.",
         "Mackenzie County Reeve Josh Knelsen", ("Josh Knelsen", "person")),
        ("Hamas said the truce would hold.", "Hamas", ("Hamas", "organisation")),
        ("The head of the US Central Command, General Tommy Franks, said the war went well.",
         "The head of the US Central Command, General Tommy Franks,",
         ("Tommy Franks", "person")),
        ("The new Solomon Islands Prime Minister said the vote was fair.",
         "The new Solomon Islands Prime Minister", (None, "person")),

        ("The Pentagon said the strike worked.", "The Pentagon", ("Pentagon", "organisation")),
        ("Manitoba RCMP said the road was shut.", "Manitoba RCMP",
         ("Manitoba RCMP", "organisation")),  # a place and an acronym: that body
        ("RCMP officers said the road was shut.", "RCMP officers",
         ("RCMP", "organisation")),  # the people who speak for a body: that body
        ("GOP primary voters said the road was shut.", "GOP primary voters", (None, "group")),
        ("US officials said the road was shut.", "US officials", (None, "group")),
        ("The union representing the workers, Unifor, said the road was shut.",
         "The union representing the workers, Unifor,", ("Unifor", "organisation")),
        ("Unions said the deal was poor.", "Unions", (None, "group")),
        ("The Red Cross said it would help.", "The Red Cross", ("Red Cross", "organisation")),
        ("The Globe and Mail said the minister would resign.", "The Globe and Mail",
         ("Globe and Mail", "organisation")),
        ("Federal court said the law was void. The federal court sat late.", "Federal court",
         (None, "organisation")),
        ("Chief Terrance Paul of Membertou First Nation said the vote was good.",
         "Chief Terrance Paul of Membertou First Nation", ("Terrance Paul", "person")),
        ("China's foreign ministry said Canada should stop.", "China's foreign ministry",
         (None, "organisation")),
    ],
)  # fmt: skip
def test_what_is_not_a_person_in_real_news(text, speaker, want):
    quote = re.search(r"said (.*)\.", text).group(1)
    assert kinds(text, (quote, "said", speaker)) == [want]


@needs_gender
def test_he_is_not_a_team_or_a_film_named_after_the_or_its_kind():
    t = "Kawhi Leonard led the Toronto Raptors to the title. He said the city embraced him."
    assert _names(t, ("the city embraced him", "said", "He")) == ["Kawhi Leonard"]
    t = "Sarah Polley's film Women Talking opened on Saturday. She said it was about choices."
    assert _names(t, ("it was about choices", "said", "She")) == ["Sarah Polley"]
    # a person's name as a modifier after "the" is still theirs
    t = "Ann Lee works for the Hillary Clinton campaign. She said it was close."
    assert _names(t, ("it was close", "said", "She")) == ["Ann Lee"]
    t = "The Hillary Clinton campaign opened an office. She said it was close."
    assert _names(t, ("it was close", "said", "She")) == ["Hillary Clinton"]


def test_a_work_set_off_by_commas_is_no_one_a_description_stands_beside():
    t = "In her memoir, Finding Grace, the former nurse recalls the North."
    assert _names(t, ("the North", "recalls", "the former nurse")) == [None]
    t = "Joan Grace, the former nurse recalls the North."  # a person's name is still theirs
    assert _names(t, ("the North", "recalls", "the former nurse")) == ["Joan Grace"]


def test_a_word_that_starts_a_clause_is_not_a_first_name():
    t = "Donald Trump spoke. Although Trump said the wall would be paid for, no one agreed."
    assert _names(t, ("the wall would be paid for", "said", "Trump")) == ["Donald Trump"]
    t = "Patriot Coal said it would close the mine."
    assert kinds(t, ("it would close the mine", "said", "Patriot Coal")) == [
        ("Patriot Coal", "organisation")
    ]


def test_a_thing_someone_made_speaks_for_them_but_their_people_do_not():
    t = "Cara Foster wrote about the war. Foster’s new book says the army was ready."
    assert _names(t, ("the army was ready", "says", "Foster’s new book")) == ["Cara Foster"]
    t = "Foster’s new book says the army was ready. Cara Foster is a former officer."
    assert _names(t, ("the army was ready", "says", "Foster’s new book")) == ["Cara Foster"]
    t = "Jo Smith spoke first. Smith’s aides said she was tired."
    assert _names(t, ("she was tired", "said", "Smith’s aides")) == [None]
    # ... also with the work's title after it, but not someone with a name after
    t = "Cara Foster wrote about the war. {} says the army was ready."
    for work in ("Foster’s book, The Long Road,", "Foster’s memoir, titled Duty Bound,"):
        assert _names(t.format(work), ("the army was ready", "says", work)) == ["Cara Foster"]
    son = "Foster’s son, Grant,"
    assert _names(t.format(son), ("the army was ready", "says", son)) == ["Grant"]
    # ... and what "his" or "her" made is theirs, not what was written about them
    t = "Don Cherry was fired in 2019. {} says the network treated him unfairly."
    for work in ("His memoir", "His latest book", "His letter"):
        assert _names(t.format(work), ("the network treated", "says", work)) == ["Don Cherry"]
    t = "Jo Smith was a judge. According to her biography, she loved sailing."
    assert _names(t, ("she loved sailing", "According to", "her biography")) == [None]


@needs_gender
def test_the_newspaper_is_a_paper_never_the_person_it_endorsed_nor_many_papers():
    t = "The Dallas Morning News endorsed Jo Smith. “She is ready,” the newspaper wrote."
    assert kinds(t, ("“She is ready,”", "wrote", "the newspaper")) == [
        ("Dallas Morning News", "organisation")
    ]
    t = "The Arizona Republic endorsed Jo Smith, the newspaper said on Monday."
    assert kinds(t, ("endorsed Jo Smith", "said", "the newspaper")) == [
        ("Arizona Republic", "organisation")
    ]
    t = "Jo Smith spoke to Beacon Hill Weekly. “She is ready,” the newspaper wrote."
    assert kinds(t, ("“She is ready,”", "wrote", "the newspaper"))[0][0] is None
    t = "Jo Smith told Beacon Hill Weekly. “She is ready,” the newspaper wrote."
    assert kinds(t, ("“She is ready,”", "wrote", "the newspaper")) == [
        ("Beacon Hill Weekly", "organisation")
    ]
    t = "The Boston Globe backed Jo Smith. Far fewer publications said she was ready."
    assert kinds(t, ("she was ready", "said", "Far fewer publications")) == [(None, "group")]


def test_the_paper_is_the_newspaper_named_unless_a_paper_was_quoted_before():
    t = "The Arizona Republic endorsed Jo Smith. The paper said she was ready."
    assert kinds(t, ("she was ready", "said", "The paper")) == [
        ("Arizona Republic", "organisation")
    ]
    t = "A Brookings paper found jobs grew. The Arizona Republic agreed. The paper said more."
    got = kinds(t, ("jobs grew", "found", "A Brookings paper"), ("more", "said", "The paper"))
    assert got[1][0] == got[0][0] == "Brookings paper"


def test_a_surname_named_before_its_full_name_is_the_one_full_name_after():
    t = "Trump and Clinton spar over vets.\n\nDonald Trump and Hillary Clinton met vets."
    assert _names(t, ("spar over vets", None, "Trump and Clinton")) == [
        "Donald Trump and Hillary Clinton"
    ]
    t = "Smith says no.\n\nAnn Smith and Bo Smith met. “No,” Smith said."
    assert _names(t, ("no", "says", "Smith")) == ["Smith"]  # two Smiths after: no guess


def test_a_headline_in_capitals_names_no_one_without_a_first_name():
    t = "Derelict Obama and Clinton Fail Vets.\n\nPresident Obama spoke. “No,” Obama said."
    assert _names(t, ("“No,”", "said", "Obama")) == ["Obama"]


def test_his_means_a_man_named_by_surname_earlier_in_its_sentence():
    t = (
        "Mitt Romney lost in 2012. “It was close,” said Ben Lowe, his aide. "
        "Romney never shook the image set by his remark: “Forty-seven percent.”"
    )
    got = _names(t, ("“It was close,”", "said", "Ben Lowe"),
                 ("“Forty-seven percent.”", "remark", "his"))  # fmt: skip
    assert got == ["Ben Lowe", "Mitt Romney"]


def test_a_sentence_reaches_back_a_bounded_way_in_text_without_breaks():
    from quoteattr.speakers.pronouns import LOOK_BACK_CHARS, sentence_start

    text = "and so on " * 1000  # a transcript without full stops
    assert sentence_start(text, 9000) == 9000 - LOOK_BACK_CHARS
    assert sentence_start("Jo spoke. He said more.", 15) == 10
    # every pronoun still finds its man, however long the text runs without a break
    unit = "Jo Smith met Tom Brown and he said yes while Ann Lee waited "
    t = unit * 200
    at = len(unit) * 150

    def span(word: str) -> Span:
        start = at + unit.index(word)
        return Span.of(t, start, start + len(word))

    found = [said(t, "yes", "said", "he"), Attribution((span("yes"),), span("said"), span("he"))]
    assert [a.speaker.resolved for a in resolve_speakers(t, found)] == ["Tom Brown"] * 2


def test_he_looks_back_a_bounded_way_and_a_headline_is_a_short_line():
    from quoteattr.speakers.pronouns import PRONOUN_REACH
    from quoteattr.speakers.runs import HEADLINE_CHARS, title_case

    filler = "Nothing else was said about the weather that day. "
    t = "Tom Brown arrived. " + filler * (PRONOUN_REACH // len(filler) + 1) + "He said yes."
    assert _names(t, ("yes", "said", "He")) == [None]  # named too far back
    t = "Tom Brown arrived. " + filler * 10 + "He said yes."
    assert _names(t, ("yes", "said", "He")) == ["Tom Brown"]
    assert title_case("Trump Says Clinton Lied\nThe story.", 3)
    long_line = "Trump Says Clinton Lied " * (HEADLINE_CHARS // 24 + 1)
    assert not title_case(long_line, 3) and not title_case(long_line, len(long_line) - 2)


def test_an_owner_before_a_body_is_the_person_in_the_run():
    from quoteattr.speakers.runs import name_in_run

    assert name_in_run("Osama bin Laden's Al Qaeda") == (0, "Osama bin Laden", "person")
    assert name_in_run("Labour's Keir Starmer") == (9, "Keir Starmer", "person")
    assert name_in_run("Saudi-born Al Qaeda")[2] == "org"  # no man called Al Qaeda
    assert name_in_run("Adventure World")[1:] == ("Adventure World", "org")


def test_an_organisation_s_short_name_is_its_one_fuller_name_in_the_article():
    t = (
        "Leonard Burman directs the Urban-Brookings Tax Policy Center. The Tax Policy "
        "Center says the plan would raise revenue."
    )
    got = kinds(t, ("the plan would raise revenue", "says", "The Tax Policy Center"))
    assert got == [("Urban-Brookings Tax Policy Center", "organisation")]
    # a place's possessive is not part of the name
    t = "Sydney's St George Hospital took her in. A statement from the St George Hospital said"
    t += " she was well."
    speaker = "A statement from the St George Hospital"
    assert _names(t, ("she was well", "said", speaker)) == ["St George Hospital"]
    # two fuller names (or none): the name as written
    t = (
        "The New York Fire Service and the Ohio Fire Service met. The Fire Service said "
        "the plan was fair."
    )
    assert _names(t, ("the plan was fair", "said", "The Fire Service")) == ["Fire Service"]


@needs_gender
def test_he_or_his_in_the_sentence_a_name_opens_outweighs_unsure_first_name_statistics():
    # "Bernie" is mostly a woman's name; the article says "he" of him in his own sentence
    t = (
        "Sen. Bernie Sanders says he will fight on. Hillary Clinton spoke in Ohio. "
        "“We will win,” he said."
    )
    out = resolve_speakers(t, [said(t, "he will fight on", "says", "Sen. Bernie Sanders"),
                               said(t, "“We will win,”", "said", "he")])  # fmt: skip
    got = [(a.speaker.resolved, a.speaker.gender, a.speaker.gender_from) for a in out]
    assert got == [("Bernie Sanders", "male", "pronoun")] * 2
    # not when the name is not the sentence's subject, nor when someone else comes between
    for t in (
        "Hillary Clinton told Bernie Sanders he was wrong. “We will win,” she said.",
        "Bernie Sanders and Tom Reid said he was wrong. “We will win,” she said.",
    ):
        out = resolve_speakers(t, [said(t, "“We will win,”", "said", "she")])
        assert out[0].speaker.gender == "female"
        names = Mentions(t, None)
        assert (names.genders["Bernie Sanders"], names.gender_from["Bernie Sanders"]) == (
            "female",
            "first name",
        )


@pytest.mark.parametrize(
    ("text", "quote", "cue", "want"),
    [
        # "It" opening its sentence: the body the sentence before starts with
        ("Brookings Institution experts spoke. In a blog post on Friday, Twitter said threats "
         "broke its terms. It added that it has worked with groups.",
         "that it has worked with groups", "added", ("Twitter", "organisation")),
        ("The Fed does not want to stall growth. It plans to raise rates.", "to raise rates",
         "plans", ("Fed", "organisation")),
        # ... a description: no one named, not the organisation named last
        ("The Brookings Institution studied it. The report also gave details. It said staff "
         "left.", "staff left", "said", (None, None)),
        # ... but something new that cannot speak leaves it to the organisation named
        ("Adventure World ran the trip. A wall of water hit the group. It said the guides "
         "were trained.", "the guides were trained", "said", ("Adventure World", "organisation")),
        # "it" further into a sentence: that sentence's subject, when no other clause comes
        ("The Congressional Budget Office met. Twitter said on Friday that it suspended "
         "accounts.", "accounts", "suspended", ("Twitter", "organisation")),
        ("The Congressional Budget Office met. Cuba freed him, but the administration "
         "insisted that it wanted no deal.", "no deal", "wanted",
         ("Congressional Budget Office", "organisation")),
        # a capitalised word that is no body's name
        ("The Congressional Budget Office met. The Arizona case faces a deadline. It states "
         "the rule.", "the rule", "states", ("Congressional Budget Office", "organisation")),
        ("The Congressional Budget Office met. Twenty-two buildings have burnt. It said "
         "more.", "more", "said", ("Congressional Budget Office", "organisation")),
    ],
)  # fmt: skip
def test_it_is_the_body_its_sentence_or_the_one_before_starts_with(text, quote, cue, want):
    speaker = re.findall(rf"\b([Ii]t) {cue}", text)[-1]
    assert kinds(text, (quote, cue, speaker)) == [want]


def test_it_is_an_organisation_that_spoke_in_the_sentence_before_over_its_subject():
    t = (
        "The Islamic State called for attacks, according to the SITE Intelligence Group. "
        "It said supporters should act."
    )
    got = kinds(t, ("The Islamic State called for attacks", "according to",
                    "the SITE Intelligence Group"),
                ("supporters should act", "said", "It"))  # fmt: skip
    assert got == [("SITE Intelligence Group", "organisation")] * 2


@needs_gender
def test_he_may_mean_a_person_named_by_surname_alone_sentences_before():
    t = (
        "Donald Trump spoke in Iowa. Stuart Stevens, a strategist, said the race was close. "
        + "The rain fell on the fields all day. " * 15
        + "Trump's aides were quiet. Again, voters said Trump was best on the issue. "
        "The polls moved little. “We will win,” he said."
    )
    got = _names(t, ("the race was close", "said", "Stuart Stevens, a strategist,"),
                 ("“We will win,”", "said", "he"))  # fmt: skip
    assert got == ["Stuart Stevens", "Donald Trump"]
    # but not a capitalised phrase that starts with no known first name
    t = (
        "Jo Smith spoke first. Stuart Stevens, a strategist, said the race was close. "
        + "The rain fell on the fields all day. " * 15
        + "Super Tuesday came. Again, voters said Tuesday was key. “We will win,” he said."
    )
    got = _names(t, ("the race was close", "said", "Stuart Stevens, a strategist,"),
                 ("“We will win,”", "said", "he"))  # fmt: skip
    assert got == ["Stuart Stevens", "Stuart Stevens"]


@needs_gender
def test_a_surname_opening_its_sentence_with_his_pronoun_gives_the_full_name_its_gender():
    t = (
        "Bernie Sanders spoke in Ohio, with Hillary Clinton beside him. Sanders said he "
        "would stay in the race. “We will go on,” she said."
    )
    out = resolve_speakers(t, [said(t, "“We will go on,”", "said", "she")])
    assert out[0].speaker.resolved == "Hillary Clinton"
    assert Mentions(t, None).gender_from["Bernie Sanders"] == "pronoun"


@needs_gender
@pytest.mark.parametrize(
    ("text", "quote", "cue", "speaker", "want"),
    [
        # a quotation opening the pronoun's sentence: the subject of the sentence before,
        # past a blank line, and over first-name statistics that only say "mostly"
        ("Bernie Sanders spoke in Ohio. Barack Obama signed the bill, and he was proud.\n\n"
         "Sanders wasn’t impressed.\n\n“No one was charged,” he noted.",
         "“No one was charged,”", "noted", "he", "Bernie Sanders"),
        # a role and a place before the name are not the subject
        ("Sander Levin backed Clinton.\n\nFormer Pennsylvania governor Ed Rendell, unlike "
         "Sander Levin, was resolute.\n\n\"Absolutely not,\" he said.",
         "\"Absolutely not,\"", "said", "he", "Ed Rendell"),
        # a sentence opening with "He": its later "he" is the same man
        ("John Hammond spoke first. He agreed that Donald Trump may struggle, but he said "
         "that would change.", "that would change", "said", "he", "John Hammond"),
        # "whom he": the sentence's subject, not the one "whom" follows
        ("Thomas Perez hammered Donald Trump, whom he described as volatile.",
         "as volatile", "described", "he", "Thomas Perez"),
        # a name named alone, titled elsewhere in the text ("President Obama")
        ("President Obama spoke. David Axelrod said it was hard.\n\nDomestically, Obama has "
         "acted alone. He used the bailout. Later, he attacked coal plants.",
         "coal plants", "attacked", "he", "Obama"),
    ],
)  # fmt: skip
def test_he_follows_the_subject_of_its_sentence_or_the_one_before(text, quote, cue, speaker, want):
    assert _names(text, (quote, cue, speaker)) == [want]


def test_a_plural_possessive_or_a_word_before_a_name_is_not_part_of_it():
    assert person_name("Francis'") == "Francis"
    assert kind_of_name("Democrats'") == "group"
    assert person_name("Republicans Jolly") == "Jolly"


@needs_gender
@pytest.mark.parametrize(
    ("text", "quote", "cue", "speaker", "want"),
    [
        # a person described opening the sentence before: the one named before that
        ("Donald Trump sued. Marvin Roffman lost his job. The securities analyst decided "
         "to fight back. He sued Trump for defamation.", "Trump for defamation", "sued",
         "He", "Marvin Roffman"),
        # a name that qualifies another is not the subject
        ("Barack Obama spoke. McConnell spokesman Don Stewart wouldn’t say when.\n\n"
         "“I don’t have any new announcements,” he said.",
         "“I don’t have any new announcements,”", "said", "he", "Don Stewart"),
        ("Mark Barden spoke. In the years since the Sandy Hook shootings, Barden says, "
         "too many lives have been lost. He said more.", "more", "said", "He",
         "Mark Barden"),
        # "Christie's been": a contraction, not a possessive
        ("Chris Christie and Marco Rubio debated. Christie's been making the case that "
         "Rubio is not ready. \"You have not been involved,\" he said.",
         "\"You have not been involved,\"", "said", "he", "Chris Christie"),
    ],
)  # fmt: skip
def test_he_follows_the_sentence_before_past_descriptions_qualifiers_and_contractions(
    text, quote, cue, speaker, want
):
    assert _names(text, (quote, cue, speaker)) == [want]


@needs_gender
def test_he_after_a_quotation_is_the_subject_before_only_if_that_subject_spoke_there():
    # the subject of the sentence before spoke there: he
    t = (
        "Tom Reid spoke. Cruz openly admitted that his pick was political. “With an eye "
        "to South Carolina,” he said."
    )
    got = _names(t, ("that his pick was political", "admitted", "Cruz"),
                 ("“With an eye to South Carolina,”", "said", "he"))  # fmt: skip
    assert got == ["Cruz", "Cruz"]
    # another spoke there about the subject: the nearest speaker, not the subject
    t = (
        "Tom Reid spoke. Ted Cruz is also the most able candidate, Richard Viguerie argues."
        "\n\n“Cruz is our best debater,” he said."
    )
    got = _names(t, ("Ted Cruz is also the most able candidate", "argues", "Richard Viguerie"),
                 ("“Cruz is our best debater,”", "said", "he"))  # fmt: skip
    assert got == ["Richard Viguerie", "Richard Viguerie"]


def test_a_person_shown_between_dashes_is_the_speaker():
    t = "Governor Chris Christie – a Dallas Cowboys fan – gave a one word answer."
    speaker = "Governor Chris Christie – a Dallas Cowboys fan –"
    assert _names(t, ("a one word answer", "gave", speaker)) == ["Chris Christie"]


def test_the_company_is_the_one_word_body_the_sentence_before_starts_with():
    t = "Google announced layoffs on Friday. The company said 12,000 jobs would go."
    assert kinds(t, ("12,000 jobs would go", "said", "The company")) == [("Google", "organisation")]
    # not people in the plural, nor for "the group"
    t = "Analysts expected layoffs on Friday. The company said 12,000 jobs would go."
    assert kinds(t, ("12,000 jobs would go", "said", "The company")) == [UNNAMED_BODY]


@needs_gender
def test_an_age_after_a_name_shows_a_person():
    t = (
        "Tom Reid said the market was busy. Taslim Ahmed, 52, runs a shop on the corner. "
        "“Business is slow,” he said."
    )
    got = _names(t, ("the market was busy", "said", "Tom Reid"),
                 ("“Business is slow,”", "said", "he"))  # fmt: skip
    assert got == ["Tom Reid", "Taslim Ahmed"]


@needs_gender
@pytest.mark.parametrize(
    ("text", "quote", "cue", "speaker", "want"),
    [
        # an opening phrase before the subject of the sentence before, with "his" in it
        ("Kenneth Cohen wrote to Steve Coll. In his response, Mr. Coll said Kenneth Cohen "
         "was wrong. He went on to rebut him.", "to rebut him", "went on", "He", "Steve Coll"),
        ("Tom Reid spoke first. Growing up in El Paso, Angel Mendoza saw families leave.\n\n"
         "“It was hard,” he said.", "“It was hard,”", "said", "he", "Angel Mendoza"),
        # "As for Trump, he said": the subject, not a name after a preposition
        ("Ted Cruz warned of disaster. As for Donald Trump, he said he was not worried. "
         "“I will have the delegates,” he said.", "“I will have the delegates,”", "said",
         "he", "Donald Trump"),
        # someone named by surname before "he" in its sentence: not the sentence before's
        ("Joe Biden took aim at Donald Trump. During an interview in April, Trump was "
         "talking when he told Chris Wallace more.", "more", "told", "he", "Donald Trump"),
        # a name inside a hyphenated word is no one named
        ("Donald Trump spoke. Mike Murphy led the effort. Because Murphy was behind an "
         "anti-Trump plane, he paid for it.", "for it", "paid", "he", "Mike Murphy"),
    ],
)  # fmt: skip
def test_he_reads_past_opening_phrases_and_sees_surnames_in_its_own_sentence(
    text, quote, cue, speaker, want
):
    assert _names(text, (quote, cue, speaker)) == [want]


def test_it_is_not_people_in_the_plural_nor_a_subject_left_before_but_it():
    t = "Hispanic Republicans met. The jobs report cheered Democrats, but it heralded doubt."
    assert kinds(t, ("doubt", "heralded", "it")) == [(None, None)]


def test_the_province_or_the_city_is_the_one_named_last():
    t = "Alberta announced new rules. The province said the rules start Monday."
    assert kinds(t, ("the rules start Monday", "said", "The province")) == [("Alberta", "place")]
    t = "The City of Calgary issued a warning. The city said roads were closed."
    assert kinds(t, ("roads were closed", "said", "The city")) == [("Calgary", "place")]
    t = "Flooding hit Calgary on Monday. The city said roads were closed."  # not named so
    assert kinds(t, ("roads were closed", "said", "The city")) == [UNNAMED_BODY]


@needs_gender
def test_he_after_a_sentence_about_someone_named_only_as_an_owner_is_that_owner():
    t = (
        "Paul Ryan spoke to Tom Reid. Even in the House, Mr. Ryan's ideas have met with "
        "resistance. He cannot get a budget passed."
    )
    assert _names(t, ("a budget passed", "cannot get", "He")) == ["Paul Ryan"]


@needs_gender
@pytest.mark.parametrize(
    ("name", "kind", "person"),
    [("Senator Hill", "person", "Hill"), ("Robert Hill", "person", "Robert Hill"),
     ("Glen Campbell", "person", "Glen Campbell"), ("Parliament Hill", "org", None),
     ("Hill Top", "place", None), ("Capitol Hill", "place", None),
     ("Bay Street", "place", None), ("Hamilton Road", "place", None)],
)  # fmt: skip
def test_a_place_word_after_a_title_or_first_name_is_a_surname(name, kind, person):
    assert (kind_of_name(name), person_name(name)) == (kind, person)


@needs_gender
def test_a_senator_named_hill_is_the_person_named_earlier():
    t = (
        "Defence Minister Robert Hill says troops will stay. Senator Hill says the "
        "deployment is open-ended. He says no date has been set."
    )
    got = kinds(
        t,
        ("the deployment is open-ended", "says", "Senator Hill"),
        ("no date has been set", "says", "He"),
    )
    assert got == [("Robert Hill", "person"), ("Robert Hill", "person")]


@needs_gender
def test_a_description_in_apposition_to_a_name_is_that_person():
    t = (
        "Defence Minister Robert Hill spoke on Monday. In Kabul, Mohammad Qasim Fahim, "
        "defence minister in the interim administration, announced the agreement."
    )
    speaker = "defence minister in the interim administration"
    assert _names(t, ("the agreement", "announced", speaker)) == ["Mohammad Qasim Fahim"]
    t = "Candidate Oli Hedge ran. At a resort, now Trump National Doral, the candidate spoke."
    assert _names(t, ("a resort", "spoke", "the candidate")) == ["Oli Hedge"]


def test_a_hyphenated_title_is_a_title_and_a_title_before_a_comma_is_a_role():
    t = (
        "The Chief of the Army, Peter Cosgrove, arrived. Lieutenant-General Cosgrove said "
        "troops were ready. Later the Prime Minister backed the Governor-General, Dr Peter "
        "Hollingworth. In a statement, the Governor-General said the claims were false."
    )
    got = _names(
        t,
        ("troops were ready", "said", "Lieutenant-General Cosgrove"),
        ("the claims were false", "said", "the Governor-General"),
    )
    assert got == ["Peter Cosgrove", "Peter Hollingworth"]


def test_a_described_minister_has_the_same_portfolio():
    t = (
        "Defence Minister Robert Hill spoke first. Foreign Minister Alexander Downer "
        "agreed. The Immigration Minister said the centre would close. The Defence "
        "Minister said troops would stay."
    )
    got = _names(
        t,
        ("the centre would close", "said", "The Immigration Minister"),
        ("troops would stay", "said", "The Defence Minister"),
    )
    assert got == [None, "Robert Hill"]


def test_a_suffix_or_an_initial_does_not_push_a_first_name_out():
    t = "Vice President Joseph R. Biden Jr. spoke in Ohio. The vice president said jobs grew."
    got = _names(
        t,
        ("spoke in Ohio", None, "Vice President Joseph R. Biden Jr."),
        ("jobs grew", "said", "The vice president"),
    )
    assert got == ["Joseph R. Biden Jr", "Joseph R. Biden Jr"]


@needs_gender
@pytest.mark.parametrize(
    ("speaker", "want"),
    [("forecasting firm BIS Shrapnel", ("BIS Shrapnel", "organisation")),
     ("The radical Palestinian group Hamas", ("Hamas", "organisation")),
     ("the largest radical group, Hamas,", ("Hamas", "organisation")),
     ("Real estate developer Carlos Beruff", ("Carlos Beruff", "person")),
     ("the district GOP Chairman Chuck Williams", ("Chuck Williams", "person"))],
)  # fmt: skip
def test_a_name_after_a_body_s_kind_is_that_body(speaker, want):
    t = f"Markets fell. Meanwhile, {speaker} says rates will stay low."
    assert kinds(t, ("rates will stay low", "says", speaker)) == [want]


@needs_gender
def test_he_after_a_sentence_ending_with_its_speaker_is_that_speaker():
    t = (
        "Nigel Hawthorne died on Wednesday. Hawthorne had been battling cancer, said Ken "
        "McReddie. He said the treatment had been going well."
    )
    got = _names(
        t,
        ("Hawthorne had been battling cancer", "said", "Ken McReddie"),
        ("the treatment had been going well", "said", "He"),
    )
    assert got == ["Ken McReddie", "Ken McReddie"]


@needs_gender
def test_but_he_after_a_named_speaker_s_cue_is_that_speaker():
    t = (
        "Alexander Downer spoke. Mr Downer says it is unclear when Mr David Hicks will be "
        "back, but he is hopeful the Americans will help."
    )
    assert _names(t, ("the Americans will help", "is hopeful", "he")) == ["Alexander Downer"]


@needs_gender
def test_he_after_sir_and_a_first_name_is_the_full_name():
    t = (
        "Sir Allan Kemakeza was elected Prime Minister. Sir Allan is putting his trust in "
        "God. He said times would be hard."
    )
    assert _names(t, ("times would be hard", "said", "He")) == ["Allan Kemakeza"]


def test_a_company_described_by_a_relative_clause_is_not_the_person_it_names():
    t = (
        "Mr Alan Strachan died in the crash. The helicopter training company which owned "
        "the aircraft Mr Strachan died in has declined to comment."
    )
    speaker = "The helicopter training company which owned the aircraft Mr Strachan died in"
    assert kinds(t, ("to comment", "declined", speaker)) == [(None, "organisation")]


def test_an_event_is_no_person_and_a_corps_is_a_body():
    t = "The coroner at the Australian Formula One Grand Prix, said the track was safe."
    speaker = "The coroner at the Australian Formula One Grand Prix,"
    assert kinds(t, ("the track was safe", "said", speaker))[0][1] != "person"
    t = "Anthony Zinni met Mr Arafat. The retired Marine Corps general said it was safe."
    speaker = "The retired Marine Corps general"
    assert _names(t, ("it was safe", "said", speaker)) == ["Anthony Zinni"]


@needs_gender
def test_a_name_beside_a_body_s_kind_is_no_person_a_pronoun_may_mean():
    t = "A former student of a Melbourne Christian school sued. He said he was expelled."
    assert _names(t, ("he was expelled", "said", "He")) == [None]
    t = "A doctor for the relief agency Muslim Hands spoke. The military chief said it was so."
    assert _names(t, ("it was so", "said", "The military chief")) == [None]


def test_an_official_is_not_named_by_the_words_before_the_next_name():
    t = "A senior Bush administration official called Mr Robert Mugabe's rule illegitimate."
    speaker = "A senior Bush administration official"
    assert _names(t, ("Mr Robert Mugabe's rule illegitimate", "called", speaker)) == [None]


@pytest.mark.parametrize(
    ("speaker", "want"),
    [("Three of the senators who ousted Natasha Stott Despoja", None),
     ("One of Jo Grayson's former supporters who still backs Randolph, former Colorado Rep. "
      "Pat Schroeder,", "Pat Schroeder")],
)  # fmt: skip
def test_people_described_are_not_whom_their_relative_clause_names(speaker, want):
    t = f"The vote was close. {speaker} said the party was split."
    assert _names(t, ("the party was split", "said", speaker)) == [want]


def test_a_portfolio_noun_is_not_part_of_the_minister_s_name():
    t = "Minister for Rehabilitation Jayalath Jayawardena says the talks went well."
    speaker = "Minister for Rehabilitation Jayalath Jayawardena"
    assert kinds(t, ("the talks went well", "says", speaker)) == [
        ("Jayalath Jayawardena", "person")
    ]


@pytest.mark.parametrize(
    ("speaker", "want"),
    [("Deborah Tamargo, the chairwoman of Florida's Hillsborough County GOP", "Deborah Tamargo"),
     ("UMWA Director of Government Affairs Phil Smith", "Phil Smith"),
     ("Only about 4 in 10 Republican voters in each state", None),
     ("Manitoba RCMP", "Manitoba RCMP")],
)  # fmt: skip
def test_a_whole_speaker_span_is_not_taken_for_a_body_s_name(speaker, want):
    t = f"The race is close. {speaker} said it was over."
    assert _names(t, ("it was over", "said", speaker)) == [want]


def test_a_headline_s_capitals_are_no_body_s_name():
    t = (
        "Why The Mainstream Media Is Silencing The Story\n\n"
        "Officials met on Tuesday. The media said little about it."
    )
    assert _names(t, ("little about it", "said", "The media")) == [None]


def test_a_pair_s_names_drop_their_places():
    t = "Maine Sen. Susan Collins and Texas Rep. Louis Gohmert said they would not vote."
    speaker = "Maine Sen. Susan Collins and Texas Rep. Louis Gohmert"
    assert _names(t, ("they would not vote", "said", speaker)) == [
        "Susan Collins and Louis Gohmert"
    ]


def test_a_body_named_as_an_owner_is_a_body_the_description_may_mean():
    t = (
        "The Minister for Foreign Affairs and Trade, Alexander Downer, backed the report. "
        "The Community and Public Sector Union's Wendy Caird says it is alarming. The union "
        "says it will not help."
    )
    assert _names(t, ("it will not help", "says", "The union")) == [
        "Community and Public Sector Union"
    ]


def test_a_capital_speaking_for_its_government_is_a_place():
    t = "Canada and Ontario disagree. Ottawa said it would review the plan."
    assert kinds(t, ("it would review the plan", "said", "Ottawa")) == [("Ottawa", "place")]


@pytest.mark.parametrize(
    ("text", "want"),
    [("Global News reported it. Google announced layoffs. The company said it would hire.",
      "Google"),
     ("Global News reported it. Cuba released a spy. The company said it would hire.",
      "Global News")],
)  # fmt: skip
def test_the_company_is_the_body_the_sentence_before_starts_with(text, want):
    assert _names(text, ("it would hire", "said", "The company")) == [want]


def test_a_doctor_is_a_dr_and_a_party_need_not_be_named_the_same_way():
    t = (
        "Chief Public Health Officer Dr. Theresa Tam urged caution on Friday. Canada's top "
        "doctor said testing would expand."
    )
    assert _names(t, ("testing would expand", "said", "Canada's top doctor")) == ["Theresa Tam"]
    t = (
        "Jagmeet Singh, the NDP leader, criticized the budget. Karen Wong, a baker, said "
        "sales were slow. The New Democrat leader said he would vote against it."
    )
    speaker = "The New Democrat leader"
    assert _names(t, ("he would vote against it", "said", speaker)) == ["Jagmeet Singh"]


@needs_gender
def test_she_after_a_long_opening_phrase_is_the_subject_named_after_it():
    t = (
        "Conservative critic Michelle Ferreri spoke first. “Parents need spaces,” Ferreri "
        "said. In Shame on Us, the documentary that premiered at TIFF, director Alanis "
        "Obomsawin follows three families. “I wanted people to see them,” she said."
    )
    got = _names(
        t,
        ("“Parents need spaces,”", "said", "Ferreri"),
        ("“I wanted people to see them,”", "said", "she"),
    )
    assert got == ["Michelle Ferreri", "Alanis Obomsawin"]


@needs_gender
def test_he_after_a_sentence_ending_with_name_said_is_that_speaker():
    t = (
        "Jon Tester spoke in Montana. Even McCain, chairman of the committee, and Chuck "
        "Grassley are in trouble, Tester said. He said Grassley could lose."
    )
    got = _names(
        t,
        ("Even McCain, chairman of the committee, and Chuck Grassley are in trouble",
         "said", "Tester"),
        ("Grassley could lose", "said", "He"),
    )  # fmt: skip
    assert got == ["Jon Tester", "Jon Tester"]


def test_a_role_written_short_before_a_name_is_that_role():
    t = (
        "Const. Rob Carver spoke to reporters. Mayor Brian Bowman spoke next. The constable "
        "said no arrests had been made."
    )
    assert _names(t, ("no arrests had been made", "said", "The constable")) == ["Rob Carver"]


def test_a_placed_role_description_means_the_person_of_that_place():
    t = (
        "Texas Sen. Ted Cruz and Florida Sen. Marco Rubio spoke at the debate. The Florida "
        "senator said the party would unite."
    )
    got = _names(t, ("the party would unite", "said", "The Florida senator"))
    assert got == ["Marco Rubio"]
    t = "Ohio Gov. John Kasich spoke first. The Ohio governor said he would stay in the race."
    got = _names(t, ("he would stay in the race", "said", "The Ohio governor"))
    assert got == ["John Kasich"]


def test_the_president_is_not_the_vice_president():
    t = (
        "Vice President Joseph R. Biden Jr. spoke first. Later Mr. Obama toured the museum. "
        "It was, the president said, a stone of sorrow."
    )
    assert _names(t, ("a stone of sorrow", "said", "the president")) == ["Obama"]


@pytest.mark.parametrize(
    ("text", "speaker", "want"),
    [("Hospitals were full. Hospitals have asked the public to help.", "Hospitals", None),
     ("The lawmakers met. Lawmakers have asked the public to help.", "Lawmakers", None),
     ("Bernie Sanders spoke. Sanders has asked the public to help.", "Sanders",
      "Bernie Sanders")],
)  # fmt: skip
def test_a_plural_noun_opening_a_sentence_is_no_name(text, speaker, want):
    assert _names(text, ("the public to help", None, speaker)) == [want]


@needs_gender
def test_a_name_inside_two_single_quotes_is_quoted():
    t = (
        "Patti LaBelle sang. Ms. LaBelle got a roar when, at the end of ''A Change Is Gonna "
        "Come,'' she added the words ''Hillary Clinton.''"
    )
    assert _names(t, ("the words", "added", "she")) == ["Patti LaBelle"]


@needs_gender
def test_a_body_named_for_women_is_no_man():
    t = (
        "Ban Ki-moon, the secretary general, spoke. It was under Mr. Ban's watch that the "
        "General Assembly established U.N. Women. He has championed gay rights."
    )
    assert kind_of_name("U.N. Women") == "group"
    assert _names(t, ("gay rights", "has championed", "He")) == ["Ban Ki-moon"]


@needs_gender
def test_she_after_an_unnamed_spokeswoman_is_that_spokeswoman():
    t = (
        "Sylvie Tremblay has waited 14 months. “It is exhausting,” Tremblay said. A "
        "spokesperson for Veterans Affairs Canada said the department was hiring. She said "
        "wait times had fallen."
    )
    got = _names(
        t,
        ("“It is exhausting,”", "said", "Tremblay"),
        ("wait times had fallen", "said", "She"),
    )
    assert got == ["Sylvie Tremblay", None]
    t = (
        "Sylvie Tremblay has waited. A reporter asked Tremblay how she felt. She replied "
        "that she was tired."
    )
    assert _names(t, ("that she was tired", "replied", "She")) == ["Sylvie Tremblay"]


@needs_gender
def test_a_spokeswoman_is_not_the_man_she_speaks_of():
    t = (
        "Pressure mounted on Dr Peter Hollingworth. A spokeswoman says Dr Hollingworth is "
        "concerned. The spokeswoman says Dr Hollingworth will issue a statement."
    )
    got = kinds(
        t,
        ("Dr Hollingworth is concerned", "says", "A spokeswoman"),
        ("Dr Hollingworth will issue a statement", "says", "The spokeswoman"),
    )
    assert got == [(None, "person"), (None, "person")]


def test_a_coroner_and_an_envoy_are_roles_and_a_day_after_is_no_apposition():
    t = (
        "In his report, the coroner, Dick Wallace, said the boy was neglected. However, the "
        "coroner said the boy could have been diverted."
    )
    assert _names(t, ("the boy could have been diverted", "said", "the coroner")) == [
        "Dick Wallace"
    ]
    t = (
        "US envoy Anthony Zinni met Mr Arafat. Talks followed with Ariel Sharon, a day after "
        "the US envoy threatened to quit. Later the US envoy said talks would go on."
    )
    assert _names(t, ("talks would go on", "said", "the US envoy")) == ["Anthony Zinni"]


@pytest.mark.parametrize(
    ("speaker", "want"),
    [("A spokesman for provincial governor Gul Agha, Akbar Jan,", "Akbar Jan"),
     ("Mr Ali's spokesman, Amin,", "Amin")],
)  # fmt: skip
def test_a_spokesman_named_in_apposition_is_that_person(speaker, want):
    t = f"The talks went on. {speaker} said the man was arrested."
    assert _names(t, ("the man was arrested", "said", speaker)) == [want]


@pytest.mark.parametrize(
    "speaker",
    ["A spokesperson for Public Safety Minister Marco Mendicino",
     "a spokesman for the Interior Minister, Yunis Kanooni,",
     "An aide to Premier Doug Ford", "A spokeswoman for Mr. Trump",
     "A representative for Mr. Trump"],
)  # fmt: skip
def test_a_spokesman_for_a_person_is_someone_unnamed(speaker):
    t = f"Donald Trump arrived. The talks went on. {speaker} said the man was arrested."
    assert kinds(t, ("the man was arrested", "said", speaker)) == [(None, "person")]
    t = "The talks went on. A spokesperson for Health Canada said the man was arrested."
    speaker = "A spokesperson for Health Canada"
    assert kinds(t, ("the man was arrested", "said", speaker)) == [
        ("Health Canada", "organisation")
    ]


def test_the_spokesperson_after_one_for_a_body_is_that_body_and_for_a_person_unnamed():
    for whom, want in (("Health Canada", ("Health Canada", "organisation")),
                       ("Minister Mark Holland", (None, "person"))):  # fmt: skip
        first = f"A spokesperson for {whom}"
        t = f"{first} said the recall was wide. The spokesperson said it was safe."
        got = kinds(t, ("the recall was wide", "said", first),
                    ("it was safe", "said", "The spokesperson"))  # fmt: skip
        assert got == [want, want]
    t = ("A spokesperson for Health Canada said it was wide. A spokesperson for Mr. Holland "
         "said it was over. The spokesperson said it was safe.")  # fmt: skip
    got = kinds(t, ("it was wide", "said", "A spokesperson for Health Canada"),
                ("it was over", "said", "A spokesperson for Mr. Holland"),
                ("it was safe", "said", "The spokesperson"))  # fmt: skip
    assert got[2] == (None, "person")  # the nearest spokesperson's


@pytest.mark.parametrize(
    "speaker",
    ["Palestinian and Israeli security officials",
     "More than nine of 10 Republicans in Tennessee and Georgia"],
)  # fmt: skip
def test_demonyms_or_places_after_a_preposition_name_no_body(speaker):
    t = f"The vote was close. {speaker} said the result was clear."
    assert _names(t, ("the result was clear", "said", speaker)) == [None]


def test_a_surname_like_park_after_a_title_and_most_nations():
    t = "South Korean President Park Geun-hye said the test was a provocation."
    speaker = "South Korean President Park Geun-hye"
    assert kinds(t, ("the test was a provocation", "said", speaker)) == [
        ("Park Geun-hye", "person")
    ]
    t = "The United Nations met. Most nations said the test was a provocation."
    assert _names(t, ("the test was a provocation", "said", "Most nations")) == [None]


def test_the_court_is_no_body_named_otherwise():
    t = "The BBC reported the verdict. The court heard that the man had fled."
    assert _names(t, ("the man had fled", "heard", "The court")) == [None]
    t = "The trial opened at Lewes Crown Court. The court heard that the man had fled."
    assert _names(t, ("the man had fled", "heard", "The court")) == ["Lewes Crown Court"]


def test_an_it_that_stands_for_no_one_is_no_one():
    t = "The Woomera Detention Centre had a quiet night. It is thought the cooler weather helped."
    assert _names(t, ("the cooler weather helped", "is thought", "It")) == [None]
    t = "Twitter changed its rules on Monday. It said abuse had risen."
    assert _names(t, ("abuse had risen", "said", "It")) == ["Twitter"]


def test_a_role_after_an_unnamed_speaker_is_not_that_speaker():
    t = (
        "Rachel Notley toured the site. A spokeswoman said the plan was late. The NDP "
        "leader said the plan was fine."
    )
    got = speakers(
        t,
        [("the plan was late", "said", "A spokeswoman"),
         ("the plan was fine", "said", "The NDP leader")],
    )  # fmt: skip
    assert got[0][1] != got[1][1]


def test_a_body_called_by_one_capitalised_word_is_that_body():
    t = "The New York Times ran a story. The rules were “clear,” the Times reported."
    assert _names(t, ("“clear,”", "reported", "the Times")) == ["New York Times"]
    t = "The rules were “clear,” the Times reported. Lawmakers met. “It fails,” Congress said."
    got = _names(t, ("“clear,”", "reported", "the Times"), ("“It fails,”", "said", "Congress"))
    assert got == ["Times", "Congress"]
    t = "The Federal Government acted. The Government said the plan was sound."
    assert _names(t, ("the plan was sound", "said", "The Government")) == ["Federal Government"]
    t = "The police came. Police said the man was armed."
    assert _names(t, ("the man was armed", "said", "Police")) == [None]


def test_a_body_s_dotted_initials_are_that_body():
    t = "The rules were “clear,” the S.E.C. said. “Fine,” the U.S. said."
    got = speakers(t, [("“clear,”", "said", "the S.E.C."), ("“Fine,”", "said", "the U.S.")])
    assert [g[0] for g in got] == ["S.E.C.", "U.S."]
    assert kinds(t, ("“clear,”", "said", "the S.E.C.")) == [("S.E.C.", "organisation")]


def test_the_mp_is_the_member_named_not_a_body():
    t = "NDP MP Charlie Angus spoke on Monday. “We act,” the MP said."
    assert kinds(t, ("“We act,”", "said", "the MP")) == [("Charlie Angus", "person")]


def test_he_is_the_owner_the_sentence_before_opens_with_by_surname_alone():
    t = (
        "President Obama spoke in May. “It will be first-order business,” Mr. Podesta "
        "said. Mr. Obama's bet is that his rules will last. He says that his successor "
        "should promote them."
    )
    got = _names(
        t,
        ("“It will be first-order business,”", "said", "Mr. Podesta"),
        ("that his successor should promote them", "says", "He"),
    )
    assert got == ["Podesta", "Obama"]


def test_a_role_before_a_preposition_is_not_the_next_person_s():
    t = (
        "Last week, President Barack Obama flew to Hawaii. In 2008, Mr. Obama ran for "
        "president against Senator John McCain. “We won,” said Benjamin Rhodes. The "
        "president's roots came into play. In Honolulu, he told leaders that few "
        "understood the stakes."
    )
    got = _names(
        t,
        ("“We won,”", "said", "Benjamin Rhodes"),
        ("that few understood the stakes", "told", "he"),
    )
    assert got == ["Benjamin Rhodes", "Barack Obama"]


def test_he_is_the_one_man_the_sentence_before_names_when_its_subject_is_a_woman():
    t = (
        "“It will be first-order business,” said John Podesta. But Hillary Clinton will "
        "face the same fire Barack Obama has. He noted that coal would decline."
    )
    got = _names(
        t,
        ("“It will be first-order business,”", "said", "John Podesta"),
        ("that coal would decline", "noted", "He"),
    )
    assert got == ["John Podesta", "Barack Obama"]


def test_he_is_the_owner_a_preposition_and_a_title_come_before():
    t = (
        "Senator Bernie Sanders ran in 2016. “He fights for working people,” said Warren "
        "Gunnels. But when it comes to Mr. Sanders's proudest moments, it is the losses "
        "that stand out. He said no to the Iraq war."
    )
    got = _names(
        t,
        ("“He fights for working people,”", "said", "Warren Gunnels"),
        ("no to the Iraq war", "said", "He"),
    )
    assert got == ["Warren Gunnels", "Bernie Sanders"]


@pytest.mark.parametrize("named_as", ["Trump", "Donald Trump"])
def test_he_after_as_for_a_name_is_that_person(named_as):
    t = (
        "Donald Trump won in Florida. “It would be a disaster,” the Texas senator Ted Cruz "
        f"said. As for {named_as}, he said he was not worried."
    )
    got = _names(
        t,
        ("“It would be a disaster,”", "said", "the Texas senator Ted Cruz"),
        ("he was not worried", "said", "he"),
    )
    assert got == ["Ted Cruz", "Donald Trump"]


def test_a_sentence_may_end_in_two_single_quotes():
    t = (
        "Kenneth P. Cohen wrote to Columbia. In his response, Steve Coll said that Mr. Cohen "
        "had ''made serious allegations.'' He went on to rebut the points."
    )
    got = _names(
        t,
        ("that Mr. Cohen had ''made serious allegations.''", "said", "Steve Coll"),
        ("to rebut the points", "went on", "He"),
    )
    assert got == ["Steve Coll", "Steve Coll"]


def test_he_after_a_quotation_of_several_sentences_reads_the_sentence_before_it():
    t = (
        "“The marches matter,” David Seacord said. Growing up in El Paso, Angel Mendoza "
        "saw families arrive. “The centers are a disgrace. They keep children,” he said."
    )
    got = _names(
        t,
        ("“The marches matter,”", "said", "David Seacord"),
        ("“The centers are a disgrace. They keep children,”", "said", "he"),
    )
    assert got == ["David Seacord", "Angel Mendoza"]


def test_he_reads_the_subject_of_a_sentence_that_quotes_a_phrase_inside_it():
    t = (
        "Pastor Kevin Swanson spoke on Monday. Swanson slammed the Girl Scouts for "
        "promoting “lesbianism” on his radio show, Right Wing Watch first reported. He then "
        "implied that leaders should be punished."
    )
    assert _names(t, ("that leaders should be punished", "implied", "He")) == ["Kevin Swanson"]


def test_he_reads_the_main_clause_past_a_when_clause():
    t = (
        "Donald Trump and Marco Rubio debated in Miami. When Trump suggested that Cuba "
        "would sue the U.S. for reneging on the deal, Rubio fired back forcefully. And he "
        "said the suit would fail."
    )
    assert _names(t, ("the suit would fail", "said", "he")) == ["Marco Rubio"]


def test_it_after_an_unnamed_document_spoke_is_that_document():
    t = (
        "Acme Corp holds billions offshore. “Companies hide subsidiaries,” the report says. "
        "It also points out that penalties are low."
    )
    got = speakers(
        t,
        [("“Companies hide subsidiaries,”", "says", "the report"),
         ("that penalties are low", "points out", "It")],
    )  # fmt: skip
    assert got[0] == got[1] and got[0][0] is None


@pytest.mark.parametrize(
    ("written", "meant"),
    [("Wines", "Leslie Wimes"), ("McLenney", "Tyresha McClenney"), ("Bryne", "Leslie Byrne")],
)
def test_a_surname_misspelt_by_a_letter_is_the_person_named_before(written, meant):
    t = f"{meant} spoke at the rally. {written} said the campaign was in a panic."
    assert _names(t, ("the campaign was in a panic", "said", written)) == [meant]


def test_a_near_surname_is_no_one_when_two_people_are_that_near():
    t = "Leslie Wimes and Tom Wines spoke. Wiles said the campaign was in a panic."
    assert _names(t, ("the campaign was in a panic", "said", "Wiles")) == ["Wiles"]


def test_a_speaker_named_with_an_age_is_the_person_named():
    t = (
        "A gay former student of a Melbourne Christian school is suing. Tim, 16, alleged "
        "that a teacher bullied him. He left the school."
    )
    got = _names(
        t,
        ("is suing", "is suing", "A gay former student of a Melbourne Christian school"),
        ("that a teacher bullied him", "alleged", "Tim, 16,"),
    )
    assert got == [None, "Tim"]


@pytest.mark.parametrize("company", ["Twitter", "Loblaw"])
def test_the_company_after_a_quotation_is_the_body_the_sentence_before_opens_with(company):
    t = (
        f"The SITE Intelligence Group tracks accounts. {company} acknowledged the problem. "
        "“We seek a balance,” the company said. It added that no algorithm exists."
    )
    got = _names(
        t,
        ("“We seek a balance,”", "said", "the company"),
        ("that no algorithm exists", "added", "It"),
    )
    assert got == [company, company]


@pytest.mark.parametrize(
    "department",
    ["Fisheries and Oceans Canada", "Immigration, Refugees and Citizenship Canada",
     "Environment and Climate Change Canada", "Parks Canada"],
)  # fmt: skip
def test_a_department_named_with_its_country_is_one_body(department):
    t = f"{department} closed the site. “Stocks are low,” the department said."
    assert kinds(t, ("“Stocks are low,”", "said", "the department")) == [
        (department, "organisation")
    ]
    t = f"“Stocks are low,” {department} said."
    assert kinds(t, ("“Stocks are low,”", "said", department)) == [(department, "organisation")]


def test_it_reads_the_sentence_before_that_ends_in_a_quotation_mark():
    t = (
        "The SITE Intelligence Group tracks accounts. Twitter said the issue was “tricky.” "
        "It added that abuse had risen."
    )
    assert _names(t, ("that abuse had risen", "added", "It")) == ["Twitter"]


def test_he_reads_the_main_clause_past_a_long_after_clause():
    t = (
        "Dinesh D'Souza wrote a film. After Glenn Beck asked the conservative who he thought "
        "would win the presidency, D'Souza replied that he would bet on Clinton. “We should "
        "never confuse the two,” he added."
    )
    assert _names(t, ("“We should never confuse the two,”", "added", "he")) == ["Dinesh D'Souza"]


def test_the_republican_who_speaks_is_the_person_named_before():
    t = (
        "Presidential candidate Ben Carson suggests cutting regulations. “It might surprise "
        "you,” the Republican said this week. The Republican case was weak."
    )
    assert _names(t, ("“It might surprise you,”", "said", "the Republican")) == ["Ben Carson"]
    assert _names(t, ("was weak", "was", "The Republican")) == [None]


def test_a_review_is_a_publication():
    t = (
        "ABC News hosted the debate. The National Review is hosting a party. The "
        "conservative publication has said Trump is “unmoored.”"
    )
    got = kinds(t, ("Trump is “unmoored.”", "has said", "The conservative publication"))
    assert got == [("National Review", "organisation")]


def test_the_n_year_old_is_the_person_of_that_age_else_the_subject_before():
    t = "Mary Smith, 52, is a nurse. John Roe, 40, is a driver. “We act,” the 52-year-old said."
    assert _names(t, ("“We act,”", "said", "the 52-year-old")) == ["Mary Smith"]
    t = (
        "Peter Serafinowicz needed to know. Serafinowicz, who starred in films, posted the "
        "clip on Thursday.\n\n“What if Donald Trump had lessons?” the 43-year-old asked."
    )
    assert _names(t, ("“What if Donald Trump had lessons?”", "asked", "the 43-year-old")) == [
        "Peter Serafinowicz"
    ]
    t = (  # the one person named before, whom the sentence before does not start with
        "For Lisa Chen, the news came as a shock.\n\nThe 42-year-old nurse learned last month "
        "that her job would be cut."
    )
    assert _names(t, ("that her job would be cut", "learned", "The 42-year-old nurse")) == [
        "Lisa Chen"
    ]


def test_a_question_mark_inside_a_quotation_does_not_end_the_sentence():
    t = (
        "“Don't go changing,” Billy Joel sings. Donald Trump will not change. “You think "
        "I'm going to change?” he said at a news conference."
    )
    got = _names(
        t,
        ("“Don't go changing,”", "sings", "Billy Joel"),
        ("“You think I'm going to change?”", "said", "he"),
    )
    assert got == ["Billy Joel", "Donald Trump"]


@pytest.mark.parametrize(
    ("full", "later"),
    [("Anwar al-Awlaki", "he"), ("Bashar al-Assad", "Assad"), ("Marius duPlessis", "he")],
)
def test_a_surname_with_a_lower_case_prefix_is_part_of_the_name(full, later):
    t = f"Officials met on Monday. {full} spoke later. “We will fight,” {later} said."
    assert _names(t, ("“We will fight,”", "said", later)) == [full]


def test_a_name_after_a_group_known_as_is_a_body():
    t = (
        "“It was chaos,” Bob said. Bob said a terrorist group known as Ansar al-Sharia was "
        "involved, but he said he played no role."
    )
    got = _names(t, ("“It was chaos,”", "said", "Bob"), ("he played no role", "said", "he"))
    assert got == ["Bob", "Bob"]


def test_a_first_name_alone_in_apposition_or_with_an_age_is_a_person():
    t = (
        "Sarah Jones, 34, lives in Regina. “It is hard,” she said. Her husband, Tom, "
        "agrees. “We cope,” he said. Liam, 12, plays hockey. “I love it,” he said."
    )
    got = _names(
        t,
        ("“It is hard,”", "said", "she"),
        ("“We cope,”", "said", "he"),
        ("“I love it,”", "said", "he"),
    )
    assert got == ["Sarah Jones", "Tom", "Liam"]


def test_kin_named_by_a_first_name_alone_is_that_person():
    t = (
        "Sarah Jones lives in Regina. Her husband, Tom, said the rent is “too high.” Tom, who "
        "asked that his last name not be used, said it is “unfair.” Bush, Christie and "
        "Ohio Gov. John Kasich said it is “fine.”"
    )
    got = _names(
        t,
        ("the rent is “too high.”", "said", "Her husband, Tom,"),
        ("it is “unfair.”", "said", "Tom, who asked that his last name not be used,"),
        ("it is “fine.”", "said", "Bush, Christie and Ohio Gov. John Kasich"),
    )
    assert got[:2] == ["Tom", "Tom"] and got[2] != "Christie"


@pytest.mark.parametrize(
    ("speaker", "kind"),
    [("we", "group"), ("I", "person"), ("The two men", "group"), ("Delegates", "group"),
     ("Only 52 percent of registered voters", "group"), ("A federal appeals court",
     "organisation"), ("a federal judge", "person"), ("The poll", None)],
)  # fmt: skip
def test_a_speaker_named_nowhere_has_the_kind_its_words_say(speaker, kind):
    t = f"The delegates met. {speaker} said the rules were “unfair.”"
    assert kinds(t, ("the rules were “unfair.”", "said", speaker)) == [(None, kind)]


def test_a_body_s_short_name_is_its_one_fuller_name():
    t = (
        "Six months ago, Phillips Petroleum delayed its plan. Today Phillips has reached a "
        "deal. The company says it is an “historic day.”"
    )
    assert _names(t, ("it is an “historic day.”", "says", "The company")) == ["Phillips Petroleum"]
    t = "Amnesty International wrote to the king. “It must stop,” Amnesty said."
    assert kinds(t, ("“It must stop,”", "said", "Amnesty")) == [
        ("Amnesty International", "organisation")
    ]


@pytest.mark.parametrize(
    ("text", "said_as", "meant"),
    [("The man was “armed,” according to a statement from the RCMP.",
      ("“armed,”", "according to", "a statement from the RCMP"), "RCMP"),
     ("Health Canada approved the drug. The federal agency said it was “safe.”",
      ("it was “safe.”", "said", "The federal agency"), "Health Canada"),
     ("Toronto Public Health reported cases. The health unit said it was “safe.”",
      ("it was “safe.”", "said", "The health unit"), "Toronto Public Health")],
)  # fmt: skip
def test_bodies_by_initials_after_from_and_by_their_level_or_unit(text, said_as, meant):
    assert _names(text, said_as) == [meant]


def test_he_after_a_described_subject_reads_back_to_the_owner_named_first():
    t = (
        "“We won,” Donald Trump said. Libertarian candidate Gary Johnson’s doctor calls the "
        "candidate fit. The former New Mexico governor is a triathlete. He released a "
        "letter from his doctor."
    )
    got = _names(t, ("“We won,”", "said", "Donald Trump"), ("a letter", "released", "He"))
    assert got == ["Donald Trump", "Gary Johnson"]


def test_it_after_a_body_spoke_is_that_body_not_the_one_it_spoke_of():
    t = (
        "The Immigration Department says overnight fires at the Woomera Detention Centre "
        "were lit by detainees. It says 13 buildings were damaged."
    )
    got = _names(
        t,
        ("overnight fires at the Woomera Detention Centre were lit by detainees", "says",
         "The Immigration Department"),
        ("13 buildings were damaged", "says", "It"),
    )  # fmt: skip
    assert got == ["Immigration Department", "Immigration Department"]


def test_the_gop_nominee_is_the_republican_who_spoke_not_the_last_speaker():
    t = (
        "Republican Donald Trump spoke. “It was rigged,” Trump said. “I am fit,” "
        "Libertarian candidate Gary Johnson said. The GOP nominee suggested he may have "
        "been sabotaged."
    )
    got = _names(
        t,
        ("“It was rigged,”", "said", "Trump"),
        ("“I am fit,”", "said", "Libertarian candidate Gary Johnson"),
        ("he may have been sabotaged", "suggested", "The GOP nominee"),
    )
    assert got == ["Donald Trump", "Gary Johnson", "Donald Trump"]


@pytest.mark.parametrize("group", ["Delegates", "Critics", "Surrogates", "Victims"])
def test_a_plural_of_people_opening_a_sentence_is_no_one_s_name(group):
    t = f"Ted Cruz spoke. {group} questioned how Cruz could turn."
    assert kinds(t, ("how Cruz could turn", "questioned", group)) == [(None, "group")]


def test_he_in_its_sentence_means_a_name_shown_to_be_a_person_before_one_that_is_not():
    t = (
        "Donald Trump skipped the debate. Trump mocked Zorblat Quince at the rally, where he "
        "said the polls were rigged."
    )
    assert _names(t, ("the polls were rigged", "said", "he")) == ["Donald Trump"]
    # with no one shown to be a person in it, still the nearest name
    t = "Zorblat Quince was at the rally, where he said the polls were rigged."
    assert _names(t, ("the polls were rigged", "said", "he")) == ["Zorblat Quince"]


@pytest.mark.parametrize("name", ["San Diego", "Fort McMurray"])
def test_a_name_that_opens_with_san_or_fort_is_a_place(name):
    assert kind_of_name(name) == "place"
    assert kind_of_name(f"{name} Police Department") == "org"
    t = f"Donald Trump spoke on Friday. Trump was at last week's {name} rally, where he said more."
    assert _names(t, ("more", "said", "he")) == ["Donald Trump"]


def test_she_prefers_a_woman_for_sure_to_a_name_only_mostly_a_womans():
    t = (
        "Hillary Clinton and Bernie Sanders met in Iowa. When Clinton challenges Sanders on "
        "the economy, she makes a point about banks."
    )
    assert _names(t, ("a point about banks", "makes", "she")) == ["Hillary Clinton"]
    # ... but not over the one who spoke last ("Marty" is only mostly a man's name)
    t = (
        "Mayor Marty Walsh had ties to Vice President Joe Biden. “We need her,” he said. "
        "“Get ready!” he told the crowd."
    )
    got = _names(t, ("“We need her,”", "said", "he"), ("“Get ready!”", "told", "he"))
    assert got == ["Marty Walsh", "Marty Walsh"]


def test_a_pronoun_for_a_surname_takes_the_full_name_of_its_gender_named_later():
    t = (
        "Mrs. Clinton made a promise. “We don't need more,” she has said. Bill Clinton "
        "agreed. Hillary Clinton spoke later."
    )
    assert _names(t, ("“We don't need more,”", "said", "she")) == ["Hillary Clinton"]
    t = "Mr. Clinton made a promise. “We don't need more,” he has said. Bill Clinton agreed."
    assert _names(t, ("“We don't need more,”", "said", "he")) == ["Bill Clinton"]


def test_a_pronoun_that_opens_a_sentence_is_no_name():
    t = (
        "It is a first, said Robert Egge, director of the group. None has offered a plan. "
        "“It matters,” he said."
    )
    assert _names(t, ("“It matters,”", "said", "he")) == ["Robert Egge"]
    t = "Someone said the plan was sound."
    assert kinds(t, ("the plan was sound", "said", "Someone")) == [(None, "person")]


def test_kin_named_by_a_first_name_is_the_full_name_given_later():
    t = (
        "Bernie Sanders spoke. But his wife, Jane, offered a preview. “He will go on,” she "
        "said. In the interview, Jane Sanders said more."
    )
    got = _names(
        t, ("a preview", "offered", "his wife, Jane,"), ("“He will go on,”", "said", "she")
    )
    assert got == ["Jane Sanders", "Jane Sanders"]


def test_a_surname_alone_may_be_the_first_of_two_surnames():
    t = "Melba Acosta Febo runs the bank. “It is over,” Ms. Acosta said."
    assert _names(t, ("“It is over,”", "said", "Ms. Acosta")) == ["Melba Acosta Febo"]
    # not a middle name, a suffix or a show
    t = "Rachel Maddow Show aired. Donald Trump Jr. spoke. “It is over,” Ms. Maddow said."
    assert _names(t, ("“It is over,”", "said", "Ms. Maddow")) == ["Maddow"]


def test_it_read_is_a_document_not_the_body_that_released_it():
    t = (
        "The email, released by Judicial Watch, was sent late at night. Two Americans were "
        "killed. “I just tried you on the phone,” it reads."
    )
    assert kinds(t, ("“I just tried you on the phone,”", "reads", "it")) == [(None, None)]
    t = "Judicial Watch sued the department. “We want the records,” it said."
    assert kinds(t, ("“We want the records,”", "said", "it")) == [
        ("Judicial Watch", "organisation")
    ]


def test_it_after_a_campaign_as_the_subject_is_that_campaign():
    t = (
        "Hillary Clinton won New Hampshire. The Clinton campaign is braced for a fight it "
        "expects to last into the spring, it said."
    )
    got = kinds(t, ("to last into the spring", "expects", "it"))
    assert got == [("Clinton campaign", "organisation")]


def test_a_plural_owner_ends_a_name():
    t = "LOS ANGELES — Sanders’ California supporters rallied. Naureen Jahangir was there."
    names = [x.name for x in Mentions(t, None).mentions]
    assert "Sanders’ California" not in names and "Naureen Jahangir" in names


def test_a_surname_before_a_suffix_is_a_surname_unless_someone_else_bears_it():
    t = "Adm. Harry B. Harris Jr. testified. “We must act,” Admiral Harris said."
    assert _names(t, ("“We must act,”", "said", "Admiral Harris")) == ["Harry B. Harris Jr"]
    t = "Donald J. Trump and Donald Trump Jr. spoke. “We must act,” Mr. Trump said."
    assert _names(t, ("“We must act,”", "said", "Mr. Trump")) == ["Donald J. Trump"]
    t = "Clark County Sheriff Joe Lombardo said the gunman acted alone."
    speaker = "Clark County Sheriff Joe Lombardo"
    assert kinds(t, ("the gunman acted alone", "said", speaker)) == [("Joe Lombardo", "person")]


def test_a_title_names_a_person_whose_first_name_is_only_mostly_of_the_other_gender():
    t = "Bernie Sanders spoke in Iowa. Later, Mr. Sanders said the plan was fair."
    assert _names(t, ("the plan was fair", "said", "Mr. Sanders")) == ["Bernie Sanders"]
    t = "Lee Epstein wrote the study. Ms. Epstein said the plan was fair."
    assert _names(t, ("the plan was fair", "said", "Ms. Epstein")) == ["Lee Epstein"]


def test_the_campaign_of_a_candidate_is_that_campaign():
    t = "The campaign of presumptive Democratic nominee Hillary Clinton said the ad was false."
    speaker = "The campaign of presumptive Democratic nominee Hillary Clinton"
    assert kinds(t, ("the ad was false", "said", speaker)) == [("Clinton campaign", "organisation")]
    t = "The campaign of the former senator from Pennsylvania said the ad was false."
    speaker = "The campaign of the former senator from Pennsylvania"
    assert kinds(t, ("the ad was false", "said", speaker))[0][0] != "Pennsylvania campaign"


def test_a_chamber_by_its_own_name_is_not_the_body_named_before_it():
    t = (
        "“We fight terror,” Saudis say. Just this week the Senate passed a bill, and "
        "“the families deserve answers,” the Senate said."
    )
    got = kinds(t, ("“We fight terror,”", "say", "Saudis"),
                ("“the families deserve answers,”", "said", "the Senate"))  # fmt: skip
    assert got[1] == ("Senate", "organisation")


def test_a_role_of_something_is_that_role_and_never_a_name_in_its_words():
    t = (
        "Anthony Anton, president and CEO of Washington Restaurant Association, was there. "
        "Sanders backs the wage. The former secretary of state has said it should vary."
    )
    got = kinds(t, ("it should vary", "has said", "The former secretary of state"))
    assert got == [(None, "person")]


def test_the_pope_is_the_one_named_pope():
    t = (
        "In declaring the remarks “not Christian,” the Latin American pope spoke out. In "
        "the fight, Pope Francis, leader of the world’s Roman Catholics, faced Donald Trump."
    )
    got = kinds(t, ("“not Christian,”", "declaring", "the Latin American pope"))
    assert got == [("Pope Francis", "person")]


def test_the_mogul_is_the_person_who_spoke_before():
    t = (
        "“It is so sad,” Trump continued. Trump purchased Doral in 2012. The real estate "
        "mogul listed the resort as a liability."
    )
    got = _names(t, ("“It is so sad,”", "continued", "Trump"),
                 ("the resort as a liability", "listed", "The real estate mogul"))  # fmt: skip
    assert got == ["Trump", "Trump"]


def test_the_senator_is_the_subject_of_the_sentence_before_over_the_last_speaker():
    t = (
        "“We agree,” Neera Tanden said. Bernie Sanders invited Matt Duss to testify. The "
        "senator said the hearing would be open."
    )
    got = _names(t, ("“We agree,”", "said", "Neera Tanden"),
                 ("the hearing would be open", "said", "The senator"))  # fmt: skip
    assert got == ["Neera Tanden", "Bernie Sanders"]


def test_a_poll_is_named_by_its_pollster_however_the_span_goes_on():
    t = (
        "A CBS News poll last month found Trump ahead. A poll from Marquette Law School "
        "released Wednesday found the race close. A USA TODAY/Rock the Vote Millennial "
        "Poll found energy mattered."
    )
    marquette = "A poll from Marquette Law School released Wednesday"
    millennial = "A USA TODAY/Rock the Vote Millennial Poll"
    got = kinds(t, ("Trump ahead", "found", "A CBS News poll last month"),
                ("the race close", "found", marquette),
                ("energy mattered", "found", millennial))  # fmt: skip
    assert [name for name, _ in got] == [
        "CBS News poll", "Marquette Law School poll", "USA TODAY/Rock the Vote Millennial poll",
    ]  # fmt: skip
    t = "A study by Jo Smith found the race close."
    assert kinds(t, ("the race close", "found", "A study by Jo Smith")) == [(None, None)]


def test_a_verb_before_a_name_ends_its_role_words():
    t = "The national executive last night rejected Aden Ridgeway's bid to lead."
    mention = next(x for x in Mentions(t, None).mentions if x.name == "Aden Ridgeway")
    assert "executive" not in mention.roles


def test_the_group_after_a_body_is_that_body():
    t = (
        "The Trayvon Martin Foundation did not want to comment, telling reporters that "
        "the organization is focused on its work.\n“We are focused,” the group said."
    )
    got = kinds(t, ("“We are focused,”", "said", "the group"))
    assert got == [("Trayvon Martin Foundation", "organisation")]


def test_the_aide_after_an_aide_introduced_unnamed_is_that_aide():
    t = (
        "“No comment,” Trey Gowdy said. A Republican committee aide blasted the statement. "
        "“It is bizarre,” the aide said."
    )
    got = kinds(t, ("“No comment,”", "said", "Trey Gowdy"),
                ("“It is bizarre,”", "said", "the aide"))  # fmt: skip
    assert got == [("Trey Gowdy", "person"), (None, "person")]
    t = "“No comment,” Trey Gowdy said. His aide, Jo Smith, disagreed. “Wrong,” the aide said."
    got = kinds(t, ("“No comment,”", "said", "Trey Gowdy"), ("“Wrong,”", "said", "the aide"))
    assert got[1] != (None, "person")


def test_a_title_in_quotation_marks_is_no_one_a_description_names():
    t = (
        "Gina Rodriguez won a Golden Globe this year. The “Jane The Virgin” actress said "
        "the award mattered."
    )
    got = kinds(t, ("the award mattered", "said", "The “Jane The Virgin” actress"))
    assert got[0][0] != "Jane The Virgin"
    t = 'Donald Trump spoke. "Chris Matthews: Seriously, it matters," Chris Matthews said.'
    got = kinds(t, ("Seriously, it matters", "said", "Chris Matthews"))
    assert got == [("Chris Matthews", "person")]


def test_the_actress_is_the_actress_named_before():
    t = (
        "Oscar-winning actress Susan Sarandon is not sure she can vote for Hillary Clinton. "
        "The prominent actress is a Sanders supporter, she said."
    )
    got = kinds(t, ("The prominent actress is a Sanders supporter", "said", "she"),
                ("a Sanders supporter", "is", "The prominent actress"))  # fmt: skip
    assert got[1] == ("Susan Sarandon", "person")


def test_the_state_and_party_of_someone_is_that_person():
    t = (
        "“The world is watching,” Republican Donald Trump said. Speaker Paul Ryan says he "
        "can understand it. In an interview, the Wisconsin Republican criticized the policy."
    )
    got = kinds(t, ("“The world is watching,”", "said", "Republican Donald Trump"),
                ("the policy", "criticized", "the Wisconsin Republican"))  # fmt: skip
    assert got[1] == ("Paul Ryan", "person")


def test_his_campaign_is_a_man_s_though_his_first_name_is_mostly_a_woman_s():
    t = "Bernie Sanders raised $33 million, his campaign announced Saturday."
    got = kinds(t, ("Bernie Sanders raised $33 million", "announced", "his campaign"))
    assert got == [("Sanders campaign", "organisation")]


def test_more_words_for_one_person_s_role():
    t = (
        "Univision journalist Jorge Ramos was ejected from the room. “Sit down,” Donald Trump "
        "said. Later the star journalist said he would return."
    )
    got = kinds(t, ("“Sit down,”", "said", "Donald Trump"),
                ("he would return", "said", "the star journalist"))  # fmt: skip
    assert got[1] == ("Jorge Ramos", "person")
    t = "Several Democratic operatives said the leaks could continue."
    got = kinds(t, ("the leaks could continue", "said", "Several Democratic operatives"))
    assert got == [(None, "group")]


def test_the_minister_s_office_is_the_office_of_the_minister_named_before():
    t = (
        "Israel Prime Minister Ariel Sharon accused Mr Arafat, in a call with French "
        "President Jacques Chirac, the Prime Minister's office reported."
    )
    got = kinds(t, ("Israel Prime Minister Ariel Sharon accused Mr Arafat", "reported",
                    "the Prime Minister's office"))  # fmt: skip
    assert got == [("Ariel Sharon's office", "organisation")]
    t = "Justin Trudeau spoke. “No comment,” the Prime Minister's Office said."
    got = kinds(t, ("“No comment,”", "said", "the Prime Minister's Office"))
    assert got[0][0] != "Justin Trudeau's office"  # a body's own name


def test_a_department_of_two_portfolios_is_one_name():
    t = "The Department of Foreign Affairs and Trade (DFAT) has moved to clarify its report."
    names = [(x.name, x.kind) for x in Mentions(t, None).mentions]
    assert names == [("Department of Foreign Affairs and Trade", "org")]


@pytest.mark.parametrize(
    "body, described",
    [
        ("Toronto Police Service", "The force"),
        ("The Ontario Securities Commission", "The regulator"),
        ("The Competition Bureau", "The watchdog"),
        ("The Children's Aid Society", "The agency"),
        ("The Children's Aid Society", "The organization"),
        ("Sunnybrook Health Sciences Centre", "The hospital"),
        ("The Canadian Broadcasting Corporation", "The public broadcaster"),
    ],
)
def test_a_description_may_mean_a_body_whose_name_says_a_kin_kind(body, described):
    t = (f"{body} says it is reviewing the complaint. Jane Morrison said she was frustrated. "
         f"{described} said it would respond.")  # fmt: skip
    got = kinds(t, ("it is reviewing the complaint", "says", body),
                ("she was frustrated", "said", "Jane Morrison"),
                ("it would respond", "said", described))  # fmt: skip
    assert got[2] == got[0] and got[0][0] is not None


def test_a_body_may_be_called_by_the_first_words_of_its_name():
    t = "Rogers Communications says an update caused the outage. Rogers said it would pay."
    got = kinds(t, ("an update caused the outage", "says", "Rogers Communications"),
                ("it would pay", "said", "Rogers"))  # fmt: skip
    assert got == [("Rogers Communications", "organisation")] * 2
    t = "Hudson’s Bay Company will close stores. Hudson’s Bay said 8,000 jobs were at risk."
    assert kinds(t, ("8,000 jobs were at risk", "said", "Hudson’s Bay"))[0][0] == (
        "Hudson’s Bay Company"
    )
    # ... not by a place's name, nor a first name
    t = "Ontario Power Generation will build a reactor. Ontario said it would pay."
    assert kinds(t, ("it would pay", "said", "Ontario"))[0][0] == "Ontario"
    t = "Hillary Clinton White House staff met. Hillary said it went well."
    assert kinds(t, ("it went well", "said", "Hillary"))[0][0] != "Hillary Clinton White House"


def test_a_company_s_trade_fits_a_company_but_not_a_department():
    t = ("Hudson’s Bay Company says it will close stores. Jo Smith, an analyst, said it was "
         "sad. The retailer said sales had fallen.")  # fmt: skip
    got = kinds(t, ("it will close stores", "says", "Hudson’s Bay Company"),
                ("it was sad", "said", "Jo Smith, an analyst,"),
                ("sales had fallen", "said", "The retailer"))  # fmt: skip
    assert got[2] == ("Hudson’s Bay Company", "organisation")
    t = ("Shoppers Drug Mart says it will stop selling pills after Health Canada warned they do "
         "not work. The pharmacy chain said it was following the advice.")  # fmt: skip
    got = kinds(t, ("it was following the advice", "said", "The pharmacy chain"))
    assert got[0][0] != "Health Canada"


def test_an_artist_s_description_is_the_artist_who_spoke():
    t = ("Drake says he is taking a break. The Toronto rapper told fans that he had been ill. "
         "His label, OVO Sound, said in a statement that concerts would be moved.")  # fmt: skip
    got = kinds(t, ("he is taking a break", "says", "Drake"),
                ("that he had been ill", "told", "The Toronto rapper"),
                ("that concerts would be moved", "said", "His label, OVO Sound,"))  # fmt: skip
    assert got[1][0] == "Drake"
    assert got[2] == ("OVO Sound", "organisation")


def test_a_prize_s_jury_is_a_body():
    t = "The Giller Prize jury has named Study for Obedience as this year’s winner."
    got = kinds(
        t, ("Study for Obedience as this year’s winner", "has named", "The Giller Prize jury")
    )
    assert got == [("Giller Prize jury", "organisation")]


def test_a_body_named_like_people_before_a_person_s_title_is_no_group():
    t = "Friends of Medicare executive director Chris Gallaway said 2,000 people came."
    speaker = "Friends of Medicare executive director Chris Gallaway"
    assert kinds(t, ("2,000 people came", "said", speaker)) == [("Chris Gallaway", "person")]
    t = "Critics of the plan, like Senator Jo Smith, said it would fail."  # as annotated
    got = kinds(t, ("it would fail", "said", "Critics of the plan, like Senator Jo Smith,"))
    assert got[0][1] == "group"


def test_a_hall_of_famer_is_the_person_who_spoke():
    t = ("Former captain Doug Gilmour says he is worried. “They get pushed around,” he said. "
         "The Hall of Famer said he still watched every game.")  # fmt: skip
    got = kinds(t, ("he is worried", "says", "Former captain Doug Gilmour"),
                ("“They get pushed around,”", "said", "he"),
                ("he still watched every game", "said", "The Hall of Famer"))  # fmt: skip
    assert got[2] == ("Doug Gilmour", "person")


def test_a_body_in_a_place_held_by_another_is_that_body():
    assert kind_of_name("Hamas-run Gaza") == "place"
    t = "The Health Ministry in Hamas-run Gaza says 40,000 people have been killed."
    speaker = "The Health Ministry in Hamas-run Gaza"
    assert kinds(t, ("40,000 people have been killed", "says", speaker)) == [
        ("Health Ministry", "organisation")
    ]


def test_new_body_rules_leave_people_and_other_bodies_alone():
    # a person's name after "and" is no part of a body's
    t = "The Bank of Canada and Tiff Macklem faced criticism. “We acted,” Macklem said."
    assert _names(t, ("“We acted,”", "said", "Macklem")) == ["Tiff Macklem"]
    # a surname a person holds too, or a body named for a person, is the person
    t = "Ford Motor Company cut jobs. “It is a betrayal,” Ford said, and Mr. Ford left."
    assert _names(t, ("“It is a betrayal,”", "said", "Ford")) != ["Ford Motor Company"]
    t = "The Obama Foundation opened. Former president Obama came. “A dream,” Obama said."
    assert _names(t, ("“A dream,”", "said", "Obama")) != ["Obama Foundation"]
    t = "Crown Resorts was fined. “We accept the penalty,” Crown said in a statement."
    assert _names(t, ("“We accept the penalty,”", "said", "Crown")) == ["Crown Resorts"]
    # a body of that kind left unnamed, or a body of another kind, is not the one named
    t = ("A ransomware attack hit a Brampton hospital, the Canadian Centre for Cyber Security "
         "confirmed. “Care continues,” the hospital said.")  # fmt: skip
    assert _names(t, ("“Care continues,”", "said", "the hospital")) == [None]
    t = "A man died in custody, Correctional Service Canada said. “We look,” the force said."
    assert _names(t, ("“We look,”", "said", "the force")) == [None]
    t = "Canada Mortgage and Housing Corporation released data. “Up,” the broadcaster said."
    assert _names(t, ("“Up,”", "said", "the broadcaster")) == [None]
    t = ("Alphabet Inc., the parent company of Google, reported earnings. “A strong quarter,” "
         "the parent company said.")  # fmt: skip
    assert _names(t, ("“A strong quarter,”", "said", "the parent company")) == ["Alphabet Inc"]
    # a person owned by another is that person
    t = "“It was a betrayal,” said Justin Trudeau's Chrystia Freeland."
    got = _names(t, ("“It was a betrayal,”", "said", "Justin Trudeau's Chrystia Freeland"))
    assert got == ["Chrystia Freeland"]
    # "the 42-year-old" alone, after someone else of another age, is no one named
    t = "Jo Smith, 70, was killed. Police arrested a man. “I'm sorry,” the 42-year-old said."
    assert _names(t, ("“I'm sorry,”", "said", "the 42-year-old")) == [None]
    # the head of a body is no minister, and a lead title speaks right after its name
    t = ("The head of Canada's spy agency says China is a threat. Public Safety Minister "
         "Dominic LeBlanc said he agreed.")  # fmt: skip
    got = _names(t, ("China is a threat", "says", "The head of Canada's spy agency"))
    assert got == [None]
    t = ("The premier says the deal is done. Opposition critic Jo Smith, who represents "
         "Windsor, said it was not.")  # fmt: skip
    assert _names(t, ("the deal is done", "says", "The premier")) == [None]


def test_the_crown_is_the_crown_prosecutor_named_before():
    t = ("Crown attorney Emily Marrocco told the jury the baby was hurt. The Crown argued the "
         "father had lost his temper.")  # fmt: skip
    got = kinds(t, ("the father had lost his temper", "argued", "The Crown"))
    assert got == [("Emily Marrocco", "person")]
    t = "The trial began. The Crown argued the father had lost his temper."
    assert kinds(t, ("the father had lost his temper", "argued", "The Crown")) == [UNNAMED_BODY]
    # ... else the one named soon after
    t = ("The Crown is seeking a life sentence. Crown prosecutor Louise Tansey told the court "
         "the murder was planned.")  # fmt: skip
    got = kinds(t, ("a life sentence", "is seeking", "The Crown"))
    assert got == [("Louise Tansey", "person")]


def test_a_team_s_name_is_a_body_s():
    assert kind_of_name("Serious Incident Response Team") == "org"
    assert kind_of_name("Team") != "org"


def test_a_known_body_before_its_relative_clause_is_that_body():
    t = "Bell cut jobs. Unifor, which represents Bell workers, said it was devastated."
    got = kinds(t, ("it was devastated", "said", "Unifor, which represents Bell workers,"))
    assert got == [("Unifor", "organisation")]


def test_a_description_of_another_kind_of_body_is_not_it():
    t = "Toronto General Hospital says it is full. The force said it would respond."
    got = kinds(t, ("it is full", "says", "Toronto General Hospital"),
                ("it would respond", "said", "The force"))  # fmt: skip
    assert got[1] == UNNAMED_BODY
    t = "Hillary Clinton won. Clinton’s forces said they were ready."
    assert _names(t, ("they were ready", "said", "Clinton’s forces")) == ["Hillary Clinton"]


def test_a_surname_with_a_particle_is_the_full_name_before():
    t = (
        "The company’s chief executive, Eric La Flèche, said Metro had no choice.\n\n"
        "“Costs are up,” La Flèche said on a call."
    )
    assert _names(t, ("“Costs are up,”", "said", "La Flèche")) == ["Eric La Flèche"]


def test_a_body_called_by_its_nickname_or_its_forces_is_that_body():
    t = "The Mounties said they were looking at links. The Canadian Armed Forces says more."
    got = kinds(t, ("they were looking at links", "said", "The Mounties"),
                ("more", "says", "The Canadian Armed Forces"))  # fmt: skip
    assert got == [("RCMP", "organisation"), ("Canadian Armed Forces", "organisation")]


def test_a_leader_of_a_body_by_its_acronym_is_no_leader_of_another():
    t = (
        "Quebec Premier François Legault says he will not resign.\n\n“I have a job to "
        "finish,” Mr. Legault told reporters. The CAQ leader said his party could still win. "
        "Parti Québécois Leader Paul St-Pierre Plamondon said Quebecers wanted change."
    )
    got = _names(t, ("“I have a job to finish,”", "told", "Mr. Legault"),
                 ("his party could still win", "said", "The CAQ leader"))  # fmt: skip
    assert got == ["François Legault"] * 2
    t = (  # the body named in full before the name
        "Democratic National Committee Chair Debbie Wasserman Schultz met donors. Senate "
        "Chair Jo Smith spoke too. The DNC chair said it went well."
    )
    assert _names(t, ("it went well", "said", "The DNC chair")) == ["Debbie Wasserman Schultz"]


def test_a_body_of_or_for_two_things_is_one_name():
    for name in ("Centre for Israel and Jewish Affairs", "Office of Management and Budget",
                 "Centre for Addiction and Mental Health"):  # fmt: skip
        t = f"The {name} said the report was wrong."
        assert [(x.name, x.kind) for x in Mentions(t, None).mentions] == [(name, "org")]
    for t, first in (
        ("The Centre for Israel and Health Canada said so.", "Centre for Israel"),
        ("The Institute for Justice and Barack Obama said so.", "Institute for Justice"),
        ("The Ministry of Health and Premier Doug Ford said so.", "Ministry of Health"),
    ):  # two bodies, or a body and a person
        assert Mentions(t, None).mentions[0].name == first


def test_a_place_based_description_is_no_body_s_name():
    t = (
        "The Afghan Islamic Press said late Sunday that 15 were hurt. The Pakistan-based "
        "news agency said more raids followed."
    )
    got = kinds(t, ("more raids followed", "said", "The Pakistan-based news agency"))
    assert got[0][0] != "Pakistan-based news agency"


def test_an_inquiry_into_something_is_one_name():
    t = "The Royal Commission into HIH has been adjourned. The commission has heard more."
    got = kinds(t, ("more", "has heard", "The commission"))
    assert got == [("Royal Commission into HIH", "organisation")]


def test_a_company_named_by_one_word_with_its_kind_after_it_is_the_company():
    t = (
        "According to McAfee.com, a leading anti-virus software company, the virus spreads. "
        "The virus, the company warned, “can delete files.”"
    )
    got = kinds(t, ("“can delete files.”", "warned", "the company"))
    assert got == [("McAfee.com", "organisation")]
    assert Mentions(t, None).bodies == frozenset()  # not one found by the words around it


def test_a_realty_is_a_company():
    assert kind_of_name("Henry Realty") == "org"


def test_a_spokesman_for_the_government_is_not_a_body_named_government():
    t = (
        "Hamas offered a truce. A spokesman for the Government says Israel deals only with "
        "the Palestinian Authority."
    )
    speaker = "A spokesman for the Government"
    got = kinds(t, ("Israel deals only with the Palestinian Authority", "says", speaker))
    assert got[0][0] != "Government"
    assert Mentions(t, None).bodies == frozenset()


def test_a_named_person_s_office_is_that_person_s_office():
    t = (
        "Health Minister Sylvia Jones’s office said the plan would cost $110 million. "
        "Premier Doug Ford has not commented. Ford’s office said later that he would. The "
        "premier’s office added nothing."
    )
    got = kinds(t, ("the plan would cost $110 million", "said",
                    "Health Minister Sylvia Jones’s office"),
                ("he would", "said", "Ford’s office"),
                ("nothing", "added", "The premier’s office"))  # fmt: skip
    ford = ("Doug Ford's office", "organisation")
    assert got == [("Sylvia Jones's office", "organisation"), ford, ford]


def test_the_crown_corporation_is_the_state_company_named_before():
    t = (
        "Canada Post says it will stop delivering mail to doors in three more cities. The "
        "Crown corporation said the change would save $100 million a year."
    )
    got = kinds(t, ("it will stop delivering mail", "says", "Canada Post"),
                ("the change would save", "said", "The Crown corporation"))  # fmt: skip
    assert got[1] == ("Canada Post", "organisation")
    # ... not the one body a worker's title shows ("Postal Workers")
    t = (
        "Canada Post says it will stop delivering mail to the door. The Crown corporation says "
        "the change will save $400 million. Canadian Union of Postal Workers president Jan "
        "Simpson said the union would fight the plan."
    )
    got = kinds(t, ("it will stop delivering mail", "says", "Canada Post"),
                ("the change will save", "says", "The Crown corporation"),
                ("the union would fight", "said",
                 "Canadian Union of Postal Workers president Jan Simpson"))  # fmt: skip
    assert got[1] == ("Canada Post", "organisation")


def test_the_department_is_no_outlet_someone_spoke_to():
    t = (
        "Veterans Affairs Canada says it is reviewing the case. “I was shocked,” Marie-Claude "
        "Tremblay said in an interview with Global News. The department said in a statement "
        "that it had contacted the RCMP."
    )
    got = kinds(t, ("it is reviewing the case", "says", "Veterans Affairs Canada"),
                ("“I was shocked,”", "said", "Marie-Claude Tremblay"),
                ("that it had contacted the RCMP", "said", "The department"))  # fmt: skip
    assert got[2] == ("Veterans Affairs Canada", "organisation")
    t = (
        "The plan, first reported by The Washington Post, is a key part of the response. "
        "The administration said the raids would go on."
    )
    got = kinds(t, ("the raids would go on", "said", "The administration"))
    assert got[0][0] is None


def test_a_street_address_is_no_speaker():
    t = "Tenants at 1 Main St. W. say the boiler broke down. The 1951 Refugee Convention says no."
    assert _names(t, ("the boiler broke down", "say", "Tenants at 1 Main St. W.")) == [None]


def test_a_body_known_by_its_acronym_is_what_its_kind_describes():
    t = (
        "The CIA said the report was wrong. The State Department said it disagreed. The "
        "agency added that it stood by its officers."
    )
    got = _names(t, ("the report was wrong", "said", "The CIA"),
                 ("it disagreed", "said", "The State Department"),
                 ("it stood by its officers", "added", "The agency"))  # fmt: skip
    assert got == ["CIA", "State Department", "CIA"]


def test_the_company_is_the_subject_of_the_sentence_naming_two():
    t = (
        "Rogers Communications has completed its takeover of Shaw Communications. The "
        "Toronto-based company said it would invest $1 billion in western Canada."
    )
    speaker = "The Toronto-based company"
    assert _names(t, ("it would invest $1 billion", "said", speaker)) == ["Rogers Communications"]
    t = "Bombardier says it has landed an order for jets. The planemaker did not name the buyer."
    got = _names(t, ("it has landed an order", "says", "Bombardier"),
                 ("the buyer", "did not name", "The planemaker"))  # fmt: skip
    assert got == ["Bombardier", "Bombardier"]


def test_their_union_is_the_union_named_next_when_none_is_named_before():
    t = (
        "Air Canada pilots have voted for a strike mandate, their union says. The Air Line "
        "Pilots Association said talks have stalled."
    )
    got = _names(t, ("Air Canada pilots have voted", "says", "their union"),
                 ("talks have stalled", "said", "The Air Line Pilots Association"))  # fmt: skip
    assert got == ["Air Line Pilots Association"] * 2
    # not a body named next whose name does not say it is one
    t = (
        "Air Canada pilots have voted for a strike mandate, their union says. The Senate "
        "Transport Committee said talks have stalled."
    )
    assert _names(t, ("Air Canada pilots have voted", "says", "their union")) == [None]


def test_an_acronym_is_the_body_named_before_whose_initials_spell_it():
    t = (
        "Alberta Health Services says wait times hit a record. AHS said patients waited 11 "
        "hours. The Associated Press’ count differs, the AP said."
    )
    got = _names(t, ("wait times hit a record", "says", "Alberta Health Services"),
                 ("patients waited 11 hours", "said", "AHS"),
                 ("count differs", "said", "the AP"))  # fmt: skip
    assert got == ["Alberta Health Services", "Alberta Health Services", "Associated Press"]
    t = "Health Canada said no. The CBC said yes."  # no body spelled so: its own name
    assert _names(t, ("yes", "said", "The CBC")) == ["CBC"]


def test_a_place_s_body_in_the_lead_is_the_one_of_its_kind_named_next():
    lead = "Quebec’s language watchdog"
    t = (f"{lead} says complaints rose 20 per cent. The Office québécois de la langue "
         "française received 9,000 complaints.")  # fmt: skip
    got = kinds(t, ("complaints rose 20 per cent", "says", lead))
    assert got == [("Office québécois de la langue française", "organisation")]
    # not past the lead, nor a body whose name does not say its kind
    t = ("Hydro-Québec raised rates. " + t)  # fmt: skip
    assert kinds(t, ("complaints rose 20 per cent", "says", lead))[0][0] is None
    t = f"{lead} says complaints rose. Premier François Legault said he was worried."
    assert kinds(t, ("complaints rose", "says", lead))[0][0] is None
    # ... and so is a body the lead leaves unnamed
    for lead, body in [
        ("A Toronto hospital", "Sunnybrook Health Sciences Centre"),
        ("A Calgary company", "Carbon Engineering Ltd"),
    ]:
        t = f"{lead} says it has cut costs. {body}. said the cuts would last."
        assert _names(t, ("it has cut costs", "says", lead)) == [body], lead
    t = "Sunnybrook Health Sciences Centre is busy. A Toronto hospital says it has cut costs."
    assert _names(t, ("it has cut costs", "says", "A Toronto hospital")) == [None]


def test_a_property_company_is_a_body_the_company_may_mean():
    t = (
        "Amina Yusuf said she has called the property manager, Greenway Properties, a dozen "
        "times. The company did not respond to requests for comment."
    )
    got = kinds(t, ("she has called the property manager", "said", "Amina Yusuf"),
                ("requests for comment", "did not respond to", "The company"))  # fmt: skip
    assert got[1] == ("Greenway Properties", "organisation")


def test_a_description_fits_a_name_in_ies():
    t = "BC Ferries said it regrets the delay. “Safety comes first,” the ferry operator said."
    got = kinds(t, ("it regrets the delay", "said", "BC Ferries"),
                ("“Safety comes first,”", "said", "the ferry operator"))  # fmt: skip
    assert got == [("BC Ferries", "organisation")] * 2
    # not a word before the body's kind, nor for many
    t = (
        "McGill University says it will cut 100 jobs. Universities Canada said funding had "
        "fallen. “These cuts are painful,” the university said."
    )
    got = _names(t, ("it will cut 100 jobs", "says", "McGill University"),
                 ("funding had fallen", "said", "Universities Canada"),
                 ("“These cuts are painful,”", "said", "the university"))  # fmt: skip
    assert got[2] == "McGill University"
    t = (
        "BC Ferries and Washington State Ferries cancelled sailings. “Safety comes first,” "
        "the ferry operators said."
    )
    assert _names(t, ("“Safety comes first,”", "said", "the ferry operators")) == [None]


def test_a_french_body_s_name_holds_its_lower_case_words():
    t = (
        "The Confédération des syndicats nationaux said its members backed the deal. A "
        "spokesperson for the Fédération autonome de l’enseignement, which represents "
        "teachers, said the union wanted more. The Union executive met on Monday."
    )
    names = [(x.name, x.kind) for x in Mentions(t, None).mentions]
    assert ("Confédération des syndicats nationaux", "org") in names
    assert ("Fédération autonome de l’enseignement", "org") in names
    assert not any(name.startswith("Union ") for name, _ in names)  # English words: no name
    t2 = "Fédération des chambres de commerce du Québec President Charles Milliard said so."
    names2 = [(x.name, x.kind) for x in Mentions(t2, None).mentions]
    assert ("Charles Milliard", "person") in names2
    csn = "The Confédération des syndicats nationaux"
    got = kinds(t, ("its members backed the deal", "said", csn),
                ("the union wanted more", "said", "A spokesperson for the Fédération autonome de "
                 "l’enseignement, which represents teachers,"))  # fmt: skip
    assert got == [("Confédération des syndicats nationaux", "organisation"),
                   ("Fédération autonome de l’enseignement", "organisation")]  # fmt: skip


def test_a_name_described_as_a_work_or_an_event_is_no_one_a_pronoun_means():
    t = (
        "Singer Jessie Reyez will host the gala. Hot Docs, the documentary festival, announced "
        "its lineup on Tuesday. “It is our biggest year,” she said. Little Bird, the CBC "
        "series, drew a million viewers. “People want these stories,” she said."
    )
    got = kinds(t, ("its lineup", "announced", "Hot Docs, the documentary festival,"),
                ("“It is our biggest year,”", "said", "she"),
                ("“People want these stories,”", "said", "she"))  # fmt: skip
    reyez = ("Jessie Reyez", "person")
    assert got == [("Hot Docs", "organisation"), reyez, reyez]
    t = "Sarah Polley, the director of the film, said it was hard. “We won,” she said."
    got = kinds(t, ("it was hard", "said", "Sarah Polley, the director of the film,"),
                ("“We won,”", "said", "she"))  # fmt: skip
    assert got == [("Sarah Polley", "person")] * 2
    t = "Jo Smith, the festival’s director, said it sold out. “We are thrilled,” she said."
    got = kinds(t, ("it sold out", "said", "Jo Smith, the festival’s director,"),
                ("“We are thrilled,”", "said", "she"))  # fmt: skip
    assert got == [("Jo Smith", "person")] * 2


def test_a_place_s_government_is_that_place_s_government():
    for speaker, name in (
        ("Quebec’s government", "Quebec government"),
        ("Ontario’s Progressive Conservative government", "Ontario government"),
        ("Alberta’s United Conservative Party government", "Alberta government"),
        ("Nova Scotia’s government", "Nova Scotia government"),
        ("Trudeau’s government", "Trudeau government"),
        ("Its government", None),
        ("Canada’s minority government", None),
    ):
        t = f"{speaker} says it will appeal the ruling."
        assert kinds(t, ("it will appeal the ruling", "says", speaker)) == [(name, "organisation")]


def test_companies_named_like_people_are_organisations():
    t = (
        "Tim Hortons says it will bring back its classic cups. The chain said customers had "
        "asked for it. Franchise owner Mark Ellis said sales were slow. “People miss the old "
        "cups,” he said."
    )
    got = kinds(t, ("it will bring back its classic cups", "says", "Tim Hortons"),
                ("customers had asked for it", "said", "The chain"),
                ("sales were slow", "said", "Franchise owner Mark Ellis"),
                ("“People miss the old cups,”", "said", "he"))  # fmt: skip
    tims = ("Tim Hortons", "organisation")
    assert got == [tims, tims, ("Mark Ellis", "person"), ("Mark Ellis", "person")]


def test_the_band_is_the_first_nation_and_the_bloc_a_party():
    t = (
        "Kashechewan First Nation says it will evacuate 2,000 people. The band said flooding "
        "was expected. The Bloc Québécois says it will help. The Bloc said Quebec would too."
    )
    got = kinds(t, ("it will evacuate 2,000 people", "says", "Kashechewan First Nation"),
                ("flooding was expected", "said", "The band"),
                ("it will help", "says", "The Bloc Québécois"),
                ("Quebec would too", "said", "The Bloc"))  # fmt: skip
    nation, bloc = ("Kashechewan First Nation", "organisation"), ("Bloc Québécois", "organisation")
    assert got == [nation, nation, bloc, bloc]
    t = "Live Nation said the tour was off. The band said it was sorry."
    got = kinds(t, ("the tour was off", "said", "Live Nation"),
                ("it was sorry", "said", "The band"))  # fmt: skip
    assert got[1][0] is None  # a music band, not the promoter


def test_the_province_is_the_province_named_last_not_a_city():
    t = (
        "TORONTO — The Ontario Science Centre will close permanently, the province announced "
        "Friday. Toronto Mayor Olivia Chow called the decision rash."
    )
    got = kinds(
        t, ("The Ontario Science Centre will close permanently", "announced", "the province")
    )
    assert got == [("Ontario", "place")]


def test_a_lead_s_description_is_the_one_named_speaking_soon_after():
    t = (
        "TORONTO — Ontario’s auditor general says the province overpaid for land.\n\n"
        "In a report released Wednesday, Bonnie Lysyk said the process was biased."
    )
    got = kinds(t, ("the province overpaid for land", "says", "Ontario’s auditor general"),
                ("the process was biased", "said", "Bonnie Lysyk"))  # fmt: skip
    assert got == [("Bonnie Lysyk", "person")] * 2
    t = ("Canada’s chief public health officer says the country should prepare. Dr. Theresa "
         "Tam said hospitals were busy.")  # "Dr.": a courtesy, not another office  # fmt: skip
    got = kinds(t, ("the country should prepare", "says", "Canada’s chief public health officer"))
    assert got == [("Theresa Tam", "person")]
    t = ("The head of Canada’s largest teachers’ union is warning of a crisis. Karen Brown, "
         "president of the Elementary Teachers’ Federation of Ontario, said violence had "
         "doubled.")  # "the head": one with a title, who may speak after an apposition  # fmt: skip
    got = kinds(t, ("a crisis", "is warning of", "The head of Canada’s largest teachers’ union"))
    assert got == [("Karen Brown", "person")]
    for then in ("Premier Doug Ford said the process was fair.",  # another title
                 "The report praised Bonnie Lysyk for her work."):  # fmt: skip  # not speaking
        t = f"Ontario’s auditor general says the province overpaid for land. {then}"
        got = kinds(t, ("the province overpaid for land", "says", "Ontario’s auditor general"))
        assert got[0][0] is None
    for lead in ("The boy’s mother", "The suspect’s lawyer"):  # no title, nor a place's
        t = f"{lead} says he was kind. John Smith said he saw the crash."
        assert kinds(t, ("he was kind", "says", lead))[0][0] is None
    t = "The congresswoman says the bill will pass. John Smith said he saw it."  # not his
    assert kinds(t, ("the bill will pass", "says", "The congresswoman"))[0][0] is None


def test_a_watchdog_is_a_body():
    t = "The federal privacy watchdog says the app broke the law."
    got = kinds(t, ("the app broke the law", "says", "The federal privacy watchdog"))
    assert got == [(None, "organisation")]


def test_the_province_is_the_nearer_of_a_canadian_and_another():
    t = "Ontario signed a deal with Guangdong. Officials in the province said it would help."
    got = kinds(t, ("it would help", "said", "Officials in the province"))
    assert got[0][0] != "Ontario"


@needs_gender
def test_she_may_be_the_owner_named_in_full_only_later():
    t = (
        "In Foster’s book, The Long Road, she writes that she was told to stay quiet. Jane "
        "Foster, a former RCMP officer, said she stands by every word."
    )
    got = kinds(t, ("that she was told to stay quiet", "writes", "she"))
    assert got == [("Jane Foster", "person")]
    t = "In Foster’s book, The Long Road, he writes that he was told. Jane Foster spoke."
    assert kinds(t, ("that he was told", "writes", "he"))[0][0] != "Jane Foster"


def test_a_lead_title_after_a_dateline_or_a_province_is_the_person_named_next():
    rest = " says cases are falling. Dr. Bonnie Henry said the trend was fragile."
    for lead in (
        "VICTORIA — B.C.’s provincial health officer",
        "ST. JOHN’S, N.L. - The province’s top doctor",
        "P.E.I.’s chief public health officer",
    ):
        t = lead + rest
        got = _names(t, ("cases are falling", "says", lead))
        assert got == ["Bonnie Henry"], lead
    assert kind_of_name("B.C.") == "place" and kind_of_name("Que.") == "place"
    # a province's body, or its people, stay the body or a group
    t = "The province’s health ministry says cases are falling. Dr. Jo Li said so."
    got = kinds(t, ("cases are falling", "says", "The province’s health ministry"))
    assert got[0][0] != "Jo Li"


def test_a_place_before_an_mps_title_is_no_person():
    t = "A Nova Scotia MP says fishers need help. Liberal MP Kody Blois said the season was late."
    got = kinds(t, ("fishers need help", "says", "A Nova Scotia MP"))
    assert got == [("Kody Blois", "person")]
    assert kind_of_name("Jeremy Hunt MP") == "person"
    m = Mentions("A Nova Scotia MP spoke. Jeremy Hunt MP spoke.", None)
    assert [(x.name, x.kind) for x in m.mentions] == [
        ("Nova Scotia", "place"),
        ("Jeremy Hunt", "person"),
    ]


def test_a_surname_of_two_words_is_the_full_name_before_it():
    t = (
        "Michelle Rempel Garner said the plan was chaotic. “This minister has lost "
        "control,” Rempel Garner wrote."
    )
    got = kinds(t, ("“This minister has lost control,”", "wrote", "Rempel Garner"))
    assert got == [("Michelle Rempel Garner", "person")]
    # not a run that starts with no first name, nor two names of one person each
    t = "Hindu Hare Krishna devotees gathered. “We pray,” Hare Krishna said."
    assert _names(t, ("“We pray,”", "said", "Hare Krishna")) == ["Hare Krishna"]
    t = "Maria Jose Garner spoke. “We pray,” Jose Garner said."
    assert _names(t, ("“We pray,”", "said", "Jose Garner")) == ["Jose Garner"]


def test_a_provinces_minister_is_no_minister_of_another_government():
    t = (
        "Quebec’s health minister says the province will hire nurses. Christian Dubé told "
        "reporters the money was there. Federal Health Minister Mark Holland said Ottawa "
        "would help."
    )
    lead = "Quebec’s health minister"
    assert _names(t, ("the province will hire nurses", "says", lead)) == ["Christian Dubé"]
    # the province's own minister, named so, still fits
    t = "Quebec Health Minister Christian Dubé spoke. Later, Quebec’s health minister said no."
    assert _names(t, ("no", "said", lead)) == ["Christian Dubé"]


def test_the_company_is_the_one_named_before_over_one_named_after():
    t = (
        "Suncor Energy will cut 1,500 jobs, a day after rival Cenovus Energy reported "
        "profits. “It is hard,” Suncor CEO Rich Kruger said. The company said most cuts "
        "would be contractors."
    )
    got = _names(t, ("most cuts would be contractors", "said", "The company"))
    assert got == ["Suncor Energy"]  # the Suncor of "Suncor CEO", named in full before
    t = (
        "Nova Scotia Power wants a rate hike. The utility says coal costs more, in a filing "
        "with the Nova Scotia Utility and Review Board."
    )
    assert _names(t, ("coal costs more", "says", "The utility")) == ["Nova Scotia Power"]
    # ... nor one named between whose name holds the word before its kind
    t = (
        "Nova Scotia Power wants a rate hike. In its filing with the Nova Scotia Utility and "
        "Review Board, it says coal costs more. The utility says it will offer payment plans."
    )
    got = _names(t, ("a rate hike", "wants", "Nova Scotia Power"),
                 ("it will offer payment plans", "says", "The utility"))  # fmt: skip
    assert got == ["Nova Scotia Power"] * 2
    t = (
        "Halifax Regional Municipality and Nova Scotia Power are sharing the cost. “This is "
        "good for taxpayers,” the municipality said."
    )
    speaker = "the municipality"
    assert _names(t, ("“This is good for taxpayers,”", "said", speaker)) == [
        "Halifax Regional Municipality"
    ]
    t = (
        "The SITE Intelligence Group tracks extremists. Twitter said it suspended 125,000 "
        "accounts. The social media company said it acted fast."
    )
    got = _names(t, ("it suspended 125,000 accounts", "said", "Twitter"),
                 ("it acted fast", "said", "The social media company"))  # fmt: skip
    assert got == ["Twitter", "Twitter"]
    # no body of that kind named before: the one named after still fits
    t = "The utility says rates will rise. Nova Scotia Power filed on Monday."
    assert _names(t, ("rates will rise", "says", "The utility")) == ["Nova Scotia Power"]


def test_an_unnamed_one_in_the_lead_is_the_person_named_next_speaking():
    lead = "A local restaurant owner"
    t = f"{lead} says she is closing. “It breaks my heart,” Linda Nguyen wrote on Sunday."
    assert _names(t, ("she is closing", "says", lead)) == ["Linda Nguyen"]
    # not one who holds an office, nor after someone named, nor one named not speaking
    t = f"{lead} says she is closing. Mayor Amarjeet Sohi said the city would help."
    assert _names(t, ("she is closing", "says", lead)) == [None]
    t = f"Linda Nguyen cooks. {lead} says she is closing. Jo Li said it was sad."
    assert _names(t, ("she is closing", "says", lead)) == [None]
    t = f"{lead} says she is closing, after Jo Li raised the rent."
    assert _names(t, ("she is closing", "says", lead)) == [None]
    # the first one named after it, only: not a critic named after a minister
    t = ("A source says three hospitals will close. Health Minister Sylvia Jones declined to "
         "confirm. NDP critic France Gélinas said it was a disaster.")  # fmt: skip
    assert _names(t, ("three hospitals will close", "says", "A source")) == [None]


def test_a_player_described_by_position_is_the_player_who_spoke_before():
    t = (
        "Leon Draisaitl, who signed an extension last summer, agreed. “This group is "
        "hungry,” the German forward said."
    )
    got = kinds(t, ("“This group is hungry,”", "said", "the German forward"))
    assert got == [("Leon Draisaitl", "person")]
    t = "A Vietnam War combat veteran said the war changed him."
    got = kinds(t, ("the war changed him", "said", "A Vietnam War combat veteran"))
    assert got == [(None, "person")]


def test_a_role_after_a_sentence_about_someones_work_is_its_owner():
    t = (
        "Sarah Polley's new film, The Long Night, opened TIFF on Thursday. The Oscar-winning "
        "director said the film was inspired by her mother."
    )
    got = _names(t, ("the film was inspired by her mother", "said", "The Oscar-winning director"))
    assert got == ["Sarah Polley"]
    # a person that sentence starts with is still that person
    t = "Sarah Polley's sister, Jo Polley, spoke first. The director said it was fine."
    got = _names(t, ("it was fine", "said", "The director"))
    assert got != ["Sarah Polley"]


@needs_ner
def test_a_dateline_starts_a_line():
    t = "The meeting ended. NATO — the 32-member alliance — said talks would resume."
    out = resolve_speakers(
        t, [said(t, "talks would resume", "said", "NATO — the 32-member alliance —")], use_ner=True
    )
    assert out[0].speaker.resolved == "NATO"  # not "the 32-member alliance", unnamed


def test_a_places_title_fits_its_own_officials_however_written():
    for before, lead in (
        ("Israeli Prime Minister Benjamin Netanyahu", "Israel’s prime minister"),
        ("Provincial Health Minister Sylvia Jones", "Ontario’s health minister"),
        ("Federal Health Minister Mark Holland", "Canada’s health minister"),
        ("British Columbia Health Minister Adrian Dix", "B.C.’s health minister"),
    ):
        t = f"{before} spoke on Monday. Later, {lead} said the plan was sound."
        name = before.split(" Minister ")[1]
        assert _names(t, ("the plan was sound", "said", lead)) == [name], lead
    # an office in the lead is no doctor named next, but may be a Mr.
    t = "VICTORIA — B.C.’s premier says schools will reopen. Dr. Bonnie Henry said it was safe."
    assert _names(t, ("schools will reopen", "says", "VICTORIA — B.C.’s premier")) == [None]
    t = "The Prime Minister says the war must end. Mr Howard said Australia would help."
    assert _names(t, ("the war must end", "says", "The Prime Minister")) == ["Howard"]


def test_the_company_is_no_other_body_that_shares_a_word():
    t = (
        "Suncor Energy reported a spill. The energy regulator says it ordered a cleanup. "
        "The Alberta Energy Regulator issued the order."
    )
    got = _names(t, ("it ordered a cleanup", "says", "The energy regulator"))
    assert got == ["Alberta Energy Regulator"]
    t = (
        "Lululemon said it will stop selling on Amazon. Shares of Amazon fell. The company "
        "said fakes were a problem."
    )
    got = _names(t, ("it will stop selling on Amazon", "said", "Lululemon"),
                 ("fakes were a problem", "said", "The company"))  # fmt: skip
    assert got == ["Lululemon", "Lululemon"]
    t = (
        "The outage hit Amazon Web Services on Monday. Amazon CEO Andy Jassy apologized. "
        "The company said orders went on."
    )
    assert _names(t, ("orders went on", "said", "The company")) == ["Amazon"]


def test_the_one_named_after_an_unnamed_lead_must_be_introduced_so():
    for t, lead in (
        ("A B.C. man says he was scammed. His son, David Lee, said it was sad.", "A B.C. man"),
        ("An Oilers fan says she drove 12 hours. Connor McDavid said it was great.",
         "An Oilers fan"),
        ("A Halifax woman says she waited. Spokeswoman Jennifer Lewis said it was busy.",
         "A Halifax woman"),
        ("A Conservative MP says the tax must go. Pierre Poilievre said he agreed.",
         "A Conservative MP"),  # no gender said of the MP
    ):  # fmt: skip
        quote = t.split(" says ")[1].split(".")[0]
        assert _names(t, (quote, "says", lead)) == [None], t


def test_a_places_role_named_after_it_in_the_lead_is_the_person_named_next():
    for lead in ("The chief coroner for Ontario", "Ontario’s chief coroner"):
        t = f"{lead} says deaths are rising. Dr. Dirk Huyer said the trend was worrying."
        assert _names(t, ("deaths are rising", "says", lead)) == ["Dirk Huyer"], lead
    # a role that is no title, only for a place: not "The boy’s lawyer"
    t = "The boy’s lawyer says he is innocent. Jo Li said the trial was unfair."
    assert _names(t, ("he is innocent", "says", "The boy’s lawyer")) == [None]


def test_a_hall_of_famer_in_the_lead_is_the_person_named_next():
    lead = "The Hockey Hall of Famer"
    t = f"{lead} says the game has changed. Wayne Gretzky said kids should have fun."
    assert _names(t, ("the game has changed", "says", lead)) == ["Wayne Gretzky"]


def test_one_or_most_before_a_place_or_a_group_names_no_one():
    t = "Many voters are unhappy. One Ontario voter said she would stay home."
    assert kinds(t, ("she would stay home", "said", "One Ontario voter")) == [(None, "person")]
    t = "Polls are close. Most Millennials said they favour Sanders."
    assert _names(t, ("they favour Sanders", "said", "Most Millennials")) == [None]
    t = "The Black Lives Matter protests grew. Black Lives Matter said it would march."
    got = kinds(t, ("it would march", "said", "Black Lives Matter"))
    assert got == [("Black Lives Matter", "organisation")]
    # ... but a name that starts with "One" keeps it
    t = "Pauline Hanson spoke in Brisbane. One Nation said it would run candidates."
    got = kinds(t, ("it would run candidates", "said", "One Nation"))
    assert got == [("One Nation", "organisation")]


def test_a_body_in_apposition_or_before_which_is_a_body():
    t = "The heat failed. The building’s owner, Greenwin Corp., said a boiler had failed."
    got = kinds(t, ("a boiler had failed", "said", "The building’s owner, Greenwin Corp.,"))
    assert got == [("Greenwin Corp", "organisation")]
    t = "Workers walked out. The Common Front, which represents 420,000 workers, said no."
    got = kinds(t, ("no", "said", "The Common Front, which represents 420,000 workers,"))
    assert got == [("Common Front", "organisation")]
    # a body's name with a comma in it, or a person, stays as it was
    t = "The Committee on Civil Liberties, Justice and Home Affairs said no."
    speaker = "The Committee on Civil Liberties, Justice and Home Affairs"
    assert _names(t, ("no", "said", speaker)) != ["Justice and Home Affairs"]
    t = "Jo Smith, who runs the shop, said no."
    assert kinds(t, ("no", "said", "Jo Smith, who runs the shop,")) == [("Jo Smith", "person")]


def test_a_lead_role_is_only_the_first_one_named_after_by_name_alone():
    for t, lead in (
        ("Ontario’s chief coroner says deaths are rising. Emergency physician Dr. Jane Doe "
         "said the count was higher.", "Ontario’s chief coroner"),
        ("The chief coroner for Ontario says deaths are rising. NDP critic France Gélinas "
         "said it was a crisis.", "The chief coroner for Ontario"),
        ("The Hockey Hall of Famer says he is leaving. His longtime co-host, Ron MacLean, "
         "said the show would change.", "The Hockey Hall of Famer"),
        ("The lawyer for N.S. says the province acted lawfully. Lawyer Jo Smith, for the "
         "families, disagreed. Tom Ng said it was a whitewash.", "The lawyer for N.S."),
    ):  # fmt: skip
        quote = t.split(" says ")[1].split(".")[0]
        assert _names(t, (quote, "says", lead)) == [None], lead
    # past someone with another title
    t = ("The Prime Minister has backed the Governor-General, Dr Peter Hollingworth. But "
         "Mr Howard says he has confidence in him. “I trust him,” Mr Howard said.")  # fmt: skip
    assert _names(t, ("the Governor-General", "has backed", "The Prime Minister")) == ["Howard"]
    # a role "for" a place outside the lead is no one of that role named before
    t = ("Lawyer Sarah Kim argued the law was void. The lawyer for Ontario said the law was "
         "sound.")  # fmt: skip
    assert _names(t, ("the law was sound", "said", "The lawyer for Ontario")) == [None]


def test_a_body_in_apposition_after_someone_of_it_is_no_speaker():
    t = "Investors lost millions. A former director of the fund, Bridging Finance, said no."
    speaker = "A former director of the fund, Bridging Finance,"
    assert _names(t, ("no", "said", speaker)) == [None]
    t = "The board fired Nnamdi Okafor, which sparked protests. “It was unfair,” Okafor said."
    assert _names(t, ("“It was unfair,”", "said", "Okafor")) == ["Nnamdi Okafor"]


def test_a_place_named_with_and_is_no_pair_of_people():
    t = "Newfoundland and Labrador MP Ken McDonald told CBC that the tax hurt."
    speaker = "Newfoundland and Labrador MP Ken McDonald"
    assert kinds(t, ("that the tax hurt", "told", speaker)) == [("Ken McDonald", "person")]
    t = "Barack Obama spoke. Hillary Clinton spoke. Obama and Clinton said they agreed."
    assert _names(t, ("they agreed", "said", "Obama and Clinton")) == [
        "Barack Obama and Hillary Clinton"
    ]


def test_an_unnamed_lead_may_be_named_with_an_apposition_and_experts_are_people():
    lead = "A Montreal woman"
    t = (f"{lead} says she was refused service. Sophie Tremblay, who is blind, said the "
         "manager was rude.")  # fmt: skip
    assert _names(t, ("she was refused service", "says", lead)) == ["Sophie Tremblay"]
    # ... or speak with the cue before the name
    lead = "A Winnipeg man"
    t = (f"{lead} says he waited 14 hours in the emergency room. “I thought I was going to "
         "die,” said Jim Thompson, 67.")  # fmt: skip
    assert _names(t, ("he waited 14 hours", "says", lead)) == ["Jim Thompson"]
    t = (f"{lead} says he waited 14 hours in the emergency room. “It is a disgrace,” nurse "
         "Jim Thompson said.")  # fmt: skip
    assert _names(t, ("he waited 14 hours", "says", lead)) == [None]
    t = (f"{lead} says he waited 14 hours in the emergency room. “We are sorry,” said Paul "
         "Dennett, who runs the hospital.")  # fmt: skip
    assert _names(t, ("he waited 14 hours", "says", lead)) == [None]
    t = ("Dr. Isaac Bogoch said the risk was low. “Most people recover,” the infectious "
         "disease specialist said.")  # fmt: skip
    speaker = "the infectious disease specialist"
    assert _names(t, ("“Most people recover,”", "said", speaker)) == ["Isaac Bogoch"]


def test_the_title_a_lead_gave_someone_named_after_it_is_theirs_later():
    lead = "Quebec’s health minister"
    t = (f"{lead} says the province will hire nurses. Christian Dubé made the announcement "
         "on Tuesday. “We have heard the nurses,” Dubé said. Opposition health critic Marwah "
         "Rizqy said the plan came too late. Later, the minister said he would meet the "
         "union.")  # fmt: skip
    got = _names(t, ("the province will hire nurses", "says", lead),
                 ("“We have heard the nurses,”", "said", "Dubé"),
                 ("the plan came too late", "said", "Opposition health critic Marwah Rizqy"),
                 ("he would meet the union", "said", "the minister"))  # fmt: skip
    assert got == ["Christian Dubé", "Christian Dubé", "Marwah Rizqy", "Christian Dubé"]


def test_a_lead_title_is_the_one_named_next_who_speaks_by_surname_later():
    lead = "Quebec’s premier"
    t = (f"{lead} says there will be no referendum. François Legault made the comment at a "
         "convention. “I’m kidding,” Legault said.")  # fmt: skip
    assert _names(t, ("there will be no referendum", "says", lead)) == ["François Legault"]
    # not when someone else speaks by that name
    t = (f"{lead} says there will be no referendum. François Legault made the comment at a "
         "convention. “He’s kidding,” Paul Tremblay said.")  # fmt: skip
    assert _names(t, ("there will be no referendum", "says", lead)) == [None]
