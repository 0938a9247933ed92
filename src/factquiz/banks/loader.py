"""Load question banks (format factquiz/1) with every problem located.

``read_bank`` turns one YAML file into a ``Bank`` or raises ``BankError``
listing *all* problems in the file as ``file:line: field: message``.
``load_banks`` loads files and folders together, namespacing ids by bank.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from factquiz.banks.yamlnodes import LineDict, LineList, gc_paused, parse_yaml
from factquiz.errors import BankError, FactQuizError, InputError, Location, Problem
from factquiz.files import read_text
from factquiz.model import FORMAT, QUESTION_TYPES, Bank, Blank, Defaults, Question, Source

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
QUESTION_FIELDS = (
    "id", "type", "stem", "options", "answer", "explanation", "source", "tags",
    "difficulty", "points", "time_limit", "shuffle", "generated",
)  # fmt: skip
DEFAULT_FIELDS = ("points", "time_limit", "difficulty")
SOURCE_FIELDS = ("title", "date", "file", "url")
MAX_OPTIONS = 8
ID_PATTERN = re.compile(r"^[\w.\-]+$")  # \w includes Chinese characters
BANK_SUFFIXES = (".yaml", ".yml")
DEFAULTS = Defaults()  # points 10, time limit 30 s, difficulty 2

_JUDGE_WORDS = {
    "true": True, "t": True, "对": True, "正确": True, "√": True, "✓": True, "是": True, "yes": True,
    "false": False, "f": False, "错": False, "错误": False, "×": False, "✗": False, "否": False, "no": False,
}  # fmt: skip


def parse_judge(value: Any) -> bool | None:
    """true/false from YAML booleans or the words teams write (对 错 正确 错误 √ × T F)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return _JUDGE_WORDS.get(value.strip().lower())
    return None


def parse_letters(value: Any) -> str | None:
    """ "ABD", "A,B,D", "A、B、D", ["A", "B"] → "ABD"; None when not letters."""
    if isinstance(value, list):
        value = "".join(str(v) for v in value)
    if not isinstance(value, str):
        return None
    cleaned = re.sub(r"[\s,，、;；/]+", "", value).upper()
    if not cleaned or not re.fullmatch(r"[A-Z]+", cleaned):
        return None
    return cleaned


