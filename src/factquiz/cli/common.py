"""Option types and helpers shared by the command modules."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:  # the banks package pulls in yaml; `factquiz --help` does not need it
    from factquiz.banks.select import Selection

BankPaths = Annotated[
    list[Path],
    typer.Argument(help="题库文件或文件夹 (bank YAML files or folders)", show_default=False),
]
TypesOption = Annotated[
    str | None,
    typer.Option("--types", help="题型，逗号分隔: single,multiple,judge,fill,short,order,match"),
]
TagsOption = Annotated[
    str | None, typer.Option("--tags", help="标签，逗号分隔；题目带其中任一标签即选中")
]
DifficultyOption = Annotated[
    str | None, typer.Option("--difficulty", help="难度 1-3，如 1,2 或 2-3")
]
CountOption = Annotated[
    int | None, typer.Option("--count", "-n", help="题目数量（默认全部）", min=0)
]
SeedOption = Annotated[int, typer.Option("--seed", help="随机种子：相同输入和种子得到相同结果")]


def make_selection(
    types: str | None,
    tags: str | None,
    difficulty: str | None,
    count: int | None,
    seed: int,
    shuffle: bool = False,
) -> Selection:
    from factquiz.banks.select import Selection, parse_difficulty, parse_list, parse_types

    return Selection(
        types=parse_types(types),
        tags=parse_list(tags),
        difficulty=parse_difficulty(difficulty),
        count=count,
        seed=seed,
        shuffle=shuffle,
    )
