"""The competition config (YAML): teams, rounds, awards — validated with file:line errors.

A config names the teams, the starting score, the banks, the rounds in order
and the awards. Every problem is collected and reported together as
``file:line: field: message`` (like banks), through ``ConfigError``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factquiz.banks.loader import Collector, did_you_mean
from factquiz.banks.select import Selection
from factquiz.banks.yamlnodes import LineDict, LineList, parse_yaml
from factquiz.errors import BankError, Location, Problem
from factquiz.files import read_text
from factquiz.model import BANK_TYPES

# required (必答题) | shared (共答题) | buzz (抢答题) | risk (风险题) | sudden_death (加时赛)
ROUND_KINDS = ("required", "shared", "buzz", "risk", "sudden_death")
KIND_NAMES = {
    "required": "必答题",
    "shared": "共答题",
    "buzz": "抢答题",
    "risk": "风险题",
    "sudden_death": "加时赛",
}
RISK_ORDERS = ("high_first", "low_first", "listed")
MIN_TEAMS, MAX_TEAMS = 2, 20

CONFIG_FIELDS = ("title", "preset", "teams", "start_score", "banks", "seed", "rounds", "awards")
ROUND_FIELDS = (
    "name", "kind", "count", "points", "penalty", "early_penalty", "early_warnings", "time_limit",
    "selection", "tiers", "order", "void_on_early", "rebuzz",
)  # fmt: skip
SELECTION_FIELDS = ("types", "tags", "difficulty")


class ConfigError(BankError):
    """A competition config (or journal) that cannot be used; lists every problem."""


@dataclass(frozen=True)
class Tier:
    """One choice of a risk round (风险题): worth ``points``, drawn at ``difficulty``."""

    points: int
    difficulty: int
    penalty: int | None = None  # taken off for a wrong answer; None: the tier's points

    @property
    def loss(self) -> int:
        return self.points if self.penalty is None else self.penalty


@dataclass(frozen=True)
class RoundConfig:
    """One round. ``count`` is per team for required and risk rounds, in total otherwise."""

    name: str
    kind: str
    count: int
    points: float | None = None  # None: each question's own points
    penalty: float = 0  # taken off for a wrong answer (risk rounds take off the tier instead)
    early_penalty: float = 0  # buzz rounds: buzzing before the host opens the question (抢答犯规)
    # A team's first N early buzzes (in the whole competition) only lose it the question; later ones
    # cost early_penalty too. 0: every early buzz costs it.
    early_warnings: int = 0
    time_limit: int | None = None  # None: each question's own time limit
    selection: Selection = Selection()
    tiers: tuple[Tier, ...] = ()
    order: str = "high_first"  # risk rounds: who chooses first
    # Rule variants of buzz rounds: an early buzz (违规抢答) voids the question for everyone;
    # after a wrong answer no other team may buzz (the question closes).
    void_on_early: bool = False
    rebuzz: bool = True
    line: int | None = field(default=None, compare=False)

    @property
    def kind_name(self) -> str:
        return KIND_NAMES[self.kind]

    def per_team(self) -> bool:
        return self.kind in ("required", "risk")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "kind": self.kind, "count": self.count}
        if self.points is not None:
            out["points"] = self.points
        out["penalty"] = self.penalty
        if self.kind in ("buzz", "sudden_death"):
            out["early_penalty"] = self.early_penalty
            if self.early_warnings:  # only when set: older journals' config hashes stay valid
                out["early_warnings"] = self.early_warnings
        if self.time_limit is not None:
            out["time_limit"] = self.time_limit
        sel = self.selection
        out["selection"] = {
            "types": list(sel.types),
            "tags": list(sel.tags),
            "difficulty": list(sel.difficulty),
        }
        if self.kind == "risk":
            out["tiers"] = [
                {"points": t.points, "difficulty": t.difficulty}
                | ({"penalty": t.penalty} if t.penalty is not None else {})
                for t in self.tiers
            ]
            out["order"] = self.order
        # Only when set: a config without the variants hashes as it did before they existed.
        if self.void_on_early:
            out["void_on_early"] = True
        if not self.rebuzz:
            out["rebuzz"] = False
        return out


@dataclass(frozen=True)
class CompetitionConfig:
    title: str
    teams: tuple[str, ...]
    rounds: tuple[RoundConfig, ...]
    start_score: float = 100
    banks: tuple[str, ...] = ()  # paths, relative to the config file's folder
    awards: tuple[tuple[str, int], ...] = (("一等奖", 1), ("二等奖", 2), ("三等奖", 3))
    seed: int | None = None
    # A short name (简称) per team for the scoreboard, "" for none: {name: 平湖城投第一党支部, short: 一支部}.
    shorts: tuple[str, ...] = ()
    path: str = field(default="", compare=False)
    # field → line, for errors
    line_of: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """The config as plain data (what the journal header stores)."""
        teams: list[Any] = list(self.teams)
        if any(self.shorts):  # only then: a config without 简称 hashes as before
            teams = [
                {"name": n, "short": s} if s else n
                for n, s in zip(self.teams, self.shorts, strict=True)
            ]
        return {
            "title": self.title,
            "teams": teams,
            "start_score": self.start_score,
            "rounds": [r.to_dict() for r in self.rounds],
            "awards": [[name, count] for name, count in self.awards],
        }

    def short_name(self, team: int) -> str:
        """The team's 简称 where it has one, else its name."""
        return (self.shorts[team] if team < len(self.shorts) else "") or self.teams[team]

    def digest(self) -> str:
        """A hash of what decides the scores (teams, rounds, awards), not of comments or bank paths."""
        text = json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    def bank_paths(self) -> list[Path]:
        """The banks as paths: relative to the config's folder, or a bundled bank named by its name."""
        base = Path(self.path).parent if self.path and not self.path.startswith("<") else Path(".")
        return [resolve_bank(b, base) for b in self.banks]

    def missing_banks(self) -> list[Problem]:
        """A problem for each bank that is neither a file or folder nor a bundled bank's name."""
        names = ", ".join(bundled_bank_names()) or "none"
        # not a preset filled in from the command line
        from_file = bool(self.path) and not self.path.startswith("<")
        where = f" (paths are relative to {str(Path(self.path).parent)!r})" if from_file else ""
        return [
            Problem(f"bank {entry!r} not found{where}; give a bank file or folder, or a bundled bank by name: {names}",
                    Location(self.path, self.line_of.get("banks"), "banks") if from_file else Location(entry))
            for entry, path in zip(self.banks, self.bank_paths(), strict=True)
            if not path.exists()
        ]  # fmt: skip


