"""``dossier review``: likely duplicate actors, best first; and ``dossier distinct``: judge actors not the same.

A suggestion is settled with ``dossier merge A B`` or ``dossier distinct A B`` (never suggested again).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from dossier.arguments import OneLineParser
from dossier.curation_cli import _apply, _name, _report, resolve_actor
from dossier.output import one_line, print_json
from dossier.store.curation.evidence import actor_side
from dossier.store.curation.operations import Distinct
from dossier.store.curation.review import suggestions

if TYPE_CHECKING:
    from dossier.store.dossier import Dossier


def add_review_commands(commands: argparse._SubParsersAction[OneLineParser]) -> None:
    """Register ``review`` and ``distinct`` on the ``dossier`` parser."""
    review = commands.add_parser("review", help="list likely duplicate actors, best first")
    review.add_argument("--limit", type=_count, default=20, help="at most this many (0: all; default 20)")
    review.add_argument("--json", action="store_true", help="print the suggestions with both sides as JSON")
    distinct = commands.add_parser("distinct", help="mark actors as not the same (never suggested again)")
    distinct.add_argument("refs", nargs="+", metavar="REF")
    distinct.add_argument("--reason", metavar="TEXT", help="why (kept in the edit log)")
    distinct.add_argument("--json", action="store_true", help="print the edit as JSON")


def _count(text: str) -> int:
    """A ``--limit`` value: a whole number, 0 or more (argparse prints one line for anything else)."""
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number, 0 or more, not {text!r}")
    return int(text)


def review(dossier: Dossier, args: argparse.Namespace) -> int:
    """Print the suggestions: score, rule, both actors (name, id, kind, mentions) and why."""
    found = suggestions(dossier, limit=args.limit or None)
    if args.json:
        payload = [
            {**s.to_json(), "sides": [actor_side(dossier, s.first).to_json(), actor_side(dossier, s.second).to_json()]}
            for s in found
        ]
        print_json(payload)
        return 0
    if not found:
        print("no likely duplicates to review", file=sys.stderr)
        return 0
    for s in found:
        first, second = (_brief(dossier, actor_id) for actor_id in (s.first, s.second))
        print(one_line(f"{s.score:.2f}  {s.reason:<8}  {first}  ~  {second}"))
        print(one_line(f"      {s.explanation}"))
    print("merge with: dossier merge REF REF   keep apart with: dossier distinct REF REF", file=sys.stderr)
    return 0


def _brief(dossier: Dossier, actor_id: str) -> str:
    """'Tony Blair' (a-tony-blair, person, 475 mentions)."""
    name, kind, mentions = dossier.actor_brief(actor_id)
    return f"'{name}' ({actor_id}, {kind}, {mentions} mentions)"


def distinct(dossier: Dossier, args: argparse.Namespace) -> int:
    """``dossier distinct REF REF…``: store the judgement that these actors are not the same."""
    actors = [resolve_actor(dossier, ref) for ref in args.refs]
    edit = _apply(dossier, args, Distinct(tuple(actor.id for actor in actors)))
    names = " and ".join(_name(actor) for actor in actors)
    return _report(dossier, args, edit, f"marked {names} as not the same (undo with: dossier undo)", None)


HANDLERS = {"review": review, "distinct": distinct}
"""The review subcommands by name."""
