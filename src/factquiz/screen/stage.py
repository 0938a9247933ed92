"""The stage: what the room's pages show now, who listens, and the buzzer desk behind them.

The console calls ``publish`` after every change (from its own thread); the
web server reads the latest views and waits for the next change. A phone's
press goes to the desk, and a press that counts becomes a ``Buzz`` that the
console's ``submit`` sends through its Session (journaled before it is
shown, like a key press). Nothing here changes a score or judges.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from factquiz.host.events import Event
from factquiz.host.rules import ANSWERING, OPEN, SHOWN, State
from factquiz.host.standings import standings
from factquiz.host.view import fmt
from factquiz.screen.audience import Timer, audience_view
from factquiz.screen.buzzers import BUZZ_KINDS, BuzzDesk, Press, RateLimit


def _refuse_all(event: Event) -> tuple[bool, str]:
    return False, "控制台还没有准备好"


@dataclass
class Join:
    """A team's phone page: its address, and that address as a QR code (SVG)."""

    team: int
    name: str
    url: str
    svg: str = ""


class _Listener:
    def __init__(self, loop: asyncio.AbstractEventLoop):
        self.loop = loop
        self.changed = asyncio.Event()

    def wake(self) -> None:
        try:
            self.loop.call_soon_threadsafe(self.changed.set)
        except RuntimeError:  # its loop has closed: the page went away
            pass


class Stage:
    """Latest state and timer, the pages' listeners, and the buzzer desk (when phones are used)."""

    def __init__(self, state: State, *, rehearsal: bool = False, desk: BuzzDesk | None = None,
                 rate: RateLimit | None = None, clock: Callable[[], float] = time.monotonic):  # fmt: skip
        self._lock = threading.Lock()
        self._state = state
        self._timer = Timer()
        self._sent_at = clock()
        self._clock = clock
        self.rehearsal = rehearsal
        self.desk = desk
        self.rate = rate or RateLimit(clock=clock)
        self.submit: Callable[[Event], tuple[bool, str]] = _refuse_all
        self.joins: list[Join] = []
        self.url = ""
        self.closed = False
        self._listeners: set[_Listener] = set()
        self._cached: tuple[State | None, dict[str, Any]] = (None, {})
        # team → (question, its last press on it): its phone says what became of the press
        self._last: dict[int, tuple[tuple, Press]] = {}
        if desk is not None:
            desk.follow(state)

    # --- the console's side ---------------------------------------------------

    def publish(self, state: State, timer: Timer | None = None) -> None:
        """The console shows a new state (or a changed timer): tell every page."""
        with self._lock:
            self._state = state
            if timer is not None:
                self._timer = timer
                self._sent_at = self._clock()
            if self.desk is not None:
                self.desk.follow(state)
            listeners = list(self._listeners)
        for listener in listeners:
            listener.wake()

    def close(self) -> None:
        self.closed = True
        for listener in list(self._listeners):
            listener.wake()

    # --- the pages' side ------------------------------------------------------

    @property
    def state(self) -> State:
        return self._state

    def audience(self) -> dict[str, Any]:
        with self._lock:
            state, timer = self._state, self._current_timer()
            presses = self.desk.presses() if self.desk is not None else []
        if self._cached[0] is not state:  # once per state, however many pages listen
            self._cached = (state, audience_view(state, Timer(), self.rehearsal))
        out = {**self._cached[1], "timer": timer.to_json()}
        out["buzzers"] = self.desk is not None
        out["presses"] = [
            {**p.to_json(), "name": state.game.teams[p.team]}
            for p in presses
            if p.result in ("first", "late", "early")
        ]
        out["join"] = (
            [{"name": j.name, "url": j.url, "svg": j.svg} for j in self.joins]
            if state.events == 0
            else []
        )
        return out

    def phone(self, team: int) -> dict[str, Any]:
        """One team's phone page: its name, score and place, and whether its button counts now."""
        with self._lock:
            state = self._state
            last = self._last.get(team)
            presses = self.desk.presses() if self.desk is not None else []
        core = state.core
        rank = next(
            s.rank
            for s in standings(core.scores, core.subranks, state.game.config.awards)
            if s.team == team
        )
        pressed = next((p for p in presses if p.team == team), None)
        buzz_round = state.round.kind in BUZZ_KINDS and (
            core.tiebreak is None or team in core.tiebreak.remaining
        )
        live = (
            buzz_round
            and core.phase in (SHOWN, OPEN)
            and team not in core.answered
            and pressed is None
        )
        if core.phase == OPEN:
            status = "抢答开始！" if live else "本题不能再抢"
        elif core.phase == SHOWN and buzz_round:
            config = state.round.config
            early = "，提前按算犯规" if config.early_penalty or config.early_warnings else ""
            status = (
                f"请听题：主持人宣布开始后再按{early}"
                if team not in core.answered
                else "本题不能再抢"
            )
        elif core.phase == ANSWERING:
            status = "本队作答" if core.team == team else f"{state.game.teams[core.team]} 作答中"
        else:
            status = "等待抢答题" if not buzz_round else "等待下一题"
        return {
            "seq": state.events,
            "title": state.game.config.title,
            "rehearsal": self.rehearsal,
            "team": state.game.teams[team],
            "score": fmt(core.scores[team]),
            "rank": rank,
            "teams": len(state.game.teams),
            "open": core.phase == OPEN and live,
            "live": live,
            "answering": core.phase == ANSWERING and core.team == team,
            "status": status,
            "pressed": pressed.to_json() if pressed else None,
            "note": last[1].message if last is not None and last[0] == _question_key(state) else "",
        }

    def press(self, token: str, client: str) -> tuple[int, dict[str, Any]]:
        """A phone's press: (HTTP status, reply). Called by one server thread at a time."""
        if self.desk is None:
            return 404, {"error": "本场比赛没有开启手机抢答"}
        team = self.desk.team_of(token)
        if team is None:
            return 403, {"error": "选手码无效：请扫描本队的二维码"}
        if not self.rate.allow(f"{client}/{token}"):
            return 429, {"error": "按得太快了，请稍候再按"}
        with self._lock:
            state = self._state
        press = self.desk.press(team, state, self.submit)
        with self._lock:
            self._last[team] = (_question_key(state), press)
        for listener in list(self._listeners):
            listener.wake()
        status = 409 if press.result == "refused" else 200
        return status, press.to_json()

    def _current_timer(self) -> Timer:
        timer = self._timer
        if not timer.running:
            return timer
        left = max(timer.left - (self._clock() - self._sent_at), 0.0)
        return Timer(timer.limit, left, left > 0)

    async def changes(self):
        """Yield once now and again after every change, until the stage closes."""
        listener = _Listener(asyncio.get_running_loop())
        self._listeners.add(listener)
        try:
            while not self.closed:
                listener.changed.clear()
                yield
                try:
                    await asyncio.wait_for(listener.changed.wait(), timeout=15)
                except asyncio.TimeoutError:
                    pass  # a keep-alive: the page gets the same view again
        finally:
            self._listeners.discard(listener)


def _question_key(state: State) -> tuple:
    core = state.core
    return (core.round, core.slot, core.question, core.sudden_used)
