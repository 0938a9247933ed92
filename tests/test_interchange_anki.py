"""Anki .apkg export: opened as Anki would, a zip holding an SQLite collection."""

from __future__ import annotations

import json
import os
import sqlite3
import zipfile
from dataclasses import replace
from pathlib import Path

import genanki

from factquiz.banks import read_bank
from factquiz.interchange.anki import MODEL_NAME, export_bank, export_timestamp, stable_id

GOLDEN = Path(__file__).parent / "golden"
SAMPLE = GOLDEN / "sample_bank.yaml"
HOSTILE = GOLDEN / "hostile_bank.yaml"
WHEN = 1_700_000_000.0


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("FACTQUIZ_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), (
        f"{name} changed; look at it, then regenerate with FACTQUIZ_UPDATE_GOLDEN=1"
    )


def open_collection(apkg: Path, folder: Path) -> sqlite3.Connection:
    with zipfile.ZipFile(apkg) as archive:
        assert sorted(archive.namelist()) == ["collection.anki2", "media"]
        assert json.loads(archive.read("media")) == {}
        archive.extract("collection.anki2", folder)
    return sqlite3.connect(folder / "collection.anki2")


def notes(apkg: Path, folder: Path) -> list[tuple]:
    """(id, guid, mod, tags, fields) of every note, in id order."""
    with open_collection(apkg, folder) as db:
        rows = db.execute("SELECT id, guid, mod, tags, flds FROM notes ORDER BY id").fetchall()
    return [(i, g, m, t, f.split("\x1f")) for i, g, m, t, f in rows]


def test_one_note_per_question_with_front_back_explanation_and_source(tmp_path):
    bank = read_bank(SAMPLE)
    assert export_bank(bank, tmp_path / "deck.apkg", timestamp=WHEN) == []
    found = {row[1]: row for row in notes(tmp_path / "deck.apkg", tmp_path)}
    assert len(found) == len(bank.questions)
    first = bank.questions[0]
    _, _, mod, tags, (front, answer, explanation, source) = found[
        genanki.guid_for("factquiz", first.ref)
    ]
    assert mod == int(WHEN)
    assert tags.split() == ["重点工程"]
    assert (
        '<div class="stem">我市首条城市隧道——建国路隧道历经（ ）个昼夜的艰苦施工后建成通车。</div>'
        in front
    )
    assert "<li>519</li><li>591</li><li>600</li><li>365</li>" in front
    assert answer == "B. 591"
    assert explanation == first.explanation
    assert source == first.source


def test_golden_dump_of_the_notes(tmp_path):
    export_bank(read_bank(SAMPLE), tmp_path / "deck.apkg", timestamp=WHEN)
    lines = [
        f"{guid}\t{tags.strip()}\t" + "\t".join(fields)
        for _, guid, _, tags, fields in notes(tmp_path / "deck.apkg", tmp_path)
    ]
    check_golden("sample.anki.txt", "\n".join(lines) + "\n")


def test_deck_and_model_ids_come_from_stable_hashes(tmp_path):
    bank = read_bank(SAMPLE)
    export_bank(bank, tmp_path / "deck.apkg", timestamp=WHEN)
    with open_collection(tmp_path / "deck.apkg", tmp_path) as db:
        decks = json.loads(db.execute("SELECT decks FROM col").fetchone()[0])
        models = json.loads(db.execute("SELECT models FROM col").fetchone()[0])
        card_decks = {row[0] for row in db.execute("SELECT did FROM cards")}
    deck_id = stable_id("deck:" + bank.title)
    assert decks[str(deck_id)]["name"] == bank.title
    assert card_decks == {deck_id}
    [model] = [m for m in models.values() if m["name"] == MODEL_NAME]
    assert [f["name"] for f in model["flds"]] == ["Question", "Answer", "Explanation", "Source"]


def test_re_export_of_an_edited_bank_updates_the_same_notes(tmp_path):
    bank = read_bank(SAMPLE)
    export_bank(bank, tmp_path / "v1.apkg", timestamp=WHEN)
    edited = replace(
        bank,
        questions=tuple(
            reversed([replace(q, explanation=q.explanation + "（修订）") for q in bank.questions])
        ),
    )
    export_bank(edited, tmp_path / "v2.apkg", timestamp=WHEN + 60)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    before = {row[1]: row for row in notes(tmp_path / "v1.apkg", tmp_path / "a")}
    after = {row[1]: row for row in notes(tmp_path / "v2.apkg", tmp_path / "b")}
    assert before.keys() == after.keys()  # same guids: Anki updates instead of duplicating
    for guid in before:
        assert after[guid][0] == before[guid][0]  # same note id, even though the order changed
        assert after[guid][2] > before[guid][2]  # newer, so Anki takes the update
    for q in edited.questions:
        assert after[genanki.guid_for("factquiz", q.ref)][4][2] == q.explanation  # the new text


def test_same_bank_and_time_give_the_same_bytes(tmp_path):
    bank = read_bank(SAMPLE)
    export_bank(bank, tmp_path / "a.apkg", timestamp=WHEN)
    export_bank(bank, tmp_path / "b.apkg", timestamp=WHEN)
    assert (tmp_path / "a.apkg").read_bytes() == (tmp_path / "b.apkg").read_bytes()


def test_modification_time_is_the_bank_files_unless_source_date_epoch_is_set(tmp_path, monkeypatch):
    bank_file = tmp_path / "bank.yaml"
    bank_file.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    os.utime(bank_file, (1_650_000_000, 1_650_000_000))
    bank = read_bank(bank_file)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert export_timestamp(bank) == 1_650_000_000
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    assert export_timestamp(bank) == 1_600_000_000


def test_hostile_text_is_escaped_in_the_card_html(tmp_path):
    bank = read_bank(HOSTILE)
    export_bank(bank, tmp_path / "deck.apkg", timestamp=WHEN)
    everything = "\n".join(
        "\x1f".join(fields) for *_, fields in notes(tmp_path / "deck.apkg", tmp_path)
    )
    assert "<script>" not in everything and "<img" not in everything
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in everything
    assert "说明里有 \"双引号\"、'单引号' 和 &amp; 符号<br>第二行 &lt;br&gt; 不是换行" in everything


def test_export_leaves_no_temporary_database_behind(tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    export_bank(read_bank(SAMPLE), tmp_path / "deck.apkg", timestamp=WHEN)
    assert list((tmp_path / "tmp").iterdir()) == []
