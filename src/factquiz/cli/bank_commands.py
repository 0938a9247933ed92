"""Commands on banks: validate, lint, show, schema."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from factquiz.cli import app, print_error
from factquiz.cli.common import BankPaths
from factquiz.errors import BankError


@app.command()
def validate(paths: BankPaths) -> None:
    """检查题库格式 Check banks against format factquiz/1; list every problem with file:line.

    Exit 0 when clean, 1 when any bank has errors, 2 for usage errors.

    Example: factquiz validate question_banks/
    """
    from factquiz.banks.loader import check_banks

    banks, problems = check_banks(paths)
    if problems:
        print_error(BankError(problems))
        raise typer.Exit(1)
    total = sum(len(b) for b in banks)
    typer.echo(f"ok: {len(banks)} 个题库，共 {total} 题，格式正确")


@app.command()
def schema(
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入文件而不是打印")] = None,
) -> None:
    """打印题库的 JSON Schema Print the JSON Schema of the bank format (for editors).

    Point an editor at it from a bank with a first line
    `# yaml-language-server: $schema=factquiz-bank.schema.json`.

    Example: factquiz schema -o factquiz-bank.schema.json
    """
    from factquiz.banks.schema import schema_json

    text = schema_json()
    if output is None:
        typer.echo(text, nl=False)
    else:
        from factquiz.files import atomic_write

        atomic_write(output, text)
        typer.echo(f"wrote {output}")
