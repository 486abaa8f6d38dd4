"""French resources that need no model: the date finder and the death counts read with the French vocabulary."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.extract.parameters import ExtractionParameters
from pipeline.normalize.dates import nearest_date
from pipeline.normalize.fatalities import count_fatalities, load_terms
from pipeline.normalize.relative_dates import RelativeDateFinder
from pipeline.settings import PROJECT_ROOT

SEEDS = PROJECT_ROOT / "seeds"
FRENCH = SEEDS / "languages" / "fr"
WEDNESDAY = date(2024, 2, 14)


@pytest.fixture(scope="module")
def find_dates():
    rules = ExtractionParameters.load(SEEDS).dates
    finder = RelativeDateFinder.load(FRENCH)
    return lambda text: [(d.expression, d.event_date, d.time_precision) for d in finder(text, WEDNESDAY, rules)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Les assaillants ont frappé lundi soir.", ("lundi soir", date(2024, 2, 12), 1)),
    ("L'attaque a eu lieu hier mardi à l'aube.", ("hier mardi à l'aube", date(2024, 2, 13), 1)),
    ("Un camp a été visé dans la nuit de samedi à dimanche.", ("dans la nuit de samedi à dimanche",
                                                                date(2024, 2, 10), 1)),
    ("Le poste a été attaqué dans la nuit de samedi à dimanche, vers 3 heures du matin.",
     ("dans la nuit de samedi à dimanche, vers 3 heures du matin", date(2024, 2, 11), 1)),
    ("Des tirs ont été entendus ce mercredi.", ("ce mercredi", date(2024, 2, 14), 1)),
    ("Le convoi est tombé dans une embuscade mercredi dernier.", ("mercredi dernier", date(2024, 2, 7), 1)),
    ("Deux élus ont été enlevés la veille.", ("la veille", date(2024, 2, 13), 1)),
    ("Le marché avait été pillé le 3 février dernier.", ("3 février dernier", date(2024, 2, 3), 1)),
    ("La grève a duré du 5 au 7 février.", ("du 5 au 7 février", date(2024, 2, 5), 2)),
    ("Des combats ont éclaté le 28 décembre.", ("28 décembre", date(2023, 12, 28), 1)),
    ("Le village a été attaqué il y a trois jours.", ("il y a trois jours", date(2024, 2, 11), 1)),
    ("Les pillages se sont multipliés la semaine dernière.", ("la semaine dernière", date(2024, 2, 5), 2)),
])
def test_french_date_expressions_resolve_against_publication(find_dates, text, expected):
    assert expected in find_dates(text)


def test_counts_and_ranks_are_no_dates(find_dates):
    assert find_dates("Sept soldats et le 2e bataillon ont été déployés.") == []


@pytest.fixture(scope="module")
def french_terms():
    return load_terms(FRENCH)


@pytest.mark.parametrize(("text", "deaths"), [
    ("Onze gendarmes ont été tués et quatre autres blessés jeudi.", 11),
    ("Les assaillants ont ouvert le feu sur la foule, faisant au moins quatorze morts.", 14),
    ("Une douzaine de villageois auraient été tués par les miliciens.", 12),
    ("Des dizaines de civils ont péri dans l'incendie du camp.", 12),
    ("Les rebelles ont tué deux enseignants et un infirmier.", 3),
    ("L'armée affirme avoir neutralisé vingt-et-un terroristes.", 21),
    ("Le bombardement n'a fait aucune victime, selon la mairie.", 0),
    ("Trente-deux blessés ont été évacués vers l'hôpital.", 0),
    ("Quatre-vingt-dix personnes ont perdu la vie.", 90),
    ("Huit passagers d'un car de transport ont été tués.", 8),  # "car" the bus, not the conjunction
    ("Deux enfants ont été tués lorsque des obus sont tombés sur leur maison.", 2),  # shells fall, nobody dies
    ("Au moins douze civils ont été tués. Les assaillants les ont exécutés un par un.", 12),  # "les" refers back
    ("Cinq soldats ont été tués mardi. Le communiqué de l'armée annonce vingt assaillants neutralisés, et fait état "
     "de cinq militaires tués.", 25),  # the fuller account repeats the first one's figure
    ("Trois gendarmes sont tombés au champ d'honneur lors de l'embuscade.", 3),
    # the dead of both sides told in separate sentences add up, the bomber counted
    ("Six soldats ont péri dans l'attaque du poste. Onze assaillants ont été neutralisés par la riposte.", 17),
    ("Quatre fidèles ont été tués devant l'église. Un kamikaze s'est fait exploser à l'entrée.", 5),
    ("Trois gardes ont été tués quand un kamikaze s'est fait exploser. Un témoin dit qu'il s'est fait exploser.", 4),
    ("Deux civils ont été tués par les assaillants. Deux civils ont également été tués, selon la mairie.", 2),
    ("Neuf soldats ont été tués dans l'embuscade. Il y a deux semaines, un soldat avait été tué au même endroit.", 9),
    ("Des hommes armés ont tué des éleveurs près du puits.", 10),
    ("Les soldats ont neutralisé quatre assaillants et deux militaires ont été tués.", 6),
    # after a death term, the rest of its phrase is no victim of the next one (« côté ami » is no person)
    ("Le bilan s'élève à trois morts côté ami et onze assaillants neutralisés.", 14),
    ("Les assaillants ont tué le chef du village et son fils.", 2),  # « son fils » is one
    # an approximate noun of the other side, told later, is a figure and adds up; « plusieurs » stays vague
    ("Neuf soldats ont été tués dans l'attaque. Une quinzaine d'assaillants ont été neutralisés par la riposte.", 24),
    ("Deux soldats ont été tués. Plusieurs terroristes ont été neutralisés.", 2),
    # a revised toll: the range after « passé de » is its last figure; an updated toll replaces a provisional one
    ("Le bilan de l'attaque est passé de quatre à onze morts, selon l'hôpital.", 11),
    ("Un premier bilan faisait état de six morts. Selon un nouveau bilan, l'attaque a fait dix-neuf morts.", 19),
    ("Six civils ont été tués, selon un bilan provisoire. Des témoins parlent de quinze morts.", 6),  # no update
    ("Le bilan provisoire de cinq morts a été revu à la hausse à treize morts.", 13),
    ("L'embuscade a coûté la vie à trois soldats et à un guide.", 4),  # the term's « à » repeated
    # a fronted phrase is no victim (« Côté ennemi, »)
    ("L'armée compte quatre morts côté ami. Côté ennemi, une vingtaine de terroristes ont été neutralisés.", 24),
    # one subject of a singular verb: « Le kamikaze, un adolescent, » is the bomber, counted once
    ("Un kamikaze s'est fait exploser devant le marché, tuant trois passants. Le kamikaze, un adolescent, a "
     "également péri.", 4),
    ("L'armée déplore la perte de trois soldats et quatre blessés.", 3),  # the four are the wounded
    ("Un jeune homme soupçonné de vol a été battu à mort par des riverains.", 1),
    ("Un adolescent a été tué par une balle perdue.", 1),  # « cent » inside « adolescent » is no number
    # « de nombreux » codes an unknown count: the account giving a magnitude (« des dizaines ») is the figure
    ("Des dizaines de civils auraient été tués, selon des habitants. L'armée dit avoir neutralisé de nombreux "
     "combattants.", 12),
])
def test_french_death_counts(french_terms, text, deaths):
    assert count_fatalities(text, french_terms).fatalities == deaths


def test_a_weekday_or_a_date_ahead_is_after_publication(find_dates):
    """« mardi prochain » is a plan: its date stays after publication (never clipped to it), so that the decision
    stage rejects the candidate (seeds/decision_rules.yaml, after publication)."""
    assert find_dates("Une nouvelle grève est prévue mardi prochain.") == [("mardi prochain", date(2024, 2, 20), 1)]
    assert find_dates("La marche aura lieu mercredi prochain.") == [("mercredi prochain", date(2024, 2, 21), 1)]
    assert find_dates("Le procès s'ouvrira le 3 mars prochain.") == [("3 mars prochain", date(2024, 3, 3), 1)]


@pytest.mark.parametrize(("text", "deaths"), [
    ("Les FAMa ont neutralisé dimanche un engin explosif improvisé enfoui sur la route.", 0),
    ("Les soldats ont neutralisé un terroriste près du poste.", 1),
    ("Les démineurs ont neutralisé une mine. Il n'y a eu ni victime ni dégât.", 0),
    # a perfect auxiliary without « été »: the subject is the agent, not the victims
    ("Les militaires ont neutralisé deux engins explosifs sur la route de Bandiagara.", 0),
    ("Les forces de défense ont abattu samedi trois drones armés au-dessus du camp.", 0),
])
def test_neutralising_a_thing_kills_nobody(french_terms, text, deaths):
    assert count_fatalities(text, french_terms).fatalities == deaths


@pytest.mark.parametrize(("sentence", "over_period"), [
    ("La province est confrontée depuis plusieurs années aux attaques des groupes armés.", True),
    ("Le village est sous blocus depuis trois mois.", True),
    ("Les assaillants ont attaqué le village depuis la colline.", False),
])
def test_french_histories_are_over_a_period(french_terms, sentence, over_period):
    assert (french_terms.period.search(sentence) is not None) == over_period


@pytest.mark.parametrize(("text", "trigger", "expected"), [
    # the day a plan was announced is not the day it is for ...
    ("Les syndicats ont annoncé mercredi une grève générale illimitée à partir de lundi prochain.", "grève",
     date(2024, 2, 19)),
    # ... and the day the news was learned is not the day of the attack
    ("Un poste a été attaqué, a-t-on appris mardi, et deux soldats ont été tués samedi.", "attaqué",
     date(2024, 2, 10)),
])
def test_the_day_of_a_french_statement_is_not_the_event_day(text, trigger, expected):
    finder, rules = RelativeDateFinder.load(FRENCH), ExtractionParameters.load(SEEDS).dates
    dates = finder(text, WEDNESDAY, rules)
    assert nearest_date(text, dates, text.index(trigger), [0]).event_date == expected
