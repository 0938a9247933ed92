"""Commands: host (the live competition console) and practice (one learner, 错题本)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from factquiz.cli import app
from factquiz.cli.common import BankPaths, DifficultyOption, TagsOption, TypesOption, make_selection
from factquiz.errors import UsageError

# Kept in step with factquiz.host.plain.COMMANDS (a test checks); written out here so that
# `factquiz --help` does not import the host package.
PLAIN_HELP = """
[b]--plain 模式的命令[/b] (one per line on stdin; TEAM = team name or number):

  next (n)                  下一题 / 下一轮 / 结束
  open (o)                  宣布开始抢答，计时开始
  buzz (b) TEAM             记录抢答的队伍；共答题中选择要判定的队伍
  right (r) [OPTION]        判对，可记所选项
  wrong (w) [OPTION]        判错，可记所选项：选择题字母如 wrong C，判断题 对/错，排序/连线题字母顺序如 wrong BADC
  tier (t) N                风险题选择分值，如 tier 20
  pass (p)                  无人作答，送给观众
  decline (d)               风险题放弃：不选分值，不答题不计分
  undo (u)                  撤销上一步
  redo (y)                  重做
  adjust (a) TEAM ±N REASON 仲裁改分并写明原因，如 adjust 二队 +10 复核改判
  tiebreak                  开始加时赛（奖项分界处同分时）
  scores (s)                显示比分
  answer                    显示答案、解析和原文
  export (e)                导出成绩 CSV/JSON
  retry                     记录文件写不进去时：腾出空间后重试
  saveas PATH               记录文件写不进去时：另存到别处继续
  help (h ?)                显示命令
  quit (q)                  退出；记录已保存，可用 --resume 继续
