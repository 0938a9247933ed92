"""Banks: load, validate, save, select (and lint, in `factquiz.banks.lint`)."""

from factquiz.banks.loader import (
    all_questions,
    check_banks,
    load_banks,
    merge_banks,
    parse_bank,
    read_bank,
)
from factquiz.banks.save import dump_bank, save_bank
from factquiz.banks.select import Selection, select_questions

__all__ = [
    "Selection",
    "all_questions",
    "check_banks",
    "dump_bank",
    "load_banks",
    "merge_banks",
    "parse_bank",
    "read_bank",
    "save_bank",
    "select_questions",
]
