"""CSV import: the encodings Excel in China writes, and errors that say which encoding failed."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from factquiz.banks import read_bank
from factquiz.cli import app
from factquiz.errors import BankError, InputError
from factquiz.interchange import csv_table

runner = CliRunner()
SAMPLE = Path(__file__).resolve().parent.parent / "question_banks" / "sample-team.yaml"
TABLE = (
    "题型,题干,选项A,选项B,选项C,选项D,答案,解析,标签\r\n"
    "单选,建国路隧道历经（ ）个昼夜？,519,591,600,365,B,591个昼夜,重点工程\r\n"
    "判断,水岸交融游线于去年9月22日正式运营。,,,,,对,,文旅\r\n"
    '填空,"提前（ ）天，\n腾房率（ ）%",,,,,80余/80多|98.5±0.1,,\r\n'
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_utf8_with_or_without_bom_and_gb18030_read_the_same(tmp_path: Path, encoding: str):
    path = tmp_path / "题库.csv"
    path.write_bytes(TABLE.encode(encoding))
    bank = csv_table.import_bank(path)
    assert [q.type for q in bank.questions] == ["single", "judge", "fill"]
    assert bank.questions[0].stem == "建国路隧道历经（ ）个昼夜？"
    assert bank.questions[2].stem == "提前（ ）天，\n腾房率（ ）%"


def test_gb18030_is_reported_as_what_was_read():
    assert csv_table.decode("题型".encode("gb18030"), "x.csv") == ("题型", "GB18030")
    assert csv_table.decode("\ufeff题型".encode(), "x.csv") == ("题型", "UTF-8")


def test_a_file_in_neither_encoding_says_which_failed(tmp_path: Path):
    path = tmp_path / "latin.csv"
    path.write_bytes("题型,题干\n".encode() + b"\xff\x80\xfe\n")
    with pytest.raises(InputError) as info:
        csv_table.import_bank(path)
    assert str(info.value) == (
        f"{path}: not UTF-8 (bad byte at offset 14, line 2) and not GB18030 (bad byte at offset 14); "
        "save the file as “CSV UTF-8 (逗号分隔)”"
    )


def test_utf16_unicode_text_is_explained(tmp_path: Path):
    path = tmp_path / "unicode.csv"
    path.write_bytes(TABLE.encode("utf-16"))
    with pytest.raises(InputError, match="file is UTF-16"):
        csv_table.import_bank(path)


def test_tab_separated_text_is_read(tmp_path: Path):
    path = tmp_path / "tabs.csv"
    path.write_text("题型\t题干\t答案\n判断\t逗号，和,逗号\t错\n", encoding="utf-8")
    (q,) = csv_table.import_bank(path).questions
    assert (q.stem, q.truth) == ("逗号，和,逗号", False)


def test_rows_are_counted_as_records_so_errors_match_excel(tmp_path: Path):
    path = tmp_path / "rows.csv"
    path.write_text('题型,题干,答案\n判断,"两行\n的题干",对\n判断,第三行,maybe\n', encoding="utf-8")
    with pytest.raises(BankError) as info:
        csv_table.import_bank(path)
    assert [str(p) for p in info.value.problems] == [
        f"{path}:3: 答案: 'maybe' is not true/false; write true or false (对/错)"
    ]


def test_missing_header_column_in_csv(tmp_path: Path):
    path = tmp_path / "noanswer.csv"
    path.write_text("题型,题干\n判断,x\n", encoding="utf-8")
    with pytest.raises(BankError, match="missing required column 答案"):
        csv_table.import_bank(path)


def test_a_fifty_megabyte_csv_is_refused(tmp_path: Path):
    path = tmp_path / "huge.csv"
    with open(path, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(InputError, match="file is 50.0 MB, more than the 20 MB limit"):
        csv_table.import_bank(path)


def test_export_is_utf8_with_bom_and_a_chinese_header(tmp_path: Path):
    out = tmp_path / "sample.csv"
    result = runner.invoke(app, ["export", str(SAMPLE), "--to", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert raw.startswith("\ufeff编号,题型,题干,选项A".encode())
    assert "relocation-rate,填空," in raw.decode("utf-8-sig")
    assert "10/十 | 98.5±0.1" in raw.decode("utf-8-sig")


def test_cli_import_of_a_gb18030_csv_writes_a_valid_bank(tmp_path: Path):
    path = tmp_path / "队伍题库.csv"
    path.write_bytes(TABLE.encode("gb18030"))
    out = tmp_path / "team.yaml"
    result = runner.invoke(app, ["import", str(path), "-o", str(out), "--title", "队伍题库"])
    assert result.exit_code == 0, result.output
    bank = read_bank(out)
    assert (bank.title, len(bank)) == ("队伍题库", 3)
    assert out.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=factquiz-bank.schema.json\n"
    )
