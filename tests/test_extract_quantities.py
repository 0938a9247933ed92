"""Quantities, percentages and ordinals: value, number as written, unit, qualifier, subject."""

import pytest

from factquiz.extract import extract_facts


def numbers(text, kind=None):
    return [
        f
        for f in extract_facts(text).facts
        if f.kind in ((kind,) if kind else ("quantity", "percent", "ordinal"))
    ]


def one(text, kind=None):
    found = numbers(text, kind)
    assert len(found) == 1, [f.text for f in found]
    return found[0]


@pytest.mark.parametrize(
    "sentence, text, value, number, unit, qualifier",
    [
        ("在历经591个昼夜的艰苦施工后建成通车。", "591个昼夜", 591, "591", "个昼夜", ""),
        ("最终提前80余天建成通车。", "80余天", 80, "80", "天", "余"),
        (
            "先行实施区域约2.05万平方米的建设内容。",
            "约2.05万平方米",
            20500,
            "2.05万",
            "平方米",
            "约",
        ),
        ("累计接待游客近2万人次。", "近2万人次", 20000, "2万", "人次", "近"),
        ("接待游客154万余人次。", "154万余人次", 1540000, "154万", "人次", "余"),
        ("走访群众3000多户。", "3000多户", 3000, "3000", "户", "多"),
        ("日均服务老人150人次左右。", "150人次左右", 150, "150", "人次", "左右"),
        ("夜间施工占比超过6次。", "超过6次", 6, "6", "次", "超过"),
        ("参与者逾1,800人。", "逾1,800人", 1800, "1,800", "人", "逾"),
        ("涉及农户一百三十六户。", "一百三十六户", 136, "一百三十六", "户", ""),
        ("入选两个工程。", "两个", 2, "两", "个", ""),
        ("发放慰问金12.6万元。", "12.6万元", 12.6, "12.6", "万元", ""),
        ("地区生产总值1306.8亿元。", "1306.8亿元", 1306.8, "1306.8", "亿元", ""),
        ("经过两个多小时的激烈角逐。", "两个多小时", 2, "两", "个小时", "多"),
        ("年末户籍人口71.36万人。", "71.36万人", 713600, "71.36万", "人", ""),
        ("中国共产党成立100周年。", "100周年", 100, "100", "周年", ""),
        ("十余年来坚持不懈。", "十余年", 10, "十", "年", "余"),
        ("新增学位一万二千个。", "一万二千个", 12000, "一万二千", "个", ""),
        ("三万人参加活动。", "三万人", 30000, "三万", "人", ""),
        ("历时三年多完成主体工程。", "三年多", 3, "三", "年", "多"),
        ("城乡居民收入比为1.48。", "1.48", 1.48, "1.48", "", ""),
        ("以总分712分的成绩夺冠。", "712分", 712, "712", "分", ""),
    ],
)
def test_quantity_parts(sentence, text, value, number, unit, qualifier):
    f = one(sentence, "quantity")
    assert (f.text, f.value, f.number, f.unit, f.qualifier) == (
        text,
        value,
        number,
        unit,
        qualifier,
    )


@pytest.mark.parametrize(
    "sentence, text, value, unit, qualifier",
    [
        ("腾房率就达到了98.5%。", "98.5%", 98.5, "%", ""),
        ("增幅提高0.4个百分点。", "0.4个百分点", 0.4, "个百分点", ""),
        ("夜间施工占比超过60%。", "超过60%", 60, "%", "超过"),
        ("满意率达到95%以上。", "95%以上", 95, "%", "以上"),
        ("城镇化率达到百分之七十二点五。", "百分之七十二点五", 72.5, "%", ""),
        ("出生率5.8‰。", "5.8‰", 5.8, "‰", ""),
    ],
)
def test_percentages(sentence, text, value, unit, qualifier):
    f = one(sentence, "percent")
    assert (f.text, f.value, f.unit, f.qualifier) == (text, value, unit, qualifier)


@pytest.mark.parametrize(
    "sentence, text, value, unit",
    [
        ("2021年第八期“匠人学堂”开讲。", "第八期", 8, "期"),
        ("荣获平湖市第五届微视频大赛奖项。", "第五届", 5, "届"),
        ("我市首条城市隧道建成通车。", "首条", 1, "条"),
        ("成功创建为首批示范点。", "首批", 1, "批"),
        ("连续第四年组织开展活动。", "第四年", 4, "年"),
        ("这是第12次会议。", "第12次", 12, "次"),
        ("城东街道代表队获得一等奖。", "一等奖", 1, "等奖"),
    ],
)
def test_ordinals(sentence, text, value, unit):
    f = one(sentence, "ordinal")
    assert (f.text, f.value, f.unit) == (text, value, unit)


def test_words_that_look_like_numbers_are_not_quantities():
    text = "一个个项目，一次次攻坚，树牢“四个意识”，落实“三会一课”，一对一谈话，党委书记履行“第一责任”，三次产业结构优化，上世纪90年代的老小区，首先要做好。"
    assert numbers(text) == []


def test_a_hospital_name_with_first_in_it_is_not_an_ordinal():
    assert numbers("市第一人民医院新院区启用。") == []


def test_very_is_not_a_quantity_and_a_time_of_day_is_a_clock_reading():
    (time,) = numbers("昨天上午10时18分，这一点十分重要。")
    assert (time.text, time.value, time.unit, time.category) == ("上午10时18分", 10, "时", "时刻")
    assert (time.max_value, time.subject) == (12, "")


