"""What the versions of a paper share, worked out once per process: laid-out lines and drawn paragraphs.

Every version prints the same stems, options and explanations in another
order (and under other numbers and letters), so the line breaking of a
paragraph and the PDF operators that draw it are the same in each. A worker
rendering 50 versions lays out and draws each paragraph once and replays it
49 times; a replay writes exactly the bytes a fresh drawing would.

A drawing is replayed only where that holds:
- its characters are all in the document's seeded charset (see
  document.seed_subsets), so they have the same codes in every document
  seeded with that charset; the charset is part of the key;
- its font has the same PDF name (/F1…) in the document as where it was
  recorded;
- nothing in it adds to the document outside the page stream (links, images).
"""

from __future__ import annotations

from dataclasses import dataclass

CACHE_LIMIT = 20_000  # entries of each cache (a few MB for a large bank)

# (markup, id(style), line widths) → (style, ParaLines); the style is kept so its id stays its own
_lines: dict[tuple, tuple[object, object]] = {}


def shared_lines(key: tuple, style: object) -> object | None:
    """The lines laid out before for this paragraph key, if any."""
    found = _lines.get(key)
    return found[1] if found is not None and found[0] is style else None


def remember_lines(key: tuple, style: object, lines: object) -> None:
    if len(_lines) < CACHE_LIMIT:
        _lines[key] = (style, lines)


@dataclass(frozen=True)
class Seed:
    """The charset a document registered first in its font (document.seed_subsets)."""

    font: str
    charset: str
    chars: frozenset[str]


@dataclass(frozen=True)
class _Drawing:
    code: tuple[str, ...]  # the page-stream operators the paragraph wrote
    font_name: str | None  # the font's PDF name in the document it was drawn in ("/F1")


# (layout key, bullet, charset) → the recorded drawing, or None when it may not be replayed
_drawings: dict[tuple, _Drawing | None] = {}


def drawing_key(canv, layout_key: tuple | None, bullet: object) -> tuple | None:
    """The key a paragraph's drawing is recorded under on this canvas, or None when it is never replayed."""
    seed: Seed | None = getattr(canv, "_factquiz_seed", None)
    if seed is None or layout_key is None or not (bullet is None or isinstance(bullet, str)):
        return None
    return (layout_key, bullet, seed.charset)


def replay(canv, key: tuple) -> bool:
    """Write the recorded drawing of ``key`` to the canvas; False when there is none to use here."""
    drawing = _drawings.get(key)
    if drawing is None:
        return False
    seed: Seed = canv._factquiz_seed
    if canv._doc.fontMapping.get(seed.font) != drawing.font_name:
        return False  # the font is not yet named in this document (or named otherwise)
    canv._code.extend(drawing.code)
    return True


def record(canv, key: tuple, start: int, lines, bullet: str | None, bullet_font: str) -> None:
    """Keep what the paragraph just wrote from ``canv._code[start]`` on, when it may be replayed."""
    if key in _drawings or len(_drawings) >= CACHE_LIMIT:
        return
    seed: Seed = canv._factquiz_seed
    if bullet and bullet_font != seed.font:
        _drawings[key] = None
        return
    text = [bullet or ""]
    for line in lines:
        for word in line.words:
            if word.fontName != seed.font or getattr(word, "link", None) or hasattr(word, "cbDefn"):
                _drawings[key] = None
                return
            text.append(word.text)
    if not set("".join(text)) <= seed.chars:
        _drawings[key] = None
        return
    drawing = _Drawing(tuple(canv._code[start:]), canv._doc.fontMapping.get(seed.font))
    _drawings[key] = drawing
