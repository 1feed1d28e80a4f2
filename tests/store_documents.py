"""ExtractedDocuments built by hand from real article text (offsets found with str.find), for store tests."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from dossier.store.drafts import ActorDraft, EventDraft, ExtractedDocument
from dossier.store.names import match_keys
from dossier.store.records import Role, Source, Span

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
CORPUS = REPO.parent / "shared" / "corpus"

IRAN_AFP = SEEDS / "000_c7a545a4ddec3c56.txt"
IRAN_STATE = SEEDS / "004_d259d4587dd7d8d1.txt"
REUTERS_UN = CORPUS / "reuters" / "21197.txt"


def source_for(text: str, path: Path | None = None, published: str | None = None) -> Source:
    """A Source for real text, with its id and content hash as the architecture defines them."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    title = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return Source(
        id=f"s-{digest[:12]}",
        title=title,
        text=text,
        published=published,
        path=str(path) if path else None,
        content_hash=digest,
    )


def spans_of(text: str, source_id: str, surface: str) -> list[Span]:
    """Every whole-word occurrence of ``surface`` in ``text`` (line wraps inside it allowed)."""
    pattern = r"\s+".join(re.escape(part) for part in surface.split())
    return [
        Span(source_id, m.start(), m.end())
        for m in re.finditer(rf"(?<!\w){pattern}(?!\w)", text)
    ]


def sentence_of(text: str, source_id: str, anchor: str) -> Span:
    """The span of the sentence (up to the next full stop) starting at ``anchor``."""
    start = text.index(anchor)
    end = text.find(".", start + len(anchor))
    return Span(source_id, start, end + 1 if end >= 0 else len(text))


def document(
    path: Path,
    actors: dict[str, tuple[str, str, list[str]]],
    events: list[tuple[str, str | None, str, list[str], str | None]] = (),
    roles: dict[str, list[tuple[str, str]]] | None = None,
    published: str | None = None,
) -> ExtractedDocument:
    """Drafts for a real file: actors ``key -> (name, kind, surfaces)``, events
    ``(sentence anchor, date, kind, actor keys, place key)``, roles ``key -> [(role, anchor)]``."""
    text = path.read_text(encoding="utf-8")
    source = source_for(text, path, published)
    drafts = []
    for key, (name, kind, surfaces) in actors.items():
        # Longest surfaces first; a shorter one inside a longer mention is the same mention.
        mentions: list[Span] = []
        for surface in sorted(surfaces, key=len, reverse=True):
            for span in spans_of(text, source.id, surface):
                if not any(m.start <= span.start and span.end <= m.end for m in mentions):
                    mentions.append(span)
        mentions.sort(key=lambda s: s.start)
        assert mentions, f"{surface!r} not found in {path.name}"
        actor_roles = [
            Role(role, published, Span(source.id, text.index(anchor), text.index(anchor) + len(anchor)))
            for role, anchor in (roles or {}).get(key, [])
        ]
        drafts.append(
            ActorDraft(
                key=key,
                name=name,
                kind=kind,
                aliases=[s for s in surfaces if s != name],
                roles=actor_roles,
                mentions=mentions,
                match_keys=match_keys(name, kind),
            )
        )
    event_drafts = []
    for anchor, date, kind, actor_keys, place_key in events:
        evidence = sentence_of(text, source.id, anchor)
        event_drafts.append(
            EventDraft(
                date=date,
                kind=kind,
                title=" ".join(text[evidence.start : evidence.end].split()[:12]),
                actor_keys=actor_keys,
                place_key=place_key,
                evidence=[evidence],
            )
        )
    return ExtractedDocument(source=source, actors=drafts, events=event_drafts)


def afp_document() -> ExtractedDocument:
    """The AFP seed article: State Department spokesman, ambassador, Iran, Iraq, Tehran."""
    return document(
        IRAN_AFP,
        {
            "mccormack": ("Sean McCormack", "person", ["Sean McCormack", "McCormack"]),
            "khalilzad": ("Zalmay Khalilzad", "person", ["Zalmay Khalilzad", "Khalilzad"]),
            "state": ("State Department", "organization", ["State Department"]),
            "iran": ("Iran", "place", ["Iran"]),
            "iraq": ("Iraq", "place", ["Iraq"]),
            "us": ("US", "place", ["US"]),
            "tehran": ("Tehran", "place", ["Tehran"]),
        },
        events=[
            ("Spokesman Sean McCormack confirmed", "2006-11-27", "statement",
             ["mccormack", "khalilzad"], "tehran"),
            ("But he said any such contacts", "1979", "statement", ["mccormack"], "tehran"),
            ("Khalilzad told ABC television", "2006-11-27", "statement",
             ["khalilzad", "iran"], None),
        ],
        roles={"mccormack": [("spokesman", "Spokesman")]},
        published="2006-11-28",
    )


def state_document() -> ExtractedDocument:
    """The State Department seed article: the same countries under other spellings, new people."""
    return document(
        IRAN_STATE,
        {
            "casey": ("Tom Casey", "person", ["Tom Casey", "Casey"]),
            "crocker": ("Ryan Crocker", "person", ["Ryan Crocker"]),
            "iran": ("Iran", "place", ["Iran"]),
            "iraq": ("Iraq", "place", ["Iraq"]),
            "us": ("United States", "place", ["United States", "U.S."]),
            "state": ("State Department", "organization", ["State Department"]),
            "baghdad": ("Baghdad", "place", ["Baghdad"]),
        },
        events=[
            ("Representatives from Iran and the United States", "2007-05-28", "meeting",
             ["iran", "us"], "baghdad"),
            ("State Department deputy spokesman Tom Casey said", "2007-05-25", "statement",
             ["casey", "crocker"], "baghdad"),
            ("The Bush administration regards the meeting", "2007-05", "meeting", ["casey"], None),
        ],
        published="2007-05-25",
    )


def reuters_document() -> ExtractedDocument:
    """A 1987 Reuters wire with a name wrapped over two lines ("Perez de\\nCuellar")."""
    return document(
        REUTERS_UN,
        {
            "perez": ("Javier Perez de Cuellar", "person", ["Javier Perez de Cuellar", "Perez de Cuellar"]),
            "un": ("United Nations", "organization", ["United Nations", "U.N."]),
            "us": ("United States", "place", ["United States"]),
            "reagan": ("Reagan", "person", ["Reagan"]),
        },
        events=[
            ("The U.N. Security Council was", "1987-10-19", "meeting", ["un", "us"], None),
            ("In Washington, President Reagan said", "1987-10-19", "statement", ["reagan", "un"], None),
        ],
        published="1987-10-19",
    )


def with_text(extracted: ExtractedDocument, text: str) -> ExtractedDocument:
    """The same drafts over another text (offsets kept: only change text after them), re-pointed at its new source id."""
    source = source_for(text, Path(extracted.source.path or "x"), extracted.source.published)

    def move(span: Span) -> Span:
        return Span(source.id, span.start, span.end)

    actors = [
        ActorDraft(
            key=a.key, name=a.name, kind=a.kind, aliases=list(a.aliases),
            roles=[Role(r.role, r.date, move(r.evidence)) for r in a.roles],
            mentions=[move(m) for m in a.mentions], match_keys=list(a.match_keys),
        )
        for a in extracted.actors
    ]
    events = [
        EventDraft(
            date=e.date, kind=e.kind, title=e.title, until=e.until, actor_keys=list(e.actor_keys),
            place_key=e.place_key, evidence=[move(s) for s in e.evidence],
            when=move(e.when) if e.when else None,
        )
        for e in extracted.events
    ]
    return ExtractedDocument(source=source, actors=actors, events=events)
