"""`conflict-events config`: values from the TOML file (CONFLICT_EVENTS_CONFIG) and env vars, with their source."""

from __future__ import annotations

import os

import pytest

from pipeline.cli import EXIT_OK, EXIT_USAGE, main, setting_sources


def config_lines(capsys) -> dict[str, tuple[str, str]]:
    assert main(["config"]) == EXIT_OK
    lines = [line for line in capsys.readouterr().out.splitlines() if not line.startswith("#")]
    return {name: tuple(rest.split("  # ")) for name, _, rest in (line.partition(" = ") for line in lines)}


@pytest.fixture
def clean_environment(monkeypatch, tmp_path):
    """No CONFLICT_EVENTS_* variable from the caller, and a config file path that does not exist."""
    for name in list(os.environ):
        if name.upper().startswith("CONFLICT_EVENTS_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("CONFLICT_EVENTS_CONFIG", str(tmp_path / "absent.toml"))
    return monkeypatch


def test_defaults_are_reported_as_defaults(clean_environment, capsys):
    values = config_lines(capsys)
    assert values["spacy_batch_size"] == ("32", "default")
    assert values["min_mention_confidence"] == ("0.35", "default")
    assert values["database"][1] == "derived from warehouse"


def test_toml_file_and_env_vars_with_env_taking_precedence(clean_environment, capsys, tmp_path):
    config = tmp_path / "conflict-events.toml"
    config.write_text(f'warehouse = "{tmp_path / "wh"}"\nspacy_batch_size = 8\nspacy_n_process = 3\n',
                      encoding="utf-8")
    clean_environment.setenv("CONFLICT_EVENTS_CONFIG", str(config))
    clean_environment.setenv("CONFLICT_EVENTS_SPACY_N_PROCESS", "2")
    clean_environment.setenv("conflict_events_min_mention_confidence", "0.5")  # env names are case-insensitive

    values = config_lines(capsys)
    assert values["warehouse"] == (str(tmp_path / "wh"), f"file {config}")
    assert values["database"][0] == str(tmp_path / "wh" / "conflict.duckdb")
    assert values["spacy_batch_size"] == ("8", f"file {config}")
    assert values["spacy_n_process"] == ("2", "env CONFLICT_EVENTS_SPACY_N_PROCESS")
    assert values["min_mention_confidence"] == ("0.5", "env CONFLICT_EVENTS_MIN_MENTION_CONFIDENCE")
    assert values["spacy_model"][1] == "default"


def test_command_line_flags_are_reported_as_such(clean_environment):
    assert setting_sources(["warehouse"])["warehouse"] == "command line"


@pytest.mark.parametrize("variable, value", [("CONFLICT_EVENTS_SPACY_N_PROCESS", "two"),
                                             ("CONFLICT_EVENTS_CONFIG", None)])
def test_invalid_settings_exit_with_code_2(clean_environment, capsys, tmp_path, variable, value):
    if value is None:  # a config file that is not valid TOML
        broken = tmp_path / "broken.toml"
        broken.write_text("warehouse = [unclosed\n", encoding="utf-8")
        value = str(broken)
    clean_environment.setenv(variable, value)
    assert main(["config"]) == EXIT_USAGE
    assert "invalid settings" in capsys.readouterr().err
