"""Every word list of speaker resolution and of scoring speakers by name, in one place.

The rules that read a speaker span (:mod:`quoteattr.speakers.mentions`,
:mod:`quoteattr.speakers.descriptions`, :mod:`quoteattr.speakers.resolve`), the transcript
rule of :mod:`quoteattr.decode.linking` and :mod:`quoteattr.scoring.names` all take their
words from here, so what counts as a title or an organisation is the same for the
resolver and for the score. Words are lower case, as :func:`quoteattr.speakers.runs.key`
gives them.
"""

from __future__ import annotations

# Titles, wherever they stand in a run of capitalised words ("Police Minister Bheki Cele").
TITLES = {
    "adm", "admiral", "alhaji", "amb", "ambassador", "anchor", "archbishop", "assemblyman",
    "assemblywoman", "baron", "baroness", "capt", "captain", "cardinal", "chair", "chairman",
    "chairperson", "chairwoman", "chancellor", "chief", "cllr", "cmdr", "coach", "col",
    "colonel", "columnist", "commander", "commissioner", "commodore", "congressman",
    "congresswoman", "const",
    "constable", "corporal", "correspondent", "coun", "councillor", "councilman", "councilor",
    "councilwoman", "cpl", "cr", "dame", "deputy", "det", "detective", "director",
    "doctor", "dr",
    "editor", "father", "fr", "gen", "general", "gogo", "gov", "governor", "hon", "honorable",
    "honourable", "host", "imam", "insp", "inspector", "judge", "justice", "lady", "leader",
    "lieutenant", "lord", "lt", "maj", "manager", "mayor", "minister", "miss", "mla", "mp",
    "mpp", "mr", "mrs", "ms", "msp", "mx", "officer", "pastor", "pc", "premier", "pres",
    "presenter", "president", "prof", "professor", "rabbi", "reeve", "rep", "reporter",
    "representative", "rev",
    "reverend", "rt", "sec", "secretary", "sen", "senator", "sergeant", "sgt", "sheriff",
    "shri", "sir",
    "sister", "smt", "speaker", "superintendent", "supt", "taoiseach", "td", "treasurer",
    "tánaiste", "warden",
    # compounds ("Lieutenant-General Cosgrove", "the Governor-General, Dr Peter Hollingworth")
    "attorney-general", "auditor-general", "brigadier", "brigadier-general",
    "director-general", "governor-general", "lieutenant-colonel", "lieutenant-general",
    "lieutenant-governor", "major-general", "secretary-general", "skipper",
    "solicitor-general",
}  # fmt: skip

# Role words that name the same role ("Justice Frank Nervo" is the judge): each maps
# to the word descriptions use.
ROLE_ALIASES = {
    "adm": "admiral", "amb": "ambassador", "capt": "captain", "cllr": "councillor",
    "col": "colonel", "const": "constable", "coun": "councillor", "cpl": "corporal",
    "det": "detective", "dr": "doctor", "gen": "general", "gov": "governor",
    "insp": "inspector", "justice": "judge", "lt": "lieutenant", "maj": "major",
    "pres": "president", "prof": "professor", "rep": "representative", "sec": "secretary",
    "sen": "senator", "sgt": "sergeant", "supt": "superintendent",
}  # fmt: skip

# Titles only before a name: also surnames or plain words ("Stephen King", "Julie Bishop").
TITLES_BEFORE_NAMES = {
    "acting", "alderman", "bishop", "democrat", "former", "interim", "king", "libertarian",
    "prime", "prince", "princess", "queen", "republican", "vice",
}  # fmt: skip

ALL_TITLES = TITLES | TITLES_BEFORE_NAMES
PARTY_WORDS = {"democrat", "libertarian", "republican"}
PARTY_NAMES = {  # words of a party's name, singular
    "bloc", "conservative", "democrat", "democratic", "gop", "labor", "labour", "liberal",
    "ndp", "party", "republican", "tory",
}  # fmt: skip

