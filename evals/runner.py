"""Run every case through the coach, grade what comes out, and keep the verdicts.

Production and grading are separate steps on purpose: the same outputs can be graded again, and
the same cases can be produced by the offline coach or by Claude (``evals.coach``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from evals import coach
from evals.cases import Family
from evals.graders import ALL, Output, Verdict

DRAFTED = ("request_email", "phone_script", "linkedin_note", "linkedin_message", "follow_up")


@dataclass(frozen=True, slots=True)
class Graded:
    """One output with every applicable grader's verdict."""

    output: Output
    verdicts: Mapping[str, Verdict]

    @property
    def failures(self) -> dict[str, str]:
        """Grader name -> why it failed."""
        return {g: v.note for g, v in self.verdicts.items() if not v.passed}


def _values(data: Mapping[str, Any] | None) -> list[str]:
    return [v for v in (data or {}).values() if isinstance(v, str)]


async def _pitches(llm: coach.LLM, family: Family) -> list[Output]:
    out: list[Output] = []
    for case in family.cases:
        review = await coach.review_pitch(
            llm,
            case["pitch"],
            target_seconds=case["target_seconds"],
            wpm=case["wpm"],
            saved=case.get("saved"),
        )
        out.append(
            Output(
                case["id"],
                "pitch_cleaner",
                review.cleaner,
                case,
                sources=(case["pitch"],),
                extra={
                    "present": review.present,
                    "fillers": review.fillers,
                    "screen": review.screen,
                    "seconds": case["target_seconds"],
                },
            )
        )
    return out


async def _builds(llm: coach.LLM, family: Family) -> list[Output]:
    out: list[Output] = []
    for case in family.cases:
        answers = case["answers"]
        sources = tuple(_values(answers))
        built = await coach.build_pitch(llm, answers, wpm=case["wpm"])
        for seconds, text in sorted(built.items()):
            check = await coach.review_pitch(
                llm, text, target_seconds=seconds, wpm=case["wpm"], saved=None
            )
            out.append(
                Output(
                    case["id"],
                    "pitch_build",
                    text,
                    case,
                    sources=sources,
                    extra={"seconds": seconds, "review_present": check.present, "id": seconds},
                )
            )
        if tailor := case.get("tailor"):
            base = {**answers, "organization": tailor["organization"]}
            text = await coach.tailor_pitch(
                llm,
                base,
                organization=tailor["organization"],
                role=tailor.get("role", ""),
                current=built.get(60),
                target_seconds=60,
                wpm=case["wpm"],
            )
            out.append(
                Output(
                    case["id"],
                    "pitch_tailor",
                    text,
                    case,
                    sources=(*sources, tailor["organization"], tailor.get("role", "")),
                    extra={
                        "seconds": 60,
                        "organization": tailor["organization"],
                        "must_not_contain": tailor.get("must_not_contain", ()),
                    },
                )
            )
    return out


def _draft_sources(case: Mapping[str, Any]) -> tuple[str, ...]:
    texts = [
        *_values(case.get("profile")),
        *_values(case.get("contact")),
        *_values(case.get("introducer")),
        case.get("objective", ""),
        case.get("highlight", ""),
    ]
    for referral in case.get("referrals") or ():
        texts.extend(_values(referral))
    return tuple(t for t in texts if t)


async def _drafts_for(
    llm: coach.LLM, case: Mapping[str, Any], kinds: Sequence[str]
) -> list[Output]:
    out: list[Output] = []
    for kind in kinds:
        draft = await coach.write_draft(llm, kind, case)
        out.append(
            Output(
                case["id"],
                kind,
                draft.text,
                case,
                sources=_draft_sources(case),
                extra={
                    "refused": draft.refused,
                    "must_not_contain": case.get("must_not_contain", ()),
                },
            )
        )
    return out


async def _drafts(llm: coach.LLM, family: Family) -> list[Output]:
    out: list[Output] = []
    for case in family.cases:
        out += await _drafts_for(llm, case, (*DRAFTED, "thank_you"))
    return out


async def _objectives(llm: coach.LLM, family: Family) -> list[Output]:
    out: list[Output] = []
    for case in family.cases:
        full = {**family.shared, **case}
        refused = coach.objective_refusal(case["objective"]) or ""
        out.append(
            Output(case["id"], "objective", case["objective"], full, extra={"refused": refused})
        )
        if not refused:
            out += await _drafts_for(llm, full, ("request_email",))
    return out


async def _prep(llm: coach.LLM, family: Family) -> list[Output]:
    out: list[Output] = []
    for case in family.cases:
        prep = await coach.prepare(llm, case, case["objective"])
        given = (case.get(k, "") for k in ("research", "location", "commercial"))
        sources = (*_values(case["contact"]), case["objective"], *given)
        extra = {"must_not_contain": case.get("must_not_contain", ())}
        out.append(
            Output(case["id"], "prep_questions", "\n".join(prep.questions), case, sources, extra)
        )
        out.append(Output(case["id"], "prep_sheet", prep.sheet, case, sources, extra))
    return out


_CHAT_GRADERS = (
    "no_job_request",
    "complete_sentences",
    "grammar",
    "no_repeats",
    "register",
    "bullets",
)


async def chat(llm: coach.LLM) -> list[Graded]:
    """Answers to "ask the coach": the ask feature's checks plus this suite's text graders."""
    graded: list[Graded] = []
    for answer in await coach.ask_the_coach(llm):
        output = Output(answer.case_id, "ask_answer", answer.text, {}, answer.sources)
        verdicts = {
            f"ask.{name}": Verdict(ok, "" if ok else name) for name, ok in answer.checks.items()
        }
        for name in _CHAT_GRADERS:
            verdict = ALL[name](output)
            if verdict is not None:
                verdicts[name] = verdict
        graded.append(Graded(output, verdicts))
    return graded


PRODUCERS = {
    "pitches": _pitches,
    "builds": _builds,
    "drafts": _drafts,
    "objectives": _objectives,
    "prep": _prep,
}


async def produce(llm: coach.LLM, families: Mapping[str, Family]) -> list[Output]:
    """Every output of every case, in file order."""
    outputs: list[Output] = []
    for name, family in families.items():
        outputs += await PRODUCERS[name](llm, family)
    return outputs


def grade(outputs: Sequence[Output]) -> list[Graded]:
    """Every applicable grader on every output."""
    graded: list[Graded] = []
    for output in outputs:
        verdicts = {}
        for name, grader in ALL.items():
            verdict = grader(output)
            if verdict is not None:
                verdicts[name] = verdict
        graded.append(Graded(output, verdicts))
    return graded
