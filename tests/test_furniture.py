"""Page furniture on the seed pages and on real BBC and Reuters articles."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.ingest.furniture import detect_furniture, mask_for_nlp
from dossier.ingest.read import read_document

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
AFP_SEED = SEEDS / "000_c7a545a4ddec3c56.txt"
USINFO_SEED = SEEDS / "004_d259d4587dd7d8d1.txt"
TRAILER = re.compile(r"\W*reuters?[\W_]*(?:\^M)?\W*", re.IGNORECASE)

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")


def marked_text(text: str, spans: list[tuple[int, int]]) -> str:
    """All furniture characters of ``text`` joined, for substring checks."""
    return "\n".join(text[start:end] for start, end in spans)


def unmarked_lines(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """The non-blank lines of the text with furniture blanked out."""
    return [line.strip() for line in mask_for_nlp(text, spans).split("\n") if line.strip()]


def assert_well_formed(text: str, spans: list[tuple[int, int]]) -> None:
    """Spans are sorted, non-overlapping and inside the text."""
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        previous_end = end


def paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs of the text, stripped."""
    return [part.strip() for part in text.split("\n\n") if part.strip()]


def test_afp_seed_body_kept_and_furniture_marked() -> None:
    text = read_document(AFP_SEED).text
    spans = detect_furniture(text)
    assert_well_formed(text, spans)
    furniture = marked_text(text, spans)
    for label in (
        "News On Iran & Its NeighboursIraqUS",
        "Latest news",
        "Grim Tidings for Iran’s Regime",
        "fact-finding mission to investigate the...",
        "Iran Revolution Characteristics",
        "Must read",
        "Overcrowding in Gohardasht Prison",
        "Iran Focus: Karaj, Iran, May 27",
        "You might also likeRELATED",
        "Recommended to you",
    ):
        assert label in furniture, label
    body = [p for p in paragraphs(text) if p.endswith(("ties.", "Iraq.", "Iraqis.", "said."))]
    body += [p for p in paragraphs(text) if "1979." in p or "October 19." in p]
    assert len(body) >= 8
    for paragraph in body:
        start = text.index(paragraph)
        assert not any(s < start + len(paragraph) and start < e for s, e in spans), paragraph
    # The headline itself is not furniture, its breadcrumb copy is.
    assert "US plays down planned contacts with Iranians" in unmarked_lines(text, spans)


def test_usinfo_seed_body_kept_and_furniture_marked() -> None:
    text = read_document(USINFO_SEED).text
    spans = detect_furniture(text)
    assert_well_formed(text, spans)
    furniture = marked_text(text, spans)
    for label in (
        "UNITED24 - Make a charitable donation in support of Ukraine!",
        "Weapons of Mass Destruction (WMD)",
        "(See related article.)",
        "For more information on U.S. policy, see Iraq Update.",
        "(USINFO is produced by the Bureau of International Information Programs",
        "NEWSLETTER",
        "Join the GlobalSecurity.org mailing list",
    ):
        assert label in furniture, label
    kept = unmarked_lines(text, spans)
    assert kept[0] == "25 May 2007"
    assert kept[1] == "Iran, United States To Discuss Iraqi Security on May 28"
    assert kept[2] == "State Department hopes Iran will match supportive rhetoric with action"
    assert kept[3].startswith("Washington -- Representatives from Iran")
    assert kept[-1].startswith("“[T]he ball really is in their court")
    assert len(kept) == 11  # date, headline, standfirst and eight body paragraphs


@needs_corpus
def test_reuters_trailer_marked_and_body_untouched() -> None:
    files = sorted((CORPUS / "reuters").glob("*.txt"))
    sample = random.Random(1987).sample(files, 400)
    trailers = 0
    for path in sample:
        text = read_document(path).text
        spans = detect_furniture(text)
        assert_well_formed(text, spans)
        for start, end in spans:
            assert TRAILER.fullmatch(text[start:end].strip()), (path.name, text[start:end])
            assert not text[end:].strip(), path.name  # only at the very end
            trailers += 1
    assert trailers >= 300


@needs_corpus
def test_bbc_articles_have_nothing_marked() -> None:
    files = sorted((CORPUS / "bbc").glob("*/*.txt"))
    sample = random.Random(2005).sample(files, 300)
    marked = [
        (path.name, detect_furniture(read_document(path).text)) for path in sample
    ]
    assert [item for item in marked if item[1]] == []


