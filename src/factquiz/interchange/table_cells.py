"""Reading and writing single cells of a question table (题库表).

The conventions teams use in Excel, in one place:

- 题型: 单选 / 单选题 / 单项选择题, 多选 / 不定项选择题, 判断 / 是非题, 填空, 简答 / 问答题,
  or English single / multiple / judge (true/false) / fill / short.
- 答案 of choice questions: ``B``, ``ABD``, ``A,B,D``, ``A、B、D``.
- 答案 of judge questions: 对 / 错, 正确 / 错误, √ / ×, T / F, true / false.
- 答案 of fill questions: blanks separated by ``|`` or ``；``, accepted variants of one
  blank by ``/``, a numeric tolerance after ``±``: ``591 | 80余/80多``, ``98.5±0.1``.
  A ``;`` may also separate variants of one blank (as on several Chinese platforms):
  the stem's number of blanks decides, see ``parse_fill_answer``.
  A backslash keeps a separator as text: ``1\\/2`` is the answer "1/2".
- 难度: 1 / 2 / 3, 易 / 中 / 难, 简单 / 中等 / 困难, easy / medium / hard, ★ / ★★ / ★★★.
- 标签: several separated by ``、`` ``，`` ``,`` ``；`` or ``|``.
- 排序题: the items in 选项A…, 答案 their letters in the correct order ``BADC`` (or
  ``B,A,D,C`` / ``B→A→D→C``); an optional 排序依据 column gives each item's date or
  value, separated by ``|``: ``1935年1月 | 1927年8月1日 | …``.
- 连线题: one pair per option cell, left ``=`` right: 选项A ``朱德=八路军总指挥``
  (``＝`` and ``→`` work too; ``\\=`` keeps an equals sign as text); 答案 stays empty.
- yes/no columns (不打乱, 自动生成): 是 / 否, Y / N, √ / ×, 1 / 0, true / false.
"""

from __future__ import annotations

import datetime
import unicodedata
from typing import Any

TYPE_WORDS: dict[str, str] = {}
for _type, _words in {
    "single": "单选 单选题 单项选择 单项选择题 单项 单择题 选择 选择题 single single-choice singlechoice choice radio",
    "multiple": "多选 多选题 多项选择 多项选择题 多项 不定项 不定项选择 不定项选择题 multiple multiple-choice multiplechoice multi checkbox",
    "judge": "判断 判断题 是非 是非题 对错题 judge true/false truefalse true-false tf boolean",
    "fill": "填空 填空题 fill fill-in fillin blank blanks cloze",
    "short": "简答 简答题 问答 问答题 主观题 论述题 short short-answer shortanswer essay open",
    "order": "排序 排序题 顺序题 时间排序 order ordering sequence",
    "match": "连线 连线题 匹配 匹配题 配对 配对题 match matching pairs",
}.items():
    for _word in _words.split():
        TYPE_WORDS[_word] = _type

# What a type is called in an exported sheet.
TYPE_EXPORT_WORDS = {
    "single": "单选",
    "multiple": "多选",
    "judge": "判断",
    "fill": "填空",
    "short": "简答",
    "order": "排序",
    "match": "连线",
}

_DIFFICULTY_WORDS = {
    "1": 1, "易": 1, "简单": 1, "容易": 1, "低": 1, "初级": 1, "easy": 1,
    "2": 2, "中": 2, "中等": 2, "一般": 2, "适中": 2, "普通": 2, "medium": 2, "normal": 2,
    "3": 3, "难": 3, "困难": 3, "较难": 3, "高": 3, "高级": 3, "hard": 3, "difficult": 3,
}  # fmt: skip

_YES = {"是", "y", "yes", "true", "t", "1", "√", "✓", "✔", "对", "固定", "不打乱"}
_NO = {"否", "n", "no", "false", "f", "0", "×", "✗", "✘", "错", "", "打乱"}

BLANK_SEPARATORS = "|；;"  # between blanks
VARIANT_SEPARATOR = "/"  # between accepted variants of one blank
TOLERANCE_MARK = "±"
TAG_SEPARATORS = "、，,；;|"
PAIR_SEPARATORS = "=＝→"  # between the two sides of a match pair
KEY_SEPARATOR = "|"  # between the keys of an order question
_ESCAPED = "\\" + BLANK_SEPARATORS + VARIANT_SEPARATOR + TOLERANCE_MARK + TAG_SEPARATORS


