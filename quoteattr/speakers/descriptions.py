"""Who a speaker span names or describes, for :mod:`quoteattr.speakers`.

- :func:`person_in`, :func:`org_in`: the name inside a part of a speaker span: the last
  person ("Adelaide Community Services Network chief executive Ross Pearce"); the first
  organisation, else the longest run of capitalised words ("Cancer charity Bright
  Tomorrow"). A possessive names someone else ("Tremblay’s daughter Chloé" -> Chloé).
- :func:`person_described`: a person's description ("the judge", "Miners coach") means
  the one it stands in apposition to, else the nearest earlier (else later) person with
  that role word next to their name ("Judge Andrew Pryce", "Martin Lavoie, the Miners
  coach", "Sen. Ted Cruz" for "the senator"), holding the title or portfolio the
  description names ("the Defence Minister", "the vice president") and, when the
  article names such people's places, its place ("the Florida senator").
- :func:`described`: a body's description ("the railway", "police data", "a spokeswoman
  for the agency") means the organisation it is in apposition to, else the nearest
  earlier (else the first later) organisation whose name holds its head word or a word
  before it; "officials", "they" and an unnamed person ("one woman", "the spokeswoman")
  stay unnamed.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass

from . import entities
from .lexicon import (
    ACRONYM_HEADS,
    ALIASES,
    ALL_TITLES,
    COMPANY_NAMES,
    COMPANY_TRADES,
    CUTS,
    DEFINITE,
    DEMONYMS,
    DETERMINERS,
    DOCUMENTS,
    GENDER_OF,
    GROUP_WORDS,
    HEAD_ROLES,
    INDEFINITE,
    INNER_PARTICLES,
    NAMED_HEADS,
    NOT_NAMES,
    ORG_HEADS,
    ORG_NAMES,
    PAPER_WORDS,
    PARTY_NAMES,
    PARTY_WORDS,
    PERSON_NOUNS,
    PERSON_ROLES,
    PORTFOLIO_WORDS,
    PREPOSITIONS,
    QUANTIFIERS,
    QUOTED_DOCUMENTS,
    ROLE_ALIASES,
    SUBORDINATE,
    TITLES,
    TYPE_HEADS,
    WORK_WORDS,
)
from .mentions import CAPS, COURTESY_BEFORE, CUE_VERBS, REACH, Mention, Mentions
from .runs import (
    OWNER_WORD,
    POSSESSIVE,
    WORD,
    countries,
    gender_of_words,
    is_acronym,
    key,
    kind_of_name,
    names_a_person,
    one_of,
    person_name,
    places,
    sentence_end,
    sentence_start,
    singular,
)

CAPITALISED = re.compile(
    rf"{WORD}(?: (?:{WORD}|&|and|of|for|the))*(?<! and)(?<! of)(?<! for)(?<! the)"
)


# A name after one of these is a place or a thing, not who a description stands beside.
AFTER_PREPOSITION = re.compile(r"\b(?:in|at|from|of|to|near|on|by|with|into)\s+(?:the\s+)?\Z")

LAWS = {"accord", "act", "agreement", "bill", "treaty"}  # named like bodies, but no body
HEAD_HINTS = {
    "newspaper": PAPER_WORDS, "magazine": PAPER_WORDS, "outlet": PAPER_WORDS,
    "publication": PAPER_WORDS, "paper": PAPER_WORDS,
    "network": {"cnn", "nbc", "abc", "cbs", "fox", "msnbc", "bbc", "cbc", "ctv", "news"},
    "broadcaster": {"bbc", "cbc", "abc", "sbs", "rte", "ctv", "news"},
    "company": {"inc", "corp", "corporation", "co", "ltd", "llc", "plc", "group", "holdings",
                "energy", "technologies", "systems", "motors", "pharmaceuticals"},
    "firm": {"inc", "corp", "corporation", "co", "ltd", "llc", "plc", "group", "partners"},
    "bank": {"bank", "fargo", "chase", "citigroup", "barclays", "hsbc"},
    "utility": {"hydro", "energy", "power", "electric", "gas"},
}  # fmt: skip
MEDIA_HEADS = {head for head, hints in HEAD_HINTS.items() if "news" in hints}
# Kinds of body a description may also mean, though no name holding it is a hint: "the
# union" is the Ontario Nurses' Association named last, but not any association
ALSO_CALLED = {
    "union": {"association", "federation", "brotherhood", "guild"},
    "agency": {"society"},  # "the Children's Aid Society"
    "broadcaster": {"corporation", "network"},  # "the Canadian Broadcasting Corporation"
    "force": {"police"},  # "Toronto Police Service ... the force"
    "hospital": {"centre", "center"},  # "Sunnybrook Health Sciences Centre"
    "military": {"force"},  # "the Canadian Armed Forces"
    "regulator": {"agency", "authority", "board", "bureau", "commission", "office"},
    "watchdog": {"agency", "authority", "board", "bureau", "commission", "office"},
}
# ... and the words such a name must also hold: a union's members, a hospital's care
# (not the Canadian Federation of Independent Business, the Centre for Cyber Security)
ALSO_NEEDS = {
    "union": {
        "employee", "engineer", "firefighter", "machinist", "mechanic", "nurse", "officer",
        "pilot", "professor", "teacher", "worker",
    },
    "hospital": {"health", "medical", "science"},
    "broadcaster": {"broadcasting", "media", "news", "radio", "television"},
}  # fmt: skip
# Heads that fit an organisation of any kind: "the organization"
ANY_BODY = {"organisation", "organization"}


@dataclass(frozen=True)
class Ref:
    """Who a speaker is: a name (None: someone unnamed), kind, and the entity key."""

    start: int
    name: str | None
    kind: str
    key: tuple
    gender: str | None = None


def norm(name: str) -> str:
    """A name compared case- and apostrophe-blind, without a leading "the"."""
    name = re.sub(r"^(?:the|The)\s+", "", name.strip())
    return " ".join(name.replace("’", "'").casefold().split())


def named(start: int, name: str, kind: str) -> Ref:
    return Ref(start, name, kind, ("name", norm(name)))


CAMPAIGN = re.compile(  # "Clinton’s campaign", not "The campaign" or "Her campaign"
    r"(?:[Tt]he )?((?!(?:The|His|Her|Its|Their) )(?:[A-Z][\w\-]+ ){0,2}[A-Z][\w\-]+)"
    rf"{POSSESSIVE}? campaign"
    # ... or "The campaign of presumptive Democratic nominee Hillary Clinton"
    r"|[Tt]he campaign of (?:(?!(?:the|from|in|of|for|at|to) )[a-z\-]+ |[A-Z][\w\-]+ (?=[a-z]))*"
    r"((?:[A-Z][\w\-]+ ){0,2}[A-Z][\w\-]+)"
)


def campaign_of(m: Mentions, campaign: re.Match, start: int) -> Ref:
    """The campaign a :data:`CAMPAIGN` match names ("The Donald Trump campaign",
    "Clinton’s campaign"), by its candidate's surname: the Trump campaign."""
    owner = campaign.group(1) or campaign.group(2)
    full = m.person(owner, start) or owner
    return named(start, f"{full.split()[-1]} campaign", "org")


