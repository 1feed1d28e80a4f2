"""Shared fixtures: dossier files built once per session over the real seed text, copied per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dossier.store.drafts import ActorDraft, EventDraft, ExtractedDocument
from dossier.store.names import match_keys
from dossier.store.records import Role, Source, Span

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
CORPUS = ROOT.parent / "shared" / "corpus"
AFP_SEED = SEEDS / "000_c7a545a4ddec3c56.txt"
USINFO_SEED = SEEDS / "004_d259d4587dd7d8d1.txt"


def _spans(source_id: str, text: str, needle: str) -> list[Span]:
    """Every occurrence of ``needle`` in ``text`` as spans (the test data's own offsets)."""
    spans, start = [], text.find(needle)
    while start != -1:
        spans.append(Span(source_id, start, start + len(needle)))
        start = text.find(needle, start + len(needle))
    return spans


def _sentence(source_id: str, text: str, opening: str) -> Span:
    """The span of the sentence starting with ``opening`` (up to its full stop or closing quote)."""
    start = text.index(opening)
    end = min(p for p in (text.find(".", start + len(opening)), text.find("\n", start)) if p != -1) + 1
    return Span(source_id, start, end)


def _actor(key: str, name: str, kind: str, source_id: str, text: str, *forms: str, roles: tuple[tuple[str, str | None, str], ...] = ()) -> ActorDraft:
    """A draft actor whose mentions are every occurrence of its name forms in the text."""
    mentions: list[Span] = []
    taken: set[int] = set()
    for form in (name, *forms):
        for span in _spans(source_id, text, form):
            if not taken.intersection(range(span.start, span.end)):
                mentions.append(span)
                taken.update(range(span.start, span.end))
    role_records = [Role(role, date, _spans(source_id, text, phrase)[0]) for role, date, phrase in roles]
    return ActorDraft(key, name, kind, aliases=list(forms), roles=role_records,
                      mentions=sorted(mentions, key=lambda s: s.start), match_keys=match_keys(name, kind))


def _source(path: Path, text: str, title: str, published: str, publisher: str, furniture_from: str | None, furniture_to: str | None = None) -> Source:
    import hashlib

    digest = hashlib.sha256(text.encode()).hexdigest()
    furniture: list[tuple[int, int]] = []
    if furniture_from:
        start = text.index(furniture_from)
        furniture.append((start, len(text)))
    if furniture_to:
        furniture.append((0, text.index(furniture_to)))
    return Source(id=f"s-{digest[:12]}", title=title, text=text, published=published, publisher=publisher,
                  path=f"seeds/{path.name}", furniture=furniture, content_hash=digest, added="2026-01-01T00:00:00+00:00")


def handmade_documents() -> list[ExtractedDocument]:
    """The two seed articles with hand-checked actors and events (offsets found in the real text)."""
    text = AFP_SEED.read_text(encoding="utf-8")
    afp = _source(AFP_SEED, text, "US plays down planned contacts with Iranians", "2006-11-28", "AFP", "Latest news",
                  "US plays down planned contacts with Iranians\n\n\nAFP")
    sid = afp.id
    afp_actors = [
        _actor("khalilzad", "Zalmay Khalilzad", "person", sid, text, "Khalilzad",
               roles=(("US ambassador in Baghdad", "2006-11-28", "the US ambassador in Baghdad"),)),
        _actor("mccormack", "Sean McCormack", "person", sid, text, "McCormack",
               roles=(("spokesman", "2006-11-28", "Spokesman"),)),
        _actor("rice", "Condoleezza Rice", "person", sid, text, "Rice"),
        _actor("bush", "George W. Bush", "person", sid, text),
        _actor("state", "State Department", "organization", sid, text),
        _actor("iran", "Iran", "place", sid, text),
        _actor("iraq", "Iraq", "place", sid, text),
        _actor("tehran", "Tehran", "place", sid, text),
        _actor("baghdad", "Baghdad", "place", sid, text),
        _actor("us", "United States", "place", sid, text, "US"),
    ]
    afp_events = [
        EventDraft("1979", "attack", "US diplomats taken hostage in Tehran", actor_keys=["us"], place_key="tehran",
                   evidence=[_sentence(sid, text, "But he said any such contacts")]),
        EventDraft("2006-11-27", "statement", "McCormack confirms Khalilzad plans to reach out to Tehran",
                   actor_keys=["mccormack", "khalilzad"], evidence=[_sentence(sid, text, "Spokesman Sean McCormack confirmed")]),
        EventDraft("2006-10-19", "statement", "Rice tells the Senate committee contact might be useful",
                   actor_keys=["rice"], evidence=[_sentence(sid, text, "“We’re considering whether")]),
        EventDraft("2006-10", "statement", "Rice signals Washington looks at direct contact with Iran",
                   actor_keys=["rice", "iran"], evidence=[_sentence(sid, text, "US Secretary of State Condoleezza Rice")]),
        EventDraft(None, "statement", "Bush labels Iran part of an axis of evil", actor_keys=["bush", "iran"],
                   evidence=[_sentence(sid, text, "The US administration has used")]),
    ]
    text2 = USINFO_SEED.read_text(encoding="utf-8")
    usinfo = _source(USINFO_SEED, text2, "Iran, United States To Discuss Iraqi Security on May 28", "2007-05-25", "USINFO",
                     "For more information", "25 May 2007")
    sid2 = usinfo.id
    usinfo_actors = [
        _actor("crocker", "Ryan Crocker", "person", sid2, text2,
               roles=(("U.S. Ambassador to Iraq", "2007-05-25", "U.S. Ambassador to Iraq"),)),
        _actor("casey", "Tom Casey", "person", sid2, text2, "Casey"),
        _actor("kazemi", "Hassan Kazemi", "person", sid2, text2),
        _actor("irna", "IRNA", "organization", sid2, text2),
        _actor("iran", "Iran", "place", sid2, text2),
        _actor("iraq", "Iraq", "place", sid2, text2),
        _actor("baghdad", "Baghdad", "place", sid2, text2),
        _actor("us", "United States", "place", sid2, text2, "U.S."),
    ]
    usinfo_events = [
        EventDraft("2007-05-28", "meeting", "Iran and the United States hold talks in Baghdad",
                   actor_keys=["crocker", "kazemi", "iran", "us"], place_key="baghdad",
                   evidence=[_sentence(sid2, text2, "Representatives from Iran and the United States")]),
        EventDraft("2007-05-25", "statement", "Casey says Crocker will meet Iranian officials",
                   actor_keys=["casey", "crocker"], evidence=[_sentence(sid2, text2, "State Department deputy spokesman Tom Casey")]),
        EventDraft("2007-05", "meeting", "Iraq Neighbors’ Conference in Sharm el-Sheikh", actor_keys=["iraq"],
                   evidence=[_sentence(sid2, text2, "The Bush administration regards")]),
        EventDraft("2007-05-25", "statement", "Casey: the ball is in Iran’s court", actor_keys=["casey"],
                   evidence=[Span(sid2, text2.index("“[T]he ball"), text2.index("what happens.”") + len("what happens.”"))]),
    ]
    return [ExtractedDocument(afp, afp_actors, afp_events), ExtractedDocument(usinfo, usinfo_actors, usinfo_events)]


def build_dossier(path: Path, documents: list[ExtractedDocument]) -> Path:
    """Write a dossier file holding these documents (through the real store)."""
    from dossier.store.dossier import Dossier

    dossier = Dossier.open(path, create=True)
    with dossier.writing():
        for document in documents:
            dossier.add_document(document)
    return path


@pytest.fixture(scope="session")
def handmade_db_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dossier of the two seeds with hand-checked records (stable across extraction changes)."""
    return build_dossier(tmp_path_factory.mktemp("handmade") / "seeds.json", handmade_documents())


@pytest.fixture
def handmade_db(handmade_db_file: Path, tmp_path: Path) -> Path:
    """A per-test copy of the hand-made dossier (tests may export beside it)."""
    target = tmp_path / "seeds.json"
    shutil.copy(handmade_db_file, target)
    return target


HOSTILE_STRINGS = (
    "[@click=app.quit]Eve[/]",
    "[link=file:///etc/passwd]x[/]",
    "a[/",
    "\x1b]52;c;aGk=\x07",
    "\x1b[2J",
    "\x9b31m",
    "\u202eevil\u202c",
)


def hostile_document() -> ExtractedDocument:
    """A source, actors and events whose text carries markup and terminal escape sequences."""
    import hashlib

    lines = ["Hostile report [b]bold?[/b]", ""]
    lines += [f"Witness {value} spoke on May 28, 2007." for value in HOSTILE_STRINGS]
    text = "\n".join(lines) + "\n"
    digest = hashlib.sha256(text.encode()).hexdigest()
    source = Source(id=f"s-{digest[:12]}", title="[@click=app.quit]Title[/] \x1b]0;pwned\x07", text=text,
                    published="2007-05-28", publisher="[link=file:///etc/passwd]x[/]", path="hostile.txt",
                    content_hash=digest, added="2026-01-01T00:00:00+00:00")
    actors, events = [], []
    for number, value in enumerate(HOSTILE_STRINGS):
        start = text.index(f"Witness {value}") + len("Witness ")
        span = Span(source.id, start, start + len(value))
        actors.append(ActorDraft(f"k{number}", value, "person", aliases=[f"{value} alias"], mentions=[span],
                                 match_keys=[f"person:hostile-{number}"]))
        line_end = text.index("\n", start)
        events.append(EventDraft("2007-05-28", "statement", f"{value} spoke", actor_keys=[f"k{number}"],
                                 evidence=[Span(source.id, text.rindex("\n", 0, start) + 1, line_end)]))
    return ExtractedDocument(source, actors, events)


@pytest.fixture
def hostile_db(tmp_path: Path) -> Path:
    """A dossier whose actors, events and source are hostile text."""
    return build_dossier(tmp_path / "hostile.json", [hostile_document()])


@pytest.fixture(scope="session")
def seed_db_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dossier built by the real ingest pipeline from seeds/ (spaCy, dateparser), once per session."""
    from dossier.ingest.pipeline import ingest_paths
    from dossier.store.dossier import Dossier

    path = tmp_path_factory.mktemp("seeds") / "seeds.json"
    dossier = Dossier.open(path, create=True)
    ingest_paths(dossier, sorted(SEEDS.glob("*.txt")))
    return path


@pytest.fixture
def seed_db(seed_db_file: Path, tmp_path: Path) -> Path:
    """A per-test copy of the pipeline-built seed dossier."""
    target = tmp_path / "seeds.json"
    shutil.copy(seed_db_file, target)
    return target
