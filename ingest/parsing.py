"""Running the language model over documents of any length, one failure per document.

spaCy refuses a text over ``nlp.max_length`` (1,000,000 characters) and its parser's memory
grows with the text it holds at once. A long text is therefore parsed in segments of at most
``SEGMENT_CHARS`` characters, cut after a line break where there is one, and the segments'
parses are joined back into one ``Doc`` whose text is exactly the input (so every offset stays
an offset into the stored text). Time is linear in the text and memory per document is bounded
by the segment size plus the joined ``Doc``. An error parsing one text becomes that text's
result and never ends the parse of the texts around it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.language import Language
from spacy.tokens import Doc

SEGMENT_CHARS = 50_000
SHORT_BATCH = 32
SEGMENT_BATCH = 4


def segments(text: str, limit: int = SEGMENT_CHARS) -> list[str]:
    """``text`` cut into pieces of at most ``limit`` characters that join back to it exactly.

    Each cut falls after the last line break within the limit, else after the last space, else
    at the limit itself (a single enormous word).
    """
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        cut = text.rfind("\n", start + 1, end)
        if cut < 0:
            cut = text.rfind(" ", start + 1, end)
        cut = end if cut < 0 else cut + 1
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def parse_texts(nlp: Language, texts: Sequence[str]) -> Iterator[Doc | Exception]:
    """A parse of each text, in order, or the exception that parsing it raised."""
    short = [index for index, text in enumerate(texts) if len(text) <= SEGMENT_CHARS]
    parsed = dict(zip(short, _parse_short(nlp, [texts[index] for index in short]), strict=True))
    for index, text in enumerate(texts):
        yield parsed.pop(index) if index in parsed else _parse_long(nlp, text)


def _parse_short(nlp: Language, texts: list[str]) -> list[Doc | Exception]:
    """Short texts parsed in batches; if a batch fails, each of its texts is parsed on its own."""
    try:
        return list(nlp.pipe(texts, batch_size=SHORT_BATCH))
    except Exception:  # one bad text must not cost the others their parse
        return [_parse_one(nlp, text) for text in texts]


def _parse_one(nlp: Language, text: str) -> Doc | Exception:
    """One short text's parse, or the exception that parsing it raised."""
    try:
        return nlp(text)
    except Exception as error:
        return error


def _parse_long(nlp: Language, text: str) -> Doc | Exception:
    """A long text parsed segment by segment and joined into one ``Doc`` of exactly that text."""
    try:
        parts = list(nlp.pipe(segments(text), batch_size=SEGMENT_BATCH))
        # ``exclude`` is in spaCy's signature but missing from its type stub; without it the
        # joined Doc would also copy every segment's tensor.
        doc = Doc.from_docs(  # type: ignore[call-arg]
            parts, ensure_whitespace=False, exclude=["tensor", "spans", "user_data"]
        )
    except Exception as error:
        return error
    if doc.text != text:
        return ValueError("the joined parse does not reproduce the text")
    return doc
