"""The run sheet (主持人题卡，按出题顺序): the drawn questions of a competition, in the order the console asks them.

Each question is labelled with where it is asked — the round, and in a
required round (必答题) the team whose turn it is — so the host can read from
cards that match the screen. The risk round's reserve (风险题) is listed as
drawn, since which question comes depends on the tier a team picks; the
tiebreak pool (加时赛) comes last.
"""

from __future__ import annotations

from dataclasses import replace

from factquiz.host.plan import Game
from factquiz.model import Question


def run_sheet(game: Game) -> tuple[list[Question], list[str]]:
    """(the questions in the order asked, each tagged with its label; the labels, in order)."""
    questions: list[Question] = []
    labels: list[str] = []
    teams = game.teams
    for plan in game.rounds:
        name = plan.config.name
        kind = plan.config.kind_name
        title = name if kind in name else f"{name}（{kind}）"
        for slot, question in enumerate(plan.questions):
            if plan.kind == "required":
                label = f"{title} · {teams[slot % len(teams)]}"
            elif plan.kind == "risk":
                label = f"{title} · 备用题（按所选分值取题）"
            elif plan.kind == "sudden_death":
                label = f"{title} · 同分时用"
            else:
                label = title
            labels.append(label)
            questions.append(replace(question, tags=(label, *question.tags)))
    return questions, list(dict.fromkeys(labels))
