"""Stage *frame*: the arguments of a candidate's trigger — who acted, on whom, when and how many died — read from the
dependency parse, the article's date expressions and the passage's death counts.

`participants` is the one argument extractor: the codebook features read the party classes (armed, civilian, mob,
state, …) of its phrases, the actor stage resolves the same phrases to ACLED actors.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from pipeline.extract.detect import TermHit
from pipeline.extract.modality import (
    Lemmas,
    is_claimed,
    is_figurative,
    is_generic,
    is_hypothetical,
    is_negated,
    is_past_perfect,
    is_restated,
)
from pipeline.extract.syntax import (
    OBJECT_DEPS,
    PATIENT_DEPS,
    agent_objects,
    case_word,
    is_passive,
    is_ud,
    preposition_of,
    prepositional_phrases,
)
from pipeline.normalize.dates import nearest_date
from pipeline.normalize.fatalities import FatalityTerms, count_fatalities
from pipeline.records import FatalityCount, ResolvedDate

# Dependency labels of both schemes (pipeline/extract/syntax.py); the closed-class words after them are English's
# and French's (prepositions, reporting verbs), the languages the project reads.
_NOUN_ATTACHMENTS = {"pobj", "prep", "dobj", "nsubj", "nsubjpass", "compound"}
_UD_NOUN_ATTACHMENTS = {"obj", "nsubj", "nsubj:pass", "obl", "obl:mod", "obl:arg", "nmod", "compound"}
_TIME_ENTITIES = {"DATE", "TIME"}
_TIME_WORDS = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "soir", "matin", "nuit",
               "veille", "semaine", "jour", "heure", "heures"}  # UD models tag no DATE entities
_TARGET_PREPOSITIONS = {"against", "on", "at", "upon", "targeting", "into", "with", "contre", "sur", "visant"}
_ARGUMENT_PREPOSITIONS = {"à", "au", "aux"}  # UD obl:arg only: "opposé les FARDC aux rebelles" (else a place)
_CAUSE_PREPOSITIONS = {"in", "during", "from", "dans", "lors", "pendant"}
_SOURCE_PREPOSITIONS = {"from"}  # with a direct object: what was taken from whom
_BETWEEN = {"between", "entre"}
_OF = {"of", "de", "du", "des", "d'"}
_CUT_DEPS = {"relcl", "acl", "advcl", "appos", "punct", "cc", "conj", "prep", "acl:relcl", "obl", "obl:mod"}
_KEPT_PREPOSITIONS = {"of", "from"}
_REPORTING_VERBS = {"say", "report", "tell", "add", "state", "claim", "announce", "confirm", "observe",
                    "dire", "déclarer", "affirmer", "indiquer", "annoncer", "rapporter", "préciser", "confirmer",
                    "ajouter", "expliquer", "assurer", "raconter", "témoigner", "signaler", "souligner"}


def phrase_core(head: Token) -> list[Token]:
    """The words that say who a noun phrase is: its head with modifiers, 'of' complements and conjuncts
    ("positions of the militia", "soldiers and civilians"), not its places or times ("men in the village")."""
    core = [head]
    for child in head.children:
        if child.dep_ in {"compound", "amod", "nmod", "nummod"}:
            core.extend(child.subtree)
        elif child.dep_ == "conj":
            core.extend(phrase_core(child))
        elif child.dep_ == "prep" and child.lower_ == "of":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    core.extend(phrase_core(grandchild))
        elif child.dep_ == "nmod" and case_word(child) in _OF:  # UD: "positions de la milice"
            core.extend(phrase_core(child))
    return core


def argument_tokens(token: Token) -> tuple[list[Token], list[Token]]:
    """Tokens of the agent and patient phrases of a trigger word (its participants' phrase cores)."""
    agents, patients = participants(token)
    return [t for a in agents for t in phrase_core(a)], [t for p in patients for t in phrase_core(p)]


def participants(predicate: Token) -> tuple[list[Token], list[Token]]:
    """Heads of the agent-like and patient-like participants of an event predicate (verb or event noun), in order
    of confidence: the phrases the actor stage resolves."""
    agents: list[Token] = []
    patients: list[Token] = []
    predicate = _reported_clause(predicate)
    if predicate.pos_ in ("NOUN", "PROPN"):
        # misparsed "Hundreds of nurses protested ...": the noun is the subject of its clausal modifier
        for clause in (t for t in predicate.children if t.dep_ in ("acl", "relcl") and t.pos_ == "VERB"):
            agents.append(predicate)
            _collect_participants(clause, agents, patients, own_subject=False)
    for verb in [predicate, *(t for t in predicate.children if t.dep_ == "conj" and t.pos_ == "VERB")]:
        _collect_participants(verb, agents, patients, own_subject=verb is predicate)
    if not agents and predicate.dep_ in ("conj", "xcomp", "advcl") and predicate.head is not predicate:
        agents.extend(t for t in predicate.head.children if t.dep_ == "nsubj")
    if predicate.dep_ == "acl" and is_passive(predicate):  # "23 civils tués", "civilians killed": the noun suffers
        patients.append(predicate.head)
    if not patients and is_passive(predicate):  # misparsed "70 personnes ont été tuées": the counted noun suffers
        patients.extend(c for c in predicate.children
                        if c.pos_ == "NOUN" and any(g.dep_ == "nummod" for g in c.children))
    for noun in [p for p in patients if p.pos_ in ("NOUN", "PROPN")]:
        # "launched an attack on X", "conducted airstrikes targeting X": arguments of the event noun
        _collect_participants(noun, [], patients, own_subject=False)
    return agents, patients


def _reported_clause(token: Token) -> Token:
    """Skip a reporting verb ('a monitor said', 'HPG reported that ...') to the clause it reports."""
    if token.lemma_ in _REPORTING_VERBS:
        reported = ("ccomp", "parataxis") if is_ud(token) else ("ccomp",)
        return next((t for t in token.children if t.dep_ in reported), token)
    return token


def is_patient(token: Token) -> bool:
    """The token heads a phrase in a patient role: object or passive subject of a verb, object of a preposition
    of targeting ("fired at", "clashed with")."""
    if token.dep_ in PATIENT_DEPS:
        return token.head.pos_ in ("VERB", "AUX")
    preposition = preposition_of(token)
    targeting = preposition in _TARGET_PREPOSITIONS or (
        token.dep_ == "obl:arg" and preposition in _ARGUMENT_PREPOSITIONS)
    return targeting and (  # "on Monday" is a time, not a target
        token.ent_type_ not in _TIME_ENTITIES and token.lower_ not in _TIME_WORDS)


def _collect_participants(head: Token, agents: list[Token], patients: list[Token], *, own_subject: bool) -> None:
    for child in head.children:
        if child.dep_ in ("nsubj", "csubj") and own_subject:
            agents.append(child)
        elif agent := agent_objects(child):
            agents.extend(agent)
        elif child.dep_ in PATIENT_DEPS and is_patient(child):
            patients.append(child)
        elif child.dep_ in ("xcomp", "advcl", "acl") and child.lower_ in ("targeting", "visant"):
            patients.extend(t for t in child.children if t.dep_ in OBJECT_DEPS)
        elif child.dep_ in ("poss", "compound", "amod") and head.pos_ in ("NOUN", "PROPN") and own_subject:
            agents.append(child)
        else:
            _collect_prepositional(head, prepositional_phrases(child), agents, patients)


def _collect_prepositional(head: Token, phrases: list[tuple[str, Token]], agents: list[Token],
                           patients: list[Token]) -> None:
    for preposition, noun in phrases:
        if is_patient(noun):
            patients.append(noun)
        elif preposition in _CAUSE_PREPOSITIONS and head.pos_ == "VERB" and not (
                preposition in _SOURCE_PREPOSITIONS and any(c.dep_ in OBJECT_DEPS for c in head.children)):
            # "killed in suspected US-led airstrikes": the cause names the perpetrator ("retook the town from the
            # rebels" names whom it was taken from)
            agents.extend([noun] if noun.pos_ == "NOUN" else [])
        elif preposition in _BETWEEN:
            agents.append(noun)
            patients.extend(noun.conjuncts)


def mention_text(head: Token, max_tokens: int) -> str:
    """The noun phrase of an argument head: its subtree without clauses, appositions and most prepositions (at
    most `max_tokens` words)."""
    tokens = []

    def walk(token: Token) -> None:
        for child in token.children:
            if child.i < token.i and child.dep_ not in _CUT_DEPS:
                walk(child)
        tokens.append(token)
        for child in token.children:
            kept = child.dep_ not in _CUT_DEPS or (child.dep_ == "prep" and child.lower_ in _KEPT_PREPOSITIONS)
            if child.i > token.i and kept:
                walk(child)

    walk(head)
    tokens.sort(key=lambda t: t.i)
    return " ".join(t.text for t in tokens[:max_tokens])


def event_predicate(trigger: Token) -> Token:
    """The verb an event noun hangs from ("killed in airstrikes", "launched an assault"), else the trigger."""
    token = trigger
    attachments = _UD_NOUN_ATTACHMENTS if is_ud(trigger) else _NOUN_ATTACHMENTS
    for _ in range(3):
        if token.pos_ not in {"NOUN", "PROPN", "ADP"} or token.dep_ not in attachments or token.head.i == token.i:
            break
        token = token.head
        if token.pos_ == "VERB":
            return token
    return trigger


def is_accusation(token: Token, lemmas: Lemmas) -> bool:
    """A verb of accusing or blaming that heads a clause ("accused the troops of ..."), not an attribute ("alleged
    mercenaries")."""
    return token.pos_ == "VERB" and token.dep_ not in {"amod", "compound"} and token.lemma_.lower() in lemmas[
        "claim_heads"]


def event_report(text: str, passage: Span, trigger_sentence: int, dates: Sequence[ResolvedDate],
                 terms: FatalityTerms, lemmas: Lemmas) -> tuple[str, list[tuple[int, int]]]:
    """The passage's text with the sentences that are no report of the event blanked (offsets kept), and the char
    spans of those kept, relative to the passage. The trigger's sentence always reports it; another sentence does
    not when it tells a total or a history over a period, is dated before the report window, tells deaths in
    the present perfect without a date of its own ("the insurgency has killed thousands") or is an accusation
    ("rights groups accused the troops of killing civilians")."""
    base = passage.start_char
    chars = list(text[base:passage.end_char])
    kept = []
    for sentence in passage.sents:
        start, end = sentence.start_char, sentence.end_char
        own = [d for d in dates if start <= d.start < end]
        total = (terms.period.search(sentence.text) or any(d.is_before_report_window for d in own)
                 or (not own and terms.perfect_total.search(sentence.text))
                 or any(is_accusation(t, lemmas) for t in sentence))
        if start == trigger_sentence or not total:
            kept.append((start - base, end - base))
        else:
            chars[start - base:end - base] = " " * (end - start)
    return "".join(chars), kept


@dataclass(frozen=True)
class Frame:
    """A candidate framed around the trigger its code chose (doc token indices, char offsets into the text)."""

    trigger_start: int
    trigger_end: int
    predicate: int  # the verb the event hangs from (the trigger itself for a verb)
    agents: tuple[int, ...]  # heads of the participants' phrases (see `participants`)
    patients: tuple[int, ...]
    agent_text: str  # those phrases as written, "; "-separated
    patient_text: str
    passage_start: int  # token range of the passage
    passage_end: int
    start_char: int  # char range of the passage
    end_char: int
    sentence_start: int  # char range of the trigger's sentence (the evidence)
    sentence_end: int
    date: ResolvedDate | None  # the passage's own date expression nearest the trigger, if any
    count: FatalityCount  # deaths the passage reports
    negated: bool  # the trigger itself is negated / hypothetical / in the past perfect
    hypothetical: bool
    past_perfect: bool
    hit_negated: bool  # some trigger hit of the passage is negated
    over_period: bool  # the trigger's sentence tells a total, a habit or a history over a period
    claimed: bool  # the trigger is what someone accuses, blames or condemns
    figurative: bool  # a verb of showing ("demonstrated professionalism") or violence done to an abstract thing
    verbal: bool  # the trigger is a statement verb ("rejected", "demanded")
    restated: bool = False  # a definite event noun ("the attack") that refers back to an incident already told
    earlier_incident: bool = False  # the trigger's or the passage's first sentence tells an earlier incident


def _date_token(doc: Doc, expression: ResolvedDate) -> Token:
    return doc[doc.char_span(expression.start, expression.end, alignment_mode="expand").start]


def _verb_of(token: Token) -> Token | None:
    """The verb a date hangs from ("on Wednesday buried" → buried)."""
    return next((t for t in token.ancestors if t.pos_ in {"VERB", "AUX"}), None)


def _fronted(token: Token, verb: Token) -> bool:
    """Whether a date opens its clause before the verb's subject ("On 3 May, forces took …"): it dates the whole
    sentence's story, not only that verb."""
    subjects = [t.left_edge.i for t in verb.children if t.dep_.startswith("nsubj")]
    return bool(subjects) and token.i < min(subjects)


def event_clause_dates(doc: Doc, predicate: Token, hits: Sequence[TermHit],
                       dates: Sequence[ResolvedDate]) -> list[ResolvedDate]:
    """`dates` without those of a verb above the event's clause that tells no event (no trigger, no event noun
    hanging from it), when the clause has a date of its own: "residents on Wednesday buried ten of those killed
    when rebels raided the town on Monday night" dates the killing Monday, not the burial day. A date opening the
    sentence stays ("On 3 May, …")."""
    clause = {t.i for t in predicate.subtree}
    if not any(_date_token(doc, d).i in clause for d in dates):
        return list(dates)
    events = {i for hit in hits for i in (*range(hit.start, hit.end), event_predicate(doc[hit.start]).i)}
    above = {t.i for t in predicate.ancestors} - events

    def of_other_story(expression: ResolvedDate) -> bool:
        token = _date_token(doc, expression)
        verb = _verb_of(token)
        return verb is not None and verb.i in above and not _fronted(token, verb)

    return [d for d in dates if not of_other_story(d)]


def frame_candidate(doc: Doc, passage: tuple[int, int], trigger: TermHit, hits: Sequence[TermHit],
                    dates: Sequence[ResolvedDate], sentence_starts: Sequence[int], lemmas: Lemmas,
                    fatality_terms: FatalityTerms, max_mention_tokens: int) -> Frame:
    """Frame the passage doc[passage] around `trigger`: its participants, its date among the article's `dates`,
    its death count."""
    token = doc[trigger.start]
    predicate = event_predicate(token)
    agents, patients = participants(predicate)
    start_char, end_char = doc[passage[0]:passage[1]].start_char, doc[passage[0]:passage[1]].end_char
    own_dates = [d for d in dates if start_char <= d.start < end_char]
    article_text = doc.text  # joined from the tokens at every call: once
    text, sentences = event_report(article_text, doc[passage[0]:passage[1]], token.sent.start_char, own_dates,
                                   fatality_terms, lemmas)
    return Frame(
        trigger_start=trigger.start, trigger_end=trigger.end, predicate=predicate.i,
        agents=tuple(t.i for t in agents), patients=tuple(t.i for t in patients),
        agent_text="; ".join(mention_text(t, max_mention_tokens) for t in agents),
        patient_text="; ".join(mention_text(t, max_mention_tokens) for t in patients),
        passage_start=passage[0], passage_end=passage[1], start_char=start_char, end_char=end_char,
        sentence_start=token.sent.start_char, sentence_end=token.sent.end_char,
        date=nearest_date(article_text, event_clause_dates(doc, predicate, hits, own_dates), token.idx,
                          sentence_starts),
        count=count_fatalities(text, fatality_terms, sentences),
        over_period=fatality_terms.period.search(token.sent.text) is not None or is_generic(token),
        claimed=is_claimed(token, lemmas), figurative=is_figurative(token, lemmas),
        verbal=token.lemma_.lower() in lemmas["statement_verbs"], restated=is_restated(token, lemmas),
        negated=is_negated(token, lemmas), hypothetical=is_hypothetical(token, lemmas),
        past_perfect=is_past_perfect(token, lemmas), hit_negated=any(is_negated(doc[h.start], lemmas) for h in hits),
        earlier_incident=any(fatality_terms.other_event.search(s.text) for s in {token.sent, doc[passage[0]].sent}),
    )
