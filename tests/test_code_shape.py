"""The project's shape rules that a linter does not check: no function in pipeline/ is over 60 lines."""

from __future__ import annotations

import ast

from pipeline.settings import PROJECT_ROOT

MAX_FUNCTION_LINES = 60


def long_functions() -> list[str]:
    """`path:function (lines)` of every function or method in pipeline/ longer than MAX_FUNCTION_LINES."""
    found = []
    for path in sorted((PROJECT_ROOT / "pipeline").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    found.append(f"{path.relative_to(PROJECT_ROOT)}:{node.name} ({lines})")
    return found


def test_no_function_in_pipeline_is_over_60_lines():
    assert long_functions() == []
