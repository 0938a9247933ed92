"""Wrong options that look right: the part where question generators usually fail.

For a number or a date the options are shown in ascending order, as Chinese
exam papers do, so where the answer lands is decided by how many distractors
are smaller than it. ``Choices`` keeps the smaller and larger candidates apart;
the planner asks which positions are possible and picks the one the bank needs
(so the answer is not always the largest, nor always the middle). Every
candidate keeps the answer's unit, qualifier and precision, is positive, a
percentage stays within 0–100, a date is a real date, and no candidate equals
another true value stated in the same sentence.
"""

from __future__ import annotations

import functools
import math
import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from factquiz.generate.dates import date_candidates, is_after, parse_latest, parse_written_date
from factquiz.generate.numbers import int_to_chinese, number_candidates, parse_number
from factquiz.generate.stems import display_text
from factquiz.model import Fact

OPTION_COUNT = 4
NUMERIC_KINDS = ("quantity", "percent", "ordinal")
_FIRST = "首"  # 首条, 首批, 首届: the ordinal "first"
_NUMBER_IN_TEXT = re.compile(
    r"\d+(?:\.\d+)?(?:万亿|万|亿)?|[零〇一二两三四五六七八九十百千]+(?:万|亿)?"
)


@dataclass(frozen=True)
class Choice:
    text: str
    key: tuple[float, ...] = ()  # sorts options (value, or year/month/day); () for names
    tier: int = 0  # 0 = most tempting


@dataclass(frozen=True)
class Choices:
    """The answer and candidate distractors, split by whether they sort below or above it."""

    answer: Choice
    below: tuple[Choice, ...]
    above: tuple[Choice, ...] = ()
    ordered: bool = True  # options are shown sorted by key (numbers, dates)

    def positions(self, wrong: int = OPTION_COUNT - 1) -> list[int]:
        """Indices the answer can take among ``wrong + 1`` options."""
        if not self.ordered:
            return list(range(wrong + 1)) if len(self.below) >= wrong else []
        return [
            p for p in range(wrong + 1) if len(self.below) >= p and len(self.above) >= wrong - p
        ]

    def pick(
        self, position: int, rng: random.Random, wrong: int = OPTION_COUNT - 1
    ) -> tuple[str, ...]:
        """Options with the answer at ``position``; the most tempting candidates first, at most one of tier 0."""
        if not self.ordered:
            chosen = _best(self.below, wrong, rng)
            rng.shuffle(chosen)
            chosen.insert(position, self.answer)
            return tuple(c.text for c in chosen)
        chosen = _best_pair(self.below, position, self.above, wrong - position, rng)
        options = sorted([*chosen, self.answer], key=lambda c: c.key)
        return tuple(c.text for c in options)

    def one(self, rng: random.Random) -> Choice | None:
        """One tempting wrong value, for a false judge statement."""
        pool = [c for c in (*self.below, *self.above) if c.tier <= 1] or [*self.below, *self.above]
        return rng.choice(sorted(pool, key=lambda c: (c.tier, c.text))) if pool else None


def _ranked(pool: Sequence[Choice], rng: random.Random) -> list[Choice]:
    keyed = [(c.tier, rng.random(), c) for c in pool]
    return [c for _, _, c in sorted(keyed, key=lambda t: (t[0], t[1]))]


def _best(pool: Sequence[Choice], n: int, rng: random.Random) -> list[Choice]:
    return _ranked(pool, rng)[:n]


def _best_pair(
    low: Sequence[Choice], n_low: int, high: Sequence[Choice], n_high: int, rng: random.Random
) -> list[Choice]:
    """n_low from ``low`` and n_high from ``high``, preferring low tiers but using tier 0 once at most."""
    chosen: list[Choice] = []
    used_zero = False
    for pool, n in ((low, n_low), (high, n_high)):
        ranked = _ranked(pool, rng)
        if used_zero:
            ranked = sorted(ranked, key=lambda c: c.tier == 0)  # stable: keeps the order otherwise
        take = ranked[:n]
        used_zero = used_zero or any(c.tier == 0 for c in take)
        chosen += take
    return chosen


# --- numbers ---------------------------------------------------------------


