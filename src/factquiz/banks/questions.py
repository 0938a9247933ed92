"""One question, from a mapping to a ``Question``, with every problem located.

Shared by the YAML loader and the table import (xlsx/csv rows are turned into
mappings first), so both give the same checks and the same messages.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Sequence
from typing import Any

from factquiz.banks.textnorm import count_blanks
from factquiz.banks.yamlnodes import LineDict, LineList
from factquiz.errors import Location, Problem
from factquiz.model import BANK_TYPES, Blank, Defaults, Question
from factquiz.model.question import LETTERS

QUESTION_FIELDS = (
    "id", "type", "stem", "options", "answer", "explanation", "source", "tags",
    "difficulty", "points", "time_limit", "shuffle", "generated", "pairs", "keys",
)  # fmt: skip
DEFAULT_FIELDS = ("points", "time_limit", "difficulty")
MAX_OPTIONS = 8
# Longest text of one field (a stem, an option, an explanation…): a page holds about
# 1,500 characters, and laying out a paragraph costs more than linear time in its
# length (a 300,000-character stem took over a minute), so a bigger field is refused.
MAX_TEXT = 10_000
ID_PATTERN = re.compile(r"^[\w.\-]+$")  # \w includes Chinese characters
DEFAULTS = Defaults()  # points 10, time limit 30 s, difficulty 2

# Control characters other than tab and line ends: no paper, sheet or quiz tool can
# show them, and XML (xlsx, Moodle) cannot even hold them. U+000B is what Word's
# Shift+Enter pastes.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_NAMES = {"\x0b": "Word's manual line break (Shift+Enter)", "\x0c": "a page break"}


def control_character_problem(text: str) -> str | None:
    """Why ``text`` cannot be used as it is (a control character, named by position), or None."""
    m = _CONTROL.search(text)
    if m is None:
        return None
    ch = m.group()
    name = _CONTROL_NAMES.get(ch, "a control character")
    return (
        f"contains U+{ord(ch):04X}, {name}, at character {m.start() + 1}; "
        "replace it with a line break or delete it"
    )


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
        if any(isinstance(v, (dict, list)) for v in value):
            return None
        value = "".join(str(v) for v in value)
    if not isinstance(value, str):
        return None
    cleaned = re.sub(r"[\s,，、;；/]+", "", value).upper()
    if not cleaned or not re.fullmatch(r"[A-Z]+", cleaned):
        return None
    return cleaned


def parse_sequence(value: Any) -> str | None:
    """An order answer: "BADC", "B,A,D,C", "B→A→D→C", "B-A-D-C", ["B", "A"] → "BADC"; None when not letters."""
    if isinstance(value, str):
        value = re.sub(r"[-—–→>＞]+", "", value)
    return parse_letters(value)


def did_you_mean(word: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else f"; known fields: {', '.join(choices)}"


class Collector:
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


def shown(value: Any) -> str:
    """A value as quoted in a message: short, and never the expansion of an alias bomb."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def text_of(value: Any) -> str | None:
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


