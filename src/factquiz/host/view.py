"""What the host and the room see, as text: shared by plain mode and the full-screen app.

Pure functions of the state (and, for feedback, of the state before an
event); no rules here and no I/O.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

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
from factquiz.host.results import number
from factquiz.host.rules import ANSWERING, DONE, FINISHED, INTRO, OPEN, SHOWN, TIER, State
from factquiz.host.standings import PENDING, Standing, standings
from factquiz.model import CIRCLED, Question, letter

if TYPE_CHECKING:
    from factquiz.host.session import Resumed


def fmt(value: float) -> str:
    return str(number(value))


def signed(value: float) -> str:
    if value == 0:
        return "±0"
    return f"+{fmt(value)}" if value > 0 else f"-{fmt(-value)}"


def round_title(state: State) -> str:
    """第2轮 抢答题 (for rounds named after their kind) or 第2轮 个人必答题（必答题）."""
    plan = state.round
    if state.core.tiebreak is not None:
        return f"{plan.name}（加时赛）" if plan.name != "加时赛" else "加时赛"
    number_ = (
        state.game.main_rounds.index(state.core.round) + 1
        if state.core.round in state.game.main_rounds
        else 0
    )
    kind = plan.config.kind_name
    name = plan.name if kind in plan.name else f"{plan.name}（{kind}）"
    return f"第{number_}轮 {name}"


def round_rules(state: State) -> str:
    """One line explaining the round's scoring to the room."""
    r = state.round.config
    teams = len(state.game.teams)
    points = f"答对 +{fmt(r.points)}" if r.points is not None else "答对得该题分值"
    penalty = f"，答错 −{fmt(r.penalty)}" if r.penalty else ""
    if r.kind == "required":
        return f"各队轮流作答，每队 {r.count} 题；{points}{penalty}"
    if r.kind == "shared":
        return f"共 {r.count} 题，每队都作答同一题；{points}{penalty}"
    if r.kind == "buzz":
        early = f"；宣布开始前抢答扣 {fmt(r.early_penalty)}" if r.early_penalty else ""
        if r.early_warnings:
            first = "首次" if r.early_warnings == 1 else f"前 {r.early_warnings} 次"
            early = (
                f"；宣布开始前抢答为犯规，{first}取消本题资格，之后每次扣 {fmt(r.early_penalty)}"
            )
        void = "，本题作废" if r.void_on_early else ""
        again = "" if r.rebuzz else "；答错后不再抢答"
        return f"共 {r.count} 题，先抢到者作答；{points}{penalty}{early}{void}{again}"
    if r.kind == "risk":
        tiers = " / ".join(fmt(t.points) for t in r.tiers)
        losses = " / ".join(fmt(t.loss) for t in r.tiers)
        wrong = "答错扣分" if losses == tiers else f"答错扣 {losses}"
        return f"各队按得分依次选择分值 {tiers}，答对加分、{wrong}，可放弃；每队 {r.count} 题（{teams} 队）"
    return "答错者出局，先答对者胜"


def question_number(state: State) -> str:
    slots = state.slots()
    n = state.core.slot + 1
    return f"第{n}/{slots}题" if slots else f"第{n}题"


def team_name(state: State, team: int | None) -> str:
    return state.game.teams[team] if team is not None else ""


# How to ask for each action: commands in plain mode, keys in the full-screen app.
PLAIN_WORDS = {"next": "next", "open": "open", "buzz": "buzz 队伍", "tier": "tier 分值", "judge": "right / wrong",
               "pick": "buzz 队伍", "tiebreak": "tiebreak", "decline": "decline"}  # fmt: skip
KEY_WORDS = {"next": "n", "open": "n", "buzz": "队伍编号键", "tier": "数字键 1–9", "judge": "r / w",
             "pick": "队伍编号键", "tiebreak": "x", "decline": "d"}  # fmt: skip


def status_line(state: State, words: dict[str, str] = PLAIN_WORDS) -> str:
    """Who is to act now, and how, in one line."""
    core = state.core
    phase = core.phase
    if phase == INTRO:
        return f"按 {words['next']} 出第一题"
    if phase == TIER:
        tiers = " / ".join(fmt(t.points) for t in state.round.config.tiers)
        return f"请 {team_name(state, core.team)} 选择分值 {tiers}（{words['tier']}；放弃按 {words['decline']}）"
    if phase == SHOWN:
        return f"主持人读题；宣布开始按 {words['open']}，然后按 {words['buzz']} 记录抢答"
    if phase == OPEN:
        out = [team_name(state, t) for t in sorted(core.answered)]
        left = f"（{'、'.join(out)} 已答过）" if out else ""
        return f"开始抢答{left}：{words['buzz']} 记录抢到的队伍"
    if phase == ANSWERING:
        tier = f"（风险 {core.tier} 分）" if core.tier else ""
        shared = f"；{words['pick']} 换判定的队伍" if state.round.kind == "shared" else ""
        return f"{team_name(state, core.team)} 作答{tier}：{words['judge']}{shared}"
    if phase == DONE:
        return f"本题结束；按 {words['next']} 继续"
    if phase == FINISHED:
        tied = state.proposed_tiebreak()
        if tied:
            names = "、".join(team_name(state, t) for t in tied)
            return f"比赛结束；{names} 在奖项分界处同分，按 {words['tiebreak']} 开始加时赛"
        return "比赛结束"
    return phase


