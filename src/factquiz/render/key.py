"""The answer key (参考答案) of one version: a quick grid for marking, then every answer with its explanation and source."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from factquiz.model import Question, letter
from factquiz.render.blocks import choice_stem, one_line, points_note
from factquiz.render.layout import Section, Version, split_blanks
from factquiz.render.order_match import match_answer, order_answer
from factquiz.render.paper import keep_blocks, section_heading
from factquiz.render.styles import CONTENT_WIDTH, LIGHT, RULE, Bold, Styles, para, rich
from factquiz.render.text import markup

GRID_COLUMNS = 10


def answer_line(question: Question) -> str:
    """The answer as the key prints it: "B. 591", "A C D（…）", "正确（√）", "591；80余（也可答…）", the reference."""
    if question.type == "single":
        return "；".join(f"{letter(i)}. {one_line(question.options[i])}" for i in question.correct)
    if question.type == "multiple":
        return (
            question.answer_letters
            + "（"
            + "；".join(one_line(o) for o in question.correct_options())
            + "）"
        )
    if question.type == "judge":
        return "正确（√）" if question.truth else "错误（×）"
    if question.type == "order":
        return order_answer(question)
    if question.type == "match":
        return match_answer(question)
    if question.type == "fill":
        parts = []
        for i, blank in enumerate(question.blanks, 1):
            text = blank.canonical
            if len(blank.answers) > 1:
                text += "（也可答：" + "、".join(blank.answers[1:]) + "）"
            if blank.tolerance:
                text += f"（误差±{blank.tolerance:g}）"
            parts.append(f"第{i}空：{text}" if len(question.blanks) > 1 else text)
        return "；".join(parts)
    return question.reference or "（无参考答案）"


def short_answer(question: Question) -> str:
    """Compact answer for the marking grid: "B", "ACD", "√", "×"."""
    if question.type in ("single", "multiple"):
        return question.answer_letters
    if question.type == "judge":
        return "√" if question.truth else "×"
    if question.type in ("order", "match"):
        return question.laid_out().sequence_letters
    return ""


def key_stem(question: Question) -> str:
    """The stem as the key shows it (markup): blanks filled in and underlined, the choice bracket holding the answer."""
    if question.type == "fill":
        pieces = split_blanks(question.stem, len(question.blanks))
        out = [markup(pieces[0])]
        for blank, piece in zip(question.blanks, pieces[1:], strict=True):
            out.append("<u>" + markup(blank.canonical) + "</u>" + markup(piece))
        return "".join(out)
    if question.type in ("single", "multiple"):
        return choice_stem(question.stem, markup(f"（{question.answer_letters}）"))
    if question.type == "judge":
        return markup(question.stem + ("（√）" if question.truth else "（×）"))
    return markup(question.stem)


def marking_grid(version: Version, styles: Styles) -> list[Flowable]:
    """Answers of choice and judge questions ten to a row, for quick marking."""
    pairs = [(n, short_answer(q)) for n, q in version.numbered() if short_answer(q)]
    if not pairs:
        return []
    rows: list[list[str]] = []
    for start in range(0, len(pairs), GRID_COLUMNS):
        chunk = pairs[start : start + GRID_COLUMNS]
        pad = [""] * (GRID_COLUMNS - len(chunk))
        rows.append(["题号", *[str(n) for n, _ in chunk], *pad])
        rows.append(["答案", *[a for _, a in chunk], *pad])
    first = 40
    width = (CONTENT_WIDTH - first) / GRID_COLUMNS
    table = Table(rows, colWidths=[first] + [width] * GRID_COLUMNS, rowHeights=17)
    commands = [
        ("FONT", (0, 0), (-1, -1), styles.font, styles.cell.fontSize),
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (0, -1), LIGHT),
    ]
    commands += [("BACKGROUND", (0, r), (-1, r), LIGHT) for r in range(0, len(rows), 2)]
    table.setStyle(TableStyle(commands))
    return [Bold(para("答案速查", styles.section), 0.3), table, Spacer(1, 6)]


def key_question(
    number: int, question: Question, styles: Styles, uniform: bool = True
) -> list[Flowable]:
    stem = markup(points_note(question, uniform)) + key_stem(question)
    parts: list[Flowable] = [rich(stem, styles.question, f"{number}.")]
    detail = [("【答案】", answer_line(question))]
    if question.explanation:
        detail.append(("【解析】", question.explanation))
    if question.source:
        detail.append(("【出处】", question.source))
    parts += [rich(markup(label) + markup(text), styles.detail) for label, text in detail]
    return parts


def key_section(section: Section, styles: Styles) -> list[Flowable]:
    items = [key_question(n, q, styles, section.uniform_points) for n, q in section.numbered()]
    return keep_blocks(section_heading(section, styles), items)


def key_flowables(version: Version, title: str, styles: Styles) -> list[Flowable]:
    out: list[Flowable] = [Bold(para(title, styles.title))]
    out.append(para("参考答案" + (f"（{version.name}）" if version.name else ""), styles.subtitle))
    out.append(Spacer(1, 10))
    out += marking_grid(version, styles)
    for section in version.sections:
        out += key_section(section, styles)
    return out