# Words that end a department's name and no person's ("Veterans Affairs", "Public Safety").
DEPARTMENT_ENDS = {
    "affairs", "agriculture", "defence", "defense", "development", "education", "environment",
    "finance", "fisheries", "immigration", "infrastructure", "revenue", "safety", "security",
    "services", "transportation",
}  # fmt: skip

# Words of departments and portfolios that stand before a title and a name, never part of
# the name ("Homeland Security Secretary Jeh Johnson", "Veterans Affairs Minister ...").
PORTFOLIO_WORDS = DEPARTMENT_ENDS | {
    "attorney", "department", "foreign", "health", "homeland", "interior", "justice", "labor",
    "labour", "ministry", "public", "spokesman", "spokesperson", "spokeswoman", "state",
    "trade", "transport", "treasury", "veterans",
}  # fmt: skip

# Words of a government department's name listed with "and" before its country or
# province ("Fisheries and Oceans Canada", "Immigration, Refugees and Citizenship Canada")
DEPARTMENT_WORDS = PORTFOLIO_WORDS | {
    "change", "citizenship", "climate", "communities", "crown-indigenous", "economic",
    "elections", "emergency", "employment", "energy", "equality", "gender", "global",
    "heritage", "housing", "indigenous", "industry", "innovation", "international",
    "languages", "mines", "national", "natural", "northern", "oceans", "official", "parks",
    "preparedness", "procurement", "refugees", "relations", "resources", "science",
    "social", "sport", "status", "tourism", "women", "works",
}  # fmt: skip

# Kin named by a first name alone after the word: "his wife, Jane,", "Her father, Brad, 39,"
KIN = {
    "brother", "daughter", "father", "friend", "granddaughter", "grandfather",
    "grandmother", "grandson", "husband", "mother", "neighbour", "neighbor", "partner",
    "sister", "son", "wife",
}  # fmt: skip

# Written after a name: "Jr", "QC", "MP".
SUFFIXES = {
    "ii", "iii", "iv", "jr", "kc", "md", "mla", "mp", "mpp", "msp", "phd", "qc", "sc", "sr",
    "td",
}  # fmt: skip

# Lower-case words inside a person's name ("Ursula von der Leyen").
NAME_PARTICLES = {
    "al", "ap", "bin", "binti", "da", "das", "de", "del", "della", "den", "der", "des", "di",
    "dos", "du", "el", "ibn", "la", "le", "ten", "ter", "van", "von", "y", "zu",
}  # fmt: skip

# Lower-case particles that may stand inside a run of capitalised words, before a
# capitalised one ("Eileen de Villa", "Ursula von der Leyen"), as only names have them.
INNER_PARTICLES = {
    "bin", "da", "de", "del", "della", "der", "di", "dos", "du", "ibn", "la", "le", "van",
    "von",
}  # fmt: skip

# Capitalised particles that may join a run of capitalised words ("Seán Ó Fearghaíl").
RUN_PARTICLES = ("Ó", "Ní", "Nic", "Mac")

# Words inside an organisation's name ("Board of Secondary Education").
CONNECTORS = {
    "&", "and", "for", "of",
}  # fmt: skip

