"""Clean text extracted from a PDF newspaper page into paragraphs, headings and captions.

What pdftotext leaves behind on a Chinese newspaper page, and what we do:

- lines wrapped at the column width, often with blank lines between them
  ("用自己的辛\\n\\n苦指数"): a line that is as wide as the column and does
  not end a sentence is joined to the next non-blank line;
- bold headings drawn twice ("平湖城投平湖城投：：" → "平湖城投："): a short
  line made only of doubled runs is undone;
- section headings ("发展之基——" + next line) and markers ("【精彩回放】")
  are kept as structure, not sentence text;
- photo captions (short doubled lines after the body) are set aside;
- full-width digits, letters and spaces are made half-width, and ASCII
  punctuation between Chinese characters full-width, so later regexes see one
  spelling.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# full-width ASCII (！ to ～) to half-width, except Chinese punctuation that
# Chinese text writes full-width on purpose
_KEEP_FULL = set("，。！？；：（）【】“”‘’、《》")
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F) if chr(cp) not in _KEEP_FULL}
_WIDTH.update(
    {
        0x3000: 0x20,
        0x00A0: 0x20,
        0x2002: 0x20,
        0x2003: 0x20,
        0x2009: 0x20,
        0x200B: None,
        0xFEFF: None,
    }
)
_WIDTH.update({ord("\r"): None, ord("\t"): 0x20, ord("\f"): ord("\n")})
# str.translate looks every character up in the dict (slow on megabytes of text that
# rarely holds one): translate only the runs of characters that the table changes
_WIDTH_RUN = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_WIDTH)) + "]+")

_CJK = "\u3400-\u9fff\uf900-\ufaff"
_CJK_PUNCT = "，。！？；：、“”‘’（）《》【】…—"
# ASCII punctuation touching Chinese text is a typing slip for the full-width mark
_ASCII_PUNCT = re.compile(rf"[,;:!?](?:(?<=[{_CJK}{_CJK_PUNCT}][,;:!?])|(?=[{_CJK}“‘（《]))")
_ASCII_TO_FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}
_ASCII_PAREN = re.compile(rf"\(([^()\n]{{0,40}}[{_CJK}][^()\n]{{0,40}})\)")
_SPACES = re.compile(r"[ ]{2,}")
# a space between Chinese and a digit is PDF noise ("车位 363个"); between two Chinese words it
# may separate the halves of a slogan ("传承红色基因 践行匠人精神") and stays
_SPACE_BY_DIGIT = re.compile(
    rf"(?<=[{_CJK}{_CJK_PUNCT}]) (?=[0-9])|(?<=[0-9%]) (?=[{_CJK}{_CJK_PUNCT}])|(?<=[{_CJK_PUNCT}]) | (?=[{_CJK_PUNCT}])"
)

# a short line made only of doubled runs (and single spaces) is a bold heading drawn twice;
# a regex for that backtracks exponentially ("哈哈哈…x"), so `undouble` is a small dynamic program
_STARTS_DOUBLED = re.compile(r"(.{1,30}?)\1")  # cheap test before the full one
_MAX_DOUBLED = 120  # characters; doubled lines are headings and captions, never paragraphs

_MARKER = re.compile(r"【[^【】\n]{1,12}】")
_SENTENCE_END = "。！？!?…；;"
_CLOSING_QUOTES = '”’」』"'
_HEADING_DASH = re.compile(r"(?:——|—|－－|--)$")


@dataclass(frozen=True)
class Block:
    """A unit of the cleaned page: a paragraph, or a heading, marker, title or caption line."""

    kind: str  # title | subtitle | heading | marker | paragraph | caption
    text: str


def normalise(text: str) -> str:
    """Half-width digits, letters and spaces; full-width punctuation inside Chinese text."""
    text = _WIDTH_RUN.sub(lambda m: m.group().translate(_WIDTH), text)
    if "," in text or ";" in text or ":" in text or "!" in text or "?" in text:
        text = _ASCII_PUNCT.sub(lambda m: _ASCII_TO_FULL[m.group()], text)
    if "(" in text:
        text = _ASCII_PAREN.sub(r"（\1）", text)
    return text


def undouble(line: str) -> str | None:
    """The line with its doubled runs undone, or None when it is not a doubled line."""
    s = line.strip()
    if len(s) < 4 or len(s) > _MAX_DOUBLED or not _STARTS_DOUBLED.match(s):
        return None
    n = len(s)
    # back[i]: length of the last piece of a decomposition of s[:i] (0: none found yet)
    back = [0] * (n + 1)
    back[0] = -1
    for i in range(n):
        if not back[i]:
            continue
        if s[i].isspace() and not back[i + 1]:
            back[i + 1] = 1
        for k in range(1, (n - i) // 2 + 1):
            if not back[i + 2 * k] and s[i : i + k] == s[i + k : i + 2 * k]:
                back[i + 2 * k] = 2 * k
    if not back[n]:
        return None
    pieces, i = [], n
    while i > 0:
        k = back[i]
        pieces.append(s[i - k : i - k // 2] if k > 1 else s[i - 1])
        i -= k
    out = "".join(reversed(pieces))
    # "——" drawn twice is "————"; a doubled line must shrink to about half
    return out if len(out) * 2 <= len(s) + s.count(" ") + 1 else None


def _width(s: str) -> int:
    """Display width: Chinese characters count two, ASCII one (digits make PDF lines look short)."""
    size = len(s.encode("utf-8"))
    return size - (size - len(s)) // 2


def _ends_sentence(line: str) -> bool:
    """Whether a line ends a sentence: a closing quote counts only after a full stop ("…力量。”")."""
    s = line.rstrip()
    while s and s[-1] in _CLOSING_QUOTES:
        if len(s) < 2 or s[-2] not in _SENTENCE_END:
            return False
        s = s[:-1]
    return bool(s) and s[-1] in _SENTENCE_END  # every mark is one character


def _join(a: str, b: str) -> str:
    """Join a wrapped line to its continuation: no space between Chinese, one between words."""
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return a + " " + b
    return a + b


def split_blocks(raw: str) -> list[Block]:
    """The page as blocks in reading order, wrapped lines rejoined and doubled lines undone."""
    nonblank = [
        ln for ln in (ln.strip() for ln in _SPACES.sub(" ", normalise(raw)).split("\n")) if ln
    ]
    if not nonblank:
        return []
    width_of = {ln: _width(ln) for ln in nonblank}
    widths = sorted(width_of.values())
    column = widths[(len(widths) * 3) // 4]  # the usual full line width
    wrap_width = column * 0.8

    blocks: list[Block] = []
    para: list[str] = []
    last = ""  # the last physical line of the paragraph
    seen_body = False
    pending_heading = ""  # "发展之基——" waiting for its second line

    def flush() -> None:
        nonlocal para
        if para:
            blocks.append(Block("paragraph", "".join(para)))
            para = []

    for line in nonblank:
        doubled = undouble(line)
        if pending_heading:
            # the second line of "发展之基——" / "点燃“红色引擎”，筑牢坚强战斗堡垒"
            text = doubled or line
            if not _ends_sentence(text) and len(text) <= 40 and not _MARKER.fullmatch(text):
                blocks.append(Block("heading", pending_heading + text))
                pending_heading = ""
                continue
            blocks.append(Block("heading", pending_heading.rstrip("—－- ")))
            pending_heading = ""
        if _MARKER.fullmatch(line):
            flush()
            blocks.append(Block("marker", line))
            continue
        if doubled is not None:
            flush()
            if _HEADING_DASH.search(doubled):
                pending_heading = doubled
            elif not seen_body:
                kind = "subtitle" if any(b.kind == "title" for b in blocks) else "title"
                blocks.append(Block(kind, doubled))
            else:
                blocks.append(Block("caption", doubled))
            continue
        if para and width_of[last] >= wrap_width and not _ends_sentence(last):
            para[-1] = _join(para[-1], line)  # a line wrapped at the column width
            last = line
            continue
        flush()
        para.append(line)
        last = line
        seen_body = seen_body or width_of[line] >= wrap_width or _ends_sentence(line)
    if pending_heading:
        blocks.append(Block("heading", pending_heading.rstrip("—－- ")))
    flush()
    return _settle(blocks, wrap_width)


def _settle(blocks: list[Block], wrap_width: float) -> list[Block]:
    """Name the short unpunctuated paragraphs: the first is the title (when none was drawn
    twice), later ones are headings, and those after the last body text are captions."""
    out: list[Block] = []
    last_body = next(
        (
            i
            for i in range(len(blocks) - 1, -1, -1)
            if blocks[i].kind == "paragraph" and _ends_sentence(blocks[i].text)
        ),
        -1,
    )  # looked for from the end: the last body text is usually near it
    has_title = any(b.kind == "title" for b in blocks)
    for i, b in enumerate(blocks):
        if b.kind == "paragraph" and _is_heading_like(b.text, wrap_width):
            if not has_title and not any(o.kind == "paragraph" for o in out):
                kind, has_title = "title", True
            elif i > last_body:
                kind = "caption"
            else:
                kind = "heading"
            out.append(Block(kind, b.text))
        else:
            out.append(b)
    return out


def _is_heading_like(text: str, wrap_width: float) -> bool:
    if len(text) > 40 or _ends_sentence(text) or text.endswith(("，", "、", "：", ",")):
        return False
    return _width(text) < max(wrap_width, 40) * 1.2


def tidy(text: str) -> str:
    """Single spaces, none next to Chinese punctuation or between Chinese and digits."""
    if " " not in text:
        return text  # both patterns need a space: most paragraphs are left as they are
    text = _SPACES.sub(" ", text)
    return _SPACE_BY_DIGIT.sub("", text)
