"""The dossier as CSV tables whose id columns join: sources, actors, events, event_actors, mentions, statements.

One row per curated record (hidden ones are not in the view); ``event_actors``, ``mentions`` and
``statements`` link rows by the records' stable ids (``a-…``, ``e-…``, ``s-…``), so the tables load
into a spreadsheet, SQLite or pandas and join. Mentions and statements keep their exact offsets and
text; a statement's speaker is the actor the analyst sees (a merged speaker's survivor, none for a
hidden one, with the words that named it in ``speaker_text``).

Text cells are made safe for the tools that open CSV: terminal controls become visible stand-ins
(``store.sanitize``, one for one, so offsets still hold) and a text cell starting with ``=``,
``+``, ``-``, ``@`` or a tab/return gets a leading ``'`` (OWASP's defence against formula injection
in spreadsheets); ids, numbers and dates are written as they are.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from dossier.store.bulk_export.tree import ExportTree
from dossier.store.sanitize import sanitize

if TYPE_CHECKING:
    from dossier.store.dossier import Dossier

Cell = str | int | bool | None
Tick = Callable[[], None]
"""Called once per record written (the caller counts and reports progress)."""

SOURCE_COLUMNS = ("source_id", "title", "published", "publisher", "place", "url", "path", "characters", "tags", "starred", "read", "note")
ACTOR_COLUMNS = ("actor_id", "name", "kind", "aliases", "mentions", "sources", "tags", "starred", "status", "note")
EVENT_COLUMNS = ("event_id", "date", "until", "kind", "title", "place_id", "actors", "sources", "tags", "starred", "status", "note")
EVENT_ACTOR_COLUMNS = ("event_id", "actor_id", "role")
MENTION_COLUMNS = ("actor_id", "source_id", "start", "end", "text")
STATEMENT_COLUMNS = ("statement_id", "speaker_id", "speaker_text", "verb", "kind", "direct", "date", "source_id", "start", "end", "text")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def tables_size(dossier: Dossier) -> int:
    """How many rows of records the tables take (one step per source, actor, event and statement)."""
    return len(dossier.sources) + len(dossier.actors) + len(dossier.events) + len(dossier.statements)


def safe_text(text: str | None) -> str:
    """A text cell that no spreadsheet runs as a formula and no terminal runs as an escape sequence."""
    value = sanitize(text or "")
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _csv(columns: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """The table as UTF-8 CSV with a header row (RFC 4180 quoting, ``\\r\\n`` line ends)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    writer.writerows(["" if cell is None else cell for cell in row] for row in rows)
    return buffer.getvalue().encode("utf-8")


def write_tables(dossier: Dossier, tree: ExportTree, tick: Tick) -> None:
    """Write the six tables into ``tree``."""
    source_rows, actor_rows, event_rows, link_rows, mention_rows, statement_rows = [], [], [], [], [], []
    for source in dossier.sources.values():
        note = dossier.annotations(source.id)
        source_rows.append((
            source.id, safe_text(source.title), source.published, safe_text(source.publisher), safe_text(source.place),
            safe_text(source.url), safe_text(source.path), len(source.text), safe_text("; ".join(note.tags)),
            note.star, note.read, safe_text(note.note),
        ))
        tick()
    for actor in dossier.actors.values():
        note = dossier.annotations(actor.id)
        actor_rows.append((
            actor.id, safe_text(actor.name), actor.kind, safe_text("; ".join(actor.aliases)), len(actor.mentions),
            len({span.source for span in actor.mentions}), safe_text("; ".join(note.tags)), note.star,
            dossier.curation.status(actor.id), safe_text(note.note),
        ))
        for span in actor.mentions:
            cited = dossier.sources.get(span.source)
            text = cited.text[span.start : span.end] if cited is not None else ""
            mention_rows.append((actor.id, span.source, span.start, span.end, safe_text(text)))
        tick()
    for event in dossier.events.values():
        note = dossier.annotations(event.id)
        sources = list(dict.fromkeys(span.source for span in event.evidence))
        event_rows.append((
            event.id, event.date, event.until, event.kind, safe_text(event.title), event.place,
            len(event.actors), "; ".join(sources), safe_text("; ".join(note.tags)), note.star,
            dossier.curation.status(event.id), safe_text(note.note),
        ))
        link_rows += [(event.id, actor_id, "involved") for actor_id in event.actors]
        if event.place and event.place not in event.actors:
            link_rows.append((event.id, event.place, "place"))
        tick()
    for statement_id in dossier.statements:
        statement = dossier.statement(statement_id)
        content = statement.content
        cited = dossier.sources.get(content.source)
        text = cited.text[content.start : content.end] if cited is not None else ""
        statement_rows.append((
            statement.id, statement.speaker, safe_text(statement.speaker_text), safe_text(statement.verb), statement.kind,
            statement.direct, statement.date, content.source, content.start, content.end, safe_text(text),
        ))
        tick()
    tree.write("sources.csv", _csv(SOURCE_COLUMNS, source_rows))
    tree.write("actors.csv", _csv(ACTOR_COLUMNS, actor_rows))
    tree.write("events.csv", _csv(EVENT_COLUMNS, event_rows))
    tree.write("event_actors.csv", _csv(EVENT_ACTOR_COLUMNS, link_rows))
    tree.write("mentions.csv", _csv(MENTION_COLUMNS, mention_rows))
    tree.write("statements.csv", _csv(STATEMENT_COLUMNS, statement_rows))
