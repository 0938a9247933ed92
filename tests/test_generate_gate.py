"""The quality gate: each defect shape a quizmaster found on unseen articles, on text written
for these tests, is either mended (a subject carried in) or left out with its reason."""

from factquiz.banks.lint import format_finding, lint_banks
from factquiz.generate import Article, GenerateOptions, generate_bank
from factquiz.generate.build import tidy_explanation
from factquiz.generate.gate import format_report, has_subject, strip_lead
from factquiz.model import Bank, Blank, Question


def generate(text, date="2022", **options):
    dropped = []
    bank, _ = generate_bank(
        [Article(text, file="a.txt")],
        GenerateOptions(seed=1, date=date, allow_empty=True, **options),
        dropped=dropped,
    )
    return bank, dropped


def stems(bank):
    return [q.stem for q in bank.questions]


def test_a_clause_without_subject_takes_the_subject_of_the_sentence_before():
    text = (
        "城投集团党委坚持以党建引领发展，全年组织主题党日活动24次。"
        "深入结对村、社区走访群众3000多户，收集意见建议120条。"
    )
    bank, _ = generate(text)
    visits = [s for s in stems(bank) if "走访群众" in s]
    assert visits and all(s.startswith("城投集团党委深入结对村") for s in visits), visits


def test_a_stem_that_cannot_find_its_subject_is_left_out_with_the_reason():
    text = "共进行大小战斗1824次，歼灭日伪军5万余人。每师辖两个旅。"
    bank, dropped = generate(text)
    assert not any("大小战斗" in s for s in stems(bank))
    assert any("no-subject" in d.reasons and "大小战斗" in d.stem for d in dropped)


def test_a_demonstrative_subject_is_read_as_the_name_the_title_gives():
    text = "城南快速路二期工程主线贯通\n\n该工程全长7.8公里，总投资约46.5亿元，于2021年3月18日开工建设。"
    bank, _ = generate(text)
    assert any(s.startswith("城南快速路二期工程全长") for s in stems(bank)), stems(bank)
    assert not any(s.startswith("该工程") for s in stems(bank))


def test_first_and_single_counts_are_trivial_and_left_out():
    text = "1927年8月1日，南昌起义打响了武装反抗国民党反动派的第一枪。全县首次举办农民运动会，共有1200名选手参加。"
    bank, dropped = generate(text)
    assert not any("第（ ）枪" in s or "（ ）举办" in s for s in stems(bank))
    assert any("trivial" in d.reasons for d in dropped)


def test_a_count_whose_items_the_stem_lists_is_left_out():
    text = "1937年8月25日，八路军总部宣布，八路军下辖三个师：第一一五师、第一二〇师、第一二九师。"
    bank, _ = generate(text)
    # the count is asked only where the stem does not list the three divisions
    assert not any(
        "（ ）师：" in s or ("（ ）个师" in s and "第一二九师" in s) for s in stems(bank)
    )


def test_an_answer_cut_inside_a_word_is_left_out():
    text = "1937年9月11日，国民政府军事委员会将八路军改为国民革命军第十八集团军，朱德任总司令。"
    bank, _ = generate(text)
    answers = [q.answer_text() for q in bank.questions] + [
        o for q in bank.questions for o in q.options
    ]
    assert not any(a.endswith("集") for a in answers), answers


def test_long_exact_figures_are_not_asked_in_a_blank_or_aloud():
    text = "2023年，全县实现地区生产总值865.37亿元，城镇居民人均可支配收入74286元，全县户籍人口41.2万人。"
    bank, _ = generate(text, types=("fill", "short"))
    assert not any(
        "865.37" in q.answer_text() or "74286" in q.answer_text() for q in bank.questions
    )


def test_options_are_well_apart_and_never_digit_swaps():
    text = (
        "2020年，全区第二产业实现增加值241.36亿元，同比下降9.0%。全区第三产业实现增加值459.11亿元。"
    )
    bank, _ = generate(text, types=("single",))
    for q in bank.questions:
        answer = q.correct_options()[0]
        for option in q.options:
            if option != answer and any(c.isdigit() for c in answer) and len(answer) > 5:
                assert sorted(option) != sorted(answer), q.options


def test_a_stem_that_is_only_a_time_is_not_subject_enough():
    assert not has_subject("北京时间2021年6月17日（ ）。", ())
    assert (
        strip_lead("截至目前，城投集团党委共成立了（ ）党支部") == "城投集团党委共成立了（ ）党支部"
    )
    assert strip_lead("2021年（ ）下午，城投集团党委组织举行了竞赛") == "城投集团党委组织举行了竞赛"


