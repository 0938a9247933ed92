"""The quality gate: every candidate question is read once more, as a quizmaster would, before it
goes into the bank.

A stem cut out of an article can be grammatical and still useless: "共进行大小战斗（ ）次" does
not say whose battles, "北京时间2021年6月17日（ ）" says only when, "打响了…第（ ）枪" needs no
knowledge. Fewer, better questions beat many weak ones, so a candidate that fails a check here
is left out, and the reason is kept for ``factquiz generate --report`` so a user sees what was
left out and why.

The checks are deliberately plain text rules: the stem's head must name its subject (an actor
of the article, a whole place, or a noun phrase before its verb); what remains besides time and
punctuation must say something; the answer must need knowledge and must not be shown elsewhere.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from factquiz.generate.stems import _MARKERS
from factquiz.model import Question

# reasons, worded for the report a user reads (Chinese, one short line each)
REASONS = {
    "no-subject": "题干缺主语：看不出说的是谁或什么",
    "time-only": "题干除时间外几乎没有内容",
    "fragment": "题干残缺：过短、以虚词结尾或括号不成对",
    "trivial": "答案不需要知识（第一、首次之类，或由题干可推出）",
    "list-giveaway": "题干列出了被数的各项，答案一数便知",
    "long-exact": "五位以上有效数字的精确数，没人该背下来",
    "duplicate": "与另一题题干相同",
    "title-giveaway": "答案出现在题库标题（试卷标题）中",
    "sum-giveaway": "答案由题干中的数字相加即得",
    "broken-answer": "答案截断了一个词（如“第十八集”团军）",
    "vague-subject": "题干的主语是“这/该/此”之类的指代词",
    "too-many-blanks": "一道填空题里四个以上的空，考的是背诵",
    "complement": "与同一句的另一题相加为100%，答案一算便知",
}


@dataclass(frozen=True)
class Dropped:
    """A candidate question the gate left out, with why (``REASONS`` keys)."""

    article: int
    sentence: str
    stem: str
    answer: str
    type: str
    reasons: tuple[str, ...]

    def describe(self) -> str:
        return "；".join(REASONS.get(r, r) for r in self.reasons)


# time phrases a stem may open with before its subject
_CN_YEAR = r"[〇○零一二三四五六七八九]{4}年"
_LEAD_TIME = re.compile(
    r"^(?:" + _CN_YEAR + r"(?:[一二三四五六七八九十]{1,2}月)?(?:[一二三四五六七八九十]{1,3}日)?"
    r"|(?:截至|截止|到)(?:目前|年底|年末|\d{4}年(?:\d{1,2}月)?(?:底|末)?)"
    r"|全年|今年|去年|前年|当年|上半年|下半年|年末|年底|近年来|近年|多年来|当天|当日|此前|随后|目前"
    r"|[上下中]午|凌晨|晚上|傍晚|清晨|日前|近日|昨日|昨天|今天|今日"
    r"|(?=[\d北当])(?:北京时间|当地时间)?(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?"
    r"(?:[上下中]午|凌晨|晚上?|早上?|傍晚|夜间?)?(?:\d{1,2}[时点](?:\d{1,2}分)?)?"
    r")(?:前后|左右|初|底|末|中旬|上旬|下旬|以来|前|后|起|期间)?[，,]?"
)
_BLANK = "（ ）"
# an adverbial opening clause ("防御台风…期间，", "在…后，") is circumstance, not subject
_LEAD_ADVERBIAL = re.compile(
    r"^据[^，,。]{1,14}?(?:监测|统计|介绍|了解|报道|测算|核算|显示|调查)[，,]|^[^，,。]{1,8}看[，,]|^由[^，,。]{2,30}?(?:主办|承办|举办|组织|牵头|发起|指导|联合主办)的"
    r"|^(?:在|于|自|从|为了?|经过|历经|随着|通过|根据|按照|依托|借助|借力|围绕|聚焦|立足|结合|按可比价格计算|按常住人口计算|据初步核算|"
    r"初步核算|其中)[^，,。]{0,30}?[，,]|^[^，,。]{2,24}?(?:期间|以来|之际|之后|以后|过程中|之时|时|后|前|中)[，,]"
)
# whole places and the actors every Chinese article may name without introducing them
_WHOLE = re.compile(
    r"^(?:全[国省市县区镇乡村]|本[省市县区镇乡村]|我[国省市县区镇乡村校院局厂]|中国|中共|党中央|中央|国务院|"
    r"全党|全军|全社会|[\u4e00-\u9fff]{2,5}[省市县区镇乡州](?=[共已将于在有实新完全累]))"
)
# words that open a clause whose subject is missing: verbs and adverbs of the predicate
_PREDICATE = re.compile(
    r"^(?:共(?!青团|产党|同|享|建)|共计|累计|合计|总计|先后|已|已经|还|并|又|也|再|均|就|仅|仅用|才|便|即|且|而|则|"
    r"连续|深入|做好|办理|拍摄|荣获|获得|签订|新增|新建|新选拔|歼灭|摧毁|缴获|打响|发动|一面|加紧|"
    r"入(?!党|团|队|伍|学|选)|依托|借力|借助|围绕|聚焦|立足|结合|"
    r"使|让|每|对|把|将|被|由|开展|组织|举办|举行|召开|完成|实现|推进|推动|建成|建设|打造|成功|"
    r"创新|推出|全力|积极|持续|不断|进一步|高标准|比上年|同比|环比|比|较|增长|下降|减少|提高|占|达到|"
    r"为|是|有|成立|设立|设置|配备|投入|投资|涉及|接待|帮助|转移|安置|走访|慰问|培训|发放|"
    r"参加|参与|出席|主持|带领|率领|指挥|领导|担任|当选|选举|通过|审议|作出|决定|提出|形成|确立|"
    r"分别|其中|另有|另|此外|同时|目前|现有|拥有|共有|代表全|代表着|有效|扎实|切实|大力|着力|努力|坚持|始终|"
    r"全面|重点|主要|首次|首|第一次|再次|又一次|正式|顺利|圆满|胜利|相继|陆续|随即|随后|之后|"
    r"但是|但|然而|而且|并且|因此|所以|不过|可是|坚决|认真|紧紧|争做|争当|争创|一是|二是|三是|四是|五是|"
    r"最终|最后|终于|随着|以|按|经|据|从|在|至|到|与|同|跟|确保|力争|争取|计划|预计|拟|要|需|应|须|可|能)"
    # (single characters that also open names are left out: 新埭镇, 任弼时, 于都, 向警予, 和平区,
    # 都江堰, 达州, 会宁, 自贡, 获嘉, 入 of 入党 …)
)
_PRONOUN = re.compile(r"^(?:其|该|此|这|那|它|他们|她们|他|她|我们|上述|以上|此次|这次|本次|该项)")
# a noun phrase ending before its verb: "八路军总部于…", "首条水上旅游线路于…", "党史知识竞赛共有…"
_VERB_AFTER_SUBJECT = (
    r"(?:全长|总长|总投资|总面积|占地|建筑面积|面积|总计|总数|是|为|于|在|共|已|将|有|达|获|被|由|以|从|自|对|向|把|与|和|经|"
    r"举行|召开|发射|成立|开展|组织|完成|实现|建成|开工|竣工|运营|启用|通车|发布|出台|印发|"
    r"增长|增加|下降|减少|提高|提升|达到|超过|突破|比|较|同比|环比|占|累计|先后|成功|正式|顺利|"
    r"首次|再次|荣获|获得|进行|发动|打响|取得|实施|推出|签订|接待|新增|拥有|现有|共有|设有|下辖|辖|"
    r"率|带领|领导|指挥|任|担任|当选|出席|主持|提出|作出|通过|决定|确立|召集|参加|参与|深入|连续|"
    r"仅用|历经|用时|耗时|全年|今年|去年|当年|上半年|下半年|按|依|依照|根据|一面|一方面|随即|立即|迅速|"
    r"首先|当即|坚决|主动|多次|曾|曾经|也|还|又|都|均|就|便|才|即|正|仍|始终|一直|共同|联合|分别|"
    r"相继|陆续|纷纷|宣布|发表|签署|会见|会谈|访问|视察|考察|调研|指出|强调|要求|表示|认为|号召|"
    r"开始|结束|爆发|胜利|失败|撤离|到达|抵达|进入|攻克|占领|解放|收复|突破|渡过|转战|会师|"
    r"改编|改为|整编|组建|创建|创办|建立|诞生|出生|逝世|牺牲|就义|夺得|获|赢得|战胜|击败|"
    r"积极|大力|全力|着力|扎实|认真|切实|不断|持续|进一步|高标准|高质量|精心|率先|创新|聚焦|围绕|"
    r"紧扣|坚持|始终|牢牢|全面|加快|加大|加强|深化|落实|推进|推动|组织|举办|开展|建设|打造|"
    r"\d|（)"
)
_DANGLING_END = re.compile(r"(?:以|经过|来自|由|从|自|在|于|对|向|把|将|被|与|和|及|的|等|并|而)$")
_CONTENT = re.compile(r"[\u4e00-\u9fff]")
_TIME_CHARS = re.compile(
    r"(?:北京时间|当地时间|\d+|[年月日号时分秒初底旬上下午凌晨晚早]|以来|前后|左右|期间|当天|当日|目前|截至)"
)


@functools.lru_cache(maxsize=8192)  # each stem is read by several checks
def strip_lead(text: str) -> str:
    """The stem without its opening time phrases and adverbial clauses: where its subject should be."""
    head = text.lstrip("，, ")
    for _ in range(4):
        new = _MARKERS.sub("", head, count=1).lstrip("，, ")
        new = _LEAD_TIME.sub("", new, count=1) if _LEAD_TIME.match(new) else new
        m = _LEAD_ADVERBIAL.match(new)
        # "知识竞赛自（ ）启动以来，…": a subject before 自/从 is the stem's own
        own_subject = re.match(r"[\u4e00-\u9fff“”]{2,12}?(?<![的了])(?:自|从)", new)
        if m and len(new) - m.end() >= 6 and not _PRONOUN.match(new) and not own_subject:
            new = new[m.end() :]
        new = new.lstrip("，, ")
        if new.startswith(_BLANK):
            # a blanked time opens the stem: "（ ），中共领导的八路军…", "（ ）上半年，德国…"
            rest = new[len(_BLANK) :]
            m = re.match(
                r"(?:年|月|日|上半年|下半年|年初|年底|年末|春|夏|秋|冬|初|底)?"
                r"(?:(?:至|到|—|－|-)(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?)?"
                r"(?:[上下中]午|凌晨|晚上?|早上?|傍晚)?[，,]",
                rest,
            )
            if m:
                new = rest[m.end() :]
        if new == head:
            break
        head = new
    return head


def has_subject(stem: str, actors: Sequence[str]) -> bool:
    """Whether the stem names who or what it is about, at its head (after time and circumstance)."""
    head = strip_lead(stem)
    if not re.sub(r"（ ）|[，。,.\s？?！!；;：:]", "", head):
        return False
    if head[:1] in "是为" and head != stem.lstrip("（ ）， "):
        return True  # "2021年是中国共产党成立（ ）周年": the time is what the stem is about
    if actors and head.startswith(tuple(actors)):  # one call for every name
        return True
    if head.startswith(("“", "《")):
        return True  # a quoted name opens the stem: “金平湖广场”项目…
    if head.startswith("为期"):
        return True  # "为期4天的市第十七届运动会田径比赛在…": a modifier opening the subject
    if _PRONOUN.match(head) or _PREDICATE.match(head):
        return False
    # what does not open with a predicate word opens with its subject (a name, a noun phrase):
    # the list of predicate openings is what a missing subject looks like in news text
    first = re.split(r"[，,；;]", head, maxsplit=1)[0]
    return len(first) >= 4


def subject_missing(stem: str, actors: Sequence[str]) -> bool:
    """Whether the stem's head is a bare predicate (its subject left in another clause)."""
    head = strip_lead(stem)
    return bool(head) and not has_subject(stem, actors) and not _PRONOUN.match(head)


