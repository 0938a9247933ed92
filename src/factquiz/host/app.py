"""The full-screen competition console (Textual).

The UI only sends events to the session and draws its state: every rule
lives in ``factquiz.host.rules``. Keys: n next/open, 1–9/0 the team that
buzzed (or, in a risk round, the tier), r right, w wrong, u undo, y redo,
space timer, a answer, p pass, j adjust (仲裁), x tiebreak (加时赛), e export,
? keys, q quit (asks first; so does Ctrl-C). Styles are in app.tcss.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Digits, Footer, Input, Static

from factquiz.errors import FactQuizError
from factquiz.host import view
from factquiz.host.countdown import Countdown
from factquiz.host.events import (
    Adjust,
    Buzz,
    ChooseTier,
    Event,
    Judge,
    Next,
    Open,
    Pass,
    Redo,
    StartTiebreak,
    Undo,
)
from factquiz.host.rules import ANSWERING, DONE, FINISHED, INTRO, OPEN, SHOWN, TIER, State
from factquiz.host.session import Session

DIFFICULTY = {1: "易", 2: "中", 3: "难"}

KEYS_HELP = """\
n      下一题 / 下一轮；抢答题中宣布开始
1–9 0  抢答的队伍（第 1–10 队）；风险题中选第几档分值；共答题中选择要判定的队伍
r / w  判对 / 判错
u / y  撤销 / 重做
空格    暂停 / 继续计时
a      显示 / 隐藏答案、解析和原文
p      无人作答，送给观众
j      仲裁：调整分数并写明原因
x      开始加时赛（奖项分界处同分时）
e      导出成绩 (CSV / JSON)
q      退出（记录已保存，可用 --resume 继续）"""


class ConfirmQuit(ModalScreen[bool]):
    BINDINGS = [Binding("y", "answer(True)", "退出"), Binding("n,escape", "answer(False)", "继续比赛")]

    def __init__(self, journal: str):
        super().__init__()
        self.journal = journal

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("退出比赛？", classes="dialog-title")
            yield Static(f"所有记录都已保存在 {self.journal}\n之后可用 factquiz host --resume 继续。\n\n[b]y[/b] 退出    [b]n[/b] 继续比赛")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class AdjustScore(ModalScreen[str | None]):
    """仲裁: one line "TEAM ±N REASON", parsed like the plain command."""

    BINDINGS = [Binding("escape", "cancel", "取消")]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("仲裁：调整分数", classes="dialog-title")
            yield Static("输入 队伍 ±分数 原因，例如：二队 +10 复核后改判正确")
            yield Input(placeholder="队伍 ±分数 原因", id="adjust-input")
            yield Static("", id="adjust-error")

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class KeysHelp(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark,enter", "close", "关闭")]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("按键", classes="dialog-title")
            yield Static(KEYS_HELP)

    def action_close(self) -> None:
        self.dismiss(None)


class HostApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "factquiz"
    ENABLE_COMMAND_PALETTE = False

    BINDINGS = [
        Binding("n", "next", "下一题"),
        Binding("r", "judge(True)", "对"),
        Binding("w", "judge(False)", "错"),
        Binding("u", "undo", "撤销"),
        Binding("y", "redo", "重做"),
        Binding("space", "timer", "计时"),
        Binding("a", "reveal", "答案"),
        Binding("p", "pass", "送观众", show=False),
        Binding("j", "adjust", "仲裁", show=False),
        Binding("x", "tiebreak", "加时赛"),
        Binding("e", "export", "导出", show=False),
        Binding("question_mark", "keys", "按键"),
        Binding("q", "quit_confirm", "退出"),
        Binding("ctrl+c", "quit_confirm", "退出", show=False, priority=True),
        Binding("t", "tier_hint", "选分值", show=False),
        *(Binding(str(k % 10), f"team({k})", show=False) for k in range(1, 11)),
    ]

    def __init__(self, session: Session):
        super().__init__()
        self.session = session
        self.countdown = Countdown()
        self.revealed = False
        self.changed: dict[int, float] = {}  # team → last score change, highlighted on the scoreboard
        self.message = ""
        self._timer_key: tuple = ()
        # key → action name, to tell "unknown key" from "not now" (a binding greyed out in the footer)
        self._key_actions = {key: b.action.split("(")[0] for b in self.BINDINGS for key in b.key.split(",")}  # type: ignore[union-attr]

    @property
    def state(self) -> State:
        return self.session.state

    def compose(self) -> ComposeResult:
        yield Static(id="topbar")
        with Horizontal(id="body"):
            with VerticalScroll(id="main"):
                yield Static(id="stem")
                yield Static(id="options")
                yield Static(id="reveal")
            with Vertical(id="side"):
                yield Digits("0:00", id="timer")
                yield Static(id="scoreboard")
        yield Static(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.session.game.config.title
        if self.session.notice:
            self.notify(self.session.notice, severity="warning", timeout=10)
        self._sync_timer(force=True)
        self.draw()
        self.set_interval(0.2, self._tick)

    # --- events ---------------------------------------------------------------

    def send(self, event: Event) -> bool:
        """Send one event; draw the new state only once the journal holds it."""
        before = self.state
        try:
            after = self.session.send(event)
        except FactQuizError as exc:
            self.message = exc.message
            self.notify(exc.message, severity="warning", timeout=4)
            self._draw_status()
            return False
        self.message = "" if isinstance(event, (Next, Open)) else view.feedback(before, after, event)
        changes = {t: a - b for t, (a, b) in enumerate(zip(after.scores, before.scores, strict=True)) if a != b}
        if changes:
            self.changed = changes
        if after.core.question != before.core.question or (before.phase == DONE and after.phase != DONE):
            self.revealed = False  # a new question, or an undone judgement: hide the answer again
        if after.phase == DONE and before.phase != DONE:
            self.revealed = True  # the room sees the answer once the question is closed
        if after.phase == FINISHED and before.phase != FINISHED:
            self._export(quiet=False)
        self._sync_timer()
        self.draw()
        self.refresh_bindings()
        return True

    def action_next(self) -> None:
        self.send(Open() if self.state.phase == SHOWN else Next())

    def action_judge(self, right: bool) -> None:
        self.send(Judge(right))

    def action_undo(self) -> None:
        self.send(Undo())

    def action_redo(self) -> None:
        self.send(Redo())

    def action_pass(self) -> None:
        self.send(Pass())

    def action_tiebreak(self) -> None:
        self.send(StartTiebreak())

    def action_team(self, number: int) -> None:
        state = self.state
        if state.phase == TIER:
            tiers = state.round.config.tiers
            if number > len(tiers):
                self.notify(f"只有 {len(tiers)} 档分值", severity="warning")
                return
            self.send(ChooseTier(tiers[number - 1].points))
            return
        if number > len(state.game.teams):
            self.notify(f"没有第 {number} 队", severity="warning")
            return
        self.send(Buzz(number - 1))

    def action_tier_hint(self) -> None:
        tiers = self.state.round.config.tiers if self.state.round.kind == "risk" else ()
        hint = "  ".join(f"{i + 1} → {t.points} 分" for i, t in enumerate(tiers)) or "本轮没有分值可选"
        self.notify(f"按数字键选择分值：{hint}")

    def action_timer(self) -> None:
        self.countdown.toggle()
        self._draw_timer()

    def action_reveal(self) -> None:
        self.revealed = not self.revealed
        self._draw_main()

    def action_export(self) -> None:
        self._export(quiet=False)

    def action_keys(self) -> None:
        self.push_screen(KeysHelp())

    def action_adjust(self) -> None:
        def done(text: str | None) -> None:
            if not text:
                return
            from factquiz.host.plain import CommandError, parse_command

            try:
                event = parse_command("adjust " + text, self.state)
            except CommandError as exc:
                self.notify(exc.message, severity="warning", timeout=6)
                return
            if isinstance(event, Adjust):
                self.send(event)

        self.push_screen(AdjustScore(), done)

    def action_quit_confirm(self) -> None:
        if isinstance(self.screen, ConfirmQuit):
            return

        def done(leave: bool | None) -> None:
            if leave:
                if self.state.core.outcomes or self.state.core.adjustments:
                    self._export(quiet=True)
                self.exit()

        self.push_screen(ConfirmQuit(str(self.session.journal_path)), done)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        state = self.state
        if action == "tiebreak":
            return bool(state.proposed_tiebreak())
        if action == "next":
            return True if state.phase in (INTRO, DONE, SHOWN) else None
        if action == "judge":
            return True if state.phase == ANSWERING else None
        if action == "undo":
            return True if state.can_undo() else None
        if action == "redo":
            return True if state.can_redo() else None
        return True

    def on_key(self, event: Key) -> None:
        if self.screen is not self.screen_stack[0]:
            return
        action = self._key_actions.get(event.key)
        if action is None:
            if event.is_printable:
                self.notify(f"未知按键 {event.character!r}；按 ? 查看按键", timeout=3)
        elif self.check_action(action, ()) is None:
            self.notify(f"现在不能按 {event.key}：{view.status_line(self.state, view.KEY_WORDS)}", timeout=3)

    def _export(self, quiet: bool) -> None:
        try:
            paths = self.session.export()
        except FactQuizError as exc:
            self.notify(f"导出失败：{exc}", severity="error", timeout=8)
            return
        if not quiet:
            self.notify("成绩已导出：" + "  ".join(p.name for p in paths), timeout=6)

    # --- timer ----------------------------------------------------------------

    def _sync_timer(self, force: bool = False) -> None:
        """Restart the countdown when a new question, team or tier comes up."""
        state = self.state
        core = state.core
        key = (core.round, core.slot, core.question, core.team, core.phase in (OPEN, ANSWERING))
        if key == self._timer_key and not force:
            if core.phase in (DONE, FINISHED, INTRO):
                self.countdown.stop()
            return
        self._timer_key = key
        question = state.question
        if question is None or core.phase not in (SHOWN, OPEN, ANSWERING):
            self.countdown.reset(0, run=False)
            return
        limit = state.round.config.time_limit or question.time_limit
        self.countdown.reset(limit, run=core.phase in (OPEN, ANSWERING))

    def _tick(self) -> None:
        if self.countdown.expired_now():
            self.bell()
            self.notify("时间到！", severity="warning", timeout=3)
        self._draw_timer()

    # --- drawing --------------------------------------------------------------

    def draw(self) -> None:
        self._draw_top()
        self._draw_main()
        self._draw_scoreboard()
        self._draw_timer()
        self._draw_status()

    def _draw_top(self) -> None:
        state = self.state
        parts = [state.game.config.title]
        if state.phase != FINISHED:
            parts.append(view.round_title(state))
            if state.core.slot >= 0:
                parts.append(view.question_number(state))
            if state.core.team is not None and state.phase in (ANSWERING, TIER):
                parts.append(f"{view.team_name(state, state.core.team)} 作答")
        self.query_one("#topbar", Static).update(" │ ".join(parts))

    def _draw_main(self) -> None:
        state = self.state
        core = state.core
        stem = self.query_one("#stem", Static)
        options = self.query_one("#options", Static)
        reveal = self.query_one("#reveal", Static)
        question = state.question
        reveal.display = False
        if core.phase == INTRO:
            stem.update(Text(view.round_title(state), style="bold"))
            lines = [view.round_rules(state)]
            if core.tiebreak is not None:
                lines.append("参赛：" + "、".join(view.team_name(state, t) for t in core.tiebreak.teams))
            options.update("\n".join(lines))
        elif core.phase == FINISHED:
            stem.update(Text("比赛结束", style="bold"))
            options.update(self._ranking_text())
        elif core.phase == TIER:
            stem.update(Text(f"请 {view.team_name(state, core.team)} 选择风险题分值", style="bold"))
            tiers = state.round.config.tiers
            options.update(Text("\n".join(f"按 {i + 1}：{t.points} 分（{DIFFICULTY[t.difficulty]}）" for i, t in enumerate(tiers)), style="bold"))
        elif question is not None:
            stem.update(Text(f"{question.type_name}  {question.stem}", style="bold"))
            lines = [f"{chr(65 + i)}. {opt}" for i, opt in enumerate(question.options)]
            if question.type == "judge":
                lines.append("对  /  错")
            options.update(Text("\n".join(lines), style="bold"))
            if self.revealed:
                reveal.update("\n".join(view.reveal_lines(question)))
                reveal.display = True

    def _ranking_text(self) -> Text:
        state = self.state
        text = Text()
        for s in view.ranking(state):
            text.append(f"{s.rank:>2}  {state.game.teams[s.team]}  {view.fmt(s.score)}", style="bold")
            if s.award:
                text.append(f"  {s.award}", style="bold yellow" if s.award != view.PENDING else "bold red")
            text.append("\n")
        tied = state.proposed_tiebreak()
        if tied:
            names = "、".join(view.team_name(state, t) for t in tied)
            text.append(f"\n{names} 同分跨越奖项分界：按 x 开始加时赛", style="bold red")
        return text

    def _draw_scoreboard(self) -> None:
        state = self.state
        core = state.core
        text = Text()
        in_tiebreak = set(core.tiebreak.remaining) if core.tiebreak is not None else None
        for s in view.ranking(state):
            name = state.game.teams[s.team]
            number = s.team + 1
            marker = "▶" if s.team == core.team and core.phase in (ANSWERING, TIER) else " "
            style = "bold reverse" if s.team in self.changed else "bold"
            if in_tiebreak is not None and s.team not in in_tiebreak:
                style = "dim"
            if s.team in core.answered and core.phase in (OPEN, SHOWN, ANSWERING):
                style += " strike" if state.round.kind in ("buzz", "sudden_death") else ""
            line = f"{marker}{number % 10} {name}"
            text.append(line, style=style)
            score = view.fmt(s.score)
            delta = f" {view.signed(self.changed[s.team])}" if s.team in self.changed else ""
            text.append(" " + score, style=style)
            if delta:
                text.append(delta, style="bold green" if self.changed[s.team] > 0 else "bold red")
            text.append("\n")
        self.query_one("#scoreboard", Static).update(text)

    def _draw_timer(self) -> None:
        timer = self.query_one("#timer", Digits)
        timer.update(self.countdown.text())
        colour = self.countdown.colour() if self.countdown.limit else "idle"
        for name in ("green", "yellow", "red", "idle"):
            timer.set_class(name == colour, name)
        timer.set_class(not self.countdown.running, "paused")

    def _draw_status(self) -> None:
        status = view.status_line(self.state, view.KEY_WORDS)
        message = f"  ·  {self.message}" if self.message else ""
        self.query_one("#status", Static).update(Text(status, style="bold") + Text(message))


def run_app(session: Session) -> None:
    HostApp(session).run()
