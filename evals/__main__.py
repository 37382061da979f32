"""``python -m evals``: run every case, print the score table, compare with the baseline.

python -m evals                  # offline coach: table, five weakest outputs, baseline check
python -m evals --failures       # every failing check, one per line
python -m evals --update-baseline
python -m evals --json scores.json     # per-cell and per-output verdicts, to diff or compare
python -m evals --compare scores.json  # before (an earlier --json dump) and after, per grader
python -m evals --claude         # the same cases against Claude (needs ANTHROPIC_API_KEY)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

from evals import coach, report
from evals.cases import Family, count, load_all
from evals.runner import Graded, chat, grade, produce


async def _run(llm: coach.LLM, families: dict[str, Family]) -> list[Graded]:
    return grade(await produce(llm, families)) + await chat(llm)


def main(argv: list[str] | None = None) -> int:
    """Run the suite; exit 1 when quality fell below the baseline."""
    parser = argparse.ArgumentParser(prog="python -m evals", description=__doc__.splitlines()[0])
    parser.add_argument("--claude", action="store_true", help="run against Claude")
    parser.add_argument("--worst", type=int, default=5, help="how many weakest outputs to show")
    parser.add_argument("--failures", action="store_true", help="list every failing check")
    parser.add_argument("--update-baseline", action="store_true", help="record today's level")
    parser.add_argument("--json", type=Path, metavar="PATH", help="write every verdict as JSON")
    parser.add_argument(
        "--compare", type=Path, metavar="PATH", help="show before (a --json dump) and after"
    )
    args = parser.parse_args(argv)
    llm = coach.claude_llm() if args.claude else coach.offline_llm()
    if llm is None:
        print("--claude needs ANTHROPIC_API_KEY", file=sys.stderr)
        return 2
    families = load_all()
    graded = asyncio.run(_run(llm, families))
    who = "Claude" if args.claude else "offline coach"
    print(report.table(graded, title=f"{count(families)} cases, {len(graded)} outputs, {who}"))
    if args.failures:
        print("\n" + report.failures(graded))
    if args.worst:
        print(f"\nThe {args.worst} weakest outputs\n\n" + report.weakest(graded, args.worst))
    if args.json:
        args.json.write_text(json.dumps(report.dump(graded), indent=1) + "\n", encoding="utf-8")
        print(f"\nverdicts written to {args.json}")
    if args.compare:
        before = json.loads(args.compare.read_text(encoding="utf-8"))
        print(f"\nBefore ({args.compare}) and after\n\n" + report.compare(before, graded))
    if args.update_baseline:
        report.save_baseline(graded)
        print(f"\nbaseline saved to {report.BASELINE}")
        return 0
    if args.claude:
        return 0
    dropped = report.regressions(graded)
    for line in dropped:
        print(f"below baseline: {line}", file=sys.stderr)
    return 1 if dropped else 0


if __name__ == "__main__":
    sys.exit(main())
