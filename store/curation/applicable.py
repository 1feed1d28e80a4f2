"""Whether an edit fits the dossier as the analyst sees it: the records it names are shown (or,
to unhide, hidden), a split's new id is free, a merge joins actors that are not one already.

Checked before an edit is logged, so a refused edit changes nothing (``Dossier.apply``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dossier.store.curation.operations import Annotate, HideEvent, Merge, Operation, Split, UnhideActor, UnhideEvent

if TYPE_CHECKING:
    from dossier.store.curation.view import CuratedView


def check_applicable(view: CuratedView, operation: Operation) -> None:
    """Reject an edit naming records the view does not show (``ValueError`` saying which).

    Unhiding names a hidden record; a split's new actor needs an id nothing has; an
    annotation may name any source, actor or event shown.
    """
    if isinstance(operation, UnhideActor):
        if operation.actor not in view.state.hidden:
            raise ValueError(f"the actor {operation.actor} is not hidden")
        return
    if isinstance(operation, UnhideEvent):
        if operation.event not in view.state.hidden_events:
            raise ValueError(f"the event {operation.event} is not hidden")
        return
    if isinstance(operation, HideEvent | Annotate):
        record_id = operation.event if isinstance(operation, HideEvent) else operation.record
        if record_id not in view.events and not (
            isinstance(operation, Annotate) and (record_id in view.actors or record_id in view.sources)
        ):
            raise ValueError(f"the dossier shows no record {record_id}")
        return
    actor_ids = list(operation.actor_ids())
    if isinstance(operation, Split) and operation.new:
        if operation.into in view.actors or operation.into in view.machine_actors or operation.into in view.state.created:
            raise ValueError(f"the id {operation.into} is taken")
        actor_ids.remove(operation.into)
    for actor_id in actor_ids:
        if actor_id not in view.actors:
            raise ValueError(f"the dossier shows no actor {actor_id}")
    for record_id in set(operation.record_ids()) - set(operation.actor_ids()):
        if record_id not in view.events:
            raise ValueError(f"the dossier shows no event {record_id}")
    if isinstance(operation, Merge) and len({view.state.final(a) for a in operation.actors}) < len(operation.actors):
        raise ValueError("the actors to merge are already one")
