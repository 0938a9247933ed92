"""Anki deck (.apkg) through genanki: one note per question.

The front shows the question type, the stem and the options; the back the
answer, the explanation and the source sentence. Ids are stable so that
importing a re-exported bank updates the cards already in Anki instead of adding
copies: the note guid (what Anki matches on) and the note and card ids come from
the question's namespaced id, the deck id from the bank title, the model id from
a fixed name. Anki replaces an existing note only when the incoming one is
newer, so the notes' modification time is the bank file's (or
``SOURCE_DATE_EPOCH``): editing the bank and exporting again updates the cards,
exporting an unchanged bank gives the same bytes.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

from factquiz.errors import Problem
from factquiz.interchange.archive import zip_bytes
from factquiz.interchange.textfmt import format_number, text_to_html, write_output
from factquiz.model import CIRCLED, Bank, Question, letter

__all__ = ["export_bank", "build_deck", "stable_id", "note_guid", "MODEL_NAME"]

MODEL_NAME = "factquiz 题目"
MODEL_VERSION = (
    "factquiz-model-1"  # change when fields or templates change, so Anki sees a new note type
)
FALLBACK_TIMESTAMP = (
    1577836800.0  # 2020-01-01, when neither the bank file nor SOURCE_DATE_EPOCH says better
)
_FIELDS = ("Question", "Answer", "Explanation", "Source")
_CSS = """\
.card { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; font-size: 20px; text-align: left; color: #222; background: #fff; line-height: 1.6; }
.type { font-size: 14px; color: #888; }
.options { margin: 0.5em 0; padding-left: 1.8em; }
.answer { font-weight: bold; color: #0a6d2c; }
.label { color: #888; font-size: 15px; }
.explanation, .source { margin-top: 0.6em; }
.source { font-size: 15px; color: #555; }
"""
_BACK = (
    '{{FrontSide}}<hr id="answer"><div class="answer">{{Answer}}</div>'
    '{{#Explanation}}<div class="explanation"><span class="label">解析：</span>{{Explanation}}</div>{{/Explanation}}'
    '{{#Source}}<div class="source"><span class="label">出处：</span>{{Source}}</div>{{/Source}}'
)


def stable_id(text: str, low: int = 1 << 30, high: int = 1 << 31) -> int:
    """A number in [low, high) that depends only on ``text`` (SHA-256, not Python's salted hash)."""
    digest = int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")
    return low + digest % (high - low)


def note_guid(q: Question) -> str:
    import genanki

    return genanki.guid_for("factquiz", q.ref)


def _front(q: Question) -> str:
    parts = [
        f'<div class="type">{text_to_html(q.type_name)}</div>',
        f'<div class="stem">{text_to_html(q.stem)}</div>',
    ]
    if q.type in ("single", "multiple", "order"):
        items = "".join(f"<li>{text_to_html(o)}</li>" for o in q.options)
        parts.append(f'<ol class="options" type="A">{items}</ol>')
    elif q.type == "match":
        # the left items ①②③ beside the right column, shuffled as on the default paper
        shown = q.laid_out()
        rows = "".join(
            f"<tr><td>{CIRCLED[i]} {text_to_html(left)}</td>"
            f"<td>{letter(i)}. {text_to_html(right)}</td></tr>"
            for i, ((left, _), right) in enumerate(zip(shown.pairs, shown.options, strict=True))
        )
        parts.append(f'<table class="options">{rows}</table>')
    elif q.type == "judge":
        parts.append('<div class="options">正确 / 错误</div>')
    return "".join(parts)


def _answer(q: Question) -> str:
    if q.type in ("single", "multiple"):
        return "<br>".join(f"{letter(i)}. {text_to_html(q.options[i])}" for i in q.correct)
    if q.type == "fill":
        shown = []
        for blank in q.blanks:
            text = text_to_html(blank.canonical)
            others = [text_to_html(a) for a in blank.answers[1:]]
            if others:
                text += "（也可：" + "、".join(others) + "）"
            if blank.tolerance:
                text += f"（误差 ±{format_number(blank.tolerance)}）"
            shown.append(text)
        return "；".join(shown)
    return text_to_html(q.answer_in_full())


def deck_name(title: str) -> str:
    """The bank title as an Anki deck name: Anki reads "::" as a sub-deck, so it becomes "：："."""
    return title.replace("::", "：：")


def build_deck(bank: Bank):
    """The genanki Deck for ``bank`` (one note per question, stable ids)."""
    import genanki

    model = genanki.Model(
        stable_id(MODEL_VERSION),
        MODEL_NAME,
        fields=[{"name": name} for name in _FIELDS],
        templates=[{"name": "题目", "qfmt": "{{Question}}", "afmt": _BACK}],
        css=_CSS,
    )
    title = deck_name(bank.title or bank.name or "factquiz")
    deck = genanki.Deck(stable_id("deck:" + title), title)
    for q in bank.questions:
        deck.add_note(
            genanki.Note(
                model=model,
                fields=[_front(q), _answer(q), text_to_html(q.explanation), text_to_html(q.source)],
                sort_field=q.stem,
                tags=[t.replace(" ", "_") for t in q.tags],
                guid=note_guid(q),
            )
        )
    return deck


def _stable_row_ids(deck) -> Iterator[int]:
    """Note and card ids in the order genanki asks for them: a note's id, then its cards' ids.

    Derived from the note guid and kept within 2010–2020 in milliseconds (Anki reads a
    note id as its creation time); a clash moves to the next free number.
    """
    taken: set[int] = set()
    low, high = 1_262_304_000_000, 1_577_836_800_000

    def fresh(text: str) -> int:
        value = stable_id(text, low, high)
        while value in taken:
            value += 1
        taken.add(value)
        return value

    for note in deck.notes:
        yield fresh("note:" + note.guid)
        for k in range(len(note.cards)):
            yield fresh(f"card:{note.guid}:{k}")


def export_timestamp(bank: Bank) -> float:
    """SOURCE_DATE_EPOCH, else the bank file's modification time, else a fixed date."""
    env = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if env.isdigit():
        return float(env)
    if bank.path and Path(bank.path).is_file():
        return float(int(Path(bank.path).stat().st_mtime))
    return FALLBACK_TIMESTAMP


def apkg_bytes(bank: Bank, timestamp: float) -> bytes:
    """The .apkg file for ``bank``: a zip of genanki's collection database, no media."""
    import genanki

    deck = build_deck(bank)
    with tempfile.TemporaryDirectory(prefix="factquiz-anki-") as folder:
        db_path = Path(folder) / "collection.anki2"
        connection = sqlite3.connect(db_path)
        try:
            # Package.write_to_file would stamp the zip with the current time and leave its
            # temporary database behind; writing the database ourselves avoids both.
            genanki.Package(deck).write_to_db(connection.cursor(), timestamp, _stable_row_ids(deck))
            connection.commit()
        finally:
            connection.close()
        database = db_path.read_bytes()
    return zip_bytes([("collection.anki2", database), ("media", b"{}")])


def export_bank(bank: Bank, path: Path, timestamp: float | None = None) -> list[Problem]:
    """Write ``bank`` as an Anki deck; every question type fits, so nothing is left out."""
    data = apkg_bytes(bank, export_timestamp(bank) if timestamp is None else timestamp)
    write_output(path, data)
    return []
