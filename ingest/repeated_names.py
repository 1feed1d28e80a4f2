"""Every occurrence of a name the article gives an actor, including those the model missed.

spaCy finds a name in one sentence and misses it in the next ("Mr Fischer", "awards to Spitz"),
and reads little in capitals: a Reuters headline "MAYFAIR SUPER MARKETS <MYFRA> SALES INCREASED"
yields the company while the lead "Mayfair Super Markets said ..." yields nothing, and "FED NOT
EXPECTED TO ADD RESERVES" misses the Fed the body names. One sense per article: a name is the same
actor wherever the article writes it, so each further occurrence becomes a mention of it —

- written exactly as a mention of it, or a person's surname when the person is named in full;
- in a paragraph in capitals, in any case (a headline); a name from such a paragraph, in the
  body in title case ("MAYFAIR SUPER MARKETS" → "Mayfair Super Markets");
- not inside page furniture or another mention, not part of a longer capitalised name ("Japan"
  of "Bank of Japan" when the model missed the bank), and one-word names only from three letters
  (or an acronym written in capitals), never a dictionary word the model found in capitals
  outside a headline ("UP" or "NET" in a table of figures).

One regular expression per document over the names it already has, so the cost stays linear.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import Generic, NamedTuple, Protocol, TypeVar

from spacy.tokens import Doc

from dossier.ingest.conventions import HONORIFICS, NAME_TITLES
from dossier.ingest.nlp import is_common_word

MIN_WORD_NAME = 3
_LINK_WORDS = frozenset({"of", "and", "the", "for", "de", "du", "la", "&"})


class NamedMention(Protocol):
    """What is read of a mention already found: where it is, how it is written, what it names."""

    start: int
    end: int
    surface: str
    name: str
    kind: str
    country: bool
    in_headline: bool


M = TypeVar("M", bound=NamedMention)


class Occurrence(NamedTuple, Generic[M]):
    """A further occurrence of a mention's name: its characters and tokens, and the mention it repeats."""

    start: int
    end: int
    token_start: int
    token_end: int
    in_headline: bool
    source: M


def repeated_occurrences(
    doc: Doc, text: str, mentions: Sequence[M], skipped: Sequence[tuple[int, int]], in_headline: Callable[[int, int], bool]
) -> list[Occurrence[M]]:
    """Further occurrences of the names of ``mentions``, outside them and the ``skipped`` ranges
    (``text`` is ``doc.text``)."""
    sources: dict[str, M] = {}
    for mention in sorted(mentions, key=lambda m: (m.in_headline, m.start)):
        sources.setdefault(_key(mention.surface), mention)
        words = mention.name.split(" ")
        if mention.kind == "person" and len(words) > 1 and not mention.country and len(words[-1]) >= MIN_WORD_NAME:
            sources.setdefault(words[-1].casefold(), mention)  # "Fischer" of "Stanley Fischer"
    names = [name for name in sources if _long_enough(name, sources[name])]
    if not names:
        return []
    pattern = _names_pattern(names, sources)
    # The model's spans in a capitals headline are often run-ons ("FED NOT"): names found there
    # replace them (``in_caps_headline``), so they do not block.
    taken = sorted([(m.start, m.end) for m in mentions if not in_caps_headline(m)] + list(skipped))
    starts = [start for start, _ in taken]
    found: list[Occurrence[M]] = []
    for match in pattern.finditer(text):
        start, end = match.span()
        index = bisect_right(starts, end) - 1
        if any(taken[i][0] < end and start < taken[i][1] for i in range(max(0, index - 3), index + 1)):
            continue
        written = match.group()
        source = sources.get(_key(written))
        if source is None:  # a case-insensitive match the case-folded key does not meet ("ǅ", "ß")
            continue
        headline = in_headline(start, end)
        if not _same_writing(written, source.surface, source.name, headline) or _inside_longer_name(text, start, end):
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        found.append(Occurrence(start, end, span.start, span.end, headline, source))
    return found


def _key(written: str) -> str:
    """A name's look-up key: whitespace runs as one space, case-folded."""
    return re.sub(r"\s+", " ", written.strip()).casefold()


def _names_pattern(names: list[str], sources: dict[str, M]) -> re.Pattern[str]:
    """One pattern for every name, whole words, any case, spaces matching any whitespace.

    Names found outside capitals headlines come first, longest first, so a run-on span there ("BANK
    OF JAPAN INTERVENES IN TOKYO") does not hide the names inside it. Not a ticker ("<HAN>",
    "<ICI.L>") nor part of an address ("fbi.gov").
    """
    ordered = sorted(names, key=lambda name: (in_caps_headline(sources[name]), -len(name)))
    alternatives = "|".join(re.escape(name).replace(r"\ ", r"\s+") for name in ordered)
    return re.compile(rf"(?<![\w.&<-])(?:{alternatives})(?![\w&>-]|\.\w)", re.IGNORECASE)


def in_caps_headline(mention: NamedMention) -> bool:
    """Whether a mention lies in a headline written in capitals, where the model's spans are unreliable."""
    return mention.in_headline and mention.surface.isupper()


def _long_enough(name: str, source: NamedMention) -> bool:
    """Names worth searching: several words, or one word of three letters or more, or an acronym;
    not a dictionary word the model found in capitals outside a headline ("UP", "NET" in a table of
    figures), which says nothing."""
    if " " in name:
        return True
    if source.surface.isupper() and not source.in_headline and is_common_word(name):
        return False
    return len(name) >= MIN_WORD_NAME or (source.surface.isupper() and len(name) >= 2)


def _same_writing(written: str, surface: str, name: str, headline: bool) -> bool:
    """Whether an occurrence writes the name as the article does: exactly, in capitals in a headline,
    or in title case for a name first seen in capitals (several words, or one that is no dictionary word)."""
    flat = re.sub(r"\s+", " ", written)
    if flat in (surface, name.split(" ")[-1]) or (headline and flat.isupper()):
        return True
    words = [word for word in flat.split(" ") if word.lower() not in _LINK_WORDS]
    if len(words) == 1 and is_common_word(flat):
        return False  # "TRADE" of a headline is not "Trade" opening a sentence
    return surface.isupper() and bool(words) and all(word[:1].isupper() for word in words)


def _inside_longer_name(text: str, start: int, end: int) -> bool:
    """Whether a capitalised word runs on before or after the occurrence on its line ("Bank of Japan"
    around "Japan"), when the occurrence is not in capitals itself."""
    if text[start:end].isupper():
        return False
    before = re.search(r"([A-Z][\w.&'-]*)(?: of| and| de)? $", text[max(0, start - 40) : start])
    after = re.match(r" (?:of |and |de )?[A-Z]", text[end : end + 8])
    if before is not None:
        word = before.group(1)
        ends_sentence = word.endswith(".") and word.count(".") == 1 and word.lower() not in HONORIFICS
        if ends_sentence or word.lower() in HONORIFICS or word.lower().rstrip(".") in NAME_TITLES:
            before = None  # "Jeunet. Jeunet was", "Mr Fischer", "Sheikh Ali": no longer name
    return bool(before and not _opens_sentence(text, start - len(before.group()))) or bool(after)


def _opens_sentence(text: str, start: int) -> bool:
    """Whether ``start`` begins a sentence or line (so its capital says nothing)."""
    preceding = text[max(0, start - 3) : start]
    return start <= 0 or not preceding.strip() or preceding.rstrip()[-1:] in ".!?\"'“‘-–—:("
