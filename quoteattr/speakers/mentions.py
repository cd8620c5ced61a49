"""Who an article mentions, and where: people and organisations with their fullest names.

:class:`Mentions` indexes an article's mentions for speaker resolution
(:mod:`quoteattr.speakers`). With NER entities (:func:`quoteattr.entities.find_entities`)
it keeps the NER labels, corrected by a few rules (a "person" named like a street is a
place; a "place" whose first word is a known first name is a person), and adds the
people NER missed whose first word is a known first name (gender-guesser). Without NER
it takes runs of capitalised words and acronyms ("Coun. Maria Santos", "Thunder Bay Youth
Council", "Board of Secondary Education"), where a word such as "Council" makes an
organisation and "Lane" a place, unless a title and a name follow ("Police Minister Bheki
Cele"); an owner before a name is not part of it ("Labour's Keir Starmer"), nor a
department's word or a word that is no first name before a first name ("Homeland Security
Jeh Johnson", "Rival Donald Trump").
Each mention records the role words next to it ("Judge Andrew Pryce", "Homeward
Ireland, the housing charity,") and whether it sits inside a quotation; a person's
surname alone stands for the nearest earlier full name.
"""

from __future__ import annotations

import bisect
import collections
import dataclasses
import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from . import entities
from .lexicon import (
    ALL_TITLES,
    CONNECTORS,
    DEMONYMS,
    DEPARTMENT_ENDS,
    DESCRIPTION_STARTS,
    DETERMINERS,
    FEMALE_WORDS,
    MALE_WORDS,
    NAME_PARTICLES,
    NOT_NAMES,
    ORG_WORDS,
    PLACE_NAMES,
    PLACE_WORDS,
    PORTFOLIO_WORDS,
    RUN_PARTICLES,
    TITLES,
    WORK_WORDS,
)

UPPER = "A-ZÀ-ÖØ-Þ"
WORD = rf"[{UPPER}][a-zß-öø-ÿ’'][\w’'\-]*"
PARTICLES = "(?:" + "|".join(RUN_PARTICLES) + ")"
ACRONYM = r"[A-Z]{2,}(?![a-z])"  # "NHS", "NSW", "FC"
_TOKEN = rf"(?:{WORD}|(?:[A-Z]\.)+|{ACRONYM}|{PARTICLES}|&)"
# A run of capitalised words, acronyms, initials ("K.", "B.S.") and particles ("Ó", "de"),
# on one line.
RUN = re.compile(rf"(?<![\w.’'])(?:{WORD}|(?:[A-Z]\.)+|{ACRONYM})(?: {_TOKEN})*(?![\w’'])")
ORG_WORD = re.compile(r"[\w.\-’'&]+$")
SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")  # no-break, thin, ...
TITLE_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Prof|Rev)\. $")  # "Mr. " Obama
# How far (in characters) a speaker looks for the mentions it may mean: past any news
# article (PolNeAR's longest is 34k), and it keeps a book-length text linear in time.
REACH = 50_000
# What joins two runs of capitalised words into one organisation's name, after a word
# such as "Commission": "Board of Secondary Education", "Commission on Presidential
# Debates", "Committee for a Responsible Federal Budget".
ORG_JOIN = re.compile(r" (?:of|on|for)(?: the| a)? ")
# Words that end the role words before a name: "a", "the", "to", "in" ...
ROLE_BREAK = re.compile(
    r"(?i)(?:^|\s)(?:a|an|the|to|in|at|by|from|of|on|with|for|into|that|and|but|or|as|than)\s"
)
_CAPS = r"[A-Z][\w&’'\-]+(?: [A-Z][\w&’'\-]+){0,3}"
BODY_CONTEXT = re.compile(  # words that show an organisation: "a spokeswoman for Google"
    rf"\b(?:[Ss]pokes(?:person|man|woman)|[Rr]epresentative|[Ss]hares) (?:for|of) "
    rf"(?:the )?(?P<after>{_CAPS})"
    rf"|(?P<before>{_CAPS})(?:(?:[’']s)? (?:CEO|chief executive|shares|stock|shareholders"
    rf"|employees|customers|headquarters|spokes(?:person|man|woman))\b"
    rf"|,? (?:Inc|Corp|Ltd|LLC)\b| said in a statement)"
)
OUTLET_BEFORE = re.compile(r"\b(?:told|according to|reported by|interview with)\s+(?:the\s+)?$")
QUOTATIONS = re.compile(r"“[^“”\n]*”|\"[^\"\n]*\"|‘[^‘\n]*?’(?![a-z])")


