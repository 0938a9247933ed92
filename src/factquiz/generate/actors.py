"""Who an article is about: its actors, and the subject a stem without one should take.

A report names its actor once and then drops it: "城投集团党委…。深入结对村、社区走访群众
3000多户。" Cut out alone, the second sentence does not say who visited. ``ArticleActors``
collects the organisations, places and people the article names (with how often), so the
gate can tell a stem that opens with its subject from one that opens with its verb, and the
planner can give the latter the subject of the sentence before, of the section, or of the
article.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from factquiz.extract.dates import arabic_years
from factquiz.extract.sentences import Sentence
from factquiz.generate.gate import (
    _PREDICATE,
    _PRONOUN,
    _VERB_AFTER_SUBJECT,
    _WHOLE,
    strip_lead,
)
from factquiz.model import Fact

# endings of organisations and bodies that act in news text
_ORG_END = (
    "集团|公司|政府|委员会|党委|党组|党支部|支部|总支|纪委|监委|街道|社区|居委会|村委会|学校|中学|小学|"
    "大学|学院|幼儿园|医院|中心|协会|学会|银行|法院|检察院|公安局|局|厅|部|办|署|站|所|馆|院|队|"
    "代表队|八路军|新四军|红军|解放军|志愿军|游击队|军区|野战军|方面军|集团军|纵队|师|旅|团|"
    "总部|党中央|中央|国务院|工作组|考察团|代表团|俱乐部|球队|国家队|工程|项目|景区|基地"
)
_ORG_TAIL = re.compile(rf"(?:{_ORG_END})$")
_VERB_START = re.compile(_VERB_AFTER_SUBJECT)
_WHOLE_PLACE = re.compile(r"全[县市区镇乡省州旗]")
_PLAIN = re.compile(r"[\u4e00-\u9fff“”·（）]+")
_TIME_WORD = re.compile(r"今年|去年|明年|当年|全年|目前|期间|以来")
# "一个支部", "每个社区", "各党支部": counted or distributed, not one actor
_COUNTED = re.compile(r"^(?:[一二两三四五六七八九十百千万\d]+[个名位家支]|每|各|多|诸|部分|有的)")
# too general to be a subject on their own
_GENERAL = frozenset(
    "局 厅 部 办 署 站 所 馆 院 队 师 旅 团 中心 工程 项目 基地 公司 集团 中央".split()
)


@dataclass(frozen=True)
class ArticleActors:
    """The actors of one article, most often named first."""

    names: tuple[str, ...]
    main: str = ""
    # the place a bulletin or report covers, as the article says it ("全县"), when it says one
    place: str = ""


def find_actors(text: str, facts: Sequence[Fact], sentences: Sequence[Sentence]) -> ArticleActors:
    counts: Counter[str] = Counter()
    for f in facts:
        if f.kind == "person" and f.subject:
            counts[f.subject] += 1
        elif f.kind == "name" and f.category and _ORG_TAIL.search(f.text):
            counts[f.text] += 1
    openings: Counter[str] = Counter()
    for s in sentences:
        opening = sentence_subject(s.text, ())
        if opening:
            counts[opening] += 2  # a sentence that opens with it is about it
            openings[opening] += 1
    # (organisations are counted from the facts and the sentence openings: a scan of the whole
    # text for every phrase ending like an organisation found mostly noise, at a third of the
    # generation time)
    # a longer name that always contains a shorter frequent one adds to it ("城投集团党委" → "城投集团")
    ranked = sorted(counts, key=lambda n: (-counts[n], -len(n), n))
    # a "name" that opens with a verb ("成立党员冲锋队") is a predicate the pattern caught
    names = tuple(
        n for n in ranked if 2 <= len(n) <= 16 and not _PREDICATE.match(n) and not _PRONOUN.match(n)
    )
    # the article's main actor stands in for a missing subject only when it is what the article
    # is about: it opens several sentences, more than any other (a wrong subject is worse than none)
    main = ""
    # "城投集团党委" and "市城投集团" open sentences about 城投集团: count them for the shorter name
    grouped: Counter[str] = Counter()
    for name, n in openings.items():
        heads = [o for o in openings if o != name and len(o) >= 3 and o in name]
        grouped[max(heads, key=lambda o: (openings[o], o)) if heads else name] += n
    openings = grouped
    if openings:
        (first, n), *rest = openings.most_common(2)
        if n >= 3 and (not rest or n >= 2 * rest[0][1]):
            main = first
    wholes = Counter(m.group(0) for m in _WHOLE_PLACE.finditer(text))
    place = wholes.most_common(1)[0][0] if wholes and wholes.most_common(1)[0][1] >= 2 else ""
    return ArticleActors(names, main, place)


def sentence_subject(sentence: str, actors: Sequence[str]) -> str:
    return _sentence_subject(sentence, tuple(actors))


@functools.lru_cache(maxsize=4096)  # asked for each fact of a sentence and of the next
def _sentence_subject(sentence: str, actors: tuple[str, ...]) -> str:
    """The subject a sentence opens with ("城投集团党委", "八路军总部", "全县"), or "".

    Only a subject that is clearly an actor counts: a name the article uses for one, or a
    phrase ending like an organisation and followed by its verb. A wrong subject carried into
    another stem is worse than none.
    """
    head = strip_lead(sentence)
    if not head or _PRONOUN.match(head) or _PREDICATE.match(head) or _COUNTED.match(head):
        return ""
    for a in sorted(actors, key=len, reverse=True):
        if a and head.startswith(a) and _ends_subject(head[len(a) :]):
            return a
    m = _WHOLE.match(head)
    if m and m.group(0)[:1] in "全本我" and _ends_subject(head[m.end() :]):
        # (中国 opens 中国共产党…: only a whole place, 全县 or 本市, is a subject by itself)
        return m.group(0)
    best = ""
    for end in range(2, min(len(head), 16) + 1):
        candidate = head[:end]
        if not _PLAIN.fullmatch(candidate) or _TIME_WORD.search(candidate):
            break
        if candidate in _GENERAL:
            continue
        if _ORG_TAIL.search(candidate) and _ends_subject(head[end:]):
            best = candidate
    if best.count("“") != best.count("”") or best.count("《") != best.count("》"):
        return ""
    return best


def _ends_subject(rest: str) -> bool:
    return not rest or rest[:1] in "，," or bool(_VERB_START.match(rest))


def same_paragraph(first: Sentence, second: Sentence) -> bool:
    """Sentences of one paragraph follow each other in the cleaned text; a paragraph ends a line."""
    return first.section == second.section and second.start == first.start + len(first.text)


def recover_subject(
    fact: Fact,
    sentences: Sequence[Sentence],
    index: dict[int, int],
    actors: ArticleActors,
) -> str:
    """The subject a stem of ``fact`` should take: its sentence's own opening subject (when the
    fact is in a later clause), else the subject of the nearest sentence before it in the same
    section, else the article's main actor."""
    names = actors.names
    opening = sentence_subject(fact.sentence, names)
    if opening and fact.sentence.find(opening) < fact.start - len(opening):
        return opening
    at = index.get(fact.sentence_start)
    if at is not None:
        for back in range(at - 1, max(-1, at - 4), -1):
            if not same_paragraph(sentences[back], sentences[back + 1]):
                break
            prev = sentences[back]
            subject = sentence_subject(prev.text, names)
            if subject:
                return subject
    return actors.main or actors.place


