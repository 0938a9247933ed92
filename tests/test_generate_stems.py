"""Stems stand alone: enough context, absolute dates, no answer given away, sandboxed templates."""

import pytest

from factquiz.errors import FactQuizError
from factquiz.generate.stems import build_context
from factquiz.generate.templates import Templates
from factquiz.model import Fact


def fact(sentence, text, kind="quantity", nth=0, **fields):
    start = -1
    for _ in range(nth + 1):
        start = sentence.index(text, start + 1)
    return Fact(
        kind=kind, text=text, sentence=sentence, start=start, end=start + len(text), **fields
    )


def cloze(f, others=()):
    c = build_context(f, [f, *others])
    return None if c is None else c.before + "（ ）" + c.after


def test_short_clause_borrows_the_clause_before_it():
    s = "当湖街道钱家村搬迁项目涉及农户136户，仅用10天时间，腾房率就达到了98.5%，腾房工作顺利推进……"
    assert cloze(fact(s, "10天")) == "当湖街道钱家村搬迁项目涉及农户136户，仅用（ ）时间"


def test_adverbial_clause_keeps_its_main_clause():
    s = "在历经591个昼夜的艰苦施工后，我市首条城市隧道——建国路隧道，最终提前80余天建成通车；"
    assert (
        cloze(fact(s, "591个昼夜"))
        == "在历经（ ）的艰苦施工后，我市首条城市隧道——建国路隧道，最终提前80余天建成通车"
    )


def test_relative_dates_in_the_stem_become_absolute():
    s = "建国南路隧道工程于去年10月提前80余天建成通车；"
    date = fact(s, "去年10月", "date", date="2021-10", resolved="2021年10月")
    assert cloze(fact(s, "80余天"), [date]) == "建国南路隧道工程于2021年10月提前（ ）建成通车"


def test_relative_dates_stay_when_the_date_is_unknown():
    s = "建国南路隧道工程于去年10月提前80余天建成通车；"
    date = fact(s, "去年10月", "date", date="")
    assert "去年10月" in cloze(fact(s, "80余天"), [date])


def test_stem_leaves_out_a_clause_that_repeats_the_answer():
    s = "项目一期用了80余天，二期又用了80余天，全部完工。"
    stem = cloze(fact(s, "80余天"))
    assert stem is not None and "80余天" not in stem


def test_no_stem_when_the_answer_clause_states_it_twice():
    s = "计划工期80余天实际也用了80余天。"
    assert cloze(fact(s, "80余天")) is None


def test_discourse_markers_are_dropped():
    s = "同时，全年新增车位 363个。"
    assert cloze(fact(s, "363个")) == "全年新增车位（ ）"


def test_subordinate_clause_without_room_for_its_main_clause_makes_no_stem():
    s = "为庆祝中国共产党成立100周年，重温党的光辉历史，激励广大员工知史爱党、知史爱国，从党的百年伟大历史中汲取前进智慧和力量，在岗位上不忘初心、牢记使命，勇于奉献、爱岗敬业，城投集团党委组织举行了党史知识竞赛。"
    assert cloze(fact(s, "100周年")) is None


def test_template_cannot_reach_python_internals(tmp_path):
    (tmp_path / "single.j2").write_text("{{ ''.__class__.__mro__ }}", encoding="utf-8")
    with pytest.raises(FactQuizError, match="sandbox"):
        Templates(tmp_path).render("single.j2", before="")


def test_template_with_unknown_variable_names_the_template(tmp_path):
    (tmp_path / "fill.j2").write_text("{{ nonsense }}", encoding="utf-8")
    with pytest.raises(FactQuizError, match="unknown variable") as info:
        Templates(tmp_path).render("fill.j2")
    assert "fill.j2" in str(info.value)


def test_team_templates_override_by_name_and_fall_back_to_bundled(tmp_path):
    (tmp_path / "questions").mkdir()
    (tmp_path / "questions" / "fill.j2").write_text(
        "请填空：{{ before }}{{ blank }}{{ after }}", encoding="utf-8"
    )
    templates = Templates(tmp_path)
    assert templates.render("fill.j2", before="A", blank="（ ）", after="B") == "请填空：A（ ）B"
    assert templates.render("multiple.j2", before="A", blank="（ ）", after="B") == "A（ ）B。"


def test_template_syntax_error_is_a_factquiz_error(tmp_path):
    (tmp_path / "judge.j2").write_text("{% if %}", encoding="utf-8")
    with pytest.raises(FactQuizError, match="syntax"):
        Templates(tmp_path).render("judge.j2")


def test_short_segment_after_a_semicolon_takes_the_segment_before_for_its_subject():
    s = "年末全市金融机构本外币存款余额3215.6亿元，比年初增加356.2亿元；贷款余额2987.3亿元，增长12.8%。"
    assert (
        cloze(fact(s, "2987.3亿元"))
        == "年末全市金融机构本外币存款余额3215.6亿元，比年初增加356.2亿元；贷款余额（ ）"
    )


def test_a_clause_without_time_or_subject_takes_them_from_the_sentence_before():
    from factquiz.generate import Article, GenerateOptions, generate_bank

    text = (
        "2023年，全县实现地区生产总值856.3亿元，比上年增长6.8%。"
        "其中，第一产业增加值21.4亿元，增长3.1%；第二产业增加值431.7亿元，增长7.2%。"
    )
    bank, _ = generate_bank([Article(text)], GenerateOptions(seed=1, date="2024"))
    stems = [q.stem for q in bank.questions if "第一产业" in q.stem]
    assert stems and all(s.startswith(("全县", "2023年，全县")) for s in stems), stems


def test_a_segment_opening_circumstance_stays_with_a_narrowed_stem():
    from factquiz.generate import Article, GenerateOptions, generate_bank

    # the clause has no subject of its own: the gate wants one, so the sentence names it
    text = "防御台风期间，集团党委成立党员冲锋队，成功转移8个工程项目的254名民工，转移安置人员270余人。"
    bank, _ = generate_bank([Article(text)], GenerateOptions(seed=1, date="2022"))
    stems = [q.stem for q in bank.questions if "安置" in q.stem]
    assert stems and all(s.startswith("防御台风期间") for s in stems), stems


def test_a_clause_with_its_own_subject_does_not_take_the_subject_of_the_sentence_before():
    from factquiz.generate import Article, GenerateOptions, generate_bank

    text = (
        "社区“四点半课堂”已连续开办6年，累计服务学生1.2万余人次。"
        "据统计，居民满意度从2021年的82.6%提升至95.3%。"
    )
    bank, _ = generate_bank([Article(text)], GenerateOptions(seed=1, date="2024"))
    stems = [q.stem for q in bank.questions if "满意度" in q.stem]
    assert stems and not any("四点半课堂" in s for s in stems), stems


def test_a_stated_change_is_never_asked_with_both_ends_and_its_year_blank():
    from factquiz.generate import Article, GenerateOptions, generate_bank

    text = "据统计，居民满意度从2021年的82.6%提升至95.3%。"
    bank, _ = generate_bank([Article(text)], GenerateOptions(seed=1, date="2024"))
    assert bank.questions
    assert all(q.stem.count("（ ）") <= 2 for q in bank.questions), [q.stem for q in bank.questions]
