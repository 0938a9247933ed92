"""Chinese line breaking and text-as-data for reportlab paragraphs.

Everything the PDFs set as running text goes through ``CJKParagraph`` and
``markup()`` defined here, so the two rules below hold in one place:

- **Line breaking (禁则, kinsoku).** reportlab's ``wordWrap='CJK'`` knows only
  a few Japanese marks: it lets lines start with ，；：？！》” and end with
  （《“, and it splits Latin words and numbers anywhere. ``CJKParagraph``
  replaces its line splitter: a line never starts with closing punctuation
  and never ends with opening punctuation; runs of Latin letters and digits
  ("2022", "98.5%", "PPP") stay whole unless longer than the line; —— and
  …… stay in one piece. An overflowing character is pushed to the next line
  together with the character before it (推出), never hung in the margin.
- **Escaping.** Bank text is data: ``markup()`` escapes ``< & >`` so a stem
  containing ``<b>`` or ``<font>`` prints literally.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.platypus import paragraph as _paragraph
from reportlab.platypus.paragraph import (
    FragLine,
    Paragraph,
    ParaLines,
    _handleBulletWidth,
    imgNormV,
    imgVRange,
)
from reportlab.rl_config import _FUZZ

from factquiz.cjk import NO_LINE_END, NO_LINE_START
from factquiz.render import reuse
from factquiz.render.glyphs import covered, font_for

# The kinsoku sets are shared with the console (factquiz.cjk); print adds the
# marks only a typeset page meets: straight quotes and angle brackets,
# half-width Japanese forms and iteration marks, degree/prime signs after a
# number, and currency signs before one.
# No line may start with these (closing punctuation, stops, pause marks, units that follow a number).
CANNOT_START = NO_LINE_START | frozenset("°′″'\">｡｣､･ー\u3005\u309b\u309c\u30fd\u30fe\u309d\u309e")
# No line may end with these (opening brackets and quotes, currency signs).
CANNOT_END = NO_LINE_END | frozenset("<¥$￥＄£#")
# Spaces that bind their neighbours: no-break space, and the ideographic
# spaces we write as references for blanks and answer brackets (literal ones
# in bank text are collapsed by reportlab before they reach the breaker).
BINDING_SPACES = frozenset("\u00a0\u3000")
# Marks that come in pairs and must not be split: —— …… (and runs of ＿)
UNSPLITTABLE_PAIRS = frozenset("—…＿")  # ＿＿＿ is a fill blank: one piece
# Characters of Latin words, numbers and URLs, which are not broken inside.
_WORD_CHAR = re.compile(r"[0-9A-Za-z\u00c0-\u024f_.,%@/:+\-']")


def _is_word_char(ch: str) -> bool:
    return bool(_WORD_CHAR.match(ch))


def may_break_between(before: str, after: str, keep_words: bool = True) -> bool:
    """Whether a line may end after ``before`` and the next start with ``after``.

    ``keep_words=False`` relaxes only the rule that keeps Latin words and
    numbers whole (for a word longer than the line).
    """
    if not before or not after:
        return True
    if before in BINDING_SPACES or after in BINDING_SPACES:
        return False
    if after in CANNOT_START or before in CANNOT_END:
        return False
    if before.isspace() or after.isspace():
        return True
    if before == after and before in UNSPLITTABLE_PAIRS:
        return False
    # Keep Latin words and numbers whole: "2022", "98.5", "PPP", "https://…".
    if keep_words and _is_word_char(before) and _is_word_char(after):
        return False
    return True


class _Glyph(str):
    """One character with the fragment (font, size, underline) it belongs to and its width."""

    __slots__ = ("frag", "width")


_width_cache: dict[tuple[str, float], dict[str, float]] = {}


def _glyphs(frags: list) -> list[_Glyph]:
    """Every character of the fragments with its width (widths cached per font and size).

    A character the fragment's font does not draw (℃ in WenQuanYi, CJK
    Extension B) gets a copy of the fragment set in the fallback font that
    draws it (see render.glyphs), so it never prints blank.
    """
    glyphs: list[_Glyph] = []
    for f in frags:
        text = f.text
        if isinstance(text, bytes):
            text = text.decode("utf8")
        if not text:
            g = _Glyph("")
            g.frag = f
            g.width = getattr(getattr(f, "cbDefn", None), "width", 0) or 0
            glyphs.append(g)
            continue
        drawn = covered(f.fontName)
        substitutes: dict[str, object] = {}
        widths = _width_cache.setdefault((f.fontName, f.fontSize), {})
        for ch in text:
            frag = f
            if drawn is not None and ord(ch) not in drawn and not ch.isspace():
                other = font_for(f.fontName, ch)
                if other and other != f.fontName:
                    frag = substitutes.get(other)
                    if frag is None:
                        frag = substitutes[other] = f.clone(fontName=other)
            w = widths.get(ch) if frag is f else None
            if w is None:
                w = stringWidth(ch, frag.fontName, frag.fontSize)
                if frag is f:
                    widths[ch] = w
            g = _Glyph(ch)
            g.frag = frag
            g.width = w
            glyphs.append(g)
    return glyphs


def break_glyphs(
    glyphs: list[_Glyph], max_widths: list[float]
) -> list[tuple[int, int, float, bool]]:
    """Split glyphs into lines: (start, end, width used, forced break) for each line."""
    lines: list[tuple[int, int, float, bool]] = []
    n = len(glyphs)
    start = 0

    def width_of(line_no: int) -> float:
        return max_widths[line_no] if line_no < len(max_widths) else max_widths[-1]

    while start < n:
        # Spaces do not start a line (unless the paragraph starts with them).
        if lines:
            while start < n and glyphs[start] == " ":
                start += 1
            if start >= n:
                break
        limit = width_of(len(lines))
        used = 0.0
        i = start
        end = None
        forced = False
        while i < n:
            g = glyphs[i]
            if hasattr(g.frag, "lineBreak"):
                end, forced = i + 1, True
                break
            if used + g.width > limit + _FUZZ and i > start:
                end = _choose_break(glyphs, start, i)
                break
            used += g.width
            i += 1
        if end is None:
            end = n
        lines.append((start, end, sum(g.width for g in glyphs[start:end]), forced))
        start = end
    return lines


def _substantive(glyphs: list[_Glyph]) -> int:
    """How many characters of a line are more than punctuation or space."""
    return sum(
        1 for g in glyphs if g and not g.isspace() and g not in CANNOT_START and g not in CANNOT_END
    )


def avoid_short_last_line(
    glyphs: list[_Glyph], lines: list[tuple[int, int, float, bool]], max_widths: list[float]
) -> list[tuple[int, int, float, bool]]:
    """No paragraph ends on a line of one character ("士。"): take a character or two from the line before.

    The line before then ends a little short, and justification spreads it.
    """
    if len(lines) < 2:
        return lines
    (p_start, p_end, _, p_forced), (l_start, l_end, _, l_forced) = lines[-2], lines[-1]
    if p_forced or _substantive(glyphs[l_start:l_end]) >= 2:
        return lines
    limit = max_widths[min(len(lines) - 1, len(max_widths) - 1)]
    for b in range(p_end - 1, max(p_start + 2, p_end - 5), -1):
        if not may_break_between(glyphs[b - 1], glyphs[b]):
            continue
        tail = glyphs[b:l_end]
        width = sum(g.width for g in tail)
        if width > limit + _FUZZ:
            break
        if _substantive(tail) >= 2:
            head_width = sum(g.width for g in glyphs[p_start:b])
            return [*lines[:-2], (p_start, b, head_width, False), (b, l_end, width, l_forced)]
    return lines


def _justified_line(tx, offset, line, last=0):
    """reportlab's justify spreads only spaces, which Chinese has none of: spread every character instead."""
    extra = line.extraSpace
    count = sum(len(w.text) for w in line.words) - 1
    # Spread lines would break a fill line (＿＿＿) into dashes and leave underlines short.
    plain = not any("＿" in w.text or getattr(w, "underline", 0) for w in line.words)
    if (
        line.lineBreak
        or last
        or extra <= 1e-6
        or count <= 0
        or extra > line.maxWidth * 0.2
        or not plain
    ):
        return _paragraph._leftDrawParaLineX(tx, offset, line, last)
    tx._x_offset = offset
    _paragraph.setXPos(tx, offset)
    tx.setCharSpace(extra / count)
    _paragraph._putFragLine(offset, tx, line, last, "justify")
    tx.setCharSpace(0)
    _paragraph.setXPos(tx, -offset)


