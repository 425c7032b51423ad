"""Event detection and typing: find the events a parsed article reports.

Rules on the dependency parse plus a curated trigger lexicon (`data/events_lexicon.json`):
1. match trigger words (lemmas, compounds like "air strike", verb + object like "take control"):
   `lexicon`, `matching`;
2. drop negated events ("the army did not shell the town") and background ("the war has killed
   100,000 people since 2011"): `filters`;
3. refine each trigger's family from its context (`refine`, `violence`, `protest`, `verbal`): the
   weapon (drone, mortar, IED, grenade), who is hit (soldiers -> armed clash, villagers -> violence
   against civilians), who takes a town (army -> government regains territory), how police met a
   protest (tear gas -> protest with intervention), demands, promises and threats;
4. fold casualty words into the attack they belong to ("attacked ..., killing 3"): `violence`;
5. set modality (asserted, hypothetical, planned), tense, the trigger's clause (`modality`) and a
   score (`detect`).

Types follow PLOVER (event_type, mode) and ACLED's codebook (acled_event_type, sub-type).
"""

from sitrep.extract.events.detect import find_event_mentions, primary_event, violent_incident
from sitrep.extract.events.lexicon import LEXICON_PATH, Family, Lexicon, Trigger, load_lexicon
from sitrep.extract.events.text import prepare_text_for_parsing

__all__ = [
    "LEXICON_PATH",
    "Family",
    "Lexicon",
    "Trigger",
    "find_event_mentions",
    "load_lexicon",
    "prepare_text_for_parsing",
    "primary_event",
    "violent_incident",
]
