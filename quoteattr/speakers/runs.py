"""Names in runs of capitalised words, for :mod:`quoteattr.speakers.mentions`.

A run of capitalised words, acronyms, initials and particles on one line ("Coun. Maria
Santos", "Thunder Bay Youth Council") holds at most one name (:func:`name_in_run`): the
whole run when a word such as "Council" makes it an organisation's or "Lane" a place's,
else a person's last two or three words after any title ("Police Minister Bheki Cele"),
without an owner ("Labour's Keir Starmer"), a department's word or a word that is no
first name before a first name ("Homeland Security Jeh Johnson", "Rival Donald Trump").
Also the word helpers every speaker module shares (:func:`key`, :func:`words_of`,
:func:`person_name`, :func:`kind_of_name`, :func:`gender_of_words`).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator, Sequence

from . import entities
from .lexicon import (
    ALL_TITLES,
    BODY_NATIONALITIES,
    BODY_PLACE_ENDS,
    CONNECTORS,
    DEMONYMS,
    DEPARTMENT_ENDS,
    DEPARTMENT_WORDS,
    FEMALE_WORDS,
    FIRST_NAME_PLACE_WORDS,
    FRENCH_BODY_WORDS,
    GROUP_WORDS,
    HEAD_ROLES,
    INNER_PARTICLES,
    KIN,
    MALE_WORDS,
    NAME_PARTICLES,
    NOT_NAMES,
    ORG_NAMES,
    ORG_WORDS,
    PAPER_WORDS,
    PARTY_NAMES,
    PARTY_WORDS,
    PERSON_NOUNS,
    PERSON_ROLES,
    PLACE_NAMES,
    PLACE_WORDS,
    PORTFOLIO_WORDS,
    RUN_PARTICLES,
    SUFFIXES,
    SURNAME_PLACE_WORDS,
    TITLES,
)

UPPER = "A-ZÀ-ÖØ-Þ"
WORD = rf"[{UPPER}][a-zß-öø-ÿ’'][\w’'\-]*"
PARTICLES = "(?:" + "|".join(RUN_PARTICLES) + ")"
ACRONYM = r"[A-Z]{2,}(?![a-z])"  # "NHS", "NSW", "FC"
# A surname that opens with a lower-case article or particle: "al-Assad", "duPlessis"
PREFIXED = rf"(?:(?:al|el|ad|as|ash|at|ar|an|az|ul)-|(?:du|de|di|da|van|von|mac))[{UPPER}][\w’'\-]+"
PREFIXED_WORD = re.compile(PREFIXED)
_TOKEN = (  # "George W Bush"
    rf"(?:{WORD}|{PREFIXED}|(?:[A-Z]\.)+|[A-Z](?= {WORD})|{ACRONYM}|{PARTICLES}|&)"
)
# Lower-case particles inside a name, before a capitalised word ("Eileen de Villa").
LOWER_PARTICLES = "(?:" + "|".join(sorted(INNER_PARTICLES)) + ")"
# A run of capitalised words, acronyms, initials ("K.", "B.S.") and particles ("Ó", "de"),
# on one line.
RUN = re.compile(
    rf"(?<![\w.’'])(?:{WORD}|{PREFIXED}|(?:[A-Z]\.)+|{ACRONYM})"
    rf"(?: (?:{LOWER_PARTICLES} )*{_TOKEN})*(?![\w’'])"
)
ORG_WORD = re.compile(r"[\w.\-’'&]+$")
POSSESSIVE = r"(?:[’']s|(?<=s)[’'])"  # "Clinton's", "Sanders’"
OWNER_WORD = re.compile(rf"{POSSESSIVE}$")
# What joins two runs of capitalised words into one organisation's name, after a word
# such as "Commission": "Board of Secondary Education", "Commission on Presidential
# Debates", "Committee for a Responsible Federal Budget".
ORG_JOIN = re.compile(r" (?:of|on|for|into)(?: the| a)? ")  # "Royal Commission into HIH"
PEOPLE_JOIN = re.compile(r" (?:of|for)(?: the)? ")  # "Dairy Farmers of Canada"
PEOPLE_JOINS = {"of", "for", "against", "without"}


def words_of(name: str) -> list[str]:
    """A name's words without a trailing possessive or comma ("Smith’s" -> Smith,
    "Francis'" -> Francis, "Hamas," -> Hamas)."""
    return OWNER_WORD.sub("", name.strip().rstrip(",;:").rstrip()).split()


def key(word: str) -> str:
    return word.lower().strip(".,;:()").replace("’", "'")


def singular(word: str) -> str:
    word = re.sub(r"[’']s?$", "", word)
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


def gender_of_words(words: Sequence[str]) -> str | None:
    """The gender that words such as "Mrs", "spokeswoman" or "husband" give, or None. A
    word in "-man" counts in lower case or as a title ("Chairman"), not as a name or a
    demonym ("German Chancellor Angela Merkel", "Jo Smith and Tom Newman")."""
    for written in words:
        word = key(written)
        role = written.islower() or word in TITLES or word.endswith("sman")  # "Spokesman"
        if word in FEMALE_WORDS or word.endswith("woman"):
            return "female"
        if word in MALE_WORDS or (word.endswith("man") and len(word) > 5 and role):
            return "male"
    return None


def person_name(text: str) -> str | None:
    """``text`` as a person's name: titles and all-capital words (RCMP) dropped; None if
    nothing is left or it names an organisation or a place."""
    kept = [w for w in words_of(text) if key(w) not in TITLES and not is_acronym(w)]
    while len(kept) > 1 and key(kept[0]) in DEMONYMS and kept[0].endswith("s"):
        kept = kept[1:]  # "Republicans Jolly" (of "Republicans Jolly and Beruff")
    if not kept or {key(w) for w in kept} & ORG_WORDS or names_place(words_of(text)):
        return None
    if not all(
        w[:1].isupper() or key(w) in NAME_PARTICLES or PREFIXED_WORD.fullmatch(w) for w in kept
    ):
        return None  # "City of", not "Bashar al-Assad"
    return " ".join(kept)


# A word with a capital inside, as brands write theirs ("WestJet"), not a surname with a
# prefix ("McDonald", "MacKay", "DeVos", "LaHood", "DiNapoli", "VanderZalm", "FitzGerald")
CAMEL = re.compile(
    r"(?!(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Vande|Vander|Von|Fitz|St)[A-Z])[A-Z][a-z]+[A-Z][a-z]\w*"
)


NOT_AFTER_PLACE = ALL_TITLES | DEMONYMS | PARTY_WORDS  # "Ontario Premier", "Texas Republican"


def _place_first(words: list[str]) -> bool:
    """Whether a name's words (lower case) are a province's or country's name and then
    words of no person's name: a body ("Nova Scotia Power"), not "Georgia Smith" (a first
    name), "Ontario Premier Doug Ford" or "Texas Republican Cruz"."""
    for n in (1, 2, 3):
        if n < len(words) and " ".join(words[:n]) in places():
            if n == 1 and entities.is_first_name(words[0]):
                return False
            rest = words[n:]
            if len(set(rest) - CONNECTORS) > 2:  # "North Dakota RNC Committeeman Curly Haugland"
                return False
            return not any(w in NOT_AFTER_PLACE or entities.is_first_name(w) for w in rest)
    return False


def _people(word: str) -> bool:
    """Whether a word names people in the plural ("farmers", "mothers", "veterans"), as
    a body's name may start: "Dairy Farmers of Canada", "Mothers Against Drunk Driving"."""
    word = key(word)
    one = word[:-1] if word.endswith("s") else ""
    return bool(one) and (word in GROUP_WORDS or one in PERSON_NOUNS | PERSON_ROLES | KIN)


