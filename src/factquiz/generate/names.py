"""Wrong names for questions about named things: other names of the same kind from the article.

"我市首条城市隧道是（ ）" wants other tunnels, not kindergartens. A
candidate too close to the answer is left out, because it may be the same
thing written differently ("建国南路隧道" beside "建国路隧道") and so a
second correct option.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

from factquiz.generate.distractors import Choice, Choices
from factquiz.model import Fact

QUOTES = "“”‘’\"'《》「」"
_EDGE_MARKS = re.compile(
    r"^[—－\-:：，,\s]+|[—－\-:：，,\s]+$"
)  # dashes and colons between label and name


@functools.lru_cache(maxsize=16384)  # every list compares its items with every name of the article
def bare(name: str) -> str:
    """A name without its quotes: "“马上破”" → "马上破"."""
    return name.strip().strip(QUOTES).strip()


def apposition_name(fact: Fact) -> str:
    """The name half of an apposition ("我市首条城市隧道——建国路隧道" → "建国路隧道")."""
    text = fact.text
    if fact.label and text.startswith(fact.label):
        text = text[len(fact.label) :]
    elif fact.label and text.endswith(fact.label):
        text = text[: -len(fact.label)]
    return _EDGE_MARKS.sub("", text)


def name_category(fact: Fact) -> str:
    return fact.category or ""


def names_in(facts: Iterable[Fact]) -> list[tuple[str, str]]:
    """(name, category) for every named thing the article mentions, in order, without repeats."""
    seen: dict[str, str] = {}
    for f in facts:
        if f.kind == "name":
            seen.setdefault(f.text, name_category(f))
        elif f.kind == "apposition":
            seen.setdefault(apposition_name(f), name_category(f))
        elif f.kind == "enumeration":
            for item in f.items:
                seen.setdefault(item, name_category(f))
    return [(n, c) for n, c in seen.items() if n]


@functools.lru_cache(maxsize=65536)
def similar(a: str, b: str, category: str = "") -> bool:
    """Whether two names may be the same thing: one's characters (minus the kind word) mostly in the other."""
    a, b = bare(a), bare(b)
    if a == b or a in b or b in a:
        return True
    if category:
        a, b = a.removesuffix(category), b.removesuffix(category)
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return True
    return len(sa & sb) / min(len(sa), len(sb)) >= 0.6


def name_choices(
    answer: str, category: str, names: Sequence[tuple[str, str]], avoid: str = "", need: int = 3
) -> Choices | None:
    """Unordered choices: the answer and up to ``need`` same-category names; None if fewer exist.

    ``avoid`` is the text of the stem and sentence: a name that appears there is not offered.
    """
    if not category:
        return None
    quoted = answer.startswith(("“", "《"))
    picked: list[Choice] = []
    for name, cat in names:
        if cat != category or similar(name, answer, category) or bare(name) in avoid:
            continue
        if any(similar(name, c.text, category) for c in picked):
            continue
        shown = (
            name if not quoted or name[:1] == answer[:1] else f"{answer[0]}{bare(name)}{answer[-1]}"
        )
        picked.append(Choice(shown, (), len(picked)))
    if len(picked) < need or not picked and need:
        return None
    return Choices(Choice(answer), tuple(picked), (), ordered=False)