"""

HOST_KEYS = """
[b]全屏模式按键[/b]: n 下一题/开始  1–9,0 抢答队伍  b+个位 第11–20队  r 对  w 错  u 撤销  y 重做  空格 计时  c 重新计时
a 答案  h 主持人视图  t 选分值  d 放弃风险题  p 送给观众  j 仲裁  e 导出  q 退出
记录文件写不进去（磁盘已满）时：r 重试  s 另存到别处  q 退出
"""


def _write_init(paths: list[Path]) -> None:
    """`host --init [CONFIG] [BANK…]`: a commented config naming the banks (a bundled bank when none is given)."""
    from factquiz.host.presets import write_init_config

    target, entries, notice = write_init_config(paths)
    if notice:
        typer.echo(f"note: {notice}", err=True)
    which = "、".join(entries) if entries else "内置题库 pinghu-chengtou"
    typer.echo(
        f"wrote {target} (题库：{which}); edit the teams and rounds, then run: factquiz host {target}"
    )


def _is_bank(path: Path) -> bool:
    from factquiz.host.presets import looks_like_bank

    return looks_like_bank(path)


def _stdin_lines() -> Iterator[str]:
    """Lines from stdin; at a terminal with a prompt, and Ctrl-C asks before leaving."""
    if not sys.stdin.isatty():
        yield from sys.stdin
        return
    warned = False
    while True:
        try:
            line = input("> ")
        except EOFError:
            return
        except KeyboardInterrupt:
            if warned:
                return
            warned = True
            typer.echo("\n确实要退出吗？再按一次 Ctrl-C 退出（记录已保存），或继续输入命令。")
            continue
        warned = False
        yield line


@app.command(epilog=PLAIN_HELP + HOST_KEYS)
def host(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="竞赛配置 CONFIG.yaml，或与 --teams 一起给出题库文件/文件夹", show_default=False
        ),
    ] = None,
    teams: Annotated[
        str | None,
        typer.Option(
            "--teams", help="队伍名，逗号分隔：一队,二队,三队（与 --preset 一起，不用写配置）"
        ),
    ] = None,
    preset: Annotated[
        str, typer.Option("--preset", help="预设赛制：dangshi = 个人必答、抢答、风险、加时赛")
    ] = "dangshi",
    title: Annotated[str | None, typer.Option("--title", help="比赛名称（用 --teams 时）")] = None,
    plain: Annotated[
        bool, typer.Option("--plain", help="逐行命令模式：从标准输入读命令（脚本、读屏软件）")
    ] = False,
    journal: Annotated[
        Path | None,
        typer.Option(
            "--journal", help="记录文件路径（默认当前文件夹 factquiz-日期-时间.journal.jsonl）"
        ),
    ] = None,
    resume: Annotated[
        Path | None, typer.Option("--resume", help="从记录文件恢复比赛，继续记录")
    ] = None,
    init: Annotated[
        bool,
        typer.Option(
            "--init",
            help="写一个带注释的配置文件：--init [CONFIG.yaml] [BANK…]（默认 competition.yaml，题库默认为内置的 pinghu-chengtou）",
        ),
    ] = False,
    seed: Annotated[
        int | None,
        typer.Option("--seed", help="抽题随机种子（默认取配置中的 seed，否则随机并记入记录文件）"),
    ] = None,
    run_sheet: Annotated[
        Path | None,
        typer.Option(
            "--run-sheet",
            help="打印主持人题卡 PDF（按出题顺序，含答案、题号和出处），不开始比赛；与 --seed 或 --resume 一起用，题目与控制台一致",
        ),
    ] = None,
    host_view: Annotated[
        bool,
        typer.Option(
            "--host-view",
            help="主持人视图：题目下方一直显示答案、题号和原文（观众看另一块屏幕或题卡时用；也可按 h 切换）",
        ),
    ] = False,
    light: Annotated[
        bool, typer.Option("--light", help="浅色主题（明亮的会场、投影偏淡时更清楚）")
    ] = False,
    screen: Annotated[
        bool,
        typer.Option("--screen", help="开启大屏：本机网页服务，投影仪的浏览器打开显示的地址"),
    ] = False,
    buzzers: Annotated[
        bool,
        typer.Option("--buzzers", help="开启手机抢答器（选手端）：每队一个二维码；同时开启大屏"),
    ] = False,
    listen: Annotated[
        str,
        typer.Option(
            "--listen", help="网页服务的地址：默认只限本机；局域网里的手机和电脑要用 0.0.0.0"
        ),
    ] = "127.0.0.1",
    port: Annotated[
        int,
        typer.Option(
            "--port", help="网页服务的端口（恢复比赛时用同一端口，手机自动重连）", min=0, max=65535
        ),
    ] = 8765,
    rehearsal: Annotated[
        bool,
        typer.Option(
            "--rehearsal",
            help="彩排：同样的比赛，单独的记录文件，每个屏幕都标“彩排”；正式比赛从头开始",
        ),
    ] = False,
) -> None:
    """知识竞赛主持控制台 Run a live team competition (必答/共答/抢答/风险/加时赛) full screen, or with --plain line commands.

    Every action is written to a journal file before it is shown; `--resume JOURNAL` continues after a crash.
    Results (CSV and JSON, with an item analysis) are written next to the journal at the end and on `export`.

    With --screen the projector shows a web page (big type, countdown, scoreboard; the answer only after the
    question is closed); with --buzzers each team buzzes from a phone (add --listen 0.0.0.0 for the LAN).

    Example: factquiz host question_banks/sample-team.yaml --teams 一队,二队,三队 --preset dangshi
    Example: factquiz host competition.yaml --buzzers --listen 0.0.0.0
    """
    from factquiz.host.config import read_config
    from factquiz.host.presets import preset_config
    from factquiz.host.session import resume_session, start_session

    paths = list(paths or [])
    if init:
        _write_init(paths)
        return
    config = None
    banks: list[Path] = []
    if teams is not None:
        from factquiz.banks.select import parse_list

        if not paths and resume is None:
            raise UsageError(
                "give the bank files or folders to draw questions from, e.g. factquiz host question_banks/ --teams 一队,二队"
            )
        config = preset_config(preset, list(parse_list(teams)), [str(p) for p in paths], title)
        banks = paths
    elif paths and not _is_bank(paths[0]):
        config = read_config(paths[0])
        banks = paths[1:]
    elif paths:
        if resume is None:
            raise UsageError(
                f"{paths[0]} is a question bank; add --teams 一队,二队,… to use the {preset} preset, or write a config with `factquiz host --init`"
            )
        banks = paths
    elif resume is None:
        raise UsageError(
            "give a competition config, or banks with --teams, or --resume JOURNAL; see factquiz host --help"
        )

    if run_sheet is not None:
        _write_run_sheet(run_sheet, config, seed, resume, banks, teams is not None)
        return
    if resume is not None:
        if journal is not None:
            raise UsageError("--resume continues the journal it is given; leave out --journal")
        if (
            teams is not None
        ):  # a preset is fitted to the banks at start: compare the teams, not the rounds
            session = resume_session(resume, None, banks or None, teams=list(config.teams))
        else:
            session = resume_session(resume, config, banks or None)
    else:
        assert config is not None
        extra = (
            [] if teams is not None else banks
        )  # with --teams the banks are in the preset config
        session = start_session(
            config, seed, journal, extra, fit=teams is not None, rehearsal=rehearsal
        )
    if resume is not None and rehearsal and not session.rehearsal:
        session.close()
        raise UsageError(
            f"{resume} is the journal of the real competition, not of a rehearsal; leave out --rehearsal"
        )

    live = _start_live(session, screen or buzzers, buzzers, listen, port)
    try:
        status = _run_console(session, plain, live, light, host_view)
    finally:
        if live is not None:
            live.stop()
    if status:
        raise typer.Exit(status)


def _start_live(session, screen: bool, buzzers: bool, listen: str, port: int):
    """Serve the audience screen (and phone buzzers) and print their addresses; None without --screen."""
    if not screen:
        return None
    import ipaddress

    try:
        ipaddress.ip_address(listen)
    except ValueError:
        session.close()
        raise UsageError(
            f"--listen {listen}: give an IP address of this machine, e.g. 127.0.0.1 or 0.0.0.0"
        ) from None
    from factquiz.screen.live import join_lines, start_live

    try:
        live = start_live(session, buzzers, listen, port, rehearsal=session.rehearsal)
    except BaseException:
        session.close()
        raise
    for line in join_lines(live):
        typer.echo(line)
    return live


def _run_console(session, plain: bool, live, light: bool = False, host_view: bool = False) -> int:
    """Run plain mode or the full-screen console; the exit status."""
    _restore_terminal()
    if plain:
        from factquiz.host.plain import PlainConsole

        feed = None
        if live is not None:
            from factquiz.screen.live import PlainFeed

            feed = PlainFeed(live)
        console = PlainConsole(session, typer.echo, on_change=feed)
        if live is not None:
            live.submit = console.submit
            feed(session.state)
        try:
            status = console.run(_stdin_lines())
        finally:
            session.close()
    else:
        from factquiz.host.app import run_app

        try:
            status = run_app(session, light, host_view, live, session.rehearsal)
        finally:
            session.close()
    return status


def _write_run_sheet(path: Path, config, seed: int | None, resume: Path | None, banks: list[Path],
                     preset: bool) -> None:  # fmt: skip
    """`host … --run-sheet FILE`: the cue cards of the questions the console will ask, in its order."""
    from factquiz.host.runsheet import run_sheet
    from factquiz.host.session import draw_competition, journal_game
    from factquiz.render.cards import render_cards
    from factquiz.render.fonts import find_font

    if resume is not None:
        game = journal_game(resume, banks or None)
        how = f"与记录文件 {resume} 一致"
    else:
        game, _files, _notice = draw_competition(config, seed, [] if preset else banks, fit=preset)
        how = f"随机种子 {game.seed}；开始比赛时加 --seed {game.seed}，题目与题卡一致"
    questions, labels = run_sheet(game)
    render_cards(questions, f"{game.config.title} · 主持人题卡", find_font(), path, rounds=labels)
    typer.echo(f"wrote {path}（{len(questions)} 张题卡，按出题顺序；{how}）")


# After kill -9 of the full-screen console the terminal is left in the alternate screen with
# mouse reporting on (clicks print escape codes). Leave both, show the cursor again.
_RESET_TERMINAL = (
    "\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l\x1b[?2004l\x1b[?1049l\x1b[?25h"
)


def _restore_terminal() -> None:
    if sys.stdout.isatty():
        sys.stdout.write(_RESET_TERMINAL)
        sys.stdout.flush()


def _terminal_writer(wrap_line) -> Callable[[str], None]:
    """typer.echo, wrapping long lines the Chinese way at the terminal's width (a pipe gets them whole)."""
    if not sys.stdout.isatty():
        return typer.echo
    import shutil

    def write(line: str) -> None:
        width = shutil.get_terminal_size().columns - 1
        for part in wrap_line(line, max(width, 20)) if line else [line]:
            typer.echo(part)

    return write


