"""Loading banks: every error path names its file, line and field in plain words."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from factquiz.banks import load_banks, parse_bank, read_bank
from factquiz.banks.loader import check_banks, find_bank_files
from factquiz.errors import BankError, FactQuizError, InputError

HEAD = "format: factquiz/1\ntitle: 测试题库\nquestions:\n"


def bank_text(questions: str, head: str = HEAD) -> str:
    return head + textwrap.indent(textwrap.dedent(questions).strip("\n"), "  ") + "\n"


def problems_of(text: str, file: str = "bank.yaml") -> list[str]:
    with pytest.raises(BankError) as info:
        parse_bank(text, file)
    return [str(p) for p in info.value.problems]


SINGLE = """
- id: q1
  type: single
  stem: 建国路隧道历经（ ）个昼夜建成通车。
  options: ["519", "591", "600", "365"]
  answer: B
"""


def test_a_valid_bank_loads_with_lines_and_namespace():
    bank = parse_bank(bank_text(SINGLE), "pinghu.yaml")
    q = bank.questions[0]
    assert (bank.name, q.ref, q.line, q.answer_letters) == ("pinghu", "pinghu/q1", 4, "B")
    assert q.options == ("519", "591", "600", "365")


def test_answer_letter_beyond_options_names_the_line():
    text = bank_text(SINGLE.replace("answer: B", "answer: E"))
    assert problems_of(text) == ["bank.yaml:8: answer: answer 'E' but only 4 options A–D"]


def test_unknown_field_suggests_the_close_one():
    text = bank_text(SINGLE.replace("answer: B", "anwser: B"))
    assert "bank.yaml:8: anwser: unknown field; did you mean 'answer'?" in problems_of(text)


def test_unknown_bank_field_suggests_the_close_one():
    text = HEAD.replace("title:", "titel: x\ntitle:") + "  []\n"
    assert any("titel: unknown field; did you mean 'title'?" in p for p in problems_of(text))


def test_every_problem_in_a_file_is_reported_in_line_order():
    text = bank_text(
        """
        - id: a
          type: judge
          stem: 判断
          answer: maybe
        - id: b
          type: fill
          stem: 空（ ）
          answer: "1"
          difficulty: 5
          points: -1
          time_limit: 1.5
          tags: {a: 1}
        """
    )
    assert problems_of(text) == [
        "bank.yaml:7: answer: 'maybe' is not true/false; write true or false (对/错)",
        "bank.yaml:12: difficulty: must be 1 (easy), 2 or 3 (hard), got 5",
        "bank.yaml:13: points: must be a number of points ≥ 0, got -1",
        "bank.yaml:14: time_limit: must be a whole number of seconds > 0, got 1.5",
        "bank.yaml:15: tags: must be a list of words like [党史, 重点工程]",
    ]


def test_duplicate_ids_name_the_first_line_even_when_that_question_has_errors():
    text = bank_text(SINGLE.replace("answer: B", "answer: Z") + SINGLE)
    assert problems_of(text) == [
        "bank.yaml:8: answer: answer 'Z' but only 4 options A–D",
        "bank.yaml:10: id: duplicate id 'q1' (first used on line 4); ids must be unique in a bank",
    ]


def test_single_choice_with_two_letters_says_use_multiple():
    text = bank_text(SINGLE.replace("answer: B", "answer: AB"))
    assert problems_of(text) == [
        "bank.yaml:8: answer: a single-choice question has one answer, got 'AB'; use type: multiple for several"
    ]


def test_wrong_types_are_named():
    text = bank_text(
        """
        - id: q1
          type: single
          stem: [不是, 文本]
          options: 一二三四
          answer: 1
          shuffle: 否
        """
    )
    problems = problems_of(text)
    assert "bank.yaml:6: stem: must be non-empty text" in problems
    assert 'bank.yaml:7: options: must be a list like ["选项一", "选项二"]' in problems
    assert any(p.startswith("bank.yaml:9: shuffle: must be true or false") for p in problems)


def test_unknown_type_lists_the_types():
    text = bank_text(SINGLE.replace("type: single", "type: singel"))
    assert any(
        "type: unknown type 'singel'" in p and "did you mean 'single'?" in p
        for p in problems_of(text)
    )


def test_options_on_a_judge_question_are_refused():
    text = bank_text(
        SINGLE.replace("type: single", "type: judge").replace("answer: B", "answer: true")
    )
    assert (
        "bank.yaml:7: options: a judge question has no options; remove them or change the type"
        in problems_of(text)
    )


def test_fill_blank_with_a_negative_tolerance_is_refused():
    text = bank_text(
        """
        - id: q1
          type: fill
          stem: 腾房率达到了（ ）%。
          answer:
            - {accept: ["98.5"], tolerance: -1}
        """
    )
    assert "bank.yaml:8: answer[1].tolerance: must be a number ≥ 0" in problems_of(text)


def test_malformed_yaml_is_one_error_with_its_line():
    with pytest.raises(InputError) as info:
        parse_bank("format: factquiz/1\ntitle: [\n", "bad.yaml")
    assert str(info.value).startswith("bad.yaml:3: YAML syntax error:")


def test_a_bank_that_is_not_a_mapping_says_what_a_bank_is():
    assert problems_of("- just\n- a list\n") == [
        "bank.yaml:1: a bank is a YAML mapping with format, title and questions"
    ]


def test_missing_format_and_wrong_format_version():
    assert "bank.yaml:1: format: missing; add 'format: factquiz/1' at the top" in problems_of(
        "title: t\nquestions: []\n"
    )
    assert any(
        "unsupported format 'factquiz/9'" in p
        for p in problems_of("format: factquiz/9\ntitle: t\nquestions: []\n")
    )


def test_yaml_alias_bomb_loads_instantly_and_is_rejected_as_a_bank():
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 12)]
    problems = problems_of("\n".join(lines) + "\n")
    assert any("a0: unknown field" in p for p in problems)


BOMB = "".join(
    [f"x0: &a0 [{', '.join(['lol'] * 9)}]\n"]
    + [f"x{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 12)]
)  # *a11 stands for 9**12 strings


@pytest.mark.parametrize(
    "field, expected",
    [
        (
            "  - {id: q1, type: judge, stem: s, answer: true, points: *a11}",
            "points: must be a number of points ≥ 0, got a list",
        ),
        (
            "  - {id: q1, type: single, stem: s, options: [x, y], answer: *a11}",
            "answer: a list is not an option letter",
        ),
        ("  - {id: q1, type: judge, stem: *a11, answer: true}", "stem: must be non-empty text"),
        (
            "  - {id: q1, type: judge, stem: s, answer: true, tags: *a11}",
            "tags: must be a list of words",
        ),
        (
            "  - {id: q1, type: fill, stem: s（ ）, answer: *a11}",
            "answer[1]: each blank needs one or more non-empty accepted answers",
        ),
        ("  - {id: *a11, type: judge, stem: s, answer: true}", "id: a list is not a usable id"),
    ],
)
def test_alias_bombs_inside_questions_are_reported_without_expanding(field: str, expected: str):
    text = (
        "bomb:\n"
        + textwrap.indent(BOMB, "  ")
        + "format: factquiz/1\ntitle: t\nquestions:\n"
        + field
        + "\n"
    )
    assert any(expected in p for p in problems_of(text))


def test_alias_bomb_as_generator_options_is_refused():
    text = (
        "format: factquiz/1\ntitle: t\n"
        + BOMB.replace("x0:", "generator:\n  x0:").replace("\nx", "\n  x")
        + "questions: []\n"
    )
    assert any("generator: has more than 10000 values" in p for p in problems_of(text))


def test_recursive_alias_is_refused_with_its_line():
    with pytest.raises(InputError) as info:
        parse_bank("format: factquiz/1\ntitle: &t [*t]\nquestions: []\n", "loop.yaml")
    assert (
        str(info.value)
        == "loop.yaml:2: alias *t refers to the mapping or list it is inside; remove the loop"
    )


def test_absurd_nesting_is_refused_not_a_crash():
    with pytest.raises(InputError, match="nested more than 200 levels"):
        parse_bank("a:\n  " + "- " * 300 + "x\n", "deep.yaml")


def test_two_yaml_documents_in_one_file_are_refused():
    with pytest.raises(InputError, match="a second YAML document"):
        parse_bank(HEAD + "  []\n---\ntitle: x\n", "two.yaml")


def test_python_tags_are_never_constructed():
    text = (
        HEAD.replace("title: 测试题库", "title: !!python/object/apply:os.system ['echo hi']")
        + "  []\n"
    )
    assert any("title: missing or empty" in p for p in problems_of(text))


def test_control_characters_are_named_with_their_line():
    with pytest.raises(InputError) as info:
        parse_bank(HEAD + "  - id: q1\n    stem: a\x07b\n", "ctrl.yaml")
    assert str(info.value).startswith("ctrl.yaml:5: YAML cannot hold the character U+0007")


def test_unquoted_numbers_keep_the_text_they_were_written_with():
    text = bank_text(SINGLE.replace('["519", "591", "600", "365"]', "[010, 0.10, 1e3, 7]"))
    assert parse_bank(text).questions[0].options == ("010", "0.10", "1e3", "7")


def test_infinite_points_are_refused():
    assert any(
        "points: must be a number of points ≥ 0, got inf" in p
        for p in problems_of(bank_text(SINGLE + "  points: .inf\n"))
    )


def test_merge_keys_share_fields_between_questions():
    text = bank_text(
        """
        - &base {id: q1, type: judge, stem: 判断一, answer: true, points: 20}
        - {<<: *base, id: q2, stem: 判断二}
        """
    )
    bank = parse_bank(text)
    assert [(q.id, q.stem, q.points) for q in bank.questions] == [
        ("q1", "判断一", 20),
        ("q2", "判断二", 20),
    ]


# ---------------------------------------------------------------- files and folders


def test_missing_file_says_check_the_path(tmp_path: Path):
    with pytest.raises(InputError) as info:
        read_bank(tmp_path / "nope.yaml")
    assert str(info.value).endswith("nope.yaml: bank file not found; check the path")


def test_missing_path_in_a_list_of_banks(tmp_path: Path):
    with pytest.raises(InputError, match="no such file or folder; check the path"):
        find_bank_files([tmp_path / "nope"])


def test_folder_with_no_banks_says_so(tmp_path: Path):
    (tmp_path / "notes.txt").write_text("不是题库", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_banks([tmp_path])
    assert str(info.value) == f"{tmp_path}: no banks (*.yaml, *.yml) in this folder"


def test_a_fifty_megabyte_file_is_refused_before_reading(tmp_path: Path):
    big = tmp_path / "big.yaml"
    with open(big, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(InputError) as info:
        read_bank(big)
    assert str(info.value).endswith(
        "big.yaml: bank file is 50.0 MB, more than the 20 MB limit; split it into smaller files"
    )


def test_a_file_in_another_encoding_asks_for_utf8(tmp_path: Path):
    path = tmp_path / "gbk.yaml"
    path.write_bytes(bank_text(SINGLE).encode("gb18030"))
    with pytest.raises(InputError, match="not valid UTF-8 .*save the bank file as UTF-8"):
        read_bank(path)


def test_banks_in_a_folder_load_together_with_namespaced_ids(tmp_path: Path):
    (tmp_path / "a.yaml").write_text(bank_text(SINGLE), encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.yml").write_text(bank_text(SINGLE), encoding="utf-8")
    banks = load_banks([tmp_path])
    assert [q.ref for b in banks for q in b.questions] == ["a/q1", "b/q1"]


def test_check_banks_reports_every_bad_file_and_keeps_the_good_ones(tmp_path: Path):
    (tmp_path / "good.yaml").write_text(bank_text(SINGLE), encoding="utf-8")
    (tmp_path / "bad1.yaml").write_text(
        bank_text(SINGLE.replace("answer: B", "answer: E")), encoding="utf-8"
    )
    (tmp_path / "bad2.yaml").write_text("title: [\n", encoding="utf-8")
    banks, problems = check_banks([tmp_path])
    assert [b.name for b in banks] == ["good"]
    assert [Path(p.location.file).name for p in problems] == ["bad1.yaml", "bad2.yaml"]


def test_only_factquiz_errors_escape_for_odd_values():
    for text in [
        "",
        "~",
        "[]",
        "0",
        "format: factquiz/1\ntitle: t\nquestions: {}\n",
        "format: factquiz/1\ntitle: t\nquestions: [[]]\n",
    ]:
        with pytest.raises(FactQuizError):
            parse_bank(text)


def test_an_escaped_control_character_is_named_with_its_field_and_position():
    # YAML refuses a raw U+000B, but "\v" in a double-quoted string passes it through
    text = bank_text(SINGLE.replace("stem: 建国路", 'stem: "建国路\\v'))
    text = text.replace("建成通车。", '建成通车。"')
    assert problems_of(text) == [
        "bank.yaml:6: stem: contains U+000B, Word's manual line break (Shift+Enter), "
        "at character 4; replace it with a line break or delete it"
    ]


def test_a_control_character_in_an_option_or_answer_is_refused():
    text = bank_text(SINGLE.replace('"591"', '"5\\x019"'))
    assert problems_of(text) == [
        "bank.yaml:7: options[2]: contains U+0001, a control character, at character 2; "
        "replace it with a line break or delete it"
    ]


FILL = """
- id: f1
  type: fill
  stem: 隧道历经（ ）个昼夜，提前（ ）天，腾房率（ ）%。
  answer: ["591", "80"]