def bundled_bank_names() -> list[str]:
    """Names of the banks that ship with factquiz (``pinghu-chengtou``, ``sample-team``)."""
    from factquiz.resources import banks_dir

    try:
        return sorted(p.stem for p in banks_dir().glob("*.yaml"))
    except FileNotFoundError:
        return []


def resolve_bank(entry: str, base: Path) -> Path:
    """A config's bank entry → a path: the file or folder if it exists, else the bundled bank of that name.

    Naming a bundled bank (``banks: [pinghu-chengtou]``) lets a config written
    by ``factquiz host --init`` work from any folder after ``pip install``.
    """
    path = Path(entry).expanduser()
    if not path.is_absolute():
        path = base / path
    if path.exists() or "/" in entry or "\\" in entry:
        return path
    from factquiz.resources import banks_dir

    name = entry.removesuffix(".yaml").removesuffix(".yml")
    try:
        bundled = banks_dir() / f"{name}.yaml"
    except FileNotFoundError:  # an installation without its data: report the path as given
        return path
    return bundled if bundled.is_file() else path


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _whole(value: float) -> float:
    return int(value) if float(value).is_integer() else value


def _names(value: Any) -> list[str] | None:
    """A list of names from a YAML list or a comma-separated string."""
    if isinstance(value, str):
        from factquiz.banks.select import parse_list

        return list(parse_list(value))
    if isinstance(value, LineList) and all(
        isinstance(v, (str, int)) and not isinstance(v, bool) for v in value
    ):
        from factquiz.banks.select import parse_list

        # [一队，二队, 三队]: YAML splits only at ASCII commas; a full-width comma or 、 inside an
        # entry separates names too (else two teams would silently become one).
        return [name for v in value for name in (parse_list(str(v)) or ("",))]
    return None


