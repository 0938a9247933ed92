"""The answer key (参考答案) of one version: a quick grid for marking, then every answer with its explanation and source."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from factquiz.model import Question
from factquiz.render.blocks import blank_number, choice_stem, one_line, option_label, points_note
from factquiz.render.layout import Section, Version, split_blanks
from factquiz.render.paper import PaperLook, keep_blocks, section_heading
from factquiz.render.styles import CONTENT_WIDTH, LIGHT, RULE, Bold, Styles, para, rich
from factquiz.render.text import balanced_title, markup

ANSWER_COLOUR = (
    "#a00000"  # dark red: stands out on screen, prints as a dark grey in black and white
)
STRIP = 5  # 答案速查 groups five questions: "1–5 ABCDA"


def answer_line(question: Question) -> str:
    """The answer as the key prints it: "B．591", "ACD（…）", "正确（√）", "①591；②80余（也可答…）", the reference."""
    if question.type == "single":
        return "；".join(
            f"{option_label(i)}{one_line(question.options[i])}" for i in question.correct
        )
    if question.type == "multiple":
        return (
            question.answer_letters
            + "（"
            + "；".join(one_line(o) for o in question.correct_options())
            + "）"
        )
    if question.type == "judge":
        return "正确（√）" if question.truth else "错误（×）"
    if question.type in ("order", "match"):
        return question.answer_in_full()
    if question.type == "fill":
        parts = []
        for i, blank in enumerate(question.blanks):
            text = blank.canonical
            if len(blank.answers) > 1:
                text += "（也可答：" + "、".join(blank.answers[1:]) + "）"
            if blank.tolerance:
                text += f"（误差±{blank.tolerance:g}）"
            parts.append(f"{blank_number(i)}{text}" if len(question.blanks) > 1 else text)
        return "；".join(parts)
    if question.type == "short":
        return question.reference or "（无参考答案）"
    return question.answer_text() or "（无参考答案）"


def short_answer(question: Question) -> str:
    """Compact answer for 答案速查: "B", "ACD", "√", "①591 ②80余", the order or pairs; "" for a short answer."""
    if question.type in ("single", "multiple"):
        return question.answer_letters
    if question.type == "judge":
        return "√" if question.truth else "×"
    if question.type == "fill":
        if len(question.blanks) == 1:
            return question.blanks[0].canonical
        return "　".join(f"{blank_number(i)}{b.canonical}" for i, b in enumerate(question.blanks))
    if question.type in ("order", "match"):
        return question.laid_out().sequence_letters
    if question.type == "short":
        return ""
    return one_line(question.answer_text())


def key_stem(question: Question) -> str:
    """The stem as the key shows it (markup): blanks filled in and underlined, the choice bracket holding the answer."""
    if question.type == "fill":
        pieces = split_blanks(question.stem, len(question.blanks))
        out = [markup(pieces[0])]
        several = len(question.blanks) > 1
        for i, (blank, piece) in enumerate(zip(question.blanks, pieces[1:], strict=True)):
            number = blank_number(i) if several else ""
            out.append(
                number + emphasised("<u>" + markup(blank.canonical) + "</u>") + markup(piece)
            )
        return "".join(out)
    if question.type in ("single", "multiple"):
        return choice_stem(question.stem, emphasised(markup(f"（{question.answer_letters}）")))
    if question.type == "judge":
        return markup(question.stem) + emphasised("（√）" if question.truth else "（×）")
    return markup(question.stem)


def emphasised(markup_text: str) -> str:
    return f'<font color="{ANSWER_COLOUR}">{markup_text}</font>'


def strips(version: Version) -> tuple[list[str], list[tuple[int, str]]]:
    """答案速查: runs of five choice/judge answers ("1–5　BACDA") and the other answers one by one."""
    groups: list[str] = []
    run: list[tuple[int, str]] = []
    others: list[tuple[int, str]] = []

    def flush() -> None:
        if run:
            first, last = run[0][0], run[-1][0]
            numbers = f"{first}–{last}" if last != first else str(first)
            joined = (
                "".join(a for _, a in run)
                if all(len(a) == 1 for _, a in run)
                else " ".join(a for _, a in run)
            )
            groups.append(f"{numbers}　{joined}")
            run.clear()

    for number, question in version.numbered():
        answer = short_answer(question)
        if question.type in ("single", "multiple", "judge"):
            if run and (number != run[-1][0] + 1 or len(run) == STRIP):
                flush()
            run.append((number, answer))
        else:
            flush()
            if answer:
                others.append((number, answer))
    flush()
    return groups, others


def marking_grid(version: Version, styles: Styles) -> list[Flowable]:
    """答案速查: choice and judge answers in strips of five, then fills, orders and matches, for quick marking."""
    groups, others = strips(version)
    if not groups and not others:
        return []
    out: list[Flowable] = [Bold(para("答案速查", styles.section), 0.3)]
    if groups:
        columns = 4
        rows = [groups[i : i + columns] for i in range(0, len(groups), columns)]
        rows[-1] += [""] * (columns - len(rows[-1]))
        cells = [
            [Bold(rich(emphasised(markup(g)), styles.cell), 0.3) if g else "" for g in row]
            for row in rows
        ]
        table = Table(cells, colWidths=[CONTENT_WIDTH / columns] * columns)
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), styles.font, styles.cell.fontSize),
                    ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("BACKGROUND", (0, 0), (-1, -1), LIGHT),
                ]
            )
        )
        out.append(table)
    for number, answer in others:
        out.append(Bold(rich(f"{number}．" + emphasised(markup(answer)), styles.detail), 0.3))
    out.append(Spacer(1, 6))
    return out


def key_question(
    number: int, question: Question, styles: Styles, uniform: bool = True
) -> list[Flowable]:
    stem = markup(points_note(question, uniform)) + key_stem(question)
    parts: list[Flowable] = [rich(stem, styles.question, f"{number}.")]
    answer = rich(markup("【答案】") + emphasised(markup(answer_line(question))), styles.detail)
    parts.append(Bold(answer, 0.35))
    if question.explanation:
        parts.append(rich(markup("【解析】") + markup(question.explanation), styles.detail))
    if question.source:
        parts.append(rich(markup("【出处】") + markup(question.source), styles.source))
    return parts


def key_section(section: Section, styles: Styles, look: PaperLook | None = None) -> list[Flowable]:
    items = [key_question(n, q, styles, section.uniform_points) for n, q in section.numbered()]
    plain = PaperLook(score_boxes=False, headings=look.headings) if look else None
    return keep_blocks(section_heading(section, styles, plain), items)


def key_flowables(
    version: Version, title: str, styles: Styles, look: PaperLook | None = None
) -> list[Flowable]:
    out: list[Flowable] = [Bold(rich(balanced_title(title, styles.title), styles.title))]
    out.append(para("参考答案" + (f"（{version.name}）" if version.name else ""), styles.subtitle))
    out.append(Spacer(1, 10))
    out += marking_grid(version, styles)
    for section in version.sections:
        out += key_section(section, styles, look)
    return out
