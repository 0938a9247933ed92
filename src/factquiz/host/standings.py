"""Ranking, awards, and the ties that call for a sudden-death round (加时赛)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Standing:
    team: int
    score: float
    rank: int  # 1-based; tied teams share a rank ("1, 2, 2, 4")
    award: str  # "" when none; "待加时赛" while a tie across a prize boundary is unresolved


PENDING = "待加时赛"


def _key(
    scores: Sequence[float], subranks: Sequence[tuple[int, ...]], team: int
) -> tuple[float, tuple[int, ...]]:
    return (-scores[team], subranks[team])


def rank_order(scores: Sequence[float], subranks: Sequence[tuple[int, ...]]) -> list[int]:
    """Teams best first: by score, then by tiebreak result, then in config order."""
    return sorted(range(len(scores)), key=lambda t: (*_key(scores, subranks, t), t))


def tie_groups_at_boundaries(
    scores: Sequence[float], subranks: Sequence[tuple[int, ...]], awards: Sequence[tuple[str, int]]
) -> list[tuple[int, ...]]:
    """Groups of teams that tie across a prize boundary, best group first."""
    order = rank_order(scores, subranks)
    groups: list[tuple[int, ...]] = []
    boundary = 0
    for _name, count in awards:
        boundary += count
        if count == 0 or boundary >= len(order):
            continue
        inside, outside = order[boundary - 1], order[boundary]
        if _key(scores, subranks, inside) == _key(scores, subranks, outside):
            key = _key(scores, subranks, inside)
            group = tuple(t for t in order if _key(scores, subranks, t) == key)
            if group not in groups:
                groups.append(group)
    return groups


def standings(
    scores: Sequence[float], subranks: Sequence[tuple[int, ...]], awards: Sequence[tuple[str, int]]
) -> list[Standing]:
    """Every team with its rank and award, best first."""
    order = rank_order(scores, subranks)
    pending = {t for g in tie_groups_at_boundaries(scores, subranks, awards) for t in g}
    prize_of_position: list[str] = [name for name, count in awards for _ in range(count)]
    out: list[Standing] = []
    for position, team in enumerate(order):
        first = next(
            i
            for i, t in enumerate(order)
            if _key(scores, subranks, t) == _key(scores, subranks, team)
        )
        award = (
            PENDING
            if team in pending
            else (prize_of_position[position] if position < len(prize_of_position) else "")
        )
        out.append(Standing(team, scores[team], first + 1, award))
    return out
