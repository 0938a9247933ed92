"""The extraction pipeline: clean → sentences → facts per sentence → result."""

from __future__ import annotations

import re

from factquiz.extract import ExtractResult
from factquiz.extract.clean import Block, split_blocks, tidy
from factquiz.extract.dates import FIRST_CHARS as _DATE_FIRST
from factquiz.extract.dates import DateContext, find_dates, parse_reference
from factquiz.extract.names import find_names
from factquiz.extract.quantities import find_quantities
from factquiz.extract.sentences import Sentence, split_spans
from factquiz.extract.subjects import counted_subject
from factquiz.model import Fact

_VALUE_KINDS = ("quantity", "percent", "ordinal", "date")
_CHINESE = re.compile(r"[\u4e00-\u9fff]")
# "本报讯（记者 周涛）", "新华社北京1月5日电": who filed the story, not what it says
_DATELINE = re.compile(
    r"^\s*(?:本报讯|本报[^\s，。]{0,8}电|[^\s，。]{2,4}(?:社|网|台|报)\s?[^\s，。]{0,12}电"
    r"|[^\s，。（(]{2,10}(?:网|报|周报)[^\s，。（(]{0,14}?讯)?\s?"
    r"(?:[（(](?:记者|通讯员|实习生)[^）)\n]{0,30}[）)]\s?)*"
)
_INLINE_HEADING = re.compile(
    r"(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)[^，。；\n]{2,20}[。：:]?"
)
# a sentence without any of these has no number, ordinal or date: skip those finders
_HAS_NUMBER = re.compile(rf"[0-9〇零一二两三四五六七八九十百千首第{_DATE_FIRST}]")
# every date pattern (2021年, 9月, 20日, 去年, 上月, 昨天, 近期) holds one of these: without
# them find_dates finds nothing and changes nothing, so it is not called
_HAS_DATE = re.compile(r"[年月日天期]")


def run(raw: str, date: str | None, article: int) -> ExtractResult:
    warnings: list[str] = []
    if not raw.strip():
        return ExtractResult("", (), (), warnings=("the text is empty",))
    if "\x00" in raw:
        return ExtractResult(
            "", (), (), warnings=("the text looks binary (NUL bytes), not an article",)
        )
    reference = parse_reference(date)
    if date and reference is None:
        warnings.append(
            f"article date {date!r} is not YYYY-MM-DD or YYYY; relative dates left as written"
        )

    blocks = split_blocks(raw)
    if not any(b.kind == "paragraph" for b in blocks):
        # a single line without a full stop ("社区有党员93名") is still text to read
        blocks = [
            Block("paragraph", b.text) if b.kind in ("title", "heading") else b for b in blocks
        ]
    lines: list[str] = []
    captions: list[str] = []
    title = ""
    sentences: list[Sentence] = []
    section, marker = "", ""
    offset = 0
    for block in blocks:
        text = tidy(block.text)
        if block.kind == "caption":
            captions.append(text)
            continue
        if block.kind in ("heading", "subtitle") and text.startswith("——") and not sentences:
            # a subtitle opening with a dash before the body says when and where
            # ("——二〇二四年一月十六日在…第三次会议上"): a sentence of facts, not a section
            text = text.lstrip("—")
            block = Block("paragraph", text)
        if block.kind == "title" and not title:
            title = text
        elif block.kind == "heading":
            section, marker = text, ""
        elif block.kind == "marker":
            marker = text
        elif block.kind == "paragraph":
            # the pattern is anchored at the start: a match there, not a sub over every position
            dateline = _DATELINE.match(text)
            if dateline.end():
                text = text[dateline.end() :]
            spans = split_spans(text)
            here = section
            if spans and _INLINE_HEADING.fullmatch(text, *spans[0]):
                # "一、为民服务暖人心。" opening a paragraph heads that paragraph
                here = text[spans[0][0] : spans[0][1]].rstrip("。：:")
            for s, e in spans:
                sentences.append(Sentence(text[s:e], offset + s, here, marker))
        lines.append(text)
        offset += len(text) + 1
    clean = "\n".join(lines)

    facts: list[Fact] = []
    unresolved = False
    context = DateContext()  # the month in force, for days written without one
    for sentence in sentences:
        found, any_unresolved = _sentence_facts(sentence, reference, article, context)
        facts += found
        unresolved = unresolved or any_unresolved
    if unresolved:
        warnings.append(
            "relative dates (去年, 今年, 上月…) left as written: no article date given; pass --date YYYY-MM-DD"
        )
    if not _CHINESE.search(clean):
        warnings.append("no Chinese text found: factquiz reads Chinese news articles")
    elif not any(f.kind in _VALUE_KINDS for f in facts):
        warnings.append("no numbers or dates found in the text" + ("" if facts else ", nor names"))
    return ExtractResult(
        clean, tuple(sentences), tuple(facts), tuple(captions), title, tuple(warnings)
    )


def _sentence_facts(
    sentence: Sentence, reference, article: int, context: DateContext
) -> tuple[list[Fact], bool]:
    text = sentence.text
    base = {
        "sentence": text,
        "sentence_start": sentence.start,
        "article": article,
        "section": sentence.section,
    }
    facts: list[Fact] = []
    unresolved = False
    if _HAS_NUMBER.search(text):
        taken = bytearray(len(text))
        for d in find_dates(text, reference, context) if _HAS_DATE.search(text) else ():
            unresolved = unresolved or d.unresolved
            value = float(d.iso[:4]) if d.iso[:4].isdigit() else None
            facts.append(
                Fact(
                    kind="date",
                    text=text[d.start : d.end],
                    start=d.start,
                    end=d.end,
                    value=value,
                    date=d.iso,
                    resolved=d.resolved,
                    **base,
                )
            )
            taken[d.start : d.end] = b"\x01" * (d.end - d.start)
        for q in find_quantities(text, taken):
            counts = q.kind != "ordinal" and not q.category  # a time of day counts nothing
            subject = counted_subject(text, q.start, q.end, q.unit) if counts else ""
            facts.append(
                Fact(
                    kind=q.kind,
                    text=text[q.start : q.end],
                    start=q.start,
                    end=q.end,
                    value=q.value,
                    number=q.number,
                    unit=q.unit,
                    qualifier=q.qualifier,
                    lower=q.lower,
                    max_value=q.max_value,
                    category=q.category,
                    subject=subject,
                    **base,
                )
            )
    facts += find_names(text, base)
    if len(facts) > 1:
        facts.sort(key=lambda f: (f.start, -f.end, f.kind))
    return facts, unresolved
