"""The offline HTML practice page."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from factquiz.banks import read_bank
from factquiz.interchange import export_bank
from factquiz.interchange.html import grading_data, render_practice_page

GOLDEN = Path(__file__).parent / "golden"
SAMPLE = GOLDEN / "sample_bank.yaml"
HOSTILE = GOLDEN / "hostile_bank.yaml"


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("FACTQUIZ_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), (
        f"{name} changed; look at it, then regenerate with FACTQUIZ_UPDATE_GOLDEN=1"
    )


class Page(HTMLParser):
    """Every start tag with its attributes, the text of scripts and of elements with a class."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: dict[str, str] = {}
        self.texts: dict[str, list[str]] = {}
        self.data: list[str] = []
        self._open: list[tuple[str, dict]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag not in ("meta", "input", "br"):
            self._open.append((tag, attributes))

    def handle_endtag(self, tag):
        while self._open:
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data):
        self.data.append(data)
        if not self._open:
            return
        tag, attributes = self._open[-1]
        if tag == "script":
            self.scripts[attributes.get("id", "")] = (
                self.scripts.get(attributes.get("id", ""), "") + data
            )
        for cls in attributes.get("class", "").split():
            self.texts.setdefault(cls, []).append(data)


def test_sample_bank_matches_the_golden_file():
    check_golden("sample.practice.html", render_practice_page(read_bank(SAMPLE)))


def test_page_is_self_contained_and_loads_nothing_from_a_network():
    page = Page(render_practice_page(read_bank(SAMPLE)))
    names = [tag for tag, _ in page.tags]
    assert not {"link", "img", "iframe", "object", "embed"} & set(names)
    assert not any("src" in attrs or "href" in attrs for _, attrs in page.tags)
    csp = next(
        a["content"]
        for t, a in page.tags
        if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    )
    assert csp.startswith("default-src 'none'")
    viewport = next(
        a["content"] for t, a in page.tags if t == "meta" and a.get("name") == "viewport"
    )
    assert "width=device-width" in viewport
    assert sorted(page.scripts) == ["grade-logic", "grading", "page-logic"]


def test_every_question_type_is_drawn_with_its_answer_controls():
    page = Page(render_practice_page(read_bank(SAMPLE)))
    articles = [a for t, a in page.tags if t == "article"]
    assert [a["data-type"] for a in articles] == [
        "single",
        "multiple",
        "multiple",
        "judge",
        "judge",
        "fill",
        "fill",
        "fill",
        "short",
    ]
    inputs = [a.get("type") for t, a in page.tags if t in ("input", "textarea")]
    assert (
        inputs.count("radio") == 4 + 2 * 2
        and inputs.count("checkbox") == 8
        and inputs.count("text") == 4
    )
    assert (
        "textarea",
        {"rows": "3", "placeholder": "先写下你的答案，再看参考答案自己评分"},
    ) in page.tags


def test_grading_data_is_embedded_as_json_the_page_can_read():
    bank = read_bank(SAMPLE)
    page = Page(render_practice_page(bank))
    assert json.loads(page.scripts["grading"]) == [grading_data(q) for q in bank.questions]


def test_hostile_text_stays_text_in_the_page_and_the_json():
    bank = read_bank(HOSTILE)
    text = render_practice_page(bank)
    page = Page(text)
    # none smuggled in by a stem, option or answer
    assert [t for t, _ in page.tags].count("script") == 3
    assert "b" not in [t for t, _ in page.tags] and "img" not in [t for t, _ in page.tags]
    assert page.texts["stem"][0] == bank.questions[0].stem
    assert "<img src=x onerror=alert(1)>" in page.data  # an option, shown as the text it is
    raw_json = page.scripts["grading"]
    # tojson escapes them, so </script> cannot end the block
    assert "<" not in raw_json and "&" not in raw_json
    assert json.loads(raw_json)[3]["blanks"][0]["answers"] == ["=", "等号", "#1 ~ {x}", "a*b"]
    title = re.search(r"<title>(.*)</title>", text).group(1)
    assert title.startswith("危险字符 &lt;script&gt;alert(&#34;标题&#34;)&lt;/script&gt; &amp; ")


