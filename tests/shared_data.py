"""Where the licensed data of the project lives: `$CONFLICT_EVENTS_SHARED_DATA`, else `../shared/data` beside the
checkout. Tests that read it skip cleanly when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

SHARED_DATA_ENV = "CONFLICT_EVENTS_SHARED_DATA"
_CHECKOUT = Path(__file__).resolve().parents[1]


def shared_data(*parts: str) -> Path:
    """A path inside the shared data folder (which may not exist)."""
    return Path(os.environ.get(SHARED_DATA_ENV) or _CHECKOUT.parent / "shared" / "data").joinpath(*parts)


ACLED_DEV = shared_data("acled-dev", "acled_global_2020-04-27_2020-05-09.csv")