def _name_list(
    raw: LineDict, key: str, prefix: str, example: str, out: Collector
) -> tuple[str, ...]:
    """``raw[key]`` as names, or () with an error naming the field when it is not a list of names."""
    if raw.get(key) is None:
        return ()
    names = _names(raw[key])
    if names is None:
        out.error(raw.key_lines.get(key), f"{prefix}.{key}", f"must be a list {example}")
        return ()
    return tuple(names)


def _selection(raw: Any, line: int | None, prefix: str, out: Collector) -> Selection:
    if raw is None:
        return Selection()
    if not isinstance(raw, LineDict):
        out.error(
            line,
            prefix,
            "must be a mapping like {types: [single, judge], tags: [党史], difficulty: [1, 2]}",
        )
        return Selection()
    out.unknown_keys(raw, SELECTION_FIELDS, prefix + ".")
    types = _name_list(raw, "types", prefix, "such as [single, judge]", out)
    for t in types:
        if t not in BANK_TYPES:
            out.error(
                raw.key_lines.get("types"),
                prefix + ".types",
                f"unknown type {t!r}; use {', '.join(BANK_TYPES)}",
            )
    tags = _name_list(raw, "tags", prefix, "of tags such as [党史, 重点工程]", out)
    difficulty: tuple[int, ...] = ()
    if raw.get("difficulty") is not None:
        value = raw["difficulty"]
        items = list(value) if isinstance(value, LineList) else [value]
        if all(v in (1, 2, 3) and not isinstance(v, bool) for v in items):
            difficulty = tuple(sorted(set(items)))
        elif isinstance(value, str):
            from factquiz.banks.select import parse_difficulty
            from factquiz.errors import UsageError

            try:
                difficulty = parse_difficulty(value)
            except UsageError as exc:
                out.error(raw.key_lines.get("difficulty"), prefix + ".difficulty", exc.message)
        else:
            out.error(
                raw.key_lines.get("difficulty"),
                prefix + ".difficulty",
                "must be 1, 2, 3 or a list of them",
            )
    return Selection(types=types, tags=tags, difficulty=difficulty)


def _tiers(raw: Any, line: int | None, prefix: str, out: Collector) -> tuple[Tier, ...]:
    if not isinstance(raw, LineList) or not raw:
        out.error(
            line,
            prefix,
            "a risk round needs tiers, e.g. [{points: 10, difficulty: 1}, {points: 20, difficulty: 2}, {points: 30, difficulty: 3}]",
        )
        return ()
    tiers: list[Tier] = []
    for i, item in enumerate(raw):
        where, item_line = f"{prefix}[{i + 1}]", raw.item_lines[i]
        penalty = None
        if _is_number(item):  # shorthand: [10, 20, 30] → difficulty 1, 2, 3
            points, difficulty = item, min(i + 1, 3)
        elif isinstance(item, LineDict):
            out.unknown_keys(item, ("points", "difficulty", "penalty"), where + ".")
            points, difficulty = item.get("points"), item.get("difficulty", min(i + 1, 3))
            penalty = item.get("penalty")
        else:
            out.error(item_line, where, "must be a number of points or {points: 20, difficulty: 2}")
            continue
        if not _is_number(points) or points <= 0 or not float(points).is_integer():
            out.error(
                item_line,
                where + ".points",
                f"must be a whole number of points > 0, got {points!r}",
            )
            continue
        if difficulty not in (1, 2, 3) or isinstance(difficulty, bool):
            out.error(item_line, where + ".difficulty", f"must be 1, 2 or 3, got {difficulty!r}")
            continue
        if any(t.points == points for t in tiers):
            out.error(
                item_line,
                where + ".points",
                f"two tiers are worth {points}; give each tier different points",
            )
            continue
        if penalty is not None and (
            not _is_number(penalty) or penalty < 0 or not float(penalty).is_integer()
        ):
            out.error(
                item_line,
                where + ".penalty",
                f"must be a whole number of points ≥ 0 taken off for a wrong answer, got {penalty!r}",
            )
            continue
        tiers.append(Tier(int(points), int(difficulty), None if penalty is None else int(penalty)))
    return tuple(tiers)


