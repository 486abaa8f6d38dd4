"""The code stage: sentences written for these tests, coded by the rules of seeds/codebook_rules.yaml."""

import shutil

import pytest
import yaml

from pipeline.extract.code import Codebook, code_candidate
from pipeline.extract.modality import in_grievance, is_hypothetical, is_negated
from pipeline.extract.rules import RuleError
from tests.conftest import SEEDS


def code(nlp, lexicon, codebook, parameters, text: str):
    doc = nlp(text)
    return code_candidate(doc, doc[:], lexicon.triggers.find_in(doc), lexicon.cues.find_in(doc), lexicon, codebook,
                          parameters)


@pytest.fixture
def classify(nlp, lexicon, codebook, parameters):
    def coded_as(text: str):
        result = code(nlp, lexicon, codebook, parameters, text)
        return (result.event_type, result.sub_event_type) if result else None
    return coded_as


@pytest.mark.parametrize("text, expected", [
    ("Government troops clashed with rebels near the border town, and both sides shelled each other's positions.",
     ("Battles", "Armed clash")),
    ("Warplanes carried out airstrikes on the village, killing five civilians.",
     ("Explosions/Remote violence", "Air/drone strike")),
    ("Militants fired mortar rounds at a market in the city centre.",
     ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    ("A roadside bomb exploded as a bus passed through the district.",
     ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
    ("A suicide bomber blew himself up at a checkpoint.", ("Explosions/Remote violence", "Suicide bomb")),
    ("Unknown attackers threw a grenade at a shop.", ("Explosions/Remote violence", "Grenade")),
    ("Gunmen shot dead a farmer in his field.", ("Violence against civilians", "Attack")),
    ("Gunmen attacked a police patrol, killing two officers.", ("Battles", "Armed clash")),
    ("Armed men kidnapped three students from their hostel.",
     ("Violence against civilians", "Abduction/forced disappearance")),
    ("Soldiers raped a woman in the village.", ("Violence against civilians", "Sexual violence")),
    ("Hundreds of nurses protested outside the ministry, demanding unpaid salaries.",
     ("Protests", "Peaceful protest")),
    ("Police fired tear gas to disperse students protesting against fee increases.",
     ("Protests", "Protest with intervention")),
    ("Protesters threw stones at police and set tyres on fire during a demonstration.",
     ("Riots", "Violent demonstration")),
    ("A mob lynched a suspected thief in the market.", ("Riots", "Mob violence")),
    ("Police arrested four opposition activists at their homes.", ("Strategic developments", "Arrests")),
    ("Bomb disposal experts defused an explosive device found near the school.",
     ("Strategic developments", "Disrupted weapons use")),
    ("The two militias signed a ceasefire agreement in the capital.", ("Strategic developments", "Agreement")),
    ("Rebels took control of the town after government forces withdrew following heavy fighting.",
     ("Battles", "Non-state actor overtakes territory")),
    ("The army recaptured the town from the insurgents.", ("Battles", "Government regains territory")),
    # whom a town was taken from is no taker, and every form of the verb counts
    ("The army said it had retaken the town from the insurgents on Sunday.",
     ("Battles", "Government regains territory")),
    ("An intense shoot-out broke out between police and gang members in the slum.", ("Battles", "Armed clash")),
    ("Soldiers captured two rebel fighters near the border.", ("Battles", "Armed clash")),
])
def test_sentences_are_coded_like_acled(classify, text, expected):
    assert classify(text) == expected


@pytest.mark.parametrize("text, expected", [
    # Battles outrank explosions: shelling answered with fire, or heavy weapons used with small arms, is a clash.
    ("Rebels shelled army positions and the troops returned fire.", "Armed clash"),
    ("The rebel forces fired mortars and small arms at the army positions near the town.", "Armed clash"),
    ("The rebel forces fired heavy machine guns at the army positions near the town.",
     "Shelling/artillery/missile attack"),
    ("Fighters fired with unspecified weapons on the positions of the army near the village.", "Armed clash"),
    # Within explosions: air strike > shelling > remote explosive > grenade.
    ("Jets bombed the market after rebels fired rockets at the airport.", "Air/drone strike"),
    ("Insurgents fired grenade launchers at a police station.", "Shelling/artillery/missile attack"),
    ("A car bomb exploded and gunmen threw a grenade at the crowd that gathered.", "Remote explosive/landmine/IED"),
    ("An explosion caused by projectiles of unknown weapons was heard near the frontline.",
     "Shelling/artillery/missile attack"),
    ("A soldier was injured when an unexploded shell left over from the war exploded in a field.", "Other"),
    # Violence: the target decides clash against attack, an unarmed crowd makes it a riot.
    ("Militants shot dead a teacher in front of his school.", "Attack"),
    ("Militants ambushed an army convoy on the highway.", "Armed clash"),
    ("A crowd beat a suspected thief to death in the market.", "Mob violence"),
    ("Two groups of villagers clashed over a land dispute, injuring six people.", "Mob violence"),
    ("Youths clashed with police in the city centre.", "Mob violence"),
    ("Unidentified men set fire to a school building overnight. No one was hurt.", "Looting/property destruction"),
    # Demonstrations: excessive force > intervention > peaceful; a violent crowd makes a riot.
    ("Residents burned tyres and clashed with police, denouncing water cuts.", "Violent demonstration"),
    ("Security forces opened fire with live ammunition on protesters, killing two.",
     "Excessive force against protesters"),
    ("Hundreds of teachers protested outside the ministry; police arrested twelve protesters.",
     "Protest with intervention"),
    ("Journalists held a protest outside the press club against the arrest of their editor and demanded his release.",
     "Peaceful protest"),
    ("Relatives protested after prisoners were killed by guards.", "Peaceful protest"),
    ("Villagers gathered outside the district office to demand clean water.", "Peaceful protest"),
    ("A group of residents blocked the entrance to the landfill for six hours.", "Peaceful protest"),
    # Strategic developments only when nothing violent happened.
    ("Police seized a cache of rifles and ammunition in a raid on a warehouse.", "Disrupted weapons use"),
    ("The troops intercepted and shot down a drone over the base.", "Disrupted weapons use"),
    ("The militia set up checkpoints on the main road.", "Change to group/activity"),
    ("Rebels looted shops and then clashed with soldiers who arrived in the town.", "Armed clash"),
    # Looting by a crowd is a mob's.
    ("A crowd of residents looted warehouses at the port and carried off sacks of rice.", "Mob violence"),
    # Weapons mishaps, warning shots, bases, captured places, assault rifles.
    ("Two militants were killed when the mines they were planting exploded prematurely.", "Disrupted weapons use"),
    ("Border guards fired dozens of warning shots into the air near the river crossing.", "Other"),
    ("Coalition forces established a new base near the oil field.", "Headquarters or base established"),
    ("Troops sent reinforcements to their observation posts along the highway.", "Change to group/activity"),
    ("The army recovered territory after a clash with the rebels near the river.", "Government regains territory"),
    ("Police seized six assault rifles and ammunition from a warehouse.", "Disrupted weapons use"),
    ("A man was shot dead in a vigilante-style killing by unidentified gunmen.", "Attack"),
    ("The warring factions exchanged prisoners at a checkpoint.", "Agreement"),
    ("The government released 300 prisoners to help advance the peace deal.", "Other"),
    ("Militiamen dispersed the march by opening fire on the protesters in the main square.",
     "Excessive force against protesters"),
    # Found bodies are killings; a crowd burning property is a riot.
    ("The body of a young man was found dumped beside the highway with gunshot wounds.", "Attack"),
    ("Early on Sunday a body was found in a sugar cane field outside the town.", "Attack"),
    ("Motorcycle taxi riders burnt a truck after it hit one of their colleagues.", "Mob violence"),
])
def test_codebook_precedence_and_roles(classify, text, expected):
    assert classify(text)[1] == expected


def test_negated_clash_does_not_outrank_the_airstrike(classify):
    coded = classify("Warplanes struck rebel positions; no clashes were reported.")
    assert coded == ("Explosions/Remote violence", "Air/drone strike")


def test_hypothetical_trigger_marks_the_coding_unasserted(nlp, lexicon, codebook, parameters):
    result = code(nlp, lexicon, codebook, parameters, "Rebels threatened to attack the town.")
    assert result is not None and not result.asserted
    doc = nlp("Rebels threatened to attack the town.")
    assert is_hypothetical(doc[3], lexicon.lemmas) and is_hypothetical(doc[1], lexicon.lemmas)


def test_negation_and_grievance_helpers(nlp, lexicon):
    doc = nlp("No clashes were reported in the town.")
    assert is_negated(doc[1], lexicon.lemmas)
    doc = nlp("Workers protested against the arrest of their leader.")
    assert in_grievance(doc[5], lexicon.lemmas) and not in_grievance(doc[1], lexicon.lemmas)


def test_sentence_without_trigger_is_not_an_event(classify):
    assert classify("The minister travelled to Geneva for talks on the budget.") is None


def test_the_deciding_rule_and_trigger_are_reported(nlp, lexicon, codebook, parameters):
    result = code(nlp, lexicon, codebook, parameters, "Gunmen shot dead a farmer in his field.")
    assert (result.rule, result.trigger.term) == ("attack", "shot dead")


def test_a_new_codebook_rule_is_one_entry_and_one_sentence(tmp_path, nlp, lexicon, codebook, parameters):
    sentence = "Prisoners went on hunger strike in the central jail to demand their release."
    assert code(nlp, lexicon, codebook, parameters, sentence).sub_event_type == "Peaceful protest"
    shutil.copytree(SEEDS, tmp_path, dirs_exist_ok=True, ignore=shutil.ignore_patterns("articles"))
    rules = yaml.safe_load((tmp_path / "codebook_rules.yaml").read_text())
    rules["rules"].insert(0, {  # the one entry
        "name": "inmates protesting are a change of activity", "when": "demonstration and 'mob' in cues",
        "sub_event_type": "Change to group/activity", "codebook": "A made-up rule: only the mechanism is tested."})
    (tmp_path / "codebook_rules.yaml").write_text(yaml.safe_dump(rules, sort_keys=False))
    coded = code(nlp, lexicon, Codebook.load(tmp_path, lexicon), parameters, sentence)
    assert coded.sub_event_type == "Change to group/activity"
    assert coded.rule == "inmates protesting are a change of activity"


@pytest.mark.parametrize(("entry", "message"), [
    ({"when": "heavy and kaboom", "sub_event_type": "Attack"}, "unknown name 'kaboom'"),
    ({"when": "heavy and (", "sub_event_type": "Attack"}, "cannot parse"),
    ({"when": "heavy", "sub_event_type": "Drone dance"}, "neither an event type nor a sub-event type"),
    ({"when": "__import__('os')", "sub_event_type": "Attack"}, "Call is not allowed"),
])
def test_a_broken_rule_fails_when_the_table_is_loaded(tmp_path, lexicon, entry, message):
    shutil.copytree(SEEDS, tmp_path, dirs_exist_ok=True, ignore=shutil.ignore_patterns("articles"))
    rules = yaml.safe_load((tmp_path / "codebook_rules.yaml").read_text())
    rules["rules"].append({"name": "broken", **entry})
    (tmp_path / "codebook_rules.yaml").write_text(yaml.safe_dump(rules, sort_keys=False))
    with pytest.raises(RuleError, match=message):
        Codebook.load(tmp_path, lexicon)


@pytest.mark.parametrize("text, expected", [
    # Violence done to the gathering (by armed people, or on the crowd) is an intervention, not a riot ...
    ("Dock workers marched to the port authority over unpaid wages. Riot police beat the marchers with clubs.",
     "Protest with intervention"),
    ("Hundreds of pensioners rallied outside parliament before unknown men attacked the demonstrators with sticks.",
     "Protest with intervention"),
    # ... while the crowd's own violence, or a clash with the police, stays a riot.
    ("Students protesting fee rises hurled stones at the riot police outside the campus.", "Violent demonstration"),
    ("Police clashed with protesters who were blocking the ring road over fuel prices.", "Violent demonstration"),
    # Arrests of several told after the protest sentence make it an intervention; one person's arrest (often the
    # protest's cause) does not.
    ("Nurses held a sit-in at the regional hospital to demand overdue allowances. Eleven of them were detained.",
     "Protest with intervention"),
    ("Nurses held a sit-in at the regional hospital to demand overdue allowances. Several arrests were made.",
     "Protest with intervention"),
    ("Reporters rallied outside the court, demanding the release of a colleague. She was arrested on Monday.",
     "Peaceful protest"),
    # A killing told in a relative clause on someone else is not force against this gathering ...
    ("Relatives of a farmer who was shot dead by the police last week held a protest outside the station.",
     "Peaceful protest"),
    # ... but the crowd's own dead are, and so is live fire at the crowd.
    ("Soldiers fired live bullets at villagers protesting the closure of the border crossing.",
     "Excessive force against protesters"),
    ("Residents banged pots to protest power cuts until police officers began to shoot at the protesters.",
     "Excessive force against protesters"),
])
def test_what_happened_at_a_gathering(classify, text, expected):
    assert classify(text)[1] == expected


@pytest.mark.parametrize("text, expected", [
    # People displaced by fighting, told as the news without a toll, are Other; fighting that kills stays fighting.
    ("Fierce fighting between the army and a local militia forced some 300 families to flee the hamlet.",
     "Other"),
    ("Over a thousand residents were displaced following clashes between two armed factions near the river port.",
     "Other"),
    ("Rebels attacked the army post at dawn and the residents of the nearby village fled.", "Armed clash"),
    ("Hundreds fled after clashes between the army and the rebels that killed six soldiers.", "Armed clash"),
    ("Dozens of households have fled the valley since the attack.", "Attack"),
    # Warning shots hurt no one, near civilians too.
    ("Coast guards fired warning shots into the air as fishermen approached the disputed reef.", "Other"),
    # Territory: hyphenated recaptures and gains of ground are decided by the taker; captured people are no place.
    ("Government troops re-captured the market town of Selo after a week under insurgent control.",
     "Government regains territory"),
    ("The army said its units made territorial gains in the hills east of the capital after driving out rebels.",
     "Government regains territory"),
    ("Soldiers captured three militants of the Northern Brigade on the Kasso front.", "Armed clash"),
])
def test_displacement_warning_shots_and_territory(classify, text, expected):
    assert classify(text)[1] == expected


@pytest.mark.parametrize("text, expected", [
    # Armed men fighting the police are a clash even in a riot's words; youths doing so are a mob.
    ("Three armed men clashed with police at a roadblock on the coastal highway; one of them was wounded.",
     "Armed clash"),
    ("Youths clashed with police at a roadblock on the coastal highway.", "Mob violence"),
    # A weapon named as what was seized or intercepted was not fired: disrupted weapons use, not an explosion.
    ("Customs officers seized four pistols, two hand grenades and an RPG launcher from a truck at the border.",
     "Disrupted weapons use"),
    ("Air defence units intercepted three rockets over the northern suburbs.", "Disrupted weapons use"),
    ("Militants fired three rockets at the northern suburbs.", "Shelling/artillery/missile attack"),
    # Setting off charges is a detonation, not the "destroyed" of property destruction.
    ("Suspected insurgents set off explosives under a culvert and destroyed part of the road.",
     "Remote explosive/landmine/IED"),
])
def test_armed_rioters_seized_weapons_and_detonations(classify, text, expected):
    assert classify(text)[1] == expected


@pytest.mark.parametrize("text, expected", [
    # Two groups that clash are a clash even when the people it killed are civilians ...
    ("Two rival militias clashed near the cattle market, and three people were killed in the crossfire.",
     "Armed clash"),
    ("Park rangers clashed with a band of poachers in the reserve. One ranger was killed.", "Armed clash"),
    # ... while an ambush of civilians, or a shooting "using small arms fire", is an attack.
    ("Gunmen ambushed a minibus on the highway, killing two passengers.", "Attack"),
    ("Unknown gunmen shot dead a farmer in the old town using small arms fire.", "Attack"),
    # Soldiers and police off duty are civilians in ACLED's codebook.
    ("Militants shot dead an off-duty soldier as he walked home from the market.", "Attack"),
    ("Militants shot dead a soldier at a checkpoint outside the town.", "Armed clash"),
    # An attack that the army repels is a clash.
    ("Government troops said they thwarted a rebel attack on their positions east of the river.", "Armed clash"),
])
def test_clash_or_attack(classify, text, expected):
    assert classify(text)[1] == expected


@pytest.mark.parametrize("text, expected", [
    # An armed clash needs two organised armed groups: unarmed people who fight each other, or the police, are a mob
    ("Clashes erupted between villagers and soldiers at the camp during a search operation.", "Mob violence"),
    ("Members of two rival student unions clashed on the campus.", "Mob violence"),
    ("Police and traders clashed at the bus terminal when officers tried to clear the stalls.", "Mob violence"),
    # ... while armed people on either side keep it a clash, in a riot's words too ...
    ("Rebels clashed with soldiers near the border town.", "Armed clash"),
    ("Forest rangers clashed with armed poachers near the waterhole.", "Armed clash"),
    ("Members of a drug gang clashed with police in the port district; four gang members died.", "Armed clash"),
    # ... and a directed word ("raided", "assaulted") names no two sides.
    ("Police assaulted a family in the market for breaking the curfew.", "Attack"),
    ("Young men set fire to a camp of seasonal workers and beat one of them.", "Attack"),
    # A clash told in the background of the act that is the news has no sides: a private fight before a killing
    # is no mob ...
    ("A student was beaten to death near the bus station late on Saturday after a fight with a crowd of young men.",
     "Attack"),
    # ... and the noun a participle describes is a side ("a militia fighting villagers").
    ("Armed men linked to a militia fighting a group of villagers over grazing land burned at least 20 huts.",
     "Attack"),
])
def test_who_fought_decides_clash_or_mob(classify, text, expected):
    assert classify(text)[1] == expected


@pytest.mark.parametrize("text, expected", [
    # Armed authorities who physically stop a gathering intervene, without force too ...
    ("Soldiers stopped demonstrators from pitching tents in the main square.", "Protest with intervention"),
    ("Shopkeepers blocked the main road in the town to protest power cuts, and soldiers worked to reopen it.",
     "Protest with intervention"),
    # ... while watching or escorting it, or a demand that someone stop, is no intervention.
    ("Police escorted the marchers through the city centre as they chanted slogans against the new tax.",
     "Peaceful protest"),
    ("Protesters blocked the highway to demand that the police stop the evictions.", "Peaceful protest"),
])
def test_authorities_restraining_a_gathering(classify, text, expected):
    assert classify(text)[1] == expected


@pytest.mark.parametrize("text, expected", [
    # An abduction in which the victim dies is an attack; one without a death stays an abduction.
    ("The body of a trader who had been kidnapped last week was found in a ditch.", "Attack"),
    ("A kidnapped schoolteacher was found dead on the outskirts of the town two days later.", "Attack"),
    ("Insurgents kidnapped two soldiers at a roadblock and killed them the next day.", "Armed clash"),
    ("Armed men kidnapped three students from their hostel. No one was hurt.", "Abduction/forced disappearance"),
    ("Gunmen abducted a pastor from his church on Sunday; no bodies have been found.",
     "Abduction/forced disappearance"),
    ("Gunmen abducted a pastor from his church on Sunday. Nobody died in the raid.",
     "Abduction/forced disappearance"),
    # Armed groups that "arrest" people abduct them; the state's arrests stay arrests.
    ("A militia detained a local journalist at its checkpoint outside the town.", "Abduction/forced disappearance"),
    ("Jihadist fighters detained two traders on the road to the market.", "Abduction/forced disappearance"),
    ("Police arrested four opposition activists at their homes.", "Arrests"),
    # Suicide bombers killed or arrested are armed people, not a bombing.
    ("Soldiers killed three suicide bombers near the frontier hills.", "Armed clash"),
    ("Police arrested two suicide bombers at a checkpoint in the capital.", "Arrests"),
    # The unit a victim belongs to, by its owner, makes the victim armed.
    ("Masked men shot dead a member of the army's 9th Division outside his house.", "Armed clash"),
    ("Gunmen shot dead a son of the farmer's neighbour outside his house.", "Attack"),
    ("A suicide bomber struck a crowded market, killing nine people.", "Suicide bomb"),
])
def test_captors_captives_and_bombers(classify, text, expected):
    assert classify(text)[1] == expected


@pytest.mark.parametrize("text, expected", [
    # Air power that backs a ground operation is its support: the fighting is the event.
    ("An operation by army commandos, backed by airstrikes, killed twelve insurgents in the valley.", "Armed clash"),
    ("Police special units supported by the air force raided a rebel hideout, killing five fighters.", "Armed clash"),
    ("Warplanes carried out airstrikes on the village, killing five civilians.", "Air/drone strike"),
])
def test_air_support_of_a_ground_operation(classify, text, expected):
    assert classify(text)[1] == expected


@pytest.mark.parametrize("text, expected", [
    # Reinforcements told around fighting elsewhere or earlier change the group's activity; told fighting stays.
    ("Rebel reinforcements arrived at the northern front as battles continue in the hills.",
     "Change to group/activity"),
    ("The army sent reinforcements to the province after a clash occurred there on Sunday.",
     "Change to group/activity"),
    ("Fighting continued near the bridge as the army deployed reinforcements.", "Armed clash"),
    ("The army deployed reinforcements after clashes that killed six soldiers.", "Armed clash"),
])
def test_forces_moved_amid_fighting(classify, text, expected):
    assert classify(text)[1] == expected


@pytest.mark.parametrize("text, expected", [
    # A raid that only takes goods is looting; one that hurts or kills people is an attack.
    ("Insurgents raided several homes in the village, taking away food, goats and motorcycles.",
     "Looting/property destruction"),
    ("Gunmen attacked a bus on the highway, robbed the passengers and shot dead the driver.", "Attack"),
    ("Bandits raided the market and carried off sacks of grain; two traders were wounded.", "Attack"),
    ("Militants stormed the hamlet, beheaded a farmer and looted the granary.", "Attack"),
])
def test_raids_for_goods(classify, text, expected):
    assert classify(text)[1] == expected


@pytest.mark.parametrize("text, expected", [
    # A crowd that punishes a suspect itself is a mob, however angry ...
    ("Angry residents lynched two men accused of stealing a motorbike.", ("Riots", "Mob violence")),
    ("An angry crowd administered jungle justice to a man caught breaking into a shop.", ("Riots", "Mob violence")),
    # ... while an angry crowd that marches over a killing still protests.
    ("Angry residents marched to the governor's office to protest against the killing of a trader.",
     ("Protests", "Peaceful protest")),
])
def test_crowd_justice_is_mob_violence(classify, text, expected):
    assert classify(text) == expected
