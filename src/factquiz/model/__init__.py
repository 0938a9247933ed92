"""The plain data every stage shares. Nothing here imports anything else of ours."""

from factquiz.model.fact import Fact
from factquiz.model.question import (
    BANK_TYPES,
    CIRCLED,
    FORMAT,
    PAPER_ORDER,
    QUESTION_TYPES,
    TYPE_NAMES,
    Bank,
    Blank,
    Defaults,
    Question,
    Source,
    letter,
    letters_to_indices,
)

__all__ = [
    "BANK_TYPES",
    "CIRCLED",
    "FORMAT",
    "PAPER_ORDER",
    "QUESTION_TYPES",
    "TYPE_NAMES",
    "Bank",
    "Blank",
    "Defaults",
    "Fact",
    "Question",
    "Source",
    "letter",
    "letters_to_indices",
]
