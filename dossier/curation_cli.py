"""The curation subcommands: merge, split, rename, alias, kind, hide, tag, note, star and the
others, undo, redo and history; each saves its edit before it prints one line saying what it did.

``add_commands`` registers them on the ``dossier`` parser and ``HANDLERS`` runs them; every
failure a user can cause is a ``CurationError`` (a ``DossierError``), printed as one line.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from dossier.arguments import OneLineParser
from dossier.output import one_line, print_json
from dossier.store.curation.log import Edit
from dossier.store.curation.operations import (
    AddAlias,
    Annotate,
    EditEvent,
    HideActor,
    HideEvent,
    Merge,
    Operation,
    RemoveAlias,
    Rename,
    SetKind,
    Split,
    UnhideActor,
    UnhideEvent,
)
from dossier.store.errors import AmbiguousRef, DossierError, RefNotFound
from dossier.store.folding import fold
from dossier.store.records import ACTOR_KINDS, EVENT_KINDS, Actor, Event, Record, Source
from dossier.store.sanitize import sanitize

if TYPE_CHECKING:
    from dossier.store.dossier import Dossier

EXIT_OK, EXIT_FAILED = 0, 1


class CurationError(DossierError):
    """A curation command that cannot be done, with the one line to show."""


Handler = Callable[["Dossier", argparse.Namespace], int]


def add_commands(commands: argparse._SubParsersAction[OneLineParser]) -> None:
    """Register the curation subcommands on the ``dossier`` parser."""

    def command(name: str, help_text: str, *, json: bool = True) -> argparse.ArgumentParser:
        """A subcommand with ``--reason`` (and ``--json`` when it prints a record)."""
        parser = commands.add_parser(name, help=help_text)
        if json:
            parser.add_argument("--json", action="store_true", help="print the edit and the record as JSON")
        return parser

    def reason(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
        """Add ``--reason`` to a command that makes an edit."""
        parser.add_argument("--reason", metavar="TEXT", help="why (kept in the edit log)")
        return parser

    merge = reason(command("merge", "merge actors into the first one"))
    merge.add_argument("refs", nargs="+", metavar="REF")
    merge.add_argument("--name", help="the merged actor's name (default: the first one's)")
    split = reason(command("split", "move an actor's mentions (by alias or source) to a new or another actor"))
    split.add_argument("ref", metavar="REF")
    split.add_argument("--alias", action="append", default=[], metavar="NAME", help="mentions spelled NAME")
    split.add_argument("--source", action="append", default=[], metavar="ID", help="mentions in source ID")
    split.add_argument("--into", metavar="REF", help="an existing actor to move them to (default: a new one)")
    split.add_argument("--name", help="the new actor's name (default: the first alias, else the actor's name)")
    split.add_argument("--kind", choices=ACTOR_KINDS, help="the new actor's kind (default: the actor's)")
    for name, help_text in (("rename", "give an actor a new name"), ("alias", "add an alias"), ("unalias", "remove an alias")):
        parser = reason(command(name, help_text))
        parser.add_argument("ref", metavar="REF")
        parser.add_argument("name", metavar="NAME")
    kind = reason(command("kind", "change an actor's kind"))
    kind.add_argument("ref", metavar="REF")
    kind.add_argument("kind", choices=ACTOR_KINDS)
    for name, help_text in (
        ("hide", "hide an actor or event (junk)"),
        ("unhide", "bring a hidden actor or event back"),
        ("star", "star a record"),
        ("unstar", "remove a record's star"),
        ("reviewed", "mark a record reviewed"),
        ("unreviewed", "mark a record not reviewed"),
        ("read", "mark a source read"),
        ("unread", "mark a source unread"),
    ):
        reason(command(name, help_text)).add_argument("ref", metavar="REF")
    for name, help_text in (("tag", "tag a record"), ("untag", "remove tags from a record")):
        parser = reason(command(name, help_text))
        parser.add_argument("ref", metavar="REF")
        parser.add_argument("tags", nargs="+", metavar="TAG")
    note = reason(command("note", "print a record's note, or set it (TEXT, or - to read standard input)"))
    note.add_argument("ref", metavar="REF")
    note.add_argument("text", nargs="?", metavar="TEXT")
    event = reason(command("event", "edit an event's title, date, kind or actors"))
    event.add_argument("ref", metavar="REF")
    event.add_argument("--title")
    event.add_argument("--date", help="ISO at its precision: 2007, 2007-05 or 2007-05-28")
    event.add_argument("--kind", choices=EVENT_KINDS)
    event.add_argument("--actor", action="append", metavar="REF", help="the event's actors (repeat; replaces them)")
    command("undo", "undo the last edit")
    command("redo", "redo the edit undone last")
    command("history", "list every edit, newest last")
    command("hidden", "list hidden actors and events")


# ------------------------------------------------------------------ resolving


def resolve_record(dossier: Dossier, ref: str) -> Record:
    """The record a REF names (a merged actor's id gives the actor it was merged into)."""
    try:
        return dossier.resolve(ref)
    except AmbiguousRef as error:
        names = "; ".join(f"{r.id} ({record_label(r)})" for r in error.candidates[:10])
        raise CurationError(f"'{ref}' is ambiguous: {names}") from None
    except RefNotFound:
        raise CurationError(f"no actor, event or source matches '{ref}'") from None


def resolve_actor(dossier: Dossier, ref: str) -> Actor:
    """The actor a REF names; a ``CurationError`` for anything else."""
    record = resolve_record(dossier, ref)
    if not isinstance(record, Actor):
        raise CurationError(f"'{ref}' is not an actor")
    return record


def _hidden(dossier: Dossier, ref: str) -> Actor | Event:
    """The hidden actor (by id, name or alias) or event (by id) a REF names."""
    state = dossier.curation.state
    if ref in state.hidden_events:
        record = dossier.machine_record(ref)
        if isinstance(record, Event):
            return record
    matches = [a for a in dossier.curation.hidden_actors() if ref == a.id or fold(ref) in {fold(n) for n in [a.name, *a.aliases]}]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise CurationError(f"'{ref}' is ambiguous: " + "; ".join(f"{a.id} ({record_label(a)})" for a in matches[:10]))
    raise CurationError(f"no hidden actor or event matches '{ref}' (see: dossier hidden)")


def record_label(record: Record) -> str:
    """A short label: an actor's name and kind, an event's date and title, a source's title."""
    if isinstance(record, Actor):
        return f"{record.name}, {record.kind}"
    if isinstance(record, Event):
        return f"{record.date or 'undated'} {record.title}"
    return record.title


def _name(record: Record) -> str:
    """A record named for a message: 'Tony Blair' (a-tony-blair)."""
    title = record.name if isinstance(record, Actor) else record.title
    return sanitize(f"'{title}' ({record.id})")


# ------------------------------------------------------------------ applying


def _apply(dossier: Dossier, args: argparse.Namespace, operation: Operation) -> Edit:
    """Apply and save one edit; a ``CurationError`` when it does not fit the dossier."""
    try:
        return dossier.apply(operation, reason=args.reason)
    except ValueError as error:
        raise CurationError(str(error)) from None


def _report(dossier: Dossier, args: argparse.Namespace, edit: Edit, message: str, record_id: str | None) -> int:
    """Print what an edit did: one line, or with ``--json`` the edit and the record as it now is."""
    if getattr(args, "json", False):
        record = dossier.get(record_id) if record_id else None
        annotations = dossier.annotations(record.id).to_json() if record else None
        payload = {"edit": edit.to_json(), "record": record.to_dict() if record else None, "annotations": annotations}
        print_json(payload)
    else:
        print(one_line(message))
    return EXIT_OK


def _merge(dossier: Dossier, args: argparse.Namespace) -> int:
    """``dossier merge REF REF… [--name NAME]``."""
    actors = [resolve_actor(dossier, ref) for ref in args.refs]
    survivor, merged = actors[0], actors[1:]
    edit = _apply(dossier, args, Merge(tuple(a.id for a in actors), args.name))
    now = dossier.actors[survivor.id]
    names = ", ".join(sanitize(f"'{a.name}'") for a in merged)
    return _report(dossier, args, edit, f"merged {names} into {_name(now)}", survivor.id)


def _split(dossier: Dossier, args: argparse.Namespace) -> int:
    """``dossier split REF (--alias NAME | --source ID)… [--into REF | --name NAME --kind KIND]``."""
    actor = resolve_actor(dossier, args.ref)
    for source_id in args.source:
        if source_id not in dossier.sources:
            raise CurationError(f"no source has the id '{source_id}'")
    if args.into:
        into, new, name, kind = resolve_actor(dossier, args.into).id, False, None, None
    else:
        name = args.name or (args.alias[0] if args.alias else actor.name)
        into, new, kind = dossier.curation.free_actor_id(name), True, args.kind or actor.kind
    before = len(actor.mentions)
    operation = Split(actor.id, into, new, tuple(args.alias), tuple(args.source), name, kind)
    edit = _apply(dossier, args, operation)
    moved = before - len(dossier.actors[actor.id].mentions) if actor.id in dossier.actors else before
    target = dossier.actors[into]
    return _report(dossier, args, edit, f"moved {moved} mentions of {_name(actor)} to {_name(target)}", into)


def _names(dossier: Dossier, args: argparse.Namespace) -> int:
    """``dossier rename|alias|unalias REF NAME``."""
    actor = resolve_actor(dossier, args.ref)
    cls = {"rename": Rename, "alias": AddAlias, "unalias": RemoveAlias}[args.command]
    if cls is RemoveAlias and fold(args.name) not in {fold(alias) for alias in actor.aliases}:
        raise CurationError(sanitize(f"{_name(actor)} has no alias '{args.name}'"))
    edit = _apply(dossier, args, cls(actor.id, args.name))
    now = dossier.actors[actor.id]
    name = sanitize(f"'{args.name}'")
    message = {
        "rename": f"renamed {sanitize(repr(actor.name))} to {_name(now)}",
        "alias": f"added the alias {name} to {_name(now)}",
        "unalias": f"removed the alias {name} from {_name(now)}",
    }[args.command]
    return _report(dossier, args, edit, message, actor.id)


def _kind(dossier: Dossier, args: argparse.Namespace) -> int:
    """``dossier kind REF KIND``."""
    actor = resolve_actor(dossier, args.ref)
    edit = _apply(dossier, args, SetKind(actor.id, args.kind))
    return _report(dossier, args, edit, f"{_name(actor)} is now a {args.kind} (was a {actor.kind})", actor.id)


def _hide(dossier: Dossier, args: argparse.Namespace) -> int:
    """``dossier hide REF``: an actor or an event."""
    record = resolve_record(dossier, args.ref)
    if isinstance(record, Actor):
        edit = _apply(dossier, args, HideActor(record.id))
    elif isinstance(record, Event):
        edit = _apply(dossier, args, HideEvent(record.id))
    else:
        raise CurationError(f"'{args.ref}' is a source; only actors and events can be hidden")
    return _report(dossier, args, edit, f"hid {_name(record)} (bring it back with: dossier unhide {record.id})", None)


def _unhide(dossier: Dossier, args: argparse.Namespace) -> int:
    """``dossier unhide REF``: a hidden actor (id, name or alias) or event (id)."""
    record = _hidden(dossier, args.ref)
    operation: Operation = UnhideActor(record.id) if isinstance(record, Actor) else UnhideEvent(record.id)
    edit = _apply(dossier, args, operation)
    return _report(dossier, args, edit, f"brought back {_name(dossier.get(record.id) or record)}", record.id)


def _annotate(dossier: Dossier, args: argparse.Namespace) -> int:
    """``dossier tag|untag|star|unstar|reviewed|unreviewed|read|unread REF``."""
    record = resolve_record(dossier, args.ref)
    command = args.command
    if command in ("read", "unread") and not isinstance(record, Source):
        raise CurationError(f"'{args.ref}' is not a source; only sources are read or unread")
    tags = tuple(getattr(args, "tags", ()))
    operation = Annotate(
        record.id,
        add_tags=tags if command == "tag" else (),
        remove_tags=tags if command == "untag" else (),
        star={"star": True, "unstar": False}.get(command),
        reviewed={"reviewed": True, "unreviewed": False}.get(command),
        read={"read": True, "unread": False}.get(command),
    )
    edit = _apply(dossier, args, operation)
    done = {
        "tag": "tagged {} " + " ".join(f"#{tag}" for tag in tags),
        "untag": "removed " + " ".join(f"#{tag}" for tag in tags) + " from {}",
        "star": "starred {}",
        "unstar": "unstarred {}",
        "reviewed": "marked {} reviewed",
        "unreviewed": "marked {} not reviewed",
        "read": "marked {} read",
        "unread": "marked {} unread",
    }[command]
    return _report(dossier, args, edit, sanitize(done.format(_name(record))), record.id)


def _note(dossier: Dossier, args: argparse.Namespace) -> int:
    """``dossier note REF [TEXT | -]``: print the note, or set it (``-``: from standard input; ``""`` clears)."""
    record = resolve_record(dossier, args.ref)
    if args.text is None:
        note = dossier.annotations(record.id).note
        if args.json:
            print_json({"id": record.id, "note": note})
        elif note:
            print(sanitize(note).rstrip("\n"))
        return EXIT_OK
    text = sys.stdin.read() if args.text == "-" else args.text
    edit = _apply(dossier, args, Annotate(record.id, note=text))
    message = f"cleared the note of {_name(record)}" if not text.strip() else f"noted {_name(record)} ({len(text)} characters)"
    return _report(dossier, args, edit, message, record.id)


def _event(dossier: Dossier, args: argparse.Namespace) -> int:
    """``dossier event REF [--title] [--date] [--kind] [--actor REF]…``."""
    record = resolve_record(dossier, args.ref)
    if not isinstance(record, Event):
        raise CurationError(f"'{args.ref}' is not an event")
    actors = tuple(resolve_actor(dossier, ref).id for ref in args.actor) if args.actor else None
    if args.title is None and args.date is None and args.kind is None and actors is None:
        raise CurationError("say what to change: --title, --date, --kind or --actor")
    edit = _apply(dossier, args, EditEvent(record.id, args.title, args.date, args.kind, actors))
    return _report(dossier, args, edit, f"edited the event {_name(dossier.events[record.id])}", record.id)


def _undo_redo(dossier: Dossier, args: argparse.Namespace) -> int:
    """``dossier undo`` / ``dossier redo``."""
    edit = dossier.undo() if args.command == "undo" else dossier.redo()
    if edit is None:
        raise CurationError(f"nothing to {args.command}")
    verb = "undid" if args.command == "undo" else "redid"
    return _report(dossier, args, edit, f"{verb} {describe(edit)}", None)


def describe(edit: Edit) -> str:
    """One line naming an edit: its operation and arguments."""
    args = edit.operation.args()
    shown = " ".join(
        f"{key}={','.join(value) if isinstance(value, list) else value}"
        for key, value in args.items()
        if value not in (None, [], ())
    )
    return sanitize(f"{edit.operation.op} {shown}")


def _history(dossier: Dossier, args: argparse.Namespace) -> int:
    """``dossier history``: every edit, oldest first, undone ones marked."""
    edits = dossier.history()
    if args.json:
        print_json([e.to_json() for e in edits])
        return EXIT_OK
    if not edits:
        print("no edits yet", file=sys.stderr)
        return EXIT_OK
    for edit in edits:
        status = "undone " if not edit.active else ""
        reason = sanitize(f"  ({edit.reason})") if edit.reason else ""
        print(one_line(f"{edit.seq:>4}  {edit.time}  {edit.id}  {status}{describe(edit)}{reason}"))
    for problem in dossier.curation.problems:
        print("warning: " + one_line(problem), file=sys.stderr)
    return EXIT_OK


def _hidden_list(dossier: Dossier, args: argparse.Namespace) -> int:
    """``dossier hidden``: the hidden actors, then the hidden events, to bring one back with ``unhide``."""
    actors, events = dossier.curation.hidden_actors(), dossier.curation.hidden_events()
    if args.json:
        print_json([*(actor.to_dict() for actor in actors), *(event.to_dict() for event in events)])
        return EXIT_OK
    for actor in actors:
        print(one_line(f"{actor.id}  {actor.kind}  {actor.name}"))
    for event in events:
        print(one_line(f"{event.id}  {event.date or 'undated'}  {event.title}"))
    return EXIT_OK


HANDLERS: dict[str, Handler] = {
    "merge": _merge,
    "split": _split,
    "rename": _names,
    "alias": _names,
    "unalias": _names,
    "kind": _kind,
    "hide": _hide,
    "unhide": _unhide,
    "tag": _annotate,
    "untag": _annotate,
    "star": _annotate,
    "unstar": _annotate,
    "reviewed": _annotate,
    "unreviewed": _annotate,
    "read": _annotate,
    "unread": _annotate,
    "note": _note,
    "event": _event,
    "undo": _undo_redo,
    "redo": _undo_redo,
    "history": _history,
    "hidden": _hidden_list,
}
"""The curation subcommands by name."""