# A name holding one of these names an organisation ("Thunder Bay Youth Council").
ORG_WORDS = {
    "administration", "agency", "airlines", "airways", "alliance", "army", "assembly",
    "association", "authority", "bakery", "bank", "board", "brewery", "bureau", "cafe", "café",
    "campaign", "caucus", "center", "centre", "charity", "club", "coalition", "college",
    "commission", "committee", "company", "congress", "corp", "corporation", "council",
    "court", "department", "diner", "directorate", "district", "embassy", "fc", "federation",
    "forum", "foundation", "fund", "gazette", "government", "group", "guard", "guild",
    "health", "herald", "holdings", "hospice", "hospital", "hotel", "inc", "institute",
    "international", "journal", "news",
    "league", "llc", "ltd", "ministry", "navy", "network", "office", "ombudsman", "parliament",
    "party", "plc", "police", "post", "pub", "railway", "railways", "restaurant", "school",
    "senate", "service", "services", "shop", "sindicato", "society", "statistics", "store",
    "times", "treasury", "tribune", "trust", "union", "unit", "university", "utility",
    # companies and broadcasters: "Suncor Energy", "Toronto Hydro", "The Canadian Press"
    "airport", "energy", "financial", "hydro", "insurance", "labs", "media", "motors",
    "partners", "pharmaceuticals", "press", "radio", "systems", "technologies", "television",
    "cabinet", "capital", "coal", "command", "communications", "corps", "foods", "institution",
    "mining", "nation", "nations", "oil", "opposition", "world",
    "petroleum", "realty", "resources", "steel", "telecom",
    "airline", "brands", "enterprises", "industries", "logistics", "mart", "pharmacy",
    "rail", "software", "solutions", "transit", "wireless", "business", "watch", "archive",
    "archives", "museum", "patrol", "municipalities", "bloc", "awards", "prize",
    "construction", "developments", "investments", "properties", "ventures",
}  # fmt: skip
# French kinds of body: "Fédération autonome de l’enseignement", "Sûreté du Québec"
FRENCH_BODY_WORDS = {
    "agence", "caisse", "centrale", "collège", "confédération", "conseil", "fédération",
    "institut", "ministère", "ordre", "parti", "regroupement", "régie", "société", "sûreté",
    "syndicat", "université",
}  # fmt: skip
ORG_WORDS |= FRENCH_BODY_WORDS
# "Canadian Tire", "American Express": a body, where "German Ortega" is a person
BODY_NATIONALITIES = {"american", "australian", "british", "canadian"}
# A body's name may end with its country or province, a person's not: "Air Canada",
# "Teamsters Canada", "Doctors Nova Scotia", "Cricket Australia" (not "Michael Jordan")
BODY_PLACE_ENDS = {
    "america", "australia", "alberta", "b.c.", "british columbia", "canada", "manitoba",
    "new brunswick", "newfoundland", "nova scotia", "ontario", "quebec", "québec",
    "saskatchewan",
}  # fmt: skip

# Capitalised at a sentence start, never the first word of a name.
NOT_NAMES = {
    "a", "according", "after", "also", "an", "and", "april", "as", "asked", "at", "august",
    "before", "but", "by", "december", "early", "even", "february", "for", "friday", "from",
    "he", "her", "his", "however", "if", "in", "it", "its", "january", "july", "june", "just",
    "last", "late", "march", "may", "meanwhile", "monday", "next", "november", "now",
    "october", "of", "on", "only", "our", "saturday", "september", "she", "should", "since", "so",
    "speaking", "still", "sunday", "that", "the", "their", "then", "they", "this", "thursday",
    "tuesday", "unlike", "until", "we", "wednesday", "what", "when", "while", "with", "yet",
    # "Although Trump said", "Neither Clinton nor ...", "Many Mexicans", "Let's"
    "although", "amid", "among", "another", "because", "both", "despite", "during", "each",
    "either", "every", "let", "many", "most", "neither", "nor", "other", "several", "some",
    "though",
    "unless", "whether",
    # "Six Swiss tour company staff", "Local Afghan commanders", "Former Pennsylvania governor"
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens",
    "hundreds", "thousands", "local", "senior", "rival", "former",
    # words that open a sentence before a name: "Why Sanders", "Had Trump", "Besides Clinton"
    "about", "absent", "across", "again", "against", "already", "always", "any", "are",
    "around", "behind", "besides", "beyond", "could", "did", "does", "had", "has", "have",
    "how", "instead", "is", "later", "like", "maybe", "never", "not", "often", "once",
    "perhaps", "say", "see", "such", "there", "these", "those", "through", "throughout", "to",
    "tonight", "toward", "towards", "upon", "was", "were", "where", "whereas", "why", "within",
    "without", "would", "yesterday",
    # pronouns that open a sentence: "None has offered", "Nobody knows"
    "anyone", "everyone", "no", "nobody", "none", "nothing", "someone",
}  # fmt: skip

# A name holding one of these names a place ("Hamilton Road").
PLACE_WORDS = {
    "ave", "avenue", "bay", "beach", "bridge", "county", "creek", "drive", "falls", "glen",
    "harbor", "harbour", "highway", "hill", "house", "island", "lake", "lane", "mountain",
    "park", "point", "province", "rd", "river", "road", "route", "square", "st", "street",
    "valley", "way", "wall",
}  # fmt: skip