_DEMONSTRATIVE = re.compile(
    r"^(?:该|此|这|这个|这一|这项|这场|这次|此次|本次|该项|这座|该座|这条|该条)([\u4e00-\u9fff]{1,4}?)"
    r"(?=" + _VERB_AFTER_SUBJECT + r"|[，,])"
)


def antecedent(
    head: str,
    fact: Fact,
    sentences: Sequence[Sentence],
    index: dict[int, int],
    actors: ArticleActors,
    title: str,
) -> tuple[str, str]:
    """ "该工程全长…" → ("该工程", "城南快速路二期工程"): the demonstrative phrase a stem opens with
    and the name it stands for, from the title or the sentences just before; ("", "") if unsure."""
    m = _DEMONSTRATIVE.match(head)
    if not m:
        return "", ""
    noun = m.group(1)
    phrase = m.group(0)
    # the title names what the article is about: "城南快速路二期工程主线贯通" → "城南快速路二期工程"
    if noun in title:
        named = title[: title.index(noun) + len(noun)]
        named = re.split(r"[：:，,\s“”]", named)[-1]
        if 3 <= len(named) <= 14 and len(named) > len(noun) and _PLAIN.fullmatch(named):
            return phrase, named
    at = index.get(fact.sentence_start)
    texts = [fact.sentence[: fact.start]]
    if at is not None:
        for k in range(at - 1, max(-1, at - 3), -1):
            if not same_paragraph(sentences[k], sentences[k + 1]):
                break
            texts.append(sentences[k].text)
    for text in texts:
        found = [a for a in actors.names if a.endswith(noun) and len(a) > len(noun) and a in text]
        if found:
            return phrase, max(found, key=len)
    return "", ""


