"""The one benchmark table: a row per figure, a column per dossier size, target and verdict.

Targets are judged at the largest size measured (the issue's targets are for ~23,800
articles). The growth column gives the steepest log-log slope of a cost between consecutive sizes:
1.0 is linear, 0 is constant; anything above ``SUPERLINEAR`` is flagged.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise

SUPERLINEAR = 1.15

_COMPARE: dict[str, Callable[[float, float], bool]] = {">=": operator.ge, "<=": operator.le}


@dataclass(slots=True)
class Row:
    """One figure across dossier sizes, with how to print it and what it must reach."""

    label: str
    unit: str = ""
    digits: int = 2
    values: dict[int, float | None] = field(default_factory=dict)
    target: tuple[str, float] | None = None  # (">=" or "<=", threshold)
    growth: str | None = None  # "cost": should grow at most linearly; "rate": should stay flat

    def format(self, value: float | None) -> str:
        """A value as printed in a cell."""
        if value is None:
            return "–"
        if self.digits == 0:
            return f"{value:,.0f}{self.unit}"
        return f"{value:,.{self.digits}f}{self.unit}"

    def latest(self, sizes: list[int]) -> tuple[int, float] | None:
        """The value at the largest size that has one."""
        for size in reversed(sizes):
            value = self.values.get(size)
            if value is not None:
                return size, value
        return None

    def verdict(self, sizes: list[int]) -> str:
        """"pass", "FAIL" (with the size judged when not the largest) or "" without a target."""
        if self.target is None:
            return ""
        latest = self.latest(sizes)
        if latest is None:
            return "not measured"
        size, value = latest
        ok = _COMPARE[self.target[0]](value, self.target[1])
        word = "pass" if ok else "FAIL"
        return word if size == sizes[-1] else f"{word} (at {size:,})"

    def slope(self, sizes: list[int]) -> float | None:
        """The steepest log-log growth of the cost between consecutive measured sizes."""
        measured = [(size, self.values[size]) for size in sizes if self.values.get(size)]
        if self.growth is None or len(measured) < 2:
            return None
        slopes = []
        for (small, before), (large, after) in pairwise(measured):
            if before > 0 and after > 0 and large > small:
                slope = math.log(after / before) / math.log(large / small)
                # A falling rate means the time per item grows: use the slope of total time.
                slopes.append(1.0 - slope if self.growth == "rate" else slope)
        return max(slopes) if slopes else None

    def growth_cell(self, sizes: list[int]) -> str:
        """The growth column: slope, flagged when worse than linear."""
        slope = self.slope(sizes)
        if slope is None:
            return ""
        flag = " ⚠ superlinear" if slope > SUPERLINEAR else ""
        return f"{slope:.2f}{flag}"

    def target_cell(self) -> str:
        """The target as printed."""
        if self.target is None:
            return ""
        op, threshold = self.target
        return f"{'≥' if op == '>=' else '≤'} {self.format(threshold)}"


def render_table(header: dict[str, str], sizes: list[int], rows: list[Row], notes: list[str]) -> str:
    """The whole report as Markdown: machine facts, the table, then notes."""
    lines = [
        "dossier benchmark — " + " · ".join(f"{key}: {value}" for key, value in header.items()),
        "",
    ]
    columns = ["measure", *[f"{size:,} articles" for size in sizes], "growth (log-log slope)", "target", "result"]
    body = [
        [row.label, *[row.format(row.values.get(size)) for size in sizes], row.growth_cell(sizes),
         row.target_cell(), row.verdict(sizes)]
        for row in rows
    ]
    widths = [max(len(cells[i]) for cells in [columns, *body]) for i in range(len(columns))]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)) + " |"

    lines.append(line(columns))
    lines.append("|" + "|".join("-" * (width + 2) for width in widths) + "|")
    lines.extend(line(cells) for cells in body)
    if notes:
        lines.append("")
        lines.extend(f"- {note}" for note in notes)
    return "\n".join(lines) + "\n"
