"""The journal: every event on disk before it is shown; resume rebuilds the same state."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from test_host_rules import competitions
from test_host_support import CONFIG, write_config

from factquiz.errors import InputError
from factquiz.host.config import ConfigError, parse_config, read_config
from factquiz.host.events import Buzz, Judge, Next, Open, Undo
from factquiz.host.journal import read_journal
from factquiz.host.rules import RuleError
from factquiz.host.session import resume_session, start_session


def new_session(folder: Path, name: str = "j.journal.jsonl"):
    config = read_config(write_config(folder))
    return start_session(config, journal=folder / name)


def test_header_records_config_hash_seed_and_questions(tmp_path):
    session = new_session(tmp_path)
    header = json.loads((tmp_path / "j.journal.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert header["seed"] == 7
    assert header["config_hash"] == session.game.config.digest()
    assert header["rounds"][0] == [q.ref for q in session.game.rounds[0].questions]


def test_each_event_is_on_disk_when_send_returns(tmp_path):
    session = new_session(tmp_path)
    session.send(Next())
    session.send(Judge(True, "B"))
    lines = (tmp_path / "j.journal.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[-1])["event"] == {"type": "right", "option": "B"}
    assert json.loads(lines[-1])["seq"] == 2


def test_refused_event_is_not_journaled(tmp_path):
    session = new_session(tmp_path)
    with pytest.raises(RuleError):
        session.send(Judge(True))
    assert read_journal(tmp_path / "j.journal.jsonl").events == []


def test_undone_events_stay_in_the_journal(tmp_path):
    session = new_session(tmp_path)
    for event in (Next(), Judge(True), Undo(), Judge(False)):
        session.send(event)
    types = [e.type for e in read_journal(tmp_path / "j.journal.jsonl").events]
    assert types == ["next", "right", "undo", "wrong"]


def test_resume_rebuilds_the_same_state_and_keeps_appending(tmp_path):
    session = new_session(tmp_path)
    for event in (Next(), Judge(True), Next(), Judge(False), Undo()):
        session.send(event)
    session.close()
    resumed = resume_session(tmp_path / "j.journal.jsonl")
    assert resumed.state == session.state
    resumed.send(Judge(True))
    assert len(read_journal(tmp_path / "j.journal.jsonl").events) == 6


def test_torn_last_line_is_ignored_with_a_notice_and_cut_before_appending(tmp_path):
    session = new_session(tmp_path)
    session.send(Next())
    session.close()
    path = tmp_path / "j.journal.jsonl"
    with open(path, "ab") as handle:
        handle.write(b'{"seq":2,"at":"2026-01-01T00:00:00","ev')
    resumed = resume_session(path)
    assert "最后一行不完整" in resumed.notice and ":4:" in resumed.notice  # after the close note
    resumed.send(Judge(True))
    resumed.close()
    assert [e.type for e in read_journal(path).events] == ["next", "right"]


def test_damaged_middle_line_names_the_line(tmp_path):
    session = new_session(tmp_path)
    for event in (Next(), Judge(True), Next()):
        session.send(event)
    session.close()
    path = tmp_path / "j.journal.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = "garbage\n"
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(InputError, match="not a valid journal line") as info:
        resume_session(path)
    assert info.value.location.line == 3


def test_journal_from_another_config_is_refused(tmp_path):
    new_session(tmp_path).close()
    other = parse_config(CONFIG.replace("三队", "四队"), str(tmp_path / "other.yaml"))
    with pytest.raises(ConfigError, match="another competition config \\(teams differ"):
        resume_session(tmp_path / "j.journal.jsonl", other)


def test_journal_with_an_edited_bank_question_is_refused(tmp_path):
    session = new_session(tmp_path)
    first = session.game.rounds[0].questions[0]
    session.close()
    bank = tmp_path / "demo.yaml"
    bank.write_text(
        bank.read_text(encoding="utf-8").replace(f"{first.stem}", "改过的题干"), encoding="utf-8"
    )
    with pytest.raises(ConfigError, match=f"question {first.ref} was edited"):
        resume_session(tmp_path / "j.journal.jsonl")


def test_starting_over_an_existing_journal_is_refused(tmp_path):
    new_session(tmp_path).close()
    with pytest.raises(InputError, match="--resume"):
        new_session(tmp_path)


def test_results_have_scores_questions_and_item_analysis(tmp_path):
    session = new_session(tmp_path)
    for event in (Next(), Judge(True, "B"), Next(), Judge(False, "C"), Next(), Judge(False, "C"), Next(),
                  Next(), Judge(True), Judge(False, "A"), Judge(True), Next(), Next(), Open(), Buzz(1)):  # fmt: skip
        session.send(event)
    paths = session.export()
    assert [p.name for p in paths] == [
        "j.results.json",
        "j.scores.csv",
        "j.questions.csv",
        "j.items.csv",
    ]
    data = json.loads(paths[0].read_text(encoding="utf-8"))
    assert [t["team"] for t in data["teams"]] == ["一队", "三队", "二队"]
    assert data["teams"][0]["rounds"] == {"必答": 10, "共答": 10}
    shared = data["items"][3]
    assert (shared["answered"], shared["right"], shared["wrong"], shared["wrong_options"]) == (
        3,
        2,
        1,
        {"A": 1},
    )
    scores_csv = paths[1].read_text(encoding="utf-8-sig").splitlines()
    assert scores_csv[0] == "名次,队伍,奖项,起始分,必答,共答,仲裁调整,总分"
    assert scores_csv[1] == "1,一队,,100,10,10,0,120"  # no award before the competition is over


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(competitions(max_size=80))
def test_resuming_any_journal_gives_the_state_it_recorded(events):
    with tempfile.TemporaryDirectory() as folder:
        session = new_session(Path(folder))
        for event in events:
            try:
                session.send(event)
            except RuleError:
                pass
        session.close()
        resumed = resume_session(Path(folder) / "j.journal.jsonl")
        resumed.close()
        assert resumed.state == session.state
        assert (resumed.state.past, resumed.state.future) == (
            session.state.past,
            session.state.future,
        )
