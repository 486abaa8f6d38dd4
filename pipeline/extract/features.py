"""Named features of a candidate passage that the codebook rules (seeds/codebook_rules.yaml) decide on.

One function per feature, registered under its name with `@feature`; a feature may read other features, and each
is computed at most once per passage, only when a rule asks for it. Label groups (`groups` in the rules file) name
the sub-event types a feature looks at, so no ACLED type is spelled out here.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Token

from pipeline.extract.detect import TermHit
from pipeline.extract.frame import argument_tokens, is_patient, participants, phrase_core
from pipeline.extract.lexicon import TriggerLexicon
from pipeline.extract.modality import Lemmas, in_grievance, is_central, is_negated
from pipeline.extract.parameters import CodeParameters
from pipeline.extract.syntax import OBJECT_DEPS, is_passive

FEATURES: dict[str, Callable[[Features], Any]] = {}
_NAME_ENTITIES = {"GPE", "LOC", "FAC", "PERSON", "DATE", "ORG", "PER"}  # entity labels (OntoNotes and WikiNER)
_TOLLS = {"lethal", "death"}  # cue labels of harm that a negation cancels
_ARMED_PARTIES = {"armed", "faction"}  # cue labels of a perpetrator that is an armed party


def feature(function: Callable[[Features], Any]) -> Callable[[Features], Any]:
    """Register a feature under the function's name."""
    FEATURES[function.__name__] = function
    return function


class Weights(dict):
    """Label -> weight of its strongest hit; a label without hits weighs 0."""

    def __missing__(self, label: str) -> float:
        return 0.0


@dataclass(frozen=True)
class Passage:
    """What the features read: the passage's tokens and its trigger and cue hits (doc token indices)."""

    doc: Doc
    tokens: Sequence[Token]
    hits: Sequence[TermHit]  # asserted hits when there are any, with weapon names and relabelling applied
    cue_hits: Sequence[TermHit]
    lexicon: TriggerLexicon
    groups: Mapping[str, frozenset[str]]
    parameters: CodeParameters
    place_tokens: Collection[int] = frozenset()  # doc indices of tokens in toponyms the gazetteer resolved


class Features(Mapping[str, Any]):
    """The features of one passage, computed on demand (a read-only mapping for the rule engine)."""

    def __init__(self, passage: Passage, constants: Mapping[str, Any]):
        self.passage = passage
        self._values: dict[str, Any] = dict(constants)

    def __getitem__(self, name: str) -> Any:
        if name not in self._values:
            self._values[name] = FEATURES[name](self)
        return self._values[name]

    def __iter__(self):
        return iter(FEATURES)

    def __len__(self) -> int:
        return len(FEATURES)

    def group(self, name: str) -> frozenset[str]:
        return self.passage.groups[name]

    def party_classes(self, tokens: Iterable[Token]) -> set[str]:
        """Cue labels (armed, civilian, mob, state, …) of a phrase's words."""
        return {hit.label for hit in self.passage.lexicon.cues.find_in(sorted(tokens, key=lambda t: t.i))}

    def strongest(self, labels: Collection[str] | None = None, hits: Iterable[TermHit] | None = None) -> TermHit | None:
        """The heaviest (then earliest) hit, among those of `labels` when given."""
        chosen = [h for h in (self.passage.hits if hits is None else hits) if labels is None or h.label in labels]
        return max(chosen, key=lambda h: (h.weight, -h.start), default=None)

    def violence_on(self, trigger: Token) -> tuple[str, str]:
        """(perpetrator class, target class) of a violent act: perpetrator 'armed', 'mob' (an unarmed crowd) or
        'unknown'; target 'armed', 'civilian' or 'unknown'; armed targets outrank civilian ones. A target's head noun
        counts by itself too ("suicide bombers" are bombers, whatever the longer cue says), and so does the owner
        of the group it belongs to ("a member of the army's 9th Division")."""
        agent_heads, patient_heads = participants(trigger)
        agent_classes = [self.party_classes(phrase_core(head)) for head in agent_heads]
        if any("mob" in c and "armed" not in c for c in agent_classes):
            perpetrator = "mob"
        else:
            perpetrator = "armed" if any(c & _ARMED_PARTIES for c in agent_classes) else "unknown"
        targets = set().union(*(self.party_classes(phrase_core(head)) | self.party_classes([head])
                                | self.party_classes(_owners_of_groups(head)) for head in patient_heads))
        if not targets & {"civilian", "armed"}:
            if "civilian_site" in targets:
                targets.add("civilian")
            else:
                agent_ids = {t.i for head in agent_heads for t in head.subtree}
                others = [t for t in self.passage.tokens if is_patient(t) and t.i not in agent_ids]
                targets = set().union(*(self.party_classes(phrase_core(head)) for head in others))
        target = "armed" if "armed" in targets else ("civilian" if "civilian" in targets else "unknown")
        return perpetrator, target