def names_place(words: Sequence[str]) -> bool:
    """Whether a name's words hold a place word ("Hamilton Road", "Parliament Hill"), not
    as a surname after a title or a known first name ("Senator Hill", "Robert Hill",
    "President Park Geun-hye") or as a first name ("Glen Campbell")."""
    keys = [key(w) for w in words]
    if len(keys) > 1 and keys[0] in FIRST_NAME_PLACE_WORDS:
        keys[0] = ""  # "Glen Campbell"
    keys = [k if i == 0 or keys[i - 1] not in TITLES else "" for i, k in enumerate(keys)]
    if not set(keys) & PLACE_WORDS:
        return False
    if len(keys) < 2 or keys[-1] not in SURNAME_PLACE_WORDS or set(keys[:-1]) & PLACE_WORDS:
        return True
    before = words[-2]
    return not (key(before) in TITLES or entities.is_first_name(before))


def names_a_person(head: str) -> bool:
    """Whether a description's head word says what a person is ("judge", "coach",
    "spokeswoman", "campaigner"), not a share or a thing ("percent", "majority")."""
    return (
        head in TITLES | PERSON_ROLES | PERSON_NOUNS | HEAD_ROLES
        or gender_of_words([head]) is not None
        or head.endswith(("er", "or", "ist", "ian"))
    )


