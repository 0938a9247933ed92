"""Excel question tables (题库.xlsx) ⇄ banks, with openpyxl.

Import reads every visible sheet that has a header row (a workbook with one
sheet per type, named 单选题 / 判断题…, needs no 题型 column) and the
``题库信息`` sheet factquiz writes, if present, for the bank's title, sources
and defaults. Export writes the questions on a sheet ``题库`` (Chinese
header, frozen, commented with the conventions; column widths and wrapping
set for reading) and the bank's own fields on ``题库信息``, so that
bank → xlsx → bank gives the same bank. The bytes depend only on the bank.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from factquiz.errors import BankError, InputError, Location, Problem
from factquiz.interchange.archive import workbook_bytes
from factquiz.interchange.imported import Imported
from factquiz.interchange.table import Column, RawSheet, export_rows, find_header
from factquiz.interchange.table_info import INFO_SHEET, info_rows, parse_info
from factquiz.interchange.table_read import build_bank
from factquiz.interchange.textfmt import printable
from factquiz.model import Bank

MAX_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # a zip bomb unpacks to far more than any question table
MAX_ROWS = 100_000
_WIDTHS = {"id": 14, "type": 8, "stem": 50, "answer": 16, "explanation": 40, "points": 7, "difficulty": 7,
           "tags": 16, "time_limit": 7, "source": 40, "keep_order": 8, "generated": 9}  # fmt: skip
_WRAPPED = {"stem", "explanation", "source", "answer"}


def _check_file(path: Path) -> None:
    where = Location(str(path))
    if not path.exists():
        raise InputError("file not found; check the path", where)
    if path.is_dir():
        raise InputError("is a folder, expected an Excel file (.xlsx)", where)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(
            f"file is {size / 1048576:.1f} MB, more than the {MAX_BYTES // 1048576} MB limit; split it into smaller workbooks",
            where,
        )
    not_xlsx = "not an Excel workbook (.xlsx); a .xls file must be saved as .xlsx first, and a CSV file needs the suffix .csv"
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            if "[Content_Types].xml" not in archive.namelist():
                raise InputError(not_xlsx, where)
    except (zipfile.BadZipFile, OSError):
        raise InputError(not_xlsx, where) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise InputError(
            f"workbook unpacks to {unpacked / 1048576:.0f} MB; that is not a question table", where
        )


def _load_workbook(path: Path) -> Any:
    from openpyxl import load_workbook

    _check_file(path)
    try:
        # not read_only: read-only sheets do not report merged cells
        return load_workbook(path, data_only=True)
    except (
        Exception
    ) as exc:  # openpyxl raises many kinds on a damaged file; all mean the same to a user
        raise InputError(
            f"cannot read this workbook ({type(exc).__name__}: {exc}); open it in Excel and save it again as .xlsx",
            Location(str(path)),
        ) from None


def _raw_sheet(ws: Any, file: str) -> RawSheet:
    if ws.max_row > MAX_ROWS:
        raise InputError(
            f"sheet has {ws.max_row} rows, more than {MAX_ROWS}; split it",
            Location(file, None, "", ws.title),
        )
    rows = []
    for number, values in enumerate(ws.iter_rows(min_row=1, values_only=True), start=1):
        cells = list(values)
        while cells and cells[-1] in (None, ""):
            cells.pop()
        if cells:
            rows.append((number, cells))
    return RawSheet(file, ws.title, rows)


def _merged_cells(ws: Any, sheet: RawSheet) -> list[Problem]:
    """Merged cells in or under the header row: each row must stand alone (a title above is fine)."""
    header = find_header(sheet)
    if header is None:
        return []
    problems = []
    for merged in sorted(ws.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
        if merged.max_row >= header.row:
            problems.append(Problem(
                f"merged cells {merged.coord}; unmerge them (开始 → 合并后居中 → 取消单元格合并) and fill in every row",
                Location(sheet.file, merged.min_row, "", sheet.sheet),
            ))  # fmt: skip
    return problems


def read_workbook(path: Path) -> tuple[list[RawSheet], RawSheet | None]:
    """The question sheets (visible, in order) and the 题库信息 sheet if there is one."""
    wb = _load_workbook(path)
    sheets, info, problems = [], None, []
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue  # helper lists for drop-downs and the like
        sheet = _raw_sheet(ws, str(path))
        if ws.title == INFO_SHEET:
            info = sheet
            continue
        problems += _merged_cells(ws, sheet)
        sheets.append(sheet)
    if problems:
        raise BankError(problems)
    if not sheets:
        raise InputError("workbook has no visible sheet of questions", Location(str(path)))
    return sheets, info


def import_partial(path: Path, fill_separators: str | None = None) -> Imported:
    """Read an Excel question table: every row that is a question, and each row left out."""
    sheets, info_sheet = read_workbook(path)
    info = parse_info(info_sheet) if info_sheet is not None else None
    return build_bank(
        sheets,
        title=path.stem,
        name=path.stem,
        file=str(path),
        info=info,
        fill_separators=fill_separators,
    )


def import_bank(path: Path, fill_separators: str | None = None) -> Bank:
    """Read an Excel question table; raise BankError listing every problem with sheet, row and column."""
    return import_partial(path, fill_separators).strict()


# ---------------------------------------------------------------- export


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def bank_workbook(bank: Bank) -> bytes:
    """The bank as .xlsx bytes: a question sheet and a 题库信息 sheet."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    columns, headers, rows = export_rows(bank)
    wb = Workbook()
    ws = wb.active
    ws.title = "题库"
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    top = Alignment(vertical="top")
    wrapped = Alignment(wrap_text=True, vertical="top")
    for index, (column, header) in enumerate(zip(columns, headers, strict=True), start=1):
        cell = ws.cell(row=1, column=index, value=header)
        cell.font, cell.fill, cell.alignment = bold, fill, Alignment(vertical="center")
        if isinstance(column, Column) and column.note:
            comment = Comment(column.note, "factquiz")
            comment.width, comment.height = 320, 140
            cell.comment = comment
        key = column.key if isinstance(column, Column) else "option"
        ws.column_dimensions[_column_letter(index)].width = _WIDTHS.get(key, 18)
    for r, values in enumerate(rows, start=2):
        for index, (column, value) in enumerate(zip(columns, values, strict=True), start=1):
            if isinstance(value, str):
                value = printable(value)
            cell = ws.cell(row=r, column=index, value=value if value != "" else None)
            if isinstance(value, str):
                cell.data_type = "s"  # text starting with "=" stays text, not a formula
            key = column.key if isinstance(column, Column) else "option"
            cell.alignment = wrapped if key in _WRAPPED or key == "option" else top
    ws.freeze_panes = "A2"
    last = max(len(rows) + 1, 1000)
    type_column = _column_letter(headers.index("题型") + 1)
    kinds = DataValidation(type="list", formula1='"单选,多选,判断,填空,简答"', allow_blank=True)
    kinds.add(f"{type_column}2:{type_column}{last}")
    difficulty_column = _column_letter(headers.index("难度") + 1)
    levels = DataValidation(type="list", formula1='"1,2,3"', allow_blank=True)
    levels.add(f"{difficulty_column}2:{difficulty_column}{last}")
    ws.add_data_validation(kinds)
    ws.add_data_validation(levels)

    info = wb.create_sheet(INFO_SHEET)
    info.append(["项目", "内容"])
    info["A1"].font = info["B1"].font = bold
    for key, value in info_rows(bank):
        value = printable(value) if isinstance(value, str) else value
        info.append([key, value])
        if isinstance(value, str):
            info.cell(row=info.max_row, column=2).data_type = "s"
    info.column_dimensions["A"].width = 14
    info.column_dimensions["B"].width = 60

    wb.properties.title = printable(bank.title)
    return workbook_bytes(wb)


def export_bank(bank: Bank, path: Path) -> list[Problem]:
    """Write every question as a row of an Excel table (nothing is left out)."""
    from factquiz.interchange.textfmt import write_output

    write_output(path, bank_workbook(bank))
    return []
