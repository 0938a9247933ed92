"""A running competition: the game, its state, and the journal every event goes through.

``Session.send`` applies an event by the rules first (an event the rules
refuse is not recorded), then appends it to the journal (written and fsynced),
and only then makes the new state current — so whatever the screen shows as
recorded is on disk. Plain mode and the full-screen app both drive a Session.

When the journal cannot be written (a full disk), ``send`` raises
``JournalWriteError`` and keeps the event as ``pending``: the state stays as
last recorded, and nothing more is recorded until ``retry`` writes it or
``save_elsewhere`` continues the journal in another file.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from pathlib import Path

from factquiz.banks import all_questions, load_banks
from factquiz.errors import Location, Problem
from factquiz.host.config import CompetitionConfig, ConfigError, config_from_dict, differences
from factquiz.host.events import Event
from factquiz.host.journal import (
    JournalContents,
    JournalExistsError,
    JournalInUseError,
    JournalWriteError,
    JournalWriter,
    Recorded,
    default_journal_path,
    make_header,
)
from factquiz.host.plan import Game, draw_game, game_from_refs
from factquiz.host.rules import FINISHED, State, apply, replay, start


@dataclass(frozen=True)
class Resumed:
    """What a resume found: the last event recorded (the host may not have seen it acknowledged)."""

    last: Recorded | None
    before: State | None  # the state before that event (to describe it as it was shown)
    clean: bool  # the console was closed normally last time (else killed, crashed or cut off)


@dataclass
class Session:
    game: Game
    state: State
    journal: JournalWriter
    notice: str = ""  # something to tell the host once (a torn journal line was ignored)
    resumed: Resumed | None = None  # set by resume_session
    pending: Event | None = (
        None  # an event the journal could not record; retry() or save_elsewhere()
    )
    rehearsal: bool = False  # 彩排: a run-through with its own journal, marked on every screen

    @property
    def journal_path(self) -> Path:
        return self.journal.path

    def send(self, event: Event) -> State:
        """Apply, record durably, then commit. Raises RuleError (nothing recorded) or InputError.

        JournalWriteError: the journal could not take the event; it is kept as ``pending``
        and the state stays as last recorded.
        """
        if self.pending is not None:
            raise JournalWriteError(
                "上一步还没有写进记录文件，不能记录新的操作",
                Location(str(self.journal.path)),
            )
        new = apply(self.state, event)
        try:
            self.journal.append(event)
        except JournalWriteError:
            self.pending = event
            raise
        self.state = new
        return new

    def retry(self) -> State:
        """Write the pending event again (after the host freed some space); the state it makes."""
        event = self.pending
        if event is None:
            return self.state
        new = apply(self.state, event)
        self.journal.append(event)
        self.pending = None
        self.state = new
        return new

    def save_elsewhere(self, path: Path) -> State:
        """Continue the journal in a new file at ``path`` (another disk), then write the pending event."""
        moved = self.journal.copy_to(Path(path))
        old, self.journal = self.journal, moved
        old.close(clean=False)
        return self.retry()

    @property
    def finished(self) -> bool:
        return self.state.phase == FINISHED

    def export(self) -> list[Path]:
        """Write results (CSV and JSON) next to the journal; return the files written."""
        from factquiz.host.results import write_results

        return write_results(self.state, self.journal.path)

    def close(self) -> None:
        """Release the journal (noting a normal exit unless an event is still unrecorded)."""
        self.journal.close(clean=self.pending is None)


def _bank_questions(paths: list[Path]):
    banks = load_banks(paths)
    return [str(Path(b.path).resolve()) for b in banks], all_questions(banks)


def start_session(config: CompetitionConfig, seed: int | None = None, journal: Path | None = None,
                  extra_banks: list[Path] | None = None, fit: bool = False, rehearsal: bool = False) -> Session:  # fmt: skip
    """Draw the questions, write the journal header, and return the session at the first round.

    ``fit`` (for presets) shrinks the buzz and shared rounds to what the banks hold.
    ``rehearsal`` (彩排) marks the journal as a run-through and, by default, names it
    factquiz-rehearsal-…, so the real competition later starts with a journal of its own.
    """
    game, bank_files, notice = draw_competition(config, seed, extra_banks, fit)
    header = make_header(game, bank_files)
    if rehearsal:
        header["rehearsal"] = True
    if journal:
        writer = JournalWriter.create(Path(journal), header)
        return Session(game, start(game), writer, notice, rehearsal=rehearsal)

    def free_name() -> Path:
        path = default_journal_path()
        return _rehearsal_path(path) if rehearsal else path

    for _attempt in range(50):
        # Two consoles started in the same minute pick the same default name: the second
        # finds it taken (created or locked a moment ago) and takes the next one.
        try:
            writer = JournalWriter.create(free_name(), header)
        except (JournalExistsError, JournalInUseError):
            continue
        return Session(game, start(game), writer, notice, rehearsal=rehearsal)
    return Session(
        game, start(game), JournalWriter.create(free_name(), header), notice, rehearsal=rehearsal
    )


def _rehearsal_path(path: Path) -> Path:
    """factquiz-2026-12-02-1530.journal.jsonl → factquiz-rehearsal-2026-12-02-1530.journal.jsonl (never an existing file)."""
    name = path.name.replace("factquiz-", "factquiz-rehearsal-", 1)
    candidate, n = path.with_name(name), 2
    while candidate.exists():
        candidate = path.with_name(name.replace(".journal.jsonl", f"-{n}.journal.jsonl"))
        n += 1
    return candidate


def draw_competition(config: CompetitionConfig, seed: int | None = None, extra_banks: list[Path] | None = None,
                     fit: bool = False) -> tuple[Game, list[str], str]:  # fmt: skip
    """The game a start would play (its questions drawn), the bank files, and a notice for the host.

    The same config, banks and seed draw the same questions: a run sheet printed
    from this matches the console started with the same seed.
    """
    paths = config.bank_paths() + list(extra_banks or [])
    if not paths:
        raise ConfigError(
            [
                Problem(
                    "no banks: list them under 'banks:' or give bank files after the config",
                    Location(config.path, None, "banks"),
                )
            ]
        )
    missing = config.missing_banks()
    if missing:
        raise ConfigError(missing)
    bank_files, questions = _bank_questions(paths)
    notice = ""
    if fit:
        from factquiz.host.presets import fit_to_questions

        config, notice = fit_to_questions(config, len(questions))
    if seed is None:
        seed = config.seed if config.seed is not None else secrets.randbelow(1_000_000)
    return draw_game(config, questions, seed), bank_files, notice


def resume_session(journal: Path, config: CompetitionConfig | None = None, banks: list[Path] | None = None,
                   teams: list[str] | None = None) -> Session:  # fmt: skip
    """Rebuild the state from a journal and continue appending to it.

    ``config`` (when the host gives one) must be the config the journal was
    started with, and ``teams`` (with a preset) its teams; ``banks`` replace
    the bank paths recorded in the header.
    """
    writer = JournalWriter.reopen(Path(journal))  # the lock first: nobody appends while we read
    try:
        return _resume(writer, journal, config, banks, teams)
    except BaseException:
        writer.close(clean=False)
        raise


def _resume(writer: JournalWriter, journal: Path, config: CompetitionConfig | None,
            banks: list[Path] | None, teams: list[str] | None) -> Session:  # fmt: skip
    contents = writer.read()
    game = _journal_game(contents, journal, config, banks, teams)
    where = str(journal)
    before, state = _replay(game, contents, where)
    writer.continue_after(contents)
    last = contents.records[-1] if contents.records else None
    resumed = Resumed(last, before, contents.closed)
    rehearsal = bool(contents.header.get("rehearsal"))
    return Session(game, state, writer, contents.notice, resumed, rehearsal=rehearsal)


def journal_game(journal: Path, banks: list[Path] | None = None) -> Game:
    """The game a journal records (to print its run sheet), read without taking the journal's lock."""
    from factquiz.host.journal import read_journal

    return _journal_game(read_journal(journal), journal, None, banks, None)