def is_acronym(word: str) -> bool:
    return len(word) > 1 and word.isupper() and "." not in word


def is_dotted_acronym(word: str) -> bool:
    """Whether ``word`` is a body's initials with full stops ("S.E.C.", "N.A.A.C.P.")."""
    return bool(re.fullmatch(r"(?:[A-Z]\.){2,}", word))


def kind_of_name(name: str) -> str:
    words = [key(w) for w in words_of(name)]  # "New York's" is New York
    plural = words and (words[-1].endswith("s") or words[-1] in ("men", "women", "children"))
    if words and (words[-1] in DEMONYMS or words[-1] in GROUP_WORDS and plural):
        return "group"  # "Canadians", "Palestinian Authorities", "U.N. Women"
    if len(words) > 1 and words[-1] == "city":
        return "place"  # "Atlantic City", "Quebec City"; not "New York City Councillor Jo Li"
    held = r"-(?:controlled|held|led|occupied|run)"
    if len(words) > 1 and words[-1] in places() and all(re.search(held, w) for w in words[:-1]):
        return "place"  # "Hamas-run Gaza", "Russian-occupied Crimea"
    if len(words) > 1 and words[-1] == "team" and not entities.is_first_name(words[0]):
        return "org"  # "Serious Incident Response Team"; "the team" alone is no body's name
    if "united" in words[1:] or len(words) > 1 and words[0] == "daily":
        return "org"  # "Citizens United", "National Nurses United", "Daily Caller"
    keys = set(words)
    if keys & ORG_WORDS or words and words[-1] in DEPARTMENT_ENDS:  # "Veterans Affairs"
        return "org"
    # "Dairy Farmers of Canada", "Mothers Against Drunk Driving"; not "Residents of Halifax"
    joins = [i for i, w in enumerate(words[1:-1], 1) if w in PEOPLE_JOINS]
    if (
        joins
        and _people(words[joins[0] - 1])
        and (joins[0] > 1 or words[1] in PEOPLE_JOINS - {"of", "for"})
    ):
        return "org"
    owned = any(w.endswith("'s") for w in words[:-1])  # "Osama bin Laden's Al Qaeda": his
    if not owned and any(" ".join(words[i:]) in ORG_NAMES for i in range(len(words))):
        return "org"  # "the Red Cross", "Saudi-born Al Qaeda"
    if names_place(words_of(name)) or " ".join(w for w in words if w != "the") in places():
        return "place"
    if len(words) > 1 and words[0] in ("fort", "san"):
        return "place"  # "Fort Wayne", "San Diego"
    named = [w for w in words if w != "the"]
    if len(named) > 1 and named[-1] in PAPER_WORDS and not entities.is_first_name(named[0]):
        return "org"  # "Toronto Star", "The Globe and Mail", not "Jo Star"
    if len(named) > 1 and _place_first(named):
        return "org"  # "Nova Scotia Power", "Ontario Power Generation"
    ends = {named[-1], " ".join(named[-2:])} if len(named) > 1 else set()
    if len(named) == 1 and "-" in named[0]:
        ends = {named[0].rsplit("-", 1)[1]}  # "Hydro-Québec", "Loto-Québec"
    if ends & BODY_PLACE_ENDS and named[0] not in ALL_TITLES:
        return "org"  # "Air Canada", "Bell Canada", "Doctors Nova Scotia"
    if len(named) == 2 and named[0] in BODY_NATIONALITIES and not named[1].endswith("s"):
        if not entities.is_first_name(named[1]):  # not "British Columbians", "Canadian Jo"
            return "org"  # "Canadian Tire", "American Express"
    if len(named) == 1 and CAMEL.fullmatch(words_of(name)[-1]):
        if not entities.is_first_name(words_of(name)[-1]):
            return "org"  # "WestJet", "TransLink", "SickKids"; not "McDonald", "DeVos"
    if (
        len(named) > 1
        and named[-1] in places()
        and all(w in DEPARTMENT_WORDS | {"and"} for w in named[:-1])
    ):
        return "org"  # "Parks Canada", "Fisheries and Oceans Canada"
    return "person"


