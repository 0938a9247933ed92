"""The run sheet: cue cards of the drawn questions, in the order the console asks them."""

from __future__ import annotations

from pypdf import PdfReader
from test_host_support import write_config
from typer.testing import CliRunner

from factquiz.cli import app
from factquiz.host.config import read_config
from factquiz.host.session import start_session

runner = CliRunner()


def pdf_text(path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages).replace(" ", "")


def test_the_run_sheet_has_the_consoles_questions_in_its_order(tmp_path):
    config = write_config(tmp_path)
    result = runner.invoke(
        app, ["host", str(config), "--seed", "7", "--run-sheet", str(tmp_path / "题卡.pdf")]
    )
    assert result.exit_code == 0, result.output
    assert "开始比赛时加 --seed 7" in result.output
    text = pdf_text(tmp_path / "题卡.pdf")
    session = start_session(read_config(config), seed=7, journal=tmp_path / "j.journal.jsonl")
    required = session.game.rounds[0].questions
    places = [
        text.index(f"第{i + 1}题必答（必答题）·{team}")
        for i, team in enumerate(["一队", "二队", "三队"])
    ]
    assert places == sorted(places)  # in turn order, each with the team whose turn it is
    for question in required:
        assert question.ref in text
    assert text.index(required[0].ref) < text.index(required[1].ref) < text.index(required[2].ref)
    session.close()


def test_the_run_sheet_of_a_journal_matches_it_and_leaves_it_alone(tmp_path):
    config = write_config(tmp_path)
    session = start_session(
        read_config(config), journal=tmp_path / "j.journal.jsonl"
    )  # a random seed
    first = session.game.rounds[0].questions[0]
    before = (tmp_path / "j.journal.jsonl").read_bytes()
    result = runner.invoke(
        app,
        [
            "host",
            "--resume",
            str(tmp_path / "j.journal.jsonl"),
            "--run-sheet",
            str(tmp_path / "r.pdf"),
        ],
    )  # while the console runs: reading needs no lock
    assert result.exit_code == 0, result.output
    assert first.ref in pdf_text(tmp_path / "r.pdf")
    assert (tmp_path / "j.journal.jsonl").read_bytes() == before
    session.close()
