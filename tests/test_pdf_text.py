"""Chinese line breaking (禁则) and escaping of bank text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pdf_fixtures.helpers import pdf_text, single

from factquiz.model import Question
from factquiz.render import PaperOptions, find_font, render_papers
from factquiz.render.styles import make_styles
from factquiz.render.text import CANNOT_END, CANNOT_START, CJKParagraph, markup, may_break_between

STRESS = (
    "平湖城投，匠心营城。“红色密码”（党建引领）！建国路隧道：历经591个昼夜；"
    "《平湖日报》报道……腾房率达98.5%，提前80余天——建成通车？是的。"
    "「两湖一街区」、『活教材』、【精彩回放】〔亮点〕，PPP项目2021年第八期“匠人学堂”。"
)


def lines_of(text: str, width: float, size: float = 10.5) -> list[str]:
    style = make_styles(find_font().name).body
    if size != style.fontSize:
        from reportlab.lib.styles import ParagraphStyle

        style = ParagraphStyle("t", parent=style, fontSize=size, leading=size * 1.5)
    paragraph = CJKParagraph(markup(text), style)
    paragraph.wrap(width, 10_000)
    return ["".join(w.text for w in line.words) for line in paragraph.blPara.lines]


def assert_kinsoku(lines: list[str]) -> None:
    for before, after in zip(lines, lines[1:], strict=False):
        assert after.lstrip()[:1] not in CANNOT_START, (before, after)
        assert before.rstrip()[-1:] not in CANNOT_END, (before, after)


@pytest.mark.parametrize("width", [60 + 3.5 * k for k in range(60)])
def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(width):
    lines = lines_of(STRESS * 2, width)
    assert "".join(lines) == STRESS * 2  # nothing lost or added
    assert_kinsoku(lines)


def test_reportlab_alone_breaks_these_rules():
    """Why the fix exists: reportlab's own CJK wrapping lets ，and ” start a line."""
    from reportlab.platypus import Paragraph

    style = make_styles(find_font().name).body
    bad = 0
    for k in range(60):
        p = Paragraph(markup(STRESS * 2), style)
        p.wrap(60 + 3.5 * k, 10_000)
        texts = [
            line[1][0] if isinstance(line, tuple) else "".join(w.text for w in line.words)
            for line in p.blPara.lines
        ]
        bad += sum(1 for t in texts[1:] if t[:1] in CANNOT_START)
    assert bad > 0


def test_numbers_and_latin_words_stay_whole():
    text = "城投集团推进PPP项目，腾房率达到了98.5%，时间是2021年9月22日，规划面积2.05万平方米。"
    for width in range(60, 200, 5):
        lines = lines_of(text, width)
        for word in ("PPP", "98.5%", "2021", "22", "2.05"):
            assert any(word in line for line in lines), (word, lines)


def test_a_word_longer_than_the_line_is_cut_but_not_before_punctuation():
    text = "网址https://example.com/a/very/long/path。"
    for width in range(40, 120, 3):
        lines = lines_of(text, width)
        assert "".join(lines) == text
        assert_kinsoku(lines)


def test_paired_dashes_and_ellipses_are_not_split():
    text = "我市首条城市隧道——建国路隧道……最终提前建成" * 4
    for width in range(40, 160, 3):
        lines = lines_of(text, width)
        for a, b in zip(lines, lines[1:], strict=False):
            assert not (a.endswith("—") and b.startswith("—"))
            assert not (a.endswith("…") and b.startswith("…"))


def test_rules_as_data():
    assert not may_break_between("字", "，")
    assert not may_break_between("“", "红")
    assert not may_break_between("9", "8")
    assert may_break_between("字", "字")
    assert may_break_between("。", "“")


CJK = st.sampled_from("平湖城投匠心营城背后的红色密码建国路隧道")
TOKENS = st.one_of(
    CJK,
    st.tuples(CJK, st.sampled_from(sorted(CANNOT_START & set("，。、；：？！）》」”")))).map(
        "".join
    ),
    st.tuples(st.sampled_from(sorted(CANNOT_END & set("（《「“"))), CJK).map("".join),
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(TOKENS, min_size=1, max_size=80).map("".join), st.floats(min_value=55, max_value=400)
)
def test_kinsoku_holds_for_any_mix_of_text_and_punctuation(text, width):
    lines = lines_of(text, width)
    assert "".join(lines) == text
    assert_kinsoku(lines)


def test_stress_paragraph_in_a_paper_has_no_forbidden_line_starts(tmp_path):
    questions = [
        Question(id=f"j{k}", type="judge", stem="字" * k + STRESS, truth=True) for k in range(12)
    ] + [single("s", "字" + STRESS + "（ ）", ("甲", "乙"))]
    render_papers(questions, PaperOptions(title="禁则测试"), tmp_path)
    text = pdf_text(tmp_path / "paper.pdf")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    starts = [line for line in lines if line[0] in CANNOT_START]
    ends = [line for line in lines if line[-1] in CANNOT_END]
    assert not starts and not ends, (starts, ends)


def test_escaped_text_cannot_change_the_layout():
    lines = lines_of("<b>粗</b><font size=60>大</font> & <br/> <para>", 400)
    assert lines == ["<b>粗</b><font size=60>大</font> & <br/> <para>"]


def test_line_breaks_in_bank_text_are_kept():
    assert lines_of("第一行\n第二行", 400) == ["第一行", "第二行"]


def test_english_text_wraps_at_spaces_without_splitting_words():
    words = "The tunnel opened to traffic more than eighty days ahead of schedule".split()
    for width in range(80, 300, 11):
        lines = lines_of(" ".join(words * 3), width)
        for line in lines:
            assert all(token in words for token in line.split()), (width, lines)
            assert not line.startswith(" ")
