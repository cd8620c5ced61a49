"""Who an article mentions, and where: people and organisations with their fullest names.

:class:`Mentions` indexes an article's mentions for speaker resolution
(:mod:`quoteattr.speakers`). With NER entities (:func:`quoteattr.entities.find_entities`)
it keeps the NER labels, corrected by a few rules (a "person" named like a street is a
place; a "place" whose first word is a known first name is a person), and adds the
people NER missed whose first word is a known first name (gender-guesser). Without NER
it takes the names in runs of capitalised words (:mod:`quoteattr.speakers.runs`); in a
headline, a person's only with a known first name.
Each mention records the role words next to it ("Judge Andrew Pryce", "Homeward
Ireland, the housing charity,") and whether it sits inside a quotation; a person's
surname alone stands for the nearest earlier full name. :meth:`Mentions.is_thing` tells
a name taken for a person's that names a thing (an outlet, a work, a department), and
:attr:`Mentions.bodies` the organisations the words around them show.
"""

from __future__ import annotations

import bisect
import collections
import dataclasses
import functools
import re
from dataclasses import dataclass

from . import entities
from .lexicon import (
    ALL_TITLES,
    BODY_KINDS,
    DEPARTMENT_ENDS,
    DESCRIPTION_STARTS,
    DETERMINERS,
    FEMALE_WORDS,
    GENDER_OF,
    INNER_PARTICLES,
    KIN,
    MALE_WORDS,
    NOT_NAMES,
    ORG_HEADS,
    PERSON_ROLES,
    SUFFIXES,
    TITLES,
    WORK_WORDS,
)
from .runs import (
    Taken,
    clean_name,
    expand_left,
    gender_of_words,
    key,
    kind_of_name,
    name_in_run,
    names_a_person,
    person_name,
    places,
    runs,
    singular,
    title_case,
    words_of,
)

SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")  # no-break, thin, ...
# A first name, a nickname in quotation marks and a surname: 'Marcia "Cia" Price'
NICKNAMED = re.compile(r"\b([A-Z][\w\-]+) [\"“‘'][A-Z][\w\-]*[\"”’'] ([A-Z][\w\-]+)\b")
COURTESY_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr)\.? \Z")  # "Mr. " Obama, "Dr " Henry
TITLE_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Prof|Rev)\. $")  # "Mr. " Obama
# A word for kin before a first name alone: "Her daughter, " Anika; "his wife " Sophie
KIN_WORD = "(?:" + "|".join(sorted(KIN)) + ")"
KIN_BEFORE = re.compile(rf"\b(?:[Hh]is|[Hh]er|[Tt]heir|[Mm]y|[Oo]ur) (?:[a-z\-]+ )?{KIN_WORD},? $")
# How far (in characters) a speaker looks for the mentions it may mean: past any news
# article (PolNeAR's longest is 34k), and it keeps a book-length text linear in time.
# "the" or a work's word just before a run of capitalised words (see named_as_things)
AFTER_THING_WORD = re.compile(
    r"(?<![\w’'])(?:the|" + "|".join(sorted(WORK_WORDS)) + r") "
    r"((?:[A-Z][\w’'\-]*)(?: [A-Z][\w’'\-]*)*)(?![\w’'])"
    # ... or set off by commas after one: "her new memoir, Finding Grace, the former"
    r"|(?<![\w’'])(?:" + "|".join(sorted(WORK_WORDS)) + r"), "
    r"((?:[A-Z][\w’'\-]*)(?: (?:(?:a|an|and|at|by|for|from|in|of|on|the|to|with) )*"
    r"[A-Z][\w’'\-]*)*),"  # "her memoir, Laughing All the Way to the Mosque,"
)
CAPITALISED_RUN = re.compile(r"[A-Z][\w’'\-]*(?: [A-Z][\w’'\-]*)*")
# A description set off after a name, its head last: ", the documentary festival,"
THING_APPOSITION = re.compile(  # not ", the director of the film,"
    r", (?:the|a|an|his|her|its|their|[A-Z][\w\-]*[’']s) "
    r"(?:(?!(?:of|for|at|in|on|with|by|from) )[\w\-’']+ ){0,3}(?P<head>[a-z][\w\-]*)[,.]"
)
REACH = 50_000
# Words that end the role words before a name: "a", "the", "to", "in" ...
ROLE_BREAK = re.compile(
    r"(?i)(?:^|\s)(?:a|an|the|to|in|at|by|from|of|on|with|for|into|that|and|but|or|as|than"
    r"|against|over|about|after|before|under|like|among|between|without|behind|beside"
    r"|versus|vs\.?)\s"
)


def _verb_follows(text: str, end: int) -> bool:
    """Whether a lower-case word that names no role follows a name: role words after it
    ("Anthony Zinni met Mr Arafat") are not the next name's, unlike "Former Bill Clinton
    pollster Douglas Schoen"."""
    word = re.match(r" ([a-z]+)\b", text[end : end + 30])
    if not word:
        return False
    return not names_a_person(word.group(1))