def balanced_title(text: str, style) -> str:
    """Markup of a title; one too long for a line is cut into two lines of about equal width.

    The cut is where a title naturally pauses (after ：，、 or before a bracket)
    nearest the middle, else the middle character; never a lone word on line two.
    """
    from factquiz.render.styles import CONTENT_WIDTH

    font, size = style.fontName, style.fontSize
    if stringWidth(text, font, size) <= CONTENT_WIDTH * 0.95 or len(text) < 6:
        return markup(text)
    total = stringWidth(text, font, size)
    best, best_score = len(text) // 2, float("inf")
    for cut in range(2, len(text) - 1):
        head, tail = text[:cut], text[cut:]
        if not may_break_between(head[-1], tail[0]):
            continue
        head_width = stringWidth(head, font, size)
        if head_width > CONTENT_WIDTH or total - head_width > CONTENT_WIDTH:
            continue
        pause = head[-1] in "：:，,、—" or tail[0] in "（(《“"
        score = abs(head_width - (total - head_width)) - (size * 4 if pause else 0)
        if score < best_score:
            best, best_score = cut, score
    return markup(text[:best].rstrip("—")) + "<br/>" + markup(text[best:])


def _choose_break(glyphs: list[_Glyph], start: int, overflow: int) -> int:
    """Where to end a line whose glyph ``overflow`` does not fit: the last legal break at or before it.

    A Latin word longer than the line may be cut (still never before a
    closing mark); only when nothing on the line allows a break at all do we
    cut where it overflows.
    """
    for keep_words in (True, False):
        for b in range(overflow, start, -1):
            if may_break_between(glyphs[b - 1], glyphs[b], keep_words):
                return b
    return overflow


