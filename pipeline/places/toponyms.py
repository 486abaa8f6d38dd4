"""Find the toponyms of a parsed article, with their gazetteer candidates and how the text names them.

Spans come from the NER (GPE/LOC/NORP; FAC/ORG/PERSON only as whole names the gazetteer knows), from capitalised
runs, and from spaCy Matcher patterns that do not rely on NER labels: names after a place preposition or a verb of
movement ("trains leaving X"), names before a word for its people ("X residents") and names modifying a noun
inside an organisation or facility name ("X Press Club"). The article's focus later decides ambiguous names.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from pipeline.places.gazetteer import Candidate, Gazetteer
from pipeline.places.names import name_key
from pipeline.places.terms import PlaceTerms

MAX_NGRAM = 6
NUMBERED_PART = re.compile(r"^([^\W\d_][\w'’]*[^\W\d_])-\d{1,2}$")  # "Zolote-4", "Mirpur-10": a part of Zolote, Mirpur
WHOLE_NAME_LABELS = frozenset({"FAC", "ORG", "PERSON", "PER", "MISC"})  # only as whole names the gazetteer knows
SPLIT_LABELS = frozenset({"GPE", "LOC", "NORP", "RUN"})  # spans whose parts may be names of their own
CONTEXT = "CTX"  # label of spans found by context patterns rather than the NER
MODIFIER = "MOD"  # ... by the modifier pattern: the leading words of a longer name ("X Press Club")
FOUND_BY_CONTEXT = frozenset({CONTEXT, MODIFIER})


@dataclass(frozen=True)
class Mention:
    """A toponym in the article with its gazetteer candidates (none for an unknown place)."""

    text: str
    start: int  # token offsets in the doc
    end: int
    candidates: tuple[Candidate, ...]
    from_entity: bool  # the whole of a GPE/LOC entity found by the NER
    hint: str | None = None  # "admin" (X province), "container" (the Y in "X, Y") or "place" (village of X)
    near: bool = False  # "near X", "outskirts of X": geo_precision 2
    fuzzy: bool = False  # matched only by consonant skeleton
    vote: float = 1.0  # weight of this mention when inferring the article's country
    modifier: bool = False  # used as a modifier ("US dollar", "Iran-Iraq war")
    label: str = "GPE"  # NER label of the span it came from (RUN a capitalised run, CTX a context pattern)
    actor_name: bool = False  # inside a name the actor dictionary knows ("FAMa", "Boko Haram"): no vote

    @property
    def can_contain(self) -> bool:
        """Whether this may be the Y of "X, Y" (not a nationality adjective or an acronym like "KN")."""
        return self.label != "NORP" and not self.text.isupper()

    @property
    def key(self) -> tuple[int, int]:
        return self.start, self.end


def capitalised(token: Token) -> bool:
    """A word written like a name: "Aleppo", "Dar'a", "al-Bab"'s "Bab" (str.istitle rejects "Dar'a")."""
    return (token.text[:1].isupper() and not token.is_upper) or token.is_title


def _name_like(token: Token) -> bool:
    return capitalised(token) or (token.is_upper and token.is_alpha)


def context_matcher(vocab, terms: PlaceTerms) -> Matcher:
    """Patterns that find toponyms by their context, whatever the NER labelled them."""
    name = {"IS_TITLE": True, "OP": "+"}
    matcher = Matcher(vocab)
    matcher.add("AFTER_PLACE_WORD", [[{"LOWER": {"IN": sorted(terms.locative_words | terms.place_verbs)}}, name]],
                greedy="LONGEST")
    matcher.add("BEFORE_PEOPLE", [[name, {"LOWER": {"IN": sorted(terms.people_of_place)}}]], greedy="LONGEST")
    heads = sorted(terms.organisation_heads | terms.facility_words)
    matcher.add("MODIFIER", [[{"IS_TITLE": True, "DEP": "compound", "OP": "+"},
                              {"IS_TITLE": True, "OP": "*"}, {"LOWER": {"IN": heads}}]], greedy="LONGEST")
    return matcher


