"""The project's data folders (sql/, expectations/, seeds/): at the top of a checkout, inside the package once
installed from a wheel (pyproject.toml force-includes them as pipeline/_data/<name>)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

PACKAGED = "_data"


def project_folder(name: str) -> Path:
    """sql, expectations or seeds: the installed package's copy when there is one, else the checkout's folder."""
    packaged = Path(str(files("pipeline").joinpath(PACKAGED, name)))
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[1] / name
