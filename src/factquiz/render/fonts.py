"""Find, check and register the Chinese font the PDFs are set in.

Order of search: an explicit path (``--font``), the ``FACTQUIZ_FONT``
environment variable, then known system locations on Linux, macOS and
Windows. A candidate must be a TrueType-outline font (reportlab embeds only
``glyf`` fonts: Noto CJK ``.otf``/``.ttc`` use CFF outlines and are skipped
with a reason) and must cover Latin digits, letters and curly quotes as well
as Chinese (Droid Sans Fallback has no Latin and would print blanks).

When nothing fits, we fall back to reportlab's built-in ``STSong-Light``
(a CID font that is *not embedded*: it prints only where the viewer has a
Chinese font) and say so in one warning.

Fonts are parsed and registered once per process: parsing a 5 MB TTC takes
a fifth of a second, far more than setting a page.
"""

from __future__ import annotations

import os
import struct
import sys
from dataclasses import dataclass, field
from pathlib import Path

from factquiz.errors import InputError, Location

ENV_VAR = "FACTQUIZ_FONT"
FALLBACK_FONT = "STSong-Light"
INSTALL_HINT = (
    "install a Chinese TrueType font (Debian/Ubuntu: sudo apt-get install fonts-wqy-microhei; "
    "Fedora: sudo dnf install wqy-microhei-fonts) or pass --font /path/to/font.ttf "
    f"(or set {ENV_VAR})"
)

# Characters body text must have: digits, Latin, curly quotes and common Chinese.
REQUIRED_CHARS = "0123456789ABCXYZabcxyz“”‘’%（）：，。、；？！《》…—中国题答案选项第页共分"

_LINUX_DIRS = (
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "~/.local/share/fonts",
    "~/.fonts",
)
# File names under the Linux folders above, in order of preference. (Folder layouts
# differ: Debian /truetype/wqy/, Fedora /wqy-microhei/, Arch /wenquanyi/…)
_LINUX_NAMES = (
    "wqy-microhei.ttc",
    "wqy-zenhei.ttc",
    "uming.ttc",
    "ukai.ttc",
    "gbsn00lp.ttf",
    "gkai00mp.ttf",
    "NotoSansCJK-Regular.ttc",  # CFF: listed so the skip reason is reported
    "NotoSerifCJK-Regular.ttc",
    "NotoSansCJKsc-Regular.otf",
    "DroidSansFallbackFull.ttf",  # no Latin: listed so the skip reason is reported
    "DroidSansFallback.ttf",
)
_MAC_PATHS = (
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "/System/Library/Fonts/Supplemental/Songti.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
    "/Library/Fonts/Microsoft/SimSun.ttf",
    "~/Library/Fonts/wqy-microhei.ttc",
)
_WINDOWS_NAMES = (
    "msyh.ttc",
    "msyh.ttf",
    "simsun.ttc",
    "simhei.ttf",
    "Deng.ttf",
    "simkai.ttf",
    "simfang.ttf",
)


@dataclass(frozen=True)
class FontChoice:
    """The font the PDFs use and how it was chosen."""

    name: str  # reportlab font name to set text in
    path: str = ""  # "" for the built-in fallback
    index: int = 0  # subfont of a .ttc collection
    embedded: bool = True  # False for the STSong-Light fallback
    warning: str = ""  # printed once by the CLI when set
    # "path: reason" for rejected candidates
    skipped: tuple[str, ...] = field(default=(), compare=False)


def candidate_paths() -> list[Path]:
    """Known system font locations for this platform, in order of preference."""
    found: list[Path] = []
    if sys.platform == "darwin":
        found += [Path(p).expanduser() for p in _MAC_PATHS]
    elif sys.platform.startswith("win"):
        windir = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        local = Path(os.environ.get("LOCALAPPDATA", "")) / "Microsoft" / "Windows" / "Fonts"
        found += [d / n for n in _WINDOWS_NAMES for d in (windir, local)]
    else:
        # Walk each folder once (desktops have thousands of fonts) and pick by file name.
        by_name: dict[str, list[Path]] = {}
        for folder in _LINUX_DIRS:
            base = Path(folder).expanduser()
            for dirpath, _dirs, files in os.walk(base):
                for file in files:
                    if file in _LINUX_NAMES:
                        by_name.setdefault(file, []).append(Path(dirpath) / file)
        for name in _LINUX_NAMES:
            found += sorted(by_name.get(name, []))
    return [p for p in dict.fromkeys(found) if p.is_file()]


def parse_font_spec(spec: str) -> tuple[Path, int]:
    """ "/path/font.ttc#1" → (path, 1): the subfont of a collection after '#'."""
    path, sep, index = spec.rpartition("#")
    if sep and index.isdigit():
        return Path(path).expanduser(), int(index)
    return Path(spec).expanduser(), 0


