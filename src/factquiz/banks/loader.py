"""Load question banks (format factquiz/1) with every problem located.

``read_bank`` turns one YAML file into a ``Bank`` or raises ``BankError``
listing *all* problems in the file as ``file:line: field: message``.
``load_banks`` loads files and folders together, namespacing ids by bank.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from factquiz.banks.questions import (  # noqa: F401  (did_you_mean, parse_*: re-exported for callers)
    DEFAULT_FIELDS,
    DEFAULTS,
    Collector,
    check_common,
    control_character_problem,
    did_you_mean,
    parse_judge,
    parse_letters,
    parse_question,
    question_from_mapping,
    shown,
    text_of,
)
from factquiz.banks.yamlnodes import LineDict, LineList, gc_paused, parse_yaml
from factquiz.errors import BankError, FactQuizError, InputError, Location, Problem
from factquiz.files import read_text
from factquiz.model import FORMAT, Bank, Defaults, Question, Source

BANK_FIELDS = (
    "format",
    "title",
    "language",
    "source",
    "sources",
    "defaults",
    "generator",
    "questions",
)
SOURCE_FIELDS = ("title", "date", "file", "url")
BANK_SUFFIXES = (".yaml", ".yml")
MAX_GENERATOR_VALUES = 10_000


def _defaults(data: LineDict, out: Collector) -> Defaults:
    raw = data.get("defaults")
    if raw is None:
        return Defaults()
    if not isinstance(raw, LineDict):
        out.error(
            data.key_lines.get("defaults"),
            "defaults",
            "must be a mapping like {points: 10, time_limit: 30}",
        )
        return Defaults()
    out.unknown_keys(raw, DEFAULT_FIELDS, "defaults.")
    values: dict[str, Any] = {}
    for key in DEFAULT_FIELDS:
        if key in raw:
            checked = check_common(key, raw[key], raw.key_lines.get(key), f"defaults.{key}", out)
            if checked is not None:
                values[key] = checked
    return Defaults(**values)


def _sources(data: LineDict, out: Collector) -> tuple[Source, ...]:
    raw_list: list[tuple[Any, int | None, str]] = []
    if "source" in data:
        raw_list.append((data["source"], data.key_lines.get("source"), "source"))
    if "sources" in data:
        items = data["sources"]
        if not isinstance(items, LineList):
            out.error(
                data.key_lines.get("sources"), "sources", "must be a list of {title, date, file}"
            )
        else:
            raw_list += [(v, items.item_lines[i], f"sources[{i + 1}]") for i, v in enumerate(items)]
    sources = []
    for raw, line, field in raw_list:
        if isinstance(raw, str):
            # trimmed like a mapping's values, so the bank reads back the same after a save
            sources.append(Source(title=raw.strip()))
            continue
        if not isinstance(raw, LineDict):
            out.error(line, field, "must be a mapping like {title: …, date: 2022-01-01, file: …}")
            continue
        out.unknown_keys(raw, SOURCE_FIELDS, field + ".")
        values = {}
        for key in SOURCE_FIELDS:
            value = raw.get(key)
            text = "" if value is None else text_of(value)
            if text is None:
                out.error(raw.key_lines.get(key), f"{field}.{key}", "must be text")
            values[key] = (text or "").strip()
        date = values["date"]
        if date and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", date):
            out.error(
                raw.key_lines.get("date"),
                field + ".date",
                f"must be a date like 2022-01-15, 2022-01 or 2022, got {date!r}",
            )
        sources.append(Source(**values))
    return tuple(sources)


def bank_name(path: str | Path) -> str:
    """The namespace of a bank: its file name without suffix."""
    return Path(path).stem


def parse_bank(text: str, file: str = "<bank>", name: str | None = None) -> Bank:
    """Parse bank YAML text; raise BankError with every problem found."""
    with gc_paused():  # many small objects, no cycles: the collector only costs time here
        return _parse_bank(text, file, name)


def _parse_bank(text: str, file: str, name: str | None) -> Bank:
    data = parse_yaml(text, file)
    out = Collector(file)
    if not isinstance(data, LineDict):
        raise BankError(
            [
                Problem(
                    "a bank is a YAML mapping with format, title and questions", Location(file, 1)
                )
            ]
        )
    out.unknown_keys(data, BANK_FIELDS)
    fmt = data.get("format")
    if fmt is None:
        out.error(1, "format", f"missing; add 'format: {FORMAT}' at the top")
    elif fmt != FORMAT:
        out.error(
            data.key_lines.get("format"),
            "format",
            f"unsupported format {shown(fmt)}; this version of factquiz reads {FORMAT}",
        )
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        out.error(
            data.key_lines.get("title", 1), "title", "missing or empty; give the bank a title"
        )
        title = ""
    elif (problem := control_character_problem(title)) is not None:
        out.error(data.key_lines.get("title", 1), "title", problem)
    language = data.get("language", "zh-CN")
    if not isinstance(language, str) or not re.fullmatch(
        r"[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*", language
    ):
        out.error(
            data.key_lines.get("language"),
            "language",
            f"must be a language code like zh-CN or en, got {shown(language)}",
        )
        language = "zh-CN"
    defaults = _defaults(data, out)
    sources = _sources(data, out)
    generator = data.get("generator")
    if generator is not None and not isinstance(generator, LineDict):
        out.error(
            data.key_lines.get("generator"),
            "generator",
            "must be a mapping of the options the bank was generated with",
        )
        generator = None
    elif generator is not None and _too_big(generator, MAX_GENERATOR_VALUES):
        out.error(
            data.key_lines.get("generator"),
            "generator",
            f"has more than {MAX_GENERATOR_VALUES} values (aliases count each time they are used); "
            "keep only the options factquiz generate wrote",
        )
        generator = None
    questions_raw = data.get("questions")
    questions: list[Question] = []
    if questions_raw is None:
        out.error(
            data.key_lines.get("questions", 1),
            "questions",
            "missing; add a list of questions (it may be empty: questions: [])",
        )
    elif not isinstance(questions_raw, LineList):
        out.error(data.key_lines.get("questions"), "questions", "must be a list of questions")
    else:
        seen: dict[str, int] = {}
        for i, raw in enumerate(questions_raw):
            q = question_from_mapping(raw, questions_raw.item_lines[i], i, defaults, out)
            # ids are checked for repeats even on questions with other problems
            qid = text_of(raw.get("id")) if isinstance(raw, LineDict) else None
            if qid:
                line = raw.key_lines.get("id", raw.line)
                if qid in seen:
                    out.error(
                        line,
                        "id",
                        f"duplicate id {qid!r} (first used on line {seen[qid]}); ids must be unique in a bank",
                    )
                    continue
                seen[qid] = line
            if q is not None:
                # a generated bank's questions are generated unless one says `generated: false`
                if generator is not None and "generated" not in raw:
                    q = replace(q, generated=True)
                questions.append(q)
    if out.problems:
        # in file order, so the list reads top to bottom
        raise BankError(sorted(out.problems, key=lambda p: p.location.line or 0))
    name = name if name is not None else bank_name(file)
    return Bank(
        title=title.strip(),
        questions=tuple(replace(q, bank=name) for q in questions),
        name=name,
        language=language,
        sources=sources,
        defaults=defaults,
        generator=_plain(generator) if generator is not None else None,
        path=file,
    )


def _too_big(value: Any, limit: int) -> bool:
    """Whether ``value`` spells out more than ``limit`` values once aliases are expanded.

    Stops counting at the limit, so an alias bomb is refused without being expanded.
    """
    count, stack = 0, [value]
    while stack:
        item = stack.pop()
        count += 1
        if count > limit:
            return True
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _plain(value: Any) -> Any:
    """Plain dicts, lists, ints and floats (not our line-keeping subclasses), so the dumper knows them."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return value