def vague_subject(stem: str) -> bool:
    return bool(_PRONOUN.match(strip_lead(stem)))


def content_chars(stem: str) -> int:
    """Chinese characters of the stem that are not time words, the blank or punctuation."""
    text = stem.replace(_BLANK, "")
    text = _TIME_CHARS.sub("", text)
    return len(_CONTENT.findall(text))


def is_fragment(stem: str) -> bool:
    body = stem.rstrip("。？?！! ")
    if not body:
        return True
    tail = body.replace(_BLANK, "").rstrip("，, ")
    head = strip_lead(body)
    if re.match(r"(?:在|于|当)[^，,]*(?:中|时|之际|期间|上)$", head.replace(_BLANK, "（）")):
        return True  # "在参赛的（ ）代表团中。": a circumstance without its clause
    if body.endswith(_BLANK) or re.search(r"\d[\u4e00-\u9fff]$", tail):
        return False  # "上下匝道12对": a unit, not a dangling preposition
    return bool(_DANGLING_END.search(tail))


def list_gives_count(stem: str, answer: str, value: float | None) -> bool:
    """ "八路军下辖（ ）师：第一一五师、第一二零师、第一二九师": the stem lists what it counts."""
    if value is None or value < 2 or value > 12 or value != int(value):
        return False
    at = stem.find(_BLANK)
    if at < 0:
        return False
    after = stem[at + len(_BLANK) :]
    m = re.match(r"[\u4e00-\u9fff]{0,6}[：:]([^。；;：:]*、[^。；;：:]*)", after)
    if not m:
        return False
    items = [i for i in re.split(r"[、和及与]", m.group(1)) if i.strip("，,。 ")]
    return len(items) == int(value)