def _read_line(prompt: str) -> str | None:
    """One line from stdin (None at its end); Ctrl-C at a terminal ends the practice."""
    typer.echo(prompt, nl=False)
    try:
        line = input() if sys.stdin.isatty() else sys.stdin.readline()
    except (EOFError, KeyboardInterrupt):
        typer.echo("")
        return None
    if not sys.stdin.isatty():
        if not line:
            typer.echo("")
            return None
        typer.echo(line.rstrip("\n"))  # echo piped answers so the transcript reads like a session
    return line.rstrip("\n")


@app.command()
def practice(
    paths: BankPaths,
    types: TypesOption = None,
    tags: TagsOption = None,
    difficulty: DifficultyOption = None,
    count: Annotated[
        int | None, typer.Option("--count", "-n", help="题目数量（默认 10，题库不足时全部）", min=1)
    ] = None,
    seed: Annotated[
        int | None,
        typer.Option("--seed", help="随机种子：相同种子得到相同的题目和顺序（默认随机）"),
    ] = None,
    missed: Annotated[
        Path, typer.Option("--missed", help="错题本保存位置（题库 YAML，可再用 practice 练习）")
    ] = Path("错题本.yaml"),
) -> None:
    """自测练习 Practice alone: answer in the terminal, get feedback and explanations, keep missed questions (错题本).

    Choice questions take letters (A, AC), judge questions 对/错/T/F, fill questions the text (several blanks
    separated by spaces or ；), short questions are self-marked. Type skip to skip, q to stop.

    Example: factquiz practice question_banks/sample-team.yaml --count 5 --types single,judge
    """
    import secrets

    from factquiz.banks import all_questions, load_banks, select_questions
    from factquiz.banks.select import matching
    from factquiz.host.config import resolve_bank
    from factquiz.host.practice import MissedBook, run_practice, summary_lines, wrap_line

    banks = load_banks(
        [resolve_bank(str(p), Path(".")) for p in paths]
    )  # a bundled bank by name too
    if seed is None:
        seed = secrets.randbelow(1_000_000)
    selection = make_selection(types, tags, difficulty, count, seed, shuffle=True)
    if count is None:
        available = len(matching(all_questions(banks), selection))
        selection = replace(selection, count=min(10, available))
    questions = select_questions(all_questions(banks), selection)
    if not questions:
        raise UsageError(
            f"no questions match ({selection.describe()}); widen --types / --tags / --difficulty"
        )
    book = MissedBook(missed, banks)  # an unusable 错题本 stops here, before any question
    write = _terminal_writer(wrap_line)
    write(
        f"练习 {len(questions)} 题（随机种子 {seed}，用 --seed {seed} 可重做同一组）。输入答案后回车；skip 跳过，q 结束。"
    )

    def answered(result) -> None:
        problem = book.save(result)
        if problem:
            write(f"  !! {problem}")

    result = run_practice(questions, _read_line, write, answered)
    for line in [*summary_lines(result), *book.closing_lines(result)]:
        write(line)
    if book.problem:
        raise typer.Exit(1)
