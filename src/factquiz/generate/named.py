"""Named answers: which event, who held a post, which came first, who goes with what.

A 党史知识竞赛 asks *which* uprising, *which* meeting, *who* was 总指挥, *which came first*.
These come from the article's sentences and the bundled gazetteer (``gazetteer.yaml``: events
with dates and places, people with their posts, works with their authors, all written by the
project). A distractor is taken from the gazetteer or the article only when it is certainly
wrong in the stem's terms: another event of the same kind with another date, a person who did
not hold the post.

No segmenter is used: names are matched against the gazetteer and the article's own patterns
("A、B任正、副总指挥", "总司令朱德", "朱德任总司令"), which keeps generation at the speed of
plain regular expressions and never guesses a name the article does not state.
"""

from __future__ import annotations

import functools
import hashlib
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

import yaml

from factquiz.extract.sentences import Sentence
from factquiz.generate.gate import review_stem
from factquiz.generate.templates import Templates
from factquiz.model import Question

BLANK = "（ ）"
_SEGMENT = re.compile(r"[^。；;！？!?]+[。；;！？!?]?")
_DATE = re.compile(r"\d{4}年|[〇○零一二三四五六七八九]{4}年")


@dataclass(frozen=True)
class Event:
    name: str
    kind: str  # 起义, 会议, 大会, 战役 …: what it was; distractors are of the same kind
    date: str  # ISO, "1927-08-01" or "1928-04"
    place: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def written_date(self) -> str:
        parts = self.date.split("-")
        out = f"{int(parts[0])}年"
        if len(parts) > 1:
            out += f"{int(parts[1])}月"
        if len(parts) > 2:
            out += f"{int(parts[2])}日"
        return out

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Person:
    name: str
    posts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Gazetteer:
    events: tuple[Event, ...]
    people: tuple[Person, ...]


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    text = resources.files("factquiz.generate").joinpath("gazetteer.yaml").read_text("utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when installed: 20× faster
    data = yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader, our own data file
    events = tuple(
        Event(e["name"], e["kind"], str(e["date"]), e.get("place", ""), tuple(e.get("aliases", ())))
        for e in data["events"]
    )
    people = tuple(Person(p["name"], tuple(p.get("posts", ()))) for p in data["people"])
    # (the file's works and their authors are data for questions not written yet)
    return Gazetteer(events, people)


def _rng(seed: int, *key: str) -> random.Random:
    digest = hashlib.sha1("|".join((str(seed), *key)).encode("utf-8")).hexdigest()
    return random.Random(int(digest[:12], 16))


def _id(prefix: str, *key: str) -> str:
    return f"{prefix}-{hashlib.sha1('|'.join(key).encode('utf-8')).hexdigest()[:6]}"


@dataclass(frozen=True)
class Mention:
    event: Event
    sentence: Sentence
    name: str  # as written in the article
    start: int  # in sentence.text


@functools.lru_cache(maxsize=1)
def _event_names() -> tuple[re.Pattern[str], dict[str, Event]]:
    """One pattern for every name and alias of the gazetteer's events (longest first)."""
    by_name = {n: e for e in load_gazetteer().events for n in e.names}
    names = sorted(by_name, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names))), by_name


def find_events(sentences: Sequence[Sentence]) -> list[Mention]:
    """Gazetteer events the article names, in article order (each sentence's first mention)."""
    pattern, by_name = _event_names()
    out: list[Mention] = []
    for s in sentences:
        found: dict[str, Mention] = {}
        for m in pattern.finditer(s.text):
            event = by_name[m.group(0)]
            if event.name not in found:
                found[event.name] = Mention(event, s, m.group(0), m.start())
        out += sorted(found.values(), key=lambda m: m.start)
    return out


def _segment_of(text: str, start: int) -> tuple[int, str]:
    for m in _SEGMENT.finditer(text):
        if m.start() <= start < m.end():
            return m.start(), m.group(0)
    return 0, text


