"""Split cleaned paragraphs into sentences, and sentences into clauses.

Splits happen at 。！？ (and their runs, with closing quotes kept on the
sentence they close), never inside quotes or brackets, so a quoted remark
stays with its speaker ("“……贡献城投力量。”吴骏跃这样表示。"). A quote that
runs on for too long is taken as unbalanced (a lost closing mark in the PDF)
and no longer protects its full stops. Semicolons and ellipses stay inside a
sentence; the generator cuts at them when it needs a shorter stem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = "“‘（《「『【("
CLOSERS = "”’）》」』】)"
_PAIR = dict(zip(OPENERS, CLOSERS, strict=True))
_TOKENS = re.compile(r"[“”‘’（）《》「」『』【】()]|[。！？!?]+[”’」』）)]*|\.(?=\s+[A-Z])")
_CLAUSE_TOKENS = re.compile(r"[“”‘’（）《》「」『』【】()]|[，,；;：:。！？!?…]+[”’」』）)]*")
MAX_QUOTE = 160  # characters; a quote longer than this lost its closing mark
# after a quote that ends a sentence ("……力量。”"), the speaker's words belong to it
_ATTRIBUTION = re.compile(
    r"[^。！？!?“”\n]{0,30}?(?:说|表示|介绍|指出|强调|认为|称|坦言|透露|谈到|说道|告诉记者|感慨)[^。！？!?“”\n]{0,6}[。！？!?]"
)


@dataclass(frozen=True)
class Sentence:
    """A sentence of the cleaned text, with the section heading it falls under."""

    text: str
    start: int  # offset in the cleaned article text
    section: str = ""  # heading ("发展之基——点燃“红色引擎”，筑牢坚强战斗堡垒"), "" before the first
    marker: str = ""  # the last marker inside the section ("【精彩回放】")


def split_spans(text: str, tokens: re.Pattern[str] = _TOKENS) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text`` (one paragraph), spaces trimmed."""
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []  # expected closer, where its quote opened
    start = 0
    for m in tokens.finditer(text):
        tok = m.group()
        ch = tok[0]
        if ch in _PAIR:
            stack.append((_PAIR[ch], m.start()))
            continue
        if ch in CLOSERS:
            if stack and stack[-1][0] == ch:
                stack.pop()
            continue
        # a run of stops (with closing marks after it)
        while stack and m.start() - stack[-1][1] > MAX_QUOTE:
            stack.pop()  # lost its closing mark: stop protecting
        quoted = bool(stack)
        for closer in tok[1:]:
            if closer in CLOSERS and stack and stack[-1][0] == closer:
                stack.pop()
        if stack:
            continue
        if quoted and tok[-1] in CLOSERS and _ATTRIBUTION.match(text, m.end()):
            continue  # "“……。”吴骏跃说。": one sentence with its speaker
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def split_clauses(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of each clause of a sentence: cut at ，；：。 outside quotes and brackets.

    The end includes the punctuation that closes the clause.
    """
    return split_spans(sentence, _CLAUSE_TOKENS)