_TITLE_PLACE = re.compile(
    r"([\u4e00-\u9fff]{2,6}?(?:自治县|自治州|新区|[省市县区旗州]))(?=\d{4}年|国民经济|政府|人民|第|统计|经济|$)"
)
_TITLE_YEAR = re.compile(r"((?:19|20)\d{2})年(?!\d{1,2}月\d{1,2}日)")
_SCOPE_WHOLE = re.compile(r"^(?:全|本|我)([县区市省州旗])")
_HAS_YEAR = re.compile(r"(?:19|20)\d{2}年|[〇○零一二三四五六七八九]{4}年")
_PLACE_WORD = re.compile(r"[\u4e00-\u9fff]{2,6}[省市县区旗州]")


@dataclass(frozen=True)
class ArticleScope:
    """The place and year a bulletin or report covers, named in its title ("2019年长顺县国民经济
    和社会发展统计公报" → 长顺县, 2019): a figure asked alone must say whose and when."""

    place: str = ""
    year: str = ""


_REPORT_PLACE = re.compile(
    r"(?:在|于|代表)?([\u4e00-\u9fff]{2,5}?(?:自治县|[县区市旗]))(?:第[一二三四五六七八九十]+届)?人民(?:代表大会|政府)"
)
_REPORT_DATE = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月\d{1,2}日")


def article_scope(title: str, opening: str = "") -> ArticleScope:
    """``opening``: the first lines of the text, where a 政府工作报告 says where and when it was
    delivered ("2018年12月25日在沅陵县第十七届人民代表大会…")."""
    title = arabic_years(re.sub(r"\s+", "", title or ""))
    m = _TITLE_PLACE.search(title)
    place = m.group(1) if m else ""
    place = re.sub(r"^.*?(?:在|于)", "", place).lstrip("年")
    y = _TITLE_YEAR.search(title)
    year = y.group(1) if y else ""
    head = title + re.sub(r"\s+", "", opening[:300])
    if "政府工作报告" in head:
        if not place:
            m = _REPORT_PLACE.search(head)
            place = re.sub(r"^.*?(?:代表|在|于)", "", m.group(1)) if m else ""
        d = _REPORT_DATE.search(head)
        review = re.search(r"((?:19|20)\d{2})年(?:工作)?回顾", head + opening[:2000])
        if review and not year:
            year = review.group(1)
        if d and not year:
            # a report delivered early in a year reviews the year before; one in December its own
            year = str(int(d.group(1)) - (1 if int(d.group(2)) <= 6 else 0))
    return ArticleScope(place if len(place) >= 2 else "", year)


_HOME_WORD = re.compile(r"(?:我|本)([市县区])(?![委长])")
_PLACE_KIND = re.compile(r"[市县区]")
_HAN = re.compile(r"[\u4e00-\u9fff]+")


def home_places(title: str, text: str, scope: ArticleScope) -> dict[str, str]:
    """What the article's 我市/我县/我区 stands for: the place of its scope, or the place of that
    kind the text names whose name the title shows (平湖城投's 平湖市)."""
    homes: Counter[tuple[str, str]] = Counter()
    title = re.sub(r"\s+", "", title or "")
    for m in _PLACE_KIND.finditer(text):
        for size in (2, 3):
            name = text[max(0, m.start() - size) : m.start()]
            if len(name) == size and _HAN.fullmatch(name) and name in title:
                homes[(m.group(0), name + m.group(0))] += 1
                break
    found: dict[str, str] = {}
    for (kind, name), _ in homes.most_common():
        found.setdefault(kind, name)
    if scope.place and scope.place[-1] in "市县区":
        found[scope.place[-1]] = scope.place
    return found


def with_home_place(text: str, homes: dict[str, str]) -> str:
    """ "我市首条城市隧道" → "平湖市首条城市隧道" when the article says which city."""
    return _HOME_WORD.sub(lambda m: homes.get(m.group(1), m.group(0)), text)


def scoped_stem_prefix(head_text: str, scope: ArticleScope, stem: str = "") -> tuple[str, str]:
    """(old, new) to rewrite the opening of a stem so it names the article's place and year:
    "全县实现地区生产总值（ ）" → ("全县", "2019年，长顺县"); a stem with neither gets both in front."""
    if not scope.place:
        return "", ""
    m = _SCOPE_WHOLE.match(head_text)
    opening = (stem or head_text)[:24]
    # a plan or a forecast is not a figure of the year the report reviews
    future = re.search(r"力争|计划|预计|将|目标|明年|今后|下一步", stem or head_text)
    year = "" if _HAS_YEAR.search(opening) or not scope.year or future else f"{scope.year}年，"
    if m and scope.place.endswith(m.group(1)):
        return m.group(0), year + scope.place
    for n in range(len(scope.place) - 1, 1, -1):
        tail = scope.place[-n:]
        if head_text.startswith(tail):
            # "社区现有住户…" in 幸福里社区's summary: the word stands for the place
            return tail, year + scope.place
    if scope.place in head_text or _PLACE_WORD.match(head_text):
        return "", ""
    return "", year + scope.place
