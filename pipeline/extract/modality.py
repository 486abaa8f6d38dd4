"""How a trigger is asserted, read from the dependency parse: negated, hypothetical, told in the past perfect, part
of a grievance, central to its sentence. Word lists come from the lexicon's `lemmas` (seeds/triggers.yaml)."""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Token

from pipeline.extract.syntax import case_word, is_passive, is_ud, negates, prepositional_phrases

Lemmas = Mapping[str, frozenset[str]]

# ClearNLP labels, then their Universal Dependencies counterparts (pipeline/extract/syntax.py).
_GOVERNOR_DEPS = {"xcomp", "amod", "compound", "dobj", "pobj", "prep", "conj", "acomp", "pcomp", "nmod"}
_UD_GOVERNOR_DEPS = {"xcomp", "amod", "compound", "obj", "obl", "obl:mod", "obl:arg", "nmod", "conj"}
_CENTRAL_DEPS = {"conj", "xcomp", "ccomp", "advcl", "dobj", "nsubj", "nsubjpass", "pobj", "attr", "relcl", "acl",
                 "obj", "nsubj:pass", "obl", "obl:mod", "obl:arg", "obl:agent", "acl:relcl"}
# The steps from a word up to the verb whose complement holds it (ClearNLP and UD), for `_in_intent`.
_INTENT_PATH_DEPS = {"nsubj", "dobj", "obj", "pobj", "prep", "ccomp", "xcomp", "compound", "amod", "attr", "oprd",
                     "nmod", "obl"}
