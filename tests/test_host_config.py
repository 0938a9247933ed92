"""Competition configs: presets, --init, validation with line numbers, the question draw."""

from __future__ import annotations

import pytest
from test_host_support import CONFIG, bank_text, make_game

from factquiz.banks import all_questions, parse_bank
from factquiz.host.config import ConfigError, parse_config
from factquiz.host.plan import draw_game
from factquiz.host.presets import init_text, preset_config


def problems(text: str) -> list[str]:
    with pytest.raises(ConfigError) as info:
        parse_config(text, "c.yaml")
    return [str(p) for p in info.value.problems]


def test_init_template_is_a_valid_config_with_all_round_kinds():
    config = parse_config(init_text(), "competition.yaml")
    assert [r.kind for r in config.rounds] == ["required", "buzz", "risk", "sudden_death"]
    assert config.awards == (("一等奖", 1), ("二等奖", 2), ("三等奖", 3))


def test_unknown_round_kind_names_the_line_and_suggests():
    text = "title: t\nteams: [甲, 乙]\nrounds:\n  - kind: buz\n    count: 2\n"
    assert problems(text) == [
        "c.yaml:4: rounds[1].kind: unknown kind 'buz'; use one of required, shared, buzz, risk, sudden_death; did you mean 'buzz'?"
    ]


def test_every_problem_is_reported_with_its_line():
    text = "title: t\nteams: [甲]\nrounds:\n  - kind: required\n    count: 0\n    pointz: 3\n"
    found = problems(text)
    assert "c.yaml:2: teams: has 1 teams; a competition needs 2 to 20" in found
    assert any(p.startswith("c.yaml:5: rounds[1].count: must be a whole number") for p in found)
    assert any(
        p.startswith("c.yaml:6: rounds[1].pointz: unknown field; did you mean 'points'")
        for p in found
    )


def test_risk_round_without_tiers_is_refused():
    text = "title: t\nteams: [甲, 乙]\nrounds:\n  - kind: risk\n    count: 1\n"
    assert "a risk round needs tiers" in problems(text)[0]


def test_a_bank_given_as_config_says_what_to_do():
    assert "--teams" in problems(bank_text(2))[0]


def test_number_as_team_name_is_refused():
    text = "title: t\nteams: [甲, '2']\nrounds:\n  - kind: buzz\n    count: 1\n"
    assert "is a number" in problems(text)[0]


def test_config_with_preset_takes_its_rounds():
    config = parse_config("teams: [甲, 乙]\npreset: dangshi\n", "c.yaml")
    assert [r.name for r in config.rounds] == ["个人必答题", "抢答题", "风险题", "加时赛"]
    assert config.start_score == 100


def test_preset_from_team_names():
    config = preset_config("dangshi", ["一队", "二队"], ["bank.yaml"])
    assert config.teams == ("一队", "二队") and config.banks == ("bank.yaml",)


def test_round_asking_for_more_questions_than_match_is_refused_with_the_numbers():
    bank = parse_bank(bank_text(5), "demo.yaml")
    config = parse_config(CONFIG, "competition.yaml")
    with pytest.raises(ConfigError) as info:
        draw_game(config, all_questions([bank]), seed=1)
    message = str(info.value)
    assert (
        "competition.yaml:15: rounds[3] 抢答: needs 2 questions but the banks hold only 1 matching"
        in message
    )
    assert "5 in all, 4 taken by earlier rounds" in message


def test_draw_is_deterministic_from_the_seed_and_never_repeats_a_question():
    a, b, c = make_game(seed=3), make_game(seed=3), make_game(seed=4)
    refs = lambda g: [q.ref for r in g.rounds for q in r.questions]  # noqa: E731
    assert refs(a) == refs(b) != refs(c)
    assert len(set(refs(a))) == len(refs(a))


def test_config_hash_ignores_comments_but_not_teams():
    base = parse_config(CONFIG, "c.yaml")
    assert parse_config("# 注释\n" + CONFIG, "c.yaml").digest() == base.digest()
    assert parse_config(CONFIG.replace("三队", "四队"), "c.yaml").digest() != base.digest()