def _owners_of_groups(head: Token) -> list[Token]:
    """The possessors of the groups a phrase's head belongs to ("the army" of "a member of the army's unit")."""
    groups = [t for t in phrase_core(head) if t.dep_ == "pobj" and t.head.lower_ == "of"]
    return [w for g in groups for c in g.children if c.dep_ == "poss" for w in c.subtree]


def label_weights(hits: Iterable[TermHit]) -> Weights:
    """The weight of the strongest hit of each label."""
    weights = Weights()
    for hit in hits:
        weights[hit.label] = max(weights[hit.label], hit.weight)
    return weights


# ---- evidence of the passage ----------------------------------------------------------------------------------
@feature
def weight(f: Features) -> Weights:
    """Label -> weight of its strongest trigger hit."""
    return label_weights(f.passage.hits)


@feature
def cues(f: Features) -> frozenset[str]:
    """Cue labels found in the passage (a denied 'lethal' or 'death' cue does not count: 'no one was killed')."""
    return frozenset(h.label for h in f.passage.cue_hits
                     if h.label not in _TOLLS or not is_negated(f.passage.doc[h.start], f.passage.lexicon.lemmas))


@feature
def candidates(f: Features) -> list[TermHit]:
    """Hits heavy enough to make the passage an event by themselves."""
    return [h for h in f.passage.hits if h.weight >= f["candidate_weight"]]


# ---- explosions and remote violence ---------------------------------------------------------------------------
@feature
def heavy(f: Features) -> frozenset[str]:
    """Explosion sub-types named by strong terms."""
    return frozenset(k for k, v in f["weight"].items() if k in f.group("explosions") and v >= f["strong_weight"])


@feature
def heavy_fire(f: Features) -> frozenset[str]:
    """`heavy`, plus air strikes named with a violent act, and with a planted-explosive term read as shelling when
    the passage speaks of remote fire ('an explosion caused by projectiles')."""
    fire = set(f["heavy"])
    weights, violent = f["weight"], f["violent"]
    if weights[_one(f, "air_strike")] >= f["candidate_weight"] and violent is not None and (
            violent.weight >= f["candidate_weight"]):
        fire.add(_one(f, "air_strike"))
    if weights[_one(f, "planted_explosive")] < f.passage.parameters.planted_explosive_weight and (
            "indirect_fire" in f["cues"]):
        fire.discard(_one(f, "planted_explosive"))
        fire.add(_one(f, "shelling"))
    return frozenset(fire)


@feature
def heavy_fire_first(f: Features) -> str | None:
    """The `heavy_fire` sub-type of highest precedence."""
    return min(f["heavy_fire"], key=f.passage.lexicon.precedence, default=None)


def _one(f: Features, group: str) -> str:
    (label,) = f.group(group)
    return label