def earlier_refs(seen: list[Ref], end: int) -> list[Ref]:
    """The speakers in ``seen`` (in text order) that start before ``end``, by at most
    ``REACH``: found by bisection, so a long article stays linear."""
    lo = bisect.bisect_left(seen, end - REACH, key=lambda r: r.start)
    return seen[lo : bisect.bisect_left(seen, end, key=lambda r: r.start)]


def nearest_org(m: Mentions, seen: list[Ref], end: int) -> Ref | None:
    """The nearest organisation named before ``end`` outside quotations, or speaker (a
    document that spoke too: "The ad references ... It also mentions")."""
    refs = [x for x in m.before(end) if not x.quoted] + earlier_refs(seen, end)
    for ref in sorted(refs, key=lambda r: -r.start):
        if ref.kind == "org" and ref.name:  # not people in the plural ("Hispanic Republicans")
            return named(end, ref.name, "org")
        if ref.kind == "document" and ref.name:
            return dataclasses.replace(ref, start=end)
    return body_speaker(m, seen, end)


def body_speaker(m: Mentions, seen: list[Ref], end: int, head: str | None = None) -> Ref | None:
    """The nearest earlier speaker named by one word that shows nothing of a person (no
    first name, title or pronoun): a body the rules took for a person ("Enbridge said
    ... The company added", "Shopify said ... It said"); with no speaker before, the one
    organisation the text shows by the words around it ("a spokeswoman for Google"), if
    it shows just one (:attr:`Mentions.bodies`) and its name fits the description's
    ``head``, when given."""
    for ref in reversed(earlier_refs(seen, end)):
        if ref.kind == "person" and ref.name:
            if " " in ref.name or ref.gender or m.genders.get(ref.name):
                return None
            if entities.is_first_name(ref.name):
                return None
            return named(end, ref.name, "org")
        if ref.kind == "org" and ref.name:
            return None  # "Canada Post says ... The Crown corporation says": the one named
    if len(m.bodies) == 1:
        name = next(iter(m.bodies))
        if head is None or head not in NOT_BODY_HEADS and fits_head(name, head):
            return named(end, name, "org")  # not "the commission" for HIH
    return None


def person_in(m: Mentions, start: int, end: int, shown: bool = False) -> Ref | None:
    """The person named in ``[start, end)``, a part of a speaker span: a surname alone
    ("Lavoie", "Mrs Reay"), else the last person mentioned; a possessive names someone
    else ("Tremblay’s daughter Chloé" -> Chloé), and so does "for" ("MP for Tyneside West",
    "a lawyer for Jo Smith"). ``shown``: only a person with evidence of being one
    (:meth:`Mentions.is_person`), or a surname of a full name."""
    clause = m.text[start:end].strip(" ,()")
    name = person_name(clause)
    bare = [w for w in name.split() if key(w) not in INNER_PARTICLES] if name else []
    if len(bare) == 1 and bare[0][:1].isupper():  # "Lavoie", "de Villa"
        full = m.person(clause, end)
        if full:
            return named(start, full, "person")
    people = [
        x for x in _inside(m, start, end)
        if x.kind == "person"
        and not m.text[:x.start].endswith(" for ")
        and not _work(x.name)
        and x.name not in m.described_as_things  # "Hot Docs, the documentary festival,"
        and not _title(m, x.start, x.end)  # "the “Jane The Virgin” actress"
        and not m.text.startswith(" of Famer", x.end)  # "The Hockey Hall of Famer"
    ]  # fmt: skip
    full = [x for x in people if " " in x.name]
    evident = [x for x in full if m.is_person(x)]  # "Chief Terrance Paul of Membertou ..."
    if shown:
        return named(start, evident[-1].name, "person") if evident else None
    return named(start, (evident or full or people)[-1].name, "person") if people else None


def _title(m: Mentions, start: int, end: int) -> bool:
    """Whether the name at ``[start, end)`` is a title in quotation marks of its own
    ("the “Jane The Virgin” actress"), not a person's or a body's name."""
    return m.text[start - 1 : start] in ("“", '"') and m.text[end : end + 1] in ("”", '"')


def _work(name: str) -> bool:
    """Whether a name is an event's or a work's ("the Australian Formula One Grand Prix"),
    not a person's ("Maya D. Song")."""
    words = name.split()
    return key(words[-1]) in WORK_WORDS and not entities.is_first_name(words[0])


# a street number before a name, not a year ("The 1951 Refugee Convention")
ADDRESS_NUMBER = re.compile(r"\b(?!(?:18|19|20)\d\d\b)\d+[A-Za-z]? \Z")


def org_in(m: Mentions, start: int, end: int) -> Ref | None:
    """The first organisation named in ``[start, end)``, else the longest run of two or
    more capitalised words ("Cancer charity Bright Tomorrow" -> Bright Tomorrow) that does
    not end in a title ("the Solomon Islands Prime Minister" is a person, unnamed)."""
    orgs = [x for x in _inside(m, start, end) if x.kind in ("org", "group")]
    if orgs:
        return named(start, orgs[0].name, orgs[0].kind)
    found = [(r.start(), r.group(0)) for r in CAPITALISED.finditer(m.text, start, end)]
    runs = [(at, _unlead(r)) for at, r in found if not re.search(r"[’']s?$", r)]
    people = {
        r
        for _, r in runs
        if entities.is_first_name(r.split()[0]) and person_name(r) and kind_of_name(r) == "person"
    }  # not "Nova Scotia"
    # "a lawyer for Jo Smith" is not Jo Smith (but "a spokesman for Bright Tomorrow" is it)
    runs = [(at, r) for at, r in runs if not (r in people and m.text[:at].endswith("for "))]
    runs = [(at, r) for at, r in runs if not _title(m, at, at + len(r))]
    # a one-word body beside words that show it: "a spokeswoman for YouTube"
    bodies = [r for at, r in runs if m.shown_body(at, r) and m.text[start:end].strip() != r]
    clause = m.text[start:end].strip(" ,()–—")
    bodies += [r for _, r in runs if key(r) in ORG_NAMES and r == clause]  # "Unifor, which"
    if bodies:
        return named(start, bodies[0], "org")
    runs = [  # not "the Solomon Islands Prime Minister", "A Nova Scotia MP": a person unnamed
        (at, r) for at, r in runs
        if " " in r and key(r.split()[-1]) not in TITLES
        and key((m.text[m.text.index(r, at) + len(r) : end].split() or [""])[0]) not in TITLES
    ]  # fmt: skip
    runs = [  # not "Palestinian and Israeli" (security officials), nor "Republicans in
        (at, r) for at, r in runs  # Tennessee and Georgia"
        if not all(key(w) in DEMONYMS | {"and", "&"} for w in r.split())
        and not ADDRESS_NUMBER.search(m.text, max(0, at - 8), at)  # "at 1 Main St. W."
        and not (
            AFTER_PREPOSITION.search(m.text, max(0, at - 12), at)
            and all(key(w) in {"and", "&"} or _place_word(key(w)) for w in r.split())
        )
    ]  # fmt: skip
    if not runs:
        return None
    run = max((r for _, r in runs), key=lambda r: len(r.split()))
    return named(
        start,
        run,
        "person" if run in people else "place" if kind_of_name(run) == "place" else "org",
    )


