"""CSV export never hands a spreadsheet a live formula, and reads such cells back as written."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from factquiz.interchange import csv_table
from factquiz.model import Bank, Blank, Question

HOSTILE = ['=HYPERLINK("http://example.invalid","点我")', "+1+1", "-2+3", "@SUM(A1:A2)",
           "\t=1+1", "\r=1+1", "'=已带引号", "''+两个引号"]  # fmt: skip


def bank_of_formulas() -> Bank:
    questions = tuple(
        Question(
            id=f"q{n}",
            type="single",
            stem=text if text.strip() else "题干",
            options=(text, "普通选项"),
            correct=(0,),
            explanation=text,
        )
        for n, text in enumerate(HOSTILE, start=1)
    )
    fill = Question(id="minus", type="fill", stem="温度是（ ）度", blanks=(Blank(("-3",)),))
    return Bank(title="t", questions=(*questions, fill))


def test_no_exported_cell_starts_like_a_formula():
    import csv
    import io

    rows = list(csv.reader(io.StringIO(csv_table.csv_text(bank_of_formulas()).lstrip("\ufeff"))))
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(csv_table.FORMULA_STARTS), cell


def test_formula_like_text_reads_back_as_the_original_text(tmp_path: Path):
    path = tmp_path / "f.csv"
    bank = bank_of_formulas()
    csv_table.export_bank(bank, path)
    back = csv_table.import_bank(path)
    assert [q.options[0] for q in back.questions[:-1]] == [t.strip() for t in HOSTILE]
    assert [q.explanation for q in back.questions[:-1]] == [t.strip() for t in HOSTILE]
    assert back.questions[-1].blanks[0].answers == ("-3",)


def test_a_quote_a_team_typed_before_ordinary_text_is_kept(tmp_path: Path):
    path = tmp_path / "q.csv"
    path.write_text("题型,题干,答案\r\n判断,'引号开头的题干,对\r\n", encoding="utf-8")
    assert csv_table.import_bank(path).questions[0].stem == "'引号开头的题干"


@pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice is not installed (apt-get install libreoffice-calc-nogui)",
)
def test_libreoffice_opens_the_csv_with_text_where_formulas_were(tmp_path: Path):
    from openpyxl import load_workbook

    path = tmp_path / "f.csv"
    csv_table.export_bank(bank_of_formulas(), path)
    profile = tmp_path / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
         "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", str(tmp_path), str(path)],
        check=True, capture_output=True, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    sheet = load_workbook(tmp_path / "f.xlsx").active
    header = [c.value for c in sheet[1]]
    option_a = header.index("选项A") + 1
    cells = [sheet.cell(row=r, column=option_a) for r in range(2, 2 + len(HOSTILE))]
    assert [c.data_type for c in cells] == ["s"] * len(HOSTILE)
    assert not any(str(c.value).startswith("=") for c in cells)


def test_words_shift_enter_in_a_cell_reads_as_a_line_break(tmp_path: Path):
    path = tmp_path / "v.csv"
    path.write_text("题型,题干,答案\r\n判断,第一行\x0b第二行,对\r\n", encoding="utf-8")
    assert csv_table.import_bank(path).questions[0].stem == "第一行\n第二行"


def test_another_control_character_in_a_cell_is_named_by_row_and_column(tmp_path: Path):
    from factquiz.interchange import import_questions

    path = tmp_path / "c.csv"
    path.write_text("题型,题干,答案\r\n判断,好题,对\r\n判断,坏\x01题,对\r\n", encoding="utf-8")
    imported = import_questions(path)
    assert len(imported.bank) == 1
    assert [str(p) for p in imported.left_out] == [
        f"{path}:3: 题干: contains U+0001, a control character, at character 2; "
        "replace it with a line break or delete it"
    ]
