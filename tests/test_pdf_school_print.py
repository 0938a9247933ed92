"""Papers as a Chinese school prints them: no silent missing glyphs, 密封线, 得分/评卷人, duplex, the key's emphasis."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pdf_fixtures.helpers import (
    ALL_TYPES,
    embedded_font_files,
    flat,
    numbered_singles,
    one_of_each,
    page_texts,
    pdf_text,
    single,
    text_positions,
)
from pypdf import PdfReader
from typer.testing import CliRunner

from factquiz.cli import app
from factquiz.model import Blank, Question
from factquiz.render import PaperOptions, find_font, render_papers
from factquiz.render import glyphs as glyph_module
from factquiz.render.blocks import question_flowables, short_answer_lines
from factquiz.render.styles import CONTENT_WIDTH, Lines, make_styles
from factquiz.render.text import CJKParagraph

runner = CliRunner()
WQY = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
HANAMIN = Path("/usr/share/fonts/truetype/hanazono/HanaMinA.ttf")


def content(path: Path) -> str:
    """All page content streams of a PDF, decoded."""
    return "\n".join(
        page.get_contents().get_data().decode("latin-1") for page in PdfReader(str(path)).pages
    )


def texts_with_sizes(path: Path) -> list[tuple[str, float]]:
    found: list[tuple[str, float]] = []
    for page in PdfReader(str(path)).pages:

        def visit(text, cm, tm, font_dict, font_size):
            if text.strip():
                found.append((text, font_size * abs(tm[0] or 1) * abs(cm[0] or 1)))

        page.extract_text(visitor_text=visit)
    return found


def fill(qid: str, stem: str, *answers: str, **kw) -> Question:
    return Question(
        id=qid, type="fill", stem=stem, blanks=tuple(Blank((a,)) for a in answers), **kw
    )


# --- characters that would vanish -------------------------------------------------


@pytest.mark.skipif(not WQY.is_file() or not DEJAVU.is_file(), reason="CI installs both fonts")
def test_celsius_has_no_outline_in_wenquanyi_and_prints_in_a_fallback_font(tmp_path):
    body = find_font(str(WQY))
    assert ord("℃") in body_cmap(body) and ord("℃") not in glyph_module.covered(body.name)
    questions = [fill("t", "当天最高气温达到（ ）℃。", "38", source="最高气温38℃")]
    render_papers(questions, PaperOptions(title="气温", font=str(WQY)), tmp_path)
    for name in ("paper.pdf", "key.pdf"):
        assert "℃" in pdf_text(tmp_path / name)
        fonts = embedded_font_files(tmp_path / name)
        drawn_by = [f for f in fonts if "WenQuanYi" not in f]
        assert drawn_by and all(fonts[f] for f in drawn_by), fonts  # the fallback is embedded too


def body_cmap(choice) -> set[int]:
    from reportlab.pdfbase import pdfmetrics

    return set(pdfmetrics.getFont(choice.name).face.charToGlyph)


@pytest.mark.skipif(not HANAMIN.is_file(), reason="CI installs fonts-hanazono")
def test_extension_b_characters_print_with_a_font_that_has_them(tmp_path):
    stem = "古籍中的“𠀀”字和“𠮷”字怎么读？（ ）"
    render_papers([single("b", stem, ("甲", "乙"))], PaperOptions(title="生僻字"), tmp_path)
    text = pdf_text(tmp_path / "paper.pdf")
    assert "𠀀" in text and "𠮷" in text
    assert any("HanaMin" in f for f in embedded_font_files(tmp_path / "paper.pdf"))


def test_a_character_no_font_has_stops_with_the_question_field_and_character(tmp_path):
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        "format: factquiz/1\ntitle: 缺字\nquestions:\n"
        "  - id: ok\n    type: judge\n    stem: 这道题没有问题。\n    answer: true\n"
        "  - id: lost\n    type: judge\n    stem: 私用区字符\U0010fffd印不出来。\n    answer: false\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["pdf", str(bank), "-o", str(tmp_path / "out")])
    assert result.exit_code != 0
    lines = [x for x in result.output.splitlines() if x.strip()]
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    assert re.match(
        rf"error: {re.escape(str(bank))}:8: stem: 题目 bank/lost 的字符 .（U\+10FFFD） ?无法用字体 ",
        lines[0],
    )
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_no_unembedded_helvetica_in_any_file(tmp_path):
    render_papers(
        one_of_each(),
        PaperOptions(
            title="字体",
            versions=("A",),
            cards=True,
            scoresheet=("一队", "二队"),
            answer_sheet=True,
        ),
        tmp_path,
    )
    for path in tmp_path.glob("*.pdf"):
        fonts = embedded_font_files(path)
        assert fonts and all(fonts.values()), (path.name, fonts)
        assert not any("Helvetica" in f for f in fonts), path.name


# --- blanks, answer space ------------------------------------------------------------


def test_adjacent_blanks_are_separate_lines_numbered_in_stem_order(tmp_path):
    questions = [fill("f", "平湖的简称是（ ）（ ），位于（ ）。", "当", "湖", "嘉兴")]
    render_papers(questions, PaperOptions(title="相邻空"), tmp_path)
    line = next(x for x in pdf_text(tmp_path / "paper.pdf").splitlines() if "平湖的简称是" in x)
    assert re.search(r"简称是①＿{6,}\s*②＿{6,}，位于③＿{6,}。", line), line
    key = pdf_text(tmp_path / "key.pdf")
    assert "①当；②湖；③嘉兴" in key


def test_fill_lines_of_a_section_are_equally_long_whatever_the_answer(tmp_path):
    questions = [fill("a", "短答案（ ）。", "一"), fill("b", "长答案（ ）。", "中华人民共和国")]
    render_papers(questions, PaperOptions(title="等长"), tmp_path)
    text = pdf_text(tmp_path / "paper.pdf")
    lengths = {len(m) for m in re.findall(r"＿+", text)}
    assert len(lengths) == 1


def test_answer_space_of_a_short_question_follows_its_points_not_its_answer():
    styles = make_styles(find_font().name)

    def lines(reference: str, points: int) -> int:
        q = Question(id="s", type="short", stem="简述。", reference=reference, points=points)
        return next(
            f.count
            for f in question_flowables(1, q, styles, CONTENT_WIDTH, True)
            if isinstance(f, Lines)
        )

    assert lines("短。", 10) == lines("很长的参考答案" * 20, 10)
    assert lines("短。", 20) > lines("短。", 4)
    assert short_answer_lines(Question(id="s", type="short", stem="x", points=10)) == 6


# --- text setting ------------------------------------------------------------------


def test_long_title_breaks_into_two_balanced_lines(tmp_path):
    title = "平湖城投集团2022年度“我为群众办实事”党史学习教育暨庆祝建党一百周年知识竞赛初赛试卷"
    render_papers(one_of_each(), PaperOptions(title=title), tmp_path)
    first, second = pdf_text(tmp_path / "paper.pdf").splitlines()[:2]
    assert flat(first + second) == flat(title)
    assert min(len(first), len(second)) >= len(title) / 3, (first, second)


def test_footer_drops_a_bracketed_part_whole_rather_than_cutting_inside_it(tmp_path):
    title = "平湖城投集团党史学习教育知识竞赛（初赛·第一轮·2022年1月）"
    render_papers(one_of_each(), PaperOptions(title=title), tmp_path)
    footer = pdf_text(tmp_path / "paper.pdf").splitlines()
    cut = [x for x in footer if x.endswith("…")]
    assert cut and all("（" not in x or "）" in x for x in cut), cut


def test_no_paragraph_ends_on_a_line_of_one_character():
    styles = make_styles(find_font().name)
    text = "城投集团党委下设9个党支部，现有党员93名，其中在职党员78名，离退休党员15名，是一支能打硬仗的队伍和战士。"
    for width in range(120, 400, 3):
        para = CJKParagraph(text, styles.body)
        para.wrap(width, 1000)
        lines = para.blPara.lines
        if len(lines) > 1:
            last = "".join(w.text for w in lines[-1].words)
            assert len(re.sub(r"[，。、；：？！”’）》]", "", last)) >= 2, (width, last)


def test_body_text_is_justified_by_spreading_characters(tmp_path):
    stem = (
        "在历经591个昼夜的艰苦施工后，我市首条城市隧道——建国路隧道，最终提前80余天建成通车，这条隧道全长多少米？（ ）"
        * 2
    )
    render_papers(
        [single("j", stem, ("1", "2"))], PaperOptions(title="两端对齐", key=False), tmp_path
    )
    spacing = [float(x) for x in re.findall(r"([-\d.]+) Tc", content(tmp_path / "paper.pdf"))]
    assert any(x > 0 for x in spacing)


# --- conventions -----------------------------------------------------------------------


def test_binding_strip_carries_the_candidate_fields_asked_for(tmp_path):
    result = runner.invoke(
        app,
        ["pdf", str(ALL_TYPES), "-o", str(tmp_path), "--no-key", "--fields", "学校,班级,姓名,考号"],
    )
    assert result.exit_code == 0, result.output
    pages = page_texts(tmp_path / "paper.pdf")
    for name in ("学校：", "班级：", "姓名：", "考号："):
        assert name in pages[0]
    assert "密\u3000封\u3000线" in pages[0] and "密\u3000封\u3000线" in pages[1]
    assert "学校：" not in pages[1]


def upright_text_left_edges(path: Path) -> list[float]:
    """The leftmost x of the text set upright (not the turned 密封线 words) on each page."""
    edges: list[float] = []
    for page in PdfReader(str(path)).pages:
        xs: list[float] = []

        def visit(text, cm, tm, font_dict, font_size, xs=xs):
            upright = abs(cm[1]) < 1e-6 and abs(tm[1]) < 1e-6
            if text.strip() and upright:
                xs.append(cm[4] + tm[4] * cm[0])

        page.extract_text(visitor_text=visit)
        edges.append(min(xs))
    return edges


def test_text_keeps_clear_of_the_binding_strip_on_every_page(tmp_path):
    from factquiz.render.styles import MARGIN_BINDING, MARGIN_OUTER

    render_papers(numbered_singles(60), PaperOptions(title="密封线", key=False), tmp_path)
    edges = upright_text_left_edges(tmp_path / "paper.pdf")
    assert len(edges) >= 4
    for number, left in enumerate(edges, 1):
        if number % 2:  # a front side: the strip is on the left, the text block right of it
            assert left >= MARGIN_BINDING - 0.5, (number, left)
        else:  # a back side: the strip is on the right, the block moves to the outer margin
            assert MARGIN_OUTER - 0.5 <= left < MARGIN_BINDING - 1, (number, left)


def test_without_binding_the_fields_are_boxes_under_the_title(tmp_path):
    render_papers(
        one_of_each(),
        PaperOptions(title="无密封线", binding=False, fields=("单位", "姓名")),
        tmp_path,
    )
    text = pdf_text(tmp_path / "paper.pdf")
    assert "密\u3000封" not in text and "单位" in text and "姓名" in text and "考号" not in text


def test_every_section_has_a_score_box_and_the_score_table_a_marker_row(tmp_path):
    render_papers(one_of_each(), PaperOptions(title="评卷"), tmp_path)
    text = flat(pdf_text(tmp_path / "paper.pdf"))
    assert text.count("得分评卷人") == 5 + 1  # one per section, and the score table's rows
    assert "总分满分" in text and "评卷人" in text.split("注意事项")[0]
    render_papers(one_of_each(), PaperOptions(title="评卷", score_boxes=False), tmp_path / "plain")
    assert flat(pdf_text(tmp_path / "plain" / "paper.pdf")).count("得分评卷人") == 1


def test_time_and_full_marks_under_the_title_and_options_with_fullwidth_stop(tmp_path):
    render_papers(one_of_each(), PaperOptions(title="卷首", minutes=90), tmp_path)
    text = pdf_text(tmp_path / "paper.pdf")
    assert re.search(r"考试时间：90分钟\s+满分：\d+分", text)
    assert "A．519" in flat(text) and "A. 519" not in text


def test_combined_pads_each_version_to_start_on_a_front_side(tmp_path):
    render_papers(
        numbered_singles(12),
        PaperOptions(title="双面", versions=("A", "B", "C"), combined=True),
        tmp_path,
    )
    pages = page_texts(tmp_path / "papers.pdf")
    firsts = [i for i, text in enumerate(pages) if re.search(r"第 1 页\s+共 \d+ 页", text)]
    assert len(firsts) == 3 and all(i % 2 == 0 for i in firsts), firsts
    assert any("本页无试题" in text for text in pages)
    render_papers(
        numbered_singles(12),
        PaperOptions(title="单面", versions=("A", "B"), combined=True, duplex=False),
        tmp_path / "simplex",
    )
    assert not any("本页无试题" in t for t in page_texts(tmp_path / "simplex" / "papers.pdf"))


def test_combined_help_says_it_pads_for_duplex():
    result = runner.invoke(app, ["pdf", "--help"], terminal_width=200)
    assert "空白页" in result.output and "AA" in result.output


# --- the key -------------------------------------------------------------------------


def test_key_answers_stand_out_and_quick_answers_cover_fills(tmp_path):
    questions = one_of_each() + [fill("f2", "面积（ ）平方米，用时（ ）天。", "1200", "10")]
    render_papers(questions, PaperOptions(title="答案", paper=False), tmp_path)
    text = pdf_text(tmp_path / "key.pdf")
    quick = flat(text.split("一、")[0])
    assert "1–3BAB×" in quick or "1–3BAB" in quick
    assert "4．136" in quick and "5．①1200②10" in quick
    stream = content(tmp_path / "key.pdf")
    assert "2 Tr" in stream and ".627451 0 0 rg" in stream  # bold and dark red


# --- host cards ----------------------------------------------------------------------


def test_a_long_card_keeps_readable_type_and_runs_onto_the_next_card(tmp_path):
    stem = (
        "请结合材料谈谈你的理解："
        + "在历经591个昼夜的艰苦施工后，我市首条城市隧道——建国路隧道最终提前80余天建成通车。" * 12
    )
    q = Question(id="long", type="short", stem=stem, reference="党建做实了就是生产力。" * 10)
    render_papers([q], PaperOptions(title="长题卡", paper=False, key=False, cards=True), tmp_path)
    reader = PdfReader(str(tmp_path / "cards.pdf"))
    sizes = [size for _, size in texts_with_sizes(tmp_path / "cards.pdf")]
    assert min(sizes) >= 8  # footer and source lines
    assert len(reader.pages) == 1 and max(sizes) >= 12  # the stem: never shrunk below MIN_SCALE
    stem_sizes = [s for t, s in texts_with_sizes(tmp_path / "cards.pdf") if "隧道" in t]
    assert stem_sizes and min(stem_sizes) >= 12
    text = "".join(p.extract_text() for p in reader.pages)
    assert "党建做实了就是生产力" in text


def test_a_card_that_runs_onto_the_next_card_is_marked_continued_there(tmp_path):
    stem = (
        "请结合材料谈谈你的理解：" + "建国路隧道历经591个昼夜的艰苦施工后提前80余天建成通车。" * 24
    )
    long = Question(id="long", type="short", stem=stem, reference="党建做实了就是生产力。" * 10)
    short = Question(id="short", type="judge", stem="共有10支代表队参加竞赛。", truth=True)
    options = PaperOptions(title="续卡", paper=False, key=False, cards=True)
    render_papers([long, short], options, tmp_path)
    half = 842 / 2
    spots = text_positions(tmp_path / "cards.pdf")
    top_card = flat("".join(t for t, _, y in spots if y > half))
    second_card = flat("".join(t for t, _, y in spots if 0 < y < half))
    assert "第1题" in top_card and "续" not in top_card
    assert second_card.startswith("第1题（续）"), second_card[:20]
    assert "第2题" in flat(pdf_text(tmp_path / "cards.pdf")) and "第2题（续）" not in flat(
        pdf_text(tmp_path / "cards.pdf")
    )


# --- answer sheet ---------------------------------------------------------------------


def print_sheets(folder: Path, versions: str):
    """`factquiz pdf` of the all-types bank with answer sheets for ``versions`` (no keys)."""
    args = ["pdf", str(ALL_TYPES), "-o", str(folder), "--versions", versions, "--answer-sheet"]
    return runner.invoke(app, [*args, "--no-key"])


def test_answer_sheet_has_a_page_per_version_with_bubbles_boxes_and_corner_marks(tmp_path):
    result = print_sheets(tmp_path, "A,B")
    assert result.exit_code == 0, result.output
    assert "4 个 PDF" in result.output  # two papers, two answer sheets (not their .json layouts)
    for label in "AB":
        pages = page_texts(tmp_path / f"answer-sheet-{label}.pdf")
        assert (
            len(pages) == 1
            and "答题卡" in pages[0]
            and f"{label}卷" in pages[0]
            and "考号" in pages[0]
        )
        layout = json.loads((tmp_path / f"answer-sheet-{label}.json").read_text(encoding="utf-8"))
        marks = layout["marks"]
        assert sum(m["kind"] == "corner" for m in marks) == 4
        assert sum(m["kind"] == "digit" for m in marks) == 80  # 8 digits × 0–9
        bubbles = [m for m in marks if m["kind"] == "bubble"]
        assert {m["question"] for m in bubbles} == set(range(1, 9))  # 4 single, 2 multiple, 2 judge
        boxes = [m for m in marks if m["kind"] == "box" and m["question"]]
        assert {m["question"] for m in boxes} == {9, 10, 11}


def ink_inside(pdf: Path, marks: list[dict], folder: Path) -> list[float]:
    """How dark (0 white … 1 black) the middle of each mark prints, read from the page rendered by poppler."""
    from PIL import Image, ImageStat

    subprocess.run(["pdftoppm", "-r", "144", "-gray", "-png", "-singlefile", str(pdf), str(folder / "sheet")],
                   check=True)  # fmt: skip
    image = Image.open(folder / "sheet.png").convert("L")
    scale = 144 / 72
    height = image.height / scale
    darkness = []
    for m in marks:
        box = (
            round((m["x"] + m["width"] * 0.2) * scale),
            round((height - m["y"] - m["height"] * 0.8) * scale),
            round((m["x"] + m["width"] * 0.8) * scale),
            round((height - m["y"] - m["height"] * 0.2) * scale),
        )
        darkness.append(1 - ImageStat.Stat(image.crop(box)).mean[0] / 255)
    return darkness


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils renders the sheet")
@pytest.mark.parametrize(
    ("versions", "sheet", "filled"),
    [("A,B", "B", ["B"]), ("12", "L", ["1:1", "2:2"])],  # L is the 12th version
)
def test_each_answer_sheet_comes_with_its_own_version_bubbled(tmp_path, versions, sheet, filled):
    result = print_sheets(tmp_path, versions)
    assert result.exit_code == 0, result.output
    layout = json.loads((tmp_path / f"answer-sheet-{sheet}.json").read_text(encoding="utf-8"))
    kinds = [m for m in layout["marks"] if m["kind"] == "version"]
    assert [m["value"] for m in kinds if m["filled"]] == filled
    ink = ink_inside(tmp_path / f"answer-sheet-{sheet}.pdf", kinds, tmp_path)
    printed = [m["value"] for m, dark in zip(kinds, ink, strict=True) if dark > 0.8]
    assert printed == filled and all(dark < 0.3 for dark in ink if dark <= 0.8), ink


def test_answer_sheet_bubbles_do_not_overlap():
    from factquiz.render.answer_sheet import sheet_layout
    from factquiz.render.layout import plan_version

    version = plan_version(numbered_singles(40) + one_of_each(), "A", 1)
    marks = [m for m in sheet_layout(version, 700) if m.kind in ("bubble", "digit", "box")]
    for i, a in enumerate(marks):
        assert a.y > 20
        for b in marks[i + 1 :]:
            apart = a.x + a.width <= b.x + 0.01 or b.x + b.width <= a.x + 0.01
            apart = apart or a.y + a.height <= b.y + 0.01 or b.y + b.height <= a.y + 0.01
            assert apart, (a, b)


# --- config -----------------------------------------------------------------------------


def test_config_file_sets_the_paper_and_flags_win(tmp_path):
    config = tmp_path / "paper.yaml"
    config.write_text("minutes: 90\nfields: [学校, 姓名]\nsubtitle: 初赛\n", encoding="utf-8")
    result = runner.invoke(
        app,
        [
            "pdf",
            str(ALL_TYPES),
            "-o",
            str(tmp_path / "out"),
            "--no-key",
            "--config",
            str(config),
            "--minutes",
            "45",
        ],
    )
    assert result.exit_code == 0, result.output
    text = pdf_text(tmp_path / "out" / "paper.pdf")
    assert "考试时间：45分钟" in text and "学校：" in text and "初赛" in text and "考号" not in text


def test_config_file_errors_name_the_line(tmp_path):
    config = tmp_path / "paper.yaml"
    config.write_text("minutes: 90\nbinding: 是\n", encoding="utf-8")
    result = runner.invoke(
        app, ["pdf", str(ALL_TYPES), "-o", str(tmp_path / "out"), "--config", str(config)]
    )
    assert result.exit_code != 0
    assert (
        result.output.startswith(f"error: {config}:2: binding: ")
        and "Traceback" not in result.output
    )


# --- all cores ---------------------------------------------------------------------------


def test_the_files_do_not_depend_on_the_number_of_workers(tmp_path):
    questions = numbered_singles(6) + one_of_each()
    digests = []
    for workers in (1, 2, 3):
        out = tmp_path / str(workers)
        options = PaperOptions(title="多核", versions=("A", "B", "C"), seed=2, workers=workers)
        paths = render_papers(questions, options, out)
        assert [p.name for p in paths] == [f"{k}-{v}.pdf" for k in ("paper", "key") for v in "ABC"]
        digests.append([p.read_bytes() for p in paths])
    assert digests[0] == digests[1] == digests[2]


def test_versions_share_one_font_subset_so_it_is_built_once(tmp_path, monkeypatch):
    from reportlab.pdfbase import pdfmetrics

    font = find_font()
    face = pdfmetrics.getFont(font.name).face
    built = []
    original = face.makeSubset

    def counting(subset):
        built.append(tuple(subset))
        return original(subset)

    monkeypatch.setattr(face, "makeSubset", counting)
    render_papers(
        numbered_singles(8),
        PaperOptions(title="子集", versions=("A", "B", "C"), key=False, workers=1),
        tmp_path,
    )
    assert len(built) >= 3 and len(set(built)) < len(
        built
    )  # the versions asked for the same subsets


def test_a_last_page_that_would_hold_one_question_is_saved_by_setting_the_paper_closer(tmp_path):
    # 15 such questions fill one page and spill their last onto a second at the usual spacing
    from factquiz.render import papers

    render_papers(numbered_singles(15), PaperOptions(title="满页", key=False), tmp_path)
    pages = page_texts(tmp_path / "paper.pdf")
    assert len(pages) == 1 and "15." in pages[0]
    assert not list(tmp_path.glob("*.closer.pdf"))
    spread = tmp_path / "spread"
    original = papers.SPARE_LAST_PAGE
    try:
        papers.SPARE_LAST_PAGE = -1  # never set closer
        render_papers(numbered_singles(15), PaperOptions(title="满页", key=False), spread)
    finally:
        papers.SPARE_LAST_PAGE = original
    assert len(page_texts(spread / "paper.pdf")) == 2
