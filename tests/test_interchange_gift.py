"""GIFT export and import."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from factquiz.banks import read_bank, save_bank
from factquiz.errors import BankError
from factquiz.interchange import export_bank, import_bank
from factquiz.interchange.gift import gift_escape, render_gift
from factquiz.model import Blank

GOLDEN = Path(__file__).parent / "golden"
SAMPLE = GOLDEN / "sample_bank.yaml"
HOSTILE = GOLDEN / "hostile_bank.yaml"
CARRIED = (
    "id",
    "type",
    "stem",
    "options",
    "correct",
    "truth",
    "blanks",
    "reference",
    "explanation",
    "tags",
)


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("FACTQUIZ_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), (
        f"{name} changed; look at it, then regenerate with FACTQUIZ_UPDATE_GOLDEN=1"
    )


def write(tmp_path: Path, text: str, name: str = "q.gift") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_sample_bank_matches_the_golden_file():
    text, problems = render_gift(read_bank(SAMPLE))
    assert [p.location.field for p in problems] == ["sample_bank/tunnel-facts"]
    check_golden("sample.gift", text)


def test_several_blanks_are_reported_and_the_rest_exported(tmp_path):
    warnings = export_bank(read_bank(SAMPLE), "gift", tmp_path / "out.gift")
    assert [str(w) for w in warnings] == [
        "sample_bank/tunnel-facts: left out: GIFT holds one blank per question; this one has 2"
    ]
    assert (tmp_path / "out.gift").read_text(encoding="utf-8").count("::") // 2 == 8


def test_round_trip_keeps_every_field_gift_carries(tmp_path):
    bank = read_bank(SAMPLE)
    export_bank(bank, "gift", tmp_path / "bank.gift")
    back = import_bank(tmp_path / "bank.gift")
    assert back.title == bank.title
    kept = [q for q in bank.questions if q.id != "tunnel-facts"]
    assert [q.id for q in back.questions] == [q.id for q in kept]
    for before, after in zip(kept, back.questions, strict=True):
        for field in CARRIED:
            assert getattr(after, field) == getattr(before, field), (before.id, field)


def test_hostile_text_round_trips_exactly(tmp_path):
    bank = read_bank(HOSTILE)
    warnings = export_bank(bank, "gift", tmp_path / "hostile.gift")
    # Moodle's tag syntax cannot hold < or >: such a tag is written with ＜＞, and said so
    assert [w.message for w in warnings] == [
        "tag '<标签>' written as '＜标签＞': Moodle drops tags with < or >"
    ]
    back = import_bank(tmp_path / "hostile.gift")
    assert back.title == bank.title
    for before, after in zip(bank.questions, back.questions, strict=True):
        for field in CARRIED:
            expected = getattr(before, field)
            if field == "tags":
                expected = tuple(t.replace("<", "＜").replace(">", "＞") for t in expected)
            assert getattr(after, field) == expected, (before.id, field)


def test_specials_are_backslashed_in_chinese_text_too():
    assert gift_escape("比分 3:2，{#1}，a=b~c \\ 完") == "比分 3\\:2，\\{\\#1\\}，a\\=b\\~c \\\\ 完"
    assert gift_escape("第一行\n第二行") == "第一行\\n第二行"


def test_markup_in_text_is_written_as_escaped_html():
    text, _ = render_gift(read_bank(HOSTILE))
    stem_line = next(line for line in text.splitlines() if line.startswith("::script-stem::"))
    assert stem_line.startswith("::script-stem::[html]下列哪一项是 &lt;script&gt;")
    assert "<script>" not in stem_line
    assert '\t~\\=HYPERLINK("http\\://evil")' in text.splitlines()


def test_no_question_text_line_can_pass_for_a_comment_or_a_blank_line():
    text, _ = render_gift(read_bank(HOSTILE))
    blocks = text.split("\n\n")
    # header + one block per question: no stray blank line inside a question
    assert len(blocks) == 1 + 6
    for block in blocks[1:]:
        lines = block.strip().splitlines()
        assert lines[0].startswith("// [id:")
        assert not any(line.strip().startswith("//") for line in lines[1:])


def test_short_question_keeps_its_reference_answer_in_the_general_feedback(tmp_path):
    bank = read_bank(SAMPLE)
    short = bank.questions[-1]
    text, _ = render_gift(replace(bank, questions=(short,)))
    assert "\t####参考答案：党建做实了就是生产力" in text and "\\n\\n解析：吴骏跃的原话。" in text
    back = import_bank(write(tmp_path, text))
    assert (back.questions[0].reference, back.questions[0].explanation) == (
        short.reference,
        short.explanation,
    )


MOODLE_DOCS_STYLE = """\
// From the GIFT documentation, in Chinese
::Q1:: 谁葬在格兰特墓里？{~格兰特 ~杰斐逊 =没有人}

