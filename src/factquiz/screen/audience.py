"""What the room may see, as JSON-ready data: a pure function of the competition state.

The answer, the explanation and the correct options are put in only once the
question is closed (phase DONE): before that they are not in the data at
all, so no page, DOM inspector or network tab can show them. The host's
private notes (source sentence, reference answers of short questions) never
are.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from factquiz.host import view
from factquiz.host.rules import ANSWERING, DONE, FINISHED, INTRO, OPEN, SHOWN, TIER, State
from factquiz.model.question import CIRCLED


@dataclass(frozen=True)
class Timer:
    """The countdown as the console runs it: seconds in all, seconds left, and whether it runs."""

    limit: float = 0
    left: float = 0
    running: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"limit": self.limit, "left": round(self.left, 2), "running": self.running}


PHASE_NAMES = {
    INTRO: "本轮开始",
    TIER: "选择分值",
    SHOWN: "读题",
    OPEN: "抢答开始",
    ANSWERING: "作答",
    DONE: "揭晓",
    FINISHED: "比赛结束",
}


def audience_view(state: State, timer: Timer = Timer(), rehearsal: bool = False) -> dict[str, Any]:
    """The audience screen's data for ``state``: never the answer before the question is closed."""
    core = state.core
    game = state.game
    out: dict[str, Any] = {
        "seq": state.events,
        "title": game.config.title,
        "rehearsal": rehearsal,
        "phase": core.phase,
        "phase_name": PHASE_NAMES.get(core.phase, core.phase),
        "round": view.round_title(state) if core.phase != FINISHED else "",
        "rules": view.round_rules(state) if core.phase == INTRO else "",
        "number": view.question_number(state) if core.slot >= 0 and core.phase != FINISHED else "",
        "team": view.team_name(state, core.team) if core.phase in (ANSWERING, TIER) else "",
        "question": None,
        "tiers": [],
        "answer": None,
        "last": _last_outcome(state),
        "scores": scoreboard(state),
        "timer": timer.to_json(),
        "finished": core.phase == FINISHED,
        "awards": view.awards_lines(state) if core.phase == FINISHED else [],
    }
    if core.tiebreak is not None:
        out["tiebreak"] = [game.teams[t] for t in core.tiebreak.remaining]
    if core.phase == TIER:
        out["tiers"] = [f"{view.fmt(t.points)} 分" for t in state.round.config.tiers]
    question = state.question
    if question is not None:
        question = question.laid_out()  # a match question's right column as the console shows it
    if question is not None and core.phase in (SHOWN, OPEN, ANSWERING, DONE):
        points = core.tier or (
            state.round.config.points if state.round.config.points is not None else question.points
        )
        if state.round.kind == "sudden_death":
            points = 0
        out["question"] = {
            "type": question.type,
            "type_name": question.type_name,
            "stem": question.stem,
            "options": list(question.options),
            # match (连线题): the left items, numbered ①②③; the options are the right column
            "left": [f"{CIRCLED[i]} {left}" for i, (left, _) in enumerate(question.pairs)],
            "points": view.fmt(points) if points else "",
            "seconds": state.round.config.time_limit or question.time_limit,
        }
        if core.phase == DONE:
            out["answer"] = {
                "text": _answer(question),
                "correct": list(question.correct),
                "truth": question.truth,
                "explanation": question.explanation,
            }
    return out


def scoreboard(state: State) -> list[dict[str, Any]]:
    """Teams best first with rank and score (awards only once every round is over)."""
    over = state.phase == FINISHED or state.core.tiebreak is not None
    answering = state.core.team if state.phase in (ANSWERING, TIER) else None
    return [
        {
            "team": s.team,
            "name": state.game.teams[s.team],
            "score": view.fmt(s.score),
            "value": s.score,
            "rank": s.rank,
            "award": s.award if over else "",
            "answering": s.team == answering,
        }
        for s in view.ranking(state)
    ]


def _last_outcome(state: State) -> str:
    """The result of the current question's last judgement ("一队 答对 +10"), else ""."""
    core = state.core
    if core.phase in (INTRO, FINISHED, TIER) or not core.outcomes:
        return ""
    last = core.outcomes[-1]
    if (last.round, last.slot, last.question) != (core.round, core.slot, core.question or ""):
        return ""
    label = {"right": "答对", "wrong": "答错", "early": "抢答犯规", "pass": "送给观众"}[last.result]
    if last.team is None:
        return label
    return f"{state.game.teams[last.team]} {label} {view.signed(last.delta)}"


def _answer(question) -> str:
    """The answer as the room reads it: an order with its items; a match as ①B ②D … (the
    columns are on the screen already); any other type as in the key."""
    if question.type == "match":
        return question.answer_in_full().split("：", 1)[0]
    if question.type == "order":
        return question.answer_in_full()
    return question.answer_text()