_SIGNIFICANT = re.compile(r"\d+(?:\.\d+)?")


def significant_digits(answer: str) -> int:
    """ "3383" → 4, "1824" → 4, "15000" → 2, "339.58" → 5, "2.05万" → 3."""
    best = 0
    for m in _SIGNIFICANT.finditer(answer):
        digits = m.group(0).replace(".", "").lstrip("0")
        if "." not in m.group(0):
            digits = digits.rstrip("0")
        best = max(best, len(digits))
    return best


def normalized_stem(question: Question) -> str:
    return re.sub(r"\s+", "", question.stem).rstrip("。？?")


def duplicates(questions: Sequence[Question]) -> set[int]:
    """Indices of questions whose stem repeats an earlier one's (the first is kept)."""
    seen: set[str] = set()
    out: set[int] = set()
    for k, q in enumerate(questions):
        key = f"{q.type}|{normalized_stem(q)}"
        if key in seen:
            out.add(k)
        seen.add(key)
    return out


def review_stem(stem: str, actors: Sequence[str]) -> tuple[str, ...]:
    """The checks every built stem gets, whatever its type (a 抢答 prompt is cut differently from
    the cloze it comes from)."""
    reasons: list[str] = []
    if vague_subject(stem):
        reasons.append("vague-subject")
    elif not has_subject(stem, actors):
        reasons.append("no-subject")
    if content_chars(stem) < 4:
        reasons.append("time-only")
    if is_fragment(stem):
        reasons.append("fragment")
    return tuple(reasons)


