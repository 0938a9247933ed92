"""Generation on articles unlike the seed: every question must be right, whatever the domain.

The articles here were written for these tests in the styles the tool meets
(a statistics bulletin, a community work summary, a construction progress
report); each bank is checked the way a quizmaster would: one right answer
stated in the source, distinct options, no stem that gives its answer away,
sane numbers, and no lint errors.
"""

import re

import pytest

from factquiz.banks.lint import lint_banks
from factquiz.banks.textnorm import appears_in
from factquiz.generate import Article, GenerateOptions, generate_bank

STATISTICS = """2023年嘉善县国民经济和社会发展统计公报

初步核算，全年实现地区生产总值865.3亿元，按可比价格计算，比上年增长6.8%。其中，第一产业增加值21.6亿元，增长3.1%；第二产业增加值452.7亿元，增长7.2%；第三产业增加值391.0亿元，增长6.5%。

全年一般公共预算收入达到78.4亿元，同比增长9.6%。全县城镇居民人均可支配收入74286元，增长5.1%；农村居民人均可支配收入48652元，增长6.9%。

年末全县户籍人口41.2万人，比上年末增加0.3万人。全年出生人口2861人。

全县共有各级各类学校126所，在校学生9.8万人。新建、改扩建中小学和幼儿园12所，新增学位5400个。

全年新增城镇就业1.56万人，城镇登记失业率为1.8%。截至年末，全县拥有卫生机构358个，其中医院15家，卫生技术人员6920人。
"""

COMMUNITY = """新华社区2023年工作总结

今年以来，新华社区紧紧围绕“共建共治共享”目标，扎实推进各项工作。社区现有居民3862户、10541人，下设8个网格，配备专职网格员16名。

一、民生服务有温度。全年走访慰问困难群众230余户次，发放慰问金12.6万元；为辖区65周岁以上老人免费体检1420人次；开设“四点半课堂”48期，服务学生600多人次。

二、平安建设有力度。组织开展消防安全检查35次，排查整改隐患127处；调解矛盾纠纷62起，调解成功率达98%。3月15日，社区联合派出所开展反诈宣传活动，发放宣传资料2000余份。

三、老旧小区改造有速度。红旗小区改造工程于5月8日开工，历时186天完工，惠及居民1260户，新增停车位210个、电动车充电桩96个。

社区党委书记、居委会主任张丽华表示，明年将继续完善“15分钟便民生活圈”，力争居民满意率达到95%以上。
"""

CONSTRUCTION = """城南快速路二期工程主线贯通

本报讯 昨日上午，随着最后一块钢箱梁精准就位，城南快速路二期工程主线实现贯通。该工程全长7.8公里，总投资约46.5亿元，于2021年3月18日开工建设。

据介绍，二期工程共设置互通立交3座、上下匝道12对，主线采用双向六车道标准，设计时速80公里。施工高峰期，现场投入管理人员和工人1600余名、大型机械设备230多台。为减少对交通的影响，项目部先后优化施工方案17次，夜间施工占比超过60%。

工程建设指挥部负责人介绍，下一步将加快推进附属工程和绿化景观施工，确保今年10月底前全线建成通车。通车后，城南片区到高铁站的车程将由40分钟缩短至15分钟左右。
"""

ARTICLES = {
    "statistics": (STATISTICS, "2024-03-01"),
    "community": (COMMUNITY, "2023-12-20"),
    "construction": (CONSTRUCTION, "2022-06-10"),
}


@pytest.fixture(scope="module", params=sorted(ARTICLES))
def bank(request):
    text, date = ARTICLES[request.param]
    made, _ = generate_bank(
        [Article(text, file=f"{request.param}.txt")], GenerateOptions(seed=1, date=date)
    )
    return made


def test_each_article_gives_a_fair_number_of_questions(bank):
    # fewer, better: a clause without its subject or a count the stem lists is left out
    assert len(bank) >= 6


def test_no_lint_errors(bank):
    errors = [f for f in lint_banks([bank]) if f.severity == "error"]
    assert not errors, errors


def test_single_choice_has_four_distinct_options_and_one_answer_stated_in_the_source(bank):
    for q in bank.questions:
        if q.type != "single":
            continue
        assert len(q.options) == 4 and len(set(q.options)) == 4, q
        assert len(q.correct) == 1
        assert appears_in(q.correct_options()[0], q.source), q


def test_no_wrong_option_is_stated_in_the_source_as_the_same_kind_of_value(bank):
    for q in bank.questions:
        if q.type != "single":
            continue
        for i, option in enumerate(q.options):
            if i not in q.correct and re.search(r"\d", option):
                assert not appears_in(option, q.source), (q.stem, option)


def test_stems_do_not_give_their_answer_away(bank):
    for q in bank.questions:
        if q.type == "single":
            assert not appears_in(q.correct_options()[0], q.stem), q.stem
        if q.type == "fill":
            assert not appears_in(q.blanks[0].canonical, q.stem), q.stem


def test_choice_and_fill_stems_show_the_blank(bank):
    for q in bank.questions:
        if q.type in ("single", "multiple", "fill"):
            assert "（ ）" in q.stem, q.stem
        else:
            assert "（ ）" not in q.stem, q.stem


def test_percent_options_stay_within_0_and_100(bank):
    for q in bank.questions:
        for option in q.options:
            m = re.fullmatch(r"\D*?(\d+(?:\.\d+)?)%\D*", option)
            if m:
                assert 0 < float(m.group(1)) <= 100, option


def test_stems_end_as_sentences_and_keep_quotes_paired(bank):
    for q in bank.questions:
        assert q.stem[-1] in "。？", q.stem
        assert q.stem.count("“") == q.stem.count("”"), q.stem
        assert not re.search(r"[，、；：]。", q.stem), q.stem
