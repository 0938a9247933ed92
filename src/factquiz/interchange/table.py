"""Question tables (题库表) ⇄ banks: the column mapping shared by the Excel and CSV formats.

A table has a header row (found among the first rows, so a title row above
it is fine) and one question per row. Headers may be Chinese or English
(题型/type, 题干/题目/stem, 选项A…选项H/A…H, 答案/正确答案/answer, 解析,
分值, 难度, 标签/分类, 编号/id, 来源/出处, 时限, 不打乱, 自动生成); cell
conventions are in ``table_cells``. Each row is checked by the same code as
a YAML question (``factquiz.banks.loader.parse_question``), so messages are
the same, located as ``题库.xlsx[Sheet1]:7: 答案: …``; every problem of every
row is collected before anything is reported.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from factquiz.banks.loader import DEFAULTS, parse_judge, parse_question
from factquiz.banks.yamlnodes import LineDict, LineList
from factquiz.errors import BankError, Location, Problem
from factquiz.interchange import table_cells as cells
from factquiz.model import Bank, Defaults, Question, Source, letter

MAX_OPTION_COLUMNS = 8
HEADER_SEARCH_ROWS = 10  # the header may sit under a title or a note


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # written on export
    aliases: tuple[str, ...]
    note: str = ""  # shown as a comment on the exported header cell


COLUMNS: tuple[Column, ...] = (
    Column("id", "编号", ("编号", "题号", "序号", "试题编号", "题目编号", "id", "题目id", "qid", "questionid"),
           "题目的唯一编号（字母、数字、- _ .，可用中文）；留空则按顺序编为 q001、q002…"),
    Column("type", "题型", ("题型", "类型", "题目类型", "试题类型", "题类", "type", "questiontype", "qtype"),
           "单选 / 多选 / 判断 / 填空 / 简答"),
    Column("stem", "题干", ("题干", "题目", "试题", "问题", "题目内容", "试题内容", "题干内容", "内容", "stem", "question", "questiontext", "text")),
    Column("answer", "答案", ("答案", "正确答案", "参考答案", "标准答案", "正确选项", "answer", "correct", "correctanswer", "key"),
           "单选填字母 B；多选填 ABD（或 A,B,D / A、B、D）；判断填 正确/错误（对/错、√/×、T/F）；"
           "填空：多个空用 | 或 ；分隔，同一空的多个可接受答案用 / 分隔，数字允许误差写 ±，如 591 | 80余/80多、98.5±0.1；"
           "答案里本身有 | / ； ± 时在前面加 \\；简答填参考答案"),
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


def _missing_columns(sheet: RawSheet, header: Header) -> list[Problem]:
    required = [k for k in REQUIRED if not (k == "type" and sheet_type(sheet.sheet))]
    missing = [COLUMN_BY_KEY[k].header for k in required if k not in header.names]
    if not missing:
        return []
    found = "、".join(header.names.values())
    return [Problem(
        f"missing required column {'、'.join(missing)}; the header row needs 题型、题干 and 答案 (found: {found})",
        sheet.where(header.row),
    )]  # fmt: skip


class _Rows:
    """Turns the rows under a header into questions, collecting problems with sheet, row and column."""

    def __init__(self, sheet: RawSheet, header: Header, defaults: Defaults):
        self.sheet = sheet
        self.header = header
        self.defaults = defaults
        self.problems: list[Problem] = []
        self.type_hint = sheet_type(sheet.sheet)

    def column_name(self, key: str) -> str:
        """The column's header as written in this sheet (or its standard name)."""
        if key in self.header.names:
            return self.header.names[key]
        if key in COLUMN_BY_KEY:
            return COLUMN_BY_KEY[key].header
        return f"选项{key}" if key in OPTION_KEYS else key

    def error(self, row: int, key: str, message: str) -> None:
        self.problems.append(Problem(message, self.sheet.where(row, self.column_name(key))))

    def read(self, row: int, values: list[Any]) -> tuple[LineDict | None, str]:
        """The row as a question mapping for the loader (None for a blank row), and its id cell."""
        cell = {
            key: values[pos] if pos < len(values) else None
            for pos, key in self.header.columns.items()
        }

        def text(key: str) -> str:
            try:
                return cells.cell_text(cell.get(key))
            except cells.CellError as exc:
                self.error(row, key, str(exc))
                return ""

        stem, answer_cell = text("stem"), cell.get("answer")
        if not stem and not text("answer") and not text("type"):
            return None, ""  # an empty row, or a section title such as “一、单选题”
        raw = LineDict()
        raw.line = row
        raw.key_lines = {}
        raw.duplicate_keys = []

        def put(key: str, value: Any) -> None:
            raw[key] = value
            raw.key_lines[key] = row

        qtype = self.type_hint
        if text("type"):
            try:
                qtype = cells.parse_type(cell["type"])
            except cells.CellError as exc:
                self.error(row, "type", str(exc))
                return None, ""
        elif qtype is None:
            self.error(row, "type", "empty; write 单选, 多选, 判断, 填空 or 简答")
            return None, ""
        put("type", qtype)
        put("stem", stem)
        options = self._options(row, cell, text)
        if options:
            put("options", options)
        answer = self._answer(row, qtype, answer_cell, text("answer"), options, raw)
        if answer is not None:
            put("answer", answer)
        for key in ("explanation", "source"):
            if text(key):
                put(key, text(key))
        if text("tags"):
            put("tags", _line_list(cells.parse_tags(cell["tags"]), row))
        if text("points"):
            put("points", cells.parse_number(cell["points"], ("分", "points", "pts")))
        if text("time_limit"):
            put("time_limit", cells.parse_number(cell["time_limit"], ("秒", "s", "sec", "seconds")))
        if text("difficulty"):
            put("difficulty", cells.parse_difficulty(cell["difficulty"]))
        for key, flag, invert in (
            ("keep_order", "shuffle", True),
            ("shuffle", "shuffle", False),
            ("generated", "generated", False),
        ):
            if key in self.header.names and text(key):
                try:
                    put(flag, cells.parse_yes_no(cell[key]) != invert)
                except cells.CellError as exc:
                    self.error(row, key, str(exc))
        return raw, text("id")

    def _options(
        self, row: int, cell: dict[str, Any], text: Callable[[str], str]
    ) -> LineList | None:
        present = [k for k in OPTION_KEYS if k in self.header.names]
        values = [text(k) for k in present]
        while values and not values[-1]:
            values.pop()
        for k, value in zip(present, values, strict=False):  # values lost their empty tail
            if not value:
                self.error(
                    row, k, "empty, but a later option is filled; fill the options in order from A"
                )
        return _line_list(values, row) if values else None

    def _answer(
        self, row: int, qtype: str, value: Any, text: str, options: LineList | None, raw: LineDict
    ) -> Any:
        if not text:
            return None
        if qtype == "judge":
            if isinstance(value, bool):
                return value
            if options is not None:
                # Many templates give judge questions the options 正确 / 错误 and the answer A or B.
                del_options = all(parse_judge(o) is not None for o in options)
                letters = cells.fold(text).upper()
                if del_options and len(letters) == 1 and "A" <= letters <= letter(len(options) - 1):
                    raw.pop("options", None)
                    return parse_judge(options[ord(letters) - ord("A")])
                if del_options:
                    raw.pop("options", None)
            return text
        if qtype == "fill":
            try:
                blanks = cells.parse_blanks(value)
            except cells.CellError as exc:
                self.error(row, "answer", str(exc))
                return None
            return _line_list([_loader_blank(b, row) for b in blanks], row)
        return text