def _round(raw: Any, line: int, index: int, out: Collector) -> RoundConfig | None:
    prefix = f"rounds[{index + 1}]"
    if not isinstance(raw, LineDict):
        out.error(line, prefix, "each round must be a mapping with kind and count")
        return None
    before = len(out.problems)
    out.unknown_keys(raw, ROUND_FIELDS, prefix + ".")
    lines = raw.key_lines
    kind = raw.get("kind")
    if "kind" not in raw:
        out.error(raw.line, prefix + ".kind", f"missing; one of {', '.join(ROUND_KINDS)}")
        return None
    if kind not in ROUND_KINDS:
        hint = did_you_mean(str(kind), ROUND_KINDS) if isinstance(kind, str) else ""
        out.error(
            lines.get("kind"),
            prefix + ".kind",
            f"unknown kind {kind!r}; use one of {', '.join(ROUND_KINDS)}{hint}",
        )
        return None
    name = raw.get("name", KIND_NAMES[kind])
    if not isinstance(name, str) or not name.strip():
        out.error(lines.get("name"), prefix + ".name", "must be non-empty text")
        name = KIND_NAMES[kind]
    count = raw.get("count")
    if "count" not in raw:
        out.error(
            raw.line,
            prefix + ".count",
            "missing; how many questions"
            + (" each team gets" if kind in ("required", "risk") else ""),
        )
    elif not isinstance(count, int) or isinstance(count, bool) or count < 1:
        out.error(
            lines.get("count"), prefix + ".count", f"must be a whole number ≥ 1, got {count!r}"
        )
    values: dict[str, Any] = {}
    for key in ("points", "penalty", "early_penalty"):
        if raw.get(key) is None:
            continue
        value = raw[key]
        if not _is_number(value) or value < 0:
            out.error(lines.get(key), f"{prefix}.{key}", f"must be a number ≥ 0, got {value!r}")
        else:
            values[key] = _whole(value)
    if "early_penalty" in values and kind not in ("buzz", "sudden_death"):
        out.error(
            lines.get("early_penalty"),
            prefix + ".early_penalty",
            "only buzz rounds (抢答) have an early-buzz penalty",
        )
    if raw.get("early_warnings") is not None:
        value = raw["early_warnings"]
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            out.error(lines.get("early_warnings"), prefix + ".early_warnings",
                      f"must be a whole number ≥ 0 (early buzzes that only lose the question), got {value!r}")  # fmt: skip
        elif kind not in ("buzz", "sudden_death"):
            out.error(lines.get("early_warnings"), prefix + ".early_warnings",
                      "only buzz rounds (抢答) have early buzzes")  # fmt: skip
        else:
            values["early_warnings"] = value
    if raw.get("time_limit") is not None:
        value = raw["time_limit"]
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            out.error(
                lines.get("time_limit"),
                prefix + ".time_limit",
                f"must be a whole number of seconds > 0, got {value!r}",
            )
        else:
            values["time_limit"] = value
    selection = _selection(raw.get("selection"), lines.get("selection"), prefix + ".selection", out)
    tiers: tuple[Tier, ...] = ()
    if kind == "risk":
        tiers = _tiers(raw.get("tiers"), lines.get("tiers", raw.line), prefix + ".tiers", out)
    elif "tiers" in raw:
        out.error(lines.get("tiers"), prefix + ".tiers", "only risk rounds (风险题) have tiers")
    order = raw.get("order", "high_first")
    if "order" in raw and kind != "risk":
        out.error(lines.get("order"), prefix + ".order", "only risk rounds choose an order")
    elif order not in RISK_ORDERS:
        out.error(lines.get("order"), prefix + ".order", f"must be one of {', '.join(RISK_ORDERS)}")
    for key in ("void_on_early", "rebuzz"):
        if key not in raw:
            continue
        if kind != "buzz":
            out.error(lines.get(key), f"{prefix}.{key}", "only buzz rounds (抢答题) have this rule")
        elif not isinstance(raw[key], bool):
            out.error(lines.get(key), f"{prefix}.{key}", f"must be true or false, got {raw[key]!r}")
        else:
            values[key] = raw[key]
    if len(out.problems) > before:
        return None
    return RoundConfig(
        name=name.strip(),
        kind=kind,
        count=count,
        selection=selection,
        tiers=tiers,
        order=order,
        line=raw.line,
        **values,
    )