def test_explanations_have_no_doubled_units_names_or_empty_blanks():
    assert (
        tidy_explanation("面积3938公顷公顷，增长2.2%%，共32名名。")
        == "面积3938公顷，增长2.2%，共32名。"
    )
    assert tidy_explanation("依托“匠人学堂”“匠人学堂”“读嘉”等平台") == "依托“匠人学堂”“读嘉”等平台"
    assert (
        tidy_explanation("成功转移（ ）个项目的（ ）名民工", ["8", "254"])
        == "成功转移8个项目的254名民工"
    )


def test_the_report_lists_every_left_out_candidate_with_its_reason_and_sentence():
    _, dropped = generate("共进行大小战斗1824次，歼灭日伪军5万余人，缴获枪支6000支。")
    report = format_report(dropped, ["a.txt"])
    assert "题干缺主语" in report and "共进行大小战斗1824次" in report and "a.txt" in report


def test_generate_report_option_writes_the_report(tmp_path):
    from typer.testing import CliRunner

    from factquiz.cli import app

    article = tmp_path / "a.txt"
    article.write_text(
        "城投集团党委全年组织主题党日活动24次。\n\n共进行大小战斗1824次，歼灭日伪军5万余人。",
        encoding="utf-8",
    )
    report = tmp_path / "left-out.md"
    result = CliRunner().invoke(
        app, ["generate", str(article), "-o", str(tmp_path / "b.yaml"), "--report", str(report)]
    )
    assert result.exit_code == 0, result.output
    assert "质量检查未收入" in result.output
    assert "大小战斗" in report.read_text(encoding="utf-8")


def _bank(*questions, title="题库"):
    return Bank(title=title, questions=questions, name="b", path="b.yaml")


def test_lint_finds_stems_without_subject_time_only_stems_and_title_giveaways():
    bank = _bank(
        Question(id="a", type="fill", stem="比上年增长（ ）%。", blanks=(Blank(("6.8",)),), explanation="x", line=1),
        Question(id="b", type="fill", stem="北京时间2021年6月17日（ ）。", blanks=(Blank(("发射",)),), explanation="x", line=2),
        Question(id="c", type="single", stem="学校举行了（ ）田径运动会。", options=("第十一届", "第十二届", "第十三届"),
                 correct=(1,), explanation="x", line=3),
        title="任隆中学举行第十二届田径运动会",
    )  # fmt: skip
    rules = {f.rule for f in lint_banks([bank])}
    assert {"FQ115", "FQ116", "FQ118"} <= rules


def test_lint_finds_identical_stems_with_different_answers_and_broken_explanations():
    bank = _bank(
        Question(id="a", type="fill", stem="全市按可比价格计算，比上年增长（ ）%。", blanks=(Blank(("6.8",)),),
                 explanation="增长6.8%%。", line=1),
        Question(id="b", type="fill", stem="全市按可比价格计算，比上年增长（ ）%。", blanks=(Blank(("7.2",)),),
                 explanation="增长7.2%。", line=2),
        Question(id="c", type="fill", stem="全县城镇居民人均可支配收入（ ）元。", blanks=(Blank(("74286",)),),
                 explanation="收入74286元。", line=3),
    )  # fmt: skip
    lines = [format_finding(f) for f in lint_banks([bank])]
    assert any("[FQ117]" in line and ":2:" in line for line in lines), lines
    assert any("[FQ119]" in line and ":1:" in line for line in lines), lines
    assert any("[FQ120]" in line and ":3:" in line for line in lines), lines


def test_lint_does_not_flag_a_hand_written_stem_with_its_subject():
    bank = _bank(
        Question(id="a", type="fill", stem="2021年，城投集团共完成安置房交付（ ）套。", blanks=(Blank(("3383",)),),
                 explanation="2021年，城投集团共完成安置房交付3383套。", line=1),
    )  # fmt: skip
    assert [f.rule for f in lint_banks([bank])] == []


def test_a_bulletin_names_the_place_and_year_its_title_gives():
    text = (
        "2019年长顺县国民经济和社会发展统计公报\n\n"
        "全年全县地区生产总值65.2亿元，比上年增长8.6%。其中，第一产业增加值18.3亿元，增长5.9%。"
    )
    bank, _ = generate(text, date="")
    assert bank.questions
    for s in stems(bank):
        assert "长顺县" in s and "2019年" in s, s
        assert "全县" not in s and "全年" not in s


