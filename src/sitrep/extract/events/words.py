"""Word classes the typing rules read as context cues (lowercased lemmas)."""

from __future__ import annotations

ARMED_WORDS = frozenset("""
soldier troop army military force militant rebel fighter militia militiaman insurgent jihadist
guerrilla guerilla police policeman policemen officer personnel commando gunman combatant
terrorist extremist subversive paramilitary guard battalion brigade unit regiment patrol convoy
position base checkpoint outpost barrack post camp garrison stronghold hideout bunker trench
marine sniper colonel lieutenant sergeant corporal captain commander taliban shabaab haram isis isil daesh jnim isgs adf fardc naf lnf lna gna codeco
ypg sdf pkk hezbollah hamas houthi houthis mujahideen jihadi cadre maoist naxal naxalite bandit
""".split())


STATE_WORDS = frozenset("""
army military troop soldier government regime police policeman force forces fardc marine navy
airforce gendarme gendarmerie officer commando authority state national
""".split())


NONSTATE_WORDS = frozenset("""
militant rebel insurgent jihadist taliban shabaab haram isis isil daesh jnim isgs adf codeco
militia militiaman guerrilla guerilla fighter extremist separatist terrorist islamist mujahideen
houthi houthis ypg sdf pkk hezbollah hamas maoist naxal naxalite bandit gang opposition
""".split())


CIVILIAN_WORDS = frozenset("""
civilian villager resident man woman child boy girl people person farmer herder worshipper
worshiper teacher student journalist pastor priest imam trader merchant motorist passenger
family household driver worker doctor nurse patient refugee idp displaced pedestrian member
activist leader chief elder villager businessman shopkeeper vendor fisherman miner pupil body
inhabitant citizen local community wife husband son daughter mother father baby infant minor
teenager youth politician candidate official councillor councilor aid volunteer monk nun
""".split())


CIVIL_GROUP_WORDS = frozenset("""
mob crowd villager resident youth supporter member student people group relative family
vigilante community party neighbor neighbour trader farmer herder inhabitant local worker migrant
labourer laborer
""".split())


# Words that name membership, not who the people are: "Shining Path members" is no mob (a party is
# political, so its members can be).
MEMBERSHIP_WORDS = frozenset({"member", "group"})


PLACE_WORDS = frozenset("""
town village city district area base position camp hill territory control stronghold region
province airport checkpoint locality county municipality neighbourhood neighborhood island
settlement road highway bridge outpost garrison post headquarters hq zone enclave pocket sector
border crossing valley mountain front frontline airbase port harbour harbor oilfield field
""".split())


WEAPON_WORDS = frozenset("""
weapon arm ammunition explosive bomb ied rifle gun pistol grenade mine mortar shell round cache
detonator device rocket missile launcher ak-47 ak47 munition
""".split())


AID_WORDS = frozenset("aid food medicine supply relief assistance vaccine water tent blanket fuel".split())


WORKER_WORDS = frozenset("""
worker employee doctor nurse teacher driver union staff labourer laborer miner trader lawyer
student vendor farmer pilot official
""".split())


# Cues that turn a generic attack into a sub-type, checked in this order.
SUICIDE_CUES = frozenset({"suicide"})


CHEMICAL_CUES = frozenset({"chlorine", "sarin", "chemical", "mustard", "toxic", "poison"})


AIR_CUES = frozenset("""
airstrike airstrikes warplane jet aircraft drone helicopter gunship aerial air-strike bomber uav
plane airplane sukhoi mig
""".split())


SHELLING_CUES = frozenset("""
shell shelling artillery mortar rocket missile howitzer bombard bombardment projectile katyusha
grad barrage mlrs tank-fire
""".split())


IED_CUES = frozenset("ied ieds landmine mine explosive explosion blast detonate bomb vbied".split())


GRENADE_CUES = frozenset({"grenade"})


FIREARM_CUES = frozenset("""
gun gunfire gunshot gunman shoot shot rifle bullet pistol firearm ak-47 machinegun sniper
""".split())


PRIMITIVE_CUES = frozenset("machete knife stab hack spear arrow stick axe club stone".split())


BEAT_CUES = frozenset("beat beating thrash flog torture assault".split())


CYBER_CUES = frozenset({"cyber", "cyberattack", "cyber-attack", "hacker", "computer", "website", "deface",
                        "malware", "online"})


CLASH_CUES = frozenset("""
clash fighting firefight gunfight battle skirmish exchange crossfire engage engagement combat
counterattack counter-attack confrontation hostility shootout
""".split())


# Protest context.
PROTEST_CONTEXT = frozenset("""
protest protester demonstrate demonstration demonstrator rally demand against denounce slogan
placard banner chant petition march strike grievance condemn oppose sit-in dissatisfaction
""".split())


PROTEST_VIOLENT_CUES = frozenset("""
pelt stone rock vandalize vandalise vandalism torch riot rioter loot burn set smash damage clash
storm attack ransack throw hurl destroy brick molotov rampage injure
""".split())


PROTEST_FORCE_CUES = frozenset("kill shoot live dead death fatally".split())


PROTEST_INTERVENTION_CUES = frozenset("""
disperse tear teargas tear-gas cannon rubber intervene arrest detain baton baton-charge
lathi-charge lathicharge warning charge beat pepper break prevent stop block
""".split())


VIOLENT_FAMILIES = frozenset({"suicide", "chemical", "air", "shelling", "ied", "grenade", "sexual", "abduct",
                              "territory", "clash", "attack", "casualty", "mob", "riot"})


# Nouns that name an act of violence (not a weapon, nor a perpetrator).
EVENT_NOUNS = frozenset("""
attack assault bombing bomb-attack kidnapping abduction murder killing assassination massacre clash raid
ambush explosion blast shelling airstrike bombardment execution torture disappearance shooting
fighting skirmish confrontation hostility offensive incursion strike death
""".split())


WEAPON_FAMILIES = frozenset({"grenade", "shelling", "ied", "air", "chemical"})

