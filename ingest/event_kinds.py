"""Event kinds: which verbs and nouns trigger which kind of event, and the kind of a clause.

Political kinds follow the top level of CAMEO (the event scheme of GDELT/PETRARCH), grouped;
CAMEO has no class for markets, posts, matches or courts, which fill business, sport and court
pages, so four kinds of their own cover them:

=========== ============================================ ==========================================
kind        CAMEO top level / scope                      trigger verbs / nouns (lemmas, examples)
=========== ============================================ ==========================================
statement   01 make public statement, 02 appeal,         say, tell, announce, confirm, add, state,
            03 express intent, 10 demand                 signal, insist, note, urge, call, ask, seek
meeting     04 consult (meet, negotiate)                 meet, talk(s), discuss, negotiate, host,
                                                         meeting, conference, summit, consult
visit       04 consult (visit, host a visit)             visit, arrive, travel, tour, trip
accusation  11 disapprove, 12 reject, 13 threaten,       accuse, blame, condemn, criticise, deny,
            14 protest, 16 reduce relations              threaten, warn, reject, protest, sanction
attack      15 force posture, 17 coerce, 18 assault,     attack, kill, bomb, invade, strike, seize,
            19 fight, 20 mass violence                   fight, hostage, invasion, war, raid, arrest
agreement   05 diplomatic / 06 material cooperation,     agree, sign, approve, accord, deal, treaty,
            07 provide aid, 08 yield                     agreement, ceasefire, aid, resume
business    markets, companies, trade, products          buy, sell, acquire, merge, invest, raise,
                                                         cut, issue, import, launch, release, price
appointment posts and roles taken or left                appoint, name, elect, resign, join, hire,
                                                         succeed, become, step (down), nomination
contest     matches, races, records, awards              win, lose, beat, defeat, score, finish,
                                                         qualify, record, title, medal, award
legal       09 investigate, courts and charges           investigate, charge, convict, sentence,
                                                         jail, plead, sue, inquiry, trial, verdict
other       everything else                              —
=========== ============================================ ==========================================

A light verb ("hold", "make", "launch", "take" …) takes the kind of its object ("held talks",
"launched an attack", "took control").
"""

from __future__ import annotations

from spacy.tokens import Token

from dossier.ingest.nlp import verb_lemma

