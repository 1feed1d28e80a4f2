"""How ingest merges a document into the dossier, as pure decisions: which existing actor a draft
joins, which kind wins, which names and roles are new, and which ids new records get.

Nothing here changes a record; ``Dossier.add_document`` applies the decisions.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Container, Iterable

from dossier.store.drafts import ActorDraft
from dossier.store.folding import fold
from dossier.store.names import match_keys, slugify
from dossier.store.records import Role

# Kinds spaCy confuses for one-word names; one name under two of these is one actor.
LABEL_SWAPPABLE_KINDS = ("person", "organization", "group")

KeyLookup = Callable[[str], str | None]
"""Match key -> the actor id merging under it, or None."""


def sha256_hex(text: str) -> str:
    """The hex SHA-256 of a text's UTF-8 bytes (content hashes and record ids derive from it)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def draft_keys(draft: ActorDraft) -> list[str]:
    """The match keys a draft merges under: ingest's own, else those of its name and kind."""
    return list(draft.match_keys) or match_keys(draft.name, draft.kind)


def merge_target(draft: ActorDraft, keys: Iterable[str], owner_of: KeyLookup) -> str | None:
    """The existing actor a draft merges into: the first sharing a match key, else a one-word namesake."""
    for key in keys:
        owner = owner_of(key)
        if owner is not None:
            return owner
    return one_word_namesake(draft, owner_of)


def one_word_namesake(draft: ActorDraft, owner_of: KeyLookup) -> str | None:
    """An existing actor with the same one-word name under another of person, organisation or
    group: spaCy labels such names inconsistently across articles ("Labour" as a person in one,
    an organisation in the next), so they are one actor, not two."""
    if draft.kind not in LABEL_SWAPPABLE_KINDS or " " in fold(draft.name):
        return None
    for kind in LABEL_SWAPPABLE_KINDS:
        if kind != draft.kind:
            for key in match_keys(draft.name, kind):
                owner = owner_of(key)
                if owner is not None:
                    return owner
    return None


def winning_kind(kind: str, mention_count: int, draft: ActorDraft) -> str:
    """The kind an actor keeps after a merge: the label most mentions carry wins."""
    return draft.kind if draft.kind != kind and len(draft.mentions) > mention_count else kind


def new_names(known: Iterable[str], draft: ActorDraft) -> list[str]:
    """The draft's name and aliases the actor does not have yet, in the draft's order."""
    seen = set(known)
    return [name for name in dict.fromkeys([draft.name, *draft.aliases]) if name not in seen]


def new_roles(known: Iterable[Role], draft: ActorDraft) -> list[Role]:
    """The draft's roles the actor does not have yet (same title, date and evidence is one role)."""
    seen = {(role.role, role.date, role.evidence) for role in known}
    return [role for role in draft.roles if (role.role, role.date, role.evidence) not in seen]


def first_aliases(draft: ActorDraft) -> list[str]:
    """A new actor's aliases: the draft's, once each, without its name."""
    return [alias for alias in dict.fromkeys(draft.aliases) if alias != draft.name]


def source_id_for(text_hash: str) -> str:
    """The id of a source that came without one: from the hash of its text."""
    return f"s-{text_hash[:12]}"


def new_actor_id(name: str, taken: Container[str]) -> str:
    """A fresh actor id from the name's slug (``a-ryan-crocker``, then ``-2``, ``-3``...)."""
    return _free(f"a-{slugify(name)}", taken)


def new_event_id(source_id: str, evidence_start: int, taken: Container[str]) -> str:
    """A fresh event id from its source and evidence offset (stable across re-ingest)."""
    return _free("e-" + sha256_hex(f"{source_id}:{evidence_start}")[:12], taken)


def new_statement_id(source_id: str, content_start: int, taken: Container[str]) -> str:
    """A fresh statement id from its source and content offset (stable across re-ingest)."""
    return _free("q-" + sha256_hex(f"{source_id}:{content_start}")[:12], taken)


def _free(base: str, taken: Container[str]) -> str:
    """``base``, or ``base-2``, ``base-3``... whichever is not taken."""
    candidate, suffix = base, 2
    while candidate in taken:
        candidate, suffix = f"{base}-{suffix}", suffix + 1
    return candidate