# Place words that are also surnames: after a title or a known first name they end a
# person's name ("Senator Hill", "Robert Hill", "Nathan Lane"), not a place's.
SURNAME_PLACE_WORDS = {
    "bay", "bridge", "glen", "hill", "house", "lake", "lane", "park", "wall", "way",
}  # fmt: skip
FIRST_NAME_PLACE_WORDS = {"glen"}  # and before a surname, a first name ("Glen Kopp")

# Organisations named by words that name nothing else: not people, whatever their capitals
# say ("Red Cross", "Hamas said").
ORG_NAMES = {
    "al qaeda", "al-qaeda", "amnesty", "armed forces", "black lives matter",
    "doctors without borders", "greenpeace",
    "hamas", "hezbollah", "interpol", "isis", "islamic state", "médecins sans frontières", "nato",
    "new yorker", "oxfam", "planned parenthood", "red crescent", "red cross", "taliban",
    "unesco", "unicef",
    "teamsters", "unifor",  # unions
    # buildings that speak for a government ("the Pentagon said"), not those named as
    # places too ("Democrats on Capitol Hill, who")
    "kremlin", "pentagon", "white house",
}  # fmt: skip

# Companies named by one word that is no one's name ("Google says it will"), and
# Canadian ones named like people or places ("Tim Hortons said it would")
COMPANY_NAMES = {
    "airbnb", "amazon", "boeing", "bombardier", "costco", "facebook", "google", "huawei",
    "instagram", "meta", "microsoft", "moderna", "netflix", "openai", "pfizer", "samsung",
    "spotify", "starbucks", "tiktok", "twitter", "uber", "walmart", "youtube",
    "cenovus", "enbridge", "jean coutu", "loblaw", "loblaws", "metrolinx", "shopify",
    "sobeys", "suncor", "telus", "tim hortons",
}  # fmt: skip
ORG_NAMES |= COMPANY_NAMES

# Bodies called by a nickname: "The Mounties said" is the RCMP speaking.
BODY_NICKNAMES = {"mounties": "RCMP"}

# Places named by words that name nothing else: not people, whatever their capitals say.
PLACE_NAMES = {
    "buenos aires", "cape town", "costa rica", "el salvador", "great britain", "hong kong",
    "las vegas", "latin america", "los angeles", "middle east", "new delhi", "new hampshire",
    "new jersey", "new mexico", "new orleans", "new south wales", "new york", "new zealand",
    "north carolina", "north dakota", "north korea", "northern ireland", "puerto rico",
    "rhode island", "san francisco", "saudi arabia", "south africa", "south carolina",
    "south dakota", "south korea", "sri lanka", "tel aviv", "united kingdom", "united nations",
    "united states", "west virginia", "gaza", "west bank",
    # besides the countries, provinces and states pycountry names (runs.places)
    "africa", "asia", "britain", "burma", "czech republic", "east timor", "england",
    "europe", "ivory coast", "macedonia", "russia", "scotland", "turkey", "vatican", "wales",
    "us", "u.s", "usa", "u.s.a", "uk", "u.k",  # as written in capitals ("US officials")
    # Canadian provinces as the Canadian Press shortens them ("B.C.’s top doctor", "BC Ferries")
    "b.c", "bc", "p.e.i", "pei", "n.s", "n.b", "n.l", "n.w.t", "nfld", "que", "ont", "alta",
    "sask",
    # capitals and cities that speak for their governments ("Ottawa said"), none a first name
    "baghdad", "beijing", "berlin", "brussels", "calgary", "canberra", "damascus", "edmonton",
    "halifax", "islamabad", "jerusalem", "kabul", "kyiv", "kiev", "london", "melbourne",
    "montreal", "moscow", "ottawa", "pyongyang", "tehran", "tokyo", "toronto", "vancouver",
    "winnipeg",
}  # fmt: skip

