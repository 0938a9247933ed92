"""Chinese line breaking (禁则): where a line of mixed Chinese and Latin text may break.

The rules of GB/T 15834 and common typesetting practice, kept in one place so
that every renderer breaks lines the same way: the terminal console wraps with
``wrap()`` below, and the PDF papers (``factquiz.render.text``) build their
kinsoku sets from ``NO_LINE_START`` and ``NO_LINE_END``:

- a line never starts with closing punctuation (``NO_LINE_START``: ，。、；：？！）》」”…),
- a line never ends with opening punctuation (``NO_LINE_END``: （《「“),
- a short bracket group such as the blank ``（ ）`` of a stem is never split,
- Latin words and numbers (``2021``, ``5G``, ``98.5%``) are never split unless
  they are longer than a whole line, nor is a file name's extension cut from
  it (``错题本.yaml`` keeps ``本.yaml`` together); ``——`` and ``……`` stay together
  (their marks are in ``NO_LINE_START``),
- a number keeps the one measure word after it (``2021年``, ``1200人``, ``30分``):
  a cheap stand-in for word segmentation, which would need a dictionary.

Widths are measured by a function (terminal cells by default, via
``rich.cells.cell_len``, where a Chinese character takes two cells); a PDF
renderer can pass its own ``stringWidth``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rich.cells import cell_len

# Closing punctuation: may not start a line (避头点号和后括号).
NO_LINE_START = frozenset(
    "，。、；：？！）》」』”’〕】〉〗｝］…‥·—～%％‰℃"  # full-width and Chinese marks
    ",.;:?!)]}"  # their half-width forms
)
# Opening punctuation: may not end a line (避尾前括号和前引号).
NO_LINE_END = frozenset("（《「『“‘〔【〈〖｛［([{")
# Opening bracket → its closing bracket, for groups kept on one line.
BRACKETS = {
    "（": "）",
    "(": ")",
    "《": "》",
    "「": "」",
    "『": "』",
    "“": "”",
    "【": "】",
    "〔": "〕",
    "［": "］",
    "[": "]",
}

# A Latin word or a number, with the marks that belong inside it (98.5%, 1,200, 5G, e-mail, 1:2),
# or a file extension (".yaml": it starts with "." so it is glued to the name before it).
_WORD = re.compile(
    r"\.?[A-Za-z0-9\u00C0-\u024F](?:[A-Za-z0-9\u00C0-\u024F'_+\-]|[.,:/](?=[A-Za-z0-9]))*"
)
_NUMBER = re.compile(r"[0-9０-９]")
# Measure words and units that follow a number ("12支", "591个", "2021年", "30分"): kept on its line.
MEASURE_WORDS = frozenset(
    "个位名人次年月日号时分秒天周岁元角万亿千百十条项件支队组届期章节页篇本册部辆台座所家户"
    "米吨斤克里亩倍度票场轮题道份张种批块株棵只头匹架艘"
)
# Two-character units kept whole after a number ("3000人次", "6个月", "12公里").
MEASURE_PAIRS = frozenset(
    "人次 个月 小时 分钟 公里 千米 平方 公顷 万元 亿元 万人 余人 多人 余个 多个 周年 余年 多年 余家 余名".split()
)
_SPACE = re.compile(r"[ \t\u3000]+")

Measure = Callable[[str], float]


def _tokens(text: str) -> list[str]:
    """Latin words, runs of spaces, and single other characters."""
    out: list[str] = []
    i = 0
    while i < len(text):
        match = _WORD.match(text, i) or _SPACE.match(text, i)
        end = match.end() if match else i + 1
        out.append(text[i:end])
        i = end
    return out


def _is_space(token: str) -> bool:
    return not token.strip()


def _units(text: str, group_limit: float, measure: Measure) -> list[str]:
    """Tokens glued into unbreakable units (spaces stay separate: they are where lines may break)."""
    tokens = _tokens(text)
    units: list[str] = []
    glue_next = False  # the previous unit ended with opening punctuation
    i = 0
    while i < len(tokens):
        token = tokens[i]
        # A short bracket group (the blank "（ ）", "（简称城投）") is one unit, spaces inside included.
        closer = BRACKETS.get(token)
        if closer is not None:
            j = i + 1
            while j < len(tokens) and tokens[j] != closer and tokens[j] not in BRACKETS:
                j += 1
            if j < len(tokens) and tokens[j] == closer:
                group = "".join(tokens[i : j + 1])
                if measure(group) <= group_limit:
                    token, i = group, j
        space = _is_space(token)
        if not space and token[0] in NO_LINE_START and len(units) > 1 and _is_space(units[-1]):
            # "题型 · 10 分": the mark may not start a line, so its space is no break
            gap = units.pop()
            units[-1] += gap
        after_number = bool(units) and bool(_NUMBER.match(units[-1][-1]))
        if after_number and i + 1 < len(tokens) and token + tokens[i + 1] in MEASURE_PAIRS:
            token, i = token + tokens[i + 1], i + 1
        after_number = after_number and (token in MEASURE_WORDS or token in MEASURE_PAIRS)
        glue = (
            units
            and not space
            and not _is_space(units[-1])
            and (glue_next or token[0] in NO_LINE_START or after_number)
        )
        if glue:
            units[-1] += token
        elif space and glue_next:
            pass  # "（ " inside a long bracket: the space after an opening mark is not a break
        else:
            units.append(token)
        glue_next = not space and token[-1] in NO_LINE_END
        i += 1
    return units


def _split_long(unit: str, width: float, measure: Measure) -> list[str]:
    """A unit wider than a whole line, cut at character boundaries (the last resort)."""
    pieces, current = [], ""
    for char in unit:
        if current and measure(current + char) > width:
            carry = ""
            if char in NO_LINE_START and len(current) > 1 and measure(current[-1] + char) <= width:
                # "3000人次，": "次，" starts the next line
                current, carry = current[:-1], current[-1]
            pieces.append(current)
            current = carry
        current += char
    return [*pieces, current] if current else pieces


def wrap(
    text: str,
    width: float,
    *,
    initial_indent: str = "",
    subsequent_indent: str = "",
    measure: Measure = cell_len,
) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` following the Chinese line-breaking rules.

    Newlines in ``text`` start new lines. ``subsequent_indent`` is put before
    every line after the first of each paragraph (a hanging indent for "A. …").
    Spaces at the ends of lines are dropped. Returns at least one line.
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines += _wrap_paragraph(paragraph, width, initial_indent, subsequent_indent, measure)
    return lines


def _wrap_paragraph(text: str, width: float, first: str, rest: str, measure: Measure) -> list[str]:
    lines: list[str] = []
    stripped = text.lstrip(" ")
    # the paragraph's own leading spaces are kept
    indent = first + text[: len(text) - len(stripped)]
    text = stripped
    if measure(indent) > width - 2:
        indent = ""
    current = ""  # the line's text, without its indent
    pending_space = ""  # spaces seen since the last unit: kept only if the line goes on

    # an indent that leaves no room for one Chinese character is dropped, not overflowed
    if measure(rest) > width - 2:
        rest = ""

    def room() -> float:
        return max(width - measure(indent), 1)

    for unit in _units(text, max(8, width / 3), measure):
        if _is_space(unit):
            pending_space = unit if current else ""
            continue
        candidate = current + pending_space + unit if current else unit
        if measure(candidate) <= room():
            current, pending_space = candidate, ""
            continue
        if current:
            lines.append(indent + current)
            indent, current, pending_space = rest, "", ""
        if measure(unit) <= room():
            current = unit
            continue
        pieces = _split_long(unit, room(), measure)
        for piece in pieces[:-1]:
            lines.append(indent + piece)
            indent = rest
        current = pieces[-1] if pieces else ""
    lines.append(indent + current)
    return lines
