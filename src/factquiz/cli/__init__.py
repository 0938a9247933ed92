"""The `factquiz` command: a thin shell over the library.

Each command parses options, calls one library function and prints its
result. Errors of the FactQuizError family are printed here, in one place,
as ``error: file:line: field: message`` with a non-zero exit status.
Command modules import heavy libraries (reportlab, openpyxl, textual)
inside the command function so that ``factquiz --help`` starts fast.
"""

from __future__ import annotations

import importlib
import os
import sys

import typer
from typer.core import TyperGroup

from factquiz.errors import BankError, FactQuizError, UsageError


def print_error(exc: FactQuizError) -> None:
    lines = [str(p) for p in exc.problems] if isinstance(exc, BankError) else [str(exc)]
    for line in lines:
        typer.echo(f"error: {line}", err=True)


class _Group(TyperGroup):
    """Turns FactQuizError into a short message and an exit status; never a traceback."""

    def list_commands(self, ctx: typer.Context) -> list[str]:
        return list(self.commands)  # keep the order commands were defined in, not alphabetical

    def invoke(self, ctx: typer.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except FactQuizError as exc:
            print_error(exc)
            raise typer.Exit(2 if isinstance(exc, UsageError) else 1) from None
        except KeyboardInterrupt:
            typer.echo("interrupted", err=True)
            raise typer.Exit(130) from None
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except BrokenPipeError:  # output piped into `head` and closed: not an error of ours
            sys.stderr.close()
            raise typer.Exit(0) from None
        except Exception as exc:  # a bug: say so in one line unless debugging
            if os.environ.get("FACTQUIZ_DEBUG"):
                raise
            typer.echo(
                f"error: internal error ({type(exc).__name__}: {exc}); "
                "rerun with FACTQUIZ_DEBUG=1 for details and report it",
                err=True,
            )
            raise typer.Exit(3) from None


app = typer.Typer(
    cls=_Group,
    name="factquiz",
    help="把文章里的事实变成题库、试卷和知识竞赛。Turn the facts in articles into question banks, exam papers and a live quiz console.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)

# Each module adds its commands to `app`; `--help` lists them in this order:
# the main job first (article → bank → paper → competition), then bank tools.
for _module in (
    "generate_commands",
    "pdf_commands",
    "host_commands",
    "interchange_commands",
    "bank_commands",
):
    importlib.import_module(f"factquiz.cli.{_module}")


def main() -> None:
    app(prog_name="factquiz")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
