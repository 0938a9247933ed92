"""CSV question tables ⇄ banks, with the csv module.

The columns are those of the Excel table (``factquiz.interchange.table``).
Reading accepts what Excel in China writes: UTF-8 with or without BOM
("CSV UTF-8") and GB18030 (plain "CSV", a superset of GBK and GB2312);
comma or tab separated. Writing uses UTF-8 with BOM, so Excel opens the
Chinese correctly. A CSV holds questions only: the bank's title comes from
the file name (or ``--title``), and its defaults from the most common values.

A spreadsheet opening a CSV runs a cell that starts with ``= + - @`` (or tab,
carriage return) as a formula: ``=HYPERLINK(…)`` becomes a live link. Such
text cells are written with a leading ``'`` (OWASP's advice for CSV injection),
which Excel and LibreOffice show as plain text; reading strips that ``'`` again,
so a bank survives the round trip unchanged.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from factquiz.errors import InputError, Location, Problem
from factquiz.files import read_bytes
from factquiz.interchange.imported import Imported
from factquiz.interchange.table import RawSheet, export_rows
from factquiz.interchange.table_read import build_bank
from factquiz.model import Bank


def decode(raw: bytes, file: str) -> tuple[str, str]:
    """The text and the encoding it was in: UTF-8 (BOM or not), then GB18030; else say what failed."""
    where = Location(file)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(
            "file is UTF-16 (Excel's “Unicode text”); save it as “CSV UTF-8 (逗号分隔)” instead",
            where,
        )
    if b"\x00" in raw[:8192]:
        raise InputError(
            "looks like a binary file, not CSV text; an Excel workbook needs the suffix .xlsx",
            where,
        )
    try:
        return raw.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError as utf8_error:
        try:
            return raw.decode("gb18030"), "GB18030"
        except UnicodeDecodeError as gb_error:
            line = raw[: utf8_error.start].count(b"\n") + 1
            raise InputError(
                f"not UTF-8 (bad byte at offset {utf8_error.start}, line {line}) and not GB18030 "
                f"(bad byte at offset {gb_error.start}); save the file as “CSV UTF-8 (逗号分隔)”",
                where,
            ) from None


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK = "'"


def neutralise(value: str) -> str:
    """A text cell a spreadsheet would run as a formula, with a leading ' so it stays text.

    A text that already starts with ' before such a character gets one more, so
    that ``restore`` gives it back unchanged.
    """
    return TEXT_MARK + value if value.lstrip(TEXT_MARK).startswith(FORMULA_STARTS) else value


def restore(cell: str) -> str:
    """Undo ``neutralise``: one ' before a formula character is dropped; any other ' stays."""
    if cell.startswith(TEXT_MARK) and cell.lstrip(TEXT_MARK).startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    return "\t" if first.count("\t") > first.count(",") else ","


def read_csv(path: Path) -> RawSheet:
    raw = read_bytes(path, what="CSV file")
    text, _ = decode(raw, str(path))
    rows = []
    try:
        # newline="" semantics: the reader sees line ends inside quoted cells as part of the cell
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
        for number, cells in enumerate(reader, start=1):
            cells = [restore(cell) for cell in cells]
            while cells and not cells[-1].strip():
                cells.pop()
            if cells:
                rows.append((number, cells))
    except csv.Error as exc:
        raise InputError(
            f"CSV syntax error: {exc}; check the quotes on this row",
            Location(str(path), reader.line_num),
        ) from None
    return RawSheet(str(path), "", rows)


def import_partial(path: Path, fill_separators: str | None = None) -> Imported:
    """Read a CSV question table: every row that is a question, and each row left out."""
    return build_bank(
        [read_csv(path)],
        title=path.stem,
        name=path.stem,
        file=str(path),
        fill_separators=fill_separators,
    )


def import_bank(path: Path, fill_separators: str | None = None) -> Bank:
    """Read a CSV question table; raise BankError listing every problem with row and column."""
    return import_partial(path, fill_separators).strict()


def csv_text(bank: Bank) -> str:
    _, headers, rows = export_rows(bank)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")  # Excel's line ends
    writer.writerow(headers)
    for row in rows:
        writer.writerow(
            [
                "" if value is None else neutralise(value) if isinstance(value, str) else value
                for value in row
            ]
        )
    return "\ufeff" + buffer.getvalue()


def export_bank(bank: Bank, path: Path) -> list[Problem]:
    """Write every question as a CSV row, UTF-8 with BOM (nothing is left out)."""
    from factquiz.interchange.textfmt import write_output

    write_output(path, csv_text(bank))
    return []
