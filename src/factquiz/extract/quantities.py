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

from factquiz.extract.lexicon import by_first_character

# Measure words that count things; the noun after them is what is counted ("9个党支部").
COUNTERS = (
    "个 户 名 人 位 支 期 届 次 份 套 所 家 座 处 起 项 条 台 辆 间 栋 幢 块 张 本 场 批 件 只 头 对 层 "
    "篇 部 种 类 组 队 轮 堂 节 株 棵 盏 根 艘 架 列 趟 片 门 笔 宗 例 床 册 幅 集 枚 颗 封 包 箱 座 口 "
    "孔 眼 班 所 名 户"
).split()
# Units of measure and compound units, longest first in the pattern.
MEASURES = (
    "个百分点 个昼夜 个工作日 个小时 个月 个星期 个季度 季度 "
    "立方米/秒 立方米每秒 平方公里 平方千米 平方米 立方米 万平方米 公里 千米 厘米 毫米 米 "
    "千瓦时 千瓦 兆瓦 万千瓦 度 "
    "亿元 万元 千元 元 美元 "
    "吨 千克 公斤 克 斤 公顷 亩 "
    "人次 户次 车次 架次 台次 班次 场次 批次 辆次 艘次 "
    "个多月 个多小时 个多星期 个半月 个半小时 "
    "周年 周岁 岁 年 天 周 小时 分钟 秒 倍 届 分 道 "
).split()
_UNITS = sorted(set(COUNTERS + MEASURES), key=len, reverse=True)

_UNIT = by_first_character(_UNITS)
# words that follow 第N only as a rank in a sequence of attempts or turns ("第五跳", "第三棒")
_ORDINAL_ONLY = "跳|投|棒|局|盘|圈|枪|站|关"
# the highest prize rank: 一等奖, 二等奖, 三等奖 (特等奖 above them is not a number)
PRIZE_RANKS = 3

_CN_DIGITS = "零〇一二两三四五六七八九十百千"
_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CN = rf"[一二两三四五六七八九十][{_CN_DIGITS}万亿]*"
_PREFIX_Q = r"将近|接近|大约|超过|多达|近|约|超|逾"
# 千 before 米/克/瓦 is part of the unit (156千米), not a multiplier
_MULT = r"万亿|亿|万|千(?![米克瓦])"
_DASH = r"\s?(?:—|－|-|~|～|至|到)\s?"


# Each pattern opens with a lookahead on a character class: Python's re then skips
# positions that cannot start a match without trying every alternative (4x faster).
def _quantity_pattern(ranges: bool) -> re.Pattern[str]:
    # a range names its low end first: "3—5天", "5至8个", "3万至5万人". Trying that at every
    # number parses each number twice, so only sentences with a dash or 至/到 after a number
    # use the pattern with the range group.
    low = rf"(?:(?P<low>{_ARABIC}|{_CN})(?P<lowmult>{_MULT})?{_DASH})?" if ranges else ""
    return re.compile(
        r"(?=[将接大超多近约逾\d一二两三四五六七八九十])"
        rf"(?P<pre>{_PREFIX_Q})?" + low + rf"(?P<num>(?P<arabic>{_ARABIC})|(?P<cn>{_CN}))"
        rf"(?P<mult>{_MULT})?"
        r"(?P<mid>余|多)?"
        rf"(?P<unit>{_UNIT})"
        r"(?P<post>左右|以上|以内|以下|之多)?"
    )


QUANTITY = _quantity_pattern(ranges=False)
QUANTITY_RANGE = _quantity_pattern(ranges=True)
_RANGE_MARKS = re.compile(r"[\d一二两三四五六七八九十][万亿千]?\s?(?:—|－|-|~|～|至|到)")
# a mark written the Chinese way, its unit between whole and hundredths: "10秒62", "6米21"
_MARK_TAIL = re.compile(r"\d\d(?![\d.%])")
# a distance that names a race, not a measurement: "男子100米决赛", "4×100米接力"
_EVENT_BEFORE = ("男子", "女子", "混合", "×", "x", "X")
_EVENT_AFTER = re.compile(
    r"(?:决赛|预赛|半决赛|比赛|接力|跑|栏|障碍|自由泳|蛙泳|仰泳|蝶泳|混合泳|项目|赛)"
)
# a time of day: "上午9时", "20时", "凌晨2时30分", "清晨7时许", "下午3点半"
_PERIOD = r"上午|下午|中午|凌晨|清晨|早上|早晨|晚上|傍晚|夜间|深夜|当晚|午后"
TIME = re.compile(
    rf"(?P<pre>{_PERIOD})?(?P<h>2[0-4]|1\d|0?\d)时(?:(?P<mi>[0-5]?\d)分)?(?P<post>许|左右)?"
    rf"|(?P<pre2>{_PERIOD})(?P<h2>1[0-2]|0?\d)点(?:(?P<mi2>[0-5]?\d)分|半)?(?P<post2>许|左右)?"
)
_TIME_HINT = re.compile(r"\d[时点]")
# a rank stated without a measure word at the end of a clause: "位居全市第二。"
RANK = re.compile(
    r"(?:位居|位列|名列|排名|排在|居|列|排|获得|获|夺得)[^，。；、\d]{0,8}?"
    r"(?P<ord>第(?P<num>\d+|[一二三四五六七八九十]+))(?=[，。；、！”]|$)"
)
# words that a unit starts but a quantity does not: "90年代", "年度", "三次产业"
_SPAN_UNITS = frozenset(("年", "天", "个月", "小时", "个小时", "周", "个星期"))
_NOT_AFTER = {
    "年": ("代", "度", "级"),
    "次": ("产业",),
    "分": ("之", "别", "钟", "享", "类", "配", "析", "布", "批", "期", "成", "为", "工", "管"),
}


