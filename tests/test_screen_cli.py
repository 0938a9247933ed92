"""factquiz host --screen / --buzzers / --listen / --port / --rehearsal from the command line."""

from __future__ import annotations

import json
import socket
import subprocess
import sys

from test_host_support import write_config
from typer.testing import CliRunner

from factquiz.cli import app
from factquiz.host.journal import read_journal

runner = CliRunner()


def host(folder, *args, stdin="next\nright AC\n"):
    config = write_config(folder)
    return runner.invoke(app, ["host", str(config), "--plain", *args], input=stdin)


def test_screen_prints_its_address_and_the_teams_phone_pages(tmp_path):
    journal = tmp_path / "j.journal.jsonl"
    result = host(tmp_path, "--journal", str(journal), "--buzzers", "--port", "0")
    assert result.exit_code == 0, result.output
    assert "大屏（投影仪浏览器打开）：http://127.0.0.1:" in result.output
    for team in ("一队", "二队", "三队"):
        assert f"{team} 抢答器：http://127.0.0.1:" in result.output
    assert "█" in result.output  # a QR code per team
    tokens = json.loads((tmp_path / "j.buzzers.json").read_text(encoding="utf-8"))["tokens"]
    assert all(f"/t/{token}" in result.output for token in tokens)
    assert "已记录: 一队 答对" in result.output
    sheet = (tmp_path / "j.buzzers.html").read_text(encoding="utf-8")
    assert f"各队二维码（可打印分发）：{tmp_path / 'j.buzzers.html'}" in result.output
    for team, token in zip(("一队", "二队", "三队"), tokens, strict=True):
        assert f"<b>{team}</b>" in sheet and f"/t/{token}</code>" in sheet
    assert sheet.count('src="data:image/svg+xml;base64,') == 3 and "http-equiv" in sheet


def test_listen_must_be_an_address(tmp_path):
    result = host(
        tmp_path,
        "--journal",
        str(tmp_path / "j.journal.jsonl"),
        "--screen",
        "--listen",
        "everywhere",
    )
    assert result.exit_code != 0
    assert "--listen everywhere: give an IP address" in result.output
    assert "Traceback" not in result.output


def test_a_port_in_use_is_one_line_of_error(tmp_path):
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    port = taken.getsockname()[1]
    try:
        result = host(
            tmp_path,
            "--journal",
            str(tmp_path / "j.journal.jsonl"),
            "--screen",
            "--port",
            str(port),
        )
    finally:
        taken.close()
    assert result.exit_code != 0
    assert f"cannot serve the screen on 127.0.0.1:{port}" in result.output
    assert "Traceback" not in result.output


def test_a_rehearsal_has_its_own_journal_and_says_so(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = host(tmp_path, "--rehearsal")
    assert result.exit_code == 0, result.output
    assert "【彩排】" in result.output
    (journal,) = tmp_path.glob("factquiz-rehearsal-*.journal.jsonl")
    assert read_journal(journal).header["rehearsal"] is True
    again = runner.invoke(app, ["host", "--resume", str(journal), "--plain"], input="scores\n")
    assert again.exit_code == 0, again.output
    assert "【彩排】" in again.output
    real = host(tmp_path)  # the real competition afterwards starts clean
    assert real.exit_code == 0, real.output
    (real_journal,) = [
        p for p in tmp_path.glob("factquiz-*.journal.jsonl") if "rehearsal" not in p.name
    ]
    assert "rehearsal" not in read_journal(real_journal).header
    assert len(read_journal(real_journal).events) == 2


def test_a_real_journal_cannot_be_resumed_as_a_rehearsal(tmp_path):
    journal = tmp_path / "j.journal.jsonl"
    assert host(tmp_path, "--journal", str(journal)).exit_code == 0
    result = runner.invoke(
        app, ["host", "--resume", str(journal), "--plain", "--rehearsal"], input=""
    )
    assert result.exit_code != 0
    assert "not of a rehearsal" in result.output


def test_the_web_server_is_not_imported_unless_asked_for():
    code = (
        "import sys; from typer.testing import CliRunner; from factquiz.cli import app; "
        "CliRunner().invoke(app, ['host', '--help']); "
        "print(sorted(m for m in ('starlette', 'uvicorn', 'segno', 'factquiz.screen') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
