"""Names that are not actors: works, products, vessels, competitions, awards, grades and trade terms,
and countries or demonyms that only give a nationality, an origin, a language or a currency.

spaCy tags "Amelie" (a film), "Linux" (software), "Sismik 1" (a ship), "Flora London Marathon"
(a race) and "West Texas Intermediate" (a crude grade) as people, places or organisations. The
sentence around a name says what it is, so each rule reads the parse, never a list of names:

- **a thing's name**: it ends in a competition or award word ("… Marathon", "… Awards", "… Cup")
  or a commodity-grade word ("… Intermediate", "… Blend"); a class noun stands right before it
  ("hit film Amelie", "research ship Sismik 1") or it modifies a product noun ("IBM's Workplace
  software", "the Windows desktop", "Dubai Duty Free event"); it is what someone uses or runs ("customers use Linux", "PCs running Windows
  XP"); it takes "a"/"an" ("nominated for an Oscar"); it follows a price ("per tonne CAF").
  One sense per article: the name is a thing in every sentence, unless the article also has it
  act (the subject of a verb other than "be", or a possessor): "Microsoft software" in an article
  where "Microsoft said" stays the company.
- **an origin, not the country** (per mention, for country names and demonyms): "Canadian-led
  consortium", "Colombian-born actress"; a currency ("U.S. Dlrs", "Canadian cts"); a language
  ("Spanish script"); a private person's nationality ("French actress", "UK actress", "Rwandan
  women"); a singular demonym standing for a person ("the American said"); a competition ("the
  Australian Open"); a nationality that won or lost a match, a team not its country ("beaten by
  the Turks": Fenerbahce). The state, its officials, economy and territory stay mentions ("Greek
  government", "Japanese officials", "U.S. economy").
- **an adjective, not a group**: a faith's word ("Islamic", "Catholic", "Shiite") that only
  describes a common noun — "the Islamic republic", "Catholic schools" — unless that noun is a
  body of people ("the Shiite majority", "Sunni militias"). (A place's or a union's adjective,
  "European trading", is joined to the place later: ``same_actor``.)
- **a portfolio in a title**: "Constitutional Affairs Minister Chris Leslie" — common words
  before "Minister" or "Secretary" name the job, not an organisation.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from spacy.tokens import Doc, Token

from dossier.ingest.event_kinds import STATEMENT_VERBS, kind_of
from dossier.ingest.nlp import is_common_word, verb_lemma
from dossier.store.gazetteer import country_of

# Last words of competitions, races, prizes and ceremonies ("Flora London Marathon", "Academy Awards").
COMPETITION_WORDS = frozenset(
    {"marathon", "open", "opens", "cup", "championship", "championships", "games", "olympics", "award",
     "awards", "prize", "prizes", "trophy", "bowl", "tournament", "festival", "rally", "regatta", "grand prix"}
)
# Last words of commodity grades ("West Texas Intermediate", "Light Louisiana Sweet", "Brent Blend").
GRADE_WORDS = frozenset({"intermediate", "sour", "sweet", "blend", "crude"})
# Nouns that, right before a name, class it as a work, product or vessel ("hit film Amelie", "research
# ship Sismik 1", "car show Motor Maniacs"). "carrier" is left out: "flag carrier Aer Lingus" is a company.
CLASS_NOUNS_BEFORE = frozenset(
    {"film", "films", "movie", "book", "novel", "album", "song", "single", "play", "musical", "opera", "show",
     "series", "sitcom", "soap", "documentary", "programme", "program", "software", "game", "ship", "vessel",
     "tanker", "freighter", "yacht", "liner", "frigate", "destroyer", "submarine", "satellite", "spacecraft",
     "rocket", "drug", "painting", "poem"}
)
# Nouns a name modifies as a product, edition, event or grade ("IBM's Workplace software", "the Windows
# desktop", "Dubai Duty Free event"). Not "film", "game", "show", "marathon" or "status": a maker, a
# club, a broadcaster, a city or a union modifies those too ("Hollywood film", "the Barcelona game",
# "the London marathon", "EU status").
CLASS_NOUNS_AFTER = frozenset(
    {"software", "desktop", "version", "versions", "console", "handset", "browser", "platform", "operating",
     "event", "franchise", "brand", "grade", "crude", "blend", "mythology"}
)
# Verbs whose object is a thing used ("customers use Linux"); "running" only as a participle after a
# noun ("PCs running Windows XP"), since people run companies.
USING_VERBS = frozenset({"use", "install", "download"})
# Nouns a country or demonym modifies as a currency ("U.S. Dlrs", "Canadian cts", "the U.S. currency").
CURRENCY_WORDS = frozenset(
    {"dlr", "dlrs", "dollar", "dollars", "cent", "cents", "ct", "cts", "currency", "currencies", "pound",
     "pounds", "sterling", "yen", "franc", "francs", "mark", "marks", "lira", "lire", "peso", "pesos", "rupee",
     "rupees", "rand", "crown", "crowns", "krona", "kronor", "krone", "kroner", "guilder", "guilders",
     "riyal", "riyals", "dinar", "dinars", "rouble", "roubles", "ruble", "rubles", "yuan", "euro", "euros"}
)
# Participles after a country or demonym that give where someone or something comes from or sits.
ORIGIN_PARTICIPLES = frozenset(
    {"born", "based", "owned", "made", "registered", "listed", "built", "flagged", "educated", "raised", "trained"}
)
# Businesses a country's firms lead or back ("Canadian-led consortium"): the firms, not the state.
BUSINESS_NOUNS = frozenset(
    {"consortium", "company", "firm", "group", "venture", "bank", "fund", "syndicate", "partnership", "team", "bid"}
)
# Nouns a demonym modifies as a language ("Spanish script").
LANGUAGE_WORDS = frozenset({"script", "language", "translation", "subtitles", "accent", "dialect", "speaker", "speakers"})
# Private persons whose nationality a demonym or country gives ("French actress", "UK actress").
PRIVATE_PERSON_WORDS = frozenset(
    {"actor", "actors", "actress", "actresses", "star", "stars", "singer", "rapper", "musician", "artist",
     "painter", "writer", "author", "novelist", "poet", "filmmaker", "comedian", "presenter", "model",
     "designer", "chef", "player", "players", "striker", "midfielder", "defender", "goalkeeper", "keeper",
     "winger", "batsman", "bowler", "cricketer", "footballer", "golfer", "boxer", "cyclist", "runner",
     "sprinter", "athlete", "athletes", "swimmer", "skier", "driver", "rider", "jockey", "champion",
     "woman", "women", "man", "men", "girl", "girls", "boy", "boys", "teenager", "student", "students",
     "tourist", "tourists", "businessman", "businesswoman", "billionaire", "tycoon"}
)
# Common nouns for a body of people: a group word before one names the group ("Hutu militias").
PEOPLE_NOUNS = frozenset(
    {"militia", "militias", "rebel", "rebels", "insurgent", "insurgents", "fighter", "fighters", "guerrilla",
     "guerrillas", "militant", "militants", "extremist", "extremists", "separatist", "separatists", "gunmen",
     "forces", "community", "communities", "minority", "minorities", "majority", "population", "group", "groups",
     "faction", "factions", "tribe", "tribes", "clan", "clans", "clergy", "leaders", "leadership", "parties",
     "people", "voters", "refugees", "settlers", "pilgrims", "worshippers", "protesters"}
)
# Words of a faith or its branches that spaCy tags as groups (NORP) also as plain adjectives.
FAITH_WORDS = frozenset(
    {"islamic", "islamist", "muslim", "christian", "catholic", "protestant", "anglican", "evangelical", "orthodox",
     "jewish", "hindu", "sikh", "buddhist", "shiite", "shia", "shi'ite", "sunni", "wahhabi", "salafi", "coptic",
     "methodist", "baptist", "lutheran", "mormon"}
)
# Job titles that follow a portfolio ("Constitutional Affairs Minister").
PORTFOLIO_TITLES = frozenset({"minister", "secretary"})
_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos", "attr"})
_MODIFIERS = frozenset({"compound", "amod", "nmod", "npadvmod"})


class NamedMention(Protocol):
    """What these rules read of a mention: its token range, name, kind and whether it is a country."""

    token_start: int
    token_end: int
    name: str
    kind: str
    country: bool
    in_headline: bool


def things_named(doc: Doc, mentions: Sequence[NamedMention]) -> set[str]:
    """Lower-cased names the article uses for things, not actors (one sense per article)."""
    things: set[str] = set()
    acting: set[str] = set()
    speaking: set[str] = set()
    for mention in mentions:
        if mention.country:
            continue
        key = mention.name.lower()
        if _is_thing(doc, mention):
            things.add(key)
        if not mention.in_headline:  # a headline's parse is often wrong
            subject = _acting_subject(doc, mention)
            if subject is not None:
                acting.add(key)
                if verb_lemma(subject.head.text) in STATEMENT_VERBS:
                    speaking.add(key)
    # A competition or a grade is named so by its own words: only its organisers speaking make it an actor.
    intrinsic = {key for key in things if _named_as_thing(key)}
    return (things - acting) | (intrinsic - speaking)


def is_origin_only(doc: Doc, mention: NamedMention) -> bool:
    """Whether a country or demonym mention only gives an origin, a currency, a language or a nationality."""
    tokens = doc[mention.token_start : mention.token_end]
    last = tokens[-1]
    after = doc[mention.token_end] if mention.token_end < len(doc) else None
    participle = doc[after.i + 1] if after is not None and after.text == "-" and after.i + 1 < len(doc) else None
    if participle is not None and participle.tag_ in ("VBN", "VBG"):
        if participle.lower_ in ORIGIN_PARTICIPLES or participle.tag_ == "VBG":
            return True  # "Colombian-born actress", "US-based firm", "French-speaking"
        if participle.head.lower_ in BUSINESS_NOUNS:
            return True  # "Canadian-led consortium" (not "the American-led invasion": the state led it)
    heads = _noun_heads(last)
    if any(head.lower_ in CURRENCY_WORDS or head.lower_ in COMPETITION_WORDS for head in heads):
        return True
    if after is not None and after.lower_ in CURRENCY_WORDS:
        return True  # "80 U.S. Dlrs per tonne" parsed with another head
    demonym = country_of(tokens.text) is None  # "Canadian", not "Canada" or "U.S."
    if demonym and any(head.lower_ in LANGUAGE_WORDS for head in heads):
        return True
    if any(head.lower_ in PRIVATE_PERSON_WORDS for head in heads):
        return True
    if any(child.dep_ == "conj" and child.lower_ in COMPETITION_WORDS for child in last.children):
        return True  # "the US and Australian Opens"
    if demonym and _plays_in_a_match(last):
        return True  # "his side were well-beaten by the Turks": a team (here Fenerbahce), not Turkey
    before = doc[mention.token_start - 1] if mention.token_start > 0 else None
    return bool(
        demonym
        and before is not None
        and before.lower_ in ("the", "a", "an")
        and last.dep_ in _ARGUMENTS
        and tokens.text.lower().endswith(("an", "i"))  # "the American", "an Iraqi"; not "the French", "the Soviets"
    )


def is_adjective_only(doc: Doc, mention: NamedMention) -> bool:
    """Whether a faith's word only describes someone or something ("the Islamic republic", "I'm
    Jewish") rather than naming a group, alone ("Shiites") or before a body of people ("the Shiite
    majority")."""
    if mention.kind != "group" or mention.name.casefold() not in FAITH_WORDS:
        return False  # first, before any token is built: this runs for every mention
    last = doc[mention.token_end - 1]
    head = last.head
    if last.dep_ == "acomp":
        return True
    return (
        last.dep_ in ("amod", "compound")
        and head.i > last.i
        and head.tag_ in ("NN", "NNS")
        and head.lower_ not in PEOPLE_NOUNS
    )