def _make_line(
    glyphs: list[_Glyph], max_width: float, used: float, line_break: bool, calc_bounds: bool
) -> FragLine:
    """One laid-out line: runs of glyphs of the same fragment become its words.

    Does what reportlab's makeCJKParaLine does, but compares fragments by
    identity and measures each fragment once instead of once per character
    (which made it the slowest step of a paper).
    """
    words = []
    max_size = max_ascent = min_descent = 0.0
    run: list[str] = []
    current = None
    for g in glyphs:
        if g.frag is not current:
            if run:
                words.append(current.clone(text="".join(run)))
            current, run = g.frag, []
            size = current.fontSize
            cb = getattr(current, "cbDefn", None)
            if calc_bounds and getattr(cb, "width", 0):
                descent, ascent = imgVRange(imgNormV(cb.height, size), cb.valign, size)
            else:
                ascent, descent = getAscentDescent(current.fontName, size)
            max_size, max_ascent, min_descent = (
                max(max_size, size),
                max(max_ascent, ascent),
                min(min_descent, descent),
            )
        run.append(g)
    if run:
        words.append(current.clone(text="".join(run)))
    return FragLine(
        kind=1, extraSpace=max_width - used, wordCount=1, words=words, fontSize=max_size, ascent=max_ascent,
        descent=min_descent, maxWidth=max_width, currentWidth=used, lineBreak=line_break,
    )  # fmt: skip


# (markup, id(style)) → (style, parsed fragments); the style is kept so its id stays its own.
_parsed: dict[tuple[str, int], tuple[object, list]] = {}
PARSE_CACHE = 20_000


