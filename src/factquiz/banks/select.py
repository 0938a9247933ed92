"""Pick questions from banks: the one selection every command shares (pdf, host, practice, export)."""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from factquiz.errors import SelectionError
from factquiz.model import BANK_TYPES, Question


@dataclass(frozen=True)
class Selection:
    """What to pick. Empty fields mean "any"."""

    types: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()  # a question matches when it has any of these tags
    difficulty: tuple[int, ...] = ()
    count: int | None = None  # None: all that match
    seed: int = 0
    shuffle: bool = False  # False keeps bank order (a random subset still keeps bank order)

    def describe(self) -> str:
        parts = []
        if self.types:
            parts.append("题型 " + "/".join(self.types))
        if self.tags:
            parts.append("标签 " + "/".join(self.tags))
        if self.difficulty:
            parts.append("难度 " + "/".join(map(str, self.difficulty)))
        return "，".join(parts) or "全部题目"


def parse_list(text: str | None) -> tuple[str, ...]:
    """ "single,judge" / "单选，判断" → ("single", "judge"): comma lists from the command line."""
    if not text:
        return ()
    import re

    return tuple(p.strip() for p in re.split(r"[,，、]", text) if p.strip())


def parse_types(text: str | None) -> tuple[str, ...]:
    from factquiz.errors import UsageError

    types = parse_list(text)
    for t in types:
        if t not in BANK_TYPES:
            raise UsageError(f"unknown question type {t!r}; use {', '.join(BANK_TYPES)}")
    return types


def parse_difficulty(text: str | None) -> tuple[int, ...]:
    """ "1,2" or "1-2" → (1, 2)."""
    from factquiz.errors import UsageError

    out: list[int] = []
    for part in parse_list(text):
        bounds = part.split("-")
        try:
            lo, hi = int(bounds[0]), int(bounds[-1])
        except ValueError:
            raise UsageError(f"difficulty {part!r} is not 1, 2, 3 or a range like 1-2") from None
        if not (1 <= lo <= hi <= 3):
            raise UsageError(f"difficulty {part!r} must be within 1–3")
        out.extend(range(lo, hi + 1))
    return tuple(sorted(set(out)))


def matching(questions: Iterable[Question], selection: Selection) -> list[Question]:
    """Questions that match the filters, in bank order."""
    tags = set(selection.tags)
    return [
        q
        for q in questions
        if (not selection.types or q.type in selection.types)
        and (not tags or tags.intersection(q.tags))
        and (not selection.difficulty or q.difficulty in selection.difficulty)
    ]


def select_questions(
    questions: Sequence[Question], selection: Selection = Selection()
) -> list[Question]:
    """Pick questions by type, tag, difficulty and count, reproducibly from ``selection.seed``.

    Raises SelectionError naming how many match when more are asked for than exist.
    """
    pool = matching(questions, selection)
    count = selection.count
    if count is not None and count < 0:
        raise SelectionError(f"count must be 0 or more, got {count}")
    if count is not None and count > len(pool):
        raise SelectionError(
            f"asked for {count} questions but only {len(pool)} match ({selection.describe()}); "
            f"lower --count or widen the selection"
        )
    rng = random.Random(selection.seed)
    if count is not None and count < len(pool):
        chosen = set(rng.sample(range(len(pool)), count))
        pool = [q for i, q in enumerate(pool) if i in chosen]
    if selection.shuffle:
        rng.shuffle(pool)
    return pool
