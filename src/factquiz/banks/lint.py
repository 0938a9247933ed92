"""Quality rules beyond the format: the mistakes that spoil a quiz on the day.

``validate`` says whether a bank can be read; ``lint`` says whether its
questions are good: one right answer, no giveaway, no repeats, answers that
the source sentence supports. Each rule has an id (FQ1xx), a severity and a
one-line reason. Findings are ``Problem``s whose ``location.field`` names the
question (``bank/id``); errors should be fixed before the event, warnings
are worth a look.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from factquiz.banks.lint_order_match import RULE_REASONS as ORDER_MATCH_RULES
from factquiz.banks.lint_order_match import order_match_findings
from factquiz.banks.lint_stems import RULE_REASONS as STEM_RULES
from factquiz.banks.lint_stems import stem_findings
from factquiz.banks.similar import CROWD_WINDOW, search_similar
from factquiz.banks.textnorm import appears_in, count_blanks, normalise
from factquiz.errors import Location, Problem
from factquiz.model import Bank, Question, letter


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str  # "error" | "warning"
    reason: str  # one line: why the rule exists


RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule(
            "FQ100",
            "error",
            "the bank does not pass `factquiz validate`, so it cannot be used at all",
        ),
        Rule("FQ101", "error", "a single-choice question must have exactly one correct option"),
        Rule(
            "FQ102",
            "error",
            "a multiple-choice question with fewer than two correct options is a single-choice question in disguise",
        ),
        Rule("FQ103", "error", "two options that read the same make the question ambiguous"),
        Rule(
            "FQ104",
            "warning",
            "the same question twice (in one bank or across banks) gets asked twice",
        ),
        Rule(
            "FQ105",
            "warning",
            "nearly the same question twice gives the answer away the second time",
        ),
        Rule(
            "FQ106", "warning", "a correct option much longer than the others gives the answer away"
        ),
        Rule("FQ107", "warning", "correct answers piled on one letter let players guess"),
        Rule("FQ108", "error", "a fill question needs one answer per blank, or grading goes wrong"),
        Rule(
            "FQ109",
            "warning",
            "a fill stem without （ ） or ____ does not show where the answer goes",
        ),
        Rule(
            "FQ110",
            "error",
            "a generated question whose answer is not in its source sentence is probably wrong",
        ),
        Rule(
            "FQ111",
            "error",
            "a generated question must keep the sentence it was made from, so it can be checked",
        ),
        Rule(
            "FQ112",
            "warning",
            "an explanation (解析) tells players why; the answer key and host show it",
        ),
        Rule(
            "FQ113",
            "warning",
            "an option like 以上都对 only makes sense in its place; shuffling moves it",
        ),
        Rule(
            "FQ114",
            "warning",
            "options are lettered when shown; a letter typed into the text shows twice",
        ),
    )
}
RULES.update(
    {
        rule: Rule(rule, severity, reason)
        for rule, (severity, reason) in (STEM_RULES | ORDER_MATCH_RULES).items()
    }
)

# Enough single-choice questions for a balance test to mean something (≥ 5 expected per letter).
MIN_BALANCE_QUESTIONS = 20
# Chi-square critical values at p = 0.01 by degrees of freedom: a fair bank is flagged 1 time in 100.
_CHI2_CRITICAL = {1: 6.635, 2: 9.210, 3: 11.345, 4: 13.277, 5: 15.086, 6: 16.812, 7: 18.475}
LENGTH_TELL_RATIO = 1.5
LENGTH_TELL_MIN_EXTRA = 4  # characters; "12" vs "9" is not a tell

_ORDER_DEPENDENT = re.compile(
    r"^(以上|上述|前面|前述)(各项|选项|答案|说法)?(都|均|全|全部|皆)"
    r"|^(都|均)(对|正确|不对|不正确|错误)$"
    r"|^[A-H][和与及、,，]+[A-H]"
    r"|^(all|none|both|neither) of (the )?(above|these)",
    re.IGNORECASE,
)
_LETTER_PREFIX = re.compile(r"^\s*([A-Ha-h])\s*[.．、:：)）]")


def _finding(rule: str, q: Question | None, message: str, file: str = "") -> Problem:
    r = RULES[rule]
    if q is None:
        return Problem(message, Location(file), r.severity, rule)
    return Problem(message, Location(file, q.line, q.ref), r.severity, rule)


def _quote(text: str, limit: int = 20) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


def _check_choice(q: Question, file: str) -> Iterable[Problem]:
    if q.type == "single" and len(q.correct) != 1:
        yield _finding(
            "FQ101",
            q,
            f"single-choice question has {len(q.correct)} correct options; mark exactly one, or make it multiple",
            file,
        )
    if q.type == "multiple" and len(q.correct) < 2:
        yield _finding(
            "FQ102",
            q,
            f"multiple-choice question has {len(q.correct)} correct option; mark at least two, or make it single",
            file,
        )
    seen: dict[str, int] = {}
    for i, option in enumerate(q.options):
        key = normalise(option)
        if key in seen:
            j = seen[key]
            yield _finding(
                "FQ103",
                q,
                f"options {letter(j)} {_quote(q.options[j])} and {letter(i)} {_quote(option)} are the same after ignoring width, spaces and punctuation; make them different",
                file,
            )
        else:
            seen[key] = i
    yield from _length_tell(q, file)
    for i, option in enumerate(q.options):
        if q.shuffle and _ORDER_DEPENDENT.search(normalise_spaces(option)):
            yield _finding(
                "FQ113",
                q,
                f"option {letter(i)} {_quote(option)} depends on the order of the options, which are shuffled; add 'shuffle: false'",
                file,
            )
        prefix = _LETTER_PREFIX.match(option)
        if prefix and prefix.group(1).upper() == letter(i):
            yield _finding(
                "FQ114",
                q,
                f"option {letter(i)} starts with its own letter ({_quote(option)}); remove '{prefix.group(0).strip()}', letters are added when shown",
                file,
            )


def normalise_spaces(text: str) -> str:
    return "".join(text.split())


def _length_tell(q: Question, file: str) -> Iterable[Problem]:
    if len(q.options) < 3 or not q.correct or len(q.correct) == len(q.options):
        return
    lengths = [len(normalise_spaces(o)) for o in q.options]
    shortest_correct = min(lengths[i] for i in q.correct)
    longest_wrong = max(lengths[i] for i in range(len(q.options)) if i not in q.correct)
    if (
        shortest_correct >= LENGTH_TELL_RATIO * longest_wrong
        and shortest_correct - longest_wrong >= LENGTH_TELL_MIN_EXTRA
    ):
        which = (
            "correct option " + q.answer_letters if len(q.correct) == 1 else "every correct option"
        )
        yield _finding(
            "FQ106",
            q,
            f"{which} has {shortest_correct}+ characters, the wrong ones at most {longest_wrong}: the length gives the answer away; make the options similar in length",
            file,
        )


def _check_fill(q: Question, file: str) -> Iterable[Problem]:
    blanks = count_blanks(q.stem)
    if blanks == 0:
        yield _finding(
            "FQ109", q, "fill stem has no blank （ ） or ____; mark where the answer goes", file
        )
    elif blanks != len(q.blanks):
        yield _finding(
            "FQ108",
            q,
            f"stem has {blanks} blank{'s' if blanks > 1 else ''} but {len(q.blanks)} answer{'s' if len(q.blanks) != 1 else ''}; give one answer per （ ）",
            file,
        )


def _answers_to_find(q: Question) -> list[tuple[str, list[str]]]:
    """(what, accepted texts) for each part of the answer a generated question's source must contain."""
    if q.type in ("single", "multiple"):
        return [(f"option {letter(i)}", [q.options[i]]) for i in q.correct if i < len(q.options)]
    if q.type == "fill":
        return [
            (f"blank {n + 1}" if len(q.blanks) > 1 else "answer", list(b.answers))
            for n, b in enumerate(q.blanks)
        ]
    return []  # judge: a false statement is not in the source; short: a reference is free text