def number_span(fact: Fact) -> tuple[int, int] | None:
    """Where the number is inside ``fact.text`` (so "近2万人次" can become "近3万人次")."""
    return _span_of(fact.text, fact.number)


def _span_of(text: str, number: str) -> tuple[int, int] | None:
    if number and number in text:
        i = text.index(number)
        return i, i + len(number)
    m = _NUMBER_IN_TEXT.search(text)
    return m.span() if m else None


def is_first(fact: Fact) -> bool:
    """首条 首批 首届: an ordinal written with 首 rather than a number."""
    return _is_first(fact.kind, fact.text)


def _is_first(kind: str, text: str) -> bool:
    return kind == "ordinal" and text.startswith(_FIRST) or text.startswith("第" + _FIRST)


def fact_number(fact: Fact) -> tuple[float, object] | None:
    """The value and written style of a numeric fact, read from its text (the source of truth).

    (When the extractor applied a multiplier written outside the number, "154万余" as 154 + 万,
    ``fact.value`` differs: the text is trusted.)
    """
    return _written_number(fact.kind, fact.text, fact.number)


@functools.lru_cache(maxsize=16384)
def _written_number(kind: str, text: str, number: str) -> tuple[float, object] | None:
    """``fact_number`` from the only fields it reads, so it is worked out once per written value
    (every sibling's distractors, the difficulty and the 抢答 word ask for it again)."""
    if _is_first(kind, text):
        return None
    span = _span_of(text, number)
    if span is None:
        return None
    return parse_number(text[span[0] : span[1]])


def is_year(fact: Fact) -> bool:
    return (
        fact.kind == "quantity"
        and fact.unit == "年"
        and fact.value is not None
        and 1900 <= fact.value <= 2100
        and not fact.qualifier
    )


StatedValues = Mapping[tuple[str, str], frozenset[float]]


def value_kind(fact: Fact) -> tuple[str, str]:
    """The kind of quantity a value is, for comparing values across an article: a year is a
    year whatever else is counted in 年; a percentage, a count of 个… each their own."""
    if is_year(fact):
        return ("year", "")
    return (fact.kind, fact.unit)


def stated_values(facts: Sequence[Fact]) -> dict[tuple[str, str], frozenset[float]]:
    """Every numeric value an article states, by kind of quantity (so a distractor can avoid them)."""
    found: dict[tuple[str, str], set[float]] = {}
    for fact in facts:
        if fact.kind not in NUMERIC_KINDS or is_first(fact):
            continue
        parsed = fact_number(fact)
        value = parsed[0] if parsed is not None else fact.value
        if value is not None:
            found.setdefault(value_kind(fact), set()).add(round(value, 6))
    out = {k: frozenset(v) for k, v in found.items()}
    # figures of two or more digits of any kind, worked out once per article
    out[ANY_KIND] = frozenset(
        v
        for values in found.values()
        for v in values
        if len(f"{v:g}".replace(".", "").strip("0-")) >= 2
    )
    return out


# the key of ``stated_values`` for every multi-digit figure whatever it counts
ANY_KIND = ("*", "*")


_IN_A_ROW = re.compile(r"连续(?:第)?$")


