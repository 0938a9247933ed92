"""Commands: generate (articles → bank) and demo (the whole pipeline on the bundled article)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from factquiz.cli import app
from factquiz.cli.common import SeedOption, TypesOption
from factquiz.model import BANK_TYPES

ArticlePaths = Annotated[
    list[str],
    typer.Argument(
        help="文章：文本文件、文件夹（其中的 .txt/.md），或 - 表示标准输入", show_default=False
    ),
]


def _warn(problems) -> None:  # type: ignore[no-untyped-def]
    for p in problems:
        typer.echo(f"warning: {p}", err=True)


@app.command()
def generate(
    articles: ArticlePaths,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="写入的题库文件 (bank YAML)", show_default=False)
    ],
    date: Annotated[
        str | None,
        typer.Option(
            "--date", help="文章日期，如 2022-01-15 或 2022：题干中的“去年”“今年”改写为具体年份"
        ),
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="题库标题（默认用文章标题）")] = None,
    seed: SeedOption = 0,
    types: TypesOption = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates", help="自定义题干模板文件夹，按文件名覆盖内置模板（如 single.j2）"
        ),
    ] = None,
    allow_empty: Annotated[
        bool, typer.Option("--allow-empty", help="有文章无法出题时跳过它并照常写出题库（可能为空）")
    ] = False,
    report: Annotated[
        Path | None,
        typer.Option(
            "--report",
            help="把质量检查未收入的候选题连同原因写入此文件（Markdown），如 --report 未收入.md",
        ),
    ] = None,
) -> None:
    """从文章生成题库 Generate a question bank from Chinese news articles.

    One question per fact (numbers, dates, ordinals, named things, people),
    mixed over single/multiple/judge/fill/short, answers spread over A–D.
    The same articles, date and seed always give the same file.

    Every candidate is read once more by a quality gate (a stem must name its
    subject, say more than a time, need knowledge to answer); --report lists
    those left out and why.

    Example: factquiz generate article.txt -o bank.yaml --date 2022-01-15 --seed 1 --report 未收入.md
    """
    from factquiz.banks import save_bank
    from factquiz.banks.select import parse_types
    from factquiz.errors import FactQuizError, Problem
    from factquiz.generate import (
        Article,
        GenerateOptions,
        find_articles,
        generate_bank,
        read_article,
    )

    options = GenerateOptions(
        seed=seed,
        types=parse_types(types),
        date=date or "",
        title=title or "",
        templates_dir=str(templates) if templates else None,
        allow_empty=allow_empty,
    )
    warnings: list[Problem] = []
    loaded: list[Article] = []
    dropped: list = []
    for path in find_articles(articles):
        try:
            article = read_article(path)
        except FactQuizError as exc:
            if not allow_empty:
                raise
            warnings.append(Problem(f"skipped: {exc.message}", exc.location, "warning"))
            continue
        loaded.append(article)
    if len(loaded) >= 5:
        from rich.progress import Progress

        with Progress(transient=True, console=_stderr_console()) as bar:
            task = bar.add_task("生成题目", total=len(loaded))
            bank, more = generate_bank(
                loaded,
                options,
                progress=lambda done, total: bar.update(task, completed=done),
                bank_path=output,
                dropped=dropped,
            )
    else:
        bank, more = generate_bank(loaded, options, bank_path=output, dropped=dropped)
    warnings += more
    _warn(warnings)
    save_bank(bank, output)
    if report is not None:
        from factquiz.files import atomic_write
        from factquiz.generate.gate import format_report

        atomic_write(report, format_report(dropped, [a.file for a in loaded]))
    counts = {t: sum(q.type == t for q in bank.questions) for t in BANK_TYPES}
    summary = "，".join(f"{t} {n}" for t, n in counts.items() if n)
    typer.echo(f"wrote {output}: {len(bank)} 题" + (f"（{summary}）" if summary else ""))
    if dropped:
        where = f"，原因见 {report}" if report is not None else "；加 --report 文件 查看原因"
        typer.echo(f"质量检查未收入 {len(dropped)} 道候选题{where}")


def _stderr_console():  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(stderr=True)


@app.command()
def demo(
    output: Annotated[Path, typer.Option("--output", "-o", help="输出文件夹")] = Path(
        "factquiz-demo"
    ),
) -> None:
    """演示：用内置文章跑完整流程 Run the whole pipeline on the bundled article.

    Writes the question bank, the article it came from, the exam paper and its
    answer key into the folder.

    Example: factquiz demo -o factquiz-demo
    """
    from factquiz.demo import run_demo

    for path in run_demo(output):
        typer.echo(f"wrote {path}")
    typer.echo(
        f"下一步：打开 {output}/paper.pdf 看试卷；"
        f"factquiz host {output}/pinghu-chengtou.yaml --teams 一队,二队,三队 --preset dangshi 开始一场知识竞赛"
    )
