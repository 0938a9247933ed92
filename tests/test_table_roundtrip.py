"""bank → xlsx → bank and bank → csv → bank keep every field, for every type."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from factquiz.banks import parse_bank, read_bank
from factquiz.cli import app
from factquiz.interchange import csv_table, xlsx

runner = CliRunner()

FULL_BANK = r"""
format: factquiz/1
title: 全字段题库：每种题型和每个字段
language: zh-CN
sources:
  - {title: 平湖城投：匠心营城背后的“红色密码”, date: 2022-01-15, file: sources/pinghu-chengtou.txt, url: https://example.org/a?b=1}
  - {title: 第二篇文章}
defaults: {points: 5, time_limit: 20, difficulty: 1}
generator: {seed: 7, types: [single, fill], article: pinghu, ratio: 0.5}
questions:
  - id: s1
    type: single
    stem: "=建国路隧道历经（ ）个昼夜，\n提前80余天建成通车。"
    options: ["519", "591", "010", "0.10", 以上都不对, "A|B/C；D±1"]
    answer: B
    shuffle: false
    explanation: "第一行解析\n第二行解析"
    source: 在历经591个昼夜的艰苦施工后，我市首条城市隧道——建国路隧道，最终提前80余天建成通车
    tags: [重点工程, "带、顿号的标签", 'a\b']
    difficulty: 3
    points: 7.5
    time_limit: 45
    generated: true

  - id: m1
    type: multiple
    stem: 截至目前，城投集团党委的情况正确的是（ ）。
    options: [共成立了9个党支部, 现有党员93名, 共成立了12个党支部, 现有党员39名, 五, 六, 七, 八]
    answer: ABH
    tags: [党建]

  - id: j1
    type: judge
    stem: 水岸交融游线于去年9月22日正式运营。
    answer: true
    explanation: 正确。
  - id: j2
    type: judge
    stem: 共有12支代表队参加。
    answer: false
    points: 0

  - id: f1
    type: fill
    stem: 提前（ ）天，腾房率（ ）%，比例是（ ），分隔符（ ）。
    answer:
      - [80余, 80多, 八十余]
      - {accept: ["98.5", "98.50"], tolerance: 0.1}
      - ["1/2", 二分之一]
      - ["a|b；c;d±e\\f"]
  - id: f2
    type: fill
    stem: 数字（ ）
    answer:
      - {accept: ["2.05"], tolerance: 0}

  - id: 简答-1
    type: short
    stem: 简述“党建强则企业兴”在城投集团的体现。
    answer: 党建做实了就是生产力，做强了就是竞争力，做细了就是凝聚力。
    time_limit: 120
  - id: sh2
    type: short
    stem: 没有参考答案的简答题
    generated: false
"""


@pytest.fixture
def full_bank(tmp_path: Path):
    path = tmp_path / "full.yaml"
    path.write_text(FULL_BANK, encoding="utf-8")
    return read_bank(path)


def test_the_full_bank_has_every_type_and_field(full_bank):
    assert {q.type for q in full_bank.questions} == {"single", "multiple", "judge", "fill", "short"}
    assert any(not q.shuffle for q in full_bank.questions)
    assert {q.generated for q in full_bank.questions} == {True, False}
    assert any(b.tolerance is not None for q in full_bank.questions for b in q.blanks)


def test_xlsx_round_trip_keeps_every_field(full_bank, tmp_path: Path):
    out = tmp_path / "full.xlsx"
    assert xlsx.export_bank(full_bank, out) == []
    again = xlsx.import_bank(out)
    assert (
        again == full_bank
    )  # title, language, sources, defaults, generator and every question field
    assert again.questions == full_bank.questions


def test_csv_round_trip_keeps_every_question_field(full_bank, tmp_path: Path):
    out = tmp_path / "full.csv"
    assert csv_table.export_bank(full_bank, out) == []
    again = csv_table.import_bank(out)
    assert again.questions == full_bank.questions
    assert again.title == "full"  # a CSV holds questions only; the title comes from the file name


def test_csv_import_takes_the_most_common_values_as_defaults(full_bank, tmp_path: Path):
    out = tmp_path / "full.csv"
    csv_table.export_bank(full_bank, out)
    again = csv_table.import_bank(out)
    assert (again.defaults.points, again.defaults.time_limit, again.defaults.difficulty) == (
        5,
        20,
        1,
    )


def test_export_is_byte_stable(full_bank, tmp_path: Path):
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    xlsx.export_bank(full_bank, a)
    xlsx.export_bank(full_bank, b)
    assert a.read_bytes() == b.read_bytes()
    assert csv_table.csv_text(full_bank) == csv_table.csv_text(full_bank)


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_cli_export_then_import_gives_back_the_yaml(full_bank, tmp_path: Path, suffix: str):
    table = tmp_path / f"full.{suffix}"
    result = runner.invoke(app, ["export", full_bank.path, "--to", suffix, "-o", str(table)])
    assert result.exit_code == 0, result.output
    out = tmp_path / "back" / "full.yaml"
    result = runner.invoke(app, ["import", str(table), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"wrote {out}: 8 题" in result.output
    assert parse_bank(out.read_text(encoding="utf-8"), str(out)).questions == full_bank.questions


def test_sample_team_bank_round_trips_through_excel(tmp_path: Path):
    sample = read_bank(
        Path(__file__).resolve().parent.parent / "question_banks" / "sample-team.yaml"
    )
    out = tmp_path / "sample-team.xlsx"
    xlsx.export_bank(sample, out)
    assert xlsx.import_bank(out) == sample