# Words that make what follows "Name, a ..." no apposition: "a day after", "a week later"
NOT_ROLES = {"day", "days", "week", "weeks", "month", "months", "year", "years", "time"}
# Verbs that end the role words before a name: "The spokeswoman says Dr Hollingworth"
CUE_VERBS = {
    "added", "adds", "asked", "asks", "called", "calls", "claimed", "claims", "said", "says",
    "told", "tells", "warned", "warns", "wrote", "writes",
}  # fmt: skip
SHORT_TITLE = re.compile(r"\b([A-Z][a-z]{1,4})\. \Z")  # "Sen. ", "Const. ", "Sgt. "
SHORT_TITLE_WORDS = re.compile(r"(?:(?<=\s)[A-Z][\w\-]* ){0,3}\Z")  # "Texas " Sen.
TITLED_BEFORE = re.compile(
    r"(?i)\b(?:the|his|her|their|my|our) ((?:[\w\-]+ ){0,3}[\w\-]+), (\w+\.? )?\Z"
)
# two people sharing a surname: "Maria and José Hernández", "Bill and Hillary Clinton"
COUPLE = re.compile(r"(?<![\w.’'])([A-Z][a-zà-ÿ]+) and ([A-Z][a-zà-ÿ]+ [A-Z][\w’'\-]+)(?! [A-Z])")
CAPS = r"[A-Z][\w&’'\-]+(?: [A-Z][\w&’'\-]+){0,3}"  # a name of one to four words
BODY_CONTEXT = re.compile(  # words that show an organisation: "a spokeswoman for Google"
    rf"\b(?:[Ss]pokes(?:person|man|woman)|[Rr]epresentative|[Ss]hares) (?:for|of) "
    rf"(?:the )?(?P<after>{CAPS})"
    rf"|(?P<before>{CAPS})(?:(?:[’']s)? (?:CEO|chief executive|president|shares|stock|shareholders"
    rf"|employees|customers|headquarters|spokes(?:person|man|woman))\b"
    rf"|,? (?:Inc|Corp|Ltd|LLC)\b| said in a statement)"
    # a body's kind in lower case just before its name: "insurance giant HIH", "pay
    # television operator, Austar", "grocer Loblaw"
    rf"|\b(?:giant|firm|operator|retailer|airline|carrier|insurer|maker|manufacturer|"
    rf"chain|grocer|broadcaster|utility|provider|company),? (?P<named>{CAPS})(?![\w’'])"
)
# A company's kind in apposition after its one-word name: "McAfee.com, a leading
# anti-computer virus software company,"
COMPANY_AFTER = re.compile(
    rf"(?<![\w’'])(?P<name>{CAPS}(?:\.com)?), an? (?:[\w\-]+ ){{0,4}}?"
    rf"(?:company|firm|corporation)\b"
)
OUTLET_BEFORE = re.compile(r"\b(?:told|according to|reported by|interview with)\s+(?:[Tt]he\s+)?$")
# A name's own clause up to its first "he"/"she"/"his"/"her" within six words, with no
# capitalised word (someone else), sentence break, quotation mark, possessive or "whom"
# before it
OWN_PRONOUN = re.compile(r"(?![’'])(?:[,\s\-]+(?!whom\b)[a-z][\w\-]*){0,6}?[,\s\-]+(he|she|his)\b")
SENTENCE_CHARS = 200
AGE_AFTER = re.compile(r",\s+(\d{1,3}),")  # a person's age after the name
PERSON_WORDS = TITLES | FEMALE_WORDS | MALE_WORDS  # words that make a lone name a person's
SENTENCE_OPENING_WORD = re.compile(r"(?:^|[.!?][”\"’)]*\s+|\n\s*)([A-Z][\w\-]+)\b(?![’'])")
OPENING_WORDS = ALL_TITLES | {"a", "an", "the", "former"}  # before a name that opens its sentence
INITIALS = re.compile(r"(?:[A-Z]\.)+")  # "B.S." Manjunath
QUOTATIONS = re.compile(r"“[^“”\n]*”|\"[^\"\n]*\"|‘[^‘\n]*?’(?![a-z])|''(?:(?!'')[^\n])*''")


SURNAME_PREFIX = re.compile(r"^(?:al|el|ad|as|ash|at|ar|an|az|ul)-")  # "al-Assad" is Assad
MISSPELT_MIN = 5  # a surname this long may be misspelt by a letter and still be known


