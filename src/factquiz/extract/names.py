"""Named things in a sentence: titles, quoted names, appositions, places, people, lists.

No segmenter: a name is found by its ending (幼儿园, 隧道, 公司…) and starts
after the last verb or function word before it; a person is a post
(党委副书记、副董事长、总经理) followed by a two- or three-character name
that starts with a common surname and is followed by 说/表示/punctuation.
"""

from __future__ import annotations

import re
from typing import Any

from factquiz.extract.lexicon import (
    AFTER_NAME,
    BEFORE_NAME,
    NAME_SUFFIXES,
    POST_BODIES,
    POSTS,
    SURNAMES,
)
from factquiz.model import Fact

_CJK = "\u4e00-\u9fff"
_ALT = lambda words: "|".join(map(re.escape, sorted(set(words), key=len, reverse=True)))  # noqa: E731

TITLE = re.compile(r"《([^《》\n]{1,40})》")
# the word right before a 《title》 says what it is ("纪录片《1927：流星不灭》")
_TITLE_KIND = re.compile(
    r"(纪录片|微电影|电影|歌曲|专著|书籍|图书|小说|诗集|节目|栏目|专栏|报告|文件|教材|读本|丛书)$"
)
_DOC_SUFFIX = re.compile(
    r"(条例|办法|规定|方案|意见|通知|决定|章程|纲要|规划|细则|制度|准则|规则|法|党章|宪法)$"
)

# a quoted name is short and followed by the kind of thing it names
QUOTED_KINDS = (
    "主题党日活动 专题实践活动 志愿服务活动 活动 项目 品牌 团队 工程 平台 工作室 行动 计划 宣讲团 示范点 "
    "工作法 服务队 志愿服务队 志愿队 课堂 讲堂 学堂 大赛 竞赛 比赛 评选 模式 机制 工作机制 服务站 驿站 "
    "小组 专班 联盟 基金 奖 奖章 称号 荣誉称号 论坛 展 节 工作室"
).split()
QUOTED = re.compile(rf"“([^“”\n]{{2,12}})”(?:这一)?[{_CJK}]{{0,4}}?({_ALT(QUOTED_KINDS)})")
QUOTED_LIST = re.compile(
    rf"((?:“[^“”\n]{{1,12}}”、?){{2,}})等(?:多种|各类)?({_ALT(QUOTED_KINDS)}|[{_CJK}]{{1,4}}?(?=[，。；、：]|$|和|与|及))"
)

_SUFFIX = _ALT(NAME_SUFFIXES)
# the last verb or function word before a name, found as the first one in the reversed run
_BEFORE_REVERSED = re.compile(
    rf"(?=[^{_CJK}·]|[{''.join(sorted({w[-1] for w in BEFORE_NAME}))}])"
    rf"(?:{_ALT([w[::-1] for w in BEFORE_NAME])}|[^{_CJK}·])"
)


def _head(run: str) -> tuple[str, str]:
    """``run`` split after its last verb, function word or non-Chinese character: (before, head)."""
    m = _BEFORE_REVERSED.search(run[::-1])
    if not m:
        return "", run
    cut = len(run) - m.start()
    return run[:cut], run[cut:]


_NAME_BAD = re.compile(
    r"^(?:市|县|区|省|镇|全市|全县|我市|本市|该|新|原|各|多个|一批|一所|一个)$"  # a bare prefix
    r"|^(?:我|本|全|首|每|某)|首[条批届个家座所]|第[一二三四五六七八九十\d]+[条批届个家座所期]"  # a descriptor ("我市首条城市隧道")
    r"|(?:大|新|格|布|结|开|当|全|时|残|变|胜|终|定|败|骗|僵|困|破|棋|饭|赌)局$"  # words, not bureaus
    r"|(?:线|道|思|出|套|门|马|网|去|来|后)路$"  # 线路, 道路, 思路: words, not roads
)
# heads that make a common noun, not a name ("老旧小区", "休闲广场", "辖区学校")
_GENERIC_HEADS = frozenset(
    "老旧 休闲 辖区 周边 附近 相关 各类 各级 其他 有关 这个 这些 那些 城市 农村 城乡 全国 本地 当地 基层 重点 "
    "示范 主要 大型 小型 新建 现有 原有 所属 下属 文化 公共 社区 乡村 街道 地方 国有 民营 重要 一些 部分 "
    "多家 多个 多所 每个 整个 一流".split()
)
_COUNTED = re.compile(r"^[个名家座所条项批处支只位]")

APPOSITION = re.compile(
    rf"([^，。；：！？、\n“”]{{4,24}}?)——([{_CJK}A-Za-z0-9·“”]{{2,16}})(?=[，。；、：！？]|$)"
)

_POST = rf"(?:(?:{_ALT(POST_BODIES)})?(?:常务)?(?:{_ALT(POSTS)}))"
_POST_FIRST = "".join(sorted({w[0] for w in POSTS + POST_BODIES + ["常务"]}))
PERSON = re.compile(
    rf"(?=[{_POST_FIRST}])"  # a cheap first-character test before the long alternation
    rf"(?P<posts>{_POST}(?:[、兼]{_POST})*)"
    rf"(?P<name>[{''.join(sorted(SURNAMES))}][{_CJK}]{{1,2}})"
)
# every person match holds a post: a plain alternation of words is searched with re's
# first-character skip (a pattern opening with a lookahead is tried at every position)
_ANY_POST = re.compile(_ALT(POSTS))
_AFTER_NAME = tuple(AFTER_NAME)
_ORG_RUN = re.compile(rf"[{_CJK}（）]{{1,16}}$")