def _line_list(items: Sequence[Any], row: int) -> LineList:
    out = LineList(items)
    out.line = row
    out.item_lines = [row] * len(items)
    return out


def _loader_blank(blank: Any, row: int) -> Any:
    if isinstance(blank, dict):
        mapping = LineDict(accept=_line_list(blank["accept"], row), tolerance=blank["tolerance"])
        mapping.line, mapping.key_lines, mapping.duplicate_keys = (
            row,
            {"accept": row, "tolerance": row},
            [],
        )
        return mapping
    return _line_list(blank, row) if isinstance(blank, list) else blank


def _field_column(field_name: str, rows: _Rows) -> str:
    """The loader's field ("answer[2]", "options[3]") as the sheet's column header ("答案", "选项C")."""
    root = re.split(r"[\[.]", field_name, maxsplit=1)[0]
    if root == "options":
        match = re.match(r"options\[(\d+)\]", field_name)
        return rows.column_name(letter(int(match.group(1)) - 1)) if match else "选项"
    key = {"shuffle": "keep_order" if "keep_order" in rows.header.names else "shuffle"}.get(
        root, root
    )
    return rows.column_name(key) if key in COLUMN_BY_KEY else field_name


def read_questions(
    sheets: Sequence[RawSheet], defaults: Defaults = DEFAULTS
) -> tuple[list[Question], list[Problem]]:
    """Every question in the sheets, in order, with stable ids; and every problem found."""
    headed: list[tuple[RawSheet, Header]] = []
    problems: list[Problem] = []
    for sheet in sheets:
        header = find_header(sheet)
        if header is not None:
            headed.append((sheet, header))
            problems += _missing_columns(sheet, header)
    if not headed:
        used = [s for s in sheets if s.rows]
        where = (
            used[0].where(used[0].rows[0][0])
            if used
            else (sheets[0].where(None) if sheets else Location())
        )
        raise BankError([Problem(
            "no header row found; the first row must name the columns, e.g. 题型 | 题干 | 选项A | 选项B | 选项C | 选项D | 答案 | 解析",
            where,
        )])  # fmt: skip
    if problems:
        raise BankError(problems)

    found: list[
        tuple[Question, _Rows, str, int]
    ] = []  # question, its sheet reader, id as written, row
    for sheet, header in headed:
        rows = _Rows(sheet, header, defaults)
        for row, values in sheet.rows[header.index + 1 :]:
            raw, written_id = rows.read(row, values)
            if raw is None:
                continue
            raw["id"] = written_id or "placeholder"
            raw.key_lines["id"] = row
            question, row_problems = parse_question(raw, sheet.file, defaults)
            # a cell this module already explained is not reported again in the loader's words
            explained = {p.location.field for p in rows.problems if p.location.line == row}
            for p in row_problems:
                column = _field_column(p.location.field, rows)
                if column not in explained:
                    rows.problems.append(Problem(p.message, sheet.where(row, column)))
            if question is not None:
                found.append((question, rows, written_id, row))
        problems += rows.problems
    questions = _assign_ids(found, problems)
    return questions, problems