# A run ending in one of these names a group of people ("African American"), not a person.
DEMONYMS = {
    "african", "africans", "american", "americans", "arab", "arabs", "asian", "asians",
    "australian", "australians", "british", "canadian", "canadians", "christians", "democrat",
    "democrats", "european", "europeans", "hispanic", "hispanics", "indian", "indians",
    "irish", "jewish", "latina", "latinas", "latino", "latinos", "muslim", "muslims",
    "republican", "republicans",
    "afghans", "albertans", "britons", "chinese", "conservatives", "french", "germans",
    "iranians", "iraqis", "israelis", "italians", "japanese", "koreans", "liberals",
    "mexican", "mexicans", "ontarians", "pakistanis", "palestinians", "quebecers",
    "russians", "syrians", "tories", "ukrainians",
    "afghan", "egyptian", "german", "indonesian", "iranian", "iraqi", "israeli", "italian",
    "korean", "moroccan", "pakistani",
    "palestinian", "russian", "saudi", "swiss", "syrian", "turkish", "ukrainian",
}  # fmt: skip

# Words that say a person is a woman.
FEMALE_WORDS = {
    "aunt", "dame", "daughter", "girl", "gogo", "grandmother", "lady", "miss", "mother", "mrs",
    "ms", "niece", "sister", "widow", "wife", "woman",
}  # fmt: skip

# Words that say a person is a man.
MALE_WORDS = {
    "boy", "brother", "father", "grandfather", "husband", "lord", "man", "mr", "nephew", "sir",
    "son", "uncle", "widower",
}  # fmt: skip

DETERMINERS = {
    "a", "an", "her", "his", "its", "one", "our", "that", "the", "their", "this",
}  # fmt: skip

DEFINITE = {
    "its", "that", "the", "this",
}  # fmt: skip

INDEFINITE = {
    "a", "an", "another", "many", "one", "several", "some", "three", "two",
}  # fmt: skip

PREPOSITIONS = {
    "at", "for", "from", "of", "with",
}  # fmt: skip

# Words that end a description's name part ("the minister in charge").
CUTS = {
    "at", "by", "from", "in", "on", "since", "that", "to", "which", "who", "with",
}  # fmt: skip

# Things that speak for an organisation ("a police statement").
DOCUMENTS = {
    "account", "data", "document", "figure", "filing", "finding", "letter", "notice", "paper",
    "record", "release", "report", "statement", "study", "survey", "website",
}  # fmt: skip

# Documents, works and meetings quoted as the speaker ("a Bloomberg poll found", "a
# meeting chaired by ... called for"): a description headed by one names the document,
# not the people or bodies around it.
QUOTED_DOCUMENTS = DOCUMENTS | {
    "ad", "analysis", "book", "conference", "meeting", "memo", "poll", "review", "summit",
    "video",
}  # fmt: skip

# Bodies named after a person: "the campaign" or "her campaign" is the campaign of the
# person named last ("the Clinton campaign"); the kind of each.
OWNED_BODIES = {"campaign": "org", "family": "group"}

# Unnamed people: an earlier speaker described so ("one woman") may be who "she" means.
PERSON_NOUNS = {
    "critic", "customer", "delegate", "doctor", "driver", "eyewitness", "fan", "farmer",
    "friend", "member", "militant", "neighbor", "neighbour", "nurse", "officer", "official",
    "one", "owner", "parent", "partner", "passenger", "patient", "person", "relative",
    "resident", "source", "spokesperson", "student", "supporter", "surrogate", "teacher",
    "tenant", "victim", "volunteer", "witness", "worker",
}  # fmt: skip