# ---- demonstrations and crowds -------------------------------------------------------------------------------
@feature
def demonstration(f: Features) -> str | None:
    """The protest or riot sub-type when the passage reports a gathering (by what the crowd and the authorities
    did; a crowd that was dispersed gathered), else None; triggers and cues inside a grievance ('demanding the
    release of those arrested'), of the crowd's own dispersal, of force on someone else or naming a party ('riot
    police') do not count, and violence done to the crowd is an intervention, not a riot."""
    p = f.passage
    hits = [h for h in p.hits
            if not (_discounted(f, h, f.group("force_on_protesters")) or _names_a_party(f, p.doc[h.end - 1]))]
    cue_labels = {c.label for c in p.cue_hits
                  if c.label == "grievance" or not _discounted(f, c, {"force_on_protesters"})}
    protest_hits = [h for h in hits if h.label in f.group("protests") and h.weight >= f["candidate_weight"]]
    gatherings = [h for h in protest_hits if h.label in f.group("gathering")]
    grievance = "grievance" in cue_labels
    strong_gathering = any(h.weight >= f["strong_weight"] for h in gatherings)
    corroborated = bool(gatherings) and len({h.start for h in protest_hits}) + grievance >= 2
    group_with_grievance = grievance and "mob" in cue_labels and "armed" not in cue_labels
    crowd_broken_up = "mob" in cue_labels and any(h.label in f.group("intervention") for h in protest_hits)
    if not (strong_gathering or corroborated or group_with_grievance or crowd_broken_up):
        return None
    on_crowd = [h for h in [*hits, *p.cue_hits] if _violence_on_crowd(f, h)]
    labels = {h.label for h in hits if h not in on_crowd}
    crowd_violence = any(c.label == "protester_violence" and c not in on_crowd and not _discounted(f, c, ())
                         for c in p.cue_hits)
    if labels & f.group("riot") or crowd_violence:
        return _one(f, "riot")
    if labels & f.group("force_on_protesters") or {"force_on_protesters", "armed"} <= cue_labels:
        return _one(f, "force_on_protesters")
    if labels & f.group("intervention") or "intervention" in cue_labels or on_crowd or _protesters_arrested(
            f, hits, protest_hits) or _authorities_restrain(f, protest_hits):
        return _one(f, "intervention")
    return _one(f, "gathering")


def _violence_on_crowd(f: Features, hit: TermHit) -> bool:
    """A riot word that tells violence done to the gathering, not by it: its agent is armed ("police beat the
    demonstrators", "soldiers stormed the march") or what it hit is the crowd ("attacked the protest")."""
    word = f.passage.doc[hit.start]
    if hit.label not in {*f.group("riot"), "protester_violence"} or any(
            h.label in f.group("clash") and h.weight >= f["strong_weight"]
            for h in f.passage.lexicon.triggers.find_in([word])):
        return False  # a clash has two sides: "police clashed with protesters" is the crowd's violence too
    agents, patients = argument_tokens(word)
    victims = f.party_classes(patients)
    return "armed" in f.party_classes(agents) or ("mob" in victims and "armed" not in victims)


def _discounted(f: Features, hit: TermHit, force: Collection[str]) -> bool:
    """A word that tells nothing of what happened at the gathering: inside its grievance, the crowd's own
    dispersal, a march that leads someone away, a word of a name, or, for force (labels `force`), what a relative
    clause tells of someone else ("the body of a man who was killed")."""
    token, lemmas = f.passage.doc[hit.start], f.passage.lexicon.lemmas
    return (in_grievance(token, lemmas) or _self_dispersal(token, lemmas) or _leads_away(token, lemmas)
            or _in_a_name(token) or (hit.label in force and _of_someone_else(f, token)))


def _of_someone_else(f: Features, token: Token) -> bool:
    """The word is inside a relative clause on a person who is not of the crowd ("a constable who was shot dead";
    but "protesters who were shot" are the crowd, and "clashes, which left five injured" tell the event)."""
    node = token
    while node.head.i != node.i and node.dep_ != "relcl":
        node = node.head
    if node.dep_ != "relcl":
        return False
    person = f.party_classes(phrase_core(node.head))
    return bool(person & {"civilian", "armed"}) and "mob" not in person


