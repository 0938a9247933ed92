"""A running competition: the game, its state, and the journal every event goes through.

``Session.send`` applies an event by the rules first (an event the rules
refuse is not recorded), then appends it to the journal (written and fsynced),
and only then makes the new state current — so whatever the screen shows as
recorded is on disk. Plain mode and the full-screen app both drive a Session.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from pathlib import Path

from factquiz.banks import all_questions, load_banks
from factquiz.errors import Location, Problem
from factquiz.host.config import CompetitionConfig, ConfigError, config_from_dict, differences
from factquiz.host.events import Event
from factquiz.host.journal import JournalWriter, default_journal_path, make_header, read_journal
from factquiz.host.plan import Game, draw_game, game_from_refs
from factquiz.host.rules import FINISHED, State, apply, replay, start


@dataclass
class Session:
    game: Game
    state: State
    journal: JournalWriter
    notice: str = ""  # something to tell the host once (a torn journal line was ignored)

    @property
    def journal_path(self) -> Path:
        return self.journal.path

    def send(self, event: Event) -> State:
        """Apply, record durably, then commit. Raises RuleError (nothing recorded) or InputError."""
        new = apply(self.state, event)
        self.journal.append(event)
        self.state = new
        return new

    @property
    def finished(self) -> bool:
        return self.state.phase == FINISHED

    def export(self) -> list[Path]:
        """Write results (CSV and JSON) next to the journal; return the files written."""
        from factquiz.host.results import write_results

        return write_results(self.state, self.journal.path)

    def close(self) -> None:
        self.journal.close()


def _bank_questions(paths: list[Path]):
    banks = load_banks(paths)
    return [str(Path(b.path).resolve()) for b in banks], all_questions(banks)


def start_session(config: CompetitionConfig, seed: int | None = None, journal: Path | None = None,
                  extra_banks: list[Path] | None = None, fit: bool = False) -> Session:  # fmt: skip
    """Draw the questions, write the journal header, and return the session at the first round.

    ``fit`` (for presets) shrinks the buzz and shared rounds to what the banks hold.
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
    game = draw_game(config, questions, seed)
    path = Path(journal) if journal else default_journal_path()
    writer = JournalWriter.create(path, make_header(game, bank_files))
    return Session(game, start(game), writer, notice)


def resume_session(journal: Path, config: CompetitionConfig | None = None, banks: list[Path] | None = None,
                   teams: list[str] | None = None) -> Session:  # fmt: skip
    """Rebuild the state from a journal and continue appending to it.

    ``config`` (when the host gives one) must be the config the journal was
    started with, and ``teams`` (with a preset) its teams; ``banks`` replace
    the bank paths recorded in the header.
    """
    contents = read_journal(journal)
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
    bank_files, questions = _bank_questions(paths)
    game = game_from_refs(recorded, questions, int(header.get("seed", 0)), header.get("rounds", []),
                          header.get("questions", {}), where)  # fmt: skip
    state = _replay(game, contents.events, where)
    writer = JournalWriter.reopen(contents.path, contents.good_bytes, len(contents.events))
    return Session(game, state, writer, contents.notice)


def _replay(game: Game, events: list[Event], where: str) -> State:
    from factquiz.host.rules import RuleError

    state = start(game)
    for number, event in enumerate(events, start=2):
        try:
            state = apply(state, event)
        except RuleError as exc:
            raise ConfigError(
                [
                    Problem(
                        f"event cannot be replayed ({exc.message}); the journal does not fit these banks or config",
                        Location(where, number),
                    )
                ]
            ) from None
    return state


__all__ = ["Session", "replay", "resume_session", "start_session"]
