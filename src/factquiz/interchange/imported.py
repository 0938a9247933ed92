"""What an import read: the questions it could take, and each one it had to leave out.

A file from another tool often holds a few questions a bank cannot carry
(Moodle's matching questions, a row with a bad answer). The import keeps the
rest and names every question left out with its line; ``strict`` turns any
left-out question into an error for the whole file (``--strict``).
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, replace

from factquiz.errors import BankError, Location, Problem
from factquiz.model import Bank, Question


@dataclass(frozen=True)
class Imported:
    bank: Bank
    left_out: tuple[Problem, ...] = ()  # the reader's problems with the questions not imported
    notes: tuple[Problem, ...] = ()  # imported, but something of it was dropped (partial credit)

    @property
    def warnings(self) -> list[Problem]:
        """Everything a user should read, in file order."""
        return sorted(
            [*as_left_out(self.left_out), *self.notes],
            key=lambda p: (p.location.sheet, p.location.line or 0),
        )

    def strict(self) -> Bank:
        """The bank, or BankError listing every question that could not be imported."""
        if self.left_out:
            raise BankError(list(self.left_out))
        return self.bank


def as_left_out(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    """Reader errors about single questions, as warnings that they were left out."""
    return tuple(replace(p, message=f"left out: {p.message}", severity="warning") for p in problems)


def note(file: str, line: int | None, label: str, message: str) -> Problem:
    """A warning about a question that was imported with something dropped."""
    return Problem(message, Location(file, line, label), severity="warning")


def order_fields(items_in_order: tuple[str, ...], qid: str, tool: str) -> dict:
    """An order question's fields from its items in the correct order, as another tool keeps them.

    The items are printed in an order that is not the answer, the same on every
    import (``tool`` and ``qid`` seed it), so a paper does not give the answer away.
    """
    printed = list(range(len(items_in_order)))
    random.Random(f"{tool}-ordering:{qid}").shuffle(printed)
    if printed == sorted(printed):
        printed = printed[1:] + printed[:1]
    options = tuple(items_in_order[i] for i in printed)
    sequence = tuple(printed.index(i) for i in range(len(items_in_order)))
    return {"type": "order", "options": options, "sequence": sequence}


def _percent(weight: float) -> str:
    return f"{weight:g}%"


def partial_credit_notes(
    kind: str, options: list[str], weights: list[float], single: bool
) -> list[str]:
    """What a bank loses of another tool's partial credit, one sentence per finding.

    A bank's choice question has right and wrong options only: a single-choice
    option worth 50% counts as wrong, and the right options of a several-answer
    question share the points equally, whatever weights they had.
    """
    found = []
    if single:
        for option, weight in zip(options, weights, strict=True):
            if 0 < weight < 99.999:
                found.append(
                    f"{kind} {option!r} gives {_percent(weight)} in the file; a bank has no "
                    "partial credit, so it counts as wrong"
                )
    else:
        positive = sorted({round(w, 3) for w in weights if w > 0})
        if len(positive) > 1:
            shares = "、".join(_percent(w) for w in weights if w > 0)
            found.append(
                f"the right {kind}s carry different weights ({shares}); in the bank each "
                "right option counts the same"
            )
    return found


def partial_answers_dropped(partial: list[str]) -> str:
    """The note for short answers worth less than 100% ("'Grant' (50%)"), which a bank cannot keep."""
    return (
        f"answers with partial credit are not kept ({', '.join(partial)}): a bank accepts an "
        "answer fully or not at all"
    )


def bank_contract_problem(q: Question, file: str) -> Problem | None:
    """Why a question read from another tool would not pass ``validate``, or None.

    The readers check what their format can get wrong; these are the bank's own
    rules on any text (control characters, length) and on fill blanks, so an
    import never writes a bank that validate then refuses.
    """
    from factquiz.banks.questions import MAX_TEXT, control_character_problem
    from factquiz.banks.textnorm import count_blanks

    texts = {
        "stem": [q.stem], "options": list(q.options), "explanation": [q.explanation],
        "answer": [a for b in q.blanks for a in b.answers] + [q.reference],
        "tags": list(q.tags), "pairs": [t for pair in q.pairs for t in pair],
    }  # fmt: skip
    label = f"{q.id}: " if q.id else ""
    for field, values in texts.items():
        for text in values:
            problem = control_character_problem(text)
            if len(text) > MAX_TEXT:
                problem = f"is {len(text)} characters long; a bank field holds at most {MAX_TEXT}"
            if problem is not None:
                return Problem(problem, Location(file, q.line, label + field))
    if q.type == "fill":
        marks = count_blanks(q.stem)
        if marks != len(q.blanks) and not (marks == 0 and len(q.blanks) == 1):
            return Problem(
                f"the question text has {marks} blank marks （ ） or ____ but {len(q.blanks)} "
                "answer(s); a bank needs one answer per blank",
                Location(file, q.line, label + "stem"),
            )
    return None


def imported_bank(
    questions: Iterable[Question],
    problems: Iterable[Problem],
    *,
    file: str,
    name: str,
    title: str,
    nothing_found: str,
    notes: Iterable[Problem] = (),
    **bank_fields,
) -> Imported:
    """The Imported for a reader's questions and problems; BankError when not one question could be read."""
    checked, problems = [], list(problems)
    for q in questions:
        problem = bank_contract_problem(q, file)
        if problem is None:
            checked.append(q)
        else:
            problems.append(problem)
    questions = checked
    if not questions:
        raise BankError(problems or [Problem(nothing_found, Location(file, 1))])
    bank = Bank(
        title=title or name,
        questions=tuple(replace(q, bank=name) for q in questions),
        name=name,
        path=file,
        **bank_fields,
    )
    return Imported(bank, tuple(problems), tuple(notes))
