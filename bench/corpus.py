"""Deterministic corpus of full-length synthetic news articles for the benchmarks (no licensed text).

Each article mixes what real conflict reporting holds: a lead event paragraph, casualty and reaction paragraphs,
quotes, background history, politics and economy paragraphs with no event at all, in roughly news proportions.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

PLACES = [("Afmadow", "Lower Juba", "Somalia"), ("Monguno", "Borno", "Nigeria"), ("Gao", "Gao", "Mali"),
          ("Idlib", "Idlib", "Syria"), ("Marib", "Marib", "Yemen"), ("Kandahar", "Kandahar", "Afghanistan"),
          ("Beni", "Nord-Kivu", "Democratic Republic of Congo"), ("Mosul", "Ninewa", "Iraq"),
          ("Djibo", "Sahel", "Burkina Faso"), ("Tripoli", "Tripoli", "Libya")]
ATTACKERS = ["Al-Shabaab fighters", "Boko Haram militants", "unidentified gunmen", "government troops",
             "Islamic State militants", "armed men on motorcycles", "rebel forces", "a local militia"]
VICTIMS = ["civilians", "soldiers", "villagers", "police officers", "farmers", "worshippers", "traders"]
LEADS = [
    "{attacker} attacked {place} in {admin1} on {weekday}, killing {n} {victims}, officials said.",
    "At least {n} {victims} were killed when {attacker} stormed a market in {place}, {admin1}, on {weekday}.",
    "{attacker} clashed with the army near {place} on {weekday}, leaving {n} people dead, a military source said.",
    "An air strike hit a compound in {place}, {admin1}, on {weekday}, killing {n} {victims}, witnesses said.",
    "Hundreds of residents protested in {place} on {weekday} to demand better security after a wave of attacks.",
    "A roadside bomb exploded near a convoy outside {place} on {weekday}, wounding {n} {victims}.",
]
DETAILS = [
    "Witnesses said the attackers arrived before dawn and fired indiscriminately at houses and shops.",
    "The wounded were taken to the main hospital in {admin1}, where doctors said several were in critical condition.",
    "Security forces later sealed off the area and launched a search operation in nearby villages.",
    "Local officials said dozens of families had fled their homes and were sheltering in a school.",
    "A spokesman for the regional governor condemned the violence and promised that the perpetrators would be found.",
    "No group immediately claimed responsibility for the attack.",
]
QUOTES = [
    "\u201cWe heard gunshots for almost an hour and then everything was burning,\u201d said a resident who asked not "
    "to be named.",
    "\u201cThe situation is calm now but people are afraid to return,\u201d a community leader told reporters.",
    "\u201cWe are doing everything we can to protect civilians,\u201d an army spokesman said in a statement.",
]
BACKGROUND = [
    "The region has seen repeated violence since insurgents expanded their operations several years ago.",
    "Last year, the government announced a new strategy to regain control of rural districts.",
    "Humanitarian agencies say more than a million people in {country} depend on food assistance.",
    "The conflict has displaced hundreds of thousands of people and destroyed schools and clinics.",
    "Peace talks between the parties stalled in March after disagreements over a prisoner exchange.",
]
FILLER = [
    "Meanwhile, the central bank kept its benchmark interest rate unchanged, citing rising food prices.",
    "Parliament is expected to debate the national budget next month, with lawmakers divided over spending.",
    "The ministry of health said the vaccination campaign had reached two thirds of its target population.",
    "Farmers in the south reported a good harvest after above-average rainfall during the season.",
    "The national football team will play its next qualifying match in the capital on Saturday.",
    "Officials said new roads and bridges would be completed before the start of the rainy season.",
    "Teachers' unions welcomed the reopening of schools after months of closure.",
    "Analysts said the currency had stabilised after weeks of volatility on regional markets.",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _paragraph(rng: random.Random, bank: list[str], fields: dict, sentences: int) -> str:
    return " ".join(sentence.format(**fields) for sentence in rng.sample(bank, min(sentences, len(bank))))


def synthetic_article(index: int, seed: int = 7) -> dict:
    """One article of about 550-800 words as a JSON-lines record."""
    rng = random.Random(seed * 1_000_003 + index)
    place, admin1, country = rng.choice(PLACES)
    fields = {"place": place, "admin1": admin1, "country": country, "weekday": rng.choice(WEEKDAYS),
              "attacker": rng.choice(ATTACKERS), "victims": rng.choice(VICTIMS), "n": rng.randint(2, 40)}
    lead = rng.choice(LEADS).format(**fields)
    paragraphs = [lead[0].upper() + lead[1:], _paragraph(rng, DETAILS, fields, 3), rng.choice(QUOTES),
                  _paragraph(rng, BACKGROUND, fields, 3)]
    paragraphs += [_paragraph(rng, FILLER, fields, 4) for _ in range(rng.randint(6, 9))]
    paragraphs.insert(3, _paragraph(rng, DETAILS + QUOTES, fields, 2))
    published = date(2020, 1, 1) + timedelta(days=rng.randint(0, 365))
    return {"id": f"bench-{index:07d}", "title": f"Violence in {place}", "published_at": published.isoformat(),
            "source": "Synthetic benchmark wire", "text": "\n\n".join(paragraphs)}


def write_corpus(path: Path, articles: int, seed: int = 7) -> Path:
    """Write `articles` synthetic articles as JSON lines (streamed, constant memory)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for index in range(articles):
            handle.write(json.dumps(synthetic_article(index, seed), ensure_ascii=False) + "\n")
    return path
