"""Every command is documented: in the README, and in --help with an example."""

from __future__ import annotations

from pathlib import Path

import pytest

from diplograph.cli import COMMAND_MODULES, make_parser

README = Path(__file__).resolve().parents[1] / "README.md"


def _commands() -> dict:
    parser = make_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    return dict(subparsers.choices)


def test_every_module_registers_a_command():
    assert len(_commands()) >= len(COMMAND_MODULES)


@pytest.mark.parametrize("name", sorted(_commands()))
def test_command_is_in_the_readme_and_its_help_has_an_example(name):
    assert f"diplograph {name}" in README.read_text(encoding="utf-8")
    help_text = _commands()[name].format_help()
    assert "Example" in help_text and f"diplograph {name}" in help_text
