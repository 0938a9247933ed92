"""Sentences and clauses: Chinese stops, quotes and brackets kept together."""

from factquiz.extract import extract_facts, split_clauses


def sentences(text):
    return [s.text for s in extract_facts(text).sentences]


def test_sentences_end_at_chinese_stops():
    assert sentences("今年完成12项。明年还要做！这样好吗？") == [
        "今年完成12项。",
        "明年还要做！",
        "这样好吗？",
    ]


def test_a_quote_stays_with_its_speaker():
    text = "“党史学习悟初心，砥砺奋进担使命。历史是最好的教科书。”吴骏跃说。截至目前，共成立了9个党支部。"
    assert sentences(text) == [
        "“党史学习悟初心，砥砺奋进担使命。历史是最好的教科书。”吴骏跃说。",
        "截至目前，共成立了9个党支部。",
    ]


def test_a_stop_inside_brackets_does_not_end_the_sentence():
    assert sentences("大桥（全长4.6公里。含引桥）今天通车。另有3座桥在建。") == [
        "大桥（全长4.6公里。含引桥）今天通车。",
        "另有3座桥在建。",
    ]


def test_a_lost_closing_quote_does_not_swallow_the_article():
    text = "他说：“" + "今天完成了5项工作。" * 30
    assert len(sentences(text)) > 10


def test_semicolons_and_mid_sentence_ellipses_stay_inside_a_sentence():
    text = "推出红色体验项目……“两湖一街区”内有了“活教材”；接待游客500万人次。"
    assert sentences(text) == [text]


def test_clauses_split_at_commas_outside_quotes():
    s = "城投集团依托“匠人学堂，学习品牌”，推出16期，参与者1800余人次。"
    assert [s[a:b] for a, b in split_clauses(s)] == [
        "城投集团依托“匠人学堂，学习品牌”，",
        "推出16期，",
        "参与者1800余人次。",
    ]


def test_english_sentences_split_at_full_stops():
    assert len(sentences("The tunnel opened on Tuesday. It took 591 days.")) == 2
