"""Company names the model missed, found by their legal form ("Transnational Industries Inc said").

The small model misses many company names in wire leads right after a dateline ("NEW YORK, March
24 - Transnational Industries Inc said ...", "LONDON, March 11 - Imperial Chemical Industries Plc
<ICI.L> is issuing ..."). A legal-form word (Inc, Corp, Plc, Ltd, Co, AG …) closing a run of
capitalised words names a company: the run, back to the first word that is not capitalised (or
"of", "and", "&" between capitalised words, a hyphen or slash inside one: "Seal-It Corp"), without an opening article or a sentence's first
word that is no proper noun ("However", "The"). Only outside the model's entities and page
furniture, on one line, and never in a paragraph written in capitals (a headline's words are all
capitalised).

One regular expression finds the legal-form words; only the few tokens before each are read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

MAX_NAME_TOKENS = 7
LEGAL_FORMS = ("Inc", "Corp", "Corporation", "Plc", "PLC", "plc", "Ltd", "Co", "Cos", "AG", "SA", "NV", "GmbH", "LLC", "SpA")
_LEGAL_FORM = re.compile(r"(?<=[ \n])(?:" + "|".join(LEGAL_FORMS) + r")\b\.?")
_LINKS = frozenset({"of", "and", "&"})


def company_spans(doc: Doc, text: str, taken: Sequence[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    """(start, end, token_start, token_end) of company names outside ``taken`` character ranges
    (``text`` is ``doc.text``, which spaCy rebuilds from every token on each read)."""
    found: list[tuple[int, int, int, int]] = []
    for match in _LEGAL_FORM.finditer(text):
        span = doc.char_span(match.start(), match.start() + len(match.group().rstrip(".")), alignment_mode="expand")
        if span is None or span[0].ent_type_ or _overlaps(taken, match.start(), match.end()):
            continue
        tokens = _name_before(doc, span[0])
        if not tokens:
            continue
        start, end = tokens[0].idx, span[-1].idx + len(span[-1].text)
        if not text[start:end].isupper() and not _overlaps(taken, start, end):
            if found and found[-1][0] == start:
                found.pop()  # "Brown Transport Co Inc": the longer reading of one name
            found.append((start, end, tokens[0].i, span[-1].i + 1))
    return found


def _name_before(doc: Doc, form: Token) -> list[Token]:
    """The capitalised words naming the company before its legal-form word, or [] when there are none."""
    tokens: list[Token] = []
    index = form.i - 1
    while index >= 0 and len(tokens) < MAX_NAME_TOKENS:
        token = doc[index]
        if "\n" in token.whitespace_ and token.whitespace_.count("\n") > 1:
            break
        if token.ent_type_ in ("DATE", "MONEY", "CARDINAL", "PERCENT", "QUANTITY", "TIME"):
            break
        joined = token.text in ("-", "/") and not token.whitespace_ and index > 0 and not doc[index - 1].whitespace_
        link = (token.lower_ in _LINKS or joined) and index > 0 and doc[index - 1].text[:1].isupper()
        word = token.text[:1].isupper() and token.text.replace(".", "").replace("-", "").isalnum()
        if (link and tokens) or word:
            tokens.insert(0, token)  # "Belden and Blake Energy Co", "Seal-It Corp", "Lorimar/Telepictures Corp"
        else:
            break
        index -= 1
    while tokens and (tokens[0].lower_ in _LINKS or (tokens[0].is_sent_start and tokens[0].tag_ not in ("NNP", "NNPS"))
                      or tokens[0].lower_ in ("the", "a", "an")):
        tokens.pop(0)
    return tokens


def _overlaps(ranges: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps one of the ranges."""
    return any(range_start < end and start < range_end for range_start, range_end in ranges)