def _unlead(run: str) -> str:
    """A run without the words that start a clause, not a name ("The", "Many", "Although")."""
    words = run.split()
    while len(words) > 1 and key(words[0]) in NOT_NAMES:
        words = words[1:]
    if len(words) > 1 and key(words[0]) == "one" and one_of(words[1:]):
        words = words[1:]  # "One Ontario voter"
    return " ".join(words)


def _inside(m: Mentions, start: int, end: int) -> list[Mention]:
    """Mentions inside ``[start, end)`` but for possessives ("Tremblay’s daughter")."""
    return [x for x in m.within(start, end) if not re.match(r"[’']", m.text[x.end : x.end + 1])]


def _name_words(name: str) -> set[str]:
    """A name's words as written ("news", "times") and singular, with their aliases."""
    words = {key(w) for w in name.split()}
    words |= {singular(w) for w in words} | ACRONYM_HEADS.get(key(name), set())
    last = key(name.split()[-1])
    if last.endswith("ies") and " of " not in name:  # "BC Ferries": a ferry operator; not
        words.add(last[:-3] + "y")  # "Universities Canada", "Federation of ... Municipalities"
    return words | {ALIASES[w] for w in words if w in ALIASES}


WHEN = {"month", "night", "week", "weekend", "year", "spring", "summer", "fall", "winter"}


def _head(words: list[str]) -> tuple[list[str], str | None]:
    """A description's words up to its head noun, and the head, singular: "club accounts
    published in March" -> club accounts (account); "the trust's board papers" -> the
    trust (trust)."""
    keys = [key(w) for w in words]
    for i, k in enumerate(keys[1:], 1):
        when = k in ("last", "this", "next") and keys[i + 1 : i + 2] and keys[i + 1] in WHEN
        participle = k.endswith("ed") and len(k) > 4 and not k.endswith(("-based", "-owned"))
        if k in CUTS or participle or when:  # "a poll last week", "a poll published"
            words, keys = words[:i], keys[:i]
            break
    for i, word in enumerate(words[:-1]):
        if re.search(r"[’']s?$", word) and singular(keys[i]) in ORG_HEADS:
            if singular(keys[i]) in PLACE_HEADS and keys[-1] in TITLES | PERSON_NOUNS:
                break  # "the province's top doctor": a person, not the province
            words, keys = words[: i + 1], keys[: i + 1]
            break
    content = [k for k in keys if k not in DETERMINERS | INDEFINITE]
    return words, singular(content[-1]) if content else None


def document(m: Mentions, start: int, words: list[str], seen: list[Ref]) -> Ref | None:
    """A document quoted as the speaker, or None when ``words`` describe none: "a
    Bloomberg poll" is the Bloomberg poll, "the poll" the last document named before
    it; one whose maker is named only after it ("a 2014 study by professor Jo Smith",
    "a report in the Bulletin") names no one, and so has no name."""
    cut = next((i for i in range(1, len(words)) if _ends_head(words, i)), len(words))
    kept, head = _head(words[:cut])  # "a Reuters survey of voter lists": a survey
    if head not in QUOTED_DOCUMENTS or key(kept[0]) not in DETERMINERS:
        return None
    capitals = [i for i, w in enumerate(kept[:-1]) if i and w[:1].isupper()]
    if capitals:  # "a new Washington Post-ABC News national poll", "a USA TODAY/Rock the
        owner = kept[capitals[0] : capitals[-1] + 1]  # Vote Millennial Poll"
        return named(start, f"{' '.join(owner)} {head}", "document")
    if len(words) > len(kept) and key(words[len(kept)]) in PREPOSITIONS:
        pollster = POLLSTER.match(" ".join(words[len(kept) :]))
        if head in POLLS and pollster and kind_of_name(pollster.group(1)) != "person":
            # "A poll from Marquette Law School released Wednesday": the Marquette Law
            return named(start, f"{pollster.group(1)} {head}", "document")  # School poll
        return None  # "a statement from the agency": the agency
    if key(kept[0]) in DEFINITE:  # "the poll", "The study": the last one named
        for ref in reversed(earlier_refs(seen, start)):
            if ref.kind == "document" and ref.name:
                return dataclasses.replace(ref, start=start)
        if len(kept) == 2 and head == "paper":
            return None  # "the paper", no paper named before: a newspaper (see described)
        # else "the report", named nowhere before, or "the memo obtained by CBC News": a
        # document, not CBC News
    text = " ".join(w for w in kept if key(w) not in DETERMINERS | INDEFINITE)
    return Ref(start, None, "document", ("text", norm(text)))


POLLS = {"poll", "survey"}  # named by their pollster: "the Marquette Law School poll"
POLLSTER = re.compile(r"(?:from|by) (?:the )?((?:[A-Z][\w.&/\-]* )*[A-Z][\w.&/\-]*)")


def _ends_head(words: list[str], i: int) -> bool:
    """Whether ``words[i]`` starts what follows a description's head: a preposition ("a
    survey of voters") or a participle with "by" ("the memo obtained by CBC News")."""
    word, after = key(words[i]), key(words[i + 1]) if i + 1 < len(words) else ""
    return word in PREPOSITIONS or (word.endswith("ed") and after == "by")


