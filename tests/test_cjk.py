"""Chinese line breaking (factquiz.cjk.wrap)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from factquiz.cjk import NO_LINE_END, NO_LINE_START, wrap

STEM = "我市积极依托（ ）等平台，开展“红色密码”系列宣传，于2021年9月22日正式运营，开启了水游金平湖的旅游新模式。"


def test_the_blank_of_a_stem_is_never_split():
    for width in range(8, 60):
        lines = wrap(STEM, width)
        assert any("（ ）" in line for line in lines), width


def test_no_line_starts_with_closing_or_ends_with_opening_punctuation():
    for width in range(6, 60):
        for line in wrap(STEM, width):
            assert line[0] not in NO_LINE_START, (width, line)
            assert line[-1] not in NO_LINE_END, (width, line)


def test_lines_fit_the_width_in_terminal_cells():
    for width in range(4, 60):
        assert all(cell_len(line) <= width for line in wrap(STEM, width)), width


def test_numbers_and_latin_words_stay_whole():
    lines = wrap("到2021年底完成投资98.5%以上，建成5G基站1,200个，覆盖率达到百分之百。", 12)
    joined = "|".join(lines)
    for word in ("2021", "98.5%", "5G", "1,200"):
        assert any(word in line for line in lines), joined


def test_dashes_and_ellipses_stay_together():
    for width in range(6, 30):
        lines = wrap("我市首条城市隧道——建国路隧道……提前80余天建成通车", width)
        assert not any(line.endswith("—") and not line.endswith("——") for line in lines), lines
        assert not any(line.startswith(("—", "…")) for line in lines), lines


def test_hanging_indent_starts_later_lines_under_the_text():
    lines = wrap("A. 党史学习教育中筑牢信仰之基，赓续共产党人精神血脉", 20, subsequent_indent="   ")
    assert lines[0].startswith("A. ") and all(line.startswith("   ") for line in lines[1:])
    assert all(cell_len(line) <= 20 for line in lines)


def test_newlines_start_new_lines_and_empty_text_is_one_empty_line():
    assert wrap("第一行\n第二行", 40) == ["第一行", "第二行"]
    assert wrap("", 10) == [""]


@given(
    st.text(alphabet="我市首条隧道（）“”，。、；：？！《》… ABC123.%—", max_size=80),
    st.integers(2, 50),
)
def test_wrapping_keeps_every_character_and_fits(text, width):
    lines = wrap(text, width)
    assert all(cell_len(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_file_names_keep_their_extension_and_ascii_runs_stay_whole():
    for width in range(11, 40):
        lines = wrap("练习结束，错题已保存到错题本.yaml，下次可以再练。覆盖率98.5%", width)
        assert any("本.yaml" in line for line in lines), (width, lines)
        assert any("98.5%" in line for line in lines), (width, lines)


def test_a_number_keeps_the_measure_word_after_it():
    for width in range(10, 40):
        lines = wrap("截至目前，城市隧道共接待游客3000人次，历时6个月，建成5座桥", width)
        joined = "|".join(lines)
        for word in ("3000人次", "6个月", "5座"):
            assert any(word in line for line in lines), joined


def test_a_unit_cut_for_being_too_wide_still_starts_no_line_with_closing_punctuation():
    for width in range(4, 10):
        lines = wrap("共接待游客3000人次，错题本.yaml已保存", width)
        assert not any(line[0] in NO_LINE_START for line in lines), (width, lines)
        assert all(cell_len(line) <= width for line in lines), (width, lines)


@given(
    st.text(alphabet="我市接待人次个月年（）“”，。、：…12345 AB.yaml%", max_size=80),
    st.integers(2, 50),
)
def test_wrapping_with_numbers_units_and_file_names_keeps_every_character(text, width):
    lines = wrap(text, width)
    assert all(cell_len(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_an_indent_wider_than_the_room_left_is_dropped_rather_than_overflowing():
    assert all(cell_len(line) <= 2 for line in wrap(" 、", 2))
    assert all(cell_len(line) <= 3 for line in wrap("党史学习", 3, subsequent_indent="   "))
