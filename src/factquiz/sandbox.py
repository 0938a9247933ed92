"""Bounds for templates a user supplies (question stems, paper instructions).

jinja2's sandbox stops a template from reaching Python, but not from working forever: a macro
that calls itself ends in RecursionError, nested ``range`` loops run for hours, and
``"x" * 10**9`` fills memory. ``BoundedEnvironment`` caps what one render may do (loop
iterations in all, the size of a repeated string, the output's length) and ``render_bounded``
turns running past a cap, or a recursion, into ``TemplateLimit`` with a message for the user.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

from jinja2.sandbox import SandboxedEnvironment

MAX_ITERATIONS = 100_000  # range() steps in one render, all loops together
MAX_OUTPUT = 200_000  # characters one render may produce
MAX_REPEAT = 100_000  # items or characters a * may make


class TemplateLimit(Exception):
    """A template went past a bound; ``message`` says which, in words for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class BoundedEnvironment(SandboxedEnvironment):
    intercepted_binops = frozenset(["*", "**"])

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._budget = threading.local()
        self.globals["range"] = self._range

    def reset(self) -> None:
        self._budget.left = MAX_ITERATIONS

    def _range(self, *args: int) -> Iterator[int]:
        for value in range(*args):
            left = getattr(self._budget, "left", MAX_ITERATIONS) - 1
            if left < 0:
                raise TemplateLimit(f"模板的循环超过 {MAX_ITERATIONS} 次，请减少 range 的次数")
            self._budget.left = left
            yield value

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and right > 64:
            raise TemplateLimit("模板里的乘方太大（指数超过 64）")
        if operator == "*":
            for seq, count in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(count, int):
                    if len(seq) * count > MAX_REPEAT:
                        raise TemplateLimit(f"模板用 * 重复出超过 {MAX_REPEAT} 个字符或元素")
        return super().call_binop(context, operator, left, right)


def render_bounded(environment: Any, chunks: Iterator[str]) -> str:
    """The rendered text of ``chunks`` (a template's root render generator) within the bounds."""
    if isinstance(environment, BoundedEnvironment):
        environment.reset()
    out: list[str] = []
    size = 0
    try:
        for chunk in chunks:
            size += len(chunk)
            if size > MAX_OUTPUT:
                raise TemplateLimit(f"模板输出超过 {MAX_OUTPUT} 个字符，可能陷入了循环")
            out.append(chunk)
    except RecursionError:
        raise TemplateLimit("模板里的宏调用了自己太多层（递归），请检查宏") from None
    return "".join(out)
