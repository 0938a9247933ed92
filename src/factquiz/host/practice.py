"""Practice mode: one learner answers in the terminal, sees the explanation, keeps a 错题本.

``run_practice`` asks each question through ``read`` (a line, or None at the
end of input), writes feedback through ``write``, and returns the result;
``missed_bank`` turns the missed questions into a bank that ``practice`` can
take again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from rich.cells import cell_len

from factquiz.cjk import wrap
from factquiz.errors import FactQuizError
from factquiz.host.grading import check_answer, how_to_answer
from factquiz.host.view import fmt, question_lines, reveal_lines
from factquiz.model import Bank, Question

QUIT_WORDS = {"q", "quit", "退出", "结束"}
SKIP_WORDS = {"skip", "跳过", "不会", "?", "？"}
YES_WORDS = {"y", "yes", "对", "是", "会", "1"}
NO_WORDS = {"n", "no", "错", "否", "0"}
# The label a wrapped practice line hangs under: "A. ", "解析：", "✓ ", "[多选] ".
_LABEL = re.compile(r"\s*(?:[A-H]\. |[^\s：]{1,4}：|[✓✗] |\[[^\]]{1,6}\] )?")


@dataclass
class PracticeResult:
    asked: list[Question] = field(default_factory=list)
    right: list[Question] = field(default_factory=list)
    missed: list[Question] = field(default_factory=list)
    stopped_early: bool = False

    @property
    def score(self) -> float:
        return sum(q.points for q in self.right)

    @property
    def max_score(self) -> float:
        return sum(q.points for q in self.asked)


def _ask(read: Callable[[str], str | None], write: Callable[[str], None], prompt: str,
         check: Callable[[str], tuple[bool | None, str]]) -> tuple[str, bool | None]:  # fmt: skip
    """Read until the reply is an answer; returns ("answer"|"skip"|"quit"|"eof", correct)."""
    while True:
        reply = read(prompt)
        if reply is None:
            return "eof", None
        word = reply.strip().lower()
        if word in QUIT_WORDS:
            return "quit", None
        if word in SKIP_WORDS:
            return "skip", False
        correct, hint = check(reply)
        if correct is not None:
            return "answer", correct
        write(f"  提示：{hint}（跳过输入 skip，结束输入 q）")


def run_practice(
    questions: Sequence[Question],
    read: Callable[[str], str | None],
    write: Callable[[str], None],
    answered: Callable[[PracticeResult], None] | None = None,
) -> PracticeResult:
    """Ask every question; ``answered`` is called after each one (the 错题本 is saved there)."""
    result = PracticeResult()
    total = len(questions)
    for number, question in enumerate(questions, start=1):
        write("")
        write(f"第{number}/{total}题  {'★' * question.difficulty}  {fmt(question.points)} 分")
        # The input hint below says how to answer a judge question, so no "（对 / 错）" here too.
        for line in question_lines(question, judge_hint=False):
            write(line)
        if question.type == "short":
            status, _ = _ask(read, write, "想好后回车> ", lambda reply: (True, ""))
            if status in ("answer", "skip"):
                for line in reveal_lines(question):
                    write("  " + line)
                status, correct = _ask(read, write, "自评：答对了吗？(y/n)> ", _self_mark)
        else:

            def check(reply: str, q: Question = question) -> tuple[bool | None, str]:
                verdict = check_answer(q, reply)
                return verdict.correct, verdict.hint

            write(f"  （{how_to_answer(question)}）")
            status, correct = _ask(read, write, "答案> ", check)
        if status in ("eof", "quit"):
            result.stopped_early = True
            break
        result.asked.append(question)
        if correct:
            result.right.append(question)
            write("  ✓ 回答正确！")
        else:
            result.missed.append(question)
            write("  ✗ 回答错误。" if status == "answer" else "  已跳过，记入错题本。")
        if question.type != "short":
            for line in reveal_lines(question):
                write("  " + line)
        if answered is not None:
            answered(result)
    return result


def _self_mark(reply: str) -> tuple[bool | None, str]:
    word = reply.strip().lower()
    if word in YES_WORDS:
        return True, ""
    if word in NO_WORDS:
        return False, ""
    return None, "输入 y（答对）或 n（答错）"


def summary_lines(result: PracticeResult) -> list[str]:
    asked = len(result.asked)
    lines = ["", "== 练习结束 ==" if not result.stopped_early else "== 练习提前结束 =="]
    if not asked:
        return [*lines, "没有作答任何题目。"]
    percent = round(100 * len(result.right) / asked)
    lines.append(
        f"答对 {len(result.right)}/{asked} 题（{percent}%），得分 {fmt(result.score)}/{fmt(result.max_score)}"
    )
    for q in result.missed:
        lines.append(f"  ✗ {q.stem}  答案：{q.answer_text()}")
    return lines


def _key(question: Question) -> tuple[str, str]:
    # Ids change when a question moves into a 错题本 (its bank name is dropped); type and stem do not.
    return question.type, question.stem


def update_missed(
    result: PracticeResult, sources: Sequence[Bank], earlier: Bank | None
) -> Bank | None:
    """The 错题本 after this practice: the earlier one, less what was answered right now, plus what was missed.

    A learner keeps one 错题本 across sessions and banks, so a new practice
    must not overwrite the questions missed before. None when nothing is left.
    """
    right = {_key(q) for q in result.right}
    kept = [q for q in (earlier.questions if earlier else ()) if _key(q) not in right]
    new = missed_bank(result, sources)
    seen = {_key(q) for q in kept}
    questions = [*kept, *(q for q in new.questions if _key(q) not in seen)]
    if not questions:
        return None
    ids: set[str] = set()
    unique = []
    for q in questions:  # two banks may both have a question "q1"
        qid, n = q.id, 2
        while qid in ids:
            qid, n = f"{q.id}-{n}", n + 1
        ids.add(qid)
        unique.append(replace(q, id=qid))
    sources_all = (*(earlier.sources if earlier else ()), *new.sources)
    return replace(new, questions=tuple(unique), sources=tuple(dict.fromkeys(sources_all)),
                   title=earlier.title if earlier else new.title)  # fmt: skip


class MissedBook:
    """The 错题本 file of one practice: read (and so checked) before the first question, saved after
    every answer that changes it (atomically), so a killed session or a closed terminal loses nothing."""

    def __init__(self, path: Path, sources: Sequence[Bank]):
        from factquiz.banks import read_bank

        self.path = Path(path)
        self.sources = sources
        self.earlier = read_bank(self.path) if self.path.exists() else None
        self.problem = ""  # the last save failed: why

    def _changes(self, result: PracticeResult) -> bool:
        """Whether the last answer changes the 错题本 (a miss, or an earlier miss now right)."""
        if not result.asked:
            return False
        last = result.asked[-1]
        if result.missed and result.missed[-1] is last:
            return True
        return self.earlier is not None and _key(last) in {_key(q) for q in self.earlier.questions}

    def save(self, result: PracticeResult) -> str:
        """Save after an answer; a message when it could not be saved (else "")."""
        from factquiz.banks import save_bank

        if not self._changes(result):
            return ""
        notebook = update_missed(result, self.sources, self.earlier)
        try:
            if notebook is None:
                self.path.unlink(missing_ok=True)
            else:
                save_bank(notebook, self.path, schema_hint=None)
        except (FactQuizError, OSError) as exc:
            reason = exc.message if isinstance(exc, FactQuizError) else (exc.strerror or str(exc))
            self.problem = f"错题本没有保存（{reason}）；练习继续，下一题后再试"
            return self.problem
        self.problem = ""
        return ""

    def closing_lines(self, result: PracticeResult) -> list[str]:
        """What the learner is told about the 错题本 at the end."""
        earlier = self.earlier
        if self.problem:
            return [f"错题本 {self.path} 没有保存最后的结果：{self.problem}"]
        if not result.missed and not (earlier and result.right):
            return ["全部答对，没有错题。"] if result.asked else []
        notebook = update_missed(result, self.sources, earlier)
        if notebook is None:
            return [f"全部答对，{self.path} 里的错题都已掌握，已删除。"]
        right = {_key(q) for q in result.right}
        cleared = sum(_key(q) in right for q in earlier.questions) if earlier else 0
        gone = f"，{cleared} 道已答对移出" if cleared > 0 else ""
        return [
            f"错题本 {self.path} 现有 {len(notebook.questions)} 道（本次错 {len(result.missed)} 道{gone}）。再练一次：",
            f"  factquiz practice {self.path}",  # a line of its own: wrapping never splits the command
        ]


def wrap_line(line: str, width: int) -> list[str]:
    """A line of practice output wrapped with the Chinese rules; later lines start under the text
    (after the indent and a label such as "A. " or "解析：")."""
    label = _LABEL.match(line)
    hang = " " * cell_len(label.group(0) if label else "")
    return wrap(line, width, subsequent_indent=hang)


def missed_bank(result: PracticeResult, sources: Sequence[Bank]) -> Bank:
    """The missed questions as a bank (错题本); ids keep their bank name when several banks were used."""
    many = len({q.bank for q in result.missed}) > 1
    questions = tuple(
        replace(q, id=q.ref.replace("/", ".") if many else q.id, bank="") for q in result.missed
    )
    titles = "、".join(dict.fromkeys(b.title.removeprefix("错题本：") for b in sources))
    # A source's file path is relative to its bank's folder; the 错题本 may live elsewhere.
    articles = tuple(dict.fromkeys(replace(s, file="") for b in sources for s in b.sources))
    return Bank(title=f"错题本：{titles}", questions=questions, name="错题本", sources=articles)