def _assign_ids(
    found: list[tuple[Question, _Rows, str, int]], problems: list[Problem]
) -> list[Question]:
    """Keep written ids (reporting repeats); number the rest q001, q002… by position, skipping taken ids."""
    from dataclasses import replace

    width = max(3, len(str(len(found))))
    taken = {written for _, _, written, _ in found if written}
    first_row: dict[str, tuple[str, int]] = {}
    out = []
    for n, (question, rows, written, row) in enumerate(found, start=1):
        qid = written
        if not qid:
            qid = f"q{n:0{width}d}"
            while qid in taken:
                qid += "-x"
        if qid in first_row:
            sheet, earlier = first_row[qid]
            where = f"row {earlier}" if sheet == rows.sheet.sheet else f"[{sheet}] row {earlier}"
            rows_error = Problem(
                f"duplicate id {qid!r} (first on {where}); ids must be unique",
                rows.sheet.where(row, rows.column_name("id")),
            )
            problems.append(rows_error)
            continue
        first_row[qid] = (rows.sheet.sheet, row)
        out.append(replace(question, id=qid))
    return out


def common_defaults(questions: Sequence[Question]) -> Defaults:
    """Bank defaults = the most common points, time limit and difficulty, so the saved YAML stays short."""
    if not questions:
        return Defaults()
    base = Defaults()

    def most_common(name: str) -> Any:
        counts = Counter(getattr(q, name) for q in questions)
        return max(counts, key=lambda v: (counts[v], v == getattr(base, name), -v))

    return Defaults(
        points=most_common("points"),
        time_limit=most_common("time_limit"),
        difficulty=most_common("difficulty"),
    )


def build_bank(
    sheets: Sequence[RawSheet], title: str, name: str, file: str, info: BankInfo | None = None
) -> Bank:
    """The bank in these sheets; raises BankError listing every problem of every row."""
    defaults = info.defaults if info else Defaults()
    questions, problems = read_questions(sheets, defaults)
    if problems:
        raise BankError(problems)
    return Bank(
        title=(info.title if info and info.title else title),
        questions=tuple(q if q.bank == name else _with_bank(q, name) for q in questions),
        name=name,
        language=info.language if info else "zh-CN",
        sources=info.sources if info else (),
        defaults=defaults if info else common_defaults(questions),
        generator=info.generator if info else None,
        path=file,
    )


def _with_bank(q: Question, name: str) -> Question:
    from dataclasses import replace

    return replace(q, bank=name, line=None)


# ---------------------------------------------------------------- export


def export_columns(bank: Bank) -> list[Column | str]:
    """The columns of an exported sheet: option columns as letters, the rest as Column."""
    options = max([len(q.options) for q in bank.questions] + [4])
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
    return q.reference