def numeric_choices(
    fact: Fact, siblings: Sequence[Fact] = (), stated: StatedValues | None = None
) -> Choices | None:
    """Choices for a quantity, percentage or ordinal; None when fewer than three good distractors exist.

    ``stated``: the article's values by ``value_kind``; a distractor never equals another true
    value of the same kind of quantity (7.4% growth of one sector offered as wrong for another).
    """
    if is_first(fact):
        return _first_choices(fact)
    parsed = fact_number(fact)
    if parsed is None:
        return None
    value, style = parsed
    span = number_span(fact)
    assert span is not None
    taken = {round(v, 6) for v in _true_values(fact, siblings)}
    if stated and fact.max_value is None:
        # (a bounded rank, 一等奖…三等奖, is a category: "获得二等奖" is wrong for the team that got
        # 一等奖 even though another team got it)
        taken |= stated.get(value_kind(fact), frozenset())
        # a figure the article states of anything else (1.8万亩 beside 1.8万人次) is shown on the
        # same paper and would give that question away
        taken |= stated.get(ANY_KIND, frozenset())
    taken.discard(round(value, 6))
    lowest = 1.0 if fact.kind == "ordinal" else 0.0
    if fact.kind == "ordinal" and _IN_A_ROW.search(
        fact.sentence[max(0, fact.start - 3) : fact.start]
    ):
        lowest = 2.0  # "连续第四年": 连续第一年 says nothing
    highest = fact.max_value if fact.max_value is not None else math.inf
    if fact.kind != "ordinal" and getattr(style, "chinese", False):
        style = replace(style, liang=True)  # type: ignore[type-var]  # 两年多, 两个: a count of 2 reads 两, an ordinal 第二
    answer = Choice(fact.text, (value,))
    below: list[Choice] = []
    above: list[Choice] = []
    low, high = change_bounds(fact)
    for cand in number_candidates(
        value, style, unit=fact.unit, percent=fact.kind == "percent", year=is_year(fact)
    ):  # type: ignore[arg-type]
        if round(cand.value, 6) in taken:
            continue  # another true value of this sentence must not be offered as wrong
        if not lowest <= cand.value <= highest:
            continue  # 第零届, 四等奖 (prizes go to 三等奖), 下午13时
        if fact.lower is not None and cand.value <= fact.lower:
            continue  # "3—5天": the high end of a range stays above its low end
        if not low < cand.value < high:
            continue  # "由5.2提高到（ ）": a rise ends above where it started
        if _too_close(cand.text, cand.value, fact.text[span[0] : span[1]], value, fact.kind):
            continue  # 241.36 beside 241.63: a contestant should think, not spot a digit swap
        text = fact.text[: span[0]] + cand.text + fact.text[span[1] :]
        (below if cand.value < value else above).append(Choice(text, (cand.value,), cand.tier))
    return Choices(answer, tuple(below), tuple(above))


_NOT_DIGIT = re.compile(r"\D")


def _too_close(text: str, value: float, answer_text: str, answer: float, kind: str) -> bool:
    """A distractor that only swaps the answer's digits, or lies within 3% of a figure of three or
    more significant digits, tests eyesight rather than knowledge."""
    digits, answer_digits = _NOT_DIGIT.sub("", text), _NOT_DIGIT.sub("", answer_text)
    if len(answer_digits) >= 3 and sorted(digits) == sorted(answer_digits):
        return True
    if kind == "ordinal" or answer == 0 or len(answer_digits.strip("0")) < 3:
        return False
    return abs(value - answer) / abs(answer) < 0.03


_CHANGE = re.compile(
    r"(?:由|从)(\d+(?:\.\d+)?)[%％]?[^，,；;。由从]{0,12}?"
    r"(提高|提升|增加|增长|上升|扩大|升至|下降|降低|减少|缩小|回落|降至)(?:到|至)?$"
)


def change_bounds(fact: Fact) -> tuple[float, float]:
    """Open bounds for options of the end value of a stated change: "从82.6%提升至（ ）" → above 82.6."""
    m = _CHANGE.search(fact.sentence[max(0, fact.start - 30) : fact.start])
    if not m:
        return -math.inf, math.inf
    start = float(m.group(1))
    rising = m.group(2) in ("提高", "提升", "增加", "增长", "上升", "扩大", "升至")
    return (start, math.inf) if rising else (-math.inf, start)


def _first_choices(fact: Fact) -> Choices:
    """首届 → 第二届, 第三届, 第四届: only later ordinals exist, so the answer sorts first."""
    rest = fact.text[fact.text.index(_FIRST) + 1 :]
    prefix = fact.text[: fact.text.index(_FIRST)].removesuffix("第")
    above = tuple(
        Choice(f"{prefix}第{int_to_chinese(n)}{rest}", (float(n),), n - 2) for n in (2, 3, 4, 5)
    )
    return Choices(Choice(fact.text, (1.0,)), (), above)


def _true_values(fact: Fact, siblings: Sequence[Fact]) -> list[float]:
    values = []
    for other in siblings:
        if other is fact or other.kind not in NUMERIC_KINDS + ("date",):
            continue
        if other.kind == "date":
            written = parse_written_date(display_text(other))
            if written and written.year:
                values.append(float(written.year))
            continue
        parsed = fact_number(other)
        if parsed is not None:
            values.append(parsed[0])
        elif other.value is not None:
            values.append(other.value)
    return values


