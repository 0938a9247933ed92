"""Results of a competition: scores per round, every question asked, and an item analysis.

Written next to the journal as JSON (everything) and CSV (for a spreadsheet):
``<name>.results.json``, ``<name>.scores.csv``, ``<name>.questions.csv`` and
``<name>.items.csv`` — the last one says, per question, how many teams got it
right and which wrong options were chosen, to improve the bank next time.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path
from typing import Any

from factquiz.errors import InputError, Location
from factquiz.files import atomic_write
from factquiz.host.rules import FINISHED, State
from factquiz.host.standings import standings

RESULT_LABELS = {"right": "答对", "wrong": "答错", "early": "抢答犯规", "pass": "送给观众"}


def number(value: float) -> int | float:
    """10.0 → 10 (scores are whole numbers almost always)."""
    return int(value) if float(value).is_integer() else value


def results(state: State) -> dict[str, Any]:
    """The results as plain data (what results.json holds)."""
    game, core = state.game, state.core
    teams = game.teams
    played = sorted({o.round for o in core.outcomes})
    # awards only mean something at the end
    over = state.phase == FINISHED or core.tiebreak is not None
    rows = []
    for s in standings(core.scores, core.subranks, game.config.awards):
        per_round = {
            game.rounds[r].name: number(
                sum(o.delta for o in core.outcomes if o.round == r and o.team == s.team)
            )
            for r in played
        }
        rows.append({
            "rank": s.rank, "team": teams[s.team], "award": s.award if over else "", "start": number(game.config.start_score),
            "rounds": per_round,
            "adjustments": number(sum(a.delta for a in core.adjustments if a.team == s.team)),
            "score": number(s.score),
        })  # fmt: skip
    asked: dict[tuple[int, int, str], list] = {}
    for o in core.outcomes:
        asked.setdefault((o.round, o.slot, o.question), []).append(o)
    questions = []
    items = []
    for (r, slot, ref), outcomes in asked.items():
        q = game.question(ref)
        questions.append({
            "round": game.rounds[r].name, "number": slot + 1, "id": ref, "type": q.type, "stem": q.stem,
            "answer": q.answer_text(),
            "outcomes": [{"team": teams[o.team] if o.team is not None else "", "result": o.result,
                          "option": o.option, "delta": number(o.delta)} for o in outcomes],
        })  # fmt: skip
        judged = [o for o in outcomes if o.result in ("right", "wrong")]
        wrong_options = Counter(o.option for o in judged if o.result == "wrong" and o.option)
        items.append({
            "id": ref, "round": game.rounds[r].name, "stem": q.stem, "answer": q.answer_text(),
            "difficulty": q.difficulty, "answered": len(judged),
            "right": sum(o.result == "right" for o in judged), "wrong": sum(o.result == "wrong" for o in judged),
            "wrong_options": dict(sorted(wrong_options.items())),
            "passed": any(o.result == "pass" for o in outcomes),
        })  # fmt: skip
    return {
        "title": game.config.title,
        "seed": game.seed,
        "finished": state.phase == "finished",
        "teams": rows,
        "questions": questions,
        "items": items,
        "adjustments": [
            {
                "team": teams[a.team],
                "delta": number(a.delta),
                "reason": a.reason,
                "by": a.by,
                "round": game.rounds[a.round].name,
            }
            for a in core.adjustments
        ],  # fmt: skip
        "tiebreaks": [[teams[t] for t in order] for order in core.tiebreaks],
    }


def _csv(header: list[str], rows: list[list[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return "\ufeff" + buffer.getvalue()  # BOM: Excel then reads the Chinese correctly


def result_paths(journal: Path) -> dict[str, Path]:
    name = journal.name
    for suffix in (".journal.jsonl", ".jsonl"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    folder = journal.parent
    return {
        kind: folder / f"{name}.{kind}"
        for kind in ("results.json", "scores.csv", "questions.csv", "items.csv")
    }


def write_results(state: State, journal: Path) -> list[Path]:
    """Write the four result files next to the journal (atomically); return their paths.

    A file that cannot be written (a full disk) raises InputError; the files
    already there stay as they were (each is replaced whole or not at all).
    """
    paths = result_paths(Path(journal))
    try:
        _write_results(results(state), paths)
    except OSError as exc:
        from factquiz.host.journal import failure_reason

        raise InputError(
            f"成绩文件写不进去（{failure_reason(exc)}）；记录文件里的比分都还在，腾出空间后再导出",
            Location(str(paths["results.json"])),
        ) from None
    return list(paths.values())


def _write_results(data: dict[str, Any], paths: dict[str, Path]) -> None:
    round_names = list(dict.fromkeys(name for row in data["teams"] for name in row["rounds"]))
    atomic_write(paths["results.json"], json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    atomic_write(paths["scores.csv"], _csv(
        ["名次", "队伍", "奖项", "起始分", *round_names, "仲裁调整", "总分"],
        [[r["rank"], r["team"], r["award"], r["start"], *(r["rounds"].get(n, 0) for n in round_names),
          r["adjustments"], r["score"]] for r in data["teams"]],
    ))  # fmt: skip
    atomic_write(paths["questions.csv"], _csv(
        ["轮次", "题号", "题目编号", "题干", "答案", "队伍", "结果", "所选", "得分"],
        [[q["round"], q["number"], q["id"], q["stem"], q["answer"], o["team"], RESULT_LABELS[o["result"]],
          o["option"], o["delta"]] for q in data["questions"] for o in q["outcomes"]],
    ))  # fmt: skip
    atomic_write(paths["items.csv"], _csv(
        ["题目编号", "轮次", "题干", "答案", "难度", "作答队数", "答对", "答错", "错选", "送给观众"],
        [[i["id"], i["round"], i["stem"], i["answer"], i["difficulty"], i["answered"], i["right"], i["wrong"],
          " ".join(f"{k}×{v}" for k, v in i["wrong_options"].items()), "是" if i["passed"] else ""]
         for i in data["items"]],
    ))  # fmt: skip
