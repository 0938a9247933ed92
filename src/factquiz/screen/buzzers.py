"""Phone buzzers (选手端): who pressed when, and what a press means under the rules.

The desk orders presses by their arrival at the server (its own clock,
injected so tests decide the order), keeps one press per team per opening
of a question, and turns the presses that count into ``Buzz`` events for the
console to send: the first press while buzzing is open, and a press before
the host opens the question (违规抢答) when the round penalises it. A later
press is recorded as late (its place and how much later), never sent. The
rules stay the authority: a Buzz the rules refuse is a refused press.

Tokens: each team has one random token; its phone page's address carries it.
They are kept in a file next to the journal, so that after a crash and
``--resume`` the phones' pages (and their QR codes) stay valid.
"""

from __future__ import annotations

import json
import os
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from factquiz.errors import InputError, Location
from factquiz.host.events import Buzz, Event
from factquiz.host.rules import ANSWERING, DONE, OPEN, SHOWN, State

# What the console does with a Buzz from a phone: (accepted by the rules and journaled, message).
Submit = Callable[[Event], "tuple[bool, str]"]

BUZZ_KINDS = ("buzz", "sudden_death")


@dataclass(frozen=True)
class Press:
    """One press as the server saw it."""

    team: int
    place: int  # 1 = first press of this opening
    after_open: float | None  # seconds after the host opened buzzing (None: before it, or unknown)
    result: str  # "first" | "late" | "early" | "refused" | "repeat"
    message: str

    def to_json(self) -> dict[str, Any]:
        return {
            "team": self.team,
            "place": self.place,
            "after_open": None if self.after_open is None else round(self.after_open, 3),
            "result": self.result,
            "message": self.message,
        }


@dataclass
class _Opening:
    key: tuple
    opened_at: float | None = None  # clock reading when buzzing opened (None: not open yet)
    presses: list[Press] = field(default_factory=list)


def opening_key(state: State) -> tuple:
    """One question's buzzing period: a wrong answer that reopens buzzing starts a new one."""
    core = state.core
    return (core.round, core.slot, core.question, core.sudden_used, tuple(sorted(core.answered)))


class RateLimit:
    """A token bucket per connection: ``burst`` presses at once, then ``rate`` a second."""

    def __init__(
        self, rate: float = 4.0, burst: float = 6.0, clock: Callable[[], float] = time.monotonic
    ):
        self.rate = rate
        self.burst = burst
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}

    def allow(self, who: str) -> bool:
        now = self._clock()
        tokens, then = self._buckets.get(who, (self.burst, now))
        tokens = min(self.burst, tokens + (now - then) * self.rate)
        if tokens < 1:
            self._buckets[who] = (tokens, now)
            return False
        self._buckets[who] = (tokens - 1, now)
        if len(self._buckets) > 10_000:  # a flood of made-up connections must not grow memory
            self._buckets.clear()
        return True


class BuzzDesk:
    """Orders phone presses and decides which become Buzz events (not thread-safe: one caller at a time)."""

    def __init__(self, tokens: list[str], clock: Callable[[], float] = time.monotonic,
                 wall: Callable[[], datetime] = datetime.now):  # fmt: skip
        self.tokens = list(tokens)
        self._team_of = {token: team for team, token in enumerate(self.tokens)}
        self._clock = clock
        self._wall = wall
        self._opening = _Opening(key=())

    def team_of(self, token: str) -> int | None:
        return self._team_of.get(token)

    def follow(self, state: State) -> None:
        """Note a new state: a new question or a reopening starts a fresh list of presses."""
        key = opening_key(state)
        if key != self._opening.key:
            self._opening = _Opening(key=key)
        if state.phase == OPEN and self._opening.opened_at is None:
            self._opening.opened_at = self._clock()

    def presses(self) -> list[Press]:
        return list(self._opening.presses)

    def press(self, team: int, state: State, submit: Submit) -> Press:
        """A press of ``team``'s button now; ``submit`` sends a Buzz through the console."""
        arrived = self._clock()
        self.follow(state)
        opening = self._opening
        earlier = next((p for p in opening.presses if p.team == team), None)
        if earlier is not None:
            return Press(team, earlier.place, earlier.after_open, "repeat", "本题已经按过了")
        after = arrived - opening.opened_at if opening.opened_at is not None else None
        refused = _refusal(state, team)
        if refused:
            return Press(team, 0, after, "refused", refused)
        place = len(opening.presses) + 1
        kind = state.phase
        if kind == SHOWN:
            if not (state.round.config.early_penalty or state.round.config.early_warnings):
                return Press(team, 0, None, "refused", "主持人还没有宣布开始抢答")
            result, ok_message = "early", "抢答犯规：主持人宣布开始前按下"
        elif kind == OPEN and not any(p.result == "first" for p in opening.presses):
            result, ok_message = "first", "抢到了！请作答"
        else:
            press = Press(team, place, after, "late", _late_message(opening.presses, after))
            opening.presses.append(press)
            return press
        stamp = self._wall().isoformat(timespec="milliseconds")
        accepted, message = submit(Buzz(team, arrived=stamp))
        if not accepted:
            # The console's state moved on (the host keyed a team in first): a late press.
            press = Press(team, place, after, "late", message or "慢了一步")
        else:
            press = Press(team, place, after, result, ok_message)
        opening.presses.append(press)
        return press


def _refusal(state: State, team: int) -> str:
    core = state.core
    if state.round.kind not in BUZZ_KINDS:
        return "本轮不是抢答题"
    if core.tiebreak is not None and team not in core.tiebreak.remaining:
        return "本队不在本次加时赛中"
    if team in core.answered:
        return "本题本队已经答过"
    if core.phase not in (SHOWN, OPEN, ANSWERING):
        return "现在没有可以抢答的题目" if core.phase != DONE else "本题已结束"
    if core.phase == ANSWERING and core.team == team:
        return "本队正在作答"
    return ""


def _late_message(presses: list[Press], after: float | None) -> str:
    first = next((p for p in presses if p.result == "first"), None)
    if first is None or after is None or first.after_open is None:
        return "慢了一步"
    return f"慢了 {after - first.after_open:.3f} 秒"


def new_tokens(count: int) -> list[str]:
    return [secrets.token_urlsafe(9) for _ in range(count)]


def tokens_path(journal: Path) -> Path:
    """``x.journal.jsonl`` → ``x.buzzers.json`` (next to the journal, like the results)."""
    name = journal.name
    stem = name[: -len(".journal.jsonl")] if name.endswith(".journal.jsonl") else journal.stem
    return journal.with_name(f"{stem}.buzzers.json")


def load_or_create_tokens(journal: Path, teams: tuple[str, ...]) -> list[str]:
    """The teams' tokens from the file next to the journal, made (and written atomically) on first use."""
    path = tokens_path(journal)
    if path.exists():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            tokens = data["tokens"]
            if data.get("teams") == list(teams) and all(isinstance(t, str) and t for t in tokens):
                return list(tokens)
        except (OSError, ValueError, KeyError, TypeError):
            pass
        raise InputError(
            "buzzer token file is damaged or belongs to other teams; delete it to make new QR codes",
            Location(str(path)),
        )
    tokens = new_tokens(len(teams))
    temp = path.with_name(path.name + ".tmp")
    try:
        temp.write_text(
            json.dumps({"teams": list(teams), "tokens": tokens}, ensure_ascii=False),
            encoding="utf-8",
        )
        os.replace(temp, path)
    except OSError as exc:
        raise InputError(
            f"cannot write buzzer tokens: {exc.strerror}", Location(str(path))
        ) from None
    return tokens
