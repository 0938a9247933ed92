"""Lint: each rule fires on the mistake it names, and stays quiet on a good bank."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from typer.testing import CliRunner

from factquiz.banks import read_bank
from factquiz.banks.lint import RULES, format_finding, lint_banks
from factquiz.banks.similar import find_similar
from factquiz.banks.textnorm import appears_in, count_blanks, normalise
from factquiz.cli import app
from factquiz.model import Bank, Blank, Question

runner = CliRunner()
SAMPLE = Path(__file__).resolve().parent.parent / "question_banks" / "sample-team.yaml"


def choice(
    qid: str = "q1", options=("519", "591", "600", "365"), correct=(1,), **fields
) -> Question:
    fields.setdefault("explanation", "解析。")
    kind = "multiple" if len(correct) > 1 else "single"
    return Question(id=qid, type=fields.pop("type", kind), stem=fields.pop("stem", "建国路隧道历经（ ）个昼夜？"),
                    options=tuple(options), correct=tuple(correct), line=fields.pop("line", 4), bank="t", **fields)  # fmt: skip


def fill(stem: str, *answers: str, **fields) -> Question:
    fields.setdefault("explanation", "解析。")
    return Question(
        id="f1",
        type="fill",
        stem=stem,
        blanks=tuple(Blank((a,)) for a in answers),
        line=9,
        bank="t",
        **fields,
    )


def rules_of(*questions: Question) -> list[str]:
    return [
        f.rule for f in lint_banks([Bank(title="t", questions=questions, name="t", path="t.yaml")])
    ]


def test_the_sample_team_bank_is_clean():
    assert lint_banks([read_bank(SAMPLE)]) == []


def test_every_rule_has_an_id_a_severity_and_a_reason():
    for rule in RULES.values():
        assert rule.id.startswith("FQ1") and rule.severity in ("error", "warning") and rule.reason


def test_single_choice_without_exactly_one_correct_option():
    assert rules_of(choice(correct=(), type="single")) == ["FQ101"]


def test_multiple_choice_with_one_correct_option():
    assert rules_of(choice(correct=(2,), type="multiple")) == ["FQ102"]


def test_duplicate_options_after_width_space_and_punctuation():
    findings = lint_banks(
        [
            Bank(
                title="t",
                questions=(choice(options=("５９１个", "591 个。", "600", "365"), correct=(2,)),),
                path="t.yaml",
            )
        ]
    )
    assert [format_finding(f) for f in findings] == [
        "t.yaml:4: [FQ103] options A “５９１个” and B “591 个。” are the same after ignoring width, spaces and punctuation; make them different"
    ]


def test_decimal_points_keep_numbers_apart():
    assert rules_of(choice(options=("2.05", "205", "20.5", "0.205"), correct=(0,))) == []


def test_symbol_only_options_stay_distinct():
    assert rules_of(choice(options=("√", "×", "○"), correct=(0,))) == []


def test_length_tell_when_the_correct_option_is_much_longer():
    long = choice(
        options=("开辟城市红色景观线并规划红色旅游路线图", "新建机场", "修建高铁", "扩建港口"),
        correct=(0,),
    )
    assert rules_of(long) == ["FQ106"]
    assert rules_of(choice(options=("12", "9", "8", "7"), correct=(0,))) == []


def test_letter_positions_piled_on_one_letter():
    questions = tuple(
        choice(qid=f"q{i}", stem=f"第{i}个问题的题干各不相同{i * 7919}？", correct=(0,), line=i)
        for i in range(24)
    )
    findings = lint_banks([Bank(title="t", questions=questions, name="t", path="t.yaml")])
    balance = [f for f in findings if f.rule == "FQ107"]
    assert [format_finding(f) for f in balance] == [
        "t.yaml: [FQ107] correct answers of 24 single-choice questions are unbalanced: A 24，B 0，C 0，D 0 "
        "(about A 6，B 6，C 6，D 6 expected); move some answers to other letters"
    ]


def test_letter_balance_is_not_judged_on_a_few_questions():
    questions = tuple(
        choice(qid=f"q{i}", stem=f"不同的题干{i * 104729}？", correct=(0,)) for i in range(10)
    )
    assert "FQ107" not in rules_of(*questions)


def test_fill_blanks_must_match_answers():
    assert rules_of(fill("历经（ ）个昼夜，提前（ ）天。", "591")) == ["FQ108"]
    assert rules_of(fill("历经____个昼夜，提前( )天。", "591", "80余")) == []


def test_fill_without_a_blank_mark_is_a_warning():
    assert rules_of(fill("建国路隧道历经多少个昼夜？", "591")) == ["FQ109"]


def test_generated_answer_must_be_in_the_source():
    source = "在历经591个昼夜的艰苦施工后，我市首条城市隧道——建国路隧道，最终提前80余天建成通车"
    good = choice(generated=True, source=source)
    wrong = choice(generated=True, source=source, correct=(2,))
    assert rules_of(good) == []
    findings = lint_banks([Bank(title="t", questions=(wrong,), path="t.yaml")])
    assert [f.rule for f in findings] == ["FQ110"]
    assert "option C “600” is not in the source sentence" in findings[0].message


def test_generated_question_without_source():
    assert rules_of(choice(generated=True)) == ["FQ111"]


def test_answers_are_found_in_sources_leniently_but_not_inside_other_numbers():
    assert appears_in("20500", "先行实施区域约2.05万平方米的建设内容")
    assert appears_in("2.05万", "约2.05万平方米")
    assert appears_in("９８．５", "腾房率就达到了98.5%")
    assert appears_in("建国路 隧道", "我市首条城市隧道——建国路隧道")
    assert appears_in("80余天", "最终提前80余天建成通车")
    assert not appears_in("59", "历经591个昼夜")
    assert not appears_in("59个", "历经591个昼夜")
    assert not appears_in("98", "腾房率就达到了98.5%")


def test_empty_explanation_is_a_warning():
    assert rules_of(choice(explanation="")) == ["FQ112"]


def test_order_dependent_option_needs_shuffle_false():
    options = ("开辟景观线", "规划路线图", "推出体验项目", "以上都对")
    assert rules_of(choice(options=options, correct=(3,))) == ["FQ113"]
    assert rules_of(choice(options=options, correct=(3,), shuffle=False)) == []


def test_option_starting_with_its_own_letter():
    assert rules_of(choice(options=("A. 519", "B. 591", "C. 600", "D. 365"))) == ["FQ114"] * 4


def test_exact_and_near_duplicates_across_banks_name_the_first():
    first = choice(
        qid="a", stem="我市首条城市隧道——建国路隧道历经（ ）个昼夜的艰苦施工后建成通车。", line=5
    )
    same = replace(
        first, id="b", options=tuple(reversed(first.options)), correct=(2,), bank="other", line=7
    )
    near = replace(
        first,
        id="c",
        stem="我市首条城市隧道——建国路隧道历经了（ ）个昼夜的艰苦施工后建成通车。",
        bank="other",
        line=12,
    )
    banks = [
        Bank(title="一", questions=(first,), name="t", path="one.yaml"),
        Bank(title="二", questions=(same, near), name="other", path="two.yaml"),
    ]
    lines = [format_finding(f) for f in lint_banks(banks)]
    assert lines == [
        "two.yaml:7: [FQ104] same question as t/a (one.yaml:5); remove one",
        "two.yaml:12: [FQ105] 90% like t/a (one.yaml:5); remove one or make them ask different things",
    ]


def test_near_duplicates_differing_at_the_start_are_found():
    base = "钱家村搬迁项目涉及农户136户，仅用10天时间，腾房率就达到了多少？"
    questions = [fill("当湖街道" + base, "98.5"), fill("请问" + base, "98.5")]
    assert [(m.earlier, m.later) for m in find_similar(questions)] == [(0, 1)]


def test_different_questions_are_not_duplicates():
    a = choice(qid="a", stem="建国路隧道历经（ ）个昼夜的艰苦施工后建成通车？")
    b = choice(qid="b", stem="钱家村搬迁项目涉及农户（ ）户？", options=("136", "163", "98", "316"))
    assert find_similar([a, b]) == []


def test_normalise_folds_width_case_and_punctuation():
    assert normalise("ＡＢＣ，（建国路）隧道 ") == normalise("abc(建国路)隧道")
    assert count_blanks("历经（ ）个，提前(  )天，共____人，＿＿＿户") == 4


# ---------------------------------------------------------------- the command


def write_bank(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text("format: factquiz/1\ntitle: 测试\nquestions:\n" + body, encoding="utf-8")
    return path


# the loader accepts it, lint does not: options A and B read the same
BAD_FILL = "  - {id: f1, type: single, stem: 历经（ ）个昼夜, options: ['591', '５９１', '600'], answer: A, explanation: 解析}\n"
NO_EXPLANATION = (
    "  - {id: j1, type: judge, stem: 水岸交融游线于去年9月22日正式运营, answer: true}\n"
)


def test_lint_prints_file_line_rule_and_exits_1_on_errors(tmp_path: Path):
    path = write_bank(tmp_path, "bank.yaml", BAD_FILL)
    result = runner.invoke(app, ["lint", str(path)])
    assert result.exit_code == 1, result.output
    assert (
        f"{path}:4: [FQ103] options A “591” and B “５９１” are the same after ignoring width, spaces and punctuation; make them different"
        in result.output
    )
    assert "1 个错误，0 个警告" in result.output


def test_lint_exits_0_with_only_warnings(tmp_path: Path):
    result = runner.invoke(app, ["lint", str(write_bank(tmp_path, "bank.yaml", NO_EXPLANATION))])
    assert result.exit_code == 0, result.output
    assert "[FQ112]" in result.output


def test_lint_ignore_drops_a_rule(tmp_path: Path):
    result = runner.invoke(
        app, ["lint", str(write_bank(tmp_path, "bank.yaml", NO_EXPLANATION)), "--ignore", "fq112"]
    )
    assert result.exit_code == 0, result.output
    assert "没有发现问题" in result.output


def test_lint_unknown_rule_is_a_usage_error(tmp_path: Path):
    result = runner.invoke(app, ["lint", str(SAMPLE), "--ignore", "FQ999"])
    assert result.exit_code == 2
    assert "unknown lint rule 'FQ999'" in result.output


def test_lint_json_lists_findings_for_machines(tmp_path: Path):
    path = write_bank(tmp_path, "bank.yaml", BAD_FILL + NO_EXPLANATION)
    result = runner.invoke(app, ["lint", str(path), "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert (report["errors"], report["warnings"], report["questions"]) == (1, 1, 2)
    assert report["findings"][0] == {
        "rule": "FQ103", "severity": "error", "file": str(path), "line": 4, "question": "bank/f1",
        "message": "options A “591” and B “５９１” are the same after ignoring width, spaces and punctuation; make them different",
    }  # fmt: skip


def test_lint_reports_a_bank_that_does_not_load_as_fq100_and_lints_the_rest(tmp_path: Path):
    write_bank(
        tmp_path,
        "bad.yaml",
        "  - {id: q1, type: single, stem: 题, options: [一, 二], answer: E, explanation: x}\n",
    )
    write_bank(tmp_path, "good.yaml", NO_EXPLANATION)
    result = runner.invoke(app, ["lint", str(tmp_path)])
    assert result.exit_code == 1
    assert (
        f"{tmp_path / 'bad.yaml'}:4: [FQ100] answer: answer 'E' but only 2 options A–B"
        in result.output
    )
    assert f"{tmp_path / 'good.yaml'}:4: [FQ112]" in result.output


def test_lint_rules_lists_every_rule():
    result = runner.invoke(app, ["lint", "--rules"])
    assert result.exit_code == 0, result.output
    assert all(rule in result.output for rule in RULES)


def test_lint_without_paths_is_a_usage_error():
    result = runner.invoke(app, ["lint"])
    assert result.exit_code == 2
    assert "give one or more bank files or folders" in result.output


def test_lint_bad_format_is_a_usage_error():
    result = runner.invoke(app, ["lint", str(SAMPLE), "--format", "xml"])
    assert result.exit_code == 2
