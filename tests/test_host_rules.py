"""The competition rules as a state machine: unit tests and property tests."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_host_support import CONFIG, make_game

from factquiz.host.events import (
    Adjust,
    Buzz,
    ChooseTier,
    Decline,
    Judge,
    Next,
    Open,
    Pass,
    Redo,
    StartTiebreak,
    Undo,
)
from factquiz.host.rules import (
    ANSWERING,
    DONE,
    FINISHED,
    INTRO,
    OPEN,
    SHOWN,
    TIER,
    RuleError,
    apply,
    replay,
    start,
)
from factquiz.host.standings import PENDING, standings

GAME = make_game()


def run(*events, game=GAME):
    state = start(game)
    for event in events:
        state = apply(state, event)
    return state


REQUIRED_DONE = (Next(), Judge(True), Next(), Judge(False), Next(), Judge(True), Next())
SHARED_DONE = (Next(), Judge(True), Judge(True), Judge(True), Next())


def test_required_round_gives_each_team_its_question_in_turn():
    state = run(Next())
    assert state.phase == ANSWERING and state.core.team == 0
    state = apply(apply(state, Judge(True)), Next())
    assert state.core.team == 1
    assert state.core.question != run(Next()).core.question


def test_right_adds_round_points_and_wrong_takes_the_penalty():
    state = run(*REQUIRED_DONE, *SHARED_DONE, Next(), Open(), Buzz(1), Judge(False))
    assert state.scores == (
        120,
        100,
        120,
    )  # 二队: wrong in required (0), +10 shared, −10 buzz penalty
    assert state.phase == OPEN  # the others may buzz again


def test_buzz_before_open_costs_the_early_penalty_and_the_question():
    state = run(*REQUIRED_DONE, *SHARED_DONE, Next())
    assert state.phase == SHOWN
    state = apply(state, Buzz(2))
    assert state.scores[2] == 120 - 5
    assert state.core.outcomes[-1].result == "early"
    state = apply(state, Open())
    with pytest.raises(RuleError, match="已经答过"):
        apply(state, Buzz(2))


def test_buzz_round_closes_when_every_team_has_answered_wrong():
    state = run(*REQUIRED_DONE, *SHARED_DONE, Next(), Open())
    for team in range(3):
        state = apply(apply(state, Buzz(team)), Judge(False))
    assert state.phase == DONE


def test_shared_round_judges_every_team_and_buzz_picks_the_team():
    state = run(*REQUIRED_DONE, Next(), Buzz(2), Judge(True, "b"))
    assert state.core.outcomes[-1].team == 2 and state.core.outcomes[-1].option == "B"
    assert state.core.team == 0  # the next team not yet judged
    state = apply(apply(state, Judge(False)), Judge(True))
    assert state.phase == DONE


def test_risk_round_orders_teams_by_score_and_scores_the_tier():
    state = run(
        *REQUIRED_DONE,
        *SHARED_DONE,
        Next(),
        Open(),
        Buzz(2),
        Judge(True),
        Next(),
        Open(),
        Pass(),
        Next(),
        Next(),
    )
    assert state.phase == TIER
    assert state.scores == (120, 110, 130)
    assert state.core.order == (2, 0, 1)  # high_first; ties keep the listed order
    state = apply(state, ChooseTier(30))
    assert state.question.difficulty == 3
    assert apply(state, Judge(False)).scores[2] == 130 - 30


def test_unknown_tier_is_refused_with_the_choices():
    state = run(
        *REQUIRED_DONE, *SHARED_DONE, Next(), Open(), Pass(), Next(), Open(), Pass(), Next(), Next()
    )
    with pytest.raises(RuleError, match="10 / 20 / 30"):
        apply(state, ChooseTier(25))


def test_next_is_refused_while_a_question_is_unanswered():
    with pytest.raises(RuleError, match="right / wrong"):
        run(Next(), Next())


def test_undo_takes_back_a_judgement_and_redo_puts_it_back():
    judged = run(Next(), Judge(True))
    undone = apply(judged, Undo())
    assert undone.core == run(Next()).core
    assert apply(undone, Redo()).core == judged.core


def test_a_new_event_after_undo_clears_redo():
    state = run(Next(), Judge(True), Undo(), Judge(False))
    with pytest.raises(RuleError):
        apply(state, Redo())


def test_adjust_needs_a_reason_and_records_it():
    with pytest.raises(RuleError, match="原因"):
        run(Adjust(0, 5, " "))
    state = run(Adjust(1, -5, "违规提示", "裁判长"))
    assert state.scores[1] == 95
    assert (
        state.core.adjustments[-1].reason == "违规提示"
        and state.core.adjustments[-1].by == "裁判长"
    )


def _play_to_end(*risk_right):
    state = run(
        *REQUIRED_DONE, *SHARED_DONE, Next(), Open(), Pass(), Next(), Open(), Pass(), Next(), Next()
    )
    for right in risk_right:
        state = apply(apply(apply(state, ChooseTier(10)), Judge(right)), Next())
    return state


def test_tie_at_a_prize_boundary_proposes_a_sudden_death():
    state = _play_to_end(True, True, True)
    assert state.phase == FINISHED
    assert state.scores == (130, 120, 130)  # 一队 and 三队 tie for the one 一等奖
    assert set(state.proposed_tiebreak()) == {0, 2}
    awards = {
        s.team: s.award for s in standings(state.scores, state.core.subranks, GAME.config.awards)
    }
    assert awards[0] == awards[2] == PENDING


def test_sudden_death_first_wrong_answer_is_out():
    state = _play_to_end(True, True, True)
    state = apply(
        apply(apply(apply(apply(state, StartTiebreak()), Next()), Open()), Buzz(2)), Judge(False)
    )
    assert state.phase == DONE
    state = apply(state, Next())
    assert state.phase == FINISHED and state.proposed_tiebreak() == ()
    ranking = standings(state.scores, state.core.subranks, GAME.config.awards)
    assert [(s.team, s.award) for s in ranking][:2] == [(0, "一等奖"), (2, "二等奖")]


def test_sudden_death_first_right_answer_wins_and_scores_nothing():
    state = _play_to_end(True, True, True)
    state = apply(apply(apply(apply(state, StartTiebreak()), Next()), Open()), Buzz(2))
    scores = state.scores
    state = apply(apply(state, Judge(True)), Next())
    assert state.scores == scores
    assert standings(state.scores, state.core.subranks, GAME.config.awards)[0].team == 2


def test_only_teams_in_the_sudden_death_may_buzz():
    state = _play_to_end(True, True, True)
    state = apply(apply(apply(state, StartTiebreak()), Next()), Open())
    with pytest.raises(RuleError, match="不在本次加时赛"):
        apply(state, Buzz(1))


def test_no_tiebreak_without_a_tie():
    with pytest.raises(RuleError, match="不需要加时赛"):
        apply(_play_to_end(True, False, True), StartTiebreak())


def test_round_intro_comes_first():
    assert start(GAME).phase == INTRO


# --- properties -------------------------------------------------------------

EVENTS = st.one_of(
    st.just(Next()),
    st.just(Next()),
    st.just(Open()),
    st.builds(Buzz, st.integers(0, 3)),
    st.builds(Judge, st.booleans(), st.sampled_from(["", "A", "B", "对"])),
    st.builds(ChooseTier, st.sampled_from([10, 20, 30, 5])),
    st.just(Pass()),
    st.builds(Adjust, st.integers(0, 2), st.integers(-20, 20), st.sampled_from(["仲裁", ""])),
    st.just(Undo()),
    st.just(Redo()),
    st.just(StartTiebreak()),
)


def _accepted(events):
    """Apply events, skipping those the rules refuse; return the states and the accepted events."""
    state = start(GAME)
    states, accepted = [state], []
    for event in events:
        try:
            state = apply(state, event)
        except RuleError:
            continue
        states.append(state)
        accepted.append(event)
    return states, accepted


CANDIDATES = [
    Next(), Open(), Pass(), Undo(), Redo(), StartTiebreak(), *(Buzz(t) for t in range(3)),
    Judge(True), Judge(True, "B"), Judge(False), Judge(False, "C"), *(ChooseTier(p) for p in (10, 20, 30)),
    Adjust(0, 10, "仲裁"), Adjust(1, -5, "犯规"),
]  # fmt: skip


@st.composite
def competitions(draw, max_size=150):
    """Event lists that mostly follow the rules (so they reach late rounds), with some refused ones mixed in."""
    state = start(GAME)
    events = []
    for _ in range(draw(st.integers(0, max_size))):
        allowed = []
        for event in CANDIDATES:
            try:
                apply(state, event)
            except RuleError:
                continue
            allowed.append(event)
        refused = draw(st.integers(0, 9)) == 0
        event = draw(st.sampled_from(CANDIDATES if refused or not allowed else allowed))
        events.append(event)
        try:
            state = apply(state, event)
        except RuleError:
            pass
    return events


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(competitions(), st.lists(EVENTS, max_size=40)))
def test_replaying_accepted_events_gives_the_same_state(events):
    states, accepted = _accepted(events)
    again = replay(GAME, accepted)
    assert again == states[-1]
    assert again.events == len(accepted)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(competitions(), st.lists(EVENTS, max_size=40)))
def test_undo_then_redo_is_the_identity(events):
    states, _ = _accepted(events)
    for state in states:
        if state.can_undo():
            back = apply(apply(state, Undo()), Redo())
            assert (back.core, back.past, back.future) == (state.core, state.past, state.future)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(competitions(), st.lists(EVENTS, max_size=40)))
def test_scores_are_start_plus_recorded_outcomes_and_adjustments(events):
    states, _ = _accepted(events)
    for state in states:
        core = state.core
        for team, score in enumerate(core.scores):
            expected = GAME.config.start_score
            expected += sum(o.delta for o in core.outcomes if o.team == team)
            expected += sum(a.delta for a in core.adjustments if a.team == team)
            assert score == expected


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_a_guided_random_competition_always_reaches_the_end(data):
    """Drawing only events the rules accept, every competition can be played to the end."""
    state = start(GAME)
    for _ in range(400):
        if state.phase == FINISHED:
            break
        candidates = [Next(), Open(), Pass(), *(Buzz(t) for t in range(3)), Judge(True), Judge(False, "C"),
                      *(ChooseTier(p) for p in (10, 20, 30))]  # fmt: skip
        event = data.draw(st.sampled_from(candidates))
        try:
            state = apply(state, event)
        except RuleError:
            try:
                state = apply(state, Next())
            except RuleError:
                state = apply(state, Pass()) if state.phase in (SHOWN, OPEN, ANSWERING) else state
                if state.phase == TIER:
                    state = apply(state, ChooseTier(10))
    assert state.phase == FINISHED


CONFIG_ONE_PRIZE = CONFIG.replace("awards: {一等奖: 1, 二等奖: 1}", "awards: {一等奖: 1}")


def test_a_tiebreak_ends_once_the_prize_line_is_settled():
    """Three teams tied for the one prize: the first right answer takes it; the other two need not play on."""
    game = make_game(CONFIG_ONE_PRIZE)
    all_wrong = (Next(), Judge(False), Next(), Judge(False), Next(), Judge(False), Next())
    shared = (Next(), Judge(False), Judge(False), Judge(False), Next())
    buzz = (Next(), Open(), Pass(), Next(), Open(), Pass(), Next(), Next())
    risk = tuple(e for _ in range(3) for e in (ChooseTier(10), Judge(False), Next()))
    state = run(*all_wrong, *shared, *buzz, *risk, game=game)
    assert state.phase == FINISHED and state.scores == (90, 90, 90)
    state = run(*all_wrong, *shared, *buzz, *risk, StartTiebreak(), Next(), Open(), Buzz(1), Judge(True), Next(),
                game=game)  # fmt: skip
    assert state.phase == FINISHED and state.proposed_tiebreak() == ()
    ranking = standings(state.scores, state.core.subranks, game.config.awards)
    assert [(s.team, s.award) for s in ranking] == [(1, "一等奖"), (0, ""), (2, "")]
    assert ranking[1].rank == ranking[2].rank == 2  # still tied, for no prize


def _variant(old: str, new: str):
    assert old in CONFIG
    return make_game(CONFIG.replace(old, new))


BUZZ_ROUND = "    penalty: 10\n    early_penalty: 5\n"


def test_an_early_buzz_can_void_the_question_for_everyone():
    game = _variant(BUZZ_ROUND, BUZZ_ROUND + "    void_on_early: true\n")
    state = run(*REQUIRED_DONE, *SHARED_DONE, Next(), Buzz(0), game=game)
    assert state.phase == DONE and state.core.outcomes[-1].result == "early"
    with pytest.raises(RuleError):
        apply(state, Buzz(1))  # nobody else may answer it


def test_without_rebuzz_a_wrong_answer_closes_the_question():
    game = _variant(BUZZ_ROUND, BUZZ_ROUND + "    rebuzz: false\n")
    state = run(*REQUIRED_DONE, *SHARED_DONE, Next(), Open(), Buzz(1), Judge(False), game=game)
    assert state.phase == DONE
    assert run(*REQUIRED_DONE, *SHARED_DONE, Next(), Open(), Buzz(1), Judge(False)).phase == OPEN


def test_a_risk_tier_can_take_off_less_than_it_gives():
    game = _variant("tiers: [10, 20, 30]", "tiers: [10, {points: 20, penalty: 5}, 30]")
    buzz = (Next(), Open(), Pass(), Next(), Open(), Pass(), Next(), Next())
    state = run(*REQUIRED_DONE, *SHARED_DONE, *buzz, ChooseTier(20), game=game)
    team = state.core.team
    before = state.scores[team]
    assert apply(state, Judge(False)).scores[team] == before - 5
    assert apply(state, Judge(True)).scores[team] == before + 20


def test_a_team_may_decline_its_risk_question():
    buzz = (Next(), Open(), Pass(), Next(), Open(), Pass(), Next(), Next())
    state = run(*REQUIRED_DONE, *SHARED_DONE, *buzz)
    assert state.phase == TIER
    declined = apply(state, Decline())
    assert declined.phase == DONE and declined.scores == state.scores
    assert apply(declined, Next()).phase == TIER  # the next team's turn
    with pytest.raises(RuleError, match="只有风险题选分值时可以放弃"):
        apply(apply(state, ChooseTier(10)), Decline())


def test_rule_variants_are_only_for_buzz_rounds():
    from factquiz.host.config import ConfigError, parse_config

    with pytest.raises(ConfigError, match="only buzz rounds"):
        parse_config(
            CONFIG.replace(
                "    count: 1\n    points: 10\n",
                "    count: 1\n    points: 10\n    rebuzz: false\n",
                1,
            )
        )
