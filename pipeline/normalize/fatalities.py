"""Count reported deaths in an event passage, following ACLED's fatality conventions.

Rules (vocabulary in ``seeds/fatality_terms.yaml``):

- Only deaths count (killed, died, dead, bodies found, "lost their lives", executed, ...); wounded, injured,
  arrested or kidnapped people do not, and a term that mixes them ("killed or injured 4") counts nothing
  unless the quantity is vague.
- Victims are read before a passive term ("3 soldiers and 2 civilians were killed": 5) and after an active one
  ("killing a woman": 1, "killing 2 and injuring 3": 2). Groups listed together are added.
- "at least 23" / "more than 20" keep the number; "up to 30" is low 1, best and high 30; a range "between 5
  and 7" is low 5, best 6, high 7. Vague plurals use ACLED's codes (several 10, dozens 12, hundreds 100).
- Subsets ("including ten children") and parentheticals are ignored.
- Sentences add up when a later one says "also"/"another"/"other"; otherwise a later count is another
  account of the same deaths and the lowest account wins (ACLED's conservative rule), as it does for
  attributed figures ("23 killed according to X; the ministry said 20": 20).
- ``fatalities`` is the conservative ``low``; an explicit "no casualties" / "unharmed" or no death mention
  at all gives 0.
- Numbers are bounded where they are read: no figure, sum or range end exceeds ``MAX_COUNT`` (a larger one,
  such as "99999999999999999999 people", is clamped to it), and no input makes the parser raise.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.normalize.months import DAY_OF_MONTH as DAY
from pipeline.normalize.months import MONTH
from pipeline.records import FatalityCount
from pipeline.text.sentences import sentence_spans
from pipeline.yaml_files import read_yaml

TERMS_FILE = "fatality_terms.yaml"
MAX_COUNT = 1_000_000  # the largest count read from text; far above any one reported event, far below Int64

_HARD_STOP = r"[.;:!?\n]|\s[-–—]+\s"  # a dash between spaces ends a dateline: "NIAMEY, Aug 30 (Wire) - Two ..."
_ACCOUNT_BREAK = re.compile(r";(?=\s|$)")
_QUOTES = re.compile(r'["“”«»]')
_VAGUE = 0.5  # the confidence of a vague quantity ("an unknown number of", "dozens")
_APPROXIMATE = 0.6  # ... of an approximate figure (French « une quinzaine »): a figure, as "about 15" is
_GUESS = 0.4  # the confidence of a count guessed from an unquantified plural ("villagers were killed")
_TALLY = re.compile(r"(?:^|(?<=[.;!?]))\s*+(?P<tally>[^.;!?]{1,30}?\s+fatalit(?:y|ies))\s*(?:[.;!]|$)", re.IGNORECASE)
_FUNCTION_WORDS = {
    "on", "in", "at", "around", "as", "about", "after", "before", "during", "by", "from", "near", "since",
    "reportedly", "also", "then", "later", "there", "it", "they", "he", "she", "we", "this", "these", "those",
}
_PROPER_NAME = re.compile(r"^(?:[A-Z][\w'.-]*\s*){1,4}$")
_ENGLISH_DATES = (rf"\b{DAY}(?:\s*(?:-|–|and|to)\s*{DAY})?(?:\s+of)?[\s-]+{MONTH}|\b{MONTH}\s+{DAY}\b"
                  r"|\b\d+(?:st|nd|rd|th)\b|\bno\.\s*\d+"
                  # "Tuesday, three civilians were killed": a time word is no victim
                  r"|\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|overnight)\b")
# The grammar words of the counting rules: English by default; another language's terms file overrides them
# in its `grammar` section (seeds/languages/<code>/fatality_terms.yaml).
ENGLISH_GRAMMAR: dict[str, object] = {
    "conjunctions": ["and", "&", "as well as", "plus"],
    "clause_openers": ["while", "whereas", "when", "after", "before", "as", "who", "which", "that", "where", "but",
                       "because", "since", "then", "during", "following", "amid", "in which", "of which", "whom",
                       "whose", "if", "although", "though", "until", "so"],
    "auxiliaries": ["was", "were", "is", "are", "has", "have", "had", "been", "be", "being", "got", "gets", "get",
                    "reportedly", "allegedly", "also", "later", "subsequently", "eventually", "reported", "confirmed",
                    "found", "apparently", "initially", "then", "all", "both", "each", "themselves", "immediately",
                    "instantly", "believed", "to", "said", "feared", "presumed", "likely", "probably", "killed"],
    "finite_verbs": ["was", "were", "is", "are", "has", "have", "had"],
    "anaphora": [],  # pronouns that refer back to victims counted elsewhere (French "les ont exécutés")
    "singular_auxiliaries": ["was", "is", "has"],
    "plural_auxiliaries": ["were", "are", "have"],
    "both_words": ["both"],
    "passive_auxiliaries": ["was", "were", "is", "are", "been", "be", "being", "get", "got"],
    # a perfect auxiliary right before a term that is both passive and active, with no passive one: its subject is
    # the agent ("the soldiers have killed", French « les FAMa ont neutralisé deux engins »: no victim before it)
    "perfect_auxiliaries": ["has", "have", "had"],
    "stop_prepositions": ["in", "at", "on", "near", "with", "by", "from", "inside", "outside", "for", "over",
                          "during", "under", "across", "along", "into", "to", "were", "was", "are", "is"],
    "relative_pronouns": ["who", "that"],  # a passive term right after one counts its antecedent
    "head_breakers": ["of", "from", "in", "at", "on", "with", "who", "whose", "which", "that", "belonging", "by"],
    "nominal_death_terms": ["deaths", "fatalities", "fatality", "dead", "death"],
    "singular_death_nouns": ["death"],  # counted only right after a figure ("resulting in one death")
    "range_between": ["between", "and"],
    "range_words": ["to", "or"],
    "of_words": ["of"],
    "manner_outcomes": ["to death", "dead"],
    "or_words": ["or", "and/or"],
    # besides the first conjunction: one fate told in order ("kidnapped and then killed")
    "sequence_joiners": ["and then", "and later", "then", "before being"],
    # one death by its article (French "a fait un mort"; English "a death" is often "a death threat")
    "indefinite_articles": [],
    # the article of an unquantified plural object ("killing civilians"; French « ont tué des civils »)
    "plural_articles": [],
    # whether a singular determiner always means one (French « son fils », « le corps »; English "the"/"his" also
    # open plurals: "the villagers")
    "determiners_mark_number": False,
    "adverb_ending": "ly",
    "hard_stop": _HARD_STOP,
    "plural_endings": ["s"],
    "word": r"[A-Za-z]+",  # a word of the language (French: any letters)
    "multiplying_words": ["hundred", "dozen"],  # multiply the number before them ("two hundred and five")
    "date_pattern": _ENGLISH_DATES,
    "phrase_openers": [],  # words opening a fronted phrase that names nobody (French « Côté ennemi, »)
}


def _phrases(words: list[str]) -> str:
    """A regex alternation of phrases, longest first, spaces matching any whitespace."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(part) for part in phrase.split()) for phrase in ordered)


