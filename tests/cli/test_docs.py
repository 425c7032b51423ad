"""Every command and every error code is documented: a new one without docs fails here."""

import re
from pathlib import Path

import click

from sitrep.cli import cli
from sitrep.errors import Errors

README = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")


def all_commands(group: click.Group, prefix: str = "sitrep") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        found.append((path, command))
        if isinstance(command, click.Group):
            found.extend(all_commands(command, path))
    return found


def test_every_top_level_command_is_in_the_readme():
    missing = [name for name in cli.commands if f"sitrep {name}" not in README]
    assert not missing, f"commands missing from README.md: {missing}"


def test_every_command_has_help_text():
    undocumented = [path for path, command in all_commands(cli) if not (command.help or "").strip()]
    assert not undocumented, f"commands without --help text: {undocumented}"


def test_every_option_has_help_text():
    bare = [f"{path} {param.opts[0]}" for path, command in all_commands(cli) for param in command.params
            if isinstance(param, click.Option) and not param.help and param.opts[0] not in ("--help", "--version")]
    assert not bare, f"options without help: {bare}"


def test_every_error_code_says_what_to_do():
    codes = {name: text for name, text in vars(Errors).items() if re.fullmatch(r"E\d{3}", name)}
    assert codes
    for code, text in codes.items():
        assert text.rstrip().endswith((".", ")")), f"{code} should end as a sentence"
        assert len(text) > 40, f"{code} is too short to say what to do"
