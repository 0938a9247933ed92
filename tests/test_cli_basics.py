from typer.testing import CliRunner

from factquiz.cli import app

runner = CliRunner()


def test_missing_path_is_one_line_error_without_traceback(tmp_path):
    result = runner.invoke(app, ["validate", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 1
    assert "nope.yaml: no such file or folder" in result.output
    assert "Traceback" not in result.output


def test_every_command_has_help_with_an_example():
    from factquiz.cli import app as the_app

    for command in the_app.registered_commands:
        name = command.name or command.callback.__name__
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, result.output
        assert "Example" in (command.callback.__doc__ or ""), name