def event_questions(
    mentions: Sequence[Mention], seed: int, title: str = ""
) -> list[tuple[Question, Event]]:
    """ "1927年8月1日，（ ）打响了武装反抗国民党反动派的第一枪" → 南昌起义, among events of its kind."""
    gazetteer = load_gazetteer()
    named = {m.event.name for m in mentions}
    out: list[tuple[Question, Event]] = []
    seen: set[str] = set()
    for m in mentions:
        if m.event.name in seen:
            continue
        offset, segment = _segment_of(m.sentence.text, m.start)
        at = m.start - offset
        body = segment.rstrip("。；;！？!? ")
        if not _DATE.search(body) or len(body) > 90 or len(body) < 12:
            continue
        if sum(body.count(n) for n in m.event.names) != 1 or any(n in title for n in m.event.names):
            continue
        stem = body[:at] + BLANK + body[at + len(m.name) :] + "。"
        if review_stem(stem, (m.name,)) and not stem.startswith(BLANK):
            continue
        others = [
            e
            for e in gazetteer.events
            if e.kind == m.event.kind
            and e.name not in named
            and e.date[:4] != m.event.date[:4]
            and not any(n in body for n in e.names)
        ]
        if len(others) < 3:
            continue
        rng = _rng(seed, "event", m.event.name, body)
        wrong = rng.sample(others, 3)
        options = [m.event.name, *(e.name for e in wrong)]
        rng.shuffle(options)
        out.append(
            (
                Question(
                    id=_id(m.event.name, body),
                    type="single",
                    stem=stem,
                    options=tuple(options),
                    correct=(options.index(m.event.name),),
                    explanation=f"{body[:at]}{m.name}{body[at + len(m.name) :]}。",
                    source=m.sentence.text,
                    tags=("事件",),
                    difficulty=2,
                    generated=True,
                ),
                m.event,
            )
        )
        seen.add(m.event.name)
    return out


def order_question(
    mentions: Sequence[Mention], seed: int, templates: Templates | None = None
) -> Question | None:
    """Three to five of the article's events, to put in time order; dates from the gazetteer and
    different at the precision compared (never two events of one year asked by year)."""
    events: list[Event] = []
    for m in mentions:
        if m.event not in events:
            events.append(m.event)
    # keep events whose dates can be told apart at month precision
    picked: list[Event] = []
    for e in events:
        if all(e.date[:7] != p.date[:7] for p in picked):
            picked.append(e)
    if len(picked) < 3:
        return None
    picked = picked[:5]
    rng = _rng(seed, "order", *(e.name for e in picked))
    shown = list(picked)
    rng.shuffle(shown)
    chronological = sorted(shown, key=lambda e: e.date)
    if shown == chronological:
        shown[0], shown[1] = shown[1], shown[0]
    sequence = tuple(shown.index(e) for e in chronological)
    explanation = "→".join(f"{e.name}（{e.written_date}）" for e in chronological) + "。"
    sources = " ".join(dict.fromkeys(m.sentence.text for m in mentions if m.event in picked))
    return Question(
        id=_id("排序", *(e.name for e in picked)),
        type="order",
        stem=_render(
            templates,
            "order.j2",
            items=[e.name for e in shown],
            keys=[e.written_date for e in shown],
        ),
        options=tuple(e.name for e in shown),
        sequence=sequence,
        keys=tuple(e.written_date for e in shown),
        explanation=explanation,
        source=sources,
        tags=("事件", "时间"),
        difficulty=3,
        points=10,
        time_limit=45,
        generated=True,
    )