_CUES = "|".join(sorted(CUE_VERBS))
SPEAKS = re.compile(rf",?\s+(?:{_CUES})\b")  # after a name: "Lysyk said"
# ... or after an apposition: "Karen Brown, president of the federation, said"
SPEAKS_AFTER = re.compile(rf"(?:,[^,.;:!?“”\"\n]{{1,80}},|,)?\s+(?:{_CUES})\b")
# Offices no head of a body holds: "The head of Canada's spy agency" is no minister
OFFICES = {
    "coun", "councillor", "mayor", "minister", "mla", "mp", "mpp", "premier", "rep", "sen",
    "senator",
}  # fmt: skip
# words that put an office in a country's government ("Federal Health Minister")
NATIONAL = {"federal", "national"}
# bodies that are places too, whose "top doctor" or "mayor" is a person
PLACE_HEADS = {
    "capital", "city", "country", "nation", "province", "region", "state", "territory", "town",
}  # fmt: skip
# A role of a place's, named after it: "The chief coroner for Ontario"
OF_PLACE = re.compile(
    r"(the|The) ((?:[\w\-]+ ){0,3}[\w\-]+) (?:of|for) ([A-Z][\w.]*(?: [A-Z][\w.]*)?)"
)
INTRODUCED_CHARS = 600  # how far after "a judge" the judge may be named


def person_described(
    m: Mentions, start: int, end: int, words: list[str], owner: bool = False
) -> Ref | None:
    """The person a description of one means: the nearest earlier (else later) person
    with its head word next to their name ("the Minister", "Miners coach"), or the one it
    is in apposition to ("Mohammad Fahim, defence minister in the interim government,");
    a title or portfolio before the head must be theirs too ("the Defence Minister" is not
    Foreign Minister Alexander Downer, "the vice president" not President Obama);
    for "a" or "an" ("A New York judge ruled ... Justice Frank Nervo wrote"), the next one
    named soon after; for a title in the lead ("Ontario’s auditor general says"), the next
    one named speaking soon after. ``owner``: the description owns what speaks ("the Minister's
    office"), so a name just before it is in no apposition to it ("a call with Jacques
    Chirac, the Prime Minister's office reported")."""
    found = OF_PLACE.fullmatch(" ".join(words))  # "The chief coroner for Ontario" in the
    lead = not any(x.kind == "person" for x in m.before(start))  # lead is "Ontario’s chief
    of_place = bool(found and lead and _place_word(key(found.group(3))))  # coroner"
    if found and of_place:
        words = [f"{found.group(3)}’s", *found.group(2).split()]
    words, head = _head(words)
    if head is None or head in ORG_HEADS | DOCUMENTS or _plural(words):
        return None
    if not names_a_person(head):
        return None  # "5 percent prefer Libertarian nominee Gary Johnson"
    if words[-1][:1].isupper() and head not in TITLES:
        return None  # a name ("Interior Valley Health"), not a role
    head = ROLE_ALIASES.get(head, head)
    # "the Defence Minister", "the vice president": not Foreign Minister X, President Y
    qualifier = key(words[-2]) if len(words) > 1 else ""
    if qualifier not in ALL_TITLES | PORTFOLIO_WORDS or qualifier in PARTY_WORDS:
        qualifier = ""  # not "the New Democrat leader": parties go by many names
    # "The CAQ leader": not Parti Québécois Leader Paul St-Pierre Plamondon
    body = words[-2] if len(words) > 1 and is_acronym(words[-2]) else ""
    body = key(body) if body and kind_of_name(body) != "place" else ""
    # "the Vermont senator": not Florida Sen. Marco Rubio, when senators' states are named
    place = key(words[-2]) if len(words) > 2 and words[-2][:1].isupper() else ""
    place = place if _place_word(place) else ""  # not "the Sanders aide"
    if _indefinite(words):
        if key(words[0]) not in ("a", "an"):
            return None
        mentions = [  # not one whose role words are the description's own ("a senior
            x  # Bush administration official called Mr Mugabe's rule")
            for x in m.after(end)
            if x.start < end + INTRODUCED_CHARS
            and re.search(r"[,.;:!?()“”\"\n]", m.text[end : x.start])
        ]
    else:
        mentions = [*m.before(start), *m.after(end)]
        if not owner and _in_apposition(m, mentions[:1], start):  # "Mohammad Fahim, defence
            return named(start, mentions[0].name, "person")  # minister"
    fits = []
    for mention in mentions:
        if owner and m.text[mention.end : start] == ", ":
            continue
        roles = mention.roles | {ROLE_ALIASES[r] for r in mention.roles if r in ROLE_ALIASES}
        titled = key(mention.name.split()[0]) == head  # "the pope": Pope Francis
        if qualifier and qualifier not in mention.roles or body and not _of_body(m, mention, body):
            continue
        if not qualifier and mention.roles & SUBORDINATE:
            continue  # "the president" is not Vice President Biden
        if mention.kind == "person" and not mention.quoted and (head in roles or titled):
            if titled or m.is_person(mention):  # not "the nominee was speaking in Fort Wayne"
                fits.append(mention)
    if of_place:
        fits = []  # "The lawyer for N.S.": not any lawyer, whichever side
    if place and any(_place_word(r) for x in fits for r in x.roles):
        fits = [x for x in fits if place in x.roles]  # else as if no place were named
    owned_by = key(OWNER_WORD.sub("", words[0])) if OWNER_WORD.search(words[0]) else ""
    if owned_by in places():  # "Quebec’s health minister": not Federal Health Minister
        fits = [x for x in fits if not _other_government(x.roles, owned_by)]  # Mark Holland
    if not fits and not owner and _lead_title(words, head, m, start):
        # the lead, no one named yet: "Ontario’s auditor general says ... In a report,
        # Bonnie Lysyk said": the next one named soon after, speaking, with no other title
        gender = gender_of_words(words)
        heads = head in HEAD_ROLES  # "the head": a chief, general, chair ..., speaking after
        # "Ontario’s premier says ... Dr. Kieran Moore said": no premier; but "Canada’s
        # chief public health officer says ... Dr. Theresa Tam said": her
        doctors = {"dr", "doctor"} if head in OFFICES else set()
        other_titles = OFFICES if heads else ALL_TITLES - (COURTESY - doctors)
        # "A Montreal woman says ... Sophie Tremblay, who is blind, said": an apposition
        speaks = SPEAKS_AFTER if heads or _indefinite(words) else SPEAKS
        people = [x for x in m.after(end)[:5] if x.kind == "person" and not x.quoted]
        gender = gender or _lead_gender(m, end)
        indefinite = _indefinite(words)
        if not heads and not indefinite:  # "The Prime Minister says ... the Governor-
            people = [x for x in people if not x.roles & other_titles]  # General, Dr Peter
            # Hollingworth ... Mr Howard said": past those with another title
        if not heads and people:  # the first one named after, by name alone: not "His son,
            # David Lee," nor "NDP critic France Gélinas"
            plain = _plain(m, people[0], known=indefinite)
            plain = plain and (gender is not None or not indefinite)  # "A local restaurant
            people = [x for x in people if plain and x.name == people[0].name]  # owner says
            # she ... Linda Nguyen wrote"
        fits = [
            x for x in people
            if x.start < end + INTRODUCED_CHARS and not x.roles & other_titles
            and m.is_person(x) and m.fits(x.name, gender)
            and (speaks.match(m.text, x.end) or _spoken_before(m, x) or _speaks_later(m, x, speaks))
        ][:1]  # fmt: skip
    return named(start, fits[0].name, "person") if fits else None


