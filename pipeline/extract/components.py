"""Faster stand-ins for two rule-based spaCy components, setting exactly the annotations the stock ones set.

In en_core_web_sm the stock `attribute_ruler` (a Matcher of 179 patterns, nearly all of one token, tried on every
token) and the rule `lemmatizer` (whose rules test `form in index` against lists of up to 57,528 words, once per
new word) cost about as much as the parser: 1.8 and 1.6 s of CPU against 1.7 s on 100 news-bench articles. The
stand-ins keep the stock component's data (patterns, lookup tables) and its semantics:

- `IndexedAttributeRuler`: a one-token pattern of equality, IN and NOT_IN conditions on LOWER, DEP, TAG or IS_SPACE
  is looked up by one of its equality or IN conditions, and what a token matches is computed once per (LOWER, DEP,
  TAG, IS_SPACE); every other pattern (several tokens, REGEX) stays with a spaCy Matcher. Matches are applied in
  the stock order (pattern index, then position), later patterns overriding earlier ones.
- `CachedLemmatizer`: the stock `rule_lemmatize` with its word index as sets, each (ORTH, POS, MORPH) lemmatized
  once per pipeline and the lemmas written back in one array operation.

Together: 0.45 + 0.19 s on the same articles. Only English pipelines get them (the French lemmatizer is another
class, not checked here).

`tests/extract/test_components.py` checks token for token that a pipeline with them annotates as the stock one does.
"""

from __future__ import annotations

from collections import defaultdict

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import StringStore
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

_INDEXED = (LOWER, DEP, TAG, IS_SPACE)  # the token values a one-token pattern can be looked up by, in that order
_NAMES = {"LOWER": LOWER, "DEP": DEP, "TAG": TAG, "IS_SPACE": IS_SPACE}
MAX_CACHED = 200_000  # token signatures (or lemma keys) kept per cache: a long run's vocabulary must not grow memory


def _condition(name: str, value: object, strings: StringStore) -> tuple[int, str, frozenset] | None:
    """(attribute, operator, values as the integers Doc.to_array gives) of one condition the stand-in can test
    without strings (equality, IN, NOT_IN), else None."""
    def ids(values: list) -> frozenset:
        return frozenset(int(v) if isinstance(v, bool) else strings.add(v) if v else 0 for v in values)
    if name not in _NAMES:
        return None
    if not isinstance(value, dict):
        return _NAMES[name], "IN", ids([value])
    if len(value) == 1 and set(value) <= {"IN", "NOT_IN"}:
        (operator, operand), = value.items()
        return _NAMES[name], operator, ids(operand)
    return None


class IndexedAttributeRuler:
    """Applies the patterns of a stock AttributeRuler with dictionary look-ups (see the module docstring)."""

    def __init__(self, stock: AttributeRuler) -> None:
        self.vocab = stock.vocab
        self.matcher = Matcher(stock.vocab, validate=False)
        self.indexed: dict[tuple[int, int], list[tuple[int, list]]] = defaultdict(list)
        self.targets = {attr_id: (pattern["index"], stock.attrs[attr_id])
                        for attr_id, pattern in enumerate(stock.patterns)}
        self.by_signature: dict[tuple[int, ...], tuple[tuple[int, ...], dict]] = {}
        for attr_id, pattern in enumerate(stock.patterns):
            for alternative in pattern["patterns"]:
                conditions = self._conditions(alternative)
                indexed = next((c for attr in _INDEXED for c in conditions or () if c[0] == attr and c[1] == "IN"),
                               None)
                if pattern["index"] not in (0, -1) or indexed is None:
                    self.matcher.add(str(attr_id), [alternative])
                    continue
                for value in indexed[2]:
                    self.indexed[indexed[0], value].append((attr_id, conditions))

    def _conditions(self, alternative: list[dict]) -> list | None:
        """The conditions of a one-token pattern; None if the pattern needs the Matcher."""
        if len(alternative) != 1:
            return None
        conditions = [_condition(name, value, self.vocab.strings) for name, value in alternative[0].items()]
        return None if any(c is None for c in conditions) else conditions

    def _matching(self, signature: tuple[int, ...]) -> tuple[tuple[int, ...], dict]:
        """The one-token patterns a token of these (LOWER, DEP, TAG, IS_SPACE) values matches, and their attributes
        merged in pattern order."""
        values = dict(zip(_INDEXED, signature, strict=True))
        matched = sorted({attr_id for attr, value in values.items() for attr_id, conditions in
                          self.indexed.get((attr, value), ())
                          if all((values[a] in v) == (op == "IN") for a, op, v in conditions)})
        merged: dict = {}
        for attr_id in matched:
            merged.update(self.targets[attr_id][1])
        return tuple(matched), merged

    def __call__(self, doc: Doc) -> Doc:
        touched: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
        for match_id, start, end in self.matcher(doc, allow_missing=True):
            attr_id = int(self.vocab.strings[match_id])
            index = self.targets[attr_id][0]
            position = (start if index >= 0 else end) + index
            if not start <= position < end:
                raise ValueError(f"attribute ruler pattern {attr_id}: index {index} outside its match")
            touched[position].append((attr_id, start, end))
        for i, signature in enumerate(map(tuple, doc.to_array(list(_INDEXED)).tolist())):
            found = self.by_signature.get(signature)
            if found is None:
                if len(self.by_signature) >= MAX_CACHED:
                    self.by_signature.clear()
                found = self.by_signature[signature] = self._matching(signature)
            matched, merged = found
            if i in touched:  # patterns of several tokens apply here too: merge all in the stock order
                merged = {}
                for attr_id, *_ in sorted([*((a, i, i + 1) for a in matched), *touched[i]]):
                    merged.update(self.targets[attr_id][1])
            if merged:
                set_token_attrs(doc[i], merged)
        return doc


class CachedLemmatizer:
    """The stock rule lemmatizer's lemmas, each (ORTH, POS, MORPH) computed once (see the module docstring)."""

    def __init__(self, stock: Lemmatizer) -> None:
        self.stock = stock
        self.cache: dict[tuple[int, int, int], int] = {}
        index = stock.lookups.get_table("lemma_index", {})
        for pos in list(index):  # the stock rule tests `form in index[pos]`: a set answers as a list does, at once
            index[pos] = frozenset(index[pos])

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not self.stock.overwrite:
                continue
            key = (orth, pos, morph)
            found = self.cache.get(key)
            if found is None:
                if len(self.cache) >= MAX_CACHED:
                    self.cache.clear()
                found = self.cache[key] = self.vocab.strings.add(self.stock.lemmatize(doc[i])[0])
            lemmas[i] = found
        doc.from_array([LEMMA], lemmas.reshape(-1, 1).astype(numpy.uint64))
        return doc

    @property
    def vocab(self):
        return self.stock.vocab


def speed_up(nlp: Language) -> Language:
    """Swap an English pipeline's stock attribute ruler and rule lemmatizer for the stand-ins (in place)."""
    if nlp.lang != "en":
        return nlp
    for name, component in nlp.pipeline:
        if isinstance(component, AttributeRuler):
            _swap(nlp, name, IndexedAttributeRuler(component))
        elif isinstance(component, Lemmatizer) and component.mode == "rule":
            _swap(nlp, name, CachedLemmatizer(component))
    return nlp


def _swap(nlp: Language, name: str, replacement: object) -> None:
    position = nlp.component_names.index(name)
    nlp._components[position] = (name, replacement)  # spaCy has no public way to swap a component object