TRIGGERS: dict[str, str] = {
    **dict.fromkeys(
        ["say", "speak", "tell", "announce", "publish", "disclose", "recommend", "respond", "submit", "confirm", "add", "state", "signal", "insist", "note", "urge", "call", "ask", "seek", "declare", "report", "reiterate", "stress", "acknowledge", "explain", "predict", "express", "appeal", "demand", "statement", "announcement", "remark", "speech", "interview", "briefing"],
        "statement",
    ),
    **dict.fromkeys(
        ["meet", "talk", "discuss", "negotiate", "host", "consult", "convene", "gather", "meeting", "talks", "conference", "summit", "negotiation", "negotiations", "consultation", "session"],
        "meeting",
    ),
    **dict.fromkeys(["visit", "arrive", "travel", "tour", "fly", "trip", "visit"], "visit"),
    **dict.fromkeys(
        ["accuse", "blame", "condemn", "criticise", "criticize", "deny", "threaten", "warn", "reject", "protest", "sanction", "denounce", "assail", "allege", "expel", "boycott", "sue", "accusation", "threat", "warning", "protest", "sanctions", "criticism", "condemnation"],
        "accusation",
    ),
    **dict.fromkeys(
        ["attack", "kill", "bomb", "invade", "strike", "seize", "fight", "shell", "shoot", "raid", "arrest", "clash", "wound", "capture", "detain", "storm", "explode", "fire", "hijack", "kidnap", "abduct", "attack", "invasion", "war", "bombing", "hostage", "raid", "strike", "fighting", "clash", "assault", "explosion", "killing", "violence", "offensive", "uprising", "coup"],
        "attack",
    ),
    **dict.fromkeys(
        ["agree", "sign", "approve", "ratify", "cooperate", "free", "resume", "restore", "aid", "grant", "accord", "deal", "treaty", "agreement", "ceasefire", "pact", "aid", "cooperation"],
        "agreement",
    ),
    **dict.fromkeys(
        ["buy", "sell", "acquire", "purchase", "merge", "invest", "raise", "cut", "lower", "increase", "reduce", "issue",
         "float", "import", "export", "ship", "borrow", "lend", "bid", "supply", "trade", "commit", "spend", "fund",
         "finance", "launch", "release", "unveil", "introduce", "open", "close", "list", "post",
         "earn", "acquisition", "merger", "takeover", "sale", "stake", "offer", "investment", "bond", "eurobond",
         "shares", "dividend", "profit", "loss", "price", "prices", "posting", "postings", "contract", "order", "orders",
         "increases", "cuts", "sales", "purchases", "acquisitions", "takeovers", "mergers", "investments",
         "rise", "fall", "decline", "drop", "climb", "jump", "slump", "gain", "soar", "grow", "slip", "ease", "plunge",
         "surge", "rebound", "produce", "repay", "pay", "redeem", "suspend", "exchange", "found", "extend", "output",
         "production", "exports", "imports", "growth", "debt", "earnings", "deficit", "surplus", "trading", "payments",
         "expand", "widen", "narrow", "operate", "mature", "expire", "handle", "average", "defer", "assume", "file",
         "impose", "profits", "reserves", "shortfall", "stocks", "output", "complete", "boost", "shed", "transfer",
         "control", "loan", "placement", "flotation", "listing"],
        "business",
    ),
    **dict.fromkeys(
        ["appoint", "name", "elect", "nominate", "resign", "quit", "retire", "join", "hire", "succeed", "replace",
         "sack", "dismiss", "oust", "promote", "second", "choose", "select", "appointment", "election",
         "resignation", "nomination", "job", "adviser", "chairman", "governor", "director", "head", "chief"],
        "appointment",
    ),
    **dict.fromkeys(
        ["win", "lose", "beat", "defeat", "score", "finish", "qualify", "compete", "race", "defend", "smash",
         "victory", "record", "title", "medal", "award", "prize", "marathon", "match", "final", "championship",
         "oscar", "trophy", "cup", "race"],
        "contest",
    ),
    **dict.fromkeys(
        ["investigate", "probe", "charge", "indict", "convict", "sentence", "jail", "imprison", "plead", "sue", "prosecute",
         "acquit", "fine", "rule", "ban", "inquiry", "investigation", "trial", "lawsuit", "suit", "verdict", "ruling",
         "charges", "conviction", "guilty", "court"],
        "legal",
    ),
}
_CAPTIVES = frozenset({"hostages", "hostage", "prisoners", "prisoner", "detainees", "captives", "him", "her", "them"})
LIGHT_VERBS = frozenset({"hold", "make", "take", "launch", "give", "have", "stage", "carry", "conduct", "set", "reach", "open", "start", "put", "go"})
EVENT_NOUNS = frozenset(
    word for word, kind in TRIGGERS.items() if kind in ("meeting", "visit", "accusation", "attack", "agreement")
) | {"release", "takeover", "acquisition", "merger", "election", "trial", "inquiry", "resignation"}
"""Nouns that name an occurrence a date can belong to ("the 2003 invasion", "its 1981 takeover");
a date on any other noun describes a thing ("its 1986 profit", "for June shipment")."""
PLAN_VERBS = frozenset(
    {"expect", "plan", "intend", "hope", "aim", "want", "wish", "consider", "anticipate", "project", "forecast", "predict", "foresee",
     "estimate"}
)
"""Verbs of intention and expectation: what follows them has not happened ("expects earnings of …")."""
STATIVE_VERBS = frozenset(
    {"own", "have", "possess", "remain", "stay", "contain", "include", "consist", "belong", "know", "believe",
     "seem", "appear", "need", "lack", "resemble", "mean", "represent", "total", "comprise", "exist", "hold", "face"}
)
"""Verbs of a state: with no event kind of their own (or their object's) they report how things are."""
STATEMENT_VERBS = frozenset(
    word for word, kind in TRIGGERS.items() if kind == "statement"
) - {"seek", "statement", "announcement", "remark", "speech", "interview", "briefing"}


def kind_of(head: Token) -> str:
    """The event kind of a verb or noun, looking through light verbs to their objects ("hold talks")."""
    lemma = verb_lemma(head.text) if head.tag_.startswith("VB") else head.lower_
    if lemma == "release" and any(c.dep_ == "dobj" and (c.ent_type_ in ("PERSON", "NORP") or c.lower_ in _CAPTIVES) for c in head.children):
        return "agreement"  # releasing prisoners is CAMEO 08 yield, releasing a product is business
    kind = TRIGGERS.get(lemma)
    if kind is not None and lemma not in LIGHT_VERBS:
        return kind
    for child in head.children:
        if child.dep_ in ("dobj", "xcomp", "attr", "oprd") or (child.dep_ == "prep" and child.lower_ == "in"):
            target = child if child.dep_ != "prep" else next(iter(child.children), child)
            object_lemma = verb_lemma(target.text) if target.tag_.startswith("VB") else target.lower_
            if object_lemma in TRIGGERS:
                return TRIGGERS[object_lemma]
            if target.dep_ == "xcomp":
                return kind_of(target)
    if kind is not None:
        return kind
    if head.dep_ in ("acl", "relcl") and head.head.i != head.i:
        return TRIGGERS.get(head.head.lower_, "other")  # "the attack, taken in response to ..."
    return "other"