def _check_generated(q: Question, file: str) -> Iterable[Problem]:
    if not q.source.strip():
        yield _finding(
            "FQ111",
            q,
            "generated question has no source sentence; keep the sentence it was made from in 'source'",
            file,
        )
        return
    for what, accepted in _answers_to_find(q):
        if not any(appears_in(text, q.source) for text in accepted):
            yield _finding(
                "FQ110",
                q,
                f"{what} {_quote(accepted[0])} is not in the source sentence {_quote(q.source, 30)}; check the answer against the article",
                file,
            )


def _check_question(q: Question, file: str) -> Iterable[Problem]:
    if q.type in ("single", "multiple"):
        yield from _check_choice(q, file)
    elif q.type == "fill":
        yield from _check_fill(q, file)
    for rule, message in order_match_findings(q):
        yield _finding(rule, q, message, file)
    if q.generated:
        yield from _check_generated(q, file)
    if not q.explanation.strip():
        yield _finding("FQ112", q, "no explanation (解析); add one so players learn why", file)


def _letter_balance(bank: Bank) -> Iterable[Problem]:
    singles = [
        q
        for q in bank.questions
        if q.type == "single" and len(q.correct) == 1 and len(q.options) >= 2
    ]
    if len(singles) < MIN_BALANCE_QUESTIONS:
        return
    positions = max(len(q.options) for q in singles)
    observed = [0] * positions
    expected = [0.0] * positions
    for q in singles:
        observed[q.correct[0]] += 1
        for k in range(len(q.options)):
            expected[k] += 1 / len(q.options)
    used = [k for k in range(positions) if expected[k] > 0]
    chi2 = sum((observed[k] - expected[k]) ** 2 / expected[k] for k in used)
    critical = _CHI2_CRITICAL.get(len(used) - 1)
    if critical is not None and chi2 > critical:
        counts = "，".join(f"{letter(k)} {observed[k]}" for k in used)
        fair = "，".join(f"{letter(k)} {expected[k]:.0f}" for k in used)
        yield _finding(
            "FQ107", None,
            f"correct answers of {len(singles)} single-choice questions are unbalanced: {counts} (about {fair} expected); move some answers to other letters",
            bank.path,
        )  # fmt: skip