NODE_CHECKS = r"""
const g = FactQuizGrade;
const results = {
  fullWidthDigits: g.blankRight("９８.４５", {answers: ["98.5"], tolerance: 0.1}),
  outsideTolerance: g.blankRight("98.7", {answers: ["98.5"], tolerance: 0.1}),
  exactWithoutTolerance: g.blankRight("98.50", {answers: ["98.5"], tolerance: null}),
  variantWithSpaces: g.blankRight(" 建国路 隧道 ", {answers: ["建国路", "建国路隧道"], tolerance: null}),
  caseInsensitive: g.blankRight("phct", {answers: ["PHCT"], tolerance: null}),
  emptyIsWrong: g.blankRight("   ", {answers: [""], tolerance: null}),
  multipleExact: g.grade({type: "multiple", correct: [0, 1, 3]}, [3, 1, 0]),
  multipleMissingOne: g.grade({type: "multiple", correct: [0, 1, 3]}, [0, 1]),
  judge: g.grade({type: "judge", truth: false}, false),
  fillAllBlanks: g.grade({type: "fill", blanks: [{answers: ["591"], tolerance: null}, {answers: ["80余"], tolerance: null}]}, ["591", "80余"]),
  fillOneWrong: g.grade({type: "fill", blanks: [{answers: ["591"], tolerance: null}, {answers: ["80余"], tolerance: null}]}, ["591", "80"]),
  shortIsSelfMarked: g.grade({type: "short"}, "任何答案"),
};
console.log(JSON.stringify(results));
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_marking_rules_accept_variants_tolerance_and_full_width_input():
    script = Page(render_practice_page(read_bank(SAMPLE))).scripts["grade-logic"]
    out = subprocess.run(
        ["node", "-e", script + NODE_CHECKS], capture_output=True, text=True, timeout=30, check=True
    )
    assert json.loads(out.stdout) == {
        "fullWidthDigits": True,
        "outsideTolerance": False,
        "exactWithoutTolerance": False,
        "variantWithSpaces": True,
        "caseInsensitive": True,
        "emptyIsWrong": False,
        "multipleExact": True,
        "multipleMissingOne": False,
        "judge": True,
        "fillAllBlanks": True,
        "fillOneWrong": False,
        "shortIsSelfMarked": None,
    }


CLICKS = """<script>
(function () {
  function card(n) { return document.getElementById("q" + n); }
  function pick(n, values) { values.forEach(function (v) { card(n).querySelector('input[value="' + v + '"]').click(); }); card(n).querySelector("button.check").click(); }
  function fill(n, values) { var inputs = card(n).querySelectorAll(".blanks input"); values.forEach(function (v, i) { inputs[i].value = v; }); card(n).querySelector("button.check").click(); }
  card(1).querySelector("button.check").click();
  var log = [card(1).querySelector(".hint").textContent];
  pick(1, ["1"]); pick(2, ["0", "1"]); pick(3, ["0", "1"]); pick(4, ["true"]); pick(5, ["true"]);
  fill(6, ["９８.４５"]); fill(7, ["建国路隧道"]); fill(8, ["591", "80"]);
  card(9).querySelector("button.check").click(); card(9).querySelector("[data-mark=right]").click();
  for (var i = 1; i <= 9; i++) log.push(card(i).dataset.right);
  log.push(document.getElementById("progress").textContent, String(document.getElementById("result").hidden), document.getElementById("result-detail").textContent);
  var out = document.createElement("pre"); out.id = "log"; out.textContent = JSON.stringify(log); document.body.appendChild(out);
})();
</script>
</body>"""


def _browser() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-headless-shell")


@pytest.mark.skipif(_browser() is None, reason="no headless Chromium on this machine")
def test_page_marks_answers_and_scores_in_a_real_browser(tmp_path):
    page = tmp_path / "practice.html"
    export_bank(read_bank(SAMPLE), "html", page)
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", CLICKS), encoding="utf-8")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom"]  # fmt: skip
    dom = subprocess.run(
        [_browser(), *flags, page.as_uri()], capture_output=True, text=True, timeout=60
    ).stdout
    log = json.loads(html.unescape(re.search(r'<pre id="log">(.*?)</pre>', dom, re.S).group(1)))
    assert log == ["请先选择答案", "1", "0", "1", "1", "0", "1", "1", "0", "1",
                   "已答 9 / 9 · 得分 75 / 105", "false", "答对 6 题，共 9 题（67%）"]  # fmt: skip