# Head words of descriptions of one person ("the New York businessman", "the GOP nominee"),
# besides titles and person nouns: such a description never means a place or a body.
PERSON_ROLES = {
    "activist", "actor", "actress", "adviser", "advisor", "aide", "analyst", "author",
    "businessman", "businesswoman", "candidate", "ceo", "challenger", "economist", "executive",
    "expert", "founder", "incumbent", "lawmaker", "lawyer", "nominee", "physician", "politician",
    "professor", "scientist", "senator", "singer", "writer",
    "coroner", "diplomat", "envoy", "magistrate", "negotiator", "pope", "prosecutor",
    "billionaire", "mogul", "tycoon",
    "attorney", "commentator", "consultant", "historian", "journalist", "lobbyist", "operative",
    "organiser", "organizer", "pollster", "researcher", "staffer", "strategist",
    "artist", "comedian", "famer", "filmmaker", "musician", "novelist", "poet", "rapper",
    # experts quoted in health and science news ("the infectious disease specialist")
    "criminologist", "epidemiologist", "pharmacist", "psychiatrist", "psychologist",
    "specialist", "surgeon", "virologist",
    # players by position or standing ("the German forward")
    "athlete", "defenceman", "defenseman", "forward", "goalie", "olympian", "quarterback",
    "rookie", "veteran",
}  # fmt: skip
# Words for one who heads a body, as a description in the lead: "The head of Canada’s
# largest teachers’ union is warning ... Karen Brown, president of ..., said"
HEAD_ROLES = {"boss", "head"}

# Words that start a description, not a name: "both groups", "a senior official".
DESCRIPTION_STARTS = {
    "a", "all", "an", "another", "any", "both", "each", "every", "few", "five", "four", "her",
    "his", "its", "many", "most", "my", "no", "one", "other", "our", "several", "some", "that",
    "their", "these", "this", "those", "three", "two", "your",
}  # fmt: skip

# One-word descriptions of people or bodies, capitalised at a sentence start.
GROUP_WORDS = {
    "advocates", "analysts", "anyone", "authorities", "campaigners", "commuters", "critics",
    "doctors", "drivers", "economists", "everyone", "experts", "family", "farmers", "friends",
    "insiders", "investigators", "islanders", "lawyers", "locals", "members", "mounties",
    "neighbors", "neighbours", "nobody", "nurses", "observers", "officers", "official",
    "officials", "organisers", "organizers", "parents", "people", "police", "prosecutors",
    "protesters", "researchers", "residents", "scientists", "source", "sources", "spokesman",
    "spokespeople", "spokesperson", "spokeswoman", "staff", "teachers", "unions", "villagers",
    "volunteers", "witnesses", "workers",
    "children", "families", "men", "students", "veterans", "voters", "women",  # "U.N. Women"
}  # fmt: skip

# Capitalised line labels that are no speaker ("UPDATE: ...").
NOT_SPEAKERS = {
    "ADVERTISEMENT", "BREAKING", "CAPTION", "CLARIFICATION", "CORRECTION", "EDITOR'S NOTE",
    "EDITOR’S NOTE", "EXCLUSIVE", "LIVE", "NOTE", "PHOTOS", "READ MORE", "RELATED", "SOURCE",
    "SOURCES", "TRANSCRIPT", "UPDATE", "UPDATED", "VIDEO", "WARNING", "WATCH",
}  # fmt: skip

# Words that end a newspaper's name ("the newspaper": the Washington Post).
PAPER_WORDS = {
    "bee", "bulletin", "chronicle", "citizen", "courier", "daily", "dispatch", "enquirer",
    "examiner", "express", "gazette", "globe", "guardian", "herald", "independent",
    "inquirer", "journal", "ledger", "mail", "mirror", "news", "observer", "post", "record",
    "register", "republic", "review", "sentinel", "standard", "star", "sun", "telegraph",
    "times", "tribune",
}  # fmt: skip

# Companies described by their trade: "Loblaw said ... The grocer said"
COMPANY_TRADES = {
    "automaker", "brewer", "carmaker", "carrier", "chain", "chipmaker", "conglomerate",
    "drugmaker", "giant", "grocer", "lender", "manufacturer", "miner", "multinational",
    "planemaker", "producer", "publisher", "supplier", "telco",
}  # fmt: skip

# Head words of descriptions that mean an organisation ("the railway", "the city").
_MORE_ORG_HEADS = {
    "airline", "army", "band", "broadcaster", "builder", "campaign", "charity", "city",
    "clinic", "county", "force", "jury", "label", "magazine", "newspaper", "outlet", "panel",
    "publication", "tribunal",
    "developer", "embassy", "firm", "insurer", "military", "mine", "municipality", "navy",
    "network", "operator", "organisation", "organization", "province", "regulator", "retailer",
    "state", "town", "watchdog",
    "distributor",
} | COMPANY_TRADES  # fmt: skip

