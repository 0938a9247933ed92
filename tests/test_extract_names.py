"""Named things: titles, quoted names, appositions, places by suffix, people with posts, lists."""

from factquiz.extract import extract_facts


def named(text, kind):
    return [f for f in extract_facts(text).facts if f.kind == kind]


def test_book_and_document_titles_keep_their_brackets_and_kind():
    found = named("认真学习《党章》，拍摄纪录片《1927：流星不灭》。", "name")
    assert [(f.text, f.category) for f in found] == [
        ("《党章》", "文件"),
        ("《1927：流星不灭》", "纪录片"),
    ]


def test_a_quoted_name_is_named_by_what_follows_it():
    found = named("连续第四年组织开展“微心愿认领”活动，“马上破”团队采取多种方式。", "name")
    assert [(f.text, f.category) for f in found] == [("“微心愿认领”", "活动"), ("“马上破”", "团队")]


def test_a_quoted_slogan_is_not_a_name():
    assert named("锤炼“唯实惟先、善作善成”的铁军团队。", "name") == []


def test_an_apposition_keeps_its_descriptor_as_label():
    (f,) = named(
        "在历经591个昼夜的艰苦施工后，我市首条城市隧道——建国路隧道，最终提前80余天建成通车。",
        "apposition",
    )
    assert (f.text, f.label, f.category) == ("建国路隧道", "我市首条城市隧道", "隧道")
    assert f.sentence[f.start : f.end] == "建国路隧道"


def test_places_and_organisations_are_found_by_their_ending():
    found = named(
        "走进位于南河头的平湖廉文化记忆馆，东湖景区公司荣登光荣榜，当湖街道钱家村完成搬迁。", "name"
    )
    assert [(f.text, f.category) for f in found] == [
        ("平湖廉文化记忆馆", "记忆馆"),
        ("东湖景区公司", "公司"),
        ("当湖街道", "街道"),
        ("钱家村", "村"),
    ]


def test_descriptors_and_common_words_are_not_place_names():
    text = "我市首条城市隧道建成，不断开创新局，服务全市大局，中心城区焕发新貌。"
    assert named(text, "name") == []


def test_a_person_is_found_with_organisation_post_and_name():
    (f,) = named("市城投集团党委副书记、副董事长、总经理吴骏跃这样表示。", "person")
    assert f.text == "市城投集团党委副书记、副董事长、总经理吴骏跃"
    assert f.category == "党委副书记、副董事长、总经理"
    assert f.subject == "吴骏跃"


def test_a_post_followed_by_a_verb_is_not_a_person():
    assert named("党委书记认真履行“第一责任”。", "person") == []


def test_a_list_of_same_kind_names_is_an_enumeration():
    (f,) = named("百花艺术幼儿园、红庙头幼儿园交付使用。", "enumeration")
    assert f.items == ("百花艺术幼儿园", "红庙头幼儿园")
    assert f.category == "幼儿园"


def test_quoted_names_listed_before_their_kind_are_an_enumeration():
    (f,) = named("依托“匠人学堂”“学习强国”“读嘉”“今平湖”等平台开展学习。", "enumeration")
    assert f.items == ("“匠人学堂”", "“学习强国”", "“读嘉”", "“今平湖”")
    assert f.category == "平台"