class CellError(ValueError):
    """A cell that cannot be read; the message says what to write instead."""


def fold(text: str) -> str:
    """Compare-key of a short word: NFKC (full → half width), lower case, no spaces."""
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


def cell_text(value: Any) -> str:
    """A cell as text: numbers without a spurious ".0", dates refused (Excel's auto-format)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        raise CellError(
            f"Excel turned this cell into a date/time ({value}); set the column's format to 文本 (Text) and type it again"
        )
    # U+000B is Word's Shift+Enter pasted into a cell: a line break to whoever typed it
    return str(value).replace("\r\n", "\n").replace("\x0b", "\n").strip()


def parse_type(value: Any) -> str:
    word = fold(cell_text(value))
    if word in TYPE_WORDS:
        return TYPE_WORDS[word]
    raise CellError(
        f"unknown question type {cell_text(value)!r}; write 单选, 多选, 判断, 填空, 简答, 排序 or 连线"
    )


def parse_difficulty(value: Any) -> Any:
    """1–3 from a number or a word; anything else is passed on for the loader to report."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = fold(cell_text(value))
    if text and set(text) <= {"★", "☆"} and text.count("★") in (1, 2, 3):
        return text.count("★")
    return _DIFFICULTY_WORDS.get(text, cell_text(value))


def parse_number(value: Any, units: tuple[str, ...]) -> Any:
    """10 / "10分" / "30秒" / "30s" → a number; unreadable text is passed on for the loader to report."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = fold(cell_text(value))
    for unit in units:
        text = text.removesuffix(unit)
    try:
        number = float(text)
    except ValueError:
        return cell_text(value)
    return int(number) if number.is_integer() else number


def parse_yes_no(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    word = fold(cell_text(value))
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise CellError(f"{cell_text(value)!r} is not yes or no; write 是 or 否 (or leave it empty)")


def split_escaped(text: str, separators: str) -> list[str]:
    """Split on any of ``separators`` except where a backslash escapes it; unescape the parts."""
    parts, current, i = [], [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and text[i + 1] in _ESCAPED:
            current.append(text[i + 1])
            i += 2
            continue
        if ch in separators:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    parts.append("".join(current))
    return parts


def escape(text: str, specials: str) -> str:
    return "".join("\\" + ch if ch in specials or ch == "\\" else ch for ch in text)


def _split_tolerance(text: str) -> tuple[str, str | None]:
    """ "98.5±0.1" → ("98.5", "0.1"); an escaped \\± stays text."""
    i = len(text) - 1
    while i >= 0:
        if text[i] == TOLERANCE_MARK and (i == 0 or text[i - 1] != "\\"):
            return text[:i], text[i + 1 :].strip()
        i -= 1
    return text, None


SEMICOLONS = "；;"


def variant_separators(blank_separators: str) -> str:
    """Between variants of one blank: "/", and each semicolon that does not separate blanks
    (several Chinese platforms write ``a;b|c`` for two blanks, the first with two answers)."""
    return VARIANT_SEPARATOR + "".join(ch for ch in SEMICOLONS if ch not in blank_separators)


def parse_blanks(value: Any, blank_separators: str = BLANK_SEPARATORS) -> list[Any]:
    """A fill answer cell → the loader's form: one item per blank (text, list of variants, or {accept, tolerance})."""
    text = cell_text(value)
    if not text:
        return []
    variants_between = variant_separators(blank_separators)
    blanks: list[Any] = []
    for n, raw in enumerate(_split_unescaped(text, blank_separators)):
        body, tolerance_text = _split_tolerance(raw)
        variants = [v.strip() for v in split_escaped(body, variants_between)]
        if tolerance_text is not None:
            try:
                tolerance = float(tolerance_text)
            except ValueError:
                raise CellError(
                    f"blank {n + 1}: tolerance {tolerance_text!r} after ± is not a number; write it like 98.5±0.1"
                ) from None
            blanks.append({"accept": variants, "tolerance": tolerance})
        elif len(variants) > 1:
            blanks.append(variants)
        else:
            blanks.append(variants[0])
    return blanks


