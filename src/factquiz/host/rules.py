"""The rules of a competition as a pure state machine: ``apply(state, event) -> state``.

No I/O and no clock: the state after a list of events depends on nothing
else, so replaying the journal rebuilds it exactly. States are frozen; every
event makes a new one. An event the rules do not allow raises ``RuleError``
with a hint for the host, and the state stays as it was (the session only
journals events that apply).

Undo and redo work on the events themselves: the state keeps, for each
event done, the game as it was before it, and a list of undone events that
``Redo`` puts back. Undo and redo are events too, so the journal keeps the
whole history.
"""

from __future__ import annotations

from dataclasses import replace

from factquiz.host.events import (
    Adjust,
    Buzz,
    ChooseTier,
    Decline,
    Event,
    Judge,
    Next,
    Open,
    Pass,
    Redo,
    StartTiebreak,
    Undo,
)
from factquiz.host.plan import Game
from factquiz.host.standings import rank_order, tie_groups_at_boundaries
from factquiz.host.state import (  # noqa: F401 - the phases and RuleError are part of the rules' interface
    ANSWERING,
    DONE,
    FINISHED,
    INTRO,
    OPEN,
    SHOWN,
    TIER,
    Adjustment,
    Core,
    Outcome,
    RuleError,
    State,
    Tiebreak,
    slot_count,
)


def start(game: Game) -> State:
    """The state before the first event: the first round's intro, every team at the start score."""
    n = len(game.teams)
    first = game.main_rounds[0]
    core = Core(round=first, scores=(game.config.start_score,) * n, subranks=((),) * n)
    return State(game, _enter_round(game, core, first))


def replay(game: Game, events: list[Event]) -> State:
    """The state after ``events`` (a fold over the journal)."""
    state = start(game)
    for event in events:
        state = apply(state, event)
    return state


def apply(state: State, event: Event) -> State:
    """The state after ``event``; raises RuleError (state unchanged) when the rules do not allow it."""
    if isinstance(event, Undo):
        if not state.past:
            raise RuleError("没有可以撤销的操作 (nothing to undo)")
        before, undone = state.past[-1]
        return replace(
            state,
            core=before,
            past=state.past[:-1],
            future=(undone, *state.future),
            events=state.events + 1,
        )
    if isinstance(event, Redo):
        if not state.future:
            raise RuleError("没有可以重做的操作 (nothing to redo)")
        again = state.future[0]
        core = _step(state.game, state.core, again)
        return replace(
            state,
            core=core,
            past=(*state.past, (state.core, again)),
            future=state.future[1:],
            events=state.events + 1,
        )
    core = _step(state.game, state.core, event)
    return replace(
        state,
        core=core,
        past=(*state.past, (state.core, event)),
        future=(),
        events=state.events + 1,
    )


# --- one event on the core -------------------------------------------------


def _step(game: Game, core: Core, event: Event) -> Core:
    handler = _HANDLERS.get(type(event))
    if handler is None:
        raise RuleError(f"unknown event {event!r}")
    return handler(game, core, event)


def _team_name(game: Game, team: int) -> str:
    return game.teams[team]


def _check_team(game: Game, team: int) -> None:
    if not 0 <= team < len(game.teams):
        raise RuleError(f"没有第 {team + 1} 队；共 {len(game.teams)} 队")


def _enter_round(game: Game, core: Core, index: int) -> Core:
    plan = game.rounds[index]
    teams = tuple(range(len(game.teams)))
    if plan.kind == "risk" and plan.config.order != "listed":
        high = plan.config.order == "high_first"
        teams = tuple(sorted(teams, key=lambda t: (-core.scores[t] if high else core.scores[t], t)))
    return replace(core, round=index, slot=-1, phase=INTRO, question=None, team=None, answered=frozenset(),
                   order=teams, tier=None, used=frozenset())  # fmt: skip