def question_lines(
    question: Question, show_answer: bool = False, judge_hint: bool = True
) -> list[str]:
    """The question as text; ``judge_hint=False`` drops "（对 / 错）" where the caller says how to answer."""
    question = question.laid_out()  # a match question: the right column as the room sees it
    lines = [f"[{question.type_name}] {question.stem}"]
    lines += [f"  {CIRCLED[i]} {left}" for i, (left, _) in enumerate(question.pairs)]
    lines += [f"  {letter(i)}. {opt}" for i, opt in enumerate(question.options)]
    if question.type == "judge" and judge_hint:
        lines.append("  （对 / 错）")
    if show_answer:
        lines.append(f"  答案：{question.answer_in_full()}")
    return lines


def reveal_lines(question: Question) -> list[str]:
    lines = [f"答案：{question.answer_in_full()}"]
    if question.type in ("single", "multiple"):
        lines[0] += "  " + "；".join(question.correct_options())
    if question.explanation:
        lines.append(f"解析：{question.explanation}")
    if question.source:
        lines.append(f"原文：{question.source}")
    return lines


def ranking(state: State) -> list[Standing]:
    return standings(state.core.scores, state.core.subranks, state.game.config.awards)


def scoreboard_lines(state: State) -> list[str]:
    """Rank, team, score; awards once every round is over (a mid-game tie is no prize question)."""
    over = state.phase == FINISHED or state.core.tiebreak is not None
    lines = []
    for s in ranking(state):
        award = f"  {s.award}" if s.award and over else ""
        lines.append(f"{s.rank:>2}. {state.game.teams[s.team]}  {fmt(s.score)}{award}")
    return lines


def awards_lines(state: State) -> list[str]:
    by_award: dict[str, list[str]] = {}
    for s in ranking(state):
        if s.award:
            by_award.setdefault(s.award, []).append(state.game.teams[s.team])
    order = [name for name, _ in state.game.config.awards] + [PENDING]
    return [f"{name}：{'、'.join(by_award[name])}" for name in order if name in by_award]


def feedback(before: State, after: State, event: Event) -> str:
    """What the event did, in one line ("一队 答对 +10 → 110")."""
    teams = after.game.teams
    if isinstance(event, (Undo, Redo)):
        which = before.past[-1][1] if isinstance(event, Undo) else before.future[0]
        verb = "撤销" if isinstance(event, Undo) else "重做"
        return f"{verb}：{describe_event(before if isinstance(event, Redo) else after, which)}"
    new = after.core.outcomes[len(before.core.outcomes) :]
    if isinstance(event, Judge) or (isinstance(event, Buzz) and new):
        parts = []
        for o in new:
            label = {"right": "答对", "wrong": "答错", "early": "抢答犯规"}.get(o.result, o.result)
            opt = f"（选 {o.option}）" if o.option else ""
            parts.append(
                f"{teams[o.team]} {label}{opt} {signed(o.delta)} → {fmt(after.core.scores[o.team])}"
            )
        text = "；".join(parts)
        if before.core.tiebreak is not None and isinstance(event, Judge):
            text += "（加时赛" + ("胜出" if event.right else "出局") + "）"
        return text
    if isinstance(event, Adjust):
        return f"仲裁：{teams[event.team]} {signed(event.delta)} → {fmt(after.core.scores[event.team])}（{event.reason}）"
    return describe_event(after, event)


def describe_event(state: State, event: Event) -> str:
    teams = state.game.teams
    if isinstance(event, Next):
        return "下一步" if state.phase != "intro" else f"进入 {round_title(state)}"
    if isinstance(event, Open):
        return "开始答题"
    if isinstance(event, Buzz):
        shared = state.round.kind == "shared"
        phone = "（手机）" if event.arrived else ""
        return f"判定 {teams[event.team]}" if shared else f"{teams[event.team]} 抢答{phone}"
    if isinstance(event, Judge):
        return ("判对" if event.right else "判错") + (f" {event.option}" if event.option else "")
    if isinstance(event, ChooseTier):
        return f"选择 {event.points} 分"
    if isinstance(event, Pass):
        return "送给观众"
    if isinstance(event, Decline):
        return (
            f"{team_name(state, state.core.team)} 放弃风险题"
            if state.core.team is not None
            else "放弃风险题"
        )
    if isinstance(event, Adjust):
        return f"仲裁 {teams[event.team]} {signed(event.delta)}（{event.reason}）"
    if isinstance(event, StartTiebreak):
        return "开始加时赛"
    return event.type


def resumed_line(resumed: Resumed, state: State) -> str:
    """After a resume: the last step on record, so that a step the host did not see acknowledged is not typed twice."""
    how = "上次正常退出" if resumed.clean else "上次没有正常退出（断电、kill 或关闭了终端）"
    last = resumed.last
    if last is None:
        return f"{how}；记录文件里还没有任何操作"
    what = (
        feedback(resumed.before, state, last.event)
        if resumed.before
        else describe_event(state, last.event)
    )
    at = last.at.rpartition("T")[2] or last.at
    return f"{how}；最后记录的是第 {last.seq} 步（{at}）：{what}——已记录，勿重复输入"


def write_failure_lines(
    state: State, pending: Event | None, message: str, retry: str, elsewhere: str
) -> list[str]:
    """Recording stopped (the journal could not be written): what was lost, what is shown, what to do."""
    lines = [f"记录已停止：{message}"]
    if pending is not None:
        lines.append(f"「{describe_unrecorded(state, pending)}」没有记录；比分是最后记录的状态")
    lines.append(
        f"腾出磁盘空间后{retry}重试，或{elsewhere}另存到别处（如U盘）继续；就此退出则这一步不记录"
    )
    return lines


def describe_unrecorded(state: State, event: Event) -> str:
    """An event not yet recorded, as it would read once it is ("一队 答对 +10 → 110")."""
    from factquiz.host.rules import RuleError, apply

    try:
        return feedback(state, apply(state, event), event)
    except RuleError:
        return describe_event(state, event)
