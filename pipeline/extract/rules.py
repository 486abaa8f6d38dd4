"""A small engine for ordered tables of named rules kept as data (seeds/codebook_rules.yaml).

A rule's `when` is a Python-style boolean expression over named values — features computed in code, label groups
and parameters — with `and`, `or`, `not`, comparisons (`==`, `<`, `in`, `<=` for subsets, …), subscripts
(`weight['Attack']`) and literals. Expressions are parsed once and checked against the names they may use, so a
typo fails at load time, not on the first article that reaches the rule. The first rule whose condition holds wins.
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

_COMPARE: dict[type, Callable[[Any, Any], bool]] = {
    ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le, ast.Gt: operator.gt,
    ast.GtE: operator.ge, ast.In: lambda a, b: a in b, ast.NotIn: lambda a, b: a not in b,
    ast.Is: operator.is_, ast.IsNot: operator.is_not,
}


class RuleError(ValueError):
    """A rule table that cannot be used: bad syntax, an unknown name, a missing field."""


@dataclass(frozen=True)
class Condition:
    """A parsed `when` expression."""

    source: str
    tree: ast.expr

    @classmethod
    def parse(cls, source: str, known: Collection[str], where: str) -> Condition:
        try:
            tree = ast.parse(source, mode="eval").body
        except SyntaxError as error:
            raise RuleError(f"{where}: cannot parse {source!r}: {error.msg}") from error
        for node in ast.walk(tree):
            if not isinstance(node, _ALLOWED):
                raise RuleError(f"{where}: {type(node).__name__} is not allowed in {source!r}")
            if isinstance(node, ast.Name) and node.id not in known:
                raise RuleError(f"{where}: unknown name {node.id!r} in {source!r}")
        return cls(source, tree)

    def holds(self, values: Mapping[str, Any]) -> bool:
        return bool(_evaluate(self.tree, values))


def _evaluate(node: ast.expr, values: Mapping[str, Any]) -> Any:
    if isinstance(node, ast.BoolOp):
        if isinstance(node.op, ast.And):
            return all(_evaluate(v, values) for v in node.values)
        return any(_evaluate(v, values) for v in node.values)
    if isinstance(node, ast.UnaryOp):
        return not _evaluate(node.operand, values)
    if isinstance(node, ast.Compare):
        left = _evaluate(node.left, values)
        for op, comparator in zip(node.ops, node.comparators, strict=True):
            right = _evaluate(comparator, values)
            if not _COMPARE[type(op)](left, right):
                return False
            left = right
        return True
    if isinstance(node, ast.Subscript):
        return _evaluate(node.value, values)[_evaluate(node.slice, values)]
    if isinstance(node, ast.Name):
        return values[node.id]
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return frozenset(_evaluate(e, values) for e in node.elts)
    return node.value  # ast.Constant


_ALLOWED = (ast.BoolOp, ast.And, ast.Or, ast.UnaryOp, ast.Not, ast.Compare, ast.Subscript, ast.Name, ast.Load,
            ast.Constant, ast.List, ast.Tuple, ast.Set, *_COMPARE)


@dataclass(frozen=True)
class Rule:
    """One named rule: when `when` holds, the outcome (e.g. a sub-event type) with the evidence it names."""

    name: str
    when: Condition
    outcome: str
    evidence: tuple[str, ...]
    codebook: str


def load_rules(entries: Sequence[Mapping[str, Any]], outcome_field: str, known: Collection[str],
               where: str) -> tuple[Rule, ...]:
    """Rules from YAML entries with `name`, `when`, `<outcome_field>`, optional `evidence` and `codebook`."""
    rules = []
    for index, entry in enumerate(entries):
        label = f"{where} rule {index + 1} ({entry.get('name', '?')})"
        missing = {"name", "when", outcome_field} - set(entry)
        if missing:
            raise RuleError(f"{label}: missing {sorted(missing)}")
        condition = Condition.parse(str(entry["when"]), known, label)
        rules.append(Rule(str(entry["name"]), condition, str(entry[outcome_field]),
                          tuple(entry.get("evidence") or ()), str(entry.get("codebook", ""))))
    names = [rule.name for rule in rules]
    if len(set(names)) != len(names):
        raise RuleError(f"{where}: rule names must be unique")
    return tuple(rules)


def first_rule(rules: Sequence[Rule], values: Mapping[str, Any]) -> Rule | None:
    """The first rule whose condition holds for `values` (a mapping that may compute values on demand)."""
    return next((rule for rule in rules if rule.when.holds(values)), None)
