"""Dates in a sentence: full, partial and relative, resolved against the article's date.

"去年9月22日" in an article dated 2022-01-15 is 2021-09-22 and reads
"2021年9月22日"; "今年" is 2022; "上月" needs the article's month. Without
an article date the words stay as written and the caller warns once.
A date written without a year ("9月22日") takes the year of a date earlier in
its sentence ("2021年3月开工，9月22日竣工"), else the article's year when the
article's month is known; a month after the article's date means last year
("12月份" in a bulletin of March 2024 is December 2023) unless the sentence
looks ahead (将, 预计, 计划…). With only a year for the article it keeps no
year: a January article looks back across New Year too often to guess.
A day without a month ("20日下午3时") takes the month in force: the last month
named before it in the article, else the article's month.
Chinese-numeral dates ("二〇二三年", "二〇二四年一月十六日") are read too.
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


# every match of DATE holds one of these at most 5 characters after its start ("2021 年",
# "12月", "去年", "上个月", "近期"): scanning starts there, not at every earlier character
_DATE_ANCHOR = re.compile(r"[年月日天期]")
_ANCHOR_REACH = 5

_RANGE_BEFORE = re.compile(r"\d\s?月?\s?(?:至|到|-|~|～|—|－)\s?$")

_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "O": 0}
_CN_MONTH = "十[一二]?|[一二三四五六七八九]"
_CN_DAY = "三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]"
CN_DATE = re.compile(
    r"(?P<y>[一二][〇零○一二三四五六七八九]{3})年(?!代|度|级)"
    rf"(?:(?P<m>{_CN_MONTH})月(?:(?P<d>{_CN_DAY})[日号])?)?"
)
# a day of the month on its own: "20日下午3时", "截至21日18时"; not "30日内", "每5日", "近3日"
DAY = re.compile(r"(?P<d>3[01]|[12]\d|0?[1-9])日(?![内元报刊均常以之左])")
_NOT_BEFORE_DAY = frozenset("0123456789.月日号个第近每数几满逾约共期前这上下本次今昨明当")
# the sentence speaks of the future: a month after the article's date is this year, not last
_LOOKS_AHEAD = re.compile(r"将|计划|预计|力争|拟|届时|即将|定于|有望|争取|预定|今后|年底前")


class DateContext:
    """The month in force while reading one article, for days written without a month."""

    __slots__ = ("year", "month")

    def __init__(self) -> None:
        self.year: int | None = None
        self.month: int | None = None


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


_CN_YEAR = re.compile(r"([一二][〇零○一二三四五六七八九]{3})年")


def arabic_years(text: str) -> str:
    """ "子洲县二〇二三年国民经济…" → "子洲县2023年国民经济…": a title's year in digits."""
    return _CN_YEAR.sub(lambda m: "".join(str(_CN_DIGIT[c]) for c in m.group(1)) + "年", text)


def _cn_number(text: str) -> int:
    """ "十二" → 12, "二十一" → 21, "三十" → 30, "九" → 9."""
    if "十" not in text:
        return _CN_DIGIT[text]
    tens, _, ones = text.partition("十")
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)


def _year_of(
    month: int,
    day: int | None,
    sentence: str,
    reference: tuple[int, int | None, int | None] | None,
) -> int | None:
    """The year of a month (and day) written without one, from the article's date."""
    if reference is None or reference[1] is None:
        return None
    year, ref_month, ref_day = reference
    if (month, day or 1) > (ref_month, ref_day or 31) and not _LOOKS_AHEAD.search(sentence):
        return year - 1  # past tense and after the article's date: last year's
    return year


