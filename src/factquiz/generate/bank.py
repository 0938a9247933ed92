"""Articles in, a question bank out: the library behind ``factquiz generate``."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from factquiz.errors import FactQuizError, InputError, Location, Problem, UsageError
from factquiz.files import MAX_INPUT_BYTES, read_text
from factquiz.model import BANK_TYPES, Bank, Question, Source

ARTICLE_SUFFIXES = (".txt", ".md", ".text")
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_NOT_CJK = re.compile(r"[^\u4e00-\u9fff]+")


@dataclass(frozen=True)
class Article:
    """One article to make questions from."""

    text: str
    title: str = ""  # the bank uses the article's own headline when empty
    date: str = ""  # when it was published ("2022-01-15", "2022"); resolves 去年, 今年
    file: str = ""  # where it came from, recorded as the bank's source


@dataclass(frozen=True)
class GenerateOptions:
    seed: int = 0
    types: tuple[str, ...] = ()  # question types to make; () for all
    date: str = ""  # overrides every article's date
    title: str = ""  # the bank's title; the first article's headline when empty
    templates_dir: str | None = None  # a team's templates, searched before the bundled ones
    allow_empty: bool = (
        False  # write a partial or empty bank instead of failing on an unusable article
    )

    def record(self) -> dict[str, object]:
        """The options as the bank's ``generator`` block, enough to regenerate the bank exactly."""
        out: dict[str, object] = {"tool": "factquiz generate", "seed": self.seed}
        if self.types:
            out["types"] = list(self.types)
        if self.date:
            out["date"] = self.date
        if self.title:
            out["title"] = self.title
        if self.templates_dir:
            out["templates"] = str(self.templates_dir)
        return out


def check_date(date: str, where: str = "--date") -> str:
    """ "2022-01-15", "2022-01" or "2022"; raise UsageError otherwise."""
    import datetime as dt

    if not date:
        return ""
    if not _DATE.fullmatch(date):
        raise UsageError(
            f"{date!r} is not a date; write 2022-01-15, 2022-01 or 2022", Location(field=where)
        )
    parts = [int(p) for p in date.split("-")] + [1, 1]
    try:
        dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        raise UsageError(f"{date!r} is not a real date", Location(field=where)) from None
    return date


def check_types(types: Sequence[str]) -> tuple[str, ...]:
    bad = [t for t in types if t not in BANK_TYPES]
    if bad:
        raise UsageError(
            f"unknown question type {bad[0]!r}; use {','.join(BANK_TYPES)}",
            Location(field="--types"),
        )
    return tuple(t for t in BANK_TYPES if t in types)


def check_article(article: Article) -> None:
    """Refuse text that cannot hold Chinese news facts, with a message saying what was found."""
    where = Location(article.file or "<article>")
    text = article.text
    if not text.strip():
        raise InputError("the article is empty; nothing to make questions from", where)
    if len(text.encode("utf-8")) > MAX_INPUT_BYTES:
        raise InputError(
            f"the article is larger than {MAX_INPUT_BYTES // 1048576} MB; split it into smaller files",
            where,
        )
    # counted by what is left after removing the rest: no list of a match per character
    chinese = len(_NOT_CJK.sub("", text))
    visible = len("".join(text.split()))  # str.split() drops exactly what \s matches
    if chinese < 10 or chinese < 0.3 * visible:
        raise InputError(
            f"does not look like a Chinese article ({chinese} Chinese characters in {visible}); "
            "factquiz makes questions from Chinese news text",
            where,
        )


def read_article(path: str | Path) -> Article:
    """An article from a file, or from standard input when ``path`` is "-"."""
    if str(path) == "-":
        raw = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        where = Location("<stdin>")
        if len(raw) > MAX_INPUT_BYTES:
            raise InputError(
                f"standard input is larger than {MAX_INPUT_BYTES // 1048576} MB; split the text",
                where,
            )
        if b"\x00" in raw[:8192]:
            raise InputError("standard input looks binary, not UTF-8 text", where)
        try:
            return Article(raw.decode("utf-8-sig"), file="-")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"standard input is not valid UTF-8 (byte {exc.start})", where
            ) from None
    return Article(read_text(path, what="article"), file=str(path))


def find_articles(paths: Sequence[str | Path]) -> list[str | Path]:
    """Expand folders to the text files inside them (sorted); keep "-" and files as given."""
    out: list[str | Path] = []
    for raw in paths:
        p = Path(raw)
        if str(raw) == "-":
            out.append("-")
        elif p.is_dir():
            files = sorted(
                f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in ARTICLE_SUFFIXES
            )
            if not files:
                raise InputError(
                    f"no articles ({', '.join('*' + s for s in ARTICLE_SUFFIXES)}) in this folder",
                    Location(str(p)),
                )
            out.extend(files)
        elif p.exists():
            out.append(p)
        else:
            raise InputError("no such file or folder; check the path", Location(str(p)))
    return out


