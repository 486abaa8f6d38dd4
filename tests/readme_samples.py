"""README's sample outputs, produced by running its `console` blocks on the sample corpus (seeds/articles).

Every block of README.md that starts with `$ conflict-events …` is run, in order, from an empty folder (so the
warehouse is `warehouse/` there); `tests/test_readme.py` compares the outputs with README. After a change that
alters them, regenerate README's blocks with:

    uv run --frozen python -m tests.readme_samples
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

from pipeline.settings import PROJECT_ROOT, Settings

README = PROJECT_ROOT / "README.md"
BLOCK = re.compile(r"(```console\n)(.*?)(```)", re.S)
SUMMARY_TITLE = re.compile(r"^ *conflict-events run *$", re.M)
DURATION = re.compile(r"│ duration( +)│ [0-9.]+ s +│")
NOT_RUN = {"ui", "shell"}  # servers and interactive prompts
WIDTH = "200"


def _segments(body: str) -> list[tuple[str, str]]:
    """(command line, output) pairs of one console block: each `$ ` line and the lines after it."""
    parts = re.split(r"^(\$ [^\n]*)\n", body, flags=re.M)
    return [(parts[i], parts[i + 1]) for i in range(1, len(parts) - 1, 2)]


def _runnable(command_line: str) -> bool:
    words = shlex.split(command_line.removeprefix("$ "), comments=True)
    return words[:1] == ["conflict-events"] and len(words) > 1 and words[1] not in NOT_RUN


def blocks(text: str) -> list[tuple[str, str]]:
    """(command line, output) of every `$ conflict-events …` sample in README's console blocks, in order."""
    return [segment for match in BLOCK.finditer(text) for segment in _segments(match.group(2))
            if _runnable(segment[0])]


def _environment() -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CONFLICT_EVENTS_")}
    path = f"{Path(sys.executable).parent}{os.pathsep}{environment.get('PATH', '')}"
    # the machine's gazetteer index (shared by warehouses) rather than one built again in the empty folder
    return {**environment, "PATH": path, "CONFLICT_EVENTS_GAZETTEER_CACHE": str(Settings().gazetteer_cache),
            "COLUMNS": WIDTH, "NO_COLOR": "1", "TERM": "dumb"}


def run_block(command_line: str, workdir: Path) -> str:
    """What README shows for one command line (run by bash, output and errors together); for `run`, its summary
    and notes, after Dagster's log lines."""
    command = command_line.removeprefix("$ ")
    completed = subprocess.run(["bash", "-c", f"{{ {command}\n}} 2>&1"], cwd=workdir, env=_environment(),
                               capture_output=True, text=True, timeout=900)
    if shlex.split(command, comments=True)[1] != "run":
        return completed.stdout
    title = SUMMARY_TITLE.search(completed.stdout)
    if completed.returncode != 0 or title is None:
        raise RuntimeError(f"{command_line} exited {completed.returncode}:\n{completed.stdout[-3000:]}")
    return completed.stdout[title.start():]


def run_all(text: str, workdir: Path) -> list[str]:
    return [run_block(command, workdir) for command, _ in blocks(text)]


def comparable(output: str) -> str:
    """Output without what changes from run to run (the duration) and trailing spaces."""
    return "\n".join(line.rstrip() for line in DURATION.sub("│ duration │ … │", output).splitlines()).strip("\n")


def updated(text: str, outputs: list[str]) -> str:
    """README text with each sample's output replaced by the one produced now."""
    produced = iter(outputs)

    def block(match: re.Match) -> str:
        body = match.group(2)
        if not any(_runnable(command) for command, _ in _segments(body)):
            return match.group(0)
        lines = [body.split("$ ", 1)[0]] if not body.startswith("$ ") else []
        for command, output in _segments(body):
            shown = next(produced) if _runnable(command) else output
            lines.append(command + "\n" + "".join(line.rstrip() + "\n" for line in shown.rstrip("\n").splitlines()))
        return match.group(1) + "".join(lines) + match.group(3)

    return BLOCK.sub(block, text)


def main() -> None:
    text = README.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="readme-samples-") as folder:
        outputs = run_all(text, Path(folder))
    README.write_text(updated(text, outputs), encoding="utf-8")
    print(f"{len(outputs)} console blocks of {README} regenerated")


if __name__ == "__main__":
    main()