def _plays_in_a_match(token: Token) -> bool:
    """Whether a demonym is who won or lost a match: the subject, object or agent of a contest verb
    ("beaten by the Turks", "the Italians beat", "held the Dutch") — a team a sport page names by its
    nationality, not the country."""
    verb = token.head.head if token.dep_ == "pobj" and token.head.dep_ == "agent" else token.head
    if token.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj") or not verb.tag_.startswith("VB"):
        return False
    return kind_of(verb) == "contest"


def is_portfolio(doc: Doc, mention: NamedMention) -> bool:
    """Common words before "Minister"/"Secretary" naming a job ("Constitutional Affairs Minister")."""
    after = doc[mention.token_end] if mention.token_end < len(doc) else None
    words = mention.name.split()
    return (
        mention.kind == "organization"
        and after is not None
        and after.lower_ in PORTFOLIO_TITLES
        and after.text[:1].isupper()
        and len(words) > 1
        and all(is_common_word(word) for word in words)
    )


def _is_thing(doc: Doc, mention: NamedMention) -> bool:
    """Whether this occurrence names a work, product, vessel, competition, grade or trade term."""
    if _named_as_thing(mention.name.lower()):
        return True
    tokens = doc[mention.token_start : mention.token_end]
    before = doc[mention.token_start - 1] if mention.token_start > 0 else None
    if before is not None and before.tag_ in ("NN", "NNS") and before.lower_ in CLASS_NOUNS_BEFORE:
        return True  # "hit film Amelie", "research ship Sismik 1"
    root = tokens.root
    if root.dep_ == "appos" and root.head.lower_ in CLASS_NOUNS_BEFORE:
        return True
    if before is not None and before.text in ("a", "an") and before.head == root and root.dep_ != "poss":
        return True  # "nominated for an Oscar": a name with an indefinite article is a common noun
    if _after_price(doc, mention.token_start):
        return True
    if root.ent_type_ == "GPE":
        return False  # the model knows cities and states: "the London stage version" is London
    if any(head.lower_ in CLASS_NOUNS_AFTER for head in _noun_heads(root)):
        return True  # "IBM's Workplace software", "the Windows desktop", "Dubai Duty Free event"
    if root.ent_type_ in ("ORG", "NORP"):
        return False  # "has used the United Nations or Swiss channels": a body used is still a body
    if root.dep_ == "dobj" and verb_lemma(root.head.text) in USING_VERBS:
        return True
    return root.dep_ == "dobj" and root.head.lower_ == "running" and root.head.dep_ == "acl"