def _team_shorts(data: LineDict, out: Collector) -> tuple[LineDict | Any, tuple[str, ...]]:
    """teams with {name, short} entries split into a plain list of names and their short names."""
    raw = data.get("teams")
    if not isinstance(raw, LineList) or not any(isinstance(v, LineDict) for v in raw):
        return raw, ()
    names: list[Any] = []
    shorts: list[str] = []
    for i, item in enumerate(raw):
        if not isinstance(item, LineDict):
            names.append(item)
            shorts.append("")
            continue
        out.unknown_keys(item, ("name", "short"), f"teams[{i + 1}].")
        name, short = item.get("name"), item.get("short", "")
        if not isinstance(name, (str, int)) or not isinstance(short, (str, int)):
            out.error(
                raw.item_lines[i], f"teams[{i + 1}]", "must be a name, or {name: 全称, short: 简称}"
            )
            name, short = "", ""
        names.append(str(name).strip())
        shorts.append(str(short).strip())
    plain = LineList(names)
    plain.line, plain.item_lines = raw.line, raw.item_lines
    return plain, tuple(shorts)


def _teams(data: LineDict, out: Collector) -> tuple[str, ...]:
    raw = data.get("teams")
    line = data.key_lines.get("teams", data.line)
    if raw is None:
        out.error(
            line,
            "teams",
            f"missing; list {MIN_TEAMS} to {MAX_TEAMS} team names, e.g. [一队, 二队, 三队]",
        )
        return ()
    names = _names(raw)
    if names is None:
        out.error(line, "teams", "must be a list of team names, e.g. [一队, 二队, 三队]")
        return ()
    if not MIN_TEAMS <= len(names) <= MAX_TEAMS:
        out.error(
            line, "teams", f"has {len(names)} teams; a competition needs {MIN_TEAMS} to {MAX_TEAMS}"
        )
    problems = check_team_names(names)
    for message in problems:
        out.error(line, "teams", message)
    return tuple(names)


def check_team_names(names: list[str]) -> list[str]:
    """Problems with a list of team names (empty, repeated, or a name that looks like a team number)."""
    problems = []
    seen: set[str] = set()
    for name in names:
        if not name:
            problems.append("a team name is empty")
        elif name in seen:
            problems.append(f"team {name!r} appears twice; names must be unique")
        elif name.isdigit():
            problems.append(
                f"team name {name!r} is a number; numbers mean team positions in commands, use a name"
            )
        seen.add(name)
    return problems


def _awards(data: LineDict, out: Collector) -> tuple[tuple[str, int], ...] | None:
    raw = data.get("awards")
    if raw is None:
        return None
    line = data.key_lines.get("awards")
    if not isinstance(raw, LineDict):
        out.error(line, "awards", "must be a mapping like {一等奖: 1, 二等奖: 2, 三等奖: 3}")
        return None
    awards = []
    for name, count in raw.items():
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            out.error(
                raw.key_lines.get(name),
                f"awards.{name}",
                f"must be how many teams win it (a whole number ≥ 0), got {count!r}",
            )
        else:
            awards.append((name, count))
    return tuple(awards)


