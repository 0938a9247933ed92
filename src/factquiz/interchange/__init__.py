"""Banks to and from other tools' formats.

Each format is a module with ``export_bank(bank, path) -> list[Problem]``
(warnings for questions it had to leave out, never silently) and/or
``import_partial(path) -> Imported`` (the questions read, and every question left
out with its line; FactQuizError when the file cannot be read at all) and
``import_bank(path) -> Bank``, its all-or-nothing form.
Modules are imported only when their format is used.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from factquiz.errors import Problem, UsageError
from factquiz.interchange.imported import Imported
from factquiz.model import Bank

# format name → (module, what it is)
EXPORT_FORMATS: dict[str, tuple[str, str]] = {
    "xlsx": ("factquiz.interchange.xlsx", "Excel 题库表 (.xlsx)"),
    "csv": ("factquiz.interchange.csv_table", "CSV 题库表 (UTF-8 with BOM)"),
    "moodle": ("factquiz.interchange.moodle", "Moodle XML"),
    "gift": ("factquiz.interchange.gift", "Moodle GIFT text"),
    "aiken": ("factquiz.interchange.aiken", "Aiken (single choice only)"),
    "kahoot": ("factquiz.interchange.kahoot", "Kahoot spreadsheet (.xlsx)"),
    "anki": ("factquiz.interchange.anki", "Anki deck (.apkg)"),
    "html": ("factquiz.interchange.html", "offline HTML practice page"),
}
IMPORT_FORMATS: dict[str, str] = {
    "xlsx": "factquiz.interchange.xlsx",
    "csv": "factquiz.interchange.csv_table",
    "moodle": "factquiz.interchange.moodle",
    "gift": "factquiz.interchange.gift",
    "aiken": "factquiz.interchange.aiken",
}
# file suffix → import format
IMPORT_SUFFIXES = {
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".csv": "csv",
    ".xml": "moodle",
    ".gift": "gift",
    ".txt": "aiken",
}


# formats that can write an order question more than one way (their module's ORDER_AS)
ORDER_AS_FORMATS = ("moodle", "gift")


def export_bank(
    bank: Bank, fmt: str, path: str | Path, *, order_as: str | None = None
) -> list[Problem]:
    """Write ``bank`` as ``fmt`` to ``path`` atomically; return warnings for questions left out or changed.

    ``order_as`` (Moodle and GIFT only): how order questions are written —
    "ordering" (Moodle's ordering type; Moodle's default; in GIFT that type's own
    syntax), "multichoice" (a single choice of sequences; GIFT's default) or "omit";
    None takes the format's default.
    """
    if fmt not in EXPORT_FORMATS:
        raise UsageError(
            f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}"
        )
    module = importlib.import_module(EXPORT_FORMATS[fmt][0])
    if order_as is None:
        return module.export_bank(bank, Path(path))
    if fmt not in ORDER_AS_FORMATS:
        raise UsageError(f"--order-as is for the moodle and gift exports, not {fmt}")
    if order_as not in module.ORDER_AS:
        raise UsageError(
            f"--order-as {order_as!r} for {fmt}: choose one of {', '.join(module.ORDER_AS)}"
        )
    return module.export_bank(bank, Path(path), order_as=order_as)


def import_format_for(path: str | Path, fmt: str | None = None) -> str:
    if fmt is not None:
        if fmt not in IMPORT_FORMATS:
            raise UsageError(
                f"unknown import format {fmt!r}; choose one of {', '.join(IMPORT_FORMATS)}"
            )
        return fmt
    suffix = Path(path).suffix.lower()
    if suffix not in IMPORT_SUFFIXES:
        raise UsageError(
            f"cannot tell the format of {Path(path).name!r} from its suffix; "
            f"use .xlsx .csv .xml .gift .txt or --from {{{','.join(IMPORT_FORMATS)}}}"
        )
    return IMPORT_SUFFIXES[suffix]


TABLE_FORMATS = ("xlsx", "csv")


def import_questions(
    path: str | Path, fmt: str | None = None, *, fill_separators: str | None = None
) -> Imported:
    """Read a file of another tool: the questions a bank can hold, and each one left out.

    ``fill_separators`` (tables only) are the characters between the blanks of a
    fill answer; by default the stem's blank count decides what ';' separates.
    """
    chosen = import_format_for(path, fmt)
    module = importlib.import_module(IMPORT_FORMATS[chosen])
    if fill_separators is not None:
        if chosen not in TABLE_FORMATS:
            raise UsageError(f"--fill-separators is for Excel and CSV tables, not {chosen}")
        if not fill_separators or any(ch.isalnum() or ch.isspace() for ch in fill_separators):
            raise UsageError(
                f"--fill-separators {fill_separators!r}: give the punctuation between blanks, e.g. '|' or '|;；'"
            )
        return module.import_partial(Path(path), fill_separators)
    return module.import_partial(Path(path))


def import_bank(path: str | Path, fmt: str | None = None, **options) -> Bank:
    """Read a file of another tool into a Bank; BankError if any question cannot be imported."""
    return import_questions(path, fmt, **options).strict()