@functools.cache
def places() -> frozenset[str]:
    """:data:`PLACE_NAMES` and, from pycountry, the names of the world's countries and of
    the provinces, states and territories of Canada, the United States and Australia, in
    lower case ("china", "alberta", "new south wales"); read from the cache after the
    first time (pycountry takes about 0.1 s)."""
    return frozenset(PLACE_NAMES | set(entities.cached_table("places", "pycountry", _places)))


@functools.cache
def countries() -> frozenset[str]:
    """The world's countries by name, in lower case, from pycountry (cached as
    :func:`places` is), and as written in capitals ("us", "uk")."""
    found = entities.cached_table("countries", "pycountry", _countries) or []
    return frozenset({"britain", "england", "us", "u.s", "usa", "uk", "u.k", *found})


def _countries() -> list[str]:
    import pycountry

    names = {c.name for c in pycountry.countries}
    names |= {c.common_name for c in pycountry.countries if hasattr(c, "common_name")}
    return sorted({n.split(",")[0].lower() for n in names})


def _places() -> list[str]:
    import pycountry

    names = {c.name for c in pycountry.countries}
    names |= {c.common_name for c in pycountry.countries if hasattr(c, "common_name")}
    names |= {n.split(",")[0] for n in names}  # "Iran, Islamic Republic of"
    names |= {
        s.name
        for s in pycountry.subdivisions
        if s.country_code in ("CA", "US", "AU") and s.type in ("Province", "State", "Territory")
    }
    return sorted(n.lower() for n in names)


class Taken:
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


def clean_name(name: str) -> str:
    """A name without a leading "the" or a trailing possessive."""
    name = re.sub(r"^(?:the|The)\s+", "", name.strip())
    return re.sub(r"[’']s?$", "", name).strip()


# A French body's name, its lower-case words joined by "de", "des", "du", "l’" ...:
# "Fédération autonome de l’enseignement", "Société de transport de Montréal"
_FRENCH_HEADS = "|".join(  # and words French shares with English: "Union des ..."
    sorted(
        w.capitalize()
        for w in FRENCH_BODY_WORDS
        | {
            "alliance",
            "association",
            "bureau",
            "centre",
            "coalition",
            "commission",
            "office",
            "union",
        }
    )  # fmt: skip
)
_FRENCH_LINK = r"(?:de la |de l[’']|des |du |de |d[’']|l[’']|et |aux |au |en |pour |sur )"
_FRENCH_ADJ = (  # "autonome", "nationaux", "québécois", "intégré"
    r"(?: [a-zà-ÿ\-]*(?:[à-ÿ][a-zà-ÿ\-]*|aux|ales?|omes?|ois|oises?|aises?|iques?|elles?|"
    r"iennes?|aires?))"
)
FRENCH_NAME = re.compile(
    rf"(?:{_FRENCH_HEADS}){_FRENCH_ADJ}{{0,2}}(?: {_FRENCH_LINK}+[\w’'\-]+{_FRENCH_ADJ}?)+"
    r"(?![\w’'])"
)


