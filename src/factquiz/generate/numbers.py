"""Numbers as an article writes them, and plausible wrong numbers in the same style.

A distractor must look like the answer: "2.05万" gets "1.85万", not "18500";
"一百三十六" gets "一百六十三"; "3000多" gets "4000多", not "3317多". So we
read the *style* of the written number (Chinese or Arabic digits, 万/亿
multiplier, decimals, roundness) and write every candidate back in it.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

MULTIPLIERS = {"": 1, "万": 10_000, "亿": 100_000_000, "万亿": 1_000_000_000_000}
_ARABIC = re.compile(r"(\d+(?:\.(\d+))?)(万亿|万|亿)?")
_CHINESE = re.compile(r"([零〇一二两三四五六七八九十百千]+)(万亿|万|亿)?")
_CN_VALUES = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


@dataclass(frozen=True)
class NumberStyle:
    """How a number is written, so that other numbers can be written the same way."""

    chinese: bool  # Chinese numerals: 一百三十六, 八
    multiplier: str  # "", "万", "亿"
    decimals: int  # digits after the point: "2.05万" → 2
    liang: bool = False  # "两" rather than "二" for 2 (两个)

    @property
    def scale(self) -> int:
        return MULTIPLIERS[self.multiplier]


def chinese_to_int(text: str) -> int | None:
    """一百三十六 → 136, 十二 → 12, 两 → 2, 一百零五 → 105; None if not a plain Chinese integer."""
    if not text:
        return None
    total, digit = 0, None
    for ch in text:
        if ch in _CN_VALUES:
            if digit:  # "一二": digits in a row are not a number as news text writes it
                return None
            digit = _CN_VALUES[ch]
        elif ch in _CN_UNITS:
            total += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)


def int_to_chinese(n: int, liang: bool = False) -> str:
    """136 → 一百三十六, 10 → 十, 12 → 十二 (n in 0…9999); 2 → 两 when ``liang``."""
    if n == 2 and liang:
        return "两"
    if n < 10:
        return "零一二三四五六七八九"[n]
    digits = "零一二三四五六七八九"
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // value % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        if not (value == 10 and d == 1 and not out):  # 十二, not 一十二
            out += digits[d]
        out += unit
    return out


@functools.lru_cache(maxsize=65536)
def parse_number(written: str) -> tuple[float, NumberStyle] | None:
    """ "2.05万" → (20500.0, style); "一百三十六" → (136.0, style); None when not a number we can respell."""
    text = written.strip().replace(",", "").replace("，", "")
    m = _ARABIC.fullmatch(text)
    if m:
        style = NumberStyle(False, m.group(3) or "", len(m.group(2) or ""))
        return float(m.group(1)) * style.scale, style
    m = _CHINESE.fullmatch(text)
    if m:
        n = chinese_to_int(m.group(1))
        if n is None or n >= 10000:
            return None
        style = NumberStyle(True, m.group(2) or "", 0, "两" in m.group(1))
        return float(n) * style.scale, style
    return None


def format_number(value: float, style: NumberStyle) -> str | None:
    """``value`` written in ``style``; None when the style cannot express it (Chinese non-integers)."""
    mantissa = value / style.scale
    if style.chinese:
        n = round(mantissa)
        if abs(mantissa - n) > 1e-9 or not 0 <= n < 10000:
            return None
        return int_to_chinese(n, style.liang) + style.multiplier
    return f"{mantissa:.{style.decimals}f}" + style.multiplier


def granularity(value: float, style: NumberStyle) -> float:
    """The step the answer is rounded to, in base units: 591 → 1, 3000 → 1000, 2.05万 → 100, 500万 → 100万."""
    mantissa = value / style.scale
    if style.decimals:
        return 10.0**-style.decimals * style.scale
    n = round(mantissa)
    if n < 20:  # small counts are exact counts: 9 个党支部, 10 支代表队
        return float(style.scale)
    zeros = len(str(n)) - len(str(n).rstrip("0"))
    step = 10**zeros
    if n // step < 3 and step >= 10:  # 200 → steps of 50, not 100 (only 100 and 300 nearby)
        step //= 2
    return float(step * style.scale)


def _round_to(value: float, step: float) -> float:
    return round(round(value / step) * step, 10)


def _last_digit_nonzero(value: float, style: NumberStyle) -> bool:
    """Whether the last written digit is not 0: 591 and 98.5 yes, 3000 and 90.0 no."""
    return round(value / style.scale * 10**style.decimals) % 10 != 0


@dataclass(frozen=True)
class NumberCandidate:
    value: float
    text: str  # written in the answer's style
    tier: int  # 0 = most tempting (transposed digits), higher = less


def transpositions(value: float, style: NumberStyle) -> list[float]:
    """Swap two neighbouring digits of the written number: 591 → 951, 519."""
    written = format_number(value, style)
    if written is None or style.chinese:
        return []
    mantissa = written.rstrip("万亿")
    if "." not in mantissa and mantissa.endswith("0"):
        return []  # round numbers (3000, 1800) do not get transposed: 1080 looks made up
    digits = [i for i, c in enumerate(mantissa) if c.isdigit()]
    out = []
    for a, b in zip(digits, digits[1:], strict=False):
        chars = list(mantissa)
        chars[a], chars[b] = chars[b], chars[a]
        swapped = "".join(chars)
        if swapped == mantissa or swapped.startswith("0"):
            continue
        new = float(swapped) * style.scale
        if 0.4 <= new / value <= 2.5:
            out.append(new)
    return out


def number_candidates(
    value: float, style: NumberStyle, *, unit: str = "", percent: bool = False, year: bool = False
) -> list[NumberCandidate]:
    """Plausible wrong values for ``value`` written like it, best first; not yet filtered against other facts."""
    found: dict[str, NumberCandidate] = {}
    answer_text = format_number(value, style)
    # a precise answer (591, 98.5) gets precise distractors: a lone round number would stand out
    small = value / style.scale < 20 and not style.decimals
    keep_last_digit = answer_text is not None and _last_digit_nonzero(value, style) and not small

    # the style's parts looked up once: ``add`` runs a dozen times per answer
    scale, decimals, multiplier = style.scale, style.decimals, style.multiplier
    places, shift = f".{decimals}f", 10**decimals
    share = percent and unit in ("%", "％")  # a share stays within 100%; growth of 120% may not
    whole = not decimals and not style.chinese

    def add(v: float, tier: int) -> None:
        if v <= 0 or math.isclose(v, value):
            return
        if share and v > 100 >= value:
            return
        if keep_last_digit and round(v / scale * shift) % 10 == 0:
            return  # 98.5% must not get 90.0% (``_last_digit_nonzero``)
        # ``format_number``, inlined for Arabic digits
        text = format_number(v, style) if style.chinese else format(v / scale, places) + multiplier
        if text is None or text == answer_text or text in found:
            return
        if whole and "." in text:
            return
        found[text] = NumberCandidate(v, text, tier)
        sides[v > value] += 1

    sides = [0, 0]  # candidates below and above the answer so far

    def enough() -> bool:
        """Four on each side leave every answer position and a choice of distractors."""
        return sides[0] >= 4 and sides[1] >= 4

    if year:
        for d, tier in ((1, 0), (-1, 0), (2, 1), (-2, 1), (3, 2), (-3, 2), (5, 3), (-5, 3)):
            add(value + d, tier)
        return list(found.values())
    if unit == "周年" and value >= 5:
        for d, tier in ((10, 0), (-10, 0), (5, 1), (-5, 1), (20, 2), (-20, 2), (15, 3), (-15, 3)):
            add(value + d, tier)
        return list(found.values())

    for t in transpositions(value, style):
        add(t, 0)
    step = granularity(value, style)
    if small:
        for d, tier in (
            (1, 1),
            (-1, 1),
            (2, 1),
            (-2, 1),
            (3, 2),
            (-3, 2),
            (5, 3),
            (-5, 3),
            (4, 3),
            (6, 4),
            (-4, 3),
            (8, 4),
        ):
            add(value + d * style.scale, tier)
    elif percent and value >= 50 and unit in ("%", "％"):
        # near the top of the scale a 10–40% shift leaves 0–100; use percentage points instead
        for d, tier in (
            (1, 1),
            (-1, 1),
            (2, 1),
            (-3, 1),
            (3, 2),
            (-5, 2),
            (5, 2),
            (-8, 3),
            (-10, 3),
            (-12, 4),
        ):
            add(_round_to(value + d * max(step, 1.0), step), tier)
    else:
        for r, tier in (
            (0.1, 1),
            (-0.1, 1),
            (0.2, 1),
            (-0.2, 1),
            (0.3, 2),
            (-0.3, 2),
            (0.4, 3),
            (-0.4, 3),
        ):
            add(_round_to(value * (1 + r), step), tier)
        # fixed steps one order of magnitude below the value: 591 → 601, 581 (not 592)
        coarse = step * 10 ** max(0, math.floor(math.log10(max(value / step, 1))) - 1)
        for k, tier in ((1, 2), (-1, 2), (2, 3), (-2, 3), (3, 4), (4, 4), (-3, 4), (5, 5)):
            if enough():
                break
            add(_round_to(value + k * coarse, step), tier)
    return list(found.values())