def format_report(dropped: Sequence[Dropped], files: Sequence[str] = ()) -> str:
    """The report ``factquiz generate --report`` writes: each left-out candidate, where it came
    from, and why, grouped by reason so a user sees at a glance what kind of text gave nothing."""
    lines = [f"# 未收入题库的候选题：{len(dropped)} 道", ""]
    if not dropped:
        lines.append("全部候选题都通过了质量检查。")
        return "\n".join(lines) + "\n"
    counts: dict[str, int] = {}
    for d in dropped:
        for r in d.reasons:
            counts[r] = counts.get(r, 0) + 1
    for reason, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"- {REASONS.get(reason, reason)}：{n} 道")
    lines.append("")
    for k, d in enumerate(dropped, 1):
        where = (
            files[d.article]
            if d.article < len(files) and files[d.article]
            else f"文章{d.article + 1}"
        )
        lines.append(f"## {k}. {d.describe()}")
        lines.append(f"- 文章：{where}")
        lines.append(f"- 候选题干：{d.stem}")
        lines.append(f"- 答案：{d.answer}")
        lines.append(f"- 原句：{d.sentence}")
        lines.append("")
    return "\n".join(lines)


_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _whole_number_in(text: str, number: str) -> bool:
    return any(m.group(0) == number for m in _NUMBER.finditer(text))


