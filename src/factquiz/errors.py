"""The one error family of factquiz.

Every problem a user can fix is a ``FactQuizError`` carrying where it is
(file, line or row, field). The CLI catches the base class in one place and
prints ``error: file:line: field: message``; nothing else should reach a user.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """Where a problem is: a file, a line (YAML) or row (tables), a field."""

    file: str = ""
    line: int | None = None
    field: str = ""
    sheet: str = ""  # for spreadsheets: the sheet name; `line` is then the row

    def __str__(self) -> str:
        parts = []
        place = self.file
        if self.sheet:
            place = f"{place}[{self.sheet}]" if place else f"[{self.sheet}]"
        if place:
            parts.append(place if self.line is None else f"{place}:{self.line}")
        elif self.line is not None:
            parts.append(f"line {self.line}")
        if self.field:
            parts.append(self.field)
        return ": ".join(parts)


@dataclass(frozen=True)
class Problem:
    """One finding about an input: an error makes it unusable, a warning does not."""

    message: str
    location: Location = Location()
    severity: str = "error"  # "error" | "warning"
    rule: str = ""  # lint rule id, e.g. "FQ101"

    def __str__(self) -> str:
        where = str(self.location)
        return f"{where}: {self.message}" if where else self.message


class FactQuizError(Exception):
    """Base of every error a user can act on."""

    def __init__(self, message: str, location: Location | None = None):
        super().__init__(message)
        self.message = message
        self.location = location or Location()

    def __str__(self) -> str:
        where = str(self.location)
        return f"{where}: {self.message}" if where else self.message


class InputError(FactQuizError):
    """A file that cannot be read or parsed at all (missing, binary, too big, bad YAML)."""


class BankError(FactQuizError):
    """A bank with one or more errors; ``problems`` holds all of them, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        first = self.problems[0] if self.problems else Problem("invalid bank")
        super().__init__(first.message, first.location)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class SelectionError(FactQuizError):
    """A request for questions the banks cannot satisfy (e.g. more than there are)."""


class UsageError(FactQuizError):
    """Options that do not fit together; the CLI exits with status 2."""