"""


def test_a_fill_question_with_more_blanks_than_answers_is_an_error_with_its_line():
    assert problems_of(bank_text(FILL)) == [
        "bank.yaml:7: answer: the stem has 3 blanks （ ） but the answer 2; "
        "give one answer per blank, in order"
    ]


def test_a_fill_question_asked_as_a_whole_may_have_one_answer_and_no_blank():
    bank = parse_bank(bank_text(FILL.replace("（ ）", "").replace('["591", "80"]', "591")))
    assert bank.questions[0].blanks[0].answers == ("591",)


def test_a_choice_question_with_nine_options_is_a_located_error_not_a_crash():
    text = bank_text(SINGLE.replace('"365"]', '"365", "5", "6", "7", "8", "9"]').replace("B", "I"))
    assert problems_of(text) == [
        "bank.yaml:7: options: has 9 options; a single question needs 2 to 8",
    ]


def test_an_oversized_stem_is_a_located_error_before_any_paper_is_laid_out():
    # laying out a 300,000-character stem took minutes; the bank is refused instead
    text = bank_text(SINGLE.replace("建国路隧道历经（ ）个昼夜建成通车。", "长" * 10_001 + "（ ）"))
    assert problems_of(text) == [
        "bank.yaml:6: stem: is 10004 characters long; a field holds at most 10000, shorten it"
    ]


def test_a_control_character_in_a_match_pair_is_refused_too():
    text = bank_text("""
- id: posts
  type: match
  stem: 将下列人物与其职务连线。
  pairs:
    - [朱德, "八路军\\v总指挥"]
    - [彭德怀, 八路军副总指挥]
""")
    assert problems_of(text) == [
        "bank.yaml:8: pairs: contains U+000B, Word's manual line break (Shift+Enter), "
        "at character 4; replace it with a line break or delete it"
    ]


def test_a_source_written_as_text_is_trimmed_like_a_mapping_and_survives_a_save(tmp_path):
    from factquiz.banks import dump_bank, parse_bank

    text = 'format: factquiz/1\ntitle: 题库\nsource: "\\r 平湖城投 "\nquestions:\n  - {id: a, type: judge, stem: 对吗？, answer: true}\n'
    bank = parse_bank(text, "a.yaml")
    assert bank.sources[0].title == "平湖城投"
    assert parse_bank(dump_bank(bank), "a.yaml").sources == bank.sources