def _journal_game(contents: JournalContents, journal: Path, config: CompetitionConfig | None,
                  banks: list[Path] | None, teams: list[str] | None) -> Game:  # fmt: skip
    header = contents.header
    where = str(journal)
    recorded = config_from_dict(header.get("config") or {}, where)
    recorded = replace(recorded, path=header.get("config_path") or where)
    if config is not None:
        if config.digest() != header.get("config_hash") or config.digest() != recorded.digest():
            what = ", ".join(differences(recorded, config)) or "settings"
            raise ConfigError([Problem(
                f"this journal belongs to another competition config ({what} differ: journal "
                f"{header.get('config_hash')}, config {config.digest()}); resume with the config it was started "
                f"with, or start a new journal", Location(where, 1))])  # fmt: skip
    if teams is not None and tuple(teams) != recorded.teams:
        raise ConfigError([Problem(
            f"this journal belongs to a competition of other teams ({'、'.join(recorded.teams)}); "
            f"resume without --teams, or start a new journal", Location(where, 1))])  # fmt: skip
    if recorded.digest() != header.get("config_hash"):
        raise ConfigError(
            [
                Problem(
                    "journal header does not match its own config hash (edited?)",
                    Location(where, 1),
                )
            ]
        )
    paths = list(banks) if banks else [Path(p) for p in header.get("banks", [])]
    if not banks and config is not None and config.bank_paths():
        paths = config.bank_paths()
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise ConfigError([Problem(
            f"bank {missing[0]} recorded in the journal is missing; give the banks after --resume: "
            f"factquiz host --resume {journal} BANK…", Location(where, 1))])  # fmt: skip
    _files, questions = _bank_questions(paths)
    return game_from_refs(recorded, questions, int(header.get("seed", 0)), header.get("rounds", []),
                          header.get("questions", {}), where)  # fmt: skip


def _replay(game: Game, contents: JournalContents, where: str) -> tuple[State | None, State]:
    """(the state before the last event, the state after all of them)."""
    from factquiz.host.rules import RuleError

    state = start(game)
    before = None
    for record in contents.records:
        before = state
        try:
            state = apply(state, record.event)
        except RuleError as exc:
            raise ConfigError(
                [
                    Problem(
                        f"event cannot be replayed ({exc.message}); the journal does not fit these banks or config",
                        Location(where, record.line),
                    )
                ]
            ) from None
    return before, state


__all__ = ["Session", "draw_competition", "replay", "resume_session", "start_session"]
