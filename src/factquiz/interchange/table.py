"""Question tables (题库表) ⇄ banks: the column mapping shared by the Excel and CSV formats.

A table has a header row (found among the first rows, so a title row above
it is fine) and one question per row. Headers may be Chinese or English
(题型/type, 题干/题目/stem, 选项A…选项H/A…H, 答案/正确答案/answer, 解析,
分值, 难度, 标签/分类, 编号/id, 来源/出处, 时限, 不打乱, 自动生成); cell
conventions are in ``table_cells``. Each row is checked by the same code as
a YAML question (``factquiz.banks.questions.parse_question``), so messages
are the same, located as ``题库.xlsx[Sheet1]:7: 答案: …``; every problem of
every row is collected before anything is reported.

This module holds the mapping (headers, columns, export rows); reading rows
into a bank is ``table_read``, the bank's own fields ``table_info``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from factquiz.errors import Location
from factquiz.interchange import table_cells as cells
from factquiz.model import Bank, Question, letter

MAX_OPTION_COLUMNS = 8
HEADER_SEARCH_ROWS = 10  # the header may sit under a title or a note


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # written on export
    aliases: tuple[str, ...]
    note: str = ""  # shown as a comment on the exported header cell


COLUMNS: tuple[Column, ...] = (
    Column("id", "编号", ("编号", "题号", "试题编号", "题目编号", "id", "题目id", "qid", "questionid"),
           "题目的唯一编号（字母、数字、- _ .，可用中文）；留空则按顺序编为 q001、q002…"),
    Column("type", "题型", ("题型", "类型", "题目类型", "试题类型", "题类", "type", "questiontype", "qtype"),
           "单选 / 多选 / 判断 / 填空 / 简答 / 排序 / 连线"),
    Column("stem", "题干", ("题干", "题目", "试题", "问题", "题目内容", "试题内容", "题干内容", "内容", "stem", "question", "questiontext", "text")),
    Column("answer", "答案", ("答案", "正确答案", "参考答案", "标准答案", "正确选项", "answer", "correct", "correctanswer", "key"),
           "单选填字母 B；多选填 ABD（或 A,B,D / A、B、D）；判断填 正确/错误（对/错、√/×、T/F）；"
           "填空：多个空用 | 或 ；分隔，同一空的多个可接受答案用 / 分隔，数字允许误差写 ±，如 591 | 80余/80多、98.5±0.1；"
           "答案里本身有 | / ； ± 时在前面加 \\；简答填参考答案；"
           "排序题填各项字母的正确顺序，如 BADC；连线题答案留空，在选项A、选项B… 里每格写一对 左=右，如 朱德=八路军总指挥"),
    Column("explanation", "解析", ("解析", "答案解析", "试题解析", "题目解析", "解释", "说明", "答案说明", "explanation", "analysis", "feedback", "rationale")),
    Column("points", "分值", ("分值", "分数", "得分", "题目分值", "每题分值", "points", "score", "marks")),
    Column("difficulty", "难度", ("难度", "难易度", "难易程度", "难度等级", "difficulty", "level"), "1 易 / 2 中 / 3 难"),
    Column("tags", "标签", ("标签", "分类", "知识点", "类别", "章节", "题目分类", "试题分类", "tags", "tag", "category", "categories", "topic"),
           "多个标签用 、 分隔"),
    Column("time_limit", "时限", ("时限", "答题时间", "时间", "限时", "答题时限", "时间限制", "timelimit", "time_limit", "time", "seconds"), "答题时间，秒"),
    Column("source", "来源", ("来源", "出处", "原文", "依据", "出题依据", "source")),
    Column("keep_order", "不打乱", ("不打乱", "选项不打乱", "固定顺序", "固定选项", "选项固定", "不乱序", "keeporder", "keep_order", "fixedorder", "noshuffle"),
           "填“是”则选项保持原顺序（如有“以上都对”）"),
    Column("shuffle", "打乱选项", ("打乱", "打乱选项", "选项乱序", "乱序", "shuffle")),
    Column("keys", "排序依据", ("排序依据", "排序键", "排序时间", "keys", "orderkeys"),
           "排序题：各选项的时间或数值，按选项顺序用 | 分隔，如 1921年7月 | 1927年8月1日"),
    Column("generated", "自动生成", ("自动生成", "生成", "机器生成", "generated"), "是：由 factquiz generate 从文章生成"),
)  # fmt: skip
_BY_ALIAS = {cells.fold(alias): c.key for c in COLUMNS for alias in c.aliases}
COLUMN_BY_KEY = {c.key: c for c in COLUMNS}
OPTION_KEYS = tuple(letter(i) for i in range(MAX_OPTION_COLUMNS))
REQUIRED = ("type", "stem", "answer")
_OPTION_HEADER = re.compile(
    r"^(?:选项|option|choice|答案)?[_\-\s]*([a-h])(?:选项|项)?$|^(?:选项|option|choice)[_\-\s]*([1-8])$"
)
_DECORATION = re.compile(r"[*＊:：]|[（(\[【][^）)\]】]*[）)\]】]")


def header_key(text: Any) -> str | None:
    """The column a header names ("正确答案" → "answer", "选项C" → "C"), or None."""
    if not isinstance(text, str):
        return None
    word = cells.fold(_DECORATION.sub("", text))
    if word in _BY_ALIAS:
        return _BY_ALIAS[word]
    match = _OPTION_HEADER.match(word)
    if match:
        return (
            letter(ord(match.group(1)) - ord("a"))
            if match.group(1)
            else letter(int(match.group(2)) - 1)
        )
    return None


@dataclass
class RawSheet:
    """The cells of one sheet (or CSV file) as read, with 1-based row numbers."""

    file: str
    sheet: str  # "" for CSV
    rows: list[tuple[int, list[Any]]]

    def where(self, row: int | None, column: str = "") -> Location:
        return Location(self.file, row, column, self.sheet)


@dataclass
class Header:
    row: int  # row number of the header
    index: int  # position of the header in RawSheet.rows
    columns: dict[int, str]  # cell position → column key
    names: dict[str, str] = field(default_factory=dict)  # column key → header as written


def find_header(sheet: RawSheet) -> Header | None:
    """The first row (within the first few) that names a stem column and at least one other known column."""
    for index, (row, values) in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        columns: dict[int, str] = {}
        names: dict[str, str] = {}
        for position, value in enumerate(values):
            key = header_key(value)
            if key is not None and key not in names:
                columns[position] = key
                names[key] = str(value).strip()
        if "stem" in names and len(names) >= 2:
            return Header(row, index, columns, names)
    return None


def sheet_type(name: str) -> str | None:
    """A sheet named 单选题 / 判断 / Multiple holds questions of that type."""
    return cells.TYPE_WORDS.get(cells.fold(name))


# ---------------------------------------------------------------- export


def export_columns(bank: Bank) -> list[Column | str]:
    """The columns of an exported sheet: option columns as letters, the rest as Column."""
    options = max([len(q.options) or len(q.pairs) for q in bank.questions] + [4])
    columns: list[Column | str] = [
        COLUMN_BY_KEY["id"],
        COLUMN_BY_KEY["type"],
        COLUMN_BY_KEY["stem"],
    ]
    columns += [letter(i) for i in range(options)]
    columns += [
        COLUMN_BY_KEY[k]
        for k in (
            "answer",
            "explanation",
            "points",
            "difficulty",
            "tags",
            "time_limit",
            "source",
            "keep_order",
        )
    ]
    if any(q.keys for q in bank.questions):
        columns.append(COLUMN_BY_KEY["keys"])
    if any(q.generated for q in bank.questions):
        columns.append(COLUMN_BY_KEY["generated"])
    return columns


def column_header(column: Column | str) -> str:
    return f"选项{column}" if isinstance(column, str) else column.header


def export_answer(q: Question) -> str:
    if q.type in ("single", "multiple"):
        return q.answer_letters
    if q.type == "judge":
        return "正确" if q.truth else "错误"
    if q.type == "fill":
        return cells.format_blanks(q.blanks)
    if q.type == "order":
        return q.sequence_letters
    if q.type == "match":
        return ""  # the pairs are in the option cells
    return q.reference


def question_row(q: Question, columns: Sequence[Column | str]) -> list[Any]:
    """One question as the cells of an exported row (numbers stay numbers)."""
    values: dict[str, Any] = {
        "id": q.id, "type": cells.TYPE_EXPORT_WORDS[q.type], "stem": q.stem, "answer": export_answer(q),
        "explanation": q.explanation, "points": q.points, "difficulty": q.difficulty, "tags": cells.format_tags(q.tags),
        "time_limit": q.time_limit, "source": q.source, "keep_order": "" if q.shuffle else "是",
        "generated": "是" if q.generated else "", "keys": cells.format_keys(q.keys) if q.keys else "",
    }  # fmt: skip
    # a match question writes one pair per option cell: 朱德=八路军总指挥
    options = [cells.format_pair(p) for p in q.pairs] if q.type == "match" else q.options
    row = []
    for column in columns:
        if isinstance(column, str):
            index = ord(column) - ord("A")
            row.append(options[index] if index < len(options) else "")
        else:
            row.append(values[column.key])
    return row


def export_rows(bank: Bank) -> tuple[list[Column | str], list[str], list[list[Any]]]:
    columns = export_columns(bank)
    return (
        columns,
        [column_header(c) for c in columns],
        [question_row(q, columns) for q in bank.questions],
    )