class ToponymFinder:
    """Finds toponym mentions in a Doc and looks them up in the gazetteer."""

    def __init__(self, gazetteer: Gazetteer, terms: PlaceTerms, demonyms: Mapping[str, Candidate],
                 countries: list[tuple[str, Candidate]]) -> None:
        """`demonyms`: name key of a nationality word -> its country; `countries`: (name key, country) pairs."""
        self.gazetteer, self.terms = gazetteer, terms
        self.demonyms, self.country_keys = demonyms, countries
        self._matcher: Matcher | None = None

    # ---- spans -------------------------------------------------------------------------------------
    def _entity_spans(self, doc: Doc) -> list[tuple[int, int, str]]:
        """NER entities, edges trimmed ("Kathua city" -> "Kathua"; the untrimmed span is kept too)."""
        spans, edge = [], self.terms.edge_words
        for ent in doc.ents:
            if ent.label_ not in self.terms.entity_labels:
                continue
            start, end = ent.start, ent.end
            while start < end and doc[start].lower_ in edge:
                start += 1
            while end > start and doc[end - 1].lower_ in edge:
                end -= 1
            end = self._before_unit_phrase(doc, start, end)  # "Gubio Local Government Area" -> "Gubio"
            if end > start:
                spans.append((start, end, ent.label_))
            if (start, end) != (ent.start, ent.end):  # "Guatemala City" is a name, "Kathua city" is trimmed
                spans.append((ent.start, ent.end, ent.label_))
        return spans

    def unit_phrase_at(self, doc: Doc, i: int) -> int:
        """Length of a multi-word unit name starting at token i ("Local Government Area", "Union Council"), or 0."""
        words = [t.lower_ for t in doc[i : i + max(map(len, self.terms.unit_phrases), default=0)]]
        return max((len(p) for p in self.terms.unit_phrases if tuple(words[: len(p)]) == p), default=0)

    def _before_unit_phrase(self, doc: Doc, start: int, end: int) -> int:
        """The end of a span's name before a trailing multi-word unit name ("Gubio Local Government Area")."""
        for i in range(start + 1, end):
            if (length := self.unit_phrase_at(doc, i)) and i + length >= end:
                return i
        return end

    def _is_name_token(self, doc: Doc, i: int) -> bool:
        token = doc[i]
        if _name_like(token):
            return True
        return token.lower_ in self.terms.name_connectors and any(
            capitalised(doc[j]) for j in range(i + 1, min(i + 3, len(doc))))

    def _run_spans(self, doc: Doc, taken: set[tuple[int, int]]) -> list[tuple[int, int, str]]:
        """Maximal runs of capitalised words (with connectors such as "al", "de") not already an entity."""
        spans, i = [], 0
        while i < len(doc):
            if not _name_like(doc[i]):
                i += 1
                continue
            j = i + 1
            while j < len(doc) and self._is_name_token(doc, j):
                j += 1
            if (i, j) not in taken:
                spans.append((i, j, "RUN"))
            i = j
        return spans

    def _context_spans(self, doc: Doc) -> list[tuple[int, int, str]]:
        """Names found by the context patterns (the name part of each match only)."""
        if self._matcher is None:
            self._matcher = context_matcher(doc.vocab, self.terms)
        spans = []
        for match_id, start, end in self._matcher(doc):
            rule = self._matcher.vocab.strings[match_id]  # its own vocab: the doc may be another language's
            if rule == "AFTER_PLACE_WORD":
                start += 1
            else:
                end -= 1
            if end > start:
                spans.append((start, end, MODIFIER if rule == "MODIFIER" else CONTEXT))
        return spans

    def candidate_spans(self, doc: Doc) -> list[tuple[int, int, str]]:
        """(start, end, label) spans that may hold toponyms."""
        spans = self._entity_spans(doc)
        taken = {(s, e) for s, e, _ in spans}
        spans += self._run_spans(doc, taken)
        taken |= {(s, e) for s, e, _ in spans}
        context = self._context_spans(doc)
        by_context = {span[:2]: span for span in context}
        spans = [by_context.get((s, e), (s, e, label)) if label == "RUN" and doc[s].is_sent_start else (s, e, label)
                 for s, e, label in spans]  # a sentence's first word is capitalised anyway: its context tells more
        return spans + [span for span in context if span[:2] not in taken]

    # ---- mentions ----------------------------------------------------------------------------------
    def find(self, doc: Doc, dateline_end: int = 0) -> list[Mention]:
        """Every toponym mention after the dateline: the outermost matches, plus nationality words in names."""
        found: dict[tuple[int, int], Mention] = {}
        for span_start, span_end, label in self.candidate_spans(doc):
            if doc[span_start].idx >= dateline_end and not self._after_name_head(doc, span_start):
                for mention in self._span_mentions(doc, span_start, span_end, label):
                    found.setdefault(mention.key, mention)
        outer: list[tuple[int, int]] = []
        for start, end in sorted(found, key=lambda key: key[0] - key[1]):
            if not any(s <= start and end <= e for s, e in outer):
                outer.append((start, end))
        kept = {key: found[key] for key in outer}
        extra = [m for m in self._demonyms_in_names(doc, kept) if doc[m.start].idx >= dateline_end]
        return sorted([*kept.values(), *extra], key=lambda m: m.start)

    def _span_mentions(self, doc: Doc, span_start: int, span_end: int, label: str) -> list[Mention]:
        """The longest known names inside one span, left to right; none when the rest is an unknown name."""
        if label in WHOLE_NAME_LABELS:
            whole = self.match(doc, span_start, span_end, label, True) or self._without_position(
                doc, span_start, span_end, label)
            unit = None if whole else self._trailing_unit(doc, span_start, span_end)  # "in Mojolo Sinaloa"
            return [found] if (found := whole or unit) else []
        matches, unmatched, i = [], [], span_start
        while i < span_end:
            mention = next((m for length in range(min(MAX_NGRAM, span_end - i), 0, -1)
                            if (m := self.match(doc, i, i + length, label, length == span_end - span_start))), None)
            if mention is None or self._head_of_unknown(doc, mention, span_end):
                unmatched.append(doc[i])
                i += 1
                continue
            matches.append(mention)
            i = mention.end
        if label == MODIFIER:  # a name's first words modifying the rest: "X Press Club" is in X
            return matches[:1] if matches and matches[0].start == span_start else []
        terms = self.terms
        if all(t.lower_ in terms.stop_names or t.lower_ in terms.name_connectors or t.lower_ in terms.edge_words
               or t.lower_ in terms.position_words or not t.is_alpha for t in unmatched):
            return matches
        unit = self._trailing_unit(doc, span_start, span_end)  # "in Mojolo Sinaloa" names a state
        return [unit] if unit else []  # "Kafr" in "Kafr Oweid" is no mention of its own

    def _after_name_head(self, doc: Doc, start: int) -> bool:
        """Whether a span continues a name begun by a generic head word ("Sirt" of "Ayn Sirt"): the longer span
        holding both decides."""
        return start > 0 and doc[start - 1].lower_ in self.terms.name_heads and capitalised(doc[start - 1])

    def _head_of_unknown(self, doc: Doc, mention: Mention, span_end: int) -> bool:
        """A generic head word of a longer name the gazetteer lacks ("Abu" of "Abu Salim", "Ayn" of "Ayn Laylah"),
        matched alone: the name is unknown, neither word a place of its own."""
        return (mention.end - mention.start == 1 and doc[mention.start].lower_ in self.terms.name_heads
                and mention.end < span_end and capitalised(doc[mention.end]))

    def _without_position(self, doc: Doc, start: int, end: int, label: str) -> Mention | None:
        """The known name left when position words are cut from an unknown one: "Baringo North" lies in Baringo."""
        position = self.terms.position_words
        if doc[start].lower_ not in position and doc[end - 1].lower_ not in position:
            return None
        while end - start > 1 and doc[end - 1].lower_ in position:
            end -= 1
        while end - start > 1 and doc[start].lower_ in position:
            start += 1
        return self.match(doc, start, end, label, True)

    def _trailing_unit(self, doc: Doc, start: int, end: int) -> Mention | None:
        """The state or country closing an unknown name after a locative word ("in Mojolo Sinaloa")."""
        if start == 0 or doc[start - 1].lower_ not in self.terms.locative_words:
            return None
        for length in range(min(3, end - start - 1), 0, -1):
            span = doc[end - length : end]
            if not all(capitalised(t) for t in span) or not capitalised(doc[end - length - 1]) or (
                    length == 1 and span[0].lower_ in self.terms.position_words) or (
                    doc[end - length - 1].lower_ in self.terms.name_heads):  # "Ayn Sirt" is one name
                continue
            units = tuple(c for c in self.gazetteer.lookup(span.text) if c.kind in {"country", "admin1"})
            if units:
                return Mention(span.text, end - length, end, units, False, "container",
                               vote=self.terms.weight("unit_vote"), label="RUN")
        return None

    def _rejected(self, doc: Doc, span: Span, label: str) -> bool:
        """Spans that cannot be a toponym whatever the gazetteer holds."""
        terms, end = self.terms, span.end
        if (span[0].lower_ in terms.name_connectors and not capitalised(span[0])) or (
                span[-1].lower_ in terms.name_connectors):
            return True
        if span.text.lower() in terms.stop_names or all(
                t.lower_ in terms.stop_names or t.lower_ in terms.admin_words for t in span):
            return True
        if end < len(doc) - 1 and doc[end].text == "-" and doc[end + 1].lower_ in terms.not_place_after:
            return True
        if not any(capitalised(t) or t.is_upper for t in span):
            return True
        named = label not in {"RUN", *FOUND_BY_CONTEXT}  # the NER saw a name here, whatever the tagger made of it
        if not (label in {"GPE", "LOC", "NORP"} or all(
                t.pos_ == "PROPN" or t.lower_ in terms.name_connectors or (t.is_upper and t.is_alpha)
                or ((named or label in FOUND_BY_CONTEXT) and capitalised(t)) for t in span)):
            return True
        return self._names_kin(doc, span)

    def match(self, doc: Doc, start: int, end: int, label: str, whole: bool) -> Mention | None:
        """The mention doc[start:end] makes, if the gazetteer (or a nationality word) knows it."""
        span = doc[start:end]
        if self._rejected(doc, span, label) or (not whole and len(span) == 1
                                                 and span[0].lower_ in self.terms.position_words):
            return None  # "North" in "Baringo North"
        hint, near = self.hint(doc, start, end)
        locative = hint is not None or (start > 0 and doc[start - 1].lower_ in self.terms.locative_words)
        candidates, label, fuzzy = self._lookup(doc, span, label, whole, locative)
        candidates, label = self._filter(span, candidates, label, hint, locative)
        if not candidates:
            return None
        modifier = self._is_modifier(span, label, candidates)
        vote = self._vote(doc, span, candidates, label, hint, fuzzy, modifier, locative)
        return Mention(span.text, start, end, tuple(candidates), whole and label in {"GPE", "LOC"}, hint, near,
                       fuzzy, vote, modifier, label)

    def _lookup(self, doc: Doc, span: Span, label: str, whole: bool,
                locative: bool) -> tuple[list[Candidate], str, bool]:
        """Gazetteer entries for the span (a nationality word names its country); loose spellings only for a whole
        place entity or a name after a place word. Returns (candidates, label, fuzzy)."""
        edge = self.terms.edge_words
        names_unit = span.root.head.lower_ in edge or (span.end < len(doc) and doc[span.end].lower_ in edge)
        nationality = len(span) == 1 and not names_unit and (
            label == "NORP" or span.root.dep_ in {"amod", "compound"}) and (
            name_key(span.text) in self.demonyms)  # "Somali police" is Somalia's; "Somali region" is in Ethiopia
        candidates = [] if nationality else self.gazetteer.lookup(span.text)
        if not candidates and len(span) == 1 and (numbered := NUMBERED_PART.match(span.text)):
            candidates = [c for c in self.gazetteer.lookup(numbered.group(1)) if c.kind == "place"]
        if not candidates and len(span) == 1:
            candidates = self.demonym(span.text, loose=label == "NORP" or span[0].tag_ == "JJ")
            label = "NORP" if nationality else label
        trimmed_elsewhere = span[0].lower_ in edge or span[-1].lower_ in edge  # "Kathua city": "Kathua" is tried
        if candidates or not whole or trimmed_elsewhere or not (label in {"GPE", "LOC"} or locative):
            return candidates, label, False
        loose = [c for c in self.gazetteer.lookup(span.text, fuzzy=True) if c.kind != "country"]
        return loose, label, True

    def _filter(self, span: Span, candidates: list[Candidate], label: str, hint: str | None,
                locative: bool) -> tuple[list[Candidate], str]:
        """Readings the way the span is written allows: a nationality names a country, an acronym a country or
        state; other words that are no place entity must be a place's own name."""
        if label == "NORP":  # other NORP matches are mislabelled places
            countries = [c for c in candidates if c.kind == "country"]
            return (countries, label) if countries else (candidates, "GPE")
        if all(t.is_upper for t in span):
            return [c for c in candidates if c.kind in {"country", "admin1"}], label
        if label not in {"GPE", "LOC"} and not locative:
            key = name_key(span.text)
            return [c for c in candidates if name_key(c.name) == key or c.kind != "place"], label
        return candidates, label

    def _is_modifier(self, span: Span, label: str, candidates: list[Candidate]) -> bool:
        """A name modifying a noun ("US dollar", "Iran-Iraq war"), unless the noun is a place word ("X refugee
        camp") or the name a town's or unit's possessive ("Afrin's entrances", unlike "Iran's minister")."""
        head = span.root.head
        if span.root.dep_ == "poss" and not any(c.kind == "country" for c in candidates):
            return False
        nouns = [head]
        while nouns[-1].dep_ == "compound" and nouns[-1].head.i > nouns[-1].i:
            nouns.append(nouns[-1].head)
        return (label != "NORP" and span.root.dep_ in self.terms.modifier_deps and head.i >= span.end
                and not any(noun.lower_ in self.terms.edge_words for noun in nouns))

    def _vote(self, doc: Doc, span: Span, candidates: list[Candidate], label: str, hint: str | None,
              fuzzy: bool, modifier: bool, locative: bool) -> float:
        """How much the mention says about the article's country."""
        weight = self.terms.weight
        acronym = all(t.is_upper for t in span)
        if not fuzzy and self.gazetteer.is_cue(span.text):
            return weight("cue_vote")  # "BJP workers": a party or mission of one country, whatever its role
        country = any(c.kind == "country" for c in candidates)
        if label in FOUND_BY_CONTEXT and country and not fuzzy:
            vote = self._modifier_vote(doc, span)  # "Nepal Armed Police": a country's police, like "Nepali police"
        elif fuzzy or label in FOUND_BY_CONTEXT or (acronym and hint != "container" and not country):
            vote = 0.0  # loose matches and names found by context alone are resolved by the focus, not the reverse
        elif modifier or label == "NORP":
            vote = self._modifier_vote(doc, span)
        elif label in {"GPE", "LOC"} or (hint == "admin" and any(c.kind in {"admin1", "admin2"} for c in candidates)) \
                or ((self._called_town(doc, span.start, span.end) or self._by_bearing(doc, span.start))
                    and any(c.kind == "place" for c in candidates)):
            vote = 1.0  # a place entity, or a name the text calls a unit or a town ("the town of Kafr Qaddum")
        elif any(c.kind != "place" for c in candidates):
            vote = weight("unit_vote")
        else:
            vote = weight("locative_vote") if locative else weight("minor_vote")
        if self.is_origin(span):  # "people who came from Syria" says little about where the event was
            vote = min(vote, weight("locative_vote"))
        return vote

    def hint(self, doc: Doc, start: int, end: int) -> tuple[str | None, bool]:
        """How the words around a name type it ("admin", "container", "place" or None), and whether it is "near"."""
        terms = self.terms
        before = [t.lower_ for t in doc[max(0, start - 4) : start]]
        after = doc[end].lower_ if end < len(doc) else ""
        previous = doc[start - 2] if start >= 2 else None
        follows_name = (  # "X, Y", "X (Y", "X city (Y", "X in Y": Y is the unit containing X
            previous is not None
            and before[-1] in {",", "(", "in"}
            and (previous.pos_ == "PROPN" or previous.lower_ in terms.place_words
                 or (before[-1] != "in" and (capitalised(previous) or previous.lower_ in terms.admin_words)))
        )
        unit_of = len(before) >= 2 and before[-1] == "of"
        if after in terms.admin_words or (unit_of and before[-2] in terms.admin_words) or self.unit_phrase_at(doc, end):
            hint = "admin"
        elif follows_name:
            hint = "container"
        elif after in terms.place_words or (unit_of and before[-2] in terms.place_words):
            hint = "place"
        else:
            hint = None
        return hint, any(word in terms.near_words for word in before)

    def demonym(self, text: str, *, loose: bool) -> list[Candidate]:
        """Country for a nationality adjective ("Syrian" -> Syria); with `loose`, also for a word that looks like
        one and shares most of a country's name ("Afghani" -> Afghanistan)."""
        key = name_key(text)
        if key in self.demonyms:
            return [self.demonyms[key]]
        if not loose or not key.endswith(self.terms.demonym_endings):
            return []
        best: tuple[int, Candidate] | None = None
        for country_key, country in self.country_keys:
            prefix = _common_prefix(key, country_key)
            close = (prefix >= max(4, len(country_key) - 2) and len(key) - prefix <= 4) or prefix == len(key) >= 5
            if close and (best is None or prefix > best[0]):
                best = (prefix, country)
        return [best[1]] if best else []

    def _called_town(self, doc: Doc, start: int, end: int) -> bool:
        """Whether the text calls the name a settlement: "the town of X", "X village" (not "the X area")."""
        town = self.terms.town_words
        after = doc[end].lower_ if end < len(doc) else ""
        return after in town or (start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in town)

    def _by_bearing(self, doc: Doc, start: int) -> bool:
        """Whether the text measures a place from the name: "40km north of X", "south-east of X"."""
        return start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in self.terms.bearing_words

    def _names_kin(self, doc: Doc, span: Span) -> bool:
        """Whether the name is a family's, clan's or tribe's ("the Al Salih and Al Tlais families")."""
        kin = self.terms.kin_words
        root = span.root
        head = root.head
        while head.dep_ == "conj" and head.head is not head:  # "X and Y families": the list's head noun
            head = head.head
        nouns = [root.head, head, *(child for child in root.children if child.dep_ == "conj")]
        return any(t.i >= span.end and t.lower_ in kin for t in nouns) or (
            span.end < len(doc) and doc[span.end].lower_ in kin)

    def _modifier_vote(self, doc: Doc, span: Span) -> float:
        """Vote of a nationality or a name modifying a noun: strong for police ("Moroccan police officer"), some
        for state forces, none for what a country owns abroad ("US dollar"), little otherwise."""
        terms, head = self.terms, span.root.head
        phrase = {t.lower_ for t in doc[span.end : head.i + 1]} if head.i >= span.end else set()
        if phrase & terms.police_words:
            return terms.weight("police_vote")
        if phrase & terms.state_force_words:
            return terms.weight("state_force_vote")
        if phrase & terms.non_local_heads:
            return 0.0
        return terms.weight("minor_vote")

    def _demonyms_in_names(self, doc: Doc, found: dict[tuple[int, int], Mention]) -> list[Mention]:
        """Nationality words inside organisation names ("the Lebanese French Bank"): faint country evidence."""
        covered = {i for start, end in found for i in range(start, end)}
        extra = []
        for token in doc:
            if token.i in covered or not capitalised(token) or name_key(token.text) not in self.demonyms:
                continue
            if token.i + 2 < len(doc) and doc[token.i + 1].text == "-" and (
                    doc[token.i + 2].lower_ in self.terms.not_place_after):
                continue
            extra.append(Mention(token.text, token.i, token.i + 1, (self.demonyms[name_key(token.text)],), False,
                                 vote=self.terms.weight("minor_vote"), modifier=True, label="NORP"))
        return extra

    @staticmethod
    def is_origin(span: Span) -> bool:
        """"from X", "from A and X", "to X": where people or things came from or went, not where they were."""
        token = span.root
        while token.dep_ == "conj" and token.head is not token:
            token = token.head
        return token.dep_ == "pobj" and token.head.lower_ in {"from", "to"}

    # ---- "X, Y" chains -----------------------------------------------------------------------------
    def constrain_chains(self, doc: Doc, mentions: list[Mention], prior) -> tuple[list[Mention], list[Mention]]:
        """In "X, Y", "X (Y, Z)" and "X town in Y", keep only candidates of X that lie inside some candidate of Y.
        Returns (mentions kept, mentions dropped as places unknown inside their named unit)."""
        kept: list[Mention] = []
        dropped: list[Mention] = []
        container: Mention | None = None
        anchor = 0  # where the chain continues leftwards: the container's start, or a dropped mention's
        for mention in reversed(mentions):
            link = None
            if container is not None and container.can_contain:
                link = self._link_to_container(doc[mention.end : anchor])
            units = [u for u in container.candidates if u.kind != "place"] if link else []
            if link == "comma" or (link == "unit in" and units):
                units = units or list(container.candidates)
                holds = contains
                inside = tuple(c for c in mention.candidates if any(contains(u, c) for u in units))
                if not inside and link == "unit in":  # "Oicha in Beni territory": districts drawn otherwise
                    holds = neighbouring_district
                    inside = tuple(c for c in mention.candidates if any(holds(u, c) for u in units))
                if inside:  # both readings fit: "Borgu LGA, Niger" is Niger State, not the country Niger
                    mention = replace(mention, candidates=inside, vote=max(mention.vote, 1.0))
                    holding = tuple(u for u in container.candidates if any(holds(u, c) for c in inside))
                    kept[-1] = replace(container, candidates=holding, vote=max(container.vote, 1.0))
                elif self._unknown_inside(mention, container, units, prior):
                    dropped.append(replace(mention, candidates=()))
                    kept[-1] = replace(container, vote=max(container.vote, 1.0))  # a unit named as a unit
                    anchor = mention.start  # a place unknown inside its named unit: not some namesake elsewhere
                    continue
            kept.append(mention)
            container, anchor = mention, mention.start
        return kept[::-1], dropped

    def _unknown_inside(self, mention: Mention, container: Mention, units: list[Candidate], prior) -> bool:
        """Whether X of "X, Y" is better taken as a place unknown inside Y than as a namesake elsewhere."""
        if container.fuzzy or any(c.kind == "country" for c in mention.candidates):
            return False
        fits = [prior(c, container) for c in units]
        floor = max(fits, default=0.0) - self.terms.weight("likely_margin")
        likely = [c for c, fit in zip(units, fits, strict=True) if fit >= floor]
        return len({u.iso for u in likely}) <= 2

    def _link_to_container(self, gap: Span) -> str | None:
        """How the words between two names make the second contain the first: "comma" ("X, Y", "X (Y", "X town in
        Y") or "unit in" ("X in Y", "X district in Y", where Y must be a unit); None when they do not."""
        terms = self.terms
        if len(gap) == 2 and gap[1].lower_ == "in" and gap[0].lower_ in terms.place_words:
            return "comma"  # "X neighbourhood in Y": Y a city or a unit
        if (len(gap) == 2 and gap[1].lower_ == "in" and gap[0].lower_ in terms.admin_words) or (
                len(gap) == 1 and gap[0].lower_ == "in"):
            return "unit in"  # "X municipality in Y", "X in Y": Y a larger unit
        comma = 0 < len(gap) <= 3 and any(t.text in {",", "("} for t in gap) and all(
            t.text in {",", "(", ")"} or t.lower_ in terms.edge_words for t in gap)
        return "comma" if comma else None


def contains(unit: Candidate, candidate: Candidate) -> bool:
    """Whether `candidate` lies inside `unit` (a country, admin unit, or a place's admin1; a place in itself)."""
    if unit.kind == "country":
        return candidate.iso == unit.iso
    if candidate.place_id == unit.place_id:
        return unit.kind == "place"
    if candidate.iso != unit.iso:
        return False
    if unit.kind == "admin2":
        return unit.place_id == candidate.admin2_id or (
            candidate.admin2_id is None and unit.admin1_id == candidate.admin1_id)
    return unit.admin1_id is not None and unit.admin1_id == candidate.admin1_id


def neighbouring_district(unit: Candidate, candidate: Candidate) -> bool:
    """Whether `candidate` is another district of the admin1 unit that holds the district `unit` ("Oicha in Beni
    territory"): a report's districts may be drawn otherwise than the gazetteer's, never across provinces."""
    return (unit.kind == "admin2" and candidate.kind == "admin2" and candidate.iso == unit.iso
            and unit.admin1_id is not None and candidate.admin1_id == unit.admin1_id)


def _common_prefix(a: str, b: str) -> int:
    length = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        length += 1
    return length