def _enter_slot(game: Game, core: Core, slot: int) -> Core:
    plan = game.rounds[core.round]
    fresh = replace(core, slot=slot, question=None, team=None, answered=frozenset(), tier=None)
    kind = plan.kind
    if kind == "required":
        return replace(
            fresh,
            phase=ANSWERING,
            team=core.order[slot % len(core.order)],
            question=plan.questions[slot].ref,
        )
    if kind == "shared":
        return replace(fresh, phase=ANSWERING, team=0, question=plan.questions[slot].ref)
    if kind == "buzz":
        return replace(fresh, phase=SHOWN, question=plan.questions[slot].ref)
    if kind == "risk":
        return replace(fresh, phase=TIER, team=core.order[slot % len(core.order)])
    # sudden death: the next question of the pool
    if core.sudden_used >= len(plan.questions):
        raise RuleError("加时赛备用题已用完；可用 adjust 仲裁，或在配置中增加加时赛题数")
    return replace(
        fresh,
        phase=SHOWN,
        question=plan.questions[core.sudden_used].ref,
        sudden_used=core.sudden_used + 1,
    )


def _next(game: Game, core: Core, event: Next) -> Core:
    if core.phase == FINISHED:
        if core.tiebreak is None and tie_groups_at_boundaries(
            core.scores, core.subranks, game.config.awards
        ):
            raise RuleError("比赛已结束；有队伍在奖项分界处同分，可用 tiebreak 开始加时赛")
        raise RuleError("比赛已结束；用 export 导出成绩")
    if core.phase in (SHOWN, OPEN, ANSWERING, TIER):
        raise RuleError("本题还没有结果：先判定 right / wrong，或 pass 送给观众")
    if core.phase == INTRO:
        return _enter_slot(game, core, 0)
    # DONE: the next question, round, or the end
    if core.tiebreak is not None:
        pool = len(game.rounds[core.round].questions)
        if _tiebreak_over(core.tiebreak) or core.sudden_used >= pool:
            return _finish_tiebreak(core)  # out of questions: the teams still in stay tied
        return _enter_slot(game, core, core.slot + 1)
    count = slot_count(game, core.round)
    if count is not None and core.slot + 1 < count:
        return _enter_slot(game, core, core.slot + 1)
    later = [i for i in game.main_rounds if i > core.round]
    if later:
        return _enter_round(game, core, later[0])
    return replace(
        core, phase=FINISHED, slot=-1, question=None, team=None, answered=frozenset(), tier=None
    )


def _open(game: Game, core: Core, event: Open) -> Core:
    if core.phase == SHOWN:
        return replace(core, phase=OPEN)
    if core.phase in (OPEN, ANSWERING):
        raise RuleError("本题已经开始")
    raise RuleError("现在没有可以开始的题目；用 next 出题")


def _buzz(game: Game, core: Core, event: Buzz) -> Core:
    _check_team(game, event.team)
    kind = game.rounds[core.round].kind
    name = _team_name(game, event.team)
    if kind == "shared":
        if core.phase != ANSWERING:
            raise RuleError("现在没有待判定的题目")
        if event.team in core.answered:
            raise RuleError(f"{name} 本题已判定；判错了可用 undo 撤销")
        return replace(core, team=event.team)
    if kind not in ("buzz", "sudden_death"):
        raise RuleError("本轮不是抢答题")
    if core.tiebreak is not None and event.team not in core.tiebreak.remaining:
        raise RuleError(f"{name} 不在本次加时赛中")
    if core.phase == ANSWERING:
        raise RuleError(f"{_team_name(game, core.team)} 正在作答；按错队伍可用 undo 撤销")
    if core.phase not in (SHOWN, OPEN):
        raise RuleError("现在没有可以抢答的题目")
    if event.team in core.answered:
        raise RuleError(f"{name} 本题已经答过，不能再抢")
    config = game.rounds[core.round].config
    if core.phase == SHOWN and (config.early_penalty or config.early_warnings):
        # 抢答犯规: buzzed before the host opened the question; loses this question, and the
        # points once the team has used up its warnings.
        offences = sum(o.result == "early" and o.team == event.team for o in core.outcomes)
        delta = -config.early_penalty if offences >= config.early_warnings else 0
        outcome = Outcome(core.round, core.slot, core.question or "", event.team, "early", delta)
        core = _record(core, outcome)
        core = replace(core, answered=core.answered | {event.team})
        if game.rounds[core.round].config.void_on_early:
            return replace(core, phase=DONE, team=None)  # the question is void for everyone
        return _close_if_all_answered(game, core)
    return replace(core, phase=ANSWERING, team=event.team)


