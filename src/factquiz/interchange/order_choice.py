"""An order question (排序题) as a single choice of sequences, for formats without an ordering type.

The way Chinese papers often ask it: the items are numbered ①②③④ in the stem
and each option is a sequence, "③②①④". GIFT has no ordering question, and a
Moodle without the ordering type cannot import one, so those exports can write
this form instead (``--order-as multichoice``). It is graded all or nothing and
reads back as a single-choice question: the order itself is not carried.

The wrong sequences are near misses first (the right one with two neighbours
swapped), then the reverse, then any other; which ones, and where the right one
stands, depend only on the question's id, so an export is the same every time.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable
from dataclasses import replace

from factquiz.errors import Problem
from factquiz.interchange.textfmt import exported_with_change
from factquiz.model import CIRCLED, Question

MAX_CHOICES = 4  # what a single-choice question on a paper has

# How an order question is written by a format that has a choice: as the format's
# ordering type, as a single choice of sequences, or not at all.
ORDERING, MULTICHOICE, OMIT = "ordering", "multichoice", "omit"


def _wrong_sequences(right: tuple[int, ...], wanted: int, rng: random.Random) -> list[tuple]:
    n = len(right)
    swaps = []
    for i in range(n - 1):
        s = list(right)
        s[i], s[i + 1] = s[i + 1], s[i]
        swaps.append(tuple(s))
    rng.shuffle(swaps)
    candidates = swaps[:2] + [tuple(reversed(right))] + swaps[2:]
    wrong: list[tuple] = []
    for s in candidates:
        if s != right and s not in wrong:
            wrong.append(s)
    possible = math.factorial(n) - 1
    while len(wrong) < min(wanted, possible):
        s = tuple(rng.sample(right, n))
        if s != right and s not in wrong:
            wrong.append(s)
    return wrong[:wanted]


def sequence_text(sequence: tuple[int, ...]) -> str:
    """(2, 1, 0, 3) → "③②①④": the items' numbers in that order."""
    return "".join(CIRCLED[i] for i in sequence)


def as_sequence_choice(q: Question) -> Question:
    """The order question ``q`` as a single-choice question whose options are sequences."""
    rng = random.Random(f"order-as-choice:{q.id}")
    right = tuple(q.sequence)
    sequences = _wrong_sequences(right, MAX_CHOICES - 1, rng)
    position = rng.randrange(len(sequences) + 1)
    sequences.insert(position, right)
    items = "\n".join(f"{CIRCLED[i]} {item}" for i, item in enumerate(q.options))
    return replace(
        q,
        type="single",
        stem=f"{q.stem}\n{items}",
        options=tuple(sequence_text(s) for s in sequences),
        correct=(position,),
        sequence=(),
        keys=(),
        shuffle=True,
    )


def sequence_choice_warnings(
    questions: Iterable[Question], why: str, hint: str = ""
) -> list[Problem]:
    """One warning per order question written as a sequence choice: ``why`` it was, what it costs."""
    return [
        exported_with_change(
            q.ref,
            f"{why}: written as a single choice of sequences (①②③…), graded all or nothing; "
            f"it imports back as a single-choice question{hint}",
        )
        for q in questions
        if q.type == "order"
    ]