def did_you_mean(word: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else f"; known fields: {', '.join(choices)}"


class _Collector:
    """Gathers problems for one file so the loader can report them all."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def error(self, line: int | None, field: str, message: str) -> None:
        self.problems.append(Problem(message, Location(self.file, line, field)))

    def unknown_keys(self, mapping: LineDict, known: Sequence[str], prefix: str = "") -> None:
        for key in mapping:
            if key not in known:
                self.error(
                    mapping.key_lines.get(key),
                    prefix + key,
                    "unknown field" + did_you_mean(key, known),
                )
        for key, line in mapping.duplicate_keys:
            self.error(line, prefix + key, "field appears twice in this mapping; keep one")


def _text(value: Any) -> str | None:
    """A scalar as text; unquoted numbers keep the text they were written with ("010", "0.10")."""
    if isinstance(value, bool) or value is None or isinstance(value, (dict, list)):
        return None
    written = getattr(value, "text", None)
    if isinstance(written, str):
        return written
    if isinstance(value, float):
        return (
            format(value, "g")
            if not value.is_integer()
            else str(int(value))
            if abs(value) < 1e15
            else repr(value)
        )
    return str(value)


def _number(value: Any) -> float | None:
    """A finite number, or None (booleans, text, .inf and .nan are not numbers here)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _defaults(data: LineDict, out: _Collector) -> Defaults:
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
            checked = _check_common(key, raw[key], raw.key_lines.get(key), f"defaults.{key}", out)
            if checked is not None:
                values[key] = checked
    return Defaults(**values)


def _check_common(key: str, value: Any, line: int | None, field: str, out: _Collector) -> Any:
    """points / time_limit / difficulty: shared by defaults and questions."""
    if key == "points":
        n = _number(value)
        if n is None or n < 0:
            out.error(line, field, f"must be a number of points ≥ 0, got {value!r}")
            return None
        return int(n) if float(n).is_integer() else float(n)
    if key == "time_limit":
        n = _number(value)
        if n is None or n <= 0 or not float(n).is_integer():
            out.error(line, field, f"must be a whole number of seconds > 0, got {value!r}")
            return None
        return int(n)
    if key == "difficulty":
        if _number(value) is None or value not in (1, 2, 3):
            out.error(line, field, f"must be 1 (easy), 2 or 3 (hard), got {value!r}")
            return None
        return int(value)
    raise AssertionError(key)


def _sources(data: LineDict, out: _Collector) -> tuple[Source, ...]:
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
            sources.append(Source(title=raw))
            continue
        if not isinstance(raw, LineDict):
            out.error(line, field, "must be a mapping like {title: …, date: 2022-01-01, file: …}")
            continue
        out.unknown_keys(raw, SOURCE_FIELDS, field + ".")
        values = {}
        for key in SOURCE_FIELDS:
            value = raw.get(key)
            text = "" if value is None else _text(value)
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


def _blanks(value: Any, line: int | None, out: _Collector) -> tuple[Blank, ...]:
    items = value if isinstance(value, LineList) else [value]
    lines = value.item_lines if isinstance(value, LineList) else [line]
    blanks = []
    before = len(out.problems)
    for i, item in enumerate(items):
        where = f"answer[{i + 1}]" if isinstance(value, LineList) else "answer"
        item_line = lines[i]
        tolerance = None
        if isinstance(item, LineDict):
            out.unknown_keys(item, ("accept", "tolerance"), where + ".")
            if "tolerance" in item:
                tolerance = _number(item["tolerance"])
                if tolerance is None or tolerance < 0:
                    out.error(
                        item.key_lines.get("tolerance"),
                        where + ".tolerance",
                        "must be a number ≥ 0",
                    )
                    tolerance = None
            item = item.get("accept")
            if item is None:
                out.error(
                    item_line, where, "a blank written as a mapping needs 'accept: [答案, 变体…]'"
                )
                continue
        variants = item if isinstance(item, LineList) else [item]
        texts = [_text(v) for v in variants]
        if not texts or any(t is None or not t.strip() for t in texts):
            out.error(item_line, where, "each blank needs one or more non-empty accepted answers")
            continue
        blanks.append(
            Blank(
                tuple(t.strip() for t in texts if t),
                float(tolerance) if tolerance is not None else None,
            )
        )
    if not blanks and len(out.problems) == before:
        out.error(line, "answer", "a fill question needs one answer per blank")
    return tuple(blanks)


def _question(
    raw: Any, line: int, index: int, defaults: Defaults, out: _Collector
) -> Question | None:
    label = f"questions[{index + 1}]"
    if not isinstance(raw, LineDict):
        out.error(line, label, "each question must be a mapping with id, type, stem and answer")
        return None
    before = len(out.problems)
    out.unknown_keys(raw, QUESTION_FIELDS)
    lines = raw.key_lines

    def missing(key: str, hint: str) -> None:
        out.error(raw.line, key, f"missing; {hint}")

    qid = _text(raw.get("id")) if "id" in raw else None
    if "id" not in raw:
        missing("id", "give each question a short unique id such as tunnel-days")
    elif not qid or not ID_PATTERN.match(qid):
        out.error(
            lines.get("id"),
            "id",
            f"{raw.get('id')!r} is not a usable id; use letters, digits, - _ . (Chinese is fine)",
        )
    qtype = raw.get("type")
    if "type" not in raw:
        missing("type", f"one of {', '.join(QUESTION_TYPES)}")
    elif qtype not in QUESTION_TYPES:
        out.error(
            lines.get("type"),
            "type",
            f"unknown type {qtype!r}; use one of {', '.join(QUESTION_TYPES)}"
            + (did_you_mean(str(qtype), QUESTION_TYPES) if isinstance(qtype, str) else ""),
        )
    stem = raw.get("stem")
    if "stem" not in raw:
        missing("stem", "write the question text")
    elif not isinstance(stem, str) or not stem.strip():
        out.error(lines.get("stem"), "stem", "must be non-empty text")

    options: tuple[str, ...] = ()
    if "options" in raw:
        raw_opts = raw["options"]
        if not isinstance(raw_opts, LineList):
            out.error(lines.get("options"), "options", 'must be a list like ["选项一", "选项二"]')
        else:
            texts = []
            for i, opt in enumerate(raw_opts):
                text = _text(opt)
                if text is None or not text.strip():
                    out.error(raw_opts.item_lines[i], f"options[{i + 1}]", "must be non-empty text")
                texts.append((text or "").strip())
            options = tuple(texts)
    if qtype in ("single", "multiple"):
        if "options" not in raw:
            missing("options", f"a {qtype} question needs 2 to {MAX_OPTIONS} options")
        elif not 2 <= len(options) <= MAX_OPTIONS:
            out.error(
                lines.get("options"),
                "options",
                f"has {len(options)} options; a {qtype} question needs 2 to {MAX_OPTIONS}",
            )
    elif options and qtype in QUESTION_TYPES:
        out.error(
            lines.get("options"),
            "options",
            f"a {qtype} question has no options; remove them or change the type",
        )

    correct: tuple[int, ...] = ()
    truth = None
    blanks: tuple[Blank, ...] = ()
    reference = ""
    answer = raw.get("answer")
    aline = lines.get("answer", raw.line)
    if "answer" not in raw and qtype != "short":
        if qtype in QUESTION_TYPES:
            missing(
                "answer",
                {
                    "single": "give the correct letter, e.g. B",
                    "multiple": "give the correct letters, e.g. ACD",
                    "judge": "give true or false",
                    "fill": "give one answer per blank",
                }[qtype],
            )
    elif qtype in ("single", "multiple"):
        letters = parse_letters(answer)
        if letters is None:
            out.error(
                aline,
                "answer",
                f"{answer!r} is not an option letter; use {'one letter such as B' if qtype == 'single' else 'letters such as ACD'}",
            )
        else:
            if len(set(letters)) != len(letters):
                out.error(aline, "answer", f"letter repeated in {letters!r}")
            last = "ABCDEFGH"[max(len(options), 1) - 1]
            for ch in dict.fromkeys(letters):
                position = "ABCDEFGH".find(ch)
                if position == -1 or (options and position >= len(options)):
                    out.error(
                        aline, "answer", f"answer '{ch}' but only {len(options)} options A–{last}"
                    )
            if qtype == "single" and len(set(letters)) > 1:
                out.error(
                    aline,
                    "answer",
                    f"a single-choice question has one answer, got {letters!r}; use type: multiple for several",
                )
            correct = tuple(sorted({"ABCDEFGH".index(c) for c in letters if c in "ABCDEFGH"}))
    elif qtype == "judge":
        truth = parse_judge(answer)
        if truth is None:
            out.error(aline, "answer", f"{answer!r} is not true/false; write true or false (对/错)")
    elif qtype == "fill":
        blanks = _blanks(answer, aline, out)
    elif qtype == "short" and answer is not None:
        reference = _text(answer) or ""
        if isinstance(answer, (LineList, LineDict)):
            out.error(aline, "answer", "a short question's answer is the reference answer as text")

    text_fields = {}
    for key in ("explanation", "source"):
        value = raw.get(key)
        if value is None:
            text_fields[key] = ""
        elif isinstance(value, (LineDict, LineList, bool)):
            out.error(lines.get(key), key, "must be text")
            text_fields[key] = ""
        else:
            text_fields[key] = (_text(value) or "").strip()

    tags: tuple[str, ...] = ()
    if "tags" in raw and raw["tags"] is not None:
        raw_tags = raw["tags"]
        if isinstance(raw_tags, str):
            tags = tuple(t for t in re.split(r"[,，、;；\s]+", raw_tags) if t)
        elif isinstance(raw_tags, LineList) and all(_text(t) for t in raw_tags):
            tags = tuple((_text(t) or "").strip() for t in raw_tags)
        else:
            out.error(lines.get("tags"), "tags", "must be a list of words like [党史, 重点工程]")

    common: dict[str, Any] = {
        "points": defaults.points,
        "time_limit": defaults.time_limit,
        "difficulty": defaults.difficulty,
    }
    for key in DEFAULT_FIELDS:
        if key in raw:
            checked = _check_common(key, raw[key], lines.get(key), key, out)
            if checked is not None:
                common[key] = checked
    flags = {}
    for key, default in (("shuffle", True), ("generated", False)):
        value = raw.get(key, default)
        if not isinstance(value, bool):
            out.error(lines.get(key), key, f"must be true or false, got {value!r}")
            value = default
        flags[key] = value

    if len(out.problems) > before:
        return None
    return Question(
        id=qid or "", type=qtype, stem=stem.strip(), options=options, correct=correct, truth=truth,
        blanks=blanks, reference=reference, tags=tags, line=raw.line, **text_fields, **common, **flags,
    )  # fmt: skip


def bank_name(path: str | Path) -> str:
    """The namespace of a bank: its file name without suffix."""
    return Path(path).stem


def parse_question(
    raw: Any, file: str = "", defaults: Defaults = DEFAULTS, index: int = 0
) -> tuple[Question | None, list[Problem]]:
    """Check one question written as a mapping (a YAML item, or a table row turned into one).

    Returns the question, or None and every problem found in it. Table
    import uses this so that rows and YAML get the same checks and messages.
    """
    out = _Collector(file)
    line = raw.line if isinstance(raw, LineDict) else None
    question = _question(raw, line or 0, index, defaults, out)
    return question, out.problems


def parse_bank(text: str, file: str = "<bank>", name: str | None = None) -> Bank:
    """Parse bank YAML text; raise BankError with every problem found."""
    with gc_paused():  # many small objects, no cycles: the collector only costs time here
        return _parse_bank(text, file, name)


def _parse_bank(text: str, file: str, name: str | None) -> Bank:
    data = parse_yaml(text, file)
    out = _Collector(file)
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
            f"unsupported format {fmt!r}; this version of factquiz reads {FORMAT}",
        )
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        out.error(
            data.key_lines.get("title", 1), "title", "missing or empty; give the bank a title"
        )
        title = ""
    language = data.get("language", "zh-CN")
    if not isinstance(language, str) or not re.fullmatch(
        r"[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*", language
    ):
        out.error(
            data.key_lines.get("language"),
            "language",
            f"must be a language code like zh-CN or en, got {language!r}",
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
            q = _question(raw, questions_raw.item_lines[i], i, defaults, out)
            # ids are checked for repeats even on questions with other problems
            qid = _text(raw.get("id")) if isinstance(raw, LineDict) else None
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
        replace(q, id=q.ref.replace("/", ".")) if many else q for b in banks for q in b.questions
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
