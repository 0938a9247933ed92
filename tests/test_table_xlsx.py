"""Excel import: the headers and cell conventions teams use, and errors that name sheet, row and column."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from factquiz.banks import read_bank
from factquiz.cli import app
from factquiz.errors import BankError, InputError
from factquiz.interchange import xlsx
from factquiz.interchange.table import header_key

runner = CliRunner()
SAMPLE = Path(__file__).resolve().parent.parent / "question_banks" / "sample-team.yaml"
CHINESE = ["题型", "题目", "选项A", "选项B", "选项C", "选项D", "正确答案", "解析", "分类", "难度"]


def workbook(path: Path, *sheets: tuple[str, list[list]]) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets:
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(BankError) as info:
        xlsx.import_bank(path)
    return [str(p) for p in info.value.problems]


def test_chinese_headers_type_words_and_answer_styles(tmp_path: Path):
    path = workbook(tmp_path / "题库.xlsx", ("Sheet1", [
        ["平湖城投知识竞赛题库（标题行可以有）"],
        CHINESE,
        ["单选题", "建国路隧道历经（ ）个昼夜？", 519, 591, 600, 365, "b", "591个昼夜", "重点工程", "易"],
        ["多项选择题", "党委情况正确的是（ ）", "9个党支部", "93名党员", "12个党支部", "39名党员", "A、B", "", "党建，组织", 3],
        ["多选", "再来一题（ ）", "甲", "乙", "丙", "丁", "A,C,D", "", "", "难"],
        ["判断题", "水岸交融游线于去年9月22日运营。", None, None, None, None, "√", "", "", ""],
        ["是非题", "共有12支代表队参加。", None, None, None, None, "F", "", "", "中等"],
        ["判断", "共有10支代表队参加。", "正确", "错误", None, None, "A", "", "", ""],
        ["填空题", "提前（ ）天，腾房率（ ）%", None, None, None, None, "80余/80多 ； 98.5±0.1", "", "", "★★★"],
        ["简答题", "简述党建的作用。", None, None, None, None, "生产力、竞争力、凝聚力", "", "", ""],
    ]))  # fmt: skip
    bank = xlsx.import_bank(path)
    got = {q.id: q for q in bank.questions}
    assert list(got) == ["q001", "q002", "q003", "q004", "q005", "q006", "q007", "q008"]
    assert (got["q001"].options, got["q001"].answer_letters, got["q001"].difficulty) == (
        ("519", "591", "600", "365"),
        "B",
        1,
    )
    assert (got["q002"].answer_letters, got["q002"].tags, got["q002"].difficulty) == (
        "AB",
        ("党建", "组织"),
        3,
    )
    assert got["q003"].answer_letters == "ACD"
    assert [got[k].truth for k in ("q004", "q005", "q006")] == [True, False, True]
    assert got["q006"].options == ()
    assert [(b.answers, b.tolerance) for b in got["q007"].blanks] == [
        (("80余", "80多"), None),
        (("98.5",), 0.1),
    ]
    assert got["q007"].difficulty == 3
    assert (got["q008"].type, got["q008"].reference) == ("short", "生产力、竞争力、凝聚力")
    assert bank.title == "题库" and bank.name == "题库"


def test_english_headers(tmp_path: Path):
    path = workbook(tmp_path / "en.xlsx", ("Questions", [
        ["ID", "Type", "Question", "Option A", "Option B", "Option C", "Answer", "Explanation", "Points", "Difficulty", "Tags", "Time limit", "Source"],
        ["t1", "Single choice", "Which tunnel?", "Jianguo Road", "East Lake", "Nanhe", "A", "It is.", 20, "hard", "engineering", "45s", "article"],
        ["t2", "true/false", "The route opened on 22 September.", None, None, None, "True", "", "", "easy", "", "", ""],
    ]))  # fmt: skip
    q1, q2 = xlsx.import_bank(path).questions
    assert (q1.id, q1.type, q1.points, q1.difficulty, q1.time_limit, q1.tags, q1.source) == (
        "t1",
        "single",
        20,
        3,
        45,
        ("engineering",),
        "article",
    )
    assert (q2.type, q2.truth, q2.difficulty) == ("judge", True, 1)


def test_header_words_with_required_marks_and_notes_are_recognised():
    assert [header_key(h) for h in ("*题干", "答案（必填）", "选项 C", "C", "option_d", "标准答案:", "出处", "不打乱", "备注")] == [
        "stem", "answer", "C", "C", "D", "answer", "source", "keep_order", None,
    ]  # fmt: skip


def test_errors_name_sheet_row_and_column_and_are_all_collected(tmp_path: Path):
    path = workbook(tmp_path / "题库.xlsx", ("Sheet1", [
        CHINESE,
        ["单选", "建国路隧道历经（ ）个昼夜？", "519", "591", "600", "365", "E", "", "", ""],
        ["单选", "ok", "a", "b", None, None, "A", "", "", ""],
        ["怪题", "x", "a", "b", None, None, "A", "", "", ""],
        ["单选", "x", "a", None, "c", None, "A", "", "", ""],
        ["判断", "y", None, None, None, None, "maybe", "", "", ""],
        ["单选", "z", "a", "b", None, None, "A", "", "", 7],
    ]))  # fmt: skip
    assert [p.split("题库.xlsx", 1)[1] for p in problems(path)] == [
        "[Sheet1]:2: 正确答案: answer 'E' but only 4 options A–D",
        "[Sheet1]:4: 题型: unknown question type '怪题'; write 单选, 多选, 判断, 填空, 简答, 排序 or 连线",
        "[Sheet1]:5: 选项B: empty, but a later option is filled; fill the options in order from A",
        "[Sheet1]:6: 正确答案: 'maybe' is not true/false; write true or false (对/错)",
        "[Sheet1]:7: 难度: must be 1 (easy), 2 or 3 (hard), got 7",
    ]


def test_merged_cells_in_the_table_are_refused_with_their_range(tmp_path: Path):
    path = workbook(tmp_path / "merged.xlsx", ("Sheet1", [
        ["标题行可以合并"], CHINESE,
        ["单选", "题一", "a", "b", None, None, "A", "", "", ""],
        ["单选", "题二", "a", "b", None, None, "A", "", "", ""],
    ]))  # fmt: skip
    wb = load_workbook(path)
    wb["Sheet1"].merge_cells("A1:F1")  # a title above the header: fine
    wb["Sheet1"].merge_cells("A3:A4")  # one 题型 cell for two rows: not fine
    wb.save(path)
    assert [p.split("merged.xlsx", 1)[1] for p in problems(path)] == [
        "[Sheet1]:3: merged cells A3:A4; unmerge them (开始 → 合并后居中 → 取消单元格合并) and fill in every row"
    ]


def test_missing_required_header_names_it(tmp_path: Path):
    path = workbook(
        tmp_path / "noanswer.xlsx",
        ("Sheet1", [["题型", "题干", "选项A", "选项B"], ["单选", "x", "a", "b"]]),
    )
    assert [p.split("noanswer.xlsx", 1)[1] for p in problems(path)] == [
        "[Sheet1]:1: missing required column 答案; the header row needs 题型、题干 and 答案 (found: 题型、题干、选项A、选项B)"
    ]


def test_a_sheet_without_any_header_row_says_what_the_first_row_must_be(tmp_path: Path):
    path = workbook(tmp_path / "raw.xlsx", ("Sheet1", [["建国路隧道历经几个昼夜？", "591"]]))
    assert [p.split("raw.xlsx", 1)[1] for p in problems(path)] == [
        "[Sheet1]:1: no header row found; the first row must name the columns, e.g. 题型 | 题干 | 选项A | 选项B | 选项C | 选项D | 答案 | 解析"
    ]


def test_sheets_named_by_type_need_no_type_column(tmp_path: Path):
    path = workbook(
        tmp_path / "bytype.xlsx",
        ("单选题", [["题干", "A", "B", "答案"], ["单选一", "a", "b", "B"]]),
        ("判断题", [["题干", "答案"], ["判断一", "对"], ["判断二", "错"]]),
        ("说明", [["这张表是说明，没有表头，跳过"]]),
    )
    bank = xlsx.import_bank(path)
    assert [(q.id, q.type) for q in bank.questions] == [
        ("q001", "single"),
        ("q002", "judge"),
        ("q003", "judge"),
    ]


def test_written_ids_are_kept_and_repeats_reported(tmp_path: Path):
    path = workbook(tmp_path / "ids.xlsx", ("Sheet1", [
        ["编号", "题型", "题干", "答案"],
        ["tunnel", "判断", "一", "对"],
        [None, "判断", "二", "对"],
        ["tunnel", "判断", "三", "错"],
    ]))  # fmt: skip
    assert [p.split("ids.xlsx", 1)[1] for p in problems(path)] == [
        "[Sheet1]:4: 编号: duplicate id 'tunnel' (first on row 2); ids must be unique"
    ]


def test_generated_ids_are_stable_and_skip_written_ones(tmp_path: Path):
    path = workbook(tmp_path / "ids.xlsx", ("Sheet1", [
        ["编号", "题型", "题干", "答案"], ["q002", "判断", "一", "对"], [None, "判断", "二", "对"],
    ]))  # fmt: skip
    assert [q.id for q in xlsx.import_bank(path).questions] == ["q002", "q002-x"]


def test_a_cell_excel_turned_into_a_date_is_explained(tmp_path: Path):
    path = workbook(tmp_path / "date.xlsx", ("Sheet1", [
        ["题型", "题干", "答案"], ["填空", "水岸交融游线于（ ）正式运营。", datetime.datetime(2021, 9, 22)],
    ]))  # fmt: skip
    assert [p.split("date.xlsx", 1)[1] for p in problems(path)] == [
        "[Sheet1]:2: 答案: Excel turned this cell into a date/time (2021-09-22 00:00:00); set the column's format to 文本 (Text) and type it again"
    ]


def test_a_csv_renamed_to_xlsx_is_not_a_traceback(tmp_path: Path):
    path = tmp_path / "fake.xlsx"
    path.write_text("题型,题干,答案\n判断,x,对\n", encoding="utf-8")
    with pytest.raises(
        InputError,
        match=re.escape("not an Excel workbook (.xlsx); a .xls file must be saved as .xlsx first"),
    ):
        xlsx.import_bank(path)


def test_a_fifty_megabyte_workbook_is_refused(tmp_path: Path):
    path = tmp_path / "huge.xlsx"
    with open(path, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(InputError, match="file is 50.0 MB, more than the 20 MB limit"):
        xlsx.import_bank(path)


def test_failed_import_writes_nothing_and_keeps_the_old_output(tmp_path: Path):
    path = workbook(
        tmp_path / "bad.xlsx", ("Sheet1", [["题型", "题干", "答案"], ["判断", "x", "maybe"]])
    )
    out = tmp_path / "bank.yaml"
    out.write_text("old", encoding="utf-8")
    result = runner.invoke(app, ["import", str(path), "-o", str(out)])
    assert result.exit_code == 1
    assert "bad.xlsx[Sheet1]:2: 答案: 'maybe' is not true/false" in result.output
    assert "Traceback" not in result.output
    assert out.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.xlsx", "bank.yaml"]


def test_exported_sheet_is_readable_in_excel(tmp_path: Path):
    out = tmp_path / "sample.xlsx"
    xlsx.export_bank(read_bank(SAMPLE), out)
    wb = load_workbook(out)
    assert wb.sheetnames == ["题库", "题库信息"]
    ws = wb["题库"]
    headers = [c.value for c in ws[1]]
    assert headers[:7] == ["编号", "题型", "题干", "选项A", "选项B", "选项C", "选项D"]
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["C"].width == 50
    assert ws["C2"].alignment.wrap_text
    answer_header = ws.cell(row=1, column=headers.index("答案") + 1)
    assert "多个空用 | 或 ；分隔" in answer_header.comment.text
    assert [ws.cell(row=2, column=i + 1).value for i in range(3)] == [
        "tunnel-days",
        "单选",
        "我市首条城市隧道——建国路隧道历经（ ）个昼夜的艰苦施工后建成通车。",
    ]
    info = {row[0]: row[1] for row in wb["题库信息"].iter_rows(min_row=2, values_only=True)}
    assert info["标题"] == "平湖城投知识竞赛 · 参赛队样例题库" and info["默认分值"] == 10


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path):
    from dataclasses import replace

    bank = read_bank(SAMPLE)
    first = replace(bank.questions[0], stem="=SUM(A1:A2)")
    out = tmp_path / "formula.xlsx"
    xlsx.export_bank(replace(bank, questions=(first,)), out)
    assert load_workbook(out)["题库"]["C2"].data_type == "s"
    assert xlsx.import_bank(out).questions[0].stem == "=SUM(A1:A2)"


def test_a_header_without_questions_is_an_error_not_an_empty_bank(tmp_path: Path):
    path = workbook(tmp_path / "empty.xlsx", ("Sheet1", [["题型", "题干", "答案"]]))
    assert [p.split("empty.xlsx", 1)[1] for p in problems(path)] == [
        "[Sheet1]:1: no questions under the header row; write one question per row"
    ]


def test_a_bad_bank_information_sheet_names_its_row(tmp_path: Path):
    path = workbook(
        tmp_path / "info.xlsx",
        ("题库", [["题型", "题干", "答案"], ["判断", "x", "对"]]),
        (
            "题库信息",
            [["项目", "内容"], ["标题", "我的题库"], ["默认分值", "十"], ["作者", "某队"]],
        ),
    )
    assert [p.split("info.xlsx", 1)[1] for p in problems(path)] == [
        "[题库信息]:3: 默认分值: '十' is not a valid 默认分值",
        "[题库信息]:4: 项目: unknown item '作者'; known: 标题、语言、默认分值、默认时限、默认难度、来源1标题…",
    ]
