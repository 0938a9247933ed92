"""The bank's own fields (title, sources, defaults, generator) as 项目 | 内容 rows.

An Excel export keeps them on a sheet ``题库信息`` so that bank → xlsx → bank
gives back the same bank; a CSV has no room for them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from factquiz.errors import BankError, Problem
from factquiz.interchange import table_cells as cells
from factquiz.interchange.table import RawSheet
from factquiz.model import Bank, Defaults, Source

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
        raise BankError(sorted(problems, key=lambda p: p.location.line or 0))
    return BankInfo(
        title=cells.cell_text(values.get("标题")),
        language=cells.cell_text(values.get("语言")) or "zh-CN",
        sources=tuple(Source(**sources[n]) for n in sorted(sources)),
        defaults=defaults,
        generator=generator if isinstance(generator, dict) else None,
    )