def outline_problem(path: Path, index: int = 0) -> str:
    """Why reportlab cannot embed this font file, or "" when it has TrueType outlines."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(12)
            if head[:4] == b"ttcf":
                count = struct.unpack(">I", head[8:12])[0]
                if index >= count:
                    return f"the collection has {count} fonts; subfont #{index} does not exist"
                handle.seek(12 + 4 * index)
                (offset,) = struct.unpack(">I", handle.read(4))
                handle.seek(offset)
                head = handle.read(4)
    except OSError as exc:
        return f"cannot read it: {exc.strerror}"
    tag = head[:4]
    if tag == b"OTTO":
        return "PostScript (CFF) outlines, which reportlab cannot embed; use a TrueType font such as WenQuanYi Micro Hei"
    if tag not in (b"\x00\x01\x00\x00", b"true"):
        return "not a TrueType font file"
    return ""


# (path, index) → registered FontChoice or the reason it was rejected
_cache: dict[tuple[str, int], FontChoice | str] = {}


def _utf16_hex(code: int) -> str:
    """A code point as the hex UTF-16BE a ToUnicode map holds: "4E2D", "D840DC00"."""
    return chr(code).encode("utf-16-be").hex().upper()


def _patch_to_unicode() -> None:
    """Make reportlab's ToUnicode maps right for characters above U+FFFF (CJK Extension B…).

    reportlab writes such a code point as five hex digits (<20000>), which
    text extraction and copy-paste reject; PDF wants UTF-16BE, a surrogate
    pair (<D840DC00>). Without this the glyph prints but the text is lost.
    """
    from reportlab.pdfbase import ttfonts

    if getattr(ttfonts.makeToUnicodeCMap, "_factquiz", False):
        return
    original = ttfonts.makeToUnicodeCMap

    def make(fontname, subset):
        text = original(fontname, subset)
        if all(v < 0x10000 for v in subset):
            return text
        lines = text.split("\n")
        start = lines.index(f"{len(subset)} beginbfchar") + 1
        for i, v in enumerate(subset):
            lines[start + i] = f"<{i:02X}> <{_utf16_hex(v)}>"
        return "\n".join(lines)

    make._factquiz = True  # type: ignore[attr-defined]
    ttfonts.makeToUnicodeCMap = make


SUBSET_CACHE = 32  # subsets kept per font (a few hundred KB)


def _cache_subsets(face) -> None:
    """Build each distinct subset of this font once per process (a paper's versions share theirs)."""
    build = face.makeSubset
    built: dict[tuple[int, ...], bytes] = {}

    def make_subset(subset):
        key = tuple(subset)
        data = built.get(key)
        if data is None:
            data = build(subset)
            if len(built) >= SUBSET_CACHE:
                built.pop(next(iter(built)))
            built[key] = data
        return data

    face.makeSubset = make_subset
    _memoise_compression()


def _memoise_compression() -> None:
    """Compress each large stream once per process: every version embeds the same font subset bytes.

    reportlab deflates every stream of every file; a subset is tens of KB, and
    with seeded subsets (document.seed_subsets) it is the same in all versions.
    Identical input gives identical output, so this changes no byte.
    """
    import zlib

    from reportlab.pdfbase import pdfdoc

    compressor = pdfdoc.PDFZCompress
    if getattr(compressor, "_factquiz", False):
        return
    done: dict[bytes, bytes] = {}

    def encode(text):
        if not isinstance(text, bytes) or len(text) < 8192:
            return zlib.compress(text if isinstance(text, bytes) else text.encode("utf8"))
        data = done.get(text)
        if data is None:
            data = zlib.compress(text)
            if len(done) >= SUBSET_CACHE:
                done.pop(next(iter(done)))
            done[text] = data
        return data

    compressor.encode = encode
    compressor._factquiz = True


def load_font(path: Path, index: int = 0, require_text: bool = True) -> FontChoice | str:
    """Parse and register one font file (once per process); return it or why it cannot be used.

    ``require_text`` asks for the characters body text needs (a fallback
    font that draws only ℃ or Extension B need not have them).
    """
    key = (str(path.resolve()), index)
    if key in _cache:
        return _cache[key]
    reason = outline_problem(path, index)
    result: FontChoice | str
    if reason:
        result = reason
    else:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFError, TTFont

        from factquiz.render.glyphs import covered, register_coverage

        _patch_to_unicode()
        try:
            name = f"FactQuiz-{path.stem}-{index}".replace(" ", "")
            font = TTFont(name, str(path), subfontIndex=index)
        except (TTFError, OSError, ValueError, struct.error) as exc:
            result = f"reportlab cannot read it ({exc})"
        else:
            _cache_subsets(font.face)
            register_coverage(name, font.face)
            drawn = covered(name) or frozenset()
            missing = [c for c in REQUIRED_CHARS if ord(c) not in drawn]
            if missing and require_text:
                result = "lacks characters body text needs: " + "".join(missing[:12])
            else:
                pdfmetrics.registerFont(font)
                result = FontChoice(name=name, path=str(path), index=index)
    _cache[key] = result
    return result


def _fallback(skipped: list[str]) -> FontChoice:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FALLBACK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_FONT))
    why = f" (skipped {'; '.join(skipped)})" if skipped else ""
    return FontChoice(
        name=FALLBACK_FONT,
        embedded=False,
        warning=(
            f"no Chinese TrueType font found{why}; using the built-in {FALLBACK_FONT}, which is not "
            f"embedded and prints only where the PDF viewer has a Chinese font. To embed one, {INSTALL_HINT}"
        ),
        skipped=tuple(skipped),
    )


def _explicit(spec: str, origin: str) -> FontChoice:
    path, index = parse_font_spec(spec)
    where = Location(str(path), field=origin)
    if not path.is_file():
        raise InputError(f"font file not found; check the path or leave out {origin}", where)
    result = load_font(path, index)
    if isinstance(result, str):
        raise InputError(f"cannot use this font: {result}", where)
    return result


def find_font(spec: str | os.PathLike[str] | None = None) -> FontChoice:
    """The font to set PDFs in: ``spec`` (a path, "path#index" for a .ttc), $FACTQUIZ_FONT, the system, or the fallback.

    An explicit font that cannot be used is an error (InputError); a system
    font that cannot be used is skipped and the reason kept in ``skipped``.
    """
    if spec:
        return _explicit(str(spec), "--font")
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return _explicit(env, ENV_VAR)
    skipped: list[str] = []
    for path in candidate_paths():
        result = load_font(path, 0)
        if isinstance(result, FontChoice):
            return result
        skipped.append(f"{path}: {result}")
    return _fallback(skipped)