def _named_as_thing(name: str) -> bool:
    """A lower-cased name whose last words make it a competition, award or grade ("new york marathon")."""
    words = name.split()
    return (
        words[-1] in COMPETITION_WORDS
        or " ".join(words[-2:]) in COMPETITION_WORDS
        or (len(words) > 1 and words[-1] in GRADE_WORDS)
    )


def _after_price(doc: Doc, start: int) -> bool:
    """A name right after "per <unit>" or a sum ("per tonne CAF", "85 dlrs CAF"): a trade term."""
    if start >= 2 and doc[start - 2].lower_ == "per":
        return True
    return start >= 1 and doc[start - 1].lower_ in CURRENCY_WORDS and doc[start - 1].ent_type_ == "MONEY"


def _acting_subject(doc: Doc, mention: NamedMention) -> Token | None:
    """The name's root when it acts here: the subject of an active verb other than "be", or a possessor."""
    root = doc[mention.token_start : mention.token_end].root
    if root.dep_ == "nsubj":
        return root if verb_lemma(root.head.text) != "be" and root.head.lower_ != "'s" else None
    possessor = root.dep_ == "poss" or (mention.token_end < len(doc) and doc[mention.token_end].tag_ == "POS")
    return root if possessor else None


def _noun_heads(token: Token) -> list[Token]:
    """The nouns a modifier hangs from, nearest first, following compound and adjective links rightwards."""
    heads = []
    while token.dep_ in _MODIFIERS and token.head.i > token.i and token.head.tag_.startswith("NN"):
        token = token.head
        heads.append(token)
    return heads
