"""What a quantity counts: "党支部" of "9个党支部", "游客" of "接待游客近2万人次".

Chinese states a count two ways: measure word then noun ("成立了9个党支部",
"转移254名民工") or noun, verb, number ("现有党员93名", "涉及农户136户",
"腾房率就达到了98.5%"). The first is read after the number, the second
before it. Without a segmenter the edges are found with word lists, so a
subject is a best guess, "" when nothing plausible is found.
"""

from __future__ import annotations

import re

from factquiz.extract.lexicon import BEFORE_NAME
from factquiz.extract.quantities import COUNTERS

_CJK = "\u4e00-\u9fff"
_ALT = lambda words: "|".join(map(re.escape, sorted(set(words), key=len, reverse=True)))  # noqa: E731

# what ends the noun after a measure word
_AFTER_STOP = (
    "的 了 和 与 及 并 在 参加 参与 开展 进行 完成 获得 共 等 为 是 被 将 把 从 对 向 于 到 "
    "左右 以上 以下 以内 之多 累计 共计 合计 比 较 同比 环比 增长 增加 下降 减少 提高 实现 达到 达"
).split()
_AFTER = re.compile(rf"(?:“[^“”]{{1,12}}”)?[{_CJK}]{{0,10}}")
_NOUN_FINAL = frozenset(
    "队员户人站点部所处项场家园区村馆局司院校室组会团厂店车机台桥路线道房楼栋套间位名师生者民众工品书证卡"
    "表单费金款额量率数价田地山河湖林树花物器具施统心目动业位团体级班届期批堂课网格桩池灯梯井罐"
)
_AFTER_CUT = re.compile(rf"(?:{_ALT(_AFTER_STOP)})")

# verbs and adverbs between a noun and its number, stripped from the end of the run before
_VERB_TAIL = (
    "达到了 达到 达 为 是 有 共有 计 累计 共计 合计 约 超过 超 逾 近 增长 增加 下降 提高 降低 减少 占 "
    "新增 完成 实现 交付 接待 帮助 办理 转移 安置 签订 用 历经 提前 推出 发布了 发布 成立了 成立 选拔任用 "
    "任用 投入 设置 排查整改 整改 调解 发放 开设 组织开展 开展 体检 走访慰问 走访 慰问 惠及 服务 配备 下设 "
    "拥有 现有 涉及 就 都 了 已 仅 还 再 又 总 全长 长 宽 高 深 面积 历时 新建 改扩建 建成 建设 实施 "
    "检查 培训 举办 召开 开工 竣工 缩短至 缩短 延长至 延长 减至 降至 升至 增至 提升至 提升 由 从 至 到 "
    "吸引 预计 计划 力争 覆盖 同比 环比 以 将 会 可 能 要 需 应 接诊 派出 "
    "保持在 稳定在 控制在 维持在 保持 各类 各级 "
    "全年 年末 年底 当年 全县 全市 全省 全区 全镇 全国 最终 最后 终于 已经 先后 分别 均 仅用 用时"
).split()
# matched on the reversed run: an anchored match is much cheaper than a search for "…$"
_TAIL_REVERSED = re.compile(rf"(?:{_ALT([w[::-1] for w in _VERB_TAIL + ['等', '的']])})+")
_STOP_WORDS = BEFORE_NAME + _VERB_TAIL
# a plain alternation of words (the quotes as words too): re skips to the positions holding
# a first character itself, where a leading lookahead would be tried at every position
_STOPS = re.compile(rf"{_ALT(_STOP_WORDS)}|“|”")
_BEFORE_RUN = re.compile(rf"[{_CJK}“”]{{1,16}}$")
_COUNTERS = frozenset(COUNTERS)
_BAD = re.compile(r"^(?:个|名|次|人|天|年|多|余|近|约|其中|分别|同时|此外)$")
# a span of time has no counted noun ("提前80余天", "历经591个昼夜")
_TIME_UNITS = frozenset(
    "天 年 周年 周 个月 个昼夜 个工作日 个小时 小时 分钟 秒 岁 周岁 个星期".split()
)


def counted_subject(sentence: str, start: int, end: int, unit: str) -> str:
    """The noun phrase the quantity at ``sentence[start:end]`` describes; "" if none is clear."""
    if unit in _COUNTERS:
        m = _AFTER.match(sentence, end)
        if m and m.group():
            phrase = m.group()
            cut = _AFTER_CUT.search(
                phrase, 0 if not phrase.startswith("“") else phrase.find("”") + 1
            )
            if cut:
                phrase = phrase[: cut.start()]
            ended = cut is not None or m.end() < len(sentence) and not _is_cjk(sentence[m.end()])
            if len(phrase) > 4:
                # "代表队脱颖而出": end the noun at the last character that ends nouns
                last = max((i for i, c in enumerate(phrase[:10]) if c in _NOUN_FINAL), default=-1)
                if last >= 1:
                    phrase = phrase[: last + 1]
            if (len(phrase) >= 2 or (phrase and ended)) and not _BAD.match(phrase):
                return phrase[:10]
    if unit in _TIME_UNITS:
        return ""
    return _before(sentence, start)


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _before(sentence: str, start: int) -> str:
    """The noun before a number: verbs between them stripped, the phrase before it cut off."""
    # the run is at most 16 characters ending at ``start``: searching from 0 would try every
    # position of a long sentence
    m = _BEFORE_RUN.search(sentence, max(0, start - 16), start)
    if not m:
        return ""
    run = m.group()
    tail = _TAIL_REVERSED.match(run[::-1])
    if tail:
        run = run[: len(run) - tail.end()]
    # cut after the last stop word that still leaves a noun of two characters or more
    best = run
    for stop in _STOPS.finditer(run):
        if stop.start() == 0 and stop.end() - stop.start() == 1:
            continue  # a one-character word opening the run is part of the noun ("在校学生")
        if len(run) - stop.end() >= 2:
            best = run[stop.end() :]
    best = best.strip("“”")
    if len(best) < 2 or _BAD.match(best) or best.startswith(("比", "较")):
        return ""
    return best[-10:]