def question_row(q: Question, columns: Sequence[Column | str]) -> list[Any]:
    """One question as the cells of an exported row (numbers stay numbers)."""
    values: dict[str, Any] = {
        "id": q.id, "type": cells.TYPE_EXPORT_WORDS[q.type], "stem": q.stem, "answer": export_answer(q),
        "explanation": q.explanation, "points": q.points, "difficulty": q.difficulty, "tags": cells.format_tags(q.tags),
        "time_limit": q.time_limit, "source": q.source, "keep_order": "" if q.shuffle else "是",
        "generated": "是" if q.generated else "",
    }  # fmt: skip
    row = []
    for column in columns:
        if isinstance(column, str):
            index = ord(column) - ord("A")
            row.append(q.options[index] if index < len(q.options) else "")
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


# ---------------------------------------------------------------- bank information (xlsx sheet 题库信息)

INFO_SHEET = "题库信息"
_SOURCE_FIELDS = {"标题": "title", "日期": "date", "文件": "file", "网址": "url"}


@dataclass(frozen=True)
class BankInfo:
    title: str = ""
    language: str = "zh-CN"
    sources: tuple[Source, ...] = ()
    defaults: Defaults = Defaults()
    generator: dict | None = None


def info_rows(bank: Bank) -> list[tuple[str, Any]]:
    """The bank's own fields as 项目 | 内容 rows, so a workbook keeps the whole bank."""
    rows: list[tuple[str, Any]] = [
        ("格式", "factquiz/1"), ("标题", bank.title), ("语言", bank.language),
        ("默认分值", bank.defaults.points), ("默认时限", bank.defaults.time_limit), ("默认难度", bank.defaults.difficulty),
    ]  # fmt: skip
    for n, source in enumerate(bank.sources, start=1):
        for label, attr in _SOURCE_FIELDS.items():
            rows.append((f"来源{n}{label}", getattr(source, attr)))
    if bank.generator is not None:
        rows.append(("生成参数", json.dumps(bank.generator, ensure_ascii=False)))
    return rows


def parse_info(sheet: RawSheet) -> BankInfo:
    """Read the 项目 | 内容 rows written by ``info_rows``; raise BankError naming unknown or bad rows."""
    values: dict[str, Any] = {}
    lines: dict[str, int] = {}
    sources: dict[int, dict[str, str]] = {}
    problems: list[Problem] = []
    for row, cells_ in sheet.rows:
        key = cells.cell_text(cells_[0]) if cells_ else ""
        value = cells_[1] if len(cells_) > 1 else None
        if not key or key == "项目":
            continue
        match = re.fullmatch(r"来源(\d+)(标题|日期|文件|网址)", key)
        if match:
            sources.setdefault(int(match.group(1)), {})[_SOURCE_FIELDS[match.group(2)]] = (
                cells.cell_text(value)
            )
        elif key in ("格式", "标题", "语言", "默认分值", "默认时限", "默认难度", "生成参数"):
            values[key] = value
            lines[key] = row
        else:
            problems.append(
                Problem(
                    f"unknown item {key!r}; known: 标题、语言、默认分值、默认时限、默认难度、来源1标题…",
                    sheet.where(row, "项目"),
                )
            )
    defaults = Defaults()
    numbers = {}
    for key, attr in (
        ("默认分值", "points"),
        ("默认时限", "time_limit"),
        ("默认难度", "difficulty"),
    ):
        if values.get(key) not in (None, ""):
            number = cells.parse_number(values[key], ())
            valid = (
                isinstance(number, (int, float))
                and number >= 0
                and (attr == "points" or float(number).is_integer())
            )
            if attr == "difficulty" and number not in (1, 2, 3):
                valid = False
            if not valid:
                problems.append(
                    Problem(
                        f"{values[key]!r} is not a valid {key}", sheet.where(lines.get(key), key)
                    )
                )
            else:
                numbers[attr] = int(number) if float(number).is_integer() else number
    defaults = Defaults(**numbers)
    generator = None
    if values.get("生成参数"):
        try:
            generator = json.loads(cells.cell_text(values["生成参数"]))
        except json.JSONDecodeError:
            problems.append(
                Problem(
                    "生成参数 is not valid JSON; leave the cell as factquiz wrote it",
                    sheet.where(lines.get("生成参数"), "生成参数"),
                )
            )
    if problems:
        raise BankError(problems)
    return BankInfo(
        title=cells.cell_text(values.get("标题")),
        language=cells.cell_text(values.get("语言")) or "zh-CN",
        sources=tuple(Source(**sources[n]) for n in sorted(sources)),
        defaults=defaults,
        generator=generator if isinstance(generator, dict) else None,
    )