SPOKEN_BEFORE = re.compile(rf"\b(?:{_CUES}) \Z")  # "“...,” said Jim Thompson"


def _spoken_before(m: Mentions, mention: Mention) -> bool:
    """Whether a cue verb comes just before the name, with nothing after it but an age
    ("“...,” said Jim Thompson, 67."; not "said Paul Dennett, who leads the council")."""
    if re.match(r",(?!\s*\d)", m.text[mention.end : mention.end + 4]):
        return False
    return bool(SPOKEN_BEFORE.search(m.text, max(0, mention.start - 12), mention.start))


def _speaks_later(m: Mentions, mention: Mention, speaks: re.Pattern) -> bool:
    """Whether the person named in full at ``mention`` speaks by their surname soon after
    ("François Legault made the comment ... “...,” Legault said")."""
    if " " not in mention.name:
        return False
    surname = re.escape(mention.name.split()[-1])
    later = m.text[mention.end : mention.end + INTRODUCED_CHARS]
    return any(speaks.match(later, s.end()) for s in re.finditer(rf"\b{surname}\b", later))


LEAD_PRONOUN = re.compile(r"[^.!?\n]*?\b(she|her|he|his|him)\b", re.I)


def _lead_gender(m: Mentions, end: int) -> str | None:
    """The gender a pronoun gives someone unnamed in the lead, later in its sentence ("A
    local restaurant owner says she is closing")."""
    found = LEAD_PRONOUN.match(m.text, end)
    return GENDER_OF[found.group(1).lower()] if found else None


def _plain(m: Mentions, mention: Mention, known: bool = False) -> bool:
    """Whether a person is named with nothing that says who they are but a place, an age
    or a courtesy title ("Winnipeg", "45", "Dr."), as one is named who was described
    before: not "Her landlord, Jo Li,", "critic France Gélinas" nor, ``known`` (a first
    name the statistics know), "Neighbour Bill Hardy"."""
    if known and not entities.is_first_name(mention.name.split()[0]):
        return False
    before = COURTESY_BEFORE.sub("", m.text[max(0, mention.start - 30) : mention.start])
    role = re.search(r"\b([a-z][\w\-]*) \Z", before)  # "Emergency physician Dr. Jane Doe",
    if role and role.group(1) not in CUE_VERBS:  # not "said Jim Thompson"
        return False
    apposition = m.text.startswith(",", mention.end)  # "Her landlord, Jo Li,", not "In
    if apposition and re.search(r"[a-z], \Z", m.text[max(0, mention.start - 3) : mention.start]):
        return False  # a report, Bonnie Lysyk said"
    return all(not r.isalpha() or _place_word(r) or r in COURTESY for r in mention.roles)


def _other_government(roles: frozenset[str], place: str) -> bool:
    """Whether a person's role words put their office in another government than
    ``place``'s: another place named ("Ontario" for Quebec's minister), "federal" for a
    province's or a city's, "provincial" or "state" for a country's."""
    if roles & places() - {place}:
        return True
    national = place in countries()
    return bool(roles & ({"provincial", "state", "territorial"} if national else NATIONAL))


def _of_body(m: Mentions, mention: Mention, acronym: str) -> bool:
    """Whether the words around a person's name hold a body's acronym ("NDP Leader Jagmeet
    Singh", "Jo Smith, the leader of the NDP,") or its name in full before the name
    ("Democratic National Committee Chairwoman Debbie Wasserman Schultz" for "DNC")."""
    if acronym in mention.roles:
        return True
    before = re.split(r"[,.;:!?()“”\"\n]", m.text[max(0, mention.start - 80) : mention.start])[-1]
    initials = "".join(w[0] for w in before.split() if w[:1].isupper()).lower()
    return acronym in initials


COURTESY = {"dr", "doctor", "miss", "mr", "mrs", "ms", "mx"}  # no office: "Dr. Theresa Tam"


def _lead_title(words: list[str], head: str, m: Mentions, start: int) -> bool:
    """Whether a description is a title in an article's lead, before anyone is named:
    "The premier", "Ontario’s auditor general" (a place's), not "The boy’s mother"."""
    if any(x.kind == "person" for x in m.before(start)):
        return False
    if key(words[0]) in ("a", "an"):  # "A local restaurant owner says ... Linda Nguyen wrote"
        return True
    if OWNER_WORD.search(words[0]):  # "Ontario’s chief coroner", "B.C.’s top doctor"
        roles = TITLES | HEAD_ROLES | PERSON_ROLES
        return head in roles and kind_of_name(OWNER_WORD.sub("", words[0])) == "place"
    return head in TITLES | HEAD_ROLES | {"famer"} and key(words[0]) == "the"  # Hall of Famer


def _place_word(word: str) -> bool:
    """Whether a role word (in lower case) names a place or its people ("texas", "iraqi")."""
    return word in DEMONYMS or word in places()


def _in_apposition(m: Mentions, nearest: list[Mention], start: int) -> bool:
    """Whether the nearest mention before ``start`` is a person's name that a description
    at ``start`` stands in apposition to: "Mohammad Fahim, defence minister", not "In New
    Hampshire, the candidate"."""
    if not nearest or m.text[nearest[0].end : start] != ", ":
        return False
    name = nearest[0].name
    if kind_of_name(name) != "person" or not entities.is_first_name(name.split()[0]):
        return False
    return not AFTER_PREPOSITION.search(m.text[max(0, nearest[0].start - 20) : nearest[0].start])


