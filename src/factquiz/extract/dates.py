"""Dates in a sentence: full, partial and relative, resolved against the article's date.

"去年9月22日" in an article dated 2022-01-15 is 2021-09-22 and reads
"2021年9月22日"; "今年" is 2022; "上月" needs the article's month. Without
an article date the words stay as written and the caller warns once.
A date written without a year ("9月22日") keeps no year: guessing it from the
article's date is wrong whenever the article looks back across New Year.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

# "上年" (比上年增长) is the year before the one reported on, not before the article's date:
# a comparison base, never resolved
_YEAR_WORDS = {"前年": -2, "去年": -1, "今年": 0, "本年": 0, "当年": None, "明年": 1}
_MONTH_WORDS = {"上月": -1, "上个月": -1, "本月": 0, "这个月": 0, "下月": 1, "下个月": 1}
_DAY_WORDS = {"前天": -2, "前日": -2, "昨天": -1, "昨日": -1, "今天": 0, "今日": 0, "明天": 1}
VAGUE = ("近日", "日前", "近期")  # "recently": a date fact without a resolvable date

_REL_YEAR = "|".join(k for k in _YEAR_WORDS)
_REL_OTHER = "|".join(sorted([*_MONTH_WORDS, *_DAY_WORDS, *VAGUE], key=len, reverse=True))
FIRST_CHARS = "".join(sorted({w[0] for w in [*_YEAR_WORDS, *_MONTH_WORDS, *_DAY_WORDS, *VAGUE]}))
DATE = re.compile(
    # the lookahead keeps the all-optional first branch from matching at every character
    # lookaheads: a cheap first-character test, then a real start (no empty matches at digits)
    rf"(?=[{FIRST_CHARS}\d])(?=(?:{_REL_YEAR})|(?:19|20)\d\d\s?年|(?:1[0-2]|0?[1-9])\s?月)(?P<rel>{_REL_YEAR})?"
    r"(?:(?P<y>(?:19|20)\d\d)\s?年(?!代|度|级|前|来))?"
    r"(?:(?P<m>1[0-2]|0?[1-9])\s?月(?:份)?"
    r"(?:(?P<d>3[01]|[12]\d|0?[1-9])\s?[日号])?"
    r"(?P<part>上旬|中旬|下旬|初|底|末|中)?)?"
    rf"|(?=[{FIRST_CHARS}])(?P<other>{_REL_OTHER})"
)
# "去年以来" is a date; "今年是" too. But "当年" alone says nothing checkable; keep it only with digits.


_RANGE_BEFORE = re.compile(r"\d\s?月?\s?(?:至|到|-|~|～|—|－)\s?$")


@dataclass(frozen=True)
class DateFact:
    start: int
    end: int
    iso: str  # "2021-09-22", "2021-10", "2021", "--09-22", "--10"; "" when unresolved
    resolved: str  # the text rewritten with absolute dates; "" when unchanged
    relative: bool  # written with a relative word (去年, 上月, 昨天)
    unresolved: bool  # relative but no article date to resolve it


def parse_reference(date: str | None) -> tuple[int, int | None, int | None] | None:
    """ "2022-01-15" → (2022, 1, 15); "2022" → (2022, None, None); None for None or ""."""
    if not date:
        return None
    m = re.fullmatch(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*", date)
    if not m:
        return None
    y = int(m.group(1))
    mo = int(m.group(2)) if m.group(2) else None
    d = int(m.group(3)) if m.group(3) else None
    return y, mo, d


def find_dates(
    sentence: str, reference: tuple[int, int | None, int | None] | None
) -> Iterator[DateFact]:
    for m in DATE.finditer(sentence):
        if m.start() == m.end():
            continue
        other = m.group("other")
        if other:
            yield _relative_other(m, other, reference)
            continue
        rel, y, mo, d = m.group("rel"), m.group("y"), m.group("m"), m.group("d")
        if mo and not y and not rel:
            # "9月22日", "10月初": a month on its own must not be a count ("3个月" never matches here)
            if m.start() > 0 and (
                sentence[m.start() - 1].isdigit() or sentence[m.start() - 1] in ".个第"
            ):
                continue
            if _RANGE_BEFORE.search(sentence, max(0, m.start() - 4), m.start()):
                continue  # "1至10月": the end of a span of months, not a date
        if not (rel or y or mo):
            continue
        if rel == "当年" and not (y or mo):
            continue
        if rel and y:
            # "今年2021年" does not happen; treat the digits as the truth
            rel = None
        year: int | None = int(y) if y else None
        unresolved = False
        relative = bool(rel)
        if rel:
            offset = _YEAR_WORDS[rel]
            if offset is None:
                unresolved = False
            elif reference is None:
                unresolved = True
            else:
                year = reference[0] + offset
        month = int(mo) if mo else None
        day = int(d) if d else None
        if month and day and not _valid(year, month, day):
            continue
        iso = _iso(year, month, day) if (year or month) else ""
        if rel and year is None:
            iso = ""
        resolved = ""
        text = m.group()
        if rel and year is not None:
            resolved = f"{year}年" + text[len(rel) :].lstrip()
        yield DateFact(m.start(), m.end(), iso, resolved, relative, unresolved)


def _relative_other(
    m: re.Match[str], word: str, reference: tuple[int, int | None, int | None] | None
) -> DateFact:
    if word in VAGUE:
        return DateFact(m.start(), m.end(), "", "", True, False)
    if reference is None:
        return DateFact(m.start(), m.end(), "", "", True, True)
    y, mo, d = reference
    if word in _MONTH_WORDS:
        if mo is None:
            return DateFact(m.start(), m.end(), "", "", True, True)
        total = y * 12 + (mo - 1) + _MONTH_WORDS[word]
        ny, nm = divmod(total, 12)
        return DateFact(
            m.start(), m.end(), f"{ny:04d}-{nm + 1:02d}", f"{ny}年{nm + 1}月", True, False
        )
    if mo is None or d is None:
        return DateFact(m.start(), m.end(), "", "", True, True)
    day = dt.date(y, mo, d) + dt.timedelta(days=_DAY_WORDS[word])
    return DateFact(
        m.start(), m.end(), day.isoformat(), f"{day.year}年{day.month}月{day.day}日", True, False
    )


def _valid(year: int | None, month: int, day: int) -> bool:
    try:
        dt.date(year or 2000, month, day)
    except ValueError:
        return False
    return True


def _iso(year: int | None, month: int | None, day: int | None) -> str:
    if year is None:
        if month is None:
            return ""
        return f"--{month:02d}" + (f"-{day:02d}" if day else "")
    out = f"{year:04d}"
    if month:
        out += f"-{month:02d}"
        if day:
            out += f"-{day:02d}"
    return out
