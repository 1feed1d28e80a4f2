"""The reporting verbs: which words introduce reported speech, and the CAMEO class each implies.

One lexicon for the whole of statement extraction (``ingest.attribution``): a verb here, with a
subject and either a quotation or a complement clause, makes a statement. The kind follows the
top level of CAMEO as ``ingest.event_kinds`` groups it: plain saying and announcing (01), appeals
and demands (02, 10) and intentions (03) are "statement"; disapproval, rejection and threats
(11-13) are "accusation"; agreeing (05-08) is "agreement".
"""

from __future__ import annotations

from spacy.tokens import Token

from dossier.ingest.nlp import verb_lemma

REPORTING_VERBS: dict[str, str] = {
    **dict.fromkeys(
        [
            "say", "tell", "add", "announce", "state", "declare", "note", "explain", "confirm",
            "insist", "stress", "report", "reply", "respond", "answer", "reiterate", "repeat",
            "maintain", "argue", "contend", "assert", "claim", "suggest", "predict", "estimate",
            "admit", "acknowledge", "concede", "remark", "comment", "observe", "recall", "write",
            "tweet", "disclose", "reveal", "emphasise", "emphasize", "underline",
            "signal", "indicate", "forecast", "term", "describe", "quip", "joke", "conclude",
            "urge", "demand", "appeal", "ask", "plead", "promise", "pledge", "vow", "restate",
            "quote",
        ],
        "statement",
    ),
    **dict.fromkeys(
        [
            "warn", "threaten", "deny", "reject", "dismiss", "accuse", "allege", "charge",
            "complain", "criticise", "criticize", "condemn", "protest", "blame", "dispute",
            "caution",
        ],
        "accusation",
    ),
    **dict.fromkeys(["agree", "accept"], "agreement"),
}
"""Lemma -> the CAMEO-based kind a statement made with it has."""

NAMING_VERBS = frozenset({"term", "describe", "call", "label", "dub", "brand", "continue"})
"""Verbs that attribute a quotation but never a complement clause: naming a thing in someone's
words (``Casey termed "the Baghdad channel"``), or going on with a quotation ("…," Taylor continued)."""


def reporting_lemma(token: Token) -> str | None:
    """The lemma of a token used as a reporting verb, or None when it is not one."""
    if not token.tag_.startswith("VB"):
        return None
    lemma = verb_lemma(token.text)
    return lemma if lemma in REPORTING_VERBS or lemma in NAMING_VERBS else None


def statement_kind(lemma: str) -> str:
    """The kind of a statement made with this reporting verb."""
    return REPORTING_VERBS.get(lemma, "statement")