def words_of(name: str) -> list[str]:
    """A name's words without a trailing possessive ("Smith’s" -> Smith)."""
    return re.sub(r"[’']s$", "", name.strip()).split()


def key(word: str) -> str:
    return word.lower().strip(".,;:()").replace("’", "'")


def gender_of_words(words: Sequence[str]) -> str | None:
    """The gender that words such as "Mrs", "spokeswoman" or "husband" give, or None."""
    for word in (key(w) for w in words):
        if word in FEMALE_WORDS or word.endswith("woman"):
            return "female"
        if word in MALE_WORDS or (word.endswith("man") and len(word) > 5):
            return "male"
    return None


def person_name(text: str) -> str | None:
    """``text`` as a person's name: titles and all-capital words (RCMP) dropped; None if
    nothing is left or it names an organisation or a place."""
    kept = [w for w in words_of(text) if key(w) not in TITLES and not _is_acronym(w)]
    if not kept or {key(w) for w in kept} & (ORG_WORDS | PLACE_WORDS):
        return None
    if not all(w[:1].isupper() or key(w) in NAME_PARTICLES for w in kept):
        return None  # "City of"
    return " ".join(kept)


def _is_acronym(word: str) -> bool:
    return len(word) > 1 and word.isupper() and "." not in word


def kind_of_name(name: str) -> str:
    words = [key(w) for w in words_of(name)]  # "New York's" is New York
    if words and words[-1] in DEMONYMS:
        return "group"
    keys = set(words)
    if keys & ORG_WORDS:
        return "org"
    if keys & PLACE_WORDS or " ".join(w for w in words if w != "the") in PLACE_NAMES:
        return "place"
    return "person"


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
        self.genders: dict[str, str | None] = {}
        self.gender_from: dict[str, str] = {}  # "first name", "title" or "pronoun"
        for _, name in self.full:
            if name not in self.genders:
                self.set_gender(name, entities.first_name_gender(name.split()[0]), "first name")
        spans = self.quotations = [(m.start(), m.end()) for m in QUOTATIONS.finditer(text)]
        span_starts = self._quotation_starts = [start for start, _ in spans]  # none overlap
        self.mentions: list[Mention] = []
        for start, end, name, kind in raw:
            title = self._title_before(start)
            titled = title + name  # "Mr " + "Mackenzie"
            if kind == "person":
                full = self.person(titled, end, surname_only=True)
            else:  # NER may call a surname alone an organisation
                full = self.person(name, end, surname_only=True) if " " not in name else None
            if kind == "person" or full:
                name, kind = full or person_name(name) or name, "person"
            inside = bisect.bisect_right(span_starts, start) - 1  # the last one to open
            quoted = inside >= 0 and end <= spans[inside][1]
            before, after = self._roles(start, end)
            before += [key(title.strip())] if title else []  # "Mr. Obama": a man
            said = gender_of_words(before[-2:] + after[:3])  # "Chairwoman Linda Garside"
            if kind == "person" and said and (" " in titled.strip() or " " not in name):
                self.set_gender(name, said, "title")
            roles, apposition = frozenset(before + after), frozenset(after)
            self.mentions.append(Mention(start, end, name, kind, roles, apposition, quoted))
        self.starts = [m.start for m in self.mentions]
        self._things: dict[str, bool] = {}

    @functools.cached_property
    def bodies(self) -> frozenset[str]:
        """Names the text shows to be an organisation's by the words around them ("a
        spokeswoman for Google", "a Google spokesperson", "Shopify's chief executive",
        "shares of Enbridge", "Acme employees", "Acme Inc", "Acme said in a statement"), but
        for names that start with a first name or hold a title, words the text also
        writes in lower case, and surnames of people named."""
        found = set()
        for match in BODY_CONTEXT.finditer(self.text):
            name = _clean(match.group("before") or match.group("after"))
            words = name.split()
            if not words or key(words[0]) in NOT_NAMES | DESCRIPTION_STARTS:
                continue  # "These employees"
            if entities.is_first_name(words[0]) or name.lower() in self.lower_words:
                continue
            if {key(w) for w in words} & ALL_TITLES:
                continue  # "a spokesman for the Interior Minister"
            if " " in name or self.person(name, match.start(), surname_only=True) is None:
                found.add(name)  # "a spokesman for Clinton": Hillary Clinton's
        return frozenset(found)

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
                or key(words[-1]) in WORK_WORDS | DEPARTMENT_ENDS
                or not entities.is_first_name(words[0])
                and plain >= min(2, len(words))
            )
        return self._things[name]

    @functools.cached_property
    def lower_words(self) -> frozenset[str]:
        """The words the text writes in lower case ("delegates"), read once."""
        return frozenset(re.findall(r"(?<![\w’'-])[a-z][\w’'-]*", self.text))

    def _title_before(self, start: int) -> str:
        match = re.search(r"\b(?:Mr|Mrs|Ms|Miss|Dr)\.? $", self.text[max(0, start - 6) : start])
        return match.group(0) if match else ""

    @staticmethod
    def _raw(text: str, found: list[entities.Entity] | None) -> list[tuple[int, int, str, str]]:
        """``(start, end, name, kind)`` of each mention, in text order."""
        out = []
        taken = _Taken()
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
            start = _expand_left(text, e.start, people[-1] if people else 0)
            if kind == "person" or (kind == "place" and key(text[start:].split()[0]) != "city"):
                start = e.start  # "City of" + "Johannesburg", not "Darnell Hughes of" + ...
            name = text[start : e.start] + name
            out = [o for o in out if o[1] <= start]  # a place the name took in ("Northfield")
            out.append((start, e.end, _clean(name), kind))
            taken.add(start, e.end)
            if kind == "person":
                people.append(e.end)
        for run_start, run in _runs(text):
            titled = bool(TITLE_BEFORE.search(text, max(0, run_start - 6), run_start))
            found_name = _name_in_run(run, titled)
            if found_name is None:
                continue
            offset, name, kind = found_name
            start, end = run_start + offset, run_start + offset + len(name)
            named = entities.is_first_name(name.split()[0]) or re.fullmatch(
                r"(?:[A-Z]\.)+", name.split()[0]
            )
            if kind == "person" and not named and _title_case(text, start):
                continue  # a headline's capitals name no one: "Derelict Obama and Clinton"
            if found is not None and not (kind == "person" and named):
                continue  # with NER, only the people it missed
            if kind == "org":  # "Northfield and" + "Coast NHS Foundation Trust"
                left = _expand_left(text, start, taken.last_end(start))
                start, name = left, text[left:start] + name
            if not taken.overlaps(start, end):
                out.append((start, end, name, kind))
                taken.add(start, end)
        return sorted(out)

    def _roles(self, start: int, end: int) -> tuple[list[str], list[str]]:
        """Words before the mention in its clause, from the last article or preposition
        ("Obama spoke to a Gold Star mother": none for Gold Star), and of an apposition
        after it ("Julie Brennan, a spokeswoman for the RCMP,")."""
        before = re.split(r"[,.;:!?()“”\"\n]", self.text[max(0, start - 60) : start])[-1]
        before = " ".join(re.split(ROLE_BREAK, before)[-1:])
        after = re.split(r"[,.;:!?()“”\"\n]", self.text[end + 2 : end + 80])[0].split()
        if self.text[end : end + 2] != ", " or not after or key(after[0]) not in DETERMINERS:
            after = []
        return [key(w) for w in before.split()[-6:]], [key(w) for w in after[:8]]

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
        if " " in name:
            return name
        word = key(name)
        for position in (-1,) if surname_only else (-1, 0):  # the surname, then first name
            names = self._by_word.get((position, word), [])
            earlier = reversed(names[: bisect.bisect_left(names, (end, ""))])  # nearest first
            for _, full in sorted(earlier, key=lambda e: -self.counts[e[1]]):  # most named
                if self.fits(full, gender):
                    return full
        return None

    def later_person(self, surname: str, start: int) -> str | None:
        """The full name with ``surname`` named after ``start``, when just one is ("Clinton
        and Trump clash" in a headline, "Hillary Clinton" in the story); else None."""
        names = self._by_word.get((-1, key(surname)), [])
        later = {full for _, full in names[bisect.bisect_left(names, (start, "")) :]}
        return later.pop() if len(later) == 1 else None

    def is_person(self, mention: Mention) -> bool:
        """Whether a mention called a person has more than its capitals to show for it:
        a named-entity label, a known first name or initials, or a title or gender word
        next to it ("Fort Wayne" and "Crosscut Strategies" have none)."""
        first = mention.name.split()[0]
        return bool(
            self.ner
            or entities.is_first_name(first)
            or re.fullmatch(r"(?:[A-Z]\.)+", first)
            or self.genders.get(mention.name)
            or mention.roles & (TITLES | FEMALE_WORDS | MALE_WORDS)
        )

    def set_gender(self, name: str, gender: str | None, source: str) -> None:
        """Record that ``name`` is of ``gender``, and how that is known."""
        self.genders[name] = gender
        if gender is None:
            self.gender_from.pop(name, None)
        else:
            self.gender_from[name] = source

    def fits(self, name: str | None, gender: str | None) -> bool:
        """Whether the person ``name`` may be of ``gender`` (unknown fits anything)."""
        known = self.genders.get(name) if name else None
        return gender is None or known is None or known == gender

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


