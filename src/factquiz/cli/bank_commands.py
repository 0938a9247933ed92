"""Commands on banks: validate, lint, show, schema."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from factquiz.cli import app, print_error
from factquiz.cli.common import BankPaths, DifficultyOption, TagsOption, TypesOption, make_selection
from factquiz.errors import BankError, UsageError


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
def lint(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="题库文件或文件夹 (bank YAML files or folders)", show_default=False),
    ] = None,
    output_format: Annotated[str, typer.Option("--format", help="text 或 json")] = "text",
    ignore: Annotated[
        str | None, typer.Option("--ignore", help="跳过的规则，逗号分隔，如 FQ112,FQ106")
    ] = None,
    rules: Annotated[
        bool, typer.Option("--rules", help="列出全部规则（编号、级别、理由）")
    ] = False,
) -> None:
    """检查题目质量 Lint banks: one right answer, no giveaways, no repeats, answers found in their source.

    Prints `file:line: [FQ1xx] message` per finding. Exit 1 when any finding
    is an error, 0 when there are only warnings or none.

    Example: factquiz lint question_banks/ --format json
    """
    from factquiz.banks.lint import RULES, check_ignore, format_finding, lint_paths
    from factquiz.banks.select import parse_list

    if output_format not in ("text", "json"):
        raise UsageError(f"--format must be text or json, got {output_format!r}")
    if rules:
        for rule in RULES.values():
            typer.echo(f"{rule.id}  {rule.severity:<7}  {rule.reason}")
        return
    if not paths:
        raise UsageError(
            "give one or more bank files or folders, e.g. factquiz lint question_banks/"
        )
    report = lint_paths(paths, check_ignore(parse_list(ignore)))
    if output_format == "json":
        import json

        typer.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        for finding in report.findings:
            typer.echo(format_finding(finding))
        questions = sum(len(b) for b in report.banks)
        if report.findings:
            typer.echo(
                f"{report.errors} 个错误，{report.warnings} 个警告（{len(report.banks)} 个题库，{questions} 题）"
            )
        else:
            typer.echo(f"ok: {len(report.banks)} 个题库，{questions} 题，没有发现问题")
    if report.errors:
        raise typer.Exit(1)


@app.command()
def show(
    paths: BankPaths,
    list_questions: Annotated[
        bool, typer.Option("--list", "-l", help="逐题列出：编号、题型、题干、答案")
    ] = False,
    types: TypesOption = None,
    tags: TagsOption = None,
    difficulty: DifficultyOption = None,
) -> None:
    """查看题库 Show what is in banks: counts by type, difficulty and tag, total points; --list the questions.

    Example: factquiz show question_banks/sample-team.yaml --list
    """
    from rich.console import Console

    from factquiz.banks import all_questions, load_banks, select_questions
    from factquiz.banks.summary import question_table, summarise, summary_tables

    banks = load_banks(paths)
    selection = make_selection(types, tags, difficulty, None, 0)
    console = Console(highlight=False)
    if list_questions:
        console.print(
            question_table(select_questions(all_questions(banks), selection), console.width)
        )
        return
    if selection != make_selection(None, None, None, None, 0):
        raise UsageError("--types, --tags and --difficulty choose questions for --list; add --list")
    for table in summary_tables(summarise(banks)):
        console.print(table)


@app.command()
def schema(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="写入文件而不是打印")
    ] = None,
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
