"""Counts, amounts, percentages and ordinals in a sentence.

A quantity is written qualifier + number + multiplier + qualifier + unit
("近2万人次", "80余天", "2.05万平方米", "3000多户", "15分钟左右"). Its
`value` has the multiplier applied (2.05万 → 20500), except in money units
that carry it (12.6万元 is 12.6 of the unit 万元, as a reader says it).
Chinese numerals ("一百三十六户", "两个") need cn2an, which is slow to
import, so it is imported only when a sentence has one.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

# Measure words that count things; the noun after them is what is counted ("9个党支部").
COUNTERS = (
    "个 户 名 人 位 支 期 届 次 份 套 所 家 座 处 起 项 条 台 辆 间 栋 幢 块 张 本 场 批 件 只 头 对 层 "
    "篇 部 种 类 组 队 轮 堂 节 株 棵 盏 根 艘 架 列 趟 片 门 笔 宗 例 床 册 幅 集 枚 颗 封 包 箱 座 口 "
    "所 名 户"
).split()
# Units of measure and compound units, longest first in the pattern.
MEASURES = (
    "个百分点 个昼夜 个工作日 个小时 个月 个星期 "
    "平方公里 平方千米 平方米 立方米 万平方米 公里 千米 厘米 毫米 米 "
    "千瓦时 千瓦 兆瓦 万千瓦 度 "
    "亿元 万元 千元 元 美元 "
    "吨 千克 公斤 克 斤 公顷 亩 "
    "人次 户次 车次 架次 台次 班次 场次 批次 辆次 艘次 "
    "个多月 个多小时 个多星期 个半月 个半小时 "
    "周年 周岁 岁 年 天 周 小时 分钟 秒 倍 届 分 道 "
).split()
_UNITS = sorted(set(COUNTERS + MEASURES), key=len, reverse=True)
_UNIT = "|".join(map(re.escape, _UNITS))

_CN_DIGITS = "零〇一二两三四五六七八九十百千"
_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CN = rf"[一二两三四五六七八九十][{_CN_DIGITS}万亿]*"
_PREFIX_Q = r"将近|接近|大约|超过|多达|近|约|超|逾"
_MULT = r"万亿|亿|万|千"

# Each pattern opens with a lookahead on a character class: Python's re then skips
# positions that cannot start a match without trying every alternative (4x faster).
QUANTITY = re.compile(
    r"(?=[将接大超多近约逾\d一二两三四五六七八九十])"
    rf"(?P<pre>{_PREFIX_Q})?"
    rf"(?P<num>(?P<arabic>{_ARABIC})|(?P<cn>{_CN}))"
    rf"(?P<mult>{_MULT})?"
    r"(?P<mid>余|多)?"
    rf"(?P<unit>{_UNIT})"
    r"(?P<post>左右|以上|以内|以下|之多)?"
)
# words that a unit starts but a quantity does not: "90年代", "年度", "三次产业"
_SPAN_UNITS = frozenset(("年", "天", "个月", "小时", "个小时", "周", "个星期"))
_NOT_AFTER = {
    "年": ("代", "度", "级"),
    "次": ("产业",),
    "分": ("之", "别", "钟", "享", "类", "配", "析", "布", "批", "期", "成", "为", "工", "管"),
}
PERCENT = re.compile(
    r"(?=[将接大超多近约逾\d百])"
    rf"(?P<pre>{_PREFIX_Q})?"
    rf"(?:(?P<num>{_ARABIC})\s?(?P<unit>[%％‰]|个百分点)|百分之(?P<cnnum>[{_CN_DIGITS}点]+|\d+(?:\.\d+)?))"
    r"(?P<post>左右|以上|以内|以下)?"
)
ORDINAL = re.compile(
    rf"第(?P<num>\d+|[{_CN_DIGITS}]+)(?P<unit>{_UNIT}|种|责任)?"
    r"|首(?P<first>条|批|届|个|家|座|次|位|部|款|只|台|辆|期|所|场|家|站|轮|趟|列|艘|项|份)"
    r"|(?<![一二三四五六七八九十])(?P<prize>[一二三四五六七八九十])(?P<prize_unit>等奖)"  # 一等奖: a rank
)
# a number without a unit still states a fact after a verb of measure ("收入比为1.48", "缩小0.03")
BARE = re.compile(
    r"(?:比为|为|达到|达|缩小|扩大|提高|降低|下降|增长|增加|减少|降至|升至|增至)"
    r"(?P<num>\d+(?:\.\d+)?)(?=[，。；、）]|$)"
)
_FIRST_NOT = re.compile(r"首(?:次性|个人)")  # words that start with an ordinal-looking 首
_MULTIPLIER = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3}
_YEAR = re.compile(r"(?:19|20)\d\d$")


class Quantity(NamedTuple):
    """A number found in a sentence (a named tuple: tens of thousands are made per megabyte)."""

    kind: str  # quantity | percent | ordinal
    start: int
    end: int
    value: float | None
    number: str
    unit: str
    qualifier: str


@functools.lru_cache(maxsize=1024)
def _chinese_value(text: str) -> float | None:
    import cn2an  # slow to import (≈0.15 s): only when a Chinese numeral is present

    try:
        return float(cn2an.cn2an(text, "normal"))
    except (ValueError, KeyError, TypeError, IndexError):
        try:
            return float(cn2an.cn2an(text, "smart"))
        except (ValueError, KeyError, TypeError, IndexError):
            return None


def parse_number(text: str) -> float | None:
    """ "2.05" → 2.05, "1,800" → 1800, "一百三十六" → 136, "两" → 2."""
    if not text:
        return None
    if text[0].isdigit():
        try:
            return float(text.replace(",", ""))
        except ValueError:
            return None
    if text == "两":
        return 2.0
    return _chinese_value(text)


def find_quantities(sentence: str, taken: bytearray | None = None) -> list[Quantity]:
    """Quantities, percentages and ordinals of a sentence, left to right, not overlapping.

    ``taken`` marks characters already used by other facts (dates); it is updated.
    """
    if taken is None:
        taken = bytearray(len(sentence))
    found: list[Quantity] = []

    if "%" in sentence or "％" in sentence or "‰" in sentence or "百分" in sentence:
        for m in PERCENT.finditer(sentence):
            pre, num, unit, cnnum, post = m.group("pre", "num", "unit", "cnnum", "post")
            if num is not None:
                value, number = parse_number(num), num
            else:
                number, unit = cnnum, "%"
                value = _chinese_value(number)
            if value is None:
                continue
            s, e = m.span()
            found.append(
                Quantity("percent", s, e, round(value, 6), number, unit, pre or post or "")
            )
            taken[s:e] = b"\x01" * (e - s)

    if "第" in sentence or "首" in sentence or "等奖" in sentence:
        for m in ORDINAL.finditer(sentence):
            s, e = m.span()
            if 1 in taken[s:e]:
                continue
            num, unit, first, prize, prize_unit = m.group(
                "num", "unit", "first", "prize", "prize_unit"
            )
            if prize:
                num, unit = prize, prize_unit
            if first:
                if _FIRST_NOT.match(sentence, s):
                    continue
                found.append(Quantity("ordinal", s, e, 1.0, "", first, ""))
            else:
                if not unit or unit == "责任" or (unit == "人" and sentence.startswith("民", e)):
                    continue  # "第一责任", "第一人民医院": words, not ranks
                value = parse_number(num)
                if value is None:
                    continue
                found.append(Quantity("ordinal", s, e, round(value, 6), num, unit, ""))
            taken[s:e] = b"\x01" * (e - s)

    for m in QUANTITY.finditer(sentence):
        s, e = m.span()
        if 1 in taken[s:e]:
            continue
        pre, arabic, cn, mult, mid, unit, post = m.group(
            "pre", "arabic", "cn", "mult", "mid", "unit", "post"
        )
        if unit in _NOT_AFTER and sentence.startswith(_NOT_AFTER[unit], m.end("unit")):
            continue
        if cn is not None:
            if not _plausible_chinese(sentence, m, cn):
                continue
            digits = cn
            if len(cn) > 1 and cn[-1] in "万亿" and not mult:
                digits, mult = cn[:-1], cn[-1]  # "三万人" like "3万人"; "一万二千" stays whole
        else:
            if s > 0 and (sentence[s - 1].isdigit() or sentence[s - 1] in ".-/:"):
                continue
            if unit == "年" and not mult and not mid and _YEAR.match(arabic):
                continue  # "2021年": a date, found by the date finder
            if unit == "分" and s > 0 and sentence[s - 1] in "时点:：":
                continue  # "10时18分": a time of day
            digits = arabic
        value = parse_number(digits)
        if value is None:
            continue
        number = digits + (mult or "")
        if mult and unit == "元":
            unit = mult + unit  # 12.6万元: the unit is 万元
            number = digits
        elif mult:
            value *= _MULTIPLIER[mult]
        qualifier = pre or mid or post or ""
        if (
            not qualifier
            and unit in _SPAN_UNITS
            and sentence.startswith("多", e)
            and not sentence.startswith("多次", e)
        ):
            e += 1  # "三年多": more than three years
            qualifier = "多"
        if unit.startswith(("个多", "个半")):
            # "两个多小时": 2 hours and more; "一个半月": 1.5 months
            if unit[1] == "半":
                value += 0.5
            else:
                qualifier = qualifier or "多"
            unit = "个" + unit[2:]
        found.append(Quantity("quantity", s, e, round(value, 6), number, unit, qualifier))
        taken[s:e] = b"\x01" * (e - s)

    for m in BARE.finditer(sentence):
        s, e = m.span("num")
        num = m.group("num")
        if 1 in taken[s:e] or _YEAR.match(num) or (sentence[e - 1 : e + 1] == "年"):
            continue
        found.append(Quantity("quantity", s, e, round(float(num), 6), num, "", ""))
        taken[s:e] = b"\x01" * (e - s)

    found.sort()
    return found


_SLOGAN_BEFORE = "“‘「"


def _plausible_chinese(sentence: str, m: re.Match[str], cn: str) -> bool:
    """Chinese numerals are also words ("一批", "一对一", "“四个意识”"): keep only real counts."""
    s = m.start("num")
    if cn == "一":
        return False  # "一个个", "一次次", "一批": not facts a quiz asks about
    if cn == "十" and not m.group("mid"):
        return False  # "十分重要"; but "十余年" is a span of time
    if s > 0 and sentence[s - 1] in _SLOGAN_BEFORE + "第这那每几某":
        return False
    after = sentence[m.end() : m.end() + 1]
    if after and after in "一二两三四五六七八九十":
        return False  # "一支部一品牌" style patterns
    return True
