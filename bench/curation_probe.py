"""Curation speed (issue 10), run in cold child processes: ``python -m bench.curation_probe``.

``log --dossier PATH --edits N`` adds a generated, realistic edit log to a dossier copy:
renames, aliases, kinds, tags, notes, stars, reviewed marks, merges, hides and event edits
over its real actors and events (drawn with a fixed seed, each applied through the store).
``store --dossier PATH`` times ``Dossier.apply`` (the edit applied and saved) for a merge of
the most-mentioned actor into another, a rename and a tag, each repeated with an undo between
(the undo is timed too, not counted in the figure). ``app --dossier PATH`` times the same three
edits through the running app: from posting the key that confirms the edit until the edit is
saved and the screen is updated (the edit's worker finished, the panes relisted and laid out),
against the floor of the same prompt closed with ``escape`` (no edit) in the same run, and the
time the screen's update spends on the UI thread; the process's CPU time over each timed key is
reported too (``cpu_ms``, ``floor_cpu_ms``: wall time on a shared machine is noisy).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

TAGS = ("check", "source-needed", "key-figure", "uk", "eu", "iraq", "markets", "follow-up", "disputed", "party")
EDIT_KINDS = ("merge", "rename", "tag")


def generated_operations(dossier: Any, count: int, seed: int = 10) -> list[Any]:
    """``count`` edits an analyst might make over this dossier's actors and events, in a fixed random order."""
    from dossier.store.curation.operations import (
        AddAlias,
        Annotate,
        EditEvent,
        HideActor,
        Merge,
        Rename,
        SetKind,
    )

    chance = random.Random(seed)
    ranked = dossier.actor_ids_by_mentions()
    busy = ranked[: max(50, len(ranked) // 5)]  # an analyst works on the actors that matter
    tail = ranked[len(ranked) // 2 :]  # and hides junk among the rarely mentioned
    events = dossier.timeline_ids()
    makers = [
        (30, lambda a: Annotate(a, add_tags=tuple(chance.sample(TAGS, chance.randint(1, 2))))),
        (12, lambda a: Annotate(a, note=f"Checked against the {chance.choice(TAGS)} file; see **sources**.\n")),
        (10, lambda a: Annotate(a, star=True) if chance.random() < 0.5 else Annotate(a, reviewed=True)),
        (14, lambda a: Rename(a, dossier.actors[a].name + chance.choice([" (UK)", " Jr", " Group", " — checked"]))),
        (5, lambda a: AddAlias(a, dossier.actors[a].name.split()[-1] + "s")),
        (5, lambda a: SetKind(a, chance.choice(["person", "organization", "place", "group"]))),
        (10, lambda a: Merge((a, chance.choice([b for b in busy if b != a and b in dossier.actors])))),
        (8, lambda _a: HideActor(chance.choice([b for b in tail if b in dossier.actors]))),
        (6, lambda _a: EditEvent(chance.choice(events), title="Checked: " + dossier.events[chance.choice(events)].title[:60])),
    ]
    weights = [weight for weight, _ in makers]
    operations: list[Any] = []
    while len(operations) < count:
        make = chance.choices([maker for _, maker in makers], weights)[0]
        actor_id = chance.choice(busy)
        if actor_id not in dossier.actors:
            continue
        operations.append(make(actor_id))
    return operations


def add_edit_log(path: Path, count: int) -> dict[str, Any]:
    """Apply ``count`` generated edits to the dossier at ``path`` (saved as journal lines), then write the
    file once so its ``edits`` table holds them: a dossier as it is after a stretch of curation."""
    from dossier.store.dossier import Dossier

    dossier = Dossier.open(path, create=False)
    started = time.perf_counter()
    applied = refused = 0
    with dossier.writing():
        for operation in generated_operations(dossier, count * 2):
            if applied == count:
                break
            try:
                dossier.apply(operation)
                applied += 1
            except ValueError:
                refused += 1
    seconds = time.perf_counter() - started
    dossier.compact_journal()
    ops: dict[str, int] = {}
    for edit in dossier.history():
        ops[edit.operation.op] = ops.get(edit.operation.op, 0) + 1
    return {"edits": applied, "refused": refused, "seconds": seconds, "ops": ops, "sources": len(dossier.sources)}


def edit_operations(dossier: Any) -> dict[str, Any]:
    """The three measured edits: the most-mentioned actor merged into the next one, renamed, tagged."""
    from dossier.store.curation.operations import Annotate, Merge, Rename

    top, other = dossier.actor_ids_by_mentions()[:2]
    return {
        "merge": Merge((other, top)),
        "rename": Rename(top, dossier.actors[top].name + " (checked)"),
        "tag": Annotate(top, add_tags=("bench",)),
    }


def time_store_edits(path: Path, repeats: int) -> dict[str, Any]:
    """Milliseconds of ``Dossier.apply`` (apply and save) per kind of edit, an undo between repeats."""
    from dossier.store.dossier import Dossier
    from dossier.store.storage import file_signature

    dossier = Dossier.open(path, create=False)
    dossier.build_search_index()  # as the app does in a worker right after opening
    before = file_signature(path)
    report: dict[str, Any] = {}
    for kind, operation in edit_operations(dossier).items():
        applied, undone = [], []
        for _ in range(repeats):
            started = time.perf_counter()
            dossier.apply(operation)
            applied.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            dossier.undo()
            undone.append((time.perf_counter() - started) * 1000)
        report[kind] = {"ms": applied, "undo_ms": undone}
    report["file_rewritten"] = file_signature(path) != before  # False: every edit went to the journal
    return report


async def time_app_edits(path: Path, repeats: int) -> dict[str, Any]:
    """Milliseconds from the key confirming each edit until it is saved and the screen updated."""
    from bench.tui_probe import READY_TIMEOUT, SIZE, encode_frames, indexes_built, settle, shows_rows, timed, wait_until
    from dossier.tui.app import DossierApp
    from dossier.tui.screens.main import MainScreen
    from dossier.tui.widgets.record_list import RecordList

    app = DossierApp(path)
    report: dict[str, Any] = {}
    async with app.run_test(size=SIZE) as pilot:
        encode_frames(app)
        await wait_until(pilot, lambda: shows_rows(app), READY_TIMEOUT)
        await indexes_built(app, pilot)  # an edit made in the first seconds after opening shares them with it
        main = next(screen for screen in app.screen_stack if isinstance(screen, MainScreen))
        shown: list[float] = []
        ui_ms: list[float] = []
        edited = main._edited

        def edited_and_counted(*args: Any) -> None:
            """The screen's own update after an edit (on the UI thread), timed and counted."""
            started = time.perf_counter()
            edited(*args)
            shown.append(time.perf_counter())
            ui_ms.append((shown[-1] - started) * 1000)

        main._edited = edited_and_counted  # type: ignore[method-assign]
        actors = main.query_one("#actors", RecordList)

        async def keys(*pressed: str) -> None:
            """Press keys that set an edit up (not measured)."""
            for key in pressed:
                await pilot.press(key)
            await pilot.pause()

        async def select(index: int) -> None:
            """Select the actor at ``index`` of the Actors list, as moving onto it does (its events listed:
            escape cleared the filter, and a cursor already on the row would announce nothing)."""
            await keys("escape", "escape", "1")
            actors.move_cursor(index, announce=False)
            actors.post_message(RecordList.Highlighted(actors, actors.ids[index]))
            await pilot.pause()

        async def confirmed(key: str, cpu: list[float]) -> float:
            """Time ``key`` until the edit it confirms is saved and shown (its CPU time appended to
            ``cpu``); then undo it (not measured)."""
            count = len(shown)
            ms = await timed(pilot, key, lambda: len(shown) > count, cpu)
            await keys("u")
            await wait_until(pilot, lambda: len(shown) > count + 1, 60.0)
            return ms

        async def prompt(kind: str) -> None:
            """Open the prompt of one kind of edit and fill it in (not measured)."""
            if kind == "merge":  # the most-mentioned actor (row 0) into the next one (row 1)
                await select(0)
                await keys("x")
                await select(1)
                await keys("J")
            else:
                await select(0)
                await keys("r" if kind == "rename" else "t")
                await keys(*(("end", "space", *"checked") if kind == "rename" else "bench"))

        for kind in EDIT_KINDS:
            samples: list[float] = []
            floor: list[float] = []
            cpu: list[float] = []
            floor_cpu: list[float] = []
            ui_ms.clear()
            for _ in range(repeats):
                await prompt(kind)
                floor.append(await timed(pilot, "escape", cpu=floor_cpu))  # the same prompt closed without an edit
                main.marked = []  # the prompt is opened again below, marking afresh
                await prompt(kind)
                samples.append(await confirmed("enter", cpu))
            report[kind] = {  # [::2]: not the undos
                "ms": samples, "floor_ms": floor, "ui_ms": ui_ms[::2], "cpu_ms": cpu, "floor_cpu_ms": floor_cpu,
            }
        await settle(pilot)
        app.exit()
    return report


def main(argv: list[str] | None = None) -> None:
    """Run one probe and print its report as one JSON line."""
    parser = argparse.ArgumentParser(prog="python -m bench.curation_probe")
    parser.add_argument("probe", choices=["log", "store", "app"])
    parser.add_argument("--dossier", type=Path, required=True)
    parser.add_argument("--edits", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args(argv)
    if args.probe == "log":
        report = add_edit_log(args.dossier, args.edits)
    elif args.probe == "store":
        report = time_store_edits(args.dossier, args.repeats)
    else:
        report = asyncio.run(time_app_edits(args.dossier, args.repeats))
    sys.stdout.write(json.dumps(report) + "\n")


if __name__ == "__main__":
    main()
