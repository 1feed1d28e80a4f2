"""The dossier's record kinds (sources, actors, events, statements) and the spans that tie them to source text.

Records are plain dataclasses that round-trip through JSON-ready dicts; every link
between records is a stable string id stored in the record (never a TinyDB doc id).
Every span's offsets index the owning source's ``text``: ``text[start:end]`` is the
evidence.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

SCHEMA_VERSION = 3

ActorKind = Literal["person", "organization", "place", "group"]
ACTOR_KINDS: tuple[str, ...] = ("person", "organization", "place", "group")

EventKind = Literal[
    "statement", "meeting", "visit", "accusation", "attack", "agreement",
    "business", "appointment", "contest", "legal", "other",
]
EVENT_KINDS: tuple[str, ...] = (
    "statement",
    "meeting",
    "visit",
    "accusation",
    "attack",
    "agreement",
    "business",
    "appointment",
    "contest",
    "legal",
    "other",
)


@dataclass(slots=True, frozen=True)
class Span:
    """A half-open character range ``[start, end)`` in one source's text."""

    source: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        """The span as a JSON-ready dict (the form the dossier file and ``dump`` use)."""
        return {"source": self.source, "start": self.start, "end": self.end}

    def to_row(self) -> list[Any]:
        """The compact ``[source, start, end]`` form the dossier file stores mentions in."""
        return [self.source, self.start, self.end]

    @classmethod
    def from_dict(cls, data: dict[str, Any] | list[Any]) -> Span:
        """A span from its dict form, or the compact row form of stored mentions."""
        if isinstance(data, list):
            source, start, end = data
            return cls(source, int(start), int(end))
        return cls(data["source"], int(data["start"]), int(data["end"]))


@dataclass(slots=True)
class Role:
    """A title a source gives an actor ("spokesman"), dated by that source."""

    role: str
    date: str | None
    evidence: Span

    def to_dict(self) -> dict[str, Any]:
        """The role as a JSON-ready dict (the form the dossier file and ``dump`` use)."""
        return {"role": self.role, "date": self.date, **self.evidence.to_dict()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Role:
        """A role from its JSON dict (unknown keys ignored where the schema allows)."""
        return cls(data["role"], data.get("date"), Span.from_dict(data))


@dataclass(slots=True)
class Source:
    """One ingested document: its full stored text, metadata and furniture spans."""

    id: str
    title: str
    text: str
    published: str | None = None
    publisher: str | None = None
    place: str | None = None
    path: str | None = None
    url: str | None = None
    furniture: list[tuple[int, int]] = field(default_factory=list)
    content_hash: str = ""
    added: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The source as a JSON-ready dict (the form the dossier file and ``dump`` use)."""
        data = asdict(self)
        data["furniture"] = [[start, end] for start, end in self.furniture]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Source:
        """A source from its JSON dict (unknown keys ignored where the schema allows)."""
        known = {f.name for f in fields(cls)}
        values = {key: value for key, value in data.items() if key in known}
        values["furniture"] = [(int(s), int(e)) for s, e in data.get("furniture", [])]
        return cls(**values)


@dataclass(slots=True)
class Actor:
    """A person, organisation, place or group, merged across every source naming it."""

    id: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The actor as a JSON-ready dict (the form the dossier file and ``dump`` use)."""
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "aliases": list(self.aliases),
            "roles": [role.to_dict() for role in self.roles],
            "mentions": [span.to_dict() for span in self.mentions],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Actor:
        """A actor from its JSON dict (unknown keys ignored where the schema allows)."""
        return cls(
            id=data["id"],
            name=data["name"],
            kind=data["kind"],
            aliases=list(data.get("aliases", [])),
            roles=[Role.from_dict(role) for role in data.get("roles", [])],
            mentions=[Span.from_dict(span) for span in data.get("mentions", [])],
        )


@dataclass(slots=True)
class Event:
    """A dated happening taken from one body sentence, with its actors and evidence.

    ``date``/``until`` are ISO 8601 prefixes at their real precision ("1979",
    "2007-05", "2007-05-28") or None; ``place`` is a place actor's id or None;
    ``when`` is the span of the time expression the date was resolved from.
    """

    id: str
    date: str | None
    kind: str
    title: str
    until: str | None = None
    actors: list[str] = field(default_factory=list)
    place: str | None = None
    evidence: list[Span] = field(default_factory=list)
    when: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        """The event as a JSON-ready dict (the form the dossier file and ``dump`` use)."""
        return {
            "id": self.id,
            "date": self.date,
            "until": self.until,
            "kind": self.kind,
            "title": self.title,
            "actors": list(self.actors),
            "place": self.place,
            "evidence": [span.to_dict() for span in self.evidence],
            "when": self.when.to_dict() if self.when else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        """A event from its JSON dict (unknown keys ignored where the schema allows)."""
        when = data.get("when")
        return cls(
            id=data["id"],
            date=data.get("date"),
            until=data.get("until"),
            kind=data["kind"],
            title=data["title"],
            actors=list(data.get("actors", [])),
            place=data.get("place"),
            evidence=[Span.from_dict(span) for span in data.get("evidence", [])],
            when=Span.from_dict(when) if when else None,
        )


SPEAKER_BY: tuple[str, ...] = ("named", "pronoun", "role")
"""How a statement's speaker was found: its name, a pronoun resolved to a person, a role noun."""


@dataclass(slots=True)
class Statement:
    """Reported speech from one source: who said it (``speaker``, an actor id or None with the
    speaker's own words in ``speaker_text``), the reporting verb, what was said (``content``: the
    quoted words of a direct quote, the complement clause of indirect speech) and the sentence(s)
    it is written in (``evidence``). ``kind`` is the CAMEO class the verb implies ("accusation"
    for "accused"), ``date`` the text's own time expression or else publication.
    """

    id: str
    speaker: str | None
    speaker_text: str
    speaker_by: str | None
    verb: str
    direct: bool
    content: Span
    evidence: list[Span] = field(default_factory=list)
    date: str | None = None
    kind: str = "statement"

    def to_dict(self) -> dict[str, Any]:
        """The statement as a JSON-ready dict (the keys ``dump`` promises other tools)."""
        return {
            "id": self.id,
            "speaker": self.speaker,
            "speaker_text": self.speaker_text,
            "speaker_by": self.speaker_by,
            "verb": self.verb,
            "direct": self.direct,
            "content": self.content.to_dict(),
            "evidence": [span.to_dict() for span in self.evidence],
            "date": self.date,
            "kind": self.kind,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Statement:
        """A statement from its JSON dict (unknown keys ignored)."""
        return cls(
            id=data["id"],
            speaker=data.get("speaker"),
            speaker_text=data.get("speaker_text") or "",
            speaker_by=data.get("speaker_by"),
            verb=data.get("verb") or "",
            direct=bool(data.get("direct")),
            content=Span.from_dict(data["content"]),
            evidence=[Span.from_dict(span) for span in data.get("evidence", [])],
            date=data.get("date"),
            kind=data.get("kind") or "statement",
        )


Record = Source | Actor | Event