def runs(text: str) -> Iterator[tuple[int, str]]:
    """``(start, run)`` of each run of capitalised words; runs joined by "of", "on",
    "for" or "into" (and "the" or "a") to a run that names an organisation are one ("Board
    of Secondary Education", "Court of Appeals for the Sixth Circuit", "Royal Commission
    into HIH"), but not to a day or a month ("the Commission on Tuesday"); so are people
    in the plural and a run joined by "of" or "for" ("Dairy Farmers of Canada")."""
    found = [(m.start(), m.group(0)) for m in RUN.finditer(text)]
    i = 0
    while i < len(found):
        start, run = found[i]
        head = start + 4 if run.startswith("The ") else start
        french = FRENCH_NAME.match(text, head)
        if french and french.end() > start + len(run):
            while i + 1 < len(found) and found[i + 1][0] < french.end():
                i += 1  # "Société de transport de Montréal": one name
                rest = found[i][0] + len(found[i][1])
                if rest > french.end():  # "... du Québec President Jo Smith": Jo Smith
                    after = french.end() + 1
                    found[i] = (after, text[after:rest])
                    i -= 1
                    break
            run = text[start : french.end()]
        end = _department_end(text, start)
        while end and i + 1 < len(found) and found[i + 1][0] < end:
            i += 1  # "Fisheries and Oceans Canada": one name
            run = text[start : found[i][0] + len(found[i][1])]
        while i + 1 < len(found) and (
            ORG_JOIN.fullmatch(text, start + len(run), found[i + 1][0])
            and kind_of_name(run) == "org"
            and key(found[i + 1][1].split()[0]) not in NOT_NAMES
            or PEOPLE_JOIN.fullmatch(text, start + len(run), found[i + 1][0])
            and _people(run.split()[-1])
            and len(run.split()) > 1
            or _and_org(text, start + len(run), run, found[i + 1][1])
        ):
            i += 1
            run = text[start : found[i][0] + len(found[i][1])]
        yield start, run
        i += 1


DEPARTMENT = re.compile(  # "Immigration, Refugees and Citizenship Canada"
    r"(?:[A-Z][\w\-]* )*[A-Z][\w\-]*(?:, (?:[A-Z][\w\-]* )*[A-Z][\w\-]*)*,? and "
    r"(?:[A-Z][\w\-]* )+[A-Z][\w\-]*(?![\w\-])"
)


def _department_end(text: str, start: int) -> int:
    """Where a government department's name listed with "and" that starts at ``start``
    ends ("Fisheries and Oceans Canada"): its words portfolio words and the last a
    country's or a province's name; 0 when there is none."""
    match = DEPARTMENT.match(text, start)
    if match is None:
        return 0
    *words, place = re.findall(r"[\w\-]+", match.group(0))
    if key(place) not in places():
        return 0
    return match.end() if all(key(w) in DEPARTMENT_WORDS | {"and"} for w in words) else 0


JOINED_ENDS = {"budget", "policy", "welfare"}  # "Office of Management and Budget"


def _and_org(text: str, end: int, run: str, following: str) -> bool:
    """Whether " and " at ``end`` joins ``run`` to the rest of an organisation's name
    ("Australian Food and Grocery Council", "Department of Foreign Affairs and Trade"),
    not a person to one ("Jo Smith and Health Canada")."""
    if not (text.startswith(" and ", end) and text.startswith(following, end + 5)):
        return False
    first = run.split()[0]
    head = key(re.sub(r"^The ", "", run).split()[0])
    if head in ("department", "ministry") and " of " in run and key(following) in DEPARTMENT_WORDS:
        return True  # "Department of Foreign Affairs and Trade": one more portfolio
    words, more = run.split(), [key(w) for w in following.split()]
    joined = next((i for i, w in enumerate(words[1:-1], 1) if w in ("of", "for")), 0)
    if joined and key(words[joined - 1]) in ORG_WORDS and " and " not in run and len(more) <= 3:
        # "Centre for Israel and Jewish Affairs", "Office of Management and Budget"; not
        # "... and Health Canada", "... and Jo Smith", "... and Premier Doug Ford"
        return (  # "... and Tiff Macklem", "... and Scotiabank": no portfolio
            more[-1] in DEPARTMENT_WORDS | JOINED_ENDS
            and not set(more) & (ORG_WORDS - PORTFOLIO_WORDS | ALL_TITLES)
            and not entities.is_first_name(following.split()[0])
            and not any(w in places() for w in more)
        )
    return (
        bool({key(w) for w in following.split()} & ORG_WORDS)
        and not {key(w) for w in run.split()} & (ORG_WORDS | ALL_TITLES)
        and not entities.is_first_name(first)
        and kind_of_name(run) != "place"
    )


def one_of(words: list[str]) -> bool:
    """Whether "One" before ``words`` picks one of a place's people or a party's ("One
    California delegate", "One Democratic official"), not a name that starts with it
    ("One Nation", "One Direction", "One Medical")."""
    parties = PARTY_WORDS | PARTY_NAMES | {"green"}
    return kind_of_name(" ".join(words)) in ("place", "group") or key(words[0]) in parties