_SUBJECTS = {"nsubj", "nsubjpass", "nsubj:pass"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass", "agent", "aux", "neg", "nsubj:pass", "obl:agent", "aux:tense", "aux:pass"}
# English defaults of the word lists a language's lexicon may give (seeds/languages/<code>/triggers.yaml lemmas)
_NEGATING_DETERMINERS = frozenset({"no", "never", "neither", "nor"})
_CONDITIONAL_MARKS = frozenset({"if", "unless"})
_TARGET_PREPOSITIONS = frozenset({"on", "against", "for", "over"})
_GENERIC_MARKS = {"when", "whenever", "while"}
_FINITE_TAGS = {"VBD", "VBZ", "VBP"}  # English finite verb tags (UD models tag other schemes: no match there)


def is_central(token: Token) -> bool:
    """True when the token is the main predicate of its sentence or one step below it."""
    return token.dep_ == "ROOT" or (token.head.dep_ == "ROOT" and token.dep_ in _CENTRAL_DEPS)


def governors(token: Token) -> list[Token]:
    """The token and the words it hangs from, up to its clause's predicate (a conjoined verb with a subject of its
    own is a clause of its own: "vowed to retake the town, and on Monday they attacked a post")."""
    chain = [token]
    deps = _UD_GOVERNOR_DEPS if is_ud(token) else _GOVERNOR_DEPS
    while chain[-1].dep_ in deps and chain[-1].head.i != chain[-1].i and not _own_clause(chain[-1]):
        chain.append(chain[-1].head)
    return chain


def _own_clause(token: Token) -> bool:
    """A conjoined verb with its own subject, or a finite one joined to an infinitive ("vowed to fight corruption
    and attacked the red tape": "attacked" is no part of the vow)."""
    return token.dep_ == "conj" and token.pos_ in {"VERB", "AUX"} and (any(
        c.dep_ in {"nsubj", "nsubjpass", "nsubj:pass"} for c in token.children) or (
        token.tag_ in _FINITE_TAGS and token.head.tag_ == "VB"))


def is_negated(trigger: Token, lemmas: Lemmas) -> bool:
    """'did not attack', 'no clashes', 'neither injuries nor deaths', 'denied carrying out the strike'; a subject
    that is no one negates its own verb ("nobody was killed", "none of the passengers died")."""
    if _negative_subject(trigger, lemmas):
        return True
    for token in governors(trigger):
        if any(negates(c, lemmas.get("negators", _NEGATING_DETERMINERS)) for c in token.children):
            return True
        if token is not trigger and token.lemma_.lower() in lemmas["denials"]:
            return True
    return False


def _negative_subject(trigger: Token, lemmas: Lemmas) -> bool:
    """The subject of the trigger, or of the verb it completes ("no one was reported hurt"), is a word of
    `negative_subjects` without a determiner (« personne », not « une personne ») or a noun a negator determines
    ("no one", "no soldiers", « aucun passager »)."""
    verbs = [trigger, trigger.head] if trigger.dep_ in {"xcomp", "oprd"} else [trigger]
    negative = lemmas.get("negative_subjects", frozenset())
    negators = lemmas.get("negators", _NEGATING_DETERMINERS)
    return any(c.dep_ in _SUBJECTS and (
        (c.lower_ in negative and not any(d.dep_ == "det" for d in c.children))
        or any(negates(d, negators) for d in c.children)) for verb in verbs for c in verb.children)


def _announces(token: Token, trigger: Token, lemmas: Lemmas) -> bool:
    """A modal, a head such as 'threatened to', an intent verb as the trigger, a condition, a purpose or an
    infinitive that tells what a thing or a plan is for ("the means to attack")."""
    if any(c.dep_ == "aux" and c.lower_ in lemmas["modals"] for c in token.children):
        return True
    if token.tag_ == "MD" and token.lower_ in lemmas["modals"]:  # a modal parsed as the head ("will down tools")
        return True
    if is_ud(token) and any("Fut" in t.morph.get("Tense") for t in (token, *token.children)
                            if t is token or t.dep_.startswith("aux")):
        return True  # UD: the future tense ("seront détruits") tells what has not happened
    if token is not trigger and token.lemma_.lower() in lemmas["hypothetical_heads"]:
        return True
    if token is trigger and token.lemma_.lower() in lemmas["intent_verbs"] and (any(
            c.dep_ in {"xcomp", "ccomp"} or (c.dep_ in {"dobj", "obj"} and c.lemma_.lower() in lemmas.get(
                "announced_acts", frozenset())) for c in token.children) or any(
            _is_infinitive(t) for t in token.subtree if t is not token)):
        return True  # "threatened in a video released on Wednesday to resume attacks", "threatened strikes"
    if any(c.dep_ == "mark" and c.lower_ in lemmas.get("conditional_marks", _CONDITIONAL_MARKS)
           for c in token.children):
        return True
    if token is not trigger and is_ud(token) and any(  # a purpose: "pour aider à reprendre"
            c.dep_ == "mark" and c.lower_ in lemmas.get("purpose_marks", ()) for c in token.children):
        return True
    infinitive = _is_infinitive(token)
    if infinitive and token.dep_ in {"acl", "relcl"}:  # what something is for: "lacked the weapons to besiege"
        return True
    return token is not trigger and token.dep_ == "advcl" and infinitive  # a purpose: "released prisoners to help"


def _is_infinitive(token: Token) -> bool:
    """A verb with its infinitive marker ("to resume")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _hypothesis_scope(trigger: Token, lemmas: Lemmas) -> list[Token]:
    """The trigger's governors, carried on through a passive subject to its verb ("a ban … would be enforced") and
    through a participle clause of consequence to what it follows ("threatened to attack, prompting the police to
    step up patrols") — but not to an attempt, whose consequence happened ("tried to storm the base, killing three
    soldiers": lemmas attempt_verbs) — and through an infinitive of purpose to the act it is for, whose modality it
    shares ("feared armed groups would exploit the crisis to recruit")."""
    chain = governors(trigger)
    while chain[-1].head.i != chain[-1].i:
        participle = chain[-1].dep_ == "advcl" and chain[-1].tag_ == "VBG"
        purpose = chain[-1].dep_ == "advcl" and _is_infinitive(chain[-1])
        if not (participle or purpose) and not (chain[-1].dep_ in {"nsubjpass", "nsubj:pass"} and not any(
                c.dep_ == "aux" and c.lemma_ in {"have", "avoir"} for c in chain[-1].head.children)):
            break
        heads = governors(chain[-1].head)
        if participle and any(t.lemma_.lower() in lemmas["attempt_verbs"] for t in heads):
            break
        chain.extend(heads)
    return chain


def _in_intent(trigger: Token, lemmas: Lemmas) -> bool:
    """The trigger lies inside what an intent verb announces, however deep in its complement ("promised to make
    the fight against the militants a priority", "threatened in a video posted on Friday to attack"), not in a clause
    of cause or time beside it (lemmas intent_verbs)."""
    node, announced = trigger, False
    while node.head.i != node.i and (node.dep_ in _INTENT_PATH_DEPS or node.dep_ == "acl" or (
            node.dep_ == "advcl" and _is_infinitive(node))):
        announced = announced or node.dep_ in {"xcomp", "advcl"}
        if announced and node.head.lemma_.lower() in lemmas["intent_verbs"]:
            return True
        node = node.head
    return False


def is_hypothetical(trigger: Token, lemmas: Lemmas) -> bool:
    """Threats, plans, warnings and modal or conditional statements rather than reported events, and a trigger noun
    qualified as only possible ("d'éventuelles interpellations": lemmas hypothetical_modifiers)."""
    possible = lemmas.get("hypothetical_modifiers", ())
    return any(c.dep_ == "amod" and c.lemma_.lower() in possible for c in trigger.children) or any(
        _announces(token, trigger, lemmas) for token in _hypothesis_scope(trigger, lemmas)) or _in_intent(
        trigger, lemmas) or _subject_of_condition(trigger, lemmas) or _scheduled(trigger, lemmas)


def _scheduled(trigger: Token, lemmas: Lemmas) -> bool:
    """A measure named with the date it starts from ("announced a curfew from 8 p.m. on Friday", "a ban, to take
    effect from Monday", "imposed a curfew starting Saturday"): what is scheduled is a plan (lemmas schedule_marks;
    a verb trigger only when it imposes a measure: schedule_verbs).
    A span with an end ("from Monday to Wednesday") or a subject that did something ("fighting from Monday killed
    30") tells what happened."""
    marks = lemmas.get("schedule_marks", ())
    measure = trigger.pos_ == "NOUN" or trigger.lemma_.lower() in lemmas.get("schedule_verbs", ())
    if not marks or not measure or trigger.dep_.startswith("nsubj"):
        return False
    places = [trigger, *(c for c in trigger.children if c.dep_ in {"acl", "relcl", "dobj", "obj"})]
    if trigger.dep_ in {"dobj", "obj"}:
        places.append(trigger.head)
    ends = lemmas.get("span_ends", ())
    return any(c.lower_ in marks and any(t.ent_type_ in {"DATE", "TIME"} for t in c.subtree)
               and not any(t.lower_ in ends for t in c.subtree) for place in places for c in place.children)


def _subject_of_condition(trigger: Token, lemmas: Lemmas) -> bool:
    """The trigger is the subject of a conditional clause or of a modal verb ("if the offensive goes ahead",
    "fighting could displace 200,000 people"): what is supposed has not happened."""
    conditions = lemmas.get("conditional_marks", _CONDITIONAL_MARKS)
    return trigger.dep_ in {"nsubj", "nsubjpass", "nsubj:pass"} and any(
        (c.dep_ == "mark" and c.lower_ in conditions) or (c.dep_ == "aux" and c.lower_ in lemmas["modals"])
        for c in trigger.head.children)


def is_claimed(trigger: Token, lemmas: Lemmas) -> bool:
    """'accused the forces of torture', 'condemned attacks on civilians': the trigger is what a claim is about;
    a claim verb put after the fact with its subject after it reports the fact (« … ont été tuées lundi, a dénoncé
    mercredi un réseau de défense des droits humains »)."""
    node = trigger
    for _ in range(4):  # "accused the troops of killing civilians": killing → of → accused
        if node.head.i == node.i:
            return False
        node = node.head
        if node.lemma_.lower() in lemmas["claim_heads"]:
            return not _reporting_incise(node, trigger)
    return False


def _reporting_incise(verb: Token, trigger: Token) -> bool:
    """The verb follows the trigger after a comma with no subject before it (French inverts it, and parsers often
    read it as the object): an incise naming who reported the fact."""
    return verb.i > trigger.i and any(t.text == "," for t in verb.doc[trigger.i:verb.i]) and not any(
        c.dep_.startswith("nsubj") and c.i < verb.i for c in verb.children)


def is_display(trigger: Token, lemmas: Lemmas) -> bool:
    """'demonstrated high professionalism', 'this demonstrates that', 'as was demonstrated by the team': a verb of
    showing with an object or a clause, or in the passive (what is shown is its subject)."""
    return trigger.pos_ == "VERB" and trigger.lemma_.lower() in lemmas["display_verbs"] and (any(
        c.dep_ in {"dobj", "ccomp"} for c in trigger.children) or is_passive(trigger))


def _targets(trigger: Token, lemmas: Lemmas) -> list[Token]:
    """Heads of what a violence word is done to: its object or passive subject, the object of a preposition of
    targeting ("an attack on", "la lutte contre") and, for a noun object, that of its verb ("wage war on")."""
    heads = [c for c in trigger.children if c.dep_ in {"dobj", "nsubjpass", "obj", "nsubj:pass"}]
    holders = [trigger, trigger.head] if trigger.pos_ == "NOUN" and trigger.dep_ in {"dobj", "obj"} else [trigger]
    prepositions = lemmas.get("target_prepositions", _TARGET_PREPOSITIONS)
    for holder in holders:
        for child in holder.children:
            heads.extend(g for word, g in prepositional_phrases(child) if word in prepositions)
    return heads


def is_figurative(trigger: Token, lemmas: Lemmas) -> bool:
    """A verb of showing ('demonstrated high professionalism'), or a violence word used on an abstract thing ('battle
    the disease', 'fight corruption', 'an attack on the budget', 'the image is damaged')."""
    if is_display(trigger, lemmas) or _word_defined(trigger) or _depicted(trigger, lemmas):
        return True
    if trigger.lemma_.lower() not in lemmas["figurative_triggers"]:
        return False
    return any(t.lemma_.lower() in lemmas["abstract_targets"] or _with_modifier(t) in lemmas["abstract_targets"]
               for t in _targets(trigger, lemmas))


def _depicted(trigger: Token, lemmas: Lemmas) -> bool:
    """Violence a work of fiction or record shows: under a verb of depicting whose subject is the work ("the film
    follows a sniper who kills dozens", "the game depicts soldiers storming a city"), or in a clause set in it ("in
    the film, a sniper kills dozens"). Lemmas depiction_verbs and depicting_works."""
    verbs, works = lemmas.get("depiction_verbs", ()), lemmas.get("depicting_works", ())
    heads = _heads(trigger)
    return any(t.lemma_.lower() in verbs and any(c.dep_.startswith("nsubj") and c.lemma_.lower() in works
                                                 for c in t.children) for t in heads[1:]) or any(
        c.dep_ == "prep" and c.lower_ == "in" and any(g.dep_ == "pobj" and g.lemma_.lower() in works
                                                      for g in c.children) for t in heads for c in t.children)


_QUOTES = frozenset({'"', "'", "“", "”", "‘", "’", "«", "»"})


def _word_defined(trigger: Token) -> bool:
    """A violence word in quotation marks that is defined or named, not used: 'a "massacre" is a 4-0 win', 'fans
    call a big win a "massacre"', 'the word "ambush"'."""
    doc = trigger.doc
    quoted = 0 < trigger.i < len(doc) - 1 and doc[trigger.i - 1].text in _QUOTES and doc[trigger.i + 1].text in _QUOTES
    if not quoted:
        return False
    defined = trigger.dep_.startswith("nsubj") and trigger.head.lemma_ == "be" and any(
        c.dep_ == "attr" for c in trigger.head.children)
    return defined or trigger.dep_ in {"oprd", "appos"}


def _with_modifier(head: Token) -> str:
    """A noun with the modifier right before it, lower case ("red tape")."""
    before = head.doc[head.i - 1] if head.i > 0 else None
    return f"{before.lower_} {head.lower_}" if before is not None and before.head.i == head.i else head.lower_


def _heads(token: Token) -> list[Token]:
    """The token and every word above it, up to its sentence's root."""
    chain = [token]
    while chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def _is_habitual(token: Token) -> bool:
    """A clause that tells what happens in general, not what happened: a clausal subject ('to sing in a rally is
    not right') or a gerund after 'when' ('when holding a rally, they send buses')."""
    return token.dep_ == "csubj" or (token.dep_ == "advcl" and token.tag_ == "VBG" and any(
        c.lower_ in _GENERIC_MARKS and c.dep_ in {"advmod", "mark"} for c in token.children))


def is_generic(trigger: Token) -> bool:
    """'groups that have killed thousands': a relative clause in the present perfect describes, it reports nothing;
    nor does a trigger inside a habitual clause (`_is_habitual`)."""
    if trigger.dep_ == "relcl" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in trigger.children):
        return True
    return any(_is_habitual(token) for token in _heads(trigger))


def is_restated(trigger: Token, lemmas: Lemmas) -> bool:
    """'The attack was claimed by…', « L'attaque s'est produite … »: an event noun with a definite or demonstrative
    determiner refers back to an incident already told (lemmas definite_determiners)."""
    definite = lemmas.get("definite_determiners", frozenset({"the", "this", "that"}))
    return trigger.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in definite for c in trigger.children)


def is_past_perfect(trigger: Token, lemmas: Lemmas) -> bool:
    """'had captured': an event told as earlier than the report's story — unless it is what a source reports
    ("the army said its troops had repelled an attack": the tense of reported speech; lemmas reporting_verbs).
    The auxiliaries are the lemma list past_perfect_auxiliaries (English's "had" when a language gives none)."""
    auxiliaries = lemmas.get("past_perfect_auxiliaries", ("had",))
    if not any(c.dep_ in ("aux", "aux:tense") and c.lower_ in auxiliaries for c in trigger.children):
        return False
    reported = lemmas.get("reporting_verbs", ())
    return not any(t.dep_ == "ccomp" and t.head.lemma_.lower() in reported for t in governors(trigger))


def _attributed(clause: Token, verb: Token, lemmas: Lemmas) -> bool:
    """The clause is the fact a reporting verb after it attributes ("police shot dead three protesters, rights
    groups said"), not what someone says or demands."""
    return clause.i < verb.i and verb.lemma_.lower() in lemmas.get("reporting_verbs", ())


def in_grievance(token: Token, lemmas: Lemmas) -> bool:
    """The word belongs to what a protest is about or to an earlier cause, not to what happened
    ('demanding the release of those arrested', 'protested after prisoners were killed')."""
    node = token
    while node.head.i != node.i:
        parent = node.head
        if (parent.lemma_.lower() in lemmas["grievance_heads"] or parent.lower_ in {"against", "over"}) and (
                node.dep_ not in _SUBJECT_DEPS) and not _attributed(node, parent, lemmas):
            return True
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in lemmas["cause_marks"]
                                        for c in node.children):
            return True
        if parent.dep_ == "prep" and parent.lower_ in lemmas["cause_marks"]:
            return True
        if is_ud(node) and case_word(node) in lemmas["cause_marks"]:  # UD: "après la mort de …"
            return True
        node = parent
    return False
