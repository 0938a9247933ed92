"""The question countdown of the full-screen app: a clock that can pause, and its colour.

Kept out of the rules on purpose: time never changes a score by itself; the
host decides (the countdown only rings the bell at zero).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from factquiz.host.rules import ANSWERING, OPEN, SHOWN, State


class Countdown:
    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self._clock = clock
        self.limit = 0.0
        self._left = 0.0  # seconds left when last paused
        self._started: float | None = None  # clock reading when (re)started, None when paused
        self.rang = False

    def reset(self, limit: float, run: bool) -> None:
        self.limit = float(limit)
        self._left = float(limit)
        self._started = self._clock() if run else None
        self.rang = False

    @property
    def running(self) -> bool:
        return self._started is not None

    def remaining(self) -> float:
        if self._started is None:
            return max(self._left, 0.0)
        return max(self._left - (self._clock() - self._started), 0.0)

    def toggle(self) -> None:
        """Space: pause, resume, or start again from the full time when it ran out."""
        if self._started is not None:
            self._left = self.remaining()
            self._started = None
        else:
            if self._left <= 0:
                self._left = self.limit
                self.rang = False
            self._started = self._clock()

    def stop(self) -> None:
        self._left = self.remaining()
        self._started = None

    def text(self) -> str:
        left = int(self.remaining() + 0.999)  # 29.2 s left shows 30 → counts down to 0 at the end
        return f"{left // 60}:{left % 60:02d}"

    def colour(self) -> str:
        """green while plenty is left, yellow under a third (or 10 s), red for the last 5 s (or sixth)."""
        left = self.remaining()
        if self.limit <= 0:
            return "green"
        if left <= max(5.0, self.limit / 6):
            return "red"
        if left <= max(10.0, self.limit / 3):
            return "yellow"
        return "green"

    def expired_now(self) -> bool:
        """True once, the first time it is checked after reaching zero (to ring the bell once)."""
        if self.limit > 0 and self.running and self.remaining() <= 0 and not self.rang:
            self.rang = True
            self._left = 0.0
            self._started = None
            return True
        return False


def follow(countdown: Countdown, state: State, key: tuple = (), force: bool = False) -> tuple:
    """Set the countdown for a new question; start it when buzzing opens; freeze it when judged.

    A question shown is read out first: its countdown waits for space (c restarts it).
    Opening a buzz question starts it, and a buzz restarts it for the team that answers;
    in a shared round (共答) one countdown serves every team. ``key`` is what the last
    call returned: the countdown is set again only when it changes (or ``force``).
    """
    core = state.core
    question = state.question
    buzzing = state.round.kind in ("buzz", "sudden_death")
    new_key = (
        core.round,
        core.slot,
        core.question,
        core.team if buzzing else None,
        core.phase == SHOWN,
    )
    if question is None:
        countdown.reset(0, run=False)
    elif core.phase not in (SHOWN, OPEN, ANSWERING):
        countdown.stop()  # judged: keep showing the time that was left
    elif new_key != key or force:
        limit = state.round.config.time_limit or question.time_limit
        countdown.reset(limit, run=buzzing and core.phase in (OPEN, ANSWERING))
    return new_key
