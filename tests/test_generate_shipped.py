"""The shipped bank question_banks/pinghu-chengtou.yaml is exactly what the generator makes, and clean."""

from factquiz.banks import dump_bank, read_bank
from factquiz.banks.lint import lint_banks
from factquiz.banks.textnorm import appears_in
from factquiz.generate import DEMO_OPTIONS, regenerate_bank
from factquiz.resources import banks_dir

SHIPPED = banks_dir() / "pinghu-chengtou.yaml"


def test_shipped_bank_equals_a_fresh_generation_with_its_recorded_options():
    # if this fails after a change to extract/ or generate/, regenerate the file with the command
    # in README (factquiz generate question_banks/sources/pinghu-chengtou.txt -o … --date 2022 --seed 1),
    # read the diff question by question, and commit it
    assert dump_bank(regenerate_bank(SHIPPED)) == SHIPPED.read_text(encoding="utf-8")


def test_shipped_bank_records_the_demo_options():
    assert read_bank(SHIPPED).generator == DEMO_OPTIONS.record()


def test_shipped_bank_has_no_lint_errors():
    bank = read_bank(SHIPPED)
    assert [f for f in lint_banks([bank]) if f.severity == "error"] == []


def test_shipped_bank_single_choices_have_one_right_distinct_answer_from_the_source():
    for q in read_bank(SHIPPED).questions:
        if q.type in ("single", "multiple"):
            assert len(set(q.options)) == len(q.options), q.id
            for option in q.correct_options():
                assert appears_in(option, q.source), q.id
        if q.type == "single":
            wrong = [o for i, o in enumerate(q.options) if i not in q.correct]
            assert not any(appears_in(o, q.source) for o in wrong), q.id


def test_shipped_bank_mixes_types_and_spreads_letters():
    questions = read_bank(SHIPPED).questions
    types = {q.type for q in questions}
    assert {"single", "judge", "fill", "short"} <= types
    letters = [q.answer_letters for q in questions if q.type == "single"]
    assert max(letters.count(x) for x in "ABCD") - min(letters.count(x) for x in "ABCD") <= 1