def number_of(value: Any) -> float | None:
    """A finite number, or None (booleans, text, .inf and .nan are not numbers here)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def check_common(key: str, value: Any, line: int | None, field: str, out: Collector) -> Any:
    """points / time_limit / difficulty: shared by defaults and questions."""
    if key == "points":
        n = number_of(value)
        if n is None or n < 0:
            out.error(line, field, f"must be a number of points ≥ 0, got {shown(value)}")
            return None
        return int(n) if float(n).is_integer() else float(n)
    if key == "time_limit":
        n = number_of(value)
        if n is None or n <= 0 or not float(n).is_integer():
            out.error(line, field, f"must be a whole number of seconds > 0, got {shown(value)}")
            return None
        return int(n)
    if key == "difficulty":
        if number_of(value) is None or value not in (1, 2, 3):
            out.error(line, field, f"must be 1 (easy), 2 or 3 (hard), got {shown(value)}")
            return None
        return int(value)
    raise AssertionError(key)


def _blanks(value: Any, line: int | None, out: Collector) -> tuple[Blank, ...]:
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
                tolerance = number_of(item["tolerance"])
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
        texts = [text_of(v) for v in variants]
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


def _sequence(
    answer: Any, line: int | None, options: tuple[str, ...], out: Collector
) -> tuple[int, ...]:
    """An order question's answer: every option's letter once, in the correct order."""
    letters = parse_sequence(answer)
    if letters is None:
        out.error(
            line,
            "answer",
            f"{shown(answer)} is not a sequence of option letters; write them in the correct order, e.g. BADC",
        )
        return ()
    if not options:
        return ()
    expected = LETTERS[: len(options)]
    repeated = sorted({c for c in letters if letters.count(c) > 1})
    beyond = [c for c in dict.fromkeys(letters) if c not in expected]
    left_out = [c for c in expected if c not in letters]
    if repeated or beyond or left_out:
        why = []
        if repeated:
            why.append(f"{''.join(repeated)} repeated")
        if beyond:
            why.append(f"{''.join(beyond)} beyond the {len(options)} items A–{expected[-1]}")
        if left_out:
            why.append(f"{''.join(left_out)} left out")
        out.error(
            line,
            "answer",
            f"{letters!r} must put every item A–{expected[-1]} in order exactly once ({'; '.join(why)})",
        )
        return ()
    return tuple(LETTERS.index(c) for c in letters)


def _texts(items: LineList, field: str, message: str, out: Collector) -> tuple[str, ...]:
    """A list of texts (options, keys), each stripped; an empty one is named with its line."""
    texts = []
    for i, item in enumerate(items):
        text = text_of(item)
        if text is None or not text.strip():
            out.error(items.item_lines[i], f"{field}[{i + 1}]", message)
        texts.append((text or "").strip())
    return tuple(texts)


def _keys(raw: LineDict, qtype: Any, count: int, out: Collector) -> tuple[str, ...]:
    """An order question's keys: what orders each item (its date or value), one per option."""
    line = raw.key_lines.get("keys")
    value = raw["keys"]
    if qtype != "order":
        if qtype in BANK_TYPES:
            out.error(
                line,
                "keys",
                f"only an order question has keys; remove them from this {qtype} question",
            )
        return ()
    if not isinstance(value, LineList):
        out.error(line, "keys", 'must be a list with one entry per item, like ["1921年", "1927年"]')
        return ()
    texts = _texts(value, "keys", "must be non-empty text (the item's date or value)", out)
    if count and len(texts) != count:
        out.error(
            line,
            "keys",
            f"has {len(texts)} keys for {count} items; give one key per item, in the order of options",
        )
    return tuple(texts)


def _pairs(raw: LineDict, qtype: Any, out: Collector) -> tuple[tuple[str, str], ...]:
    """A match question's pairs: [[left, right], …] in stem order."""
    line = raw.key_lines.get("pairs", raw.line)
    if "pairs" not in raw:
        if qtype == "match":
            out.error(
                raw.line,
                "pairs",
                f"missing; a match question needs 2 to {MAX_OPTIONS} pairs like [[朱德, 八路军总指挥], …]",
            )
        return ()
    value = raw["pairs"]
    if qtype != "match":
        if qtype in BANK_TYPES:
            out.error(
                line,
                "pairs",
                f"only a match question has pairs; remove them from this {qtype} question or change its type to match",
            )
        return ()
    if not isinstance(value, LineList):
        out.error(
            line, "pairs", "must be a list of [left, right] pairs like [[朱德, 八路军总指挥], …]"
        )
        return ()
    pairs = []
    for i, item in enumerate(value):
        texts = [text_of(v) for v in item] if isinstance(item, LineList) else []
        if len(texts) != 2 or any(t is None or not t.strip() for t in texts):
            out.error(
                value.item_lines[i],
                f"pairs[{i + 1}]",
                f"{f'has {len(item)} entries' if isinstance(item, LineList) and len(item) != 2 else f'{shown(item)} is not a pair'}; write [left, right] with two non-empty texts, like [朱德, 八路军总指挥]",
            )
            continue
        pairs.append((texts[0].strip(), texts[1].strip()))  # type: ignore[union-attr]
    if len(pairs) == len(value) and not 2 <= len(pairs) <= MAX_OPTIONS:
        out.error(
            line, "pairs", f"has {len(pairs)} pairs; a match question needs 2 to {MAX_OPTIONS}"
        )
    return tuple(pairs)


