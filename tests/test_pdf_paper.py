"""The exam paper as a reader sees it: text extracted with pypdf."""

from __future__ import annotations

import re

import pytest
from pdf_fixtures.helpers import (
    ALL_TYPES,
    flat,
    numbered_singles,
    one_of_each,
    page_texts,
    pdf_text,
    single,
    text_positions,
)

from factquiz.banks import all_questions, load_banks
from factquiz.model import Blank, Question
from factquiz.render import PaperOptions, default_title, render_papers


@pytest.fixture(scope="module")
def bank_questions():
    banks = load_banks([ALL_TYPES])
    return banks, all_questions(banks)


@pytest.fixture(scope="module")
def paper(tmp_path_factory, bank_questions):
    banks, questions = bank_questions
    out = tmp_path_factory.mktemp("paper")
    render_papers(
        questions, PaperOptions(title=default_title(banks), subtitle="党史知识竞赛初赛"), out
    )
    return out


def test_unversioned_paper_and_key_are_written(paper):
    assert sorted(p.name for p in paper.iterdir()) == ["key.pdf", "paper.pdf"]


def test_paper_has_title_boxes_instructions_and_time(paper):
    text = pdf_text(paper / "paper.pdf")
    for expected in (
        "平湖城投：匠心营城背后的“红色密码”",
        "党史知识竞赛初赛",
        "单位",
        "姓名",
        "得分",
        "注意事项",
        "考试时间60分钟",
    ):
        assert expected in text


def test_sections_in_the_usual_order_with_counts_and_points(paper):
    text = pdf_text(paper / "paper.pdf")
    headings = [
        "一、单项选择题（本大题共4小题，每小题2分，共8分。在每小题给出的四个选项中，只有一项是符合题目要求的）",
        "二、多项选择题（本大题共2小题，每小题3分，共6分。",
        "三、判断题（本大题共2小题，每小题2分，共4分。正确的在括号内画“√”，错误的画“×”）",
        "四、填空题（本大题共3小题，每小题2分，共6分。请将答案写在题中横线上）",
        "五、简答题（本大题共1小题，每小题10分，共10分。",
    ]
    positions = [flat(text).index(h) for h in headings]
    assert positions == sorted(positions)


def test_questions_are_numbered_continuously_across_sections(paper):
    text = pdf_text(paper / "paper.pdf")
    numbers = [int(n) for n in re.findall(r"^(\d+)\. ", text, flags=re.M)]
    question_numbers = [n for n in numbers if n <= 12]
    assert question_numbers[-12:] == list(range(1, 13))


def test_stems_and_options_are_printed_but_not_answers(paper, bank_questions):
    _, questions = bank_questions
    text = flat(pdf_text(paper / "paper.pdf"))
    assert "我市首条城市隧道——建国路隧道历经" in text
    for q in questions:
        for option in q.options:
            assert flat(option) in text
    assert "【答案】" not in text and "水岸交融游线于去年9月22日正式运营" not in text


def test_fill_blanks_become_underlines_not_brackets(paper):
    text = pdf_text(paper / "paper.pdf")
    line = next(x for x in text.splitlines() if "水岸交融游线于去年" in x)
    assert "____" not in line and "（ ）" not in line
    assert re.search(
        r"去年①＿{6,}月②＿{6,}日正式运营", line
    )  # several blanks: numbered in stem order


def test_judge_questions_end_with_an_answer_bracket(paper):
    text = pdf_text(paper / "paper.pdf")
    assert re.search(r"共有12支代表队参加。\s*（\s+）", text)


def test_mixed_points_in_a_section_are_shown_per_question(tmp_path):
    questions = [
        Question(id="a", type="judge", stem="甲判断题。", truth=True, points=2),
        Question(id="b", type="judge", stem="乙判断题。", truth=False, points=5),
    ]
    render_papers(questions, PaperOptions(title="混合分值"), tmp_path)
    text = pdf_text(tmp_path / "paper.pdf")
    assert "一、判断题（本大题共2小题，共7分，每小题分值见题号后。" in flat(text)
    assert "（2分）甲判断题。" in text and "（5分）乙判断题。" in text


def test_paper_without_some_types_has_no_empty_sections(tmp_path):
    questions = [q for q in one_of_each() if q.type in ("single", "fill")]
    render_papers(questions, PaperOptions(title="两种题型"), tmp_path)
    text = pdf_text(tmp_path / "paper.pdf")
    assert "一、单项选择题" in text and "二、填空题" in text
    for absent in ("多项选择题（", "判断题（", "简答题（", "三、"):
        assert absent not in text