def described(m: Mentions, start: int, end: int, words: list[str], seen: list[Ref]) -> Ref | None:
    """Who the description ``words`` (a speaker at ``[start, end)``) means, or None: the
    organisation it is in apposition to ("Homeward Ireland, the housing charity, said"),
    one named whose name holds its head or a word before it, or an unnamed person."""
    keys = [key(w) for w in words]
    if keys[0] in QUANTIFIERS and _plural(words):  # "most nations": no one named
        return _unnamed_group(start, words, _head(words)[1] or "")
    for i in range(len(keys) - 2, 0, -1):  # "a spokeswoman for the agency" -> the agency
        if keys[i] in PREPOSITIONS and keys[i + 1] in DEFINITE:
            rest = words[i + 2 :]  # "a statement from the RCMP": the RCMP
            if len(rest) == 1 and rest[0].isupper() and len(rest[0]) > 1:
                return named(start, rest[0], "org")
            return described(m, start, end, words[i + 1 :], seen)
    words, head = _head(words)
    if head is None:
        return None
    if _indefinite(words):
        if key(words[0]) in ("a", "an") and head in ORG_HEADS:  # "A Toronto hospital says
            found = _named_next(m, start, end, head)  # ... Sunnybrook Health Sciences
            if found is not None:  # Centre said": that one, named
                return found
        return (_unnamed_group if _plural(words) else _unnamed)(start, words, head)
    if re.search(r"[’']s$", words[0]) and head in ORG_HEADS and not _plural(words):
        # "China's foreign ministry"; "Quebec’s language watchdog says ... The Office
        # québécois de la langue française received": the body named next, of that kind
        return _named_next(m, start, end, head) or _unnamed_body(start, words, head)
    before = m.before(start)
    if before and re.fullmatch(r",\s*", m.text[before[0].end : start]):  # apposition
        # ... but not to a place ("at Ground Zero, sources said") nor for many
        # ... nor, for a body, to a person ("endorsed Jo Smith, the newspaper said")
        # ... nor to a work ("her memoir, Finding Grace, the former nurse")
        at, person = before[0].start, before[0].kind == "person" and m.is_person(before[0])
        work = before[0].kind == "person" and m.is_thing(before[0].name)
        if not (_plural(words) or work or AFTER_PREPOSITION.search(m.text, max(0, at - 12), at)):
            if not (person and head in ORG_HEADS | TYPE_HEADS):  # "Esther, the church"
                return named(start, before[0].name, before[0].kind)
    if head in ORG_HEADS or head in DOCUMENTS:
        for mention in [] if _plural(words) else before:  # not "liberal groups"
            # "Homeward Ireland, the housing charity, ..."; not the speaker itself after a
            # name after a preposition ("into the United States, the chain announced")
            if mention.kind != "person" and not mention.quoted and head in mention.apposition:
                after = AFTER_PREPOSITION.search(m.text, max(0, mention.start - 12), mention.start)
                if not (after and re.fullmatch(r",\s*", m.text[mention.end : start])):
                    return named(start, mention.name, mention.kind)
        if not _plural(words) and any(key(w) in OTHER_BODY for w in words[:-1]):
            # "the parent company": another one, unless a name was so called ("Alphabet
            # Inc., the parent company of Google,")
            called = re.compile(rf"\.?,\s+(?:the|a|an)\s+{re.escape(' '.join(words[1:]))}\b", re.I)
            for mention in before:
                if mention.kind == "org" and called.match(m.text, mention.end):
                    return named(start, mention.name, "org")
            return _unnamed_body(start, words, head)
        content = [
            singular(key(w))
            for w in words
            if key(w) not in DETERMINERS | PREPOSITIONS and not key(w).endswith("-based")
        ]  # not "Pakistan-based", where it is
        spoke = [s for s in earlier_refs(seen, start) if s.kind != "person" and s.name]
        earlier = sorted([*before, *spoke], key=lambda x: -x.start)  # the nearest first
        hinted = set() if _plural(words) else HEAD_HINTS.get(head, set())  # not "publications"
        said = list(reversed([w for w in content if w not in DOCUMENTS]))  # "police data"
        later = m.after(end)
        # the head word in a name before, a name hinting at it before ("The utility": Nova
        # Scotia Power, not the Nova Scotia Utility and Review Board named after), the head
        # word in a name after ("The energy regulator ... the Alberta Energy Regulator"),
        # then the other words in a name before and after, then a hint after
        for found in (
            _name_holds(start, said[:1], earlier, m),
            _name_hints(m, start, head, hinted, earlier),
            _name_holds(start, said[:1], later, m),
            # not for many ("the ferry operators": BC Ferries and Washington State Ferries)
            None if _plural(words) else _name_holds(start, said[1:], earlier),
            None if _plural(words) else _name_holds(start, said[1:], later),
            _name_hints(m, start, head, hinted, later),
        ):
            if found is not None:
                return found
        owned = key(words[0]) == "their"  # "..., their union says": the union
        if (key(words[0]) in DEFINITE or owned) and head not in DOCUMENTS and not _plural(words):
            if head in CHAMBERS and words[-1][:1].isupper():  # "the Senate": by its own
                return _unnamed_body(start, words, head)  # name, not the Saudis named last
            # "Enbridge said ... The company added"; else a body the article never names
            found = body_speaker(m, seen, start, head)
            plain = [w for w in content[:-1] if w not in LEVELS] + content[
                -1:
            ]  # "the federal agency"
            if found is None and (len(plain) == 1 or _trade(words, head)):
                found = _nearest_body(m, seen, start, head)  # not "the weather bureau"
            return (
                found
                or _also_called_after(m, start, end, head)
                or _unnamed_body(start, words, head)
            )
        if head in ORG_HEADS and _plural(words):  # "unions", "the opposition parties"
            return _unnamed_group(start, words, head)
        return None  # the nearest body for "officials", "a statement": worse on tune.jsonl
    return _unnamed_group(start, words, head) if _plural(words) else _unnamed(start, words, head)


def _named_next(m: Mentions, start: int, end: int, head: str) -> Ref | None:
    """In the lead, with no body named before, the body named next, in the sentence
    after, whose name says it is of that kind (:func:`_also_called_after`)."""
    if any(x.kind == "org" for x in m.before(start)) or m.text[:start].count(". ") > 0:
        return None
    return _also_called_after(m, start, end, head)


def _also_called_after(m: Mentions, start: int, end: int, head: str) -> Ref | None:
    """The body named next, in the sentence after, that ``head`` means or may also mean
    by its kind (:data:`ALSO_CALLED`), with nothing named before: "..., their union says.
    The Air Line Pilots Association said" -> the Air Line Pilots Association."""
    stop = sentence_end(m.text, sentence_end(m.text, end) + 1)  # the sentence after
    kinds = {head} | ALSO_CALLED.get(head, set())  # a name that says so: not "Senate Benghazi"
    for x in m.within(end, stop):
        if x.kind == "org" and not x.quoted and _name_words(x.name) & kinds:
            if fits_head(x.name, head):
                return named(start, x.name, "org")
    return None


def _name_holds(start: int, words: list[str], orgs: list, m: Mentions | None = None) -> Ref | None:
    """The first of ``orgs`` whose name holds one of ``words``, the first word first;
    with ``m``, where it names the body's kind (a description's head: :func:`_modifies`)."""
    for word in words:
        for org in orgs:
            if org.kind != "person" and not getattr(org, "quoted", False):
                if word in _name_words(org.name) and not (m and _modifies(m, word, org)):
                    return named(start, org.name, org.kind)
    return None


CUT_NAME_REST = re.compile(r" and ((?:[A-Z][\w’'\-]* ?){1,3})")


