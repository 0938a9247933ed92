"""Commands: import and export banks in other tools' formats."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from factquiz.cli import app
from factquiz.cli.common import (
    BankPaths,
    CountOption,
    DifficultyOption,
    SeedOption,
    TagsOption,
    TypesOption,
    make_selection,
)


@app.command("import")
def import_(
    file: Annotated[
        Path, typer.Argument(help="Excel/CSV 题库表，或 Moodle XML / GIFT / Aiken 文件")
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="写出的题库 YAML")],
    from_: Annotated[
        str | None, typer.Option("--from", help="格式（默认按扩展名）: xlsx csv moodle gift aiken")
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="题库标题（默认取文件名）")] = None,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="有任何一题不能导入就什么都不写出（默认跳过并逐题警告）"),
    ] = False,
    fill_separators: Annotated[
        str | None,
        typer.Option(
            "--fill-separators",
            help="填空答案里分隔各空的符号，如 '|'（此时 ; 分隔同一空的多个答案）；默认按题干空数判断",
        ),
    ] = None,
) -> None:
    """导入题库表 Import an Excel/CSV sheet or a Moodle XML / GIFT / Aiken file as a bank.

    Questions that cannot be imported are listed one by one as warnings with
    their line, and the rest is written; --strict writes nothing instead.

    Example: factquiz import 题库.xlsx -o bank.yaml
    """
    from dataclasses import replace

    from factquiz.banks import save_bank
    from factquiz.interchange import import_questions

    imported = import_questions(file, from_, fill_separators=fill_separators)
    bank = imported.strict() if strict else imported.bank
    for w in imported.warnings:
        typer.echo(f"warning: {w}", err=True)
    if title:
        bank = replace(bank, title=title)
    save_bank(bank, output)
    left_out = len(imported.left_out)
    typer.echo(
        f"wrote {output}: {len(bank)} 题" + (f"（{left_out} 题未导入，见上）" if left_out else "")
    )


@app.command()
def export(
    paths: BankPaths,
    to: Annotated[str, typer.Option("--to", help="xlsx csv moodle gift aiken kahoot anki html")],
    output: Annotated[Path, typer.Option("--output", "-o", help="输出文件")],
    types: TypesOption = None,
    tags: TagsOption = None,
    difficulty: DifficultyOption = None,
    count: CountOption = None,
    seed: SeedOption = 0,
    title: Annotated[
        str | None, typer.Option("--title", help="导出的标题（默认取题库标题）")
    ] = None,
    order_as: Annotated[
        str | None,
        typer.Option(
            "--order-as",
            help="排序题的写法（仅 moodle、gift）: ordering 排序题型（moodle 默认）; "
            "multichoice 单选题，选项是顺序 如 ③②①④（gift 默认）; omit 不导出。"
            "gift 的 ordering 只有装了排序题型的 Moodle 能读。除 moodle 的 ordering 外都逐题警告",
        ),
    ] = None,
) -> None:
    """导出题库 Export banks to a spreadsheet or another quiz tool's format.

    Questions a format cannot carry are listed as warnings; the rest is exported.
    排序题 in GIFT: GIFT has no ordering question, so it is written as a single
    choice of sequences (①②③ in the stem, options like ③②①) with a warning;
    --order-as omit leaves it out; --order-as ordering writes the ordering type's
    own GIFT syntax ({>4 ALL …}), which only a Moodle with that type reads.
    Moodle XML writes Moodle's ordering type; --order-as multichoice writes the
    single choice for a Moodle without it.

    Example: factquiz export question_banks/ --to xlsx -o 题库.xlsx

    Example: factquiz export question_banks/ --to moodle --order-as multichoice -o 题库.xml
    """
    from dataclasses import replace

    from factquiz.banks import load_banks, merge_banks, select_questions
    from factquiz.interchange import export_bank

    bank = merge_banks(load_banks(paths), title)
    chosen = select_questions(bank.questions, make_selection(types, tags, difficulty, count, seed))
    from factquiz.interchange.textfmt import LEFT_OUT

    warnings = export_bank(replace(bank, questions=tuple(chosen)), to, output, order_as=order_as)
    left_out = [w for w in warnings if w.rule == LEFT_OUT]
    for w in warnings:
        typer.echo(f"warning: {w}", err=True)
    typer.echo(
        f"wrote {output}: {len(chosen) - len(left_out)} 题"
        + (f"（{len(left_out)} 题未导出，见上）" if left_out else "")
    )