def read_bank(path: str | Path, name: str | None = None) -> Bank:
    """Read one bank file; raise InputError (unreadable) or BankError (invalid)."""
    text = read_text(path, what="bank file")
    return parse_bank(text, str(path), name)


def find_bank_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand folders to the *.yaml / *.yml files under them (sorted); check files exist."""
    found: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files = sorted(
                f for f in p.rglob("*") if f.suffix.lower() in BANK_SUFFIXES and f.is_file()
            )
            if not files:
                raise InputError("no banks (*.yaml, *.yml) in this folder", Location(str(p)))
            found.extend(files)
        elif p.exists():
            found.append(p)
        else:
            raise InputError("no such file or folder; check the path", Location(str(p)))
    return found


def _unique_names(files: list[Path]) -> list[str]:
    names: list[str] = []
    for f in files:
        base = bank_name(f)
        name, n = base, 2
        while name in names:
            name, n = f"{base}-{n}", n + 1
        names.append(name)
    return names


def check_banks(paths: Iterable[str | Path]) -> tuple[list[Bank], list[Problem]]:
    """Load every bank under ``paths``; return the good banks and all problems (never raises on bad banks)."""
    files = find_bank_files(paths)
    banks: list[Bank] = []
    problems: list[Problem] = []
    for f, name in zip(files, _unique_names(files), strict=True):
        try:
            banks.append(read_bank(f, name))
        except BankError as exc:
            problems.extend(exc.problems)
        except FactQuizError as exc:
            problems.append(Problem(exc.message, exc.location))
    return banks, problems


def load_banks(paths: Iterable[str | Path]) -> list[Bank]:
    """Load banks from files and folders; raise BankError listing every problem in every file."""
    banks, problems = check_banks(paths)
    if problems:
        raise BankError(problems)
    return banks


def all_questions(banks: Iterable[Bank]) -> list[Question]:
    return [q for bank in banks for q in bank.questions]


def merge_banks(banks: Sequence[Bank], title: str | None = None) -> Bank:
    """One bank from several (for export): ids become bank-namespaced when there is more than one."""
    if len(banks) == 1 and title is None:
        return banks[0]
    many = len(banks) > 1
    questions = tuple(
        replace(q, id=q.ref.replace("/", "."), bank="") if many else q
        for b in banks
        for q in b.questions
    )
    sources = tuple(s for b in banks for s in b.sources)
    first = banks[0] if banks else Bank(title="")
    return Bank(
        title=title or " + ".join(b.title for b in banks),
        questions=questions,
        name=first.name if not many else "merged",
        language=first.language,
        sources=sources,
        defaults=first.defaults,
    )