def _one_letter_apart(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one letter changed, added or dropped, or two
    letters swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    i = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    if len(a) == len(b):
        swapped = a[i + 1 : i + 2] == b[i : i + 1] and a[i : i + 1] == b[i + 1 : i + 2]
        return a[i + 1 :] == b[i + 1 :] or swapped and a[i + 2 :] == b[i + 2 :]
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[i + 1 :] == shorter[i:]


def _first_name_or_initials(word: str) -> bool:
    """Whether a name's first word shows a person: a known first name, or initials."""
    return bool(entities.is_first_name(word) or INITIALS.fullmatch(word))


@dataclass(frozen=True)
class Mention:
    """A person, organisation, group or place named in the text."""

    start: int
    end: int
    name: str  # the fullest name: a person's surname alone becomes the full name
    kind: str  # person, org, group or place
    roles: frozenset[str]  # lower-case words next to it: "judge", "housing", "charity"
    apposition: frozenset[str]  # those after it: "Homeward Ireland, the housing charity,"
    quoted: bool  # inside a quotation


# A body's kind in lower case just after or before a name ("a Melbourne Christian school",
# "relief agency Muslim Hands")
_KINDS = "|".join(sorted(BODY_KINDS))
BODY_KIND_AFTER = re.compile(rf" (?:{_KINDS})s?\b")
BODY_KIND_BEFORE = re.compile(rf"\b(?:{_KINDS}) \Z")
BODY_KIND_KNOWN_AS = re.compile(rf"\b(?:{_KINDS}) (?:known as|called|named) \Z")


OWNER_RUN = re.compile(r"(?:The )?(.+?)[’']s \Z")  # the owner before a name in a run


def _suffixed(name: str) -> bool:
    """Whether a full name ends with a suffix ("Harry B. Harris Jr", "Joseph R. Biden Jr")."""
    return len(name.split()) > 2 and key(name.split()[-1]) in SUFFIXES


def _two_surnames(name: str) -> bool:
    """Whether a full name is a first name and two surnames ("Melba Acosta Febo", "Debbie
    Wasserman Schultz"), not a middle name, a suffix or a work ("Rachel Maddow Show")."""
    words = name.split()
    return (
        len(words) == 3
        and bool(entities.is_first_name(words[0]))
        and not _first_name_or_initials(words[1])
        and key(words[2]) not in SUFFIXES | WORK_WORDS
    )


# Words a company's full name may add to the one word it goes by ("Suncor Energy")
COMPANY_ENDS = {
    "co", "communications", "company", "corp", "corporation", "energy", "group", "holdings",
    "inc", "limited", "ltd",
}  # fmt: skip


def _named_in_full(word: str, name: str) -> bool:
    """Whether the company ``name`` is ``word`` in full: "Suncor Energy", "Rogers
    Communications Inc.", not "Telus Health" or "Amazon Web Services"."""
    first, *rest = name.split()
    return first == word and bool(rest) and all(key(w) in COMPANY_ENDS for w in rest)


class Mentions:
    """An article's mentions in text order, people's full names and genders."""

    def __init__(
        self,
        text: str,
        found: list[entities.Entity] | None,
    ) -> None:
        text = self.text = SPACES.sub(" ", text)  # one for one: offsets hold
        self.ner = found is not None
        raw = self._raw(text, found)
        full = ((start, person_name(name)) for start, _, name, kind in raw if kind == "person")
        self.full = sorted((start, name) for start, name in full if name and " " in name)
        self.counts = collections.Counter(name for _, name in self.full)  # the most named first
        self._by_word: dict[tuple[int, str], list[tuple[int, str]]] = {}
        for start, name in self.full:  # full names by surname (-1) and first name (0)
            for position in (-1, 0):
                word = key(name.split()[position])
                self._by_word.setdefault((position, word), []).append((start, name))
            bare = SURNAME_PREFIX.sub("", key(name.split()[-1]))  # "al-Assad": also "Assad"
            if bare != key(name.split()[-1]):
                self._by_word.setdefault((-1, bare), []).append((start, name))
            if _two_surnames(name):  # "Melba Acosta Febo": "Ms. Acosta" too
                self._by_word.setdefault((-1, key(name.split()[1])), []).append((start, name))
        # "Harry B. Harris Jr.": "Admiral Harris" too, unless a name without a suffix has
        # that surname ("Donald J. Trump" beside "Donald Trump Jr.")
        for start, name in self.full:
            surname = (-1, key(name.split()[-2])) if _suffixed(name) else None
            if surname and all(_suffixed(n) for _, n in self._by_word.get(surname, [])):
                self._by_word.setdefault(surname, []).append((start, name))
        couples = self._couples(text)
        for start, name in couples:  # "Maria", not "Hernández", for her
            self._by_word.setdefault((0, key(name.split()[0])), []).append((start, name))
            self._by_word[0, key(name.split()[0])].sort()
        self.genders: dict[str, str | None] = {}
        self._echoed: set[str] = set()  # pronoun genders that only echo the statistics
        self.gender_from: dict[str, str] = {}  # "first name", "title" or "pronoun"
        for _, name in self.full + couples:
            if name not in self.genders:
                self.set_gender(name, entities.first_name_gender(name.split()[0]), "first name")
        self.quotations = [(m.start(), m.end()) for m in QUOTATIONS.finditer(text)]
        self._quotation_starts = [start for start, _ in self.quotations]  # none overlap
        self.mentions: list[Mention] = []
        last_end = 0  # where the mention before ends: role words do not reach past it
        for start, end, name, kind in raw:
            title = self._title_before(start)
            titled = title + name  # "Mr " + "Mackenzie"
            if kind == "person":
                full = self.person(titled, end, surname_only=True)
            else:  # NER may call a surname alone an organisation
                full = self.person(name, end, surname_only=True) if " " not in name else None
            if kind == "person" or full:
                name, kind = full or person_name(name) or name, "person"
            quotation = self.quotation_at(start)
            quoted = quotation is not None and end <= quotation[1]
            before, after = self._roles(start, end, last_end)
            last_end = end if _verb_follows(text, end) else 0
            before += [title.strip()] if title else []  # "Mr. Obama": a man
            said = gender_of_words(before[-2:] + after[:3])  # "Chairwoman Linda Garside"
            before, after = [key(w) for w in before], [key(w) for w in after]
            if kind == "person" and said and (" " in titled.strip() or " " not in name):
                self.set_gender(name, said, "title")
            roles, apposition = frozenset(before + after), frozenset(after)
            self.mentions.append(Mention(start, end, name, kind, roles, apposition, quoted))
        self.starts = [m.start for m in self.mentions]
        self._add_bodies()
        self._add_companies()
        self._genders_in_own_sentence()
        self._things: dict[str, bool] = {}
        self._evidence: dict[tuple[int, str], bool] = {}
        # words of the descriptions speakers resolved to a person were written as
        # ("Quebec’s health minister" for Christian Dubé): set by resolve_speakers
        self.called: dict[str, set[str]] = {}

    def _couples(self, text: str) -> list[tuple[int, str]]:
        """Full names of the first of two people named with one surname ("Maria and José
        Hernández": Maria Hernández), where the article gives that first name no other
        surname ("Hillary and Bernie Sanders" beside Hillary Clinton)."""
        out = []
        names = {name for _, name in self.full}
        for couple in COUPLE.finditer(text):
            first, second = couple.group(1), couple.group(2)
            before = text[max(0, couple.start() - 30) : couple.start()]
            if re.search(r"(?:[A-Z][\w’'\-]*|\bbetween) \Z", before):
                continue  # "Hillary Clinton and Bernie Sanders", "between Chelsea and ..."
            if second not in names or not entities.is_first_name(first) or key(first) in places():
                continue  # "Victoria and Scott Morrison": a state
            if key(second.split()[0]) in ALL_TITLES:
                continue  # "Kate and Prince William"
            if any(n.split()[0] == first for n in names):
                continue
            out.append((couple.start(1), f"{first} {second.split(maxsplit=1)[1]}"))
        return out

    def _add_bodies(self) -> None:
        """Mentions of the one organisation :attr:`bodies` finds ("grocer Loblaw", "a
        Shopify spokesperson"), where it is named so and no other mention is; none when it
        finds two ("Shares of Google fell and Apple’s chief executive": either may be "the
        company")."""
        if len(self.bodies) != 1:
            return
        for _, start, name in self._body_context:
            if name in self.bodies:
                quotation = self.quotation_at(start)
                self._add_org(
                    start, name, quotation is not None and start + len(name) <= quotation[1]
                )

    def _add_companies(self) -> None:
        """Mentions of companies named by one word with their kind in apposition
        (:data:`COMPANY_AFTER`), where no other mention is."""
        for match in COMPANY_AFTER.finditer(self.text):
            name = match.group("name")
            if " " not in name and key(name) not in NOT_NAMES and not entities.is_first_name(name):
                self._add_org(match.start("name"), name, False)

    def _add_org(self, start: int, name: str, quoted: bool) -> None:
        """An organisation's mention of ``name`` at ``start``, in text order, unless another
        mention overlaps it."""
        end = start + len(name)
        at = bisect.bisect_left(self.starts, start)
        if (
            at < len(self.starts)
            and self.starts[at] < end
            or at
            and self.mentions[at - 1].end > start
        ):
            return
        if " " not in name:  # "a Suncor spokesperson" after "Suncor Energy": that body, not
            earlier = (x.name for x in reversed(self.mentions[:at]) if x.kind == "org")
            name = next((n for n in earlier if _named_in_full(name, n)), name)  # Telus Health
        self.mentions.insert(at, Mention(start, end, name, "org", frozenset(), frozenset(), quoted))
        self.starts.insert(at, start)

    def _genders_in_own_sentence(self) -> None:
        """The article's own word on a person's gender, over unsure first-name statistics:
        "he", "she" or "his" within six words of a name that opens its sentence, or of a
        surname alone opening one, with no one else named, no quotation and no possessive
        in between ("Bernie Sanders said he would", "Sanders said he would", where "Bernie"
        is mostly a woman's name; "Sadiq Khan said his city")."""
        named = [(x.start, x.end, x.name) for x in self.mentions if x.kind == "person"]
        named += [  # "Sanders said he": a surname alone, standing for the full name
            (word.start(1), word.end(1), full)
            for word in SENTENCE_OPENING_WORD.finditer(self.text)
            if key(word.group(1)) not in NOT_NAMES
            and (full := self.person(word.group(1), word.end(1), surname_only=True))
            and " " in full
        ]
        for start, end, name in named:
            first = name.split()[0]
            if " " not in name or self.quotation_at(start) is not None:
                continue
            if key(first) in NOT_NAMES or not _first_name_or_initials(first):
                continue  # "Trump Tower, where he has an apartment"
            source = self.gender_from.get(name)
            if source in ("title", "pronoun") or (
                source == "first name" and entities.first_name_sure(first)
            ):
                continue
            opening = self.text[max(0, start - SENTENCE_CHARS) : start]
            opening = re.split(r"[.!?;:“”\"\n]\s", " " + opening)[-1]
            if any(w[:1].islower() and key(w) not in OPENING_WORDS for w in opening.split()):
                continue  # not the subject: "told CNN's Chris Cuomo she believed"
            after = bisect.bisect_right(self.starts, start)
            stop = end + SENTENCE_CHARS
            if after < len(self.starts):
                stop = min(stop, self.starts[after])  # someone else named
            match = OWN_PRONOUN.match(self.text, end, max(end, stop))
            if match:
                self.set_gender(name, GENDER_OF[match.group(1)], "pronoun")

    @functools.cached_property
    def titled_people(self) -> frozenset[str]:
        """People the article names by one word, with a title or gender word next to it
        somewhere ("President Obama"): "Obama" alone is then a person too."""
        return frozenset(
            x.name
            for x in self.mentions
            if x.kind == "person" and " " not in x.name and x.roles & PERSON_WORDS
        )

    @functools.cached_property
    def _body_context(self) -> list[tuple[int, int, str]]:
        """``(match start, name start, name)`` of each :data:`BODY_CONTEXT` match, read
        once for :attr:`bodies` and the mentions they add."""
        out = []
        for match in BODY_CONTEXT.finditer(self.text):
            group = next(g for g in ("before", "after", "named") if match.group(g))
            out.append((match.start(), match.start(group), clean_name(match.group(group))))
        return out

    @functools.cached_property
    def bodies(self) -> frozenset[str]:
        """Names the text shows to be an organisation's by the words around them ("a
        spokeswoman for Google", "a Google spokesperson", "Shopify's chief executive",
        "Google's president", "shares of Enbridge", "Acme employees", "Acme Inc", "Acme
        said in a statement", "grocer Loblaw"), but
        for names that start with a first name or hold a title, words the text also
        writes in lower case, and surnames of people named."""
        found = set()
        for at, _, name in self._body_context:
            words = name.split()
            if not words or key(words[0]) in NOT_NAMES | DESCRIPTION_STARTS:
                continue  # "These employees"
            if entities.is_first_name(words[0]) or name.lower() in self.lower_words:
                continue
            if len(words) == 1 and key(name) in ORG_HEADS:
                continue  # "a spokesman for the Government": a kind of body, not a name
            if {key(w) for w in words} & ALL_TITLES or kind_of_name(name) == "place":
                continue  # "a spokesman for the Interior Minister", "Ukraine's president"
            if " " in name or self.person(name, at, surname_only=True) is None:
                found.add(name)  # "a spokesman for Clinton": Hillary Clinton's
        return frozenset(found)

    def shown_body(self, at: int, name: str) -> bool:
        """Whether ``name``, written at ``at``, is one of :attr:`bodies` that the words
        right around it show ("a spokeswoman for YouTube", "an Intel spokeswoman")."""
        return name in self.bodies and any(b == at for _, b, _ in self._body_context)

    def quotation_at(self, at: int) -> tuple[int, int] | None:
        """``(start, end)`` of the quotation holding the offset ``at``, or None."""
        inside = bisect.bisect_right(self._quotation_starts, at) - 1
        if inside >= 0 and at < self.quotations[inside][1]:
            return self.quotations[inside]
        return None

    @functools.cached_property
    def outlets(self) -> frozenset[str]:
        """Names that follow "told", "according to", "reported by" or "in an interview
        with" and start with no known first name: outlets ("told Business Insider")."""
        return frozenset(
            x.name
            for x in self.mentions
            if OUTLET_BEFORE.search(self.text, max(0, x.start - 40), x.start)
            and not entities.is_first_name(x.name.split()[0])
        )

    @functools.cached_property
    def _org_names(self) -> dict[tuple[str, ...], list[str]]:
        """The article's organisation names by their last word and last two words."""
        found: dict[tuple[str, ...], list[str]] = {}
        for x in self.mentions:
            words = tuple(key(w) for w in x.name.split())
            if x.kind == "org" and len(words) >= 2:
                found.setdefault(words[-2:], []).append(x.name)
                found.setdefault(words[-1:], []).append(x.name)
                found.setdefault(("^", words[0]), []).append(x.name)  # by its first word
        return found

    def fuller_org(self, name: str) -> str | None:
        """The one longer name the article gives the organisation ``name`` ("Tax Policy
        Center" -> "Urban-Brookings Tax Policy Center", "Supreme Court" -> "U.S. Supreme
        Court", "Times" -> "New York Times"): a name that ends with it after at most three
        capitalised words, none of them a possessive ("Sydney's St George Hospital" is
        the St George Hospital), or for one word, a name that adds only words such as
        "Petroleum" or "Airways" after it ("Phillips"); None when there is no such name
        or more than one."""
        words = tuple(key(w) for w in name.split())
        longer = set()
        for other in self._org_names.get(words[-2:], ()):
            extra = other.split()[: -len(words)]
            if (
                tuple(key(w) for w in other.split()[-len(words) :]) == words
                and 1 <= len(extra) <= 3
                and all(w[:1].isupper() and not re.search(r"[’']s?$", w) for w in extra)
            ):
                longer.add(other)
        if len(words) == 1:  # "Phillips" for "Phillips Petroleum", "Qantas Airways"
            for other in self._org_names.get(("^", words[0]), ()):
                if all(key(w) in ORG_HEADS for w in other.split()[1:]):
                    longer.add(other)
        return longer.pop() if len(longer) == 1 else None

    def is_thing(self, name: str) -> bool:
        """Whether a name taken for a person's names a thing: an outlet, a work, an event
        or a department ("Mitchell Plan", "Election Day", "Veterans Affairs"), or, starting
        with no known first name, two (or all) words the text also writes in lower case
        ("Dairy Farmers Canada" where "dairy" and "farmers" are written)."""
        if name not in self._things:  # asked for each pronoun: answered once a name
            words = words_of(name)
            plain = sum(w.lower() in self.lower_words for w in words)
            self._things[name] = (
                name in self.outlets
                or name in self.named_as_things
                or name in self.described_as_things
                or key(words[-1]) in WORK_WORDS | DEPARTMENT_ENDS
                or not entities.is_first_name(words[0])
                and plain >= min(2, len(words))
            )
        return self._things[name]

    @functools.cached_property
    def named_as_things(self) -> frozenset[str]:
        """Runs of capitalised words written after "the" or a work's word ("led the Toronto
        Raptors", "her film Women Talking"), with no title in them and no known first name
        to start ("the Hillary Clinton campaign" is hers): no one's names."""
        found = set()
        for match in AFTER_THING_WORD.finditer(self.text):
            run = match.group(1) or match.group(2)
            titled = match.group(2) and run.startswith("The ")  # "her film, The Long Night,"
            run = run[4:] if titled else run
            if not {key(w) for w in run.split()} & ALL_TITLES:
                if titled or not entities.is_first_name(run.split()[0]):
                    found.add(run)  # and its runs of capitals: "Laughing All"
                    found.update(CAPITALISED_RUN.findall(run) if match.group(2) else ())
        return frozenset(found)

    @functools.cached_property
    def described_as_things(self) -> frozenset[str]:
        """Names set off by a description of a work or an event ("Hot Docs, the documentary
        festival,", "Little Bird, the CBC series,"): no one's names."""
        found = set()
        for x in self.mentions:
            match = THING_APPOSITION.match(self.text, x.end)
            head = key(match.group("head")) if match else ""
            if {head, singular(head)} & WORK_WORDS:  # "the short films"
                found.add(x.name)
        return frozenset(found)

    @functools.cached_property
    def lower_words(self) -> frozenset[str]:
        """The words the text writes in lower case ("delegates"), read once."""
        return frozenset(re.findall(r"(?<![\w’'-])[a-z][\w’'-]*", self.text))

    def _title_before(self, start: int) -> str:
        match = COURTESY_BEFORE.search(self.text, max(0, start - 6), start)
        return match.group(0) if match else ""

    @staticmethod
    def _raw(text: str, found: list[entities.Entity] | None) -> list[tuple[int, int, str, str]]:
        """``(start, end, name, kind)`` of each mention, in text order."""
        out = []
        taken = Taken()
        people: list[int] = []  # where people's names end: an organisation's cannot cross them
        for e in found or ():
            if re.search(r"[’']s$", e.text):  # "Rishi Sunak's": the name ends before 's
                e = dataclasses.replace(e, end=e.end - 2, text=e.text[:-2])
            name, kind = e.text, e.kind
            if kind == "person":
                kind = kind_of_name(e.text)
                if kind == "person" and person_name(e.text) is None:
                    continue  # "RCMP Cpl"
            elif 2 <= len(e.text.split()) <= 3 and entities.is_first_name(e.text.split()[0]):
                if person_name(e.text) == e.text:  # "Agnes Mthembu" called a place
                    name, kind = e.text, "person"
            start = expand_left(text, e.start, people[-1] if people else 0)
            if kind == "person" or (kind == "place" and key(text[start:].split()[0]) != "city"):
                start = e.start  # "City of" + "Johannesburg", not "Darnell Hughes of" + ...
            name = text[start : e.start] + name
            out = [o for o in out if o[1] <= start]  # a place the name took in ("Northfield")
            out.append((start, e.end, clean_name(name), kind))
            taken.add(start, e.end)
            if kind == "person":
                people.append(e.end)
        for nick in NICKNAMED.finditer(text):  # 'Marcia "Cia" Price': Marcia Price
            name = f"{nick.group(1)} {nick.group(2)}"
            if entities.is_first_name(nick.group(1)) and not taken.overlaps(*nick.span()):
                if kind_of_name(name) == "person":
                    out.append((nick.start(), nick.end(), name, "person"))
                    taken.add(*nick.span())
        for run_start, run in runs(text):
            titled = bool(TITLE_BEFORE.search(text, max(0, run_start - 6), run_start))
            if " " not in run and KIN_BEFORE.search(text, max(0, run_start - 40), run_start):
                titled = entities.is_first_name(run)  # "Her daughter, Anika,"
            found_name = name_in_run(run, titled)
            if found_name is None:
                continue
            offset, name, kind = found_name
            start, end = run_start + offset, run_start + offset + len(name)
            named = _first_name_or_initials(name.split()[0])
            unsure = kind == "person" and not named or len(name.split()) > 4
            if unsure and title_case(text, start):
                continue  # a headline's capitals name no one: "Derelict Obama and Clinton",
                # "Don't Let The Media And Marco Rubio Tell You He"
            if kind == "person" and not named:
                if BODY_KIND_AFTER.match(text, end):
                    continue  # "a Melbourne Christian school": a word of a body's name
                the = re.search(r"\b[Tt]he $", text[max(0, start - 4) : start])
                if the and re.match(r",? which\b", text[end : end + 8]):
                    kind = "org"  # "The Common Front, which represents 420,000 workers,"
                if BODY_KIND_BEFORE.search(text, max(0, start - 20), start):
                    kind = "org"  # "relief agency Muslim Hands"
            if kind == "person" and BODY_KIND_KNOWN_AS.search(text, max(0, start - 30), start):
                kind = "org"  # "a terrorist group known as Ansar al-Sharia"
            if found is not None and not (kind == "person" and named):
                continue  # with NER, only the people it missed
            if kind == "org":  # "Northfield and" + "Coast NHS Foundation Trust"
                left = expand_left(text, start, taken.last_end(start))
                start, name = left, text[left:start] + name
                lead = re.match(r"(?:and|&|of|for) ", name)  # not "and Government Reform
                if lead:  # Committee" where "House Oversight" is taken
                    start, name = start + lead.end(), name[lead.end() :]
            if not taken.overlaps(start, end):
                out.append((start, end, name, kind))
                taken.add(start, end)
            owner = OWNER_RUN.match(run[:offset])  # "The Community and Public Sector
            if kind == "person" and owner and kind_of_name(owner.group(1)) == "org":  # Union's
                at, stop = run_start + owner.start(1), run_start + owner.end(1)  # Wendy Caird"
                at = expand_left(text, at, taken.last_end(at))  # the union too
                if not taken.overlaps(at, stop) and not title_case(text, at):
                    out.append((at, stop, text[at:stop], "org"))
                    taken.add(at, stop)
        return sorted(out)

    def _roles(self, start: int, end: int, floor: int = 0) -> tuple[list[str], list[str]]:
        """Words (as written) before the mention in its clause, from the last article or preposition
        ("Obama spoke to a Gold Star mother": none for Gold Star), or of a title in
        apposition before it ("the Defence Minister, Robert Hill"), and of an apposition
        after it ("Julie Brennan, a spokeswoman for the RCMP,")."""
        text = self.text[max(0, floor, start - 60) : start]  # not "Zinni met Mr" Arafat
        short = SHORT_TITLE.search(text)  # "Texas Sen. Ted Cruz", "Const. Rob Carver"
        if short and key(short.group(1)) in TITLES:  # that title and the capitals before it
            before = SHORT_TITLE_WORDS.search(text[: short.start()]).group(0) + short.group(1)
        else:
            before = re.split(r"[,.;:!?()“”\"\n]", text)[-1]
            before = " ".join(re.split(ROLE_BREAK, before)[-1:])
        # "the Governor-General, Dr Peter Hollingworth", "Her daughter, Anika"
        titled = TITLED_BEFORE.search(text)
        if (
            titled
            and key(titled.group(1).split()[-1]) in TITLES | PERSON_ROLES | KIN
            and (titled.group(2) is None or key(titled.group(2).strip()) in TITLES)  # ", Dr Peter"
        ):
            before = f"{titled.group(1)} {before}"
        after = re.split(r"[,.;:!?()“”\"\n]", self.text[end + 2 : end + 80])[0].split()
        if self.text[end : end + 2] != ", " or not after or key(after[0]) not in DETERMINERS:
            after = []
        if len(after) > 2 and key(after[1]) in NOT_ROLES:
            after = []  # "Ariel Sharon, a day after the US envoy threatened": no apposition
        words = before.split()
        verbs = [  # "The spokeswoman says Dr", "the executive rejected Aden Ridgeway's"
            i for i, w in enumerate(words)
            if key(w) in CUE_VERBS or w.islower() and len(w) > 4 and w.endswith("ed")
        ]  # fmt: skip
        words = words[verbs[-1] + 1 :] if verbs else words
        return words[-6:], after[:8]

    def person(
        self, mention: str, end: int, gender: str | None = None, surname_only: bool = False
    ) -> str | None:
        """The full name of a person mentioned as ``mention``, ending at ``end``: itself
        when it is a full name, else the nearest earlier full name with that surname (or
        that first name, unless ``surname_only``) whose gender fits (``gender`` or the
        title's: "Mrs Reay"); else None."""
        words = words_of(mention)
        gender = gender or gender_of_words(words[:1])
        name = person_name(mention)
        if name is None:
            return None
        bare = [w for w in name.split() if key(w) not in INNER_PARTICLES]  # "de Villa"
        if len(bare) == 2 and not entities.is_first_name(bare[0]):
            # a surname of two words: "Rempel Garner" after "Michelle Rempel Garner"
            names = self._by_word.get((-1, key(bare[1])), [])
            for _, full in reversed(names[: bisect.bisect_left(names, (end, ""))]):
                parts = full.split()
                if len(parts) > 2 and entities.is_first_name(parts[0]):  # not "Hindu Hare
                    if key(full).endswith(" " + key(name)) and self.may_be(full, gender):
                        return full  # Krishna"
        if len(bare) != 1:
            return name
        word = key(bare[0])
        for position in (-1,) if surname_only else (-1, 0):  # the surname, then first name
            names = self._by_word.get((position, word), [])
            earlier = reversed(names[: bisect.bisect_left(names, (end, ""))])  # nearest first
            for _, full in sorted(earlier, key=lambda e: -self.counts[e[1]]):  # most named
                if full != name and self.may_be(full, gender):  # not "La Flèche" itself
                    return full
        return self._misspelt(word, end, gender)

    @functools.cached_property
    def _surnames_by_initial(self) -> dict[str, list[str]]:
        """The surnames of the article's full names by their first letter."""
        found: dict[str, list[str]] = {}
        for position, word in self._by_word:
            if position == -1:
                found.setdefault(word[:1], []).append(word)
        return found

    def _misspelt(self, word: str, end: int, gender: str | None) -> str | None:
        """The one full name named before ``end`` whose surname ``word`` misspells by a
        letter ("Wines" for Leslie Wimes, "McLenney" for Tyresha McClenney), or None. Not
        for short words, plurals ("Clintons") or words the text also writes in lower case."""
        if len(word) < MISSPELT_MIN or word in self.lower_words:
            return None
        found = {
            full
            for surname in self._surnames_by_initial.get(word[:1], ())
            if _one_letter_apart(word, surname) and word != surname + "s"
            for start, full in self._by_word[-1, surname]
            if start < end
        }
        if len(found) == 1 and self.fits(next(iter(found)), gender):
            return found.pop()
        return None

    def later_person(
        self, surname: str, start: int, gender: str | None = None, position: int = -1
    ) -> str | None:
        """The full name with ``surname`` named after ``start``, when just one is ("Clinton
        and Trump clash" in a headline, "Hillary Clinton" in the story), or just one who may
        be of ``gender``; else None. ``position`` 0: a first name ("his wife, Jane" ... "Jane
        Sanders")."""
        names = self._by_word.get((position, key(surname)), [])
        later = {full for _, full in names[bisect.bisect_left(names, (start, "")) :]}
        later = {full for full in later if self.may_be(full, gender)}
        return later.pop() if len(later) == 1 else None

    def is_person(self, mention: Mention) -> bool:
        """Whether a mention called a person has more than its capitals to show for it:
        a named-entity label, a known first name or initials, a title or gender word next
        to it, or an age after it ("Gisela Grimm, 67,"); "Fort Wayne" and "Crosscut
        Strategies" have none."""
        found = self._evidence.get((mention.start, mention.name))
        if found is None:  # asked for each pronoun: the text's evidence answered once
            first = mention.name.split()[0]
            found = self._evidence[mention.start, mention.name] = bool(
                self.ner
                or _first_name_or_initials(first)
                or mention.roles & PERSON_WORDS
                or AGE_AFTER.match(self.text, mention.end)  # "Gisela Grimm, 67,"
            )
        return found or bool(self.genders.get(mention.name))  # genders grow as "she" is read

    def set_gender(self, name: str, gender: str | None, source: str) -> None:
        """Record that ``name`` is of ``gender``, and how that is known."""
        self.genders[name] = gender
        self._echoed.discard(name)
        if gender is None:
            self.gender_from.pop(name, None)
        else:
            self.gender_from[name] = source

    def heard(self, name: str, gender: str | None) -> None:
        """Record that the article calls ``name`` "he" or "she" (``gender``): its word
        over first-name statistics, never over a title or an earlier pronoun. A pronoun
        resolved to ``name`` because the statistics said so only echoes them: it keeps
        them unsure (:meth:`unsure`)."""
        if gender and self.gender_from.get(name) in (None, "first name"):
            echo = self.gender_from.get(name) == "first name" and self.genders[name] == gender
            self.set_gender(name, gender, "pronoun")
            if echo:
                self._echoed.add(name)

    def unsure(self, name: str) -> bool:
        """Whether ``name``'s gender comes only from first-name statistics that say
        "mostly" ("Bernie", "Ryan"), or from pronouns that only echo them, so that the
        article's pronoun may say otherwise."""
        source = self.gender_from.get(name)
        echoed = source == "first name" or name in self._echoed
        return echoed and not entities.first_name_sure(name.split()[0])

    def fits(self, name: str | None, gender: str | None) -> bool:
        """Whether the person ``name`` may be of ``gender`` (unknown fits anything)."""
        known = self.genders.get(name) if name else None
        return gender is None or known is None or known == gender

    def may_be(self, name: str, gender: str | None) -> bool:
        """Whether the person ``name`` fits ``gender`` or only first-name statistics say
        otherwise, as "mostly" ("Mr. Sanders" may be Bernie Sanders)."""
        return self.fits(name, gender) or self.unsure(name)

    def before(self, end: int) -> list[Mention]:
        """Mentions that start before ``end`` (by at most ``REACH``), nearest first."""
        first = bisect.bisect_left(self.starts, end - REACH)
        return self.mentions[first : bisect.bisect_left(self.starts, end)][::-1]

    def after(self, start: int) -> list[Mention]:
        """Mentions that start at or after ``start`` (by at most ``REACH``), nearest first."""
        last = bisect.bisect_left(self.starts, start + REACH)
        return self.mentions[bisect.bisect_left(self.starts, start) : last]

    def within(self, start: int, end: int) -> list[Mention]:
        """Mentions inside ``[start, end)``, in text order."""
        i, j = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        return [m for m in self.mentions[i:j] if m.end <= end]