@pytest.mark.parametrize(
    "sentence, text, value, max_value, qualifier",
    [
        ("于19日上午9时启动应急响应。", "上午9时", 9, 12, ""),
        ("截至21日18时，全县受灾。", "18时", 18, 24, ""),
        ("清晨7时许，工坊里已是一片忙碌。", "清晨7时许", 7, 12, "许"),
        ("下午3点半举行闭幕式。", "下午3点半", 3, 12, ""),
    ],
)
def test_times_of_day_are_hours_with_a_ceiling(sentence, text, value, max_value, qualifier):
    time = one(sentence)
    assert (time.text, time.value, time.max_value, time.qualifier) == (
        text,
        value,
        max_value,
        qualifier,
    )


@pytest.mark.parametrize(
    "sentence, text, value, lower, unit",
    [
        ("春茶开采期比常年提前3—5天。", "3—5天", 5, 3, "天"),
        ("过夜游客平均停留2至3天。", "2至3天", 3, 2, "天"),
        ("每个小区配备五至八名网格员。", "五至八名", 8, 5, "名"),
        ("预计吸引游客3万至5万人次。", "3万至5万人次", 50000, 30000, "人次"),
        ("造价在3至5万元之间。", "3至5万元", 5, 3, "万元"),
        ("增速回落3—5个百分点。", "3—5个百分点", 5, 3, "个百分点"),
    ],
)
def test_a_range_is_one_fact_with_its_low_end(sentence, text, value, lower, unit):
    fact = one(sentence)
    assert (fact.text, fact.value, fact.lower, fact.unit) == (text, value, lower, unit)


def test_two_percentages_joined_by_zhi_are_two_facts():
    found = numbers("全县经济增速保持在5.2%至8.1%之间。")
    assert [(f.text, f.lower) for f in found] == [("5.2%", None), ("8.1%", None)]


@pytest.mark.parametrize(
    "sentence, text, value, unit",
    [
        ("林浩然以10秒62的成绩夺冠。", "10秒62", 10.62, "秒"),
        ("第五跳跳出6米21。", "6米21", 6.21, "米"),
    ],
)
def test_a_mark_written_with_its_unit_inside_keeps_its_hundredths(sentence, text, value, unit):
    found = [f for f in numbers(sentence) if f.kind == "quantity"]
    assert [(f.text, f.value, f.unit) for f in found] == [(text, value, unit)]


def test_the_distance_in_a_race_name_is_not_a_measurement():
    found = numbers("男子100米决赛和女子4×100米接力中，男子5000米比赛我区获第2名。")
    assert [f.text for f in found] == ["第2名"]


def test_prize_ranks_stop_at_the_third():
    found = numbers("共获得一等奖12项、二等奖27项、三等奖41项。", "ordinal")
    assert [(f.text, f.value, f.max_value) for f in found] == [
        ("一等奖", 1, 3),
        ("二等奖", 2, 3),
        ("三等奖", 3, 3),
    ]


@pytest.mark.parametrize(
    "sentence, text, value, unit",
    [
        ("增幅位居全市第二。", "第二", 2, ""),
        ("第四季度增加值环比增长1.9%。", "第四季度", 4, "季度"),
        ("周雨彤第五跳跳出好成绩。", "第五跳", 5, "跳"),
    ],
)
def test_ranks_and_turns_are_ordinals(sentence, text, value, unit):
    fact = one(sentence, "ordinal")
    assert (fact.text, fact.value, fact.unit) == (text, value, unit)


@pytest.mark.parametrize(
    "sentence, text, value, unit",
    [
        ("新改建农村公路156千米。", "156千米", 156, "千米"),
        ("最大下泄流量860立方米/秒。", "860立方米/秒", 860, "立方米/秒"),
        ("水库开启3孔泄洪闸。", "3孔", 3, "孔"),
        ("十件民生实事全部完成。", "十件", 10, "件"),
        ("城乡居民收入比缩小至1.59。", "1.59", 1.59, ""),
    ],
)
def test_units_and_counts_of_reports(sentence, text, value, unit):
    fact = one(sentence)
    assert (fact.text, fact.value, fact.unit) == (text, value, unit)


def test_the_first_three_quarters_are_a_period_not_a_count():
    assert numbers("增幅比前三季度提高0.4个百分点。")[0].text == "0.4个百分点"
    assert len(numbers("增幅比前三季度提高0.4个百分点。")) == 1


def test_a_year_is_a_date_not_a_quantity():
    facts = extract_facts("2021年是中国共产党成立100周年。").facts
    assert [(f.kind, f.text) for f in facts] == [("date", "2021年"), ("quantity", "100周年")]


@pytest.mark.parametrize(
    "sentence, subject",
    [
        ("城投集团党委共成立了9个党支部。", "党支部"),
        ("现有党员93名。", "党员"),
        ("涉及农户136户。", "农户"),
        ("全年新增车位363个。", "车位"),
        ("已累计接待游客近2万人次。", "游客"),
        ("成功转移8个工程项目的254名民工。", "工程项目"),
        ("发布了10个“马上破”项目。", "“马上破”项目"),
        ("腾房率就达到了98.5%。", "腾房率"),
        ("签订廉政承诺书161份。", "廉政承诺书"),
    ],
)
def test_the_counted_subject_is_found(sentence, subject):
    assert numbers(sentence)[0].subject == subject


def test_a_duration_has_no_counted_subject():
    assert one("最终提前80余天建成通车。").subject == ""