def find_dates(
    sentence: str,
    reference: tuple[int, int | None, int | None] | None,
    context: DateContext | None = None,
) -> list[DateFact]:
    """The dates of one sentence; ``context`` carries the month in force across sentences."""
    found = list(_numeric_dates(sentence, reference))
    if "年" in sentence and (
        "〇" in sentence or "零" in sentence or "○" in sentence or "一九" in sentence
    ):
        found = sorted([*found, *_chinese_dates(sentence)], key=lambda d: d.start)
    if "日" in sentence:
        found = _with_days(sentence, reference, context or DateContext(), found)
    if not found:
        return found
    out = []
    sentence_year: int | None = None
    for d in found:
        if d.iso[:4].isdigit():
            sentence_year = int(d.iso[:4])
        elif d.iso.startswith("--"):
            # a month (and day) without a year: the sentence's year, else the article's
            month = int(d.iso[2:4])
            day = int(d.iso[5:7]) if len(d.iso) > 4 else None
            year = sentence_year or _year_of(month, day, sentence, reference)
            if year is not None and _valid(year, month, day or 1):
                written = d.resolved or sentence[d.start : d.end]  # "6月20日" for a bare "20日"
                iso = f"{year:04d}" + d.iso[1:]
                d = DateFact(d.start, d.end, iso, f"{year}年{written}", False, False)
        if context is not None:
            year, month = _month_of(d.iso)
            if month is not None:
                context.year, context.month = year, month
        out.append(d)
    return out


def _month_of(iso: str) -> tuple[int | None, int | None]:
    """ "2021-09-22" → (2021, 9); "--09" → (None, 9); "2021" → (2021, None)."""
    if len(iso) < 4:
        return None, None
    if iso.startswith("--"):
        return None, int(iso[2:4])
    if len(iso) >= 7:
        return int(iso[:4]), int(iso[5:7])
    return (int(iso[:4]) if iso[:4].isdigit() else None), None


def _chinese_dates(sentence: str) -> Iterator[DateFact]:
    for m in CN_DATE.finditer(sentence):
        y = m.group("y")
        if y[0] == "一" and y[1] != "九":
            continue  # 一〇〇〇年 and the like: not a calendar year of news
        year = int("".join(str(_CN_DIGIT[c]) for c in y))
        month = _cn_number(m.group("m")) if m.group("m") else None
        day = _cn_number(m.group("d")) if m.group("d") else None
        if month and (month > 12 or (day and not _valid(year, month, day))):
            continue
        yield DateFact(m.start(), m.end(), _iso(year, month, day), "", False, False)


def _with_days(
    sentence: str,
    reference: tuple[int, int | None, int | None] | None,
    context: DateContext,
    found: list[DateFact],
) -> list[DateFact]:
    """``found`` with the days written without a month added, each in the month in force."""
    out: list[DateFact] = []
    dates = iter(found)
    pending = next(dates, None)
    month, year = context.month, context.year
    for m in DAY.finditer(sentence):
        while pending is not None and pending.start < m.end():
            out.append(pending)
            if _month_of(pending.iso)[1] is not None:
                year, month = _month_of(pending.iso)
            pending = next(dates, None)
        if any(o.start <= m.start() < o.end for o in out) or (
            m.start() > 0 and sentence[m.start() - 1] in _NOT_BEFORE_DAY
        ):
            continue
        day = int(m.group("d"))
        if month is None:
            if reference is None or reference[1] is None:
                continue  # no month to put the day in: not a date a reader can check
            year, month = reference[0], reference[1]
            if reference[2] is not None and day > reference[2]:
                year, month = divmod(year * 12 + month - 2, 12)
                month += 1
        if year is None and reference is not None:
            year = _year_of(month, day, sentence, reference)
        if not _valid(year, month, day):
            continue
        iso = _iso(year, month, day) if year else f"--{month:02d}-{day:02d}"
        # yearless: the caller puts the year in front of "6月20日" once it knows it
        resolved = f"{year}年{month}月{day}日" if year else f"{month}月{day}日"
        out.append(DateFact(m.start(), m.end(), iso, resolved, False, False))
    if pending is not None:
        out.append(pending)
    out.extend(dates)
    return sorted(out, key=lambda d: d.start)


def _numeric_dates(
    sentence: str, reference: tuple[int, int | None, int | None] | None
) -> Iterator[DateFact]:
    anchor = _DATE_ANCHOR.search(sentence)
    if anchor is None:
        return
    for m in DATE.finditer(sentence, max(0, anchor.start() - _ANCHOR_REACH)):
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