def question_from_mapping(
    raw: Any, line: int, index: int, defaults: Defaults, out: Collector
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

    qid = text_of(raw.get("id")) if "id" in raw else None
    if "id" not in raw:
        missing("id", "give each question a short unique id such as tunnel-days")
    elif not qid or not ID_PATTERN.match(qid):
        out.error(
            lines.get("id"),
            "id",
            f"{shown(raw.get('id'))} is not a usable id; use letters, digits, - _ . (Chinese is fine)",
        )
    qtype = raw.get("type")
    if "type" not in raw:
        missing("type", f"one of {', '.join(BANK_TYPES)}")
    elif qtype not in BANK_TYPES:
        out.error(
            lines.get("type"),
            "type",
            f"unknown type {shown(qtype)}; use one of {', '.join(BANK_TYPES)}"
            + (did_you_mean(str(qtype), BANK_TYPES) if isinstance(qtype, str) else ""),
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
            options = _texts(raw_opts, "options", "must be non-empty text", out)
    if qtype in ("single", "multiple", "order"):
        what = "items to put in order" if qtype == "order" else "options"
        if "options" not in raw:
            missing("options", f"a {qtype} question needs 2 to {MAX_OPTIONS} {what}")
        elif not 2 <= len(options) <= MAX_OPTIONS:
            out.error(
                lines.get("options"),
                "options",
                f"has {len(options)} options; a {qtype} question needs 2 to {MAX_OPTIONS}",
            )
    elif options and qtype in BANK_TYPES:
        hint = " (a match question lists them in 'pairs')" if qtype == "match" else ""
        out.error(
            lines.get("options"),
            "options",
            f"a {qtype} question has no options{hint}; remove them or change the type",
        )
    keys = _keys(raw, qtype, len(options), out) if "keys" in raw else ()
    pairs = _pairs(raw, qtype, out)

    correct: tuple[int, ...] = ()
    truth = None
    blanks: tuple[Blank, ...] = ()
    reference = ""
    answer = raw.get("answer")
    aline = lines.get("answer", raw.line)
    sequence: tuple[int, ...] = ()
    if qtype == "match":
        if "answer" in raw:
            out.error(
                aline,
                "answer",
                "a match question's answer is its pairs; remove 'answer' and write 'pairs: [[左, 右], …]'",
            )
    elif "answer" not in raw and qtype != "short":
        if qtype in BANK_TYPES:
            missing(
                "answer",
                {
                    "single": "give the correct letter, e.g. B",
                    "multiple": "give the correct letters, e.g. ACD",
                    "judge": "give true or false",
                    "fill": "give one answer per blank",
                    "order": "give the letters of the items in the correct order, e.g. BADC",
                }[qtype],
            )
    elif qtype == "order":
        sequence = _sequence(answer, aline, options, out)
    elif qtype in ("single", "multiple"):
        letters = parse_letters(answer)
        if letters is None:
            out.error(
                aline,
                "answer",
                f"{shown(answer)} is not an option letter; use {'one letter such as B' if qtype == 'single' else 'letters such as ACD'}",
            )
        else:
            if len(set(letters)) != len(letters):
                out.error(aline, "answer", f"letter repeated in {letters!r}")
            last = "ABCDEFGH"[min(max(len(options), 1), MAX_OPTIONS) - 1]
            # past 8 options the count is already reported and the letters run out
            for ch in dict.fromkeys(letters) if len(options) <= MAX_OPTIONS else ():
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
            out.error(
                aline, "answer", f"{shown(answer)} is not true/false; write true or false (对/错)"
            )
    elif qtype == "fill":
        blanks = _blanks(answer, aline, out)
        marks = count_blanks(stem) if isinstance(stem, str) else 0
        # no mark and one answer is a question asked as a whole ("…是什么？"); anything
        # else that does not pair marks with answers prints a paper with a wrong key
        if blanks and marks != len(blanks) and not (marks == 0 and len(blanks) == 1):
            out.error(
                aline,
                "answer",
                f"the stem has {marks} blank{'s' if marks != 1 else ''} （ ） but the answer "
                f"{len(blanks)}; give one answer per blank, in order",
            )
    elif qtype == "short" and answer is not None:
        reference = text_of(answer) or ""
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
            text_fields[key] = (text_of(value) or "").strip()

    tags: tuple[str, ...] = ()
    if "tags" in raw and raw["tags"] is not None:
        raw_tags = raw["tags"]
        if isinstance(raw_tags, str):
            tags = tuple(t for t in re.split(r"[,，、;；\s]+", raw_tags) if t)
        elif isinstance(raw_tags, LineList) and all(text_of(t) for t in raw_tags):
            tags = tuple((text_of(t) or "").strip() for t in raw_tags)
        else:
            out.error(lines.get("tags"), "tags", "must be a list of words like [党史, 重点工程]")

    common: dict[str, Any] = {
        "points": defaults.points,
        "time_limit": defaults.time_limit,
        "difficulty": defaults.difficulty,
    }
    for key in DEFAULT_FIELDS:
        if key in raw:
            checked = check_common(key, raw[key], lines.get(key), key, out)
            if checked is not None:
                common[key] = checked
    flags = {}
    for key, default in (("shuffle", True), ("generated", False)):
        value = raw.get(key, default)
        if not isinstance(value, bool):
            out.error(lines.get(key), key, f"must be true or false, got {shown(value)}")
            value = default
        flags[key] = value

    _check_controls(
        lines, out,
        stem=stem if isinstance(stem, str) else "", options=options,
        answer=[a for b in blanks for a in b.answers] + [reference], tags=tags, keys=keys,
        pairs=[text for pair in pairs for text in pair], **text_fields,
    )  # fmt: skip
    if len(out.problems) > before:
        return None
    return Question(
        id=qid or "", type=qtype, stem=stem.strip(), options=options, correct=correct, truth=truth,
        blanks=blanks, reference=reference, sequence=sequence, keys=keys, pairs=pairs, tags=tags,
        line=raw.line, **text_fields, **common, **flags,
    )  # fmt: skip


def _check_controls(lines: dict[str, int], out: Collector, **fields: Any) -> None:
    """One located error per text field that holds a control character or is too long."""
    for key, value in fields.items():
        texts = _texts_in(value)
        for n, text in enumerate(texts):
            problem = control_character_problem(text)
            if len(text) > MAX_TEXT:
                problem = (
                    f"is {len(text)} characters long; a field holds at most {MAX_TEXT}, shorten it"
                )
            if problem is not None:
                where = f"{key}[{n + 1}]" if key == "options" else key
                out.error(lines.get(key), where, problem)
                break


def _texts_in(value: str | Sequence[str]) -> list[str]:
    # parsed values only (never the raw YAML, which may be an alias bomb)
    return [value] if isinstance(value, str) else list(value)


def parse_question(
    raw: Any, file: str = "", defaults: Defaults = DEFAULTS, index: int = 0
) -> tuple[Question | None, list[Problem]]:
    """Check one question written as a mapping (a YAML item, or a table row turned into one).

    Returns the question, or None and every problem found in it. Table
    import uses this so that rows and YAML get the same checks and messages.
    """
    out = Collector(file)
    line = raw.line if isinstance(raw, LineDict) else None
    question = question_from_mapping(raw, line or 0, index, defaults, out)
    return question, out.problems