def _points(game: Game, core: Core) -> tuple[float, float]:
    """(points for right, points off for wrong) of the current question."""
    plan = game.rounds[core.round]
    if plan.kind == "sudden_death":
        return 0, 0
    if plan.kind == "risk":
        tier = next((t for t in plan.config.tiers if t.points == core.tier), None)
        return core.tier or 0, tier.loss if tier else core.tier or 0
    question = game.question(core.question or "")
    points = plan.config.points if plan.config.points is not None else question.points
    return points, plan.config.penalty


def _record(core: Core, outcome: Outcome) -> Core:
    scores = core.scores
    if outcome.team is not None and outcome.delta:
        scores = tuple(s + outcome.delta if t == outcome.team else s for t, s in enumerate(scores))
    return replace(core, scores=scores, outcomes=(*core.outcomes, outcome))


def _participants(game: Game, core: Core) -> tuple[int, ...]:
    return core.tiebreak.remaining if core.tiebreak is not None else tuple(range(len(game.teams)))


def _close_if_all_answered(game: Game, core: Core) -> Core:
    if all(t in core.answered for t in _participants(game, core)):
        return replace(core, phase=DONE, team=None)
    return core


def _judge(game: Game, core: Core, event: Judge) -> Core:
    if core.phase != ANSWERING or core.team is None:
        if core.phase in (SHOWN, OPEN):
            raise RuleError("还没有队伍抢答；按队伍编号记录抢答 (buzz TEAM)")
        if core.phase == TIER:
            raise RuleError("先选择分值 (tier N)")
        raise RuleError("现在没有队伍在作答")
    kind = game.rounds[core.round].kind
    team = core.team
    right_points, wrong_points = _points(game, core)
    delta = right_points if event.right else -wrong_points
    outcome = Outcome(core.round, core.slot, core.question or "", team, "right" if event.right else "wrong",
                      delta, event.option.strip().upper())  # fmt: skip
    core = _record(core, outcome)
    answered = core.answered | {team}
    if kind in ("required", "risk"):
        return replace(core, phase=DONE, answered=answered)
    if kind == "shared":
        pending = [t for t in range(len(game.teams)) if t not in answered]
        if not pending:
            return replace(core, phase=DONE, team=None, answered=answered)
        after = [t for t in pending if t > team]
        return replace(core, team=(after or pending)[0], answered=answered)
    if kind == "sudden_death" and core.tiebreak is not None:
        return _judge_sudden(core, team, event.right, answered)
    if event.right or not game.rounds[core.round].config.rebuzz:
        return replace(
            core, phase=DONE, team=None if not event.right else core.team, answered=answered
        )
    core = replace(core, phase=OPEN, team=None, answered=answered)
    return _close_if_all_answered(game, core)


def _judge_sudden(core: Core, team: int, right: bool, answered: frozenset[int]) -> Core:
    tb = core.tiebreak
    assert tb is not None
    remaining = tuple(t for t in tb.remaining if t != team)
    if right:  # first right answer wins the best place still open
        tb = replace(tb, remaining=remaining, top=(*tb.top, team))
        phase = DONE
    else:  # first wrong answer is out: the worst place still open
        tb = replace(tb, remaining=remaining, bottom=(team, *tb.bottom))
        phase = OPEN
    if len(tb.remaining) <= 1:
        tb = replace(tb, top=(*tb.top, *tb.remaining), remaining=())
        phase = DONE
    elif tb.settled():
        phase = DONE  # the prize line is decided: the teams still in need not play on
    core = replace(core, tiebreak=tb, phase=phase, team=None, answered=answered)
    if phase == OPEN and all(t in answered for t in tb.remaining):
        core = replace(core, phase=DONE)
    return core


def _tiebreak_over(tb: Tiebreak) -> bool:
    return tb.settled()


def _prize_cuts(game: Game, core: Core, teams: tuple[int, ...]) -> tuple[int, ...]:
    """The prize lines that run through ``teams`` (tied, next to each other in the ranking)."""
    order = rank_order(core.scores, core.subranks)
    places = sorted(order.index(t) for t in teams)
    first = places[0]
    if places != list(range(first, first + len(teams))):
        return ()
    cuts, line = [], 0
    for _name, count in game.config.awards:
        line += count
        if first < line < first + len(teams):
            cuts.append(line - first)
    return tuple(dict.fromkeys(cuts))


