"""Commands: pdf (exam papers, answer keys, host cue cards, scoresheet)."""

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


@app.command()
def pdf(
    paths: BankPaths,
    output: Annotated[Path, typer.Option("--output", "-o", help="输出文件夹 (output folder)")],
    versions: Annotated[
        str | None,
        typer.Option("--versions", help="试卷版本：A,B,C 或份数如 4（题序和选项顺序按种子打乱）"),
    ] = None,
    types: TypesOption = None,
    tags: TagsOption = None,
    difficulty: DifficultyOption = None,
    count: CountOption = None,
    seed: SeedOption = 0,
    title: Annotated[str | None, typer.Option("--title", help="试卷标题（默认取题库标题）")] = None,
    subtitle: Annotated[
        str | None, typer.Option("--subtitle", help="副标题，如 “2022年党史知识竞赛初赛”")
    ] = None,
    minutes: Annotated[
        int | None, typer.Option("--minutes", help="考试时间（分钟），0 表示不写；默认 60", min=0)
    ] = None,
    font: Annotated[
        str | None,
        typer.Option("--font", help="中文 TrueType 字体文件（.ttf/.ttc，子字体写 path.ttc#1）"),
    ] = None,
    no_key: Annotated[bool, typer.Option("--no-key", help="不生成参考答案")] = False,
    key_only: Annotated[bool, typer.Option("--key-only", help="只生成参考答案")] = False,
    combined: Annotated[
        bool,
        typer.Option(
            "--combined",
            help="所有版本合成一个文件 papers.pdf（及 keys.pdf）；双面打印时版本页数为奇数则补一张空白页，"
            "使每个版本都从正面开始",
        ),
    ] = False,
    fields: Annotated[
        str | None,
        typer.Option(
            "--fields", help="考生信息栏，逗号分隔，默认 单位,姓名,考号（如 学校,班级,姓名,考号）"
        ),
    ] = None,
    binding: Annotated[
        bool | None,
        typer.Option(
            "--binding/--no-binding",
            help="试卷左侧的密封线（含考生信息栏和装订边）；--no-binding 改为标题下的信息栏（默认有密封线）",
        ),
    ] = None,
    duplex: Annotated[
        bool | None,
        typer.Option(
            "--duplex/--single-sided",
            help="双面打印（默认）：背面的装订边在右侧，--combined 时补空白页；--single-sided 单面打印",
        ),
    ] = None,
    score_boxes: Annotated[
        bool | None,
        typer.Option(
            "--score-boxes/--no-score-boxes", help="每个大题前的 得分/评卷人 栏（默认有）"
        ),
    ] = None,
    answer_sheet: Annotated[
        bool | None,
        typer.Option(
            "--answer-sheet/--no-answer-sheet",
            help="同时生成答题卡 answer-sheet-A.pdf（每版一页：选择/判断题涂卡，填空题方框，考号，定位角标）"
            "及供扫描阅卷用的位置文件 answer-sheet-A.json",
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="试卷设置文件（YAML）：title subtitle minutes fields binding duplex score_boxes answer_sheet，"
            "命令行选项优先",
        ),
    ] = None,
    cards: Annotated[bool, typer.Option("--cards", help="同时生成主持人题卡 cards.pdf")] = False,
    scoresheet: Annotated[
        str | None,
        typer.Option(
            "--scoresheet", help="同时生成计分表 scoresheet.pdf：队名逗号分隔，如 一队,二队"
        ),
    ] = None,
    rounds: Annotated[
        str | None, typer.Option("--rounds", help="计分表的轮次，默认 必答题,抢答题,风险题,加时赛")
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates",
            help="自定义模板文件夹：其中的 paper/instructions.j2 覆盖试卷的注意事项",
        ),
    ] = None,
) -> None:
    """打印试卷和答案 Print exam papers (A/B versions), answer keys, answer sheets, host cue cards and a scoresheet as PDF.

    Writes paper.pdf and key.pdf (paper-A.pdf, key-A.pdf… with --versions) into the output folder.
    Versions are labelled A … Z, then AA, AB … (--versions 30); numbers work too (--versions 1,2).
    Versions are rendered on all cores; the files are the same whatever the number of cores.

    Example: factquiz pdf question_banks/pinghu-chengtou.yaml -o 试卷 --versions A,B --answer-sheet --fields 学校,班级,姓名,考号 --cards --scoresheet 一队,二队,三队
    """
    from factquiz.banks import all_questions, load_banks, select_questions
    from factquiz.banks.select import parse_list
    from factquiz.errors import UsageError
    from factquiz.render import (
        DEFAULT_ROUNDS,
        PaperOptions,
        default_title,
        find_font,
        render_papers,
        version_labels,
    )
    from factquiz.render.config import load_paper_config
    from factquiz.render.scoresheet import check_scoresheet

    if no_key and key_only:
        raise UsageError("--no-key and --key-only leave nothing to print; use one of them")
    labels = tuple(version_labels(versions))
    teams = tuple(parse_list(scoresheet))
    round_names = tuple(parse_list(rounds)) or DEFAULT_ROUNDS
    if scoresheet is not None:
        check_scoresheet(teams, round_names)  # "--scoresheet ," is a mistake, not "no scoresheet"
    settings = load_paper_config(config) if config else {}
    given = {
        "title": title,
        "subtitle": subtitle,
        "fields": tuple(parse_list(fields)) if fields is not None else None,
        "binding": binding,
        "duplex": duplex,
        "score_boxes": score_boxes,
        "answer_sheet": answer_sheet,
    }
    settings.update({k: v for k, v in given.items() if v is not None})
    if minutes is not None:
        settings["minutes"] = minutes or None  # --minutes 0 leaves the time out
    banks = load_banks(paths)
    chosen = select_questions(
        all_questions(banks), make_selection(types, tags, difficulty, count, seed)
    )
    settings.setdefault("title", default_title(banks))
    options = PaperOptions(
        versions=labels,
        seed=seed,
        font=font,
        paper=not key_only,
        key=not no_key,
        combined=combined,
        cards=cards,
        scoresheet=teams,
        rounds=round_names,
        templates=str(templates) if templates else None,
        **settings,
    )
    choice = find_font(font)
    if choice.warning:
        typer.echo(f"warning: {choice.warning}", err=True)
    written = render_papers(chosen, options, output, {b.name: b.path for b in banks})
    for path in written:
        typer.echo(f"wrote {path}")
    what = f"{len(chosen)} 题" + (f"，{len(labels)} 个版本" if labels else "")
    pdfs = sum(path.suffix == ".pdf" for path in written)  # answer sheets come with a .json layout
    typer.echo(
        f"ok: {what}，{pdfs} 个 PDF，字体 {Path(choice.path).name if choice.path else choice.name}"
    )
