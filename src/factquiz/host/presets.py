"""Ready-made competition formats, and the commented config `factquiz host --init` writes."""

from __future__ import annotations

from pathlib import Path

from factquiz.host.config import CompetitionConfig, RoundConfig, Tier

# 党史知识竞赛 as commonly run: 个人必答, 抢答, 风险, and a 加时赛 kept for ties.
DANGSHI = CompetitionConfig(
    title="党史知识竞赛",
    teams=(),
    start_score=100,
    rounds=(
        RoundConfig(
            name="个人必答题", kind="required", count=1, points=10, penalty=0, time_limit=30
        ),
        RoundConfig(
            name="抢答题",
            kind="buzz",
            count=10,
            points=10,
            penalty=10,
            early_penalty=5,
            early_warnings=1,  # first offence loses the question, later ones cost 5 too
            time_limit=20,
        ),
        RoundConfig(
            name="风险题",
            kind="risk",
            count=1,
            penalty=0,
            time_limit=60,
            tiers=(Tier(10, 1), Tier(20, 2), Tier(30, 3)),
        ),  # fmt: skip
        RoundConfig(
            name="加时赛", kind="sudden_death", count=3, points=0, penalty=0, time_limit=20
        ),
    ),
    awards=(("一等奖", 1), ("二等奖", 2), ("三等奖", 3)),
)

PRESETS: dict[str, CompetitionConfig] = {"dangshi": DANGSHI}


def preset_config(
    name: str, teams: list[str], banks: list[str], title: str | None = None
) -> CompetitionConfig:
    """A preset filled in with team names and banks (for `host BANK… --teams … --preset NAME`)."""
    from dataclasses import replace

    from factquiz.errors import UsageError
    from factquiz.host.config import MAX_TEAMS, MIN_TEAMS, check_team_names

    if name not in PRESETS:
        raise UsageError(f"unknown preset {name!r}; known: {', '.join(PRESETS)}")
    if not MIN_TEAMS <= len(teams) <= MAX_TEAMS:
        raise UsageError(
            f"--teams names {len(teams)} teams; a competition needs {MIN_TEAMS} to {MAX_TEAMS}"
        )
    problems = check_team_names(teams)
    if problems:
        raise UsageError(f"--teams: {problems[0]}")
    base = PRESETS[name]
    return replace(
        base,
        teams=tuple(teams),
        banks=tuple(banks),
        title=title or base.title,
        path=f"<preset {name}>",
    )


def fit_to_questions(config: CompetitionConfig, available: int) -> tuple[CompetitionConfig, str]:
    """Shrink a preset's buzz and shared rounds so a small bank still runs (at least 1 question each).

    Per-team rounds and the sudden-death pool keep their counts, so every team
    still gets the same number of turns. Returns the config and a notice for the host.
    """
    from dataclasses import replace

    needed = {
        i: r.count * len(config.teams) if r.per_team() else r.count
        for i, r in enumerate(config.rounds)
    }
    spare = available - sum(needed.values())
    if spare >= 0:
        return config, ""
    rounds = list(config.rounds)
    notes = []
    for i, r in enumerate(rounds):
        if spare >= 0 or r.kind not in ("buzz", "shared"):
            continue
        count = max(1, r.count + spare)
        spare += r.count - count
        notes.append(f"{r.name}由 {r.count} 题减为 {count} 题")
        rounds[i] = replace(r, count=count)
    notice = f"题库共 {available} 题，" + "，".join(notes) if notes else ""
    return replace(config, rounds=tuple(rounds)), notice


INIT_TEMPLATE = """\
# factquiz 知识竞赛配置 (competition config)
# 运行: factquiz host {name}
# 每一项都可以改；行尾 # 后面是说明。修改后可用 factquiz host {name} --plain 先试一遍。

title: 党史知识竞赛                  # 显示在屏幕顶部
teams: [一队, 二队, 三队, 四队, 五队]   # 2–20 支队伍，按键 1–9、0 对应前十队
                                     # 队名太长可加简称：{{name: 平湖城投第一党支部, short: 一支部}}
start_score: 100                     # 每队起始分
banks: {banks}{pad}# 题库：文件或文件夹的路径（相对于本文件所在的文件夹），
                                     # 或内置题库的名字：{bundled}
# seed: 2026                         # 抽题随机种子；不写则每场随机，并记在记录文件(journal)里

rounds:                              # 按顺序进行
  - name: 个人必答题
    kind: required                   # 必答题：各队轮流，每队 count 题
    count: 1                         # 每队题数
    points: 10                       # 答对加分（不写则用题目自己的分值）
    penalty: 0                       # 答错扣分
    time_limit: 30                   # 秒（不写则用题目自己的时限）
    selection: {{types: [single, judge]}}   # 题型 / 标签 tags / 难度 difficulty

  # - name: 共答题
  #   kind: shared                   # 共答题：每队同时作答同一题，主持人逐队判对错
  #   count: 2
  #   points: 10

  - name: 抢答题
    kind: buzz                       # 抢答题：主持人开始后，先抢到的队作答
    count: {buzz}
    points: 10
    penalty: 10                      # 答错扣分，其他队可再抢
    early_penalty: 5                 # 主持人宣布开始前抢答（犯规）扣分；0 表示不罚
    early_warnings: 1                # 每队前几次犯规只取消本题资格、不扣分（0 表示每次都扣）
    # void_on_early: true            # 违规抢答后本题作废（其他队也不能再答）
    # rebuzz: false                  # 答错后其他队不能再抢
    time_limit: 20

  - name: 风险题
    kind: risk                       # 风险题：各队按当前得分依次选分值，答对加、答错扣
    count: 1                         # 每队题数
    order: high_first                # high_first 高分先选 | low_first 低分先选 | listed 按队伍顺序
    time_limit: 60
    tiers:                           # 分值档位与对应难度 (1 易 … 3 难)
      - {{points: 10, difficulty: 1}}
      - {{points: 20, difficulty: 2}}
      - {{points: 30, difficulty: 3}}  # 答错扣的分不同时写 penalty，如 {{points: 30, difficulty: 3, penalty: 15}}

  - name: 加时赛
    kind: sudden_death               # 只在奖项分界处同分时进行：答错出局，先答对者胜
    count: 3                         # 备用题数
    time_limit: 20

awards:                              # 奖项和名额，从高到低
  一等奖: 1
  二等奖: 2
  三等奖: 3
"""


