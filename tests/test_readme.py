"""README's sample outputs are what the commands print on the sample corpus (regenerate: see tests/readme_samples)."""

from __future__ import annotations

import pytest

from tests.readme_samples import README, blocks, comparable, run_all

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def readme_blocks(tmp_path_factory) -> list[tuple[str, str, str]]:
    text = README.read_text(encoding="utf-8")
    outputs = run_all(text, tmp_path_factory.mktemp("readme"))
    return [(command, shown, produced) for (command, shown), produced in zip(blocks(text), outputs, strict=True)]


@pytest.mark.timeout(900)
def test_readme_console_blocks_match_the_commands_output(readme_blocks):
    commands = [command for command, _, _ in readme_blocks]
    assert commands[0].startswith("$ conflict-events run") and any(" sql " in c for c in commands)
    for command, shown, produced in readme_blocks:
        assert comparable(shown) == comparable(produced), (
            f"README's output of `{command}` is stale; regenerate it with "
            f"`uv run --frozen python -m tests.readme_samples`")