# posts a person holds in news and history text; the last word of the post
_POST_WORDS = (
    "总指挥|副总指挥|总司令|副总司令|参谋长|副参谋长|政治部主任|政治部副主任|副主任|主任|"
    "师长|副师长|军长|副军长|政治委员|政委|旅长|团长|司令员|副司令员|党代表|书记|副书记|"
    "主席|副主席|委员长|总书记|秘书长|董事长|总经理|局长|县长|市长|校长|院长|部长"
)
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔"
    "向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕"
    "单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚"
    "娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池"
    "查麻苑迟邝粟栗"
)
_ANY_POST = re.compile(_POST_WORDS)
_PAIR_BOTH = re.compile(
    r"(?P<a>[\u4e00-\u9fff]{2,3})、(?P<b>[\u4e00-\u9fff]{2,3})"
    r"(?:分别)?(?:任|担任|为)正、?副(?P<post>[\u4e00-\u9fff]{2,5}?)(?=[，,。；;、]|$)"
)
_NAME_THEN_POST = re.compile(
    rf"(?:(?<=以)|(?<=由)|(?<=，)|(?<=,)|(?<=、)|(?<=。)|^)(?P<name>[\u4e00-\u9fff]{{2,3}})(?:任|担任|出任|当选为|当选|为)"
    rf"(?P<post>[\u4e00-\u9fff]{{0,8}}?(?:{_POST_WORDS}))(?=[，,。；;、]|$)"
)
_POST_THEN_NAME = re.compile(
    rf"(?<![\u4e00-\u9fff])(?P<post>(?:八路军|新四军|红军|中野|华野|[一二三四五六七八九〇零]{{3}}师)?(?:{_POST_WORDS}))(?P<name>[\u4e00-\u9fff]{{2,3}})"
    r"(?=[，,。；;、）)]|$)"
)
_ORG = re.compile(
    r"((?:工农革命军|国民革命军|红军|八路军|新四军)?第[一二三四五六七八九十]+军第[一二三四五六七八九十]+师|"
    r"八路军|新四军|红军|红[一二三四五六七八九十]+军团?|第十八集团军|[一二三四五六七八九〇零]{3}师|"
    r"[\u4e00-\u9fff]{2,8}?(?:委员会|前委|总部|集团公司|公司|政府))"
)


@dataclass(frozen=True)
class Holder:
    name: str
    post: str  # org and post as a stem says it: 八路军总指挥
    sentence: Sentence


def find_holders(sentences: Sequence[Sentence]) -> list[Holder]:
    """People with the posts the article gives them ("八路军总部以朱德任总指挥", "总司令朱德")."""
    people = {p.name for p in load_gazetteer().people}
    out: list[Holder] = []
    for s in sentences:
        text = s.text
        if not _ANY_POST.search(text):
            continue  # most sentences name no post: skip the three patterns
        orgs = [(m.start(), m.group(1).removesuffix("总部")) for m in _ORG.finditer(text)]

        def add(
            name: str,
            post: str,
            at: int,
            orgs: list[tuple[int, str]] = orgs,
            sentence: Sentence = s,
        ) -> None:
            # the organisation named last before the person: "…改编为第八路军，朱德、彭德怀任…"
            before = [o for start, o in orgs if start < at]
            org = before[-1].rsplit("的", 1)[-1] if before else ""
            if not name or name in post or post in ("书记", "主任", "委员") or "的" in post:
                return
            if post.startswith(("正副", "正、副")) or (not org and name not in people):
                return  # a post without whose it is, for a name the gazetteer does not know
            full = post if not org or post.startswith(org) or len(post) > 6 else org + post
            if all(h.name != name or h.post != full for h in out):
                out.append(Holder(name, full, sentence))

        for m in _PAIR_BOTH.finditer(text):
            post = m.group("post")
            add(m.group("a"), post, m.start())
            add(m.group("b"), "副" + post, m.start())
        for m in _NAME_THEN_POST.finditer(text):
            name = m.group("name")
            for n in (name, name[:2]):
                if n in people:
                    name = n
                    break
            else:
                if len(name) == 3 and name[-1] in "任为":
                    name = name[:2]
            add(name, m.group("post"), m.start())
        for m in _POST_THEN_NAME.finditer(text):
            name = m.group("name")
            if name in people or name[:2] in people:
                add(name if name in people else name[:2], m.group("post"), m.start())
    return [h for h in out if h.name in people or _has_surname(h.name)]


def _has_surname(name: str) -> bool:
    return len(name) in (2, 3) and name[0] in _SURNAMES


