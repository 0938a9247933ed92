"""`factquiz generate` and `factquiz demo` as a user runs them."""

import shutil

from typer.testing import CliRunner

from factquiz.banks import read_bank
from factquiz.cli import app
from factquiz.resources import banks_dir

runner = CliRunner()
SEED = banks_dir() / "sources" / "pinghu-chengtou.txt"


def run(*args, input=None):
    return runner.invoke(app, [str(a) for a in args], input=input)


def test_generate_writes_a_bank_that_loads(tmp_path):
    out = tmp_path / "bank.yaml"
    result = run("generate", SEED, "-o", out, "--date", "2022", "--seed", "1")
    assert result.exit_code == 0, result.output
    bank = read_bank(out)
    assert len(bank) >= 30
    assert bank.sources[0].date == "2022"
    assert bank.generator == {"tool": "factquiz generate", "seed": 1, "date": "2022"}
    assert "wrote" in result.output


def test_same_article_date_and_seed_give_byte_identical_yaml(tmp_path):
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    assert run("generate", SEED, "-o", a, "--date", "2022-01-15", "--seed", "7").exit_code == 0
    assert run("generate", SEED, "-o", b, "--date", "2022-01-15", "--seed", "7").exit_code == 0
    assert a.read_bytes() == b.read_bytes()


def test_another_seed_moves_answers_but_keeps_the_questions(tmp_path):
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    run("generate", SEED, "-o", a, "--date", "2022", "--seed", "1")
    run("generate", SEED, "-o", b, "--date", "2022", "--seed", "2")
    qa, qb = read_bank(a).questions, read_bank(b).questions
    assert [q.id for q in qa] == [q.id for q in qb]
    assert [q.answer_text() for q in qa] != [q.answer_text() for q in qb]


def test_types_narrow_the_bank(tmp_path):
    out = tmp_path / "bank.yaml"
    result = run("generate", SEED, "-o", out, "--types", "judge,fill")
    assert result.exit_code == 0, result.output
    assert {q.type for q in read_bank(out).questions} == {"judge", "fill"}


def test_without_a_date_relative_words_stay_and_a_warning_says_so(tmp_path):
    out = tmp_path / "bank.yaml"
    result = run("generate", SEED, "-o", out)
    assert result.exit_code == 0, result.output
    assert "warning" in result.output
    assert any("去年" in q.stem for q in read_bank(out).questions)


def test_standard_input_is_read_with_a_dash(tmp_path):
    out = tmp_path / "bank.yaml"
    result = run(
        "generate", "-", "-o", out, "--date", "2022", input=SEED.read_text(encoding="utf-8")
    )
    assert result.exit_code == 0, result.output
    assert len(read_bank(out)) >= 30


def test_a_folder_of_articles_records_each_as_a_source(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SEED, folder / "a.txt")
    (folder / "b.txt").write_text(
        "城南快速路二期工程全长7.8公里，总投资约46.5亿元，于2021年3月18日开工建设。共设置互通立交3座、上下匝道12对。",
        encoding="utf-8",
    )
    out = tmp_path / "bank.yaml"
    result = run("generate", folder, "-o", out, "--date", "2022")
    assert result.exit_code == 0, result.output
    bank = read_bank(out)
    assert [s.file for s in bank.sources] == ["articles/a.txt", "articles/b.txt"]
    assert len({q.id for q in bank.questions}) == len(bank)


def test_empty_file_is_a_one_line_error(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = run("generate", empty, "-o", tmp_path / "bank.yaml")
    assert result.exit_code == 1
    assert "empty.txt" in result.output and "empty" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "bank.yaml").exists()


def test_binary_file_is_refused(tmp_path):
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x01" * 50)
    result = run("generate", binary, "-o", tmp_path / "bank.yaml")
    assert result.exit_code == 1
    assert "binary" in result.output


def test_english_text_is_refused_with_what_was_found(tmp_path):
    english = tmp_path / "news.txt"
    english.write_text(
        "The council approved 136 new homes in 2021, a rise of 12% on the year before. " * 5,
        encoding="utf-8",
    )
    result = run("generate", english, "-o", tmp_path / "bank.yaml")
    assert result.exit_code == 1
    assert "Chinese" in result.output


def test_text_with_nothing_to_ask_fails_unless_allowed(tmp_path):
    plain = tmp_path / "plain.txt"
    plain.write_text(
        "春风拂面，柳枝轻摇。我们在湖边散步，心情十分愉快，大家都说这里的风景很美。",
        encoding="utf-8",
    )
    out = tmp_path / "bank.yaml"
    result = run("generate", plain, "-o", out)
    assert result.exit_code == 1
    assert "--allow-empty" in result.output
    result = run("generate", plain, "-o", out, "--allow-empty")
    assert result.exit_code == 0, result.output
    assert len(read_bank(out)) == 0
    assert "skipped" in result.output


def test_oversized_file_is_refused(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes("平湖城投".encode() * (21 * 1024 * 1024 // 12))
    result = run("generate", big, "-o", tmp_path / "bank.yaml")
    assert result.exit_code == 1
    assert "MB" in result.output


def test_bad_date_is_a_usage_error():
    result = run("generate", SEED, "-o", "x.yaml", "--date", "去年")
    assert result.exit_code == 2
    assert "2022-01-15" in result.output


def test_unknown_type_is_a_usage_error():
    result = run("generate", SEED, "-o", "x.yaml", "--types", "essay")
    assert result.exit_code == 2


def test_team_templates_change_the_wording(tmp_path):
    templates = tmp_path / "mine"
    templates.mkdir()
    (templates / "judge.j2").write_text("判断：{{ statement }}。", encoding="utf-8")
    out = tmp_path / "bank.yaml"
    result = run("generate", SEED, "-o", out, "--date", "2022", "--templates", templates)
    assert result.exit_code == 0, result.output
    judges = [q for q in read_bank(out).questions if q.type == "judge"]
    assert judges and all(q.stem.startswith("判断：") for q in judges)


def test_template_escaping_the_sandbox_is_a_clear_error(tmp_path):
    templates = tmp_path / "evil"
    templates.mkdir()
    (templates / "single.j2").write_text(
        "{{ ''.__class__.__mro__[1].__subclasses__() }}", encoding="utf-8"
    )
    result = run("generate", SEED, "-o", tmp_path / "bank.yaml", "--templates", templates)
    assert result.exit_code == 1
    assert "sandbox" in result.output and "single.j2" in result.output
    assert "Traceback" not in result.output


def test_demo_writes_the_bank_into_the_folder(tmp_path):
    result = run("demo", "-o", tmp_path / "demo")
    assert result.exit_code == 0, result.output
    bank = read_bank(tmp_path / "demo" / "pinghu-chengtou.yaml")
    assert len(bank) >= 30
    assert (tmp_path / "demo" / bank.sources[0].file).read_text(encoding="utf-8") == SEED.read_text(
        encoding="utf-8"
    )
