"""Facts found in an article: the output of `extract`, the input of `generate`."""

from __future__ import annotations

from dataclasses import dataclass

# kind of fact:
#   quantity     a count or amount with its unit ("136户", "2.05万平方米", "80余天")
#   percent      a percentage or 个百分点 ("98.5%")
#   date         a calendar date, month or year ("去年9月22日", "2021年", "10月初")
#   ordinal      an ordinal ("第八期", "第五届", "首条", "首批")
#   name         a named thing: place, organisation, project, 《title》, “quoted name”
#   person       a person with their post ("党委副书记、副董事长、总经理吴骏跃")
#   apposition   a description and its name ("我市首条城市隧道——建国路隧道")
#   enumeration  a list of things of one kind ("百花艺术幼儿园、红庙头幼儿园")
FACT_KINDS = (
    "quantity",
    "percent",
    "date",
    "ordinal",
    "name",
    "person",
    "apposition",
    "enumeration",
)


@dataclass(frozen=True)
class Fact:
    kind: str
    # the span as written in the sentence: "80余天", "去年9月22日", "《党章》", "“马上破”";
    # for a person the organisation, posts and name ("市城投集团党委副书记、…总经理吴骏跃");
    # for an apposition the name only ("建国路隧道"); for an enumeration the whole list
    text: str
    sentence: str  # the cleaned sentence that states the fact
    start: int  # offsets of `text` within `sentence`
    end: int
    sentence_start: int = 0  # offset of `sentence` within the cleaned article text
    article: int = 0  # index of the article among the inputs
    # numeric value (quantity, percent, ordinal; the year of a date), multipliers applied:
    # 2.05万平方米 → 20500; money keeps its unit (12.6万元 → 12.6 with unit 万元)
    value: float | None = None
    # the number as written: "80", "2.05万", "一百三十六"; "" for 首条; a range's high end ("5"
    # of "3—5天"); the whole part of a mark with its unit inside ("10" of "10秒62", value 10.62)
    number: str = ""
    # unit or measure word: "天", "平方米", "户", "万元", "%", "‰", "个百分点", "等奖"; ""
    # for a bare number ("收入比为1.48")
    unit: str = ""
    # 近/约/余/多/超/超过/逾/左右/以上 — the value is approximate when set
    qualifier: str = ""
    # ISO date, month or year of a date ("2021-09-22", "2021-10", "2021"); without a year
    # "--09-22" / "--10"; "" when relative and no article date was given
    date: str = ""
    resolved: str = ""  # `text` rewritten with absolute dates ("2021年9月22日"); "" if unchanged
    # kind of name: its ending ("隧道", "幼儿园", "公司"), the word after a quoted name
    # ("活动", "团队"), "文件"/"书名"/"纪录片" for 《titles》; a person's posts
    # ("党委副书记、副董事长、总经理"); "时刻" for a time of day ("上午9时", a quantity in 时)
    category: str = ""
    label: str = ""  # the descriptor of an apposition ("我市首条城市隧道")
    items: tuple[str, ...] = ()  # members of an enumeration
    section: str = (
        ""  # the section heading the sentence falls under ("发展之基——点燃“红色引擎”，…")
    )
    # what the fact is about: the noun a quantity counts ("党支部" of "9个党支部", "游客" of
    # "接待游客近2万人次"), a person's name ("吴骏跃"); "" when not found
    subject: str = ""
    # the low end of a range, whose high end is `value` ("3—5天": lower 3, value 5; "5至8个")
    lower: float | None = None
    # the highest value the fact can take, for distractors: 3 for 等奖 (一、二、三等奖),
    # 12 or 24 for a time of day ("下午4时", "20时")
    max_value: float | None = None

    @property
    def approximate(self) -> bool:
        return bool(self.qualifier)
