"""Which characters a font really draws, and the fallback fonts that draw the rest.

A cmap entry is not enough: WenQuanYi Micro Hei maps ℃ to a glyph with no
outline, so a paper would print a blank where the stem says ℃. A character
counts as covered only when its glyph has an outline (whitespace excepted).
Characters the body font lacks are drawn with the first fallback font on the
system that has them (DejaVu Sans for ℃, HanaMin for CJK Extension B…);
``check_questions`` stops before printing when no font has one, naming the
question, the field and the character.

The body font and each fallback are parsed once per process; fallbacks only
when some text needs one.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from factquiz.errors import InputError, Location
from factquiz.model import Question

# Fallback font files by name, in order of preference, under the system font folders.
_FALLBACK_NAMES = (
    "DejaVuSans.ttf",  # symbols and units: ℃ ℉ № ① …
    "HanaMinA.ttf",  # CJK Unified Ideographs and Extension A, many Ext-B
    "HanaMinB.ttf",  # CJK Extension B–F (Debian/Ubuntu: fonts-hanazono)
    "wqy-zenhei.ttc",
    "uming.ttc",
    "FreeSerif.ttf",
    "Symbola.ttf",
    "simsunb.ttf",  # Windows: SimSun-ExtB
    "mingliub.ttc",  # Windows: MingLiU-ExtB
    "seguisym.ttf",  # Windows: Segoe UI Symbol
    "Arial Unicode.ttf",  # macOS
)
_FOLDERS = {
    "linux": ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts"),
    "darwin": ("/System/Library/Fonts", "/Library/Fonts", "~/Library/Fonts"),
    "win": (os.path.join(os.environ.get("WINDIR", r"C:\Windows"), "Fonts"),),
}
FALLBACK_ENV = "FACTQUIZ_FALLBACK_FONTS"  # extra fallback files, separated by os.pathsep

# reportlab font name → the code points its glyphs draw
_coverage: dict[str, frozenset[int]] = {}
# fallback files not yet parsed (None: not yet looked for), and the loaded ones as (name, path)
_candidates: list[Path] | None = None
_fallbacks: list[tuple[str, str]] = []
# character → font name that draws it ("" when none does)
_chosen: dict[tuple[str, str], str] = {}


def _outlined(face) -> frozenset[int]:
    """Code points whose glyph has an outline in a parsed TrueType face (whitespace always counts)."""
    positions = face.glyphPos
    last = len(positions) - 1
    covered = set()
    for code, glyph in face.charToGlyph.items():
        if glyph < last and positions[glyph + 1] > positions[glyph]:
            covered.add(code)
        elif chr(code).isspace() or unicodedata.category(chr(code)) in ("Zs", "Cf"):
            covered.add(code)
    return frozenset(covered)


def register_coverage(font_name: str, face) -> None:
    """Remember which characters ``font_name`` (a registered TTFont, its parsed ``face``) draws."""
    if font_name not in _coverage:
        _coverage[font_name] = _outlined(face)


def covered(font_name: str) -> frozenset[int] | None:
    """The code points ``font_name`` draws; None when unknown (the built-in CID font: not checked)."""
    return _coverage.get(font_name)


def _fallback_paths() -> list[Path]:
    extra = [Path(p) for p in os.environ.get(FALLBACK_ENV, "").split(os.pathsep) if p.strip()]
    key = (
        "darwin"
        if sys.platform == "darwin"
        else "win"
        if sys.platform.startswith("win")
        else "linux"
    )
    found: dict[str, list[Path]] = {}
    for folder in _FOLDERS[key]:
        for dirpath, _dirs, files in os.walk(Path(folder).expanduser()):
            for file in files:
                if file in _FALLBACK_NAMES:
                    found.setdefault(file, []).append(Path(dirpath) / file)
    ordered = extra + [p for name in _FALLBACK_NAMES for p in sorted(found.get(name, []))]
    return [p for p in dict.fromkeys(ordered) if p.is_file()]


def _next_fallback() -> bool:
    """Parse and register the next fallback font on the system; False when there are no more."""
    global _candidates
    from factquiz.render.fonts import load_font

    if _candidates is None:
        _candidates = _fallback_paths()
    while _candidates:
        path = _candidates.pop(0)
        choice = load_font(path, 0, require_text=False)
        if not isinstance(choice, str):
            _fallbacks.append((choice.name, choice.path))
            return True
    return False


def font_for(font_name: str, ch: str) -> str:
    """The font that draws ``ch`` for text set in ``font_name``: itself, a fallback, or "" (none).

    Fallback fonts are parsed one at a time, only until one has the character.
    """
    key = (font_name, ch)
    found = _chosen.get(key)
    if found is not None:
        return found
    base = _coverage.get(font_name)
    code = ord(ch)
    if base is None or code in base:
        found = font_name
    else:
        found = next((name for name, _ in _fallbacks if code in _coverage[name]), "")
        while not found and _next_fallback():
            name = _fallbacks[-1][0]
            found = name if code in _coverage[name] else ""
    _chosen[key] = found
    return found


def missing(font_name: str, text: str) -> list[str]:
    """The characters of ``text`` that neither ``font_name`` nor any fallback draws, in order."""
    base = _coverage.get(font_name)
    if base is None:
        return []
    out = []
    for ch in dict.fromkeys(text):
        if (
            ord(ch) not in base
            and not ch.isspace()
            and ch not in "\n\r\t"
            and not font_for(font_name, ch)
        ):
            out.append(ch)
    return out


def runs(font_name: str, text: str) -> list[tuple[str, str]]:
    """``text`` cut into (font, piece) runs, each piece drawn by one font (the body font where it can)."""
    base = _coverage.get(font_name)
    if base is None or all(ord(c) in base for c in text):
        return [(font_name, text)]
    out: list[tuple[str, str]] = []
    for ch in text:
        name = font_for(font_name, ch) or font_name
        if out and out[-1][0] == name:
            out[-1] = (name, out[-1][1] + ch)
        else:
            out.append((name, ch))
    return out


def question_texts(question: Question) -> Iterable[tuple[str, str]]:
    """(field, text) for every piece of a question that may be printed."""
    yield "stem", question.stem
    for i, option in enumerate(question.options):
        yield f"options[{i}]", option
    for i, blank in enumerate(question.blanks):
        for answer in blank.answers:
            yield f"answer[{i}]", answer
    for name in ("reference", "explanation", "source"):
        yield name, getattr(question, name)
    for name in ("keys", "pairs"):  # order / match questions
        value = getattr(question, name, None)
        if isinstance(value, (list, tuple)):
            for i, item in enumerate(value):
                yield (
                    f"{name}[{i}]",
                    " ".join(map(str, item)) if isinstance(item, tuple) else str(item),
                )


# Characters our own wording prints on every paper and key (headings, tables, footers).
UI_TEXT = (
    "一二三四五六七八九十、（）：，。；！？“”【】…—①②③④⑤⑥⑦⑧⑨⑩√×＿　．"
    "本试卷共大题小题满分考时间钟注意事项答前请在密封线内填写单位姓名号不要得评卷人总题"
    "单项多判断填空简排序连选择每给出的个中只有一是符合目求两或以上错少均正确括画横作参案速查解析处"
    "第页卷也可误差无本页试–"
)


def printed_text(questions: Sequence[Question], with_answers: bool) -> str:
    """Every distinct character a paper (or, ``with_answers``, a key) of ``questions`` may print.

    In order of first appearance in the questions as given, so characters
    printed together share a font subset. A document registers these first,
    so the font subsets of all versions come out the same and are built once
    (see build_pdf's ``charset``).
    """
    chars = dict.fromkeys(UI_TEXT)
    for q in questions:
        for field, text in question_texts(q):
            if with_answers or field == "stem" or field.startswith(("options", "pairs")):
                chars.update(dict.fromkeys(text))
    return "".join(c for c in chars if not c.isspace() or c == "\u3000")


def _char_name(ch: str) -> str:
    return f"{ch}（U+{ord(ch):04X}）"


def check_questions(
    questions: Sequence[Question],
    font_name: str,
    font_label: str,
    files: Mapping[str, str] | None = None,
    extra: Mapping[str, str] | None = None,
) -> None:
    """Stop with the question, field and character when some character cannot be drawn by any font.

    ``files`` maps a bank name to its file (for the message); ``extra`` is
    other printed text by field name (title, subtitle, team names).
    """
    if _coverage.get(font_name) is None:
        return
    for field, text in (extra or {}).items():
        lost = missing(font_name, text)
        if lost:
            raise InputError(
                f"字符 {_char_name(lost[0])} 无法用字体 {font_label} 显示，系统中也没有含此字的备用字体；"
                f"请改写，或用 --font 指定含此字的字体",
                Location(field=field),
            )
    for q in questions:
        for field, text in question_texts(q):
            lost = missing(font_name, text)
            if lost:
                file = (files or {}).get(q.bank, q.bank or "")
                raise InputError(
                    f"题目 {q.ref} 的字符 {_char_name(lost[0])} 无法用字体 {font_label} 显示，"
                    f"系统中也没有含此字的备用字体；请改写，或安装含此字的字体"
                    f"（如 fonts-hanazono）/用 --font 指定",
                    Location(file, q.line, field),
                )


def text_width(text: str, font_name: str, size: float) -> float:
    """Width of ``text`` as ``draw_string`` sets it (fallback fonts included)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return sum(stringWidth(piece, name, size) for name, piece in runs(font_name, text))


def draw_string(
    canv, x: float, y: float, text: str, font_name: str, size: float, anchor: str = "left"
) -> None:
    """``canv.drawString`` that sets each character in a font that draws it; ``anchor`` left/centre/right."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    pieces = runs(font_name, text)
    if anchor != "left":
        width = sum(stringWidth(p, n, size) for n, p in pieces)
        x -= width if anchor == "right" else width / 2
    for name, piece in pieces:
        canv.setFont(name, size)
        canv.drawString(x, y, piece)
        x += stringWidth(piece, name, size)
