"""Dialogs of the full-screen console: confirm quit, adjust a score (仲裁), list the keys."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

KEYS_HELP = """\
n      下一题 / 下一轮；抢答题中宣布开始
1–9 0  第 1–10 队抢答；风险题选第几档；共答题选队伍
b 1–0  第 11–20 队（b 1 → 11 … b 0 → 20）；b b 输入编号或队名
r / w  判对 / 判错
u / y  撤销 / 重做
空格    开始 / 暂停 / 继续计时（读完题再开始）
c      重新计时（从头开始）
a      显示 / 隐藏答案、解析和原文（给全场看）
h      主持人视图：答案、题号、原文（另有观众屏时，控制台只给主持人看）
p      无人作答，送给观众（按 a 再揭晓答案）
d      风险题放弃（不选分值，不计分）
j      仲裁：调整分数并写明原因
x      开始加时赛（奖项分界处同分时）
e      导出成绩 (CSV / JSON)
q      退出（记录已保存，可用 --resume 继续）"""


class ConfirmQuit(ModalScreen[bool]):
    BINDINGS = [
        Binding("y", "answer(True)", "退出"),
        Binding("n,escape", "answer(False)", "继续比赛"),
    ]

    def __init__(self, journal: str):
        super().__init__()
        self.journal = journal

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("退出比赛？", classes="dialog-title")
            yield Static(
                f"所有记录都已保存在 {self.journal}\n之后可用 factquiz host --resume 继续。\n\n[b]y[/b] 退出    [b]n[/b] 继续比赛"
            )

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class WriteFailed(ModalScreen[str]):
    """Recording stopped (the journal cannot be written): stays until the host retries, saves elsewhere or quits."""

    BINDINGS = [
        Binding("r", "choose('retry')", "重试"),
        Binding("s", "choose('saveas')", "另存"),
        Binding("q", "choose('quit')", "退出"),
    ]

    def __init__(self, lines: list[str]):
        super().__init__()
        self.lines = lines

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="failure"):
            yield Static("记录已停止", classes="dialog-title")
            yield Static("\n".join(self.lines), markup=False)
            yield Static("\n[b]r[/b] 重试    [b]s[/b] 另存到…    [b]q[/b] 退出（这一步不记录）")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)


class LineDialog(ModalScreen[str | None]):
    """One line of input (Enter to send, Escape to cancel)."""

    BINDINGS = [Binding("escape", "cancel", "取消")]

    def __init__(self, title: str, explain: str, placeholder: str):
        super().__init__()
        self.texts = (title, explain, placeholder)

    def compose(self) -> ComposeResult:
        title, explain, placeholder = self.texts
        with Vertical(id="dialog"):
            yield Static(title, classes="dialog-title")
            yield Static(explain)
            yield Input(placeholder=placeholder)

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class KeysHelp(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark,enter", "close", "关闭")]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("按键", classes="dialog-title")
            yield Static(KEYS_HELP)

    def action_close(self) -> None:
        self.dismiss(None)


def adjust_dialog() -> LineDialog:
    """仲裁: one line "TEAM ±N REASON", parsed like the plain command."""
    return LineDialog(
        "仲裁：调整分数", "输入 队伍 ±分数 原因，例如：二队 +10 复核后改判正确", "队伍 ±分数 原因"
    )


def saveas_dialog(suggested: str) -> LineDialog:
    """Where to continue the journal when its disk is full."""
    return LineDialog(
        "另存记录文件", f"输入新记录文件的路径（另一个磁盘或 U 盘），例如 {suggested}", "路径"
    )


def team_dialog() -> LineDialog:
    return LineDialog("抢答的队伍", "输入队伍编号或队名，例如 12 或 十二队", "队伍")