def generate_bank(
    articles: Sequence[Article],
    options: GenerateOptions = GenerateOptions(),
    progress: Callable[[int, int], None] | None = None,
    bank_path: str | Path | None = None,
    dropped: list | None = None,
) -> tuple[Bank, list[Problem]]:
    """A bank of questions about ``articles``, and warnings (skipped articles, unresolved dates).

    ``dropped``, when given, receives a ``gate.Dropped`` for every candidate question the quality
    gate left out, with its reasons (``factquiz generate --report``).

    ``progress(done, total)`` is called after each article. With ``bank_path``
    the sources record article files relative to the bank's folder, so the
    bank can be regenerated from anywhere.

    Raises InputError for an article that gives no questions, unless
    ``options.allow_empty`` (then it is skipped with a warning).
    """
    from factquiz.extract import extract_facts
    from factquiz.generate.planner import Planner
    from factquiz.generate.templates import load_templates

    check_date(options.date)
    types = check_types(options.types)
    planner = Planner(load_templates(options.templates_dir), options.seed, types)
    questions: list[Question] = []
    sources: list[Source] = []
    warnings: list[Problem] = []
    first_title = ""
    for index, article in enumerate(articles):
        where = Location(article.file or "<article>")
        date = options.date or check_date(article.date, "date")
        try:
            check_article(article)
            result = extract_facts(article.text, date=date or None, article=index)
            warnings += [_warning(w, where) for w in result.warnings]
            made = planner.questions(
                result.facts,
                reference=date,
                sentences=result.sentences,
                title=article.title or result.title,
                paper_title=options.title,
            )
            if not made:
                kinds = f"{'/'.join(types)} question" if types else "fair question"
                hint = (
                    "" if options.allow_empty else "; pass --allow-empty to write the bank anyway"
                )
                if planner.dropped:
                    raise InputError(
                        f"found nothing to ask about: the quality gate left out all "
                        f"{len(planner.dropped)} candidate questions (--report shows why){hint}",
                        where,
                    )
                raise InputError(
                    f"found nothing to ask about ({len(result.facts)} facts, none with a number, "
                    f"date or name that makes a {kinds}){hint}",
                    where,
                )
        except FactQuizError as exc:
            if not options.allow_empty or not isinstance(exc, InputError):
                raise
            warnings.append(Problem(f"skipped: {exc.message}", exc.location, "warning"))
            result, made = None, []
        title = (
            article.title
            or (result.title if result else "")
            or Path(article.file or "article").stem
        )
        first_title = first_title or title
        questions += made
        if dropped is not None:
            dropped += planner.dropped
        planner.dropped = []
        sources.append(Source(title=title, date=date, file=_recorded_path(article.file, bank_path)))
        if progress:
            progress(index + 1, len(articles))
    bank = Bank(
        title=options.title or first_title or "题库",
        questions=tuple(questions),
        sources=tuple(sources),
        generator=options.record(),
    )
    return bank, warnings


def _recorded_path(file: str, bank_path: str | Path | None) -> str:
    if file in ("", "-"):
        return ""
    if bank_path is None:
        return Path(file).as_posix()
    try:
        return Path(
            os.path.relpath(Path(file).resolve(), Path(bank_path).resolve().parent)
        ).as_posix()
    except ValueError:  # another drive on Windows
        return Path(file).as_posix()


def _warning(item: object, where: Location) -> Problem:
    if isinstance(item, Problem):
        return item if item.location.file else Problem(item.message, where, "warning", item.rule)
    return Problem(str(item), where, "warning")


def options_from_record(record: dict[str, object] | None) -> GenerateOptions:
    """The options a bank's ``generator`` block records (the inverse of ``GenerateOptions.record``)."""
    record = record or {}
    types = record.get("types") or ()
    return GenerateOptions(
        seed=int(record.get("seed", 0) or 0),  # type: ignore[call-overload]
        types=tuple(str(t) for t in types) if isinstance(types, (list, tuple)) else (),
        date=str(record.get("date") or ""),
        title=str(record.get("title") or ""),
        templates_dir=str(record["templates"]) if record.get("templates") else None,
    )


def regenerate_bank(path: str | Path) -> Bank:
    """Generate a bank again from the sources and options it records (to check or refresh a shipped bank)."""
    from factquiz.banks import read_bank

    old = read_bank(path)
    if old.generator is None:
        raise InputError(
            "this bank was not made by factquiz generate (no 'generator' block)",
            Location(str(path)),
        )
    folder = Path(path).parent
    articles = []
    for source in old.sources:
        if not source.file:
            raise InputError(
                "a source has no 'file'; cannot regenerate", Location(str(path), field="source")
            )
        articles.append(
            Article(
                read_text(folder / source.file, what="article"),
                date=source.date,
                file=str(folder / source.file),
            )
        )
    bank, _ = generate_bank(articles, options_from_record(old.generator), bank_path=path)
    return bank