def init_text(
    name: str = "competition.yaml", banks: list[str] | None = None, buzz: int = 10
) -> str:
    """The commented config; ``banks`` as written in it (paths relative to the config, or bundled names).

    Without banks it names the bundled bank pinghu-chengtou, which resolves
    from any folder (see ``config.resolve_bank``).
    """
    import json

    from factquiz.host.config import bundled_bank_names

    names = banks or ["pinghu-chengtou"]
    listed = (
        "["
        + ", ".join(n if _plain_yaml(n) else json.dumps(n, ensure_ascii=False) for n in names)
        + "]"
    )
    from rich.cells import cell_len

    pad = " " * max(1, 30 - cell_len(listed))  # line the comment up with the others
    bundled = "、".join(bundled_bank_names()) or "pinghu-chengtou"
    return INIT_TEMPLATE.format(name=name, banks=listed, pad=pad, bundled=bundled, buzz=buzz)


def fitted_init_text(target: Path, banks: list[str] | None = None) -> tuple[str, str]:
    """``init_text`` with as many buzz questions (at most 10) as the banks can feed after the
    other rounds, so the config it writes runs as written; and a notice when it had to shrink.
    When even one buzz question is too many, the text keeps 10 and the notice says why.
    """
    from factquiz.banks import all_questions, load_banks
    from factquiz.errors import FactQuizError
    from factquiz.host.config import parse_config, resolve_bank
    from factquiz.host.plan import draw_game

    paths = [resolve_bank(entry, target.parent) for entry in banks or ["pinghu-chengtou"]]
    questions = all_questions(load_banks(paths))
    problem = ""
    for buzz in range(10, 0, -1):
        text = init_text(target.name, banks, buzz)
        try:
            draw_game(parse_config(text, str(target)), questions, seed=0)
        except FactQuizError as exc:
            problem = problem or str(exc)
            continue
        notice = "" if buzz == 10 else f"题库共 {len(questions)} 题，抢答题设为 {buzz} 题"
        return text, notice
    return init_text(target.name, banks), f"题库题数不够默认赛制：{problem}"


def _plain_yaml(text: str) -> bool:
    """Whether ``text`` can stand unquoted in a YAML flow list."""
    import re

    return re.fullmatch(r"[\w./~][\w./~-]*", text) is not None


def looks_like_bank(path: Path) -> bool:
    """A folder, or a YAML file declaring ``format: factquiz/…`` (a bank, not a competition config)."""
    import re

    if path.is_dir():
        return True
    try:
        head = path.read_text(encoding="utf-8-sig", errors="replace")[:2000]
    except OSError:
        return False
    return re.search(r"(?m)^format:\s*['\"]?factquiz/", head) is not None


def write_init_config(paths: list[Path]) -> tuple[Path, list[str], str]:
    """`host --init [CONFIG] [BANK…]`: write a commented config naming the banks.

    Returns the config path, the bank entries as written in it (paths relative
    to the config, or bundled bank names) and a notice when rounds were sized
    down to fit the banks. Refuses to overwrite a file or to name a missing bank.
    """
    import os

    from factquiz.errors import UsageError
    from factquiz.files import atomic_write
    from factquiz.host.config import bundled_bank_names, resolve_bank

    if (
        paths
        and paths[0].suffix.lower() in (".yaml", ".yml")
        and not (paths[0].exists() and looks_like_bank(paths[0]))
    ):
        target, banks = paths[0], paths[1:]
    else:  # `--init BANK…`: the default config name, these banks
        target, banks = Path("competition.yaml"), paths
    if target.exists():
        raise UsageError(f"{target} already exists; choose another path or remove it")
    entries = []
    for bank in banks:
        found = resolve_bank(str(bank), Path("."))
        if not found.exists():
            raise UsageError(
                f"bank {str(bank)!r} not found; give a bank file or folder, or a bundled bank by name: {', '.join(bundled_bank_names())}"
            )
        if found != Path(".") / bank and found != bank:
            entries.append(str(bank))  # a bundled bank's name: keep it, it works from any folder
        else:  # relative to the config's folder, where `factquiz host` looks for it
            entries.append(
                Path(os.path.relpath(found.resolve(), target.resolve().parent)).as_posix()
            )
    text, notice = fitted_init_text(target, entries)
    atomic_write(target, text)
    return target, entries, notice
