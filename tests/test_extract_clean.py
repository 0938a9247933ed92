"""Cleaning PDF-extracted text: wrapped lines, doubled headings, sections, captions, widths."""

from factquiz.extract import extract_facts
from factquiz.extract.clean import normalise, undouble
from factquiz.resources import banks_dir

SEED = (banks_dir() / "sources" / "pinghu-chengtou.txt").read_text(encoding="utf-8")


def seed():
    return extract_facts(SEED, date="2022-01-15")


def test_a_sentence_broken_across_blank_lines_is_rejoined():
    assert any("用自己的辛苦指数，换来了中心城区的美丽嬗变" in s.text for s in seed().sentences)


def test_doubled_bold_heading_is_undone():
    assert (
        undouble("平湖城投平湖城投：：匠心营城背后的匠心营城背后的““红色密码红色密码””")
        == "平湖城投：匠心营城背后的“红色密码”"
    )


def test_ordinary_lines_are_not_taken_for_doubled_ones():
    assert undouble("一个个重点市政项目的顺利推进") is None
    assert undouble("历史，激励广大员工知史爱党、知史爱国") is None


def test_the_headline_is_the_title():
    assert seed().title == "平湖城投：匠心营城背后的“红色密码”"


def test_section_headings_are_structure_not_sentences():
    result = seed()
    assert all("发展之基" not in s.text for s in result.sentences)
    contest = next(s for s in result.sentences if "10支代表队" in s.text)
    assert contest.section == "发展之基——点燃“红色引擎”，筑牢坚强战斗堡垒"
    assert contest.marker == "【精彩回放】"


def test_markers_are_kept_in_the_text_but_not_in_sentences():
    result = seed()
    assert "【精彩回放】" in result.text
    assert all("【精彩回放】" not in s.text for s in result.sentences)


def test_photo_captions_are_set_aside():
    result = seed()
    assert result.captions == (
        "水上党课引发群众共鸣",
        "“红船映初心、奋楫新时代”主题党日活动",
        "清廉小使者活动",
        "骑士加油站",
        "金平湖广场",
    )
    assert "骑士加油站" not in result.text


def test_full_width_digits_letters_and_spaces_become_half_width():
    assert normalise("２０２２年３月，ＡＢＣ\u3000公司") == "2022年3月，ABC 公司"


def test_chinese_punctuation_stays_full_width_and_ascii_commas_in_chinese_become_full_width():
    assert normalise("去年以来,在党的建设中：“好”") == "去年以来，在党的建设中：“好”"
    assert normalise("1,800 people, 2 days") == "1,800 people, 2 days"


def test_spaces_between_chinese_and_digits_are_dropped():
    facts = extract_facts("全年新增车位 363个。").facts
    assert [f.text for f in facts if f.kind == "quantity"] == ["363个"]


def test_a_pdf_page_with_its_own_layout_is_cleaned(tmp_path):
    from pathlib import Path

    text = (Path(__file__).parent / "articles" / "newspaper_page.txt").read_text(encoding="utf-8")
    result = extract_facts(text, date="2022-12-01")
    assert result.title == "南湖街道：老旧小区改出“新模样”"
    assert result.captions == ("梅园小区新貌", "居民议事会现场")
    assert any(
        s.text
        == "据介绍，梅园小区改造工程于2022年3月开工，总投资约2860万元，涉及住宅楼42幢、居民1186户。"
        for s in result.sentences
    )
    assert {s.section for s in result.sentences} == {"改造之路——从“忍着住”到“抢着住”"}


def test_a_dateline_is_not_part_of_the_first_sentence():
    result = extract_facts(
        "桥梁合龙\n\n本报讯（记者 周涛）昨天上午，大桥主桥顺利合龙，全长4.6公里。"
    )
    assert result.sentences[0].text.startswith("昨天上午")