def name_in_run(run: str, titled: bool = False) -> tuple[int, str, str] | None:
    """``(offset, name, kind)`` of the name in a run of capitalised words: the whole run
    when a word makes it an organisation or a place ("Thunder Bay Youth Council"), else
    the last two or three words after any title ("Secretary General Jens Stoltenberg" ->
    Jens Stoltenberg); a surname alone only just after a title ("President Obama",
    "Environment Minister McKenna", or ``titled``: "Mr." just before the run); else None
    for a single word."""
    tokens = run.split()
    while tokens and key(tokens[0]) in NOT_NAMES:
        tokens = tokens[1:]
    if len(tokens) > 1 and key(tokens[0]) == "one" and one_of(tokens[1:]):
        tokens = tokens[1:]  # "One California delegate", not "One Nation"
    while tokens and (key(tokens[-1]) in NAME_PARTICLES or tokens[-1] in ("&", "Ó", "Ní")):
        tokens = tokens[:-1]
    # "President Obama", "Environment Minister McKenna": a surname alone after a title
    titled_surname = len(tokens) >= 2 and key(tokens[-2]) in TITLES
    if titled_surname and not is_acronym(tokens[-2]) or len(tokens) == 1 and titled:  # not RT
        surname = re.sub(r"[’']s$", "", tokens[-1])
        if key(surname) not in TITLES | NOT_NAMES and kind_of_name(surname) == "person":
            if not is_acronym(surname):
                return run.rindex(surname), surname, "person"
    if len(tokens) < 2:
        return None
    kind = kind_of_name(" ".join(tokens))
    if len(tokens) > 3 and key(tokens[-3]) in DEPARTMENT_ENDS | TITLES:
        if entities.is_first_name(tokens[-2]) and kind_of_name(" ".join(tokens[-2:])) == "person":
            tokens, kind = tokens[-2:], "person"  # "Director of Government Affairs Phil Smith"
    titles = [i for i, t in enumerate(tokens) if key(t) in TITLES]
    named = tokens[titles[-1] + 1 :] if titles else []
    if len(named) >= 2 and kind_of_name(" ".join(named)) == "person":
        kind = "person"  # "Police Minister Bheki Cele", "Supreme Court Justice Sonia Sotomayor"
    owners = [i for i, t in enumerate(tokens[:-1]) if OWNER_WORD.search(t)]
    owned = tokens[owners[-1] + 1 :] if owners else []
    if len(owned) >= 2 and kind_of_name(" ".join(owned)) == "person":
        kind = "person"  # "the Bureau of Meteorology's Claire Richards"
    if kind == "person":
        if is_acronym(tokens[-1]) and kind_of_name(" ".join(tokens[:-1])) == "place":
            kind = "place"  # "A Nova Scotia MP": the place an MP sits for
        while tokens and is_acronym(tokens[-1]):
            tokens = tokens[:-1]  # "Jeremy Hunt MP"
        owners = [i for i, t in enumerate(tokens[:-1]) if OWNER_WORD.search(t)]
        owner = tokens[: owners[-1] + 1] if owners else []
        owner = owner[max((i + 1 for i, t in enumerate(owner) if key(t) in TITLES), default=0) :]
        # "Director Denis Villeneuve’s Dune", "Sarah Polley’s Women Talking": a work after
        # a full name, not a person ("Labour's Keir Starmer")
        owned = tokens[owners[-1] + 1 :] if owners else []
        full_owner = 1 < len(owner) < 4 and entities.is_first_name(owner[0])
        if owners and (
            kind_of_name(" ".join(owned)) != "person"
            or full_owner
            and not entities.is_first_name(owned[0])
            and (len(owned) == 1 or any(key(w) in NOT_NAMES | GROUP_WORDS for w in owned))
        ):
            tokens = tokens[: owners[-1] + 1]  # "Osama bin Laden's Al Qaeda": bin Laden
        elif owners:
            tokens = tokens[owners[-1] + 1 :]  # "Labour's Keir Starmer"
        titles = [i for i, t in enumerate(tokens) if key(t) in TITLES]
        tokens = tokens[titles[-1] + 1 :] if titles else tokens
        # the last three words, not counting "von", "R." or "Jr" ("Joseph R. Biden Jr.")
        words = [
            i
            for i, t in enumerate(tokens)
            if key(t) not in INNER_PARTICLES | SUFFIXES and not re.fullmatch(r"[A-Z]\.?", t)
        ]
        tokens = tokens[words[-3] :] if len(words) >= 3 else tokens  # "Ursula von der Leyen"
        while tokens and is_acronym(tokens[0]):
            tokens = tokens[1:]  # "BBC News" is no one
        while len(tokens) > 2 and _glued(tokens):
            tokens = tokens[1:]  # "Homeland Security Jeh Johnson", "Republican Donald Trump"
        if len(tokens) < 2:
            return None
    name = " ".join(tokens)
    name = re.sub(r"[’']s$", "", name)
    return run.rindex(" ".join(tokens)) if kind == "person" else run.index(name), name, kind


