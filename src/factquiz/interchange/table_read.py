"""Rows of a question table → questions and a bank, every problem located by sheet, row and column."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from factquiz.banks.questions import DEFAULTS, parse_judge, parse_question
from factquiz.banks.textnorm import count_blanks
from factquiz.banks.yamlnodes import LineDict, LineList
from factquiz.errors import BankError, Location, Problem
from factquiz.interchange import table_cells as cells
from factquiz.interchange.imported import Imported
from factquiz.interchange.table import (
    COLUMN_BY_KEY,
    OPTION_KEYS,
    REQUIRED,
    Header,
    RawSheet,
    find_header,
    sheet_type,
)
from factquiz.interchange.table_info import BankInfo
from factquiz.model import Bank, Defaults, Question, letter


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

    def __init__(
        self,
        sheet: RawSheet,
        header: Header,
        defaults: Defaults,
        fill_separators: str | None = None,
    ):
        self.fill_separators = fill_separators  # None: the stem decides what ';' separates
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
            self.error(row, "type", "empty; write 单选, 多选, 判断, 填空, 简答, 排序 or 连线")
            return None, ""
        put("type", qtype)
        put("stem", stem)
        options = self._options(row, cell, text)
        if options and qtype == "match":
            pairs = self._pairs(row, options)
            if pairs is not None:
                put("pairs", pairs)
            options = None
        elif options:
            put("options", options)
        if text("keys"):
            put("keys", _line_list(cells.parse_keys(cell["keys"]), row))
        answer = self._answer(row, qtype, answer_cell, text("answer"), options, raw, stem)
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

    def _pairs(self, row: int, options: LineList) -> LineList | None:
        """A match row's option cells "朱德=八路军总指挥" as the loader's pairs."""
        pairs = []
        present = [k for k in OPTION_KEYS if k in self.header.names]
        for key, value in zip(present, options, strict=False):
            try:
                pairs.append(_line_list(cells.parse_pair(value), row))
            except cells.CellError as exc:
                self.error(row, key, str(exc))
        # the cells that failed are reported already; the others are checked as usual
        return _line_list(pairs, row) if pairs else None

    def _answer(
        self,
        row: int,
        qtype: str,
        value: Any,
        text: str,
        options: LineList | None,
        raw: LineDict,
        stem: str,
    ) -> Any:
        if not text:
            return None
        if qtype == "match":
            self.error(
                row,
                "answer",
                "a match question's answer is its pairs: write 左=右 in 选项A, 选项B… and leave 答案 empty",
            )
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
                blanks = cells.parse_fill_answer(value, count_blanks(stem), self.fill_separators)
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
    if root in ("options", "pairs"):  # a match question's pairs are in the option cells
        match = re.match(r"(?:options|pairs)\[(\d+)\]", field_name)
        return rows.column_name(letter(int(match.group(1)) - 1)) if match else "选项"
    key = {"shuffle": "keep_order" if "keep_order" in rows.header.names else "shuffle"}.get(
        root, root
    )
    return rows.column_name(key) if key in COLUMN_BY_KEY else field_name


def read_questions(
    sheets: Sequence[RawSheet], defaults: Defaults = DEFAULTS, fill_separators: str | None = None
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
        rows = _Rows(sheet, header, defaults, fill_separators)
        for row, values in sheet.rows[header.index + 1 :]:
            before = len(rows.problems)
            raw, written_id = rows.read(row, values)
            if raw is None:
                continue
            raw["id"] = written_id or "placeholder"
            raw.key_lines["id"] = row
            question, row_problems = parse_question(raw, sheet.file, defaults)
            # a cell this module already explained is not reported again in the loader's words
            explained = {p.location.field for p in rows.problems[before:]}
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
    sheets: Sequence[RawSheet],
    title: str,
    name: str,
    file: str,
    info: BankInfo | None = None,
    fill_separators: str | None = None,
) -> Imported:
    """The questions in these sheets as a bank, and every problem of every row left out.

    Raises BankError when not one row could be read.
    """
    defaults = info.defaults if info else Defaults()
    questions, problems = read_questions(sheets, defaults, fill_separators)
    if not questions:
        first = sheets[0]
        raise BankError(problems or [Problem(
            "no questions under the header row; write one question per row",
            first.where(first.rows[0][0] if first.rows else None),
        )])  # fmt: skip
    bank = Bank(
        title=(info.title if info and info.title else title),
        questions=tuple(q if q.bank == name else _with_bank(q, name) for q in questions),
        name=name,
        language=info.language if info else "zh-CN",
        sources=info.sources if info else (),
        defaults=defaults if info else common_defaults(questions),
        generator=info.generator if info else None,
        path=file,
    )
    return Imported(bank, tuple(problems))


def _with_bank(q: Question, name: str) -> Question:

    return replace(q, bank=name, line=None)