def _percent_pattern(ranges: bool) -> re.Pattern[str]:
    low = rf"(?:(?P<low>{_ARABIC}){_DASH})?" if ranges else ""  # "3—5个百分点"
    return re.compile(
        r"(?=[将接大超多近约逾\d百])"
        rf"(?P<pre>{_PREFIX_Q})?"
        rf"(?:{low}(?P<num>{_ARABIC})\s?(?P<unit>[%％‰]|个百分点)|百分之(?P<cnnum>[{_CN_DIGITS}点]+|\d+(?:\.\d+)?))"
        r"(?P<post>左右|以上|以内|以下)?"
    )


PERCENT = _percent_pattern(ranges=False)
PERCENT_RANGE = _percent_pattern(ranges=True)
ORDINAL = re.compile(
    rf"第(?P<num>\d+|[{_CN_DIGITS}]+)(?P<unit>{_UNIT}|{_ORDINAL_ONLY}|种|责任)?"
    r"|首(?P<first>条|批|届|个|家|座|次|位|部|款|只|台|辆|期|所|场|家|站|轮|趟|列|艘|项|份)"
    r"|(?<![一二三四五六七八九十])(?P<prize>[一二三四五六七八九十])(?P<prize_unit>等奖)"  # 一等奖: a rank
)
_RANK_HINT = re.compile(r"第(?:\d+|[一二三四五六七八九十]+)(?:[，。；、！”]|$)")
# a number without a unit still states a fact after a verb of measure ("收入比为1.48", "缩小0.03")
BARE = re.compile(
    r"(?:比为|为|达到|达|缩小|扩大|提高|降低|下降|增长|增加|减少|降至|升至|增至)(?:至|到)?"
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
    lower: float | None = None  # the low end of a range ("3—5天": 3; value 5)
    max_value: float | None = None  # the highest value that makes sense (三等奖: 3; 下午4时: 12)
    category: str = ""  # "时刻" for a time of day


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
    ranged = _has_range(sentence)

    if "%" in sentence or "％" in sentence or "‰" in sentence or "百分" in sentence:
        for m in (PERCENT_RANGE if ranged else PERCENT).finditer(sentence):
            pre, num, unit, cnnum, post = m.group("pre", "num", "unit", "cnnum", "post")
            low = m.group("low") if ranged else None
            if num is not None:
                value, number = parse_number(num), num
            else:
                number, unit = cnnum, "%"
                value = _chinese_value(number)
            if value is None:
                continue
            s, e = m.span()
            lower = parse_number(low) if low else None
            if lower is not None and lower >= value:
                s, lower = m.start("num"), None  # "2020-30%" is not a range: keep the last number
            found.append(
                Quantity(
                    "percent",
                    s,
                    e,
                    round(value, 6),
                    number,
                    unit,
                    pre or post or "",
                    None if lower is None else round(lower, 6),
                )
            )
            taken[s:e] = b"\x01" * (e - s)

    if ("时" in sentence or "点" in sentence) and _TIME_HINT.search(sentence):
        _find_times(sentence, taken, found)

    if "第" in sentence or "首" in sentence or "等奖" in sentence:
        for m in ORDINAL.finditer(sentence):
            s, e = m.span()
            if 1 in taken[s:e]:
                continue
            num, unit, first, prize, prize_unit = m.group(
                "num", "unit", "first", "prize", "prize_unit"
            )
            top = None
            if prize:
                num, unit, top = prize, prize_unit, float(PRIZE_RANKS)
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
                if top is not None and value > top:
                    continue  # "四等奖" is no prize rank
                found.append(Quantity("ordinal", s, e, round(value, 6), num, unit, "", None, top))
            taken[s:e] = b"\x01" * (e - s)
        if "第" in sentence and _RANK_HINT.search(sentence):
            for m in RANK.finditer(sentence):
                s, e = m.span("ord")
                if 1 in taken[s:e]:
                    continue
                value = parse_number(m.group("num"))
                if value is None:
                    continue
                found.append(Quantity("ordinal", s, e, round(value, 6), m.group("num"), "", ""))
                taken[s:e] = b"\x01" * (e - s)

    pattern = QUANTITY_RANGE if ranged else QUANTITY
    for m in pattern.finditer(sentence):
        s, e = m.span()
        if 1 in taken[s:e]:
            continue
        pre, arabic, cn, mult, mid, unit, post = m.group(
            "pre", "arabic", "cn", "mult", "mid", "unit", "post"
        )
        low, lowmult = m.group("low", "lowmult") if pattern is QUANTITY_RANGE else (None, None)
        if unit in _NOT_AFTER and sentence.startswith(_NOT_AFTER[unit], m.end("unit")):
            continue
        if unit in ("米", "公里", "千米") and _is_event(sentence, m.start("num"), m.end()):
            continue  # "男子100米决赛": the name of a race
        if unit in ("季度", "个季度") and s > 0 and sentence[s - 1] == "前":
            continue  # "前三季度": the first three quarters, a period rather than a count
        lower = parse_number(low) if low else None
        if low and (lower is None or (cn is None) != low[0].isdigit()):
            low = lower = None
        if low is None and m.start("num") > s and not pre:
            s = m.start("num")  # a range that is not one ("2020-5个"): the number alone
        if cn is not None:
            if not _plausible_chinese(sentence, m, cn):
                continue
            digits = cn
            if len(cn) > 1 and cn[-1] in "万亿" and not mult:
                digits, mult = cn[:-1], cn[-1]  # "三万人" like "3万人"; "一万二千" stays whole
            value = parse_number(digits)
            if value is None:
                continue
        else:
            if s > 0 and (sentence[s - 1].isdigit() or sentence[s - 1] in ".-/:×"):
                continue
            if unit == "年" and not mult and not mid and _YEAR.match(arabic):
                continue  # "2021年": a date, found by the date finder
            if unit == "分" and s > 0 and sentence[s - 1] in "时点:：":
                continue  # "10时18分": a time of day
            digits = arabic
            # parse_number inlined for the common case: tens of thousands of calls per megabyte
            try:
                value = float(digits.replace(",", "") if "," in digits else digits)
            except ValueError:
                continue
        number = digits + (mult or "")
        money = bool(mult) and unit == "元"
        if money:
            unit = mult + unit  # 12.6万元: the unit is 万元
            number = digits
        elif mult:
            value *= _MULTIPLIER[mult]
        if lower is not None and not money and (lowmult or mult):
            lower *= _MULTIPLIER[lowmult or mult]  # "3至5万人": both ends in 万
        if lower is not None and lower >= value:
            continue  # "5—3天" is no range
        qualifier = pre or mid or post or ""
        if unit in ("米", "秒") and not mult and not mid and _MARK_TAIL.match(sentence, e):
            # "10秒62", "6米21": the mark with its hundredths
            value += int(sentence[e : e + 2]) / 100
            # number stays the whole part, so "9秒62" and "11秒62" can be offered beside it
            e += 2
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
        if unit == "立方米每秒":
            unit = "立方米/秒"
        found.append(
            Quantity(
                "quantity",
                s,
                e,
                round(value, 6),
                number,
                unit,
                qualifier,
                None if lower is None else round(lower, 6),
            )
        )
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


def _has_range(sentence: str) -> bool:
    """Whether a number in the sentence may open a range ("3—5天", "5至8个")."""
    return (
        "至" in sentence
        or "—" in sentence
        or "-" in sentence
        or "到" in sentence
        or "~" in sentence
        or "～" in sentence
        or "－" in sentence
    ) and bool(_RANGE_MARKS.search(sentence))


def _is_event(sentence: str, start: int, end: int) -> bool:
    """Whether a distance names a race: "男子100米决赛", "4×100米接力", "5000米比赛"."""
    return sentence.endswith(_EVENT_BEFORE, 0, start) or bool(_EVENT_AFTER.match(sentence, end))


def _find_times(sentence: str, taken: bytearray, found: list[Quantity]) -> None:
    """Times of day as quantities in 时: "上午9时" → 9, "凌晨2时30分" → 2, "20时" → 20."""
    for m in TIME.finditer(sentence):
        s, e = m.span()
        if 1 in taken[s:e] or (s > 0 and (sentence[s - 1].isdigit() or sentence[s - 1] in ".小")):
            continue
        period = m.group("pre") or m.group("pre2") or ""
        hours = m.group("h") or m.group("h2")
        value = int(hours)
        top = 12.0 if period and value <= 12 else 24.0
        qualifier = m.group("post") or m.group("post2") or ""
        found.append(
            Quantity("quantity", s, e, float(value), hours, "时", qualifier, None, top, "时刻")
        )
        taken[s:e] = b"\x01" * (e - s)


def _plausible_chinese(sentence: str, m: re.Match[str], cn: str) -> bool:
    """Chinese numerals are also words ("一批", "一对一", "“四个意识”"): keep only real counts."""
    s = m.start("num")
    if cn == "一":
        return False  # "一个个", "一次次", "一批": not facts a quiz asks about
    if cn == "十" and not m.group("mid") and m.group("unit") in ("分", "次", "年"):
        return False  # "十分重要", "十次" as in often; but "十余年" is a span, "十件" a count
    if s > 0 and sentence[s - 1] in _SLOGAN_BEFORE + "第这那每几某":
        return False
    after = sentence[m.end() : m.end() + 1]
    if after and after in "一二两三四五六七八九十":
        return False  # "一支部一品牌" style patterns
    return True