class _Taken:
    """Character ranges already named: which overlap a range, and the last end before a
    point, each in logarithmic time (a long text has thousands)."""

    def __init__(self) -> None:
        self.ranges: list[tuple[int, int]] = []  # by start
        self.ends: list[int] = []  # sorted
        self.longest = 0

    def add(self, start: int, end: int) -> None:
        bisect.insort(self.ranges, (start, end))
        bisect.insort(self.ends, end)
        self.longest = max(self.longest, end - start)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a range ``(s, e)`` with ``s < end and start < e`` was added."""
        lo = bisect.bisect_left(self.ranges, (start - self.longest, -1))
        hi = bisect.bisect_left(self.ranges, (end, -1))
        return any(start < e for _, e in self.ranges[lo:hi])

    def last_end(self, point: int) -> int:
        """The largest end at or before ``point``, else 0."""
        i = bisect.bisect_right(self.ends, point)
        return self.ends[i - 1] if i else 0


def _clean(name: str) -> str:
    """A name without a leading "the" or a trailing possessive."""
    name = re.sub(r"^(?:the|The)\s+", "", name.strip())
    return re.sub(r"[’']s?$", "", name).strip()


def _runs(text: str) -> Iterator[tuple[int, str]]:
    """``(start, run)`` of each run of capitalised words; runs joined by "of", "on" or
    "for" (and "the" or "a") to a run holding a word that makes an organisation are one
    ("Board of Secondary Education", "Court of Appeals for the Sixth Circuit"), but not
    to a day or a month ("the Commission on Tuesday")."""
    runs = [(m.start(), m.group(0)) for m in RUN.finditer(text)]
    i = 0
    while i < len(runs):
        start, run = runs[i]
        while (
            i + 1 < len(runs)
            and ORG_JOIN.fullmatch(text, start + len(run), runs[i + 1][0])
            and {key(w) for w in run.split()} & ORG_WORDS
            and key(runs[i + 1][1].split()[0]) not in NOT_NAMES
        ):
            i += 1
            run = text[start : runs[i][0] + len(runs[i][1])]
        yield start, run
        i += 1


def _name_in_run(run: str, titled: bool = False) -> tuple[int, str, str] | None:
    """``(offset, name, kind)`` of the name in a run of capitalised words: the whole run
    when a word makes it an organisation or a place ("Thunder Bay Youth Council"), else
    the last two or three words after any title ("Secretary General Jens Stoltenberg" ->
    Jens Stoltenberg); a surname alone only after a title ("President Obama", or
    ``titled``: "Mr." just before the run); else None for a single word."""
    tokens = run.split()
    while tokens and key(tokens[0]) in NOT_NAMES:
        tokens = tokens[1:]
    while tokens and (key(tokens[-1]) in NAME_PARTICLES or tokens[-1] in ("&", "Ó", "Ní")):
        tokens = tokens[:-1]
    if len(tokens) == 2 and key(tokens[0]) in TITLES or len(tokens) == 1 and titled:
        surname = re.sub(r"[’']s$", "", tokens[-1])
        if key(surname) not in TITLES | NOT_NAMES and kind_of_name(surname) == "person":
            if not _is_acronym(surname):
                return run.rindex(surname), surname, "person"
    if len(tokens) < 2:
        return None
    kind = kind_of_name(" ".join(tokens))
    titles = [i for i, t in enumerate(tokens) if key(t) in TITLES]
    named = tokens[titles[-1] + 1 :] if titles else []
    if len(named) >= 2 and kind_of_name(" ".join(named)) == "person":
        kind = "person"  # "Police Minister Bheki Cele", "Supreme Court Justice Sonia Sotomayor"
    owners = [i for i, t in enumerate(tokens[:-1]) if re.search(r"[’']s$", t)]
    owned = tokens[owners[-1] + 1 :] if owners else []
    if len(owned) >= 2 and kind_of_name(" ".join(owned)) == "person":
        kind = "person"  # "the Bureau of Meteorology's Claire Richards"
    if kind == "person":
        while tokens and _is_acronym(tokens[-1]):
            tokens = tokens[:-1]  # "Jeremy Hunt MP"
        owners = [i for i, t in enumerate(tokens[:-1]) if re.search(r"[’']s$", t)]
        tokens = tokens[owners[-1] + 1 :] if owners else tokens  # "Labour's Keir Starmer"
        titles = [i for i, t in enumerate(tokens) if key(t) in TITLES]
        tokens = tokens[titles[-1] + 1 :] if titles else tokens
        tokens = tokens[-3:]
        while tokens and _is_acronym(tokens[0]):
            tokens = tokens[1:]  # "BBC News" is no one
        while len(tokens) > 2 and _glued(tokens):
            tokens = tokens[1:]  # "Homeland Security Jeh Johnson", "Republican Donald Trump"
        if len(tokens) < 2:
            return None
    name = " ".join(tokens)
    name = re.sub(r"[’']s$", "", name)
    return run.rindex(" ".join(tokens)) if kind == "person" else run.index(name), name, kind


def _title_case(text: str, at: int) -> bool:
    """Whether the line holding ``at`` capitalises every word of four letters or more
    (at least three): a headline."""
    start, end = text.rfind("\n", 0, at) + 1, text.find("\n", at)
    words = re.findall(r"\b[^\W\d_]{4,}", text[start : end if end >= 0 else len(text)])
    return len(words) >= 3 and all(w[0].isupper() for w in words)


def _glued(tokens: list[str]) -> bool:
    """Whether a person's name's first word is glued on: a word of a department or a
    title ("Security", "Affairs", "Republican"), or no known first name before one."""
    first = key(tokens[0])
    if first in PORTFOLIO_WORDS | ALL_TITLES | DEMONYMS:
        return True
    return not entities.is_first_name(tokens[0]) and bool(entities.is_first_name(tokens[1]))


def _expand_left(text: str, start: int, limit: int) -> int:
    """Extend an organisation's name over capitalised words and connectors just before it
    ("Northfield and" + "Coast NHS Foundation Trust"), not before ``limit``."""
    while start > limit:
        match = re.search(r"(\S+) $", text[max(0, start - 40) : start])
        if not match:
            return start
        word = match.group(1)
        if key(word) in CONNECTORS:
            previous = re.search(r"(\S+) $", text[max(0, start - 60) : start - len(word) - 1])
            if not previous or not previous.group(1)[:1].isupper():
                return start
        elif not word[:1].isupper() or key(word) in NOT_NAMES or not ORG_WORD.match(word):
            return start
        if start - len(word) - 1 < limit:
            return start
        start -= len(word) + 1
    return start
