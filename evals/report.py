"""The score table (per text kind and per grader), the weakest outputs, and the baseline the
CI test holds the coach to."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path

from evals.graders import GROUPS
from evals.runner import Graded

BASELINE = Path(__file__).resolve().parent / "baseline.json"
Cell = tuple[int, int]  # (passed, applicable)


def cells(graded: Sequence[Graded]) -> dict[str, dict[str, Cell]]:
    """kind -> grader -> (passed, applicable)."""
    table: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for g in graded:
        for name, verdict in g.verdicts.items():
            cell = table[g.output.kind][name]
            cell[0] += verdict.passed
            cell[1] += 1
    return {k: {n: (c[0], c[1]) for n, c in v.items()} for k, v in table.items()}


def _rate(cell: Cell | None) -> str:
    if not cell or not cell[1]:
        return "·"
    return f"{100 * cell[0] / cell[1]:.0f}"


def _sum(values: Sequence[Cell]) -> Cell:
    return (sum(v[0] for v in values), sum(v[1] for v in values))


def score(graded: Sequence[Graded]) -> float:
    """Share of all applicable checks that pass, in percent."""
    total = _sum([c for row in cells(graded).values() for c in row.values()])
    return 100 * total[0] / total[1] if total[1] else 0.0


def table(graded: Sequence[Graded], *, title: str = "") -> str:
    """Percent passing per text kind (rows) and grader (columns), with totals both ways."""
    data = cells(graded)
    known = [g for group in GROUPS.values() for g in group if any(g in r for r in data.values())]
    extra = sorted({g for r in data.values() for g in r} - set(known))
    graders = known + extra
    kinds = sorted(data)
    width = max(len(k) for k in [*kinds, "all kinds"]) + 1
    heads = [f"{i + 1:>3}" for i in range(len(graders))]
    lines = [title] if title else []
    lines.append(" " * width + " ".join(heads) + "   all    n")
    for kind in kinds:
        row = data[kind]
        total = _sum(list(row.values()))
        rates = " ".join(f"{_rate(row.get(g)):>3}" for g in graders)
        lines.append(f"{kind:<{width}}{rates}  {_rate(total):>4} {total[1]:>4}")
    per_grader = [_sum([data[k][g] for k in kinds if g in data[k]]) for g in graders]
    overall = _sum(per_grader)
    lines.append(
        f"{'all kinds':<{width}}"
        + " ".join(f"{_rate(c):>3}" for c in per_grader)
        + f"  {_rate(overall):>4} {overall[1]:>4}"
    )
    lines.append("")
    group_of = {g: grp for grp, names in GROUPS.items() for g in names} | dict.fromkeys(
        extra, "chat"
    )
    for i, (g, c) in enumerate(zip(graders, per_grader, strict=True)):
        lines.append(f"{i + 1:>3}  {group_of[g]:<8} {g:<27} {c[0]:>4}/{c[1]:<4} {_rate(c):>4}%")
    lines.append(f"     overall  {overall[0]}/{overall[1]} checks pass ({score(graded):.1f}%)")
    return "\n".join(lines)


def weakest(graded: Sequence[Graded], n: int = 5) -> str:
    """The n outputs failing the most checks, verbatim, with why."""
    ranked = sorted(
        (g for g in graded if g.failures),
        key=lambda g: (-len(g.failures), g.output.id),
    )
    blocks: list[str] = []
    for g in ranked[:n]:
        why = "\n".join(f"  - {name}: {note}" for name, note in g.failures.items())
        blocks.append(f"### {g.output.id} ({len(g.failures)} failing)\n{why}\n\n{g.output.text}")
    return "\n\n".join(blocks)


def failures(graded: Sequence[Graded]) -> str:
    """Every failing check, one per line: the list to work from."""
    return "\n".join(
        f"{g.output.id:<48} {name:<27} {note}" for g in graded for name, note in g.failures.items()
    )


def dump(graded: Sequence[Graded]) -> dict[str, object]:
    """Everything a before/after comparison needs, as JSON: the cells, and each output's
    verdicts with their notes (so a diff shows which output changed, and why)."""
    return {
        "score": round(score(graded), 2),
        "cells": {
            k: {g: list(c) for g, c in sorted(row.items())}
            for k, row in sorted(cells(graded).items())
        },
        "outputs": {
            g.output.id: {n: v.note or "pass" for n, v in sorted(g.verdicts.items())}
            for g in graded
        },
    }


def compare(before: Mapping[str, object], graded: Sequence[Graded]) -> str:
    """Per grader, then per changed cell: passing checks before and now. ``before`` is a
    ``--json`` dump or a baseline file (the baseline is the level the round started from)."""
    now = dump(graded)
    old_cells: Mapping[str, Mapping[str, list[int]]] = before.get("cells", before)  # type: ignore[assignment]
    new_cells: Mapping[str, Mapping[str, list[int]]] = now["cells"]  # type: ignore[assignment]

    def by_grader(data: Mapping[str, Mapping[str, list[int]]]) -> dict[str, Cell]:
        out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for row in data.values():
            for g, (p, n) in row.items():
                out[g][0] += p
                out[g][1] += n
        return {g: (c[0], c[1]) for g, c in out.items()}

    def show(cell: Cell | None) -> str:
        return f"{cell[0]}/{cell[1]} ({_rate(cell)}%)" if cell else "-"

    old_g, new_g = by_grader(old_cells), by_grader(new_cells)
    lines = [f"{'grader':<28} {'before':>16} {'after':>16}"]
    for g in sorted(set(old_g) | set(new_g)):
        lines.append(f"{g:<28} {show(old_g.get(g)):>16} {show(new_g.get(g)):>16}")
    was = _sum(list(old_g.values()))
    lines.append(f"{'all checks':<28} {show(was):>16} {show(_sum(list(new_g.values()))):>16}")
    changed = [
        (k, g)
        for k in sorted(set(old_cells) | set(new_cells))
        for g in sorted(set(old_cells.get(k, {})) | set(new_cells.get(k, {})))
        if old_cells.get(k, {}).get(g) != new_cells.get(k, {}).get(g)
    ]
    if changed:
        lines += ["", f"{'changed cell':<44} {'before':>16} {'after':>16}"]
        for k, g in changed:
            was, nowc = old_cells.get(k, {}).get(g), new_cells.get(k, {}).get(g)
            old_cell = (was[0], was[1]) if was else None
            new_cell = (nowc[0], nowc[1]) if nowc else None
            lines.append(f"{k + '/' + g:<44} {show(old_cell):>16} {show(new_cell):>16}")
    return "\n".join(lines)


def save_baseline(graded: Sequence[Graded], path: Path = BASELINE) -> None:
    """Record today's pass counts as the level CI must not fall below."""
    data = {
        k: {g: list(c) for g, c in sorted(row.items())} for k, row in sorted(cells(graded).items())
    }
    path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def regressions(graded: Sequence[Graded], path: Path = BASELINE) -> list[str]:
    """Cells whose pass rate fell below the baseline's (a new cell must pass fully)."""
    base: Mapping[str, Mapping[str, list[int]]] = json.loads(path.read_text(encoding="utf-8"))
    out: list[str] = []
    for kind, row in cells(graded).items():
        for name, (passed, n) in row.items():
            was = base.get(kind, {}).get(name)
            floor = was[0] / was[1] if was and was[1] else 1.0
            if passed / n + 1e-9 < floor:
                base_cell = f"{was[0]}/{was[1]}" if was else "none"
                out.append(f"{kind}/{name}: {passed}/{n}, baseline {base_cell}")
    return out
