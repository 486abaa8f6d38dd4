"""Installable outside a checkout: the wheel, installed into a fresh virtual environment, runs the whole pipeline
from an empty folder (sql/, expectations/ and seeds/ come from the package, the warehouse is created there)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.settings import PROJECT_ROOT, Settings

pytestmark = pytest.mark.slow


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    completed = subprocess.run(command, capture_output=True, text=True, **kwargs)
    assert completed.returncode == 0, f"{' '.join(command)}:\n{completed.stdout[-2000:]}\n{completed.stderr[-4000:]}"
    return completed


@pytest.mark.timeout(1500)
def test_wheel_installs_and_runs_from_an_empty_folder(tmp_path):
    uv = shutil.which("uv")
    if uv is None:
        pytest.skip("uv is not installed")
    run([uv, "build", "--wheel", "--out-dir", str(tmp_path / "dist"), str(PROJECT_ROOT)])
    wheel = next((tmp_path / "dist").glob("conflict_events-*.whl"))
    locked = tmp_path / "requirements.txt"  # the versions uv.lock pins, so the install matches a checkout's
    run([uv, "export", "--frozen", "--no-dev", "--no-emit-project", "--no-hashes", "-o", str(locked)], cwd=PROJECT_ROOT)
    venv = tmp_path / "venv"
    run([uv, "venv", "--python", sys.executable, str(venv)])
    python = venv / "bin" / "python"
    run([uv, "pip", "install", "--python", str(python), "-r", str(locked), str(wheel)])

    workdir = tmp_path / "empty"
    workdir.mkdir()
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith(("CONFLICT_EVENTS_", "VIRTUAL_ENV", "PYTHONPATH", "UV_"))}
    # reuse this machine's gazetteer index instead of building it again
    environment.update(CONFLICT_EVENTS_GAZETTEER_CACHE=str(Settings().gazetteer_cache), COLUMNS="200")
    located = run([str(python), "-c", "import pipeline; print(pipeline.__file__)"], cwd=workdir, env=environment)
    assert Path(located.stdout.strip()).is_relative_to(venv)

    completed = run([str(venv / "bin" / "conflict-events"), "run"], cwd=workdir, env=environment, timeout=1200)
    release = workdir / "warehouse" / "releases" / "1.0.0"
    assert (workdir / "warehouse" / "releases" / "latest").resolve() == release
    assert {"events.parquet", "events_acled.csv", "datapackage.json", "report.html"} <= {
        p.name for p in release.iterdir()}
    assert "checks passed" in completed.stderr and "9/9" in completed.stderr  # one per warehouse table
    listed = run([str(venv / "bin" / "conflict-events"), "release", "list"], cwd=workdir, env=environment)
    assert "* 1.0.0" in listed.stdout
