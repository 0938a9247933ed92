"""`factquiz demo`: the whole pipeline on the bundled article, as the README's main command runs it."""

from pypdf import PdfReader
from typer.testing import CliRunner

from factquiz.banks import read_bank
from factquiz.cli import app


def test_demo_writes_bank_paper_and_key_that_agree(tmp_path):
    out = tmp_path / "demo"
    result = CliRunner().invoke(app, ["demo", "-o", str(out)])
    assert result.exit_code == 0, result.output
    bank = read_bank(out / "pinghu-chengtou.yaml")
    assert len(bank) >= 30
    paper = "".join(page.extract_text() for page in PdfReader(out / "paper.pdf").pages)
    key = "".join(page.extract_text() for page in PdfReader(out / "key.pdf").pages)
    assert "一、单项选择题" in paper and "参考答案" in key
    first = bank.questions[0]
    # the paper shows the question without its answer; the key shows the answer
    assert first.stem.split("（")[0][:10] in paper
    assert "591" in key


def test_demo_bank_is_the_shipped_bank(tmp_path, root):
    out = tmp_path / "demo"
    CliRunner().invoke(app, ["demo", "-o", str(out)])
    shipped = (root / "question_banks" / "pinghu-chengtou.yaml").read_text(encoding="utf-8")
    assert (out / "pinghu-chengtou.yaml").read_text(encoding="utf-8") == shipped