def test_a_government_report_names_its_county_and_the_year_it_reviews():
    from factquiz.generate.actors import article_scope

    scope = article_scope("政府工作报告——2023年2月9日在略阳县第十八届人民代表大会第二次会议上", "")
    assert scope.place == "略阳县" and scope.year == "2022"
    scope = article_scope(
        "政府工作报告", "现在，我代表闽清县人民政府，向大会报告政府工作。一、2018年工作回顾"
    )
    assert scope.place == "闽清县" and scope.year == "2018"


def test_a_plan_in_a_report_is_not_dated_as_the_year_reviewed():
    from factquiz.generate.actors import ArticleScope, scoped_stem_prefix

    scope = ArticleScope("略阳县", "2022")
    assert scoped_stem_prefix("力争城镇居民人均可支配收入增长（ ）", scope) == ("", "略阳县")
    assert scoped_stem_prefix("城镇居民人均可支配收入增长（ ）", scope) == ("", "2022年，略阳县")


def test_a_figure_named_by_public_budget_keeps_its_name():
    text = "2018年，闽清县一般公共预算总收入33.8亿元，同口径增长9.6%；地方一般公共预算收入18.7亿元，增长9.2%。"
    bank, _ = generate(text)
    assert not any("一般公同" in s or "一般公" + "（" in s for s in stems(bank)), stems(bank)
    assert any(s.startswith("闽清县一般公共预算总收入") for s in stems(bank)), stems(bank)


def test_words_of_one_are_not_figures():
    text = (
        "半决赛中，中国女足曾一度落后，但全队没有放弃，最终以3比2战胜对手，时隔16年再夺亚洲杯冠军。"
    )
    bank, _ = generate(text)
    assert not any(q.answer_text().startswith("一") for q in bank.questions)


def test_a_games_report_names_the_games_a_figure_is_of():
    text = (
        "(杭州亚运会)中国代表团201金完美收官\n\n"
        "随着最后一枚金牌决出，本届赛事全部结束。中国台北代表团获得19枚金牌，位列金牌榜第六。"
    )
    bank, _ = generate(text)
    taipei = [s for s in stems(bank) if "中国台北代表团" in s]
    assert taipei and all(s.startswith("杭州亚运会上，") for s in taipei), stems(bank)


def test_a_person_of_a_generic_organisation_takes_the_articles_name_or_is_left_out():
    text = (
        "讲治中学举行秋季开学典礼\n\n讲治中学举行2022年秋季开学典礼，全校2100余名师生参加。"
        "学校团委书记张明主持典礼。讲治中学校长黄宗文讲话。讲治中学表彰了8名优秀教师。"
    )
    bank, _ = generate(text)
    assert not any(s.startswith("学校团委书记") for s in stems(bank)), stems(bank)


def test_a_year_end_figure_of_a_bulletin_reads_as_the_year_end():
    text = (
        "2021年旌德县国民经济和社会发展统计公报\n\n"
        "全年城镇新增就业3184人，比上年多增108人。年末城镇登记失业率控制在2.87%。"
    )
    bank, _ = generate(text, date="")
    rate = [s for s in stems(bank) if "失业率" in s]
    assert rate and all(s.startswith("2021年末，旌德县城镇登记失业率") for s in rate), stems(bank)


def test_my_city_in_a_stem_reads_as_the_city_the_title_and_text_name():
    """ "我市首条城市隧道" cut out of 平湖城投's article says which city: 平湖市."""
    text = (
        "平湖城投：匠心营城\n"
        "平湖市城投集团成立于2003年。去年，我市首条城市隧道建国路隧道历经591个昼夜施工后建成通车。"
        "我市首条水上旅游线路于2021年9月22日正式运营。城投集团荣获平湖市第五届微视频大赛最佳编剧奖。"
    )
    bank, _ = generate(text, date="")
    joined = " ".join(stems(bank))
    assert "我市" not in joined
    assert "平湖市首条" in joined


def test_a_bulletin_whose_title_writes_its_year_in_chinese_numerals_still_names_place_and_year():
    """ "子洲县二〇二三年国民经济和社会发展统计公报": the figures are 子洲县's of 2023."""
    text = (
        "子洲县二〇二三年国民经济和社会发展统计公报\n"
        "一、综合\n"
        "全县实现地区生产总值98.38亿元，较上年增长3.1%。"
        "全县完成农林牧渔业总产值37.42亿元，较上年增长4.5%。全年粮食总产量16.28万吨。"
    )
    bank, _ = generate(text, date="")
    gdp = [s for s in stems(bank) if "地区生产总值" in s]
    assert gdp and all(s.startswith("2023年，子洲县") for s in gdp), stems(bank)
