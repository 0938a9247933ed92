"""The full-screen competition console (Textual).

The UI only sends events to the session and draws its state: every rule
lives in ``factquiz.host.rules``. Keys: n next/open, 1–9/0 the team that
buzzed (or, in a risk round, the tier), r right, w wrong, u undo, y redo,
space timer, a answer, b then a digit for teams 11–20 (b b: type a number or name), p pass, j adjust (仲裁), x tiebreak (加时赛), e export,
? keys, q quit (asks first; so does Ctrl-C). Styles are in app.tcss.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

from rich.cells import cell_len
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.events import Key
from textual.widget import Widget
from textual.widgets import Digits, Footer, Static

from factquiz.errors import FactQuizError
from factquiz.host import view
from factquiz.host.countdown import Countdown, follow
from factquiz.host.dialogs import (
    ConfirmQuit,
    KeysHelp,
    WriteFailed,
    adjust_dialog,
    saveas_dialog,
    team_dialog,
)
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
from factquiz.host.journal import JournalWriteError
from factquiz.host.rules import ANSWERING, DONE, FINISHED, INTRO, SHOWN, TIER, State
from factquiz.host.session import Session
from factquiz.host.widgets import (
    Paragraph,
    QuestionArea,
    Scoreboard,
    WrappedText,
    ranking_table,
    tie_notice,
    wrap_paragraphs,
)
from factquiz.model import CIRCLED, letter

if TYPE_CHECKING:
    from factquiz.screen.live import Live

DIFFICULTY = {1: "易", 2: "中", 3: "难"}
W = TypeVar("W", bound=Widget)


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
        Binding("space", "timer", "计时", key_display="空格"),
        Binding("c", "restart_timer", "重新计时", show=False),
        Binding("h", "host_view", "主持人视图", show=False),
        Binding("a", "reveal", "答案"),
        Binding("p", "pass", "送观众", show=False),
        Binding("d", "decline", "放弃", show=False),
        Binding("j", "adjust", "仲裁", show=False),
        Binding("x", "tiebreak", "加时赛"),
        Binding("e", "export", "导出", show=False),
        Binding("question_mark", "keys", "按键"),
        Binding("q", "quit_confirm", "退出"),
        Binding("ctrl+c", "quit_confirm", "退出", show=False, priority=True),
        Binding("t", "tier_hint", "选分值", show=False),
        Binding(
            "b", "pick_team", "11–20队", key_display="b+个位"
        ),  # shown only with more than 10 teams (check_action)
        Binding("escape", "cancel_prefix", show=False),
        *(Binding(str(k % 10), f"team({k})", show=False) for k in range(1, 11)),
    ]

    TICK = 0.2  # seconds between two looks at the clock (the countdown, the hint's end)

    def __init__(self, session: Session, light: bool = False, host_view: bool = False,
                 live: Live | None = None, rehearsal: bool = False,
                 clock: Callable[[], float] = time.monotonic):  # fmt: skip
        """``clock`` drives the countdown and how long a hint stays (tests move their own)."""
        super().__init__()
        self.clock = clock
        self.session = session
        self.host_view = host_view  # answer, id and source for the host before the reveal (h)
        self.light = light  # a light theme for bright halls
        self.live = live  # the audience screen and phone buzzers, when served (--screen, --buzzers)
        self.rehearsal = rehearsal  # 彩排: shown in the top bar
        self.notice: tuple[str, str] = (
            "",
            "",
        )  # (text, severity) under the status line, for a few seconds
        self._notice_until = 0.0  # clock reading when the hint goes away
        self._shown: dict[str, tuple] = {}  # selector → (what a Static shows, its lines): see _put
        self.countdown = Countdown(clock)
        self.revealed = False
        self.changed: dict[
            int, float
        ] = {}  # team → last score change, highlighted on the scoreboard
        self.message = ""
        self.export_error = ""  # results that could not be written: shown until an export works
        self._timer_key: tuple = ()
        self.tens = False  # "b" was pressed: the next digit picks team 11–20 (b 1 → 11 … b 0 → 20)
        # key → action name, to tell "unknown key" from "not now" (a binding greyed out in the footer)
        self._key_actions = {
            key: b.action.split("(")[0] for b in self.BINDINGS for key in b.key.split(",")
        }  # type: ignore[union-attr]

    @property
    def state(self) -> State:
        return self.session.state

    def compose(self) -> ComposeResult:
        yield Static(id="topbar")
        with Horizontal(id="body"):
            with Vertical(id="main"):
                with Horizontal(id="qhead"):
                    yield Static(id="qinfo")
                    yield Digits("0:00", id="timer")
                with QuestionArea(id="question"):
                    yield WrappedText(id="kind")
                    yield WrappedText(id="stem")
                    yield WrappedText(id="options")
                    yield Static(id="ranking")
                    yield WrappedText(id="tienote")
                    yield WrappedText(id="reveal")
            yield Scoreboard(id="scoreboard")
        yield Static(id="status")
        yield Footer(compact=True)  # every key fits at 80 columns, "b+个位" with 11–20 teams too

    def on_mount(self) -> None:
        if self.light:
            self.theme = "textual-light"
        self.title = self.session.game.config.title
        if self.session.notice:
            self.notify(self.session.notice, severity="warning", timeout=6)
        if self.session.resumed is None:
            # The teams as read (a list typed with full-width commas once became one team).
            teams = self.session.game.teams
            self.message = f"读到 {len(teams)} 支队伍：{'、'.join(teams)}"
            if len(self.message) > 36:  # one line beside the status at 80 columns
                self.message = f"读到 {len(teams)} 支队伍：{teams[0]} … {teams[-1]}"
        else:
            # In the status line until the next step: the host checks it before typing anything again.
            self.message = view.resumed_line(self.session.resumed, self.state)
        self._sync_timer(force=True)
        self.draw()
        self.set_interval(self.TICK, self.tick)
        if self.live is not None:
            self.live.submit = self._submit_from_phone
            self._publish()
            if self.live.codes is not None and not self.message:
                # In the status line until the first step: where the teams' codes are to print.
                self.message = f"各队抢答器二维码：{self.live.codes.name}（开赛前大屏上也有）"
                self._draw_status()

    # --- events ---------------------------------------------------------------

    def send(self, event: Event) -> bool:
        """Send one event; draw the new state only once the journal holds it."""
        refused = self._send(event)
        # Refused by the rules: say why (a journal that cannot be written has its own dialog).
        if refused and self.session.pending is None:
            self.notify(refused, severity="warning", timeout=4)
        return not refused

    def _submit_from_phone(self, event: Event) -> tuple[bool, str]:
        """A phone's Buzz, from the server's thread: sent here, between two key presses."""
        try:
            refused = self.call_from_thread(self._send, event)
        except RuntimeError:  # the console is closing
            return False, "主持人控制台已关闭"
        return not refused, refused or ""

    def _publish(self) -> None:
        if self.live is not None:
            self.live.publish(self.state, self.countdown)

    def _send(self, event: Event) -> str:
        """Send, record and draw one event; why it was not recorded, or "" when it was."""
        before = self.state
        try:
            after = self.session.send(event)
        except JournalWriteError as exc:
            self._write_failed(exc)
            return "主持人电脑无法记录，请告诉主持人"
        except FactQuizError as exc:  # refused by the rules
            return exc.message
        self._recorded(before, after, event)
        return ""

    def _recorded(self, before: State, after: State, event: Event) -> None:
        self.message = (
            "" if isinstance(event, (Next, Open)) else view.feedback(before, after, event)
        )
        changes = {
            t: a - b
            for t, (a, b) in enumerate(zip(after.scores, before.scores, strict=True))
            if a != b
        }
        if after.core.question != before.core.question and not changes:
            self.changed = {}  # a new question starts with an unmarked scoreboard
        elif changes:
            self.changed = changes
        if after.core.question != before.core.question or (
            before.phase == DONE and after.phase != DONE
        ):
            self.revealed = False  # a new question, or an undone judgement: hide the answer again
        if after.phase == DONE and before.phase != DONE:
            # The room sees the answer once the question is closed; a question handed to the
            # audience (送给观众) is theirs to answer first: the host reveals it with a.
            self.revealed = not isinstance(event, Pass)
            if isinstance(event, Pass):
                self.message = "送给观众：请观众作答，按 a 揭晓答案"
        if after.phase == FINISHED and before.phase != FINISHED:
            self._export(quiet=False)
        self._sync_timer()
        self.draw()
        self._publish()
        self.refresh_bindings()

    def _write_failed(self, exc: FactQuizError) -> None:
        """Recording stopped: a dialog that stays until the host retries, saves elsewhere, or quits."""
        lines = view.write_failure_lines(
            self.state, self.session.pending, exc.message, "按 r ", "按 s "
        )
        self._draw_status()

        def chosen(choice: str | None) -> None:
            if choice == "quit":
                self.exit(return_code=1)
            elif choice == "saveas":
                path = self.session.journal_path
                stem = path.name.removesuffix(".journal.jsonl").removesuffix(".jsonl")
                suggested = str(path.with_name(f"{stem}-2.journal.jsonl"))
                self.push_screen(saveas_dialog(suggested), self._save_elsewhere)
            else:
                self._write_again(lambda: self.session.retry())

        self.push_screen(WriteFailed(lines), chosen)

    def _save_elsewhere(self, text: str | None) -> None:
        from pathlib import Path

        if not text or not text.strip():
            self._write_failed(JournalWriteError("没有给出另存的路径"))
            return
        self._write_again(lambda: self.session.save_elsewhere(Path(text.strip()).expanduser()))

    def _write_again(self, write) -> None:
        event = self.session.pending
        before = self.state
        try:
            after = write()
        except FactQuizError as exc:
            self._write_failed(exc)
            return
        if event is not None:
            self._recorded(before, after, event)
        self.notify(f"已记录，记录文件：{self.session.journal_path}", timeout=4)

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

    def action_decline(self) -> None:
        self.send(Decline())

    def action_tiebreak(self) -> None:
        self.send(StartTiebreak())

    def action_team(self, number: int) -> None:
        state = self.state
        if self.tens:
            self._set_tens(False)
            number += 10
        elif state.phase == TIER:
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
        hint = (
            "  ".join(f"{i + 1} → {t.points} 分" for i, t in enumerate(tiers)) or "本轮没有分值可选"
        )
        self.notify(f"按数字键选择分值：{hint}")

    def action_timer(self) -> None:
        self.countdown.toggle()
        self._draw_timer()
        self._draw_status()
        self._publish()

    def action_restart_timer(self) -> None:
        """c: the full time again, running (the question was read out again, or a team gets a new turn)."""
        if self.countdown.limit:
            self.countdown.reset(self.countdown.limit, run=True)
            self._draw_timer()
            self._draw_status()
            self._publish()

    def action_host_view(self) -> None:
        """h: the host's own view of the answer, question id and source (when the room sees another screen)."""
        self.host_view = not self.host_view
        self.notify(
            "主持人视图：题目下方显示答案、题号和原文（观众屏不显示）"
            if self.host_view
            else "主持人视图已关闭"
        )
        self._draw_main()

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

        self.push_screen(adjust_dialog(), done)

    def action_pick_team(self) -> None:
        """b then a digit: team 11–20; b twice: type a team's number or name."""
        if not self.tens:
            self._set_tens(True)
            return
        self._set_tens(False)

        def done(text: str | None) -> None:
            if not text or not text.strip():
                return
            from factquiz.host.plain import CommandError, find_team

            try:
                team = find_team(self.state, text.strip())
            except CommandError as exc:
                self.notify(exc.message, severity="warning", timeout=6)
                return
            self.send(Buzz(team))

        self.push_screen(team_dialog(), done)

    def action_cancel_prefix(self) -> None:
        self._set_tens(False)

    def _set_tens(self, on: bool) -> None:
        if self.tens != on:
            self.tens = on
            self._draw_status()

    def action_quit_confirm(self) -> None:
        if isinstance(self.screen, ConfirmQuit):
            return

        def done(leave: bool | None) -> None:
            if leave:
                if self.state.core.outcomes or self.state.core.adjustments:
                    self._export(quiet=True)
                unsaved = self.session.pending is not None or bool(self.export_error)
                self.exit(return_code=1 if unsaved else 0)

        self.push_screen(ConfirmQuit(str(self.session.journal_path)), done)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        state = self.state
        if action == "tiebreak":
            return bool(state.proposed_tiebreak())
        if (
            action == "pick_team"
        ):  # in the footer only when some teams have no digit key of their own
            return len(state.game.teams) > 10
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
        if self.tens and action not in ("team", "pick_team", "cancel_prefix"):
            self._set_tens(False)  # b then another key: the key does what it always does
        if action is None:
            if event.is_printable:
                self.notify(f"未知按键 {event.character!r}；按 ? 查看按键", timeout=3)
        elif self.check_action(action, ()) is None:
            self.notify(
                f"现在不能按 {event.key}：{view.status_line(self.state, view.KEY_WORDS)}", timeout=3
            )

    def _export(self, quiet: bool) -> None:
        try:
            paths = self.session.export()
        except FactQuizError as exc:
            self.export_error = f"成绩没有导出：{exc.message}（按 e 再试）"
            self._draw_status()
            return
        self.export_error = ""
        if not quiet:
            # In the status line, not a toast over it: the host still sees what to press next,
            # and the next event's feedback replaces it.
            self.message = export_notice([p.name for p in paths])
            self._draw_status()

    def notify(self, message: str, *, title: str = "", severity: str = "information",
               timeout: float | None = None, markup: bool = True) -> None:  # fmt: skip
        """Hints go under the status line, not in a toast: Textual's toasts cut Chinese characters
        where they overlap a widget's edge, and they cover the status line the host reads."""
        self.notice = (message, severity)
        self._notice_until = self.clock() + (timeout or 4)
        if self.screen_stack:
            self._draw_status()

    # --- timer ----------------------------------------------------------------

    def _sync_timer(self, force: bool = False) -> None:
        """Set the countdown for a new question; start it when buzzing opens; freeze it when judged."""
        self._timer_key = follow(self.countdown, self.state, self._timer_key, force)

    def tick(self) -> None:
        """A look at the clock (every TICK seconds): the bell at zero, the timer, a hint that is over."""
        if not self.screen_stack or not self.is_running:
            return
        try:
            if self.countdown.expired_now():
                self.bell()
                self.notify("时间到！", severity="warning", timeout=3)
                self._publish()
            elif self.notice[0] and self.clock() >= self._notice_until:
                self.notice = ("", "")
                self._draw_status()
            self._draw_timer()
        except NoMatches:  # the app is closing and its widgets are gone
            pass

    # --- drawing --------------------------------------------------------------

    def _widget(self, selector: str, kind: type[W]) -> W:
        # Query the main screen, not the active one: the timer keeps ticking under a dialog.
        return (
            self.screen_stack[0].query_one(selector, kind)
            if self.screen_stack
            else self.query_one(selector, kind)
        )

    def _put(self, selector: str, content: Text, layout: bool | None = None) -> None:
        """Show ``content`` in a Static, only when it changes: every update with a layout lays out the
        whole screen again, the slowest part of answering a key. ``layout`` None: only when the
        number of lines changes (the status line grows to two lines and back)."""
        shown = (content.plain, tuple(content.spans), str(content.style))
        if self._shown.get(selector, (None,))[0] == shown:
            return
        widget = self._widget(selector, Static)
        width = max(widget.content_size.width, 1)
        height = len(content.wrap(self.console, width))  # as the Static will wrap it
        if layout is None:
            layout = self._shown.get(selector, (None, -1))[1] != height
        self._shown[selector] = (shown, height)
        widget.update(content, layout=layout)

    def draw(self) -> None:
        self._draw_top()
        self._draw_main()
        self._draw_scoreboard()
        self._draw_timer()
        self._draw_status()

    def _draw_top(self) -> None:
        state = self.state
        parts = [state.game.config.title]
        if self.rehearsal:
            parts.insert(0, "【彩排】")
        if state.phase != FINISHED:
            parts.append(view.round_title(state))
        if self.live is not None:
            parts.append(f"大屏 {self.live.url}")
        self._put("#topbar", Text(" │ ".join(parts)), layout=False)  # one line, always
        info = Text()
        if state.phase not in (FINISHED, INTRO) and state.core.slot >= 0:
            info.append(view.question_number(state), style="bold")
            if state.core.team is not None and state.phase in (ANSWERING, TIER):
                info.append(
                    f"\n {view.team_name(state, state.core.team)} 作答 ",
                    style="bold black on yellow",
                )
        self._put("#qinfo", info, layout=False)  # its box is as tall as the timer beside it

    def _draw_main(self) -> None:
        state = self.state
        core = state.core
        kind = self._widget("#kind", WrappedText)
        stem = self._widget("#stem", WrappedText)
        options = self._widget("#options", WrappedText)
        ranking = self._widget("#ranking", Static)
        reveal = self._widget("#reveal", WrappedText)
        tienote = self._widget("#tienote", WrappedText)
        question = state.question
        kind.update()
        notice = tie_notice(state) if core.phase == FINISHED else None
        tienote.update(*([notice] if notice else []))
        tienote.display = notice is not None
        reveal.display = False
        ranking.display = core.phase == FINISHED
        if core.phase == INTRO:
            stem.update(Paragraph(view.round_title(state)))
            lines = [Paragraph(view.round_rules(state))]
            if core.tiebreak is not None:
                lines.append(
                    Paragraph.labelled(
                        "参赛：", "、".join(view.team_name(state, t) for t in core.tiebreak.teams)
                    )
                )
            options.update(*lines)
        elif core.phase == FINISHED:
            stem.update(Paragraph("比赛结束"))
            options.update()
            ranking.update(ranking_table(state))
        elif core.phase == TIER:
            stem.update(Paragraph(f"请 {view.team_name(state, core.team)} 选择风险题分值"))
            tiers = state.round.config.tiers
            options.update(
                *(
                    Paragraph(f"按 {i + 1}：{t.points} 分（{DIFFICULTY[t.difficulty]}）{_loss(t)}")
                    for i, t in enumerate(tiers)
                ),
                Paragraph("按 d：放弃（不答题，不计分）"),
            )
        elif question is not None:
            limit = state.round.config.time_limit or question.time_limit
            points = self._points(question)
            worth = (
                f" · {view.fmt(points)} 分" if points else ""
            )  # a tiebreak (加时赛) question is worth nothing
            kind.update(Paragraph(f"{question.type_name}{worth} · {limit} 秒"))
            stem.update(Paragraph(question.stem))
            question = question.laid_out()  # a match question: its right column shuffled
            right = set(question.correct) if self.revealed else set()
            lines = [
                Paragraph.labelled(f" {CIRCLED[i]} ", left)
                for i, (left, _) in enumerate(question.pairs)
            ]
            lines += [
                Paragraph.labelled(
                    f"{'✓' if i in right else ' '}{letter(i)}. ",
                    opt,
                    "bold green" if i in right else "",
                )
                for i, opt in enumerate(question.options)
            ]
            if question.type == "judge":
                verdicts = (
                    ("正确", "错误")
                    if not self.revealed
                    else ("✓ 正确", "  错误")
                    if question.truth
                    else ("  正确", "✓ 错误")
                )
                lines.append(
                    Paragraph(
                        f"{verdicts[0]}    {verdicts[1]}", "bold green" if self.revealed else ""
                    )
                )
            if self.revealed or self.host_view:
                host = not self.revealed
                reveal.update(*self._fit_reveal(question, stem, lines, host=host))
                reveal.set_class(host, "hostonly")
                reveal.display = True
            options.update(*lines, gap=self._roomy(stem, reveal, lines))
        else:
            stem.update()
            options.update()

    def _points(self, question) -> float:
        if self.state.round.kind == "sudden_death":
            return 0  # a tiebreak decides places, it scores nothing
        points = self.state.round.config.points
        if self.state.core.tier:
            return self.state.core.tier
        return question.points if points is None else points

    def _fit_reveal(self, question, stem: WrappedText, options: list[Paragraph],
                    host: bool = False) -> list[Paragraph]:  # fmt: skip
        """The answer (letters only: the options above are marked ✓), the explanation, and the source (dimmer).

        What does not fit under the question is cut, the source first, then the
        explanation, so that the stem, the options and the answer stay on screen at 80×24.
        ``host``: the host's own view before the reveal (answer, question id, source).
        """
        answer = Paragraph.labelled("答案：", question.answer_in_full(), "bold green")
        if host:
            answer = Paragraph.labelled(
                "仅主持人：",
                f"答案 {question.answer_in_full()} · 题号 {question.ref}",
                "bold yellow",
            )
        explanation = (
            Paragraph.labelled("解析：", question.explanation) if question.explanation else None
        )
        source = Paragraph.labelled("原文：", question.source, "dim") if question.source else None
        cut = lambda p, n: replace(p, max_lines=n) if p else None  # noqa: E731
        variants = [
            [answer, explanation, source],
            [answer, explanation, cut(source, 1)],
            [answer, explanation],
            [answer, cut(explanation, 2)],
            [answer],
        ]
        height, width = (
            self._widget("#question", QuestionArea).content_size.height,
            stem.content_size.width,
        )
        if not height or not width:
            return [p for p in variants[0] if p]
        # kind line with its margin, stem and its margin, options (padded by 2), the reveal's margin
        used = 2 + len(stem.lines(width)) + 1 + len(wrap_paragraphs(options, width - 2)) + 1
        for variant in variants:
            paragraphs = [p for p in variant if p]
            if (
                used + len(wrap_paragraphs(paragraphs, width - 3)) <= height
            ):  # the reveal: a bar and padding
                return paragraphs
        return [answer]

    def _roomy(self, stem: WrappedText, reveal: WrappedText, lines: list[Paragraph]) -> bool:
        """Whether the options fit with a blank line between them (at the widths and height of now)."""
        height, width = (
            self._widget("#question", QuestionArea).content_size.height,
            stem.content_size.width,
        )
        if not height or not width or len(lines) < 2:
            return False
        used = 2 + len(stem.lines(width)) + 1  # the kind line, the stem and their margins
        if reveal.display:
            used += len(reveal.lines(width - 3)) + 1
        return used + len(wrap_paragraphs(lines, width - 2, gap=True)) <= height

    def on_resize(self, event) -> None:
        """Scale the layout: on a big screen (160×45) the scoreboard takes about a third of the width
        (long team names show whole) instead of a fixed 28 columns beside an empty question area."""
        width = event.size.width
        board = self._widget("#scoreboard", Scoreboard)
        board.styles.width = max(28, min(width * 3 // 10, 60))
        # A tall screen: the question in the middle of its area, not under an empty lower half.
        area = self._widget("#question", QuestionArea)
        area.styles.align_vertical = "middle" if event.size.height >= 40 else "top"

    def on_question_area_resized(self) -> None:
        self._draw_main()  # the gaps between options and how much of the reveal fits depend on the room there is

    def _draw_scoreboard(self) -> None:
        self._widget("#scoreboard", Scoreboard).show(self.state, self.changed)

    def _draw_timer(self) -> None:
        timer = self._widget("#timer", Digits)
        if timer.value != self.countdown.text():  # five ticks a second, one change a second
            timer.update(self.countdown.text())
        colour = self.countdown.colour() if self.countdown.limit else "idle"
        for name in ("green", "yellow", "red", "idle"):
            timer.set_class(name == colour, name)
        # Dim only while paused part-way: 0:00 stays bright red, the room must see time is up.
        left = self.countdown.remaining()
        timer.set_class(not self.countdown.running and 0 < left < self.countdown.limit, "paused")

    def _timer_waits(self) -> bool:
        """A question is being answered and its countdown has not been started (space starts it)."""
        c = self.countdown
        buzzing = self.state.round.kind in ("buzz", "sudden_death")
        return (self.state.phase == ANSWERING and not buzzing and bool(c.limit) and not c.running
                and c.remaining() == c.limit)  # fmt: skip

    def _draw_status(self) -> None:
        if self.tens:
            last = len(self.state.game.teams)
            self._put("#status", Text(
                f"第 11–{last} 队：再按个位数字（1 → 11 … {last % 10} → {last}）；再按 b 输入队名；Esc 取消",
                style="bold reverse"))  # fmt: skip
            return
        words = view.KEY_WORDS
        if self.state.round.kind == "risk":
            words = {**words, "tier": f"数字键 1–{len(self.state.round.config.tiers)}"}
        if len(self.state.game.teams) > 10:
            words = {
                **words,
                "buzz": "队伍编号键（11 队起先按 b）",
                "pick": "队伍编号键（11 队起先按 b）",
            }
        widget = self._widget("#status", Static)
        if self.session.pending is not None:
            self._put(
                "#status",
                Text(
                    "记录已停止：最后一步没有写进记录文件（按 r 重试 / s 另存）",
                    style="bold white on red",
                ),
            )
            return
        status = view.status_line(self.state, words)
        if self._timer_waits():
            status += "；空格 开始计时"
        text, severity = self.notice
        if text:
            style = {"warning": "bold black on yellow", "error": "bold white on red"}.get(
                severity, "bold reverse"
            )
            self._put("#status", Text(status, style="bold") + Text("\n") + Text(text, style=style))
            return
        if self.export_error:
            self._put(
                "#status",
                Text(status, style="bold")
                + Text("\n" + self.export_error, style="bold white on red"),
            )
            return
        message = self.message
        if message:
            # Beside the status when both fit on one line, else on the line below: never cut mid-word by rich.
            width = widget.content_size.width or 78
            joined = cell_len(status) + 5 + cell_len(message) <= width
            message = f"  ·  {message}" if joined else f"\n{message}"
        self._put("#status", Text(status, style="bold") + Text(message))


def _loss(tier) -> str:
    """ "，答错 −10" when a tier takes off other than what it gives."""
    return f"，答错 −{tier.loss}" if tier.loss != tier.points else ""


def export_notice(names: list[str]) -> str:
    """ "成绩已导出 4 个文件：j.*" — short enough to share the status line at 80 columns."""
    import os

    prefix = os.path.commonprefix(names)
    if len(names) > 1 and "." in prefix:
        return f"成绩已导出 {len(names)} 个文件：{prefix[: prefix.rindex('.') + 1]}*"
    return "成绩已导出：" + "  ".join(names)


def run_app(session: Session, light: bool = False, host_view: bool = False, live: Live | None = None,
            rehearsal: bool = False) -> int:  # fmt: skip
    """Run the console; the exit status (1 when a step or the results could not be saved)."""
    app = HostApp(session, light, host_view, live, rehearsal)
    app.run()
    return app.return_code or 0
