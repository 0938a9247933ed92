"""Plain mode: the competition through line input and output (scripts, screen readers, tests).

One command per line; TEAM is a team's name or its number (1 = first team).
Every event is journaled before the line ``已记录: …`` is printed. Unknown
commands get a hint; end of input ends cleanly (the journal keeps everything).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from factquiz.banks.questions import parse_judge
from factquiz.errors import FactQuizError
from factquiz.host import view
from factquiz.host.events import (
    Adjust,
    Buzz,
    ChooseTier,
    Decline,
    Event,
    Judge,
    Next,
    Open,
    Pass,
    Redo,
    StartTiebreak,
    Undo,
)
from factquiz.host.grading import sequence_letters
from factquiz.host.journal import JournalWriteError
from factquiz.host.rules import DONE, FINISHED, INTRO, RuleError, State
from factquiz.host.session import Session
from factquiz.model import Question, letter

# (command, aliases, arguments, what it does) — the table `--help` and `help` print.
COMMANDS: list[tuple[str, str, str, str]] = [
    ("next", "n", "", "下一题 / 下一轮 / 结束 (show the next question, round or the end)"),
    ("open", "o", "", "宣布开始抢答，计时开始 (open a buzz question)"),
    ("buzz", "b", "TEAM", "记录抢答的队伍；共答题中选择要判定的队伍 (a team buzzes)"),
    ("right", "r", "[OPTION]", "判对，可记所选项 (judge right; option for item analysis)"),
    (
        "wrong",
        "w",
        "[OPTION]",
        "判错，可记所选项：选择题字母如 wrong C，判断题 对/错，排序/连线题字母顺序如 wrong BADC (judge wrong)",
    ),
    ("tier", "t", "N", "风险题选择分值，如 tier 20 (risk round: choose a tier)"),
    ("pass", "p", "", "无人作答，送给观众 (nobody answers)"),
    ("decline", "d", "", "风险题放弃：不选分值，不答题不计分 (decline the risk question)"),
    ("undo", "u", "", "撤销上一步 (undo the last event)"),
    ("redo", "y", "", "重做 (redo)"),
    (
        "adjust",
        "a",
        "TEAM ±N REASON",
        "仲裁改分并写明原因，如 adjust 二队 +10 复核改判 (correct a score)",
    ),
    ("tiebreak", "", "", "开始加时赛（奖项分界处同分时）(start a sudden-death tiebreak)"),
    ("scores", "s", "", "显示比分 (show the scoreboard)"),
    ("answer", "", "", "显示答案、解析和原文 (show answer, explanation, source)"),
    ("export", "e", "", "导出成绩 CSV/JSON (write results next to the journal)"),
    ("retry", "", "", "记录文件写不进去时：腾出空间后重试 (write the unrecorded step again)"),
    (
        "saveas",
        "",
        "PATH",
        "记录文件写不进去时：另存到别处继续 (continue in a new file, e.g. on a USB stick)",
    ),
    ("help", "h ?", "", "显示命令 (list the commands)"),
    ("quit", "q", "", "退出；记录已保存，可用 --resume 继续 (stop; resume later)"),
]

_ALIASES = {alias: name for name, aliases, _, _ in COMMANDS for alias in [name, *aliases.split()]}
_ALIASES.update(
    {
        "下一题": "next",
        "开始": "open",
        "对": "right",
        "错": "wrong",
        "撤销": "undo",
        "重做": "redo",
        "比分": "scores",
        "退出": "quit",
        "帮助": "help",
        "重试": "retry",
        "放弃": "decline",
        "另存": "saveas",
    }
)


def commands_help() -> str:
    rows = []
    for name, aliases, args, what in COMMANDS:
        usage = f"{name} {args}".strip()
        short = f" ({aliases})" if aliases else ""
        rows.append(f"  {usage + short:<28} {what}")
    return "\n".join(rows)


@dataclass(frozen=True)
class Local:
    """A command that only shows something, ends the loop, or looks after the journal (not an event)."""

    name: str
    argument: str = ""


class CommandError(FactQuizError):
    """A line that is not a valid command; the message is a hint."""


def find_team(state: State, text: str) -> int:
    teams = state.game.teams
    if text in teams:
        return teams.index(text)
    shorts = state.game.config.shorts
    if text and text in shorts:
        return shorts.index(text)
    if text.isdigit() and 1 <= int(text) <= len(teams):
        return int(text) - 1
    numbered = "  ".join(f"{i + 1} {t}" for i, t in enumerate(teams))
    raise CommandError(f"没有队伍 {text!r}；用队名或编号：{numbered}")


def recorded_option(question: Question | None, right: bool, text: str) -> str:
    """The option a team chose, as recorded for the item analysis; a hint when it does not fit the question.

    Judge questions take 对/错 (T/F, √/×), choice questions their own letters,
    fill questions the words given; and a choice that contradicts the
    judgement (``right C`` when the answer is B) is refused rather than
    recorded, since the item analysis would count it.
    """
    if question is None or not text:
        return text
    word = unicodedata.normalize("NFKC", text).strip()
    name = question.type_name
    if question.type == "judge":
        truth = parse_judge(word)
        if truth is None:
            raise CommandError(f"{name}的选项是 对 或 错（也可 T / F），如 wrong 错；{word!r} 不是")
        if truth != (question.truth == right):
            raise CommandError(f"本题答案是 {question.answer_text()}，选 {'对' if truth else '错'} 不会判{'对' if right else '错'}；"
                               f"不记选项直接 {'right' if right else 'wrong'}")  # fmt: skip
        return "对" if truth else "错"
    if question.type in ("single", "multiple"):
        last = letter(len(question.options) - 1)
        letters = re.sub(r"[\s,，、]+", "", word).upper()
        if not re.fullmatch(f"[A-{last}]+", letters) or len(set(letters)) != len(letters):
            raise CommandError(
                f"本题是{name}，选项是 A–{last}，如 wrong {'B' if last > 'A' else 'A'}；{word!r} 不是"
            )
        if question.type == "single" and len(letters) != 1:
            raise CommandError(f"单项选择题只记一个字母，如 wrong {letters[0]}")
        letters = "".join(sorted(letters))
        if (letters == question.answer_letters) != right:
            verb = "right" if right else "wrong"
            raise CommandError(
                f"本题答案是 {question.answer_letters}，{verb} {letters} 自相矛盾；不记选项直接 {verb}"
            )
        return letters
    if question.type in ("order", "match"):
        shown = question.laid_out()
        letters = sequence_letters(word.upper(), len(shown.options))
        if letters is None or sorted(letters) != [letter(i) for i in range(len(shown.options))]:
            raise CommandError(
                f"本题是{name}，记下队伍给的全部字母顺序，如 wrong {shown.sequence_letters[::-1]}；{word!r} 不是"
            )
        if (letters == shown.sequence_letters) != right:
            verb = "right" if right else "wrong"
            raise CommandError(
                f"本题答案是 {shown.sequence_letters}，{verb} {letters} 自相矛盾；不记顺序直接 {verb}"
            )
        return letters
    if question.type == "fill":
        return word
    raise CommandError(f"{name}不记选项；直接 {'right' if right else 'wrong'}")


def parse_command(line: str, state: State, by: str = "") -> Event | Local | None:
    """One input line → an event, a local command, or None for a blank line."""
    words = line.split()
    if not words or words[0].startswith("#"):
        return None
    name = _ALIASES.get(words[0].lower(), _ALIASES.get(words[0]))
    args = words[1:]
    if name is None:
        raise CommandError(f"未知命令 {words[0]!r}；输入 help 查看命令")
    if name in ("scores", "answer", "export", "help", "quit", "retry"):
        return Local(name)
    if name == "saveas":
        if len(args) != 1:
            raise CommandError(
                "用法: saveas PATH，如 saveas /media/u盘/比赛.journal.jsonl（新文件）"
            )
        return Local(name, args[0])
    if name in ("next", "open", "pass", "undo", "redo", "decline"):
        if args:
            raise CommandError(f"{name} 不带参数")
        simple = {
            "next": Next(),
            "open": Open(),
            "pass": Pass(),
            "undo": Undo(),
            "redo": Redo(),
            "decline": Decline(),
        }
        return simple[name]
    if name == "buzz":
        if len(args) != 1:
            raise CommandError("用法: buzz TEAM（队名或编号）")
        return Buzz(find_team(state, args[0]))
    if name in ("right", "wrong"):
        if len(args) > 1:
            raise CommandError(f"用法: {name} [OPTION]，OPTION 是所选项如 B、ACD、对、错、BADC")
        return Judge(
            name == "right",
            recorded_option(state.question, name == "right", args[0] if args else ""),
        )
    if name == "tier":
        tiers = [t.points for t in state.round.config.tiers] if state.round.kind == "risk" else []
        if len(args) != 1 or not args[0].isdigit():
            raise CommandError(
                "用法: tier N，N 是分值" + (f"（{' / '.join(map(str, tiers))}）" if tiers else "")
            )
        points = int(args[0])
        if points not in tiers and 1 <= points <= len(tiers):
            points = tiers[points - 1]  # "tier 2" = the second tier, when no tier is worth 2
        return ChooseTier(points)
    if name == "adjust":
        if len(args) < 3 or not re.fullmatch(r"[+\-−]?\d+(\.\d+)?", args[1]):
            raise CommandError("用法: adjust TEAM ±N REASON，如 adjust 二队 +10 复核后改判正确")
        delta = float(args[1].replace("−", "-"))
        who = [w[1:] for w in args[2:] if w.startswith("@") and len(w) > 1]
        reason = " ".join(w for w in args[2:] if not (w.startswith("@") and len(w) > 1))
        return Adjust(
            find_team(state, args[0]),
            int(delta) if delta.is_integer() else delta,
            reason,
            who[0] if who else by,
        )
    if name == "tiebreak":
        return StartTiebreak(tuple(find_team(state, a) for a in args))
    raise CommandError(f"未知命令 {words[0]!r}")


def situation_lines(state: State, with_question: bool = True) -> list[str]:
    """What is on the screen now: the round, the question (with its answer, for the host), who acts."""
    core = state.core
    lines: list[str] = []
    if core.phase == INTRO:
        lines.append(f"== {view.round_title(state)} ==")
        lines.append(view.round_rules(state))
        if core.tiebreak is not None:
            lines.append(
                "参赛：" + "、".join(view.team_name(state, t) for t in core.tiebreak.teams)
            )
    elif core.phase == FINISHED:
        lines.append("== 比赛结束 ==")
        lines += view.scoreboard_lines(state)
        lines += view.awards_lines(state)
    question = state.question
    if with_question and question is not None and core.phase != DONE:
        limit = state.round.config.time_limit or question.time_limit
        lines.append(f"-- {view.round_title(state)} · {view.question_number(state)} · {limit}秒 --")
        lines += view.question_lines(question, show_answer=True)
    lines.append(view.status_line(state))
    return lines


class PlainConsole:
    """Reads commands, sends events to the session, writes what happened.

    When the journal cannot be written, recording stops: the message stays in
    the transcript, the state stays as last recorded, and only ``retry``,
    ``saveas PATH`` and the commands that just show something go on. ``run``
    returns the exit status: 1 when an event or the results could not be saved.
    """

    def __init__(
        self, session: Session, write: Callable[[str], None], by: str = "", prompt: str = "",
        on_change: Callable[[State], None] | None = None,
    ):  # fmt: skip
        self.session = session
        self.write = write
        self.by = by
        self.prompt = prompt
        self.export_failed = False
        self.status = 0
        self.on_change = on_change  # told every new state (the audience screen)
        # Phones' buzzes arrive on the web server's thread: one event at a time, in arrival order.
        self.lock = threading.Lock()

    def banner(self) -> None:
        state = self.session.state
        game = self.session.game
        self.write(
            f"{game.config.title} — {len(game.teams)} 队："
            + "  ".join(f"{i + 1} {t}" for i, t in enumerate(game.teams))
        )
        if self.session.rehearsal:
            self.write("【彩排】本场为彩排，单独记录；正式比赛请不加 --rehearsal 重新开始。")
        self.write(f"记录文件 (journal)：{self.session.journal_path}")
        if self.session.notice:
            self.write(f"注意：{self.session.notice}")
        if self.session.resumed is not None:
            self.write(f"已恢复 {state.events} 条记录。")
            self.write(view.resumed_line(self.session.resumed, state))
        self.write("输入 help 查看命令。")
        for line in situation_lines(state):
            self.write(line)

    def handle(self, line: str) -> bool:
        """Handle one line; False when the host quits."""
        with self.lock:
            return self._handle(line)

    def submit(self, event: Event) -> tuple[bool, str]:
        """An event from elsewhere (a phone's buzz): sent and reported like a typed command."""
        with self.lock:
            state = self.session.state
            try:
                after = self.session.send(event)
            except JournalWriteError as exc:
                self._stopped(exc)
                return False, "主持人电脑无法记录，请告诉主持人"
            except FactQuizError as exc:
                return False, exc.message
            self._recorded(state, after, event)
        return True, ""

    def _handle(self, line: str) -> bool:
        state = self.session.state
        try:
            command = parse_command(line, state, self.by)
        except CommandError as exc:
            self.write(f"提示：{exc.message}")
            return True
        if command is None:
            return True
        if isinstance(command, Local):
            return self._local(command)
        try:
            after = self.session.send(command)
        except RuleError as exc:
            self.write(f"提示：{exc.message}")
            return True
        except JournalWriteError as exc:
            self._stopped(exc)
            return True
        self._recorded(state, after, command)
        return True

    def _recorded(self, state: State, after: State, command: Event) -> None:
        if self.on_change is not None:
            self.on_change(after)
        self.write(f"已记录: {view.feedback(state, after, command)}")
        before, now = state.core, after.core
        if now.phase == DONE and before.phase != DONE and state.question is not None:
            for text in view.reveal_lines(state.question):
                self.write(text)
        if now.question != before.question or now.phase != before.phase or now.team != before.team:
            for text in situation_lines(after, with_question=now.question != before.question):
                self.write(text)
        if now.phase == FINISHED and before.phase != FINISHED:
            self._export()

    def _stopped(self, exc: FactQuizError) -> None:
        """Recording stopped: say so in lines that stand out, and what the host can do."""
        session = self.session
        lines = view.write_failure_lines(
            session.state, session.pending, exc.message, " retry ", " saveas 路径 "
        )
        for text in lines:
            self.write(f"!! {text}")

    def _journal(self, command: Local) -> None:
        """retry / saveas PATH: write the step that was not recorded."""
        session = self.session
        event = session.pending
        if event is None:
            self.write("提示：记录正常，没有要重试的内容")
            return
        state = session.state
        try:
            after = (
                session.retry()
                if command.name == "retry"
                else session.save_elsewhere(Path(command.argument))
            )
        except JournalWriteError as exc:
            self._stopped(exc)
            return
        except FactQuizError as exc:
            self.write(f"提示：{exc}")
            return
        if command.name == "saveas":
            self.write(f"记录文件已另存为 {session.journal_path}，之后的记录都写在这里")
        self._recorded(state, after, event)

    def _local(self, command: Local) -> bool:
        name = command.name
        state = self.session.state
        if name == "help":
            self.write(commands_help())
        elif name == "scores":
            for text in view.scoreboard_lines(state):
                self.write(text)
        elif name == "answer":
            if state.question is None:
                self.write("提示：现在没有题目")
            else:
                for text in view.reveal_lines(state.question):
                    self.write(text)
        elif name == "export":
            self._export()
        elif name in ("retry", "saveas"):
            self._journal(command)
        elif name == "quit":
            self.status = self.finish()
            return False
        return True

    def _export(self) -> None:
        try:
            paths = self.session.export()
        except FactQuizError as exc:
            self.export_failed = True
            self.write(f"!! 成绩没有导出：{exc}")
            return
        self.export_failed = False
        self.write("成绩已导出：" + "  ".join(str(p) for p in paths))

    def finish(self) -> int:
        """The closing lines; the exit status (1: something the host asked for is not saved)."""
        if self.session.state.core.outcomes or self.session.state.core.adjustments:
            self._export()
        if self.session.pending is not None:
            what = view.describe_unrecorded(self.session.state, self.session.pending)
            self.write(f"!! 最后一步「{what}」没有记录；记录文件里是这之前的全部操作")
        else:
            self.write("记录已保存。")
        self.write(f"继续比赛：factquiz host --resume {self.session.journal_path}")
        return 1 if self.session.pending is not None or self.export_failed else 0

    def run(self, lines: Iterable[str]) -> int:
        """Run the whole session; the exit status."""
        self.banner()
        for line in lines:
            if not self.handle(line.rstrip("\n")):
                return self.status
        return self.finish()  # end of input: everything is already in the journal