def count_separated(value: Any, separators: str) -> int:
    """How many parts ``value`` splits into at unescaped ``separators``."""
    return len(_split_unescaped(cell_text(value), separators))


def parse_fill_answer(value: Any, blanks_in_stem: int, blank_separators: str | None) -> list[Any]:
    """The blanks of a fill answer cell, the separators settled by the stem where it can.

    ``blank_separators`` given (``--fill-separators``) is used as it is. Otherwise
    ``|`` always separates blanks and a semicolon separates blanks or, as on several
    Chinese platforms, variants of one blank: whichever reading gives as many blanks
    as the stem has (one answer when the stem has no blank mark). When neither or
    both readings fit, the cell is refused.
    """
    if blank_separators is not None:
        return parse_blanks(value, blank_separators)
    text = cell_text(value)
    every = count_separated(text, BLANK_SEPARATORS)
    bars = count_separated(text, "|")
    if every == bars:  # no semicolon outside an escape: nothing to decide
        return parse_blanks(value, BLANK_SEPARATORS)
    wanted = blanks_in_stem or 1
    if every == wanted and bars != wanted:
        return parse_blanks(value, BLANK_SEPARATORS)
    if bars == wanted and every != wanted:
        return parse_blanks(value, "|")
    marks = (
        f"{blanks_in_stem} blank{'s' if blanks_in_stem != 1 else ''}"
        if blanks_in_stem
        else "no blank mark"
    )
    raise CellError(
        f"cannot tell what ';' separates: the stem has {marks}, and the answer reads as {every} "
        f"blanks if ';' separates blanks, {bars} if it separates accepted answers of one blank; "
        "write blanks apart with | and answers of one blank apart with /, or import with "
        "--fill-separators '|' (';' between answers of a blank) or --fill-separators '|;；' (';' between blanks)"
    )


def _split_unescaped(text: str, separators: str) -> list[str]:
    """Split on unescaped separators but keep escapes in the parts (they are resolved later)."""
    parts, start, i = [], 0, 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            i += 2
            continue
        if text[i] in separators:
            parts.append(text[start:i])
            start = i + 1
        i += 1
    parts.append(text[start:])
    return parts


def format_blanks(blanks: Any) -> str:
    """Blanks as one cell: "591 | 80余/80多", "98.5±0.1"."""
    cells = []
    for blank in blanks:
        text = VARIANT_SEPARATOR.join(escape(a, _ESCAPED) for a in blank.answers)
        if blank.tolerance is not None:
            tolerance = blank.tolerance
            text += TOLERANCE_MARK + (
                str(int(tolerance)) if float(tolerance).is_integer() else repr(float(tolerance))
            )
        cells.append(text)
    return " | ".join(cells)


def parse_tags(value: Any) -> list[str]:
    return [t.strip() for t in split_escaped(cell_text(value), TAG_SEPARATORS) if t.strip()]


def format_tags(tags: Any) -> str:
    return "、".join(escape(t, _ESCAPED) for t in tags)


def parse_pair(value: Any) -> tuple[str, str]:
    """A match pair cell "朱德=八路军总指挥" → ("朱德", "八路军总指挥"); "\\=" is an equals sign."""
    text, sides, current, i = cell_text(value), [], [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text) and text[i + 1] in PAIR_SEPARATORS + "\\":
            current.append(text[i + 1])
            i += 2
            continue
        if text[i] in PAIR_SEPARATORS:
            sides.append("".join(current))
            current = []
        else:
            current.append(text[i])
        i += 1
    sides.append("".join(current))
    if len(sides) != 2 or not all(side.strip() for side in sides):
        raise CellError(
            "a match pair is written left=right, like 朱德=八路军总指挥 (one pair per option cell)"
        )
    return sides[0].strip(), sides[1].strip()


def format_pair(pair: tuple[str, str]) -> str:
    return "=".join(escape(side, PAIR_SEPARATORS) for side in pair)


def parse_keys(value: Any) -> list[str]:
    return [k.strip() for k in split_escaped(cell_text(value), KEY_SEPARATOR)]


def format_keys(keys: Any) -> str:
    return " | ".join(escape(k, KEY_SEPARATOR) for k in keys)
