"""Summaries of Great Expectations validation results, whatever their nesting."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

# Wall-clock fields Great Expectations puts in its results; dropped so releases are reproducible.
VOLATILE_KEYS = frozenset(
    {"run_id", "run_time", "validation_time", "ge_load_time", "start_time", "end_time"}
)


def without_run_times(node: Any) -> Any:
    """`node` with every VOLATILE_KEYS entry removed, at any depth."""
    if isinstance(node, Mapping):
        return {k: without_run_times(v) for k, v in node.items() if k not in VOLATILE_KEYS}
    if isinstance(node, list | tuple):
        return [without_run_times(item) for item in node]
    return node


@dataclass(frozen=True)
class ExpectationOutcome:
    """One evaluated expectation."""

    suite: str
    expectation: str
    column: str
    success: bool | None
    detail: str


@dataclass(frozen=True)
class ValidationSummary:
    """Pass/fail counts over every suite result found in the validation mapping."""

    success: bool | None
    evaluated: int
    successful: int
    outcomes: list[ExpectationOutcome]


def _suite_results(node: Any, name: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """(suite name, suite result) for each mapping holding a GX "results" list."""
    if isinstance(node, Mapping):
        if isinstance(node.get("results"), list):
            yield str(node.get("suite_name") or name or "validation"), node
            return
        for key in sorted(node, key=str):
            yield from _suite_results(node[key], f"{name}/{key}" if name else str(key))
    elif isinstance(node, list):
        for item in node:
            yield from _suite_results(item, name)


def _outcome(suite: str, result: Mapping[str, Any]) -> ExpectationOutcome:
    config = result.get("expectation_config") or {}
    kwargs = config.get("kwargs") or {}
    details = result.get("result") or {}
    if details.get("unexpected_count") is not None:
        detail = f"{details['unexpected_count']} unexpected"
    elif "observed_value" in details:
        detail = f"observed {details['observed_value']}"
    else:
        detail = ""
    return ExpectationOutcome(
        suite=suite,
        expectation=str(config.get("type") or config.get("expectation_type") or "?"),
        column=str(kwargs.get("column") or kwargs.get("column_list") or ""),
        success=result.get("success"),
        detail=detail,
    )


def summarize_validation(validation: Mapping[str, Any]) -> ValidationSummary:
    """Flatten GX suite/checkpoint results (GX 0.x or 1.x JSON) into expectation outcomes."""
    outcomes = [
        _outcome(suite, result)
        for suite, suite_result in _suite_results(validation, "")
        for result in suite_result["results"]
        if isinstance(result, Mapping)
    ]
    successful = sum(outcome.success is True for outcome in outcomes)
    success = validation.get("success")
    if not isinstance(success, bool):
        success = successful == len(outcomes) if outcomes else None
    return ValidationSummary(success, len(outcomes), successful, outcomes)