def _in_a_name(token: Token) -> bool:
    """A word inside a name of a place, a person or a date ("of Marchland", "in March"): a protest word's stem matched
    by chance."""
    return token.pos_ == "PROPN" and token.ent_type_ in _NAME_ENTITIES


def _names_a_party(f: Features, token: Token) -> bool:
    """A word that only names an armed party's kind ("riot police", "anti-riot units"): no riot happened."""
    return token.dep_ in {"compound", "amod", "nmod"} and token.head.i > token.i and (
        "armed" in f.party_classes([token.head]))


def _leads_away(token: Token, lemmas: Lemmas) -> bool:
    """A verb of marching with an object ("marched the pupils into the forest"): captives led away, no protest
    (lemmas escort_verbs)."""
    return token.pos_ == "VERB" and token.lemma_.lower() in lemmas["escort_verbs"] and any(
        c.dep_ in OBJECT_DEPS for c in token.children)


def _self_dispersal(token: Token, lemmas: Lemmas) -> bool:
    """A crowd breaking up by itself: a dispersal verb with no object that is not passive, or reflexive ("the
    marchers dispersed peacefully", "le cortège s'est dispersé"), which tells no intervention."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in lemmas["dispersal_verbs"]:
        return False
    reflexive = any(c.dep_.startswith("expl") for c in token.children)
    return reflexive or not (is_passive(token) or any(c.dep_ in OBJECT_DEPS for c in token.children))


def _protesters_arrested(f: Features, hits: Sequence[TermHit], protest_hits: Sequence[TermHit]) -> bool:
    """Arrests of the gathering: an arrest verb in a protest sentence, one whose object is a crowd, or, after the
    first protest sentence, arrests of several ("14 were detained by the police", "several arrests were made";
    not "he was arrested", which tells of one person, often the protest's cause)."""
    doc = f.passage.doc
    protest_sentences = {doc[h.start].sent.start for h in protest_hits}
    first_protest = min(protest_sentences, default=len(doc))
    for hit in (h for h in hits if h.label in f.group("arrests")):
        token = doc[hit.start]
        arrested = argument_tokens(token)[1]
        if (token.pos_ == "VERB" and token.sent.start in protest_sentences) or "mob" in f.party_classes(arrested):
            return True
        if token.sent.start > first_protest and _several(token if token.pos_ == "NOUN" else None, arrested):
            return True
    return False


def _authorities_restrain(f: Features, protest_hits: Sequence[TermHit]) -> bool:
    """Armed authorities physically stop the gathering without force: a verb of restraint with an armed agent, in a
    protest sentence or done to a crowd ("soldiers stopped protesters from pitching tents", "police reopened the
    road"; lemmas restraint_verbs)."""
    doc, lemmas = f.passage.doc, f.passage.lexicon.lemmas
    protest_sentences = {doc[h.start].sent.start for h in protest_hits}
    for token in f.passage.tokens:
        if token.pos_ != "VERB" or token.lemma_.lower() not in lemmas["restraint_verbs"] or is_negated(
                token, lemmas) or in_grievance(token, lemmas):
            continue
        agents, patients = argument_tokens(token)
        if "armed" in f.party_classes(agents) and (
                token.sent.start in protest_sentences or "mob" in f.party_classes(patients)):
            return True
    return False


def _several(noun: Token | None, people: Sequence[Token]) -> bool:
    """A plural event noun ("arrests"), or a plural or counted (in digits, more than one) group of people."""
    if noun is not None:
        return "Plur" in noun.morph.get("Number")
    return any("Plur" in t.morph.get("Number") or (t.text.isdigit() and int(t.text) > 1) for t in people)


@feature
def violent(f: Features) -> TermHit | None:
    """The strongest hit of a violent act (attack, clash, mob violence)."""
    return f.strongest(f.group("violent_acts"))


@feature
def violent_label(f: Features) -> str | None:
    return f["violent"].label if f["violent"] else None


@feature
def riot_act(f: Features) -> TermHit | None:
    """The strongest riot hit."""
    return f.strongest(f.group("riots"))


@feature
def riot_label(f: Features) -> str | None:
    return f["riot_act"].label if f["riot_act"] else None


@feature
def act(f: Features) -> TermHit | None:
    """The violent act the passage reports: a heavy violent hit, else a riot hit."""
    violent = f["violent"]
    return violent if violent is not None and violent.weight >= f["candidate_weight"] else f["riot_act"]


@feature
def roles(f: Features) -> tuple[str, str]:
    act = f["act"]
    return f.violence_on(f.passage.doc[act.start]) if act else ("unknown", "unknown")


@feature
def perpetrator(f: Features) -> str:
    """Who committed the act: 'armed', 'mob' or 'unknown'."""
    return f["roles"][0]


@feature
def target(f: Features) -> str:
    """Whom the act hit: 'armed', 'civilian' or 'unknown'; armed people told as off duty or retired are civilians
    (ACLED's codebook)."""
    target = f["roles"][1]
    return "civilian" if target == "armed" and "off_duty" in f["cues"] else target


@feature
def shooting(f: Features) -> bool:
    """The act is a shooting: whoever shoots is armed, never an unarmed crowd."""
    act = f["act"]
    return act is not None and any(t.lemma_.lower() in f.passage.lexicon.lemmas["shooting_words"]
                                   for t in f.passage.doc[act.start:act.end])


@feature
def crowd(f: Features) -> bool:
    """The violence is a crowd's: an unarmed group did it, a riot act with no known perpetrator (and no arson, and
    no armed group among its sides: "armed men clashed with police" fought), or two sides of unarmed people."""
    cue_labels, act = f["cues"], f["act"]
    if f["shooting"]:
        return False
    return f["perpetrator"] == "mob" or (
        act is not None and act is f["riot_act"] and f["perpetrator"] == "unknown" and "arson" not in cue_labels
        and "armed_group" not in f["clash_sides"]
    ) or ("two_sided" in cue_labels and "mob" in cue_labels and "armed" not in cue_labels and act is not None)


@feature
def clash_sides(f: Features) -> frozenset[str]:
    """What the sides of the strongest two-sided clash word ("clashed", "fought"; not "raided") or riot act are:
    'state' (soldiers, police), 'armed_group' (armed people who are not the state: rebels, gangs, "armed
    herders"; lemmas armed_modifiers), 'unarmed' (civilians, crowds) or 'unknown' (a place, a name); the sides are
    the act's own participants and their conjuncts, or those of the verb a clash noun is the subject of ("a clash
    broke out between fishermen and forest guards") and the noun an active participle describes ("a militia
    fighting villagers"). A clash told in the background of another act that is the news
    has no sides ("was stabbed after a fight with a group of men", "gunmen, who belong to gangs fighting a rival
    group, set fire to houses"): who fought then is not who did the act."""
    reciprocal = {c.start for c in f.passage.cue_hits if c.label == "reciprocal"}
    clash = f.strongest(hits=[h for h in f.passage.hits if h.start in reciprocal
                              and h.label in f.group("clash") | f.group("riots")])
    if clash is None:
        return frozenset()
    doc, act = f.passage.doc, f["act"]
    word = doc[clash.start:clash.end].root
    if act is not None and act.start != clash.start and not is_central(word) and is_central(doc[act.start]):
        return frozenset()
    agents, patients = participants(word)
    if not (agents or patients) and word.dep_ in {"nsubj", "nsubjpass"} and word.head.pos_ == "VERB":
        agents, patients = participants(word.head)
        agents = [a for a in agents if a.i != word.i]
    if word.dep_ == "acl" and word.head.pos_ in {"NOUN", "PROPN"} and not is_passive(word):
        agents = [word.head, *agents]  # "a militia fighting villagers": the noun the participle describes fought
    heads = {side.i: side for head in [*agents, *patients] for side in (head, *head.conjuncts)}
    armed_words = f.passage.lexicon.lemmas["armed_modifiers"]
    return frozenset("armed_group" if any(t.dep_ == "amod" and t.lower_ in armed_words for t in core)
                     else _side_kind(f.party_classes(core)) for core in map(_own_core, heads.values()))


def _own_core(head: Token) -> list[Token]:
    """The phrase core of one side, without the sides joined to it ("villagers" of "villagers and soldiers")."""
    joined = {t.i for conjunct in head.conjuncts for t in phrase_core(conjunct)}
    return [t for t in phrase_core(head) if t.i not in joined or t.i == head.i]


def _side_kind(classes: Collection[str]) -> str:
    if classes & {"non_state", "faction"} or ("armed" in classes and "state" not in classes):
        return "armed_group"
    if classes & {"armed", "state"}:
        return "state"
    return "unarmed" if classes & {"civilian", "mob"} else "unknown"


@feature
def violent_act(f: Features) -> bool:
    """A violent act is what happened: its term is heavy and strong, central to its sentence, or unopposed by a
    strategic-development term."""
    violent = f["violent"]
    return violent is not None and violent.weight >= f["candidate_weight"] and (
        violent.weight >= f["strong_weight"] or is_central(f.passage.doc[violent.start])
        or not f["strategic_candidates"])


@feature
def one_sided(f: Features) -> bool:
    """The strongest clash term's own target is civilian (an 'ambush' of villagers is an attack). A reciprocal clash
    told with its sides ("two militias clashed; four people were killed", "officials clashed with loggers") stays
    two-sided whoever was hurt; civilians hurt elsewhere in the passage make a directed term one-sided ("ambushed
    vehicles, killing a passenger"), or a term that names no act of its own ("shot two civilians using small arms
    fire")."""
    clash = f.strongest(f.group("clash"))
    if clash is None:
        return False
    word = f.passage.doc[clash.start:clash.end].root
    agents, patients = participants(word)
    agents = [a for a in agents if not clash.start <= a.i < clash.end]
    reciprocal = "two_sided" in f["cues"] or any(c.label == "reciprocal" and c.start == clash.start
                                                  for c in f.passage.cue_hits)
    if agents and reciprocal:
        return False
    victims = set().union(*(f.party_classes(phrase_core(head)) for head in patients))
    if victims & {"civilian", "armed"}:
        return "civilian" in victims and "armed" not in victims
    if patients or (not agents and word.dep_ in OBJECT_DEPS):
        return f.violence_on(word)[1] == "civilian"
    return False


# ---- territory -----------------------------------------------------------------------------------------------
@feature
def captures(f: Features) -> list[TermHit]:
    return [h for h in f.passage.hits if h.label in f.group("territory")]


@feature
def territory_hits(f: Features) -> list[TermHit]:
    """Capture hits that take a place: a strong territory term, or a capture whose object is a place ('captured
    the village', a place entity or a toponym the gazetteer resolved)."""
    p = f.passage
    return [h for h in f["captures"] if h.weight >= p.parameters.territory_weight or _captures_place(f, h)]


def _captures_place(f: Features, hit: TermHit) -> bool:
    """What was captured is a place, not people ("captured two rebels of the Idleb brigade" takes no place)."""
    captured = argument_tokens(f.passage.doc[hit.start])[1]
    head = f.party_classes(captured[:1])
    if head & {"armed", "civilian"} and not head & {"territory_object", "civilian_site"}:
        return False
    return "territory_object" in f.party_classes(captured) or any(
        t.ent_type_ in {"GPE", "LOC", "FAC"} or t.i in f.passage.place_tokens for t in captured)


@feature
def territory_labels(f: Features) -> frozenset[str]:
    return frozenset(h.label for h in f["territory_hits"])


@feature
def taker(f: Features) -> set[str]:
    """Party classes (state, non_state, …) of whoever took the territory."""
    hit = f.strongest(hits=f["territory_hits"])
    return f.party_classes(argument_tokens(f.passage.doc[hit.start])[0]) if hit else set()


@feature
def captor(f: Features) -> set[str]:
    """Party classes (state, non_state, …) of whoever made the strongest arrest."""
    hit = f.strongest(f.group("arrests"))
    return f.party_classes(argument_tokens(f.passage.doc[hit.start])[0]) if hit else set()


@feature
def captive(f: Features) -> str | None:
    """Target class of the first capture when people, not places, were captured."""
    captures = f["captures"]
    return f.violence_on(f.passage.doc[captures[0].start])[1] if captures else None


# ---- strategic developments and what remains ------------------------------------------------------------------
@feature
def weapons_involved(f: Features) -> bool:
    return weapons_involved_in(f.passage.hits, {c.label for c in f.passage.cue_hits}, f.group("explosions"))


def weapons_involved_in(hits: Iterable[TermHit], cue_labels: Collection[str], explosions: Collection[str]) -> bool:
    """Weapons are named (cue) or an explosion term is present."""
    return "weapons" in cue_labels or any(h.label in explosions for h in hits)


@feature
def strategic_candidates(f: Features) -> list[TermHit]:
    return [h for h in f["candidates"] if h.label in f.group("strategic")]


@feature
def strategic_best(f: Features) -> str | None:
    """The strategic-development sub-type of the heaviest candidate (precedence breaks ties)."""
    lexicon = f.passage.lexicon
    best = min(f["strategic_candidates"], key=lambda h: (-h.weight, lexicon.precedence(h.label)), default=None)
    return best.label if best else None


@feature
def fighting_in_background(f: Features) -> bool:
    """The passage's clash is told around a strategic move, not as the news: the strongest clash term is not central
    to its sentence ("as battles continue", "after a clash occurred on Sunday") while a strategic-development term
    of the best label is ("reinforcements arrived")."""
    clash, best = f.strongest(f.group("clash")), f["strategic_best"]
    doc = f.passage.doc
    return clash is not None and not is_central(doc[clash.start]) and any(
        h.label == best and is_central(doc[h.start]) for h in f["strategic_candidates"])


@feature
def displaced_by_violence(f: Features) -> bool:
    """The passage reports people fleeing violence rather than the violence: a displacement word is the main
    predicate of its sentence (or what its main verb forces: "fighting forced villagers to flee") and the violent
    act hangs below it ("were displaced following a clash"); not an act that refers back to one told before ("have
    fled since the attack")."""
    violent, doc = f["violent"], f.passage.doc
    if violent is None:
        return False
    act = doc[violent.start]
    if any(c.dep_ == "det" and c.lower_ in f.passage.lexicon.lemmas["definite_determiners"] for c in act.children):
        return False
    for cue in (c for c in f.passage.cue_hits if c.label == "displacement"):
        word = doc[cue.start]
        main = word.head if word.dep_ == "xcomp" else word
        if main.dep_ == "ROOT" and main.is_ancestor(act):
            return True
    return False


@feature
def looter(f: Features) -> str:
    """Who looted or destroyed property ('armed', 'mob' or 'unknown'): the agent of the strongest looting term."""
    hit = f.strongest(f.group("looting"))
    return f.violence_on(f.passage.doc[hit.start])[0] if hit else "unknown"


@feature
def remaining_first(f: Features) -> str | None:
    """The violence or explosion sub-type of highest precedence among the candidates."""
    labels = [h.label for h in f["candidates"] if h.label in f.group("violence")]
    return min(labels, key=f.passage.lexicon.precedence, default=None)
