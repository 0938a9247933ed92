"""How Moodle itself reads what we export, written from Moodle's source, not from our reader.

- cloze: ``qtype_multianswer_extract_question`` in
  question/type/multianswer/questiontype.php (Moodle 4.x): a blank is
  ``{n:TYPE:alternatives}``; an alternative is ``=`` or ``%w%``, then the
  answer up to the first ``~ # }`` not preceded by ``\\``, ``&`` or ``&amp;``,
  then ``#feedback``. The answer is HTML-decoded (``html_entity_decode``), then
  only ``\\}`` → ``}`` and ``\\#`` → ``#``.
- short answers: ``qtype_shortanswer_question::compare_string_with_wildcard``:
  runs of unescaped ``*`` match anything, ``\\*`` is an asterisk, the rest is
  compared literally (case-insensitively when usecase is 0), after trimming.

PHP's PCRE allows the alternation of different lengths in the look-behind;
Python's ``re`` does not, so it is written as three look-behinds (same meaning).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_TYPES = (
    "NUMERICAL|NM|MULTICHOICE|MC|MULTICHOICE_V|MCV|MULTICHOICE_H|MCH|SHORTANSWER|SA|MW|"
    "SHORTANSWER_C|SAC|MWC|MULTICHOICE_S|MCS|MULTICHOICE_VS|MCVS|MULTICHOICE_HS|MCHS|"
    "MULTIRESPONSE|MR|MULTIRESPONSE_H|MRH|MULTIRESPONSE_S|MRS|MULTIRESPONSE_HS|MRHS"
)
_FRACTION = r"=|%(-?[0-9]+(?:[.,][0-9]*)?)%"
_ANSWER = r".+?(?<!\\)(?<!&)(?<!&amp;)(?=[~#}]|$)"
_FEEDBACK = r".*?(?<!\\)(?=[~}]|$)"
_ALTERNATIVE_BODY = f"({_FRACTION})?({_ANSWER})(#({_FEEDBACK}))?"
_ALTERNATIVE_NO_GROUPS = re.sub(r"\((?!\?)", "(?:", _ALTERNATIVE_BODY)
ANSWER_REGEX = re.compile(
    r"\{([0-9]*):("
    + _TYPES
    + r"):("
    + _ALTERNATIVE_NO_GROUPS
    + "(?:~"
    + _ALTERNATIVE_NO_GROUPS
    + r")*)\}",
    re.DOTALL,
)
ALTERNATIVE_REGEX = re.compile("~?" + _ALTERNATIVE_BODY, re.DOTALL)


@dataclass
class Subquestion:
    qtype: str
    answers: list[tuple[float, str]]  # (fraction 0..1, stored answer)


def extract_cloze(questiontext: str) -> tuple[str, list[Subquestion]]:
    """The question text with ``{#1}`` placeholders and the subquestions, as Moodle stores them."""
    subquestions = []
    position = 1
    while m := ANSWER_REGEX.search(questiontext):
        kind = m.group(2)
        qtype = (
            "numerical"
            if kind in ("NUMERICAL", "NM")
            else (
                "shortanswer"
                if kind in ("SHORTANSWER", "SA", "MW", "SHORTANSWER_C", "SAC", "MWC")
                else "multichoice"
            )
        )
        answers = []
        remaining = m.group(3)
        while alt := ALTERNATIVE_REGEX.search(remaining):
            if alt.group(1) == "=":
                fraction = 1.0
            elif alt.group(2):
                fraction = 0.01 * float(alt.group(2).replace(",", "."))
            else:
                fraction = 0.0
            answer = html.unescape(alt.group(3)).replace("\\}", "}").replace("\\#", "#")
            answers.append((fraction, answer))
            remaining = remaining.split(alt.group(0), 1)[1]
        subquestions.append(Subquestion(qtype, answers))
        questiontext = questiontext.replace(m.group(0), f"{{#{position}}}", 1)
        position += 1
    return questiontext, subquestions


def shortanswer_matches(response: str, pattern: str, ignorecase: bool = True) -> bool:
    """Whether Moodle's short-answer grading accepts ``response`` for the stored ``pattern``."""
    bits = re.split(r"(?<!\\)\*+", pattern.strip())
    regex = ".*".join(re.escape(bit.replace("\\*", "*")) for bit in bits)
    flags = re.IGNORECASE if ignorecase else 0
    return re.fullmatch(regex, response.strip(), flags | re.DOTALL) is not None


def cloze_grade(questiontext: str, responses: list[str]) -> list[float]:
    """The fraction Moodle gives each blank for the student's typed ``responses``."""
    _, subquestions = extract_cloze(questiontext)
    grades = []
    for sub, response in zip(subquestions, responses, strict=True):
        best = 0.0
        for fraction, answer in sub.answers:
            if shortanswer_matches(response, answer):
                best = max(best, fraction)
                break  # Moodle takes the first matching answer
        grades.append(best)
    return grades