class CJKParagraph(Paragraph):
    """A Paragraph whose CJK line breaking follows Chinese rules (see module docstring).

    Use a style with ``wordWrap='CJK'`` so reportlab routes breaking here. With
    ``alignment=TA_JUSTIFY`` lines are set flush at both edges (两端对齐) by
    spreading their characters; the last line of a paragraph stays flush left.
    """

    _factquiz_source: tuple | None = None  # (markup, id(style)) of a paragraph made from text
    _factquiz_layout: tuple | None = None  # that and the line widths it was laid out at

    def _setup(self, text, style, bulletText, frags, cleaner):
        # The same stem or option is set in every version: parse its markup once.
        if frags is None and text is not None:
            key = (text, id(style))
            self._factquiz_source = key
            cached = _parsed.get(key)
            if cached is not None and cached[0] is style:
                return super()._setup(text, style, bulletText, cached[1], cleaner)
            super()._setup(text, style, bulletText, None, cleaner)
            if self.style is style and len(_parsed) < PARSE_CACHE:
                _parsed[key] = (style, self.frags)
            return None
        return super()._setup(text, style, bulletText, frags, cleaner)

    def drawPara(self, debug=0):  # noqa: N802 (reportlab's name)
        canv = self.canv
        key = None if debug else reuse.drawing_key(canv, self._factquiz_layout, self.bulletText)
        if key is not None and reuse.replay(canv, key):
            return None  # drawn the same in an earlier version (see render.reuse)
        start = len(canv._code)
        self._draw_lines(debug)
        if key is not None:
            reuse.record(
                canv, key, start, self.blPara.lines, self.bulletText, self.style.bulletFontName
            )
        return None

    def _draw_lines(self, debug):
        if self.style.alignment != TA_JUSTIFY:
            return super().drawPara(debug)
        # drawPara picks its line drawer from the module by name when it runs.
        saved = _paragraph._justifyDrawParaLineX
        _paragraph._justifyDrawParaLineX = _justified_line
        try:
            return super().drawPara(debug)
        finally:
            _paragraph._justifyDrawParaLineX = saved

    def split(self, availWidth, availHeight):  # noqa: N803 (reportlab's names)
        # reportlab's split appends spaces to the words of the lines it splits:
        # give this paragraph lines of its own first, so the shared ones stay as they are.
        if self._factquiz_layout is not None:
            if not hasattr(self, "blPara"):
                self.wrap(availWidth, availHeight)
            self.blPara = _own_copy(self.blPara)
            self._factquiz_layout = None
            self._factquiz_lines = None
        return super().split(availWidth, availHeight)

    def breakLinesCJK(self, maxWidths):  # noqa: N802 (reportlab's name)
        if not isinstance(maxWidths, (list, tuple)):
            maxWidths = [maxWidths]
        style = self.style
        self.height = 0
        _handleBulletWidth(self.bulletText, style, maxWidths)
        if hasattr(self, "blPara") and getattr(self, "_splitpara", 0):
            return self.blPara
        # KeepTogether wraps each paragraph twice at the same width: reuse the lines.
        key = tuple(maxWidths)
        cached = getattr(self, "_factquiz_lines", None)
        if cached is not None and cached[0] == key:
            return cached[1]
        # and every version sets the same paragraph at the same width (see render.reuse)
        layout = None if self._factquiz_source is None else (*self._factquiz_source, key)
        self._factquiz_layout = layout
        shared = None if layout is None else reuse.shared_lines(layout, style)
        if shared is not None:
            self._factquiz_lines = (key, shared)
            return shared
        frags = self.frags
        if not frags:
            return ParaLines(
                kind=0, fontSize=style.fontSize, fontName=style.fontName, textColor=style.textColor,
                lines=[], ascent=style.fontSize, descent=-0.2 * style.fontSize,
            )  # fmt: skip
        auto_leading = getattr(self, "autoLeading", getattr(style, "autoLeading", ""))
        calc_bounds = auto_leading not in ("", "off")
        glyphs = _glyphs(frags)
        breaks = avoid_short_last_line(
            glyphs, break_glyphs(glyphs, list(maxWidths)), list(maxWidths)
        )
        lines = []
        for number, (start, end, used, forced) in enumerate(breaks):
            width = maxWidths[number] if number < len(maxWidths) else maxWidths[-1]
            last = number == len(breaks) - 1
            lines.append(_make_line(glyphs[start:end], width, used, forced or last, calc_bounds))
        result = ParaLines(kind=1, lines=lines)
        self._factquiz_lines = (key, result)
        if layout is not None:
            reuse.remember_lines(layout, style, result)
        return result


def _own_copy(para_lines):
    """Lines whose words are this paragraph's own (see CJKParagraph.split)."""
    if getattr(para_lines, "kind", 0) != 1:
        return para_lines
    lines = []
    for line in para_lines.lines:
        copy = FragLine(**line.__dict__)
        copy.words = [w.clone() for w in line.words]
        lines.append(copy)
    return ParaLines(**{**para_lines.__dict__, "lines": lines})


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def markup(text: str) -> str:
    """Bank text → Paragraph markup that prints exactly the text: escaped, line breaks kept."""
    text = _CONTROL.sub("", text.replace("\t", " ").replace("\r\n", "\n").replace("\r", "\n"))
    return escape(text).replace("\n", "<br/>")