def test_mask_keeps_length_and_joins_wrapped_names() -> None:
    text = (
        "SECURITY TALKS\n\nUNITED NATIONS, Oct 19 - The council and Javier Perez de\n"
        "Cuellar met.\n    A spokesman said so.\n Reuter\n"
    )
    spans = detect_furniture(text)
    masked = mask_for_nlp(text, spans)
    assert len(masked) == len(text)
    assert "Javier Perez de Cuellar met." in masked
    assert "met.\n    A spokesman" in masked  # an indented line starts a new paragraph
    assert "Reuter" not in masked and masked.endswith("\n")
    assert masked.count("\n") < text.count("\n")


def test_mask_keeps_the_break_after_a_headline_running_into_the_body() -> None:
    text = (
        "ZIMBABWE MAIZE HARVEST LOWER AFTER BUMPER CROPS\nHARARE, March 3 - The maize harvest\n"
        "is lower than last year, officials said.\n Reuter\n"
    )
    masked = mask_for_nlp(text, detect_furniture(text))
    assert masked.startswith("ZIMBABWE MAIZE HARVEST LOWER AFTER BUMPER CROPS\nHARARE, March 3")
    assert "maize harvest is lower" in masked


@needs_corpus
def test_mask_on_reuters_21197_sees_the_whole_name() -> None:
    text = read_document(CORPUS / "reuters" / "21197.txt").text
    masked = mask_for_nlp(text, detect_furniture(text))
    start = masked.index("Perez de Cuellar")
    assert text[start : start + len("Perez de\nCuellar")] == "Perez de\nCuellar"


def test_furniture_of_empty_and_plain_text() -> None:
    assert detect_furniture("") == []
    plain = "The minister said the talks had failed and would resume next week in Geneva."
    assert detect_furniture(plain) == []


GENERIC_PAGE = """Home » World » Middle East

Sign in | Subscribe

Middle East

Minister resigns over border dispute

By Jane Doe

March 3, 2010

BEIRUT, March 3 (Reuters) - The defence minister resigned on Wednesday after a week of \
clashes on the northern border, officials said.

He had faced calls to step down since the talks collapsed in January, and his deputy will \
take over until elections.

"We will not accept any new demands," the prime minister told parliament.

Tags: Lebanon, Syria, border

Share this article

Related Stories

Syria closes border crossing

Talks stall in Damascus as envoys leave...

Most Read

Five things to know about the election

© 2010 Example News. All rights reserved.
"""


def test_a_generic_news_page_layout() -> None:
    """A page shaped like neither seed: menus, label, byline, tags, sharing, lists, copyright."""
    spans = detect_furniture(GENERIC_PAGE)
    assert_well_formed(GENERIC_PAGE, spans)
    assert unmarked_lines(GENERIC_PAGE, spans) == [
        "Minister resigns over border dispute",
        "By Jane Doe",
        "March 3, 2010",
        *[p for p in paragraphs(GENERIC_PAGE) if p.endswith(("said.", "elections.", "parliament."))],
    ]


INLINE_AND_TAIL_LISTS = """Minister resigns over border dispute

BEIRUT, March 3 (Reuters) - The defence minister resigned on Wednesday after a week of \
clashes on the northern border, officials said.

Related

Syria closes border crossing

He had faced calls to step down since the talks collapsed in January, and his deputy will \
take over until elections.

The cabinet will meet on Thursday to choose a successor, the prime minister's office said.

More stories

Syria closes border crossing

Damascus shut the main crossing on Monday after clashes, officials said.

Talks stall in Damascus

Envoys left the capital without a deal on the water dispute, diplomats said.
"""


def test_link_lists_with_sentence_teasers_end_but_body_resumes() -> None:
    text = INLINE_AND_TAIL_LISTS
    spans = detect_furniture(text)
    kept = unmarked_lines(text, spans)
    assert kept == [
        "Minister resigns over border dispute",
        *[p for p in paragraphs(text) if p.startswith(("BEIRUT", "He had", "The cabinet"))],
    ]
    furniture = marked_text(text, spans)
    assert "Damascus shut the main crossing" in furniture and "Envoys left" in furniture


