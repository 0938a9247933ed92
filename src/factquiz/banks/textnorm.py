"""Text comparison for lint: normalised keys, blanks in stems, numbers in sentences.

Teams type the same text many ways: full-width “５９１” or half-width "591",
“建国路 隧道” with a stray space, Chinese or ASCII punctuation. Comparing
normalised keys makes those equal, while keeping what changes meaning: the
decimal point in “2.05” (so 2.05 ≠ 205) and every letter, digit and
character.
"""

from __future__ import annotations

import re
import unicodedata

# A blank in a stem: （ ） ( ) with only spaces inside, or a run of 2+ underscores (ASCII or full-width).
BLANK_MARK = re.compile(r"（[\s\u3000]*）|\([\s\u3000]*\)|_{2,}|＿{2,}")

# Everything that is not a letter, digit or CJK character, except a decimal point between digits.
_DROP = re.compile(r"(?!(?<=\d)\.(?=\d))[\W_]")
_NUMBER = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(万|亿)?")
_MULTIPLIER = {"万": 10_000, "亿": 100_000_000, None: 1}
_PURE_NUMBER = re.compile(r"(\d+(?:\.\d+)?)(万|亿)?")


def normalise(text: str) -> str:
    """The comparison key of a text: NFKC (full → half width), lower case, no spaces or punctuation.

    A text made only of punctuation or symbols ("√", "×", "……") keeps its
    NFKC form, so such options stay distinct from each other.
    """
    folded = unicodedata.normalize("NFKC", text).lower()
    key = _DROP.sub("", folded)
    return key if key else "".join(folded.split())


def count_blanks(stem: str) -> int:
    """How many blanks （ ）/ ( ) / ____ a fill stem has."""
    return len(BLANK_MARK.findall(stem))


def numbers_in(normalised: str) -> list[float]:
    """Numeric values in a normalised sentence; "2.05万" counts as 20500 (and 2.05)."""
    values = []
    for match in _NUMBER.finditer(normalised):
        base = float(match.group(1))
        values.append(base)
        if match.group(2):
            values.append(base * _MULTIPLIER[match.group(2)])
    return values


def number_value(normalised: str) -> float | None:
    """The value of a normalised answer that is only a number ("20500", "2.05万", "98.5"), else None."""
    match = _PURE_NUMBER.fullmatch(normalised)
    if not match:
        return None
    return float(match.group(1)) * _MULTIPLIER[match.group(2)]


def appears_in(answer: str, source: str) -> bool:
    """Whether an answer is stated in a source sentence, after normalising both.

    A number answer matches a number of the same value ("20500" in "约2.05万平方米");
    other answers must appear as a substring that does not cut through a
    number ("59个" is not in "591个").
    """
    key = normalise(answer)
    text = normalise(source)
    if not key:
        return True
    value = number_value(key)
    if value is not None:
        return any(abs(v - value) <= 1e-9 * max(1.0, abs(value)) for v in numbers_in(text))
    start = text.find(key)
    while start != -1:
        end = start + len(key)
        cuts_before = (
            key[0].isdigit() and start > 0 and (text[start - 1].isdigit() or text[start - 1] == ".")
        )
        cuts_after = (
            key[-1].isdigit() and end < len(text) and (text[end].isdigit() or text[end] == ".")
        )
        if not cuts_before and not cuts_after:
            return True
        start = text.find(key, start + 1)
    return False
