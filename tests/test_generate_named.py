"""Named answers on 党史 text written for these tests: which event, who held the post, which
came first (排序题), who goes with which post (连线题), with distractors that are certainly wrong."""

from pathlib import Path

from factquiz.generate import Article, GenerateOptions, generate_bank
from factquiz.generate.named import load_gazetteer

ARTICLE = Path(__file__).parent / "articles" / "dangshi_history.txt"


def bank(**options):
    made, _ = generate_bank(
        [Article(ARTICLE.read_text(encoding="utf-8"), file=ARTICLE.name)],
        GenerateOptions(seed=1, **options),
    )
    return made


def test_an_event_is_asked_by_its_date_among_events_of_its_kind_with_other_dates():
    (q,) = [q for q in bank().questions if q.stem.startswith("1941年1月，国民党顽固派制造")]
    assert q.correct_options() == ("皖南事变",)
    events = {e.name: e for e in load_gazetteer().events}
    for option in q.options:
        assert events[option].kind == "事变"
        if option != "皖南事变":
            assert not events[option].date.startswith("1941")


def test_an_ordering_question_puts_the_articles_events_in_time_order_with_their_dates():
    (q,) = [q for q in bank().questions if q.type == "order"]
    assert 3 <= len(q.options) <= 5
    in_order = [q.options[i] for i in q.sequence]
    assert (
        in_order == ["遵义会议", "洛川会议", "平型关大捷", "百团大战", "皖南事变"][: len(in_order)]
    )
    assert q.keys[q.options.index("遵义会议")] == "1935年1月15日"
    assert "遵义会议（1935年1月15日）" in q.explanation
    assert q.sequence != tuple(range(len(q.options)))  # not already in order


def test_people_and_posts_become_a_matching_question():
    questions = bank().questions
    (q,) = [q for q in questions if q.type == "match"]
    pairs = dict(q.pairs)
    assert pairs["叶剑英"] == "八路军参谋长"
    assert pairs["左权"] == "八路军副参谋长"
    assert pairs["任弼时"] == "八路军政治部主任"
    assert 3 <= len(q.pairs) <= 6
    assert len(set(pairs.values())) == len(pairs)
    # 朱德 and 彭德怀 are left out: another stem says "朱德、彭德怀任正、副总指挥"
    assert any("朱德、彭德怀任正、副总指挥" in other.stem for other in questions)
    assert "朱德" not in pairs


def test_who_held_a_post_is_asked_without_a_distractor_who_also_held_it():
    # without a matching question (which would name them all) each post is asked on its own
    questions = bank(types=("single",)).questions
    (q,) = [q for q in questions if q.stem.startswith("担任八路军参谋长的是")]
    assert q.correct_options() == ("叶剑英",)
    (deputy,) = [q for q in questions if q.stem.startswith("担任八路军副参谋长的是")]
    assert deputy.correct_options() == ("左权",)
    people = {p.name: p.posts for p in load_gazetteer().people}
    for option in q.options:
        if option != "叶剑英":
            assert "八路军参谋长" not in people.get(option, ())


def test_order_and_match_can_be_left_out_or_asked_alone():
    types = {q.type for q in bank(types=("single", "judge")).questions}
    assert "order" not in types and "match" not in types
    alone = bank(types=("order",)).questions
    assert [q.type for q in alone] == ["order"]


def test_named_questions_are_deterministic():
    from factquiz.banks import dump_bank

    assert dump_bank(bank()) == dump_bank(bank())
