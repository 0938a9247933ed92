"""Narrower stems: a fact's context without values that other questions ask for.

A sentence often states several facts, and each fact's stem borrows the
clauses around it, so one stem shows what another asks. ``narrow`` removes
such a value the way an editor would: the apposition's name
("我市首条城市隧道——建国路隧道，最终…" → "我市首条城市隧道最终…"), a tail clause, a
middle clause, another item of a 、 list ("全县共有幼儿园58所、小学（ ）" → "全县共有小学（ ）"),
or the value ending the subject clause ("全年完成一般公共预算收入118.2亿元，同比增长（ ）"
→ "全年一般公共预算收入同比增长（ ）"). When the value sits in the fact's own
clause, or what is left is too short to answer, there is no narrower stem.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from factquiz.generate.stems import _ADVERBIAL_END, _DEPENDENT, OPENERS, Context, balanced

_SEPARATORS = "，,；;、"
_CLAUSE_MARKS = "，,；;"
# a stem ending on a preposition or a verb whose object was cut: "最终以", "来自全区", "由"
_DANGLING = re.compile(r"(以|经过|来自|由|从|自|在|于|对|向|把|将|被|与|和|及|的)$")
_TRAILING = "，,；;、：: "
# the head of a 、 list of counts: "全县共有" of "全县共有幼儿园58所、小学31所"
_LIST_HEAD = re.compile(
    r"^.*?(共有|现有|拥有|新建|新增|建成|完成|开设|设置|配备|投入|涉及|包括|下设|设有|建有|有)"
)
# a clause that only continues the subject before it: "…总值，比上年增长（ ）" reads "…总值比上年增长（ ）"
_CONTINUES = re.compile(r"(比|同比|环比|同口径|较|增长|下降|提高|减少|上涨|回落|占|增加)")
_VALUE_VERB = re.compile(r"(为|达|达到|是|共|约|近|合计|总计|累计|突破|超过|超)$")
_LEADING_VERB = re.compile(r"(实现|完成)(?=[\u4e00-\u9fff]{3})")
MIN_NARROW = 5  # characters of stem besides the blank: shorter says too little to answer
# what a stem says besides when: "2024年（ ）。" keeps only a date and asks nothing
_WHEN_ONLY = re.compile(r"[\d年月日号时分初底旬上下午以来前后，,。；;：:、\s]")
MIN_CONTENT = 4  # characters of a narrowed stem that are not time or punctuation


def shown_at(text: str, key: str, start: int = 0) -> int:
    """Where ``key`` occurs in ``text`` as a whole number (591 is not inside 1591), or -1."""
    i = text.find(key, start)
    while i >= 0:
        e = i + len(key)
        ok_start = (
            not key[0].isdigit() or i == 0 or not (text[i - 1].isdigit() or text[i - 1] == ".")
        )
        ok_end = (
            not key[-1].isdigit() or e == len(text) or not (text[e].isdigit() or text[e] == ".")
        )
        if ok_start and ok_end:
            return i
        i = text.find(key, i + 1)
    return -1


def _find_raw(text: str, cores: Sequence[str]) -> int:
    found = [p for p in (shown_at(text, c) for c in cores) if p >= 0]
    return min(found) if found else -1


def _split_top(text: str) -> list[tuple[str, str]]:
    """(clause, separator after it) at ，；、 outside quotes and brackets."""
    out: list[tuple[str, str]] = []
    stack: list[str] = []
    start = 0
    for i, ch in enumerate(text):
        if ch in OPENERS:
            stack.append(OPENERS[ch])
        elif stack and ch == stack[-1]:
            stack.pop()
        elif not stack and ch in _SEPARATORS:
            out.append((text[start:i], ch))
            start = i + 1
    out.append((text[start:], ""))
    return out


def _drop_appositions(text: str, cores: Sequence[str]) -> str:
    """ "我市首条城市隧道——建国路隧道，最终…" → "我市首条城市隧道最终…" when the name is asked elsewhere."""
    for core in cores:
        for dash in ("——", "—", "－－"):
            i = text.find(dash + core)
            if i >= 0:
                end = i + len(dash) + len(core)
                if text[end : end + 1] in ("，", ","):
                    end += 1
                text = text[:i] + text[end:]
    return text


# the time phrase a clause opens with: "2023年", "上半年"
_TIME_WORDS = r"\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?|全年|年末|今年|上半年|下半年|截至年末|截至目前"
_SCOPE = re.compile(
    rf"^((?:{_TIME_WORDS})[，,]?)?"
    r"(全[县市区镇省乡村]|本[县市区镇]|[\u4e00-\u9fff“”]{2,12}?"
    # (共 of 公共, 共同, 共享, 共青团, 共产党 is not the verb 共)
    r"(?<!公)(?=累计|共有|共(?![预同享建青产和])|已|先后|现有|拥有|涉及|新增|开展|组织|举办|完成|实现|成立))?"
)


# a clause naming its own subject: "社区组织…活动15场，参与居民超过3000人次" is not "社区参与居民"
_OWN_SUBJECT = re.compile(r"(参与|参加|参赛|受益|服务|覆盖)(居民|群众|人员|学生|市民|选手|人数|者)")
_TIME_ONLY = re.compile(rf"^({_TIME_WORDS})?")

_SUBSET = re.compile(r"^(其中|另外|此外|同时)[，,]?")


def _scope(clause: str) -> str:
    """The time and subject a clause opens with: "2023年，全县", "当湖街道钱家村搬迁项目"."""
    m = _SCOPE.match(clause.strip())
    if not m or not m.group(0):
        return ""
    return (m.group(1) or "").rstrip("，,") + (m.group(2) or "")


def _split_clauses(text: str) -> list[tuple[str, str]]:
    """(clause, separator after it) at ，；outside quotes and brackets (a 、 list stays one clause)."""
    out: list[tuple[str, str]] = []
    for piece, sep in _split_top(text):
        if out and out[-1][1] == "、":
            out[-1] = (out[-1][0] + "、" + piece, sep)
        else:
            out.append((piece, sep))
    return out


def _drop_list_item(clause: str, cores: Sequence[str]) -> str | None:
    """ "全县共有幼儿园58所、小学" without 58所 → "全县共有小学": the list head stays, the item goes."""
    items = [p for p, _ in _split_top(clause)]
    hit = next((k for k, p in enumerate(items) if _find_raw(p, cores) >= 0), None)
    if hit is None or hit == len(items) - 1:
        return None
    if hit == 0:
        head = _LIST_HEAD.match(items[0])
        if not head:
            return None
        items[1] = head.group(0) + items[1]
    del items[hit]
    return "、".join(items)


def _list_tail(rest: str) -> bool:
    """Whether ``rest`` (from a 、 on) is only the last items of a list of counts, which can go
    ("、小学31所、普通中学19所"), not items the clause goes on from ("、11枚铜牌的成绩位列…")."""
    end = next((i for i, ch in enumerate(rest) if ch in _CLAUSE_MARKS), len(rest))
    items = rest[:end].split("、")[1:]
    return all(0 < len(item) <= 10 and "的" not in item for item in items)


def _narrow_after(after: str, cores: Sequence[str]) -> str | None:
    at = _find_raw(after, cores)
    if at < 0:
        return after
    cut = max((i for i, ch in enumerate(after[:at]) if ch in _SEPARATORS), default=-1)
    if cut >= 0 and after[cut] == "、" and not _list_tail(after[cut:]):
        # the list goes on into its clause ("以（ ）枚金牌、9枚银牌、11枚铜牌的成绩位列…"): cut
        # at the clause before it, never inside the list
        cut = max((i for i, ch in enumerate(after[:cut]) if ch in _CLAUSE_MARKS), default=-1)
    if cut < 0:
        return None  # the value is in the fact's own clause
    own = next((i for i, ch in enumerate(after) if ch in _SEPARATORS), len(after))
    if own < cut and _ADVERBIAL_END.search(after[:own]):
        return (
            None  # "在历经（ ）的艰苦施工后" keeps borrowed clauses but would lose its main clause
        )
    return after[:cut].rstrip(_TRAILING)


def _narrow_before(before: str, cores: Sequence[str]) -> str | None:
    prefix = ""  # the time and subject kept from clauses that went
    for _ in range(6):
        if _find_raw(before, cores) < 0:
            return prefix + before
        pieces = _split_clauses(before)
        k = next(k for k, (p, _) in enumerate(pieces) if _find_raw(p, cores) >= 0)
        piece, sep = pieces[k]
        if k == len(pieces) - 1:
            # in the fact's own clause: only another item of a 、 list can go
            trimmed = _drop_list_item(piece, cores)
            if trimmed is None:
                return None
            pieces[k] = (trimmed, sep)
        elif k > 0:
            del pieces[k]
        else:
            # the subject clause ends with the value, and the next clause speaks of that value
            # ("…收入118.2亿元，同比增长（ ）"): keep the subject, drop the value
            at = _find_raw(piece, cores)
            core = next(c for c in cores if shown_at(piece, c) == at)
            following = pieces[1][0].lstrip()
            subject = _LEADING_VERB.sub("", _VALUE_VERB.sub("", piece[:at].rstrip()), count=1)
            if not piece[at + len(core) :].strip() and _CONTINUES.match(following):
                if len(subject) < 4:
                    return None
                pieces[0] = (subject, "")
            else:
                # otherwise the clause goes, leaving its time and subject: "全县常住人口约66.5万人，
                # 户籍人口（ ）" → "全县户籍人口（ ）"; "社区累计排查…317处，加装电梯（ ）" → "社区加装电梯（ ）"
                scope = _scope(piece)
                if _find_raw(scope, cores) >= 0:
                    return None
                if _OWN_SUBJECT.match(following):
                    scope = _TIME_ONLY.match(scope).group(0)  # type: ignore[union-attr]
                prefix += scope
                if not prefix and _DEPENDENT.match(following):
                    return None
                del pieces[0]
                pieces[0] = (_SUBSET.sub("", following), pieces[0][1])  # "其中" of what is gone
        before = "".join(p + s for p, s in pieces)
    return None


def narrow(context: Context, cores: Sequence[str]) -> Context | None:
    """``context`` without the values in ``cores``; None when what is left cannot stand alone."""
    cores = [c for c in cores if c and c != context.answer]
    if not cores:
        return context
    before = _drop_appositions(context.before, cores)
    after = _drop_appositions(context.after, cores)
    narrowed_after = _narrow_after(after, cores)
    narrowed_before = _narrow_before(before, cores)
    if narrowed_after is None or narrowed_before is None:
        return None
    before, after = narrowed_before.lstrip(_TRAILING), narrowed_after
    if (
        len(before) + len(after) < MIN_NARROW
        or len(_WHEN_ONLY.sub("", before + after)) < MIN_CONTENT
        or _ADVERBIAL_END.search(after)
    ):
        return None  # too little left, or only "在历经（ ）的艰苦施工后" without its main clause
    if _DANGLING.search(after.rstrip(_TRAILING)):
        return None  # a clause cut after its preposition: "…，最终以"
    out = Context(before, context.answer, after)
    return out if balanced(out.filled) else None