WIRE_WEB_PAGE = """Posted by Jane Doe at 10:00 AM

Envoys agree to meet again in Vienna

VIENNA (AP) -- Envoys from six countries agreed on Friday to meet again next month, \
diplomats said after a day of talks.

Story continues below advertisement

The talks are the first since the election, and officials on both sides called them useful.

Associated Press writer John Roe in Paris contributed to this report.

Reporting by Jane Doe; Editing by John Roe

© Copyright 2007 The Associated Press. All rights reserved. This material may not be \
published, broadcast, rewritten or redistributed.

Page 1 of 1

Print this article
"""


def test_wire_web_credits_and_interruptions() -> None:
    text = WIRE_WEB_PAGE
    spans = detect_furniture(text)
    assert unmarked_lines(text, spans) == [
        "Posted by Jane Doe at 10:00 AM",
        "Envoys agree to meet again in Vienna",
        *[p for p in paragraphs(text) if p.startswith(("VIENNA", "The talks"))],
    ]


def test_a_long_section_label_gives_way_to_the_headline_under_it() -> None:
    text = (
        "Middle East News And Analysis\n\nUS plays down planned contacts with Iranians\n\n"
        "WASHINGTON, Nov 28 (AFP) - The State Department sought Monday to play down plans "
        "for the highest-level contact with Iran in decades.\n"
    )
    spans = detect_furniture(text)
    assert marked_text(text, spans) == "Middle East News And Analysis"


LINE_PIECES = st.sampled_from([
    "Latest news", "Related", "Home » World » Iran", "Join our mailing list",
    "The minister said on Monday that the talks had failed again.", "Talks stall...",
    "Weapons of Mass Destruction (WMD)", "25 May 2007", " Reuter", "    Indented wire line",
    "WASHINGTON, Nov 28 (AFP) - Officials met.", "(See related article.)", "", " ", "\t",
    "Short Title Line", "a\rb", "ünïcödé “quotes” — dash", "\x1b[2J", "…",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(LINE_PIECES, max_size=30), st.sampled_from(["\n", "\n\n"]))
def test_spans_and_mask_keep_every_offset(pieces: list[str], joiner: str) -> None:
    text = joiner.join(pieces)
    spans = detect_furniture(text)
    assert_well_formed(text, spans)
    masked = mask_for_nlp(text, spans)
    assert len(masked) == len(text)
    inside = [False] * len(text)
    for start, end in spans:
        inside[start:end] = [True] * (end - start)
    for index, (original, seen) in enumerate(zip(text, masked, strict=True)):
        if original == "\n":
            assert seen in "\n "
        elif inside[index]:
            assert seen == " "
        else:
            assert seen == original


def test_an_unheaded_closing_run_of_headlines_is_a_link_list() -> None:
    body = (
        "GENEVA, March 3 (Reuters) - Envoys agreed on Tuesday to meet again next month, "
        "diplomats said after a long day of talks.\n\n"
    )
    links = "Oil prices climb on supply fears\n\nTalks stall as envoys leave\n\n"
    links += "Rebels seize two border towns\n\nThe week in pictures...\n"
    text = "Envoys to meet again\n\n" + body + links
    assert marked_text(text, detect_furniture(text)) == links.strip()
    # Three title-case lines closing a page are as often results or awards: they stay.
    results = "Newcastle v Tottenham\n\nSouthampton v Brentford\n\nBolton v Arsenal\n"
    assert detect_furniture("Cup draw made\n\n" + body + results) == []


def test_one_paragraph_per_line_text_without_blank_lines() -> None:
    """The seed page as extractors that drop blank lines write it: each line a paragraph."""
    text = re.sub(r"\n\s*\n+", "\n", read_document(USINFO_SEED).text)
    spans = detect_furniture(text)
    kept = unmarked_lines(text, spans)
    assert kept[:3] == [
        "25 May 2007",
        "Iran, United States To Discuss Iraqi Security on May 28",
        "State Department hopes Iran will match supportive rhetoric with action",
    ]
    assert kept[-1].startswith("“[T]he ball really is in their court")
    assert len(kept) == 11
    assert "Join the GlobalSecurity.org mailing list" in marked_text(text, spans)
