"""Plain mode (--plain): a whole competition driven from stdin; bad input; kill -9 and resume."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from test_host_support import write_bank, write_config
from typer.testing import CliRunner

from factquiz.cli import app
from factquiz.host.journal import read_journal
from factquiz.host.session import resume_session

runner = CliRunner()

# A whole competition for the test config: 3 teams, required, shared, buzz, risk, then a tiebreak.
SCRIPT = """\
next
right AC
next
wrong
next
right
next
next
right
buzz 三队
wrong C
right
next
next
buzz 1
open
buzz 二队
wrong 对
buzz 三队
right
next
open
pass
next
next
tier 30
right
next
tier 20
wrong
next
tier 10
right
next
""".splitlines()


def host(folder: Path, stdin: str, *args: str):
    config = write_config(folder)
    return runner.invoke(
        app,
        ["host", str(config), "--plain", "--journal", str(folder / "j.journal.jsonl"), *args],
        input=stdin,
    )


def test_a_whole_competition_runs_from_stdin_and_exports_results(tmp_path):
    result = host(tmp_path, "\n".join(SCRIPT) + "\n")
    assert result.exit_code == 0, result.output
    assert "== 比赛结束 ==" in result.output
    assert "提示" not in result.output
    data = json.loads((tmp_path / "j.results.json").read_text(encoding="utf-8"))
    assert data["finished"] is True
    assert {t["team"]: t["score"] for t in data["teams"]} == {"一队": 95, "二队": 110, "三队": 150}
    assert [(t["team"], t["award"]) for t in data["teams"]] == [
        ("三队", "一等奖"),
        ("二队", "二等奖"),
        ("一队", ""),
    ]


def test_every_recorded_event_is_acknowledged_once(tmp_path):
    result = host(tmp_path, "\n".join(SCRIPT) + "\n")
    acknowledged = result.output.count("已记录:")
    assert acknowledged == len(read_journal(tmp_path / "j.journal.jsonl").events) == len(SCRIPT)


def test_early_buzz_is_recorded_with_its_penalty(tmp_path):
    result = host(tmp_path, "\n".join(SCRIPT[:15]) + "\n")
    assert "一队 抢答犯规 -5 → 115" in result.output


def test_unknown_command_gets_a_hint_and_the_competition_goes_on(tmp_path):
    result = host(tmp_path, "frobnicate\nbuzz 九队\nnext\nright A C\nright\n")
    assert result.exit_code == 0, result.output
    assert "未知命令 'frobnicate'；输入 help 查看命令" in result.output
    assert "没有队伍 '九队'" in result.output
    assert "用法: right [OPTION]" in result.output
    assert "一队 答对 +10 → 110" in result.output


# In the buzz round of the test script (seed 7), 二队 answers a judge question whose answer is 错误.
FIRST_JUDGE = "\n".join(SCRIPT[: SCRIPT.index("buzz 二队") + 1]) + "\n"


def test_a_judge_question_takes_right_or_wrong_not_a_letter(tmp_path):
    result = host(tmp_path, FIRST_JUDGE + "wrong C\nwrong 对\n")
    assert result.exit_code == 0, result.output
    assert "提示：判断题的选项是 对 或 错（也可 T / F），如 wrong 错；'C' 不是" in result.output
    assert "二队 答错（选 对） -10" in result.output and "二队 答错（选 C）" not in result.output


def test_judge_options_accept_t_and_f(tmp_path):
    result = host(tmp_path, FIRST_JUDGE + "wrong t\n")
    assert "二队 答错（选 对） -10" in result.output


def test_a_judge_option_that_is_the_answer_cannot_be_judged_wrong(tmp_path):
    result = host(tmp_path, FIRST_JUDGE + "wrong 错\n")
    assert "提示：本题答案是 错误，选 错 不会判错；不记选项直接 wrong" in result.output


def test_a_choice_question_takes_only_its_own_letters(tmp_path):
    result = host(tmp_path, "next\nwrong G\nwrong 对\nwrong a\n")
    assert "提示：本题是多项选择题，选项是 A–D，如 wrong B；'G' 不是" in result.output
    assert "'对' 不是" in result.output
    assert "一队 答错（选 A） ±0 → 100" in result.output


def test_an_option_that_contradicts_the_judgement_is_refused(tmp_path):
    result = host(tmp_path, "next\nright B\nwrong AC\nright ca\n")
    assert "提示：本题答案是 AC，right B 自相矛盾；不记选项直接 right" in result.output
    assert "提示：本题答案是 AC，wrong AC 自相矛盾" in result.output
    assert "一队 答对（选 AC） +10 → 110" in result.output


def test_a_command_the_rules_refuse_gets_a_hint(tmp_path):
    result = host(tmp_path, "right\nnext\nnext\n")
    assert "提示：现在没有队伍在作答" in result.output
    assert "提示：本题还没有结果" in result.output


def test_undo_and_redo_by_command(tmp_path):
    result = host(tmp_path, "next\nwrong\nundo\nredo\nundo\nright\nscores\n")
    assert "撤销：判错" in result.output and "重做：判错" in result.output
    assert " 1. 一队  110" in result.output


def test_adjust_records_who_and_why(tmp_path):
    result = host(tmp_path, "adjust 二队 -5 提前翻牌 @裁判长\nadjust 二队 5\n")
    assert "仲裁：二队 -5 → 95（提前翻牌）" in result.output
    assert "用法: adjust TEAM ±N REASON" in result.output
    event = read_journal(tmp_path / "j.journal.jsonl").events[0]
    assert (event.reason, event.by) == ("提前翻牌", "裁判长")


def test_end_of_input_ends_cleanly_and_says_how_to_resume(tmp_path):
    result = host(tmp_path, "next\n")
    assert result.exit_code == 0, result.output
    assert "factquiz host --resume" in result.output


def test_resume_continues_where_it_stopped(tmp_path):
    host(tmp_path, "\n".join(SCRIPT[:10]) + "\n")
    result = runner.invoke(
        app,
        ["host", "--resume", str(tmp_path / "j.journal.jsonl"), "--plain"],
        input="\n".join(SCRIPT[10:]) + "\n",
    )
    assert result.exit_code == 0, result.output
    assert "已恢复 10 条记录" in result.output
    assert "== 比赛结束 ==" in result.output


def test_resume_with_another_config_is_refused(tmp_path):
    host(tmp_path, "next\n")
    other = tmp_path / "other.yaml"
    other.write_text(
        (tmp_path / "competition.yaml")
        .read_text(encoding="utf-8")
        .replace("start_score: 100", "start_score: 50"),
        encoding="utf-8",
    )
    result = runner.invoke(
        app,
        ["host", str(other), "--resume", str(tmp_path / "j.journal.jsonl"), "--plain"],
        input="",
    )
    assert result.exit_code == 1
    assert "this journal belongs to another competition config (start score differ" in result.output
    assert "Traceback" not in result.output


def test_bad_config_is_refused_with_line_numbers(tmp_path):
    write_bank(tmp_path)
    config = tmp_path / "bad.yaml"
    config.write_text(
        "title: t\nteams: [甲, 乙]\nbanks: [demo.yaml]\nrounds:\n  - kind: buzz\n    count: 99\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["host", str(config), "--plain"], input="")
    assert result.exit_code == 1
    assert (
        f"error: {config}:5: rounds[1] 抢答题: needs 99 questions but the banks hold only 30 matching"
        in result.output
    )


def test_missing_bank_is_refused(tmp_path):
    config = tmp_path / "c.yaml"
    config.write_text(
        "title: t\nteams: [甲, 乙]\nbanks: [nope.yaml]\nrounds:\n  - kind: buzz\n    count: 1\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["host", str(config), "--plain"], input="")
    assert result.exit_code == 1
    assert f"error: {config}:3: banks: bank 'nope.yaml' not found" in result.output
    assert "pinghu-chengtou" in result.output  # the bundled banks a config may name instead


def test_preset_runs_with_just_a_bank_and_team_names(tmp_path):
    bank = write_bank(tmp_path, 40)
    result = runner.invoke(app, ["host", str(bank), "--teams", "一队,二队,三队", "--preset", "dangshi", "--plain",
                                 "--journal", str(tmp_path / "p.journal.jsonl"), "--seed", "1"], input="next\nright\n")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "== 第1轮 个人必答题 ==" in result.output
    assert "一队 答对 +10 → 110" in result.output


def test_a_bank_without_teams_says_to_add_teams(tmp_path):
    result = runner.invoke(app, ["host", str(write_bank(tmp_path)), "--plain"], input="")
    assert result.exit_code == 2
    assert "add --teams" in result.output


def test_init_writes_a_config_that_runs(tmp_path):
    target = tmp_path / "my.yaml"
    result = runner.invoke(app, ["host", "--init", str(target)])
    assert result.exit_code == 0, result.output
    assert "# factquiz 知识竞赛配置" in target.read_text(encoding="utf-8")
    again = runner.invoke(app, ["host", "--init", str(target)])
    assert again.exit_code == 2 and "already exists" in again.output


def test_init_without_banks_names_the_bundled_bank_and_runs_from_an_empty_folder(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)  # no question_banks/ here
    result = runner.invoke(app, ["host", "--init", "competition.yaml"])
    assert result.exit_code == 0, result.output
    assert "banks: [pinghu-chengtou]" in (tmp_path / "competition.yaml").read_text(encoding="utf-8")
    run = runner.invoke(
        app,
        ["host", "competition.yaml", "--plain", "--journal", "j.jsonl"],
        input="next\nright\nscores\n",
    )
    assert run.exit_code == 0, run.output
    assert "一队 答对 +10 → 110" in run.output


def test_init_writes_the_banks_it_is_given_relative_to_the_config(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_bank(tmp_path, 60, name="mybank")
    (tmp_path / "events").mkdir()
    result = runner.invoke(app, ["host", "--init", "events/final.yaml", "mybank.yaml"])
    assert result.exit_code == 0, result.output
    assert "banks: [../mybank.yaml]" in (tmp_path / "events" / "final.yaml").read_text(
        encoding="utf-8"
    )
    run = runner.invoke(
        app,
        ["host", "events/final.yaml", "--plain", "--journal", "j.jsonl", "--seed", "1"],
        input="next\nright\n",
    )
    assert run.exit_code == 0, run.output
    assert "题的题干（ ）" in run.output  # a question from mybank.yaml


def test_init_with_only_banks_writes_competition_yaml(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_bank(tmp_path, 60, name="mybank")
    result = runner.invoke(app, ["host", "--init", "mybank.yaml"])
    assert result.exit_code == 0, result.output
    assert "banks: [mybank.yaml]" in (tmp_path / "competition.yaml").read_text(encoding="utf-8")


def test_init_with_a_small_bank_shrinks_the_buzz_round_so_the_config_runs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    small = (
        Path(__file__).resolve().parent.parent / "question_banks" / "sample-team.yaml"
    )  # 22 questions
    result = runner.invoke(app, ["host", "--init", "c.yaml", str(small)])
    assert result.exit_code == 0, result.output
    assert "抢答题设为 9 题" in result.output
    run = runner.invoke(app, ["host", "c.yaml", "--plain", "--journal", "j.jsonl"], input="next\n")
    assert run.exit_code == 0, run.output
    assert "第1轮 个人必答题" in run.output


def test_init_refuses_a_bank_that_does_not_exist(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["host", "--init", "c.yaml", "nothere.yaml"])
    assert result.exit_code == 2
    assert "bank 'nothere.yaml' not found" in result.output and not (tmp_path / "c.yaml").exists()


def test_teams_without_preset_use_the_dangshi_format(tmp_path):
    bank = write_bank(tmp_path, 40)
    result = runner.invoke(app, ["host", str(bank), "--teams", "一队,二队", "--plain", "--journal", str(tmp_path / "j.jsonl")],
                           input="next\nright\n")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "== 第1轮 个人必答题 ==" in result.output and "一队 答对 +10 → 110" in result.output


def test_a_bundled_bank_can_be_named_with_teams(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(
        app,
        ["host", "pinghu-chengtou", "--teams", "甲队,乙队", "--plain", "--journal", "j.jsonl"],
        input="next\n",
    )
    assert result.exit_code == 0, result.output
    assert "第1/2题" in result.output


def test_help_lists_every_plain_command():
    from factquiz.cli.host_commands import PLAIN_HELP
    from factquiz.host.plain import COMMANDS

    for name, aliases, _args, what in COMMANDS:
        assert f"{name} ({aliases})" in PLAIN_HELP or (
            not aliases and f"  {name} " in PLAIN_HELP
        ), name
        assert what.rsplit("(", 1)[0].strip() in PLAIN_HELP, name
    result = runner.invoke(app, ["host", "--help"], terminal_width=120)
    assert "adjust (a) TEAM ±N REASON" in result.output


# --- kill -9 at random moments, then resume ----------------------------------


class PlainProcess:
    """`factquiz host --plain` in a subprocess, fed one command at a time."""

    def __init__(self, args: list[str], cwd: Path):
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen([sys.executable, "-m", "factquiz", "host", *args, "--plain"], cwd=cwd, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
        self.wait_for("输入 help 查看命令")

    def wait_for(self, text: str) -> str:
        # However slow the machine: the next lines, never a deadline (a busy machine once ran
        # past one). The process's own end, or 200 lines without the text, stops the wait.
        for _ in range(200):
            line = self.proc.stdout.readline().decode("utf-8")
            if not line:
                raise AssertionError(
                    f"process ended before {text!r}: {self.proc.stderr.read().decode()}"
                )
            if text in line or line.startswith("提示"):
                return line
        raise AssertionError(f"no {text!r} within 200 lines")

    def send(self, command: str) -> None:
        self.proc.stdin.write((command + "\n").encode("utf-8"))
        self.proc.stdin.flush()

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()


def test_killing_the_process_at_random_moments_loses_no_recorded_event(tmp_path):
    config = write_config(tmp_path)
    journal = tmp_path / "k.journal.jsonl"
    script = SCRIPT  # every command records exactly one event
    rng = random.Random(20261127)
    done = 0  # commands acknowledged as recorded
    process = PlainProcess([str(config), "--journal", str(journal)], tmp_path)
    kills = 0
    while done < len(script):
        stop_at = min(len(script), done + rng.randint(1, 8))
        while done < stop_at - 1:
            process.send(script[done])
            assert "已记录" in process.wait_for("已记录"), script[done]
            done += 1
        # The last command of this stretch: kill without waiting, or right after the acknowledgement.
        process.send(script[done])
        if rng.random() < 0.5:
            # Only where the kill lands: whatever the machine's speed, the checks below hold.
            time.sleep(rng.random() * 0.02)
        else:
            process.wait_for("已记录")
            done += 1
        process.kill()
        kills += 1
        recorded = [e.type for e in read_journal(journal).events]
        assert len(recorded) >= done, "an acknowledged event was lost"
        assert len(recorded) <= done + 1
        done = len(recorded)
        if done < len(script):
            process = PlainProcess(["--resume", str(journal)], tmp_path)
    assert kills >= 3
    final = resume_session(journal)
    final.close()
    assert final.state.phase == "finished"
    assert final.state.scores == (95, 110, 150)


def test_preset_shrinks_the_buzz_round_to_fit_a_small_bank(tmp_path):
    bank = write_bank(tmp_path, 14)
    result = runner.invoke(app, ["host", str(bank), "--teams", "一队,二队,三队", "--plain", "--seed", "1",
                                 "--journal", str(tmp_path / "p.journal.jsonl")], input="")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "注意：题库共 14 题，抢答题由 10 题减为 5 题" in result.output


def test_preset_too_small_for_the_teams_is_refused_with_the_numbers(tmp_path):
    bank = write_bank(tmp_path, 8)
    result = runner.invoke(
        app, ["host", str(bank), "--teams", "一队,二队,三队,四队", "--plain"], input=""
    )
    assert result.exit_code == 1
    assert (
        "error: <preset dangshi>:" in result.output
        and "needs 4 questions (1 × 4 teams)" in result.output
    )


def test_resume_with_other_teams_is_refused(tmp_path):
    bank = write_bank(tmp_path, 30)
    journal = str(tmp_path / "p.journal.jsonl")
    runner.invoke(
        app,
        ["host", str(bank), "--teams", "一队,二队", "--plain", "--journal", journal],
        input="next\n",
    )
    result = runner.invoke(
        app, ["host", str(bank), "--teams", "一队,三队", "--plain", "--resume", journal], input=""
    )
    assert result.exit_code == 1
    assert "competition of other teams (一队、二队)" in result.output
    ok = runner.invoke(
        app, ["host", str(bank), "--teams", "一队,二队", "--plain", "--resume", journal], input=""
    )
    assert ok.exit_code == 0 and "已恢复 1 条记录" in ok.output
