"""The planner: one question per fact, a mix of types, answers spread over A–D, reproducible."""

import dataclasses
from collections import Counter

from factquiz.generate.planner import Planner
from factquiz.generate.templates import load_templates
from factquiz.model import Fact


def fact(sentence, text, kind="quantity", **fields):
    start = sentence.index(text)
    return Fact(
        kind=kind, text=text, sentence=sentence, start=start, end=start + len(text), **fields
    )


# a small article, as the extractor would describe it
S = [
    "在历经591个昼夜的艰苦施工后，我市首条城市隧道——建国路隧道，最终提前80余天建成通车；",
    "当湖街道钱家村搬迁项目涉及农户136户，仅用10天时间，腾房率就达到了98.5%，腾房工作顺利推进……",
    "截至目前，城投集团党委共成立了9个党支部，现有党员93名。",
    "去年，城投集团发布了10个“马上破”项目，组建破难专班。",
    "去年，城投集团新选拔任用12名中层干部。",
    "去年全年，城投集团对46个新开工和年度入围项目开展集体廉政约谈，签订廉政承诺书161份。",
    "城投集团依托“匠人学堂”这一特色学习品牌，创新推出交流和分享经验等16期，参与者1800余人次。",
    "我市首条水上旅游线路——水岸交融游线，于去年9月22日正式运营。",
    "“党建做实了就是生产力。”市城投集团党委副书记、副董事长、总经理吴骏跃说。",
]


def q(i, text, number, unit, kind="quantity", qualifier=""):
    value = float(number) if number.replace(".", "").isdigit() else None
    return fact(S[i], text, kind, number=number, unit=unit, qualifier=qualifier, value=value)


def article_facts():
    facts = [
        q(0, "591个昼夜", "591", "个昼夜"),
        q(0, "80余天", "80", "天", qualifier="余"),
        q(1, "136户", "136", "户"),
        q(1, "10天", "10", "天"),
        q(1, "98.5%", "98.5", "%", "percent"),
        q(2, "9个", "9", "个"),
        q(2, "93名", "93", "名"),
        q(3, "10个", "10", "个"),
        fact(S[3], "去年", "date", date="2021", resolved="2021年"),
        q(4, "12名", "12", "名"),
        fact(S[4], "去年", "date", date="2021", resolved="2021年"),
        fact(S[5], "去年", "date", date="2021", resolved="2021年"),
        q(5, "46个", "46", "个"),
        q(5, "161份", "161", "份"),
        q(6, "16期", "16", "期"),
        q(6, "1800余人次", "1800", "人次", qualifier="余"),
        fact(S[7], "去年9月22日", "date", date="2021-09-22", resolved="2021年9月22日"),
        fact(
            S[7],
            "我市首条水上旅游线路——水岸交融游线",
            "apposition",
            label="我市首条水上旅游线路",
            category="游线",
        ),
        fact(
            S[8],
            "市城投集团党委副书记、副董事长、总经理吴骏跃",
            "person",
            category="党委副书记、副董事长、总经理",
        ),
    ]
    offsets = {s: sum(len(x) for x in S[:i]) for i, s in enumerate(S)}
    return [
        dataclasses.replace(
            f, sentence_start=offsets[f.sentence], section="发展之基——点燃“红色引擎”"
        )
        for f in facts
    ]


def make(seed=1, types=None):
    return Planner(load_templates(), seed, types).questions(article_facts(), reference="2022")


def test_same_facts_and_seed_give_the_same_questions():
    assert make(seed=3) == make(seed=3)


def test_every_askable_fact_is_asked_once_and_bare_relative_dates_not_at_all():
    questions = make()
    # a fill may ask several values of one clause, one blank each (so that no stem shows another's answer)
    asked = sum(len(q.blanks) if q.type == "fill" else 1 for q in questions)
    assert asked == 16  # 18 facts minus the two bare 去年
    assert len({q.id for q in questions}) == len(questions)


def test_values_of_one_clause_that_give_each_other_away_become_blanks_of_one_fill():
    stems = [q.stem for q in make()]
    assert (
        "在历经（ ）个昼夜的艰苦施工后，我市首条城市隧道——建国路隧道，最终提前（ ）天建成通车。"
        in stems
    )


def test_a_stem_drops_the_clause_that_states_another_questions_answer():
    stems = " ".join(q.stem for q in make())
    # "…涉及农户136户，仅用10天时间，腾房率就达到了98.5%" asked three ways, none showing the others
    assert "136户" not in stems and "98.5%" not in stems


def test_types_are_mixed():
    counts = Counter(q.type for q in make())
    assert (
        counts["single"] >= 5
        and counts["judge"] >= 2
        and counts["fill"] >= 2
        and counts["short"] >= 1
    )


def test_types_option_narrows_the_types():
    questions = make(types=("fill",))
    assert questions and {q.type for q in questions} == {"fill"}


