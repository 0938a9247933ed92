"""The state of a competition at one moment: phases, recorded outcomes, undo history.

Plain frozen data; the rules that make one state from another are in
``factquiz.host.rules``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from factquiz.errors import FactQuizError
from factquiz.host.events import Event
from factquiz.host.plan import Game
from factquiz.host.standings import tie_groups_at_boundaries

# Phases of the current round / question.
INTRO = "intro"  # a round's title is shown; Next shows its first question
TIER = "tier"  # risk round: the team in turn chooses a tier
SHOWN = "shown"  # buzz round: the question is on screen, the host has not opened buzzing yet
OPEN = "open"  # buzz round: teams may buzz
ANSWERING = "answering"  # a team answers; the host judges right or wrong
DONE = "done"  # the question is closed; Next goes on
FINISHED = "finished"  # every round is over (awards, maybe a tie to break)


class RuleError(FactQuizError):
    """An event the rules do not allow now; the message tells the host what to do instead."""


@dataclass(frozen=True)
class Outcome:
    """A recorded result: a judgement, an early buzz (抢答犯规) or a pass."""

    round: int
    slot: int  # question number in its round, 0-based
    question: str  # ref
    team: int | None  # None for a question passed to the audience
    result: str  # "right" | "wrong" | "early" | "pass"
    delta: float
    option: str = ""


@dataclass(frozen=True)
class Adjustment:
    """A manual correction (仲裁)."""

    team: int
    delta: float
    reason: str
    by: str
    round: int
    slot: int


@dataclass(frozen=True)
class Tiebreak:
    """A sudden death in progress: teams still in, winners (best first), and teams out (worst last)."""

    teams: tuple[int, ...]
    remaining: tuple[int, ...]
    top: tuple[int, ...] = ()
    bottom: tuple[int, ...] = ()
    # Prize lines inside the tied group, as places counted from its best (1: between its first and
    # second place). Once every line has its winners above or its losers below, the prizes are
    # settled and the teams still in share the place between. (): play until every place is known.
    cuts: tuple[int, ...] = ()

    def settled(self) -> bool:
        if len(self.remaining) <= 1:
            return True
        size = len(self.teams)
        return bool(self.cuts) and all(
            len(self.top) >= cut or len(self.bottom) >= size - cut for cut in self.cuts
        )


@dataclass(frozen=True)
class Core:
    """The competition at one moment (everything but undo history)."""

    round: int
    slot: int = -1  # -1: the round's intro
    phase: str = INTRO
    question: str | None = None
    team: int | None = None  # answering (or, in a shared round, being judged)
    answered: frozenset[int] = frozenset()  # teams done with this question
    order: tuple[int, ...] = ()  # turn order in this round
    tier: int | None = None  # risk: points of the chosen tier
    used: frozenset[str] = frozenset()  # risk: reserve questions drawn this round
    scores: tuple[float, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    adjustments: tuple[Adjustment, ...] = ()
    tiebreak: Tiebreak | None = None
    # Order among tied teams from sudden deaths: each tiebreak appends a team's place to its
    # tuple, so a later tiebreak among teams still tied refines, never reshuffles, earlier ones.
    subranks: tuple[tuple[int, ...], ...] = ()
    tiebreaks: tuple[tuple[int, ...], ...] = ()  # finished sudden deaths, teams best first
    sudden_used: int = 0  # questions of the sudden-death pool used so far


@dataclass(frozen=True)
class State:
    game: Game = field(compare=False, repr=False)
    core: Core
    past: tuple[tuple[Core, Event], ...] = ()  # undo stack: (core before, event)
    future: tuple[Event, ...] = ()  # redo stack, next to redo first
    events: int = 0  # how many events were applied (the journal's length)

    # Convenience views for the UI and plain mode.
    @property
    def phase(self) -> str:
        return self.core.phase

    @property
    def scores(self) -> tuple[float, ...]:
        return self.core.scores

    @property
    def round(self):
        return self.game.rounds[self.core.round]

    @property
    def question(self):
        return self.game.question(self.core.question) if self.core.question else None

    def slots(self) -> int | None:
        """Questions in the current round (None for a sudden death: as many as it takes)."""
        return slot_count(self.game, self.core.round)

    def proposed_tiebreak(self) -> tuple[int, ...]:
        """Teams tied across a prize boundary, when the competition is over (else ())."""
        if self.core.phase != FINISHED:
            return ()
        groups = tie_groups_at_boundaries(
            self.core.scores, self.core.subranks, self.game.config.awards
        )
        return groups[0] if groups else ()

    def can_undo(self) -> bool:
        return bool(self.past)

    def can_redo(self) -> bool:
        return bool(self.future)


def slot_count(game: Game, index: int) -> int | None:
    """Questions in round ``index`` (None for a sudden death: as many as it takes)."""
    plan = game.rounds[index]
    if plan.kind == "sudden_death":
        return None
    if plan.config.per_team():
        return plan.config.count * len(game.teams)
    return plan.config.count