def _repeats(banks: Sequence[Bank]) -> Iterable[Problem]:
    questions = [(bank, q) for bank in banks for q in bank.questions]
    found = search_similar([q for _, q in questions])
    for match in found.matches:
        first_bank, first = questions[match.earlier]
        bank, q = questions[match.later]
        where = f"{first.ref} ({first_bank.path}:{first.line})" if first.line else first.ref
        if match.exact:
            yield _finding("FQ104", q, f"same question as {where}; remove one", bank.path)
        else:
            # Rounded down, so a near duplicate never reads "100% like".
            percent = math.floor(match.similarity * 100)
            yield _finding(
                "FQ105",
                q,
                f"{percent}% like {where}; remove one or make them ask different things",
                bank.path,
            )
    if found.crowded:
        # Hundreds of questions alike enough to share a hash bucket: comparing
        # them all would be quadratic, so some near duplicates may be unreported.
        bank, q = questions[found.crowded[0]]
        yield _finding(
            "FQ105",
            None,
            f"{len(found.crowded)} questions are so alike (up to {found.largest_crowd} in one group, "
            f"first {q.ref}) that each was compared only with its {CROWD_WINDOW} closest; "
            "near duplicates among them may be missing; vary their wording",
            bank.path,
        )


def lint_banks(banks: Sequence[Bank], ignore: Iterable[str] = ()) -> list[Problem]:
    """Every finding of every rule on these banks (duplicates are looked for across all of them).

    Sorted by file, line and rule. ``ignore`` drops rules by id ("FQ112").
    """
    skip = set(ignore)
    findings: list[Problem] = []
    for bank in banks:
        for q in bank.questions:
            findings.extend(_check_question(q, bank.path))
        findings.extend(_letter_balance(bank))
        findings.extend(
            _finding(rule, q, message, bank.path) for rule, q, message in stem_findings(bank)
        )
    findings.extend(_repeats(banks))
    kept = [f for f in findings if f.rule not in skip]
    return sorted(kept, key=lambda p: (p.location.file, p.location.line or 0, p.rule, p.message))


def format_finding(problem: Problem) -> str:
    """``file:line: [FQ101] message`` (``file: [FQ107] message`` for a whole bank)."""
    place = problem.location.file
    if problem.location.line is not None:
        place = f"{place}:{problem.location.line}"
    return f"{place}: [{problem.rule}] {problem.message}"


def validation_findings(problems: Iterable[Problem]) -> list[Problem]:
    """Loader problems as FQ100 findings, so lint reports a bank that does not load."""
    rule = RULES["FQ100"]
    out = []
    for p in problems:
        message = f"{p.location.field}: {p.message}" if p.location.field else p.message
        out.append(
            Problem(
                message,
                Location(p.location.file, p.location.line, "", p.location.sheet),
                rule.severity,
                rule.id,
            )
        )
    return out


@dataclass(frozen=True)
class LintReport:
    """What ``factquiz lint`` found: the banks that loaded and every finding (load errors as FQ100)."""

    banks: tuple[Bank, ...]
    findings: tuple[Problem, ...]

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity != "error")

    def to_json(self) -> dict:
        return {
            "banks": len(self.banks),
            "questions": sum(len(b) for b in self.banks),
            "errors": self.errors,
            "warnings": self.warnings,
            "findings": [
                {
                    "rule": f.rule,
                    "severity": f.severity,
                    "file": f.location.file,
                    "line": f.location.line,
                    "question": f.location.field or None,
                    "message": f.message,
                }
                for f in self.findings
            ],
        }


def check_ignore(ignore: Iterable[str]) -> tuple[str, ...]:
    """Rule ids to skip, upper-cased; raises UsageError naming an unknown id."""
    from factquiz.errors import UsageError

    ids = tuple(i.strip().upper() for i in ignore if i.strip())
    for rule in ids:
        if rule not in RULES:
            raise UsageError(f"unknown lint rule {rule!r}; rules are {RULES_RANGE}")
    return ids


RULES_RANGE = f"{min(RULES)}–{max(RULES)} (factquiz lint --rules lists them)"


def lint_paths(paths: Iterable[str | Path], ignore: Iterable[str] = ()) -> LintReport:
    """Load the banks under ``paths`` (files or folders) and lint them together.

    A bank that does not load is reported as FQ100 findings (its loader
    problems) and the others are still linted.
    """
    from factquiz.banks.loader import check_banks

    skip = check_ignore(ignore)
    banks, problems = check_banks(paths)
    findings = [] if "FQ100" in skip else validation_findings(problems)
    findings += lint_banks(banks, skip)
    return LintReport(tuple(banks), tuple(findings))