def _modifies(m: Mentions, word: str, org: Mention | Ref) -> bool:
    """Whether ``word`` in an organisation's name is one of two before its kind ("the
    utility" is no "Nova Scotia Utility and Review Board", its name cut at "and")."""
    keys = [key(w) for w in org.name.split()]
    at = next((i for i, k in enumerate(keys) if word in _name_words(k)), None)
    if at is not None and at + 1 < len(keys):
        return keys[at + 1] == "and"
    end = getattr(org, "end", None)  # a mention's: the text after it
    rest = CUT_NAME_REST.match(m.text, end) if end is not None else None
    if rest is None:
        return False
    # "... Utility and Review Board", not "Halifax Regional Municipality and Nova Scotia
    # Power", another body named from its place, nor "... and Jo Smith"
    more = [key(w) for w in rest.group(1).split()]
    own = more[0] in places() or " ".join(more[:2]) in places() or entities.is_first_name(more[0])
    return more[-1] in ORG_HEADS and not own


def _name_hints(m: Mentions, start: int, head: str, hinted: set[str], orgs: list) -> Ref | None:
    """The first of ``orgs`` whose name holds a word that hints at a description's head
    (``hinted``), or a company that spoke named by one known word, for a company's head:
    "the newspaper" -> the Washington Post; "the bank" -> Wells Fargo, named like a
    person; "the social media company" -> Twitter."""
    for org in orgs:
        if getattr(org, "quoted", False) or not org.name:
            continue
        unproven = isinstance(org, Mention) and not m.is_person(org)
        outlet = "news" in hinted and org.name in m.outlets  # "told Maclean’s": a paper
        spoke = not isinstance(org, Mention)  # not "Shares of Amazon fell" after Lululemon
        company = spoke and hinted and head in TRADE_HEADS and key(org.name) in COMPANY_NAMES
        if (org.kind != "person" or unproven) and (
            _name_words(org.name) & hinted or outlet or company
        ):
            return named(start, org.name, "org")  # a paper, whatever its name says
    return None


CHAMBERS = {"assembly", "congress", "house", "legislature", "parliament", "senate"}

# Words that place a body in government, not name it: "the federal agency"
LEVELS = {  # ... or "the Crown corporation", Canada's state company
    "crown", "federal", "local", "municipal", "national", "provincial", "public", "regional",
    "state",  # "the public broadcaster"
}  # fmt: skip
BODY_CHARS = 1500  # how far back "the company" looks for the organisation named last
FIRST_NATION = re.compile(r"\bFirst Nations?\b|\bBand\Z")  # "Lower Nicola Indian Band"
NOT_BODY_HEADS = {"band", "city", "county", "group", "municipality", "province", "state", "town"}


# Heads of a company's description whose words before say its trade or home ("the tech
# giant", "the Calgary-based company"), not which other body it is ("the parent company")
TRADE_HEADS = COMPANY_TRADES | {"company", "corporation", "firm", "insurer", "retailer"}
OTHER_BODY = {
    "another", "competing", "holding", "merged", "other", "parent", "partner", "rival",
    "shell", "sister", "subsidiary", "umbrella",
}  # fmt: skip


def _trade(words: list[str], head: str) -> bool:
    """Whether ``words`` ("the tech giant", "The U.S. company", "the Calgary-based
    firm") describe the company named last by its trade or home: a head of
    :data:`TRADE_HEADS` after words in lower case, places and demonyms only."""
    if head not in TRADE_HEADS:
        return False
    for word in words[1:-1]:
        k = key(word)
        if k in OTHER_BODY or k in DETERMINERS:
            return False
        home = k.endswith("-based") or k in places() or k in DEMONYMS
        if not (word.islower() or home):
            return False
    return True


def _nearest_body(m: Mentions, seen: list[Ref], start: int, head: str) -> Ref | None:
    """The organisation named or speaking last before ``start`` (within ``BODY_CHARS``,
    outside quotations) whose name says nothing against ``head``: "Health Canada issued
    a recall. The department said" -> Health Canada; "the company" is never the Toronto
    Police Service, whose name says it is a police service, nor an outlet someone spoke
    to. Not for "the group" (of voters, often) nor a place ("the city"); "the band" is
    the First Nation named last."""
    if head == "band":  # a First Nation's council: "Kashechewan First Nation ... the band"
        nations = [x for x in m.within(max(0, start - BODY_CHARS), start) if x.kind == "org"]
        nations = [x for x in nations if FIRST_NATION.search(x.name)]  # not Live Nation
        return named(start, nations[-1].name, "org") if nations else None
    if head in NOT_BODY_HEADS:
        return _nearest_place(m, start, head)
    back = start - BODY_CHARS
    refs = [x for x in m.within(max(0, back), start) if not x.quoted]
    refs += [s for s in earlier_refs(seen, start) if s.start >= back]
    refs += [e for s in refs if s.kind == "person" and (e := _employer(m, s.start)) is not None]
    for ref in sorted(refs, key=lambda r: -r.start):
        if ref.kind == "org" and ref.name in m.outlets and head not in MEDIA_HEADS:
            continue  # "in an interview with Global News. ... The department said"
        if ref.kind == "org" and ref.name and singular(key(ref.name.split()[-1])) in LAWS:
            continue  # "Google says ... the Online News Act. The tech giant said": Google
        if ref.kind == "org" and ref.name:
            # "A ransomware attack hit a Brampton hospital, the Centre for Cyber Security
            # said. The hospital": that one, unnamed (not "McAfee.com, a software company,")
            unnamed = re.compile(rf"\b(?:a|an)\s+(?:[\w\-’']+\s+){{0,3}}{head}s?\b", re.I)
            end = getattr(ref, "end", ref.start)  # a speaker's: where it starts
            for found in unnamed.finditer(m.text, max(0, ref.start - 150), start):
                if m.text[end : found.start()].strip(" ,"):  # no apposition
                    return None
            if not fits_head(ref.name, head):
                return None
            subject = _sentence_subject(m, ref.start)  # "Rogers has completed its takeover
            if subject is not None and fits_head(subject.name, head):  # of Shaw. The
                return named(start, subject.name, "org")  # company said": Rogers
            return named(start, ref.name, "org")
    return None


def _sentence_subject(m: Mentions, at: int) -> Mention | None:
    """The organisation that opens the sentence holding ``at``, when another mention
    comes before ``at`` in it: its subject, over an object named later in it."""
    opening = sentence_start(m.text, at)
    found = [x for x in m.within(opening, at) if not x.quoted]
    if found and found[0].kind == "org" and found[0].start <= opening + 4:  # "The Rogers"
        return found[0]
    return None