HEADLINE_CHARS = 300  # the longest line taken for a headline


def title_case(text: str, at: int) -> bool:
    """Whether the line holding ``at`` capitalises every word of four letters or more
    (at least three): a headline."""
    low, high = max(0, at - HEADLINE_CHARS), min(len(text), at + HEADLINE_CHARS)
    start, end = text.rfind("\n", low, at), text.find("\n", at, high)
    start = start + 1 if start >= 0 else (0 if low == 0 else -1)
    end = end if end >= 0 else (len(text) if high == len(text) else -1)
    if start < 0 or end < 0 or end - start > HEADLINE_CHARS:
        return False  # a paragraph, however it is written (looked at no further)
    words = re.findall(r"\b[^\W\d_]{4,}", text[start:end])
    return len(words) >= 3 and all(w[0].isupper() for w in words)


PORTFOLIO_NOUN = re.compile(r"(?:tion|ment|ity|ics)$")  # "Minister for Rehabilitation X Y"


def _glued(tokens: list[str]) -> bool:
    """Whether a person's name's first word is glued on: a word of a department or a
    title ("Security", "Affairs", "Republican", "Rehabilitation"), or no known first name
    before one."""
    first = key(tokens[0])
    if first in PORTFOLIO_WORDS | ALL_TITLES | DEMONYMS:
        return True
    if entities.is_first_name(tokens[0]):
        return False
    if first in PERSON_ROLES:
        return True  # "Author Esi Edugyan"
    return bool(entities.is_first_name(tokens[1]) or PORTFOLIO_NOUN.search(first))


def expand_left(text: str, start: int, limit: int) -> int:
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
        elif re.fullmatch(r"\w{3,}\.", word):  # a sentence's end: "Sherbrooke, Que." or "Canada."
            return start
        if start - len(word) - 1 < limit:
            return start
        start -= len(word) + 1
    return start


SENTENCE_BREAK = re.compile(r"[.!?][”\"’)']*\s+|\n+")
ABBREVIATION = re.compile(r"(?:^|\W)(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|No|[A-Z])$")


LOOK_BACK_CHARS = 3000


def sentence_start(text: str, at: int) -> int:
    """Where the sentence holding ``at`` starts (after "Mr." and initials it goes on), at
    most ``LOOK_BACK_CHARS`` before it."""
    starts, ends = _sentence_breaks(text)
    i = bisect.bisect_right(ends, at)
    if i < len(ends) and starts[i] < at:  # inside a break: the sentence starts here
        return at
    return max(ends[i - 1] if i else 0, at - LOOK_BACK_CHARS, 0)


@functools.lru_cache(maxsize=8)
def _sentence_breaks(text: str) -> tuple[list[int], list[int]]:
    """Where each sentence break of ``text`` starts and ends, found once a text."""
    starts, ends = [], []
    for brk in SENTENCE_BREAK.finditer(text):
        before = text[max(0, brk.start() - 5) : brk.start()]  # "Mr." goes on, and so
        if text[brk.end() : brk.end() + 1].islower() and brk.group(0)[0] != "\n":
            continue  # does "“What if he had lessons?” the 43-year-old asked"
        if brk.group(0)[0] == "\n" or not ABBREVIATION.search(before):
            starts.append(brk.start())
            ends.append(brk.end())
    return starts, ends


def sentence_end(text: str, at: int) -> int:
    """Where the sentence holding ``at`` ends: the start of the next sentence break."""
    starts, _ = _sentence_breaks(text)
    i = bisect.bisect_left(starts, at)
    return starts[i] if i < len(starts) else len(text)