def parse_config(
    text: str, file: str = "<config>", presets: dict[str, Any] | None = None
) -> CompetitionConfig:
    """Parse config YAML; raise ConfigError listing every problem with its line."""
    from factquiz.host.presets import PRESETS

    presets = PRESETS if presets is None else presets
    data = parse_yaml(text, file)
    out = Collector(file)
    if not isinstance(data, LineDict):
        raise ConfigError(
            [
                Problem(
                    "a competition config is a YAML mapping with title, teams and rounds",
                    Location(file, 1),
                )
            ]
        )
    if "questions" in data and "format" in data:
        raise ConfigError([Problem(
            "this is a question bank, not a competition config; run `factquiz host BANK --teams 一队,二队 --preset dangshi` "
            "or write a config with `factquiz host --init`", Location(file, 1))])  # fmt: skip
    out.unknown_keys(data, CONFIG_FIELDS)
    base = None
    if data.get("preset") is not None:
        base = presets.get(str(data["preset"]))
        if base is None:
            out.error(
                data.key_lines.get("preset"),
                "preset",
                f"unknown preset {data['preset']!r}; known: {', '.join(presets)}",
            )
    title = data.get("title", base.title if base else None)
    if not isinstance(title, str) or not title.strip():
        out.error(
            data.key_lines.get("title", 1),
            "title",
            "missing or empty; give the competition a title",
        )
        title = ""
    plain_teams, shorts = _team_shorts(data, out)
    if shorts:
        data["teams"] = plain_teams
    teams = _teams(data, out)
    if shorts and len(shorts) != len(teams):
        out.error(
            data.key_lines.get("teams"),
            "teams",
            "a name given with its short name cannot contain ， or 、",
        )
        shorts = ()
    given = [s for s in shorts if s]
    clash = [
        s
        for i, s in enumerate(shorts)
        if s and (given.count(s) > 1 or (s in teams and teams.index(s) != i))
    ]
    if clash:
        out.error(data.key_lines.get("teams"), "teams",
                  f"short name {clash[0]!r} is given twice or is another team's name")  # fmt: skip
    start = data.get("start_score", base.start_score if base else 100)
    if not _is_number(start):
        out.error(
            data.key_lines.get("start_score"), "start_score", f"must be a number, got {start!r}"
        )
        start = 100
    banks: tuple[str, ...] = ()
    if data.get("banks") is not None:
        names = _names(data["banks"])
        if names is None:
            out.error(
                data.key_lines.get("banks"), "banks", "must be a list of bank files or folders"
            )
        else:
            banks = tuple(names)
    seed = data.get("seed")
    if seed is not None and (not isinstance(seed, int) or isinstance(seed, bool)):
        out.error(data.key_lines.get("seed"), "seed", f"must be a whole number, got {seed!r}")
        seed = None
    rounds: list[RoundConfig] = []
    raw_rounds = data.get("rounds")
    if raw_rounds is None:
        if base is None:
            out.error(
                data.key_lines.get("rounds", 1),
                "rounds",
                "missing; list the rounds, or use 'preset: dangshi'",
            )
        else:
            rounds = list(base.rounds)
    elif not isinstance(raw_rounds, LineList) or not raw_rounds:
        out.error(data.key_lines.get("rounds"), "rounds", "must be a list of rounds")
    else:
        for i, raw in enumerate(raw_rounds):
            r = _round(raw, raw_rounds.item_lines[i], i, out)
            if r is not None:
                rounds.append(r)
        extra = [r for r in rounds if r.kind == "sudden_death"][1:]
        for r in extra:
            out.error(
                r.line,
                "rounds",
                "only one sudden_death (加时赛) round; it is used whenever a tie needs breaking",
            )
        if rounds and all(r.kind == "sudden_death" for r in rounds):
            out.error(
                data.key_lines.get("rounds"),
                "rounds",
                "needs at least one round that is not sudden_death",
            )
    awards = _awards(data, out)
    if awards is None:
        awards = base.awards if base else CompetitionConfig.__dataclass_fields__["awards"].default
    if out.problems:
        raise ConfigError(out.problems)
    return CompetitionConfig(
        title=title.strip(), teams=teams, rounds=tuple(rounds), start_score=_whole(start),
        banks=banks, awards=awards, seed=seed, shorts=shorts, path=file,
        line_of={key: line for key, line in data.key_lines.items() if line is not None},
    )  # fmt: skip


def read_config(path: str | Path) -> CompetitionConfig:
    """Read a config file; raise InputError (unreadable) or ConfigError (invalid)."""
    return parse_config(read_text(path, what="competition config"), str(path))


def config_from_dict(data: dict[str, Any], file: str = "<journal>") -> CompetitionConfig:
    """Rebuild a config from ``to_dict()`` output (the journal header)."""
    import yaml

    data = dict(data)
    if isinstance(data.get("awards"), list):  # stored as pairs so that their order is hashed
        data["awards"] = {str(name): count for name, count in data["awards"]}
    try:
        return parse_config(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), file, presets={}
        )
    except ConfigError as exc:  # line numbers of the dumped YAML mean nothing to the host
        raise ConfigError(
            [
                Problem(
                    f"journal header holds an unusable config ({p.location.field}: {p.message})",
                    Location(file, 1),
                )
                for p in exc.problems
            ]
        ) from None


def differences(a: CompetitionConfig, b: CompetitionConfig) -> list[str]:
    """Which parts of two configs differ, in words a host understands."""
    da, db = a.to_dict(), b.to_dict()
    names = {
        "title": "title",
        "teams": "teams",
        "start_score": "start score",
        "rounds": "rounds",
        "awards": "awards",
    }
    return [label for key, label in names.items() if da[key] != db[key]]