_ROLE = (
    r"(?:president|chief executive|CEO|head|spokes(?:man|woman|person)|director|founder|"
    r"chair(?:man|woman|person)?|owner|manager|vice-president|executive|officer)"
)
# A person's employer in their own clause: "Kent Walker, Google's president of global
# affairs,", "Guy Cormier, the head of Desjardins", "Jo Smith, CEO of Shopify"
EMPLOYER = re.compile(
    rf"[^,.!?\n]{{0,40}},\s+(?:(?P<owner>{CAPS})[’']s\s+(?:[a-z\-]+\s+){{0,3}}?{_ROLE}"
    rf"|(?:(?:the|its)\s+)?(?:[a-z\-]+\s+){{0,3}}?{_ROLE}\s+(?:of|at|for)\s+(?:the\s+)?"
    rf"(?P<body>{CAPS}))(?![\w’'])"
)
# ... or in the words before the name: "The CBC’s ombudsman, Jack Nagler", "Loblaw's chief
# executive Galen Weston"
EMPLOYER_BEFORE = re.compile(
    rf"(?<![\w’'])(?:The\s+)?(?P<owner>{CAPS})[’']s\s+(?:[a-z\-]+\s+){{0,3}}?"
    rf"(?:{_ROLE}|ombudsman),?\s+\Z"
)


def _employer(m: Mentions, start: int) -> Ref | None:
    """The organisation the person named at ``start`` works for, as their own clause
    says (:data:`EMPLOYER`, :data:`EMPLOYER_BEFORE`), at its place in the text; None when
    it names none, or names a place or a person ("Jo Smith, Canada's chief economist")."""
    match = EMPLOYER.match(m.text, start) or EMPLOYER_BEFORE.search(
        m.text, max(0, start - 80), start
    )
    if match is None:
        return None
    group = "owner" if match.group("owner") else "body"
    name, at = match.group(group), match.start(group)
    if kind_of_name(name) == "place" or entities.is_first_name(name.split()[0]):
        return None
    if key(name.split()[0]) in NOT_NAMES or m.person(name, at) is not None:
        return None
    return named(at, name, "org")


CITY_OF = re.compile(  # "The city of Phoenix": Phoenix, the place that speaks
    r"(?:[Tt]he )?(?:[Cc]ity|[Tt]own|[Ss]tate|[Cc]ounty|[Pp]rovince|[Vv]illage) of "
    r"((?:[A-Z][\w\-]+ )*[A-Z][\w\-]+)"
)
REGION_HEADS = {"country", "province", "state"}  # named places: countries, provinces, states
PROVINCE = re.compile(  # Canada's provinces, as news names them
    r"\b(?:Alberta|British Columbia|B\.C\.|Manitoba|New Brunswick|Newfoundland and Labrador|"
    r"Nova Scotia|Ontario|Prince Edward Island|P\.E\.I\.|Quebec|Québec|Saskatchewan)(?![\w])"
)


def _nearest_place(m: Mentions, start: int, head: str) -> Ref | None:
    """The place "the city" or "the province" means: the city, town or county last named
    so ("the City of Calgary") within ``BODY_CHARS``, or the country, province or state
    last named ("Alberta announced ... The province said"), a Canadian province named
    inside another name too ("The Ontario Science Centre")."""
    back = max(0, start - BODY_CHARS)
    if head in REGION_HEADS:
        runs = [(r.end(), _unlead(r.group(0))) for r in CAPITALISED.finditer(m.text, back, start)]
        places = [(at, r) for at, r in runs if r and kind_of_name(r) == "place"]
        if head == "province":  # "TORONTO — The Ontario Science Centre will close, the
            places += [(p.end(), p.group(0)) for p in PROVINCE.finditer(m.text, back, start)]
        return named(start, max(places)[1], "place") if places else None  # province said"
    so = [c for c in CITY_OF.finditer(m.text, back, start) if head in c.group(0).lower()]
    return named(start, so[-1].group(1), "place") if so else None


def fits_head(name: str, head: str) -> bool:
    """Whether a description's head ("company") may mean the organisation ``name``: not
    when its name says it is another kind of body ("Toronto Police Service")."""
    words = {singular(key(w)) for w in name.split()}
    if singular(key(name.split()[-1])) in LAWS:  # "the Online News Act": no body
        return False
    if head == "party":  # "the Republican Party", "the GOP", "the Liberals"; not the Jets
        return bool(words & PARTY_NAMES)
    also = ALSO_CALLED.get(head, set())
    if head in ALSO_NEEDS and not words & ALSO_NEEDS[head]:
        also = set()
    if head in ANY_BODY:
        return True
    if head in TRADE_HEADS:  # "the retailer" is Hudson’s Bay Company, not Health Canada
        if kind_of_name(name) == "org" and _department(name):
            return False
        also = also | {"company", "corporation"}
    if head in NAMED_HEADS:  # "the court" is no BBC, "the commission" no Authority
        return head in words or bool(words & also)
    types = words & TYPE_HEADS
    return not types or head in types or bool(types & (HEAD_HINTS.get(head, set()) | also))


def _department(name: str) -> bool:
    """Whether a name is a government department's by its words: a portfolio and a place
    ("Health Canada", "Fisheries and Oceans Canada")."""
    words = [key(w) for w in name.split()]
    return len(words) > 1 and words[-1] in places() and bool(set(words[:-1]) & PORTFOLIO_WORDS)


COLLECTIVE = {"crew", "people", "personnel", "staff"}  # plural without an "s"


def _plural(words: list[str]) -> bool:
    last = key(words[-1]) if words else ""
    return (
        last != singular(last)
        or last in COLLECTIVE
        or (bool(words) and key(words[0]) in INDEFINITE - {"a", "an", "one", "another"})
    )


def _indefinite(words: list[str]) -> bool:
    return bool(words) and key(words[0]) in INDEFINITE


def _unnamed_body(start: int, words: list[str], head: str) -> Ref | None:
    """An organisation the article does not name ("the ministry", "the company"): a
    description, with no name but its kind."""
    if head not in ORG_HEADS:
        return None
    text = " ".join(w for w in words if key(w) not in DETERMINERS)
    return Ref(start, None, "org", ("text", norm(text)))


def _unnamed_group(start: int, words: list[str], head: str) -> Ref | None:
    """People or bodies the article does not name one by one ("officials", "Republicans",
    "some analysts", "unions"): a description, with no name but its kind; None for
    anything else ("polls", "most of the money")."""
    last = key(words[-1]) if words else ""
    if not (last in GROUP_WORDS | DEMONYMS or names_a_person(head) or head in ORG_HEADS):
        return None
    text = " ".join(w for w in words if key(w) not in DETERMINERS)
    return Ref(start, None, "group", ("text", norm(text)))


def _unnamed(start: int, words: list[str], head: str) -> Ref | None:
    """An unnamed person ("the spokeswoman", "one woman"), or None for anything else."""
    gender = gender_of_words(words)
    if not (gender or head in PERSON_NOUNS):
        return None
    text = " ".join(w for w in words if key(w) not in DETERMINERS | INDEFINITE)
    return Ref(start, None, "person", ("text", norm(text)), gender)
