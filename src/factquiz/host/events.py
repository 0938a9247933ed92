"""The events a host sends: the only way the competition state changes.

Each event is a small frozen dataclass with a JSON form for the journal.
Teams are 0-based indices into the config's team list.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, ClassVar


@dataclass(frozen=True)
class Event:
    type: ClassVar[str] = ""

    def to_json(self) -> dict[str, Any]:
        return {"type": self.type, **asdict(self)}


@dataclass(frozen=True)
class Next(Event):
    """Go on: show the next question, the next round, or the end."""

    type: ClassVar[str] = "next"


@dataclass(frozen=True)
class Open(Event):
    """Start the question: buzzing is allowed from now on (抢答开始); the timer starts."""

    type: ClassVar[str] = "open"


@dataclass(frozen=True)
class Buzz(Event):
    """A team buzzes (抢答); in a shared round, the team the host judges next."""

    type: ClassVar[str] = "buzz"
    team: int
    # When a phone buzzer's press reached the server (ISO time, ms); "" when the host keyed the team in.
    arrived: str = field(default="", compare=False)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.type, "team": self.team}
        if self.arrived:
            out["arrived"] = self.arrived
        return out


@dataclass(frozen=True)
class Judge(Event):
    """The answering team was right or wrong; ``option`` is what it chose (for item analysis)."""

    right: bool
    option: str = ""

    @property
    def type(self) -> str:  # type: ignore[override]
        return "right" if self.right else "wrong"

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.type}
        if self.option:
            out["option"] = self.option
        return out


@dataclass(frozen=True)
class ChooseTier(Event):
    """A team picks a tier of a risk round (风险题), by its points."""

    type: ClassVar[str] = "tier"
    points: int


@dataclass(frozen=True)
class Decline(Event):
    """The team in turn declines its risk question (风险题放弃): no question, no points."""

    type: ClassVar[str] = "decline"


@dataclass(frozen=True)
class Pass(Event):
    """Nobody answers: the question goes to the audience (送给观众) and scores nothing."""

    type: ClassVar[str] = "pass"


@dataclass(frozen=True)
class Adjust(Event):
    """A manual score correction (仲裁) with its reason and who decided it."""

    type: ClassVar[str] = "adjust"
    team: int
    delta: float
    reason: str
    by: str = ""


@dataclass(frozen=True)
class Undo(Event):
    """Take back the last event (it stays in the journal)."""

    type: ClassVar[str] = "undo"


@dataclass(frozen=True)
class Redo(Event):
    """Put back the last undone event."""

    type: ClassVar[str] = "redo"


@dataclass(frozen=True)
class StartTiebreak(Event):
    """Start a sudden-death tiebreak (加时赛) among tied teams (empty: the teams the rules propose)."""

    type: ClassVar[str] = "tiebreak"
    teams: tuple[int, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"type": self.type, "teams": list(self.teams)}


_SIMPLE: dict[str, type[Event]] = {
    cls.type: cls
    for cls in (Next, Open, Buzz, ChooseTier, Decline, Pass, Adjust, Undo, Redo)  # type: ignore[misc]
}


class EventFormatError(ValueError):
    """A journal line that is not a known event."""


def event_from_json(data: Any) -> Event:
    if not isinstance(data, dict) or not isinstance(data.get("type"), str):
        raise EventFormatError("not an event object")
    kind = data["type"]
    try:
        if kind in ("right", "wrong"):
            return Judge(kind == "right", str(data.get("option", "")))
        if kind == "tiebreak":
            return StartTiebreak(tuple(int(t) for t in data.get("teams", ())))
        cls = _SIMPLE.get(kind)
        if cls is None:
            raise EventFormatError(f"unknown event type {kind!r}")
        kwargs = {f.name: data[f.name] for f in fields(cls) if f.name in data}
        event = cls(**kwargs)
    except (TypeError, ValueError) as exc:
        raise EventFormatError(f"bad {kind} event: {exc}") from None
    for f in fields(event):
        value = getattr(event, f.name)
        if f.name == "team" and (not isinstance(value, int) or isinstance(value, bool)):
            raise EventFormatError(f"bad {kind} event: team must be a number")
    return event
