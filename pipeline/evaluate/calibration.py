"""Is `confidence` a probability? Predicted confidence against observed precision, by decile of confidence.

Each scored item is a pair (confidence, right). The deciles split the items, sorted by confidence, into about ten groups
of equal size (items of one confidence stay in one group, so ties change the number of groups). For each threshold
at a decile's lower bound, the precision and share of the items kept at or above it show what a
`min_mention_confidence` there would buy.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import asdict, dataclass

DECILES = 10


@dataclass(frozen=True)
class CalibrationBin:
    """One decile: its confidence range, size, mean predicted confidence and observed precision; and what a
    threshold at its lower bound keeps (share of items, precision of the items kept)."""

    lower: float
    upper: float
    items: int
    mean_confidence: float
    precision: float
    kept_share: float
    kept_precision: float


@dataclass(frozen=True)
class Calibration:
    """Deciles of one scoring run, with the expected calibration error (item-weighted |confidence − precision|)."""

    items: int
    bins: tuple[CalibrationBin, ...]
    expected_calibration_error: float

    def as_dict(self) -> dict:
        return {"items": self.items, "expected_calibration_error": self.expected_calibration_error,
                "bins": [asdict(b) for b in self.bins]}


def decile_groups(pairs: Sequence[tuple[float, bool]], deciles: int = DECILES) -> list[list[tuple[float, bool]]]:
    """Pairs sorted by confidence, cut into groups of about len/deciles without splitting a confidence value; a
    large run of one value (say 1.0) gets a group of its own once the group before it is half full."""
    target = max(len(pairs) / deciles, 1)
    groups: list[list[tuple[float, bool]]] = []
    current: list[tuple[float, bool]] = []
    for _, run in itertools.groupby(sorted(pairs), key=lambda pair: pair[0]):
        items = list(run)
        if current and len(current) + len(items) > target and len(current) >= target / 2:
            groups.append(current)
            current = []
        current += items
        if len(current) >= target * 0.999:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def calibrate(pairs: Sequence[tuple[float, bool]], deciles: int = DECILES) -> Calibration:
    """Calibration table of (confidence, right) pairs."""
    groups = decile_groups(pairs, deciles)
    total = len(pairs)
    bins = []
    error = 0.0
    for index, group in enumerate(groups):
        kept = [pair for later in groups[index:] for pair in later]
        mean_confidence = sum(c for c, _ in group) / len(group)
        precision = sum(r for _, r in group) / len(group)
        error += len(group) / total * abs(mean_confidence - precision)
        bins.append(CalibrationBin(
            lower=group[0][0], upper=group[-1][0], items=len(group), mean_confidence=round(mean_confidence, 3),
            precision=round(precision, 3), kept_share=round(len(kept) / total, 3),
            kept_precision=round(sum(r for _, r in kept) / len(kept), 3),
        ))
    return Calibration(items=total, bins=tuple(bins), expected_calibration_error=round(error, 3))


def format_calibration(calibration: Calibration, right: str) -> str:
    """Plain-text table; `right` says what counts as right (e.g. "event type matches")."""
    lines = [f"calibration: {calibration.items} mentions that become events (at any confidence); right = {right}; "
             f"expected calibration error {calibration.expected_calibration_error:.3f}",
             f"{'confidence':<14}{'mentions':>9}{'predicted':>11}{'observed':>10}   "
             f"{'threshold':>9}{'kept':>7}{'precision':>11}"]
    for b in calibration.bins:
        lines.append(f"{b.lower:.3f}-{b.upper:.3f}  {b.items:>9}{b.mean_confidence:>11.3f}{b.precision:>10.3f}   "
                     f"{'≥' + format(b.lower, '.3f'):>9}{b.kept_share:>7.2f}{b.kept_precision:>11.3f}")
    return "\n".join(lines)
