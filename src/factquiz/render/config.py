"""A school's paper settings in a YAML file (``factquiz pdf --config paper.yaml``), so they need not be typed each time.

    # paper.yaml
    title: 2022年党史知识竞赛
    subtitle: 初赛
    minutes: 90
    fields: [学校, 班级, 姓名, 考号]   # candidate fields along the 密封线
    binding: true                     # 密封线 strip on the binding edge
    duplex: true                      # printed on both sides
    score_boxes: true                 # 得分/评卷人 at each section
    answer_sheet: false               # 答题卡

Flags on the command line win over the file. Unknown keys and wrong types
are errors with the line: ``error: paper.yaml:3: minutes: …``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from factquiz.errors import InputError, Location

# key → (type, what to write)
KEYS: dict[str, tuple[type, str]] = {
    "title": (str, "文字"),
    "subtitle": (str, "文字"),
    "minutes": (int, "分钟数（0 表示不写）"),
    "fields": (list, "考生信息栏列表，如 [单位, 姓名, 考号]"),
    "binding": (bool, "true 或 false"),
    "duplex": (bool, "true 或 false"),
    "score_boxes": (bool, "true 或 false"),
    "answer_sheet": (bool, "true 或 false"),
}


def load_paper_config(path: str | Path) -> dict[str, Any]:
    """The settings in ``path`` as PaperOptions field values (fields as a tuple, minutes 0 → None)."""
    from factquiz.banks.yamlnodes import LineDict, parse_yaml
    from factquiz.files import read_text

    file = str(path)
    data = parse_yaml(read_text(Path(path), what="config"), file)
    if data is None:
        return {}
    if not isinstance(data, LineDict):
        raise InputError(
            "配置文件应为键值对（如 minutes: 90）", Location(file, getattr(data, "line", None))
        )
    out: dict[str, Any] = {}
    for key, value in data.items():
        line = data.key_lines.get(key)
        if key not in KEYS:
            known = "、".join(KEYS)
            raise InputError(f"未知的设置；可用的有：{known}", Location(file, line, str(key)))
        kind, hint = KEYS[key]
        ok = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
        if kind is list and ok:
            ok = all(isinstance(v, str) and v.strip() for v in value)
        if not ok or (kind is int and value < 0):
            raise InputError(f"应为{hint}", Location(file, line, key))
        if key == "fields":
            value = tuple(v.strip() for v in value)
        if key == "minutes":
            value = value or None
        out[key] = value
    return out
