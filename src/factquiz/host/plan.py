"""Drawing the questions of every round, once, before the competition starts.

The draw is deterministic from one seed (recorded in the journal header), and
no question is used in two rounds. A round asking for more questions than
its selection still holds is refused here, with the numbers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace

from factquiz.banks.select import matching, select_questions
from factquiz.errors import Location, Problem, SelectionError
from factquiz.host.config import CompetitionConfig, ConfigError, RoundConfig
from factquiz.model import Question


@dataclass(frozen=True)
class RoundPlan:
    """A round and its questions.

    required: count × teams questions, in turn order; shared and buzz: count;
    risk: a reserve per tier (up to the worst case, every team choosing the
    same tier), drawn from when a team chooses; sudden_death: a pool.
    """

    config: RoundConfig
    questions: tuple[Question, ...]

    @property
    def kind(self) -> str:
        return self.config.kind

    @property
    def name(self) -> str:
        return self.config.name


@dataclass(frozen=True)
class Game:
    """Everything fixed before the first event: config, seed, drawn questions."""

    config: CompetitionConfig
    rounds: tuple[RoundPlan, ...]
    seed: int

    @property
    def teams(self) -> tuple[str, ...]:
        return self.config.teams

    @property
    def main_rounds(self) -> tuple[int, ...]:
        """Indices of the rounds played in order (all but the sudden-death pool)."""
        return tuple(i for i, r in enumerate(self.rounds) if r.kind != "sudden_death")

    @property
    def sudden_death(self) -> int | None:
        return next((i for i, r in enumerate(self.rounds) if r.kind == "sudden_death"), None)

    def question(self, ref: str) -> Question:
        return self._by_ref()[ref]

    def _by_ref(self) -> dict[str, Question]:
        cache = self.__dict__.get("_refs")
        if cache is None:
            cache = {q.ref: q for r in self.rounds for q in r.questions}
            object.__setattr__(self, "_refs", cache)
        return cache


def question_digest(q: Question) -> str:
    """A short hash of what a question asks and answers (to notice a bank edited mid-competition)."""
    text = "\x1f".join([q.type, q.stem, "\x1e".join(q.options), q.answer_text()])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _round_seed(seed: int, index: int) -> int:
    return seed * 1000 + index


def _problem(config: CompetitionConfig, r: RoundConfig, index: int, message: str) -> ConfigError:
    if config.path.startswith("<preset"):
        message = message.replace(
            "lower count or add questions",
            "add banks, or write a config with `factquiz host --init` and lower the counts",
        )
    return ConfigError(
        [
            Problem(
                message,
                Location(config.path or "<config>", r.line, f"rounds[{index + 1}] {r.name}"),
            )
        ]
    )


def _need(config: CompetitionConfig, r: RoundConfig) -> int:
    return r.count * len(config.teams) if r.per_team() else r.count


def draw_game(config: CompetitionConfig, questions: Sequence[Question], seed: int) -> Game:
    """Draw each round's questions with ``select_questions``; refuse a round that asks for too many."""
    remaining = list(questions)
    plans: dict[int, RoundPlan] = {}
    # Fixed-size rounds first, so a risk reserve (which takes spares) never starves them.
    order = [i for i, r in enumerate(config.rounds) if r.kind != "risk"]
    order += [i for i, r in enumerate(config.rounds) if r.kind == "risk"]
    for i in order:
        r = config.rounds[i]
        need = _need(config, r)
        if r.kind == "risk":
            chosen = _risk_reserve(config, r, i, remaining, seed)
        else:
            selection = replace(r.selection, count=need, seed=_round_seed(seed, i), shuffle=True)
            try:
                chosen = select_questions(remaining, selection)
            except SelectionError:
                total = len(matching(questions, r.selection))
                left = len(matching(remaining, r.selection))
                per = f" ({r.count} × {len(config.teams)} teams)" if r.per_team() else ""
                raise _problem(
                    config, r, i,
                    f"needs {need} questions{per} but the banks hold only {left} matching "
                    f"({r.selection.describe()}; {total} in all, {total - left} taken by earlier rounds); "
                    f"lower count or add questions",
                ) from None  # fmt: skip
        taken = {q.ref for q in chosen}
        remaining = [q for q in remaining if q.ref not in taken]
        plans[i] = RoundPlan(r, tuple(chosen))
    return Game(config, tuple(plans[i] for i in range(len(config.rounds))), seed)


def _risk_reserve(
    config: CompetitionConfig, r: RoundConfig, index: int, remaining: list[Question], seed: int
) -> list[Question]:
    """Up to ``need`` questions per tier difficulty (every team might choose the same tier)."""
    need = _need(config, r)
    pool = select_questions(
        remaining, replace(r.selection, count=None, seed=_round_seed(seed, index), shuffle=True)
    )
    reserve: list[Question] = []
    for difficulty in sorted({t.difficulty for t in r.tiers}):
        reserve += [q for q in pool if q.difficulty == difficulty][:need]
    if len(reserve) < need:
        # Banks often leave difficulty at its default; fall back to any matching question.
        taken = {q.ref for q in reserve}
        reserve += [q for q in pool if q.ref not in taken][: need - len(reserve)]
    if len(reserve) < need:
        raise _problem(
            config, r, index,
            f"needs {need} questions ({r.count} × {len(config.teams)} teams) but only {len(pool)} match "
            f"({r.selection.describe()}) after earlier rounds took theirs; lower count or add questions",
        )  # fmt: skip
    return reserve


def game_from_refs(config: CompetitionConfig, questions: Sequence[Question], seed: int, refs: list[list[str]],
                   digests: dict[str, str], journal: str) -> Game:  # fmt: skip
    """Rebuild the drawn game from the question refs recorded in a journal header."""
    by_ref = {q.ref: q for q in questions}
    problems = []
    plans = []
    for r, round_refs in zip(config.rounds, refs, strict=False):
        chosen = []
        for ref in round_refs:
            q = by_ref.get(ref)
            if q is None:
                problems.append(
                    Problem(
                        f"question {ref} of round {r.name} is no longer in the banks; resume with the banks the competition started with",
                        Location(journal, 1),
                    )
                )
            elif digests.get(ref) not in (None, question_digest(q)):
                problems.append(
                    Problem(
                        f"question {ref} was edited since the competition started; resume with the banks as they were",
                        Location(journal, 1),
                    )
                )
            else:
                chosen.append(q)
        plans.append(RoundPlan(r, tuple(chosen)))
    if len(refs) != len(config.rounds):
        problems.append(
            Problem(
                "the journal header lists a different number of rounds than its config",
                Location(journal, 1),
            )
        )
    if problems:
        raise ConfigError(problems)
    return Game(config, tuple(plans), seed)
