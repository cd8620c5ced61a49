"""Who a pronoun at a speaker means: "he"/"she", "it", "who" and "which".

:func:`pronoun` finds the person "he"/"she" means: the person the sentence before starts
with when the pronoun opens its own sentence's story ("Oz has been dogged by charges.
He has promoted ...") or follows a quotation that opens it, the same person as an "He"
opening its own sentence, the subject for "whom he" and for "Mr Downer says ..., but
he", the unnamed subject of "A spokeswoman for the minister said ... She added", else
the nearest earlier speaker or person of that gender (an earlier speaker first, by
``SPEAKER_PREFERENCE_CHARS``; the speaker a sentence ends with, "..., said Ken
McReddie.", before whom they spoke of).
:func:`it_subject` finds the body "it" means by the subject of its sentence or the one
before. :func:`relative` finds the name "who"/"which" follows ("Cruz, who"). Used by
:mod:`quoteattr.speakers.resolve`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import Any

from ..schema import Span
from . import entities
from .descriptions import (
    CAMPAIGN,
    Ref,
    campaign_of,
    earlier_refs,
    named,
    norm,
    person_described,
    singular,
)
from .lexicon import (
    DEMONYMS,
    DETERMINERS,
    GENDER_OF,
    GROUP_WORDS,
    NOT_NAMES,
    ORG_HEADS,
    PRONOUNS,
    QUOTED_DOCUMENTS,
    WORK_WORDS,
)
from .mentions import AGE_AFTER, KIN_WORD, PERSON_WORDS, Mention, Mentions
from .runs import (
    LOOK_BACK_CHARS,
    POSSESSIVE,
    gender_of_words,
    key,
    kind_of_name,
    names_a_person,
    person_name,
    sentence_start,
    words_of,
)

AFTER_PREPOSITION = re.compile(
    r"\b(?:in|at|from|of|to|near|for|on|by|with|into|against|about|like)\s+(?:the\s+)?$", re.I
)
# he/she means an earlier speaker before a person merely mentioned up to this many
# characters nearer (tuned on real news: 0.737 -> 0.759 right speaker on PolNeAR tune)
SPEAKER_PREFERENCE_CHARS = 500
# How far back "he"/"she" looks for the person meant: far enough for any article, and a
# bound on the work per pronoun in a long transcript with thousands of them
PRONOUN_REACH = 10_000
# How far back "the same sentence" reaches, so that text without sentence breaks (a
# transcript, a list) costs no more per pronoun than a long sentence
SENTENCE_CHARS = 500
# How far back a surname alone ("Trump opens his mouth") is a person "he" may mean
SURNAME_CHARS = 1500
SURE_CHARS = 300  # how far before a name of unsure gender a pronoun prefers a sure one


def pronoun(m: Mentions, speaker: Span, seen: list[Ref], gender: str) -> Ref | None:
    """The person "he"/"she" at ``speaker`` means, or None: the nearest person of that
    gender named earlier in its sentence (by a full name, or a surname alone), else the
    nearest earlier speaker or mentioned person of that gender with evidence of being a
    person (see :meth:`Mentions.is_person`), else the nearest without ("Thabo Khumalo")."""
    back = max(0, speaker.start - PRONOUN_REACH)
    people = [  # "Obama" only as "President Obama"
        x
        for x in m.within(back, speaker.start)[::-1]
        if x.kind == "person"
        and not x.quoted
        and (" " in x.name or x.roles & PERSON_WORDS)
        and not m.is_thing(x.name)
    ]
    mentions = [x for x in people if not _possessive(m.text, x.end)]
    evidenced = [x for x in mentions if m.is_person(x)]
    # without evidence, not after a preposition: "in Fort Wayne", "of Crosscut Strategies"
    # nor a name whose last word the article writes in lower case ("Dairy Farmers" where
    # "the farmers" were named): a plain noun, not a person
    mentions = [
        x
        for x in mentions
        if not _passed_over(m.text, x.start) and key(x.name.split()[-1]) not in m.lower_words
    ]
    earlier = [
        s
        for s in earlier_refs(seen, speaker.start)
        if s.start >= back and s.kind == "person" and not (s.name and m.is_thing(s.name))
    ]
    start = sentence_start(m.text, speaker.start)
    lead = LEAD.match(m.text, start, speaker.start)
    at = lead.end() if lead else start
    first = re.match(r"[A-Za-z]+\b", m.text[at : speaker.start])
    if first and GENDER_OF.get(key(first.group(0))) == gender:
        # "He agreed that Trump may struggle, but he said": the sentence's own "He"
        found = pronoun(m, Span(at, at + first.end(), first.group(0)), seen, gender)
        return None if found is None else dataclasses.replace(found, start=speaker.start)
    but = m.text[max(at, speaker.start - 5) : speaker.start].rstrip().endswith("but")
    said = but and SAYS_BUT.match(m.text, at, speaker.start)
    if said:
        # "Mr Crean says he is not calling on Dr Hollingworth to resign but he says": the
        # one who says, not whom they spoke of
        name = _first_person(m, at, min(speaker.start, at + SUBJECT_CHARS), evidenced, gender)
        ends = [x.end for x in m.within(at, speaker.start) if x.name == name]
        if name and m.fits(name, gender) and ends and ends[0] == said.start(1):
            m.heard(name, gender)
            return Ref(speaker.start, name, "person", ("name", norm(name)), gender)
    if WHOM.search(m.text, max(start, speaker.start - 8), speaker.start):
        # "Perez hammered Trump, whom he described as": the sentence's subject
        name = _first_person(m, at, min(speaker.start, at + SUBJECT_CHARS), evidenced, gender)
        if name and name != UNNAMED and m.fits(name, gender):
            m.heard(name, gender)
            return Ref(speaker.start, name, "person", ("name", norm(name)), gender)
    subject = _subject(m, speaker, evidenced, gender, earlier)
    if subject is not None:
        return subject
    # "Matt Lauer faced criticism after he"
    start = max(sentence_start(m.text, speaker.start), speaker.start - SENTENCE_CHARS)
    in_sentence = [x for x in mentions if x.start >= start]
    surnames = _surnames(m, start, speaker.start)  # of full names: shown to be people's
    shown = [x for x in in_sentence if m.is_person(x)] + surnames
    found = _nearest(m, speaker, shown, gender) or _nearest(
        m, speaker, in_sentence + surnames, gender
    )
    if found is not None:
        return found
    surnames = _surnames(m, max(back, speaker.start - SURNAME_CHARS), start, known=True)
    found = _nearest(m, speaker, [*evidenced, *earlier, *surnames], gender) or _nearest(
        m, speaker, mentions, gender
    )
    if found is not None:
        return found
    owners = [  # "Margaret Atwood's new novel ... She said": no one else to mean
        x for x in people if " " in x.name and _possessive(m.text, x.end) and m.is_person(x)
    ]
    found = _nearest(m, speaker, owners, gender)
    if found is not None:
        return found
    # No one fits: the nearest person, when only first-name statistics said otherwise, and
    # not for sure, and no one else is named in between, is who the article says "she" of
    # ("Ryan Caldwell ... She added"; but never "Angela Merkel ... he").
    candidates = sorted([*evidenced, *earlier], key=lambda r: -r.start)
    nearest = candidates[0] if candidates else None
    if (
        nearest is not None
        and nearest.name
        and m.unsure(nearest.name)
        and not _named_between(m.text, nearest.start, speaker.start, nearest.name)
    ):
        m.set_gender(nearest.name, gender, "pronoun")
        return Ref(speaker.start, nearest.name, "person", ("name", norm(nearest.name)), gender)
    # "In Foster’s book, The Long Road, she writes ... Jane Foster, a former officer": a
    # surname owning something earlier in the sentence, named in full only later
    for owner in reversed(list(OWNER_BEFORE.finditer(m.text, start, speaker.start))):
        full = m.later_person(owner.group(1), speaker.end, gender)
        if full is not None and entities.is_first_name(full.split()[0]):  # not "Given Obama"
            return Ref(speaker.start, full, "person", ("name", norm(full)), gender)
    return None


OWNER_BEFORE = re.compile(rf"\b([A-Z][\w\-]+){POSSESSIVE}(?![\w’'])")  # "Foster’s"


def role_subject(m: Mentions, speaker: Span, gender: str | None) -> Ref | None:
    """Who "the premier" (a role, opening its sentence) means when no earlier speaker
    is so described: the person the sentence before starts with ("Rachel Notley toured
    the site. The NDP leader said ..."), even when someone else spoke last."""
    back = max(0, speaker.start - SENTENCES_BACK * LOOK_BACK_CHARS)  # as far as _subject looks
    people = [  # a full name will do, first name known or not ("Chrystia Freeland met")
        x
        for x in m.within(back, speaker.start)
        if x.kind == "person"
        and not x.quoted
        and (m.is_person(x) or " " in x.name and kind_of_name(x.name) == "person")
        and not m.is_thing(x.name)
    ]
    found = _subject(m, speaker, people, gender)
    if found is None or found.name is None:  # not "A spokeswoman said ... The NDP leader"
        return None
    return Ref(found.start, found.name, "person", found.key, gender)


def _surnames(m: Mentions, start: int, end: int, known: bool = False) -> list[Mention]:
    """People named by a surname alone in ``[start, end)``, outside quotations and not as
    owners ("Romney was never able to shake ... his"), as mentions of their full names;
    with ``known``, only full names that start with a known first name ("Super Tuesday"
    and "Had Sanders" are no one's)."""
    taken = m.within(start, end)
    out = []
    for word in CAPITALISED_WORD.finditer(m.text, start, end):
        at, found = word.start(), word.group(0)
        if any(x.start <= at < x.end for x in taken) or key(found) in NOT_NAMES | PRONOUNS:
            continue
        if _possessive(m.text, word.end()) or m.quotation_at(at) is not None:
            continue
        if not _passed_over(m.text, at):
            full = m.person(found, word.end(), surname_only=True)
            if known and full is not None and not _known_first_name(full):
                continue
            if full is not None and not m.is_thing(full):
                out.append(Mention(at, word.end(), full, "person", frozenset(), frozenset(), False))
    return out


def _passed_over(text: str, at: int) -> bool:
    """Whether the name at ``at`` follows a preposition, so that the sentence only passes
    it ("in Fort Wayne", "Campaigning against Mitt Romney"); not "As for Trump, he"."""
    return bool(
        AFTER_PREPOSITION.search(text, max(0, at - 12), at)
        and not AS_FOR.search(text, max(0, at - 8), at)
    )


def _known_first_name(name: str) -> bool:
    first = name.split()[0]
    return bool(entities.is_first_name(first)) and key(first) not in NOT_NAMES


def _owner(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` is a possessive, not "’s" for "has" or "is"
    ("Christie's been making the case")."""
    return _possessive(text, end) and not CONTRACTED.match(text, end + 2)


def _possessive(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` is a possessive ("Atwood’s novel")."""
    return text[end : end + 1] in ("’", "'")


SUBJECT_CHARS = 60  # the subject of a sentence is named within its first characters


def previous_sentence(text: str, start: int) -> int:
    """Where the sentence before the one at ``start`` starts, past the blank lines
    between paragraphs."""
    end = len(text[:start].rstrip().rstrip("”\"’)'"))  # "... was “fair.”": before the ”
    return sentence_start(text, max(0, end - 1))


SENTENCES_BACK = 3  # "Scott says ... He helped shape ... And he sponsored": Scott


def _subject(
    m: Mentions,
    speaker: Span,
    people: Sequence[Any],
    gender: str,
    earlier: Sequence[Ref] = (),
) -> Ref | None:
    """Who "he"/"she" means when it opens its sentence's story (no quotation and no one
    named before it in its sentence), or follows a quotation that opens it ("Sanders
    wasn't impressed. “No one has been charged,” he noted"): the person the sentence
    before starts with, if of that gender ("Oz has been dogged by charges. He has
    promoted ..."), not the last one it mentions; past sentences that start with the
    same pronoun."""
    start = sentence_start(m.text, speaker.start)
    inside = m.quotation_at(start)  # "“The centers are a disgrace. They keep ...,” he said"
    if inside is not None and inside[0] < start:
        start = sentence_start(m.text, inside[0])
    between = m.text[start : speaker.start]
    quoted = QUOTATION_BEFORE.fullmatch(between)  # "“No one has been charged,” he noted"
    if not quoted and re.search(r"[“”\"]|''", between):
        return None
    named = [x for x in m.within(start, speaker.start) if not (quoted and x.quoted)]
    if named or start == 0 or not quoted and any(x.start >= start for x in people):
        return None
    if not quoted and _surnames(m, start, speaker.start):
        return None  # "During an interview, Trump was talking when he"
    speakers = frozenset(  # "Cruz openly admitted", not "Aides said"
        s.name
        for s in earlier
        if s.name
        and " " not in s.name
        and s.name.lower() not in m.lower_words
        and not names_a_person(singular(key(s.name)))
    )
    for _ in range(SENTENCES_BACK):
        previous = previous_sentence(m.text, start)
        if re.match(r"\s*(?:[“”\"]|'')", m.text[previous:start]):
            return None  # a quotation's sentence: its speaker is found as for any pronoun
        lead = LEAD.match(m.text, previous, start)  # the subject comes after it
        end = min(start, (lead.end() if lead else previous) + SUBJECT_CHARS)
        name = _first_person(m, previous, end, people, gender, speakers)
        if name == UNNAMED:  # "A spokeswoman for the minister said ... She added": her,
            # unless the role says no gender and someone named there may be meant ("A
            # reporter asked Sanders how he was. He replied")
            role = ROLE_SUBJECT.match(m.text, previous, end)
            others = [x for x in m.within(previous, start) if x in people]
            others += [x for x in _surnames(m, previous, start) if m.fits(x.name, gender)]
            if gender_of_words([role.group(2)]) == gender or not others:
                spoke = [s for s in earlier if previous <= s.start < start]
                said = spoke[0] if spoke else None
                if said is None:
                    return Ref(speaker.start, None, "person", ("span", previous), gender)
                name = said.name if said.kind == "person" else None  # not "Veterans Affairs"
                return Ref(speaker.start, name, "person", said.key, gender)
            name = None
        inverted = INVERTED_CUE.search(m.text, previous, start)  # "..., said Ken McReddie."
        if inverted and any(inverted.start() <= s.start < start for s in earlier):
            return None  # that speaker, not whom they spoke of, is the nearest speaker
        if quoted and any(previous <= s.start < start for s in earlier):
            # someone spoke there: only a subject who spoke ("Sanders supports ... “It is
            # a disgrace,” he"), not one another speaker quoted ("Cruz is right, Viguerie
            # argues. “Cruz is our best debater,” he"), for whom the nearest speaker
            if not any(previous <= s.start < start and s.name == name for s in earlier):
                return None
            if m.unsure(name):
                m.heard(name, gender)
        if name != "" or previous == 0:
            break
        start = previous
    if name and not (m.fits(name, gender) or m.unsure(name)):
        # "Mrs. Clinton will face the fire Mr. Obama has. He noted": the one person of that
        # gender the sentence names, when its subject is not of it
        others = {x.name for x in m.within(previous, start) if x in people and not x.quoted}
        others |= {x.name for x in _surnames(m, previous, start)}
        fit = [o for o in others if o != name and m.genders.get(o) == gender]
        if len(fit) != 1:
            return None
        name = fit[0]
    if not name:
        return None  # the subject says "he" of "Bernie Sanders" over the statistics
    m.heard(name, gender)
    return Ref(speaker.start, name, "person", ("name", norm(name)), gender)


UNNAMED = "?"  # what _first_person says of someone new and unnamed: "A spokeswoman said"


def _first_person(
    m: Mentions,
    start: int,
    end: int,
    people: Sequence[Any],
    gender: str,
    speakers: frozenset[str] = frozenset(),
) -> str | None:
    """The person first named in ``[start, end)``, by a name or a surname alone ("For
    years, Oz has ..."), or by the one-word name of an earlier speaker in ``speakers``
    ("Cruz openly admitted"); "" when "he"/"she" of ``gender`` comes first (the same
    person as before); None when another pronoun or anything else named comes first
    ("Trump said praise from Vladimir Putin" is Trump, but "they" or "the Fair
    Sentencing Act" no one). A name that qualifies another is skipped ("McConnell
    spokesman Don Stewart", "the Sandy Hook shootings")."""
    mentions = {x.start: x for x in m.within(start, end + 200)}
    role = ROLE_SUBJECT.match(m.text, start, end)
    if role and names_a_person(singular(key(role.group(2)))):
        # "The securities analyst decided to fight back. He sued": the one named before;
        # "A spokeswoman said ... She added": someone new, named nowhere
        said = gender_of_words([role.group(2)])
        if said not in (None, gender):
            return None
        return "" if role.group(1).lower() == "the" else UNNAMED
    lead = LEAD.match(m.text, start, end)  # "In his response, Mr. Coll said"
    skipped = lead.end() if lead else start  # a mention passed over: its words are too
    owner = None  # the first person named as an owner ("Mr. Sanders's proudest moments")
    for word in re.finditer(r"[\w’'\-]+", m.text[start:end]):
        at, found = start + word.start(), word.group(0)
        if at < skipped:
            continue
        if at in mentions:
            skipped = mentions[at].end
        if key(found) == "it" and EXPLETIVE.match(m.text, at + len(found)):
            continue  # "when it comes to", "it is the losses that"
        if key(found) in PRONOUNS:
            if key(found) in ("his", "her") and KIN_NAMED.match(m.text, at + len(found)):
                continue  # "Her daughter, Anika, agreed": Anika, whoever "her" is
            if GENDER_OF.get(key(found)) != gender:
                if key(found) in ("his", "her") and re.match(r" [a-z]", m.text[at + 3 : at + 5]):
                    continue  # "Her husband, Tom, agrees": whom it names may be meant
                return None
            # "Mr. Obama's bet is that his rules ... He says": the owner the pronoun means
            return owner if owner and m.fits(owner, gender) else ""
        found = re.sub(r"[’']s$", "", found)  # "Christie's been making the case"
        if _owner(m.text, at + len(found)):
            if owner is None and found[:1].isupper():
                owner = m.person(found, at + len(found), surname_only=True)
                if owner is None and (found in m.titled_people or found in speakers):
                    # "Mr. Obama's bet", where no full name is given; "Mr. Ban's watch"
                    owner = m.person(found, at + len(found)) or found
            elif owner is None and re.search(r"\bthe $", m.text[max(0, at - 4) : at], re.I):
                # "The president's Pacific roots ...": the president named before
                described = person_described(m, at, at + len(found), ["the", found])
                owner = described.name if described is not None else None
            continue  # "Holt’s colleague Matt Lauer"
        after = m.text[mentions[at].end if at in mentions else at + len(found) :]
        qualifier = QUALIFIER.match(after)
        if found[:1].isupper() and qualifier and names_a_person(key(qualifier.group(1))):
            continue  # "McConnell spokesman Don Stewart"
        if at in mentions and re.search(r"\bthe $", m.text[max(0, at - 4) : at], re.I):
            if re.match(r"\s+[a-z]", after) and not mentions[at].roles & PERSON_WORDS:
                continue  # "the Sandy Hook shootings"
        if AFTER_PREPOSITION.search(m.text, max(0, at - 12), at) and found[:1].isupper():
            body = found.isupper() or at in mentions and mentions[at].kind in ("org", "place")
            if body:
                continue  # "the documentary that premiered at TIFF, director Alanis ..."
            if TITLED_OWNER.match(m.text, at):
                continue  # "when it comes to Mr. Sanders's proudest moments": his
            if not AS_FOR.search(m.text, max(0, at - 8), at):  # "As for Trump, he said"
                return None  # "Campaigning against Mitt Romney, he", "People like Scott, he"
        if at in mentions and _owner(m.text, mentions[at].end):
            if owner is None and m.is_person(mentions[at]):  # "Gary Johnson’s doctor is"
                owner = mentions[at].name
            continue  # "Jo Smith’s colleague Tom Brown"
        if at in mentions and mentions[at].kind == "place":
            if re.match(r"\s+[a-z]", m.text[mentions[at].end :]):
                continue  # "Former Pennsylvania governor Ed Rendell"
        if at in mentions:
            if mentions[at] not in people:  # "Sarah Polley's new film, The Long Night,
                thing = owner and m.is_thing(mentions[at].name) and m.fits(owner, gender)
                return owner if thing else None  # opened TIFF. The director said": hers
            name = mentions[at].name
            if " " not in name and re.search(r"\b(?:Sir|Dame) $", m.text[max(0, at - 5) : at]):
                return m.person(name, mentions[at].end) or name  # "Sir Allan": Allan Kemakeza
            return name
        if found[:1].isupper() and not found.isupper() and key(found) not in NOT_NAMES:
            full = m.person(found, at + len(found), surname_only=True)
            if full is None and (found in m.titled_people or found in speakers):
                full = found  # "Domestically, Obama has", where "President Obama" is named
            if full is None and _first_name_alone(m, found, at, gender):
                full = found  # "Her husband, Tom, agrees", "Liam, 12, plays hockey"
            if full is not None and not _owner(m.text, at + len(found)):
                return full
    return owner  # no one else: the owner is who the sentence is about


def _first_name_alone(m: Mentions, word: str, at: int, gender: str) -> bool:
    """Whether ``word`` at ``at`` names a person of ``gender`` by a first name alone: in
    apposition or before an age ("Her husband, Tom, agrees", "Liam, 12, plays"), one that
    first-name statistics give that gender for sure, not a place ("Virginia") and not a
    word the text also writes in lower case ("Will", "Rich")."""
    return (
        m.text.startswith(", ", at + len(word))
        and (m.text[max(0, at - 2) : at] == ", " or AGE_AFTER.match(m.text, at + len(word)))
        and entities.first_name_sure(word)
        and entities.first_name_gender(word) == gender
        and kind_of_name(word) == "person"
        and word.lower() not in m.lower_words
    )


def _nearest(m: Mentions, speaker: Span, refs: Sequence[Any], gender: str) -> Ref | None:
    """The nearest of ``refs`` (earlier speakers, as :class:`Ref`, come first by
    ``SPEAKER_PREFERENCE_CHARS``) that may be of ``gender``, as a reference at ``speaker``."""
    bonus = {True: SPEAKER_PREFERENCE_CHARS, False: 0}
    ordered = sorted(refs, key=lambda r: -(r.start + bonus[isinstance(r, Ref)]))
    for i, ref in enumerate(ordered):
        if ref.name is None:  # an unnamed speaker ("one woman")
            if getattr(ref, "gender", None) in (None, gender):
                return Ref(speaker.start, None, "person", ref.key, gender)
            continue
        if m.fits(ref.name, gender):
            ref = _sure_before(m, ref, ordered[i + 1 :], gender)
            m.heard(ref.name, gender)  # "she" said it: she is female
            return Ref(speaker.start, ref.name, "person", ("name", norm(ref.name)), gender)
    return None


def _sure_before(m: Mentions, ref: Any, further: Sequence[Any], gender: str) -> Any:
    """A person of ``gender`` for sure named up to ``SURE_CHARS`` before the mention
    ``ref``, when only first-name statistics say "mostly" of ``ref``'s gender ("When
    Clinton challenges Sanders ..., she": not "Bernie"); else ``ref``. Not over an earlier
    speaker ("Walsh said ... he told")."""
    if isinstance(ref, Ref) or m.genders.get(ref.name) != gender or not m.unsure(ref.name):
        return ref
    for r in further:
        if r.name and r.start >= ref.start - SURE_CHARS and m.genders.get(r.name) == gender:
            if not m.unsure(r.name):
                return r
    return ref


def relative(m: Mentions, speaker: Span, word: str) -> Ref | None:
    """Who "who"/"which" means: the name just before it ("Cruz, who"), not a place."""
    before = m.before(speaker.start)
    if before and re.fullmatch(r"[\s,]*", m.text[before[0].end : speaker.start]):
        near = before[0]
        if near.kind == "place" or (word == "who" and near.kind == "person" and near.quoted):
            return None  # "Democrats on Capitol Hill, who"
        return named(speaker.start, near.name, near.kind)
    near_text = m.text[max(0, speaker.start - 40) : speaker.start]
    surname = re.search(r"\b([A-Z][\w’'\-]+),?\s*$", near_text)
    if word == "who" and surname:  # a surname alone: "Stumpf, who"
        full = m.person(surname.group(1), speaker.start, surname_only=True)
        if full:
            return named(speaker.start, full, "person")
        alone = person_name(surname.group(1))
        if alone and kind_of_name(alone) == "person" and key(alone) not in NOT_NAMES:
            if not common_word(m, surname.start(1) + max(0, speaker.start - 40), alone):
                return named(speaker.start, alone, "person")  # "endorses Trump, who"
    return None


# A sentence that is a quotation up to the pronoun of its cue ("“No one has,” he said")
# A sentence that ends with its cue and speaker: "Hawthorne had been ill, said Ken McReddie.",
# "Grassley is in trouble, Tester said."
INVERTED_CUE = re.compile(
    r", (?:(?:said|says|added|adds|according to) [^,.;“”\"]{2,60}"
    r"|[A-Z][^,.;“”\"]{1,60} (?:said|says|added|adds))[.!?]\s*\Z"
)
QUOTATION_BEFORE = re.compile(r"\s*(?:“[^“”]*”|\"[^\"]*\"|''(?:(?!'').)*'')[,\s]*")
# A sentence opening with a person described: "The retired neurosurgeon has", "A lawyer"
# A word that may be a verb after a subject: "says", "reported", "said", "has", "will"
VERB = r"(?:[a-z]+(?:s|ed)|said|told|wrote|has|had|is|was|will|would|can|could|also|then|now)"
KIN_NAMED = re.compile(rf" (?:[a-z\-]+ )?{KIN_WORD},? [A-Z]")  # " daughter, Anika"
ROLE_SUBJECT = re.compile(  # "The securities analyst decided", "A spokesperson for VAC said"
    rf"(The|A|An)\s+(?:[\w\-]+\s+){{0,4}}?([a-z][\w\-]*)"  # "The former New Mexico governor"
    rf"(?:\s+(?:for|of|at|with)\s+(?:the\s+)?(?:[A-Z][\w\-.’']*\s+){{1,5}}?[A-Z][\w\-.’']*)?"
    rf"\s+{VERB}\b"
)
CONTRACTED = re.compile(r"\s+(?:been|got|not|never|going|also|already)\b")  # "Christie's been"
QUALIFIER = re.compile(r"\s+([a-z]+),?\s+[A-Z]")  # "McConnell spokesman Don Stewart"
EXPLETIVE = re.compile(r"\s+(?:is|was|comes|came|seems|seemed|appears|appeared)\b")
TITLED_OWNER = re.compile(r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov)\.? [A-Z][\w\-]*[’']s?\b")
WHOM = re.compile(r"\bwhom\s+$")
# A sentence's subject, its cue, and "but he": "Mr Downer says ..., but he is hopeful"
SAYS_BUT = re.compile(
    r"[^.!?;“”\"]*?( (?:says|said|has said|told [A-Z][\w ]{0,40}?|believes|admits)) "
    r"[^.!?;“”\"]*,?\s+but\s+\Z"
)
# A sentence's opening phrase before its subject: "In a blog post on Friday, ", "But "
LEAD = re.compile(
    r"(?:(?:In|On|At|Over|Just|Now|Earlier|Later|Last|During|For|Still|Even"
    r"|Meanwhile|However|Instead|[A-Z][a-z]+ing)\b[^,.!?;:“”\"]{0,60},\s+|[A-Z][a-z]+ly,\s+"
    r"|(?:When|While|Whereas|Although|Though|Because|If|Once|Unless|Until|After|Before|Since)\b"
    r"(?:[^.!?;:]|(?<=[A-Z])\.){0,160}?,[”\"]?\s+)?"  # "When Maddow said “...,” Clinton"
    r"(?:(?:But|And|Yet|So|Or)\s+)?(?:(?:however|though|too|also),\s+)?"
)
SPEAKING_THINGS = ("org", "document")
NUMBER = re.compile(
    r"\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty"
    r"|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|dozens?)\b"
)
OWN_SUBJECT_CHARS = 120  # "it" further into its sentence may mean anything named there
AS_FOR = re.compile(r"\b[Aa]s for (?:the )?$")
OTHER_CLAUSE = re.compile(r"\b(?:but|while|although|because|whereas|and)\b|;")
# A capitalised subject and its verb: "Twitter said", "The Fed does", "The Post reported"
# (not "The Arizona case faces", "Documents from", "Shortly after")
SUBJECT_RUN = re.compile(
    rf"(?:The )?((?:[A-Z][\w&’'\-]*\s)*[A-Z][\w&’'\-]*)(?![\w’'])(?=,?\s+{VERB}\b)"
)
SUBJECT_DESCRIPTION = re.compile(r"(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat|[Ii]ts)\s+[a-z]")


def it_subject(
    m: Mentions, speaker: Span, seen: list[Ref]
) -> Ref | tuple[int, list[str]] | None | bool:
    """What "it" means by its sentence's subject ("Twitter said that it had", "Forbes
    magazine started the craze when it published"), or, when "it" opens its sentence or
    follows a quotation that does, by the sentence before's ("Twitter said on Friday ...
    It added"): the organisation so named; the organisation or document that spoke in
    the sentence before ("The Islamic State called for attacks, according to the SITE
    Intelligence Group. It said"; "..., the email read. It stated": that email, unnamed);
    ``(start, words)`` when it is a body described ("The city sent a letter. It says"),
    for the description to be resolved; None when it is another description ("The
    report also provided ... It said": no one named); False when the subject says
    nothing (a person, or no subject found), for the nearest organisation to decide."""
    start = sentence_start(m.text, speaker.start)
    lead = LEAD.match(m.text, start, speaker.start)
    quoted = QUOTATION_BEFORE.fullmatch(m.text, start, speaker.start)  # "“...,” it said"
    if quoted or lead and lead.end() == speaker.start:  # "It said", "In a statement, it"
        for _ in range(SENTENCES_BACK):
            if start == 0:
                return False
            end, start = start, previous_sentence(m.text, start)
            spoke = [r for r in earlier_refs(seen, end) if r.kind in SPEAKING_THINGS]
            spoke = [r for r in spoke if r.start >= start]
            if spoke:  # "The Immigration Department says ... at the Woomera Detention
                # Centre ... It says": the body that spoke, not the one it spoke of; "...,
                # the email read. It stated": that email, named nowhere
                last = max(spoke, key=lambda r: r.start)
                return dataclasses.replace(last, start=speaker.start)
            found = _thing_subject(m, start)
            if found != "it":
                return found
        return False
    clause = m.text[start : speaker.start]
    if speaker.start - start > OWN_SUBJECT_CHARS or OTHER_CLAUSE.search(
        re.sub(r"(?:,?\s*\b(?:but|and)\s*)$", "", clause)  # "The report cheered, but it"
    ):
        return False  # "Cuba released him, but the administration insisted ... it"
    found = _thing_subject(m, start)
    return False if found == "it" else found


def _thing_subject(m: Mentions, start: int) -> Ref | tuple[int, list[str]] | None | bool | str:
    """The subject of the sentence at ``start`` as :func:`it_subject` reads it; "it"
    when that subject is "it" again."""
    lead = LEAD.match(m.text, start)
    at = lead.end() if lead else start
    if m.quotation_at(at) is not None:
        return False
    if re.match(r"[Ii]ts?\b", m.text[at : at + 3]):
        return "it"
    if SUBJECT_DESCRIPTION.match(m.text, at):  # "The report", "The city": a description
        words = m.text[at : at + 60].split()[:4]
        for n in range(len(words), 1, -1):  # "The social media company" -> its body
            if all(w.islower() for w in words[1:n]) and key(words[n - 1]) in ORG_HEADS:
                return at, words[:n]
        things = {singular(key(w)) for w in words[1:]} & (QUOTED_DOCUMENTS | WORK_WORDS)
        if key(words[0]) in ("a", "an") and not things:
            return False  # "A massive wall of water hit": new, and nothing that speaks
        return None  # "The report", "The inquiry", "a new strategy document": no one named
    campaign = CAMPAIGN.match(m.text, at)
    if campaign:  # "The Clinton campaign is braced for a fight it expects": the campaign
        return campaign_of(m, campaign, at)
    subject = next((x for x in m.within(at, at + 80) if x.start - at <= 4), None)
    asked = _asked_for_comment(m, subject.end if subject else at)
    if asked is not None:  # "Global News reached out to Loblaw for comment."
        return asked
    if subject is None:  # "Twitter said", "The Post reported": a body, unless a person's
        run = SUBJECT_RUN.match(m.text, at)
        name = run and run.group(1)
        if not name or re.search(r"[’']s?$", name) or _possessive(m.text, run.end()):
            return False  # "WikiLeaks's approach", "The Arizona case faces"
        first = key(name.split()[0])
        if first in NOT_NAMES | PRONOUNS | DEMONYMS or name.split()[0].lower() in m.lower_words:
            return False  # "Recently", "All in all", "Japanese reviewers"
        if first.endswith("s") and names_a_person(singular(first)) or first in GROUP_WORDS:
            return False  # "Voters rallied", "Analysts said"
        if NUMBER.match(first):
            return False  # "Twenty-two buildings have been destroyed"
        if entities.is_first_name(name.split()[0]) or m.person(name, run.end()):
            return False
        return named(at, _fuller(m, name), "org")  # "The Post": the Washington Post
    if subject.kind == "place":
        return False
    if subject.kind == "person" and (m.is_person(subject) or m.is_thing(subject.name)):
        return False
    kind = "group" if subject.kind == "group" else "org"
    return named(at, subject.name, kind)


# A newsroom asking a body for comment: "Global News reached out to Loblaw for comment"
ASKED = re.compile(
    r"[^.!?\n]{0,30}?\s(?:has |have |had )?(?:reached out to|contacted|asked|emailed|"
    r"sought comment from|requested comment from) (?:the )?"
)
ASKED_BODY = re.compile(r"(?:[A-Z][\w&’'\-]*\s)*[A-Z][\w&’'\-]*(?![\w’'])")
FOR_COMMENT = re.compile(r"[^.!?\n]{0,40}?\b(?:for|to) (?:a )?(?:comment|response|statement)")


def _asked_for_comment(m: Mentions, end: int) -> Ref | None:
    """The organisation a newsroom asked for comment in the sentence at ``end`` (after its
    subject: "Global News reached out to Loblaw for comment." -> Loblaw), which the next
    "it" or "the company" means; None when the sentence is not so."""
    asked = ASKED.match(m.text, end)
    body = asked and ASKED_BODY.match(m.text, asked.end())
    if not body or not FOR_COMMENT.match(m.text, body.end()):
        return None
    name = body.group(0)
    if entities.is_first_name(name.split()[0]) or m.person(name, body.end()):
        return None  # "reached out to Jo Smith", "contacted Smith"
    mention = next(iter(m.within(body.start(), body.end())), None)
    if mention is not None and mention.kind != "org":
        return None  # "asked Ottawa for comment"
    return named(body.start(), mention.name if mention else _fuller(m, name), "org")


def _fuller(m: Mentions, name: str) -> str:
    """The one fuller name of an organisation the article gives ("Post" -> "Washington
    Post"), else ``name``."""
    fuller = {x.name for x in m.mentions if x.kind == "org" and x.name.endswith(" " + name)}
    return fuller.pop() if len(fuller) == 1 else name


CAPITALISED_WORD = re.compile(r"(?<![\w’'\-])[A-Z][\w’'\-]+")  # not "anti-Trump"


def _named_between(text: str, start: int, end: int, name: str) -> bool:
    """Whether a capitalised word other than ``name``'s, not starting a sentence, lies
    in ``text[start:end]`` ("On Monday night, Clinton ...": someone else is named)."""
    own = {key(w) for w in words_of(name)}
    for word in CAPITALISED_WORD.finditer(text, start, end):
        before = text[max(0, word.start() - 3) : word.start()]
        at_start = word.start() == 0 or re.search(r"(?:[.!?:“\"\n]\s*|^\s*)$", before)
        k = key(word.group(0))
        if not at_start and k not in own and k not in NOT_NAMES | PRONOUNS | DETERMINERS:
            return True
    return False


def common_word(m: Mentions, start: int, word: str) -> bool:
    """Whether ``word``, at ``start``, opens a sentence and is written in lower case
    elsewhere in the text: a plain word ("Delegates questioned ..."), not a name."""
    return word.lower() in m.lower_words and sentence_start(m.text, start) == start