def _any_of(words: list[str]) -> re.Pattern[str]:
    """A case-insensitive regex matching any of the phrases as whole words."""
    return re.compile(rf"\b(?:{_phrases(words)})\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Quantity:
    low: int
    best: int
    high: int
    start: int
    end: int
    confidence: float


@dataclass(frozen=True)
class _Mention:
    quantity: _Quantity
    term_start: int
    term_end: int


class FatalityTerms:
    """Compiled vocabulary from the YAML seed."""

    def __init__(self, data: dict):
        grammar = {**ENGLISH_GRAMMAR, **data.get("grammar", {})}
        self.grammar = grammar
        self._compile_grammar(grammar)
        self.number_words: dict[str, int] = data["number_words"]
        self.multiplier_words: dict[str, int] = data["multiplier_words"]
        self.vague: dict[str, int] = data["vague_quantities"]
        self.approximate = set(data.get("approximate_quantities", []))  # vague quantities that state a figure
        self.unquantified_plural: int = data["unquantified_plural"]
        self.upper_bound_prefixes = set(data["upper_bound_prefixes"])
        self.singular_pronouns = set(data["singular_pronouns"])
        self._number_word = re.compile(rf"\b(?:{_phrases([*self.number_words, *self.multiplier_words])})\b")
        self.quantity = self._quantity_pattern(data)
        self.singular = re.compile(rf"(?:{_phrases(data['singular_determiners'])})\s+(?=[a-z])", re.IGNORECASE)
        self.pair = re.compile(rf"(?:{_phrases(data['pair_words'])})\b", re.IGNORECASE)
        self.pronoun = re.compile(rf"(?:{_phrases(data['singular_pronouns'])})\b", re.IGNORECASE)
        self.passive_terms = set(data["passive_death_terms"])
        self.active_terms = set(data["active_death_terms"])
        self.death_term = _any_of(sorted(self.passive_terms | self.active_terms))
        self.body_term = _any_of(data["body_terms"])
        self.body_found = _any_of(data["body_found_terms"])
        self.non_fatal = _any_of(data["non_fatal_terms"])
        self.zero = _any_of(data["zero_phrases"])
        self.additive = _any_of(data["additive_markers"])
        self.attribution = _any_of(data["attribution_markers"])
        self.subset = re.compile(
            rf"\b(?:{_phrases(data['subset_markers'])})\b(?:(?!{self.finite_verb.pattern})[^,;.:])*",
            re.IGNORECASE,
        )
        non_fatal = _phrases(data["non_fatal_terms"])
        joins = _phrases(grammar["conjunctions"] + grammar["or_words"] + grammar["sequence_joiners"])
        self.non_fatal_after = re.compile(rf"(?:\s*,\s*|\s*/\s*|\s+(?:{joins})\s+)(?:{non_fatal})\b", re.I)
        self.non_fatal_before = re.compile(rf"\b(?:{non_fatal})(?:\s*,\s*|\s*/\s*|\s+(?:{joins})\s+)$", re.I)
        self.negation = _any_of(data["negations"])
        self.unrealised = re.compile(rf"\b(?:{_phrases(data['unrealised_markers'])})\s+$", re.IGNORECASE)
        self.manner = re.compile(
            rf"\b(?:{_phrases(data['manner_verbs'])})\s+(?P<victims>[^.;:,()]{{1,60}}?)\s+"
            rf"(?:{_phrases(grammar['manner_outcomes'])})\b",
            re.IGNORECASE,
        )
        self.outcome = re.compile(rf"\b(?:{_phrases(data['outcome_phrases'])})\s+(?:the\s+)?$", re.IGNORECASE)
        self.vague_noun_trigger = re.compile(
            rf"\b(?:{_phrases(data['vague_death_noun_triggers'])})\s+(?:\w+\s+)?$", re.IGNORECASE
        )
        reporting = _phrases(data["reporting_verbs"])
        self.back_stop = re.compile(
            rf"{grammar['hard_stop']}|\b(?:{_phrases(grammar['clause_openers'])}|{reporting})\b"
            rf"|{self.death_term.pattern}|{self.non_fatal.pattern}",
            re.IGNORECASE,
        )
        self.forward_stop = re.compile(
            rf"{grammar['hard_stop']}|\b(?:{_phrases(grammar['clause_openers'] + grammar['stop_prepositions'])})\b"
            rf"|{self.non_fatal.pattern}"
            rf"|,(?:\s+[\w'’.-]+){{1,6}}?\s+(?:{reporting})\b",  # ", a war monitor and residents said": the source
            re.IGNORECASE,
        )
        self.period = re.compile("|".join(f"(?:{cue})" for cue in data["period_cues"]), re.IGNORECASE)
        # not "claimed to have killed": an infinitive reports the event's own claim
        self.perfect_total = re.compile(rf"(?<!\bto\s)\b(?:{_phrases(data['perfect_totals'])})\b", re.IGNORECASE)
        self._compile_accounts(data, grammar)

    def _compile_revisions(self, data: dict) -> None:
        """The optional patterns of revised tolls and unknown counts (French has them; English none)."""
        # a toll revised: "passé de cinq à neuf" is nine; an updated account replaces a provisional one
        self.revised_from = re.compile(rf"\b(?:{_phrases(data['revised_from'])})\s+$", re.IGNORECASE) if data.get(
            "revised_from") else None
        self.updated_toll = _any_of(data["updated_tolls"]) if data.get("updated_tolls") else None
        self.superseded_toll = _any_of(data["superseded_tolls"]) if data.get("superseded_tolls") else None
        # vague quantities that give no magnitude (« plusieurs », « de nombreux »): ACLED's code for an unknown count
        self.unknown_count = _any_of(data["unknown_quantities"]) if data.get("unknown_quantities") else None

    def _compile_accounts(self, data: dict, grammar: dict) -> None:
        """The patterns telling whose deaths a phrase counts: a source inside the clause, the other side, the
        bomber, harm before death, another incident, a running total, the things a kill verb also takes."""
        self.assailant = re.compile(rf"\b(?:{_phrases(data['assailant_victims'])})$", re.IGNORECASE)
        self.self_detonation = _any_of(data["self_detonation_terms"])
        self.bomber_head = re.compile(rf"\b(?:{_phrases(data['bomber_heads'])})$", re.IGNORECASE)
        self.bomber_counted = re.compile("|".join(f"(?:{cue})" for cue in data["bomber_counted"]), re.IGNORECASE)
        self.generic_victims = set(data["generic_victims"])
        self.non_victim_objects = set(data.get("non_victim_objects", []))  # « neutralisé un engin »: no victim
        self.non_victim_head = set(data["non_victim_units"])  # "killing cattle": no victims
        first = _phrases(data["before_death_terms"])
        then = _phrases(grammar["conjunctions"][:1] + grammar["sequence_joiners"])
        self.sequence_before = re.compile(rf"\b(?:{first})\s+(?:{then})\s+(?:\w+ly\s+|later\s+)?$", re.I)
        self.other_event = re.compile("|".join(f"(?:{cue})" for cue in data["other_event_cues"]), re.IGNORECASE)
        self.separate_event = re.compile("|".join(f"(?:{cue})" for cue in data["separate_event_cues"]), re.IGNORECASE)
        self.running_total = re.compile("|".join(f"(?:{cue})" for cue in data["running_totals"]), re.IGNORECASE)
        self._compile_revisions(data)
        # a source told inside the victims' clause ("five people, police said, were killed"): a verb follows it
        word = r"\s+[\w'’-]+"
        verbs = _phrases(sorted({*grammar["finite_verbs"], *grammar["passive_auxiliaries"],
                                 *grammar["singular_auxiliaries"], *grammar["plural_auxiliaries"]}))
        sources = _phrases(data["reporting_verbs"] + data["attribution_markers"])
        self.reporting_insert = re.compile(
            rf",(?:{word}){{0,6}}?\s+(?:{sources})\b(?:{word}){{0,4}}?\s*,?(?=\s+(?:(?:{verbs})\b|{self.death_term.pattern}))",
            re.IGNORECASE,
        )

    def _compile_grammar(self, grammar: dict) -> None:
        """The patterns of the counting rules' function words (conjunctions, auxiliaries, dates, …)."""
        self.hard_stop = re.compile(grammar["hard_stop"])
        self.separator = re.compile(
            rf",(?!\d)\s*(?:(?:{_phrases(grammar['conjunctions'])})\s+)?|\s+(?:{_phrases(grammar['conjunctions'])})\s+",
            re.IGNORECASE)
        self.auxiliaries = re.compile(rf"(?:\s+(?P<w>{_phrases(grammar['auxiliaries'])}))*\s*$", re.IGNORECASE)
        self.finite_verb = _any_of(grammar["finite_verbs"])
        self.conjunction_end = re.compile(rf"\s(?:{_phrases(grammar['conjunctions'])})\s+$", re.IGNORECASE)
        self.passive_before = re.compile(
            rf"\b(?:{_phrases(grammar['passive_auxiliaries'])})\s+(?:\w+{grammar['adverb_ending']}\s+)?$", re.I)
        self.perfect_before = re.compile(
            rf"\b(?:{_phrases(grammar['perfect_auxiliaries'])})\s+(?:\w+{grammar['adverb_ending']}\s+)?$", re.I)
        self.head_breaker = _any_of(grammar["head_breakers"])
        self.of_link = re.compile(rf"\s+(?:{_phrases(grammar['of_words'])})\s+", re.IGNORECASE)
        self.not_counts = re.compile(
            rf"{grammar['date_pattern']}|\b(?:19|20)\d\d\b|\b\d{{1,2}}[:.]\d\d\b|\b\d+(?:\.\d+)+\b"
            r"|\([^()]*\)|\[[^\[\]]*\]",
            re.IGNORECASE,
        )

    def _quantity_pattern(self, data: dict) -> re.Pattern[str]:
        """A count: digits or number words, a range, a vague quantity, with bound prefixes ("at least")."""
        grammar = self.grammar
        words = _phrases(list(self.number_words) + list(self.multiplier_words))
        joiner = _phrases(grammar["conjunctions"][:1])
        number = (
            rf"(?:\d{{1,3}}(?:{grammar.get('thousands_separator', ',')}\d{{3}})+(?![\d])|\d+(?![\d,]\d))"
            rf"|\b(?:a\s+)?(?:{words})\b(?:(?:\s+|-)(?:{joiner}\s+)?(?:{words})\b)*"  # not "cent" in "adolescent"
        )
        prefixes = _phrases(
            data["lower_bound_prefixes"] + data["upper_bound_prefixes"] + data["approximate_prefixes"]
        )
        range_join = rf"(?<=\d)\s*[-–]\s*(?=\d)|\s+(?:{_phrases(grammar['range_words'])}|-|–)\s+"
        between, also = (_phrases([word]) for word in grammar["range_between"])
        units = _phrases(data["non_victim_units"])
        return re.compile(
            rf"(?P<prefix>(?:(?:{prefixes})\s+)*)"
            rf"(?:{between}\s+(?P<b1>{number})\s+{also}\s+(?P<b2>{number})|(?P<n1>{number})(?:{range_join})(?P<n2>{number})"
            rf"|(?P<n>{number})|(?P<vague>{_phrases(list(self.vague))}))"
            rf"(?![\w-]*\s*-?(?:{units})\b)(?!\s*%)(?=[\s,.;:)]|$)",
            re.IGNORECASE,
        )

    def number_value(self, text: str) -> int:
        """Value of digits ("1,200", French "1 200") or number words ("twenty-three", "two dozen", "a hundred"), at
        most MAX_COUNT; 0 for text that is no number (e.g. a superscript "³")."""
        digits = re.sub(r"[,\s\u202f\u00a0]", "", text) if re.fullmatch(r"[\d,\s\u202f\u00a0]+", text) else text
        if digits.isdecimal():  # isdigit() would accept "³", which int() refuses
            return MAX_COUNT if len(digits) > len(str(MAX_COUNT)) else min(int(digits), MAX_COUNT)
        total = current = 0
        for word in self._number_word.findall(text.lower()):
            if word in self.number_words:
                current += self.number_words[word]
            elif word in self.grammar["multiplying_words"]:
                current = (current or 1) * self.multiplier_words[word]
            elif word in self.multiplier_words:
                total += (current or 1) * self.multiplier_words[word]
                current = 0
            total, current = min(total, MAX_COUNT), min(current, MAX_COUNT)
        return min(total + current, MAX_COUNT)

    def quantity_at(self, text: str, start: int) -> _Quantity | None:
        """The quantity opening ``text[start:]`` (after spaces), if any."""
        offset = start + len(text[start:]) - len(text[start:].lstrip())
        match = self.quantity.match(text, offset)
        return self.quantity_from_match(match) if match else None

    def quantity_from_match(self, match: re.Match) -> _Quantity:
        """The quantity a ``self.quantity`` match states."""
        prefix = re.sub(r"\s+", " ", match["prefix"].lower()).strip()
        if match["vague"]:
            vague = re.sub(r"\s+", " ", match["vague"].lower())
            value = self.vague[vague]
            confidence = _APPROXIMATE if vague in self.approximate else _VAGUE
            return _Quantity(value, value, value, match.start(), match.end(), confidence)
        if match["n1"] or match["b1"]:
            bounds = (match["n1"], match["n2"]) if match["n1"] else (match["b1"], match["b2"])
            before = match.string[max(0, match.start() - 60) : match.start()]
            if match["n1"] and self.revised_from and self.revised_from.search(before):
                value = self.number_value(match["n2"])  # « le bilan est passé de cinq à neuf morts »: nine
                return _Quantity(value, value, value, match.start(), match.end(), 0.9)
            low, high = sorted(self.number_value(bound) for bound in bounds)
            return _Quantity(low, round((low + high) / 2), high, match.start(), match.end(), 0.8)
        value = self.number_value(match["n"])
        if any(prefix.startswith(bound) for bound in self.upper_bound_prefixes):
            return _Quantity(min(1, value), value, value, match.start(), match.end(), 0.6)
        return _Quantity(value, value, value, match.start(), match.end(), 0.9)


@lru_cache(maxsize=4)
def load_terms(seeds: Path) -> FatalityTerms:
    """The fatality vocabulary of a seeds folder (cached)."""
    return FatalityTerms(read_yaml(Path(seeds) / TERMS_FILE))


def _mask(text: str, terms: FatalityTerms) -> str:
    """Blank (same length) dates, times, ordinals, parentheticals, running totals ("bringing to 300 the number killed
    this year"), sources told inside a clause and subset clauses: they hold no victim counts."""
    masked = terms.not_counts.sub(lambda m: " " * len(m.group()), text)
    masked = _QUOTES.sub(" ", masked)  # '"Dozens" were killed': a quoted count is a count
    masked = terms.running_total.sub(lambda m: " " * len(m.group()), masked)
    masked = terms.reporting_insert.sub(lambda m: " " * len(m.group()), masked)
    return terms.subset.sub(lambda m: " " * len(m.group()), masked)


def _fixed(value: int, start: int, end: int, confidence: float) -> _Quantity:
    return _Quantity(value, value, value, start, end, confidence)


def _segments(window: str, base: int, terms: FatalityTerms) -> list[tuple[int, str, str]]:
    """Comma/"and"-separated pieces of ``window`` (a quantity such as "between 5 and 7" stays whole):
    absolute offset, text, separator that follows it."""
    quantities = [match.span() for match in terms.quantity.finditer(window)]
    pieces, cursor = [], 0
    for separator in terms.separator.finditer(window):
        if any(start < separator.start() < end for start, end in quantities):
            continue
        pieces.append((base + cursor, window[cursor : separator.start()], separator.group()))
        cursor = separator.end()
    pieces.append((base + cursor, window[cursor:], ""))
    return pieces


def _is_plural_head(segment: str, terms: FatalityTerms) -> bool:
    """Whether the phrase's head noun (its last word before any "of"/preposition/relative) is plural."""
    head_phrase = terms.head_breaker.split(segment)[0]
    words = re.findall(terms.grammar["word"], head_phrase)
    plural = tuple(terms.grammar["plural_endings"])
    return bool(words) and words[-1].lower().endswith(plural) and not words[-1].lower().endswith("ss")


def _head_word(phrase: str, terms: FatalityTerms) -> str:
    """The first word of a noun phrase (lower-cased; "" when it has none)."""
    words = re.findall(terms.grammar["word"], phrase)
    return words[0].lower() if words else ""


def _opening_count(masked: str, start: int, segment: str, terms: FatalityTerms) -> _Quantity | None:
    """A count opening ``segment``: a number, vague quantity, pair word or singular determiner."""
    quantity = terms.quantity_at(masked, start)
    if quantity:
        return quantity
    stripped_at = start + len(segment) - len(segment.lstrip())
    rest = masked[stripped_at : start + len(segment)]
    if match := terms.pair.match(rest):
        return _fixed(2, stripped_at, stripped_at + match.end(), 0.8)
    if match := terms.singular.match(rest):
        if _head_word(rest[match.end():], terms) in terms.non_victim_objects:  # « neutralisé un engin »: a thing
            return None
        if _is_plural_head(rest, terms) and not terms.grammar["determiners_mark_number"]:
            return _fixed(terms.unquantified_plural, stripped_at, stripped_at + match.end(), 0.4)
        return _fixed(1, stripped_at, stripped_at + match.end(), 0.8)
    return None


def _subject_count(
    masked: str, seg_start: int, segment: str, terms: FatalityTerms, aux_words: set[str]
) -> _Quantity | None:
    """Victims in the phrase right before a passive term: its number, else its determiner, else its grammar."""
    seg_end = seg_start + len(segment)
    match = terms.quantity.search(masked, seg_start, seg_end)
    if match and (match["n"] or match["vague"] or match["n1"] or match["b1"]):
        return terms.quantity_from_match(match)
    if segment.strip().lower() in terms.grammar["anaphora"]:
        return None
    opening = _opening_count(masked, seg_start, segment, terms)
    if opening:
        return opening
    grammar = terms.grammar
    if all(word.lower().endswith(grammar["adverb_ending"]) for word in re.findall(grammar["word"], segment)):
        return None
    if aux_words & set(grammar["singular_auxiliaries"]):
        return _fixed(1, seg_start, seg_end, 0.6)
    if aux_words & set(grammar["both_words"]):
        return _fixed(2, seg_start, seg_end, 0.7)
    if aux_words & set(grammar["plural_auxiliaries"]) or _is_plural_head(segment, terms):
        return _fixed(terms.unquantified_plural, seg_start, seg_end, 0.4)
    return _fixed(1, seg_start, seg_end, 0.5)


def _bare_person(segment: str, terms: FatalityTerms) -> bool:
    """A short noun phrase without determiner naming one person ("police chief", "Juan Perez"), not a fronted
    phrase (French « Côté ennemi, »: grammar `phrase_openers`)."""
    words = segment.split()
    if not 1 <= len(words) <= 4 or words[0].lower() in _FUNCTION_WORDS | set(terms.grammar["phrase_openers"]):
        return False
    last = words[-1]
    return bool(_PROPER_NAME.match(segment.strip())) or (last.isalpha() and last.islower() and not last.endswith("s"))


def _victims_before(masked: str, left_end: int, term_end: int, terms: FatalityTerms, nominal: bool) -> _Quantity | None:
    """Victims named before a passive term ("3 soldiers and a civilian were killed")."""
    window_start = max(0, left_end - 250)
    window = masked[window_start:left_end]
    stops = list(terms.back_stop.finditer(window))
    if antecedent := _counted_antecedent(window, stops, terms):  # "the funeral of six villagers who were killed"
        return terms.quantity_from_match(terms.quantity.search(masked, window_start + antecedent[0],
                                                               window_start + antecedent[1]))
    after_word_stop = after_death_term = False
    if stops:
        after_word_stop = stops[-1].group()[-1].isalpha()
        after_death_term = terms.death_term.fullmatch(stops[-1].group()) is not None
        window_start, window = window_start + stops[-1].end(), window[stops[-1].end() :]
    auxiliaries = terms.auxiliaries.search(window)
    aux_words = {w.lower() for w in re.findall(r"\w+", auxiliaries.group())}
    window = window[: auxiliaries.start()]
    if nominal:
        return None if aux_words else _count_before_noun(masked, window_start, window, left_end, term_end, terms)
    segments = [piece for piece in _segments(window, window_start, terms) if piece[1].strip()]
    if after_word_stop and len(segments) > 1 and "," in segments[0][2]:
        segments = segments[1:]
    # after another death term, the farthest phrase ends that one's account (« sept morts côté ami et vingt-six
    # terroristes neutralisés »): no bare person
    return _listed_victims(masked, segments, term_end, terms, aux_words, not after_death_term) if segments else None


def _counted_antecedent(window: str, stops: list[re.Match], terms: FatalityTerms) -> tuple[int, int] | None:
    """The span of a counted noun phrase right before a relative pronoun that a passive term follows ("six villagers
    who were killed"), back to its nearest preposition ("the funeral of"): the victims are the antecedent."""
    if not stops or stops[-1].group().lower() not in terms.grammar["relative_pronouns"] or not (
            terms.auxiliaries.fullmatch(window[stops[-1].end():])):
        return None
    before = window[:stops[-1].start()]
    openers = terms.grammar["of_words"] + terms.grammar["stop_prepositions"]
    start = max((m.end() for m in re.finditer(rf"\b(?:{_phrases(openers)})\b|[,;:]", before, re.IGNORECASE)),
                default=0)
    start = max(start, stops[-2].end() if len(stops) > 1 else 0)
    match = terms.quantity.search(before, start)
    return (match.start(), len(before)) if match and (match["n"] or match["vague"]) else None


def _count_before_noun(masked: str, window_start: int, window: str, left_end: int, term_end: int,
                       terms: FatalityTerms) -> _Quantity | None:
    """The count right before a death noun ("23 deaths", "dozens dead")."""
    singular = masked[left_end:term_end].lower() in terms.grammar["singular_death_nouns"]  # "one death", not "to death"
    tail = " ".join(window.split()[-1 if singular else -3:])
    match = terms.quantity.search(masked, window_start + len(window) - len(tail) - 1, window_start + len(window))
    if match:
        return _Quantity(**{**terms.quantity_from_match(match).__dict__, "end": term_end})
    if tail.split()[-1:] and tail.split()[-1].lower() in terms.grammar["indefinite_articles"]:  # "a fait un mort"
        return _fixed(1, window_start + len(window) - len(tail), term_end, 0.8)
    if not singular and terms.vague_noun_trigger.search(masked[window_start:left_end]):
        return _fixed(terms.unquantified_plural, left_end, term_end, 0.4)
    return None


def _listed_victims(masked: str, segments: list[tuple[int, str, str]], term_end: int, terms: FatalityTerms,
                    aux_words: set[str], bare_person: bool = True) -> _Quantity | None:
    """The victims of the phrases listed before a passive term, added up from the nearest backwards."""
    low = best = high = 0
    first_start, confidence, ones = segments[-1][0], 1.0, True
    for index, (seg_start, segment, _) in enumerate(reversed(segments)):
        finite_verb = terms.finite_verb.search(segment)
        if index == 0 and finite_verb:  # "a suspect was shot and died": the subject precedes "was"
            subject = segment[: finite_verb.start()]
            count = _subject_count(masked, seg_start, subject, terms, {finite_verb.group().lower()})
            if count is None:
                return None
            return _Quantity(count.low, count.best, count.high, count.start, term_end, count.confidence)
        if finite_verb:
            break
        if index == 0:
            count = _subject_count(masked, seg_start, segment, terms, aux_words)
        else:
            count = _opening_count(masked, seg_start, segment, terms)
            if count is None and bare_person and index == len(segments) - 1 and _bare_person(segment, terms):
                count = _fixed(1, seg_start, seg_start + len(segment), 0.6)
        if count is None or (index > 0 and len(segment.split()) > 8):
            break
        low, best, high = low + count.low, best + count.best, high + count.high
        first_start, confidence = count.start, min(confidence, count.confidence)
        ones = ones and count.high == 1
    if best == 0:
        return None
    if ones and aux_words & set(terms.grammar["singular_auxiliaries"]):  # "the bomber, a young man, was killed"
        return _Quantity(1, 1, 1, first_start, term_end, confidence)
    return _Quantity(low, best, high, first_start, term_end, confidence)


def _victims_after(masked: str, right_start: int, limit: int, terms: FatalityTerms) -> _Quantity | None:
    """Victims named after an active term, up to ``limit`` ("killing a woman and her son")."""
    stop = terms.forward_stop.search(masked, right_start, limit)
    # the term's own preposition repeated after a conjunction (« coûté la vie à six gendarmes et à deux civils »)
    preposition = (masked[:right_start].split() or [""])[-1].lower()
    while stop and stop.group().lower() == preposition and terms.conjunction_end.search(masked, right_start,
                                                                                         stop.start()):
        stop = terms.forward_stop.search(masked, stop.end(), limit)
    window_end = stop.start() if stop else limit
    segments = [(start + len(text) - len(rest), rest, separator) for start, text, separator in
                _segments(masked[right_start:window_end], right_start, terms)
                for rest in [re.sub(rf"^\s*{re.escape(preposition)}\s+", "", text) if preposition else text]]
    if len(segments) > 1 and stop and terms.non_fatal.match(masked, stop.start()):
        segments = segments[:-1]  # « la perte de deux soldats et trois blessés »: the three are the wounded
    low = best = high = 0
    last_end, confidence = right_start, 1.0
    for index, (seg_start, segment, _) in enumerate(segments):
        count = _opening_count(masked, seg_start, segment, terms)
        if count is None and index == 0:
            count = _object_without_count(seg_start, segment, terms)
        if count is None:
            break
        low, best, high = low + count.low, best + count.best, high + count.high
        last_end, confidence = seg_start + len(segment.rstrip()), min(confidence, count.confidence)
    if best == 0:
        return None
    return _Quantity(low, best, high, right_start, last_end, confidence)


def _object_without_count(seg_start: int, segment: str, terms: FatalityTerms) -> _Quantity | None:
    """ "killing him" (1), "killing Juan Perez" (1), "killing civilians" (vague plural)."""
    stripped = segment.strip()
    if not stripped:
        return None
    end = seg_start + len(segment)
    if terms.pronoun.fullmatch(stripped) or _PROPER_NAME.match(stripped):
        return _fixed(1, seg_start, end, 0.6)
    if re.fullmatch(r"them\s+(?:both|two)|both\s+of\s+them", stripped, re.IGNORECASE):
        return _fixed(2, seg_start, end, 0.7)
    words = stripped.split()
    if words[0].lower() in terms.grammar["plural_articles"]:  # « des civils »: "des" is no "of" here
        stripped = " ".join(words[1:])
    word = terms.grammar["word"]
    if (
        re.fullmatch(rf"(?:(?:{word}|-)+\s+){{0,3}}{word}", stripped) and stripped.islower()  # « des éleveurs »
        and _is_plural_head(stripped, terms)
        and not {w.lower() for w in stripped.split()} & terms.non_victim_head  # « trois drones armés »: things
    ):
        return _fixed(terms.unquantified_plural, seg_start, end, 0.4)
    return None


def _is_active(masked: str, phrase: str, left_end: int, right_start: int, terms: FatalityTerms) -> bool:
    if phrase not in terms.passive_terms:
        return True
    if phrase not in terms.active_terms:
        return False
    if terms.passive_before.search(masked[:left_end]):
        return False
    if terms.perfect_before.search(masked[:left_end]):  # "have killed": the victims follow, or there are none
        return True
    following = masked[right_start:].lstrip()
    return bool(
        terms.quantity_at(masked, right_start)
        or terms.singular.match(following)
        or terms.pair.match(following)
        or terms.pronoun.match(following)
        or re.match(r"[A-Z][a-z]", following)
    )


def _negated(masked: str, term_start: int, terms: FatalityTerms) -> bool:
    """A negation among the six words before the term, inside its clause ("no people were injured or killed")."""
    clause = re.split(r"[.;:!?,]", masked[max(0, term_start - 80) : term_start])[-1]
    return terms.negation.search(" ".join(clause.split()[-6:])) is not None


def _mentions(masked: str, terms: FatalityTerms) -> tuple[list[_Mention], list[tuple[int, int]]]:
    """Death mentions with their victim counts, and the spans of negated death terms."""
    mentions, negated = _death_term_mentions(masked, terms)
    for manner in terms.manner.finditer(masked):
        quantity = _victims_after(masked, manner.start("victims"), manner.end("victims"), terms)
        if quantity:
            mentions.append(_Mention(quantity, manner.start(), manner.end()))
    mentions.extend(_body_mentions(masked, terms))
    return _deduplicated(mentions), negated


def _death_term_mentions(masked: str, terms: FatalityTerms) -> tuple[list[_Mention], list[tuple[int, int]]]:
    """Mentions of death terms ("killed", "died", "fatalities") and the spans of negated ones."""
    mentions, negated = [], []
    for term in terms.death_term.finditer(masked):
        phrase = re.sub(r"\s+", " ", term.group().lower())
        if phrase.endswith(" of"):
            if not terms.outcome.search(masked[: term.start()]):
                continue
        elif terms.unrealised.search(masked[: term.start()]):
            continue
        if _negated(masked, term.start(), terms):
            negated.append((term.start(), term.end()))
            continue
        joined_before = terms.non_fatal_before.search(masked[: term.start()])
        joined_after = terms.non_fatal_after.match(masked, term.end())
        left_end = joined_before.start() if joined_before else term.start()
        right_start = joined_after.end() if joined_after else term.end()
        nominal = phrase in terms.grammar["nominal_death_terms"]
        if _is_active(masked, phrase, left_end, right_start, terms):
            quantity = _victims_after(masked, right_start, len(masked), terms)
        else:
            quantity = _victims_before(masked, left_end, term.end(), terms, nominal)
        sequence = joined_before and terms.sequence_before.search(masked[: term.start()])  # "kidnapped and killed"
        if quantity and ((joined_before and not sequence) or joined_after):
            quantity = _unknown_share(quantity, terms)
        if quantity:
            mentions.append(_Mention(quantity, term.start(), term.end()))
    return mentions, negated


def _body_mentions(masked: str, terms: FatalityTerms) -> list[_Mention]:
    """Bodies found ("the bodies of three men were found")."""
    mentions = []
    for body in terms.body_term.finditer(masked):
        sentence_end = terms.hard_stop.search(masked[body.end() :])
        sentence = masked[body.start() : body.end() + (sentence_end.start() if sentence_end else len(masked))]
        if not terms.body_found.search(sentence):
            continue
        of_match = terms.of_link.match(masked, body.end())
        quantity = (
            terms.quantity_at(masked, of_match.end())
            if of_match
            else _victims_before(masked, body.start(), body.end(), terms, nominal=True)
        )
        if quantity is None and of_match:
            quantity = _fixed(1, body.start(), body.end(), 0.6)
        if quantity:
            mentions.append(_Mention(quantity, body.start(), body.end()))
    return mentions


def _unknown_share(quantity: _Quantity, terms: FatalityTerms) -> _Quantity | None:
    """Dead and wounded counted together: ACLED's unknown plural if the total reaches it, else nothing."""
    if quantity.low < terms.unquantified_plural:
        return None
    value = terms.unquantified_plural
    return _Quantity(value, value, value, quantity.start, quantity.end, 0.4)


def _deduplicated(mentions: list[_Mention]) -> list[_Mention]:
    """One mention per counted phrase (e.g. "3 dead bodies" is matched by "dead" and "bodies")."""
    kept: list[_Mention] = []
    for mention in sorted(mentions, key=lambda m: (m.quantity.start, -m.quantity.end)):
        if not any(
            _overlaps(mention.quantity.start, mention.quantity.end, k.quantity.start, k.quantity.end) for k in kept
        ):
            kept.append(mention)
    return kept


def _overlaps(start_a: int, end_a: int, start_b: int, end_b: int) -> bool:
    return start_a < end_b and start_b < end_a


def _account_spans(text: str, sentences: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences, each further split after a semicolon (attributed accounts: "23 killed, X said; the
    ministry said 20")."""
    spans = []
    for start, end in sentences:
        cursor = start
        for stop in _ACCOUNT_BREAK.finditer(text, start, end):
            spans.append((cursor, stop.end()))
            cursor = stop.end()
        spans.append((cursor, end))
    return spans


def _conservative_account(masked: str, sentences: Sequence[tuple[int, int]], mentions: list[_Mention],
                          terms: FatalityTerms) -> list[_Mention]:
    """The mentions making up the lowest account of the deaths.

    A later sentence telling an earlier incident ("three weeks after an ambush in which 17 died") is no account;
    one telling a separate incident ("separately", "elsewhere") is another account, never added: the passage's
    event may be either.
    Mentions in one sentence add up; a later sentence saying "also"/"another"/"other" adds its victims (unless
    it restates a counted figure for the same victims), and so does one telling the other side's dead. Any
    other later sentence (a restatement, or an attributed figure) is another account of the same deaths, and
    the lowest account wins — among accounts stating a figure (an unquantified plural is ACLED's guess, not an
    account), and an account repeated inside a fuller one yields to it. A provisional toll (« un premier bilan
    faisait état de huit morts ») yields to an updated one (« selon un nouveau bilan »).
    """
    accounts: list[list[_Mention]] = []
    superseded: list[int] = []  # the accounts told as a provisional toll, when another sentence updates it
    updated = False
    for sentence_start, sentence_end in _account_spans(masked, sentences):
        in_sentence = [m for m in mentions if sentence_start <= m.term_start < sentence_end]
        if terms.updated_toll and in_sentence:  # « le bilan de huit morts a été revu à la hausse à douze morts »: 12
            in_sentence = [m for m, later in zip(in_sentence, [*in_sentence[1:], None], strict=True)
                           if later is None or not terms.updated_toll.search(masked, m.term_end, later.quantity.start)]
        if not in_sentence:
            continue
        sentence = masked[sentence_start:sentence_end]
        if accounts and terms.other_event.search(sentence):  # "a week earlier, an ambush killed 17": not this event
            continue
        # the funeral's dead, then the raid's toll ("the 10 villagers who were killed in the raid, which killed 21"):
        # two accounts of the same deaths, never added
        antecedents = [m for m in in_sentence if _antecedent_count(masked, m, terms)]
        if len(antecedents) == len(in_sentence):
            antecedents = []
        in_sentence = [m for m in in_sentence if m not in antecedents]
        attributed = terms.attribution.search(sentence) is not None
        # "also", "other" before the death term: "two other people were wounded" adds no deaths
        new_victims = terms.additive.search(masked, sentence_start, max(m.term_end for m in in_sentence)) is not None
        separate = terms.separate_event.search(sentence) is not None  # "separately, ...": no addition
        if accounts and not separate and ((new_victims and not attributed)
                                          or _other_side(masked, accounts[-1], in_sentence, terms)):
            accounts[-1].extend(m for m in in_sentence if not _repeated(masked, m, accounts[-1], terms))
        else:
            accounts.append(in_sentence)
            if terms.superseded_toll and terms.superseded_toll.search(sentence):
                superseded.append(id(in_sentence))
        if antecedents:
            accounts.insert(len(accounts) - 1, antecedents)
        updated = updated or bool(terms.updated_toll and terms.updated_toll.search(sentence))
    if updated:
        accounts = [a for a in accounts if id(a) not in superseded] or accounts
    stated = [a for a in accounts if any(m.quantity.confidence > _GUESS and not _unknown_count(masked, m, terms)
                                         for m in a)] or accounts
    fuller = [a for a in stated if not any(_restated_in(a, other) for other in stated)] or stated
    return min(fuller, key=lambda account: (sum(m.quantity.low for m in account), -len(account)))


def _antecedent_count(masked: str, mention: _Mention, terms: FatalityTerms) -> bool:
    """Whether a mention counts the antecedent of a relative clause ("the funeral of the 10 villagers who were
    killed"): dead told again for another reason, whose figure restates (part of) the event's toll."""
    between = masked[mention.quantity.end : mention.term_start]
    pronouns = list(re.finditer(rf"\b(?:{_phrases(terms.grammar['relative_pronouns'])})\b", between, re.IGNORECASE))
    return bool(pronouns) and terms.auxiliaries.fullmatch(between[pronouns[-1].end():]) is not None


def _unknown_count(masked: str, mention: _Mention, terms: FatalityTerms) -> bool:
    """Whether a mention's count only codes an unknown number (« de nombreux éléments »): a guess, as an unquantified
    plural is, beside an account that gives a magnitude (« des dizaines »)."""
    phrase = masked[mention.quantity.start : mention.quantity.end]
    return terms.unknown_count is not None and terms.unknown_count.search(phrase) is not None and not re.search(
        r"\d", phrase)


def _victim_head(masked: str, mention: _Mention, terms: FatalityTerms) -> str:
    """The last words naming a mention's victims (up to three, lower case): "two attackers were also killed": "two
    attackers"."""
    quantity = mention.quantity
    before = quantity.start < mention.term_start
    phrase = masked[quantity.start : mention.term_start] if before else masked[mention.term_end : quantity.end]
    auxiliaries = set(terms.grammar["auxiliaries"])
    words = [w.lower() for w in re.findall(terms.grammar["word"], phrase) if w.lower() not in auxiliaries]
    return " ".join(words[-3:])


def _side(masked: str, mention: _Mention, terms: FatalityTerms) -> bool | None:
    """Whose deaths a mention tells: True for the attackers' side, False for the attacked, None when its victims
    are named by a number or a generic noun only ("three", "five people"): such a count may tell either side."""
    head = _victim_head(masked, mention, terms)
    if terms.assailant.search(head):
        return True
    named = [w for w in head.split() if w not in terms.number_words and w not in terms.vague]
    return None if not named or named[-1] in terms.generic_victims else False


def _other_side(masked: str, account: list[_Mention], sentence: list[_Mention], terms: FatalityTerms) -> bool:
    """Whether a later sentence tells the deaths of the other side, by a figure and by their name ("three soldiers
    were killed" then "two assailants died", not "an unknown number of assailants" nor "five men died"): ACLED
    counts the dead of all sides. An account of generic victims ("killing three") tells the attacked."""
    sides = {bool(_side(masked, m, terms)) for m in account}
    return len(sides) == 1 and all(_side(masked, m, terms) not in (None, *sides) and m.quantity.confidence > _VAGUE
                                   for m in sentence)


def _repeated(masked: str, mention: _Mention, account: list[_Mention], terms: FatalityTerms) -> bool:
    """Whether an "also" mention restates a counted one: the same figure for victims of the same head noun
    ("two policemen were killed" then "the policemen were also killed in the blast")."""
    victims = _victim_head(masked, mention, terms)
    if terms.additive.search(victims):  # "two other policemen were killed": others by their own words
        return False
    head = victims.split()[-1:]
    return any(m.quantity.low == mention.quantity.low and head == _victim_head(masked, m, terms).split()[-1:]
               for m in account)


def _restated_in(account: list[_Mention], other: list[_Mention]) -> bool:
    """Whether another account repeats this one's figure among more victims ("seven soldiers killed" then
    "fifteen assailants neutralised … seven soldiers killed"): the fuller account tells all the deaths."""
    total = sum(m.quantity.low for m in account)
    return len(other) > len(account) and any(m.quantity.low == total for m in other)


def _with_bomber(text: str, masked: str, sentences: Sequence[tuple[int, int]], mentions: list[_Mention],
                 terms: FatalityTerms) -> list[_Mention]:
    """The lowest account of the deaths, plus the suicide bomber who blew himself up, told once: his own death
    is one more in any account ("blew himself up … Three soldiers were killed": 4), unless the account counts
    him already ("killing 20 people, including the bomber": 20) or tells him again ("the bomber also died")."""
    def bomber(mention: _Mention) -> bool:
        return terms.self_detonation.fullmatch(masked[mention.term_start : mention.term_end]) is not None

    def names_bomber(mention: _Mention) -> bool:  # "the bomber", or "the bomber, a young man," before the term
        phrases = [_victim_head(masked, mention, terms)]
        if mention.quantity.start < mention.term_start:
            phrases += [p.strip() for p in masked[mention.quantity.start : mention.term_start].split(",")]
        return any(terms.bomber_head.search(phrase) for phrase in phrases)

    bombers = [m for m in mentions if bomber(m)]
    others = [m for m in mentions if not bomber(m) and not (bombers and m.quantity.low == 1 and names_bomber(m))]
    chosen = _conservative_account(masked, sentences, others, terms) if others else []
    return chosen + bombers[:1] if bombers and not terms.bomber_counted.search(text) else chosen or bombers[:1]


def count_fatalities(text: str, terms: FatalityTerms,
                     sentences: Sequence[tuple[int, int]] | None = None) -> FatalityCount:
    """Reported deaths in an event passage (one or a few sentences), ACLED-style (``fatalities`` = ``low``).

    ``terms``: the vocabulary (``load_terms(settings.seeds)``); ``sentences``: char spans of the passage's sentences
    (default: the shared pre-parse splitter's).
    """
    masked = _mask(text, terms)
    found, negated = _mentions(masked, terms)
    zero_spans = sorted([(m.start(), m.end()) for m in terms.zero.finditer(masked)] + negated)
    mentions = [m for m in found if not any(_overlaps(m.quantity.start, m.term_end, s, e) for s, e in zero_spans)]
    if not mentions:
        if zero_spans:
            start, end = zero_spans[0]
            return FatalityCount(expression=text[start:end], start=start, end=end, confidence=0.9)
        return FatalityCount(confidence=0.5)
    tally_spans = [tally.span("tally") for tally in _TALLY.finditer(masked)]
    tallies = [m for m in mentions if any(start <= m.term_start < end for start, end in tally_spans)]
    if tallies:
        chosen = [tallies[-1]]
    else:
        chosen = _with_bomber(text, masked, sentence_spans(text) if sentences is None else sentences, mentions, terms)
    start = min(min(m.quantity.start, m.term_start) for m in chosen)
    end = max(max(m.quantity.end, m.term_end) for m in chosen)
    low, best, high = (min(sum(getattr(m.quantity, bound) for m in chosen), MAX_COUNT)
                       for bound in ("low", "best", "high"))
    return FatalityCount(
        fatalities=low,
        low=low,
        best=best,
        high=high,
        expression=text[start:end],
        start=start,
        end=end,
        confidence=min(m.quantity.confidence for m in chosen),
    )