def title_gives_away(question: Question, title: str) -> bool:
    """The paper's title sits above every question: "…201金完美收官" gives away 201, "第七次全国代表
    大会" gives away 七 in "第（ ）次", "第十二届田径运动会" gives away 第十二届."""
    answers: list[tuple[int, str]] = []
    if question.type in ("single", "multiple"):
        answers = [(0, a) for a in question.correct_options()]
    elif question.type == "fill":
        answers = [(k, b.canonical) for k, b in enumerate(question.blanks)]
    elif question.type == "short":
        answers = [(0, question.reference)]
    return bool(title_giveaway_blanks(question, title, answers))


def title_giveaway_blanks(
    question: Question, title: str, answers: list[tuple[int, str]] | None = None
) -> list[int]:
    """Which of the question's answers (blank indices for a fill) the title shows."""
    title = re.sub(r"\s+", "", title or "")
    if not title:
        return []
    parts = question.stem.split(_BLANK)
    if answers is None:
        answers = [(k, b.canonical) for k, b in enumerate(question.blanks)]
    shown: list[int] = []
    for k, answer in answers:
        answer = answer.strip("“”《》 ")
        if not answer:
            continue
        number = _NUMBER.search(answer)
        before = parts[k][-1:] if k < len(parts) else ""
        after = parts[k + 1][:1] if k + 1 < len(parts) else ""
        if (
            (len(answer) >= 2 and answer in title)
            or (
                number
                and len(number.group(0).replace(".", "")) >= 2
                and _whole_number_in(title, number.group(0))
            )
            or (before and before + answer in title)
            or (after and answer + after in title)
        ):
            shown.append(k)
    return shown


def fill_in(question: Question, indices: Sequence[int]) -> Question:
    """The fill question with the blanks at ``indices`` written out (their answers given)."""
    from dataclasses import replace

    parts = question.stem.split(_BLANK)
    out, blanks = [parts[0]], []
    for k, blank in enumerate(question.blanks):
        if k in indices:
            out.append(blank.canonical)
        else:
            out.append(_BLANK)
            blanks.append(blank)
        out.append(parts[k + 1] if k + 1 < len(parts) else "")
    return replace(question, stem="".join(out), blanks=tuple(blanks))


def sum_gives_away(question: Question) -> bool:
    """ "获得201金111银71铜共（ ）奖牌": an answer the stem's own figures add up to."""
    if question.type not in ("fill", "single", "short"):
        return False
    if not re.search(r"共|合计|总计|总共|累计", question.stem):
        return False
    answers = (
        [b.canonical for b in question.blanks]
        if question.type == "fill"
        else list(question.correct_options()) or [question.reference]
    )
    shown = [float(n) for n in _NUMBER.findall(question.stem.replace(_BLANK, " "))]
    if len(shown) < 2:
        return False
    for answer in answers:
        m = _NUMBER.search(answer)
        if m and abs(float(m.group(0)) - sum(shown)) < 1e-6:
            return True
    return False


_LIST_BEFORE = re.compile(r"((?:[\u4e00-\u9fff“”/·]{1,12}、)+[\u4e00-\u9fff“”/·]{1,12})(?:等)?$")


def listed_before(stem: str, value: float | None) -> bool:
    """ "聂海胜、刘伯明、汤洪波（ ）名航天员": the names just before the blank can be counted."""
    if value is None or value != int(value) or not 2 <= value <= 12:
        return False
    at = stem.find(_BLANK)
    if at <= 0:
        return False
    m = _LIST_BEFORE.search(stem[:at])
    return bool(m) and len(m.group(1).split("、")) == int(value)