def blank_span(fact: Fact) -> tuple[int, int] | None:
    """Where a fill blank goes inside ``fact.text``: the number and a 余/多 right after it.

    "80余天" → "80余" (the stem keeps 天); "近2万人次" → "2万" (keeps 近 and
    人次); "第八期" → "八"; "95%以上" → "95" (keeps %以上).
    """
    span = number_span(fact)
    if span is None:
        return None
    start, end = span
    if fact.text[end : end + 1] in ("余", "多"):
        end += 1
    return start, end


def blank_text(fact: Fact) -> str:
    span = blank_span(fact)
    return fact.text[span[0] : span[1]] if span else ""


def fill_answers(fact: Fact) -> tuple[str, ...]:
    """Accepted spellings of a number blank: "80余", "80多", "80余天", "2万", "20000", "八", "8"."""
    blank = blank_text(fact)
    parsed = fact_number(fact)
    span = number_span(fact)
    if parsed is None or span is None or not blank:
        return (blank,) if blank else ()
    value, style = parsed
    written = fact.text[span[0] : span[1]]
    numbers = [written]
    if style.chinese or style.multiplier:  # type: ignore[attr-defined]
        numbers.append(f"{value:.6f}".rstrip("0").rstrip("."))
    unit_after = fact.unit and fact.text[span[0] + len(blank) :].startswith(fact.unit)
    out: list[str] = []
    for number in numbers:
        text = blank.replace(written, number, 1)
        variants = [text]
        if text.endswith("余"):
            variants.append(text[:-1] + "多")
        elif text.endswith("多"):
            variants.append(text[:-1] + "余")
        for v in variants:
            out.append(v)
            if unit_after:
                out.append(v + fact.unit)  # a player may write the unit the stem already shows
    return tuple(dict.fromkeys(out))


# --- dates -----------------------------------------------------------------


def date_choices(
    shown: str, siblings: Sequence[Fact] = (), reference: str = "", year: int | None = None
) -> Choices | None:
    """Choices for a written date with digits ("2021年9月22日", or "9月22日" of ``year``); None for "去年" alone."""
    written = parse_written_date(shown)
    if written is None:
        return None
    taken = set()
    for other in siblings:
        w = parse_written_date(display_text(other)) if other.kind == "date" else None
        if w is not None:
            taken.add(w.key if written.year else (0, w.month or 0, w.day or 0))
    answer = Choice(written.text, written.key)
    below: list[Choice] = []
    above: list[Choice] = []
    latest = parse_latest(reference)
    if (
        latest is not None
        and (written.year or year)
        and is_after((written.year or year or 0, written.month or 0, written.day or 0), latest)
    ):
        latest = None  # a plan ("今年10月底前建成"): the answer itself is after the article, so may the options be
    for cand in date_candidates(written, latest, year):
        if cand.key in taken:
            continue  # another date of the same sentence
        (below if cand.key < written.key else above).append(Choice(cand.text, cand.key, cand.tier))
    return Choices(answer, tuple(below), tuple(above))


def date_fill_answers(shown: str) -> tuple[str, ...]:
    """ "2021年9月22日" → also "2021-09-22", "2021.9.22"; "9月22日" → also "9.22"; a year → "2021"."""
    written = parse_written_date(shown)
    out = [shown]
    if written is None:
        return tuple(out)
    y, m, d = written.year, written.month, written.day
    if y and m and d:
        out += [f"{y}年{m}月{d}日", f"{y}-{m:02d}-{d:02d}", f"{y}.{m}.{d}", f"{y}/{m}/{d}"]
    elif y and m:
        out += [f"{y}年{m}月", f"{y}-{m:02d}", f"{y}.{m}"]
    elif m and d:
        out += [f"{m}月{d}日", f"{m}.{d}"]
    elif m:
        out += [f"{m}月"]
    elif y:
        out += [f"{y}年", str(y)]
    return tuple(dict.fromkeys(out))