格兰特 {~被埋 =被安葬 ~活着} 在格兰特墓里。

格兰特葬在格兰特墓里。{F}

谁葬在格兰特墓里？{=没有人 =无人 =%50%格兰特}

格兰特哪年出生？{#1822:5}

什么是 π 的近似值？{#3.141..3.142}

描述格兰特的一生。{}

只是一段说明，没有答案。

多选：哪些是质数？{
~%50%2
~%50%3
~%-100%4
}
"""


def test_reads_the_question_styles_of_moodles_gift_documentation(tmp_path):
    bank = import_bank(write(tmp_path, MOODLE_DOCS_STYLE))
    by_type = [(q.id, q.type) for q in bank.questions]
    assert by_type == [("Q1", "single"), ("q2", "single"), ("q3", "judge"), ("q4", "fill"),
                       ("q5", "fill"), ("q6", "fill"), ("q7", "short"), ("q9", "multiple")]  # fmt: skip
    q1, missing_word, judge, short_answer, year, pi, essay, multiple = bank.questions
    assert (q1.options, q1.correct) == (("格兰特", "杰斐逊", "没有人"), (2,))
    assert missing_word.stem == "格兰特（ ）在格兰特墓里。"
    assert judge.truth is False
    assert short_answer.blanks == (Blank(("没有人", "无人")),)  # the 50% answer is not accepted
    assert year.blanks == (Blank(("1822",), 5.0),)
    assert pi.blanks == (Blank(("3.1415",), pytest.approx(0.0005)),)
    assert essay.reference == ""
    assert multiple.correct == (0, 1)


def test_imported_bank_saves_as_yaml_the_loader_accepts(tmp_path):
    save_bank(import_bank(write(tmp_path, MOODLE_DOCS_STYLE)), tmp_path / "bank.yaml")
    assert len(read_bank(tmp_path / "bank.yaml").questions) == 8


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("::a:: 第一题 {T}\n\n::b:: 缺右括号 {=甲 ~乙\n", 3, "unbalanced braces"),
        ("::a:: 配对 {=中国 -> 北京 =日本 -> 东京 =韩国}\n", 1, "is not 'question -> answer'"),
        ("// c\n\n::a:: 没有对的 {~甲 ~乙}\n", 3, "no answer is right"),
        ("::a:: 数字 {#很多}\n", 1, "is not a number"),
        ("::a:: 两个等号 {=甲 =乙 ~丙}\n", 1, "exactly one '=' answer"),
        ("::没有结束的名字 {T}\n", 1, "no closing '::'"),
    ],
)
def test_bad_gift_names_the_line_of_the_question(tmp_path, text, line, message):
    with pytest.raises(BankError) as caught:
        import_bank(write(tmp_path, text))
    [problem] = caught.value.problems
    assert problem.location.line == line
    assert message in problem.message


def test_every_bad_question_is_listed_not_just_the_first(tmp_path):
    with pytest.raises(BankError) as caught:
        import_bank(write(tmp_path, "::a:: x {~甲 ~乙}\n\n::b:: 好的 {T}\n\n::c:: y {#abc}\n"))
    assert [p.location.line for p in caught.value.problems] == [1, 5]


def test_answer_moodle_would_read_as_matching_is_reported(tmp_path):
    bank = read_bank(SAMPLE)
    arrow = replace(bank.questions[6], blanks=(Blank(("甲->乙",)),))
    warnings = export_bank(
        replace(bank, questions=(arrow, bank.questions[0])), "gift", tmp_path / "o.gift"
    )
    assert [str(w) for w in warnings] == [
        "sample_bank/tunnel-name: left out: an accepted answer contains '->', "
        "which Moodle would read as a matching question"
    ]
    assert [q.id for q in import_bank(tmp_path / "o.gift").questions] == ["tunnel-days"]
