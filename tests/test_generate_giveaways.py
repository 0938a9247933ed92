"""Questions of one bank must not give each other away: on a printed paper a player reads every
stem, so no stem (or visible option) may show the value another question asks for.

The check here is written from the questions alone, not from the generator's own detector: each
question's answer as the player must give it, looked for in every other question's stem and
options. Short or common answers ("9个", "2021年") count only with the words next to them in the
question ("了9个党支", "2021年是中"), so a number that merely recurs is not a false alarm.
"""

import re
import unicodedata
from pathlib import Path

import pytest

from factquiz.generate import Article, GenerateOptions, generate_bank
from factquiz.model import Blank, Question

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted(
    p
    for p in (ROOT / "tests" / "articles").glob("*.txt")
    if p.stem not in ("english", "no_numbers")
)
SEED = ROOT / "question_banks" / "sources" / "pinghu-chengtou.txt"
BLANK = "（ ）"
_PUNCT = re.compile(r"[\s“”‘’\"'《》「」、，,。；;：:？?！!（）()—…·]")
_YEAR = re.compile(r"\d{4}年?")


def norm(text: str) -> str:
    return _PUNCT.sub("", unicodedata.normalize("NFKC", text))


def _edges(stem: str, index: int = 0, width: int = 2) -> tuple[str, str]:
    """The characters a stem shows just before and after its blank number ``index``."""
    parts = stem.split(BLANK)
    if len(parts) <= index + 1:
        return "", ""
    return norm(parts[index])[-width:], norm(parts[index + 1])[:width]


def answer_keys(q: Question) -> list[str]:
    """What would give ``q`` away if another question showed it (normalised)."""
    if q.type in ("single", "multiple"):
        answers = list(q.correct_options())
    elif q.type == "fill":
        answers = [b.canonical for b in q.blanks]
    elif q.type == "short":
        answers = [q.reference]
    else:  # a false judge names the true value in its explanation; a true one shows it in the stem
        m = re.search(r"应为“(.+?)”", q.explanation)
        answers = [m.group(1)] if m else []
    keys = []
    for index, answer in enumerate(answers):
        a = norm(answer)
        before, after = _edges(q.stem, index if q.type == "fill" else 0)
        if not a:
            continue
        if len(a) >= 4 and not _YEAR.fullmatch(a):
            keys.append(a)
        elif len(a) == 1:  # "两", "八": only with the words on both sides
            keys.append(before + a + after)
        elif before or after:  # too short to be telling alone: with its neighbours only
            keys += [k for k in (before + a, a + after) if len(k) > len(a)]
    return keys


def visible(q: Question) -> str:
    return norm(q.stem) + "|" + "|".join(norm(o) for o in q.options)


def shows(text: str, key: str) -> bool:
    for m in re.finditer(re.escape(key), text):
        s, e = m.span()
        if key[0].isdigit() and s > 0 and (text[s - 1].isdigit() or text[s - 1] == "."):
            continue
        if key[-1].isdigit() and e < len(text) and (text[e].isdigit() or text[e] == "."):
            continue
        return True
    return False


def giveaways(questions) -> list[tuple[str, str, str]]:
    """(question given away, the key shown, stem of the question showing it)."""
    out = []
    for q in questions:
        for key in answer_keys(q):
            for other in questions:
                if other is not q and shows(visible(other), key):
                    out.append((q.stem, key, other.stem))
    return out


def bank_for(path: Path, date: str = "2024-12-01"):
    bank, _ = generate_bank(
        [Article(path.read_text(encoding="utf-8"), file=str(path))],
        GenerateOptions(seed=1, date=date),
    )
    return bank


def test_no_question_of_the_seed_bank_gives_another_away():
    assert giveaways(bank_for(SEED, "2022").questions) == []


@pytest.mark.parametrize("path", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_no_question_of_an_article_bank_gives_another_away(path):
    assert giveaways(bank_for(path).questions) == []


def test_the_check_finds_a_stem_showing_another_questions_answer():
    fill = Question(
        id="a", type="fill", stem="我市首条城市隧道是（ ）。", blanks=(Blank(("建国路隧道",)),)
    )
    single = Question(
        id="b",
        type="single",
        stem="我市首条城市隧道——建国路隧道历经（ ）的艰苦施工后建成通车。",
        options=("519个昼夜", "591个昼夜", "601个昼夜", "611个昼夜"),
        correct=(1,),
    )
    assert [g[1] for g in giveaways([fill, single])] == ["建国路隧道"]


def test_a_recurring_short_number_is_not_a_giveaway_without_its_neighbours():
    a = Question(
        id="a",
        type="single",
        stem="共成立了（ ）党支部。",
        options=("9个", "10个", "11个", "12个"),
        correct=(0,),
    )
    b = Question(id="b", type="fill", stem="新建9个驿站，服务（ ）人次。", blanks=())
    assert giveaways([a, b]) == []


def test_values_of_a_sentence_that_show_each_other_are_asked_together_not_dropped():
    stems = [q.stem for q in bank_for(SEED, "2022").questions]
    merged = [s for s in stems if "第（ ）期“匠人学堂”" in s]
    assert merged and "2021年（ ）下午" in merged[0], stems
    assert any("于2021年（ ）正式运营" in s for s in stems), stems


def test_a_list_item_another_stem_shows_stays_in_the_list_stem_and_is_not_an_option():
    text = SEED.read_text(encoding="utf-8").replace(
        "依托“匠人学堂”", "城投集团依托“匠人学堂”"
    )  # the seed's clause has no subject of its own, and the gate leaves it out
    bank, _ = generate_bank([Article(text, file="seed.txt")], GenerateOptions(seed=1, date="2022"))
    questions = bank.questions
    listed = [q for q in questions if q.type == "multiple" and "匠人学堂" in q.stem]
    assert listed, [q.stem for q in questions]
    assert "“匠人学堂”" not in listed[0].options
    assert giveaways(questions) == []


def test_merged_fill_keeps_the_opening_year_of_its_stem():
    text = (
        "2023年，全县实现地区生产总值856.3亿元，按可比价格计算，比上年增长6.8%。"
        "其中，第一产业增加值21.4亿元，增长3.1%。"
    )
    bank, _ = generate_bank(
        [Article(text, file="a.txt")], GenerateOptions(seed=1, date="2024-12-01")
    )
    fills = [q for q in bank.questions if q.type == "fill"]
    assert not [q.stem for q in bank.questions if q.stem.startswith("（ ）年")]
    assert all(len(q.blanks) <= 3 for q in fills)


@pytest.mark.parametrize("path", [SEED, *ARTICLES], ids=["seed", *(p.stem for p in ARTICLES)])
def test_no_fill_blank_is_answered_elsewhere_in_its_own_stem(path):
    # "2021年（ ）下午，…竞赛暨（ ）第（ ）期": the second blank (2021年) stood in the stem itself
    bank = bank_for(path, "2022" if path == SEED else "2024-12-01")
    for q in bank.questions:
        if q.type != "fill" or len(q.blanks) < 2:
            continue
        visible = norm(q.stem.replace(BLANK, "|"))
        for blank in q.blanks:
            answer = norm(blank.canonical)
            # a number counts only as a whole number: the 20 of "20时" is not inside "2024年"
            shown = re.search(rf"(?<!\d){re.escape(answer)}(?!\d)", visible)
            assert len(answer) < 2 or not shown, (q.stem, blank.canonical)
