"""Dates as an article writes them, and wrong dates that are real dates.

A date distractor changes the day, the month or the year of the written date
("2021年9月22日" → "2021年10月22日", "2021年9月12日") and keeps whatever
else is written around the digits ("10月初", "6月30日下午"). Every candidate
is a valid calendar date and, when the article's date is known, not after it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_PARTS = re.compile(r"(?:(\d{4})\s*年)?\s*(?:(\d{1,2})\s*月)?\s*(?:(\d{1,2})\s*[日号])?")


@dataclass(frozen=True)
class WrittenDate:
    """The digits of a written date and where they are, so that new dates can be written the same way."""

    text: str
    year: int | None
    month: int | None
    day: int | None
    spans: tuple[tuple[int, int] | None, ...]  # where year, month, day digits are in `text`

    @property
    def key(self) -> tuple[int, int, int]:
        """Sorts chronologically (unknown parts count as 0)."""
        return (self.year or 0, self.month or 0, self.day or 0)

    def respell(self, year: int | None, month: int | None, day: int | None) -> str:
        out = self.text
        # replace from the right so earlier spans stay valid
        for span, new in sorted(
            zip(self.spans, (year, month, day), strict=True), key=lambda p: -(p[0] or (0, 0))[0]
        ):
            if span is not None and new is not None:
                out = out[: span[0]] + str(new) + out[span[1] :]
        return out


def parse_written_date(text: str) -> WrittenDate | None:
    """ "2021年9月22日" → its parts; None when the text has no date digits ("去年")."""
    for m in _PARTS.finditer(text):
        if not any(m.group(i) for i in (1, 2, 3)):
            continue
        year = int(m.group(1)) if m.group(1) else None
        month = int(m.group(2)) if m.group(2) else None
        day = int(m.group(3)) if m.group(3) else None
        if month is not None and not 1 <= month <= 12:
            return None
        if day is not None and (month is None or not _valid(year, month, day)):
            return None
        spans = tuple(m.span(i) if m.group(i) else None for i in (1, 2, 3))
        return WrittenDate(text, year, month, day, spans)
    return None


def _valid(year: int | None, month: int, day: int) -> bool:
    try:
        dt.date(
            year or 2000, month, day
        )  # 2000 is a leap year: 2月29日 is valid when the year is unknown
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class DateCandidate:
    key: tuple[int, int, int]
    text: str
    tier: int


def parse_latest(reference: str) -> tuple[int, int, int] | None:
    """The last day the article can talk about in the past, from its date ("2022-01-15", "2022")."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", reference or "")
    if not m:
        return None
    year = int(m.group(1))
    if m.group(3):
        return (year, int(m.group(2)), int(m.group(3)))
    if m.group(2):
        return (year, int(m.group(2)), 31)
    return (year, 12, 31)


def date_candidates(
    written: WrittenDate, latest: tuple[int, int, int] | None = None, year: int | None = None
) -> list[DateCandidate]:
    """Valid wrong dates in the same written form, best first.

    ``year`` is the year of a date written without one ("2021年（9月22日）"): it
    decides whether 2月29日 exists and whether a candidate is after ``latest``.
    """
    y, m, d = written.year, written.month, written.day
    proposals: list[tuple[int | None, int | None, int | None, int]] = []
    if d is not None and m is not None:
        proposals += [(y, m + 1, d, 0), (y, m - 1, d, 0)]
        proposals += [(y, m, d + k, 1) for k in (-10, 10, -7, 7, -5, 5)]
        proposals += [(y, m, d + k, 2) for k in (-2, 2, -3, 3, -1, 1)]
        proposals += [(y, m + 2, d, 2), (y, m - 2, d, 2)]
        # the year stays: a stem often names it elsewhere ("2021年第八期"), which would rule such options out
    elif m is not None:
        proposals += [
            (y, m + k, None, 0 if abs(k) == 1 else 1 if abs(k) == 2 else 2)
            for k in (1, -1, 2, -2, 3, -3, 4, -4)
        ]
        if y is not None:
            proposals += [(y - 1, m, None, 3)]
    elif y is not None:
        proposals += [(y + k, None, None, abs(k) - 1) for k in (-1, 1, -2, 2, -3, 3, -4, -5)]
    found: dict[str, DateCandidate] = {}
    for py, pm, pd, tier in proposals:
        if pm is not None and not 1 <= pm <= 12:
            continue
        if pd is not None and (pm is None or not _valid(py or year, pm, pd)):
            continue
        key = (py or 0, pm or 0, pd or 0)
        if key == written.key:
            continue
        full = (py or year or 0, pm or 0, pd or 0)
        if latest is not None and full[0] and is_after(full, latest):
            continue
        text = written.respell(py, pm, pd)
        if text not in found and text != written.text:
            found[text] = DateCandidate(key, text, tier)
    return list(found.values())


def is_after(key: tuple[int, int, int], latest: tuple[int, int, int]) -> bool:
    """Whether a (possibly partial) date certainly lies after ``latest``."""
    year, month, day = key
    if year != latest[0]:
        return year > latest[0]
    if not month:
        return False
    if month != latest[1]:
        return month > latest[1]
    return bool(day) and day > latest[2]