def holder_questions(
    holders: Sequence[Holder], seed: int, templates: Templates | None = None
) -> list[Question]:
    """ "八路军总指挥是（ ）" among people who certainly were not (a sibling or the gazetteer)."""
    gazetteer = load_gazetteer()
    out: list[Question] = []
    for h in holders:
        same_post = {x.name for x in holders if x.post == h.post}
        if len(same_post) > 1:
            continue  # two people hold it in the article: "who" has two answers
        holders_of_post = {p.name for p in gazetteer.people if h.post in p.posts}
        # nobody the sentence names is offered: "…陈毅…由粟裕全权代理" makes 粟裕 arguable
        pool = [
            x.name
            for x in holders
            if x.name != h.name and x.name not in holders_of_post and x.name not in h.sentence.text
        ]
        pool += [
            p.name
            for p in gazetteer.people
            if p.name != h.name and p.name not in holders_of_post and p.name not in h.sentence.text
        ]
        pool = list(dict.fromkeys(pool))
        if len(pool) < 3:
            continue
        rng = _rng(seed, "holder", h.name, h.post)
        wrong = pool[:2] + rng.sample(pool[2:], 1) if len(pool) > 3 else pool[:3]
        options = [h.name, *wrong]
        rng.shuffle(options)
        out.append(
            Question(
                id=_id(h.name, h.post),
                type="single",
                stem=_render(
                    templates,
                    "holder.j2",
                    when=_when(h.sentence.text, h.name),
                    post=h.post,
                    blank=BLANK,
                    name=h.name,
                ),
                options=tuple(options),
                correct=(options.index(h.name),),
                explanation=f"{_when(h.sentence.text, h.name)}{h.name}任{h.post}。",
                source=h.sentence.text,
                tags=("人物",),
                difficulty=2,
                generated=True,
            )
        )
    return out


def _when(text: str, name: str = "") -> str:
    """The date the sentence opens with, when it comes before the person (the time of the post,
    not of something later in the sentence)."""
    m = re.match(r"\s*(\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?)", text)
    if not m or (name and text.find(name) < m.end()):
        return ""
    return f"{m.group(1)}，"


def match_question(
    holders: Sequence[Holder], seed: int, templates: Templates | None = None
) -> Question | None:
    """People ↔ posts, 3–6 pairs, each post held by one of them and each person once."""
    pairs: list[tuple[str, str]] = []
    for h in holders:
        if any(h.name == a or h.post == b for a, b in pairs):
            continue
        pairs.append((h.name, h.post))
    if len(pairs) < 3:
        return None
    pairs = pairs[:6]
    years = {m.group(0) for h in holders for m in [re.search(r"\d{4}年", h.sentence.text)] if m}
    year = years.pop() if len(years) == 1 else ""
    return Question(
        id=_id("连线", *(a for a, _ in pairs)),
        type="match",
        stem=_render(templates, "match.j2", pairs=pairs, year=year),
        pairs=tuple(pairs),
        explanation="；".join(f"{a}任{b}" for a, b in pairs) + "。",
        source=" ".join(dict.fromkeys(h.sentence.text for h in holders)),
        tags=("人物",),
        difficulty=2,
        time_limit=60,
        generated=True,
    )


def _render(templates: Templates | None, template: str, /, **variables: object) -> str:
    if templates is None:
        from factquiz.generate.templates import load_templates

        templates = load_templates(None)
    return templates.render(template, **variables)


def named_questions(
    sentences: Sequence[Sentence],
    seed: int,
    types: Sequence[str],
    title: str = "",
    templates: Templates | None = None,
) -> list[Question]:
    """Every named-answer question of one article the ``types`` allow, none showing another's
    answer: an ordering question lists events, a matching question names people and posts, so
    the single questions on those are left to them unless enough remain for both."""
    out: list[Question] = []
    mentions = find_events(sentences)
    singles = [q for q, _ in event_questions(mentions, seed, title)] if "single" in types else []
    if "order" in types:
        asked = {q.correct_options()[0] for q in singles}
        rest = [m for m in mentions if m.event.name not in asked]
        q = order_question(rest, seed, templates)
        if q is None:
            q = order_question(mentions, seed, templates)
            if q is not None:
                singles = [s for s in singles if s.correct_options()[0] not in q.options]
        if q is not None:
            out.append(q)
    out = singles + out
    holders = find_holders(sentences)
    people = holder_questions(holders, seed, templates) if "single" in types else []
    if "match" in types:
        asked = {q.correct_options()[0] for q in people}
        q = match_question([h for h in holders if h.name not in asked], seed, templates)
        if q is None:
            q = match_question(holders, seed, templates)
            if q is not None:
                names = {a for a, _ in q.pairs}
                people = [p for p in people if p.correct_options()[0] not in names]
        if q is not None:
            people.append(q)
    return out + people