_LIST_SEP = re.compile(r"^(?:、|和|与|及|以及)$")


def find_names(sentence: str, base: dict[str, Any]) -> list[Fact]:
    """Name, apposition, person and enumeration facts of one sentence."""
    facts: list[Fact] = []
    names: list[Fact] = []

    def add(kind: str, start: int, end: int, **fields: Any) -> Fact:
        f = Fact(kind=kind, text=sentence[start:end], start=start, end=end, **fields, **base)
        facts.append(f)
        return f

    if "《" in sentence:
        for m in TITLE.finditer(sentence):
            names.append(add("name", m.start(), m.end(), category=_title_kind(sentence, m)))
    if "“" in sentence:
        for m in QUOTED.finditer(sentence):
            inner = m.group(1)
            if _slogan(inner):
                continue
            names.append(add("name", m.start(), m.start(1) + len(inner) + 1, category=m.group(2)))
        for m in QUOTED_LIST.finditer(sentence):
            items = tuple(re.findall(r"“[^“”]+”", m.group(1)))
            add("enumeration", m.start(1), m.end(1), items=items, category=m.group(2))
    if "——" in sentence:
        for m in APPOSITION.finditer(sentence):
            label, name = m.group(1).strip(), m.group(2)
            category = _suffix(name) or name[-2:]
            add("apposition", m.start(2), m.end(2), label=label, category=category)
    quoted = [(f.start, f.end) for f in names if f.text.startswith("“")]
    places = _places(sentence, quoted)
    for s, e, suffix in places:
        names.append(add("name", s, e, category=suffix))
    _enumerations(sentence, places, add)
    for m in PERSON.finditer(sentence) if _ANY_POST.search(sentence) else ():
        person = _person(sentence, m)
        if person:
            s, e, posts, name = person
            add("person", s, e, category=posts, subject=name)
    return facts


def _title_kind(sentence: str, m: re.Match[str]) -> str:
    before = _TITLE_KIND.search(sentence, 0, m.start())
    if before and before.end() == m.start():
        return before.group(1)
    return "文件" if _DOC_SUFFIX.search(m.group(1)) else "书名"


def _slogan(inner: str) -> bool:
    """A quoted slogan ("唯实惟先、善作善成") rather than a name: it has inner punctuation."""
    return any(c in inner for c in "，、。；！？ ")


def _suffix(name: str) -> str:
    for s in sorted(NAME_SUFFIXES, key=len, reverse=True):
        if name.endswith(s):
            return s
    return ""


# a plain alternation of words: re skips to the positions holding a first character itself
_PLACE_SCAN = re.compile(_SUFFIX)


def _places(sentence: str, quoted: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, suffix) of place and organisation names, trimmed to start after a verb."""
    out: list[tuple[int, int, str]] = []
    last_end = 0
    for m in _PLACE_SCAN.finditer(sentence):
        end = m.end()
        # a suffix followed by more name characters is part of a longer name ("中心城区", "公司党委")
        nxt = sentence[end : end + 2]
        if (
            nxt
            and nxt[0] not in "的之"
            and _is_cjk(nxt[0])
            and (_PLACE_SCAN.match(sentence, end) or nxt[0] in "区城民委级长内外里")
        ):
            continue
        lo = max(last_end, end - 16)
        before, head = _head(sentence[lo : m.start()])
        if head and _COUNTED.match(head) and before[-1:].isdigit():
            head = head[1:]  # "4个水岸交融沿线驿站": the measure word belongs to the number
        name = head + m.group()
        if (
            len(head) < 2
            or _NAME_BAD.search(name)
            or _NAME_BAD.match(head)
            or head in _GENERIC_HEADS
            or head.endswith("性")  # "普惠性幼儿园": an adjective, not a name
        ):
            continue
        if any(qs <= m.start() and end <= qe for qs, qe in quoted):
            continue  # inside a quoted name already found ("“清廉景区”品牌")
        start = m.start() - len(head)
        out.append((start, end, m.group()))
        last_end = end
    return out


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _enumerations(sentence: str, places: list[tuple[int, int, str]], add: Any) -> None:
    """Runs of two or more same-kind names joined by 、 / 和 ("百花艺术幼儿园、红庙头幼儿园")."""
    i = 0
    while i < len(places):
        j = i
        while (
            j + 1 < len(places)
            and places[j + 1][2] == places[i][2]
            and _LIST_SEP.match(sentence[places[j][1] : places[j + 1][0]])
        ):
            j += 1
        if j > i:
            items = tuple(sentence[s:e] for s, e, _ in places[i : j + 1])
            add("enumeration", places[i][0], places[j][1], items=items, category=places[i][2])
        i = j + 1


def _person(sentence: str, m: re.Match[str]) -> tuple[int, int, str, str] | None:
    """(start, end, posts, name) with the organisation in front of the posts included in the span."""
    posts = m.group("posts")
    name_start = m.start("name")
    name = ""
    for n in (3, 2):
        cand = sentence[name_start : name_start + n]
        after = sentence[name_start + n : name_start + n + 2]
        if (
            len(cand) == n
            and all(_is_cjk(c) for c in cand)
            and (not after or after.startswith(_AFTER_NAME))
        ):
            name = cand
            break
    if not name:
        return None
    org = _ORG_RUN.search(sentence, max(0, m.start() - 16), m.start())  # at most 16 characters
    start = m.start()
    if org:
        start = m.start() - len(_head(org.group())[1])
    return start, name_start + len(name), posts, name
