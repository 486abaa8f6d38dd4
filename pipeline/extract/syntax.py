"""Reading a dependency parse in either label scheme the models use: the English models' ClearNLP labels (a
preposition heads its object: prep → pobj; dobj, nsubjpass, agent, neg) and Universal Dependencies (the French
models: the noun heads its preposition: obl/nmod ← case; obj, nsubj:pass, obl:agent, negation as Polarity=Neg).

Each helper answers one question in both schemes, so the argument extractor and the modality checks read any
language's parse the same way. UD labels never occur in an English parse, so English readings are unchanged.
"""

from __future__ import annotations

from spacy.tokens import Token

OBJECT_DEPS = frozenset({"dobj", "obj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "nsubj:pass"})
PATIENT_DEPS = OBJECT_DEPS | PASSIVE_SUBJECT_DEPS
_UD_OBLIQUE = ("obl", "nmod")  # a case-marked noun attached to a verb (obl, obl:mod, obl:arg) or a noun (nmod)
_PASSIVE_AGENT_CASES = frozenset({"par"})
# Verbs whose to/on/à object is who did it ("an attack blamed on militants", "une incursion attribuée aux ADF").
_ATTRIBUTION_VERBS = frozenset({"attribute", "blame", "ascribe", "attribuer", "imputer"})
_ATTRIBUTION_CASES = frozenset({"to", "on", "à", "au", "aux"})
_NEGATING_DEPS = frozenset({"det", "preconj"})
_UD_NEGATING_DEPS = frozenset({"det", "advmod", "cc", "mark", "case"})


def is_ud(token: Token) -> bool:
    """The token's parse uses Universal Dependencies labels (any model but the English ones)."""
    return token.doc.lang_ != "en"


def case_word(token: Token) -> str | None:
    """The preposition of a UD oblique or nominal modifier (its `case` child, lower-cased), else None."""
    if not is_ud(token) or token.dep_.split(":")[0] not in _UD_OBLIQUE:
        return None
    return next((child.lower_ for child in token.children if child.dep_ == "case"), None)


def prepositional_phrases(child: Token) -> list[tuple[str, Token]]:
    """(preposition, object) of a prepositional phrase a child of some head opens: an English prep and its pobj,
    or a UD obl/nmod child and its case word ("contre un convoi" → ("contre", convoi)); else []."""
    if child.dep_ == "prep":
        return [(child.lower_, grandchild) for grandchild in child.children if grandchild.dep_ == "pobj"]
    word = case_word(child)
    return [] if word is None else [(word, child)]


def preposition_of(token: Token) -> str | None:
    """The preposition governing a noun: its English prep head, or its UD case word."""
    if token.dep_ == "pobj" and token.head.dep_ == "prep":
        return token.head.lower_
    return case_word(token)


def is_passive(verb: Token) -> bool:
    """A passive verb: Voice=Pass, or a past participle with a passive auxiliary or modifying a noun ("23 civils
    tués", "civilians killed"; French models give participles no Voice)."""
    if "Pass" in verb.morph.get("Voice"):
        return True
    participle = "Part" in verb.morph.get("VerbForm") and "Past" in verb.morph.get("Tense")
    return participle and (verb.dep_ == "acl" or any(c.dep_ in ("aux:pass", "auxpass") for c in verb.children))


def agent_objects(child: Token) -> list[Token]:
    """The agent phrase a child of a passive verb opens: English agent → pobj; UD obl:agent, or a `par`
    oblique of a passive verb (`is_passive`); the to/on/à object of a verb of attribution; else []."""
    if child.dep_ == "agent":
        return [t for t in child.children if t.dep_ == "pobj"]
    if child.head.lemma_.lower() in _ATTRIBUTION_VERBS:
        return [noun for case, noun in prepositional_phrases(child) if case in _ATTRIBUTION_CASES]
    passive = is_passive(child.head)
    if child.dep_ == "obl:agent" or (passive and case_word(child) in _PASSIVE_AGENT_CASES):
        return [child]
    return []


def negates(child: Token, negating_words: frozenset[str]) -> bool:
    """The child negates its head: English `neg`; a UD adverb with Polarity=Neg ("ne … pas", "jamais"); a
    negating determiner or word of the language ("no", "aucun")."""
    if child.dep_ == "neg":
        return True
    if is_ud(child) and child.dep_ in {"advmod", "cc", "mark"} and "Neg" in child.morph.get("Polarity"):
        return True
    deps = _UD_NEGATING_DEPS if is_ud(child) else _NEGATING_DEPS
    return child.lower_ in negating_words and child.dep_ in deps