ORG_HEADS = ORG_WORDS | _MORE_ORG_HEADS

# Kinds of body written in lower case beside a name that is no person's: "relief agency
# Muslim Hands", "a Melbourne Christian school" (not "the Trump campaign", "Ohio state").
BODY_KINDS = {
    "agency", "airline", "association", "band", "bank", "broadcaster", "chain", "charity",
    "church", "clinic", "club", "college", "company", "corporation", "firm", "foundation",
    "group", "hospital", "institute", "insurer", "lender", "magazine", "network",
    "newspaper", "organisation", "organization", "outlet", "publisher", "retailer",
    "school", "society", "union", "university", "website",
}  # fmt: skip

# Words in an organisation's name that say what kind of body it is: "the company" is not
# the Toronto Police Service, nor "the ministry" the University of Toronto.
TYPE_HEADS = _MORE_ORG_HEADS | {
    "agency", "association", "bank", "board", "bureau", "church", "club", "college",
    "commission", "committee", "company", "corporation", "council", "court", "department",
    "foundation", "government", "hospital", "institute", "ministry", "office", "party",
    "police", "school", "society", "union", "university",
}  # fmt: skip

# Abbreviations that stand for a description's head word.
ALIASES = {
    "fc": "club",
    "corp": "company",
    "inc": "company",
    "ltd": "company",
    "plc": "company",
    "co": "company",
    "llc": "company",
}

# What a body known by its acronym is called in a description: "the bureau" is the FBI,
# "the public broadcaster" the CBC
ACRONYM_HEADS = {
    "bbc": {"broadcaster"}, "cbc": {"broadcaster"},
    "cbsa": {"agency"}, "cdc": {"agency"}, "cfia": {"agency"}, "cia": {"agency"},
    "cra": {"agency"}, "csis": {"agency", "service"}, "epa": {"agency"}, "fbi": {"bureau"},
    "fda": {"agency"}, "nasa": {"agency"}, "nato": {"alliance"}, "opp": {"force", "police"},
    "rcmp": {"force", "police"}, "siu": {"unit", "watchdog"}, "ttc": {"commission"},
}  # fmt: skip

# Pronouns resolved to a person, with the gender they give.
GENDER_OF = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female"}

# Pronouns left unresolved.
OTHER_PRONOUNS = {
    "i", "it", "one", "that", "them", "they", "us", "we", "which", "who", "you",
}  # fmt: skip

# Every pronoun that may stand as a speaker: never a name.
PRONOUNS = {
    "he", "her", "hers", "him", "his", "i", "it", "its", "one", "she", "somebody", "someone",
    "their", "theirs", "them", "they", "us", "we", "who", "you",
}  # fmt: skip

# A capitalised name ending in one of these names a work or an event, not a person
# ("Mitchell Plan", "Fair Sentencing Act", "Election Day", "Dallas Morning News"); a
# pronoun never means a name holding one ("The Testaments Book Tour", "the Ad").
WORK_WORDS = {
    "accord", "act", "agreement", "album", "awards", "bill", "book", "championship",
    "conference", "convention", "cup", "day", "debate", "documentary", "festival", "film",
    "games", "memo", "memoir", "movie", "news", "novel", "olympics", "plan", "poll", "prix",
    "program", "programme", "report", "series", "show", "song", "spot", "summit",
    "tournament", "treaty", "war",
}  # fmt: skip

# Words that quantify a plural description: "most nations", "some analysts"
QUANTIFIERS = {"all", "few", "many", "most", "other", "several", "some"}

# Titles under another: "the president" is not Vice President Biden
SUBORDINATE = {"assistant", "associate", "deputy", "vice"}

# Kinds of body that go by a name holding the word ("Lewes Crown Court", "HIH Royal
# Commission"): "the court" means no body named otherwise
NAMED_HEADS = {
    "church", "commission", "committee", "council", "court", "force", "hospital", "jury", "label",
    "panel", "school", "tribunal", "union", "university",
}  # fmt: skip