def test_markup_in_bank_text_prints_literally(tmp_path):
    stem = "若 a < b && c > d，则 <b>加粗</b> 与 <font size=40>大字</font> 照原样打印 &amp; 不转义"
    questions = [single("x", stem, ("<i>甲</i>", "A & B", "x<y", "&lt;"))]
    render_papers(questions, PaperOptions(title="转义 <b>标题</b> & 测试"), tmp_path)
    text = flat(pdf_text(tmp_path / "paper.pdf"))
    assert flat(stem) in text
    for option in ("<i>甲</i>", "A&B", "x<y", "&lt;"):
        assert option in text
    assert "转义<b>标题</b>&测试" in text


def test_a_200_character_option_is_printed_whole_on_lines_of_its_own(tmp_path):
    long_option = (
        "在历经591个昼夜的艰苦施工后我市首条城市隧道建国路隧道最终提前80余天建成通车" * 6
    )[:200]
    assert len(long_option) == 200
    questions = [
        single("long", "下列说法正确的是（ ）。", ("短选项", long_option, "另一个", "第四个"))
    ]
    render_papers(questions, PaperOptions(title="长选项"), tmp_path)
    text = pdf_text(tmp_path / "paper.pdf")
    assert flat("B．" + long_option) in flat(text)
    lines = text.splitlines()
    assert any(flat(x) == "A．短选项" for x in lines)  # one option per line: not laid out across


def test_options_are_laid_out_four_across_two_by_two_or_one_per_line_by_width(tmp_path):
    questions = [
        single("short", "短选项题。", ("519", "591", "600", "365")),
        single(
            "mid",
            "中等选项题。",
            ("开辟城市红色“景观线”", "规划红色旅游“路线图”", "推出红色体验项目", "新建党史纪念馆"),
        ),
        single("long", "长选项题。", ("甲" * 30, "乙" * 30, "丙" * 30, "丁" * 30)),
    ]
    render_papers(questions, PaperOptions(title="选项排列"), tmp_path)
    spots = text_positions(tmp_path / "paper.pdf")

    def rows(*texts: str) -> int:
        return len({round(y) for t, _, y in spots if any(t.startswith(x) for x in texts)})

    assert rows("A．519", "B．591", "C．600", "D．365") == 1
    assert rows("A．开辟", "B．规划", "C．推出", "D．新建") == 2
    assert rows("甲", "乙", "丙", "丁") == 4


def test_multi_page_paper_keeps_each_question_on_one_page_and_counts_pages(tmp_path):
    questions = numbered_singles(45)
    render_papers(questions, PaperOptions(title="多页试卷"), tmp_path)
    pages = page_texts(tmp_path / "paper.pdf")
    assert len(pages) >= 3
    for i, page in enumerate(pages, 1):
        assert f"第 {i} 页  共 {len(pages)} 页" in page or f"第 {i} 页 共 {len(pages)} 页" in page
    for q in questions:
        holders = [i for i, page in enumerate(pages) if flat(q.stem) in flat(page)]
        assert len(holders) == 1, f"{q.id} stem split or missing ({holders})"
        assert flat(q.options[3]) in flat(pages[holders[0]]), f"{q.id} options on another page"


def test_extracted_text_has_no_missing_glyphs(paper):
    for name in ("paper.pdf", "key.pdf"):
        assert "\x00" not in pdf_text(paper / name)


def test_same_seed_gives_the_same_bytes(tmp_path, bank_questions):
    _, questions = bank_questions
    options = PaperOptions(title="确定性", versions=("A", "B"), seed=42)
    render_papers(questions, options, tmp_path / "one")
    render_papers(questions, options, tmp_path / "two")
    for name in ("paper-A.pdf", "paper-B.pdf", "key-A.pdf", "key-B.pdf"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), (
            name
        )


@pytest.mark.parametrize("qtype", ["single", "judge", "fill", "short"])
def test_a_question_longer_than_a_page_is_split_rather_than_failing(tmp_path, qtype):
    stem = (
        "在历经591个昼夜的艰苦施工后，我市首条城市隧道——建国路隧道，最终提前80余天建成通车；" * 90
    )
    extra = {
        "single": {"options": ("甲", "乙"), "correct": (0,)},
        "judge": {"truth": True},
        "fill": {"blanks": (Blank(("591",)),)},
        "short": {"reference": "略"},
    }[qtype]
    question = Question(id="huge", type=qtype, stem=stem + "（ ）", **extra)
    render_papers([question], PaperOptions(title="超长题目" * 30), tmp_path)
    pages = page_texts(tmp_path / "paper.pdf")
    assert len(pages) >= 3
    body = [
        line
        for page in pages
        for line in page.splitlines()
        if not re.search(r"第 \d+ 页\s+共 \d+ 页", line) and not line.endswith("…")
    ]
    assert flat("".join(body)).count("建国路隧道") == 90  # all of it, over several pages