def _finish_tiebreak(core: Core) -> Core:
    tb = core.tiebreak
    assert tb is not None
    ordered = (*tb.top, *tb.remaining, *tb.bottom)
    places = {team: i for i, team in enumerate(tb.top)}
    places.update({team: len(tb.top) for team in tb.remaining})  # still tied: one shared place
    places.update({team: len(tb.top) + 1 + i for i, team in enumerate(tb.bottom)})
    subranks = list(core.subranks)
    for team, place in places.items():
        subranks[team] = (*subranks[team], place)
    return replace(core, phase=FINISHED, slot=-1, question=None, team=None, answered=frozenset(), tiebreak=None,
                   subranks=tuple(subranks), tiebreaks=(*core.tiebreaks, ordered))  # fmt: skip


def _choose_tier(game: Game, core: Core, event: ChooseTier) -> Core:
    plan = game.rounds[core.round]
    if plan.kind != "risk" or core.phase != TIER:
        raise RuleError("现在不是选择风险题分值的时候")
    tiers = plan.config.tiers
    tier = next((t for t in tiers if t.points == event.points), None)
    if tier is None:
        raise RuleError("没有这个分值；可选 " + " / ".join(str(t.points) for t in tiers))
    unused = [q for q in plan.questions if q.ref not in core.used]
    if not unused:
        raise RuleError("风险题备用题已用完")
    # The tier's own difficulty first, else the nearest (banks often leave difficulty at its default).
    question = min(unused, key=lambda q: abs(q.difficulty - tier.difficulty))
    return replace(
        core,
        phase=ANSWERING,
        tier=tier.points,
        question=question.ref,
        used=core.used | {question.ref},
    )


def _decline(game: Game, core: Core, event: Decline) -> Core:
    if game.rounds[core.round].kind != "risk" or core.phase != TIER:
        raise RuleError("只有风险题选分值时可以放弃")
    return replace(core, phase=DONE)  # no question drawn, nothing scored; the turn goes on


def _pass(game: Game, core: Core, event: Pass) -> Core:
    if core.phase not in (SHOWN, OPEN, ANSWERING):
        raise RuleError("现在没有可以送给观众的题目")
    outcome = Outcome(core.round, core.slot, core.question or "", None, "pass", 0)
    return replace(_record(core, outcome), phase=DONE, team=None)


def _adjust(game: Game, core: Core, event: Adjust) -> Core:
    _check_team(game, event.team)
    if not event.delta:
        raise RuleError("调整分数不能为 0")
    if not event.reason.strip():
        raise RuleError("仲裁调整需要写明原因，例如: adjust 一队 +10 复核后改判正确")
    adjustment = Adjustment(
        event.team, event.delta, event.reason.strip(), event.by, core.round, core.slot
    )
    scores = tuple(s + event.delta if t == event.team else s for t, s in enumerate(core.scores))
    return replace(core, scores=scores, adjustments=(*core.adjustments, adjustment))


def _tiebreak(game: Game, core: Core, event: StartTiebreak) -> Core:
    if core.phase != FINISHED or core.tiebreak is not None:
        raise RuleError("加时赛只能在全部轮次结束后开始")
    sudden = game.sudden_death
    if sudden is None:
        raise RuleError("配置中没有加时赛 (sudden_death) 轮次；可用 adjust 仲裁")
    if event.teams:
        for t in event.teams:
            _check_team(game, t)
        teams = tuple(dict.fromkeys(event.teams))
    else:
        groups = tie_groups_at_boundaries(core.scores, core.subranks, game.config.awards)
        if not groups:
            raise RuleError("没有在奖项分界处同分的队伍，不需要加时赛")
        teams = groups[0]
    if len(teams) < 2:
        raise RuleError("加时赛至少需要两支队伍")
    if core.sudden_used >= len(game.rounds[sudden].questions):
        raise RuleError("加时赛备用题已用完；可用 adjust 仲裁")
    cuts = _prize_cuts(game, core, teams)
    core = _enter_round(game, core, sudden)
    return replace(core, order=teams, tiebreak=Tiebreak(teams=teams, remaining=teams, cuts=cuts))


_HANDLERS = {
    Next: _next,
    Open: _open,
    Buzz: _buzz,
    Judge: _judge,
    ChooseTier: _choose_tier,
    Pass: _pass,
    Decline: _decline,
    Adjust: _adjust,
    StartTiebreak: _tiebreak,
}