def test_correct_letters_are_spread_over_a_to_d():
    questions = [q for q in make(types=("single",))]
    letters = Counter(q.answer_letters for q in questions)
    assert set(letters) == set("ABCD")
    assert max(letters.values()) - min(letters.values()) <= 1


def test_judge_answers_are_balanced():
    truths = Counter(q.truth for q in make(types=("judge",)))
    assert abs(truths[True] - truths[False]) <= 1


def test_single_choice_options_are_distinct_and_contain_the_answer_once():
    for question in make(types=("single",)):
        assert len(set(question.options)) == len(question.options) == 4
        assert len(question.correct) == 1


def test_every_question_has_source_explanation_tags_and_difficulty():
    for question in make():
        assert question.source in S
        assert question.explanation and question.tags and question.difficulty in (1, 2, 3)
        assert question.tags[0] == "发展之基"


def test_stems_use_absolute_dates_when_the_date_is_known():
    stems = " ".join(q.stem for q in make())
    assert "去年" not in stems and "2021年" in stems


def test_judge_false_statement_changes_the_value_and_explains_the_truth():
    false = [q for q in make(types=("judge",)) if q.truth is False]
    assert false
    for question in false:
        assert question.stem not in question.explanation
        assert "应为" in question.explanation


def test_fill_blank_keeps_the_unit_in_the_stem():
    fills = {b.canonical: (q, b) for q in make(types=("fill",)) for b in q.blanks}
    question, blank = fills["80余"]
    assert question.stem.endswith("提前（ ）天建成通车。")
    assert "80多" in blank.answers


def test_ids_are_readable_and_stable_when_another_fact_is_added():
    before = {q.id for q in make()}
    extra = fact("全市新增车位363个。", "363个", number="363", unit="个", value=363.0)
    after = {
        q.id
        for q in Planner(load_templates(), 1).questions([*article_facts(), extra], reference="2022")
    }
    assert before < after
    assert any(i.startswith("591个昼夜-") for i in before)


def test_person_questions_ask_the_post_with_unambiguous_wrong_posts():
    person = [q for q in make(types=("single",)) if "吴骏跃" in q.stem]
    assert len(person) == 1
    options = person[0].options
    assert person[0].correct_options() == ("党委副书记、副董事长、总经理",)
    assert all(
        o != "党委副书记、总经理" for o in options
    )  # a subset of the true posts would be arguable


def test_relative_dates_ask_what_the_article_states_with_the_year_in_the_stem():
    (question,) = [q for q in make(types=("single",)) if "正式运营" in q.stem]
    assert "2021年（ ）" in question.stem
    assert question.correct_options() == ("9月22日",)
    assert question.correct_options()[0] in question.source


def test_wrong_posts_put_the_deputy_mark_where_chinese_writes_it():
    from factquiz.generate.askable import post_choices

    texts = {c.text for c in post_choices("党委书记、居委会主任").below}
    assert "党委副书记、居委会副主任" in texts and "党委书记、副居委会主任" not in texts


def test_fill_blank_leaves_trailing_words_in_the_stem():
    from factquiz.generate.distractors import blank_text, fill_answers

    f = fact("力争居民满意率达到95%以上。", "95%以上", "percent", number="95", unit="%", value=95.0)
    assert blank_text(f) == "95" and fill_answers(f) == ("95", "95%")


def test_quoted_list_becomes_multiple_choice_without_a_second_kind_of_right_answer():
    s1 = "同时，城投集团依托“匠人学堂”“学习强国”“读嘉”“今平湖”等平台，借力市委党校优质师资。"
    s2 = "开展“初心讲堂”“云党课”等学习，成立“马上破”团队，获评“红旗”项目。"
    items = ("“匠人学堂”", "“学习强国”", "“读嘉”", "“今平湖”")
    facts = [
        fact(s1, "“匠人学堂”“学习强国”“读嘉”“今平湖”", "enumeration", items=items, category="平台"),
        dataclasses.replace(
            fact(
                s2,
                "“初心讲堂”“云党课”",
                "enumeration",
                items=("“初心讲堂”", "“云党课”"),
                category="学习",
            ),
            sentence_start=100,
        ),
        dataclasses.replace(fact(s2, "“马上破”", "name", category="团队"), sentence_start=100),
        dataclasses.replace(fact(s2, "“红旗”", "name", category="项目"), sentence_start=100),
    ]
    (question,) = [q for q in Planner(load_templates(), 1).questions(facts) if q.type == "multiple"]
    assert question.stem == "城投集团依托（ ）等平台，借力市委党校优质师资。"
    assert set(question.correct_options()) == set(items)
    assert sorted(set(question.options) - set(items)) == [
        "“红旗”",
        "“马上破”",
    ]  # not the learning things
